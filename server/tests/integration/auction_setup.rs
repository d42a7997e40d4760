//! Putting an offer up for auction, the moderators' approval, and bidder registration with a
//! deposit where an auction requires it — over HTTP, on SQLite and PostgreSQL.

use app::db::now_ms;
use app::domain::auction_setup::vietnam_datetime_input;
use axum::Router;
use axum::http::StatusCode;
use serde_json::Value;

use crate::on_both_databases;
use crate::support::{
    NewListing, Reply, TestDb, error_pairs, form_value, get_with, join_stall, member, post_form,
    reference_data, stall, test_router,
};

on_both_databases!(
    a_seller_puts_an_offer_up_and_a_moderator_opens_it,
    bad_auction_forms_say_why_and_store_nothing,
    a_refused_auction_can_be_sent_again,
    only_approved_bidders_may_bid_where_approval_is_required,
);

const PASSWORD: &str = "mat-khau-du-dai";

/// A stall with its owner and a published offer. Returns (listing, owner id, owner's cookie).
async fn offer(app: &Router, t: &TestDb) -> (i64, i64, String) {
    reference_data(&t.db).await;
    let (seller, cookie) = member(app, t, "seller@techx.test", PASSWORD, "member").await;
    let stall_id = stall(&t.db, "co-khi-tay-do", "Cơ khí Tây Đô", "approved").await;
    join_stall(&t.db, stall_id, seller, "owner").await;
    let listing = NewListing {
        owner_id: Some(seller),
        stall_id: Some(stall_id),
        price_vnd: Some(120_000_000),
        ..NewListing::offer("may-gat-dap", "Máy gặt đập liên hợp Kubota DC-70")
    }
    .insert(&t.db)
    .await;
    (listing, seller, cookie)
}

/// The form's fields, with a starting price of 120,000,000 running from now for `hours`.
fn auction_form(listing: i64, hours: i64, extra: &[(&str, &str)]) -> String {
    let now = now_ms();
    let mut fields = vec![
        ("listing_id".to_owned(), listing.to_string()),
        ("starting_price".to_owned(), "120.000.000".to_owned()),
        ("step".to_owned(), String::new()),
        ("reserve".to_owned(), String::new()),
        ("buy_now".to_owned(), String::new()),
        ("starts_at".to_owned(), vietnam_datetime_input(now)),
        (
            "ends_at".to_owned(),
            vietnam_datetime_input(now + hours * 3_600_000),
        ),
        ("soft_close_minutes".to_owned(), "3".to_owned()),
        ("deposit".to_owned(), String::new()),
    ];
    for (name, value) in extra {
        match fields.iter_mut().find(|(n, _)| n == name) {
            Some(field) => field.1 = (*value).to_owned(),
            None => fields.push(((*name).to_owned(), (*value).to_owned())),
        }
    }
    fields
        .iter()
        .map(|(n, v)| format!("{n}={}", form_value(v)))
        .collect::<Vec<_>>()
        .join("&")
}

async fn submit(app: &Router, cookie: &str, form: &str) -> Reply {
    post_form(app, "/api/submit_auction", form, Some(cookie), false).await
}

fn ok(reply: &Reply) {
    assert!(
        reply.status.is_success() || reply.status.is_redirection(),
        "{} {}",
        reply.status,
        reply.body
    );
}

fn json(reply: &Reply) -> Value {
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    serde_json::from_str(&reply.body).unwrap()
}

async fn auction_of(t: &TestDb, listing: i64) -> Option<(i64, String)> {
    sqlx::query_as("SELECT id, status FROM auctions WHERE listing_id = $1")
        .bind(listing)
        .fetch_optional(&t.db)
        .await
        .unwrap()
}

async fn decide(app: &Router, cookie: &str, id: i64, decision: &str, reason: &str) -> Reply {
    let seen = crate::support::seen(app, cookie, "auctions", "id", id).await;
    let body = format!(
        "id={id}&seen={seen}&decision={decision}&reason={}",
        form_value(reason)
    );
    post_form(app, "/api/decide_auction", &body, Some(cookie), false).await
}

