//! Soak benchmark against a running `techx serve` (see `bench/soak.sh`); prints figures, asserts
//! nothing.
//!
//!   soak DATABASE_URL BASE_URL SERVER_PID
//!
//! For `BENCH_SOAK_SECONDS` (default 600), at once: visitors browsing and searching (home,
//! offers, listing pages, search, stalls, auction pages), members writing to stalls and reading
//! their inbox, 200 bidders on 5 auctions (a bid every 1–3 s each), and 1,000 live pages
//! watching those auctions. Every client has its own address (the server trusts this client as
//! its reverse proxy and reads X-Forwarded-For), as real visitors do. At the end: requests, 5xx
//! and p50/p99 per class; mean resident memory in the second minute (after warm-up) and in the
//! last; and whether every bid the server acknowledged is in its auction's log (and the logs
//! verify).

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
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

fn rss_kb(pid: &str) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

/// A small deterministic generator per task.
struct Rng(u64);
impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

/// One request class's latencies (ms), 5xx answers and failed connections.
type Class = (Vec<f64>, u64, u64);

/// Latencies and outcomes per request class.
#[derive(Default)]
struct Stats {
    classes: Mutex<BTreeMap<&'static str, Class>>,
}

impl Stats {
    /// Records one request of `class`: its latency, and whether it was a 5xx or failed to connect.
    fn record(&self, class: &'static str, started: Instant, status: Option<u16>) {
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        let mut classes = self.classes.lock().unwrap();
        let entry = classes.entry(class).or_default();
        entry.0.push(ms);
        match status {
            Some(s) if s >= 500 => entry.1 += 1,
            None => entry.2 += 1,
            _ => {}
        }
    }
}

/// A client address of its own for client number `n`.
fn address(n: u64) -> String {
    format!(
        "10.{}.{}.{}",
        (n >> 16) & 255,
        (n >> 8) & 255,
        (n & 255).max(1)
    )
}

/// `n` members with sessions; their cookies.
async fn members(db: &Db, run: &str, n: usize) -> Vec<(i64, String)> {
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let id = app::db::accounts::create_user(
            db,
            &app::domain::Email::parse(&format!("soak-{run}-{i}@techx.bench")).unwrap(),
            &app::domain::DisplayName::parse(&format!("Soak {i}")).unwrap(),
            "no password",
            1,
        )
        .await
        .unwrap();
        let (token, hash) = app::auth::new_session_token();
        app::db::accounts::create_session(db, id, &hash, now_ms(), now_ms() + 86_400_000)
            .await
            .unwrap();
        out.push((id, format!("{}={token}", app::session::SESSION_COOKIE)));
    }
    out
}

