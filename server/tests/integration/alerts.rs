//! Saved searches and alerts: saved from a results page and kept at `/account/alerts`; a newly
//! published listing found in reverse against every saved search and open request; members told
//! at once in the notification centre or in one digest mail per period, across processes; a
//! signed link in each mail unsubscribes without logging in.

use app::db::{alerts, now_ms, outbox};
use axum::Router;
use axum::http::{StatusCode, header};

use crate::on_both_databases;
use crate::support::{
    NewListing, PUBLIC_URL, TestDb, error_pairs, form_value, get_with, member, post_form,
    reference_data, send,
};

on_both_databases!(
    a_member_saves_edits_pauses_and_deletes_searches,
    saving_refuses_bad_input_and_more_than_fifty,
    a_published_listing_alerts_the_searches_it_satisfies,
    a_search_hears_of_listings_named_by_its_synonyms,
    searches_saved_before_second_keys_get_them_and_are_found_either_way,
    a_new_offer_alerts_the_owners_of_requests_it_fits,
    a_digest_goes_once_per_member_and_period,
    the_unsubscribe_link_stops_alert_mails_without_logging_in,
);

fn app(t: &TestDb) -> Router {
    crate::support::test_router(t, &std::env::temp_dir())
}

fn json(reply: &crate::support::Reply) -> serde_json::Value {
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    serde_json::from_str(&reply.body).unwrap()
}

/// Saves a search the way the results page's form does; returns the reply.
async fn save(
    app: &Router,
    cookie: Option<&str>,
    query: &str,
    name: &str,
    frequency: &str,
    browser: bool,
) -> crate::support::Reply {
    let form = format!(
        "name={}&query={}&frequency={frequency}",
        form_value(name),
        form_value(query)
    );
    post_form(app, "/api/save_search", &form, cookie, browser).await
}

async fn count(t: &TestDb, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(&t.db).await.unwrap()
}

/// Every listing inserted so far counts as already looked up.
async fn all_checked(t: &TestDb) {
    sqlx::query("UPDATE listings SET alerts_checked_at = 0 WHERE alerts_checked_at IS NULL")
        .execute(&t.db)
        .await
        .unwrap();
}

