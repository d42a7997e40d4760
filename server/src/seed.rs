//! The demo dataset: deterministic, Vietnamese, at the scale of the real exchange.
//!
//! Every row has a stable natural key (slug or code) and is inserted with `ON CONFLICT DO
//! NOTHING`, so seeding twice adds nothing. `scale` multiplies every count.

mod data;
mod events;
mod network;
mod news;
mod pictures;
mod startups;
mod videos;

use std::collections::HashMap;
use std::fmt;

use app::db::{Db, now_ms};
use app::domain::{PROVINCES, SECTORS, Slug, fold_search_text};
use indicatif::{ProgressBar, ProgressStyle};

use data::{Item, ORG_KINDS, SectorData, sector_data};

/// Approved stalls at scale 1, as on the real exchange.
pub const STALLS: usize = 240;
/// Offers posted from stalls at scale 1.
pub const STALL_OFFERS: usize = 10_738;
/// Offers from independent sellers at scale 1.
pub const INDEPENDENT_OFFERS: usize = 918;
/// Requests to buy at scale 1.
pub const REQUESTS: usize = 1_200;
/// Auctions running at scale 1.
pub const RUNNING_AUCTIONS: usize = 44;
/// Auctions approved to start later, at scale 1.
pub const UPCOMING_AUCTIONS: usize = 8;
/// News articles: as many as the real exchange has published, whatever the scale.
pub use news::ARTICLES;
/// Auctions already over, at scale 1.
pub const ENDED_AUCTIONS: usize = 16;

const BATCH: usize = 200;
/// Years the seeded listings were posted over (the real exchange opened about ten years ago).
const LISTING_YEARS: i64 = 10;
const DAY_MS: i64 = 86_400_000;

/// What a seed run inserted (rows already present are not counted).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct SeedReport {
    pub scale: u32,
    pub stalls: u64,
    pub listings: u64,
    pub auctions: u64,
    pub articles: u64,
    pub videos: u64,
    pub events: u64,
    pub projects: u64,
    pub mentors: u64,
    /// Visitors registered for the coming events.
    pub registrations: u64,
    pub users: u64,
}

/// Demo accounts and their known passwords: (e-mail, display name, role, password).
pub const DEMO_USERS: [(&str, &str, &str, &str); 6] = [
    (
        "admin@techx.demo",
        "Quản trị viên Demo",
        "admin",
        "techx-admin-demo",
    ),
    (
        "moderator@techx.demo",
        "Kiểm duyệt viên Demo",
        "moderator",
        "techx-moderator-demo",
    ),
    (
        "bien-tap@techx.demo",
        "Biên tập viên Demo",
        "editor",
        "techx-editor-demo",
    ),
    (
        "an@techx.demo",
        "Nguyễn Văn An",
        "member",
        "techx-member-demo",
    ),
    (
        "binh@techx.demo",
        "Trần Thị Bình",
        "member",
        "techx-stall-demo",
    ),
    (
        "quy@techx.demo",
        "Chương trình Đổi mới Demo",
        "member",
        "techx-funder-demo",
    ),
];

/// The demo account of a public support programme: it runs the open call for applications.
pub const DEMO_FUNDER: &str = "quy@techx.demo";

/// The demo member who acts for the first stall (and answers its inquiries).
pub const DEMO_STALL_MEMBER: &str = "binh@techx.demo";

impl fmt::Display for SeedReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "seeded at scale {}: {} stalls, {} listings, {} auctions, {} articles, {} videos, {} events ({} \
             registrations), {} startup projects, {} mentors, {} demo accounts added (existing rows kept)",
            self.scale,
            self.stalls,
            self.listings,
            self.auctions,
            self.articles,
            self.videos,
            self.events,
            self.registrations,
            self.projects,
            self.mentors,
            self.users
        )?;
        write!(f, "\ndemo accounts (e-mail / password / role):")?;
        for (email, _, role, password) in DEMO_USERS {
            write!(f, "\n  {email:<24} {password:<22} {role}")?;
        }
        write!(
            f,
            "\n  nguoi-mua-01…{:02}@techx.demo {DEMO_BIDDER_PASSWORD:<17} member (auction bidders)",
            DEMO_BIDDERS.len()
        )?;
        Ok(())
    }
}

/// True when the database holds no stalls yet.
pub async fn is_empty(db: &Db) -> sqlx::Result<bool> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM stalls")
        .fetch_one(db)
        .await?;
    Ok(n == 0)
}

/// Small deterministic generator (SplitMix64), so the dataset is the same on every machine.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator for one item, independent of how many items came before.
    pub fn for_item(stream: u64, index: u64) -> Self {
        Self(stream.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ index.wrapping_mul(0xD1B5_4A32_D192_ED03))
    }

    /// Next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    /// One element of a non-empty slice.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// A stall to insert.
struct StallRow {
    slug: String,
    name: String,
    org_kind: &'static str,
    sector: &'static str,
    /// Further sectors' codes, comma-separated.
    other_sectors: String,
    province: &'static str,
    description: String,
    address: String,
    phone: String,
    email: String,
    founded_year: i64,
    contact_person: String,
    certifications: String,
    created_at: i64,
}

/// A listing to insert.
struct ListingRow {
    slug: String,
    kind: &'static str,
    listing_type: &'static str,
    stall_slug: Option<String>,
    seller_name: Option<String>,
    seller_phone: Option<String>,
    title: String,
    summary: String,
    /// Markdown.
    description: String,
    sector: &'static str,
    province: &'static str,
    price_vnd: Option<i64>,
    /// A request's budget.
    budget_min_vnd: Option<i64>,
    budget_max_vnd: Option<i64>,
    /// The drawing its picture shows (offers from a stall or seller without an account).
    picture: Option<&'static str>,
    search_text: String,
    fold_title: String,
    fold_body: String,
    created_at: i64,
    origin_country: &'static str,
    item_condition: &'static str,
    warranty: String,
    trl: Option<i64>,
    transfer_modes: &'static str,
}

