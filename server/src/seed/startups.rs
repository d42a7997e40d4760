//! The startup showcase at the real exchange's scale: 1,050 projects from 284 organisations
//! (the stalls, then universities, institutes and incubators of their own), the city's two
//! startup funds and twenty other investors, the demo member as an approved angel, a few
//! projects and profiles waiting for a moderator, and investors who accepted the terms of the
//! demo stall's projects and looked at them. `scale` multiplies projects and organisations.

use app::db::Db;

use super::Rng;

/// Projects at scale 1.
pub const PROJECTS: usize = 1_050;
/// Organisations presenting them at scale 1.
pub const ORGANISATIONS: usize = 284;

const DAY_MS: i64 = 86_400_000;
/// Years the projects were published over.
const YEARS: i64 = 8;

/// What the projects build (a technology), and where it is used.
/// Each technology's sector, in the same order.
const TECHNOLOGY_SECTORS: [&str; 30] = [
    "nong-nghiep",
    "moi-truong",
    "cong-nghe-thong-tin",
    "nong-nghiep",
    "moi-truong",
    "vat-lieu-xay-dung",
    "thuy-san",
    "cong-nghe-thong-tin",
    "co-khi",
    "nong-nghiep",
    "nong-nghiep",
    "nang-luong",
    "cong-nghe-thong-tin",
    "cong-nghe-thong-tin",
    "moi-truong",
    "vat-lieu-xay-dung",
    "thuy-san",
    "che-bien-thuc-pham",
    "cong-nghe-thong-tin",
    "co-khi",
    "nang-luong",
    "che-bien-thuc-pham",
    "y-te",
    "cong-nghe-thong-tin",
    "co-khi",
    "thuy-san",
    "co-khi",
    "nang-luong",
    "cong-nghe-thong-tin",
    "tu-van-chuyen-giao",
];

const TECHNOLOGIES: [&str; 30] = [
    "Máy sấy lúa năng lượng mặt trời",
    "Cảm biến độ mặn nước sông",
    "Ứng dụng truy xuất nguồn gốc trái cây",
    "Hệ thống tưới nhỏ giọt thông minh",
    "Chế phẩm vi sinh xử lý rơm rạ",
    "Bao bì sinh học từ bã mía",
    "Thiết bị cho tôm ăn tự động",
    "Nền tảng kết nối thương lái và nông dân",
    "Máy bóc vỏ dừa bán tự động",
    "Phân bón hữu cơ từ phụ phẩm thủy sản",
    "Drone phun thuốc cho ruộng lúa",
    "Kho lạnh mini dùng điện mặt trời",
    "Phần mềm quản lý hợp tác xã",
    "Chatbot tư vấn kỹ thuật canh tác",
    "Máy lọc nước nhiễm phèn hộ gia đình",
    "Gạch không nung từ tro trấu",
    "Cảm biến chất lượng nước ao nuôi",
    "Dây chuyền chế biến khô cá tra",
    "Hệ thống dự báo sâu bệnh bằng ảnh",
    "Xe điện chở hàng nông thôn",
    "Than sinh học từ vỏ trấu",
    "Mỹ phẩm từ tinh dầu bưởi",
    "Nấm dược liệu trồng trong nhà kính",
    "Nền tảng học nghề trực tuyến",
    "Robot hái dừa",
    "Thức ăn chăn nuôi từ ấu trùng ruồi lính đen",
    "Máy đo độ ẩm hạt cầm tay",
    "Hệ thống điện mặt trời áp mái cho trang trại",
    "Sàn thương mại điện tử đặc sản vùng",
    "Giải pháp chuyển đổi số cho làng nghề",
];

/// Where each is used, to make every name its own.
const PLACES: [&str; 12] = [
    "cho hộ nhỏ",
    "cho hợp tác xã",
    "vùng ven biển",
    "vùng lũ",
    "cho làng nghề",
    "quy mô công nghiệp",
    "cho trường học",
    "cho chợ nổi",
    "vùng Đồng Tháp Mười",
    "vùng Tứ giác Long Xuyên",
    "cho trang trại gia đình",
    "thế hệ mới",
];

