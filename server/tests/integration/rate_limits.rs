//! Login, registration and password reset limits: per client address in memory, per account in the database.

use std::net::SocketAddr;
use std::time::Duration;

use app::rate_limit::{Quota, RateLimits};
use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode, header};

use crate::on_both_databases;
use crate::support::{Reply, TestDb, send, test_router_behind, test_router_with};
use techx_server::client_addr::{TrustedProxies, parse_net};

on_both_databases!(
    wrong_passwords_in_a_row_lock_the_address_for_longer_each_time,
    unknown_addresses_are_locked_like_real_ones,
    a_lock_lasts_a_quarter_hour_at_most_and_failures_an_hour_old_are_forgotten,
    strangers_guessing_cannot_keep_the_owner_out_of_a_browser_she_used,
    one_client_address_cannot_hammer_logins_or_registrations,
    one_client_address_cannot_flood_password_reset_mails,
    made_up_reset_links_are_refused_before_any_hashing_and_limited,
    behind_a_trusted_proxy_each_forwarded_client_has_its_own_limits,
    searches_read_from_the_database_are_limited_per_client,
);

const AN: &str = "email=an%40cantho.vn&display_name=Nguy%E1%BB%85n+V%C4%83n+An&password=m%E1%BA%ADt+kh%E1%BA%A9u+c%E1%BB%A7a+An";
const AN_RIGHT: &str = "email=an%40cantho.vn&password=m%E1%BA%ADt+kh%E1%BA%A9u+c%E1%BB%A7a+An";
const AN_WRONG: &str = "email=an%40cantho.vn&password=not+the+password";

fn limits() -> RateLimits {
    RateLimits {
        free_failures: 3,
        first_lock: Duration::from_secs(60),
        ..RateLimits::default()
    }
}

async fn post(app: &Router, path: &str, form: &str, ip: &str) -> Reply {
    post_with(app, path, form, ip, None).await
}

/// A post from client address `ip`, with `cookie` if given.
async fn post_with(app: &Router, path: &str, form: &str, ip: &str, cookie: Option<&str>) -> Reply {
    post_from(app, path, form, ip, cookie, None).await
}

/// A post from `ip`, with `cookie` and an `X-Forwarded-For` header if given.
async fn post_from(
    app: &Router,
    path: &str,
    form: &str,
    ip: &str,
    cookie: Option<&str>,
    forwarded_for: Option<&str>,
) -> Reply {
    let mut req =
        Request::post(path).header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    if let Some(client) = forwarded_for {
        req = req.header("x-forwarded-for", client);
    }
    if let Some(cookie) = cookie {
        req = req.header(header::COOKIE, cookie);
    }
    let mut req = req.body(Body::from(form.to_owned())).unwrap();
    let addr = SocketAddr::new(ip.parse().unwrap(), 40000);
    req.extensions_mut().insert(ConnectInfo(addr));
    send(app, req).await
}

fn retry_after(reply: &Reply) -> u64 {
    reply.headers[header::RETRY_AFTER]
        .to_str()
        .unwrap()
        .parse()
        .unwrap()
}

/// Pretends the current lock on `email` has run out.
async fn lift_lock(t: &TestDb, email: &str) {
    sqlx::query("UPDATE login_throttle SET blocked_until = 0 WHERE email = $1")
        .bind(email)
        .execute(&t.db)
        .await
        .unwrap();
}

