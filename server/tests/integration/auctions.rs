//! Bidding against the database: one order per auction under concurrency, the log's hash chain,
//! duplicate submissions, and refusals that change nothing — on SQLite and PostgreSQL.

use app::db::auctions::{self, NewAuction, PlaceError};
use app::db::{Db, now_ms};
use app::domain::auction::{Action, AuctionRules, BidError};

use crate::on_both_databases;
use crate::support::{Engine, NewListing, TestDb, reference_data};

on_both_databases!(
    many_bidders_at_once_leave_the_state_a_serial_replay_gives,
    the_same_submission_twice_is_applied_once,
    refused_actions_change_nothing,
    a_changed_log_entry_fails_verification,
    an_auction_closes_at_its_end_and_tells_everyone,
    an_auction_below_its_reserve_ends_without_a_sale,
    a_late_bid_keeps_the_auction_open_past_its_first_end,
    an_auction_that_cannot_close_does_not_keep_the_others_open,
);

async fn user(db: &Db, name: &str) -> i64 {
    app::db::accounts::create_user(
        db,
        &app::domain::Email::parse(&format!("{name}@techx.test")).unwrap(),
        &app::domain::DisplayName::parse(name).unwrap(),
        "not a real hash",
        1,
    )
    .await
    .unwrap()
}

