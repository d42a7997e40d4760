//! Registering, logging in and out through the server functions, as a browser's form post
//! (which works without JavaScript) and as a script's call.

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};

use crate::on_both_databases;
use crate::support::{Reply, TestDb, confirm, confirmation_token, send, test_router};

on_both_databases!(
    registering_mails_a_link_that_logs_in_with_a_safe_cookie,
    bad_registrations_report_every_field_and_echo_all_but_the_password,
    a_form_post_with_errors_goes_back_to_the_form_with_them,
    registering_does_not_tell_whether_an_address_has_an_account,
    logging_in_needs_the_right_password_and_logging_out_ends_the_session,
    logging_in_goes_on_to_a_path_on_this_site_only,
    forms_posted_from_another_site_are_refused,
);

fn app(t: &TestDb) -> Router {
    test_router(t, &std::env::temp_dir())
}

/// Posts a form to a server function; `browser` adds the headers a browser's plain form post has.
async fn post(app: &Router, path: &str, form: &str, cookie: Option<&str>, browser: bool) -> Reply {
    let mut req =
        Request::post(path).header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    if browser {
        req = req
            .header(header::ACCEPT, "text/html,application/xhtml+xml")
            .header(header::REFERER, "http://localhost/register");
    }
    if let Some(cookie) = cookie {
        req = req.header(header::COOKIE, cookie);
    }
    send(app, req.body(Body::from(form.to_owned())).unwrap()).await
}

async fn current_user(app: &Router, cookie: &str) -> serde_json::Value {
    let req = Request::get("/api/get_current_user")
        .header(header::COOKIE, cookie)
        .body(Body::empty())
        .unwrap();
    let reply = send(app, req).await;
    assert_eq!(reply.status, StatusCode::OK);
    serde_json::from_str(&reply.body).unwrap()
}

/// The `name=value` part of the session cookie a response set.
fn session_cookie(reply: &Reply) -> String {
    let set_cookie = reply
        .headers
        .get(header::SET_COOKIE)
        .expect("a session cookie")
        .to_str()
        .unwrap();
    set_cookie.split(';').next().unwrap().to_owned()
}

const AN: &str = "email=an%40cantho.vn&display_name=Nguy%E1%BB%85n+V%C4%83n+An&password=m%E1%BA%ADt+kh%E1%BA%A9u+c%E1%BB%A7a+An";

async fn registering_mails_a_link_that_logs_in_with_a_safe_cookie(t: TestDb) {
    let app = app(&t);
    let reply = post(&app, "/api/register_account", AN, None, true).await;
    assert!(
        reply.status.is_redirection(),
        "{} {}",
        reply.status,
        reply.body
    );
    assert_eq!(reply.headers[header::LOCATION], "/register?sent=1");
    assert!(
        !reply.headers.contains_key(header::SET_COOKIE),
        "not logged in yet"
    );
    // Not before the address is confirmed.
    let early = post(
        &app,
        "/api/log_in",
        "email=an%40cantho.vn&password=m%E1%BA%ADt+kh%E1%BA%A9u+c%E1%BB%A7a+An",
        None,
        false,
    )
    .await;
    assert_eq!(early.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(early.body.contains("email_unconfirmed"), "{}", early.body);
    // Opening the link's page changes nothing; its button confirms and logs in.
    let token = confirmation_token(&t, "an@cantho.vn").await;
    let page = send(
        &app,
        Request::get(format!("/confirm-email?token={token}"))
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("action=\"/api/confirm_email\""),
        "{}",
        page.body
    );
    let reply = confirm(&app, &t, "an@cantho.vn").await;
    assert_eq!(reply.headers[header::LOCATION], "/");
    let again = post(
        &app,
        "/api/confirm_email",
        &format!("token={token}"),
        None,
        false,
    )
    .await;
    assert!(
        again.body.contains("confirm_link_invalid"),
        "used once: {}",
        again.body
    );
    let set_cookie = reply.headers[header::SET_COOKIE].to_str().unwrap();
    for attribute in ["techx_session=", "HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(
            set_cookie.contains(attribute),
            "{set_cookie} lacks {attribute}"
        );
    }
    let user = current_user(&app, &session_cookie(&reply)).await;
    assert_eq!(user["display_name"], "Nguyễn Văn An");
    assert_eq!(user["role"], "member");
    assert_eq!(
        current_user(&app, "techx_session=forged").await,
        serde_json::Value::Null
    );
}

