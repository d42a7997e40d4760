//! The startup showcase: members present projects that moderators review before they are
//! public; bad input is refused beside its field; the pitch deck is checked by its bytes and
//! size; the confidential part is shown only to approved investors who accepted the project's
//! terms, and every look at it is logged for the owners.

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};

use crate::on_both_databases;
use crate::support::{
    Reply, TestDb, error_pairs, form_value, get_with, join_stall, location, member, post_form,
    send, stall,
};

on_both_databases!(
    a_project_is_public_only_after_a_moderator_approves_it,
    bad_project_input_is_refused_beside_its_field_and_nothing_is_stored,
    a_pitch_deck_is_checked_by_its_bytes_and_its_size,
    confidential_material_reaches_only_investors_who_accepted_the_terms_and_is_logged,
    investor_profiles_wait_for_a_moderator,
    investors_see_fitting_projects_and_ask_for_introductions,
    calls_take_one_application_per_project_until_the_deadline,
    mentors_give_hours_and_sessions_are_never_in_the_past,
    incubator_programmes_show_cohorts_alumni_and_trainees,
);

async fn app(t: &TestDb) -> Router {
    crate::support::reference_data(&t.db).await;
    crate::support::test_router(t, &std::env::temp_dir())
}

/// A project's form as a browser posts it, with `changes` over a complete project.
fn project_form(id: i64, changes: &[(&str, &str)]) -> String {
    let mut fields =
        vec![
        ("id", id.to_string()),
        ("name", "Máy sấy lúa năng lượng mặt trời".to_owned()),
        (
            "pitch",
            "Sấy lúa sau thu hoạch bằng nắng, giảm hao hụt tám phần trăm".to_owned(),
        ),
        (
            "description",
            "Máy sấy dùng nhiệt mặt trời và quạt điện nhỏ, đã thử ở hai hợp tác xã vùng Thới Lai."
                .to_owned(),
        ),
        ("sector", "nong-nghiep".to_owned()),
        ("province", "can-tho".to_owned()),
        ("stage", "pilot".to_owned()),
        ("trl", "6".to_owned()),
        ("funding_sought", "2.500.000.000".to_owned()),
        ("funding_kind", "equity".to_owned()),
        ("funding_raised", "300.000.000".to_owned()),
        ("video_url", String::new()),
        ("team", "Nguyễn Văn An | Sáng lập\nTrần Thị Bình | Kỹ sư".to_owned()),
        ("traction", "Hợp tác xã dùng thử: 2".to_owned()),
        ("traction_confidential", "Doanh thu 2025: 1,2 tỷ đồng".to_owned()),
    ];
    for (name, value) in changes {
        match fields.iter_mut().find(|(n, _)| n == name) {
            Some(field) => field.1 = (*value).to_owned(),
            None => fields.push((name, (*value).to_owned())),
        }
    }
    fields
        .iter()
        .map(|(n, v)| format!("{n}={}", form_value(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// Presents a project as `cookie`'s member; its id.
async fn present(app: &Router, cookie: &str, changes: &[(&str, &str)]) -> i64 {
    let reply = post_form(
        app,
        "/api/save_project",
        &project_form(0, changes),
        Some(cookie),
        true,
    )
    .await;
    let to = location(&reply);
    to.strip_prefix("/account/startups/")
        .and_then(|rest| rest.split('/').next())
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("redirected to {to}"))
}

/// The fingerprint the moderation queue shows for the item of `kind` (`projects`, `investors`)
/// with card id `id`.
async fn seen(app: &Router, cookie: &str, kind: &str, id: i64) -> String {
    let reply = get_with(app, "/api/get_moderation_queue", Some(cookie)).await;
    let queue: serde_json::Value = serde_json::from_str(&reply.body).unwrap();
    queue[kind]
        .as_array()
        .unwrap()
        .iter()
        .find(|item| item["card"]["id"] == id)
        .and_then(|item| item["fingerprint"].as_str())
        .unwrap_or_else(|| panic!("{kind} {id} waits in {}", reply.body))
        .to_owned()
}

/// A moderator approves the item; where they are sent.
async fn approve(app: &Router, moderator: &str, kind: &str, id: i64) -> String {
    let fingerprint = seen(app, moderator, kind, id).await;
    let endpoint = if kind == "projects" {
        "decide_project"
    } else {
        "decide_investor"
    };
    let form = format!("id={id}&seen={fingerprint}&decision=approve");
    location(
        &post_form(
            app,
            &format!("/api/{endpoint}"),
            &form,
            Some(moderator),
            true,
        )
        .await,
    )
}

async fn count(t: &TestDb, table: &str) -> i64 {
    sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
        .fetch_one(&t.db)
        .await
        .unwrap()
}

async fn a_project_is_public_only_after_a_moderator_approves_it(t: TestDb) {
    let app = app(&t).await;
    let (an_id, an) = member(&app, &t, "an@techx.test", "mật khẩu thành viên", "member").await;
    let (_, moderator) = member(
        &app,
        &t,
        "kd@techx.test",
        "mật khẩu kiểm duyệt",
        "moderator",
    )
    .await;
    let (_, other) = member(&app, &t, "khac@techx.test", "mật khẩu thành viên", "member").await;
    let co_op = stall(&t.db, "htx-thoi-lai", "Hợp tác xã Thới Lai", "approved").await;
    join_stall(&t.db, co_op, an_id, "owner").await;
    let co_op_text = co_op.to_string();
    let id = present(&app, &an, &[("stall", co_op_text.as_str())]).await;
    let slug = "may-say-lua-nang-luong-mat-troi";

    // Waiting: nowhere public, but its owner and moderators see it.
    let listed = get_with(&app, "/startups", None).await;
    assert_eq!(listed.status, StatusCode::OK);
    assert!(
        !listed.body.contains("Máy sấy lúa năng lượng"),
        "pending is not listed"
    );
    assert_eq!(
        get_with(&app, &format!("/startups/{slug}"), None)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        get_with(&app, &format!("/startups/{slug}"), Some(&other))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let own = get_with(&app, &format!("/startups/{slug}"), Some(&an)).await;
    assert_eq!(own.status, StatusCode::OK);
    assert!(own.body.contains("Chờ duyệt"), "the owner sees it waits");
    let mine = get_with(&app, "/account/startups", Some(&an)).await;
    assert!(mine.body.contains("Máy sấy lúa năng lượng mặt trời"));

    // Another member cannot edit or withdraw it.
    let stolen = post_form(
        &app,
        "/api/save_project",
        &project_form(id, &[("name", "Dự án của tôi")]),
        Some(&other),
        false,
    )
    .await;
    assert_eq!(stolen.status, StatusCode::NOT_FOUND);
    let withdrawn = post_form(
        &app,
        "/api/withdraw_project",
        &format!("id={id}"),
        Some(&other),
        false,
    )
    .await;
    assert_eq!(withdrawn.status, StatusCode::NOT_FOUND);
    // Nor approve it, not being a moderator.
    let refused = post_form(
        &app,
        "/api/decide_project",
        &format!("id={id}&seen=x&decision=approve"),
        Some(&other),
        false,
    )
    .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);

    assert_eq!(
        approve(&app, &moderator, "projects", id).await,
        "/moderation?done=project_approved#projects"
    );
    let page = get_with(&app, &format!("/startups/{slug}"), None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("Hợp tác xã Thới Lai"),
        "presented for the stall"
    );
    assert!(
        page.body.contains("Hợp tác xã dùng thử"),
        "public traction is shown"
    );
    assert!(
        page.body.contains("2.500.000.000"),
        "funding sought is shown"
    );
    assert!(
        !page.body.contains("1,2 tỷ đồng"),
        "confidential traction is not"
    );

    let sitemap = get_with(&app, "/sitemaps/pages.xml", None).await;
    assert!(
        sitemap.body.contains(&format!("/startups/{slug}<")),
        "the sitemap lists it"
    );

    // Browsing narrows by sector, stage, funding kind and province; words find it.
    for (query, found) in [
        ("", true),
        ("?stage=pilot", true),
        ("?stage=idea", false),
        ("?funding=equity&sector=nong-nghiep", true),
        ("?funding=grant", false),
        ("?province=can-tho", true),
        ("?province=an-giang", false),
        ("?q=m%C3%A1y+s%E1%BA%A5y", true),
        ("?q=may+say+lua", true),
        ("?q=may+say&stage=idea", false),
    ] {
        let reply = get_with(&app, &format!("/startups{query}"), None).await;
        assert_eq!(reply.status, StatusCode::OK, "{query}");
        assert_eq!(
            reply.body.contains(&format!("/startups/{slug}")),
            found,
            "{query}"
        );
    }

    // A change sends it back to review.
    let changed = post_form(
        &app,
        "/api/save_project",
        &project_form(id, &[("stage", "revenue")]),
        Some(&an),
        true,
    )
    .await;
    assert_eq!(
        location(&changed),
        format!("/account/startups/{id}/edit?done=saved")
    );
    assert_eq!(
        get_with(&app, &format!("/startups/{slug}"), None)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert!(
        !get_with(&app, "/startups?q=may+say", None)
            .await
            .body
            .contains(slug),
        "the search forgets it"
    );
}

async fn bad_project_input_is_refused_beside_its_field_and_nothing_is_stored(t: TestDb) {
    let app = app(&t).await;
    let (_, an) = member(&app, &t, "an@techx.test", "mật khẩu thành viên", "member").await;
    for (changes, expected) in [
        (
            vec![("funding_sought", "-5000000")],
            ("funding_sought", "funding_negative"),
        ),
        (
            vec![("funding_sought", "2000000000000000")],
            ("funding_sought", "funding_absurd"),
        ),
        (
            vec![("funding_sought", "500")],
            ("funding_sought", "funding_too_small"),
        ),
        (
            vec![("funding_raised", "-1")],
            ("funding_raised", "funding_negative"),
        ),
        (
            vec![("team", "Ai đó | Cố vấn | chua-co@techx.test")],
            ("team", "team_member_unknown"),
        ),
        (vec![("team", "Chỉ có tên")], ("team", "invalid_team")),
        (vec![("stage", "unicorn")], ("stage", "invalid_choice")),
        (vec![("trl", "12")], ("trl", "invalid_trl")),
        (
            vec![("video_url", "https://example.com/clip")],
            ("video_url", "invalid_youtube"),
        ),
        (vec![("stall", "999")], ("stall", "invalid_choice")),
    ] {
        let reply = post_form(
            &app,
            "/api/save_project",
            &project_form(0, &changes),
            Some(&an),
            false,
        )
        .await;
        let pairs = error_pairs(&reply);
        assert_eq!(
            pairs,
            [(expected.0.to_owned(), expected.1.to_owned())],
            "{changes:?}"
        );
    }
    assert_eq!(count(&t, "startup_projects").await, 0, "nothing stored");
    assert_eq!(count(&t, "startup_team").await, 0);

    // Without JavaScript the form comes back with the error beside the field and every word
    // typed still there.
    let reply = post_form(
        &app,
        "/api/save_project",
        &project_form(
            0,
            &[
                ("funding_sought", "-5000000"),
                ("name", "Dự án tưới tiêu thông minh"),
            ],
        ),
        Some(&an),
        true,
    )
    .await;
    let back = location(&reply);
    let query = back
        .split_once("/form?")
        .map(|(_, q)| q)
        .unwrap_or_else(|| panic!("{back}"));
    let form = get_with(&app, &format!("/account/startups/new?{query}"), Some(&an)).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(
        form.body.contains("Số vốn không được âm."),
        "translated error"
    );
    assert!(
        form.body.contains("value=\"Dự án tưới tiêu thông minh\""),
        "name kept"
    );
    assert!(
        form.body.contains("Doanh thu 2025: 1,2 tỷ đồng"),
        "confidential traction kept"
    );
    assert!(
        form.body.contains("value=\"-5000000\""),
        "the amount as typed"
    );
    assert_eq!(count(&t, "startup_projects").await, 0);
}

/// Posts `bytes` as file `name` in form field `field` to `path`.
async fn post_file(
    app: &Router,
    cookie: &str,
    path: &str,
    field: &str,
    (name, bytes): (&str, &[u8]),
) -> Reply {
    let boundary = "----techx-startup-boundary";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{name}\"\r\n\
         Content-Type: application/pdf\r\n\r\n"
    )
    .into_bytes();
    body.extend(bytes);
    body.extend(format!("\r\n--{boundary}--\r\n").as_bytes());
    let request = Request::post(path)
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={boundary}"),
        )
        .header(header::COOKIE, cookie)
        .body(Body::from(body))
        .unwrap();
    send(app, request).await
}

/// A small PDF's bytes.
const PDF: &[u8] =
    b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

async fn a_pitch_deck_is_checked_by_its_bytes_and_its_size(t: TestDb) {
    let app = app(&t).await;
    let (_, an) = member(&app, &t, "an@techx.test", "mật khẩu thành viên", "member").await;
    let (_, other) = member(&app, &t, "khac@techx.test", "mật khẩu thành viên", "member").await;
    let id = present(&app, &an, &[]).await;
    let path = format!("/uploads/startups/{id}/deck");
    let edit = format!("/account/startups/{id}/edit");

    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
    let reply = post_file(&app, &an, &path, "deck", ("deck.pdf", png)).await;
    assert_eq!(
        location(&reply),
        format!("{edit}?upload=deck&error=not_a_pdf")
    );
    let huge = [PDF, &vec![b' '; 20 * 1024 * 1024]].concat();
    let reply = post_file(&app, &an, &path, "deck", ("deck.pdf", &huge)).await;
    assert_eq!(
        location(&reply),
        format!("{edit}?upload=deck&error=deck_too_large")
    );
    let deck: Option<String> =
        sqlx::query_scalar("SELECT deck_key FROM startup_projects WHERE id = $1")
            .bind(id)
            .fetch_one(&t.db)
            .await
            .unwrap();
    assert_eq!(deck, None, "nothing stored");
    let page = get_with(
        &app,
        &format!("{edit}?upload=deck&error=not_a_pdf"),
        Some(&an),
    )
    .await;
    assert!(
        page.body.contains("Tệp này không phải PDF"),
        "the refusal is told beside the field"
    );

    // Someone else's project is not theirs to change.
    let reply = post_file(&app, &other, &path, "deck", ("deck.pdf", PDF)).await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);

    let reply = post_file(&app, &an, &path, "deck", ("trinh-bay.pdf", PDF)).await;
    assert_eq!(location(&reply), format!("{edit}?done=deck"));
    let bytes: Option<i64> =
        sqlx::query_scalar("SELECT deck_bytes FROM startup_projects WHERE id = $1")
            .bind(id)
            .fetch_one(&t.db)
            .await
            .unwrap();
    assert_eq!(bytes, Some(PDF.len() as i64));
    let download = get_with(
        &app,
        "/startups/may-say-lua-nang-luong-mat-troi/deck.pdf",
        Some(&an),
    )
    .await;
    assert_eq!(download.status, StatusCode::OK);
    assert_eq!(download.headers[header::CONTENT_TYPE], "application/pdf");
    assert_eq!(download.body.as_bytes(), PDF);
    // The deck is never served as a public media file.
    let key: String = sqlx::query_scalar("SELECT deck_key FROM startup_projects WHERE id = $1")
        .bind(id)
        .fetch_one(&t.db)
        .await
        .unwrap();
    assert_eq!(
        get_with(&app, &format!("/media/{key}"), None).await.status,
        StatusCode::NOT_FOUND
    );
}

/// Saves an investor profile for `cookie`'s member as a script does.
async fn investor_profile(
    app: &Router,
    cookie: &str,
    name: &str,
    (min, max): (&str, &str),
) -> Reply {
    let form = format!(
        "kind=fund&name={}&about={}&ticket_min={min}&ticket_max={max}&portfolio=&website=\
         &sectors%5B%5D=nong-nghiep&stages%5B%5D=pilot&stages%5B%5D=revenue",
        form_value(name),
        form_value("Quỹ đầu tư vào khởi nghiệp nông nghiệp công nghệ cao."),
    );
    post_form(app, "/api/save_investor", &form, Some(cookie), false).await
}

async fn confidential_material_reaches_only_investors_who_accepted_the_terms_and_is_logged(
    t: TestDb,
) {
    let app = app(&t).await;
    let (_, an) = member(&app, &t, "an@techx.test", "mật khẩu thành viên", "member").await;
    let (_, moderator) = member(
        &app,
        &t,
        "kd@techx.test",
        "mật khẩu kiểm duyệt",
        "moderator",
    )
    .await;
    let (_, plain) = member(
        &app,
        &t,
        "thuong@techx.test",
        "mật khẩu thành viên",
        "member",
    )
    .await;
    let (_, fund) = member(&app, &t, "quy@techx.test", "mật khẩu nhà đầu tư", "member").await;
    let id = present(&app, &an, &[]).await;
    let reply = post_file(
        &app,
        &an,
        &format!("/uploads/startups/{id}/deck"),
        "deck",
        ("deck.pdf", PDF),
    )
    .await;
    assert!(location(&reply).ends_with("done=deck"));
    approve(&app, &moderator, "projects", id).await;
    let page = "/startups/may-say-lua-nang-luong-mat-troi";
    let deck = "/startups/may-say-lua-nang-luong-mat-troi/deck.pdf";
    let secret = "1,2 tỷ đồng";

    // A visitor and a member without an investor profile see that there is something, not what.
    let visitor = get_with(&app, page, None).await;
    assert!(
        visitor.body.contains("1 số liệu mật"),
        "the count is public"
    );
    assert!(!visitor.body.contains(secret));
    assert!(location(&get_with(&app, deck, None).await).starts_with("/login?next="));
    assert!(
        !get_with(&app, page, Some(&plain))
            .await
            .body
            .contains(secret)
    );
    assert_eq!(
        get_with(&app, deck, Some(&plain)).await.status,
        StatusCode::NOT_FOUND
    );
    let refused = post_form(
        &app,
        "/api/accept_project_terms",
        &format!("id={id}&slug=x"),
        Some(&plain),
        false,
    )
    .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);

    // An investor waiting for approval cannot accept the terms either.
    assert_eq!(
        investor_profile(
            &app,
            &fund,
            "Quỹ Khởi nghiệp Mekong",
            ("1.000.000.000", "10.000.000.000")
        )
        .await
        .status,
        StatusCode::OK
    );
    let refused = post_form(
        &app,
        "/api/accept_project_terms",
        &format!("id={id}&slug=x"),
        Some(&fund),
        false,
    )
    .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert!(
        get_with(&app, page, Some(&fund))
            .await
            .body
            .contains("đang chờ duyệt")
    );
    let investor: i64 = sqlx::query_scalar("SELECT id FROM investors")
        .fetch_one(&t.db)
        .await
        .unwrap();
    approve(&app, &moderator, "investors", investor).await;

    // Approved: the terms first, then the material.
    let before = get_with(&app, page, Some(&fund)).await;
    assert!(before.body.contains("Chấp nhận điều khoản bảo mật"));
    assert!(!before.body.contains(secret));
    assert_eq!(
        get_with(&app, deck, Some(&fund)).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        count(&t, "startup_confidential_views").await,
        0,
        "nothing seen yet"
    );
    let accepted = post_form(
        &app,
        "/api/accept_project_terms",
        &format!("id={id}&slug=may-say-lua-nang-luong-mat-troi"),
        Some(&fund),
        true,
    )
    .await;
    assert_eq!(
        location(&accepted),
        format!("{page}?done=accepted#confidential")
    );
    let first: i64 = sqlx::query_scalar("SELECT accepted_at FROM startup_terms_accepted")
        .fetch_one(&t.db)
        .await
        .unwrap();
    let after = get_with(&app, page, Some(&fund)).await;
    assert!(after.body.contains(secret), "{}", after.body);
    let download = get_with(&app, deck, Some(&fund)).await;
    assert_eq!(download.status, StatusCode::OK);
    assert_eq!(download.body.as_bytes(), PDF);
    assert!(
        download.headers[header::CACHE_CONTROL]
            .to_str()
            .unwrap()
            .contains("no-store")
    );
    // Accepting again keeps the first acceptance.
    post_form(
        &app,
        "/api/accept_project_terms",
        &format!("id={id}&slug=x"),
        Some(&fund),
        false,
    )
    .await;
    let again: i64 = sqlx::query_scalar("SELECT accepted_at FROM startup_terms_accepted")
        .fetch_one(&t.db)
        .await
        .unwrap();
    assert_eq!(first, again);

    // The owner sees who looked, and at what.
    let views: Vec<String> =
        sqlx::query_scalar("SELECT what FROM startup_confidential_views ORDER BY id")
            .fetch_all(&t.db)
            .await
            .unwrap();
    assert_eq!(views, ["detail", "deck"]);
    let own = get_with(&app, page, Some(&an)).await;
    assert!(own.body.contains("Lượt xem thông tin mật"));
    assert!(
        own.body.contains("Quỹ Khởi nghiệp Mekong"),
        "the investor is named"
    );
    assert!(own.body.contains("Bài thuyết trình"));
    // The owner's own looks are not logged; a moderator's neither.
    assert_eq!(get_with(&app, deck, Some(&an)).await.status, StatusCode::OK);
    assert_eq!(
        get_with(&app, deck, Some(&moderator)).await.status,
        StatusCode::OK
    );
    assert_eq!(count(&t, "startup_confidential_views").await, 2);
}

