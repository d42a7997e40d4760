//! The `techx` binary as a person runs it.

use std::process::Command;

fn techx(cwd: &std::path::Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_techx"));
    cmd.current_dir(cwd)
        .env_remove("DATABASE_URL")
        .env_remove("TECHX_DATA_DIR")
        .env("RUST_LOG", "warn");
    cmd
}

fn entries(dir: &std::path::Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

#[test]
fn help_lists_the_commands() {
    let dir = tempfile::tempdir().unwrap();
    let out = techx(dir.path()).arg("--help").output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    for word in [
        "serve",
        "migrate",
        "seed",
        "--database-url",
        "DATABASE_URL",
        "--bind",
    ] {
        assert!(text.contains(word), "--help lacks {word}:\n{text}");
    }
    assert!(entries(dir.path()).is_empty(), "--help creates nothing");
}

#[test]
fn bad_database_urls_fail_with_one_line_and_create_nothing() {
    for url in [
        "mysql://localhost/techx",
        "not a url",
        "sqlite:///no/such/directory/techx.db",
        "postgres://postgres@127.0.0.1:1/techx",
    ] {
        let dir = tempfile::tempdir().unwrap();
        let out = techx(dir.path())
            .args(["migrate", "--database-url", url])
            .output()
            .unwrap();
        assert!(!out.status.success(), "{url} should fail");
        let stderr = String::from_utf8_lossy(&out.stderr);
        let lines: Vec<&str> = stderr.lines().filter(|l| !l.trim().is_empty()).collect();
        assert_eq!(
            lines.len(),
            1,
            "{url}: expected one error line, got {stderr}"
        );
        assert!(lines[0].starts_with("techx: error:"), "{url}: {}", lines[0]);
        assert!(
            entries(dir.path()).is_empty(),
            "{url}: created {:?}",
            entries(dir.path())
        );
    }
    assert!(!std::path::Path::new("/no/such/directory").exists());
}

#[test]
fn seeding_twice_adds_nothing_the_second_time() {
    let dir = tempfile::tempdir().unwrap();
    // Fewer articles than the demo's 90,000, which bench/news.sh times.
    let first = techx(dir.path())
        .args(["seed", "--articles", "500"])
        .output()
        .unwrap();
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let first = String::from_utf8_lossy(&first.stdout);
    assert!(first.contains("240 stalls"), "{first}");
    assert!(first.contains("500 articles"), "{first}");
    assert!(
        dir.path().join("data/techx.db").exists(),
        "default database under ./data"
    );

    let second = techx(dir.path())
        .args(["seed", "--articles", "500"])
        .output()
        .unwrap();
    assert!(second.status.success());
    let second = String::from_utf8_lossy(&second.stdout);
    assert!(
        second.contains(
            "0 stalls, 0 listings, 0 auctions, 0 articles, 0 videos, 0 events (0 registrations), 0 startup projects, 0 mentors, 0 demo accounts added"
        ),
        "{second}"
    );
}

#[test]
fn serve_stops_gracefully_on_sigterm() {
    use std::io::BufRead;

    let dir = tempfile::tempdir().unwrap();
    let mut child = techx(dir.path())
        .args(["serve", "--bind", "127.0.0.1:0", "--site-root", "."])
        .env("RUST_LOG", "info")
        .stderr(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // The log, line by line, read to its end; told once the server says it listens.
    let (listening_tx, listening) = std::sync::mpsc::channel();
    let stderr = child.stderr.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut logs = String::new();
        for line in std::io::BufReader::new(stderr)
            .lines()
            .map_while(Result::ok)
        {
            if line.contains("techx listening") {
                let _ = listening_tx.send(());
            }
            logs.push_str(&line);
            logs.push('\n');
        }
        logs
    });
    listening
        .recv_timeout(std::time::Duration::from_secs(30))
        .expect("the server listens within 30 s");
    let pid = child.id().to_string();
    assert!(
        Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .unwrap()
            .success()
    );
    let status = child.wait().unwrap();
    let logs = reader.join().unwrap();
    assert!(status.success(), "exit {status:?}\n{logs}");
    assert!(logs.contains("techx stopped"), "{logs}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn auction_verify_checks_the_bid_log_and_names_the_first_problem() {
    use app::db::auctions;
    use app::domain::auction::{Action, AuctionRules};

    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("techx.db").display());
    let db = app::db::dialect::connect(&url, 2).await.unwrap();
    app::db::dialect::migrate(&db).await.unwrap();
    crate::support::reference_data(&db).await;
    let listing = crate::support::NewListing::offer("may-cay", "Máy cày")
        .insert(&db)
        .await;
    let mut bidders = Vec::new();
    for name in ["an", "binh"] {
        bidders.push(
            app::db::accounts::create_user(
                &db,
                &app::domain::Email::parse(&format!("{name}@techx.test")).unwrap(),
                &app::domain::DisplayName::parse(name).unwrap(),
                "not a real hash",
                1,
            )
            .await
            .unwrap(),
        );
    }
    let now = app::db::now_ms();
    let rules = AuctionRules {
        seller_id: 0,
        starting_price: 10_000_000,
        step: 100_000,
        reserve: None,
        buy_now: None,
        starts_at: now - 1_000,
        ends_at: now + 3_600_000,
        soft_close_ms: 180_000,
    };
    let auction = auctions::create(
        &db,
        &auctions::NewAuction {
            listing_id: listing,
            rules,
        },
        "approved",
    )
    .await
    .unwrap();
    for (i, max) in [10_500_000, 11_000_000, 12_000_000].into_iter().enumerate() {
        let key = format!("form-{i}");
        auctions::place(
            &db,
            auction,
            bidders[i % 2],
            Action::Bid { max },
            &key,
            app::db::now_ms,
        )
        .await
        .unwrap();
    }
    let verify = || {
        techx(dir.path())
            .args([
                "auction",
                "verify",
                &auction.to_string(),
                "--database-url",
                &url,
            ])
            .output()
            .unwrap()
    };
    let out = verify();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("3 log entries verified; price 11100000 VND, 5 bids"),
        "{stdout}"
    );

    sqlx::query("UPDATE auction_actions SET placed_at = placed_at + 1 WHERE seq = 2")
        .execute(&db)
        .await
        .unwrap();
    let out = verify();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!("auction {auction} does not verify: entry 2")),
        "{stderr}"
    );
}