/// Seeds the database with `articles` news articles besides the rest. `progress` draws a bar on
/// the terminal for the long parts.
pub async fn run(
    db: &Db,
    media: &dyn app::media::ObjectStore,
    scale: u32,
    articles: usize,
    progress: bool,
) -> anyhow::Result<SeedReport> {
    let scale_n = scale as usize;
    let now = now_ms();
    let mut report = SeedReport {
        scale,
        ..SeedReport::default()
    };

    seed_reference_data(db).await?;

    let stalls: Vec<StallRow> = (0..STALLS * scale_n).map(|i| make_stall(i, now)).collect();
    report.stalls = insert_stalls(db, &stalls).await?;
    let stall_ids: HashMap<String, i64> =
        sqlx::query_as::<_, (String, i64)>("SELECT slug, id FROM stalls")
            .fetch_all(db)
            .await?
            .into_iter()
            .collect();

    let total_listings = (STALL_OFFERS + INDEPENDENT_OFFERS + REQUESTS) * scale_n;
    let bar = if progress {
        ProgressBar::new(total_listings as u64)
    } else {
        ProgressBar::hidden()
    };
    bar.set_style(
        ProgressStyle::with_template("{msg:>10} [{bar:40}] {pos}/{len} ({per_sec}, {eta} left)")
            .expect("static template")
            .progress_chars("=> "),
    );
    bar.set_message("pictures");
    let picture_size = seed_pictures(media).await?;
    bar.set_message("listings");
    let mut batch = Vec::with_capacity(BATCH);
    for i in 0..total_listings {
        batch.push(make_listing(i, scale_n, &stalls, now));
        if batch.len() == BATCH || i + 1 == total_listings {
            report.listings += insert_listings(db, &batch, &stall_ids, picture_size).await?;
            bar.inc(batch.len() as u64);
            batch.clear();
        }
    }
    bar.set_message("news");
    bar.set_position(0);
    bar.set_length(articles as u64);
    report.articles = news::seed(db, articles, now, &bar).await?;
    report.videos = videos::seed(db, media, now).await?;
    report.events = events::seed(db, now).await?;
    bar.finish_and_clear();

    let bidders = seed_demo_bidders(db, now).await?;
    report.auctions = seed_auctions(db, scale_n, &bidders, now).await?;
    seed_pooled_demand(db, scale_n, &bidders, now).await?;
    report.users = seed_demo_users(db, now).await?;
    report.registrations = events::seed_registrations(db, now).await?;
    events::seed_booths(db, now).await?;
    seed_demo_exchanges(db, now).await?;
    seed_alerts(db, scale_n, &bidders, now).await?;
    seed_introductions(db, scale_n, &bidders, now).await?;
    seed_visits(db, now).await?;
    seed_stall_views(db, now).await?;
    seed_stall_covers(db).await?;
    report.projects = startups::seed(db, media, scale_n, now).await?;
    report.mentors = network::seed(db, scale_n, now).await?;
    Ok(report)
}

/// The demo administrator, moderator and member, with the passwords [`DEMO_USERS`] prints.
async fn seed_demo_users(db: &Db, now: i64) -> anyhow::Result<u64> {
    let mut added = 0;
    for (email, name, role, password) in DEMO_USERS {
        let password = app::domain::Password::parse(password)
            .map_err(|code| anyhow::anyhow!("demo password for {email}: {code}"))?;
        let hash = tokio::task::spawn_blocking(move || app::auth::hash_password(&password)).await?;
        added += sqlx::query(
            "INSERT INTO users (email, display_name, password_hash, role, created_at, email_confirmed_at)
             VALUES ($1, $2, $3, $4, $5, $5) ON CONFLICT (email) DO NOTHING",
        )
        .bind(email)
        .bind(name)
        .bind(hash)
        .bind(role)
        .bind(now)
        .execute(db)
        .await?
        .rows_affected();
    }
    Ok(added)
}

/// Puts the demo stall member in the first stall, and gives the demo member a conversation with
/// that stall about one of its offers and two saved listings, so the inbox and the watchlist
/// have something to show. Run again, it adds nothing.
async fn seed_demo_exchanges(db: &Db, now: i64) -> anyhow::Result<()> {
    let user = |email: &'static str| async move {
        sqlx::query_scalar::<_, i64>("SELECT id FROM users WHERE email = $1")
            .bind(email)
            .fetch_one(db)
            .await
    };
    let (buyer, seller) = (user("an@techx.demo").await?, user(DEMO_STALL_MEMBER).await?);
    let Some(stall) = sqlx::query_scalar::<_, i64>(
        "SELECT id FROM stalls WHERE status = 'approved' ORDER BY id LIMIT 1",
    )
    .fetch_optional(db)
    .await?
    else {
        return Ok(());
    };
    sqlx::query(
        "INSERT INTO stall_members (stall_id, user_id, role, created_at) VALUES ($1, $2, 'owner', $3)
         ON CONFLICT (stall_id, user_id) DO NOTHING",
    )
    .bind(stall)
    .bind(seller)
    .bind(now)
    .execute(db)
    .await?;
    let offers: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM listings WHERE stall_id = $1 AND status = 'published' AND kind = 'offer'
         ORDER BY id LIMIT 3",
    )
    .bind(stall)
    .fetch_all(db)
    .await?;
    let Some(&asked) = offers.first() else {
        return Ok(());
    };
    if app::db::inquiries::find(db, asked, buyer).await?.is_none() {
        let mut tx = db.begin().await?;
        let hour = 3_600_000;
        let conversation = app::db::inquiries::open(&mut tx, asked, buyer, now - 5 * hour).await?;
        for (author, body, at) in [
            (
                buyer,
                "Chào anh chị, sản phẩm này còn không ạ? Tôi cần báo giá cho 2 bộ, giao tại Cờ Đỏ, \
                 Cần Thơ, và hỏi thêm về bảo hành.",
                now - 5 * hour,
            ),
            (
                seller,
                "Chào anh An, sản phẩm còn hàng. Giá cho 2 bộ đã gồm lắp đặt; bảo hành 12 tháng. \
                 Bên em gửi báo giá chi tiết qua email trong hôm nay.",
                now - 2 * hour,
            ),
        ] {
            app::db::inquiries::add_message(&mut tx, conversation, author, body, at).await?;
        }
        tx.commit().await?;
    }
    for &listing in offers.iter().skip(1) {
        app::db::inquiries::set_watched(db, buyer, listing, true, now).await?;
    }
    Ok(())
}

/// What demo members save as alerts: name, query string, frequency.
const DEMO_ALERTS: [(&str, &str, &str); 12] = [
    ("Máy bơm nước", "q=m%C3%A1y%20b%C6%A1m", "daily"),
    ("Drone phun thuốc", "q=drone", "instant"),
    ("Máy sấy lúa", "q=s%E1%BA%A5y%20l%C3%BAa", "weekly"),
    ("Thiết bị y tế", "sector=y-te", "weekly"),
    (
        "Xử lý nước thải",
        "q=n%C6%B0%E1%BB%9Bc%20th%E1%BA%A3i",
        "daily",
    ),
    ("Cảm biến IoT", "q=c%E1%BA%A3m%20bi%E1%BA%BFn", "instant"),
    (
        "Tìm mua ở Cần Thơ",
        "kind=request&province=can-tho",
        "daily",
    ),
    ("Điện mặt trời", "q=m%E1%BA%B7t%20tr%E1%BB%9Di", "weekly"),
    ("Kho lạnh", "q=kho%20l%E1%BA%A1nh", "daily"),
    (
        "Máy cày dưới 200 triệu",
        "q=m%C3%A1y%20c%C3%A0y&price_max=200000000",
        "instant",
    ),
    ("Nuôi tôm", "q=t%C3%B4m", "daily"),
    (
        "Chuyển giao công nghệ",
        "listing_type=technology&kind=offer",
        "weekly",
    ),
];

