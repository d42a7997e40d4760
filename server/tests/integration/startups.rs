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
