//! Supply meets demand: the offers that fit a request (and the buyers for an offer), with their
//! reasons, on the listing's page and at `/connect`; members hide the ones that do not fit.

use app::db::matching;
use axum::Router;
use axum::http::StatusCode;

use crate::on_both_databases;
use crate::support::{
    NewListing, TestDb, error_pairs, get_with, member, post_form, reference_data, stall,
};

on_both_databases!(
    a_request_finds_the_offers_that_fit_with_reasons,
    an_offer_finds_its_buyers_and_the_page_shows_both,
    a_member_hides_a_match_and_it_stays_hidden,
    the_connect_feed_pairs_fresh_requests_with_offers,
    members_pool_their_demand_on_a_request,
);

fn app(t: &TestDb) -> Router {
    crate::support::test_router(t, &std::env::temp_dir())
}

/// Sets a listing's sector, province, type and money.
async fn place(t: &TestDb, id: i64, sector: &str, province: &str, price: Option<i64>) {
    sqlx::query(
        "UPDATE listings SET sector_code = $1, province_code = $2, price_vnd = $3, \
         budget_max_vnd = CASE WHEN kind = 'request' THEN $3 ELSE NULL END WHERE id = $4",
    )
    .bind(sector)
    .bind(province)
    .bind(price)
    .bind(id)
    .execute(&t.db)
    .await
    .unwrap();
}

/// A request for a 3 HP pump in Cần Thơ with a budget of 10 million, and offers around it.
async fn pumps(t: &TestDb) -> (i64, [i64; 4]) {
    reference_data(&t.db).await;
    let request = NewListing {
        kind: "request",
        ..NewListing::offer("can-bom", "Cần mua máy bơm nước ly tâm 3 HP")
    }
    .insert(&t.db)
    .await;
    place(t, request, "nong-nghiep", "can-tho", Some(10_000_000)).await;
    let s = stall(&t.db, "bom-tay-do", "Bơm Tây Đô", "approved").await;
    let near = NewListing {
        stall_id: Some(s),
        ..NewListing::offer("bom-near", "Máy bơm nước ly tâm 3 HP Pentax")
    }
    .insert(&t.db)
    .await;
    place(t, near, "nong-nghiep", "hau-giang", Some(8_000_000)).await;
    let dear = NewListing::offer("bom-dear", "Máy bơm nước ly tâm 3 HP Ebara")
        .insert(&t.db)
        .await;
    place(t, dear, "nong-nghiep", "ca-mau", Some(16_000_000)).await;
    let other = NewListing::offer("kinh", "Kính hiển vi sinh học")
        .insert(&t.db)
        .await;
    place(t, other, "y-te", "can-tho", Some(5_000_000)).await;
    let pending = NewListing {
        status: "pending",
        ..NewListing::offer("bom-pending", "Máy bơm nước ly tâm 3 HP")
    }
    .insert(&t.db)
    .await;
    place(t, pending, "nong-nghiep", "can-tho", Some(9_000_000)).await;
    (request, [near, dear, other, pending])
}

async fn a_request_finds_the_offers_that_fit_with_reasons(t: TestDb) {
    let (request, [near, dear, _, _]) = pumps(&t).await;
    let found = matching::matches_for(&t.db, request, 10).await.unwrap();
    let ids: Vec<i64> = found.iter().map(|m| m.listing.id).collect();
    assert_eq!(
        ids,
        [near, dear],
        "fitting offers best first; unrelated and unpublished ones left out"
    );
    let codes =
        |i: usize| -> Vec<&str> { found[i].reasons.iter().map(|r| r.code.as_str()).collect() };
    for code in ["sector", "type", "words", "budget", "near"] {
        assert!(codes(0).contains(&code), "{code}: {:?}", codes(0));
    }
    let over = found[1]
        .reasons
        .iter()
        .find(|r| r.code == "over_budget")
        .expect("the dear one says how far over");
    assert_eq!(over.detail, "60");
    for m in &found {
        let sum: f64 = m.reasons.iter().map(|r| r.weight).sum();
        assert!(
            (m.score - sum).abs() < 0.05,
            "the score is its reasons' sum"
        );
    }
    // An unpublished listing has no matches.
    let pending_request = NewListing {
        kind: "request",
        status: "pending",
        ..NewListing::offer("can-bom-2", "Cần mua máy bơm nước")
    }
    .insert(&t.db)
    .await;
    assert!(
        matching::matches_for(&t.db, pending_request, 10)
            .await
            .unwrap()
            .is_empty()
    );
}