/// Saved searches for the demo member and bidders (`DEMO_ALERTS`, three each, more with the
/// scale), then the newest listings looked up against them by the real alert pass, so the
/// notification centre and the next digest have something to tell. Every older listing counts
/// as already looked up. Run again, it adds nothing.
async fn seed_alerts(db: &Db, scale: usize, bidders: &[i64], now: i64) -> anyhow::Result<()> {
    let member: i64 = sqlx::query_scalar("SELECT id FROM users WHERE email = 'an@techx.demo'")
        .fetch_one(db)
        .await?;
    let kept: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM saved_searches")
        .fetch_one(db)
        .await?;
    if kept == 0 {
        let members: Vec<i64> = std::iter::once(member)
            .chain(bidders.iter().copied())
            .collect();
        let per_member = (3 * scale).min(app::domain::alerts::MAX_SAVED_SEARCHES as usize);
        for (m, &user) in members.iter().enumerate() {
            for k in 0..per_member {
                let (name, query, frequency) = DEMO_ALERTS[(m * 5 + k) % DEMO_ALERTS.len()];
                let saved = app::domain::alerts::check(
                    name,
                    &app::domain::alerts::parse_query(query),
                    frequency,
                )
                .map_err(|e| anyhow::anyhow!("demo alert {name}: {e:?}"))?;
                app::db::alerts::save(db, user, None, &saved, now - (k as i64 + 1) * 86_400_000)
                    .await
                    .map_err(|e| anyhow::anyhow!("demo alert {name}: {e:?}"))?;
            }
        }
    }
    // The newest listings are news to the saved searches; the rest are not.
    let newest: Option<i64> = sqlx::query_scalar(
        "SELECT MIN(id) FROM (SELECT id FROM listings WHERE status = 'published' ORDER BY id DESC LIMIT $1) t",
    )
    .bind((40 * scale) as i64)
    .fetch_one(db)
    .await?;
    sqlx::query(
        "UPDATE listings SET alerts_checked_at = 0 WHERE alerts_checked_at IS NULL AND id < $1",
    )
    .bind(newest.unwrap_or(0))
    .execute(db)
    .await?;
    loop {
        app::db::alerts::scan(db, now, 100).await?;
        let left: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM listings WHERE alerts_checked_at IS NULL AND status = 'published'",
        )
        .fetch_one(db)
        .await?;
        if left == 0 {
            return Ok(());
        }
    }
}

/// How the seeded introductions went, in turn: a status and, for a deal, whether its outcome was
/// confirmed by the other party.
const INTRODUCTION_PATHS: [(&str, bool); 8] = [
    ("deal", true),
    ("requested", false),
    ("accepted", false),
    ("deal", true),
    ("declined", false),
    ("met", false),
    ("no_deal", false),
    ("deal", false),
];

/// Introductions between independent buyers' requests (posted by the demo member and the demo
/// bidders) and the offers that fit them best (their sellers being the demo stall member), in
/// every status, through the real rules; deals recorded and most confirmed, dated over the last
/// five years, so `/connect` has figures. 40 at scale 1. Run again, it adds nothing.
async fn seed_introductions(
    db: &Db,
    scale: usize,
    bidders: &[i64],
    now: i64,
) -> anyhow::Result<()> {
    use app::db::introductions;
    let have: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM introductions")
        .fetch_one(db)
        .await?;
    if have > 0 {
        return Ok(());
    }
    let id_of = |email: &'static str| async move {
        sqlx::query_scalar::<_, i64>("SELECT id FROM users WHERE email = $1")
            .bind(email)
            .fetch_one(db)
            .await
    };
    let (member, seller) = (
        id_of("an@techx.demo").await?,
        id_of(DEMO_STALL_MEMBER).await?,
    );
    let buyers: Vec<i64> = std::iter::once(member)
        .chain(bidders.iter().copied())
        .collect();
    let wanted = 40 * scale;
    let requests: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM listings WHERE kind = 'request' AND status = 'published' AND stall_id IS NULL
         ORDER BY id DESC LIMIT $1",
    )
    .bind((wanted * 2) as i64)
    .fetch_all(db)
    .await?;
    let day = 86_400_000;
    let mut made = 0;
    for (n, request) in requests.into_iter().enumerate() {
        if made == wanted {
            break;
        }
        let buyer = buyers[n % buyers.len()];
        let Some(offer) = app::db::matching::matches_for(db, request, 1)
            .await?
            .first()
            .map(|m| m.listing.id)
        else {
            continue;
        };
        sqlx::query("UPDATE listings SET owner_id = $1 WHERE id = $2")
            .bind(buyer)
            .bind(request)
            .execute(db)
            .await?;
        sqlx::query("UPDATE listings SET owner_id = $1 WHERE id = $2 AND owner_id IS NULL")
            .bind(seller)
            .bind(offer)
            .execute(db)
            .await?;
        // Spread over the last five years, one every ~45 days, newest first.
        // Every step (answers a day apart, the deal two days in, its record and confirmation)
        // in the past.
        let at = now - (made as i64) * 45 * day - 10 * day;
        let message = "Chào anh chị, bên tôi đang cần đúng sản phẩm này cho vụ tới.                        Mong được kết nối để trao đổi về giá, số lượng và thời gian giao hàng.";
        let Ok((id, _)) = introductions::ask(db, buyer, request, offer, message, at).await else {
            continue;
        };
        let (path, confirmed) = INTRODUCTION_PATHS[made % INTRODUCTION_PATHS.len()];
        let steps: &[&str] = match path {
            "accepted" => &["accept"],
            "declined" => &["decline"],
            "met" => &["accept", "met"],
            "deal" => &["accept", "met", "deal"],
            "no_deal" => &["accept", "met", "no_deal"],
            _ => &[],
        };
        for (k, step) in steps.iter().enumerate() {
            let actor = if k == 0 { seller } else { buyer };
            introductions::advance(
                db,
                actor,
                id,
                step,
                Some("not_a_fit"),
                at + (k as i64 + 1) * day,
            )
            .await?;
        }
        if path == "deal" {
            let deal_day = app::domain::vietnam_day(at) + 2;
            let value = [45_000_000, 120_000_000, 380_000_000, 1_250_000_000][made % 4]
                + (made as i64 % 7) * 15_000_000;
            let kind = ["purchase", "purchase", "transfer", "licence"][made % 4];
            if let Ok(deal) = introductions::record_deal(
                db,
                buyer,
                introductions::DealSubject::Introduction(id),
                (kind, value, deal_day),
                true,
                at + 4 * day,
            )
            .await
                && confirmed
            {
                introductions::confirm_deal(db, seller, deal, made % 3 == 0, at + 5 * day)
                    .await
                    .map_err(|e| anyhow::anyhow!("confirming a demo deal: {e:?}"))?;
            }
        }
        made += 1;
    }
    Ok(())
}