async fn a_member_saves_edits_pauses_and_deletes_searches(t: TestDb) {
    reference_data(&t.db).await;
    let app = app(&t);
    let (_, an) = member(&app, &t, "an@techx.test", "mật khẩu của An", "member").await;
    let (_, binh) = member(&app, &t, "binh@techx.test", "mật khẩu của Bình", "member").await;

    let reply = save(
        &app,
        Some(&an),
        "q=m%C3%A1y%20b%C6%A1m&sector=nong-nghiep",
        "",
        "daily",
        true,
    )
    .await;
    assert!(reply.status.is_redirection(), "{}", reply.status);
    let location = reply.headers[header::LOCATION].to_str().unwrap().to_owned();
    assert!(
        location.starts_with("/account/alerts?done=saved#alert-"),
        "{location}"
    );
    let page = json(&get_with(&app, "/api/get_alerts", Some(&an)).await);
    let saved = &page["searches"][0];
    assert_eq!(saved["name"], "máy bơm", "an empty name takes the words");
    assert_eq!(saved["frequency"], "daily");
    assert_eq!(saved["query"], "q=m%C3%A1y%20b%C6%A1m&sector=nong-nghiep");
    assert_eq!(page["match_alerts"], "daily");
    let id = saved["id"].as_i64().unwrap();

    // The page lists it, with a link to its results.
    let html = get_with(&app, "/account/alerts", Some(&an)).await;
    assert_eq!(html.status, StatusCode::OK);
    assert!(html.body.contains("máy bơm"), "{}", html.body);
    assert!(
        html.body
            .contains("/search?q=m%C3%A1y%20b%C6%A1m&amp;sector=nong-nghiep")
    );

    // Renamed and made weekly; another member cannot touch it.
    let form = format!(
        "id={id}&name=B%C6%A1m%20t%C6%B0%E1%BB%9Bi&query={}&frequency=weekly",
        form_value("q=bơm")
    );
    let other = post_form(&app, "/api/save_search", &form, Some(&binh), false).await;
    assert_eq!(other.status, StatusCode::NOT_FOUND);
    assert!(
        post_form(&app, "/api/save_search", &form, Some(&an), true)
            .await
            .status
            .is_redirection()
    );
    let page = json(&get_with(&app, "/api/get_alerts", Some(&an)).await);
    assert_eq!(page["searches"][0]["name"], "Bơm tưới");
    assert_eq!(page["searches"][0]["frequency"], "weekly");

    // Paused, resumed, deleted — by its member only.
    let act = |action: &str| format!("id={id}&action={action}");
    assert_eq!(
        post_form(&app, "/api/alert_action", &act("pause"), Some(&binh), false)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert!(
        post_form(&app, "/api/alert_action", &act("pause"), Some(&an), true)
            .await
            .status
            .is_redirection()
    );
    assert_eq!(
        json(&get_with(&app, "/api/get_alerts", Some(&an)).await)["searches"][0]["paused"],
        true
    );
    assert!(
        post_form(&app, "/api/alert_action", &act("resume"), Some(&an), true)
            .await
            .status
            .is_redirection()
    );
    assert_eq!(
        json(&get_with(&app, "/api/get_alerts", Some(&an)).await)["searches"][0]["paused"],
        false
    );
    assert_eq!(
        error_pairs(&post_form(&app, "/api/alert_action", &act("explode"), Some(&an), false).await),
        [("action".to_owned(), "invalid_choice".to_owned())]
    );
    assert!(
        post_form(&app, "/api/alert_action", &act("delete"), Some(&an), true)
            .await
            .status
            .is_redirection()
    );
    assert_eq!(count(&t, "SELECT COUNT(*) FROM saved_searches").await, 0);

    // How offers fitting their requests are told.
    assert!(
        post_form(
            &app,
            "/api/set_match_alerts",
            "frequency=instant",
            Some(&an),
            true
        )
        .await
        .status
        .is_redirection()
    );
    assert_eq!(
        json(&get_with(&app, "/api/get_alerts", Some(&an)).await)["match_alerts"],
        "instant"
    );
    assert_eq!(
        error_pairs(
            &post_form(
                &app,
                "/api/set_match_alerts",
                "frequency=hourly",
                Some(&an),
                false
            )
            .await
        ),
        [("match_frequency".to_owned(), "invalid_choice".to_owned())]
    );

    // A visitor is sent to log in, and back to the results after.
    let visitor = save(&app, None, "q=drone", "", "daily", true).await;
    assert!(visitor.status.is_redirection());
    assert_eq!(
        visitor.headers[header::LOCATION],
        "/login?next=%2Fsearch%3Fq%3Ddrone"
    );
    assert_eq!(
        get_with(&app, "/api/get_alerts", None).await.status,
        StatusCode::UNAUTHORIZED
    );
}

async fn saving_refuses_bad_input_and_more_than_fifty(t: TestDb) {
    reference_data(&t.db).await;
    let app = app(&t);
    let (an_id, an) = member(&app, &t, "an@techx.test", "mật khẩu của An", "member").await;
    let refused = |reply: crate::support::Reply| error_pairs(&reply);
    assert_eq!(
        refused(save(&app, Some(&an), "", "", "daily", false).await),
        [("query".to_owned(), "alert_empty".to_owned())],
        "no words and no filters"
    );
    assert_eq!(
        refused(save(&app, Some(&an), "q=%20%20&sort=newest", "x", "daily", false).await),
        [("query".to_owned(), "alert_empty".to_owned())],
        "an order is not a filter"
    );
    assert_eq!(
        refused(save(&app, Some(&an), "q=bom", "x", "hourly", false).await),
        [("frequency".to_owned(), "invalid_choice".to_owned())]
    );
    assert_eq!(
        refused(save(&app, Some(&an), "q=bom&price_min=abc", "x", "daily", false).await),
        [("query".to_owned(), "alert_empty".to_owned())],
        "a filter that does not parse"
    );
    assert_eq!(count(&t, "SELECT COUNT(*) FROM saved_searches").await, 0);

    // What was typed comes back to the form after a plain post.
    let reply = save(&app, Some(&an), "", "Máy bơm", "weekly", true).await;
    assert!(reply.status.is_redirection());
    let back = reply.headers[header::LOCATION].to_str().unwrap().to_owned();
    assert!(back.contains("__err="), "{back}");

    for n in 0..50 {
        let saved = app::domain::alerts::check(
            &format!("Tìm {n}"),
            &app::domain::alerts::parse_query(&format!("q=bom{n}")),
            "daily",
        )
        .unwrap();
        alerts::save(&t.db, an_id, None, &saved, now_ms())
            .await
            .unwrap();
    }
    assert_eq!(
        refused(save(&app, Some(&an), "q=drone", "Drone", "daily", false).await),
        [("name".to_owned(), "too_many_alerts".to_owned())]
    );
    assert_eq!(count(&t, "SELECT COUNT(*) FROM saved_searches").await, 50);
}

/// Saves `query` for `user` at `frequency`; returns its id.
async fn saved(t: &TestDb, user: i64, query: &str, frequency: &str) -> i64 {
    let saved = app::domain::alerts::check("", &app::domain::alerts::parse_query(query), frequency)
        .unwrap();
    alerts::save(&t.db, user, None, &saved, now_ms())
        .await
        .unwrap()
}

async fn user(t: &TestDb, email: &str) -> i64 {
    app::db::accounts::create_user(
        &t.db,
        &app::domain::Email::parse(email).unwrap(),
        &app::domain::DisplayName::parse("Thành viên").unwrap(),
        "x",
        1,
    )
    .await
    .unwrap()
}

async fn a_search_hears_of_listings_named_by_its_synonyms(t: TestDb) {
    reference_data(&t.db).await;
    let (an, binh) = (
        user(&t, "an@techx.test").await,
        user(&t, "binh@techx.test").await,
    );
    // The synonym sets moderators keep (the migration's own: drone = flycam = máy bay không
    // người lái = máy bay phun thuốc), and one they add.
    saved(&t, an, "q=drone", "instant").await;
    saved(&t, binh, "q=m%C3%A1y%20x%E1%BB%9Bi%20mini", "instant").await; // "máy xới mini"
    app::db::search::save_synonyms(&t.db, 0, "máy xới = máy làm đất", an, 1)
        .await
        .unwrap();
    all_checked(&t).await;
    let flycam = NewListing::offer("flycam-phun-thuoc", "Flycam phun thuốc 20 lít")
        .insert(&t.db)
        .await;
    let cutter = NewListing::offer("may-lam-dat-mini", "Máy làm đất mini cầm tay")
        .insert(&t.db)
        .await;
    let pump = NewListing::offer("may-bom", "Máy bơm nước")
        .insert(&t.db)
        .await;
    let mut told = alerts::scan(&t.db, 20, 100).await.unwrap();
    told.sort_unstable();
    assert_eq!(told, [(an, flycam), (binh, cutter)], "{pump}");
}

async fn a_published_listing_alerts_the_searches_it_satisfies(t: TestDb) {
    reference_data(&t.db).await;
    let (an, binh, chi, owner) = (
        user(&t, "an@techx.test").await,
        user(&t, "binh@techx.test").await,
        user(&t, "chi@techx.test").await,
        user(&t, "dung@techx.test").await,
    );
    saved(&t, an, "q=m%C3%A1y%20b%C6%A1m", "instant").await;
    saved(&t, binh, "q=n%C6%B0%E1%BB%9Bc&sector=y-te", "daily").await; // another sector
    let binh_wide = saved(&t, binh, "q=n%C6%B0%E1%BB%9Bc", "daily").await;
    saved(&t, chi, "q=drone", "instant").await;
    let paused = saved(&t, chi, "q=b%C6%A1m", "instant").await;
    alerts::set_paused(&t.db, chi, paused, true, 1)
        .await
        .unwrap();
    saved(&t, owner, "q=b%C6%A1m", "instant").await; // their own listing is no news to them
    let old = NewListing::offer("bom-cu", "Máy bơm nước cũ")
        .insert(&t.db)
        .await;
    all_checked(&t).await;

    let pending = NewListing {
        status: "pending",
        owner_id: Some(owner),
        ..NewListing::offer("may-bom-chim", "Máy bơm nước chìm 2 HP")
    }
    .insert(&t.db)
    .await;
    assert!(
        alerts::scan(&t.db, 10, 100).await.unwrap().is_empty(),
        "not published yet"
    );
    sqlx::query("UPDATE listings SET status = 'published' WHERE id = $1")
        .bind(pending)
        .execute(&t.db)
        .await
        .unwrap();
    let told = alerts::scan(&t.db, 20, 100).await.unwrap();
    assert_eq!(told, [(an, pending)], "told at once: only An");
    assert!(
        alerts::scan(&t.db, 30, 100).await.unwrap().is_empty(),
        "looked up once"
    );

    let hits: Vec<(i64, Option<i64>, String, Option<i64>)> = sqlx::query_as(
        "SELECT user_id, saved_search_id, frequency, sent_at FROM alert_hits ORDER BY user_id",
    )
    .fetch_all(&t.db)
    .await
    .unwrap();
    assert_eq!(
        hits,
        [
            (an, hits[0].1, "instant".to_owned(), Some(20)),
            (binh, Some(binh_wide), "daily".to_owned(), None),
        ],
        "the old listing, the paused search, the other sector and the owner are left out"
    );
    let centre = app::db::notifications::latest(&t.db, an, 10).await.unwrap();
    assert_eq!(centre.len(), 1);
    assert_eq!(centre[0].kind, "alert");
    assert_eq!(centre[0].link, "/listings/may-bom-chim");
    assert_eq!(centre[0].title, "Máy bơm nước chìm 2 HP");
    assert_eq!(centre[0].detail.as_deref(), Some("máy bơm"));
    assert!(
        app::db::notifications::latest(&t.db, binh, 10)
            .await
            .unwrap()
            .is_empty()
    );
    let _ = old;

    // The centre's page shows it as a link to the listing.
    let app = app(&t);
    sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
        .bind(app::auth::hash_password(
            &app::domain::Password::parse("mật khẩu của An").unwrap(),
        ))
        .bind(an)
        .execute(&t.db)
        .await
        .unwrap();
    let cookie = crate::support::session_cookie(
        &crate::support::log_in(&app, "an@techx.test", "mật khẩu của An").await,
    );
    let page = get_with(&app, "/account/notifications", Some(&cookie)).await;
    assert!(
        page.body.contains("href=\"/listings/may-bom-chim\""),
        "{}",
        page.body
    );
}

async fn a_new_offer_alerts_the_owners_of_requests_it_fits(t: TestDb) {
    reference_data(&t.db).await;
    let (buyer, quiet, seller) = (
        user(&t, "htx@techx.test").await,
        user(&t, "quiet@techx.test").await,
        user(&t, "ban@techx.test").await,
    );
    alerts::set_match_alerts(&t.db, buyer, "instant")
        .await
        .unwrap();
    alerts::set_match_alerts(&t.db, quiet, "off").await.unwrap();
    let place = |id: i64| {
        let db = t.db.clone();
        async move {
            sqlx::query(
                "UPDATE listings SET sector_code = 'nong-nghiep', province_code = 'can-tho',
                        budget_max_vnd = CASE WHEN kind = 'request' THEN 10000000 ELSE NULL END,
                        price_vnd = 8000000 WHERE id = $1",
            )
            .bind(id)
            .execute(&db)
            .await
            .unwrap();
        }
    };
    let request = NewListing {
        kind: "request",
        owner_id: Some(buyer),
        ..NewListing::offer("can-bom", "Cần mua máy bơm nước ly tâm 3 HP")
    }
    .insert(&t.db)
    .await;
    place(request).await;
    let unheard = NewListing {
        kind: "request",
        owner_id: Some(quiet),
        ..NewListing::offer("can-bom-2", "Cần mua máy bơm nước ly tâm")
    }
    .insert(&t.db)
    .await;
    place(unheard).await;
    all_checked(&t).await;
    let offer = NewListing {
        owner_id: Some(seller),
        ..NewListing::offer("bom-ly-tam", "Máy bơm nước ly tâm 3 HP Pentax")
    }
    .insert(&t.db)
    .await;
    place(offer).await;
    let told = alerts::scan(&t.db, 50, 100).await.unwrap();
    assert_eq!(told, [(buyer, offer)]);
    let centre = app::db::notifications::latest(&t.db, buyer, 10)
        .await
        .unwrap();
    assert_eq!(centre[0].kind, "match");
    assert_eq!(
        centre[0].detail.as_deref(),
        Some("Cần mua máy bơm nước ly tâm 3 HP")
    );
    assert_eq!(
        count(&t, "SELECT COUNT(*) FROM alert_hits").await,
        1,
        "match alerts off: none"
    );

    // A match the buyer hid does not come back as an alert.
    let again = NewListing {
        owner_id: Some(seller),
        ..NewListing::offer("bom-ly-tam-2", "Máy bơm nước ly tâm 3 HP Ebara")
    }
    .insert(&t.db)
    .await;
    place(again).await;
    app::db::matching::hide(&t.db, buyer, request, again, "already_known", 1)
        .await
        .unwrap();
    assert!(alerts::scan(&t.db, 60, 100).await.unwrap().is_empty());
}

/// A day at 09:00 Vietnam time (02:00 UTC), `n` days after 2026-12-07 (a Monday).
fn morning(n: i64) -> i64 {
    (20_794 + n) * 86_400_000 + 2 * 3_600_000
}

async fn a_digest_goes_once_per_member_and_period(t: TestDb) {
    reference_data(&t.db).await;
    let (an, binh) = (
        user(&t, "an@techx.test").await,
        user(&t, "binh@techx.test").await,
    );
    saved(&t, an, "q=b%C6%A1m", "daily").await;
    saved(&t, an, "q=drone", "daily").await;
    saved(&t, binh, "q=drone", "weekly").await;
    let key = alerts::signing_key(&t.db).await.unwrap();
    let publish = |slug: &'static str, title: &'static str| {
        let db = t.db.clone();
        async move { NewListing::offer(slug, title).insert(&db).await }
    };
    publish("bom-1", "Máy bơm tưới").await;
    publish("drone-1", "Drone phun thuốc 16 lít").await;
    alerts::scan(&t.db, morning(0), 100).await.unwrap();

    let digests = |frequency: &'static str, at: i64| {
        let (db, key) = (t.db.clone(), key.clone());
        async move {
            alerts::send_digests(&db, frequency, at, PUBLIC_URL, &key)
                .await
                .unwrap()
        }
    };
    assert_eq!(
        digests("daily", morning(0)).await,
        1,
        "one mail for both searches"
    );
    assert_eq!(
        digests("daily", morning(0) + 3_600_000).await,
        0,
        "once per day"
    );
    let mail = &outbox::messages_to(&t.db, "an@techx.test").await.unwrap()[0];
    assert_eq!(mail.kind, "alert_digest");
    assert!(mail.subject.starts_with("2 tin mới"), "{}", mail.subject);
    for slug in ["bom-1", "drone-1"] {
        assert!(
            mail.body.contains(&format!("{PUBLIC_URL}/listings/{slug}")),
            "{}",
            mail.body
        );
    }
    assert!(
        mail.html
            .as_deref()
            .unwrap()
            .contains("Drone phun thuốc 16 lít")
    );
    let unsubscribe = mail.list_unsubscribe.as_deref().unwrap();
    assert!(unsubscribe.starts_with(&format!(
        "{PUBLIC_URL}/alerts/unsubscribe/one-click?token={an}."
    )));

    // Found later the same day: in the next day's digest, not another today.
    publish("bom-2", "Bơm chìm giếng khoan").await;
    alerts::scan(&t.db, morning(0) + 7_200_000, 100)
        .await
        .unwrap();
    assert_eq!(digests("daily", morning(0) + 7_200_000).await, 0);
    // The weekly one goes once in the week, whichever day.
    assert_eq!(digests("weekly", morning(2)).await, 1);
    publish("drone-2", "Flycam drone khảo sát ruộng").await;
    alerts::scan(&t.db, morning(3), 100).await.unwrap();
    assert_eq!(digests("weekly", morning(6)).await, 0, "once a week");
    assert_eq!(digests("weekly", morning(7)).await, 1, "the next week");

    // Two processes sending the next day's digests at once: one mail.
    let (first, second) = tokio::join!(digests("daily", morning(1)), digests("daily", morning(1)));
    assert_eq!(first + second, 1, "{first} + {second}");
    assert_eq!(
        outbox::messages_to(&t.db, "an@techx.test")
            .await
            .unwrap()
            .len(),
        2
    );
    assert_eq!(
        count(&t, "SELECT COUNT(*) FROM alert_hits WHERE sent_at IS NULL").await,
        0
    );
}

