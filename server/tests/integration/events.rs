//! Events: moderators and editors announce fairs, exhibitions, connection sessions, startup
//! events and training courses; everyone browses them upcoming first, by kind and province, in a
//! month calendar, reads an event's page and downloads it (or all upcoming ones) as `.ics`.

use axum::Router;
use axum::http::{StatusCode, header};

use crate::on_both_databases;
use crate::support::{TestDb, error_pairs, form_value, get_with, member, post_form};

on_both_databases!(
    editors_announce_events_and_bad_input_is_refused_beside_its_field,
    visitors_browse_events_by_kind_province_and_month_and_take_them_as_ics,
);

/// The router, with the provinces events are held in.
async fn app(t: &TestDb) -> Router {
    crate::support::reference_data(&t.db).await;
    crate::support::test_router(t, &std::env::temp_dir())
}

/// `YYYY-MM-DDTHH:MM` `days` from today at `hour` (Vietnam time).
fn ahead(days: i64, hour: i64) -> String {
    let day = app::domain::vietnam_day(app::db::now_ms()) + days;
    format!("{}T{hour:02}:00", app::domain::iso_date(day))
}

pub(crate) fn event_form(id: i64, title: &str, extra: &[(&str, String)]) -> String {
    let mut fields = vec![
        ("id", id.to_string()),
        ("kind", "techmart".to_owned()),
        ("title", title.to_owned()),
        ("slug", String::new()),
        (
            "summary",
            "Hơn 200 gian hàng công nghệ của vùng Đồng bằng sông Cửu Long.".to_owned(),
        ),
        (
            "description",
            "Ba ngày trưng bày, **trình diễn** và kết nối cung – cầu.".to_owned(),
        ),
        ("starts_at", ahead(20, 8)),
        ("ends_at", ahead(22, 17)),
        ("venue", "Trung tâm Hội chợ Triển lãm Cần Thơ".to_owned()),
        ("address", "Số 1 Đại lộ Hòa Bình".to_owned()),
        ("province", "can-tho".to_owned()),
        ("online_url", String::new()),
        (
            "organiser",
            "Sở Khoa học và Công nghệ TP. Cần Thơ".to_owned(),
        ),
        ("capacity", "1500".to_owned()),
        ("registration_deadline", ahead(19, 17)),
        ("booths_open", "on".to_owned()),
        (
            "programme",
            "08:00 | Khai mạc | Lãnh đạo UBND TP\n09:30 | Trình diễn máy sấy lúa".to_owned(),
        ),
    ];
    for (name, value) in extra {
        fields.iter_mut().find(|(n, _)| n == name).unwrap().1 = value.clone();
    }
    fields
        .iter()
        .map(|(name, value)| format!("{name}={}", form_value(value)))
        .collect::<Vec<_>>()
        .join("&")
}

async fn save(app: &Router, cookie: &str, form: &str) -> i64 {
    crate::support::saved_id(app, "/api/save_event", form, cookie, "/editor/events/").await
}

/// Posts `bytes` as the `picture` of a form to `path`, as a browser does.
async fn post_picture(
    app: &Router,
    cookie: &str,
    path: &str,
    bytes: &[u8],
) -> crate::support::Reply {
    use axum::body::Body;
    let boundary = "----techx-event-boundary";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"picture\"; filename=\"bia.png\"\r\n\
         Content-Type: image/png\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend(format!("\r\n--{boundary}--\r\n").as_bytes());
    let req = axum::http::Request::post(path)
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={boundary}"),
        )
        .header(header::COOKIE, cookie);
    crate::support::send(app, req.body(Body::from(body)).unwrap()).await
}

async fn count(db: &app::db::Db) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM events")
        .fetch_one(db)
        .await
        .unwrap()
}