/// Requests to buy the demo bidders (a co-op's farmers) joined with "I need this too": one
/// equipment request in ten, the newest 60 at scale 1, each joined by one to four of them.
async fn seed_pooled_demand(
    db: &Db,
    scale: usize,
    bidders: &[i64],
    now: i64,
) -> anyhow::Result<()> {
    let requests: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM listings WHERE kind = 'request' AND status = 'published' \
         AND listing_type = 'equipment' AND id % 10 = 3 ORDER BY id DESC LIMIT $1",
    )
    .bind((60 * scale) as i64)
    .fetch_all(db)
    .await?;
    for (n, id) in requests.into_iter().enumerate() {
        let mut rng = Rng::for_item(9, n as u64);
        for k in 0..1 + rng.below(4) {
            let user = bidders[(n * 5 + k) % bidders.len()];
            let quantity = *rng.pick(&[1i64, 1, 2, 3, 5, 10]);
            app::db::matching::pledge(db, id, user, quantity, now - (k as i64 + 1) * 3_600_000)
                .await?;
        }
    }
    Ok(())
}

/// Draws every kind of product the demo catalogue lists (`pictures`) into the media store, as
/// a stall would have uploaded it: `demo/{code}.jpg` and its thumbnail `demo/{code}_t.jpg`.
/// Returns the pictures' size.
async fn seed_pictures(media: &dyn app::media::ObjectStore) -> anyhow::Result<(u32, u32)> {
    let drawn = tokio::task::spawn_blocking(|| {
        data::PICTURES
            .iter()
            .enumerate()
            .map(|(n, code)| {
                let bytes = pictures::jpeg(code, (n % 8) as u8);
                crate::images::process(&bytes)
                    .map(|picture| (*code, picture))
                    .map_err(|r| anyhow::anyhow!("drawing {code}: {}", r.code()))
            })
            .collect::<anyhow::Result<Vec<_>>>()
    })
    .await??;
    let size = (drawn[0].1.width, drawn[0].1.height);
    for (code, picture) in drawn {
        media
            .put(&format!("demo/{code}.jpg"), picture.display)
            .await?;
        media
            .put(&format!("demo/{code}_t.jpg"), picture.thumb)
            .await?;
    }
    Ok(size)
}

/// Every tenth stall shows the drawing of its sector's first product as its cover.
/// Days of page views kept for the statistics' visits chart.
const VISIT_DAYS: i64 = 3 * 365;

/// Page views per day over the last three years — growing from ~600 to ~2,400 a day, fewer at
/// weekends — and the site's total to match.
async fn seed_visits(db: &Db, now: i64) -> anyhow::Result<()> {
    let today = app::domain::vietnam_day(now);
    let days: Vec<(i64, i64)> = (1..=VISIT_DAYS)
        .map(|back| {
            let day = today - back;
            let growth = 600.0 + 1_800.0 * (VISIT_DAYS - back) as f64 / VISIT_DAYS as f64;
            // 1970-01-01 was a Thursday: day % 7 is 2 on Saturdays and 3 on Sundays.
            let weekend = if matches!(day.rem_euclid(7), 2 | 3) {
                0.6
            } else {
                1.0
            };
            let noise = 0.8 + Rng::for_item(9, day as u64).below(400) as f64 / 1_000.0;
            (day, (growth * weekend * noise) as i64)
        })
        .collect();
    for chunk in days.chunks(BATCH) {
        let mut sql = String::from("INSERT INTO site_visits_daily (day, views) VALUES ");
        push_placeholders(&mut sql, chunk.len(), 2);
        sql.push_str(" ON CONFLICT (day) DO NOTHING");
        let mut query = sqlx::query(&sql);
        for (day, views) in chunk {
            query = query.bind(day).bind(views);
        }
        query.execute(db).await?;
    }
    sqlx::query(
        "UPDATE site_counters SET value = (SELECT COALESCE(SUM(views), 0) FROM site_visits_daily)
         WHERE name = 'visits'",
    )
    .execute(db)
    .await?;
    Ok(())
}

/// Twelve weeks of daily views of the demo stall member's listings, so its figures page has
/// something to chart; their stored totals grow to match.
async fn seed_stall_views(db: &Db, now: i64) -> anyhow::Result<()> {
    let listings: Vec<i64> = sqlx::query_scalar(
        "SELECT l.id FROM listings l
         JOIN stall_members m ON m.stall_id = l.stall_id
         JOIN users u ON u.id = m.user_id
         WHERE u.email = $1 AND l.status = 'published'
         ORDER BY l.id",
    )
    .bind(DEMO_STALL_MEMBER)
    .fetch_all(db)
    .await?;
    let today = app::domain::vietnam_day(now);
    let mut rows = Vec::new();
    for (rank, id) in listings.iter().enumerate() {
        // The first listings are the most looked at.
        let popularity = 1 + 12 / (1 + rank as u64 % 16);
        for back in 1..=84 {
            let views =
                Rng::for_item(10, (*id as u64) << 8 | back).below(popularity as usize + 1) as i64;
            if views > 0 {
                rows.push((*id, today - back as i64, views));
            }
        }
    }
    for chunk in rows.chunks(BATCH) {
        let mut sql =
            String::from("INSERT INTO listing_views_daily (listing_id, day, views) VALUES ");
        push_placeholders(&mut sql, chunk.len(), 3);
        sql.push_str(" ON CONFLICT (listing_id, day) DO NOTHING");
        let mut query = sqlx::query(&sql);
        for (id, day, views) in chunk {
            query = query.bind(id).bind(day).bind(views);
        }
        query.execute(db).await?;
    }
    sqlx::query(
        "UPDATE listings SET view_count = view_count
             + (SELECT COALESCE(SUM(d.views), 0) FROM listing_views_daily d WHERE d.listing_id = listings.id)
         WHERE id IN (SELECT listing_id FROM listing_views_daily)",
    )
    .execute(db)
    .await?;
    Ok(())
}

async fn seed_stall_covers(db: &Db) -> anyhow::Result<()> {
    for sector in SECTORS {
        let code = sector_data(sector.code).items[0].picture;
        sqlx::query(
            "UPDATE stalls SET cover_key = 'demo/' || $1 || '.jpg'
             WHERE cover_key IS NULL AND id % 10 = 1 AND sector_code = $2",
        )
        .bind(code)
        .bind(sector.code)
        .execute(db)
        .await?;
    }
    Ok(())
}

async fn seed_reference_data(db: &Db) -> sqlx::Result<()> {
    let mut tx = db.begin().await?;
    for (i, p) in PROVINCES.iter().enumerate() {
        sqlx::query("INSERT INTO provinces (code, name_vi, name_en, sort_order) VALUES ($1, $2, $3, $4) ON CONFLICT (code) DO NOTHING")
            .bind(p.code).bind(p.name_vi).bind(p.name_en).bind(i as i32)
            .execute(&mut *tx).await?;
    }
    for (i, s) in SECTORS.iter().enumerate() {
        sqlx::query("INSERT INTO sectors (code, name_vi, name_en, sort_order) VALUES ($1, $2, $3, $4) ON CONFLICT (code) DO NOTHING")
            .bind(s.code).bind(s.name_vi).bind(s.name_en).bind(i as i32)
            .execute(&mut *tx).await?;
    }
    tx.commit().await
}

