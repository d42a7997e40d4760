//! The exchange's events over the years — technology fairs, exhibitions, connection sessions,
//! training courses and eight startup events — and three coming up (dated from the day the seed
//! runs, so the calendar is always live), each past one with its attendance and the news about it.

use app::db::Db;
use app::domain::auction_setup::parse_vietnam_datetime;

/// (kind, title, start `YYYY-MM-DDTHH:MM` Vietnam time, days, venue, province, attendance)
type Past = (
    &'static str,
    &'static str,
    &'static str,
    i64,
    &'static str,
    &'static str,
    i64,
);

const PAST: [Past; 20] = [
    (
        "techmart",
        "Chợ công nghệ – thiết bị Cần Thơ 2015",
        "2015-11-20T08:00",
        3,
        "Trung tâm Hội chợ Triển lãm Cần Thơ",
        "can-tho",
        4200,
    ),
    (
        "exhibition",
        "Triển lãm thành tựu khoa học nông nghiệp Đồng bằng sông Cửu Long 2016",
        "2016-09-14T08:00",
        2,
        "Trường Đại học Cần Thơ",
        "can-tho",
        2600,
    ),
    (
        "techmart",
        "Techmart thiết bị nông nghiệp Hậu Giang 2017",
        "2017-06-08T08:00",
        3,
        "Quảng trường Hậu Giang",
        "hau-giang",
        3100,
    ),
    (
        "startup",
        "Ngày hội khởi nghiệp đổi mới sáng tạo Cần Thơ 2017",
        "2017-12-02T07:30",
        2,
        "Trung tâm Hội nghị Cần Thơ",
        "can-tho",
        1800,
    ),
    (
        "connection",
        "Phiên kết nối cung – cầu công nghệ chế biến thủy sản 2018",
        "2018-05-17T08:00",
        1,
        "Sở Khoa học và Công nghệ Cà Mau",
        "ca-mau",
        420,
    ),
    (
        "startup",
        "Cuộc thi Ý tưởng khởi nghiệp sinh viên Đồng bằng sông Cửu Long 2018",
        "2018-10-26T08:00",
        1,
        "Trường Đại học Cần Thơ",
        "can-tho",
        950,
    ),
    (
        "techmart",
        "Chợ công nghệ – thiết bị vùng Đồng bằng sông Cửu Long 2019",
        "2019-11-14T08:00",
        3,
        "Trung tâm Hội chợ Triển lãm Cần Thơ",
        "can-tho",
        5600,
    ),
    (
        "training",
        "Tập huấn định giá và chuyển giao công nghệ 2019",
        "2019-08-05T08:00",
        3,
        "Sở Khoa học và Công nghệ TP. Cần Thơ",
        "can-tho",
        120,
    ),
    (
        "startup",
        "Techfest Cần Thơ 2020 — khởi nghiệp nông nghiệp số",
        "2020-12-10T08:00",
        2,
        "Trung tâm Hội nghị Cần Thơ",
        "can-tho",
        1400,
    ),
    (
        "connection",
        "Kết nối cung – cầu công nghệ sấy nông sản 2021",
        "2021-04-22T08:30",
        1,
        "Viện Lúa Đồng bằng sông Cửu Long",
        "can-tho",
        380,
    ),
    (
        "startup",
        "Diễn đàn đầu tư khởi nghiệp Mekong 2021",
        "2021-11-18T08:00",
        1,
        "Khách sạn Mường Thanh Cần Thơ",
        "can-tho",
        640,
    ),
    (
        "exhibition",
        "Triển lãm công nghệ năng lượng tái tạo Sóc Trăng 2022",
        "2022-03-24T08:00",
        3,
        "Trung tâm Văn hóa Sóc Trăng",
        "soc-trang",
        2100,
    ),
    (
        "training",
        "Khóa đào tạo quản trị tài sản trí tuệ cho doanh nghiệp 2022",
        "2022-07-11T08:00",
        5,
        "Trung tâm Ứng dụng tiến bộ KH&CN Cần Thơ",
        "can-tho",
        85,
    ),
    (
        "startup",
        "Cuộc thi Khởi nghiệp đổi mới sáng tạo TP. Cần Thơ 2022",
        "2022-10-14T08:00",
        2,
        "Trung tâm Hội nghị Cần Thơ",
        "can-tho",
        1100,
    ),
    (
        "techmart",
        "Chợ công nghệ – thiết bị Cần Thơ 2023",
        "2023-11-16T08:00",
        3,
        "Trung tâm Hội chợ Triển lãm Cần Thơ",
        "can-tho",
        6300,
    ),
    (
        "startup",
        "Ngày hội khởi nghiệp Đồng Tháp 2023",
        "2023-05-19T08:00",
        2,
        "Quảng trường Cao Lãnh",
        "dong-thap",
        1250,
    ),
    (
        "connection",
        "Kết nối cung – cầu thiết bị tưới tiết kiệm nước 2024",
        "2024-03-28T08:30",
        1,
        "Sở Khoa học và Công nghệ Bến Tre",
        "ben-tre",
        460,
    ),
    (
        "startup",
        "Techfest Đồng bằng sông Cửu Long 2024",
        "2024-12-05T08:00",
        3,
        "Trung tâm Hội nghị Cần Thơ",
        "can-tho",
        2300,
    ),
    (
        "exhibition",
        "Triển lãm sản phẩm OCOP và công nghệ chế biến 2025",
        "2025-08-21T08:00",
        3,
        "Công viên Sông Hậu",
        "can-tho",
        3400,
    ),
    (
        "startup",
        "Chung kết cuộc thi Khởi nghiệp sáng tạo Cần Thơ 2025",
        "2025-10-24T08:00",
        1,
        "Trường Đại học Cần Thơ",
        "can-tho",
        900,
    ),
];