async fn editors_announce_events_and_bad_input_is_refused_beside_its_field(t: TestDb) {
    let app = app(&t).await;
    let (_, member_cookie) =
        member(&app, &t, "tv@techx.test", "mật khẩu thành viên", "member").await;
    let (_, moderator) = member(
        &app,
        &t,
        "kd@techx.test",
        "mật khẩu kiểm duyệt",
        "moderator",
    )
    .await;
    let title = "Chợ công nghệ – thiết bị Cần Thơ mùa mới";

    let refused = post_form(
        &app,
        "/api/save_event",
        &event_form(0, title, &[]),
        Some(&member_cookie),
        false,
    )
    .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(
        get_with(&app, "/editor/events", Some(&member_cookie))
            .await
            .status,
        StatusCode::FORBIDDEN
    );

    // Each fault beside its field, what was typed sent back, nothing stored.
    for (extra, expected) in [
        (
            vec![("ends_at", ahead(20, 7))],
            ("ends_at", "ends_before_start"),
        ),
        (
            vec![
                ("starts_at", ahead(-3, 8)),
                ("ends_at", ahead(-2, 8)),
                ("registration_deadline", String::new()),
            ],
            ("starts_at", "date_in_past"),
        ),
        (vec![("venue", String::new())], ("venue", "venue_or_online")),
        (
            vec![("capacity", "0".to_owned())],
            ("capacity", "invalid_capacity"),
        ),
        (
            vec![("registration_deadline", ahead(30, 8))],
            ("registration_deadline", "deadline_after_end"),
        ),
        (
            vec![("programme", "giờ khai mạc | Khai mạc".to_owned())],
            ("programme", "invalid_programme"),
        ),
        (
            vec![("kind", "concert".to_owned())],
            ("kind", "invalid_choice"),
        ),
    ] {
        let reply = post_form(
            &app,
            "/api/save_event",
            &event_form(0, title, &extra),
            Some(&moderator),
            false,
        )
        .await;
        assert_eq!(
            error_pairs(&reply),
            [(expected.0.to_owned(), expected.1.to_owned())],
            "{extra:?}"
        );
        let body: serde_json::Value = serde_json::from_str(&reply.body).unwrap();
        let values = body["detail"]["values"].as_array().unwrap();
        assert!(
            values
                .iter()
                .any(|v| v[0] == "programme" && v[1].as_str().unwrap().contains("Khai mạc")),
            "{values:?}"
        );
    }
    assert_eq!(count(&t.db).await, 0);

    let id = save(&app, &moderator, &event_form(0, title, &[])).await;
    let taken = post_form(
        &app,
        "/api/save_event",
        &event_form(0, title, &[]),
        Some(&moderator),
        false,
    )
    .await;
    assert_eq!(error_pairs(&taken), [("slug".into(), "slug_taken".into())]);

    // The form shows what was saved, the programme as written.
    let form = get_with(&app, &format!("/editor/events/{id}/edit"), Some(&moderator)).await;
    assert!(
        form.body.contains("08:00 | Khai mạc | Lãnh đạo UBND TP"),
        "{}",
        form.body
    );
    assert!(form.body.contains("value=\"1500\""));

    let page = get_with(&app, "/events/cho-cong-nghe-thiet-bi-can-tho-mua-moi", None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("<strong>trình diễn</strong>"));
    assert!(page.body.contains("data-testid=\"event-programme\""));
    assert!(page.body.contains("\"@type\":\"Event\""));

    // A cover through the picture pipeline, shown on the page and the list; a file that is not
    // a picture is refused beside the field.
    let cover_path = format!("/uploads/events/{id}/cover");
    let refused = post_picture(&app, &moderator, &cover_path, b"not a picture at all").await;
    let location = refused.headers[header::LOCATION].to_str().unwrap();
    assert!(
        location.starts_with(&format!("/editor/events/{id}/edit?error=")),
        "{location}"
    );
    let form = get_with(&app, location, Some(&moderator)).await;
    assert!(
        form.body.contains("id=\"field-picture-note\""),
        "{}",
        form.body
    );
    let mut png = Vec::new();
    image::RgbImage::from_pixel(800, 450, image::Rgb([20, 120, 60]))
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    let done = post_picture(&app, &moderator, &cover_path, &png).await;
    assert_eq!(
        done.headers[header::LOCATION],
        format!("/editor/events/{id}/edit?done=cover")
    );
    let page = get_with(&app, "/events/cho-cong-nghe-thiet-bi-can-tho-mua-moi", None).await;
    assert!(
        page.body.contains(&format!("src=\"/media/events/{id}/")),
        "{}",
        page.body
    );
    assert!(
        get_with(&app, "/events", None)
            .await
            .body
            .contains("_thumb.jpg")
    );
    let member_upload = post_picture(&app, &member_cookie, &cover_path, &png).await;
    assert_eq!(member_upload.status, StatusCode::FORBIDDEN);

    // Cancelled: the page stays and says so.
    let cancelled = post_form(
        &app,
        "/api/event_action",
        &format!("id={id}&action=cancel"),
        Some(&moderator),
        true,
    )
    .await;
    assert!(cancelled.status.is_redirection());
    let page = get_with(&app, "/events/cho-cong-nghe-thiet-bi-can-tho-mua-moi", None).await;
    assert!(page.body.contains("data-testid=\"event-cancelled\""));
    // An announced event in the past may still be corrected (attendance, a typo).
    let corrected = post_form(
        &app,
        "/api/save_event",
        &event_form(
            id,
            title,
            &[
                ("starts_at", ahead(-3, 8)),
                ("ends_at", ahead(-2, 8)),
                ("registration_deadline", String::new()),
                ("programme", String::new()),
            ],
        ),
        Some(&moderator),
        true,
    )
    .await;
    assert!(corrected.status.is_redirection(), "{}", corrected.body);
}