async fn investor_profiles_wait_for_a_moderator(t: TestDb) {
    let app = app(&t).await;
    let (_, fund) = member(&app, &t, "quy@techx.test", "mật khẩu nhà đầu tư", "member").await;
    let (_, moderator) = member(
        &app,
        &t,
        "kd@techx.test",
        "mật khẩu kiểm duyệt",
        "moderator",
    )
    .await;
    let reply = investor_profile(
        &app,
        &fund,
        "Quỹ Cần Thơ",
        ("5.000.000.000", "1.000.000.000"),
    )
    .await;
    assert_eq!(
        error_pairs(&reply),
        [("ticket_max".to_owned(), "budget_order".to_owned())]
    );
    let reply = investor_profile(&app, &fund, "Quỹ Cần Thơ", ("-1", "1.000.000.000")).await;
    assert_eq!(
        error_pairs(&reply),
        [("ticket_min".to_owned(), "funding_negative".to_owned())]
    );
    assert_eq!(count(&t, "investors").await, 0);

    assert_eq!(
        investor_profile(
            &app,
            &fund,
            "Quỹ Khởi nghiệp Cần Thơ",
            ("1.000.000.000", "20.000.000.000")
        )
        .await
        .status,
        StatusCode::OK
    );
    assert!(
        !get_with(&app, "/investors", None)
            .await
            .body
            .contains("Quỹ Khởi nghiệp Cần Thơ")
    );
    let investor: i64 = sqlx::query_scalar("SELECT id FROM investors")
        .fetch_one(&t.db)
        .await
        .unwrap();
    // A moderator may not approve their own profile.
    let reply = investor_profile(
        &app,
        &moderator,
        "Quỹ của kiểm duyệt viên",
        ("1.000.000.000", "2.000.000.000"),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK);
    let own: i64 =
        sqlx::query_scalar("SELECT id FROM investors WHERE name = 'Quỹ của kiểm duyệt viên'")
            .fetch_one(&t.db)
            .await
            .unwrap();
    let fingerprint = seen(&app, &moderator, "investors", own).await;
    let reply = post_form(
        &app,
        "/api/decide_investor",
        &format!("id={own}&seen={fingerprint}&decision=approve"),
        Some(&moderator),
        false,
    )
    .await;
    assert_eq!(
        error_pairs(&reply),
        [("decision".to_owned(), "own_item".to_owned())]
    );

    approve(&app, &moderator, "investors", investor).await;
    let directory = get_with(&app, "/investors", None).await;
    assert!(directory.body.contains("Quỹ Khởi nghiệp Cần Thơ"));
    assert!(
        directory.body.contains("Thử nghiệm"),
        "its stages of interest"
    );
    assert!(
        get_with(&app, "/account/startups", Some(&fund))
            .await
            .body
            .contains("Đã duyệt")
    );
    // A change waits again.
    investor_profile(
        &app,
        &fund,
        "Quỹ Khởi nghiệp Cần Thơ",
        ("2.000.000.000", "20.000.000.000"),
    )
    .await;
    assert!(
        !get_with(&app, "/investors", None)
            .await
            .body
            .contains("Quỹ Khởi nghiệp Cần Thơ")
    );
}