/// `n` running auctions (no soft close, open for a day) on published offers without one.
async fn auctions_running(db: &Db, n: i64) -> Vec<i64> {
    let listings: Vec<i64> = sqlx::query_scalar(
        "SELECT l.id FROM listings l WHERE l.status = 'published' AND l.kind = 'offer'
         AND NOT EXISTS (SELECT 1 FROM auctions a WHERE a.listing_id = l.id) ORDER BY l.id LIMIT $1",
    )
    .bind(n)
    .fetch_all(db)
    .await
    .unwrap();
    let now = now_ms();
    let mut ids = Vec::new();
    for listing in listings {
        let rules = AuctionRules {
            seller_id: 0,
            starting_price: 1_000_000,
            step: 1_000,
            reserve: None,
            buy_now: None,
            starts_at: now - 60_000,
            ends_at: now + 86_400_000,
            soft_close_ms: 0,
        };
        let id = auctions::create(
            db,
            &NewAuction {
                listing_id: listing,
                rules,
            },
            "approved",
        )
        .await
        .unwrap();
        ids.push(id);
    }
    ids
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, url, base, pid] = &args[..] else {
        eprintln!("usage: soak DATABASE_URL BASE_URL SERVER_PID");
        std::process::exit(2);
    };
    let seconds = env_number("BENCH_SOAK_SECONDS", 600);
    let watchers = env_number("BENCH_WATCHERS", 1_000);
    let db = app::db::dialect::connect(url, 4).await.unwrap();
    let run = now_ms().to_string();
    let auction_ids = auctions_running(&db, 5).await;
    let bidders = members(&db, &format!("{run}-b"), 200).await;
    let writers = members(&db, &format!("{run}-w"), 20).await;
    let slugs: Vec<String> = sqlx::query_scalar(
        "SELECT slug FROM listings WHERE status = 'published' ORDER BY id LIMIT 2000",
    )
    .fetch_all(&db)
    .await
    .unwrap();
    let offers: Vec<i64> = sqlx::query_scalar(
        "SELECT l.id FROM listings l WHERE l.status = 'published' AND l.kind = 'offer'
         AND l.stall_id IN (SELECT stall_id FROM stall_members) ORDER BY l.id LIMIT 20",
    )
    .fetch_all(&db)
    .await
    .unwrap();
    let words = [
        "may",
        "may say lua",
        "robot",
        "bom nuoc",
        "cam bien",
        "xu ly nuoc thai",
        "iot",
        "drone",
        "tau",
        "phan bon",
    ];

    let stats = Arc::new(Stats::default());
    let stop = Arc::new(AtomicBool::new(false));
    let acknowledged: Arc<Mutex<Vec<(i64, i64, String)>>> = Arc::default();
    let connected = Arc::new(AtomicU64::new(0));
    let events = Arc::new(AtomicU64::new(0));
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(64)
        .build()
        .unwrap();
    let mut tasks = Vec::new();

    // 1,000 live pages on the five auctions, each from its own address.
    for n in 0..watchers {
        let (base, stop, connected, events) = (
            base.clone(),
            stop.clone(),
            connected.clone(),
            events.clone(),
        );
        let auction = auction_ids[(n as usize) % auction_ids.len()];
        tasks.push(tokio::spawn(async move {
            let client = reqwest::Client::new();
            let Ok(mut response) = client
                .get(format!("{base}/live/auctions/{auction}"))
                .header("x-forwarded-for", address(100_000 + n))
                .send()
                .await
            else {
                return;
            };
            if !response.status().is_success() {
                return;
            }
            connected.fetch_add(1, Ordering::Relaxed);
            while !stop.load(Ordering::Relaxed) {
                match tokio::time::timeout(Duration::from_secs(1), response.chunk()).await {
                    Ok(Ok(Some(_))) => {
                        events.fetch_add(1, Ordering::Relaxed);
                    }
                    Ok(_) => break,
                    Err(_) => {}
                }
            }
        }));
    }
    // 200 bidders, 40 on each auction, a maximum every 1–3 s each (1–20 steps above the price
    // they last saw).
    for (i, (_, cookie)) in bidders.iter().enumerate() {
        let (base, stop, stats, acknowledged, client) = (
            base.clone(),
            stop.clone(),
            stats.clone(),
            acknowledged.clone(),
            client.clone(),
        );
        let cookie = cookie.clone();
        let auction = auction_ids[i % auction_ids.len()];
        let bidder = bidders[i].0;
        tasks.push(tokio::spawn(async move {
            let mut rng = Rng(0x9e37_79b9 + i as u64 * 7919);
            let mut next = 1_000_000;
            let mut n = 0;
            while !stop.load(Ordering::Relaxed) {
                tokio::time::sleep(Duration::from_millis(1000 + rng.below(2000))).await;
                n += 1;
                let key = format!("soak-{i}-{n}");
                let max = next + 1_000 * (1 + rng.below(20) as i64);
                let started = Instant::now();
                let reply = client
                    .post(format!("{base}/api/place_bid"))
                    .header("cookie", &cookie)
                    .header("x-forwarded-for", address(200_000 + i as u64))
                    .form(&[
                        ("auction_id", auction.to_string()),
                        ("kind", "max".to_owned()),
                        ("max", max.to_string()),
                        ("key", key.clone()),
                        ("confirmed", "yes".to_owned()),
                    ])
                    .send()
                    .await;
                let status = reply.as_ref().ok().map(|r| r.status().as_u16());
                stats.record("bid", started, status);
                if let Ok(reply) = reply {
                    let ok = reply.status().is_success();
                    let body =
                        reply.bytes().await.ok().and_then(|bytes| {
                            serde_json::from_slice::<serde_json::Value>(&bytes).ok()
                        });
                    if let Some(body) = body {
                        if let Some(min) = body["live"]["min_next"].as_i64() {
                            next = min;
                        }
                        if ok {
                            acknowledged.lock().unwrap().push((auction, bidder, key));
                        }
                    }
                    if !ok {
                        // Overtaken: look at the auction again, as its page would show it.
                        let started = Instant::now();
                        let page = client
                            .get(format!("{base}/api/get_auction?id={auction}"))
                            .header("cookie", &cookie)
                            .header("x-forwarded-for", address(200_000 + i as u64))
                            .send()
                            .await;
                        stats.record(
                            "auction read",
                            started,
                            page.as_ref().ok().map(|r| r.status().as_u16()),
                        );
                        if let Ok(page) = page {
                            let body = page.bytes().await.ok().and_then(|bytes| {
                                serde_json::from_slice::<serde_json::Value>(&bytes).ok()
                            });
                            if let Some(min) =
                                body.as_ref().and_then(|b| b["live"]["min_next"].as_i64())
                            {
                                next = min;
                            }
                        }
                    }
                }
            }
        }));
    }
    // Visitors browsing and searching: 24 at once, each a new address every request.
    for v in 0..24u64 {
        let (base, stop, stats, client, slugs) = (
            base.clone(),
            stop.clone(),
            stats.clone(),
            client.clone(),
            slugs.clone(),
        );
        let auction_ids = auction_ids.clone();
        tasks.push(tokio::spawn(async move {
            let mut rng = Rng(0x51_7cc1_b727_220a + v * 104_729);
            let mut n = 0u64;
            while !stop.load(Ordering::Relaxed) {
                n += 1;
                let (class, path) = match rng.below(10) {
                    0 => ("home", "/".to_owned()),
                    1 | 2 => ("offers", format!("/offers?page={}", 1 + rng.below(200))),
                    3..=5 => (
                        "listing",
                        format!(
                            "/listings/{}",
                            slugs[rng.below(slugs.len() as u64) as usize]
                        ),
                    ),
                    6 | 7 => (
                        "search",
                        format!(
                            "/search?q={}&page={}",
                            words[rng.below(words.len() as u64) as usize].replace(' ', "+"),
                            1 + rng.below(3)
                        ),
                    ),
                    8 => ("stalls", format!("/stalls?page={}", 1 + rng.below(10))),
                    _ => (
                        "auction page",
                        format!(
                            "/auctions/{}",
                            auction_ids[rng.below(auction_ids.len() as u64) as usize]
                        ),
                    ),
                };
                let started = Instant::now();
                let reply = client
                    .get(format!("{base}{path}"))
                    .header(
                        "x-forwarded-for",
                        address(v * 1_000_000 + n % 500_000 + 300_000),
                    )
                    .header("accept-encoding", "br")
                    .send()
                    .await;
                let status = reply.as_ref().ok().map(|r| r.status().as_u16());
                if let Ok(reply) = reply {
                    let _ = reply.bytes().await;
                }
                stats.record(class, started, status);
            }
        }));
    }
    // Members writing to stalls and reading their inbox, one message every 2–5 s each.
    for (i, (_, cookie)) in writers.iter().enumerate() {
        let (base, stop, stats, client, cookie) = (
            base.clone(),
            stop.clone(),
            stats.clone(),
            client.clone(),
            cookie.clone(),
        );
        let offers = offers.clone();
        tasks.push(tokio::spawn(async move {
            let mut rng = Rng(0x2545_f491_4f6c_dd1d + i as u64 * 31);
            let mut n = 0;
            while !stop.load(Ordering::Relaxed) {
                tokio::time::sleep(Duration::from_millis(2000 + rng.below(3000))).await;
                n += 1;
                let listing = offers[(i + n) % offers.len().max(1)];
                let started = Instant::now();
                let reply = client
                    .post(format!("{base}/api/send_inquiry"))
                    .header("cookie", &cookie)
                    .header("x-forwarded-for", address(400_000 + i as u64))
                    .form(&[
                        ("listing_id", listing.to_string()),
                        (
                            "body",
                            format!("Cho tôi hỏi giá và thời gian giao hàng, lần {n}."),
                        ),
                    ])
                    .send()
                    .await;
                stats.record(
                    "message",
                    started,
                    reply.as_ref().ok().map(|r| r.status().as_u16()),
                );
                let started = Instant::now();
                let reply = client
                    .get(format!("{base}/account/inquiries"))
                    .header("cookie", &cookie)
                    .header("x-forwarded-for", address(400_000 + i as u64))
                    .send()
                    .await;
                let status = reply.as_ref().ok().map(|r| r.status().as_u16());
                if let Ok(reply) = reply {
                    let _ = reply.bytes().await;
                }
                stats.record("inbox", started, status);
            }
        }));
    }

    let started = Instant::now();
    let mut peak = 0;
    // Resident memory every 10 s, (seconds since the start, kB).
    let mut samples: Vec<(u64, u64)> = Vec::new();
    while started.elapsed() < Duration::from_secs(seconds) {
        tokio::time::sleep(Duration::from_secs(10)).await;
        let rss = rss_kb(pid);
        peak = peak.max(rss);
        samples.push((started.elapsed().as_secs(), rss));
        eprintln!(
            "soak: {:>4} s, {} watchers connected, {} events read, resident {} MB",
            started.elapsed().as_secs(),
            connected.load(Ordering::Relaxed),
            events.load(Ordering::Relaxed),
            rss / 1024
        );
    }
    stop.store(true, Ordering::Relaxed);
    for task in tasks {
        task.abort();
    }
    let elapsed = started.elapsed().as_secs_f64();
    println!(
        "soak: {seconds} s, {} live pages connected of {watchers}",
        connected.load(Ordering::Relaxed)
    );
    println!("| class | requests | per second | 5xx | failed to connect | p50 | p99 |");
    println!("|---|---|---|---|---|---|---|");
    let mut fives = 0;
    for (class, (latencies, five, failed)) in stats.classes.lock().unwrap().iter_mut() {
        latencies.sort_by(f64::total_cmp);
        fives += *five;
        println!(
            "| {class} | {} | {:.1} | {five} | {failed} | {:.1} ms | {:.1} ms |",
            latencies.len(),
            latencies.len() as f64 / elapsed,
            percentile(latencies, 0.5),
            percentile(latencies, 0.99)
        );
    }
    println!("soak: {fives} responses 5xx in all");
    // The allocator gives memory back and takes it again by tens of megabytes: compare the mean
    // of the second minute (after warm-up) with the mean of the last minute, not two samples.
    let mean = |from: u64, to: u64| {
        let picked: Vec<u64> = samples
            .iter()
            .filter(|(at, _)| (from..to).contains(at))
            .map(|(_, kb)| *kb)
            .collect();
        picked.iter().sum::<u64>() as f64 / picked.len().max(1) as f64 / 1024.0
    };
    let (warm, last) = (mean(60, 120), mean(seconds.saturating_sub(60), u64::MAX));
    println!(
        "soak: resident memory {warm:.0} MB in the second minute, {last:.0} MB in the last ({:+.1} %), peak {} MB",
        (last - warm) * 100.0 / warm.max(1.0),
        peak / 1024
    );
    let acknowledged = acknowledged.lock().unwrap().clone();
    let mut lost = 0;
    for (auction, bidder, key) in &acknowledged {
        let n: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM auction_actions WHERE auction_id = $1 AND bidder_id = $2 AND request_key = $3",
        )
        .bind(auction)
        .bind(bidder)
        .bind(key)
        .fetch_one(&db)
        .await
        .unwrap();
        if n != 1 {
            lost += 1;
        }
    }
    println!(
        "soak: {} bids acknowledged, {lost} of them not in their auction's log",
        acknowledged.len()
    );
    for auction in &auction_ids {
        match auctions::verify(&db, *auction).await.unwrap() {
            Ok(v) => println!(
                "soak: auction {auction}: the log verifies ({} entries)",
                v.actions
            ),
            Err(problem) => println!("soak: auction {auction}: THE LOG DOES NOT VERIFY: {problem}"),
        }
    }
}
