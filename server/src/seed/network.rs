//! The innovation network around the showcase: 30 mentors (× scale) with sessions in every
//! state, introductions between investors and projects, and two calls for applications — one
//! open (run by the demo programme's account), one closed with applications in every status.
//! The demo stall's projects take part in each, so its member has something to answer. And the
//! city's incubator: 11 projects in two cohorts, 20 training courses with 750 trainees.

use app::db::Db;

use super::Rng;

const DAY_MS: i64 = 86_400_000;
const HOUR_MS: i64 = 3_600_000;

/// Mentors at scale 1.
pub const MENTORS: usize = 30;

const FAMILY: [&str; 10] = [
    "Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Đặng", "Bùi", "Hồ", "Dương",
];
const MIDDLE: [&str; 5] = ["Văn", "Thị", "Minh", "Hoàng", "Ngọc"];
const GIVEN: [&str; 15] = [
    "An", "Bảo", "Châu", "Dũng", "Giang", "Hải", "Khoa", "Linh", "Mai", "Nhân", "Phúc", "Quân",
    "Tâm", "Thảo", "Vy",
];
/// What each mentor is, by their first area of expertise.
const HEADLINES: [(&str, &str); 9] = [
    (
        "strategy",
        "Cố vấn chiến lược, từng điều hành doanh nghiệp chế biến xuất khẩu",
    ),
    (
        "fundraising",
        "Nhà đầu tư thiên thần, cố vấn gọi vốn vòng hạt giống",
    ),
    (
        "finance",
        "Giám đốc tài chính, cố vấn mô hình kinh doanh và dòng tiền",
    ),
    (
        "marketing",
        "Chuyên gia tiếp thị số và xây dựng thương hiệu nông sản",
    ),
    (
        "technology",
        "Giảng viên kỹ thuật, cố vấn hoàn thiện công nghệ và sản phẩm mẫu",
    ),
    (
        "product",
        "Quản lý sản phẩm, cố vấn thiết kế sản phẩm theo nhu cầu khách hàng",
    ),
    (
        "legal",
        "Luật sư sở hữu trí tuệ, cố vấn bảo hộ sáng chế và hợp đồng chuyển giao",
    ),
    (
        "operations",
        "Kỹ sư sản xuất, cố vấn quy trình và chuỗi cung ứng",
    ),
    (
        "export",
        "Chuyên gia xuất khẩu, cố vấn tiêu chuẩn và thị trường nước ngoài",
    ),
];
const SECTORS: [&str; 8] = [
    "nong-nghiep",
    "thuy-san",
    "che-bien-thuc-pham",
    "cong-nghe-thong-tin",
    "moi-truong",
    "nang-luong",
    "co-khi",
    "y-te",
];
const NO_LOGIN: &str = "!seeded-account";

/// `hour` o'clock, Vietnam time, `days` days from the Vietnamese day of `now`: the times people
/// meet at, not the seed's own minute.
fn at_hour(now: i64, days: i64, hour: i64) -> i64 {
    (app::domain::vietnam_day(now) + days) * DAY_MS + (hour - 7) * HOUR_MS
}

async fn user(db: &Db, email: &str) -> anyhow::Result<Option<i64>> {
    Ok(sqlx::query_scalar("SELECT id FROM users WHERE email = $1")
        .bind(email)
        .fetch_optional(db)
        .await?)
}

