//! Members open stalls, moderators review them: through the server functions, with the checks
//! that keep one member out of another's stall.

use axum::Router;
use axum::http::{StatusCode, header};

use crate::on_both_databases;
use crate::support::{
    TestDb, error_pairs, form_value, get_with, member, post_form, reference_data, send, test_router,
};
use app::db::outbox;

on_both_databases!(
    a_member_opens_a_stall_that_stays_hidden_until_approved,
    a_bad_stall_form_reports_every_field_and_keeps_what_was_typed,
    a_refused_stall_shows_its_reason_and_goes_back_to_review_when_edited,
    members_cannot_touch_other_members_stalls,
    only_moderators_review_and_only_once,
    same_names_get_distinct_addresses,
    decisions_reach_members_in_the_language_they_use,
    a_stall_works_in_several_sectors,
    only_owners_edit_and_changes_to_an_approved_stall_wait_for_review,
    nobody_decides_their_own_and_a_stale_form_says_so,
);

fn app(t: &TestDb) -> Router {
    test_router(t, &std::env::temp_dir())
}

fn json(body: &str) -> serde_json::Value {
    serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}: {body}"))
}

fn stall_form(name: &str) -> String {
    [
        ("name", name),
        ("org_kind", "company"),
        ("sector_code", "co-khi"),
        ("province_code", "can-tho"),
        (
            "description",
            "Chế tạo máy sấy lúa và máy gặt đập liên hợp cho nông dân Đồng bằng sông Cửu Long.",
        ),
        ("address", "12 Trần Hưng Đạo, Ninh Kiều, Cần Thơ"),
        ("phone", "0292 3812 345"),
        ("email", "lienhe@taydo.vn"),
        ("website", "https://taydo.vn"),
        ("contact_person", "Nguyễn Văn Tây"),
        ("founded_year", "1998"),
        ("certifications", "ISO 9001, HACCP"),
    ]
    .iter()
    .map(|(k, v)| format!("{k}={}", form_value(v)))
    .collect::<Vec<_>>()
    .join("&")
}

/// Opens a stall as `cookie` and returns its id.
async fn open_stall(app: &Router, cookie: &str, name: &str) -> i64 {
    let reply = post_form(
        app,
        "/api/create_stall",
        &stall_form(name),
        Some(cookie),
        true,
    )
    .await;
    assert!(
        reply.status.is_redirection(),
        "{} {}",
        reply.status,
        reply.body
    );
    let location = reply.headers[header::LOCATION].to_str().unwrap().to_owned();
    assert!(
        location.starts_with("/account/stalls?done=submitted"),
        "{location}"
    );
    location.rsplit("stall=").next().unwrap().parse().unwrap()
}