fn make_stall(i: usize, now: i64) -> StallRow {
    let mut rng = Rng::for_item(1, i as u64);
    let sector_info = &SECTORS[i % SECTORS.len()];
    let sector = sector_data(sector_info.code);
    let province = &PROVINCES[rng.below(PROVINCES.len())];
    let (org_kind, prefixes) = ORG_KINDS[rng.below(ORG_KINDS.len())];
    let prefix = rng.pick(prefixes);
    let brand = rng.pick(data::BRAND_WORDS);
    let name = match org_kind {
        "company" | "cooperative" => format!("{prefix} {} {brand}", sector.trade),
        _ => format!("{prefix} {} {}", sector.trade, province.name_vi),
    };
    // The index keeps names and slugs unique at any scale.
    let name = if i < STALLS {
        name
    } else {
        format!("{name} {}", i / STALLS + 1)
    };
    let slug = format!("{}-{}", Slug::from_title(&name), i + 1);
    let description = format!(
        "{name} hoạt động trong lĩnh vực {} tại {}, chuyên {}. Đơn vị cung cấp giải pháp trọn gói từ tư vấn, \
         thiết kế, chuyển giao công nghệ đến lắp đặt và bảo trì cho doanh nghiệp, hợp tác xã và nông hộ vùng \
         Đồng bằng sông Cửu Long.",
        sector_info.name_vi.to_lowercase(),
        province.name_vi,
        sector.speciality,
    );
    StallRow {
        slug,
        name,
        org_kind,
        sector: sector_info.code,
        province: province.code,
        description,
        address: format!(
            "{} đường {}, {}",
            10 + rng.below(490),
            rng.pick(data::STREETS),
            province.name_vi
        ),
        phone: format!("0{}{:07}", 290 + rng.below(9), rng.below(10_000_000)),
        email: format!("lienhe{}@{}.vn", i + 1, Slug::from_title(brand)),
        founded_year: 1975 + rng.below(50) as i64,
        created_at: now - (STALLS as i64 * 3 - i as i64 % (STALLS as i64 * 3)) * DAY_MS / 4,
        // From their own stream, so the fields above stay as they were.
        contact_person: {
            let mut extra = Rng::for_item(6, i as u64);
            format!(
                "{} {} {}",
                extra.pick(data::FAMILY_NAMES),
                extra.pick(data::MIDDLE_NAMES),
                extra.pick(data::GIVEN_NAMES)
            )
        },
        certifications: {
            let mut extra = Rng::for_item(7, i as u64);
            let certs = &app::domain::COMMON_CERTIFICATIONS;
            match extra.below(4) {
                0 => String::new(),
                1 => certs[extra.below(certs.len())].to_owned(),
                _ => {
                    let a = extra.below(certs.len());
                    let b = (a + 1 + extra.below(certs.len() - 1)) % certs.len();
                    format!("{}, {}", certs[a], certs[b])
                }
            }
        },
        // One stall in three works in a neighbouring sector too, one in nine in two more.
        other_sectors: {
            let mut extra = Rng::for_item(8, i as u64);
            let n = SECTORS.len();
            match extra.below(9) {
                0 => [1, 2].map(|step| SECTORS[(i + step) % n].code).join(","),
                1 | 2 => SECTORS[(i + 1 + extra.below(n - 1)) % n].code.to_owned(),
                _ => String::new(),
            }
        },
    }
}

/// The `n`-th product of a sector's catalogue: every (item, spec, make) once, `n` taken modulo
/// their number.
fn product(sector: &'static SectorData, n: usize) -> (&'static Item, usize, usize) {
    let total: usize = sector
        .items
        .iter()
        .map(|item| item.specs.len() * item.makes.len())
        .sum();
    let mut n = n % total.max(1);
    for item in sector.items {
        let here = item.specs.len() * item.makes.len();
        if n < here {
            return (item, n / item.makes.len(), n % item.makes.len());
        }
        n -= here;
    }
    (&sector.items[0], 0, 0)
}

/// The `n`-th (item, spec) of a sector's catalogue, `n` taken modulo their number.
fn item_spec(sector: &'static SectorData, n: usize) -> (&'static Item, usize) {
    let total: usize = sector.items.iter().map(|item| item.specs.len()).sum();
    let mut n = n % total.max(1);
    for item in sector.items {
        if n < item.specs.len() {
            return (item, n);
        }
        n -= item.specs.len();
    }
    (&sector.items[0], 0)
}

/// A price as sellers write it: to the 100,000 from a million up, else to the 10,000.
fn round_price(vnd: i64) -> i64 {
    let unit = if vnd >= 1_000_000 { 100_000 } else { 10_000 };
    (vnd / unit).max(1) * unit
}