async fn the_unsubscribe_link_stops_alert_mails_without_logging_in(t: TestDb) {
    reference_data(&t.db).await;
    let app = app(&t);
    let an = user(&t, "an@techx.test").await;
    let daily = saved(&t, an, "q=b%C6%A1m", "daily").await;
    let instant = saved(&t, an, "q=drone", "instant").await;
    let key = alerts::signing_key(&t.db).await.unwrap();
    assert_eq!(
        key,
        alerts::signing_key(&t.db).await.unwrap(),
        "kept with the data"
    );
    let token = alerts::unsubscribe_token(&key, an);

    let page = get_with(&app, &format!("/alerts/unsubscribe?token={token}"), None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains(&format!("value=\"{token}\"")),
        "{}",
        page.body
    );

    let forged = format!("{}.{}", an + 1, token.split_once('.').unwrap().1);
    assert_eq!(
        error_pairs(
            &post_form(
                &app,
                "/api/unsubscribe_alerts",
                &format!("token={forged}"),
                None,
                false
            )
            .await
        ),
        [("token".to_owned(), "unsubscribe_link_invalid".to_owned())]
    );
    let reply = post_form(
        &app,
        "/api/unsubscribe_alerts",
        &format!("token={token}"),
        None,
        true,
    )
    .await;
    assert!(reply.status.is_redirection());
    assert_eq!(
        reply.headers[header::LOCATION],
        "/alerts/unsubscribe?done=1"
    );
    let paused: Vec<(i64, Option<i64>)> =
        sqlx::query_as("SELECT id, paused_at FROM saved_searches ORDER BY id")
            .fetch_all(&t.db)
            .await
            .unwrap();
    assert!(
        paused[0].1.is_some() && paused[0].0 == daily,
        "mailed searches paused"
    );
    assert!(
        paused[1].1.is_none() && paused[1].0 == instant,
        "the notification centre goes on"
    );
    assert_eq!(alerts::match_alerts(&t.db, an).await.unwrap(), "off");

    // RFC 8058: a mail program's one-click POST, with no session.
    alerts::set_paused(&t.db, an, daily, false, 1)
        .await
        .unwrap();
    let one_click = |token: String| {
        axum::http::Request::post(format!("/alerts/unsubscribe/one-click?token={token}"))
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(axum::body::Body::from("List-Unsubscribe=One-Click"))
            .unwrap()
    };
    assert_eq!(
        send(&app, one_click(forged)).await.status,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        send(&app, one_click(token.clone())).await.status,
        StatusCode::OK
    );
    assert_eq!(
        count(
            &t,
            "SELECT COUNT(*) FROM saved_searches WHERE paused_at IS NULL"
        )
        .await,
        1
    );
    // Opened in a browser, the address leads to the page with the button.
    let opened = get_with(
        &app,
        &format!("/alerts/unsubscribe/one-click?token={token}"),
        None,
    )
    .await;
    assert!(opened.status.is_redirection());
}

