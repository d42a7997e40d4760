//! The notification centre: outbid, ending soon, won, lost and "your auction ended", each in the
//! centre, in the outbox, and live on the member's open pages — on SQLite and PostgreSQL.

use app::db::auctions::{self, NewAuction};
use app::db::now_ms;
use app::domain::auction::AuctionRules;
use axum::Router;
use axum::http::StatusCode;
use serde_json::Value;

use crate::on_both_databases;
use crate::support::{
    EventStream, NewListing, TestDb, get_with, join_stall, member, post_form, reference_data,
    stall, test_router,
};

on_both_databases!(members_hear_what_happens_to_their_auctions);

const PASSWORD: &str = "mat-khau-du-dai";
const ORIGIN: &str = "https://techx.test";

fn json(reply: &crate::support::Reply) -> Value {
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    serde_json::from_str(&reply.body).unwrap()
}

async fn bid(app: &Router, cookie: &str, auction: i64, max: &str, key: &str) -> Value {
    let form = format!("auction_id={auction}&kind=max&max={max}&key={key}&confirmed=yes");
    json(&post_form(app, "/api/place_bid", &form, Some(cookie), false).await)
}

async fn kinds(t: &TestDb, user: i64) -> Vec<(String, Option<i64>)> {
    sqlx::query_as("SELECT kind, amount_vnd FROM notifications WHERE user_id = $1 ORDER BY id")
        .bind(user)
        .fetch_all(&t.db)
        .await
        .unwrap()
}

async fn mail_kinds(t: &TestDb, to: &str) -> Vec<String> {
    app::db::outbox::messages_to(&t.db, to)
        .await
        .unwrap()
        .into_iter()
        .map(|m| m.kind)
        .collect()
}

async fn mail_outbid(t: &TestDb) -> usize {
    app::db::notifications::mail_outbid(&t.db, ORIGIN, now_ms(), 200)
        .await
        .unwrap()
}