/// Whom a pitch serves.
const FOR_WHOM: [&str; 8] = [
    "nông dân trồng lúa",
    "người nuôi tôm",
    "hợp tác xã trái cây",
    "doanh nghiệp chế biến",
    "hộ gia đình nông thôn",
    "thương lái và chợ đầu mối",
    "làng nghề truyền thống",
    "trường học và bệnh viện",
];

/// Organisations that are not stalls: universities, institutes and incubators.
const OTHER_ORGANISATIONS: [&str; 11] = [
    "Trường Đại học Cần Thơ",
    "Viện Lúa Đồng bằng sông Cửu Long",
    "Vườn ươm doanh nghiệp công nghệ Cần Thơ",
    "Trường Đại học Kỹ thuật – Công nghệ Cần Thơ",
    "Trường Đại học Nam Cần Thơ",
    "Viện Cây ăn quả miền Nam",
    "Trung tâm Khởi nghiệp đổi mới sáng tạo Cần Thơ",
    "Trường Đại học Tây Đô",
    "Trường Cao đẳng Kỹ thuật Cao Thắng – phân hiệu Cần Thơ",
    "Hội Doanh nhân trẻ Cần Thơ",
    "Trường Đại học FPT Cần Thơ",
];

const GIVEN: [&str; 12] = [
    "An", "Bình", "Châu", "Dũng", "Giang", "Hạnh", "Khoa", "Linh", "Minh", "Ngọc", "Phúc", "Tâm",
];
const FAMILY: [&str; 8] = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Đặng", "Bùi"];
const ROLES: [&str; 6] = [
    "Sáng lập, điều hành",
    "Đồng sáng lập, kỹ thuật",
    "Kỹ sư",
    "Phụ trách kinh doanh",
    "Cố vấn khoa học",
    "Tài chính",
];

const STAGES: [&str; 5] = ["idea", "prototype", "pilot", "revenue", "scaling"];
const KINDS: [&str; 4] = ["grant", "equity", "loan", "prize"];

/// (kind, name, about, ticket min, ticket max in million đồng, sector codes, stage codes)
type Investor = (
    &'static str,
    &'static str,
    &'static str,
    i64,
    i64,
    &'static [&'static str],
    &'static [&'static str],
);

/// The city's two startup funds first, then others.
const INVESTORS: [Investor; 8] = [
    (
        "fund",
        "Quỹ Hỗ trợ khởi nghiệp đổi mới sáng tạo thành phố Cần Thơ",
        "Quỹ của thành phố hỗ trợ và đầu tư vào dự án khởi nghiệp đổi mới sáng tạo giai đoạn sớm.",
        200,
        3_000,
        &[],
        &["idea", "prototype", "pilot"],
    ),
    (
        "fund",
        "Quỹ Phát triển khoa học và công nghệ thành phố Cần Thơ",
        "Quỹ của thành phố tài trợ, cho vay ưu đãi để hoàn thiện và thương mại hóa công nghệ.",
        500,
        10_000,
        &[],
        &["prototype", "pilot", "revenue"],
    ),
    (
        "public",
        "Chương trình hỗ trợ doanh nghiệp nhỏ và vừa đổi mới công nghệ",
        "Chương trình của thành phố hỗ trợ doanh nghiệp nhỏ và vừa đổi mới, ứng dụng công nghệ.",
        100,
        2_000,
        &[],
        &["pilot", "revenue", "scaling"],
    ),
    (
        "fund",
        "Quỹ Đầu tư Nông nghiệp Mekong",
        "Đầu tư vào công nghệ nông nghiệp, thủy sản và chế biến vùng Đồng bằng sông Cửu Long.",
        2_000,
        30_000,
        &["nong-nghiep", "thuy-san", "che-bien-thuc-pham"],
        &["revenue", "scaling"],
    ),
    (
        "corporate",
        "Tổng công ty Thủy sản Tây Nam – Quỹ đổi mới",
        "Doanh nghiệp thủy sản tìm công nghệ nuôi trồng và chế biến để hợp tác, góp vốn.",
        1_000,
        15_000,
        &["thuy-san", "che-bien-thuc-pham"],
        &["pilot", "revenue"],
    ),
    (
        "angel",
        "Mạng lưới nhà đầu tư thiên thần Cần Thơ",
        "Các doanh nhân thành phố rót vốn và kèm cặp dự án giai đoạn đầu.",
        100,
        1_500,
        &[],
        &["idea", "prototype"],
    ),
    (
        "corporate",
        "Công ty Cổ phần Năng lượng Xanh Miền Tây",
        "Tìm giải pháp năng lượng tái tạo và tiết kiệm điện cho nông thôn.",
        500,
        8_000,
        &["nang-luong"],
        &["prototype", "pilot", "revenue"],
    ),
    (
        "angel",
        "Trần Quốc Bảo",
        "Doanh nhân ngành chế biến, đầu tư thiên thần vào công nghệ thực phẩm.",
        200,
        2_000,
        &["che-bien-thuc-pham"],
        &["prototype", "pilot"],
    ),
];