/// The saved searches listing `id` satisfies, by id.
async fn satisfied_by(t: &TestDb, id: i64) -> Vec<i64> {
    let mut conn = t.db.acquire().await.unwrap();
    let found = alerts::reverse_search_of(&mut conn, id).await.unwrap();
    found.into_iter().map(|(search, ..)| search).collect()
}

/// Saved searches stored before migration 40 have no second key: a listing still finds them,
/// and the start-up pass works the key out from the stored query once.
async fn searches_saved_before_second_keys_get_them_and_are_found_either_way(t: TestDb) {
    reference_data(&t.db).await;
    let an = user(&t, "an@techx.test").await;
    // "máy bơm nước", "bơm" in the listing's sector, "máy kéo" (not satisfied)
    let pump = saved(&t, an, "q=m%C3%A1y%20b%C6%A1m%20n%C6%B0%E1%BB%9Bc", "daily").await;
    let sector = saved(&t, an, "q=b%C6%A1m&sector=co-khi", "daily").await;
    let tractor = saved(&t, an, "q=m%C3%A1y%20k%C3%A9o", "daily").await;
    let keys = || async {
        sqlx::query_as::<_, (i64, Option<String>)>(
            "SELECT id, second_key FROM saved_searches ORDER BY id",
        )
        .fetch_all(&t.db)
        .await
        .unwrap()
    };
    let filed = vec![
        (pump, Some("bom".to_owned())),
        (sector, Some("@sector:co-khi".to_owned())),
        (tractor, Some("may".to_owned())),
    ];
    assert_eq!(keys().await, filed, "saved with both keys");
    let listing = NewListing::offer("may-bom", "Máy bơm nước")
        .insert(&t.db)
        .await;
    assert_eq!(satisfied_by(&t, listing).await, [pump, sector]);

    sqlx::query("UPDATE saved_searches SET second_key = NULL")
        .execute(&t.db)
        .await
        .unwrap();
    assert_eq!(satisfied_by(&t, listing).await, [pump, sector]);
    assert_eq!(alerts::fill_second_keys(&t.db).await.unwrap(), 3);
    assert_eq!(keys().await, filed);
    assert_eq!(alerts::fill_second_keys(&t.db).await.unwrap(), 0);
    assert_eq!(satisfied_by(&t, listing).await, [pump, sector]);
}