async fn own_stalls(app: &Router, cookie: &str) -> serde_json::Value {
    let reply = get_with(app, "/api/get_own_stalls", Some(cookie)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    json(&reply.body)
}

async fn public_status(app: &Router, slug: &str) -> StatusCode {
    get_with(
        app,
        &format!("/api/get_stall?slug={slug}&query[page]=1"),
        None,
    )
    .await
    .status
}

async fn decide(
    app: &Router,
    cookie: &str,
    id: i64,
    decision: &str,
    reason: &str,
) -> crate::support::Reply {
    let seen = crate::support::seen(app, cookie, "stalls", "id", id).await;
    let form = format!(
        "id={id}&seen={seen}&decision={decision}&reason={}",
        form_value(reason)
    );
    post_form(app, "/api/decide_stall", &form, Some(cookie), false).await
}

async fn a_member_opens_a_stall_that_stays_hidden_until_approved(t: TestDb) {
    reference_data(&t.db).await;
    let app = app(&t);
    let (_, an) = member(&app, &t, "an@cantho.vn", "mật khẩu của An", "member").await;
    let (_, moderator) = member(&app, &t, "kd@cantho.vn", "mật khẩu kiểm duyệt", "moderator").await;
    let id = open_stall(&app, &an, "Công ty TNHH Cơ khí Tây Đô").await;

    let mine = own_stalls(&app, &an).await;
    assert_eq!(mine[0]["id"], id);
    assert_eq!(mine[0]["status"], "pending");
    assert_eq!(mine[0]["role"], "owner");
    let slug = mine[0]["slug"].as_str().unwrap().to_owned();
    assert_eq!(slug, "cong-ty-tnhh-co-khi-tay-do");
    assert_eq!(
        public_status(&app, &slug).await,
        StatusCode::NOT_FOUND,
        "pending stalls are not public"
    );

    let queue = json(
        &get_with(&app, "/api/get_moderation_queue", Some(&moderator))
            .await
            .body,
    );
    assert_eq!(queue["pending_stalls"], 1);
    assert_eq!(queue["stalls"][0]["name"], "Công ty TNHH Cơ khí Tây Đô");
    assert_eq!(queue["stalls"][0]["submitted_email"], "an@cantho.vn");
    assert_eq!(
        queue["stalls"][0]["certifications"],
        serde_json::json!(["ISO 9001", "HACCP"])
    );

    let seen = crate::support::seen(&app, &moderator, "stalls", "id", id).await;
    let reply = post_form(
        &app,
        "/api/decide_stall",
        &format!("id={id}&seen={seen}&decision=approve"),
        Some(&moderator),
        true,
    )
    .await;
    assert_eq!(
        reply.headers[header::LOCATION],
        "/moderation?done=stall_approved"
    );
    let page = get_with(
        &app,
        &format!("/api/get_stall?slug={slug}&query[page]=1"),
        None,
    )
    .await;
    assert_eq!(page.status, StatusCode::OK);
    let page = json(&page.body);
    assert_eq!(page["stall"]["contact_person"], "Nguyễn Văn Tây");
    assert_eq!(page["stall"]["certifications"], "ISO 9001, HACCP");

    let mails = outbox::messages_to(&t.db, "an@cantho.vn").await.unwrap();
    assert_eq!(mails[0].kind, "moderation_result");
    assert!(
        mails[0].body.contains(&format!("/stalls/{slug}")),
        "{}",
        mails[0].body
    );
    let audit: Vec<String> = app::db::audit::recent(&t.db, 10)
        .await
        .unwrap()
        .into_iter()
        .map(|a| a.action)
        .collect();
    assert_eq!(audit, ["stall_approved", "stall_submitted"]);
}

async fn a_bad_stall_form_reports_every_field_and_keeps_what_was_typed(t: TestDb) {
    reference_data(&t.db).await;
    let app = app(&t);
    let (_, an) = member(&app, &t, "an@cantho.vn", "mật khẩu của An", "member").await;
    let form = stall_form("X")
        .replace("org_kind=company", "org_kind=gang")
        .replace(
            "website=https%3A%2F%2Ftaydo.vn",
            "website=javascript%3Aalert(1)",
        )
        .replace("phone=0292", "phone=g%E1%BB%8Di");
    let reply = post_form(&app, "/api/create_stall", &form, Some(&an), false).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    let body = json(&reply.body);
    let fields: Vec<&str> = body["detail"]["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["name", "org_kind", "phone", "website"]);
    let values = body["detail"]["values"].as_array().unwrap();
    assert!(
        values
            .iter()
            .any(|v| v[0] == "description" && v[1].as_str().unwrap().starts_with("Chế tạo"))
    );
    assert!(own_stalls(&app, &an).await.as_array().unwrap().is_empty());

    let visitor = post_form(
        &app,
        "/api/create_stall",
        &stall_form("Cơ khí Tây Đô"),
        None,
        false,
    )
    .await;
    assert_eq!(visitor.status, StatusCode::UNAUTHORIZED);
}

async fn a_refused_stall_shows_its_reason_and_goes_back_to_review_when_edited(t: TestDb) {
    reference_data(&t.db).await;
    let app = app(&t);
    let (_, an) = member(&app, &t, "an@cantho.vn", "mật khẩu của An", "member").await;
    let (_, moderator) = member(&app, &t, "kd@cantho.vn", "mật khẩu kiểm duyệt", "moderator").await;
    let id = open_stall(&app, &an, "Cơ khí Tây Đô").await;

    let reply = decide(&app, &moderator, id, "reject", "").await;
    assert_eq!(
        reply.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "a refusal needs a reason"
    );
    let reply = decide(
        &app,
        &moderator,
        id,
        "reject",
        "Thiếu giấy phép kinh doanh; hãy ghi mã số thuế.",
    )
    .await;
    assert!(
        reply.status.is_redirection() || reply.status.is_success(),
        "{}",
        reply.body
    );
    let mine = own_stalls(&app, &an).await;
    assert_eq!(mine[0]["status"], "rejected");
    assert_eq!(
        mine[0]["rejection_reason"],
        "Thiếu giấy phép kinh doanh; hãy ghi mã số thuế."
    );
    let mail = &outbox::messages_to(&t.db, "an@cantho.vn").await.unwrap()[0];
    assert!(
        mail.body.contains("Thiếu giấy phép kinh doanh"),
        "{}",
        mail.body
    );

    let editor = json(
        &get_with(&app, &format!("/api/get_stall_editor?id={id}"), Some(&an))
            .await
            .body,
    );
    assert_eq!(editor["form"]["founded_year"], "1998");
    let form = format!("id={id}&{}", stall_form("Cơ khí Tây Đô (MST 1801234567)"));
    let reply = post_form(&app, "/api/update_stall", &form, Some(&an), true).await;
    assert!(reply.status.is_redirection(), "{}", reply.body);
    let mine = own_stalls(&app, &an).await;
    assert_eq!(mine[0]["status"], "pending");
    assert!(mine[0]["rejection_reason"].is_null());
    assert_eq!(mine[0]["name"], "Cơ khí Tây Đô (MST 1801234567)");
}

async fn members_cannot_touch_other_members_stalls(t: TestDb) {
    reference_data(&t.db).await;
    let app = app(&t);
    let (_, an) = member(&app, &t, "an@cantho.vn", "mật khẩu của An", "member").await;
    let (_, binh) = member(&app, &t, "binh@cantho.vn", "mật khẩu của Bình", "member").await;
    let id = open_stall(&app, &an, "Cơ khí Tây Đô").await;

    let reply = get_with(&app, &format!("/api/get_stall_editor?id={id}"), Some(&binh)).await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    let form = format!("id={id}&{}", stall_form("Chiếm quyền"));
    let reply = post_form(&app, "/api/update_stall", &form, Some(&binh), false).await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    let name: String = sqlx::query_scalar("SELECT name FROM stalls WHERE id = $1")
        .bind(id)
        .fetch_one(&t.db)
        .await
        .unwrap();
    assert_eq!(name, "Cơ khí Tây Đô");
    assert!(own_stalls(&app, &binh).await.as_array().unwrap().is_empty());
    let reply = post_form(&app, "/api/update_stall", &form, None, false).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
}

async fn only_moderators_review_and_only_once(t: TestDb) {
    reference_data(&t.db).await;
    let app = app(&t);
    let (_, an) = member(&app, &t, "an@cantho.vn", "mật khẩu của An", "member").await;
    let (_, moderator) = member(&app, &t, "kd@cantho.vn", "mật khẩu kiểm duyệt", "moderator").await;
    let (_, admin) = member(&app, &t, "qt@cantho.vn", "mật khẩu quản trị", "admin").await;
    let id = open_stall(&app, &an, "Cơ khí Tây Đô").await;

    assert_eq!(
        get_with(&app, "/api/get_moderation_queue", Some(&an))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        get_with(&app, "/api/get_moderation_queue", None)
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        decide(&app, &an, id, "approve", "").await.status,
        StatusCode::FORBIDDEN,
        "not even one's own stall"
    );
    assert_eq!(own_stalls(&app, &an).await[0]["status"], "pending");

    let approved = decide(&app, &moderator, id, "approve", "").await.status;
    assert!(
        approved.is_success() || approved.is_redirection(),
        "{approved}"
    );
    let again = decide(&app, &admin, id, "reject", "Trùng lặp với gian hàng khác.").await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        json(&again.body)["detail"]["errors"][0]["code"],
        "already_reviewed"
    );
    assert_eq!(own_stalls(&app, &an).await[0]["status"], "approved");
    assert_eq!(
        decide(&app, &moderator, 999_999, "approve", "")
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        decide(&app, &moderator, id, "maybe", "").await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
}

async fn same_names_get_distinct_addresses(t: TestDb) {
    reference_data(&t.db).await;
    let app = app(&t);
    let (_, an) = member(&app, &t, "an@cantho.vn", "mật khẩu của An", "member").await;
    for _ in 0..3 {
        open_stall(&app, &an, "Hợp tác xã Mỹ Khánh").await;
    }
    let mut slugs: Vec<String> = own_stalls(&app, &an)
        .await
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["slug"].as_str().unwrap().to_owned())
        .collect();
    slugs.sort();
    assert_eq!(
        slugs,
        [
            "hop-tac-xa-my-khanh",
            "hop-tac-xa-my-khanh-2",
            "hop-tac-xa-my-khanh-3"
        ]
    );
}

async fn decisions_reach_members_in_the_language_they_use(t: TestDb) {
    reference_data(&t.db).await;
    let app = app(&t);
    let locale_of = |email: &'static str| {
        let db = t.db.clone();
        async move {
            sqlx::query_scalar::<_, String>("SELECT locale FROM users WHERE email = $1")
                .bind(email)
                .fetch_one(&db)
                .await
                .unwrap()
        }
    };
    // Registering from the English site keeps English as the member's language.
    let form =
        "email=mai%40cantho.vn&display_name=Mai&password=m%E1%BA%ADt+kh%E1%BA%A9u+c%E1%BB%A7a+Mai";
    let reply = send(
        &app,
        axum::http::Request::post("/api/register_account")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::COOKIE, "lang=en")
            .body(axum::body::Body::from(form))
            .unwrap(),
    )
    .await;
    assert!(
        reply.status.is_success() || reply.status.is_redirection(),
        "{}",
        reply.status
    );
    assert_eq!(locale_of("mai@cantho.vn").await, "en");
    assert_eq!(
        outbox::messages_to(&t.db, "mai@cantho.vn").await.unwrap()[0].subject,
        app::mail::confirm_email(
            app::i18n::Locale::En,
            "mai@cantho.vn",
            "Mai",
            "https://techx.test",
            "token",
            None
        )
        .subject
    );

    // A member who switches to English while logged in gets the moderators' answer in English,
    // whatever language the moderator reads the site in.
    let (_, an) = member(&app, &t, "an@cantho.vn", "mật khẩu của An", "member").await;
    let (_, moderator) = member(&app, &t, "kd@cantho.vn", "mật khẩu kiểm duyệt", "moderator").await;
    assert_eq!(locale_of("an@cantho.vn").await, "vi");
    let reply = get_with(&app, "/lang/en?next=/account", Some(&an)).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    assert!(
        reply.headers[header::SET_COOKIE]
            .to_str()
            .unwrap()
            .starts_with("lang=en")
    );
    // The switch is a GET, which a link from another site could follow: it changes nothing
    // stored. The member's next form, sent in English, records it.
    assert_eq!(locale_of("an@cantho.vn").await, "vi");
    let an_en = format!("{an}; lang=en");
    let id = open_stall(&app, &an_en, "Công ty TNHH Cơ khí Tây Đô").await;
    assert_eq!(locale_of("an@cantho.vn").await, "en");
    // Switching as a visitor changes nobody's.
    assert_eq!(
        get_with(&app, "/lang/vi", None).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(locale_of("an@cantho.vn").await, "en");

    let moderator_vi = format!("{moderator}; lang=vi");
    let reply = decide(&app, &moderator_vi, id, "approve", "").await;
    assert!(
        reply.status.is_success() || reply.status.is_redirection(),
        "{}",
        reply.body
    );
    let mail = &outbox::messages_to(&t.db, "an@cantho.vn").await.unwrap()[0];
    assert_eq!(mail.kind, "moderation_result");
    assert!(mail.subject.contains("approved"), "{}", mail.subject);
}