/// A one-page pitch deck.
const DECK: &str = "%PDF-1.4
1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 842 595] /Contents 4 0 R
   /Resources << /Font << /F1 5 0 R >> >> >> endobj
4 0 obj << /Length 88 >> stream
BT /F1 36 Tf 72 420 Td (Pitch deck) Tj 0 -60 Td /F1 20 Tf (techx demo startup) Tj ET
endstream endobj
5 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj
trailer << /Root 1 0 R >>
%%EOF
";

/// The seeded investors' and organisations' accounts cannot log in: a hash of nothing typable.
const NO_LOGIN: &str = "!seeded-account";

/// The member account an organisation or investor presents itself through; its id.
async fn account(db: &Db, email: &str, name: &str, now: i64) -> anyhow::Result<i64> {
    sqlx::query(
        "INSERT INTO users (email, display_name, password_hash, role, created_at, email_confirmed_at)
         VALUES ($1, $2, $3, 'member', $4, $4) ON CONFLICT (email) DO NOTHING",
    )
    .bind(email)
    .bind(name)
    .bind(NO_LOGIN)
    .bind(now)
    .execute(db)
    .await?;
    Ok(sqlx::query_scalar("SELECT id FROM users WHERE email = $1")
        .bind(email)
        .fetch_one(db)
        .await?)
}

