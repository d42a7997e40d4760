//! Auction benchmarks against a running `techx serve` (see `bench/auctions.sh`); prints figures,
//! asserts nothing.
//!
//!   auction_bench DATABASE_URL BASE_URL SERVER_PID
//!
//! 1. Bids: 100 bidders, each with its own session, bid on one hot auction at once for
//!    `BENCH_SECONDS` (default 10), as a bidding war: each bid states a maximum 1–10 steps above
//!    the highest maximum any bidder has sent so far, so it is acceptable when sent; it is refused
//!    only when two later, higher bids overtook it on the way and lifted the price past it.
//!    Accepted bids per second, the refusals, and every bid decided per second.
//! 2. Fan-out: `BENCH_WATCHERS` (default 1,000) live pages open on another auction; 20 bids,
//!    one every 250 ms; for each bid, the time from its acknowledgement to its arrival at every
//!    watcher, p50/p99/max.
//! 3. Memory: the server's resident memory before and after the watchers connected, per watcher.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use app::db::auctions::{self, NewAuction};
use app::db::{Db, now_ms};
use app::domain::auction::AuctionRules;

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// `n` bidders with sessions; their cookies.
async fn bidders(db: &Db, run: &str, n: usize) -> Vec<String> {
    let mut cookies = Vec::with_capacity(n);
    for i in 0..n {
        let id = app::db::accounts::create_user(
            db,
            &app::domain::Email::parse(&format!("bench-{run}-{i}@techx.bench")).unwrap(),
            &app::domain::DisplayName::parse(&format!("Bench {i}")).unwrap(),
            "no password",
            1,
        )
        .await
        .unwrap();
        let (token, hash) = app::auth::new_session_token();
        app::db::accounts::create_session(db, id, &hash, now_ms(), now_ms() + 86_400_000)
            .await
            .unwrap();
        cookies.push(format!("{}={token}", app::session::SESSION_COOKIE));
    }
    cookies
}

/// A running auction on a published offer that has none, open for an hour, no soft close.
async fn hot_auction(db: &Db) -> i64 {
    let listing: i64 = sqlx::query_scalar(
        "SELECT l.id FROM listings l WHERE l.status = 'published' AND l.kind = 'offer'
         AND NOT EXISTS (SELECT 1 FROM auctions a WHERE a.listing_id = l.id) ORDER BY l.id LIMIT 1",
    )
    .fetch_one(db)
    .await
    .expect("a published offer without an auction");
    let now = now_ms();
    let rules = AuctionRules {
        seller_id: 0,
        starting_price: 1_000_000,
        step: 1_000,
        reserve: None,
        buy_now: None,
        starts_at: now - 1_000,
        ends_at: now + 3_600_000,
        soft_close_ms: 0,
    };
    auctions::create(
        db,
        &NewAuction {
            listing_id: listing,
            rules,
        },
        "approved",
    )
    .await
    .unwrap()
}