/// (kind, title, days from the seed's day, days, venue, province, capacity, booths, programme)
type Coming = (
    &'static str,
    &'static str,
    i64,
    i64,
    &'static str,
    &'static str,
    i64,
    bool,
    &'static [(&'static str, &'static str, &'static str)],
);

const COMING: [Coming; 3] = [
    (
        "techmart",
        "Chợ công nghệ – thiết bị Cần Thơ mùa mới",
        12,
        3,
        "Trung tâm Hội chợ Triển lãm Cần Thơ",
        "can-tho",
        3000,
        true,
        &[
            ("07:30", "Đón khách, đăng ký tham dự", ""),
            (
                "08:00",
                "Khai mạc chợ công nghệ – thiết bị",
                "Lãnh đạo UBND TP. Cần Thơ",
            ),
            (
                "09:30",
                "Trình diễn máy sấy lúa và thiết bị bay phun thuốc",
                "Viện Lúa ĐBSCL",
            ),
            (
                "14:00",
                "Phiên kết nối cung – cầu công nghệ chế biến nông sản",
                "Sở KH&CN Cần Thơ",
            ),
        ],
    ),
    (
        "connection",
        "Phiên kết nối cung – cầu công nghệ nuôi trồng thủy sản",
        26,
        1,
        "Sở Khoa học và Công nghệ TP. Cần Thơ",
        "can-tho",
        150,
        false,
        &[
            (
                "08:00",
                "Giới thiệu nhu cầu công nghệ của doanh nghiệp",
                "Hiệp hội Thủy sản",
            ),
            ("09:30", "Các viện, trường trình bày giải pháp", ""),
            ("14:00", "Gặp gỡ trực tiếp bên mua – bên bán", ""),
        ],
    ),
    (
        "startup",
        "Ngày hội khởi nghiệp đổi mới sáng tạo Cần Thơ",
        45,
        2,
        "Trung tâm Hội nghị Cần Thơ",
        "can-tho",
        800,
        true,
        &[
            (
                "08:00",
                "Khai mạc và giới thiệu hai quỹ đầu tư khởi nghiệp",
                "Sở KH&CN Cần Thơ",
            ),
            (
                "09:00",
                "Gọi vốn: 12 dự án trình bày trước nhà đầu tư",
                "Mạng lưới cố vấn khởi nghiệp",
            ),
            ("14:00", "Cố vấn một – một với các dự án", ""),
        ],
    ),
];

