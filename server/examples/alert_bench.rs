//! Alert benchmarks against a seeded database (see `bench/alerts.sh`); prints figures, asserts
//! nothing.
//!
//!   alert_bench DATABASE_URL
//!
//! 1. Makes sure `BENCH_MEMBERS` (default 10,000) bench members keep `BENCH_SEARCHES_EACH`
//!    (default 10) saved searches each — 100,000 in all — drawn from the catalogue's own titles
//!    (two or three words of a title from one that is not a filler, some with a sector, province
//!    or price filter) and one in twenty with filters alone, as members save them; `BENCH_REMAKE`
//!    makes them anew.
//! 2. Reverse search: `db::alerts::reverse_search` — which saved searches a newly published
//!    listing satisfies — for `BENCH_LISTINGS` (default 500) listings spread over the catalogue:
//!    p50/p90/p99/max, and searches satisfied on average.
//! 3. Daily digest: one to five new listings waiting for every bench member, then one full
//!    `db::alerts::send_digests` run: how long, and mails per second. The bench's mails and
//!    alerts are removed afterwards.

use std::time::Instant;

#[path = "common/mod.rs"]
mod common;

use common::{env_number, report};

/// A small deterministic generator (xorshift), so every run saves the same searches.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

const SECTORS: [&str; 6] = [
    "nong-nghiep",
    "thuy-san",
    "co-khi",
    "moi-truong",
    "nang-luong",
    "y-te",
];
const PROVINCES: [&str; 5] = ["can-tho", "an-giang", "hau-giang", "dong-thap", "vinh-long"];