async fn place(
    client: &reqwest::Client,
    base: &str,
    cookie: &str,
    auction: i64,
    max: i64,
    key: &str,
) -> Option<i64> {
    let reply = client
        .post(format!("{base}/api/place_bid"))
        .header("cookie", cookie)
        .form(&[
            ("auction_id", auction.to_string()),
            ("kind", "quick".to_owned()),
            ("max", max.to_string()),
            ("key", key.to_owned()),
        ])
        .send()
        .await
        .ok()?;
    let ok = reply.status().is_success();
    let body: serde_json::Value = serde_json::from_slice(&reply.bytes().await.ok()?).ok()?;
    if ok {
        body["live"]["min_next"].as_i64()
    } else {
        None
    }
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn rss_kb(pid: &str) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

async fn bid_throughput(db: &Db, base: &str, run: &str) {
    let seconds = env_number("BENCH_SECONDS", 10);
    let auction = hot_auction(db).await;
    let cookies = bidders(db, run, 100).await;
    let accepted = Arc::new(AtomicU64::new(0));
    let refused = Arc::new(AtomicU64::new(0));
    // The highest maximum any bidder has sent.
    let top = Arc::new(std::sync::atomic::AtomicI64::new(1_000_000));
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let started = Instant::now();
    let tasks: Vec<_> = cookies
        .into_iter()
        .enumerate()
        .map(|(i, cookie)| {
            let (base, accepted, refused, top) = (
                base.to_owned(),
                accepted.clone(),
                refused.clone(),
                top.clone(),
            );
            tokio::spawn(async move {
                let client = reqwest::Client::new();
                let mut n = 0;
                while Instant::now() < deadline {
                    n += 1;
                    // 1 to 10 steps above every maximum sent so far, different for each
                    // bidder and each bid.
                    let raise = 1_000 * (1 + (i as i64 * 7 + n * 13) % 10);
                    let max = top.fetch_add(raise, Ordering::SeqCst) + raise;
                    match place(&client, &base, &cookie, auction, max, &format!("b{i}-{n}")).await {
                        Some(_) => {
                            accepted.fetch_add(1, Ordering::Relaxed);
                        }
                        None => {
                            refused.fetch_add(1, Ordering::Relaxed);
                        }
                    }
                }
            })
        })
        .collect();
    for task in tasks {
        let _ = task.await;
    }
    let elapsed = started.elapsed().as_secs_f64();
    let accepted = accepted.load(Ordering::Relaxed);
    let refused = refused.load(Ordering::Relaxed);
    println!(
        "bids: 100 bidders, {seconds} s: {accepted} accepted ({:.0}/s), {refused} refused (overtaken on the way); {:.0} bids/s decided in all",
        accepted as f64 / elapsed,
        (accepted + refused) as f64 / elapsed,
    );
    match auctions::verify(db, auction).await.unwrap() {
        Ok(v) => println!("bids: the log verifies ({} entries)", v.actions),
        Err(problem) => println!("bids: THE LOG DOES NOT VERIFY: {problem}"),
    }
}

/// Reads one watcher's stream, recording when each `seq` first arrived.
async fn watch(
    base: String,
    auction: i64,
    arrivals: Arc<std::sync::Mutex<Vec<(i64, Instant)>>>,
    connected: Arc<AtomicU64>,
    n: usize,
) {
    let client = reqwest::Client::new();
    // Each page from its own address (the server trusts this client as its proxy): one address
    // may keep only a few live streams open.
    let Ok(mut response) = client
        .get(format!("{base}/live/auctions/{auction}"))
        .header(
            "x-forwarded-for",
            format!("10.{}.{}.{}", n >> 16 & 255, n >> 8 & 255, (n & 255).max(1)),
        )
        .send()
        .await
    else {
        return;
    };
    connected.fetch_add(1, Ordering::Relaxed);
    let mut buffer = String::new();
    let mut seen = 0;
    while let Ok(Some(chunk)) = response.chunk().await {
        let now = Instant::now();
        buffer.push_str(&String::from_utf8_lossy(&chunk));
        while let Some(end) = buffer.find("\n\n") {
            let event: String = buffer.drain(..end + 2).collect();
            let seq = event
                .lines()
                .find_map(|l| l.strip_prefix("data: "))
                .and_then(|data| serde_json::from_str::<serde_json::Value>(data).ok())
                .and_then(|v| v["live"]["seq"].as_i64());
            if let Some(seq) = seq.filter(|seq| *seq > seen) {
                seen = seq;
                arrivals.lock().unwrap().push((seq, now));
            }
        }
    }
}

async fn fan_out(db: &Db, base: &str, run: &str, pid: &str) {
    let watchers = env_number("BENCH_WATCHERS", 1_000) as usize;
    let auction = hot_auction(db).await;
    let cookies = bidders(db, &format!("{run}-f"), 2).await;
    let before = rss_kb(pid);
    let arrivals = Arc::new(std::sync::Mutex::new(Vec::new()));
    let connected = Arc::new(AtomicU64::new(0));
    let tasks: Vec<_> = (0..watchers)
        .map(|n| {
            tokio::spawn(watch(
                base.to_owned(),
                auction,
                arrivals.clone(),
                connected.clone(),
                n,
            ))
        })
        .collect();
    let wait = Instant::now();
    while (connected.load(Ordering::Relaxed) as usize) < watchers
        && wait.elapsed() < Duration::from_secs(60)
    {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    tokio::time::sleep(Duration::from_secs(2)).await;
    let after = rss_kb(pid);
    let open = connected.load(Ordering::Relaxed);
    println!(
        "fan-out: {open} watchers connected; server memory {} MB -> {} MB: {:.1} KB per watcher",
        before / 1024,
        after / 1024,
        (after.saturating_sub(before)) as f64 / open.max(1) as f64
    );
    let client = reqwest::Client::new();
    let mut acknowledged = Vec::new();
    let mut minimum = 1_000_000;
    for n in 0..20 {
        let cookie = &cookies[n % 2];
        if let Some(next) = place(&client, base, cookie, auction, minimum, &format!("f{n}")).await {
            acknowledged.push((n as i64 + 1, Instant::now()));
            minimum = next;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    tokio::time::sleep(Duration::from_secs(2)).await;
    let arrivals = arrivals.lock().unwrap().clone();
    let mut delays: Vec<f64> = Vec::new();
    let mut missing = 0;
    for (seq, acked) in &acknowledged {
        let got: Vec<&Instant> = arrivals
            .iter()
            .filter(|(s, _)| s == seq)
            .map(|(_, t)| t)
            .collect();
        missing += open as usize - got.len().min(open as usize);
        delays.extend(
            got.iter()
                .map(|t| t.saturating_duration_since(*acked).as_secs_f64() * 1000.0),
        );
    }
    delays.sort_by(f64::total_cmp);
    println!(
        "fan-out: {} bids x {open} watchers: acknowledgement to arrival p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms; {missing} deliveries missing",
        acknowledged.len(),
        percentile(&delays, 0.5),
        percentile(&delays, 0.99),
        delays.last().copied().unwrap_or(f64::NAN),
    );
    for task in tasks {
        task.abort();
    }
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, url, base, pid] = &args[..] else {
        eprintln!("usage: auction_bench DATABASE_URL BASE_URL SERVER_PID");
        std::process::exit(2);
    };
    let db = app::db::dialect::connect(url, 4).await.unwrap();
    let run = now_ms().to_string();
    bid_throughput(&db, base, &run).await;
    fan_out(&db, base, &run, pid).await;
}