async fn bad_registrations_report_every_field_and_echo_all_but_the_password(t: TestDb) {
    let app = app(&t);
    let reply = post(
        &app,
        "/api/register_account",
        "email=an%40&display_name=A&password=short",
        None,
        false,
    )
    .await;
    assert_eq!(
        reply.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        reply.body
    );
    let error: app::error::AppError = serde_json::from_str(&reply.body).unwrap();
    let app::error::AppError::Invalid(invalid) = error else {
        panic!("{}", reply.body)
    };
    assert_eq!(invalid.error_for("email"), Some("invalid_email"));
    assert_eq!(invalid.error_for("display_name"), Some("too_short"));
    assert_eq!(invalid.error_for("password"), Some("too_short"));
    assert_eq!(invalid.value_of("email"), Some("an@"));
    assert_eq!(
        invalid.value_of("password"),
        None,
        "passwords are never sent back"
    );
    assert!(!reply.body.contains("abc123"), "{}", reply.body);
    assert!(!reply.headers.contains_key(header::SET_COOKIE));
}

async fn a_form_post_with_errors_goes_back_to_the_form_with_them(t: TestDb) {
    let app = app(&t);
    let reply = post(
        &app,
        "/api/register_account",
        "email=x&display_name=An&password=short",
        None,
        true,
    )
    .await;
    assert!(reply.status.is_redirection(), "{}", reply.status);
    let location = reply.headers[header::LOCATION].to_str().unwrap();
    assert!(
        location.starts_with("http://localhost/register?"),
        "{location}"
    );
    assert!(
        location.contains("__path=") && location.contains("__err="),
        "{location}"
    );
}

async fn registering_does_not_tell_whether_an_address_has_an_account(t: TestDb) {
    let app = app(&t);
    let first = post(&app, "/api/register_account", AN, None, true).await;
    confirm(&app, &t, "an@cantho.vn").await;
    let users = || async {
        sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM users")
            .fetch_one(&t.db)
            .await
            .unwrap()
    };
    // A stranger tries the address: the same answer as for a new one, no second account, and
    // its owner is told (once an hour, however often it is tried).
    for _ in 0..2 {
        let again = post(
            &app,
            "/api/register_account",
            &AN.replace("an%40", "AN%40").replace("m%E1%BA%ADt", "khac"),
            None,
            true,
        )
        .await;
        assert_eq!(again.status, first.status);
        assert_eq!(
            again.headers[header::LOCATION],
            first.headers[header::LOCATION]
        );
        assert!(!again.headers.contains_key(header::SET_COOKIE));
    }
    assert_eq!(users().await, 1);
    let mails = app::db::outbox::messages_to(&t.db, "an@cantho.vn")
        .await
        .unwrap();
    let kinds: Vec<&str> = mails.iter().map(|m| m.kind.as_str()).collect();
    assert_eq!(kinds, ["registration_attempt", "welcome", "confirm_email"]);
    assert!(
        mails[0].body.contains("/forgot-password"),
        "{}",
        mails[0].body
    );
    // The owner's password still works; the stranger's does not.
    let owner = post(
        &app,
        "/api/log_in",
        "email=an%40cantho.vn&password=m%E1%BA%ADt+kh%E1%BA%A9u+c%E1%BB%A7a+An",
        None,
        true,
    )
    .await;
    assert_eq!(owner.headers[header::LOCATION], "/");

    // An address never confirmed belongs to whoever opens its mail: a new registration replaces
    // the pending one, and only the newest link works.
    let binh = "email=binh%40cantho.vn&display_name=B%C3%ACnh&password=mat+khau+cua+Binh";
    post(&app, "/api/register_account", binh, None, true).await;
    let stale = confirmation_token(&t, "binh@cantho.vn").await;
    post(
        &app,
        "/api/register_account",
        &binh.replace("Binh", "Binh+that"),
        None,
        true,
    )
    .await;
    assert_eq!(users().await, 2);
    let refused = post(
        &app,
        "/api/confirm_email",
        &format!("token={stale}"),
        None,
        false,
    )
    .await;
    assert!(
        refused.body.contains("confirm_link_invalid"),
        "{}",
        refused.body
    );
    confirm(&app, &t, "binh@cantho.vn").await;
    let logged = post(
        &app,
        "/api/log_in",
        "email=binh%40cantho.vn&password=mat+khau+cua+Binh+that",
        None,
        true,
    )
    .await;
    assert_eq!(logged.headers[header::LOCATION], "/");
}

