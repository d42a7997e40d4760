//! Passwords (change, forgotten), the device list, roles and the audit log, through the server
//! functions; mail is read from the outbox.

use axum::Router;
use axum::http::{StatusCode, header};

use crate::on_both_databases;
use crate::support::{
    PUBLIC_URL, TestDb, form_value, get_with, log_in, member, post_form, session_cookie,
    test_router,
};
use app::db::outbox;

on_both_databases!(
    registering_queues_a_welcome_mail,
    a_reset_link_sets_a_new_password_once_and_logs_out_everywhere,
    reset_requests_do_not_reveal_accounts_and_are_not_resent_at_once,
    an_expired_or_unknown_reset_link_is_refused,
    a_newer_link_a_reset_or_a_password_change_voids_older_links,
    changing_the_password_needs_the_current_one_and_logs_out_other_devices,
    members_see_and_revoke_only_their_own_sessions,
    only_administrators_manage_roles_and_every_change_is_audited,
    administrators_can_log_a_member_out_everywhere,
);

fn app(t: &TestDb) -> Router {
    test_router(t, &std::env::temp_dir())
}

fn json(body: &str) -> serde_json::Value {
    serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}: {body}"))
}

/// The field errors of a refused script call, as (field, code).
fn field_errors(body: &str) -> Vec<(String, String)> {
    let value = json(body);
    let errors = value["detail"]["errors"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    errors
        .iter()
        .map(|e| {
            (
                e["field"].as_str().unwrap().to_owned(),
                e["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn one_error(field: &str, code: &str) -> Vec<(String, String)> {
    vec![(field.to_owned(), code.to_owned())]
}

/// The token in the newest reset mail to `email`.
async fn reset_token(t: &TestDb, email: &str) -> String {
    let mails = outbox::messages_to(&t.db, email).await.unwrap();
    let mail = mails
        .iter()
        .find(|m| m.kind == "password_reset")
        .expect("a reset mail");
    let prefix = format!("{PUBLIC_URL}/reset-password?token=");
    let start = mail.body.find(&prefix).expect("the link") + prefix.len();
    mail.body[start..]
        .chars()
        .take_while(char::is_ascii_hexdigit)
        .collect()
}

/// Whether the form logs in (a refused form is also a redirect: back to the form, with the error).
async fn logs_in(app: &Router, email: &str, password: &str) -> bool {
    let reply = log_in(app, email, password).await;
    reply.status.is_redirection() && reply.headers[header::LOCATION] == "/"
}

async fn is_logged_in(app: &Router, cookie: &str) -> bool {
    let reply = get_with(app, "/api/get_current_user", Some(cookie)).await;
    assert_eq!(reply.status, StatusCode::OK);
    !json(&reply.body).is_null()
}

async fn registering_queues_a_welcome_mail(t: TestDb) {
    let app = app(&t);
    let form = "email=binh%40cantho.vn&display_name=B%C3%ACnh&password=mot+hai+ba+bon+nam";
    let reply = post_form(&app, "/api/register_account", form, None, true).await;
    assert!(reply.status.is_redirection(), "{}", reply.body);
    // First the link to confirm the address, then, once confirmed, the welcome.
    let mails = outbox::messages_to(&t.db, "binh@cantho.vn").await.unwrap();
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].kind, "confirm_email");
    assert!(
        mails[0]
            .body
            .contains(&format!("{PUBLIC_URL}/confirm-email?token=")),
        "{}",
        mails[0].body
    );
    crate::support::confirm(&app, &t, "binh@cantho.vn").await;
    let mails = outbox::messages_to(&t.db, "binh@cantho.vn").await.unwrap();
    assert_eq!(mails.len(), 2);
    assert_eq!(mails[0].kind, "welcome");
    assert_eq!(mails[0].status, "pending");
    assert!(mails[0].body.contains("Bình"), "{}", mails[0].body);
    assert!(mails[0].body.contains(&format!("{PUBLIC_URL}/account")));
}

async fn a_reset_link_sets_a_new_password_once_and_logs_out_everywhere(t: TestDb) {
    let app = app(&t);
    let (_, phone) = member(&app, &t, "an@cantho.vn", "mật khẩu cũ của An", "member").await;
    let reply = post_form(
        &app,
        "/api/request_password_reset",
        "email=AN%40cantho.vn",
        None,
        true,
    )
    .await;
    assert!(reply.status.is_redirection());
    assert_eq!(reply.headers[header::LOCATION], "/forgot-password?sent=1");
    let token = reset_token(&t, "an@cantho.vn").await;
    assert_eq!(token.len(), 64);
    let stored: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM password_resets WHERE token_hash = $1")
            .bind(&token)
            .fetch_one(&t.db)
            .await
            .unwrap();
    assert_eq!(stored, 0, "only the token's hash is stored");

    let form = format!(
        "token={token}&password={}",
        form_value("mật khẩu mới của An")
    );
    let reply = post_form(&app, "/api/reset_password", &form, None, true).await;
    assert!(
        reply.status.is_redirection(),
        "{} {}",
        reply.status,
        reply.body
    );
    assert_eq!(
        reply.headers[header::LOCATION],
        "/account?done=password_reset"
    );
    let fresh = session_cookie(&reply);
    assert!(is_logged_in(&app, &fresh).await);
    assert!(!is_logged_in(&app, &phone).await, "the old session is over");
    assert!(!logs_in(&app, "an@cantho.vn", "mật khẩu cũ của An").await);
    assert!(logs_in(&app, "an@cantho.vn", "mật khẩu mới của An").await);
    let kinds: Vec<String> = outbox::messages_to(&t.db, "an@cantho.vn")
        .await
        .unwrap()
        .into_iter()
        .map(|m| m.kind)
        .collect();
    assert_eq!(kinds, ["password_changed", "password_reset"]);

    // The same link a second time.
    let form = format!(
        "token={token}&password={}",
        form_value("một mật khẩu khác nữa")
    );
    let reply = post_form(&app, "/api/reset_password", &form, None, false).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        field_errors(&reply.body),
        one_error("token", "reset_link_invalid")
    );
    assert!(logs_in(&app, "an@cantho.vn", "mật khẩu mới của An").await);
}

async fn reset_requests_do_not_reveal_accounts_and_are_not_resent_at_once(t: TestDb) {
    let app = app(&t);
    member(&app, &t, "an@cantho.vn", "mật khẩu của An", "member").await;
    let known = post_form(
        &app,
        "/api/request_password_reset",
        "email=an%40cantho.vn",
        None,
        true,
    )
    .await;
    let unknown = post_form(
        &app,
        "/api/request_password_reset",
        "email=ai%40cantho.vn",
        None,
        true,
    )
    .await;
    assert_eq!(known.status, unknown.status);
    assert_eq!(
        known.headers[header::LOCATION],
        unknown.headers[header::LOCATION]
    );
    assert!(
        outbox::messages_to(&t.db, "ai@cantho.vn")
            .await
            .unwrap()
            .is_empty()
    );
    post_form(
        &app,
        "/api/request_password_reset",
        "email=an%40cantho.vn",
        None,
        true,
    )
    .await;
    let resets = outbox::messages_to(&t.db, "an@cantho.vn").await.unwrap();
    assert_eq!(
        resets.iter().filter(|m| m.kind == "password_reset").count(),
        1
    );

    let reply = post_form(
        &app,
        "/api/request_password_reset",
        "email=not-an-address",
        None,
        false,
    )
    .await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        field_errors(&reply.body),
        one_error("email", "invalid_email")
    );
    assert_eq!(
        json(&reply.body)["detail"]["values"][0][1],
        "not-an-address"
    );
}

async fn an_expired_or_unknown_reset_link_is_refused(t: TestDb) {
    let app = app(&t);
    let (id, _) = member(&app, &t, "an@cantho.vn", "mật khẩu của An", "member").await;
    let (token, hash) = app::auth::new_session_token();
    let mut conn = t.db.acquire().await.unwrap();
    app::db::accounts::create_password_reset(&mut conn, id, &hash, 1, 2)
        .await
        .unwrap();
    drop(conn);
    for token in [token.as_str(), "0123abcd"] {
        let form = format!(
            "token={token}&password={}",
            form_value("mật khẩu mới của An")
        );
        let reply = post_form(&app, "/api/reset_password", &form, None, false).await;
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            field_errors(&reply.body),
            one_error("token", "reset_link_invalid")
        );
    }
    // A too-short new password is reported on its field, and the link is not used up.
    let (token, hash) = app::auth::new_session_token();
    let mut conn = t.db.acquire().await.unwrap();
    app::db::accounts::create_password_reset(&mut conn, id, &hash, 1, i64::MAX)
        .await
        .unwrap();
    drop(conn);
    let reply = post_form(
        &app,
        "/api/reset_password",
        &format!("token={token}&password=short"),
        None,
        false,
    )
    .await;
    assert_eq!(
        field_errors(&reply.body),
        one_error("password", "too_short")
    );
    assert!(
        app::db::accounts::password_reset_is_usable(&t.db, &hash, 3)
            .await
            .unwrap()
    );
}