/// Approves `cookie`'s member's investor profile (saved as [`investor_profile`] does, with
/// `kind`) as `moderator`.
async fn approved_investor(
    app: &Router,
    t: &TestDb,
    (cookie, moderator): (&str, &str),
    name: &str,
    kind: &str,
) {
    let form = format!(
        "kind={kind}&name={}&about={}&ticket_min=1.000.000.000&ticket_max=10.000.000.000\
         &portfolio=&website=&sectors%5B%5D=nong-nghiep&stages%5B%5D=pilot&stages%5B%5D=revenue",
        form_value(name),
        form_value("Đầu tư vào khởi nghiệp nông nghiệp công nghệ cao ở miền Tây."),
    );
    let saved = post_form(app, "/api/save_investor", &form, Some(cookie), false).await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    let id: i64 = sqlx::query_scalar("SELECT id FROM investors WHERE name = $1")
        .bind(name)
        .fetch_one(&t.db)
        .await
        .unwrap();
    approve(app, moderator, "investors", id).await;
}

fn json(reply: &Reply) -> serde_json::Value {
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    serde_json::from_str(&reply.body).unwrap()
}

async fn investors_see_fitting_projects_and_ask_for_introductions(t: TestDb) {
    let app = app(&t).await;
    let (_, an) = member(&app, &t, "an@techx.test", "mật khẩu thành viên", "member").await;
    let (_, moderator) = member(
        &app,
        &t,
        "kd@techx.test",
        "mật khẩu kiểm duyệt",
        "moderator",
    )
    .await;
    let (_, plain) = member(
        &app,
        &t,
        "thuong@techx.test",
        "mật khẩu thành viên",
        "member",
    )
    .await;
    let (_, fund) = member(&app, &t, "quy@techx.test", "mật khẩu nhà đầu tư", "member").await;
    let (_, angel) = member(&app, &t, "goc@techx.test", "mật khẩu nhà đầu tư", "member").await;
    let fits = present(&app, &an, &[]).await;
    // An idea is outside the investors' stages: no match.
    let idea = present(
        &app,
        &an,
        &[("name", "Cảm biến độ mặn cho ao tôm"), ("stage", "idea")],
    )
    .await;
    approve(&app, &moderator, "projects", fits).await;
    approve(&app, &moderator, "projects", idea).await;
    approved_investor(
        &app,
        &t,
        (&fund, &moderator),
        "Quỹ Khởi nghiệp Mekong",
        "fund",
    )
    .await;
    approved_investor(&app, &t, (&angel, &moderator), "Nhà đầu tư Gốc", "angel").await;
    // The project's own presenter is an approved investor too.
    approved_investor(&app, &t, (&an, &moderator), "An Đầu Tư", "angel").await;

    // The fund sees the fitting project, with why; not the idea.
    let page = json(&get_with(&app, "/api/get_investor_matches", Some(&fund)).await);
    assert_eq!(page["considered"], 2);
    let matches = page["matches"].as_array().unwrap();
    assert_eq!(matches.len(), 1, "{page}");
    assert_eq!(matches[0]["card"]["id"], fits);
    let reasons: Vec<&str> = matches[0]["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        reasons,
        ["sector", "stage", "ticket", "funding", "any_province"]
    );
    assert_eq!(matches[0]["score"], 8.5);
    assert!(matches[0]["introduction"].is_null());
    // Its own presenter is shown none of their own projects; a plain member, none at all.
    let own = json(&get_with(&app, "/api/get_investor_matches", Some(&an)).await);
    assert_eq!(own["matches"].as_array().unwrap().len(), 0);
    assert_eq!(own["considered"], 0);
    let none = json(&get_with(&app, "/api/get_investor_matches", Some(&plain)).await);
    assert!(none["investor"].is_null());
    assert_eq!(none["matches"].as_array().unwrap().len(), 0);
    // The project's page tells the fund why it fits and offers the form.
    let project_page = get_with(
        &app,
        "/startups/may-say-lua-nang-luong-mat-troi",
        Some(&fund),
    )
    .await;
    assert!(
        project_page
            .body
            .contains("Vốn cần gọi trong khoảng đầu tư")
    );
    assert!(project_page.body.contains("/api/ask_project_introduction"));

    // Bad asks: nothing stored, the message kept.
    let ask = |project: i64, message: &str| {
        format!(
            "project_id={project}&slug=may-say-lua-nang-luong-mat-troi&message={}",
            form_value(message)
        )
    };
    let words = "Quỹ muốn tìm hiểu thêm về hợp tác xã dùng thử.";
    let refused = |reply: &Reply| error_pairs(reply);
    for (who, form, field_code) in [
        (&fund, ask(fits, ""), "required"),
        (&fund, ask(fits, "Chào"), "too_short"),
        (&an, ask(fits, words), "introduction_own_project"),
        (&plain, ask(fits, words), "introduction_not_investor"),
        (&fund, ask(9_999, words), "introduction_not_published"),
    ] {
        let reply = post_form(
            &app,
            "/api/ask_project_introduction",
            &form,
            Some(who),
            false,
        )
        .await;
        assert_eq!(
            refused(&reply),
            [("message".to_owned(), field_code.to_owned())],
            "{form}"
        );
    }
    assert_eq!(count(&t, "startup_introductions").await, 0);
    // Without JavaScript, the refusal comes back to the page beside the message, kept.
    let back = post_form(
        &app,
        "/api/ask_project_introduction",
        &ask(fits, "Chào quỹ"),
        Some(&fund),
        true,
    )
    .await;
    let to = location(&back);
    let query = to
        .split_once('?')
        .map(|(_, q)| q)
        .unwrap_or_else(|| panic!("{to}"));
    let form = get_with(
        &app,
        &format!("/startups/may-say-lua-nang-luong-mat-troi?{query}"),
        Some(&fund),
    )
    .await;
    assert!(
        form.body.contains("Quá ngắn."),
        "the error beside the field"
    );
    assert!(form.body.contains("Chào quỹ"), "the message kept");
    assert_eq!(count(&t, "startup_introductions").await, 0);

    // The fund asks; the presenter is told by mail; twice is refused.
    let asked = post_form(
        &app,
        "/api/ask_project_introduction",
        &ask(fits, words),
        Some(&fund),
        true,
    )
    .await;
    assert_eq!(
        location(&asked),
        "/startups/may-say-lua-nang-luong-mat-troi?done=introduction_asked#introduction"
    );
    let mail: String =
        sqlx::query_scalar("SELECT kind FROM outbox WHERE to_email = 'an@techx.test'")
            .fetch_one(&t.db)
            .await
            .unwrap();
    assert_eq!(mail, "startup_introduction_asked");
    let again = post_form(
        &app,
        "/api/ask_project_introduction",
        &ask(fits, words),
        Some(&fund),
        false,
    )
    .await;
    assert_eq!(
        refused(&again),
        [("message".to_owned(), "introduction_exists".to_owned())]
    );
    let intro: i64 = sqlx::query_scalar("SELECT id FROM startup_introductions")
        .fetch_one(&t.db)
        .await
        .unwrap();
    let matched = json(&get_with(&app, "/api/get_investor_matches", Some(&fund)).await);
    assert_eq!(matched["matches"][0]["introduction"], "requested");

    // Only the project's owners answer: not the fund, not a stranger; no conversation before.
    for who in [&fund, &plain] {
        let reply = post_form(
            &app,
            "/api/answer_project_introduction",
            &format!("id={intro}&decision=accept"),
            Some(who),
            false,
        )
        .await;
        assert_eq!(
            refused(&reply),
            [("decision".to_owned(), "introduction_not_now".to_owned())]
        );
    }
    let thread = format!("/api/get_project_introduction?id={intro}");
    assert_eq!(
        get_with(&app, &thread, Some(&plain)).await.status,
        StatusCode::NOT_FOUND
    );
    let waiting = json(&get_with(&app, &thread, Some(&fund)).await);
    assert_eq!(waiting["intro"]["status"], "requested");
    assert!(waiting["contact"].is_null());
    let own_list = json(&get_with(&app, "/api/get_own_startups", Some(&an)).await);
    assert_eq!(own_list["introductions"][0]["investor_side"], false);
    assert_eq!(
        own_list["introductions"][0]["investor_name"],
        "Quỹ Khởi nghiệp Mekong"
    );

    // The presenter accepts: the conversation opens with the fund's message, contacts shown.
    let accepted = post_form(
        &app,
        "/api/answer_project_introduction",
        &format!("id={intro}&decision=accept"),
        Some(&an),
        true,
    )
    .await;
    assert_eq!(
        location(&accepted),
        format!("/account/startups/introductions/{intro}?done=accepted")
    );
    let open = json(&get_with(&app, &thread, Some(&fund)).await);
    assert_eq!(open["intro"]["status"], "accepted");
    assert_eq!(open["contact"][1], "an@techx.test");
    assert_eq!(open["messages"][0]["body"], words);
    let reply = "Chào quỹ, chúng tôi gửi lịch gặp vào tuần sau nhé.";
    for (who, code) in [(&an, StatusCode::OK), (&plain, StatusCode::NOT_FOUND)] {
        let posted = post_form(
            &app,
            "/api/post_introduction_message",
            &format!("id={intro}&body={}", form_value(reply)),
            Some(who),
            false,
        )
        .await;
        assert_eq!(posted.status, code, "{}", posted.body);
    }
    let talk = json(&get_with(&app, &thread, Some(&fund)).await);
    assert_eq!(talk["messages"].as_array().unwrap().len(), 2);
    assert_eq!(talk["messages"][1]["body"], reply);
    assert_eq!(talk["messages"][1]["mine"], false);
    let short = post_form(
        &app,
        "/api/post_introduction_message",
        &format!("id={intro}&body=ok"),
        Some(&fund),
        false,
    )
    .await;
    assert_eq!(
        refused(&short),
        [("body".to_owned(), "too_short".to_owned())]
    );

    // Declining needs a reason, which the investor reads; no conversation opens.
    let asked = post_form(
        &app,
        "/api/ask_project_introduction",
        &ask(fits, words),
        Some(&angel),
        false,
    )
    .await;
    assert_eq!(asked.status, StatusCode::OK, "{}", asked.body);
    let second: i64 = sqlx::query_scalar("SELECT MAX(id) FROM startup_introductions")
        .fetch_one(&t.db)
        .await
        .unwrap();
    let no_reason = post_form(
        &app,
        "/api/answer_project_introduction",
        &format!("id={second}&decision=decline"),
        Some(&an),
        false,
    )
    .await;
    assert_eq!(
        refused(&no_reason),
        [("reason".to_owned(), "required".to_owned())]
    );
    let declined = post_form(
        &app,
        "/api/answer_project_introduction",
        &format!("id={second}&decision=decline&reason=timing"),
        Some(&an),
        false,
    )
    .await;
    assert_eq!(declined.status, StatusCode::OK, "{}", declined.body);
    let seen_by_angel = json(
        &get_with(
            &app,
            &format!("/api/get_project_introduction?id={second}"),
            Some(&angel),
        )
        .await,
    );
    assert_eq!(seen_by_angel["intro"]["decline_reason"], "timing");
    assert_eq!(seen_by_angel["messages"].as_array().unwrap().len(), 0);
    let closed = post_form(
        &app,
        "/api/post_introduction_message",
        &format!("id={second}&body={}", form_value(reply)),
        Some(&angel),
        false,
    )
    .await;
    assert_eq!(closed.status, StatusCode::NOT_FOUND);
}