/// Seeds the showcase; how many projects were added.
pub async fn seed(
    db: &Db,
    media: &dyn app::media::ObjectStore,
    scale: usize,
    now: i64,
) -> anyhow::Result<u64> {
    let stalls: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT id, name, province_code FROM stalls WHERE status = 'approved' ORDER BY id",
    )
    .fetch_all(db)
    .await?;
    let organisations = ORGANISATIONS * scale;
    // (account, stall, province) of each organisation.
    let mut orgs = Vec::with_capacity(organisations);
    for i in 0..organisations {
        let (name, stall, province) = match stalls.get(i) {
            Some((id, name, province)) => (name.clone(), Some(*id), province.clone()),
            None => {
                let base = OTHER_ORGANISATIONS[i % OTHER_ORGANISATIONS.len()];
                let n = i / OTHER_ORGANISATIONS.len();
                let name = if n == 0 {
                    base.to_owned()
                } else {
                    format!("{base} – nhóm {}", n + 1)
                };
                (name, None, "can-tho".to_owned())
            }
        };
        let email = format!("to-chuc-{:04}@khoi-nghiep.techx.demo", i + 1);
        orgs.push((account(db, &email, &name, now).await?, stall, province));
    }
    let total = PROJECTS * scale;
    let mut added = 0;
    let mut tx = db.begin().await?;
    for i in 0..total {
        let mut rng = Rng::for_item(48, i as u64);
        let (owner, stall, province) = &orgs[i % orgs.len()];
        let technology = TECHNOLOGIES[i % TECHNOLOGIES.len()];
        let sector = TECHNOLOGY_SECTORS[i % TECHNOLOGIES.len()];
        let place = PLACES[(i / TECHNOLOGIES.len()) % PLACES.len()];
        let round = i / (TECHNOLOGIES.len() * PLACES.len());
        let name = if round == 0 {
            format!("{technology} {place}")
        } else {
            format!("{technology} {place} ({})", round + 1)
        };
        let slug = format!(
            "{}-{}",
            app::domain::Slug::from_title(&name).as_str(),
            i + 1
        );
        // Later stages are rarer; a project's TRL follows its stage.
        let stage_index = [0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 4][rng.below(11)];
        let stage = STAGES[stage_index];
        let trl = (2 + 2 * stage_index as i64 + rng.below(2) as i64).min(9);
        let kind = KINDS[rng.below(KINDS.len())];
        let sought = (1 + rng.below(60) as i64) * 100_000_000 * (1 + stage_index as i64);
        let raised = if stage_index == 0 || rng.below(3) == 0 {
            0
        } else {
            sought * (rng.below(50) as i64) / 100
        };
        let published_at = now - (i as i64 * YEARS * 365 * DAY_MS) / total as i64 - DAY_MS;
        // The newest few wait for a moderator; one in 150 was refused.
        let (status, note) = if i < 6 * scale {
            ("pending", None)
        } else if i % 150 == 7 {
            (
                "rejected",
                Some("Cần bổ sung mô tả công nghệ và số liệu thử nghiệm."),
            )
        } else {
            ("published", None)
        };
        let whom = FOR_WHOM[rng.below(FOR_WHOM.len())];
        let pitch = format!("{technology} giúp {whom} {place} giảm chi phí và tăng thu nhập.");
        let description = format!(
            "{name} là dự án khởi nghiệp đổi mới sáng tạo của vùng Đồng bằng sông Cửu Long.\n\n\
             **Vấn đề.** {whom} còn phụ thuộc vào cách làm thủ công, tốn công và hao hụt.\n\n\
             **Giải pháp.** {technology} được thiết kế cho điều kiện địa phương, dễ lắp đặt, \
             bảo trì bằng linh kiện trong nước.\n\n\
             **Kế hoạch.** Hoàn thiện sản phẩm, mở rộng thử nghiệm và tìm đối tác phân phối."
        );
        let id: Option<i64> = sqlx::query_scalar(
            "INSERT INTO startup_projects (slug, owner_id, stall_id, name, pitch, description,
                 sector_code, province_code, stage, trl, funding_sought, funding_kind,
                 funding_raised, status, review_note, published_at, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $17)
             ON CONFLICT (slug) DO NOTHING RETURNING id",
        )
        .bind(&slug)
        .bind(owner)
        .bind(stall)
        .bind(&name)
        .bind(&pitch)
        .bind(&description)
        .bind(sector)
        .bind(province)
        .bind(stage)
        .bind(trl)
        .bind(sought)
        .bind(kind)
        .bind(raised)
        .bind(status)
        .bind(note)
        .bind((status == "published").then_some(published_at))
        .bind(published_at - 3 * DAY_MS)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(id) = id else { continue };
        added += 1;
        for position in 0..2 + rng.below(3) {
            let person = format!(
                "{} {} {}",
                FAMILY[rng.below(FAMILY.len())],
                ["Văn", "Thị", "Minh", "Hoàng"][rng.below(4)],
                GIVEN[rng.below(GIVEN.len())]
            );
            sqlx::query(
                "INSERT INTO startup_team (project_id, position, name, role) VALUES ($1, $2, $3, $4)",
            )
            .bind(id)
            .bind(position as i64 + 1)
            .bind(person)
            .bind(ROLES[position.min(ROLES.len() - 1)])
            .execute(&mut *tx)
            .await?;
        }
        let customers = 5 + rng.below(300);
        let figures = [
            ("Khách hàng dùng thử", customers.to_string(), 0),
            ("Hộ, đơn vị hưởng lợi", (customers * 4).to_string(), 0),
            (
                "Doanh thu 12 tháng gần nhất",
                format!("{} triệu đồng", 50 + rng.below(5_000)),
                1,
            ),
            ("Biên lợi nhuận gộp", format!("{}%", 10 + rng.below(40)), 1),
        ];
        for (position, (label, value, secret)) in figures.iter().enumerate() {
            sqlx::query(
                "INSERT INTO startup_traction (project_id, position, label, value, confidential)
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(id)
            .bind(position as i64 + 1)
            .bind(label)
            .bind(value)
            .bind(secret)
            .execute(&mut *tx)
            .await?;
        }
        if added % 200 == 0 {
            tx.commit().await?;
            tx = db.begin().await?;
        }
    }
    tx.commit().await?;
    seed_investors(db, media, now).await?;
    Ok(added)
}