async fn members_hear_what_happens_to_their_auctions(t: TestDb) {
    let site = tempfile::tempdir().unwrap();
    let app = test_router(&t, site.path());
    reference_data(&t.db).await;
    let (seller, seller_cookie) = member(&app, &t, "seller@techx.test", PASSWORD, "member").await;
    let stall_id = stall(&t.db, "co-khi-tay-do", "Cơ khí Tây Đô", "approved").await;
    join_stall(&t.db, stall_id, seller, "owner").await;
    let listing = NewListing {
        owner_id: Some(seller),
        stall_id: Some(stall_id),
        ..NewListing::offer("may-cay", "Máy cày Kubota L4508")
    }
    .insert(&t.db)
    .await;
    let now = now_ms();
    let rules = AuctionRules {
        seller_id: seller,
        starting_price: 10_000_000,
        step: 100_000,
        reserve: None,
        buy_now: None,
        starts_at: now - 60_000,
        ends_at: now + 7_200_000,
        soft_close_ms: 180_000,
    };
    let auction = auctions::create(
        &t.db,
        &NewAuction {
            listing_id: listing,
            rules,
        },
        "approved",
    )
    .await
    .unwrap();
    let (an_id, an) = member(&app, &t, "an@techx.test", PASSWORD, "member").await;
    let (binh_id, binh) = member(&app, &t, "binh@techx.test", PASSWORD, "member").await;
    let (chi_id, _) = member(&app, &t, "chi@techx.test", PASSWORD, "member").await;
    // Chi watches the listing without bidding.
    sqlx::query("INSERT INTO watchlist (user_id, listing_id, created_at) VALUES ($1, $2, $3)")
        .bind(chi_id)
        .bind(listing)
        .bind(now)
        .execute(&t.db)
        .await
        .unwrap();

    // Visitors have no bell.
    let reply = get_with(&app, "/live/notifications", None).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);

    bid(&app, &an, auction, "10.500.000", "a1").await;
    let mut an_bell = EventStream::open(&app, "/live/notifications", Some(&an)).await;
    assert_eq!(an_bell.next("unread").await["unread"], 0);

    // Binh bids above An's maximum: An hears it at once, in the centre and by mail.
    bid(&app, &binh, auction, "11.000.000", "b1").await;
    assert_eq!(an_bell.next("unread").await["unread"], 1);
    assert_eq!(
        kinds(&t, an_id).await,
        [("outbid".to_owned(), Some(10_600_000))]
    );
    assert_eq!(kinds(&t, binh_id).await, [], "the leader is not told");
    // The mail is composed off the bid's path, by the task that also closes auctions.
    assert_eq!(mail_kinds(&t, "an@techx.test").await, Vec::<String>::new());
    assert_eq!(mail_outbid(&t).await, 1);
    assert_eq!(mail_outbid(&t).await, 0, "each notification is mailed once");
    assert_eq!(mail_kinds(&t, "an@techx.test").await, ["auction_outbid"]);
    let centre = json(&get_with(&app, "/api/get_notifications", Some(&an)).await);
    assert_eq!(centre["unread"], 1);
    assert_eq!(centre["items"][0]["kind"], "outbid");
    assert_eq!(centre["items"][0]["link"], format!("/auctions/{auction}"));
    assert_eq!(centre["items"][0]["title"], "Máy cày Kubota L4508");
    assert_eq!(centre["items"][0]["unread"], true);
    let me = json(&get_with(&app, "/api/get_current_user", Some(&an)).await);
    assert_eq!(me["unread_notifications"], 1);
    assert_eq!(
        get_with(&app, "/api/get_notifications", None).await.status,
        StatusCode::UNAUTHORIZED
    );

    // An hour before the end: bidders and watchers, once; not the seller.
    let soon = rules.ends_at - 1_800_000;
    let mut told = app::db::notifications::ending_soon(&t.db, soon, 3_600_000, ORIGIN)
        .await
        .unwrap();
    told.sort_unstable();
    assert_eq!(told, [an_id, binh_id, chi_id]);
    assert!(
        app::db::notifications::ending_soon(&t.db, soon + 1000, 3_600_000, ORIGIN)
            .await
            .unwrap()
            .is_empty(),
        "once"
    );
    assert_eq!(
        kinds(&t, chi_id).await,
        [("ending_soon".to_owned(), Some(10_600_000))]
    );
    assert_eq!(
        mail_kinds(&t, "chi@techx.test").await,
        ["auction_ending_soon"]
    );
    assert_eq!(kinds(&t, seller).await, []);

    // The close: winner, loser and seller, each told once.
    let closed = auctions::close_due(&t.db, rules.ends_at, ORIGIN)
        .await
        .unwrap();
    let mut told = closed[0].told.clone();
    told.sort_unstable();
    assert_eq!(told, [seller, an_id, binh_id]);
    assert_eq!(
        kinds(&t, binh_id).await,
        [
            ("ending_soon".to_owned(), Some(10_600_000)),
            ("won".to_owned(), Some(10_600_000))
        ]
    );
    assert_eq!(
        kinds(&t, an_id).await.last().unwrap(),
        &("lost".to_owned(), Some(10_600_000))
    );
    assert_eq!(
        kinds(&t, seller).await,
        [("auction_ended".to_owned(), Some(10_600_000))]
    );

    // Marking read covers what the member was shown; anything newer stays unread.
    let centre = json(&get_with(&app, "/api/get_notifications", Some(&an)).await);
    assert_eq!(centre["unread"], 3);
    let newest = centre["items"][0]["id"].as_i64().unwrap();
    let mut conn = t.db.acquire().await.unwrap();
    app::db::notifications::add(
        &mut conn,
        an_id,
        app::db::notifications::Kind::Outbid,
        (auction, "Máy cày Kubota L4508"),
        Some(1),
        now_ms(),
    )
    .await
    .unwrap();
    drop(conn);
    let reply = post_form(
        &app,
        "/api/mark_notifications_read",
        &format!("up_to={newest}"),
        Some(&an),
        false,
    )
    .await;
    assert!(reply.status.is_success(), "{} {}", reply.status, reply.body);
    let centre = json(&get_with(&app, "/api/get_notifications", Some(&an)).await);
    assert_eq!(centre["unread"], 1);
    assert_eq!(centre["items"][0]["unread"], true);
    assert_eq!(centre["items"][1]["unread"], false);
    // Someone else's notifications are not theirs to mark.
    post_form(
        &app,
        "/api/mark_notifications_read",
        "up_to=1000000",
        Some(&seller_cookie),
        false,
    )
    .await;
    let centre = json(&get_with(&app, "/api/get_notifications", Some(&an)).await);
    assert_eq!(centre["unread"], 1);

    // The centre's page.
    let html = get_with(&app, "/account/notifications", Some(&an)).await;
    assert_eq!(html.status, StatusCode::OK);
    assert_eq!(html.body.matches("data-testid=\"notification\"").count(), 4);
    assert!(html.body.contains(&format!("href=\"/auctions/{auction}\"")));

    // Outbid twice before the mail went out: one mail, with the latest price.
    let mut conn = t.db.acquire().await.unwrap();
    for price in [12_300_000, 12_400_000] {
        app::db::notifications::add_outbid(&mut conn, auction, &[(chi_id, price, now_ms())])
            .await
            .unwrap();
    }
    drop(conn);
    assert_eq!(mail_outbid(&t).await, 1);
    let mails = app::db::outbox::messages_to(&t.db, "chi@techx.test")
        .await
        .unwrap();
    let outbid: Vec<_> = mails
        .iter()
        .filter(|m| m.kind == "auction_outbid")
        .collect();
    assert_eq!(outbid.len(), 1);
    assert!(outbid[0].body.contains("12.400.000"), "{}", outbid[0].body);
    assert!(outbid[0].body.contains("Máy cày Kubota L4508"));
}