async fn changing_the_password_needs_the_current_one_and_logs_out_other_devices(t: TestDb) {
    let app = app(&t);
    let (_, laptop) = member(&app, &t, "an@cantho.vn", "mật khẩu của An", "member").await;
    let phone = session_cookie(&log_in(&app, "an@cantho.vn", "mật khẩu của An").await);

    let wrong = format!(
        "current_password={}&new_password={}",
        form_value("không phải mật khẩu"),
        form_value("mật khẩu mới của An")
    );
    let reply = post_form(&app, "/api/change_password", &wrong, Some(&laptop), false).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        field_errors(&reply.body),
        one_error("current_password", "wrong_password")
    );

    let same = format!(
        "current_password={0}&new_password={0}",
        form_value("mật khẩu của An")
    );
    let reply = post_form(&app, "/api/change_password", &same, Some(&laptop), false).await;
    assert_eq!(
        field_errors(&reply.body),
        one_error("new_password", "same_password")
    );

    let visitor = post_form(&app, "/api/change_password", &same, None, false).await;
    assert_eq!(visitor.status, StatusCode::UNAUTHORIZED);

    let good = format!(
        "current_password={}&new_password={}",
        form_value("mật khẩu của An"),
        form_value("mật khẩu mới của An")
    );
    let reply = post_form(&app, "/api/change_password", &good, Some(&laptop), true).await;
    assert!(
        reply.status.is_redirection(),
        "{} {}",
        reply.status,
        reply.body
    );
    assert_eq!(
        reply.headers[header::LOCATION],
        "/account?done=password_changed"
    );
    assert!(
        is_logged_in(&app, &laptop).await,
        "this device stays logged in"
    );
    assert!(
        !is_logged_in(&app, &phone).await,
        "the other device is logged out"
    );
    let mails = outbox::messages_to(&t.db, "an@cantho.vn").await.unwrap();
    assert_eq!(mails[0].kind, "password_changed");
    assert!(logs_in(&app, "an@cantho.vn", "mật khẩu mới của An").await);
}