async fn an_offer_finds_its_buyers_and_the_page_shows_both(t: TestDb) {
    let (request, [near, ..]) = pumps(&t).await;
    let buyers = matching::matches_for(&t.db, near, 10).await.unwrap();
    assert_eq!(
        buyers.iter().map(|m| m.listing.id).collect::<Vec<_>>(),
        [request]
    );
    let app = app(&t);
    let page = get_with(&app, "/listings/can-bom", None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Sản phẩm phù hợp với yêu cầu này"));
    assert!(page.body.contains("/listings/bom-near"));
    assert!(page.body.contains("Trong ngân sách"), "reasons in words");
    assert!(page.body.contains("data-reason=\"over_budget\""));
    assert!(!page.body.contains("/listings/kinh\""));
    assert!(
        !page.body.contains("/api/hide_match"),
        "visitors cannot hide matches"
    );
    let offer = get_with(&app, "/listings/bom-near", None).await;
    assert!(offer.body.contains("Người mua đang tìm sản phẩm này"));
    assert!(offer.body.contains("/listings/can-bom"));
    // The matches a page showed are remembered until the catalogue changes: a new offer that
    // fits shows at once.
    let new = NewListing::offer("bom-new", "Máy bơm nước ly tâm 3 HP Tsurumi")
        .insert(&t.db)
        .await;
    place(&t, new, "nong-nghiep", "can-tho", Some(9_000_000)).await;
    let page = get_with(&app, "/listings/can-bom", None).await;
    assert!(page.body.contains("/listings/bom-new"), "{}", page.body);
}

async fn a_member_hides_a_match_and_it_stays_hidden(t: TestDb) {
    let (request, [_, dear, _, pending]) = pumps(&t).await;
    let app = app(&t);
    let (_, cookie) = member(&app, &t, "an@cantho.vn", "mật khẩu của An", "member").await;
    let page = get_with(&app, "/listings/can-bom", Some(&cookie)).await;
    assert!(page.body.contains("/api/hide_match"));
    // Bad input: an unknown reason, a listing that is not a match's kind or not published.
    let form = |m: i64, reason: &str| format!("listing_id={request}&match_id={m}&reason={reason}");
    let reply = post_form(
        &app,
        "/api/hide_match",
        &form(dear, "ugly"),
        Some(&cookie),
        false,
    )
    .await;
    assert_eq!(
        error_pairs(&reply),
        [("reason".to_owned(), "invalid_choice".to_owned())]
    );
    for m in [pending, request] {
        let reply = post_form(
            &app,
            "/api/hide_match",
            &form(m, "not_relevant"),
            Some(&cookie),
            false,
        )
        .await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "{m}");
    }
    let visitor = post_form(&app, "/api/hide_match", &form(dear, "price"), None, false).await;
    assert_eq!(visitor.status, StatusCode::UNAUTHORIZED);
    let hidden: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM hidden_matches")
        .fetch_one(&t.db)
        .await
        .unwrap();
    assert_eq!(hidden, 0, "nothing stored");

    let reply = post_form(
        &app,
        "/api/hide_match",
        &form(dear, "price"),
        Some(&cookie),
        true,
    )
    .await;
    assert!(reply.status.is_redirection(), "{}", reply.body);
    assert_eq!(
        reply.headers[axum::http::header::LOCATION],
        "/listings/can-bom"
    );
    let page = get_with(&app, "/listings/can-bom", Some(&cookie)).await;
    assert!(!page.body.contains("/listings/bom-dear"), "hidden for them");
    assert!(page.body.contains("/listings/bom-near"));
    let again = get_with(&app, "/listings/can-bom", Some(&cookie)).await;
    assert!(
        !again.body.contains("/listings/bom-dear"),
        "and it stays hidden"
    );
    let visitor_page = get_with(&app, "/listings/can-bom", None).await;
    assert!(
        visitor_page.body.contains("/listings/bom-dear"),
        "for them only"
    );
}