async fn mails_to(t: &TestDb, to: &str) -> Vec<(String, String)> {
    sqlx::query_as("SELECT subject, body FROM outbox WHERE to_email = $1 ORDER BY id")
        .bind(to)
        .fetch_all(&t.db)
        .await
        .unwrap()
}

async fn a_seller_puts_an_offer_up_and_a_moderator_opens_it(t: TestDb) {
    let site = tempfile::tempdir().unwrap();
    let app = test_router(&t, site.path());
    let (listing, seller, cookie) = offer(&app, &t).await;
    let (_, moderator) = member(&app, &t, "kd@techx.test", PASSWORD, "moderator").await;
    let (_, visitor_member) = member(&app, &t, "an@techx.test", PASSWORD, "member").await;

    // The form suggests the asking price and a start tomorrow.
    let editor = json(
        &get_with(
            &app,
            &format!("/api/get_auction_editor?id={listing}"),
            Some(&cookie),
        )
        .await,
    );
    assert_eq!(editor["form"]["starting_price"], "120.000.000");
    assert!(editor["existing"].is_null());
    assert!(
        editor["form"]["starts_at"]
            .as_str()
            .unwrap()
            .ends_with("T09:00")
    );
    // Nobody else's.
    assert_eq!(
        get_with(
            &app,
            &format!("/api/get_auction_editor?id={listing}"),
            Some(&visitor_member)
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );

    ok(&submit(
        &app,
        &cookie,
        &auction_form(
            listing,
            48,
            &[("reserve", "150.000.000"), ("buy_now", "240.000.000")],
        ),
    )
    .await);
    let (id, status) = auction_of(&t, listing).await.expect("stored");
    assert_eq!(status, "pending");
    let (start, step, reserve, buy_now, seller_id, soft): (i64, i64, Option<i64>, Option<i64>, i64, i64) = sqlx::query_as(
        "SELECT starting_price_vnd, bid_step_vnd, reserve_vnd, buy_now_vnd, seller_id, soft_close_ms FROM auctions WHERE id = $1",
    )
    .bind(id)
    .fetch_one(&t.db)
    .await
    .unwrap();
    assert_eq!(
        (start, step, reserve, buy_now, seller_id, soft),
        (
            120_000_000,
            1_200_000,
            Some(150_000_000),
            Some(240_000_000),
            seller,
            180_000
        )
    );

    // Private until approved: the seller sees it, a visitor does not, and nobody can bid.
    assert_eq!(
        get_with(&app, &format!("/api/get_auction?id={id}"), None)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        json(&get_with(&app, &format!("/api/get_auction?id={id}"), Some(&cookie)).await)["live"]["status"],
        "pending"
    );
    let own = json(&get_with(&app, "/api/get_own_listings", Some(&cookie)).await);
    assert_eq!(
        own["listings"][0]["auction"],
        serde_json::json!([id, "pending"])
    );
    let editor = json(
        &get_with(
            &app,
            &format!("/api/get_auction_editor?id={listing}"),
            Some(&cookie),
        )
        .await,
    );
    assert_eq!(editor["existing"], serde_json::json!([id, "pending"]));

    // The moderators' queue lists it with its rules; only moderators decide.
    let queue = json(&get_with(&app, "/api/get_moderation_queue", Some(&moderator)).await);
    assert_eq!(queue["pending_auctions"], 1);
    assert_eq!(queue["auctions"][0]["id"], id);
    assert_eq!(queue["auctions"][0]["reserve"], 150_000_000);
    assert_eq!(
        queue["auctions"][0]["title"],
        "Máy gặt đập liên hợp Kubota DC-70"
    );
    assert_eq!(
        decide(&app, &cookie, id, "approve", "").await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        decide(&app, &visitor_member, id, "approve", "")
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(auction_of(&t, listing).await.unwrap().1, "pending");

    ok(&decide(&app, &moderator, id, "approve", "").await);
    assert_eq!(auction_of(&t, listing).await.unwrap().1, "approved");
    assert_eq!(
        error_pairs(&decide(&app, &moderator, id, "reject", "Đã duyệt rồi mà").await),
        [("decision".to_owned(), "already_reviewed".to_owned())]
    );
    let mails = mails_to(&t, "seller@techx.test").await;
    let (subject, body) = mails.last().expect("the seller is told");
    assert!(subject.contains("đã được duyệt"), "{subject}");
    assert!(body.contains(&format!("/auctions/{id}")), "{body}");
    let audited: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action IN ('auction_submitted', 'auction_approved') AND subject_id = $1")
        .bind(id)
        .fetch_one(&t.db)
        .await
        .unwrap();
    assert_eq!(audited, 2);

    // Now public, and open for bids from others.
    let page = json(&get_with(&app, &format!("/api/get_auction?id={id}"), None).await);
    assert_eq!(page["live"]["status"], "approved");
    assert_eq!(page["live"]["min_next"], 120_000_000);
    assert_eq!(page["requires_approval"], false);
    let bid = format!("auction_id={id}&kind=quick&max=120000000&key=k1");
    json(&post_form(&app, "/api/place_bid", &bid, Some(&visitor_member), false).await);
    // The HTML form and the moderation page render.
    let html = get_with(
        &app,
        &format!("/account/listings/{listing}/auction"),
        Some(&cookie),
    )
    .await;
    assert!(
        html.body.contains("data-testid=\"auction-exists\""),
        "{}",
        html.body
    );
    let html = get_with(&app, "/account/listings", Some(&cookie)).await;
    assert!(html.body.contains(&format!("href=\"/auctions/{id}\"")));
}

async fn bad_auction_forms_say_why_and_store_nothing(t: TestDb) {
    let site = tempfile::tempdir().unwrap();
    let app = test_router(&t, site.path());
    let (listing, seller, cookie) = offer(&app, &t).await;
    let (_, other) = member(&app, &t, "an@techx.test", PASSWORD, "member").await;
    let pairs = |v: &[(&str, &str)]| {
        v.iter()
            .map(|(f, c)| ((*f).to_owned(), (*c).to_owned()))
            .collect::<Vec<_>>()
    };

    /// Fields changed from a valid form, and the field errors expected.
    type Case<'a> = (&'a [(&'a str, &'a str)], &'a [(&'a str, &'a str)]);
    let cases: &[Case] = &[
        (&[("starting_price", "")], &[("starting_price", "required")]),
        (
            &[("starting_price", "mười triệu")],
            &[("starting_price", "not_a_number")],
        ),
        (&[("step", "500.000.000")], &[("step", "auction_step")]),
        (
            &[("reserve", "150.100.000")],
            &[("reserve", "auction_reserve")],
        ),
        (
            &[("buy_now", "100.000.000")],
            &[("buy_now", "auction_buy_now")],
        ),
        (
            &[("starts_at", "2020-01-01T09:00")],
            &[("starts_at", "date_in_past")],
        ),
        (&[("ends_at", "ngày mai")], &[("ends_at", "invalid_date")]),
        (
            &[("soft_close_minutes", "90")],
            &[("soft_close_minutes", "auction_soft_close")],
        ),
        (&[("requires_approval", "yes")], &[("deposit", "required")]),
        (
            &[("requires_approval", "yes"), ("deposit", "200.000.000")],
            &[("deposit", "auction_deposit")],
        ),
    ];
    for (changes, expected) in cases {
        let reply = submit(&app, &cookie, &auction_form(listing, 48, changes)).await;
        assert_eq!(error_pairs(&reply), pairs(expected), "{changes:?}");
    }
    // Too short: half an hour.
    let reply = submit(&app, &cookie, &auction_form(listing, 0, &[])).await;
    assert_eq!(error_pairs(&reply), pairs(&[("ends_at", "auction_window")]));
    assert_eq!(auction_of(&t, listing).await, None, "nothing stored");

    // A plain form post comes back to the form with the error and what was typed.
    let reply = post_form(
        &app,
        "/api/submit_auction",
        &auction_form(listing, 48, &[("reserve", "150.100.000")]),
        Some(&cookie),
        true,
    )
    .await;
    assert!(reply.status.is_redirection());
    let location = reply.headers[axum::http::header::LOCATION]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(location.contains("__err="), "{location}");

    // Someone else's listing, a request to buy, a listing not yet published.
    assert_eq!(
        submit(&app, &other, &auction_form(listing, 48, &[]))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        submit(&app, "", &auction_form(listing, 48, &[]))
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    let request = NewListing {
        owner_id: Some(seller),
        kind: "request",
        ..NewListing::offer("can-mua", "Cần mua máy sấy")
    }
    .insert(&t.db)
    .await;
    assert_eq!(
        submit(&app, &cookie, &auction_form(request, 48, &[]))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let draft = NewListing {
        owner_id: Some(seller),
        status: "pending",
        ..NewListing::offer("may-say", "Máy sấy lúa")
    }
    .insert(&t.db)
    .await;
    assert_eq!(
        error_pairs(&submit(&app, &cookie, &auction_form(draft, 48, &[])).await),
        pairs(&[("listing_id", "listing_not_open")])
    );

    // One auction per offer.
    ok(&submit(&app, &cookie, &auction_form(listing, 48, &[])).await);
    assert_eq!(
        error_pairs(&submit(&app, &cookie, &auction_form(listing, 72, &[])).await),
        pairs(&[("listing_id", "auction_exists")])
    );
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM auctions")
        .fetch_one(&t.db)
        .await
        .unwrap();
    assert_eq!(count, 1);
}

async fn a_refused_auction_can_be_sent_again(t: TestDb) {
    let site = tempfile::tempdir().unwrap();
    let app = test_router(&t, site.path());
    let (listing, _, cookie) = offer(&app, &t).await;
    let (_, moderator) = member(&app, &t, "kd@techx.test", PASSWORD, "moderator").await;
    ok(&submit(
        &app,
        &cookie,
        &auction_form(listing, 48, &[("step", "5.000.000")]),
    )
    .await);
    let (id, _) = auction_of(&t, listing).await.unwrap();

    assert_eq!(
        error_pairs(&decide(&app, &moderator, id, "reject", "").await),
        [("reason".to_owned(), "required".to_owned())]
    );
    assert_eq!(
        error_pairs(&decide(&app, &moderator, id, "maybe", "").await),
        [("decision".to_owned(), "invalid_choice".to_owned())]
    );
    let reason = "Bước giá 5 triệu quá lớn so với giá khởi điểm.";
    ok(&decide(&app, &moderator, id, "reject", reason).await);
    assert_eq!(auction_of(&t, listing).await.unwrap().1, "cancelled");
    let mails = mails_to(&t, "seller@techx.test").await;
    assert!(mails.last().unwrap().1.contains(reason));

    // The form comes back with the refused rules and why.
    let editor = json(
        &get_with(
            &app,
            &format!("/api/get_auction_editor?id={listing}"),
            Some(&cookie),
        )
        .await,
    );
    assert_eq!(editor["rejection_reason"], reason);
    assert_eq!(editor["form"]["step"], "5.000.000");
    assert!(editor["existing"].is_null());
    let own = json(&get_with(&app, "/api/get_own_listings", Some(&cookie)).await);
    assert_eq!(
        own["listings"][0]["auction"],
        serde_json::json!([id, "cancelled"])
    );

    // Sent again: the same auction, pending with the new rules.
    ok(&submit(
        &app,
        &cookie,
        &auction_form(listing, 48, &[("step", "1.000.000")]),
    )
    .await);
    let (again, status) = auction_of(&t, listing).await.unwrap();
    assert_eq!((again, status.as_str()), (id, "pending"));
    let (step, reason): (i64, Option<String>) =
        sqlx::query_as("SELECT bid_step_vnd, rejection_reason FROM auctions WHERE id = $1")
            .bind(id)
            .fetch_one(&t.db)
            .await
            .unwrap();
    assert_eq!((step, reason), (1_000_000, None));
}

async fn only_approved_bidders_may_bid_where_approval_is_required(t: TestDb) {
    let site = tempfile::tempdir().unwrap();
    let app = test_router(&t, site.path());
    let (listing, _, seller) = offer(&app, &t).await;
    let (_, moderator) = member(&app, &t, "kd@techx.test", PASSWORD, "moderator").await;
    let (an_id, an) = member(&app, &t, "an@techx.test", PASSWORD, "member").await;
    let (binh_id, binh) = member(&app, &t, "binh@techx.test", PASSWORD, "member").await;
    ok(&submit(
        &app,
        &seller,
        &auction_form(
            listing,
            48,
            &[("requires_approval", "yes"), ("deposit", "12.000.000")],
        ),
    )
    .await);
    let (id, _) = auction_of(&t, listing).await.unwrap();
    ok(&decide(&app, &moderator, id, "approve", "").await);
    let bid = |key: &str| format!("auction_id={id}&kind=quick&max=120000000&key={key}");
    let register = |form: &str| format!("auction_id={id}&{form}");

    let page = json(&get_with(&app, &format!("/api/get_auction?id={id}"), Some(&an)).await);
    assert_eq!(page["requires_approval"], true);
    assert_eq!(page["deposit"], 12_000_000);
    assert!(page["viewer"]["registration"].is_null());
    let refused = post_form(&app, "/api/place_bid", &bid("k1"), Some(&an), false).await;
    assert_eq!(
        error_pairs(&refused),
        [("max".to_owned(), "bid_not_registered".to_owned())]
    );

    // Registration: its fields are checked; the seller's side cannot register.
    let reply = post_form(
        &app,
        "/api/register_bidder",
        &register("deposit_ref=&phone=12"),
        Some(&an),
        false,
    )
    .await;
    assert_eq!(
        error_pairs(&reply),
        [
            ("deposit_ref".to_owned(), "required".to_owned()),
            ("phone".to_owned(), "too_short".to_owned())
        ]
    );
    let reply = post_form(
        &app,
        "/api/register_bidder",
        &register("deposit_ref=VCB123456&phone=0901234567"),
        Some(&seller),
        false,
    )
    .await;
    assert_eq!(
        error_pairs(&reply),
        [("deposit_ref".to_owned(), "bid_own_auction".to_owned())]
    );
    assert_eq!(
        post_form(
            &app,
            "/api/register_bidder",
            &register("deposit_ref=VCB123456&phone=0901234567"),
            None,
            false
        )
        .await
        .status,
        StatusCode::UNAUTHORIZED
    );
    ok(&post_form(
        &app,
        "/api/register_bidder",
        &register("deposit_ref=VCB123456&phone=0901234567"),
        Some(&an),
        false,
    )
    .await);
    ok(&post_form(
        &app,
        "/api/register_bidder",
        &register("deposit_ref=ACB-77&phone=0912345678"),
        Some(&binh),
        false,
    )
    .await);
    let page = json(&get_with(&app, &format!("/api/get_auction?id={id}"), Some(&an)).await);
    assert_eq!(page["viewer"]["registration"], "pending");
    // Waiting is not enough.
    let refused = post_form(&app, "/api/place_bid", &bid("k2"), Some(&an), false).await;
    assert_eq!(
        error_pairs(&refused),
        [("max".to_owned(), "bid_not_registered".to_owned())]
    );
    let actions: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM auction_actions")
        .fetch_one(&t.db)
        .await
        .unwrap();
    assert_eq!(actions, 0, "refusals change nothing");

    // The moderators see both registrations; only they decide.
    let queue = json(&get_with(&app, "/api/get_moderation_queue", Some(&moderator)).await);
    assert_eq!(queue["pending_bidders"], 2);
    assert_eq!(queue["bidders"][0]["deposit_ref"], "VCB123456");
    assert_eq!(queue["bidders"][0]["deposit"], 12_000_000);
    let seen_an = crate::support::seen(&app, &moderator, "bidders", "user_id", an_id).await;
    let seen_binh = crate::support::seen(&app, &moderator, "bidders", "user_id", binh_id).await;
    let decide_bidder = |user: i64, decision: &str, reason: &str| {
        let seen = if user == an_id { &seen_an } else { &seen_binh };
        format!(
            "auction_id={id}&user_id={user}&seen={seen}&decision={decision}&reason={}",
            form_value(reason)
        )
    };
    assert_eq!(
        post_form(
            &app,
            "/api/decide_bidder",
            &decide_bidder(an_id, "approve", ""),
            Some(&an),
            false
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
    ok(&post_form(
        &app,
        "/api/decide_bidder",
        &decide_bidder(an_id, "approve", ""),
        Some(&moderator),
        false,
    )
    .await);
    let reason = "Không tìm thấy giao dịch ACB-77 trong sao kê.";
    ok(&post_form(
        &app,
        "/api/decide_bidder",
        &decide_bidder(binh_id, "reject", reason),
        Some(&moderator),
        false,
    )
    .await);
    assert!(
        mails_to(&t, "an@techx.test")
            .await
            .last()
            .unwrap()
            .0
            .contains("được duyệt")
    );
    assert!(
        mails_to(&t, "binh@techx.test")
            .await
            .last()
            .unwrap()
            .1
            .contains(reason)
    );

    // The approved bidder bids; the refused one still cannot, sees why, and may register again.
    let accepted = json(&post_form(&app, "/api/place_bid", &bid("k3"), Some(&an), false).await);
    assert_eq!(accepted["viewer"]["standing"], "leading");
    assert_eq!(accepted["viewer"]["registration"], "approved");
    let refused = post_form(
        &app,
        "/api/place_bid",
        &format!("auction_id={id}&kind=quick&max=121200000&key=k4"),
        Some(&binh),
        false,
    )
    .await;
    assert_eq!(
        error_pairs(&refused),
        [("max".to_owned(), "bid_not_registered".to_owned())]
    );
    let page = json(&get_with(&app, &format!("/api/get_auction?id={id}"), Some(&binh)).await);
    assert_eq!(page["viewer"]["registration"], "refused");
    assert_eq!(page["viewer"]["refusal_reason"], reason);
    let html = get_with(&app, &format!("/auctions/{id}"), Some(&binh)).await;
    assert!(
        html.body.contains("data-testid=\"registration-refused\""),
        "{}",
        html.body
    );
    assert!(html.body.contains("data-testid=\"register-form\""));
    ok(&post_form(
        &app,
        "/api/register_bidder",
        &register("deposit_ref=ACB-78&phone=0912345678"),
        Some(&binh),
        false,
    )
    .await);
    let page = json(&get_with(&app, &format!("/api/get_auction?id={id}"), Some(&binh)).await);
    assert_eq!(page["viewer"]["registration"], "pending");
    // Registering again while waiting or approved changes nothing.
    ok(&post_form(
        &app,
        "/api/register_bidder",
        &register("deposit_ref=KHAC&phone=0901234567"),
        Some(&an),
        false,
    )
    .await);
    let status: String = sqlx::query_scalar(
        "SELECT status FROM auction_bidders WHERE auction_id = $1 AND user_id = $2",
    )
    .bind(id)
    .bind(an_id)
    .fetch_one(&t.db)
    .await
    .unwrap();
    assert_eq!(status, "approved");
}