/// A mentor's profile; its id, or `None` when the member has one already.
#[allow(clippy::too_many_arguments)]
async fn mentor(
    db: &Db,
    user: i64,
    (name, headline, bio): (&str, &str, &str),
    hours: i64,
    tags: &[(&str, &str)],
    available: bool,
    now: i64,
) -> anyhow::Result<Option<i64>> {
    let slug = app::domain::Slug::from_title(name).as_str().to_owned();
    let id: Option<i64> = sqlx::query_scalar(
        "INSERT INTO mentors (user_id, slug, name, headline, bio, hours_per_month, available,
             created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)
         ON CONFLICT (user_id) DO NOTHING RETURNING id",
    )
    .bind(user)
    .bind(slug)
    .bind(name)
    .bind(headline)
    .bind(bio)
    .bind(hours)
    .bind(i64::from(available))
    .bind(now - 60 * DAY_MS)
    .fetch_optional(db)
    .await?;
    if let Some(id) = id {
        for (facet, code) in tags {
            sqlx::query("INSERT INTO mentor_tags (mentor_id, facet, code) VALUES ($1, $2, $3)")
                .bind(id)
                .bind(facet)
                .bind(code)
                .execute(db)
                .await?;
        }
    }
    Ok(id)
}

/// A session of `project` with `mentor` in `status`, with the times proposed.
#[allow(clippy::too_many_arguments)]
async fn session(
    db: &Db,
    (mentor, project, by): (i64, i64, i64),
    topic: &str,
    status: &str,
    asked_for: i64,
    proposed: &[i64],
    scheduled: Option<i64>,
    now: i64,
) -> anyhow::Result<i64> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO mentor_sessions (mentor_id, project_id, requested_by, topic, message,
             asked_for, status, scheduled_at, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id",
    )
    .bind(mentor)
    .bind(project)
    .bind(by)
    .bind(topic)
    .bind(
        "Nhóm dự án cần góp ý để chuẩn bị cho vòng gọi vốn tới: mô hình kinh doanh, \
         số liệu thử nghiệm và cách trình bày với nhà đầu tư.",
    )
    .bind(asked_for)
    .bind(status)
    .bind(scheduled)
    .bind(now - 5 * DAY_MS)
    .fetch_one(db)
    .await?;
    for at in proposed {
        sqlx::query("INSERT INTO mentor_session_times (session_id, starts_at) VALUES ($1, $2)")
            .bind(id)
            .bind(at)
            .execute(db)
            .await?;
    }
    Ok(id)
}

/// Seeds mentors, sessions, introductions and calls; how many mentors were added.
pub async fn seed(db: &Db, scale: usize, now: i64) -> anyhow::Result<u64> {
    let added = seed_mentors(db, scale, now).await?;
    seed_introductions(db, now).await?;
    seed_calls(db, now).await?;
    seed_incubator(db, now).await?;
    Ok(added)
}

/// The demo stall's first published projects, and its member.
async fn demo_projects(db: &Db) -> anyhow::Result<(Vec<i64>, Option<i64>)> {
    let projects: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM startup_projects WHERE status = 'published'
             AND stall_id = (SELECT MIN(id) FROM stalls)
         ORDER BY id LIMIT 3",
    )
    .fetch_all(db)
    .await?;
    Ok((projects, user(db, super::DEMO_STALL_MEMBER).await?))
}