async fn logging_in_needs_the_right_password_and_logging_out_ends_the_session(t: TestDb) {
    let app = app(&t);
    post(&app, "/api/register_account", AN, None, false).await;
    confirm(&app, &t, "an@cantho.vn").await;

    let wrong = post(
        &app,
        "/api/log_in",
        "email=an%40cantho.vn&password=wrong+password",
        None,
        false,
    )
    .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(wrong.body.contains("wrong_credentials"));
    let nobody = post(
        &app,
        "/api/log_in",
        "email=binh%40cantho.vn&password=wrong+password",
        None,
        false,
    )
    .await;
    assert_eq!(nobody.status, wrong.status);
    assert_eq!(
        nobody.body.replace("binh@", "an@"),
        wrong.body,
        "an unknown address answers like a wrong password"
    );

    let login = post(
        &app,
        "/api/log_in",
        "email=AN%40cantho.vn&password=m%E1%BA%ADt+kh%E1%BA%A9u+c%E1%BB%A7a+An",
        None,
        true,
    )
    .await;
    assert!(
        login.status.is_redirection(),
        "{} {}",
        login.status,
        login.body
    );
    let cookie = session_cookie(&login);
    assert_eq!(
        current_user(&app, &cookie).await["display_name"],
        "Nguyễn Văn An"
    );

    let logout = post(&app, "/api/log_out", "", Some(&cookie), true).await;
    assert!(logout.status.is_redirection());
    assert!(
        logout.headers[header::SET_COOKIE]
            .to_str()
            .unwrap()
            .contains("Max-Age=0")
    );
    assert_eq!(
        current_user(&app, &cookie).await,
        serde_json::Value::Null,
        "the old cookie no longer works"
    );
}

async fn logging_in_goes_on_to_a_path_on_this_site_only(t: TestDb) {
    let app = app(&t);
    post(&app, "/api/register_account", AN, None, false).await;
    confirm(&app, &t, "an@cantho.vn").await;
    const CREDENTIALS: &str =
        "email=an%40cantho.vn&password=m%E1%BA%ADt+kh%E1%BA%A9u+c%E1%BB%A7a+An";

    let onsite = post(
        &app,
        "/api/log_in",
        &format!("{CREDENTIALS}&next=%2Faccount%2Fwatchlist%3Fpage%3D2"),
        None,
        true,
    )
    .await;
    assert!(onsite.status.is_redirection(), "{}", onsite.status);
    assert_eq!(
        onsite.headers[header::LOCATION],
        "/account/watchlist?page=2"
    );

    // A tab, which browsers drop from a Location, would turn the first into `//evil.example`.
    for next in [
        "%2F%09%2Fevil.example",
        "%2F%5Cevil.example",
        "%2F%2Fevil.example",
        "https%3A%2F%2Fevil.example",
    ] {
        let reply = post(
            &app,
            "/api/log_in",
            &format!("{CREDENTIALS}&next={next}"),
            None,
            true,
        )
        .await;
        assert!(reply.status.is_redirection(), "{next}: {}", reply.status);
        assert_eq!(reply.headers[header::LOCATION], "/", "{next}");
        assert!(
            reply.headers.contains_key(header::SET_COOKIE),
            "{next}: logged in all the same"
        );
    }
}

async fn forms_posted_from_another_site_are_refused(t: TestDb) {
    let app = app(&t);
    post(&app, "/api/register_account", AN, None, false).await;
    confirm(&app, &t, "an@cantho.vn").await;
    let log_in = |headers: &'static [(&'static str, &'static str)]| {
        let mut req = Request::post("/api/log_in")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "text/html");
        for (name, value) in headers {
            req = req.header(*name, *value);
        }
        let form = "email=an%40cantho.vn&password=m%E1%BA%ADt+kh%E1%BA%A9u+c%E1%BB%A7a+An";
        let app = app.clone();
        async move { send(&app, req.body(Body::from(form)).unwrap()).await }
    };
    // Login CSRF: another site's page posting the attacker's credentials into a victim's browser.
    for headers in [
        &[("origin", "http://evil.example")][..],
        &[("origin", "null")],
        &[("origin", "http://techx.test")],
        &[
            ("sec-fetch-site", "cross-site"),
            ("origin", "http://evil.example"),
        ],
        &[
            ("sec-fetch-site", "same-site"),
            ("origin", "https://shop.techx.test"),
        ],
    ] {
        let reply = log_in(headers).await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN, "{headers:?}");
        assert!(
            !reply.headers.contains_key(header::SET_COOKIE),
            "{headers:?}"
        );
    }
    let sessions: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sessions")
        .fetch_one(&t.db)
        .await
        .unwrap();
    assert_eq!(sessions, 1, "only the registration's");
    // The site's own pages, and clients that are no browser, are answered as before.
    for headers in [
        &[("origin", "https://techx.test")][..],
        &[
            ("sec-fetch-site", "same-origin"),
            ("origin", "https://techx.test"),
        ],
        &[],
    ] {
        let reply = log_in(headers).await;
        assert!(
            reply.status.is_redirection(),
            "{headers:?}: {}",
            reply.status
        );
        assert!(
            reply.headers.contains_key(header::SET_COOKIE),
            "{headers:?}"
        );
    }
}
