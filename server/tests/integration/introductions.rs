//! Introductions from a match: asked with a message, accepted (contact details and a
//! conversation) or declined with a reason, moved on to met, deal or no deal by either side; the
//! deal's outcome recorded by one party and confirmed by the other before it counts in the public
//! figures on `/connect`.

use axum::Router;
use axum::http::StatusCode;

use crate::on_both_databases;
use crate::support::{
    NewListing, TestDb, auction, error_pairs, get_with, member, post_form, reference_data,
};

on_both_databases!(
    an_introduction_is_asked_accepted_and_ends_in_a_confirmed_deal,
    bad_introductions_are_refused_and_nothing_is_stored,
    a_sold_auction_records_its_deal_and_counts_once_confirmed,
);

fn app(t: &TestDb) -> Router {
    crate::support::test_router(t, &std::env::temp_dir())
}

fn json(reply: &crate::support::Reply) -> serde_json::Value {
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    serde_json::from_str(&reply.body).unwrap()
}

async fn count(t: &TestDb, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(&t.db).await.unwrap()
}

/// A buyer's request and a seller's offer that fit it; returns (request, offer).
async fn pair(t: &TestDb, buyer: i64, seller: i64) -> (i64, i64) {
    let request = NewListing {
        kind: "request",
        owner_id: Some(buyer),
        ..NewListing::offer("can-bom", "Cần mua máy bơm nước ly tâm 3 HP")
    }
    .insert(&t.db)
    .await;
    let offer = NewListing {
        owner_id: Some(seller),
        ..NewListing::offer("bom-pentax", "Máy bơm nước ly tâm 3 HP Pentax")
    }
    .insert(&t.db)
    .await;
    sqlx::query("UPDATE listings SET seller_phone = '0292 3812 345' WHERE id = $1")
        .bind(offer)
        .execute(&t.db)
        .await
        .unwrap();
    (request, offer)
}

fn ask_form(listing: i64, other: i64, message: &str) -> String {
    format!(
        "listing_id={listing}&match_id={other}&message={}",
        crate::support::form_value(message)
    )
}