async fn seed_mentors(db: &Db, scale: usize, now: i64) -> anyhow::Result<u64> {
    let mut added = 0;
    let mut ids = Vec::new();
    for i in 0..MENTORS * scale {
        let mut rng = Rng::for_item(51, i as u64);
        let name = format!(
            "{} {} {}",
            FAMILY[i % FAMILY.len()],
            MIDDLE[(i / FAMILY.len()) % MIDDLE.len()],
            GIVEN[(i * 7 + 3) % GIVEN.len()]
        );
        let name = if i < FAMILY.len() * MIDDLE.len() {
            name
        } else {
            format!("{name} ({})", i / (FAMILY.len() * MIDDLE.len()) + 1)
        };
        let email = format!("co-van-{:03}@khoi-nghiep.techx.demo", i + 1);
        sqlx::query(
            "INSERT INTO users (email, display_name, password_hash, role, created_at, email_confirmed_at)
             VALUES ($1, $2, $3, 'member', $4, $4) ON CONFLICT (email) DO NOTHING",
        )
        .bind(&email)
        .bind(&name)
        .bind(NO_LOGIN)
        .bind(now)
        .execute(db)
        .await?;
        let Some(account) = user(db, &email).await? else {
            continue;
        };
        let (first, headline) = HEADLINES[i % HEADLINES.len()];
        let second = HEADLINES[(i + 1 + rng.below(7)) % HEADLINES.len()].0;
        let mut tags = vec![("expertise", first), ("expertise", second)];
        for k in 0..1 + rng.below(3) {
            tags.push(("sector", SECTORS[(i + 3 * k) % SECTORS.len()]));
        }
        tags.push(("language", "vi"));
        if i % 2 == 0 {
            tags.push(("language", "en"));
        }
        if i % 7 == 3 {
            tags.push(("language", ["fr", "zh", "ja", "km"][i % 4]));
        }
        tags.sort_unstable();
        tags.dedup();
        let hours = [2, 4, 4, 6, 8, 10, 12][rng.below(7)];
        let bio = format!(
            "{name} có hơn {} năm kinh nghiệm. {headline}.\n\n\
             Đã cố vấn cho các dự án khởi nghiệp của vườn ươm thành phố và các trường đại học \
             vùng Đồng bằng sông Cửu Long.",
            8 + rng.below(20)
        );
        if let Some(id) = mentor(
            db,
            account,
            (&name, headline, &bio),
            hours,
            &tags,
            i % 10 != 9,
            now,
        )
        .await?
        {
            added += 1;
            ids.push(id);
        }
    }
    if ids.is_empty() {
        return Ok(added);
    }
    // Sessions held and scheduled across the network, so hours fill up.
    let projects: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT id, owner_id FROM startup_projects WHERE status = 'published' ORDER BY id LIMIT 200",
    )
    .fetch_all(db)
    .await?;
    for (i, mentor) in ids.iter().enumerate() {
        for k in 0..i % 4 {
            let Some((project, owner)) = projects.get((i * 5 + k) % projects.len().max(1)) else {
                break;
            };
            let at = at_hour(now, (k as i64 + 1) * 2, 9 + 2 * k as i64);
            session(
                db,
                (*mentor, *project, *owner),
                "Góp ý kế hoạch kinh doanh",
                "scheduled",
                at,
                &[at],
                Some(at),
                now,
            )
            .await?;
        }
        if i % 3 == 0 {
            let Some((project, owner)) = projects.get(i % projects.len().max(1)) else {
                continue;
            };
            let at = at_hour(now, -(20 + i as i64), 14);
            session(
                db,
                (*mentor, *project, *owner),
                "Chuẩn bị hồ sơ gọi vốn",
                "done",
                at,
                &[at],
                Some(at),
                now,
            )
            .await?;
        }
    }
    // The demo member mentors too, and the demo stall's projects asked for sessions in every
    // state.
    let (demo, Some(binh)) = demo_projects(db).await? else {
        return Ok(added);
    };
    let Some(an) = user(db, "an@techx.demo").await? else {
        return Ok(added);
    };
    let an_mentor = mentor(
        db,
        an,
        (
            "Nguyễn Văn An",
            "Kỹ sư nông nghiệp, cố vấn công nghệ sau thu hoạch",
            "Mười lăm năm làm kỹ sư cơ điện nông nghiệp; cố vấn các dự án máy sấy, kho lạnh và \
             chế biến sau thu hoạch.",
        ),
        6,
        &[
            ("expertise", "technology"),
            ("expertise", "operations"),
            ("sector", "nong-nghiep"),
            ("language", "vi"),
            ("language", "en"),
        ],
        true,
        now,
    )
    .await?;
    if let Some(an_mentor) = an_mentor {
        added += 1;
        if let [a, b, c] = demo[..] {
            let day = |d: i64| at_hour(now, d, 14);
            session(
                db,
                (an_mentor, c, binh),
                "Hoàn thiện sản phẩm mẫu",
                "requested",
                day(7),
                &[],
                None,
                now,
            )
            .await?;
            let first = ids[0];
            session(
                db,
                (first, a, binh),
                "Chiến lược gọi vốn vòng hạt giống",
                "scheduled",
                day(3),
                &[day(3), day(4)],
                Some(day(3)),
                now,
            )
            .await?;
            let second = ids[1 % ids.len()];
            session(
                db,
                (second, b, binh),
                "Tài chính và dòng tiền",
                "proposed",
                day(5),
                &[day(5), day(6)],
                None,
                now,
            )
            .await?;
            let fourth = ids[3 % ids.len()];
            session(
                db,
                (fourth, c, binh),
                "Thâm nhập thị trường xuất khẩu",
                "declined",
                day(2),
                &[],
                None,
                now,
            )
            .await?;
            let third = ids[2 % ids.len()];
            let held = session(
                db,
                (third, a, binh),
                "Bảo hộ sáng chế",
                "done",
                day(-10),
                &[day(-10)],
                Some(day(-10)),
                now,
            )
            .await?;
            sqlx::query(
                "INSERT INTO mentor_session_notes (session_id, user_id, body, updated_at)
                 VALUES ($1, $2, $3, $4)",
            )
            .bind(held)
            .bind(binh)
            .bind(
                "Nộp đơn sáng chế trước khi công bố số liệu thử nghiệm; hỏi lại chi phí thẩm định.",
            )
            .bind(now - 9 * DAY_MS)
            .execute(db)
            .await?;
        }
    }
    Ok(added)
}