async fn wrong_passwords_in_a_row_lock_the_address_for_longer_each_time(t: TestDb) {
    let app = test_router_with(&t, &std::env::temp_dir(), limits());
    post(&app, "/api/register_account", AN, "203.113.0.1").await;
    crate::support::confirm(&app, &t, "an@cantho.vn").await;

    for attempt in 1..=3 {
        let reply = post(&app, "/api/log_in", AN_WRONG, "203.113.0.1").await;
        assert_eq!(
            reply.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "attempt {attempt}"
        );
        assert!(reply.body.contains("wrong_credentials"), "{}", reply.body);
    }
    // Locked now: even the right password is not checked, from any address.
    let locked = post(&app, "/api/log_in", AN_RIGHT, "198.51.100.7").await;
    assert_eq!(
        locked.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{}",
        locked.body
    );
    assert!(locked.body.contains("too_many_attempts"), "{}", locked.body);
    assert!(
        locked.body.contains("an@cantho.vn"),
        "the typed address comes back: {}",
        locked.body
    );
    assert!(!locked.headers.contains_key(header::SET_COOKIE));
    let first_wait = retry_after(&locked);
    assert!((55..=60).contains(&first_wait), "{first_wait}");

    // Each further failure doubles the lock: the fourth in a row waits longer than the third.
    let mut previous = first_wait;
    for failures in 4..=6 {
        lift_lock(&t, "an@cantho.vn").await;
        let reply = post(&app, "/api/log_in", AN_WRONG, "203.113.0.1").await;
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
        let locked = post(&app, "/api/log_in", AN_RIGHT, "203.113.0.1").await;
        assert_eq!(locked.status, StatusCode::TOO_MANY_REQUESTS);
        let wait = retry_after(&locked);
        assert!(
            wait > previous,
            "after {failures} failures: {wait} s, before {previous} s"
        );
        assert!(wait >= (60u64 << (failures - 3)) - 5, "{failures}: {wait}");
        previous = wait;
    }

    // Once the lock is over, the right password works and the count starts again.
    lift_lock(&t, "an@cantho.vn").await;
    let ok = post(&app, "/api/log_in", AN_RIGHT, "203.113.0.1").await;
    assert!(
        ok.status.is_success() || ok.status.is_redirection(),
        "{} {}",
        ok.status,
        ok.body
    );
    let rows: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM login_throttle")
        .fetch_one(&t.db)
        .await
        .unwrap();
    assert_eq!(rows, 0);
    let wrong = post(&app, "/api/log_in", AN_WRONG, "203.113.0.1").await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
}