async fn a_stall_works_in_several_sectors(t: TestDb) {
    reference_data(&t.db).await;
    let app = app(&t);
    let (_, an) = member(&app, &t, "an@cantho.vn", "mật khẩu của An", "member").await;
    let (_, moderator) = member(&app, &t, "kd@cantho.vn", "mật khẩu kiểm duyệt", "moderator").await;
    // Browsers send the ticked boxes as `other_sectors%5B%5D=…`, one per box.
    let ticked = |codes: &[&str]| -> String {
        codes
            .iter()
            .map(|c| format!("&other_sectors%5B%5D={c}"))
            .collect()
    };
    let create = |extra: String| {
        let (app, an) = (app.clone(), an.clone());
        async move {
            let body = format!("{}{extra}", stall_form("Cơ khí Tây Đô"));
            post_form(&app, "/api/create_stall", &body, Some(&an), false).await
        }
    };

    let unknown = create(ticked(&["thuy-san", "bogus"])).await;
    assert_eq!(
        error_pairs(&unknown),
        [("other_sectors".to_owned(), "invalid_choice".to_owned())]
    );
    let kept = json(&unknown.body)["detail"]["values"].to_string();
    assert!(
        kept.contains("thuy-san,bogus"),
        "what was ticked comes back: {kept}"
    );
    let five = create(ticked(&[
        "nong-nghiep",
        "thuy-san",
        "moi-truong",
        "nang-luong",
        "y-te",
    ]))
    .await;
    assert_eq!(
        error_pairs(&five),
        [("other_sectors".to_owned(), "too_many_sectors".to_owned())]
    );
    assert_eq!(
        own_stalls(&app, &an).await,
        serde_json::json!([]),
        "nothing was opened"
    );

    // The main sector ticked again is dropped; the order given is kept.
    let reply = post_form(
        &app,
        "/api/create_stall",
        &format!(
            "{}{}",
            stall_form("Cơ khí Tây Đô"),
            ticked(&["thuy-san", "co-khi", "nong-nghiep"])
        ),
        Some(&an),
        true,
    )
    .await;
    let location = reply.headers[header::LOCATION].to_str().unwrap().to_owned();
    let id: i64 = location.rsplit("stall=").next().unwrap().parse().unwrap();
    let editor = json(
        &get_with(&app, &format!("/api/get_stall_editor?id={id}"), Some(&an))
            .await
            .body,
    );
    assert_eq!(editor["form"]["other_sectors"], "thuy-san,nong-nghiep");
    let approved = decide(&app, &moderator, id, "approve", "").await.status;
    assert!(
        approved.is_success() || approved.is_redirection(),
        "{approved}"
    );

    let slug = editor["slug"].as_str().unwrap().to_owned();
    let page = json(
        &get_with(
            &app,
            &format!("/api/get_stall?slug={slug}&query[page]=1"),
            None,
        )
        .await
        .body,
    );
    assert_eq!(page["stall"]["other_sectors"], "thuy-san,nong-nghiep");
    let in_sector = |sector: &'static str| {
        let app = app.clone();
        async move {
            let reply = get_with(
                &app,
                &format!("/api/list_stalls?query[sector]={sector}&query[page]=1"),
                None,
            )
            .await;
            assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
            json(&reply.body)["total"].as_i64().unwrap()
        }
    };
    // Found under its main sector and each of the others, not under the rest.
    for sector in ["co-khi", "thuy-san", "nong-nghiep"] {
        assert_eq!(in_sector(sector).await, 1, "{sector}");
    }
    assert_eq!(in_sector("y-te").await, 0);

    // Nothing ticked on the next edit: only the main sector is left.
    let reply = post_form(
        &app,
        "/api/update_stall",
        &format!("id={id}&{}", stall_form("Cơ khí Tây Đô")),
        Some(&an),
        true,
    )
    .await;
    assert!(
        reply.status.is_redirection(),
        "{} {}",
        reply.status,
        reply.body
    );
    // The stall is approved: the change is public once a moderator approves it.
    assert_eq!(in_sector("thuy-san").await, 1);
    let seen = crate::support::seen(&app, &moderator, "stall_edits", "stall_id", id).await;
    let approved = decide_edit(&app, &moderator, id, &seen, "approve", "")
        .await
        .status;
    assert!(approved.is_success(), "{approved}");
    assert_eq!(in_sector("thuy-san").await, 0);
    assert_eq!(in_sector("co-khi").await, 1);
}