/// Adds the events (run again, it adds nothing) and links each past one to the news that
/// followed it.
pub(super) async fn seed(db: &Db, now: i64) -> anyhow::Result<u64> {
    const DAY: i64 = 86_400_000;
    let mut added = 0;
    let insert = "INSERT INTO events (slug, kind, title, summary, description, description_html,
             starts_at, ends_at, venue, address, province_code, organiser, capacity,
             registration_deadline, booths_open, attendance_reported, status, created_at,
             updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16,
             'published', $17, $17)
         ON CONFLICT (slug) DO NOTHING";
    for (kind, title, start, days, venue, province, attendance) in PAST {
        let starts_at =
            parse_vietnam_datetime(start).map_err(|e| anyhow::anyhow!("{start}: {e}"))?;
        let ends_at = starts_at + (days - 1) * DAY + 9 * 3_600_000;
        let (summary, description) = texts(kind, title, venue);
        let inserted = sqlx::query(insert)
            .bind(app::domain::Slug::from_title(title).as_str())
            .bind(kind)
            .bind(title)
            .bind(&summary)
            .bind(&description)
            .bind(app::markdown::render(&description))
            .bind(starts_at)
            .bind(ends_at)
            .bind(venue)
            .bind(None::<String>)
            .bind(province)
            .bind("Sở Khoa học và Công nghệ TP. Cần Thơ")
            .bind(None::<i64>)
            .bind(None::<i64>)
            .bind(0i64)
            .bind(attendance)
            .bind(ends_at)
            .execute(db)
            .await?
            .rows_affected();
        added += inserted;
        if inserted == 1 {
            sqlx::query(
                "INSERT INTO event_articles (event_id, article_id)
                 SELECT e.id, a.id FROM events e,
                     (SELECT id FROM articles WHERE category = 'su-kien' AND status = 'published'
                          AND published_at >= $2
                      ORDER BY published_at, id LIMIT 2) a
                 WHERE e.slug = $1",
            )
            .bind(app::domain::Slug::from_title(title).as_str())
            .bind(ends_at)
            .execute(db)
            .await?;
        }
    }
    // Today at 08:00 in Vietnam, then the days ahead.
    let today = app::domain::vietnam_day(now);
    for (kind, title, ahead, days, venue, province, capacity, booths, programme) in COMING {
        let starts_at = (today + ahead) * DAY + 8 * 3_600_000 - 7 * 3_600_000;
        let ends_at = starts_at + (days - 1) * DAY + 9 * 3_600_000;
        let (summary, description) = texts(kind, title, venue);
        let slug = app::domain::Slug::from_title(title);
        let inserted = sqlx::query(insert)
            .bind(slug.as_str())
            .bind(kind)
            .bind(title)
            .bind(&summary)
            .bind(&description)
            .bind(app::markdown::render(&description))
            .bind(starts_at)
            .bind(ends_at)
            .bind(venue)
            .bind(Some("Khu Công nghệ cao, Quận Ninh Kiều"))
            .bind(province)
            .bind("Sở Khoa học và Công nghệ TP. Cần Thơ")
            .bind(Some(capacity))
            .bind(Some(starts_at - DAY))
            .bind(i64::from(booths))
            .bind(None::<i64>)
            .bind(now)
            .execute(db)
            .await?
            .rows_affected();
        added += inserted;
        if inserted == 1 {
            for (position, (time, item, speaker)) in (1i64..).zip(programme.iter()) {
                let (h, m) = time.split_once(':').expect("HH:MM");
                let at = starts_at - 8 * 3_600_000
                    + (h.parse::<i64>()? * 60 + m.parse::<i64>()?) * 60_000;
                sqlx::query(
                    "INSERT INTO event_programme (event_id, position, starts_at, title, speaker)
                     SELECT id, $2, $3, $4, $5 FROM events WHERE slug = $1",
                )
                .bind(slug.as_str())
                .bind(position)
                .bind(at)
                .bind(*item)
                .bind(Some(*speaker).filter(|s| !s.is_empty()))
                .execute(db)
                .await?;
            }
        }
    }
    // A drawing of the seed's for each kind, as the cover of the events it seeded.
    for (kind, drawing) in [
        ("techmart", "tractor"),
        ("exhibition", "microscope"),
        ("connection", "processing_line"),
        ("startup", "software"),
        ("training", "document"),
    ] {
        sqlx::query(
            "UPDATE events SET cover_key = 'demo/' || $1 || '.jpg',
                 cover_thumb = 'demo/' || $1 || '_t.jpg'
             WHERE kind = $2 AND cover_key IS NULL AND created_by IS NULL",
        )
        .bind(drawing)
        .bind(kind)
        .execute(db)
        .await?;
    }
    Ok(added)
}