async fn visitors_browse_events_by_kind_province_and_month_and_take_them_as_ics(t: TestDb) {
    let app = app(&t).await;
    let (_, editor) = member(&app, &t, "bt@techx.test", "mật khẩu biên tập", "editor").await;
    save(
        &app,
        &editor,
        &event_form(0, "Chợ công nghệ – thiết bị Cần Thơ mùa mới", &[]),
    )
    .await;
    save(
        &app,
        &editor,
        &event_form(
            0,
            "Ngày hội khởi nghiệp Đồng Tháp",
            &[
                ("kind", "startup".to_owned()),
                ("province", "dong-thap".to_owned()),
                ("starts_at", ahead(5, 8)),
                ("ends_at", ahead(5, 17)),
                ("registration_deadline", String::new()),
                ("programme", String::new()),
            ],
        ),
    )
    .await;
    // A past one (held before, as the seed has them).
    sqlx::query(
        "INSERT INTO events (slug, kind, title, summary, description, description_html, starts_at,
             ends_at, venue, province_code, organiser, attendance_reported, status, created_at,
             updated_at)
         VALUES ('techmart-2019', 'techmart', 'Techmart 2019', 'Chợ công nghệ năm 2019 của vùng.',
             'Mô tả', '<p>Mô tả</p>', 1573693200000, 1573894800000, 'Cần Thơ', 'can-tho',
             'Sở KH&CN', 5600, 'published', 0, 0)",
    )
    .execute(&t.db)
    .await
    .unwrap();

    let list = get_with(&app, "/events", None).await;
    assert_eq!(list.status, StatusCode::OK);
    let body = &list.body;
    let upcoming = body.find("data-testid=\"events-upcoming\"").unwrap();
    let past = body.find("data-testid=\"events-past\"").unwrap();
    let dong_thap = body.find("ngay-hoi-khoi-nghiep-dong-thap").unwrap();
    let can_tho = body.find("cho-cong-nghe-thiet-bi-can-tho-mua-moi").unwrap();
    let old = body.find("techmart-2019").unwrap();
    assert!(
        upcoming < dong_thap && dong_thap < can_tho && can_tho < past && past < old,
        "soonest first, then the past"
    );

    let startups = get_with(&app, "/events?kind=startup", None).await;
    assert!(startups.body.contains("ngay-hoi-khoi-nghiep-dong-thap"));
    assert!(
        !startups
            .body
            .contains("cho-cong-nghe-thiet-bi-can-tho-mua-moi")
    );
    let dong_thap = get_with(&app, "/events?province=dong-thap", None).await;
    assert!(
        !dong_thap.body.contains("techmart-2019")
            && dong_thap.body.contains("ngay-hoi-khoi-nghiep-dong-thap")
    );

    // The month calendar, by the day.
    let calendar = get_with(&app, "/events?view=calendar&month=2019-11", None).await;
    assert_eq!(calendar.status, StatusCode::OK);
    assert!(calendar.body.contains("data-testid=\"event-calendar\""));
    assert_eq!(
        calendar
            .body
            .matches("href=\"/events/techmart-2019\"")
            .count(),
        3,
        "on each of its three days"
    );
    assert_eq!(
        get_with(&app, "/events?view=calendar&month=2019-13", None)
            .await
            .status,
        StatusCode::NOT_FOUND
    );

    // Its page keeps the attendance.
    let page = get_with(&app, "/events/techmart-2019", None).await;
    assert!(
        page.body
            .contains("data-testid=\"event-attendance\">5.600<"),
        "{}",
        page.body
    );

    // Calendars: one event, and every upcoming one.
    let one = get_with(&app, "/events/techmart-2019/calendar.ics", None).await;
    assert_eq!(one.status, StatusCode::OK);
    assert_eq!(
        one.headers[header::CONTENT_TYPE],
        "text/calendar; charset=utf-8"
    );
    assert!(
        one.body.contains("DTSTART:20191114T010000Z\r\n"),
        "{}",
        one.body
    );
    assert!(
        one.body
            .contains("URL:https://techx.test/events/techmart-2019\r\n")
    );
    let feed = get_with(&app, "/events.ics", None).await;
    assert_eq!(
        feed.body.matches("BEGIN:VEVENT").count(),
        2,
        "{}",
        feed.body
    );
    assert!(!feed.body.contains("techmart-2019"));
    assert_eq!(
        get_with(&app, "/events/khong-co/calendar.ics", None)
            .await
            .status,
        StatusCode::NOT_FOUND
    );

    let sitemap = get_with(&app, "/sitemaps/pages.xml", None).await;
    assert!(sitemap.body.contains("/events/techmart-2019</loc>"));
    assert!(sitemap.body.contains("/events</loc>"));
}