async fn an_introduction_is_asked_accepted_and_ends_in_a_confirmed_deal(t: TestDb) {
    reference_data(&t.db).await;
    let app = app(&t);
    let (buyer_id, buyer) =
        member(&app, &t, "htx@techx.test", "mật khẩu hợp tác xã", "member").await;
    let (seller_id, seller) =
        member(&app, &t, "bom@techx.test", "mật khẩu của bơm", "member").await;
    let (request, offer) = pair(&t, buyer_id, seller_id).await;

    let message = "Hợp tác xã cần 12 máy cho vụ hè thu, giao tại Cờ Đỏ.";
    let reply = post_form(
        &app,
        "/api/ask_introduction",
        &ask_form(request, offer, message),
        Some(&buyer),
        true,
    )
    .await;
    assert!(reply.status.is_redirection(), "{}", reply.body);
    assert_eq!(
        reply.headers[axum::http::header::LOCATION],
        "/account/introductions"
    );
    let kinds: Vec<String> =
        sqlx::query_scalar("SELECT kind FROM outbox WHERE to_email = 'bom@techx.test'")
            .fetch_all(&t.db)
            .await
            .unwrap();
    assert!(
        kinds.contains(&"introduction_asked".to_owned()),
        "{kinds:?}"
    );

    // The seller sees it, without the buyer's contact details yet, and may not mark it met.
    let theirs = json(&get_with(&app, "/api/get_introductions", Some(&seller)).await);
    let intro = &theirs[0];
    let id = intro["id"].as_i64().unwrap();
    assert_eq!(intro["status"], "requested");
    assert_eq!(intro["asked_by_me"], false);
    assert_eq!(intro["message"], message);
    assert!(intro["other_email"].is_null());
    let act = |action: &str| format!("id={id}&action={action}");
    assert_eq!(
        error_pairs(
            &post_form(
                &app,
                "/api/move_introduction",
                &act("met"),
                Some(&seller),
                false
            )
            .await
        ),
        [("action".to_owned(), "introduction_not_now".to_owned())]
    );
    // Only the side asked answers.
    assert_eq!(
        error_pairs(
            &post_form(
                &app,
                "/api/move_introduction",
                &act("accept"),
                Some(&buyer),
                false
            )
            .await
        ),
        [("action".to_owned(), "introduction_not_now".to_owned())]
    );
    let (_, stranger) = member(&app, &t, "la@techx.test", "mật khẩu người lạ", "member").await;
    assert_eq!(
        post_form(
            &app,
            "/api/move_introduction",
            &act("accept"),
            Some(&stranger),
            false
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
    assert!(
        post_form(
            &app,
            "/api/move_introduction",
            &act("accept"),
            Some(&seller),
            true
        )
        .await
        .status
        .is_redirection()
    );

    // Connected: each sees the other's contact details, and the message opens their conversation.
    let mine = json(&get_with(&app, "/api/get_introductions", Some(&buyer)).await);
    assert_eq!(mine[0]["status"], "accepted");
    assert_eq!(mine[0]["other_email"], "bom@techx.test");
    assert_eq!(mine[0]["other_phone"], "0292 3812 345");
    let conversation = mine[0]["conversation_id"].as_i64().expect("a conversation");
    let page = get_with(
        &app,
        &format!("/account/inquiries/{conversation}"),
        Some(&seller),
    )
    .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("vụ hè thu"),
        "the message opens the conversation"
    );
    let theirs = json(&get_with(&app, "/api/get_introductions", Some(&seller)).await);
    assert_eq!(theirs[0]["other_email"], "htx@techx.test");

    // Either side moves it on.
    assert!(
        post_form(
            &app,
            "/api/move_introduction",
            &act("met"),
            Some(&buyer),
            true
        )
        .await
        .status
        .is_redirection()
    );
    assert!(
        post_form(
            &app,
            "/api/move_introduction",
            &act("deal"),
            Some(&seller),
            true
        )
        .await
        .status
        .is_redirection()
    );

    // The deal's outcome: bad values refused beside their fields, nothing stored.
    let deal = |value: &str, date: &str| {
        format!(
            "id={id}&kind=purchase&value={}&date={date}&named=1",
            crate::support::form_value(value)
        )
    };
    assert_eq!(
        error_pairs(
            &post_form(
                &app,
                "/api/record_deal",
                &deal("-3", "2026-11-30"),
                Some(&buyer),
                false
            )
            .await
        ),
        [("value".to_owned(), "deal_value".to_owned())]
    );
    assert_eq!(
        error_pairs(
            &post_form(
                &app,
                "/api/record_deal",
                &deal("540.000.000", "2999-01-01"),
                Some(&buyer),
                false
            )
            .await
        ),
        [("date".to_owned(), "deal_in_future".to_owned())]
    );
    assert_eq!(count(&t, "SELECT COUNT(*) FROM deal_outcomes").await, 0);
    assert!(
        post_form(
            &app,
            "/api/record_deal",
            &deal("540.000.000", "2026-11-30"),
            Some(&buyer),
            true
        )
        .await
        .status
        .is_redirection()
    );
    assert_eq!(
        error_pairs(
            &post_form(
                &app,
                "/api/record_deal",
                &deal("1.000.000", "2026-11-30"),
                Some(&seller),
                false
            )
            .await
        ),
        [("kind".to_owned(), "introduction_not_now".to_owned())],
        "one outcome per introduction"
    );

    // Not counted until the other party confirms.
    let figures = |app: Router| async move {
        json(&get_with(&app, "/api/get_connect_feed?sector=&province=&page=1", None).await)["figures"].clone()
    };
    let before = figures(app.clone()).await;
    assert_eq!(before["connections"], 1);
    assert_eq!(before["deals"], 0);
    let outcome =
        json(&get_with(&app, "/api/get_introductions", Some(&seller)).await)[0]["deal"].clone();
    assert_eq!(outcome["recorded_by_me"], false);
    assert_eq!(outcome["confirmed"], false);
    let deal_id = outcome["id"].as_i64().unwrap();
    assert_eq!(
        error_pairs(
            &post_form(
                &app,
                "/api/confirm_deal",
                &format!("deal={deal_id}"),
                Some(&buyer),
                false
            )
            .await
        ),
        [("deal".to_owned(), "introduction_not_now".to_owned())],
        "the recorder does not confirm their own"
    );
    assert!(
        post_form(
            &app,
            "/api/confirm_deal",
            &format!("deal={deal_id}"),
            Some(&seller),
            true
        )
        .await
        .status
        .is_redirection()
    );
    let after = figures(app.clone()).await;
    assert_eq!(after["deals"], 1);
    assert_eq!(after["value"], 540_000_000);
    assert_eq!(after["by_sector"][0]["key"], "co-khi");
    assert_eq!(after["by_province"][0]["key"], "can-tho");
    assert_eq!(after["by_year"][0]["key"], "2026");
    let page = get_with(&app, "/connect", None).await;
    assert!(
        page.body.contains("data-testid=\"figure-deals\""),
        "the figures are on /connect"
    );
    assert!(!page.body.contains("htx@techx.test") && !page.body.contains("bom@techx.test"));
}

async fn bad_introductions_are_refused_and_nothing_is_stored(t: TestDb) {
    reference_data(&t.db).await;
    let app = app(&t);
    let (buyer_id, buyer) =
        member(&app, &t, "htx@techx.test", "mật khẩu hợp tác xã", "member").await;
    let (seller_id, _) = member(&app, &t, "bom@techx.test", "mật khẩu của bơm", "member").await;
    let (request, offer) = pair(&t, buyer_id, seller_id).await;
    let message = "Hợp tác xã cần 12 máy cho vụ hè thu.";
    let refused = |reply: crate::support::Reply| error_pairs(&reply);

    assert_eq!(
        refused(
            post_form(
                &app,
                "/api/ask_introduction",
                &ask_form(request, offer, "ngắn"),
                Some(&buyer),
                false
            )
            .await
        ),
        [("message".to_owned(), "too_short".to_owned())]
    );
    // To oneself: a second listing of the buyer's own.
    let own_offer = NewListing {
        owner_id: Some(buyer_id),
        ..NewListing::offer("bom-cua-htx", "Máy bơm cũ của hợp tác xã")
    }
    .insert(&t.db)
    .await;
    assert_eq!(
        refused(
            post_form(
                &app,
                "/api/ask_introduction",
                &ask_form(request, own_offer, message),
                Some(&buyer),
                false
            )
            .await
        ),
        [("match_id".to_owned(), "introduction_self".to_owned())]
    );
    // To a listing no member stands behind; a stall's listing reaches the stall's owner.
    let nobody = NewListing::offer("bom-khong-chu", "Máy bơm không người nhận")
        .insert(&t.db)
        .await;
    assert_eq!(
        refused(
            post_form(
                &app,
                "/api/ask_introduction",
                &ask_form(request, nobody, message),
                Some(&buyer),
                false
            )
            .await
        ),
        [("match_id".to_owned(), "introduction_no_one".to_owned())]
    );
    let stall = crate::support::stall(&t.db, "bom-tay-do", "Bơm Tây Đô", "approved").await;
    crate::support::join_stall(&t.db, stall, seller_id, "owner").await;
    let of_stall = NewListing {
        stall_id: Some(stall),
        ..NewListing::offer("bom-gian-hang", "Máy bơm của gian hàng")
    }
    .insert(&t.db)
    .await;
    assert!(
        post_form(
            &app,
            "/api/ask_introduction",
            &ask_form(request, of_stall, message),
            Some(&buyer),
            true
        )
        .await
        .status
        .is_redirection()
    );
    let to: i64 = sqlx::query_scalar("SELECT to_user FROM introductions WHERE offer_id = $1")
        .bind(of_stall)
        .fetch_one(&t.db)
        .await
        .unwrap();
    assert_eq!(to, seller_id);
    sqlx::query("DELETE FROM introductions")
        .execute(&t.db)
        .await
        .unwrap();
    // To a listing not published.
    let pending = NewListing {
        status: "pending",
        owner_id: Some(seller_id),
        ..NewListing::offer("bom-cho-duyet", "Máy bơm chờ duyệt")
    }
    .insert(&t.db)
    .await;
    assert_eq!(
        refused(
            post_form(
                &app,
                "/api/ask_introduction",
                &ask_form(request, pending, message),
                Some(&buyer),
                false
            )
            .await
        ),
        [(
            "match_id".to_owned(),
            "introduction_not_published".to_owned()
        )]
    );
    // From a listing not theirs.
    assert_eq!(
        post_form(
            &app,
            "/api/ask_introduction",
            &ask_form(offer, request, message),
            Some(&buyer),
            false
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(count(&t, "SELECT COUNT(*) FROM introductions").await, 0);

    // Twice for one pair.
    assert!(
        post_form(
            &app,
            "/api/ask_introduction",
            &ask_form(request, offer, message),
            Some(&buyer),
            true
        )
        .await
        .status
        .is_redirection()
    );
    assert_eq!(
        refused(
            post_form(
                &app,
                "/api/ask_introduction",
                &ask_form(request, offer, message),
                Some(&buyer),
                false
            )
            .await
        ),
        [("match_id".to_owned(), "introduction_exists".to_owned())]
    );
    // At most 20 a day.
    for n in 0..19 {
        let other = NewListing {
            owner_id: Some(seller_id),
            ..NewListing::offer(&format!("bom-{n}"), "Máy bơm nước")
        }
        .insert(&t.db)
        .await;
        assert!(
            post_form(
                &app,
                "/api/ask_introduction",
                &ask_form(request, other, message),
                Some(&buyer),
                true
            )
            .await
            .status
            .is_redirection(),
            "{n}"
        );
    }
    let one_more = NewListing {
        owner_id: Some(seller_id),
        ..NewListing::offer("bom-21", "Máy bơm nước")
    }
    .insert(&t.db)
    .await;
    assert_eq!(
        refused(
            post_form(
                &app,
                "/api/ask_introduction",
                &ask_form(request, one_more, message),
                Some(&buyer),
                false
            )
            .await
        ),
        [("message".to_owned(), "too_many_introductions".to_owned())]
    );
    assert_eq!(count(&t, "SELECT COUNT(*) FROM introductions").await, 20);
    // A decline needs a reason.
    let id: i64 = sqlx::query_scalar("SELECT MIN(id) FROM introductions")
        .fetch_one(&t.db)
        .await
        .unwrap();
    let seller = crate::support::session_cookie(
        &crate::support::log_in(&app, "bom@techx.test", "mật khẩu của bơm").await,
    );
    assert_eq!(
        refused(
            post_form(
                &app,
                "/api/move_introduction",
                &format!("id={id}&action=decline"),
                Some(&seller),
                false
            )
            .await
        ),
        [("reason".to_owned(), "required".to_owned())]
    );
    assert!(
        post_form(
            &app,
            "/api/move_introduction",
            &format!("id={id}&action=decline&reason=price"),
            Some(&seller),
            true
        )
        .await
        .status
        .is_redirection()
    );
    let theirs = json(&get_with(&app, "/api/get_introductions", Some(&buyer)).await);
    let declined = theirs
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == id)
        .unwrap();
    assert_eq!(declined["status"], "declined");
    assert_eq!(declined["decline_reason"], "price");
    assert!(
        declined["other_email"].is_null(),
        "declined: no contact details"
    );
}

async fn a_sold_auction_records_its_deal_and_counts_once_confirmed(t: TestDb) {
    reference_data(&t.db).await;
    let app = app(&t);
    let (seller_id, seller) =
        member(&app, &t, "bom@techx.test", "mật khẩu của bơm", "member").await;
    let (winner_id, winner) =
        member(&app, &t, "htx@techx.test", "mật khẩu hợp tác xã", "member").await;
    let (_, stranger) = member(&app, &t, "la@techx.test", "mật khẩu người lạ", "member").await;
    let listing = NewListing {
        owner_id: Some(seller_id),
        status: "closed",
        ..NewListing::offer("may-cay", "Máy cày Kubota L4508")
    }
    .insert(&t.db)
    .await;
    let sold = auction(&t.db, listing, 1, 2, "closed").await;
    sqlx::query(
        "UPDATE auctions SET seller_id = $1, winner_id = $2, sold_price_vnd = 310000000, closed_at = 2
         WHERE id = $3",
    )
    .bind(seller_id)
    .bind(winner_id)
    .bind(sold)
    .execute(&t.db)
    .await
    .unwrap();

    // Both parties see it; nobody else does.
    let mine = json(&get_with(&app, "/api/get_auction_deals", Some(&winner)).await);
    assert_eq!(mine[0]["auction_id"], sold);
    assert_eq!(mine[0]["sold_by_me"], false);
    assert_eq!(mine[0]["sold_price"], 310_000_000);
    assert!(mine[0]["deal"].is_null());
    assert_eq!(
        json(&get_with(&app, "/api/get_auction_deals", Some(&stranger)).await),
        serde_json::json!([])
    );
    let form = |value: &str, date: &str| {
        format!("auction={sold}&kind=purchase&value={value}&date={date}&named=1")
    };
    let reply = post_form(
        &app,
        "/api/record_auction_deal",
        &form("300000000", "2026-01-05"),
        Some(&stranger),
        false,
    )
    .await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    assert_eq!(
        error_pairs(
            &post_form(
                &app,
                "/api/record_auction_deal",
                &form("0", "2999-01-01"),
                Some(&winner),
                false
            )
            .await
        ),
        [
            ("value".to_owned(), "deal_value".to_owned()),
            ("date".to_owned(), "deal_in_future".to_owned())
        ]
    );
    assert_eq!(count(&t, "SELECT COUNT(*) FROM deal_outcomes").await, 0);

    // The winner records what was paid in the end; the seller confirms it.
    let reply = post_form(
        &app,
        "/api/record_auction_deal",
        &form("300000000", "2026-01-05"),
        Some(&winner),
        true,
    )
    .await;
    assert!(reply.status.is_redirection(), "{}", reply.body);
    assert_eq!(
        error_pairs(
            &post_form(
                &app,
                "/api/record_auction_deal",
                &form("1", "2026-01-05"),
                Some(&seller),
                false
            )
            .await
        ),
        [("kind".to_owned(), "introduction_not_now".to_owned())],
        "one outcome per auction"
    );
    let page = get_with(&app, "/account/introductions", Some(&seller)).await;
    assert!(
        page.body.contains(r#"data-testid="auction-deal""#),
        "{}",
        page.body
    );
    assert!(page.body.contains(r#"data-testid="confirm-deal""#));
    let deal =
        json(&get_with(&app, "/api/get_auction_deals", Some(&seller)).await)[0]["deal"].clone();
    assert_eq!(deal["value"], 300_000_000);
    assert_eq!(deal["recorded_by_me"], false);
    let reply = post_form(
        &app,
        "/api/confirm_deal",
        &format!("deal={}", deal["id"]),
        Some(&seller),
        true,
    )
    .await;
    assert!(reply.status.is_redirection());
    let figures = json(
        &get_with(&app, "/api/get_connect_feed?sector=&province=&page=1", None).await,
    )["figures"]
        .clone();
    assert_eq!(figures["deals"], 1);
    assert_eq!(figures["value"], 300_000_000);
}