/// The city funds asked introductions to the demo stall's projects (one accepted, with a
/// conversation; one waiting; one declined), and the demo angel to another project.
async fn seed_introductions(db: &Db, now: i64) -> anyhow::Result<()> {
    let exists: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM startup_introductions")
        .fetch_one(db)
        .await?;
    if exists > 0 {
        return Ok(());
    }
    let (demo, Some(binh)) = demo_projects(db).await? else {
        return Ok(());
    };
    let funds: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT id, user_id FROM investors WHERE kind = 'fund' AND status = 'approved'
         ORDER BY id LIMIT 2",
    )
    .fetch_all(db)
    .await?;
    let ([a, b, c], [(fund1, user1), (fund2, user2)]) = (&demo[..], &funds[..]) else {
        return Ok(());
    };
    let ask = "Quỹ quan tâm đến dự án và muốn trao đổi về kế hoạch thương mại hóa, nhu cầu vốn \
               và lộ trình hai năm tới.";
    let rows = [
        (a, fund1, user1, "accepted", None, 12),
        (b, fund2, user2, "requested", None, 2),
        (c, fund1, user1, "declined", Some("timing"), 20),
    ];
    for (project, investor, asker, status, reason, days) in rows {
        let at = now - days * DAY_MS;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO startup_introductions (project_id, investor_id, asked_by, message, status,
                 decline_reason, answered_by, answered_at, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        )
        .bind(project)
        .bind(investor)
        .bind(asker)
        .bind(ask)
        .bind(status)
        .bind(reason)
        .bind((status != "requested").then_some(binh))
        .bind((status != "requested").then_some(at + DAY_MS))
        .bind(at)
        .fetch_one(db)
        .await?;
        if status == "accepted" {
            let talk = [
                (*asker, ask, 0),
                (
                    binh,
                    "Cảm ơn quỹ. Chúng tôi gửi kèm kế hoạch tài chính; mời quỹ đến xem máy chạy \
                     thử ở hợp tác xã vào thứ Năm.",
                    DAY_MS,
                ),
                (
                    *asker,
                    "Quỹ sẽ cử hai chuyên viên đến. Xin gửi thêm số liệu hao hụt trước và sau \
                     khi dùng máy.",
                    2 * DAY_MS,
                ),
            ];
            for (author, body, later) in talk {
                sqlx::query(
                    "INSERT INTO startup_intro_messages (introduction_id, author_id, body, created_at)
                     VALUES ($1, $2, $3, $4)",
                )
                .bind(id)
                .bind(author)
                .bind(body)
                .bind(at + DAY_MS + later)
                .execute(db)
                .await?;
            }
        }
    }
    // The demo angel asked to meet another organisation's project in his sector.
    let angel: Option<(i64, i64)> = sqlx::query_as(
        "SELECT v.id, v.user_id FROM investors v JOIN users u ON u.id = v.user_id
         WHERE u.email = 'an@techx.demo' AND v.status = 'approved'",
    )
    .fetch_optional(db)
    .await?;
    let other: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM startup_projects WHERE status = 'published' AND sector_code = 'nong-nghiep'
             AND (stall_id IS NULL OR stall_id <> (SELECT MIN(id) FROM stalls))
         ORDER BY id LIMIT 1",
    )
    .fetch_optional(db)
    .await?;
    if let (Some((investor, user)), Some(project)) = (angel, other) {
        sqlx::query(
            "INSERT INTO startup_introductions (project_id, investor_id, asked_by, message, created_at)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(project)
        .bind(investor)
        .bind(user)
        .bind("Tôi đầu tư vào công nghệ sau thu hoạch và muốn tìm hiểu thêm về dự án.")
        .bind(now - 3 * DAY_MS)
        .execute(db)
        .await?;
    }
    Ok(())
}