/// A running auction (opened a minute ago, ending in an hour) of a listing by `seller`.
async fn running_auction(db: &Db, seller: i64) -> (i64, AuctionRules) {
    reference_data(db).await;
    let listing = NewListing {
        owner_id: Some(seller),
        ..NewListing::offer("may-cay", "Máy cày Kubota")
    }
    .insert(db)
    .await;
    let now = now_ms();
    let rules = AuctionRules {
        seller_id: seller,
        starting_price: 10_000_000,
        step: 100_000,
        reserve: Some(12_000_000),
        buy_now: None,
        starts_at: now - 60_000,
        ends_at: now + 3_600_000,
        soft_close_ms: 180_000,
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
    (id, rules)
}

fn bid(max: i64) -> Action {
    Action::Bid { max }
}

async fn many_bidders_at_once_leave_the_state_a_serial_replay_gives(t: TestDb) {
    let seller = user(&t.db, "seller").await;
    let (auction, rules) = running_auction(&t.db, seller).await;
    let mut bidders = Vec::new();
    for i in 0..60 {
        bidders.push(user(&t.db, &format!("bidder{i}")).await);
    }
    // 60 tasks at once, three maxima each, every one on the grid, many of them too low by the
    // time they are applied.
    let tasks: Vec<_> = bidders
        .iter()
        .enumerate()
        .map(|(i, &bidder)| {
            let db = t.db.clone();
            tokio::spawn(async move {
                let mut seed = 0x9e37_79b9_u64.wrapping_mul(i as u64 + 1);
                let mut accepted = 0;
                for round in 0..3 {
                    seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                    let steps = (seed >> 33) as i64 % 150 + round * 20;
                    let key = format!("task-{i}-round-{round}");
                    match auctions::place(
                        &db,
                        auction,
                        bidder,
                        bid(10_000_000 + steps * 100_000),
                        &key,
                        now_ms,
                    )
                    .await
                    {
                        Ok(placed) => {
                            assert!(!placed.duplicate);
                            accepted += 1;
                        }
                        Err(PlaceError::Refused(
                            BidError::BelowMinimum { .. } | BidError::NotAboveOwnMaximum,
                        )) => {}
                        Err(other) => panic!("bidder {bidder}: {other:?}"),
                    }
                }
                accepted
            })
        })
        .collect();
    let mut accepted = 0;
    for task in tasks {
        accepted += task.await.unwrap();
    }
    assert!(accepted >= 10, "only {accepted} accepted");

    // The stored state is what replaying the stored log one entry at a time gives, and the
    // chain of hashes holds.
    let verified = auctions::verify(&t.db, auction).await.unwrap().unwrap();
    assert_eq!(verified.actions, accepted);
    let stored = auctions::get(&t.db, auction).await.unwrap().unwrap();
    assert_eq!(stored.state, verified.state);

    // One leader: the earliest to state the highest maximum, at one step above the runner-up's
    // maximum (or at the reserve, or at their own maximum on a tie).
    let log = auctions::log(&t.db, auction).await.unwrap();
    let maxima: Vec<(i64, i64)> = log
        .iter()
        .filter_map(|(e, _)| match e.action {
            Action::Bid { max } => Some((e.bidder_id, max)),
            Action::BuyNow => None,
        })
        .collect();
    let highest = maxima.iter().map(|(_, m)| *m).max().unwrap();
    let first_highest = maxima.iter().find(|(_, m)| *m == highest).unwrap().0;
    let (leader, leader_max) = stored.state.leader.unwrap();
    assert_eq!((leader, leader_max), (first_highest, highest));
    let runner_up = maxima
        .iter()
        .filter(|(b, _)| *b != leader)
        .map(|(_, m)| *m)
        .max()
        .unwrap_or(0);
    let expected = (runner_up + rules.step)
        .min(highest)
        .max(rules.starting_price)
        .max(if highest >= 12_000_000 { 12_000_000 } else { 0 });
    assert_eq!(stored.state.price, expected);
    assert_ne!(leader, seller);
}

async fn the_same_submission_twice_is_applied_once(t: TestDb) {
    let seller = user(&t.db, "seller").await;
    let (auction, _) = running_auction(&t.db, seller).await;
    let (an, binh) = (user(&t.db, "an").await, user(&t.db, "binh").await);
    let first = auctions::place(&t.db, auction, an, bid(10_500_000), "form-1", now_ms)
        .await
        .unwrap();
    assert!(!first.duplicate);
    // A double click or a retry after a timeout sends the same form again.
    let again = auctions::place(&t.db, auction, an, bid(10_500_000), "form-1", now_ms)
        .await
        .unwrap();
    assert!(again.duplicate);
    assert_eq!((again.seq, &again.history), (first.seq, &first.history));
    // The same key from someone else is their own submission.
    let other = auctions::place(&t.db, auction, binh, bid(10_700_000), "form-1", now_ms)
        .await
        .unwrap();
    assert!(!other.duplicate);
    assert_eq!(other.outbid, Some(an));
    let stored = auctions::get(&t.db, auction).await.unwrap().unwrap();
    assert_eq!((stored.action_count, stored.state.price), (2, 10_600_000));
    // Both copies of a double click at once, among other bidders' actions (they may share a
    // batch): applied once, both copies answered with the same entry.
    let chi = user(&t.db, "chi").await;
    let (a, b, c, d) = tokio::join!(
        auctions::place(&t.db, auction, chi, bid(11_500_000), "form-2", now_ms),
        auctions::place(&t.db, auction, chi, bid(11_500_000), "form-2", now_ms),
        auctions::place(&t.db, auction, an, bid(11_000_000), "form-3", now_ms),
        auctions::place(&t.db, auction, chi, bid(11_500_000), "form-2", now_ms),
    );
    let copies = [a.unwrap(), b.unwrap(), d.unwrap()];
    assert_eq!(copies.iter().filter(|p| !p.duplicate).count(), 1);
    assert!(copies.iter().all(|p| p.seq == copies[0].seq));
    c.unwrap();
    let stored = auctions::get(&t.db, auction).await.unwrap().unwrap();
    assert_eq!(stored.action_count, 4);
    assert_eq!(
        auctions::verify(&t.db, auction)
            .await
            .unwrap()
            .unwrap()
            .actions,
        4
    );
}

async fn refused_actions_change_nothing(t: TestDb) {
    let seller = user(&t.db, "seller").await;
    let (auction, _) = running_auction(&t.db, seller).await;
    let an = user(&t.db, "an").await;
    auctions::place(&t.db, auction, an, bid(11_000_000), "a", now_ms)
        .await
        .unwrap();
    let before = auctions::get(&t.db, auction).await.unwrap().unwrap();
    let refused = |who, action, key: &'static str, clock: fn() -> i64| {
        let db = t.db.clone();
        async move { auctions::place(&db, auction, who, action, key, clock).await }
    };
    assert!(matches!(
        refused(seller, bid(20_000_000), "b", now_ms).await,
        Err(PlaceError::Refused(BidError::OwnAuction))
    ));
    let binh = user(&t.db, "binh").await;
    assert!(matches!(
        refused(binh, bid(10_000_000), "c", now_ms).await,
        Err(PlaceError::Refused(BidError::BelowMinimum {
            minimum: 10_100_000
        }))
    ));
    assert!(matches!(
        refused(binh, bid(10_150_000), "d", now_ms).await,
        Err(PlaceError::Refused(BidError::NotWholeSteps {
            step: 100_000
        }))
    ));
    assert!(matches!(
        refused(binh, bid(20_000_000), "e", || now_ms() + 7_200_000).await,
        Err(PlaceError::Refused(BidError::Ended))
    ));
    assert!(matches!(
        refused(binh, Action::BuyNow, "f", now_ms).await,
        Err(PlaceError::Refused(BidError::BuyNowUnavailable))
    ));
    assert!(matches!(
        auctions::place(&t.db, auction + 1, binh, bid(20_000_000), "g", now_ms).await,
        Err(PlaceError::NotFound)
    ));
    assert_eq!(
        auctions::get(&t.db, auction).await.unwrap().unwrap(),
        before
    );
    // An auction not (or no longer) approved takes no bids.
    sqlx::query("UPDATE auctions SET status = 'pending' WHERE id = $1")
        .bind(auction)
        .execute(&t.db)
        .await
        .unwrap();
    assert!(matches!(
        refused(binh, bid(20_000_000), "h", now_ms).await,
        Err(PlaceError::NotOpen)
    ));
    assert_eq!(auctions::log(&t.db, auction).await.unwrap().len(), 1);
}