/// A summary and a description (Markdown) for an event of `kind`.
fn texts(kind: &str, title: &str, venue: &str) -> (String, String) {
    let summary = match kind {
        "techmart" => {
            "Các viện, trường, doanh nghiệp và hợp tác xã trưng bày, trình diễn và chào bán công nghệ, thiết bị; bên mua gặp trực tiếp bên bán."
        }
        "exhibition" => {
            "Triển lãm các kết quả nghiên cứu và sản phẩm công nghệ tiêu biểu, kèm trình diễn và tư vấn chuyển giao."
        }
        "connection" => {
            "Bên có nhu cầu trình bày bài toán công nghệ, bên cung cấp giới thiệu giải pháp; sàn sắp xếp các cuộc gặp song phương."
        }
        "startup" => {
            "Các dự án khởi nghiệp đổi mới sáng tạo trình bày trước nhà đầu tư, quỹ và mạng lưới cố vấn."
        }
        _ => {
            "Khóa tập huấn ngắn ngày cho doanh nghiệp, hợp tác xã và cán bộ quản lý khoa học và công nghệ."
        }
    };
    let description = format!(
        "**{title}** diễn ra tại {venue}.\n\n{summary}\n\nSự kiện do Sở Khoa học và Công nghệ TP. Cần Thơ \
         phối hợp với các tỉnh, thành vùng Đồng bằng sông Cửu Long tổ chức; thông tin chi tiết được \
         cập nhật trên sàn giao dịch công nghệ."
    );
    (summary.to_owned(), description)
}

/// Visitors registered for the coming events (run again, it adds nothing): (event's title,
/// seats taken, on the waiting list). The connection session is full, with a waiting list;
/// the demo member holds a seat at the techmart.
const REGISTRATIONS: [(&str, usize, usize); 3] = [
    ("Chợ công nghệ – thiết bị Cần Thơ mùa mới", 240, 0),
    (
        "Phiên kết nối cung – cầu công nghệ nuôi trồng thủy sản",
        150,
        6,
    ),
    ("Ngày hội khởi nghiệp đổi mới sáng tạo Cần Thơ", 120, 0),
];

const FAMILY: [&str; 10] = [
    "Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Đặng", "Bùi", "Dương", "Lâm",
];
const MIDDLE: [&str; 6] = ["Văn", "Thị", "Minh", "Ngọc", "Thanh", "Hữu"];
const GIVEN: [&str; 12] = [
    "An", "Bình", "Cúc", "Dũng", "Hoa", "Khang", "Lan", "Nam", "Phúc", "Quyên", "Sơn", "Trâm",
];
const ORGANISATIONS: [&str; 8] = [
    "HTX Nông nghiệp Phong Điền",
    "Công ty TNHH Cơ khí Tây Đô",
    "Trường Đại học Cần Thơ",
    "Viện Lúa Đồng bằng sông Cửu Long",
    "Công ty CP Thủy sản Bình An",
    "HTX Rau an toàn Long Tuyền",
    "Công ty TNHH Giải pháp số Mekong",
    "Trung tâm Ứng dụng tiến bộ KH&CN Hậu Giang",
];

/// Registers the seed's visitors for the coming events, and the demo member for the techmart.
pub(super) async fn seed_registrations(db: &Db, now: i64) -> anyhow::Result<u64> {
    let mut added = 0;
    for (title, seats, waiting) in REGISTRATIONS {
        let slug = app::domain::Slug::from_title(title);
        let found: Option<(i64, i64)> = sqlx::query_as(
            "SELECT e.id, (SELECT COUNT(*) FROM event_registrations r WHERE r.event_id = e.id)
             FROM events e WHERE e.slug = $1",
        )
        .bind(slug.as_str())
        .fetch_optional(db)
        .await?;
        let Some((event_id, 0)) = found else {
            continue;
        };
        let mut tx = db.begin().await?;
        for i in 0..seats + waiting {
            let name = format!(
                "{} {} {}",
                FAMILY[i % FAMILY.len()],
                MIDDLE[(i / 3) % MIDDLE.len()],
                GIVEN[(i * 7) % GIVEN.len()]
            );
            let status = if i < seats { "confirmed" } else { "waiting" };
            // Registered over the past weeks, one after another.
            let at = now - ((seats + waiting - i) as i64) * 3_600_000;
            sqlx::query(
                "INSERT INTO event_registrations (event_id, name, organisation, phone, email,
                     status, ticket_code, cancel_hash, created_at, confirmed_at, waiting_since)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
            )
            .bind(event_id)
            .bind(&name)
            .bind(ORGANISATIONS[i % ORGANISATIONS.len()])
            .bind(format!("0292 38{:02} {:03}", i % 100, (i * 37) % 1000))
            .bind(format!("tham-du-{i:04}@example.vn"))
            .bind(status)
            .bind(app::auth::new_ticket_code())
            .bind(app::auth::new_session_token().1)
            .bind(at)
            .bind((status == "confirmed").then_some(at))
            .bind((status == "waiting").then_some(at))
            .execute(&mut *tx)
            .await?;
            added += 1;
        }
        if title.starts_with("Chợ công nghệ") {
            let member: Option<(i64, String, String)> = sqlx::query_as(
                "SELECT id, display_name, email FROM users WHERE email = 'an@techx.demo'",
            )
            .fetch_optional(&mut *tx)
            .await?;
            if let Some((id, name, email)) = member {
                sqlx::query(
                    "INSERT INTO event_registrations (event_id, user_id, name, organisation,
                         phone, email, status, ticket_code, cancel_hash, created_at, confirmed_at)
                     VALUES ($1, $2, $3, '', '', $4, 'confirmed', $5, $6, $7, $7)",
                )
                .bind(event_id)
                .bind(id)
                .bind(name)
                .bind(email)
                .bind(app::auth::new_ticket_code())
                .bind(app::auth::new_session_token().1)
                .bind(now)
                .execute(&mut *tx)
                .await?;
                added += 1;
            }
        }
        tx.commit().await?;
    }
    Ok(added)
}

