//! The bidding page over HTTP: the page's data and HTML, bids through the form (in place and as a
//! plain post), every refusal, and the live stream that tells every open page of each bid — on
//! SQLite and PostgreSQL.

use app::db::auctions::{self, NewAuction};
use app::db::now_ms;
use app::domain::auction::AuctionRules;
use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use serde_json::Value;

use crate::on_both_databases;
use crate::support::{
    EventStream, NewListing, TestDb, error_pairs, get_with, join_stall, member, post_form,
    reference_data, stall, test_router,
};

on_both_databases!(
    the_bidding_page_shows_the_auction_and_hides_maxima,
    bids_through_the_form_follow_the_rules,
    refused_bids_say_why_and_change_nothing,
    a_plain_form_post_goes_back_to_the_page,
    every_open_page_hears_each_bid_at_once,
    a_first_bid_answered_by_the_leaders_maximum_shows_as_outbid_on_its_page,
    auctions_not_yet_approved_stay_private,
    a_client_keeps_a_few_live_streams_and_cannot_inflate_the_watchers,
);

const PASSWORD: &str = "mat-khau-du-dai";

/// A stall's running auction: opened a minute ago, ending in an hour, starting at 10,000,000 with
/// steps of 100,000 and a reserve of 12,000,000. Returns the auction and the stall's owner's
/// cookie.
async fn running_auction(app: &Router, t: &TestDb, status: &str) -> (i64, String) {
    reference_data(&t.db).await;
    let (seller, cookie) = member(app, t, "seller@techx.test", PASSWORD, "member").await;
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
        reserve: Some(12_000_000),
        buy_now: Some(20_000_000),
        starts_at: now - 60_000,
        ends_at: now + 3_600_000,
        soft_close_ms: 180_000,
    };
    rules.check().unwrap();
    let id = auctions::create(
        &t.db,
        &NewAuction {
            listing_id: listing,
            rules,
        },
        status,
    )
    .await
    .unwrap();
    (id, cookie)
}

fn bid_form(auction: i64, kind: &str, max: &str, key: &str, confirmed: bool) -> String {
    let mut form = format!(
        "auction_id={auction}&kind={kind}&max={}&key={key}",
        crate::support::form_value(max)
    );
    if confirmed {
        form.push_str("&confirmed=yes");
    }
    form
}

async fn bid(app: &Router, cookie: &str, form: &str) -> crate::support::Reply {
    post_form(app, "/api/place_bid", form, Some(cookie), false).await
}

fn json(reply: &crate::support::Reply) -> Value {
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    serde_json::from_str(&reply.body).unwrap()
}

async fn page_data(app: &Router, auction: i64, cookie: Option<&str>) -> Value {
    json(&get_with(app, &format!("/api/get_auction?id={auction}"), cookie).await)
}