async fn a_changed_log_entry_fails_verification(t: TestDb) {
    let seller = user(&t.db, "seller").await;
    let (auction, _) = running_auction(&t.db, seller).await;
    let (an, binh) = (user(&t.db, "an").await, user(&t.db, "binh").await);
    for (who, max, key) in [
        (an, 10_500_000, "1"),
        (binh, 11_000_000, "2"),
        (an, 12_500_000, "3"),
    ] {
        auctions::place(&t.db, auction, who, bid(max), key, now_ms)
            .await
            .unwrap();
    }
    assert!(auctions::verify(&t.db, auction).await.unwrap().is_ok());
    let tamper = |sql: &'static str| {
        let db = t.db.clone();
        async move {
            sqlx::query(sql).bind(auction).execute(&db).await.unwrap();
            auctions::verify(&db, auction).await.unwrap().unwrap_err()
        }
    };
    // Someone lowers a maximum in the log: its hash no longer matches.
    let problem =
        tamper("UPDATE auction_actions SET max_vnd = 10600000 WHERE auction_id = $1 AND seq = 2")
            .await;
    assert!(problem.contains("entry 2"), "{problem}");
    // Put back, the log verifies again.
    sqlx::query("UPDATE auction_actions SET max_vnd = 11000000 WHERE auction_id = $1 AND seq = 2")
        .bind(auction)
        .execute(&t.db)
        .await
        .unwrap();
    assert!(auctions::verify(&t.db, auction).await.unwrap().is_ok());
    // Removing the last entry leaves the auction pointing past its log.
    let problem = tamper("DELETE FROM auction_actions WHERE auction_id = $1 AND seq = 3").await;
    assert!(problem.contains("entries"), "{problem}");
}

/// The kinds of mail queued for `name@techx.test`.
async fn mails_to(db: &Db, name: &str) -> Vec<String> {
    app::db::outbox::messages_to(db, &format!("{name}@techx.test"))
        .await
        .unwrap()
        .into_iter()
        .map(|m| m.kind)
        .collect()
}

async fn listing_status(db: &Db, auction: i64) -> (String, Option<String>) {
    sqlx::query_as(
        "SELECT l.status, l.close_reason FROM listings l JOIN auctions a ON a.listing_id = l.id WHERE a.id = $1",
    )
    .bind(auction)
    .fetch_one(db)
    .await
    .unwrap()
}