/// Booths at the coming fairs that take them (run again, it adds nothing): (event's title, booths
/// accepted, applications waiting). Each booth shows up to four of its stall's newest offers.
const BOOTHS: [(&str, usize, usize); 2] = [
    ("Chợ công nghệ – thiết bị Cần Thơ mùa mới", 36, 4),
    ("Ngày hội khởi nghiệp đổi mới sáng tạo Cần Thơ", 12, 2),
];

/// Gives the coming fairs their exhibitors, numbered by hall (A1…, B1…), and a few applications
/// for the moderators to decide.
pub(super) async fn seed_booths(db: &Db, now: i64) -> anyhow::Result<u64> {
    let mut added = 0;
    let mut offset = 0i64;
    for (title, accepted, waiting) in BOOTHS {
        let slug = app::domain::Slug::from_title(title);
        let found: Option<(i64, i64)> = sqlx::query_as(
            "SELECT e.id, (SELECT COUNT(*) FROM event_booths b WHERE b.event_id = e.id)
             FROM events e WHERE e.slug = $1",
        )
        .bind(slug.as_str())
        .fetch_optional(db)
        .await?;
        let Some((event_id, 0)) = found else {
            continue;
        };
        let stalls: Vec<i64> = sqlx::query_scalar(
            "SELECT s.id FROM stalls s WHERE s.status = 'approved'
                 AND EXISTS (SELECT 1 FROM listings l WHERE l.stall_id = s.id
                     AND l.status = 'published' AND l.kind = 'offer')
             ORDER BY s.id LIMIT $1 OFFSET $2",
        )
        .bind((accepted + waiting) as i64)
        .bind(offset)
        .fetch_all(db)
        .await?;
        offset += stalls.len() as i64;
        let mut tx = db.begin().await?;
        for (i, stall) in stalls.iter().enumerate() {
            let (status, number) = if i < accepted {
                let hall = (b'A' + (i / 12) as u8) as char;
                ("accepted", Some(format!("{hall}{}", i % 12 + 1)))
            } else {
                ("applied", None)
            };
            let booth: i64 = sqlx::query_scalar(
                "INSERT INTO event_booths (event_id, stall_id, status, booth_number, created_at,
                     decided_at)
                 VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
            )
            .bind(event_id)
            .bind(stall)
            .bind(status)
            .bind(&number)
            .bind(now - (stalls.len() - i) as i64 * 86_400_000 / 4)
            .bind(number.as_ref().map(|_| now))
            .fetch_one(&mut *tx)
            .await?;
            sqlx::query(
                "INSERT INTO event_booth_listings (booth_id, position, listing_id)
                 SELECT $1, ROW_NUMBER() OVER (ORDER BY l.created_at DESC, l.id DESC), l.id
                 FROM listings l WHERE l.stall_id = $2 AND l.status = 'published'
                     AND l.kind = 'offer'
                 ORDER BY l.created_at DESC, l.id DESC LIMIT 4",
            )
            .bind(booth)
            .bind(stall)
            .execute(&mut *tx)
            .await?;
            added += 1;
        }
        tx.commit().await?;
    }
    Ok(added)
}