async fn unknown_addresses_are_locked_like_real_ones(t: TestDb) {
    let app = test_router_with(&t, &std::env::temp_dir(), limits());
    let nobody = "email=binh%40cantho.vn&password=whatever+it+is";
    for _ in 0..3 {
        let reply = post(&app, "/api/log_in", nobody, "203.113.0.1").await;
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let locked = post(&app, "/api/log_in", nobody, "203.113.0.1").await;
    assert_eq!(
        locked.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{}",
        locked.body
    );
}

async fn one_client_address_cannot_hammer_logins_or_registrations(t: TestDb) {
    let limits = RateLimits {
        login_per_ip: Quota::new(3, Duration::from_secs(3600)),
        register_per_ip: Quota::new(1, Duration::from_secs(3600)),
        ..RateLimits::default()
    };
    let app = test_router_with(&t, &std::env::temp_dir(), limits);
    for n in 0..3 {
        let form = format!("email=user{n}%40cantho.vn&password=wrong+password");
        let reply = post(&app, "/api/log_in", &form, "203.113.0.1").await;
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let limited = post(&app, "/api/log_in", AN_WRONG, "203.113.0.1").await;
    assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(retry_after(&limited) > 3000, "{:?}", limited.headers);
    let elsewhere = post(&app, "/api/log_in", AN_WRONG, "198.51.100.7").await;
    assert_eq!(
        elsewhere.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "other addresses are not limited"
    );

    let first = post(&app, "/api/register_account", AN, "203.113.0.9").await;
    assert!(
        first.status.is_success() || first.status.is_redirection(),
        "{}",
        first.status
    );
    let second = post(
        &app,
        "/api/register_account",
        &AN.replace("an%40", "chi%40"),
        "203.113.0.9",
    )
    .await;
    assert_eq!(
        second.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{}",
        second.body
    );
    assert!(
        second.body.contains("chi@cantho.vn"),
        "typed values come back: {}",
        second.body
    );
    assert!(
        !second.body.contains("khẩu"),
        "never the password: {}",
        second.body
    );
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users")
        .fetch_one(&t.db)
        .await
        .unwrap();
    assert_eq!(count, 1);
}

async fn one_client_address_cannot_flood_password_reset_mails(t: TestDb) {
    let limits = RateLimits {
        reset_per_ip: Quota::new(2, Duration::from_secs(3600)),
        ..RateLimits::default()
    };
    let app = test_router_with(&t, &std::env::temp_dir(), limits);
    for n in 0..2 {
        let form = format!("email=user{n}%40cantho.vn");
        let reply = post(&app, "/api/request_password_reset", &form, "203.113.0.1").await;
        assert!(
            reply.status.is_redirection() || reply.status.is_success(),
            "{}",
            reply.status
        );
    }
    let limited = post(
        &app,
        "/api/request_password_reset",
        "email=an%40cantho.vn",
        "203.113.0.1",
    )
    .await;
    assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(retry_after(&limited) > 1000, "{:?}", limited.headers);
    assert!(
        limited.body.contains("an@cantho.vn"),
        "typed values come back: {}",
        limited.body
    );
    let elsewhere = post(
        &app,
        "/api/request_password_reset",
        "email=an%40cantho.vn",
        "198.51.100.7",
    )
    .await;
    assert!(elsewhere.status.is_redirection() || elsewhere.status.is_success());
}

fn logged_in(reply: &Reply) -> bool {
    reply.status.is_redirection() || reply.status.is_success()
}

/// The `name=value` of the device cookie a log-in set.
fn device_cookie(reply: &Reply) -> String {
    let set = reply
        .headers
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap())
        .find(|c| c.starts_with("techx_device="))
        .unwrap_or_else(|| panic!("no device cookie: {:?}", reply.headers));
    for attribute in ["HttpOnly", "SameSite=Strict", "Path=/api/log_in"] {
        assert!(set.contains(attribute), "{set} lacks {attribute}");
    }
    set.split(';').next().unwrap().to_owned()
}

async fn a_lock_lasts_a_quarter_hour_at_most_and_failures_an_hour_old_are_forgotten(t: TestDb) {
    let app = test_router_with(&t, &std::env::temp_dir(), RateLimits::default());
    post(&app, "/api/register_account", AN, "203.113.0.1").await;
    crate::support::confirm(&app, &t, "an@cantho.vn").await;
    // Five wrong passwords are free; from then on each locks for longer, never past 15 minutes.
    for failures in 1..=12u32 {
        lift_lock(&t, "an@cantho.vn").await;
        let ip = format!("198.51.100.{failures}");
        let wrong = post(&app, "/api/log_in", AN_WRONG, &ip).await;
        assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY, "{failures}");
        if failures < 5 {
            continue;
        }
        let right = post(&app, "/api/log_in", AN_RIGHT, &ip).await;
        assert_eq!(right.status, StatusCode::TOO_MANY_REQUESTS, "{failures}");
        let wait = retry_after(&right);
        assert!(wait <= 15 * 60, "after {failures} failures: {wait} s");
        if failures >= 10 {
            assert!(wait >= 15 * 60 - 5, "after {failures} failures: {wait} s");
        }
    }
    // An hour after the last failure they are forgotten: one more wrong password locks nothing.
    sqlx::query(
        "UPDATE login_throttle SET updated_at = updated_at - 3600001, blocked_until = 0 \
         WHERE email = 'an@cantho.vn'",
    )
    .execute(&t.db)
    .await
    .unwrap();
    let wrong = post(&app, "/api/log_in", AN_WRONG, "203.113.0.2").await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    let failures: i32 =
        sqlx::query_scalar("SELECT failures FROM login_throttle WHERE email = 'an@cantho.vn'")
            .fetch_one(&t.db)
            .await
            .unwrap();
    assert_eq!(failures, 1, "the count starts again");
    assert!(logged_in(
        &post(&app, "/api/log_in", AN_RIGHT, "203.113.0.2").await
    ));
}