async fn the_connect_feed_pairs_fresh_requests_with_offers(t: TestDb) {
    pumps(&t).await;
    let lonely = NewListing {
        kind: "request",
        created_at: 5,
        ..NewListing::offer("can-kinh", "Cần mua kính thiên văn")
    }
    .insert(&t.db)
    .await;
    place(&t, lonely, "y-te", "ca-mau", None).await;
    let app = app(&t);
    let page = get_with(&app, "/connect", None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.body.matches("data-testid=\"connect-item\"").count(), 2);
    assert!(page.body.contains("/listings/bom-near"));
    let narrowed = get_with(&app, "/connect?sector=y-te", None).await;
    assert_eq!(
        narrowed
            .body
            .matches("data-testid=\"connect-item\"")
            .count(),
        1
    );
    assert!(narrowed.body.contains("/listings/can-kinh"));
    assert!(!narrowed.body.contains("/listings/can-bom\""));
    // An unknown sector is ignored, not an error.
    let odd = get_with(&app, "/connect?sector=nope&province=%3Cx%3E", None).await;
    assert_eq!(odd.status, StatusCode::OK);
    // The nav leads there.
    let home = get_with(&app, "/", None).await;
    assert!(home.body.contains("href=\"/connect\""));
}

async fn members_pool_their_demand_on_a_request(t: TestDb) {
    let (request, [near, _, _, pending]) = pumps(&t).await;
    let app = app(&t);
    let (owner_id, owner) =
        member(&app, &t, "htx@cantho.vn", "mật khẩu hợp tác xã", "member").await;
    sqlx::query("UPDATE listings SET owner_id = $1, quantity = 2 WHERE id = $2")
        .bind(owner_id)
        .bind(request)
        .execute(&t.db)
        .await
        .unwrap();
    let (_, farmer) = member(&app, &t, "an@cantho.vn", "mật khẩu của An", "member").await;
    let join = |listing: i64, quantity: &str| {
        format!("listing_id={listing}&action=join&quantity={quantity}")
    };
    let post = |form: String, cookie: Option<String>| {
        let app = app.clone();
        async move { post_form(&app, "/api/join_request", &form, cookie.as_deref(), false).await }
    };
    let code = |reply: crate::support::Reply| error_pairs(&reply)[0].1.clone();
    // Bad input, nothing stored.
    assert_eq!(
        code(post(join(request, ""), Some(farmer.clone())).await),
        "required"
    );
    for bad in ["0", "-3", "abc", "1000001"] {
        assert_eq!(
            code(post(join(request, bad), Some(farmer.clone())).await),
            "invalid_quantity",
            "{bad}"
        );
    }
    assert_eq!(
        code(post(join(request, "3"), Some(owner.clone())).await),
        "own_request"
    );
    for listing in [near, pending] {
        assert_eq!(
            post(join(listing, "3"), Some(farmer.clone())).await.status,
            StatusCode::NOT_FOUND
        );
    }
    assert_eq!(
        post(join(request, "3"), None).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(matching::pledges(&t.db, request).await.unwrap(), (0, 0));

    // A farmer joins with 5; the request shows one member and 2 + 5 wanted; not twice.
    let reply = post_form(
        &app,
        "/api/join_request",
        &join(request, "5"),
        Some(&farmer),
        true,
    )
    .await;
    assert!(reply.status.is_redirection(), "{}", reply.body);
    assert_eq!(matching::pledges(&t.db, request).await.unwrap(), (1, 5));
    assert_eq!(
        code(post(join(request, "4"), Some(farmer.clone())).await),
        "already_joined"
    );
    assert_eq!(matching::pledges(&t.db, request).await.unwrap(), (1, 5));
    let page = get_with(&app, "/listings/can-bom", None).await;
    assert!(page.body.contains("data-testid=\"pooled-figures\""));
    assert!(
        page.body
            .contains("data-testid=\"pooled-figures\"><strong>1</strong>"),
        "{}",
        page.body
    );
    assert!(
        page.body.contains("<strong>7</strong>"),
        "the request's 2 and the pledge's 5"
    );
    let theirs = get_with(&app, "/listings/can-bom", Some(&farmer)).await;
    assert!(theirs.body.contains("data-testid=\"pooled-mine\""));
    // And takes it back.
    let leave = format!("listing_id={request}&action=leave");
    let reply = post_form(&app, "/api/join_request", &leave, Some(&farmer), true).await;
    assert!(reply.status.is_redirection());
    assert_eq!(matching::pledges(&t.db, request).await.unwrap(), (0, 0));
}