/// One call for applications; its id, or `None` when it exists.
#[allow(clippy::too_many_arguments)]
async fn call(
    db: &Db,
    investor: i64,
    (slug, title, summary): (&str, &str, &str),
    description: &str,
    eligibility: &str,
    questions: &[&str],
    deadline: i64,
    budget: i64,
    now: i64,
) -> anyhow::Result<Option<i64>> {
    let id: Option<i64> = sqlx::query_scalar(
        "INSERT INTO funding_calls (slug, investor_id, title, summary, description, eligibility,
             deadline, budget, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) ON CONFLICT (slug) DO NOTHING RETURNING id",
    )
    .bind(slug)
    .bind(investor)
    .bind(title)
    .bind(summary)
    .bind(description)
    .bind(eligibility)
    .bind(deadline)
    .bind(budget)
    .bind(now.min(deadline) - 40 * DAY_MS)
    .fetch_optional(db)
    .await?;
    if let Some(id) = id {
        for (position, question) in questions.iter().enumerate() {
            sqlx::query(
                "INSERT INTO funding_call_questions (call_id, position, question) VALUES ($1, $2, $3)",
            )
            .bind(id)
            .bind(position as i64)
            .bind(question)
            .execute(db)
            .await?;
        }
    }
    Ok(id)
}

/// An application of `project` to `call`, answering `questions`, in `status`.
async fn application(
    db: &Db,
    (call, project, applicant): (i64, i64, i64),
    questions: &[&str],
    (status, reason): (&str, Option<&str>),
    at: i64,
) -> anyhow::Result<()> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO call_applications (call_id, project_id, applicant_id, status, decline_reason,
             moved_at, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(call)
    .bind(project)
    .bind(applicant)
    .bind(status)
    .bind(reason)
    .bind(at + if status == "received" { 0 } else { 5 * DAY_MS })
    .bind(at)
    .fetch_one(db)
    .await?;
    let answers = [
        "Công nghệ đã chạy thử ở hai hợp tác xã, giảm hao hụt sau thu hoạch khoảng tám phần trăm.",
        "Mở rộng đến hai mươi hợp tác xã trong mười hai tháng và có doanh thu ổn định.",
        "Vốn dùng cho hoàn thiện sản phẩm mẫu, chứng nhận chất lượng và đào tạo kỹ thuật viên.",
    ];
    for (position, question) in questions.iter().enumerate() {
        sqlx::query(
            "INSERT INTO call_answers (application_id, position, question, answer)
             VALUES ($1, $2, $3, $4)",
        )
        .bind(id)
        .bind(position as i64)
        .bind(question)
        .bind(answers[position % answers.len()])
        .execute(db)
        .await?;
    }
    Ok(())
}

