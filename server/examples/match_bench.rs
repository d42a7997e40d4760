//! Supply–demand benchmarks against a seeded database (see `bench/matching.sh`); prints figures,
//! asserts nothing.
//!
//!   match_bench DATABASE_URL
//!
//! The catalogue is first read into memory, as a server does at start-up (its time printed).
//!
//! 1. Matches: `db::matching::matches_for` for `BENCH_LISTINGS` (default 500) published listings
//!    spread over the catalogue, requests and offers alike, one after another: p50/p90/p99/max.
//! 2. Search: `db::search::find` (no cache: every search computed) over a rotation of what
//!    buyers type, with typos, partial matches and synonyms among them, `BENCH_SEARCHES`
//!    (default 500) times: p50/p90/p99/max.

use std::time::{Duration, Instant};

use app::domain::BrowseQuery;

#[path = "common/mod.rs"]
mod common;

use common::{env_number, report};

/// Queries buyers type: plain, without accents, with a typo, words no listing holds together,
/// folk names a synonym set knows.
const QUERIES: &[&str] = &[
    "may bom nuoc",
    "máy bơm",
    "drone phun thuoc",
    "may bay khong nguoi lai",
    "lò sấy lúa",
    "thiet bi y te",
    "robt",
    "nuoii tom",
    "kho lanh",
    "dien mat troi ap mai",
    "xu ly nuoc thai",
    "cam bien do am dat",
    "may keo kubota",
    "gach khong nung",
    "tu van vietgap",
    "quat nuoc ao tom",
    "máy sấy lúa tầng sôi 30 tấn",
    "phan mem quan ly trang trai",
    "kinh hien vi",
    "may",
];

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, url] = &args[..] else {
        eprintln!("usage: match_bench DATABASE_URL");
        std::process::exit(2);
    };
    let db = app::db::dialect::connect(url, 4).await.unwrap();
    // A server reads the catalogue into memory at start-up (`db::search_index`): so does this.
    let (start, before) = (Instant::now(), resident_mib());
    let indexed = app::db::search_index::warm(&db).await.unwrap();
    println!(
        "search index: {indexed} published listings read in {:.2} s; heap (resident, anonymous) {before:.0} → {:.0} MiB",
        start.elapsed().as_secs_f64(),
        resident_mib()
    );
    let listings = env_number("BENCH_LISTINGS", 500) as i64;
    let max: i64 = sqlx::query_scalar("SELECT MAX(id) FROM listings")
        .fetch_one(&db)
        .await
        .unwrap();
    // Spread over the catalogue: offers of stalls, independent offers and requests alike.
    let ids: Vec<i64> = (0..listings).map(|i| 1 + i * max / listings).collect();
    let mut times = Vec::new();
    let mut found = 0;
    for &id in &ids {
        let start = Instant::now();
        let matches = app::db::matching::matches_for(&db, id, 9).await.unwrap();
        times.push(start.elapsed());
        found += matches.len();
    }
    println!(
        "listings: {max} (largest id); matches found on average: {:.1}",
        found as f64 / ids.len() as f64
    );
    report("matches for one listing", times);

    let searches = env_number("BENCH_SEARCHES", 500) as usize;
    let mut times = Vec::new();
    let mut by_query: std::collections::HashMap<&str, Duration> = Default::default();
    for i in 0..searches {
        let (filter, _) = BrowseQuery {
            q: QUERIES[i % QUERIES.len()].to_owned(),
            ..BrowseQuery::default()
        }
        .check();
        let start = Instant::now();
        app::db::search::find(&db, &filter, 24, 0).await.unwrap();
        let took = start.elapsed();
        times.push(took);
        let slowest = by_query.entry(QUERIES[i % QUERIES.len()]).or_default();
        *slowest = (*slowest).max(took);
    }
    report("search, computed (no cache)", times);
    let mut slowest: Vec<(&str, Duration)> = by_query.into_iter().collect();
    slowest.sort_by_key(|(_, took)| std::cmp::Reverse(*took));
    for (q, took) in slowest.iter().take(5) {
        println!("  slowest: {q:?} {:.1} ms", took.as_secs_f64() * 1000.0);
    }
}

/// This process's resident anonymous memory (Linux; SQLite's mapped file left out), in MiB.
fn resident_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix("RssAnon:"))
        .and_then(|kb| kb.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}