fn make_listing(i: usize, scale: usize, stalls: &[StallRow], now: i64) -> ListingRow {
    let stall_offers = STALL_OFFERS * scale;
    let independent = INDEPENDENT_OFFERS * scale;
    let mut rng = Rng::for_item(2, i as u64);
    // A stall's offers go round its sector's catalogue from a place of its own, so no stall
    // lists the same title twice (a stall has ~45 offers; a sector ~400 products).
    let (kind, stall, slot) = if i < stall_offers {
        let k = i / stalls.len();
        let n = i % stalls.len();
        ("offer", Some(&stalls[n]), Some(n * 131 + k * 7_919))
    } else if i < stall_offers + independent {
        ("offer", None, None)
    } else if rng.below(3) == 0 {
        // A stall's requests go round its catalogue as its offers do: none asks twice for the
        // same thing.
        let j = i - stall_offers - independent;
        let (k, n) = (j / stalls.len(), j % stalls.len());
        ("request", Some(&stalls[n]), Some(n * 131 + k * 7_919 + 17))
    } else {
        ("request", None, None)
    };
    let sector_code = stall
        .map(|s| s.sector)
        .unwrap_or_else(|| SECTORS[rng.below(SECTORS.len())].code);
    let sector: &SectorData = sector_data(sector_code);
    let (item, spec_n, make_n) = match (kind, slot) {
        // What a buyer asks for is the item and spec; the make may not be in the title.
        ("request", Some(slot)) => {
            let (item, spec_n) = item_spec(sector, slot);
            (item, spec_n, rng.below(item.makes.len()))
        }
        _ => product(sector, slot.unwrap_or_else(|| rng.below(1 << 20))),
    };
    let (spec, typical) = item.specs[spec_n];
    let make = item.makes[make_n];
    let need = rng.pick(item.needs);
    let province = stall
        .map(|s| s.province)
        .unwrap_or_else(|| PROVINCES[rng.below(PROVINCES.len())].code);
    let province_name = PROVINCES
        .iter()
        .find(|p| p.code == province)
        .map(|p| p.name_vi)
        .unwrap_or("");
    let name_lc = lower_first(item.name);
    let countable = item.listing_type == "equipment";
    let quantity = *rng.pick(&[1, 1, 2, 2, 3, 5, 10]);
    let title = if kind == "offer" {
        format!("{} {spec} {make}", item.name)
    } else {
        // As buyers write them.
        let amount = if countable && quantity > 1 {
            format!("{quantity} ")
        } else {
            String::new()
        };
        match (item.listing_type, rng.below(6)) {
            ("technology", 0 | 1) => format!("Cần chuyển giao {name_lc} {spec}"),
            ("technology", 2) => format!("Tìm đơn vị chuyển giao {name_lc} {spec} {need}"),
            ("service", 0 | 1) => format!("Cần thuê {name_lc} {spec} {need}"),
            ("service", 2) => format!("Tìm đơn vị {name_lc} {spec}"),
            (_, 0) => format!("Cần mua {amount}{name_lc} {spec} {need}"),
            (_, 1) => format!("Tìm mua {amount}{name_lc} {spec}, giao tại {province_name}"),
            (_, 2) => format!("Cần báo giá {amount}{name_lc} {spec} {need}"),
            (_, 3) => format!("Cần tìm nhà cung cấp {name_lc} {spec}"),
            (_, 4) => format!(
                "{} cần {amount}{name_lc} {spec}",
                capitalise(rng.pick::<&str>(sector.users))
            ),
            _ => format!("Cần mua {name_lc} {spec} {make}"),
        }
    };
    // The make moves the price a little either way (a Japanese make costs more than a workshop's).
    let factor = 85 + rng.below(40) as i64;
    let price = round_price(typical * factor / 100);
    let price_vnd = if rng.below(6) == 0 { None } else { Some(price) };
    let (budget_min_vnd, budget_max_vnd) = match (kind, rng.below(4)) {
        ("request", 0) => (None, None),
        ("request", 1) => (None, Some(round_price(price * 11 / 10))),
        ("request", _) => (
            Some(round_price(price * 8 / 10)),
            Some(round_price(price * 11 / 10)),
        ),
        _ => (None, None),
    };
    let price_vnd = if kind == "request" { None } else { price_vnd };
    let warranty_months = 6 + 6 * rng.below(4);
    let delivery_days = 15 + 15 * rng.below(4);
    let buyer = capitalise(rng.pick::<&str>(sector.users));
    let summary = if kind == "offer" {
        format!(
            "{}. Phù hợp cho {} tại {province_name} và các tỉnh lân cận; bảo hành {warranty_months} tháng, hỗ trợ \
             lắp đặt và hướng dẫn vận hành.",
            item.pitch.trim_end_matches('.'),
            rng.pick(sector.users),
        )
    } else {
        format!(
            "{buyer} tại {province_name} cần {name_lc} {spec} {need}, giao trong {delivery_days} ngày. Ưu tiên đơn \
             vị có hồ sơ năng lực và dịch vụ sau bán hàng tại địa phương.",
        )
    };
    let origin_country = if kind == "offer" {
        *rng.pick(&[
            "Việt Nam",
            "Nhật Bản",
            "Hàn Quốc",
            "Đài Loan",
            "Đức",
            "Israel",
        ])
    } else {
        ""
    };
    let description = if kind == "offer" {
        format!(
            "**{} {spec}**: {}.\n\n\
             ### Thông số chính\n\n\
             - Quy cách: {spec}\n\
             - Xuất xứ: {}\n\
             - Tình trạng: mới 100%, đầy đủ chứng từ\n\
             - Bảo hành: {warranty_months} tháng\n\n\
             ### Dịch vụ kèm theo\n\n\
             - Khảo sát và tư vấn giải pháp miễn phí tại {province_name}\n\
             - Lắp đặt, chạy thử và đào tạo vận hành tại chỗ\n\
             - Hỗ trợ kỹ thuật qua điện thoại trong giờ hành chính\n\n\
             Giá đã gồm thuế GTGT, chưa gồm chi phí vận chuyển ngoài {province_name}.",
            item.name,
            lower_first(item.pitch.trim_end_matches('.')),
            origin_country,
        )
    } else {
        format!(
            "{buyer} cần mua **{} {spec}** {need}.\n\n\
             ### Yêu cầu\n\n\
             - Giao hàng tại {province_name} trong vòng {delivery_days} ngày\n\
             - Có hồ sơ năng lực, chứng nhận xuất xứ và chất lượng\n\
             - Bảo hành tối thiểu 12 tháng, có dịch vụ sau bán hàng tại địa phương\n\n\
             Đơn vị quan tâm vui lòng gửi báo giá kèm thông số kỹ thuật.",
            name_lc,
        )
    };
    let (seller_name, seller_phone) = match stall {
        Some(_) => (None, None),
        None => (
            Some(format!(
                "{} {} {}",
                rng.pick(data::FAMILY_NAMES),
                rng.pick(data::MIDDLE_NAMES),
                rng.pick(data::GIVEN_NAMES)
            )),
            Some(format!("09{:08}", rng.below(100_000_000))),
        ),
    };
    let search_text = fold_search_text(&format!(
        "{title} {summary} {}",
        stall.map(|s| s.name.as_str()).unwrap_or_default()
    ));
    let (fold_title, fold_body) = app::db::search::folded(
        &title,
        &summary,
        &description,
        stall.map(|s| s.name.as_str()),
    );
    ListingRow {
        fold_title,
        fold_body,
        slug: format!("{}-{}", Slug::from_title(&title), i + 1),
        kind,
        listing_type: item.listing_type,
        stall_slug: stall.map(|s| s.slug.clone()),
        seller_name,
        seller_phone,
        title,
        summary,
        description,
        sector: sector_code,
        province,
        price_vnd,
        budget_min_vnd,
        budget_max_vnd,
        // Three offers in four show a picture of what they are.
        picture: (kind == "offer" && rng.below(4) != 0).then_some(item.picture),
        search_text,
        origin_country,
        item_condition: if kind == "offer" && matches!(item.listing_type, "equipment" | "product") {
            "new"
        } else {
            ""
        },
        warranty: if kind == "offer" {
            format!("{warranty_months} tháng")
        } else {
            String::new()
        },
        trl: (item.listing_type == "technology")
            .then(|| 4 + Rng::for_item(5, i as u64).below(6) as i64),
        transfer_modes: if item.listing_type == "technology" && kind == "offer" {
            "licence,consulting"
        } else {
            ""
        },
        // Over the exchange's years, offers and requests interleaved: the `i`-th listing takes
        // place `i × 7919 mod total` in time (7919 is a prime no total is a multiple of at any
        // scale the seed is run at: every place is taken once).
        created_at: {
            let total = stall_offers + independent + REQUESTS * scale;
            now - listing_age_ms(total - (i * 7919) % total, total)
        },
    }
}

/// How long ago the `k`-th newest of `total` listings was posted: spread over
/// [`LISTING_YEARS`], the exchange growing — three times as many new listings a month now as
/// when it opened (the age is `(f + f²) / 2` of the span, `f` being `k / total`).
fn listing_age_ms(k: usize, total: usize) -> i64 {
    let f = k as f64 / total.max(1) as f64;
    let span = LISTING_YEARS as f64 * 365.25 * DAY_MS as f64;
    (span * (f + f * f) / 2.0) as i64
}

/// `s` with its first letter in lower case ("Máy bơm Pentax" → "máy bơm Pentax"): brands and
/// models keep their capitals.
fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_lowercase().chain(chars).collect())
        .unwrap_or_default()
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

