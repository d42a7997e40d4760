//! Registering for events: visitors confirm by a mailed link, members at once; tickets with
//! their QR code; one live registration per address; a waiting list moved up when someone
//! cancels; registration closed at the deadline; reminders the day before, sent once; and
//! tickets checked in once at the door, the page's attendance counted from them.

use axum::Router;
use axum::http::StatusCode;

use crate::on_both_databases;
use crate::support::{TestDb, error_pairs, form_value, get_with, location, member, post_form};

on_both_databases!(
    visitors_confirm_by_mail_and_the_waiting_list_moves_up_on_a_cancellation,
    registration_closes_at_the_deadline_and_reminders_go_once,
    organisers_check_tickets_in_once_and_the_count_follows,
    a_raised_capacity_moves_the_waiting_list_up,
);

async fn app(t: &TestDb) -> Router {
    crate::support::reference_data(&t.db).await;
    crate::support::test_router(t, &std::env::temp_dir())
}

/// An event starting in ten days with `capacity` seats, straight into the database.
async fn event(t: &TestDb, slug: &str, capacity: Option<i64>) -> i64 {
    let now = app::db::now_ms();
    let day = 86_400_000;
    sqlx::query_scalar(
        "INSERT INTO events (slug, kind, title, summary, description, description_html,
             starts_at, ends_at, venue, address, province_code, organiser, capacity,
             registration_deadline, created_at, updated_at)
         VALUES ($1, 'connection', $2, 'Phiên kết nối cung cầu thiết bị nông nghiệp.', 'Mô tả.',
             '<p>Mô tả.</p>', $3, $4, 'Trung tâm Hội nghị', 'Số 2 Hòa Bình', 'can-tho',
             'Sở KH&CN Cần Thơ', $5, $6, $7, $7)
         RETURNING id",
    )
    .bind(slug)
    .bind(format!("Kết nối cung cầu {slug}"))
    .bind(now + 10 * day)
    .bind(now + 10 * day + 8 * 3_600_000)
    .bind(capacity)
    .bind(now + 9 * day)
    .bind(now)
    .fetch_one(&t.db)
    .await
    .unwrap()
}

fn visitor_form(event_id: i64, name: &str, email: &str) -> String {
    format!(
        "event_id={event_id}&name={}&organisation={}&phone={}&email={}",
        form_value(name),
        form_value("Công ty TNHH Cơ khí Tây Đô"),
        form_value("0292 3820 456"),
        form_value(email)
    )
}

/// A visitor posts the registration form, as a browser (`browser`) or a script.
async fn visitor_registers(app: &Router, form: &str, browser: bool) -> crate::support::Reply {
    post_form(app, "/api/register_for_event", form, None, browser).await
}

/// The ticket code in a `/tickets/{code}?…` address.
fn code_in(location: &str) -> String {
    location
        .strip_prefix("/tickets/")
        .and_then(|rest| rest.split('?').next())
        .unwrap_or_else(|| panic!("not a ticket: {location}"))
        .to_owned()
}

/// The secret after `marker` in the newest mail of `kind` to `email`.
async fn secret_in_mail(t: &TestDb, email: &str, kind: &str, marker: &str) -> String {
    // Newest first.
    let mails = app::db::outbox::messages_to(&t.db, email).await.unwrap();
    let mail = mails
        .iter()
        .find(|m| m.kind == kind)
        .unwrap_or_else(|| panic!("a {kind} mail to {email}: {mails:?}"));
    let start = mail.body.find(marker).expect("the link") + marker.len();
    mail.body[start..]
        .chars()
        .take_while(char::is_ascii_hexdigit)
        .collect()
}

/// The bodies of the mails of `kind` to `email`, oldest first.
async fn mails(t: &TestDb, email: &str, kind: &str) -> Vec<String> {
    app::db::outbox::messages_to(&t.db, email)
        .await
        .unwrap()
        .into_iter()
        .rev()
        .filter(|m| m.kind == kind)
        .map(|m| m.body)
        .collect()
}