/// The query string of a saved search drawn from `title` (a listing's title as typed).
fn query_from(title: &str, rng: &mut Rng) -> String {
    use app::components::pagination::query_string;
    let words: Vec<&str> = title.split_whitespace().collect();
    if words.is_empty() || rng.below(20) == 0 {
        // Filters alone: a sector, or requests in a province.
        return match rng.below(2) {
            0 => format!("sector={}", SECTORS[rng.below(SECTORS.len())]),
            _ => format!(
                "kind=request&province={}",
                PROVINCES[rng.below(PROVINCES.len())]
            ),
        };
    }
    // What a member saves names a product: two or three words of a title from one that is not a
    // filler ("máy bơm nước", "drone phun thuốc"), not "cho" or "cần" alone.
    let fillers = [
        "cho", "và", "của", "các", "loại", "cần", "mua", "tìm", "bán", "có", "tại", "theo",
    ];
    let content: Vec<usize> = (0..words.len())
        .filter(|&i| {
            !fillers.contains(&words[i].to_lowercase().as_str()) && words[i].chars().count() >= 2
        })
        .collect();
    if content.is_empty() {
        return format!("sector={}", SECTORS[rng.below(SECTORS.len())]);
    }
    let start = content[rng.below(content.len())];
    let take = 2 + rng.below(2);
    let q = words[start..(start + take).min(words.len())].join(" ");
    let mut pairs = vec![("q", q)];
    match rng.below(6) {
        0 => pairs.push(("sector", SECTORS[rng.below(SECTORS.len())].to_owned())),
        1 => pairs.push(("province", PROVINCES[rng.below(PROVINCES.len())].to_owned())),
        2 => pairs.push(("price_max", format!("{}", (1 + rng.below(50)) * 10_000_000))),
        _ => {}
    }
    let pairs: Vec<(&str, &str)> = pairs.iter().map(|(n, v)| (*n, v.as_str())).collect();
    query_string(&pairs)
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, url] = &args[..] else {
        eprintln!("usage: alert_bench DATABASE_URL");
        std::process::exit(2);
    };
    let db = app::db::dialect::connect(url, 4).await.unwrap();
    let members = env_number("BENCH_MEMBERS", 10_000) as usize;
    let each = env_number("BENCH_SEARCHES_EACH", 10) as usize;

    // 1. The bench members and their saved searches.
    let have: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM saved_searches s JOIN users u ON u.id = s.user_id
         WHERE u.email LIKE '%@alerts.bench'",
    )
    .fetch_one(&db)
    .await
    .unwrap();
    if std::env::var("BENCH_REMAKE").is_ok() {
        sqlx::query(
            "DELETE FROM saved_searches WHERE user_id IN (SELECT id FROM users WHERE email LIKE '%@alerts.bench')",
        )
        .execute(&db)
        .await
        .unwrap();
    }
    if std::env::var("BENCH_REMAKE").is_ok() || have < (members * each) as i64 {
        let start = Instant::now();
        let titles: Vec<String> = sqlx::query_scalar(
            "SELECT title FROM listings WHERE status = 'published' ORDER BY id LIMIT 20000",
        )
        .fetch_all(&db)
        .await
        .unwrap();
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        let now = app::db::now_ms();
        for chunk in (0..members).collect::<Vec<_>>().chunks(500) {
            let mut tx = db.begin().await.unwrap();
            for &m in chunk {
                let email = format!("member{m:05}@alerts.bench");
                let id: i64 = match sqlx::query_scalar::<_, i64>("SELECT id FROM users WHERE email = $1")
                    .bind(&email)
                    .fetch_optional(&mut *tx)
                    .await
                    .unwrap()
                {
                    Some(id) => id,
                    None => sqlx::query_scalar(
                        "INSERT INTO users (email, display_name, password_hash, role, created_at, email_confirmed_at)
                         VALUES ($1, $2, 'x', 'member', $3, $3) RETURNING id",
                    )
                    .bind(&email)
                    .bind(format!("Thành viên {m}"))
                    .bind(now)
                    .fetch_one(&mut *tx)
                    .await
                    .unwrap(),
                };
                sqlx::query("DELETE FROM saved_searches WHERE user_id = $1")
                    .bind(id)
                    .execute(&mut *tx)
                    .await
                    .unwrap();
                for k in 0..each {
                    let query = query_from(&titles[rng.below(titles.len())], &mut rng);
                    let parsed = app::domain::alerts::parse_query(&query);
                    let frequency = ["daily", "daily", "weekly", "instant"][rng.below(4)];
                    let Ok(saved) = app::domain::alerts::check("", &parsed, frequency) else {
                        continue;
                    };
                    sqlx::query(
                        "INSERT INTO saved_searches (user_id, name, query, match_key, frequency, created_at, updated_at)
                         VALUES ($1, $2, $3, $4, $5, $6, $6)",
                    )
                    .bind(id)
                    .bind(format!("{} {k}", saved.name))
                    .bind(&saved.query)
                    .bind(app::domain::alerts::match_key(&saved.filter))
                    .bind(saved.frequency)
                    .bind(now)
                    .execute(&mut *tx)
                    .await
                    .unwrap();
                }
            }
            tx.commit().await.unwrap();
        }
        println!(
            "saved searches made for {members} members in {:.1} s",
            start.elapsed().as_secs_f64()
        );
    }
    // Saved searches made here (or before migration 40) get their second key as at a server's
    // start-up.
    let start = Instant::now();
    let filled = app::db::alerts::fill_second_keys(&db).await.unwrap();
    if filled > 0 {
        println!(
            "second keys worked out for {filled} saved searches in {:.1} s",
            start.elapsed().as_secs_f64()
        );
    }
    let saved: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM saved_searches WHERE paused_at IS NULL")
            .fetch_one(&db)
            .await
            .unwrap();
    println!("saved searches: {saved}");

    // 2. Reverse search.
    let listings = env_number("BENCH_LISTINGS", 500) as i64;
    let max: i64 = sqlx::query_scalar("SELECT MAX(id) FROM listings")
        .fetch_one(&db)
        .await
        .unwrap();
    let mut times = Vec::new();
    let mut satisfied = 0;
    let mut conn = db.acquire().await.unwrap();
    for i in 0..listings {
        let id = 1 + i * max / listings;
        let start = Instant::now();
        let found = app::db::alerts::reverse_search_of(&mut conn, id)
            .await
            .unwrap();
        times.push(start.elapsed());
        satisfied += found.len();
    }
    drop(conn);
    println!(
        "saved searches satisfied per listing on average: {:.1}",
        satisfied as f64 / listings as f64
    );
    report("reverse search of one listing", times);

    // 3. A daily digest for every bench member.
    sqlx::query(
        "DELETE FROM alert_hits WHERE user_id IN (SELECT id FROM users WHERE email LIKE '%@alerts.bench')",
    )
    .execute(&db)
    .await
    .unwrap();
    let ids: Vec<i64> =
        sqlx::query_scalar("SELECT id FROM users WHERE email LIKE '%@alerts.bench' ORDER BY id")
            .fetch_all(&db)
            .await
            .unwrap();
    let published: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM listings WHERE status = 'published' ORDER BY id DESC LIMIT 2000",
    )
    .fetch_all(&db)
    .await
    .unwrap();
    let mut rng = Rng(42);
    let now = app::db::now_ms();
    for chunk in ids.chunks(1000) {
        let mut tx = db.begin().await.unwrap();
        for &user in chunk {
            let n = 1 + rng.below(5);
            let first = rng.below(published.len() - n);
            for listing in &published[first..first + n] {
                sqlx::query(
                    "INSERT INTO alert_hits (user_id, listing_id, frequency, created_at) VALUES ($1, $2, 'daily', $3)",
                )
                .bind(user)
                .bind(listing)
                .bind(now)
                .execute(&mut *tx)
                .await
                .unwrap();
            }
        }
        tx.commit().await.unwrap();
    }
    let period = app::domain::alerts::digest_period("daily", now).unwrap();
    sqlx::query("DELETE FROM digest_sends WHERE period = $1")
        .bind(&period)
        .execute(&db)
        .await
        .unwrap();
    let key = app::db::alerts::signing_key(&db).await.unwrap();
    let start = Instant::now();
    let mails = app::db::alerts::send_digests(&db, "daily", now, "https://techx.bench", &key)
        .await
        .unwrap();
    let took = start.elapsed();
    println!(
        "daily digest for {} members: {mails} mails in {:.1} s ({:.0} mails/s)",
        ids.len(),
        took.as_secs_f64(),
        mails as f64 / took.as_secs_f64()
    );
    sqlx::query(
        "DELETE FROM outbox WHERE kind = 'alert_digest' AND to_email LIKE '%@alerts.bench'",
    )
    .execute(&db)
    .await
    .unwrap();
    sqlx::query(
        "DELETE FROM alert_hits WHERE user_id IN (SELECT id FROM users WHERE email LIKE '%@alerts.bench')",
    )
    .execute(&db)
    .await
    .unwrap();
    sqlx::query("DELETE FROM digest_sends WHERE period = $1")
        .bind(&period)
        .execute(&db)
        .await
        .unwrap();
}