async fn the_bidding_page_shows_the_auction_and_hides_maxima(t: TestDb) {
    let site = tempfile::tempdir().unwrap();
    let app = test_router(&t, site.path());
    let (auction, seller) = running_auction(&app, &t, "approved").await;
    let (_, an) = member(&app, &t, "an@techx.test", PASSWORD, "member").await;
    let accepted = json(
        &bid(
            &app,
            &an,
            &bid_form(auction, "max", "11.500.000", "k1", true),
        )
        .await,
    );
    assert_eq!(accepted["viewer"]["standing"], "leading");
    assert_eq!(accepted["viewer"]["my_max"], 11_500_000);

    // A visitor: the price, the history with masked names, no one's maximum.
    let page = page_data(&app, auction, None).await;
    let live = &page["live"];
    assert_eq!(live["price"], 10_000_000);
    assert_eq!(live["min_next"], 10_100_000);
    assert_eq!(live["bid_count"], 1);
    assert_eq!(live["leader"], "T***n");
    assert_eq!(live["reserve_met"], false);
    assert_eq!(live["buy_now"], 20_000_000);
    assert_eq!(live["history"][0]["bidder"], "T***n");
    assert_eq!(live["history"][0]["amount"], 10_000_000);
    assert_eq!(page["title"], "Máy cày Kubota L4508");
    assert_eq!(page["seller"], "Cơ khí Tây Đô");
    assert_eq!(page["starting_price"], 10_000_000);
    assert_eq!(page["viewer"]["logged_in"], false);
    assert_eq!(page["viewer"]["standing"], "none");
    assert!(
        !page.to_string().contains("11500000"),
        "a maximum leaked: {page}"
    );

    // The leader sees their own maximum; the seller sees they cannot bid.
    let mine = page_data(&app, auction, Some(&an)).await;
    assert_eq!(mine["viewer"]["standing"], "leading");
    assert_eq!(mine["viewer"]["my_max"], 11_500_000);
    let sellers = page_data(&app, auction, Some(&seller)).await;
    assert_eq!(sellers["viewer"]["is_seller"], true);
    assert_eq!(sellers["viewer"]["standing"], "none");
    assert!(!sellers.to_string().contains("11500000"));

    // The server-rendered page, as a browser without JavaScript gets it.
    let html = get_with(&app, &format!("/auctions/{auction}"), Some(&an)).await;
    assert_eq!(html.status, StatusCode::OK);
    for expected in [
        "Máy cày Kubota L4508",
        "10.000.000 ₫",
        "10.100.000 ₫",
        "T***n",
        "data-standing=\"leading\"",
        "action=\"/api/place_bid\"",
        "data-testid=\"countdown\"",
        "Chưa đạt giá bảo lưu",
    ] {
        assert!(html.body.contains(expected), "missing {expected:?}");
    }
    // Only An's own page shows An's maximum.
    assert!(html.body.contains("11.500.000"));
    let visitor_html = get_with(&app, &format!("/auctions/{auction}"), None).await;
    assert!(visitor_html.body.contains("10.000.000 ₫"));
    assert!(
        !visitor_html.body.contains("11.500.000"),
        "a maximum leaked into the page"
    );
    assert!(visitor_html.body.contains("data-testid=\"login-to-bid\""));
    let missing = get_with(&app, "/auctions/999999", None).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
}