/// An investor profile to seed.
struct Profile {
    user: i64,
    kind: &'static str,
    name: String,
    about: String,
    ticket: (i64, i64),
    sectors: Vec<&'static str>,
    stages: Vec<&'static str>,
    status: &'static str,
}

/// The investors: the list above approved, the demo member as an approved angel, two more
/// waiting; then the funds accept the terms of the demo stall's projects and look at them.
async fn seed_investors(
    db: &Db,
    media: &dyn app::media::ObjectStore,
    now: i64,
) -> anyhow::Result<()> {
    let mut profiles: Vec<Profile> = Vec::new();
    for (i, (kind, name, about, min, max, sectors, stages)) in INVESTORS.iter().enumerate() {
        let email = format!("nha-dau-tu-{:02}@khoi-nghiep.techx.demo", i + 1);
        let user = account(db, &email, name, now).await?;
        profiles.push(Profile {
            user,
            kind,
            name: (*name).to_owned(),
            about: (*about).to_owned(),
            ticket: (min * 1_000_000, max * 1_000_000),
            sectors: sectors.to_vec(),
            stages: stages.to_vec(),
            status: "approved",
        });
    }
    for (i, name) in ["Quỹ Đổi mới Sông Hậu", "Lê Hoàng Nam"].iter().enumerate() {
        let email = format!("nha-dau-tu-cho-{:02}@khoi-nghiep.techx.demo", i + 1);
        let user = account(db, &email, name, now).await?;
        profiles.push(Profile {
            user,
            kind: if i == 0 { "fund" } else { "angel" },
            name: (*name).to_owned(),
            about: "Mới đăng ký, đang chờ kiểm duyệt viên xem xét hồ sơ.".to_owned(),
            ticket: (100_000_000, 1_000_000_000),
            sectors: Vec::new(),
            stages: Vec::new(),
            status: "pending",
        });
    }
    let demo: Option<i64> =
        sqlx::query_scalar("SELECT id FROM users WHERE email = 'an@techx.demo'")
            .fetch_optional(db)
            .await?;
    let funder: Option<i64> = sqlx::query_scalar("SELECT id FROM users WHERE email = $1")
        .bind(super::DEMO_FUNDER)
        .fetch_optional(db)
        .await?;
    if let Some(user) = funder {
        profiles.push(Profile {
            user,
            kind: "public",
            name: "Chương trình Hỗ trợ đổi mới công nghệ (tài khoản demo)".to_owned(),
            about: "Chương trình của thành phố hỗ trợ doanh nghiệp nhỏ và vừa đổi mới công nghệ; \
                    tài khoản demo để mở đợt kêu gọi và xét hồ sơ."
                .to_owned(),
            ticket: (100_000_000, 500_000_000),
            sectors: Vec::new(),
            stages: vec!["pilot", "revenue", "scaling"],
            status: "approved",
        });
    }
    if let Some(user) = demo {
        profiles.push(Profile {
            user,
            kind: "angel",
            name: "Nguyễn Văn An – nhà đầu tư thiên thần".to_owned(),
            about: "Kỹ sư nông nghiệp, đầu tư thiên thần vào công nghệ sau thu hoạch.".to_owned(),
            ticket: (100_000_000, 2_000_000_000),
            sectors: vec!["nong-nghiep"],
            stages: Vec::new(),
            status: "approved",
        });
    }
    for Profile {
        user,
        kind,
        name,
        about,
        ticket: (min, max),
        sectors,
        stages,
        status,
    } in profiles
    {
        let slug = app::domain::Slug::from_title(&name).as_str().to_owned();
        let id: Option<i64> = sqlx::query_scalar(
            "INSERT INTO investors (user_id, slug, kind, name, about, ticket_min, ticket_max,
                 status, reviewed_at, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)
             ON CONFLICT (user_id) DO NOTHING RETURNING id",
        )
        .bind(user)
        .bind(slug)
        .bind(kind)
        .bind(&name)
        .bind(about)
        .bind(min)
        .bind(max)
        .bind(status)
        .bind((status == "approved").then_some(now - 30 * DAY_MS))
        .bind(now - 40 * DAY_MS)
        .fetch_optional(db)
        .await?;
        let Some(id) = id else { continue };
        let focus = sectors
            .iter()
            .map(|c| ("sector", *c))
            .chain(stages.iter().map(|s| ("stage", *s)));
        for (facet, code) in focus {
            sqlx::query(
                "INSERT INTO investor_focus (investor_id, facet, code) VALUES ($1, $2, $3)",
            )
            .bind(id)
            .bind(facet)
            .bind(code)
            .execute(db)
            .await?;
        }
    }
    // The two city funds accepted the terms of the demo stall's published projects and looked.
    let funds: Vec<i64> = sqlx::query_scalar(
        "SELECT user_id FROM investors WHERE kind = 'fund' AND status = 'approved'
         ORDER BY id LIMIT 2",
    )
    .fetch_all(db)
    .await?;
    let projects: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM startup_projects WHERE status = 'published'
             AND stall_id = (SELECT MIN(id) FROM stalls)
         ORDER BY id LIMIT 3",
    )
    .fetch_all(db)
    .await?;
    // Each has a pitch deck.
    let deck = DECK.as_bytes().to_vec();
    let key = "startups/seed/pitch-deck_deck.pdf";
    media.put(key, deck.clone()).await?;
    for project in &projects {
        sqlx::query(
            "UPDATE startup_projects SET deck_key = $2, deck_bytes = $3
             WHERE id = $1 AND deck_key IS NULL",
        )
        .bind(project)
        .bind(key)
        .bind(deck.len() as i64)
        .execute(db)
        .await?;
    }
    for (f, fund) in funds.iter().enumerate() {
        for (p, project) in projects.iter().enumerate() {
            let at = now - (10 + 3 * f as i64 + p as i64) * DAY_MS;
            let added = sqlx::query(
                "INSERT INTO startup_terms_accepted (project_id, user_id, accepted_at)
                 VALUES ($1, $2, $3) ON CONFLICT (project_id, user_id) DO NOTHING",
            )
            .bind(project)
            .bind(fund)
            .bind(at)
            .execute(db)
            .await?
            .rows_affected();
            if added == 0 {
                continue;
            }
            for (what, later) in [("detail", 0), ("deck", DAY_MS / 24), ("detail", 2 * DAY_MS)] {
                sqlx::query(
                    "INSERT INTO startup_confidential_views (project_id, user_id, what, viewed_at)
                     VALUES ($1, $2, $3, $4)",
                )
                .bind(project)
                .bind(fund)
                .bind(what)
                .bind(at + later)
                .execute(db)
                .await?;
            }
        }
    }
    Ok(())
}