async fn status_of(t: &TestDb, code: &str) -> String {
    sqlx::query_scalar("SELECT status FROM event_registrations WHERE ticket_code = $1")
        .bind(code)
        .fetch_one(&t.db)
        .await
        .unwrap()
}

async fn visitors_confirm_by_mail_and_the_waiting_list_moves_up_on_a_cancellation(t: TestDb) {
    let app = app(&t).await;
    let id = event(&t, "ket-noi-thiet-bi", Some(2)).await;
    let page = get_with(&app, "/events/ket-noi-thiet-bi", None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains(r#"data-testid="register-form""#));
    assert!(page.body.contains(r#"data-testid="event-seats-left">2<"#));

    // Bad input: each fault beside its field, nothing stored.
    let refused = post_form(
        &app,
        "/api/register_for_event",
        &format!(
            "event_id={id}&name=&organisation=&phone=g%E1%BB%8Di+t%C3%B4i+nh%C3%A9&email=hoa%40"
        ),
        None,
        false,
    )
    .await;
    assert_eq!(
        error_pairs(&refused),
        [
            ("name".into(), "required".into()),
            ("email".into(), "invalid_email".into()),
            ("organisation".into(), "required".into()),
            ("phone".into(), "invalid_phone".into()),
        ]
    );
    let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM event_registrations")
        .fetch_one(&t.db)
        .await
        .unwrap();
    assert_eq!(stored, 0);
    // A plain form comes back with what was typed.
    let back = post_form(
        &app,
        "/api/register_for_event",
        &format!("event_id={id}&name=L%C3%AA+Hoa&organisation=&phone=0292&email=hoa%40x.vn"),
        None,
        true,
    )
    .await;
    assert!(location(&back).contains("__err="), "{}", location(&back));

    // A visitor registers: nothing held until the mailed link is opened.
    let hoa = "hoa@example.vn";
    let registered = visitor_registers(&app, &visitor_form(id, "Lê Thị Hoa", hoa), true).await;
    assert_eq!(
        location(&registered),
        "/events/ket-noi-thiet-bi?done=check_mail#register"
    );
    let token = secret_in_mail(&t, hoa, "registration_confirm", "/confirm-ticket?token=").await;
    assert_eq!(token.len(), 64);
    let page = get_with(&app, "/events/ket-noi-thiet-bi?done=check_mail", None).await;
    assert!(page.body.contains(r#"data-testid="event-check-mail""#));
    assert!(page.body.contains(r#"data-testid="event-registered">0<"#));

    // Opening the link changes nothing; its button confirms and shows the ticket.
    let opened = get_with(&app, &format!("/confirm-ticket?token={token}"), None).await;
    assert!(opened.body.contains(r#"data-testid="confirm-ticket""#));
    let wrong = post_form(&app, "/api/confirm_ticket", "token=abc", None, false).await;
    assert_eq!(
        error_pairs(&wrong),
        [("token".into(), "confirm_link_invalid".into())]
    );
    let confirmed = post_form(
        &app,
        "/api/confirm_ticket",
        &format!("token={token}"),
        None,
        true,
    )
    .await;
    let to = location(&confirmed);
    assert!(to.ends_with("?done=confirmed"), "{to}");
    let hoa_code = code_in(&to);
    assert_eq!(status_of(&t, &hoa_code).await, "confirmed");
    let ticket = get_with(&app, &to, None).await;
    assert_eq!(ticket.status, StatusCode::OK);
    assert!(ticket.body.contains(r#"data-testid="ticket-qr""#));
    assert!(ticket.body.contains("<svg"));
    assert!(ticket.body.contains(r#"data-status="confirmed""#));
    assert!(ticket.body.contains("Lê Thị Hoa"));
    assert!(
        !ticket.body.contains(hoa),
        "the address is not on the ticket"
    );
    // Without the cancel link, nobody can cancel it.
    assert!(!ticket.body.contains(r#"data-testid="ticket-cancel""#));
    // The link again: the same ticket, no second mail.
    let again = post_form(
        &app,
        "/api/confirm_ticket",
        &format!("token={token}"),
        None,
        true,
    )
    .await;
    assert_eq!(code_in(&location(&again)), hoa_code);
    assert_eq!(mails(&t, hoa, "registration_ticket").await.len(), 1);

    // One live registration per address.
    let twice = visitor_registers(
        &app,
        &visitor_form(id, "Lê Thị Hoa", "HOA@example.vn"),
        false,
    )
    .await;
    assert_eq!(
        error_pairs(&twice),
        [("email".into(), "already_registered".into())]
    );

    // A member takes the last seat at once, and the event page shows them their ticket.
    let (_, an) = member(&app, &t, "an@techx.test", "mật khẩu thành viên", "member").await;
    let member_form = format!("event_id={id}&organisation=&phone=");
    let taken = post_form(
        &app,
        "/api/register_for_event",
        &member_form,
        Some(&an),
        true,
    )
    .await;
    let an_code = code_in(&location(&taken));
    assert_eq!(status_of(&t, &an_code).await, "confirmed");
    assert_eq!(
        mails(&t, "an@techx.test", "registration_ticket")
            .await
            .len(),
        1
    );
    let page = get_with(&app, "/events/ket-noi-thiet-bi", Some(&an)).await;
    assert!(page.body.contains(r#"data-testid="event-mine""#));
    let account = get_with(&app, "/account", Some(&an)).await;
    assert!(account.body.contains(r#"data-testid="account-tickets""#));
    assert!(account.body.contains(&format!("/tickets/{an_code}")));
    assert!(page.body.contains(&format!("/tickets/{an_code}")));
    let twice = post_form(
        &app,
        "/api/register_for_event",
        &member_form,
        Some(&an),
        false,
    )
    .await;
    assert_eq!(
        error_pairs(&twice),
        [("event".into(), "already_registered".into())]
    );

    // Full: the next visitor confirms onto the waiting list, without a QR code.
    let page = get_with(&app, "/events/ket-noi-thiet-bi", None).await;
    assert!(page.body.contains(r#"data-testid="event-full""#));
    let binh = "binh@example.vn";
    visitor_registers(&app, &visitor_form(id, "Trần Văn Bình", binh), true).await;
    let token = secret_in_mail(&t, binh, "registration_confirm", "/confirm-ticket?token=").await;
    let waiting = post_form(
        &app,
        "/api/confirm_ticket",
        &format!("token={token}"),
        None,
        true,
    )
    .await;
    let to = location(&waiting);
    assert!(to.ends_with("?done=waiting"), "{to}");
    let binh_code = code_in(&to);
    let ticket = get_with(&app, &format!("/tickets/{binh_code}"), None).await;
    assert!(ticket.body.contains(r#"data-status="waiting""#));
    assert!(
        ticket
            .body
            .contains(r#"data-testid="ticket-waiting-position">1<"#)
    );
    assert!(!ticket.body.contains("<svg"));
    let binh_first_cancel = secret_in_mail(&t, binh, "registration_ticket", "?cancel=").await;

    // Hoa cancels by her mail's link (a wrong secret cancels nothing); Bình moves up at once,
    // mailed a new ticket whose cancel link replaces the old one.
    let wrong = post_form(
        &app,
        "/api/cancel_ticket",
        &format!("code={hoa_code}&token=deadbeef"),
        None,
        false,
    )
    .await;
    assert_eq!(
        error_pairs(&wrong),
        [("token".into(), "cancel_link_invalid".into())]
    );
    let hoa_cancel = secret_in_mail(&t, hoa, "registration_ticket", "?cancel=").await;
    let with_link = get_with(
        &app,
        &format!("/tickets/{hoa_code}?cancel={hoa_cancel}"),
        None,
    )
    .await;
    assert!(with_link.body.contains(r#"data-testid="ticket-cancel""#));
    let cancelled = post_form(
        &app,
        "/api/cancel_ticket",
        &format!("code={hoa_code}&token={hoa_cancel}"),
        None,
        true,
    )
    .await;
    assert_eq!(
        location(&cancelled),
        format!("/tickets/{hoa_code}?done=cancelled")
    );
    assert_eq!(status_of(&t, &hoa_code).await, "cancelled");
    assert_eq!(status_of(&t, &binh_code).await, "confirmed");
    let moved = mails(&t, binh, "registration_ticket").await;
    assert_eq!(moved.len(), 2);
    assert!(moved[1].contains("danh sách chờ lên"), "{}", moved[1]);
    let stale = post_form(
        &app,
        "/api/cancel_ticket",
        &format!("code={binh_code}&token={binh_first_cancel}"),
        None,
        false,
    )
    .await;
    assert_eq!(
        error_pairs(&stale),
        [("token".into(), "cancel_link_invalid".into())]
    );
    // Hoa's address is free again: she may register anew.
    let anew = visitor_registers(&app, &visitor_form(id, "Lê Thị Hoa", hoa), true).await;
    assert_eq!(
        location(&anew),
        "/events/ket-noi-thiet-bi?done=check_mail#register"
    );
    // The member cancels their own ticket from its page, without a link.
    let own = get_with(&app, &format!("/tickets/{an_code}"), Some(&an)).await;
    assert!(own.body.contains(r#"data-testid="ticket-cancel""#));
    let gone = post_form(
        &app,
        "/api/cancel_ticket",
        &format!("code={an_code}"),
        Some(&an),
        true,
    )
    .await;
    assert!(location(&gone).ends_with("?done=cancelled"));
    assert_eq!(status_of(&t, &an_code).await, "cancelled");

    assert_eq!(
        get_with(&app, "/tickets/0000-0000-0000", None).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        get_with(&app, "/tickets/nonsense", None).await.status,
        StatusCode::NOT_FOUND
    );
}

async fn registration_closes_at_the_deadline_and_reminders_go_once(t: TestDb) {
    let app = app(&t).await;
    let id = event(&t, "hoi-thao-sap-toi", None).await;
    let now = app::db::now_ms();
    sqlx::query("UPDATE events SET registration_deadline = $2 WHERE id = $1")
        .bind(id)
        .bind(now - 60_000)
        .execute(&t.db)
        .await
        .unwrap();
    let closed = visitor_registers(
        &app,
        &visitor_form(id, "Lê Thị Hoa", "hoa@example.vn"),
        false,
    )
    .await;
    assert_eq!(
        error_pairs(&closed),
        [("event".into(), "registration_closed".into())]
    );
    let page = get_with(&app, "/events/hoi-thao-sap-toi", None).await;
    assert!(
        page.body
            .contains(r#"data-testid="event-registration-closed""#)
    );
    assert!(!page.body.contains(r#"data-testid="register-form""#));
    let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM event_registrations")
        .fetch_one(&t.db)
        .await
        .unwrap();
    assert_eq!(stored, 0);

    // Open again, starting in 12 hours: a member registers; the reminder goes once, even with
    // two processes asking at the same moment.
    sqlx::query(
        "UPDATE events SET registration_deadline = NULL, starts_at = $2, ends_at = $3 WHERE id = $1",
    )
    .bind(id)
    .bind(now + 12 * 3_600_000)
    .bind(now + 20 * 3_600_000)
    .execute(&t.db)
    .await
    .unwrap();
    let (_, an) = member(&app, &t, "an@techx.test", "mật khẩu thành viên", "member").await;
    let taken = post_form(
        &app,
        "/api/register_for_event",
        &format!("event_id={id}&organisation=&phone="),
        Some(&an),
        true,
    )
    .await;
    let code = code_in(&location(&taken));
    // A visitor who never confirmed is not reminded.
    visitor_registers(
        &app,
        &visitor_form(id, "Trần Bình", "binh@example.vn"),
        true,
    )
    .await;
    let origin = crate::support::PUBLIC_URL;
    let (a, b) = tokio::join!(
        app::db::registrations::remind_due(&t.db, origin, app::db::now_ms()),
        app::db::registrations::remind_due(&t.db, origin, app::db::now_ms()),
    );
    assert_eq!(a.unwrap() + b.unwrap(), 1);
    assert_eq!(
        app::db::registrations::remind_due(&t.db, origin, app::db::now_ms())
            .await
            .unwrap(),
        0
    );
    let reminders = mails(&t, "an@techx.test", "registration_reminder").await;
    assert_eq!(reminders.len(), 1);
    assert!(reminders[0].contains(&format!("{origin}/tickets/{code}")));
    assert!(
        mails(&t, "binh@example.vn", "registration_reminder")
            .await
            .is_empty()
    );

    // Once started, registration is closed.
    sqlx::query("UPDATE events SET starts_at = $2 WHERE id = $1")
        .bind(id)
        .bind(now - 60_000)
        .execute(&t.db)
        .await
        .unwrap();
    let started =
        visitor_registers(&app, &visitor_form(id, "Phạm Cúc", "cuc@example.vn"), false).await;
    assert_eq!(
        error_pairs(&started),
        [("event".into(), "registration_closed".into())]
    );

    // Cancelled: everyone registered is told, once.
    let (_, editor) = member(&app, &t, "bt@techx.test", "mật khẩu biên tập", "editor").await;
    for _ in 0..2 {
        let cancelled = post_form(
            &app,
            "/api/event_action",
            &format!("id={id}&action=cancel"),
            Some(&editor),
            true,
        )
        .await;
        assert!(location(&cancelled).ends_with("done=cancelled"));
    }
    for email in ["an@techx.test", "binh@example.vn"] {
        let told = mails(&t, email, "event_cancelled").await;
        assert_eq!(told.len(), 1, "{email}");
        assert!(told[0].contains("/events/hoi-thao-sap-toi"));
    }
}

async fn organisers_check_tickets_in_once_and_the_count_follows(t: TestDb) {
    let app = app(&t).await;
    let id = event(&t, "cho-cong-nghe", Some(1)).await;
    let other = event(&t, "phien-khac", None).await;
    let (_, editor) = member(&app, &t, "bt@techx.test", "mật khẩu biên tập", "editor").await;
    let (_, an) = member(&app, &t, "an@techx.test", "mật khẩu thành viên", "member").await;
    let (_, binh) = member(&app, &t, "binh@techx.test", "mật khẩu thành viên", "member").await;
    let register = |cookie: String, event: i64| {
        let app = app.clone();
        async move {
            let reply = post_form(
                &app,
                "/api/register_for_event",
                &format!("event_id={event}&organisation=HTX+Phong+%C4%90i%E1%BB%81n&phone="),
                Some(&cookie),
                true,
            )
            .await;
            code_in(&location(&reply))
        }
    };
    let seat = register(an.clone(), id).await;
    let waiting = register(binh.clone(), id).await;
    let elsewhere = register(an.clone(), other).await;
    assert_eq!(status_of(&t, &waiting).await, "waiting");

    // The door is the organisers'.
    let door = get_with(&app, "/events/cho-cong-nghe/check-in", Some(&editor)).await;
    assert_eq!(door.status, StatusCode::OK);
    assert!(door.body.contains(r#"data-testid="check-in-door""#));
    assert!(door.body.contains(r#"data-testid="door-count">0<"#));
    let event_page = get_with(&app, "/events/cho-cong-nghe", Some(&editor)).await;
    assert!(event_page.body.contains("/events/cho-cong-nghe/check-in"));
    let not_theirs = get_with(&app, "/events/cho-cong-nghe/check-in", Some(&an)).await;
    assert!(!not_theirs.body.contains(r#"data-testid="check-in-door""#));
    let refused = post_form(
        &app,
        "/api/check_in_ticket",
        &format!("event_id={id}&code={seat}"),
        Some(&an),
        false,
    )
    .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);

    let check = |code: String| {
        let (app, editor) = (app.clone(), editor.clone());
        async move {
            let reply = post_form(
                &app,
                "/api/check_in_ticket",
                &format!("event_id={id}&code={}", form_value(&code)),
                Some(&editor),
                false,
            )
            .await;
            assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
            serde_json::from_str::<serde_json::Value>(&reply.body).unwrap()
        }
    };
    // Scanned: the QR code holds the ticket's address.
    let done = check(format!("https://techx.test/tickets/{seat}")).await;
    assert_eq!(done["outcome"], "done");
    assert_eq!(done["name"], "Thành viên");
    assert_eq!(done["organisation"], "HTX Phong Điền");
    assert_eq!(
        (done["checked_in"].as_i64(), done["confirmed"].as_i64()),
        (Some(1), Some(1))
    );
    // Typed, in lower case with dashes: already used.
    let typed = format!("{}-{}-{}", &seat[..4], &seat[4..8], &seat[8..]).to_lowercase();
    let again = check(typed).await;
    assert_eq!(again["outcome"], "already");
    assert!(again["at"].as_i64().is_some());
    assert_eq!(again["checked_in"], 1);
    assert_eq!(check(waiting.clone()).await["outcome"], "no_seat");
    assert_eq!(check(elsewhere).await["outcome"], "other_event");
    assert_eq!(check("ZZZZ-ZZZZ-ZZZZ".into()).await["outcome"], "unknown");
    assert_eq!(check("hello".into()).await["outcome"], "invalid");
    // Without JavaScript the door comes back with the answer in its address.
    let plain = post_form(
        &app,
        "/api/check_in_ticket",
        &format!("event_id={id}&code={seat}"),
        Some(&editor),
        true,
    )
    .await;
    let to = location(&plain);
    assert!(
        to.starts_with("/events/cho-cong-nghe/check-in?outcome=already"),
        "{to}"
    );
    let shown = get_with(&app, &to, Some(&editor)).await;
    assert!(shown.body.contains(r#"data-outcome="already""#));
    let ticket = get_with(&app, &format!("/tickets/{seat}"), None).await;
    assert!(ticket.body.contains(r#"data-testid="ticket-checked-in""#));

    // Once over, the page counts attendance from check-ins.
    let now = app::db::now_ms();
    sqlx::query("UPDATE events SET starts_at = $2, ends_at = $3 WHERE id = $1")
        .bind(id)
        .bind(now - 7_200_000)
        .bind(now - 3_600_000)
        .execute(&t.db)
        .await
        .unwrap();
    let page = get_with(&app, "/events/cho-cong-nghe", None).await;
    assert!(page.body.contains(r#"data-testid="event-attendance">1<"#));
    assert!(!page.body.contains(r#"data-testid="event-register""#));
}

async fn a_raised_capacity_moves_the_waiting_list_up(t: TestDb) {
    let app = app(&t).await;
    let id = event(&t, "phien-ket-noi", Some(1)).await;
    let (_, editor) = member(&app, &t, "bt@techx.test", "mật khẩu biên tập", "editor").await;
    let mut codes = Vec::new();
    for email in ["an@techx.test", "binh@techx.test", "cuc@techx.test"] {
        let (_, cookie) = member(&app, &t, email, "mật khẩu thành viên", "member").await;
        let reply = post_form(
            &app,
            "/api/register_for_event",
            &format!("event_id={id}&organisation=&phone="),
            Some(&cookie),
            true,
        )
        .await;
        codes.push(code_in(&location(&reply)));
    }
    assert_eq!(status_of(&t, &codes[1]).await, "waiting");
    assert_eq!(status_of(&t, &codes[2]).await, "waiting");
    // The editors make room for one more: the first waiting takes it, mailed at once.
    let form = crate::events::event_form(
        id,
        "Phiên kết nối cung cầu thiết bị",
        &[("capacity", "2".to_owned()), ("booths_open", String::new())],
    );
    let saved = post_form(&app, "/api/save_event", &form, Some(&editor), true).await;
    assert!(
        location(&saved).ends_with("done=saved"),
        "{}",
        location(&saved)
    );
    assert_eq!(status_of(&t, &codes[1]).await, "confirmed");
    assert_eq!(status_of(&t, &codes[2]).await, "waiting");
    let moved = mails(&t, "binh@techx.test", "registration_ticket").await;
    assert_eq!(moved.len(), 2);
    assert!(moved[1].contains(&format!("/tickets/{}?cancel=", codes[1])));
    assert!(
        mails(&t, "cuc@techx.test", "registration_ticket")
            .await
            .len()
            == 1
    );
}