async fn bids_through_the_form_follow_the_rules(t: TestDb) {
    let site = tempfile::tempdir().unwrap();
    let app = test_router(&t, site.path());
    let (auction, seller) = running_auction(&app, &t, "approved").await;
    let (_, an) = member(&app, &t, "an@techx.test", PASSWORD, "member").await;
    let (_, binh) = member(&app, &t, "binh@techx.test", PASSWORD, "member").await;

    // A typed maximum is binding: first the confirmation, with what was typed kept.
    let unconfirmed = bid(
        &app,
        &an,
        &bid_form(auction, "max", "11.000.000", "a1", false),
    )
    .await;
    assert_eq!(
        error_pairs(&unconfirmed),
        [("max".to_owned(), "bid_confirm".to_owned())]
    );
    assert!(unconfirmed.body.contains("11.000.000"));
    assert_eq!(page_data(&app, auction, None).await["live"]["bid_count"], 0);

    let first = json(
        &bid(
            &app,
            &an,
            &bid_form(auction, "max", "11.000.000", "a1", true),
        )
        .await,
    );
    assert_eq!(first["live"]["price"], 10_000_000);
    assert_eq!(first["viewer"]["standing"], "leading");
    // The page's next form gets a new key.
    assert_ne!(first["viewer"]["bid_key"], "a1");

    // The same submission again (a double click, a retry): taken once.
    let again = json(
        &bid(
            &app,
            &an,
            &bid_form(auction, "max", "11.000.000", "a1", true),
        )
        .await,
    );
    assert_eq!(again["live"]["bid_count"], 1);

    // A quick bid (no confirmation) at the minimum next bid: the proxy answers for An.
    let quick = json(
        &bid(
            &app,
            &binh,
            &bid_form(auction, "quick", "10100000", "b1", false),
        )
        .await,
    );
    assert_eq!(quick["live"]["price"], 10_200_000);
    assert_eq!(quick["viewer"]["standing"], "outbid");
    assert_eq!(quick["live"]["bid_count"], 3);
    // Above An's maximum: Binh leads at one step over it; the reserve is still ahead.
    let over = json(
        &bid(
            &app,
            &binh,
            &bid_form(auction, "max", "11.500.000", "b2", true),
        )
        .await,
    );
    assert_eq!(over["live"]["price"], 11_100_000);
    assert_eq!(over["viewer"]["standing"], "leading");
    assert_eq!(over["viewer"]["my_max"], 11_500_000);
    assert_eq!(over["live"]["reserve_met"], false);
    assert_eq!(
        page_data(&app, auction, Some(&an)).await["viewer"]["standing"],
        "outbid"
    );

    // Buy-now, confirmed, ends the auction at its price.
    let bought = json(&bid(&app, &an, &bid_form(auction, "buy_now", "", "a2", true)).await);
    assert_eq!(bought["live"]["price"], 20_000_000);
    assert_eq!(bought["live"]["buy_now"], Value::Null);
    assert_eq!(bought["viewer"]["standing"], "leading");
    assert!(
        auctions::verify(&t.db, auction).await.unwrap().is_ok(),
        "the log verifies"
    );

    // The log as CSV, with every hidden maximum: nobody's until the auction closes, not even a
    // moderator's; everyone's after.
    let csv_path = format!("/auctions/{auction}/log.csv");
    let (_, moderator) = member(&app, &t, "mod@techx.test", PASSWORD, "moderator").await;
    for cookie in [
        Some(an.as_str()),
        Some(moderator.as_str()),
        Some(seller.as_str()),
        None,
    ] {
        assert_eq!(
            get_with(&app, &csv_path, cookie).await.status,
            StatusCode::FORBIDDEN
        );
    }
    auctions::close_due(&t.db, now_ms(), "https://techx.test")
        .await
        .unwrap();
    let csv = get_with(&app, &csv_path, None).await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(
        csv.headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    let body = csv
        .body
        .strip_prefix('\u{feff}')
        .expect("a byte order mark, for Excel");
    let lines: Vec<&str> = body.trim_end().split("\r\n").collect();
    assert!(lines[0].starts_with("auction_id,seq,placed_at_ms,bidder_id,bidder,action,max_vnd"));
    assert_eq!(
        lines.len(),
        1 + 4,
        "a header and one line per accepted action"
    );
    assert!(lines[4].contains(",buy_now,"));
    assert!(
        lines[1].contains("\"[{\"\"bidder_id\"\""),
        "history is quoted JSON: {}",
        lines[1]
    );
    let last_hash: String = sqlx::query_scalar("SELECT last_hash FROM auctions WHERE id = $1")
        .bind(auction)
        .fetch_one(&t.db)
        .await
        .unwrap();
    assert!(lines[4].ends_with(&format!(",{last_hash}")));
    assert_eq!(
        get_with(&app, "/auctions/999999/log.csv", None)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

async fn refused_bids_say_why_and_change_nothing(t: TestDb) {
    let site = tempfile::tempdir().unwrap();
    let app = test_router(&t, site.path());
    let (auction, seller) = running_auction(&app, &t, "approved").await;
    let (_, an) = member(&app, &t, "an@techx.test", PASSWORD, "member").await;
    let (_, binh) = member(&app, &t, "binh@techx.test", PASSWORD, "member").await;
    let (colleague, colleague_cookie) =
        member(&app, &t, "dong-nghiep@techx.test", PASSWORD, "member").await;
    let stall_id: i64 = sqlx::query_scalar("SELECT id FROM stalls WHERE slug = 'co-khi-tay-do'")
        .fetch_one(&t.db)
        .await
        .unwrap();
    join_stall(&t.db, stall_id, colleague, "member").await;
    json(
        &bid(
            &app,
            &an,
            &bid_form(auction, "max", "10.500.000", "a1", true),
        )
        .await,
    );
    let before = page_data(&app, auction, None).await["live"].clone();

    let cases: [(&str, String, &str); 11] = [
        (
            &an,
            bid_form(auction, "max", "mười triệu", "x1", true),
            "not_a_number",
        ),
        (&an, bid_form(auction, "max", "", "x2", true), "required"),
        (
            &an,
            bid_form(auction, "max", "10.400.000", "x3", true),
            "bid_not_above_own_maximum",
        ),
        (
            &binh,
            bid_form(auction, "quick", "10.000.000", "x4", false),
            "bid_below_minimum",
        ),
        (
            &colleague_cookie,
            bid_form(auction, "max", "10.150.000", "x5", true),
            "bid_own_auction",
        ),
        (
            &seller,
            bid_form(auction, "max", "11.000.000", "x6", true),
            "bid_own_auction",
        ),
        (
            &an,
            bid_form(auction, "sideways", "11.000.000", "x7", true),
            "invalid_choice",
        ),
        (
            &an,
            bid_form(auction, "max", "10.650.000", "x8", true),
            "bid_not_whole_steps",
        ),
        // Above the buy-now price; two such bids at the largest i64 once wrapped the price.
        (
            &binh,
            bid_form(auction, "max", "20.100.000", "x9", true),
            "bid_above_highest",
        ),
        (
            &binh,
            bid_form(auction, "max", "9.223.372.036.854.775.807", "x10", true),
            "too_large",
        ),
        (
            &binh,
            bid_form(auction, "max", "10.000.000.000.001 đ", "x11", true),
            "too_large",
        ),
    ];
    for (cookie, form, code) in cases {
        let reply = bid(&app, cookie, &form).await;
        assert_eq!(
            error_pairs(&reply),
            [("max".to_owned(), code.to_owned())],
            "{form}"
        );
    }
    // Not logged in; no such auction.
    let visitor = post_form(
        &app,
        "/api/place_bid",
        &bid_form(auction, "max", "11000000", "v", true),
        None,
        false,
    )
    .await;
    assert_eq!(visitor.status, StatusCode::UNAUTHORIZED);
    let missing = bid(&app, &an, &bid_form(999_999, "max", "11000000", "m", true)).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    // After the end, by the server's clock.
    sqlx::query("UPDATE auctions SET ends_at = $1 WHERE id = $2")
        .bind(now_ms() - 1)
        .bind(auction)
        .execute(&t.db)
        .await
        .unwrap();
    let late = bid(
        &app,
        &binh,
        &bid_form(auction, "quick", "10.100.000", "y1", false),
    )
    .await;
    assert_eq!(
        error_pairs(&late),
        [("max".to_owned(), "bid_ended".to_owned())]
    );
    let late = bid(
        &app,
        &an,
        &bid_form(auction, "max", "11.000.000", "y2", true),
    )
    .await;
    assert_eq!(
        error_pairs(&late),
        [("max".to_owned(), "bid_ended".to_owned())]
    );

    let mut after = page_data(&app, auction, None).await["live"].clone();
    after["server_now"] = before["server_now"].clone();
    after["ends_at"] = before["ends_at"].clone();
    // Past the end, buy-now is no longer offered; nothing else moved.
    assert_eq!(after["buy_now"], Value::Null);
    after["buy_now"] = before["buy_now"].clone();
    assert_eq!(after, before, "refusals changed the auction");
    let log = auctions::log(&t.db, auction).await.unwrap();
    assert_eq!(log.len(), 1, "only An's first bid is in the log");
}

async fn a_plain_form_post_goes_back_to_the_page(t: TestDb) {
    let site = tempfile::tempdir().unwrap();
    let app = test_router(&t, site.path());
    let (auction, _) = running_auction(&app, &t, "approved").await;
    let (_, an) = member(&app, &t, "an@techx.test", PASSWORD, "member").await;
    let form = bid_form(auction, "max", "11.000.000", "p1", false);
    let ask = browser_post(&app, auction, &form, &an).await;
    assert_eq!(ask.status, StatusCode::FOUND);
    let location = ask.headers[header::LOCATION].to_str().unwrap().to_owned();
    assert!(location.contains("__err="), "{location}");

    // The page the browser is sent back to asks for the confirmation, amount included.
    let path = location.trim_start_matches("http://localhost");
    let confirm = get_with(&app, path, Some(&an)).await;
    assert!(confirm.body.contains("data-testid=\"confirm-bid\""));
    assert!(confirm.body.contains("11.000.000 ₫"));
    assert!(confirm.body.contains("name=\"confirmed\" value=\"yes\""));

    let form = bid_form(auction, "max", "11.000.000", "p1", true);
    let done = browser_post(&app, auction, &form, &an).await;
    assert_eq!(done.status, StatusCode::FOUND);
    assert!(
        !done.headers[header::LOCATION]
            .to_str()
            .unwrap()
            .contains("__err")
    );
    let page = get_with(&app, &format!("/auctions/{auction}"), Some(&an)).await;
    assert!(page.body.contains("data-standing=\"leading\""));
}

/// A plain form post from the auction's page, as a browser without JavaScript sends it.
async fn browser_post(
    app: &Router,
    auction: i64,
    form: &str,
    cookie: &str,
) -> crate::support::Reply {
    let req = Request::post("/api/place_bid")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "text/html,application/xhtml+xml")
        .header(
            header::REFERER,
            format!("http://localhost/auctions/{auction}"),
        )
        .header(header::COOKIE, cookie)
        .body(Body::from(form.to_owned()))
        .unwrap();
    crate::support::send(app, req).await
}

/// A running auction An leads with a maximum of 10,500,000 (price 10,000,000), and Binh, a
/// member who has not bid: the router, the auction and their session cookies.
async fn an_leads_with_a_maximum(
    t: &TestDb,
    site: &std::path::Path,
) -> (Router, i64, String, String) {
    let app = test_router(t, site);
    let (auction, _) = running_auction(&app, t, "approved").await;
    let (_, an) = member(&app, t, "an@techx.test", PASSWORD, "member").await;
    let (_, binh) = member(&app, t, "binh@techx.test", PASSWORD, "member").await;
    json(
        &bid(
            &app,
            &an,
            &bid_form(auction, "max", "10.500.000", "a1", true),
        )
        .await,
    );
    (app, auction, an, binh)
}

async fn every_open_page_hears_each_bid_at_once(t: TestDb) {
    let site = tempfile::tempdir().unwrap();
    let (app, auction, an, binh) = an_leads_with_a_maximum(&t, site.path()).await;

    let mut visitor = EventStream::open(&app, &format!("/live/auctions/{auction}"), None).await;
    let mut an_page =
        EventStream::open(&app, &format!("/live/auctions/{auction}"), Some(&an)).await;
    // Each page first gets the auction whole, with its own standing.
    let first = visitor.next("auction").await;
    assert_eq!(first["live"]["price"], 10_000_000);
    assert_eq!(first["standing"], "none");
    assert_eq!(first["my_max"], Value::Null);
    let first = an_page.next("auction").await;
    assert_eq!(first["standing"], "leading");
    assert_eq!(first["my_max"], 10_500_000);
    assert_eq!(first["watchers"], 2);

    // Binh bids from elsewhere: both pages hear it.
    json(
        &bid(
            &app,
            &binh,
            &bid_form(auction, "max", "11.000.000", "b1", true),
        )
        .await,
    );
    let heard = visitor.next("auction").await;
    assert_eq!(heard["live"]["price"], 10_600_000);
    assert_eq!(heard["live"]["bid_count"], 3);
    assert_eq!(heard["live"]["history"][0]["amount"], 10_600_000);
    assert_eq!(heard["standing"], "none");
    let heard = an_page.next("auction").await;
    assert_eq!(heard["live"]["price"], 10_600_000);
    assert_eq!(heard["standing"], "outbid");
    assert!(
        !heard.to_string().contains("11000000"),
        "Binh's maximum leaked"
    );

    // An raises from their page: their own maximum follows.
    json(
        &bid(
            &app,
            &an,
            &bid_form(auction, "max", "11.800.000", "a2", true),
        )
        .await,
    );
    let heard = an_page.next("auction").await;
    assert_eq!(heard["standing"], "leading");
    assert_eq!(heard["my_max"], 11_800_000);
    assert_eq!(heard["live"]["price"], 11_100_000);
    assert_eq!(visitor.next("auction").await["live"]["price"], 11_100_000);

    // A page that goes away stops counting.
    drop(visitor);
    let count = page_data(&app, auction, None).await["watchers"].clone();
    assert_eq!(count, 1);
}

/// A page opened before its member bids: their first bid, at once outbid by the leader's
/// maximum (the system's answer is the newest line of the history, not theirs), still makes the
/// page say "outbid" with their maximum, as the bid's own answer does.
async fn a_first_bid_answered_by_the_leaders_maximum_shows_as_outbid_on_its_page(t: TestDb) {
    let site = tempfile::tempdir().unwrap();
    let (app, auction, _an, binh) = an_leads_with_a_maximum(&t, site.path()).await;
    let mut binh_page =
        EventStream::open(&app, &format!("/live/auctions/{auction}"), Some(&binh)).await;
    assert_eq!(binh_page.next("auction").await["standing"], "none");

    let answer = json(
        &bid(
            &app,
            &binh,
            &bid_form(auction, "quick", "10.100.000", "b1", false),
        )
        .await,
    );
    assert_eq!(answer["viewer"]["standing"], "outbid");
    let heard = binh_page.next("auction").await;
    assert_eq!(heard["live"]["price"], 10_200_000);
    assert_eq!(heard["standing"], "outbid", "{heard}");
    assert_eq!(heard["my_max"], 10_100_000);
}

async fn auctions_not_yet_approved_stay_private(t: TestDb) {
    let site = tempfile::tempdir().unwrap();
    let app = test_router(&t, site.path());
    let (auction, seller) = running_auction(&app, &t, "pending").await;
    let (_, an) = member(&app, &t, "an@techx.test", PASSWORD, "member").await;
    let (_, moderator) = member(&app, &t, "mod@techx.test", PASSWORD, "moderator").await;
    for cookie in [None, Some(an.as_str())] {
        let reply = get_with(&app, &format!("/api/get_auction?id={auction}"), cookie).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND);
    }
    for cookie in [&seller, &moderator] {
        assert_eq!(
            page_data(&app, auction, Some(cookie)).await["live"]["status"],
            "pending"
        );
    }
    let reply = bid(
        &app,
        &an,
        &bid_form(auction, "max", "11.000.000", "a1", true),
    )
    .await;
    assert_eq!(
        error_pairs(&reply),
        [("max".to_owned(), "bid_not_open".to_owned())]
    );
    let stream = get_with(&app, &format!("/live/auctions/{auction}"), None).await;
    assert_eq!(stream.status, StatusCode::NOT_FOUND);
}

async fn a_client_keeps_a_few_live_streams_and_cannot_inflate_the_watchers(t: TestDb) {
    let site = tempfile::tempdir().unwrap();
    let (app, auction, an, _binh) = an_leads_with_a_maximum(&t, site.path()).await;
    let path = format!("/live/auctions/{auction}");
    let from = |ip: &'static str, cookie: Option<String>| {
        let (app, path) = (app.clone(), path.clone());
        async move { EventStream::open_from(&app, &path, cookie.as_deref(), Some(ip)).await }
    };
    let mut open = Vec::new();
    for n in 0..app::live::STREAMS_PER_CLIENT {
        // Addresses of one IPv6 /64 are one client.
        let ip = if n % 2 == 0 {
            "2001:db8:5:6::1"
        } else {
            "2001:db8:5:6::99"
        };
        open.push(from(ip, None).await.expect("within the limit"));
    }
    assert_eq!(
        from("2001:db8:5:6::2", None).await.err(),
        Some(StatusCode::TOO_MANY_REQUESTS)
    );
    let bell = EventStream::open_from(
        &app,
        "/live/notifications",
        Some(&an),
        Some("2001:db8:5:6::3"),
    )
    .await;
    assert_eq!(
        bell.err(),
        Some(StatusCode::TOO_MANY_REQUESTS),
        "the bell counts too"
    );

    // Others are not held up; the visitor with eight pages counts once.
    let _other = from("198.51.100.7", None).await.unwrap();
    let mut an_page = from("203.113.0.2", Some(an.clone())).await.unwrap();
    let _an_again = from("203.113.0.3", Some(an.clone())).await.unwrap();
    assert_eq!(an_page.next("auction").await["watchers"], 3);

    // Closing a page frees its place.
    drop(open.pop());
    let mut again = from("2001:db8:5:6::4", None)
        .await
        .expect("a place came free");
    assert_eq!(again.next("auction").await["watchers"], 3);
}
