//! A stall's team: its owner invites colleagues by e-mail, they join through the mailed link with
//! the invited account, the owner removes members and members leave — with the checks that keep
//! everyone else out.

use axum::Router;
use axum::http::{StatusCode, header};

use crate::on_both_databases;
use crate::support::{
    Reply, TestDb, form_value, get_with, join_stall, member, post_form, reference_data, stall,
    test_router,
};
use app::db::outbox;

on_both_databases!(
    an_owner_invites_a_colleague_who_joins_through_the_mailed_link,
    a_link_works_once_for_the_invited_account_only,
    bad_invitations_are_refused_next_to_the_address,
    inviting_one_address_again_and_again_is_limited_too,
    only_the_owner_manages_the_team_and_members_can_leave,
);

fn app(t: &TestDb) -> Router {
    test_router(t, &std::env::temp_dir())
}

fn json(reply: &Reply) -> serde_json::Value {
    serde_json::from_str(&reply.body).unwrap_or_else(|e| panic!("{e}: {}", reply.body))
}

fn location(reply: &Reply) -> &str {
    assert!(
        reply.status.is_redirection(),
        "{} {}",
        reply.status,
        reply.body
    );
    reply.headers[header::LOCATION].to_str().unwrap()
}

/// An approved stall owned by `owner_id`.
async fn owned_stall(t: &TestDb, owner_id: i64) -> i64 {
    let id = stall(&t.db, "co-khi-tay-do", "Cơ khí Tây Đô", "approved").await;
    join_stall(&t.db, id, owner_id, "owner").await;
    id
}

async fn invite(app: &Router, cookie: &str, stall_id: i64, email: &str, browser: bool) -> Reply {
    let form = format!("stall_id={stall_id}&email={}", form_value(email));
    post_form(app, "/api/invite_to_stall", &form, Some(cookie), browser).await
}

/// The token in the newest invitation mailed to `email`.
async fn mailed_token(t: &TestDb, email: &str) -> String {
    let mails = outbox::messages_to(&t.db, email).await.unwrap();
    let mail = mails
        .iter()
        .find(|m| m.kind == "stall_invitation")
        .expect("an invitation mail");
    let start = mail.body.find("token=").expect("a link") + "token=".len();
    mail.body[start..]
        .split_whitespace()
        .next()
        .unwrap()
        .to_owned()
}

async fn invitation(app: &Router, token: &str, cookie: Option<&str>) -> Reply {
    get_with(app, &format!("/api/get_invitation?token={token}"), cookie).await
}

/// Answers as a browser's plain form post (redirects) or, for `.status`, as a script (errors).
async fn answer(app: &Router, cookie: Option<&str>, token: &str, answer: &str) -> Reply {
    let form = format!("token={token}&answer={answer}");
    post_form(app, "/api/answer_invitation", &form, cookie, true).await
}

async fn answer_status(
    app: &Router,
    cookie: Option<&str>,
    token: &str,
    answer: &str,
) -> StatusCode {
    let form = format!("token={token}&answer={answer}");
    post_form(app, "/api/answer_invitation", &form, cookie, false)
        .await
        .status
}

async fn team(app: &Router, cookie: &str, stall_id: i64) -> Reply {
    get_with(
        app,
        &format!("/api/get_stall_team?id={stall_id}"),
        Some(cookie),
    )
    .await
}

async fn remove(app: &Router, cookie: &str, stall_id: i64, user_id: i64) -> Reply {
    let form = format!("stall_id={stall_id}&user_id={user_id}");
    post_form(app, "/api/remove_stall_member", &form, Some(cookie), true).await
}

async fn remove_status(app: &Router, cookie: &str, stall_id: i64, user_id: i64) -> StatusCode {
    let form = format!("stall_id={stall_id}&user_id={user_id}");
    post_form(app, "/api/remove_stall_member", &form, Some(cookie), false)
        .await
        .status
}

