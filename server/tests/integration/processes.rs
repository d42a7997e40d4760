//! Real server processes on one database: a bid through one appears live on a page served by
//! another (PostgreSQL's LISTEN/NOTIFY), a listing changed in the database is searched as changed
//! by every process (each keeps the catalogue in memory), alerts and digests due when two processes
//! start reach each member once, and a server killed with SIGKILL during bidding keeps
//! every bid it acknowledged and still closes the auction on time.

use std::process::{Child, Command, Stdio};
use std::time::Duration;

use app::db::auctions::{self, NewAuction};
use app::db::{Db, now_ms};
use app::domain::auction::AuctionRules;
use serde_json::Value;

use crate::on_both_databases;
use crate::support::{Engine, NewListing, TestDb, reference_data};

on_both_databases!(a_killed_server_keeps_every_acknowledged_bid_and_closes_on_time);
on_both_databases!(a_listing_changed_behind_two_processes_searches_as_changed_on_both);
on_both_databases!(alerts_and_digests_go_once_per_member_with_two_processes);

/// A `techx serve` process on `url`, killed when dropped.
struct Server {
    child: Child,
    base: String,
    _site: tempfile::TempDir,
}

impl Server {
    async fn start(url: &str) -> Self {
        let server = Self::spawn(url, Stdio::null(), "info");
        server.wait_until_healthy().await;
        server
    }

    /// A server on PostgreSQL that has said it shares live updates through the database, read
    /// from its log: from then on its changes reach every other process.
    async fn start_listening(url: &str) -> Self {
        let (server, mut log) = Self::spawn_logged(url, "info");
        log.wait_for(
            "live updates shared through PostgreSQL",
            Duration::from_secs(10),
        )
        .await;
        server.wait_until_healthy().await;
        server
    }

    /// A server whose log (at the level `filter` sets) is read line by line.
    fn spawn_logged(url: &str, filter: &str) -> (Self, Log) {
        let mut server = Self::spawn(url, Stdio::piped(), filter);
        let log = server.child.stderr.take().expect("piped stderr");
        let (line, lines) = tokio::sync::mpsc::unbounded_channel();
        // Reads the log to its end, so the server never blocks on a full pipe.
        std::thread::spawn(move || {
            use std::io::BufRead;
            for l in std::io::BufReader::new(log).lines().map_while(Result::ok) {
                let _ = line.send(l);
            }
        });
        (server, Log(lines))
    }

    fn spawn(url: &str, log: Stdio, filter: &str) -> Self {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let site = tempfile::tempdir().unwrap();
        let child = Command::new(env!("CARGO_BIN_EXE_techx"))
            .args(["serve", "--database-url", url, "--site-root"])
            .arg(site.path())
            // Mail is written under the data directory: a temporary one, not the source tree.
            .arg("--data-dir")
            .arg(site.path())
            .args(["--bind", &format!("127.0.0.1:{port}")])
            .env_remove("DATABASE_URL")
            .env("RUST_LOG", filter)
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .unwrap();
        Self {
            child,
            base: format!("http://127.0.0.1:{port}"),
            _site: site,
        }
    }