/// A call's form with `changes` over a complete call closing in ten days.
fn call_form(changes: &[(&str, &str)]) -> String {
    let now = app::db::now_ms();
    let deadline = app::domain::iso_date(app::domain::vietnam_day(now) + 10);
    let mut fields = [
        ("id", "0".to_owned()),
        (
            "title",
            "Chương trình hỗ trợ đổi mới công nghệ 2027".to_owned(),
        ),
        (
            "summary",
            "Hỗ trợ doanh nghiệp nhỏ và vừa đổi mới công nghệ".to_owned(),
        ),
        (
            "description",
            "Thành phố hỗ trợ đến 30% chi phí đổi mới công nghệ cho doanh nghiệp nhỏ và vừa."
                .to_owned(),
        ),
        (
            "eligibility",
            "Doanh nghiệp nhỏ và vừa đăng ký tại Cần Thơ".to_owned(),
        ),
        (
            "questions",
            "Công nghệ bạn muốn đổi mới?\nKết quả mong đợi sau một năm?".to_owned(),
        ),
        ("deadline", deadline),
        ("budget", "5.000.000.000".to_owned()),
    ];
    for (name, value) in changes {
        if let Some(field) = fields.iter_mut().find(|(n, _)| n == name) {
            field.1 = (*value).to_owned();
        }
    }
    fields
        .iter()
        .map(|(n, v)| format!("{n}={}", form_value(v)))
        .collect::<Vec<_>>()
        .join("&")
}