async fn members_see_and_revoke_only_their_own_sessions(t: TestDb) {
    let app = app(&t);
    let (_, laptop) = member(&app, &t, "an@cantho.vn", "mật khẩu của An", "member").await;
    let phone = session_cookie(&log_in(&app, "an@cantho.vn", "mật khẩu của An").await);
    let (_, binh) = member(&app, &t, "binh@cantho.vn", "mật khẩu của Bình", "member").await;

    let reply = get_with(&app, "/api/get_account", Some(&laptop)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let account = json(&reply.body);
    assert_eq!(account["email"], "an@cantho.vn");
    assert_eq!(account["role"], "member");
    let sessions = account["sessions"].as_array().unwrap();
    assert_eq!(sessions.len(), 2);
    assert_eq!(sessions.iter().filter(|s| s["current"] == true).count(), 1);
    let other_id = sessions.iter().find(|s| s["current"] == false).unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();

    // Bình cannot revoke An's session by its id.
    let reply = post_form(
        &app,
        "/api/revoke_session",
        &format!("id={other_id}"),
        Some(&binh),
        false,
    )
    .await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    assert!(is_logged_in(&app, &phone).await);

    let reply = post_form(
        &app,
        "/api/revoke_session",
        &format!("id={other_id}"),
        Some(&laptop),
        true,
    )
    .await;
    assert!(reply.status.is_redirection());
    assert!(!is_logged_in(&app, &phone).await);
    assert!(is_logged_in(&app, &laptop).await);

    let tablet = session_cookie(&log_in(&app, "an@cantho.vn", "mật khẩu của An").await);
    let reply = post_form(&app, "/api/revoke_other_sessions", "", Some(&laptop), true).await;
    assert!(reply.status.is_redirection());
    assert!(!is_logged_in(&app, &tablet).await);
    assert!(is_logged_in(&app, &laptop).await);
    assert!(
        is_logged_in(&app, &binh).await,
        "other members are untouched"
    );

    assert_eq!(
        get_with(&app, "/api/get_account", None).await.status,
        StatusCode::UNAUTHORIZED
    );
}

async fn only_administrators_manage_roles_and_every_change_is_audited(t: TestDb) {
    let app = app(&t);
    let (admin_id, admin) = member(&app, &t, "admin@cantho.vn", "mật khẩu quản trị", "admin").await;
    let (moderator_id, moderator) = member(
        &app,
        &t,
        "kiemduyet@cantho.vn",
        "mật khẩu kiểm duyệt",
        "moderator",
    )
    .await;
    let (an_id, an) = member(&app, &t, "an@cantho.vn", "mật khẩu của An", "member").await;

    assert_eq!(
        get_with(&app, "/api/list_users?q=&page=1", None)
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    for cookie in [&an, &moderator] {
        assert_eq!(
            get_with(&app, "/api/list_users?q=&page=1", Some(cookie))
                .await
                .status,
            StatusCode::FORBIDDEN
        );
        let reply = post_form(
            &app,
            "/api/set_user_role",
            &format!("user_id={an_id}&role=admin"),
            Some(cookie),
            false,
        )
        .await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN);
    }
    let role: String = sqlx::query_scalar("SELECT role FROM users WHERE id = $1")
        .bind(an_id)
        .fetch_one(&t.db)
        .await
        .unwrap();
    assert_eq!(role, "member");

    let reply = get_with(&app, "/api/list_users?q=CANTHO&page=1", Some(&admin)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let list = json(&reply.body);
    assert_eq!(list["members"]["total"], 3);
    assert_eq!(list["viewer_id"], admin_id);
    let reply = get_with(&app, "/api/list_users?q=kiemduyet&page=1", Some(&admin)).await;
    assert_eq!(json(&reply.body)["members"]["items"][0]["id"], moderator_id);

    let form = format!("user_id={an_id}&role=moderator&return_to=%2Fadmin%2Fusers%3Fq%3Dan");
    let reply = post_form(&app, "/api/set_user_role", &form, Some(&admin), true).await;
    assert!(
        reply.status.is_redirection(),
        "{} {}",
        reply.status,
        reply.body
    );
    assert_eq!(reply.headers[header::LOCATION], "/admin/users?q=an");
    let me = json(
        &get_with(&app, "/api/get_current_user", Some(&an))
            .await
            .body,
    );
    assert_eq!(me["role"], "moderator", "the new role applies at once");

    let reply = post_form(
        &app,
        "/api/set_user_role",
        &format!("user_id={admin_id}&role=member"),
        Some(&admin),
        false,
    )
    .await;
    assert_eq!(field_errors(&reply.body), one_error("role", "own_role"));
    let reply = post_form(
        &app,
        "/api/set_user_role",
        &format!("user_id={an_id}&role=owner"),
        Some(&admin),
        false,
    )
    .await;
    assert_eq!(field_errors(&reply.body), one_error("role", "invalid_role"));
    let reply = post_form(
        &app,
        "/api/set_user_role",
        "user_id=999999&role=member",
        Some(&admin),
        false,
    )
    .await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    // Off-site return paths are ignored.
    let form = format!("user_id={an_id}&role=member&return_to=%2F%2Fevil.example");
    let reply = post_form(&app, "/api/set_user_role", &form, Some(&admin), true).await;
    assert_eq!(reply.headers[header::LOCATION], "/admin/users");

    let audit = app::db::audit::recent(&t.db, 10).await.unwrap();
    let lines: Vec<(String, i64, String)> = audit
        .into_iter()
        .map(|a| (a.action, a.subject_id, a.detail))
        .collect();
    assert_eq!(
        lines,
        [
            (
                "role_changed".to_owned(),
                an_id,
                "moderator → member".to_owned()
            ),
            (
                "role_changed".to_owned(),
                an_id,
                "member → moderator".to_owned()
            ),
        ]
    );
    let list = json(
        &get_with(&app, "/api/list_users?q=&page=1", Some(&admin))
            .await
            .body,
    );
    assert_eq!(list["audit"][0]["actor"], "Thành viên");
    assert_eq!(list["audit"][0]["subject"], format!("user:{an_id}"));
}

async fn administrators_can_log_a_member_out_everywhere(t: TestDb) {
    let app = app(&t);
    let (_, admin) = member(&app, &t, "admin@cantho.vn", "mật khẩu quản trị", "admin").await;
    let (an_id, an) = member(&app, &t, "an@cantho.vn", "mật khẩu của An", "member").await;
    let reply = post_form(
        &app,
        "/api/revoke_user_sessions",
        &format!("user_id={an_id}"),
        Some(&an),
        false,
    )
    .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    let reply = post_form(
        &app,
        "/api/revoke_user_sessions",
        &format!("user_id={an_id}"),
        Some(&admin),
        true,
    )
    .await;
    assert!(reply.status.is_redirection());
    assert!(!is_logged_in(&app, &an).await);
    assert!(is_logged_in(&app, &admin).await);
    let audit = app::db::audit::recent(&t.db, 1).await.unwrap();
    assert_eq!(audit[0].action, "sessions_revoked");
    assert_eq!(audit[0].detail, "1");
}

/// Stores a reset link for `user_id` the way an older server did (older links left usable), as
/// mailed ten minutes ago, and returns its token.
async fn stored_link(t: &TestDb, user_id: i64, token: &str) -> String {
    let now = app::db::now_ms() - 600_000;
    sqlx::query(
        "INSERT INTO password_resets (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(app::auth::session_token_hash(token))
    .bind(user_id)
    .bind(now)
    .bind(now + 3_600_000)
    .execute(&t.db)
    .await
    .unwrap();
    token.to_owned()
}

async fn reset_with(
    app: &Router,
    token: &str,
    password: &str,
) -> (StatusCode, Vec<(String, String)>) {
    let form = format!("token={token}&password={}", form_value(password));
    let reply = post_form(app, "/api/reset_password", &form, None, false).await;
    let errors = if reply.status.is_success() {
        Vec::new()
    } else {
        field_errors(&reply.body)
    };
    (reply.status, errors)
}

async fn a_newer_link_a_reset_or_a_password_change_voids_older_links(t: TestDb) {
    let app = app(&t);
    let (an, _) = member(&app, &t, "an@cantho.vn", "mật khẩu của An", "member").await;
    let spent = one_error("token", "reset_link_invalid");

    // A newer link voids the one mailed before it.
    let older = stored_link(&t, an, &"a1".repeat(32)).await;
    let reply = post_form(
        &app,
        "/api/request_password_reset",
        "email=an%40cantho.vn",
        None,
        true,
    )
    .await;
    assert!(reply.status.is_redirection());
    let newest = reset_token(&t, "an@cantho.vn").await;
    assert_ne!(newest, older);
    assert_eq!(
        reset_with(&app, &older, "mật khẩu mới số một").await.1,
        spent
    );

    // A successful reset voids every other link still out there.
    let other = stored_link(&t, an, &"b2".repeat(32)).await;
    let (status, errors) = reset_with(&app, &newest, "mật khẩu mới số một").await;
    assert!(status.is_success(), "{status} {errors:?}");
    assert_eq!(
        reset_with(&app, &other, "mật khẩu mới số hai").await.1,
        spent
    );

    // So does changing the password while logged in.
    let stale = stored_link(&t, an, &"c3".repeat(32)).await;
    let session = session_cookie(&log_in(&app, "an@cantho.vn", "mật khẩu mới số một").await);
    let form = format!(
        "current_password={}&new_password={}",
        form_value("mật khẩu mới số một"),
        form_value("mật khẩu mới số ba")
    );
    let reply = post_form(&app, "/api/change_password", &form, Some(&session), true).await;
    assert!(reply.status.is_redirection(), "{}", reply.body);
    assert_eq!(
        reply.headers[header::LOCATION],
        "/account?done=password_changed"
    );
    assert_eq!(
        reset_with(&app, &stale, "mật khẩu mới số bốn").await.1,
        spent
    );
    assert!(logs_in(&app, "an@cantho.vn", "mật khẩu mới số ba").await);
}