    /// Waits (up to 10 s) for `/healthz` to answer.
    async fn wait_until_healthy(&self) {
        let client = reqwest::Client::new();
        for _ in 0..200 {
            if client
                .get(format!("{}/healthz", self.base))
                .send()
                .await
                .is_ok_and(|r| r.status().is_success())
            {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("the server on {} did not start", self.base);
    }

    fn kill(&mut self) {
        let _ = self.child.kill(); // SIGKILL
        let _ = self.child.wait();
    }
}

/// A server's log, line by line.
struct Log(tokio::sync::mpsc::UnboundedReceiver<String>);

impl Log {
    /// Waits (up to `within`) for a line holding `needle`; panics if the log ends first.
    async fn wait_for(&mut self, needle: &str, within: Duration) -> String {
        tokio::time::timeout(within, async {
            while let Some(line) = self.0.recv().await {
                if line.contains(needle) {
                    return line;
                }
            }
            panic!("the server's log ended before \"{needle}\"");
        })
        .await
        .unwrap_or_else(|_| panic!("no \"{needle}\" in the server's log within {within:?}"))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// An account that can log in, and its session on `server`.
async fn bidder(db: &Db, server: &Server, name: &str) -> String {
    let password = "mat-khau-du-dai";
    let hash = app::auth::hash_password(&app::domain::Password::parse(password).unwrap());
    app::db::accounts::create_user(
        db,
        &app::domain::Email::parse(&format!("{name}@techx.test")).unwrap(),
        &app::domain::DisplayName::parse(name).unwrap(),
        &hash,
        1,
    )
    .await
    .unwrap();
    let reply = client()
        .post(format!("{}/api/log_in", server.base))
        .header("accept", "text/html")
        .form(&[
            ("email", format!("{name}@techx.test")),
            ("password", password.to_owned()),
        ])
        .send()
        .await
        .unwrap();
    reply.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned()
}

/// A running auction ending `ends_in` from now, without a soft close.
async fn auction(db: &Db, ends_in: Duration) -> (i64, i64) {
    reference_data(db).await;
    let listing = NewListing::offer("may-cay", "Máy cày Kubota")
        .insert(db)
        .await;
    let now = now_ms();
    let ends_at = now + ends_in.as_millis() as i64;
    let rules = AuctionRules {
        seller_id: 0,
        starting_price: 10_000_000,
        step: 100_000,
        reserve: None,
        buy_now: None,
        starts_at: now - 1_000,
        ends_at,
        soft_close_ms: 0,
    };
    rules.check().unwrap();
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
    (id, ends_at)
}

/// Places a quick bid of `amount`; the JSON answer when the server acknowledged it.
async fn quick_bid(
    server_base: &str,
    cookie: &str,
    auction: i64,
    amount: i64,
    key: &str,
) -> Option<Value> {
    let reply = client()
        .post(format!("{server_base}/api/place_bid"))
        .header("cookie", cookie)
        .form(&[
            ("auction_id", auction.to_string()),
            ("kind", "quick".to_owned()),
            ("max", amount.to_string()),
            ("key", key.to_owned()),
        ])
        .timeout(Duration::from_secs(5))
        .send()
        .await
        .ok()?;
    if !reply.status().is_success() {
        return None;
    }
    serde_json::from_slice(&reply.bytes().await.ok()?).ok()
}

async fn a_killed_server_keeps_every_acknowledged_bid_and_closes_on_time(t: TestDb) {
    let (auction, ends_at) = auction(&t.db, Duration::from_secs(12)).await;
    let mut server = Server::start(&t.url).await;
    let cookies = [
        bidder(&t.db, &server, "an").await,
        bidder(&t.db, &server, "binh").await,
    ];
    // Two bidders outbid each other as fast as the server answers; the server is killed in the
    // middle of it. Only answered bids count as acknowledged.
    let base = server.base.clone();
    let (five_answered, mut five) = tokio::sync::watch::channel(false);
    let bidding = tokio::spawn(async move {
        let mut acknowledged = Vec::new();
        let mut amount = 10_000_000;
        for n in 0.. {
            let key = format!("crash-{n}");
            match quick_bid(&base, &cookies[n % 2], auction, amount, &key).await {
                Some(answer) => {
                    acknowledged.push(key);
                    amount = answer["live"]["min_next"].as_i64().unwrap();
                    if acknowledged.len() == 5 {
                        let _ = five_answered.send(true);
                    }
                }
                None => break,
            }
        }
        acknowledged
    });
    // Killed once bids are flowing: after the fifth answer, while the next are in flight.
    tokio::time::timeout(Duration::from_secs(10), five.wait_for(|answered| *answered))
        .await
        .expect("five bids answered within 10 s")
        .expect("the bidding task is running");
    server.kill();
    let acknowledged = bidding.await.unwrap();
    assert!(
        acknowledged.len() >= 5,
        "only {} bids before the kill",
        acknowledged.len()
    );

    let stored: Vec<String> = sqlx::query_scalar(
        "SELECT request_key FROM auction_actions WHERE auction_id = $1 ORDER BY seq",
    )
    .bind(auction)
    .fetch_all(&t.db)
    .await
    .unwrap();
    for key in &acknowledged {
        assert!(stored.contains(key), "acknowledged bid {key} was lost");
    }
    // At most the one in flight when the server died may have been stored unanswered.
    assert!(stored.len() <= acknowledged.len() + 1);
    let verified = auctions::verify(&t.db, auction)
        .await
        .unwrap()
        .expect("the log verifies");
    assert_eq!(verified.actions as usize, stored.len());

    // Restarted, the server closes the auction at its end.
    let _server = Server::start(&t.url).await;
    let deadline = tokio::time::Instant::now()
        + Duration::from_millis((ends_at - now_ms()).max(0) as u64 + 5_000);
    let (closed_at, winner) = loop {
        let (status, closed_at, winner): (String, Option<i64>, Option<i64>) =
            sqlx::query_as("SELECT status, closed_at, winner_id FROM auctions WHERE id = $1")
                .bind(auction)
                .fetch_one(&t.db)
                .await
                .unwrap();
        if status == "closed" {
            break (closed_at, winner);
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "still {status} 5 s after its end"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    let closed_at = closed_at.unwrap();
    assert!(
        closed_at >= ends_at && closed_at <= ends_at + 1_500,
        "closed {} ms after its end",
        closed_at - ends_at
    );
    assert_eq!(winner, verified.state.leader.map(|(leader, _)| leader));
}

/// One live stream over a socket, read event by event.
struct Stream {
    response: reqwest::Response,
    buffer: String,
}

impl Stream {
    async fn open(base: &str, auction: i64) -> Self {
        let response = client()
            .get(format!("{base}/live/auctions/{auction}"))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        Self {
            response,
            buffer: String::new(),
        }
    }

    /// The next `auction` event, within `within`.
    async fn next(&mut self, within: Duration) -> Value {
        let deadline = tokio::time::Instant::now() + within;
        loop {
            while let Some(end) = self.buffer.find("\n\n") {
                let event: String = self.buffer.drain(..end + 2).collect();
                if event
                    .lines()
                    .any(|l| l == "event: auction" || l == "event:auction")
                {
                    let data: String = event
                        .lines()
                        .filter_map(|l| l.strip_prefix("data:"))
                        .map(str::trim_start)
                        .collect();
                    return serde_json::from_str(&data).unwrap();
                }
            }
            let chunk = tokio::time::timeout_at(deadline, self.response.chunk())
                .await
                .expect("no auction event in time")
                .unwrap()
                .expect("the stream ended");
            self.buffer.push_str(std::str::from_utf8(&chunk).unwrap());
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bid_through_one_process_appears_live_on_a_page_of_another() {
    let t = TestDb::new(Engine::Postgres).await;
    let (auction, _) = auction(&t.db, Duration::from_secs(600)).await;
    let one = Server::start_listening(&t.url).await;
    let other = Server::start_listening(&t.url).await;
    let an = bidder(&t.db, &one, "an").await;
    let mut page = Stream::open(&other.base, auction).await;
    assert_eq!(
        page.next(Duration::from_secs(2)).await["live"]["bid_count"],
        0
    );
    for (n, amount) in [(1, 10_000_000), (2, 10_500_000)] {
        let sent = std::time::Instant::now();
        let answer = quick_bid(&one.base, &an, auction, amount, &format!("k{n}")).await;
        assert!(answer.is_some(), "bid {n} refused");
        let heard = page.next(Duration::from_secs(1)).await;
        assert_eq!(heard["live"]["seq"], n);
        assert!(sent.elapsed() < Duration::from_secs(1));
    }
}

/// Whether a search for `q` on `server` lists the listing `slug`.
async fn finds(server: &Server, q: &str, slug: &str) -> bool {
    let page = client()
        .get(format!("{}/search", server.base))
        .query(&[("q", q)])
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    page.text()
        .await
        .unwrap()
        .contains(&format!("/listings/{slug}\""))
}

async fn a_listing_changed_behind_two_processes_searches_as_changed_on_both(t: TestDb) {
    reference_data(&t.db).await;
    NewListing::offer("may-cay", "Máy cày Kubota")
        .insert(&t.db)
        .await;
    let one = Server::start(&t.url).await;
    let other = Server::start(&t.url).await;
    let servers = [&one, &other];
    for server in servers {
        assert!(finds(server, "kubota", "may-cay").await);
        assert!(!finds(server, "thuy canh", "gian-thuy-canh").await);
    }
    // Published behind both processes' backs, then renamed, then closed: each search reads the
    // change log since the version that process last saw.
    let id = NewListing::offer("gian-thuy-canh", "Giàn thủy canh hồi lưu 40 ống")
        .insert(&t.db)
        .await;
    for server in servers {
        assert!(finds(server, "thuy canh", "gian-thuy-canh").await);
        assert!(finds(server, "hồi lưu", "gian-thuy-canh").await);
    }
    sqlx::query("UPDATE listings SET title = $1, fold_title = $2 WHERE id = $3")
        .bind("Hệ thống khí canh trồng rau")
        .bind(app::domain::index_text("Hệ thống khí canh trồng rau"))
        .bind(id)
        .execute(&t.db)
        .await
        .unwrap();
    for server in servers {
        // No listing holds either word any more (a search holding some would show it).
        assert!(!finds(server, "hồi lưu", "gian-thuy-canh").await);
        assert!(finds(server, "khi canh", "gian-thuy-canh").await);
    }
    sqlx::query("UPDATE listings SET status = 'closed' WHERE id = $1")
        .bind(id)
        .execute(&t.db)
        .await
        .unwrap();
    for server in servers {
        assert!(!finds(server, "khi canh", "gian-thuy-canh").await);
        assert!(finds(server, "kubota", "may-cay").await);
    }
}

/// A member with one saved search of `query`, told at `frequency`.
async fn member_searching(db: &Db, n: usize, query: &str, frequency: &str) -> i64 {
    let id = app::db::accounts::create_user(
        db,
        &app::domain::Email::parse(&format!("thanh-vien-{n}@techx.test")).unwrap(),
        &app::domain::DisplayName::parse("Thành viên").unwrap(),
        "x",
        1,
    )
    .await
    .unwrap();
    let search = app::domain::alerts::parse_query(query);
    let saved = app::domain::alerts::check("", &search, frequency).unwrap();
    app::db::alerts::save(db, id, None, &saved, now_ms())
        .await
        .unwrap();
    id
}

async fn alerts_and_digests_go_once_per_member_with_two_processes(t: TestDb) {
    reference_data(&t.db).await;
    // More digests than one claim takes (200), so the two processes' passes interleave.
    const DIGESTS: usize = 450;
    const TOLD_AT_ONCE: usize = 40;
    for n in 0..DIGESTS {
        member_searching(&t.db, n, "q=b%C6%A1m", "daily").await; // "bơm"
    }
    for n in DIGESTS..DIGESTS + TOLD_AT_ONCE {
        member_searching(&t.db, n, "q=drone", "instant").await;
    }
    // Found before the servers start and not mailed yet: every daily digest is due now.
    for (slug, title) in [
        ("may-bom-1", "Máy bơm nước ly tâm 2 HP"),
        ("may-bom-2", "Bơm chìm nước thải 1,5 kW"),
    ] {
        NewListing::offer(slug, title).insert(&t.db).await;
    }
    app::db::alerts::scan(&t.db, now_ms(), 100).await.unwrap();
    let due: i64 = sqlx::query_scalar(
        "SELECT COUNT(DISTINCT user_id) FROM alert_hits WHERE frequency = 'daily' AND sent_at IS NULL",
    )
    .fetch_one(&t.db)
    .await
    .unwrap();
    assert_eq!(due, DIGESTS as i64);
    // Published for the processes to find: each member searching "drone" is told of each once.
    let drones = [
        "Drone phun thuốc 16 lít",
        "Flycam khảo sát ruộng lúa",
        "Drone gieo sạ 30 kg",
    ];
    for (n, title) in drones.iter().enumerate() {
        NewListing::offer(&format!("drone-{n}"), title)
            .insert(&t.db)
            .await;
    }

    // Both start at once; each looks for new listings, then for digests due, as soon as it runs.
    let filter = "info,sqlx=warn,techx_server::startup=debug";
    let (one, mut one_log) = Server::spawn_logged(&t.url, filter);
    let (other, mut other_log) = Server::spawn_logged(&t.url, filter);
    one.wait_until_healthy().await;
    other.wait_until_healthy().await;
    for log in [&mut one_log, &mut other_log] {
        log.wait_for("alert digest pass done", Duration::from_secs(60))
            .await;
    }

    // Both passes are over: every member has exactly one digest, and one notification a listing.
    let digests: Vec<(String, i64)> = sqlx::query_as(
        "SELECT to_email, COUNT(*) FROM outbox WHERE kind = 'alert_digest' GROUP BY to_email",
    )
    .fetch_all(&t.db)
    .await
    .unwrap();
    assert_eq!(digests.len(), DIGESTS, "every member due has a digest");
    assert!(
        digests.iter().all(|(_, mails)| *mails == 1),
        "a member got two digests: {:?}",
        digests.iter().find(|(_, mails)| *mails > 1)
    );
    let notified: Vec<(i64, i64, i64)> = sqlx::query_as(
        "SELECT user_id, listing_id, COUNT(*) FROM notifications WHERE kind = 'alert'
         GROUP BY user_id, listing_id",
    )
    .fetch_all(&t.db)
    .await
    .unwrap();
    assert_eq!(notified.len(), TOLD_AT_ONCE * drones.len());
    assert!(notified.iter().all(|(_, _, told)| *told == 1), "told twice");
    let unsent: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM alert_hits WHERE sent_at IS NULL")
        .fetch_one(&t.db)
        .await
        .unwrap();
    assert_eq!(unsent, 0);
}