async fn strangers_guessing_cannot_keep_the_owner_out_of_a_browser_she_used(t: TestDb) {
    let app = test_router_with(&t, &std::env::temp_dir(), limits());
    post(&app, "/api/register_account", AN, "203.113.0.1").await;
    crate::support::confirm(&app, &t, "an@cantho.vn").await;
    // An logs in on her phone, which is known from then on.
    let first = post(&app, "/api/log_in", AN_RIGHT, "203.113.0.1").await;
    assert!(logged_in(&first), "{} {}", first.status, first.body);
    let phone = device_cookie(&first);

    // Strangers guess at her account until it is locked, and go on guessing.
    for n in 0..6 {
        post(&app, "/api/log_in", AN_WRONG, &format!("198.51.100.{n}")).await;
    }
    let stranger = post(&app, "/api/log_in", AN_RIGHT, "198.51.100.50").await;
    assert_eq!(stranger.status, StatusCode::TOO_MANY_REQUESTS);
    // Her phone still lets her in; the lock stands for every other browser.
    let again = post_with(&app, "/api/log_in", AN_RIGHT, "203.113.0.1", Some(&phone)).await;
    assert!(logged_in(&again), "{} {}", again.status, again.body);
    let stranger = post(&app, "/api/log_in", AN_RIGHT, "198.51.100.51").await;
    assert_eq!(stranger.status, StatusCode::TOO_MANY_REQUESTS);

    // Wrong passwords typed on the phone lock the phone alone.
    for _ in 0..3 {
        let wrong = post_with(&app, "/api/log_in", AN_WRONG, "203.113.0.1", Some(&phone)).await;
        assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let locked = post_with(&app, "/api/log_in", AN_RIGHT, "203.113.0.1", Some(&phone)).await;
    assert_eq!(locked.status, StatusCode::TOO_MANY_REQUESTS);

    // Another member's known browser is no pass to An's account.
    post(
        &app,
        "/api/register_account",
        &AN.replace("an%40", "binh%40"),
        "203.113.0.3",
    )
    .await;
    crate::support::confirm(&app, &t, "binh@cantho.vn").await;
    let binh = post(
        &app,
        "/api/log_in",
        &AN_RIGHT.replace("an%40", "binh%40"),
        "203.113.0.3",
    )
    .await;
    assert!(logged_in(&binh), "{} {}", binh.status, binh.body);
    let binhs = device_cookie(&binh);
    let borrowed = post_with(&app, "/api/log_in", AN_RIGHT, "203.113.0.3", Some(&binhs)).await;
    assert_eq!(borrowed.status, StatusCode::TOO_MANY_REQUESTS);
    // Nor is a made-up one.
    let made_up = post_with(
        &app,
        "/api/log_in",
        AN_RIGHT,
        "203.113.0.4",
        Some("techx_device=0123"),
    )
    .await;
    assert_eq!(made_up.status, StatusCode::TOO_MANY_REQUESTS);
}

async fn made_up_reset_links_are_refused_before_any_hashing_and_limited(t: TestDb) {
    let limits = RateLimits {
        password_per_ip: Quota::new(3, Duration::from_secs(3600)),
        ..RateLimits::default()
    };
    let app = test_router_with(&t, &std::env::temp_dir(), limits);
    for n in 0..3 {
        let form = format!(
            "token={:064x}&password=m%E1%BB%99t+m%E1%BA%ADt+kh%E1%BA%A9u+d%C3%A0i",
            n
        );
        let reply = post(&app, "/api/reset_password", &form, "203.113.0.1").await;
        assert_eq!(
            reply.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            reply.body
        );
        assert!(reply.body.contains("reset_link_invalid"), "{}", reply.body);
    }
    let limited = post(
        &app,
        "/api/reset_password",
        "token=00&password=m%E1%BB%99t+m%E1%BA%ADt+kh%E1%BA%A9u+d%C3%A0i",
        "203.113.0.1",
    )
    .await;
    assert_eq!(
        limited.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{}",
        limited.body
    );
    assert!(retry_after(&limited) > 1000);
    assert!(
        limited.body.contains("too_many_attempts"),
        "{}",
        limited.body
    );
    let elsewhere = post(
        &app,
        "/api/reset_password",
        "token=00&password=m%E1%BB%99t+m%E1%BA%ADt+kh%E1%BA%A9u+d%C3%A0i",
        "2001:db8:7::1",
    )
    .await;
    assert_eq!(elsewhere.status, StatusCode::UNPROCESSABLE_ENTITY);
}

async fn behind_a_trusted_proxy_each_forwarded_client_has_its_own_limits(t: TestDb) {
    let limits = RateLimits {
        register_per_ip: Quota::new(1, Duration::from_secs(3600)),
        ..RateLimits::default()
    };
    let proxies = TrustedProxies::new(vec![parse_net("10.0.0.0/8").unwrap()]);
    let app = test_router_behind(&t, limits, proxies);
    let register = |n: u32| AN.replace("an%40", &format!("member{n}%40"));
    let opened = |reply: &Reply| reply.status.is_redirection() || reply.status.is_success();

    // Two visitors behind the same proxy: each opens an account.
    for (n, client) in [(1, "198.51.100.7"), (2, "198.51.100.8")] {
        let reply = post_from(
            &app,
            "/api/register_account",
            &register(n),
            "10.0.0.2",
            None,
            Some(client),
        )
        .await;
        assert!(opened(&reply), "{client}: {} {}", reply.status, reply.body);
    }
    // The first again, through another of the proxies, even naming a made-up address first.
    let again = post_from(
        &app,
        "/api/register_account",
        &register(3),
        "10.0.0.3",
        None,
        Some("1.2.3.4, 198.51.100.7"),
    )
    .await;
    assert_eq!(
        again.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{}",
        again.body
    );

    // A client connecting directly cannot pick its address with the header.
    let direct = |n| register(n);
    let first = post_from(
        &app,
        "/api/register_account",
        &direct(4),
        "203.0.113.5",
        None,
        Some("198.51.100.20"),
    )
    .await;
    assert!(opened(&first), "{}", first.status);
    let second = post_from(
        &app,
        "/api/register_account",
        &direct(5),
        "203.0.113.5",
        None,
        Some("198.51.100.21"),
    )
    .await;
    assert_eq!(second.status, StatusCode::TOO_MANY_REQUESTS);
}

async fn searches_read_from_the_database_are_limited_per_client(t: TestDb) {
    let limits = RateLimits {
        search_per_ip: Quota::new(2, Duration::from_secs(3600)),
        ..RateLimits::default()
    };
    let app = test_router_with(&t, &std::env::temp_dir(), limits);
    let search = |q: &'static str, ip: &'static str| {
        let app = app.clone();
        async move {
            let mut req = Request::get(format!("/api/browse_listings?query[q]={q}"))
                .body(Body::empty())
                .unwrap();
            let addr: SocketAddr = format!("{ip}:40000").parse().unwrap();
            req.extensions_mut().insert(ConnectInfo(addr));
            send(&app, req).await
        }
    };
    assert_eq!(search("may", "203.113.0.1").await.status, StatusCode::OK);
    assert_eq!(search("bom", "203.113.0.1").await.status, StatusCode::OK);
    let limited = search("robot", "203.113.0.1").await;
    assert_eq!(
        limited.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{}",
        limited.body
    );
    assert!(
        limited.body.contains("too_many_searches"),
        "{}",
        limited.body
    );
    assert_eq!(
        search("may", "203.113.0.1").await.status,
        StatusCode::OK,
        "a search answered from memory costs nothing"
    );
    assert_eq!(search("robot", "203.113.0.2").await.status, StatusCode::OK);
    let page = {
        let mut req = Request::get("/search?q=drone").body(Body::empty()).unwrap();
        let addr: SocketAddr = "203.113.0.1:40000".parse().unwrap();
        req.extensions_mut().insert(ConnectInfo(addr));
        send(&app, req).await
    };
    assert_eq!(page.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(
        page.body.contains("name=\"q\""),
        "the search form is still there"
    );
}