async fn an_auction_closes_at_its_end_and_tells_everyone(t: TestDb) {
    let seller = user(&t.db, "seller").await;
    let (auction, rules) = running_auction(&t.db, seller).await;
    let (an, binh) = (user(&t.db, "an").await, user(&t.db, "binh").await);
    auctions::place(&t.db, auction, an, bid(12_500_000), "1", now_ms)
        .await
        .unwrap();
    auctions::place(&t.db, auction, binh, bid(13_000_000), "2", now_ms)
        .await
        .unwrap();
    let origin = "https://techx.test";

    // Not before its end.
    assert!(
        auctions::close_due(&t.db, rules.ends_at - 1, origin)
            .await
            .unwrap()
            .is_empty()
    );
    let closed = auctions::close_due(&t.db, rules.ends_at, origin)
        .await
        .unwrap();
    assert_eq!(closed.len(), 1);
    assert_eq!(closed[0].sale, Some((binh, 12_600_000)));
    // Once only, also when asked again (another process, or after a restart).
    assert!(
        auctions::close_due(&t.db, rules.ends_at + 1, origin)
            .await
            .unwrap()
            .is_empty()
    );

    let (winner, price, status): (Option<i64>, Option<i64>, String) =
        sqlx::query_as("SELECT winner_id, sold_price_vnd, status FROM auctions WHERE id = $1")
            .bind(auction)
            .fetch_one(&t.db)
            .await
            .unwrap();
    assert_eq!(
        (winner, price, status.as_str()),
        (Some(binh), Some(12_600_000), "closed")
    );
    assert_eq!(
        listing_status(&t.db, auction).await,
        ("closed".to_owned(), Some("sold".to_owned()))
    );
    assert_eq!(mails_to(&t.db, "binh").await, ["auction_won"]);
    assert_eq!(mails_to(&t.db, "an").await, ["auction_lost"]);
    assert_eq!(mails_to(&t.db, "seller").await, ["auction_ended"]);
    let won = app::db::outbox::messages_to(&t.db, "binh@techx.test")
        .await
        .unwrap();
    assert!(won[0].body.contains("12.600.000 ₫"), "{}", won[0].body);
    assert!(
        won[0]
            .body
            .contains(&format!("{origin}/auctions/{auction}"))
    );

    // A closed auction takes no more bids, and its log still verifies.
    assert!(matches!(
        auctions::place(&t.db, auction, an, bid(20_000_000), "3", now_ms).await,
        Err(PlaceError::NotOpen)
    ));
    assert!(auctions::verify(&t.db, auction).await.unwrap().is_ok());
}

async fn an_auction_below_its_reserve_ends_without_a_sale(t: TestDb) {
    let seller = user(&t.db, "seller").await;
    let (auction, rules) = running_auction(&t.db, seller).await;
    let an = user(&t.db, "an").await;
    auctions::place(&t.db, auction, an, bid(11_500_000), "1", now_ms)
        .await
        .unwrap();
    let closed = auctions::close_due(&t.db, rules.ends_at, "https://techx.test")
        .await
        .unwrap();
    assert_eq!(closed[0].sale, None, "12,000,000 reserve not met");
    assert_eq!(listing_status(&t.db, auction).await.0, "published");
    assert_eq!(mails_to(&t.db, "an").await, ["auction_lost"]);
    let seller_mail = app::db::outbox::messages_to(&t.db, "seller@techx.test")
        .await
        .unwrap();
    assert!(
        seller_mail[0].body.contains("không bán được"),
        "{}",
        seller_mail[0].body
    );
}

async fn a_late_bid_keeps_the_auction_open_past_its_first_end(t: TestDb) {
    let seller = user(&t.db, "seller").await;
    let (auction, rules) = running_auction(&t.db, seller).await;
    // The end is brought within a minute: any bid now is in the 3-minute soft-close window.
    let first_end = now_ms() + 60_000;
    sqlx::query("UPDATE auctions SET ends_at = $1, scheduled_end_at = $1 WHERE id = $2")
        .bind(first_end)
        .bind(auction)
        .execute(&t.db)
        .await
        .unwrap();
    let an = user(&t.db, "an").await;
    let placed = auctions::place(&t.db, auction, an, bid(12_000_000), "1", now_ms)
        .await
        .unwrap();
    assert!(placed.extended);
    assert!(placed.state.ends_at >= first_end + 100_000);
    let origin = "https://techx.test";
    assert!(
        auctions::close_due(&t.db, first_end, origin)
            .await
            .unwrap()
            .is_empty()
    );
    let closed = auctions::close_due(&t.db, placed.state.ends_at, origin)
        .await
        .unwrap();
    assert_eq!(closed[0].sale, Some((an, 12_000_000)));
    assert!(rules.reserve == Some(12_000_000));
    assert!(auctions::verify(&t.db, auction).await.unwrap().is_ok());
}