/// The demo programme's open call (the demo stall applied) and the first city fund's closed
/// call with applications in every status.
async fn seed_calls(db: &Db, now: i64) -> anyhow::Result<()> {
    let (demo, binh) = demo_projects(db).await?;
    let programme: Option<i64> = sqlx::query_scalar(
        "SELECT v.id FROM investors v JOIN users u ON u.id = v.user_id
         WHERE u.email = $1 AND v.status = 'approved'",
    )
    .bind(super::DEMO_FUNDER)
    .fetch_optional(db)
    .await?;
    let fund: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM investors WHERE kind = 'fund' AND status = 'approved' ORDER BY id LIMIT 1",
    )
    .fetch_optional(db)
    .await?;
    let others: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT id, owner_id FROM startup_projects WHERE status = 'published'
             AND (stall_id IS NULL OR stall_id <> (SELECT MIN(id) FROM stalls))
         ORDER BY published_at DESC, id LIMIT 40",
    )
    .fetch_all(db)
    .await?;
    let questions = [
        "Công nghệ của dự án giải quyết vấn đề gì, cho ai?",
        "Kết quả bạn cam kết đạt được sau mười hai tháng?",
        "Bạn sẽ dùng khoản hỗ trợ vào việc gì?",
    ];
    let eligibility = "Doanh nghiệp nhỏ và vừa, hợp tác xã, nhóm khởi nghiệp đăng ký hoạt động \
                       tại thành phố Cần Thơ hoặc các tỉnh Đồng bằng sông Cửu Long; dự án đã có \
                       sản phẩm mẫu hoặc đang thử nghiệm.";
    if let Some(programme) = programme {
        let open = call(
            db,
            programme,
            (
                "ho-tro-doi-moi-cong-nghe-doanh-nghiep-nho-va-vua-2027",
                "Hỗ trợ đổi mới công nghệ doanh nghiệp nhỏ và vừa 2027",
                "Hỗ trợ đến 30% chi phí đổi mới, ứng dụng công nghệ cho doanh nghiệp nhỏ và vừa.",
            ),
            "Chương trình hỗ trợ doanh nghiệp nhỏ và vừa của thành phố nhận hồ sơ đổi mới công \
             nghệ năm 2027.\n\n**Mức hỗ trợ.** Đến 30% chi phí, tối đa 500 triệu đồng mỗi dự án.\n\n\
             **Xét chọn.** Hội đồng xét hồ sơ, mời phỏng vấn các dự án vào vòng trong, công bố \
             kết quả sau sáu tuần.",
            eligibility,
            &questions,
            app::domain::vietnam_day_end_ms(app::domain::vietnam_day(now) + 30),
            5_000_000_000,
            now,
        )
        .await?;
        if let Some(open) = open {
            if let (Some(project), Some(binh)) = (demo.first(), binh) {
                application(
                    db,
                    (open, *project, binh),
                    &questions,
                    ("received", None),
                    now - 2 * DAY_MS,
                )
                .await?;
            }
            for (k, (project, owner)) in others.iter().take(8).enumerate() {
                let status = ["received", "received", "reviewing", "interview"][k % 4];
                application(
                    db,
                    (open, *project, *owner),
                    &questions,
                    (status, None),
                    now - (3 + k as i64) * DAY_MS,
                )
                .await?;
            }
        }
    }
    if let Some(fund) = fund {
        let closed = call(
            db,
            fund,
            (
                "vong-tai-tro-khoi-nghiep-doi-moi-sang-tao-2026",
                "Vòng tài trợ khởi nghiệp đổi mới sáng tạo 2026",
                "Tài trợ và đầu tư vốn mồi cho dự án khởi nghiệp đổi mới sáng tạo giai đoạn sớm.",
            ),
            "Quỹ hỗ trợ khởi nghiệp của thành phố chọn các dự án giai đoạn sớm để tài trợ và \
             đầu tư vốn mồi, kèm chương trình cố vấn sáu tháng.",
            eligibility,
            &questions,
            app::domain::vietnam_day_end_ms(app::domain::vietnam_day(now) - 20),
            3_000_000_000,
            now,
        )
        .await?;
        if let Some(closed) = closed {
            let statuses: [(&str, Option<&str>); 15] = [
                ("received", None),
                ("received", None),
                ("reviewing", None),
                ("reviewing", None),
                ("reviewing", None),
                ("interview", None),
                ("interview", None),
                ("interview", None),
                ("funded", None),
                ("funded", None),
                ("funded", None),
                (
                    "declined",
                    Some("Dự án chưa có sản phẩm mẫu chạy thử như điều kiện yêu cầu."),
                ),
                (
                    "declined",
                    Some("Nhu cầu vốn vượt mức tài trợ tối đa của vòng này."),
                ),
                (
                    "declined",
                    Some("Hồ sơ thiếu số liệu thử nghiệm để hội đồng đánh giá."),
                ),
                (
                    "declined",
                    Some("Lĩnh vực ngoài trọng tâm của vòng tài trợ năm nay."),
                ),
            ];
            for (k, (status, reason)) in statuses.iter().enumerate() {
                let Some((project, owner)) = others.get(8 + k) else {
                    break;
                };
                application(
                    db,
                    (closed, *project, *owner),
                    &questions,
                    (status, *reason),
                    now - (60 - k as i64) * DAY_MS,
                )
                .await?;
            }
            // The demo stall applied too, and was funded.
            if let (Some(project), Some(binh)) = (demo.get(1), binh) {
                application(
                    db,
                    (closed, *project, binh),
                    &questions,
                    ("funded", None),
                    now - 55 * DAY_MS,
                )
                .await?;
            }
        }
    }
    Ok(())
}