fn member_emails(team: &serde_json::Value) -> Vec<(String, String)> {
    team["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["email"].as_str().unwrap().to_owned(),
                m["role"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

async fn an_owner_invites_a_colleague_who_joins_through_the_mailed_link(t: TestDb) {
    reference_data(&t.db).await;
    let app = app(&t);
    let (an_id, an) = member(&app, &t, "an@cantho.vn", "mật khẩu của An", "member").await;
    let (_, binh) = member(&app, &t, "binh@cantho.vn", "mật khẩu của Bình", "member").await;
    let stall_id = owned_stall(&t, an_id).await;

    // Typed with spaces and capitals: the address is kept as accounts keep theirs.
    let reply = invite(&app, &an, stall_id, "  Binh@CanTho.vn ", true).await;
    assert_eq!(
        location(&reply),
        format!("/account/stalls/{stall_id}/team?done=invited")
    );
    let owner_view = json(&team(&app, &an, stall_id).await);
    assert_eq!(owner_view["invitations"][0]["email"], "binh@cantho.vn");
    assert_eq!(owner_view["stall"]["role"], "owner");

    let token = mailed_token(&t, "binh@cantho.vn").await;
    let mail = &outbox::messages_to(&t.db, "binh@cantho.vn").await.unwrap()[0];
    assert!(mail.subject.contains("Cơ khí Tây Đô"), "{}", mail.subject);
    assert!(
        mail.body.contains(&format!(
            "https://techx.test/stall-invitation?token={token}"
        )),
        "{}",
        mail.body
    );

    // A visitor opening the link sees what it is and is asked to log in.
    let seen = json(&invitation(&app, &token, None).await);
    assert_eq!(seen["state"], "open");
    assert_eq!(seen["stall_name"], "Cơ khí Tây Đô");
    assert_eq!(seen["email"], "binh@cantho.vn");
    assert_eq!(seen["logged_in"], false);
    let seen = json(&invitation(&app, &token, Some(&binh)).await);
    assert_eq!(
        (seen["logged_in"].clone(), seen["for_viewer"].clone()),
        (true.into(), true.into())
    );

    let reply = answer(&app, Some(&binh), &token, "accept").await;
    assert_eq!(location(&reply), "/account/stalls?done=joined");
    let binh_stalls = json(&get_with(&app, "/api/get_own_stalls", Some(&binh)).await);
    assert_eq!(binh_stalls[0]["id"], stall_id);
    assert_eq!(binh_stalls[0]["role"], "member");
    // As a member, Bình works for the stall (its listings and buyers); its profile stays the
    // owner's to edit.
    let editor = get_with(
        &app,
        &format!("/api/get_stall_editor?id={stall_id}"),
        Some(&binh),
    )
    .await;
    assert_eq!(editor.status, StatusCode::FORBIDDEN);

    let member_view = json(&team(&app, &binh, stall_id).await);
    assert_eq!(
        member_emails(&member_view),
        [
            ("an@cantho.vn".to_owned(), "owner".to_owned()),
            ("binh@cantho.vn".to_owned(), "member".to_owned())
        ]
    );
    assert_eq!(member_view["invitations"], serde_json::json!([]));
    let owner_view = json(&team(&app, &an, stall_id).await);
    assert_eq!(owner_view["invitations"], serde_json::json!([]), "answered");

    let audit: Vec<String> = app::db::audit::recent(&t.db, 10)
        .await
        .unwrap()
        .into_iter()
        .map(|a| a.action)
        .collect();
    assert_eq!(audit, ["stall_invitation_accepted", "stall_member_invited"]);
}

async fn a_link_works_once_for_the_invited_account_only(t: TestDb) {
    reference_data(&t.db).await;
    let app = app(&t);
    let (an_id, an) = member(&app, &t, "an@cantho.vn", "mật khẩu của An", "member").await;
    let (_, binh) = member(&app, &t, "binh@cantho.vn", "mật khẩu của Bình", "member").await;
    let (_, chi) = member(&app, &t, "chi@cantho.vn", "mật khẩu của Chi", "member").await;
    let stall_id = owned_stall(&t, an_id).await;
    invite(&app, &an, stall_id, "binh@cantho.vn", true).await;
    let token = mailed_token(&t, "binh@cantho.vn").await;

    // Chi has the link (a forwarded mail) but not the invited address.
    let seen = json(&invitation(&app, &token, Some(&chi)).await);
    assert_eq!(seen["for_viewer"], false);
    assert_eq!(
        answer_status(&app, Some(&chi), &token, "accept").await,
        StatusCode::FORBIDDEN
    );
    assert!(
        json(&get_with(&app, "/api/get_own_stalls", Some(&chi)).await)
            .as_array()
            .unwrap()
            .is_empty()
    );
    // Visitors must log in; a made-up token is unknown.
    assert_eq!(
        answer_status(&app, None, &token, "accept").await,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        invitation(&app, "khong-co", None).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        answer_status(&app, Some(&binh), &token, "maybe").await,
        StatusCode::BAD_REQUEST
    );

    // Inviting again sends a new link; the old one stops working.
    invite(&app, &an, stall_id, "binh@cantho.vn", true).await;
    let renewed = mailed_token(&t, "binh@cantho.vn").await;
    assert_ne!(renewed, token);
    assert_eq!(
        invitation(&app, &token, None).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        json(&team(&app, &an, stall_id).await)["invitations"]
            .as_array()
            .unwrap()
            .len(),
        1,
        "one open invitation per address"
    );

    // Declining: the link is spent, no membership; answering again changes nothing.
    let reply = answer(&app, Some(&binh), &renewed, "decline").await;
    assert_eq!(location(&reply), "/account/stalls?done=declined");
    let reply = answer(&app, Some(&binh), &renewed, "accept").await;
    assert_eq!(
        location(&reply),
        format!("/stall-invitation?token={renewed}")
    );
    assert_eq!(
        json(&invitation(&app, &renewed, Some(&binh)).await)["state"],
        "declined"
    );
    assert!(
        json(&get_with(&app, "/api/get_own_stalls", Some(&binh)).await)
            .as_array()
            .unwrap()
            .is_empty()
    );

    // An expired link cannot be used.
    invite(&app, &an, stall_id, "binh@cantho.vn", true).await;
    let late = mailed_token(&t, "binh@cantho.vn").await;
    sqlx::query("UPDATE stall_invitations SET expires_at = 1 WHERE status = 'pending'")
        .execute(&t.db)
        .await
        .unwrap();
    assert_eq!(
        json(&invitation(&app, &late, Some(&binh)).await)["state"],
        "expired"
    );
    answer(&app, Some(&binh), &late, "accept").await;
    assert!(
        json(&get_with(&app, "/api/get_own_stalls", Some(&binh)).await)
            .as_array()
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        json(&team(&app, &an, stall_id).await)["invitations"],
        serde_json::json!([]),
        "expired invitations are not listed as waiting"
    );

    // A withdrawn one neither.
    invite(&app, &an, stall_id, "binh@cantho.vn", true).await;
    let withdrawn = mailed_token(&t, "binh@cantho.vn").await;
    let waiting = json(&team(&app, &an, stall_id).await);
    let invitation_id = waiting["invitations"][0]["id"].as_i64().unwrap();
    let reply = post_form(
        &app,
        "/api/cancel_stall_invitation",
        &format!("stall_id={stall_id}&invitation_id={invitation_id}"),
        Some(&an),
        true,
    )
    .await;
    assert_eq!(
        location(&reply),
        format!("/account/stalls/{stall_id}/team?done=cancelled")
    );
    assert_eq!(
        json(&invitation(&app, &withdrawn, Some(&binh)).await)["state"],
        "cancelled"
    );
    answer(&app, Some(&binh), &withdrawn, "accept").await;
    assert!(
        json(&get_with(&app, "/api/get_own_stalls", Some(&binh)).await)
            .as_array()
            .unwrap()
            .is_empty()
    );
}

async fn bad_invitations_are_refused_next_to_the_address(t: TestDb) {
    reference_data(&t.db).await;
    let app = app(&t);
    let (an_id, an) = member(&app, &t, "an@cantho.vn", "mật khẩu của An", "member").await;
    let stall_id = owned_stall(&t, an_id).await;
    let refused = |reply: &Reply| {
        assert_eq!(
            reply.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            reply.body
        );
        let body = json(reply);
        (
            body["detail"]["errors"][0]["field"]
                .as_str()
                .unwrap()
                .to_owned(),
            body["detail"]["errors"][0]["code"]
                .as_str()
                .unwrap()
                .to_owned(),
            body["detail"]["values"][0][1].as_str().unwrap().to_owned(),
        )
    };
    let reply = invite(&app, &an, stall_id, "binh@", false).await;
    assert_eq!(
        refused(&reply),
        ("email".into(), "invalid_email".into(), "binh@".into()),
        "the address typed stays in the form"
    );
    let reply = invite(&app, &an, stall_id, "", false).await;
    assert_eq!(refused(&reply).1, "required");
    let reply = invite(&app, &an, stall_id, "AN@cantho.vn", false).await;
    assert_eq!(refused(&reply).1, "already_member");

    for n in 0..app::domain::stall_limits::OPEN_INVITATIONS {
        let reply = invite(&app, &an, stall_id, &format!("nguoi{n}@cantho.vn"), true).await;
        location(&reply);
    }
    let reply = invite(&app, &an, stall_id, "mot-nguoi-nua@cantho.vn", false).await;
    assert_eq!(refused(&reply).1, "too_many_invitations");
    // Renewing one of them would be the day's 21st invitation mail.
    let reply = invite(&app, &an, stall_id, "nguoi0@cantho.vn", false).await;
    assert_eq!(
        refused(&reply),
        (
            "email".into(),
            "too_many_invitation_mails".into(),
            "nguoi0@cantho.vn".into()
        )
    );
    let mails = |email: &'static str| {
        let db = t.db.clone();
        async move { outbox::messages_to(&db, email).await.unwrap().len() }
    };
    assert_eq!(mails("mot-nguoi-nua@cantho.vn").await, 0);
    assert_eq!(mails("nguoi0@cantho.vn").await, 1);
    // A day later the stall may mail again: renewing is allowed.
    sqlx::query("UPDATE audit_log SET created_at = created_at - 86400000")
        .execute(&t.db)
        .await
        .unwrap();
    location(&invite(&app, &an, stall_id, "nguoi0@cantho.vn", true).await);
    assert_eq!(mails("nguoi0@cantho.vn").await, 2);
}

async fn inviting_one_address_again_and_again_is_limited_too(t: TestDb) {
    reference_data(&t.db).await;
    let app = app(&t);
    let (an_id, an) = member(&app, &t, "an@cantho.vn", "mật khẩu của An", "member").await;
    let stall_id = owned_stall(&t, an_id).await;
    let per_day = app::domain::stall_limits::INVITATION_MAILS_PER_DAY;
    for _ in 0..per_day {
        location(&invite(&app, &an, stall_id, "binh@cantho.vn", true).await);
    }
    let reply = invite(&app, &an, stall_id, "binh@cantho.vn", false).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        json(&reply)["detail"]["errors"][0]["code"],
        "too_many_invitation_mails"
    );
    let mailed = outbox::messages_to(&t.db, "binh@cantho.vn").await.unwrap();
    assert_eq!(mailed.len(), usize::try_from(per_day).unwrap());
    // The form says why, in the member's language.
    assert_eq!(
        app::components::form::field_error_text(
            app::i18n::Locale::Vi.messages(),
            "too_many_invitation_mails"
        ),
        "Gian hàng đã gửi 20 lời mời trong 24 giờ qua; hãy thử lại vào ngày mai."
    );
}

async fn only_the_owner_manages_the_team_and_members_can_leave(t: TestDb) {
    reference_data(&t.db).await;
    let app = app(&t);
    let (an_id, an) = member(&app, &t, "an@cantho.vn", "mật khẩu của An", "member").await;
    let (binh_id, binh) = member(&app, &t, "binh@cantho.vn", "mật khẩu của Bình", "member").await;
    let (chi_id, chi) = member(&app, &t, "chi@cantho.vn", "mật khẩu của Chi", "member").await;
    let (_, admin) = member(&app, &t, "qt@cantho.vn", "mật khẩu quản trị", "admin").await;
    let stall_id = owned_stall(&t, an_id).await;
    join_stall(&t.db, stall_id, binh_id, "member").await;

    // Outsiders — even an administrator — do not see the team, and ids reveal nothing.
    for cookie in [&chi, &admin] {
        assert_eq!(
            team(&app, cookie, stall_id).await.status,
            StatusCode::NOT_FOUND
        );
        let reply = invite(&app, cookie, stall_id, "x@cantho.vn", false).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND);
        assert_eq!(
            remove_status(&app, cookie, stall_id, binh_id).await,
            StatusCode::NOT_FOUND
        );
    }
    // A member sees the team but does not manage it.
    let seen = json(&team(&app, &binh, stall_id).await);
    assert_eq!(seen["stall"]["role"], "member");
    assert_eq!(
        invite(&app, &binh, stall_id, "x@cantho.vn", false)
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        remove_status(&app, &binh, stall_id, an_id).await,
        StatusCode::FORBIDDEN
    );
    assert!(
        outbox::messages_to(&t.db, "x@cantho.vn")
            .await
            .unwrap()
            .is_empty()
    );

    // Nobody removes the owner, not even the owner.
    assert_eq!(
        remove_status(&app, &an, stall_id, an_id).await,
        StatusCode::NOT_FOUND
    );
    // The owner removes a member, who then loses the stall.
    let reply = remove(&app, &an, stall_id, binh_id).await;
    assert_eq!(
        location(&reply),
        format!("/account/stalls/{stall_id}/team?done=removed")
    );
    assert_eq!(
        team(&app, &binh, stall_id).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        get_with(
            &app,
            &format!("/api/get_stall_editor?id={stall_id}"),
            Some(&binh)
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
    // A member leaves by themselves.
    join_stall(&t.db, stall_id, chi_id, "member").await;
    let reply = remove(&app, &chi, stall_id, chi_id).await;
    assert_eq!(location(&reply), "/account/stalls?done=left");
    assert_eq!(
        member_emails(&json(&team(&app, &an, stall_id).await)),
        [("an@cantho.vn".to_owned(), "owner".to_owned())]
    );
}