async fn calls_take_one_application_per_project_until_the_deadline(t: TestDb) {
    let app = app(&t).await;
    let (_, an) = member(&app, &t, "an@techx.test", "mật khẩu thành viên", "member").await;
    let (_, binh) = member(&app, &t, "binh@techx.test", "mật khẩu thành viên", "member").await;
    let (_, moderator) = member(
        &app,
        &t,
        "kd@techx.test",
        "mật khẩu kiểm duyệt",
        "moderator",
    )
    .await;
    let (_, programme) = member(
        &app,
        &t,
        "sme@techx.test",
        "mật khẩu chương trình",
        "member",
    )
    .await;
    let (_, angel) = member(&app, &t, "goc@techx.test", "mật khẩu nhà đầu tư", "member").await;
    let ans = present(&app, &an, &[]).await;
    let binhs = present(&app, &binh, &[("name", "Cảm biến độ mặn cho ao tôm")]).await;
    approve(&app, &moderator, "projects", ans).await;
    approve(&app, &moderator, "projects", binhs).await;
    approved_investor(
        &app,
        &t,
        (&programme, &moderator),
        "Chương trình đổi mới SME",
        "public",
    )
    .await;
    approved_investor(&app, &t, (&angel, &moderator), "Nhà đầu tư Gốc", "angel").await;

    // Angels invest; they do not run calls.
    assert_eq!(
        get_with(&app, "/api/get_call_editor?id=0", Some(&angel))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let refused = post_form(&app, "/api/save_call", &call_form(&[]), Some(&angel), false).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    // A deadline in the past, no questions, a negative budget: each beside its field.
    let bad = post_form(
        &app,
        "/api/save_call",
        &call_form(&[
            ("deadline", "2020-01-31"),
            ("questions", ""),
            ("budget", "-5"),
        ]),
        Some(&programme),
        false,
    )
    .await;
    assert_eq!(
        error_pairs(&bad),
        [
            ("questions".to_owned(), "required".to_owned()),
            ("deadline".to_owned(), "deadline_past".to_owned()),
            ("budget".to_owned(), "funding_negative".to_owned()),
        ]
    );
    assert_eq!(count(&t, "funding_calls").await, 0);
    let saved = post_form(
        &app,
        "/api/save_call",
        &call_form(&[]),
        Some(&programme),
        true,
    )
    .await;
    let call: i64 = sqlx::query_scalar("SELECT id FROM funding_calls")
        .fetch_one(&t.db)
        .await
        .unwrap();
    assert_eq!(
        location(&saved),
        format!("/account/calls/{call}/applications?done=saved")
    );
    let slug = "chuong-trinh-ho-tro-doi-moi-cong-nghe-2027";
    let listed = json(&get_with(&app, "/api/get_calls", None).await);
    assert_eq!(listed["open"][0]["slug"], slug);
    assert!(
        get_with(&app, "/sitemaps/pages.xml", None)
            .await
            .body
            .contains(&format!("/calls/{slug}"))
    );
    let page = json(&get_with(&app, &format!("/api/get_call?slug={slug}"), Some(&an)).await);
    assert_eq!(page["open"], true);
    assert_eq!(page["projects"][0][0], ans);
    assert_eq!(page["questions"].as_array().unwrap().len(), 2);

    // Applying: every answer, one's own project, once.
    let apply = |project: i64, answers: &[&str]| {
        let mut form = format!("call_id={call}&slug={slug}&project={project}");
        for a in answers {
            form.push_str(&format!("&answers%5B%5D={}", form_value(a)));
        }
        form
    };
    let first = "Máy sấy lúa dùng năng lượng mặt trời.";
    let second = "Hai hợp tác xã dùng thường xuyên.";
    for (form, field, code) in [
        (apply(ans, &[first, ""]), "answer_2", "required"),
        (apply(ans, &[first]), "answer_2", "required"),
        (apply(binhs, &[first, second]), "project", "invalid_choice"),
    ] {
        let reply = post_form(&app, "/api/apply_to_call", &form, Some(&an), false).await;
        assert_eq!(
            error_pairs(&reply),
            [(field.to_owned(), code.to_owned())],
            "{form}"
        );
    }
    assert_eq!(count(&t, "call_applications").await, 0);
    // Without JavaScript, the refusal comes back to the page with the answers typed.
    let back = post_form(
        &app,
        "/api/apply_to_call",
        &apply(ans, &[first, ""]),
        Some(&an),
        true,
    )
    .await;
    let to = location(&back);
    let query = to
        .split_once('?')
        .map(|(_, q)| q)
        .unwrap_or_else(|| panic!("{to}"));
    let form = get_with(&app, &format!("/calls/{slug}?{query}"), Some(&an)).await;
    assert!(form.body.contains(first), "the first answer kept");
    assert!(
        form.body.contains("Vui lòng điền trường này."),
        "the error beside the answer"
    );
    let applied = post_form(
        &app,
        "/api/apply_to_call",
        &apply(ans, &[first, second]),
        Some(&an),
        true,
    )
    .await;
    assert_eq!(
        location(&applied),
        format!("/calls/{slug}?done=applied#apply")
    );
    let twice = post_form(
        &app,
        "/api/apply_to_call",
        &apply(ans, &[first, second]),
        Some(&an),
        false,
    )
    .await;
    assert_eq!(
        error_pairs(&twice),
        [("project".to_owned(), "already_applied".to_owned())]
    );
    assert_eq!(count(&t, "call_applications").await, 1);
    let mail: String =
        sqlx::query_scalar("SELECT kind FROM outbox WHERE to_email = 'sme@techx.test'")
            .fetch_one(&t.db)
            .await
            .unwrap();
    assert_eq!(mail, "call_application_received");

    // The funder's desk: the answers; statuses move forward only; declining needs a reason.
    let desk_path = format!("/api/get_call_desk?id={call}");
    assert_eq!(
        get_with(&app, &desk_path, Some(&angel)).await.status,
        StatusCode::FORBIDDEN
    );
    let desk = json(&get_with(&app, &desk_path, Some(&programme)).await);
    let application = desk["applications"][0]["id"].as_i64().unwrap();
    assert_eq!(desk["applications"][0]["answers"][1][1], second);
    let mv = |status: &str, reason: &str| {
        format!(
            "id={application}&call_id={call}&status={status}&reason={}",
            form_value(reason)
        )
    };
    let skip = post_form(
        &app,
        "/api/move_application",
        &mv("interview", ""),
        Some(&programme),
        false,
    )
    .await;
    assert_eq!(
        error_pairs(&skip),
        [("status".to_owned(), "invalid_choice".to_owned())]
    );
    let theirs = post_form(
        &app,
        "/api/move_application",
        &mv("reviewing", ""),
        Some(&an),
        false,
    )
    .await;
    assert_eq!(theirs.status, StatusCode::FORBIDDEN);
    let reviewing = post_form(
        &app,
        "/api/move_application",
        &mv("reviewing", ""),
        Some(&programme),
        true,
    )
    .await;
    assert_eq!(
        location(&reviewing),
        format!("/account/calls/{call}/applications?done=moved#application-{application}")
    );
    let no_reason = post_form(
        &app,
        "/api/move_application",
        &mv("declined", ""),
        Some(&programme),
        false,
    )
    .await;
    assert_eq!(
        error_pairs(&no_reason),
        [("reason".to_owned(), "required".to_owned())]
    );
    let why = "Dự án chưa phải doanh nghiệp nhỏ và vừa đã đăng ký.";
    let declined = post_form(
        &app,
        "/api/move_application",
        &mv("declined", why),
        Some(&programme),
        false,
    )
    .await;
    assert_eq!(declined.status, StatusCode::OK, "{}", declined.body);
    let own = json(&get_with(&app, "/api/get_own_startups", Some(&an)).await);
    assert_eq!(own["applications"][0]["status"], "declined");
    assert_eq!(own["applications"][0]["decline_reason"], why);
    let told: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM outbox WHERE to_email = 'an@techx.test' AND kind = 'call_application_moved'",
    )
    .fetch_one(&t.db)
    .await
    .unwrap();
    assert_eq!(told, 2);

    // The CSV, for the funder only.
    let csv_path = format!("/account/calls/{call}/applications.csv");
    let csv = get_with(&app, &csv_path, Some(&programme)).await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(
        csv.headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    let mut lines = csv.body.lines();
    assert!(
        lines
            .next()
            .unwrap()
            .ends_with("Công nghệ bạn muốn đổi mới?,Kết quả mong đợi sau một năm?")
    );
    let row = lines.next().unwrap();
    assert!(row.contains("declined") && row.contains(second), "{row}");
    assert_eq!(
        get_with(&app, &csv_path, Some(&an)).await.status,
        StatusCode::NOT_FOUND
    );

    // After the deadline, no more applications.
    sqlx::query("UPDATE funding_calls SET deadline = $1")
        .bind(app::db::now_ms() - 1)
        .execute(&t.db)
        .await
        .unwrap();
    let late = post_form(
        &app,
        "/api/apply_to_call",
        &apply(binhs, &[first, second]),
        Some(&binh),
        false,
    )
    .await;
    assert_eq!(
        error_pairs(&late),
        [("project".to_owned(), "call_closed".to_owned())]
    );
    assert_eq!(count(&t, "call_applications").await, 1);
    let closed = json(&get_with(&app, "/api/get_calls", None).await);
    assert_eq!(closed["closed"][0]["slug"], slug);
}

async fn mentors_give_hours_and_sessions_are_never_in_the_past(t: TestDb) {
    use app::domain::auction_setup::vietnam_datetime_input as local;

    let app = app(&t).await;
    let (_, an) = member(&app, &t, "an@techx.test", "mật khẩu thành viên", "member").await;
    let (_, tam) = member(&app, &t, "tam@techx.test", "mật khẩu cố vấn", "member").await;
    let (_, stranger) = member(&app, &t, "la@techx.test", "mật khẩu thành viên", "member").await;
    let (_, moderator) = member(
        &app,
        &t,
        "kd@techx.test",
        "mật khẩu kiểm duyệt",
        "moderator",
    )
    .await;
    let project = present(&app, &an, &[]).await;
    approve(&app, &moderator, "projects", project).await;
    let second = present(&app, &an, &[("name", "Cảm biến độ mặn cho ao tôm")]).await;
    approve(&app, &moderator, "projects", second).await;

    // The profile: hours between 1 and 40, at least one expertise.
    let profile = |hours: &str, expertise: &str| {
        format!(
            "name={}&headline={}&bio={}&hours={hours}{expertise}&sectors%5B%5D=nong-nghiep\
             &languages%5B%5D=vi&languages%5B%5D=en&available=1",
            form_value("Lê Minh Tâm"),
            form_value("Cố vấn gọi vốn cho khởi nghiệp nông nghiệp"),
            form_value(
                "Mười năm đầu tư mạo hiểm, cố vấn hai mươi dự án nông nghiệp công nghệ cao."
            ),
        )
    };
    let bad = post_form(
        &app,
        "/api/save_mentor",
        &profile("0", ""),
        Some(&tam),
        false,
    )
    .await;
    assert_eq!(
        error_pairs(&bad),
        [
            ("hours".to_owned(), "invalid_hours".to_owned()),
            ("expertise".to_owned(), "required".to_owned()),
        ]
    );
    assert_eq!(count(&t, "mentors").await, 0);
    let saved = post_form(
        &app,
        "/api/save_mentor",
        &profile("1", "&expertise%5B%5D=fundraising&expertise%5B%5D=finance"),
        Some(&tam),
        true,
    )
    .await;
    assert_eq!(location(&saved), "/account/mentor?done=saved");

    // The directory filters by expertise, language and availability.
    assert!(
        get_with(&app, "/mentors?expertise=fundraising", None)
            .await
            .body
            .contains("Lê Minh Tâm")
    );
    assert!(
        !get_with(&app, "/mentors?expertise=legal", None)
            .await
            .body
            .contains("Lê Minh Tâm")
    );
    assert!(
        !get_with(&app, "/mentors?language=fr", None)
            .await
            .body
            .contains("Lê Minh Tâm")
    );
    assert!(
        get_with(&app, "/mentors?available=1", None)
            .await
            .body
            .contains("Lê Minh Tâm")
    );
    let mentor: i64 = sqlx::query_scalar("SELECT id FROM mentors")
        .fetch_one(&t.db)
        .await
        .unwrap();

    // Asking: never in the past, one's own published project, one open request at a time.
    let now = app::db::now_ms();
    let soon = now + 2 * 3_600_000;
    let ask = |project: i64, at: &str| {
        format!(
            "mentor_id={mentor}&slug=le-minh-tam&project={project}&topic={}&message={}&asked_for={at}",
            form_value("Chuẩn bị gọi vốn"),
            form_value("Chúng tôi cần góp ý về kế hoạch tài chính trước vòng gọi vốn."),
        )
    };
    let past = post_form(
        &app,
        "/api/ask_session",
        &ask(project, &local(now - 3_600_000)),
        Some(&an),
        false,
    )
    .await;
    assert_eq!(
        error_pairs(&past),
        [("asked_for".to_owned(), "session_in_past".to_owned())]
    );
    let theirs = post_form(
        &app,
        "/api/ask_session",
        &ask(project, &local(soon)),
        Some(&stranger),
        false,
    )
    .await;
    assert_eq!(
        error_pairs(&theirs),
        [("project".to_owned(), "invalid_choice".to_owned())]
    );
    assert_eq!(count(&t, "mentor_sessions").await, 0);
    let asked = post_form(
        &app,
        "/api/ask_session",
        &ask(project, &local(soon)),
        Some(&an),
        true,
    )
    .await;
    assert_eq!(location(&asked), "/mentors/le-minh-tam?done=asked#ask");
    let again = post_form(
        &app,
        "/api/ask_session",
        &ask(project, &local(soon)),
        Some(&an),
        false,
    )
    .await;
    assert_eq!(
        error_pairs(&again),
        [("project".to_owned(), "session_open".to_owned())]
    );
    let session: i64 = sqlx::query_scalar("SELECT id FROM mentor_sessions")
        .fetch_one(&t.db)
        .await
        .unwrap();
    let mail: String =
        sqlx::query_scalar("SELECT kind FROM outbox WHERE to_email = 'tam@techx.test'")
            .fetch_one(&t.db)
            .await
            .unwrap();
    assert_eq!(mail, "mentor_session");

    // The mentor proposes times, none in the past; only the mentor proposes.
    let propose = |times: &[String]| {
        let mut form = format!("id={session}&action=propose");
        for at in times {
            form.push_str(&format!("&times%5B%5D={}", form_value(at)));
        }
        form
    };
    let later = soon + 3_600_000;
    let bad = post_form(
        &app,
        "/api/move_session",
        &propose(&[local(soon), local(now - 60_000)]),
        Some(&tam),
        false,
    )
    .await;
    assert_eq!(
        error_pairs(&bad),
        [("time_2".to_owned(), "session_in_past".to_owned())]
    );
    let not_theirs = post_form(
        &app,
        "/api/move_session",
        &propose(&[local(soon)]),
        Some(&an),
        false,
    )
    .await;
    assert_eq!(
        error_pairs(&not_theirs),
        [("action".to_owned(), "session_not_now".to_owned())]
    );
    let proposed = post_form(
        &app,
        "/api/move_session",
        &propose(&[local(soon), local(later)]),
        Some(&tam),
        true,
    )
    .await;
    assert_eq!(
        location(&proposed),
        format!("/account/mentoring/{session}?done=proposed")
    );
    let page = json(&get_with(&app, &format!("/api/get_session?id={session}"), Some(&an)).await);
    let times: Vec<i64> = page["proposed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_i64().unwrap())
        .collect();
    assert_eq!(times.len(), 2);
    assert!(
        page["contact"].is_null(),
        "no contact before a time is chosen"
    );

    // The project chooses one of them (not another); then both see each other's contact.
    let choose = |at: i64| format!("id={session}&action=choose&at={at}");
    let other = post_form(
        &app,
        "/api/move_session",
        &choose(times[0] + 60_000),
        Some(&an),
        false,
    )
    .await;
    assert_eq!(
        error_pairs(&other),
        [("action".to_owned(), "session_not_now".to_owned())]
    );
    let chosen = post_form(
        &app,
        "/api/move_session",
        &choose(times[0]),
        Some(&an),
        false,
    )
    .await;
    assert_eq!(chosen.status, StatusCode::OK, "{}", chosen.body);
    let page = json(&get_with(&app, &format!("/api/get_session?id={session}"), Some(&an)).await);
    assert_eq!(page["item"]["status"], "scheduled");
    assert_eq!(page["contact"][1], "tam@techx.test");
    // One hour a month, now booked (when the session falls in this month): no more requests.
    let same_month = app::domain::iso_date(app::domain::vietnam_day(times[0]))[..7]
        == app::domain::iso_date(app::domain::vietnam_day(now))[..7];
    if same_month {
        assert!(
            !get_with(&app, "/mentors?available=1", None)
                .await
                .body
                .contains("Lê Minh Tâm")
        );
        let full = post_form(
            &app,
            "/api/ask_session",
            &ask(second, &local(later)),
            Some(&an),
            false,
        )
        .await;
        assert_eq!(
            error_pairs(&full),
            [("project".to_owned(), "mentor_unavailable".to_owned())]
        );
    }

    // Private notes: each side reads only their own; strangers see nothing.
    let noted = post_form(
        &app,
        "/api/save_session_note",
        &format!(
            "id={session}&note={}",
            form_value("Ghi chú riêng của An về quỹ")
        ),
        Some(&an),
        false,
    )
    .await;
    assert_eq!(noted.status, StatusCode::OK, "{}", noted.body);
    let mine = json(&get_with(&app, &format!("/api/get_session?id={session}"), Some(&an)).await);
    assert_eq!(mine["note"], "Ghi chú riêng của An về quỹ");
    let theirs = json(&get_with(&app, &format!("/api/get_session?id={session}"), Some(&tam)).await);
    assert_eq!(theirs["note"], "");
    assert_eq!(
        get_with(
            &app,
            &format!("/api/get_session?id={session}"),
            Some(&stranger)
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
    let stranger_note = post_form(
        &app,
        "/api/save_session_note",
        &format!("id={session}&note=x"),
        Some(&stranger),
        false,
    )
    .await;
    assert_eq!(stranger_note.status, StatusCode::NOT_FOUND);

    // Held only once its time has come.
    let early = post_form(
        &app,
        "/api/move_session",
        &format!("id={session}&action=done"),
        Some(&tam),
        false,
    )
    .await;
    assert_eq!(
        error_pairs(&early),
        [("action".to_owned(), "session_not_now".to_owned())]
    );
    sqlx::query("UPDATE mentor_sessions SET scheduled_at = $1")
        .bind(now - 60_000)
        .execute(&t.db)
        .await
        .unwrap();
    let held = post_form(
        &app,
        "/api/move_session",
        &format!("id={session}&action=done"),
        Some(&tam),
        false,
    )
    .await;
    assert_eq!(held.status, StatusCode::OK, "{}", held.body);
}

/// An event of `kind` a day long, `days_ago` days ago; its id.
async fn past_event(t: &TestDb, slug: &str, kind: &str, days_ago: i64) -> i64 {
    let starts = app::db::now_ms() - days_ago * 86_400_000;
    sqlx::query_scalar(
        "INSERT INTO events (slug, kind, title, summary, description, description_html, starts_at,
             ends_at, venue, organiser, status, created_at, updated_at)
         VALUES ($1, $2, $3, 'Tóm tắt lớp học', 'Nội dung', '<p>Nội dung</p>', $4, $5,
             'Cần Thơ', 'Vườn ươm', 'published', $4, $4) RETURNING id",
    )
    .bind(slug)
    .bind(kind)
    .bind(format!("Sự kiện {slug}"))
    .bind(starts)
    .bind(starts + 8 * 3_600_000)
    .fetch_one(&t.db)
    .await
    .unwrap()
}

async fn incubator_programmes_show_cohorts_alumni_and_trainees(t: TestDb) {
    let app = app(&t).await;
    let (_, an) = member(&app, &t, "an@techx.test", "mật khẩu thành viên", "member").await;
    let (_, editor) = member(&app, &t, "bt@techx.test", "mật khẩu biên tập", "editor").await;
    let (_, moderator) = member(
        &app,
        &t,
        "kd@techx.test",
        "mật khẩu kiểm duyệt",
        "moderator",
    )
    .await;
    let project = present(&app, &an, &[]).await;
    approve(&app, &moderator, "projects", project).await;

    let programme = |name: &str| {
        format!(
            "id=0&name={}&organiser={}&summary={}&description={}",
            form_value(name),
            form_value("Trung tâm Ứng dụng tiến bộ khoa học và công nghệ"),
            form_value("Ươm tạo dự án khởi nghiệp công nghệ của thành phố"),
            form_value(
                "Chỗ làm việc, cố vấn, đào tạo và kết nối nhà đầu tư cho các nhóm khởi nghiệp công nghệ."
            ),
        )
    };
    // Editors keep programmes; members cannot.
    let refused = post_form(
        &app,
        "/api/save_programme",
        &programme("Vườn ươm Cần Thơ"),
        Some(&an),
        false,
    )
    .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let short = post_form(
        &app,
        "/api/save_programme",
        &programme("Vư"),
        Some(&editor),
        false,
    )
    .await;
    assert_eq!(
        error_pairs(&short),
        [("name".to_owned(), "too_short".to_owned())]
    );
    let saved = post_form(
        &app,
        "/api/save_programme",
        &programme("Vườn ươm Cần Thơ"),
        Some(&editor),
        true,
    )
    .await;
    let id: i64 = sqlx::query_scalar("SELECT id FROM incubator_programmes")
        .fetch_one(&t.db)
        .await
        .unwrap();
    assert_eq!(
        location(&saved),
        format!("/editor/incubator/{id}/edit?done=saved")
    );

    // Cohorts end after they start.
    let cohort = |name: &str, starts: &str, ends: &str| {
        format!(
            "id={id}&cohort_name={}&starts={starts}&ends={ends}",
            form_value(name)
        )
    };
    let backwards = post_form(
        &app,
        "/api/add_cohort",
        &cohort("Khóa 2024", "2024-06-30", "2024-01-01"),
        Some(&editor),
        false,
    )
    .await;
    assert_eq!(
        error_pairs(&backwards),
        [("ends".to_owned(), "ends_before_start".to_owned())]
    );
    let today = app::domain::vietnam_day(app::db::now_ms());
    let (from, to) = (
        app::domain::iso_date(today - 10),
        app::domain::iso_date(today + 100),
    );
    for (name, starts, ends) in [
        ("Khóa 2024", "2024-01-01", "2024-06-30"),
        ("Khóa hiện tại", from.as_str(), to.as_str()),
    ] {
        let added = post_form(
            &app,
            "/api/add_cohort",
            &cohort(name, starts, ends),
            Some(&editor),
            false,
        )
        .await;
        assert_eq!(added.status, StatusCode::OK, "{}", added.body);
    }
    let past: i64 = sqlx::query_scalar("SELECT id FROM incubator_cohorts WHERE name = 'Khóa 2024'")
        .fetch_one(&t.db)
        .await
        .unwrap();

    // Projects by their address; published ones, once.
    let slug = "may-say-lua-nang-luong-mat-troi";
    let add = |project: &str| format!("id={id}&cohort={past}&project={}", form_value(project));
    for (typed, code) in [("/startups/khong-co", "unknown_project")] {
        let reply = post_form(
            &app,
            "/api/add_cohort_project",
            &add(typed),
            Some(&editor),
            false,
        )
        .await;
        assert_eq!(
            error_pairs(&reply),
            [("project".to_owned(), code.to_owned())]
        );
    }
    let added = post_form(
        &app,
        "/api/add_cohort_project",
        &add(&format!("https://techx.test/startups/{slug}")),
        Some(&editor),
        false,
    )
    .await;
    assert_eq!(added.status, StatusCode::OK, "{}", added.body);
    let twice = post_form(
        &app,
        "/api/add_cohort_project",
        &add(slug),
        Some(&editor),
        false,
    )
    .await;
    assert_eq!(
        error_pairs(&twice),
        [("project".to_owned(), "already_in_cohort".to_owned())]
    );

    // Training courses are events of the training kind; their trainees are those checked in.
    let course = past_event(&t, "lop-goi-von", "training", 30).await;
    past_event(&t, "cho-cong-nghe", "techmart", 20).await;
    for (n, checked) in [(1, true), (2, true), (3, false)] {
        sqlx::query(
            "INSERT INTO event_registrations (event_id, name, organisation, phone, email, status,
                 ticket_code, cancel_hash, created_at, checked_in_at)
             VALUES ($1, $2, 'Nhóm khởi nghiệp', '0900000000', $3, 'confirmed', $4, 'x', 1, $5)",
        )
        .bind(course)
        .bind(format!("Học viên {n}"))
        .bind(format!("hv{n}@techx.test"))
        .bind(format!("TICKET{n}"))
        .bind(checked.then_some(2_i64))
        .execute(&t.db)
        .await
        .unwrap();
    }
    let not_training = post_form(
        &app,
        "/api/link_training",
        &format!("id={id}&event=cho-cong-nghe"),
        Some(&editor),
        false,
    )
    .await;
    assert_eq!(
        error_pairs(&not_training),
        [("event".to_owned(), "not_a_training".to_owned())]
    );
    let linked = post_form(
        &app,
        "/api/link_training",
        &format!("id={id}&event=%2Fevents%2Flop-goi-von"),
        Some(&editor),
        false,
    )
    .await;
    assert_eq!(linked.status, StatusCode::OK, "{}", linked.body);

    // The programme's page: the current cohort, the alumni, the courses and their trainees.
    let page = json(&get_with(&app, "/api/get_programme?slug=vuon-uom-can-tho", None).await);
    assert_eq!(page["current"][0]["name"], "Khóa hiện tại");
    assert_eq!(page["past"][0]["projects"][0]["slug"], slug);
    assert_eq!(page["trainings"][0]["trainees"], 2);
    assert_eq!(page["trainees"], 2);
    assert_eq!(page["card"]["projects"], 1);
    let html = get_with(&app, "/incubator/vuon-uom-can-tho", None).await;
    assert!(html.body.contains("Cựu thành viên"));
    assert!(
        get_with(&app, "/sitemaps/pages.xml", None)
            .await
            .body
            .contains("/incubator/vuon-uom-can-tho")
    );
}