async fn insert_stalls(db: &Db, stalls: &[StallRow]) -> sqlx::Result<u64> {
    let mut inserted = 0;
    for chunk in stalls.chunks(BATCH) {
        let mut sql = String::from(
            "INSERT INTO stalls (slug, name, org_kind, sector_code, province_code, description, address, phone, \
             email, founded_year, status, created_at, contact_person, certifications, fold_name, fold_body, \
             other_sectors) VALUES ",
        );
        push_placeholders(&mut sql, chunk.len(), 17);
        sql.push_str(" ON CONFLICT (slug) DO NOTHING");
        let mut query = sqlx::query(&sql);
        for s in chunk {
            let (fold_name, fold_body) = app::db::search::folded_stall(
                &s.name,
                &s.description,
                &s.address,
                &s.certifications,
            );
            query = query
                .bind(&s.slug)
                .bind(&s.name)
                .bind(s.org_kind)
                .bind(s.sector)
                .bind(s.province)
                .bind(&s.description)
                .bind(&s.address)
                .bind(&s.phone)
                .bind(&s.email)
                .bind(s.founded_year as i32)
                .bind("approved")
                .bind(s.created_at)
                .bind(&s.contact_person)
                .bind(&s.certifications)
                .bind(fold_name)
                .bind(fold_body)
                .bind(&s.other_sectors);
        }
        inserted += query.execute(db).await?.rows_affected();
    }
    Ok(inserted)
}

async fn insert_listings(
    db: &Db,
    rows: &[ListingRow],
    stall_ids: &HashMap<String, i64>,
    picture_size: (u32, u32),
) -> sqlx::Result<u64> {
    let mut sql = String::from(
        "INSERT INTO listings (slug, kind, listing_type, stall_id, seller_name, seller_phone, title, summary, \
         description, sector_code, province_code, price_vnd, search_text, status, created_at, \
         origin_country, item_condition, warranty, trl, transfer_modes, fold_title, fold_body, \
         budget_min_vnd, budget_max_vnd) VALUES ",
    );
    push_placeholders(&mut sql, rows.len(), 24);
    sql.push_str(" ON CONFLICT (slug) DO NOTHING");
    let mut query = sqlx::query(&sql);
    for l in rows {
        let stall_id = l
            .stall_slug
            .as_ref()
            .and_then(|slug| stall_ids.get(slug).copied());
        query = query
            .bind(&l.slug)
            .bind(l.kind)
            .bind(l.listing_type)
            .bind(stall_id)
            .bind(&l.seller_name)
            .bind(&l.seller_phone)
            .bind(&l.title)
            .bind(&l.summary)
            .bind(&l.description)
            .bind(l.sector)
            .bind(l.province)
            .bind(l.price_vnd)
            .bind(&l.search_text)
            .bind("published")
            .bind(l.created_at)
            .bind(l.origin_country)
            .bind(l.item_condition)
            .bind(&l.warranty)
            .bind(l.trl)
            .bind(l.transfer_modes)
            .bind(&l.fold_title)
            .bind(&l.fold_body)
            .bind(l.budget_min_vnd)
            .bind(l.budget_max_vnd);
    }
    let inserted = query.execute(db).await?.rows_affected();
    // Their pictures: the drawing of what each is (rendered by `seed_pictures`), for those
    // inserted now (a listing seeded before keeps what it has).
    let pictured: Vec<(&str, &str)> = rows
        .iter()
        .filter_map(|l| l.picture.map(|code| (l.slug.as_str(), code)))
        .collect();
    if !pictured.is_empty() {
        let mut values = String::new();
        push_placeholders(&mut values, pictured.len(), 2);
        let insert_sql = format!(
            "INSERT INTO listing_images (listing_id, position, image_key, thumb_key, width, height, created_at)
             SELECT l.id, 1, 'demo/' || v.column2 || '.jpg', 'demo/' || v.column2 || '_t.jpg', {w}, {h}, l.created_at
             FROM listings l JOIN (VALUES {values}) v ON l.slug = v.column1
             WHERE l.image_count = 0",
            w = picture_size.0,
            h = picture_size.1,
        );
        let mut insert = sqlx::query(&insert_sql);
        for (slug, code) in &pictured {
            insert = insert.bind(*slug).bind(*code);
        }
        let mut tx = db.begin().await?;
        insert.execute(&mut *tx).await?;
        let update_sql = format!(
            "UPDATE listings SET image_count = 1,
                    cover_thumb = 'demo/' || (SELECT v.column2 FROM (VALUES {values}) v WHERE v.column1 = listings.slug) || '_t.jpg'
             WHERE image_count = 0 AND slug IN (SELECT v.column1 FROM (VALUES {values}) v)"
        );
        let mut update = sqlx::query(&update_sql);
        // Each placeholder number is bound once, however often the text names it.
        for (slug, code) in &pictured {
            update = update.bind(*slug).bind(*code);
        }
        update.execute(&mut *tx).await?;
        tx.commit().await?;
    }
    Ok(inserted)
}

/// Appends `(…), (…)` with numbered placeholders for `rows` rows of `cols` columns.
fn push_placeholders(sql: &mut String, rows: usize, cols: usize) {
    for r in 0..rows {
        sql.push_str(if r == 0 { "(" } else { ", (" });
        for c in 0..cols {
            if c > 0 {
                sql.push_str(", ");
            }
            sql.push_str(&format!("${}", r * cols + c + 1));
        }
        sql.push(')');
    }
}

/// Bidders of the demo auctions: `nguoi-mua-01@techx.demo` … with this password.
pub const DEMO_BIDDER_PASSWORD: &str = "techx-bidder-demo";
const DEMO_BIDDERS: [&str; 16] = [
    "Trần Văn Hùng",
    "Nguyễn Thị Lan",
    "Lê Minh Tuấn",
    "Phạm Thị Hoa",
    "Võ Văn Phúc",
    "Huỳnh Thị Mai",
    "Đặng Quốc Bảo",
    "Bùi Thị Ngọc",
    "Đỗ Văn Tài",
    "Hồ Thị Thu",
    "Ngô Văn Sang",
    "Dương Thị Yến",
    "Lý Văn Nam",
    "Trương Thị Kim",
    "Phan Văn Lộc",
    "Châu Thị Diễm",
];