/// Training courses the incubator held, with their trainees: 20 courses, 750 trainees.
const COURSES: [(&str, i64); 10] = [
    ("Khởi sự kinh doanh cho nhóm khởi nghiệp", 38),
    ("Xây dựng mô hình kinh doanh tinh gọn", 37),
    ("Sở hữu trí tuệ cho doanh nghiệp công nghệ", 38),
    ("Gọi vốn và trình bày với nhà đầu tư", 37),
    ("Tài chính cho doanh nghiệp khởi nghiệp", 38),
    ("Tiếp thị số cho sản phẩm nông nghiệp", 37),
    ("Thiết kế sản phẩm mẫu", 38),
    ("Tiêu chuẩn chất lượng và chứng nhận", 37),
    ("Thương mại hóa kết quả nghiên cứu", 38),
    ("Xuất khẩu cho doanh nghiệp nhỏ", 37),
];

/// The city's incubator: two cohorts (one ended: its projects are the alumni), 20 training
/// courses (events of the training kind) held over four years, 750 trainees.
async fn seed_incubator(db: &Db, now: i64) -> anyhow::Result<()> {
    let programme: Option<i64> = sqlx::query_scalar(
        "INSERT INTO incubator_programmes (slug, name, summary, description, organiser, created_at,
             updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $6) ON CONFLICT (slug) DO NOTHING RETURNING id",
    )
    .bind("vuon-uom-doanh-nghiep-cong-nghe-can-tho")
    .bind("Vườn ươm doanh nghiệp công nghệ Cần Thơ")
    .bind(
        "Ươm tạo dự án khởi nghiệp công nghệ: chỗ làm việc, cố vấn, đào tạo và kết nối nhà đầu tư.",
    )
    .bind(
        "Vườn ươm của thành phố đồng hành cùng các nhóm khởi nghiệp công nghệ trong sáu đến mười \
         hai tháng: chỗ làm việc và phòng thí nghiệm dùng chung, cố vấn từ mạng lưới, các lớp \
         đào tạo khởi sự kinh doanh và ngày trình bày trước nhà đầu tư cuối mỗi khóa.",
    )
    .bind("Trung tâm Ứng dụng tiến bộ khoa học và công nghệ Cần Thơ")
    .bind(now - 800 * DAY_MS)
    .fetch_optional(db)
    .await?;
    let Some(programme) = programme else {
        return Ok(());
    };
    let projects: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM startup_projects WHERE status = 'published' AND stage IN ('prototype', 'pilot')
         ORDER BY id LIMIT 11",
    )
    .fetch_all(db)
    .await?;
    let cohorts = [
        (
            "Khóa 2025",
            now - 400 * DAY_MS,
            now - 220 * DAY_MS,
            &projects[..projects.len().min(6)],
        ),
        (
            "Khóa 2026",
            now - 60 * DAY_MS,
            now + 120 * DAY_MS,
            &projects[projects.len().min(6)..],
        ),
    ];
    for (name, starts, ends, members) in cohorts {
        let cohort: i64 = sqlx::query_scalar(
            "INSERT INTO incubator_cohorts (programme_id, name, starts_at, ends_at, created_at)
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(programme)
        .bind(name)
        .bind(starts)
        .bind(ends)
        .bind(starts)
        .fetch_one(db)
        .await?;
        for project in members {
            sqlx::query(
                "INSERT INTO incubator_cohort_projects (cohort_id, project_id) VALUES ($1, $2)",
            )
            .bind(cohort)
            .bind(project)
            .execute(db)
            .await?;
        }
    }
    // Twenty courses, two a year for each topic, the newest over a year ago.
    for i in 0..20_usize {
        let (topic, trainees) = COURSES[i % COURSES.len()];
        let round = i / COURSES.len() + 1;
        let starts = at_hour(now, -(430 + 45 * i as i64), 8);
        let slug = format!("vuon-uom-lop-{:02}", i + 1);
        let title = format!("{topic} (lớp {round})");
        let description = format!(
            "Lớp đào tạo của Vườn ươm doanh nghiệp công nghệ Cần Thơ: {topic}, hai ngày lý \
             thuyết và thực hành cho các nhóm khởi nghiệp."
        );
        let event: Option<i64> = sqlx::query_scalar(
            "INSERT INTO events (slug, kind, title, summary, description, description_html,
                 starts_at, ends_at, venue, province_code, organiser, attendance_reported, status,
                 created_at, updated_at)
             VALUES ($1, 'training', $2, $3, $4, $5, $6, $7, $8, 'can-tho', $9, $10, 'published',
                 $11, $11)
             ON CONFLICT (slug) DO NOTHING RETURNING id",
        )
        .bind(&slug)
        .bind(&title)
        .bind(format!("Lớp đào tạo khởi nghiệp: {topic}."))
        .bind(&description)
        .bind(format!("<p>{description}</p>"))
        .bind(starts)
        .bind(starts + DAY_MS + 9 * HOUR_MS)
        .bind("Vườn ươm doanh nghiệp công nghệ Cần Thơ, quận Ninh Kiều")
        .bind("Vườn ươm doanh nghiệp công nghệ Cần Thơ")
        .bind(trainees)
        .bind(starts - 30 * DAY_MS)
        .fetch_optional(db)
        .await?;
        if let Some(event) = event {
            sqlx::query("INSERT INTO incubator_trainings (programme_id, event_id) VALUES ($1, $2)")
                .bind(programme)
                .bind(event)
                .execute(db)
                .await?;
        }
    }
    Ok(())
}