/// Makes every attempt to close auction `id` fail in the database, as a broken row would.
async fn break_closing(t: &TestDb, id: i64) {
    let statements: Vec<String> = match t.engine {
        Engine::Sqlite => vec![format!(
            "CREATE TRIGGER broken_close BEFORE UPDATE OF status ON auctions
             WHEN NEW.id = {id} AND NEW.status = 'closed'
             BEGIN SELECT RAISE(ABORT, 'broken auction'); END"
        )],
        Engine::Postgres => vec![
            format!(
                "CREATE FUNCTION broken_close() RETURNS trigger LANGUAGE plpgsql AS $$
                 BEGIN IF NEW.id = {id} AND NEW.status = 'closed' THEN
                   RAISE EXCEPTION 'broken auction'; END IF; RETURN NEW; END $$"
            ),
            "CREATE TRIGGER broken_close BEFORE UPDATE ON auctions
             FOR EACH ROW EXECUTE FUNCTION broken_close()"
                .to_owned(),
        ],
    };
    for sql in statements {
        sqlx::raw_sql(&sql).execute(&t.db).await.unwrap();
    }
}

async fn an_auction_that_cannot_close_does_not_keep_the_others_open(t: TestDb) {
    let seller = user(&t.db, "seller").await;
    let (broken, rules) = running_auction(&t.db, seller).await;
    let listing = NewListing {
        owner_id: Some(seller),
        ..NewListing::offer("may-gat", "Máy gặt đập liên hợp")
    }
    .insert(&t.db)
    .await;
    let later = AuctionRules {
        ends_at: rules.ends_at + 1_000,
        ..rules
    };
    let fine = auctions::create(
        &t.db,
        &NewAuction {
            listing_id: listing,
            rules: later,
        },
        "approved",
    )
    .await
    .unwrap();
    break_closing(&t, broken).await;
    let origin = "https://techx.test";
    let status = |id: i64| {
        let db = t.db.clone();
        async move {
            sqlx::query_scalar::<_, String>("SELECT status FROM auctions WHERE id = $1")
                .bind(id)
                .fetch_one(&db)
                .await
                .unwrap()
        }
    };

    // The first due fails; the one after it closes all the same.
    let end = later.ends_at;
    let closed = auctions::close_due(&t.db, end, origin).await.unwrap();
    assert_eq!(
        closed.iter().map(|c| c.auction_id).collect::<Vec<_>>(),
        [fine]
    );
    assert_eq!(status(broken).await, "approved");
    assert_eq!(status(fine).await, "closed");

    // It is tried again after a wait that grows, not on every pass.
    let retry_at: i64 = sqlx::query_scalar("SELECT close_retry_at FROM auctions WHERE id = $1")
        .bind(broken)
        .fetch_one(&t.db)
        .await
        .unwrap();
    assert_eq!(retry_at, end + 30_000);
    assert!(
        auctions::close_due(&t.db, end + 29_999, origin)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        auctions::close_due(&t.db, end + 30_000, origin)
            .await
            .unwrap()
            .is_empty()
    );
    let retry_at: i64 = sqlx::query_scalar("SELECT close_retry_at FROM auctions WHERE id = $1")
        .bind(broken)
        .fetch_one(&t.db)
        .await
        .unwrap();
    assert_eq!(
        retry_at,
        end + 30_000 + 60_000,
        "the second wait is twice the first"
    );

    // Once whatever broke it is mended, it closes, once.
    let mend = match t.engine {
        Engine::Sqlite => "DROP TRIGGER broken_close",
        Engine::Postgres => "DROP TRIGGER broken_close ON auctions",
    };
    sqlx::raw_sql(mend).execute(&t.db).await.unwrap();
    let closed = auctions::close_due(&t.db, retry_at, origin).await.unwrap();
    assert_eq!(
        closed.iter().map(|c| c.auction_id).collect::<Vec<_>>(),
        [broken]
    );
    assert_eq!(status(broken).await, "closed");
    assert!(auctions::verify(&t.db, broken).await.unwrap().is_ok());
}