/// The public stall page's data for `slug`.
async fn public_stall(app: &Router, slug: &str) -> serde_json::Value {
    let reply = get_with(
        app,
        &format!("/api/get_stall?slug={slug}&query[page]=1"),
        None,
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    json(&reply.body)
}

async fn edit_stall(app: &Router, cookie: &str, id: i64, name: &str) -> crate::support::Reply {
    let form = format!("id={id}&{}", stall_form(name));
    post_form(app, "/api/update_stall", &form, Some(cookie), true).await
}

async fn decide_edit(
    app: &Router,
    cookie: &str,
    id: i64,
    seen: &str,
    decision: &str,
    reason: &str,
) -> crate::support::Reply {
    let form = format!(
        "stall_id={id}&seen={seen}&decision={decision}&reason={}",
        form_value(reason)
    );
    post_form(app, "/api/decide_stall_edit", &form, Some(cookie), false).await
}

async fn only_owners_edit_and_changes_to_an_approved_stall_wait_for_review(t: TestDb) {
    reference_data(&t.db).await;
    let app = app(&t);
    let (_, owner) = member(&app, &t, "an@taydo.vn", "mật khẩu của An", "member").await;
    let (binh_id, binh) = member(&app, &t, "binh@taydo.vn", "mật khẩu của Bình", "member").await;
    let (_, moderator) = member(&app, &t, "kd@techx.vn", "mật khẩu kiểm duyệt", "moderator").await;
    let id = open_stall(&app, &owner, "Cơ khí Tây Đô").await;
    let approved = decide(&app, &moderator, id, "approve", "").await.status;
    assert!(
        approved.is_success() || approved.is_redirection(),
        "{approved}"
    );
    crate::support::join_stall(&t.db, id, binh_id, "member").await;
    let slug = own_stalls(&app, &owner).await[0]["slug"]
        .as_str()
        .unwrap()
        .to_owned();

    // A member who is not an owner may not rename the stall, nor see its editor.
    let renamed = post_form(
        &app,
        "/api/update_stall",
        &format!("id={id}&{}", stall_form("Cơ khí Bình")),
        Some(&binh),
        false,
    )
    .await;
    assert_eq!(renamed.status, StatusCode::FORBIDDEN);
    assert_eq!(
        get_with(&app, &format!("/api/get_stall_editor?id={id}"), Some(&binh))
            .await
            .status,
        StatusCode::FORBIDDEN
    );

    // The owner's change waits; the approved version stays public.
    let reply = edit_stall(&app, &owner, id, "Cơ khí Tây Đô Mới").await;
    assert_eq!(
        reply.headers[header::LOCATION],
        format!("/account/stalls?done=edit_submitted&stall={id}")
    );
    assert_eq!(
        public_stall(&app, &slug).await["stall"]["name"],
        "Cơ khí Tây Đô"
    );
    let editor = json(
        &get_with(
            &app,
            &format!("/api/get_stall_editor?id={id}"),
            Some(&owner),
        )
        .await
        .body,
    );
    assert_eq!(editor["form"]["name"], "Cơ khí Tây Đô Mới");
    assert!(editor["waiting_since"].is_i64());
    let queue = json(
        &get_with(&app, "/api/get_moderation_queue", Some(&moderator))
            .await
            .body,
    );
    assert_eq!(queue["pending_stall_edits"], 1);
    assert_eq!(
        queue["stall_edits"][0]["changes"],
        serde_json::json!([["name", "Cơ khí Tây Đô", "Cơ khí Tây Đô Mới"]])
    );
    let seen = crate::support::seen(&app, &moderator, "stall_edits", "stall_id", id).await;

    // Edited again after the moderator opened the queue: approving what they saw is refused.
    edit_stall(&app, &owner, id, "Cơ khí Tây Đô Mới Nhất").await;
    let stale = decide_edit(&app, &moderator, id, &seen, "approve", "").await;
    assert_eq!(stale.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        error_pairs(&stale),
        [("decision".to_owned(), "changed_since_seen".to_owned())]
    );
    assert_eq!(
        public_stall(&app, &slug).await["stall"]["name"],
        "Cơ khí Tây Đô"
    );

    let seen = crate::support::seen(&app, &moderator, "stall_edits", "stall_id", id).await;
    let approved = decide_edit(&app, &moderator, id, &seen, "approve", "").await;
    assert!(
        approved.status.is_success() || approved.status.is_redirection(),
        "{}",
        approved.body
    );
    assert_eq!(
        public_stall(&app, &slug).await["stall"]["name"],
        "Cơ khí Tây Đô Mới Nhất"
    );
    let queue = json(
        &get_with(&app, "/api/get_moderation_queue", Some(&moderator))
            .await
            .body,
    );
    assert_eq!(queue["pending_stall_edits"], 0);

    // A refused change leaves the approved version, and its members read why.
    edit_stall(&app, &owner, id, "Tên Không Đúng").await;
    let seen = crate::support::seen(&app, &moderator, "stall_edits", "stall_id", id).await;
    let reason = "Tên mới không khớp với giấy phép kinh doanh.";
    let refused = decide_edit(&app, &moderator, id, &seen, "reject", reason).await;
    assert!(
        refused.status.is_success() || refused.status.is_redirection(),
        "{}",
        refused.body
    );
    assert_eq!(
        public_stall(&app, &slug).await["stall"]["name"],
        "Cơ khí Tây Đô Mới Nhất"
    );
    let mails = outbox::messages_to(&t.db, "binh@taydo.vn").await.unwrap();
    assert!(mails[0].body.contains(reason), "{}", mails[0].body);
    let editor = json(
        &get_with(
            &app,
            &format!("/api/get_stall_editor?id={id}"),
            Some(&owner),
        )
        .await
        .body,
    );
    assert_eq!(editor["form"]["name"], "Cơ khí Tây Đô Mới Nhất");
    assert!(editor["waiting_since"].is_null());
}

async fn nobody_decides_their_own_and_a_stale_form_says_so(t: TestDb) {
    reference_data(&t.db).await;
    let app = app(&t);
    let (_, moderator) = member(&app, &t, "kd@techx.vn", "mật khẩu kiểm duyệt", "moderator").await;
    let (_, other) = member(
        &app,
        &t,
        "kd2@techx.vn",
        "mật khẩu kiểm duyệt 2",
        "moderator",
    )
    .await;
    // A moderator's own application waits for someone else.
    let id = open_stall(&app, &moderator, "Hợp tác xã của Kiểm duyệt viên").await;
    let own = decide(&app, &moderator, id, "approve", "").await;
    assert_eq!(own.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        error_pairs(&own),
        [("decision".to_owned(), "own_item".to_owned())]
    );
    assert_eq!(own_stalls(&app, &moderator).await[0]["status"], "pending");
    // A form opened before the application changed is stale.
    let seen = crate::support::seen(&app, &other, "stalls", "id", id).await;
    let form = format!("id={id}&{}", stall_form("Hợp tác xã Kiểm duyệt"));
    post_form(&app, "/api/update_stall", &form, Some(&moderator), true).await;
    let stale = post_form(
        &app,
        "/api/decide_stall",
        &format!("id={id}&seen={seen}&decision=approve"),
        Some(&other),
        false,
    )
    .await;
    assert_eq!(
        error_pairs(&stale),
        [("decision".to_owned(), "changed_since_seen".to_owned())]
    );
    let approved = decide(&app, &other, id, "approve", "").await.status;
    assert!(
        approved.is_success() || approved.is_redirection(),
        "{approved}"
    );
    assert_eq!(own_stalls(&app, &moderator).await[0]["status"], "approved");
}