/// Puts equipment offers up for auction — some running now, some upcoming, some ended — and
/// gives those that have started a bid history made by the bidding rules themselves (demo
/// bidders stating maxima over time), so every seeded auction's log verifies.
async fn seed_auctions(db: &Db, scale: usize, bidders: &[i64], now: i64) -> anyhow::Result<u64> {
    let candidates: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT id, COALESCE(price_vnd, 50000000) FROM listings
         WHERE kind = 'offer' AND listing_type = 'equipment' AND stall_id IS NOT NULL AND status = 'published'
         ORDER BY id LIMIT $1",
    )
    .bind(((RUNNING_AUCTIONS + UPCOMING_AUCTIONS + ENDED_AUCTIONS) * scale) as i64)
    .fetch_all(db)
    .await?;
    let mut inserted = 0;
    let mut ended = Vec::new();
    for (n, (listing_id, price)) in candidates.into_iter().enumerate() {
        let mut rng = Rng::for_item(3, n as u64);
        let starting = (price * 6 / 10 / 1_000_000).max(1) * 1_000_000;
        let step = app::domain::auction::default_step(starting);
        let (starts_at, ends_at) = if n < RUNNING_AUCTIONS * scale {
            (
                now - (1 + rng.below(5) as i64) * DAY_MS,
                now + (1 + rng.below(72) as i64) * 3_600_000 + n as i64 * 60_000,
            )
        } else if n < (RUNNING_AUCTIONS + UPCOMING_AUCTIONS) * scale {
            (
                now + (1 + rng.below(10) as i64) * DAY_MS,
                now + (12 + rng.below(10) as i64) * DAY_MS,
            )
        } else {
            (
                now - (20 + rng.below(20) as i64) * DAY_MS,
                now - (1 + rng.below(15) as i64) * DAY_MS,
            )
        };
        let rules = app::domain::auction::AuctionRules {
            seller_id: 0,
            starting_price: starting,
            step,
            // One in three has a reserve twenty steps up; one in four a buy-now price.
            reserve: (n % 3 == 0).then_some(starting + 20 * step),
            buy_now: (n % 4 == 1).then_some(starting + 60 * step),
            starts_at,
            ends_at,
            soft_close_ms: app::domain::auction::DEFAULT_SOFT_CLOSE_MS,
        };
        let exists: Option<i64> =
            sqlx::query_scalar("SELECT id FROM auctions WHERE listing_id = $1")
                .bind(listing_id)
                .fetch_optional(db)
                .await?;
        if exists.is_some() {
            continue;
        }
        inserted += 1;
        let auction = app::db::auctions::NewAuction { listing_id, rules };
        let id = app::db::auctions::create(db, &auction, "approved").await?;
        // One upcoming auction in three is of public property: registered bidders only, after a
        // deposit of a tenth of the starting price.
        if starts_at > now && n % 3 == 0 {
            sqlx::query(
                "UPDATE auctions SET requires_approval = 1, deposit_vnd = $1 WHERE id = $2",
            )
            .bind((starting / 10 / 1_000_000).max(1) * 1_000_000)
            .bind(id)
            .execute(db)
            .await?;
        }
        if starts_at <= now {
            seed_bids(db, id, &rules, bidders, &mut rng, now).await?;
            // The demo's own history mails no one: its outbid notices count as mailed.
            sqlx::query(
                "UPDATE notifications SET mailed_at = $1 WHERE auction_id = $2 AND mailed_at IS NULL",
            )
            .bind(now)
            .bind(id)
            .execute(db)
            .await?;
        }
        if ends_at <= now {
            ended.push(id);
        }
    }
    // Ended ones are recorded as the closing task would have left them (winner and price by the
    // rules), without taking their listings off the catalogue or mailing anyone.
    for id in ended {
        let Some(auction) = app::db::auctions::get(db, id).await? else {
            continue;
        };
        let sale = auction.state.result(&auction.rules);
        sqlx::query(
            "UPDATE auctions SET status = 'closed', closed_at = ends_at, winner_id = $1, \
             sold_price_vnd = $2 WHERE id = $3",
        )
        .bind(sale.map(|(winner, _)| winner))
        .bind(sale.map(|(_, price)| price))
        .bind(id)
        .execute(db)
        .await?;
    }
    Ok(inserted)
}

/// The demo bidders' ids, made if missing.
async fn seed_demo_bidders(db: &Db, now: i64) -> anyhow::Result<Vec<i64>> {
    let password = app::domain::Password::parse(DEMO_BIDDER_PASSWORD)
        .map_err(|code| anyhow::anyhow!("demo bidder password: {code}"))?;
    let hash = tokio::task::spawn_blocking(move || app::auth::hash_password(&password)).await?;
    let mut ids = Vec::with_capacity(DEMO_BIDDERS.len());
    for (i, name) in DEMO_BIDDERS.iter().enumerate() {
        let email = format!("nguoi-mua-{:02}@techx.demo", i + 1);
        sqlx::query(
            "INSERT INTO users (email, display_name, password_hash, role, created_at, email_confirmed_at)
             VALUES ($1, $2, $3, 'member', $4, $4) ON CONFLICT (email) DO NOTHING",
        )
        .bind(&email)
        .bind(name)
        .bind(&hash)
        .bind(now)
        .execute(db)
        .await?;
        ids.push(
            sqlx::query_scalar("SELECT id FROM users WHERE email = $1")
                .bind(&email)
                .fetch_one(db)
                .await?,
        );
    }
    Ok(ids)
}

/// Up to 40 bidding attempts spread over an auction's time so far, through the bidding rules
/// (attempts the rules refuse are simply not kept).
async fn seed_bids(
    db: &Db,
    auction: i64,
    rules: &app::domain::auction::AuctionRules,
    bidders: &[i64],
    rng: &mut Rng,
    now: i64,
) -> anyhow::Result<()> {
    use app::db::auctions::{PlaceError, place};
    use app::domain::auction::Action;

    let attempts = rng.below(40) as i64;
    let until = now.min(rules.ends_at - rules.soft_close_ms - 1);
    if attempts == 0 || until <= rules.starts_at {
        return Ok(());
    }
    let span = until - rules.starts_at;
    let mut level = 0;
    for attempt in 0..attempts {
        let bidder = *rng.pick(bidders);
        // Maxima climb as the auction goes on: a few steps above where the bidding stands.
        level += rng.below(3) as i64;
        let max = rules.starting_price + (level + rng.below(6) as i64) * rules.step;
        let at = rules.starts_at + span * (attempt + 1) / (attempts + 1);
        let key = format!("seed-{attempt}");
        match place(db, auction, bidder, Action::Bid { max }, &key, move || at).await {
            Ok(_) | Err(PlaceError::Refused(_)) => {}
            Err(PlaceError::Db(e)) => return Err(e.into()),
            Err(other) => anyhow::bail!("seeding auction {auction}: {other:?}"),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_generator_is_deterministic_per_item() {
        let a: Vec<u64> = (0..3).map(|_| Rng::for_item(2, 41).next_u64()).collect();
        assert!(a.windows(2).all(|w| w[0] == w[1]));
        assert_ne!(
            Rng::for_item(2, 41).next_u64(),
            Rng::for_item(2, 42).next_u64()
        );
    }

    #[test]
    fn stall_slugs_are_unique_at_scale() {
        let mut slugs: Vec<String> = (0..STALLS * 3).map(|i| make_stall(i, 0).slug).collect();
        slugs.sort();
        slugs.dedup();
        assert_eq!(slugs.len(), STALLS * 3);
    }

    #[test]
    fn placeholders_are_numbered_across_rows() {
        let mut sql = String::new();
        push_placeholders(&mut sql, 2, 3);
        assert_eq!(sql, "($1, $2, $3), ($4, $5, $6)");
    }
}
