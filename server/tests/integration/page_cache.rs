//! Public pages kept for visitors: served again with a nonce of their own and their views
//! counted, never to members, per language, and stale after any change through the server.

use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};

use crate::on_both_databases;
use crate::support::{
    NewListing, Reply, TestDb, csp_nonce, member, post_form, reference_data, send,
    test_router_keeping_pages,
};

on_both_databases!(
    visitors_get_the_kept_page_with_a_nonce_of_its_own_and_each_view_counted,
    members_and_each_language_get_pages_of_their_own,
    a_change_through_the_server_makes_kept_pages_stale,
    pages_not_found_are_not_kept,
    a_page_whose_data_failed_is_a_5xx_and_not_kept,
    a_kept_page_goes_gzipped_to_clients_that_take_gzip,
);

/// A GET at the site's public address ([`crate::support::PUBLIC_URL`]): pages are kept for it
/// only.
fn get(uri: &str, cookie: Option<&str>) -> Request<Body> {
    let mut req = Request::get(uri)
        .header(header::HOST, "techx.test")
        .header("x-forwarded-proto", "https");
    if let Some(cookie) = cookie {
        req = req.header(header::COOKIE, cookie);
    }
    req.body(Body::empty()).unwrap()
}

/// The nonce the page's Content-Security-Policy allows scripts by.
fn nonce(reply: &Reply) -> String {
    csp_nonce(&reply.headers)
}

async fn offer(t: &TestDb) -> i64 {
    reference_data(&t.db).await;
    NewListing::offer("may-keo", "Máy kéo Kubota")
        .insert(&t.db)
        .await
}

/// Renames the listing behind the server's back: a page still showing the old title was kept.
async fn rename(t: &TestDb, id: i64, title: &str) {
    sqlx::query("UPDATE listings SET title = $1 WHERE id = $2")
        .bind(title)
        .bind(id)
        .execute(&t.db)
        .await
        .unwrap();
}

async fn page(app: &Router, cookie: Option<&str>) -> Reply {
    let reply = send(app, get("/listings/may-keo", cookie)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    reply
}

fn views(reply: &Reply, n: u32) -> bool {
    reply
        .body
        .contains(&format!(r#"data-testid="listing-views">{n}<"#))
}

async fn visitors_get_the_kept_page_with_a_nonce_of_its_own_and_each_view_counted(t: TestDb) {
    let id = offer(&t).await;
    let app = test_router_keeping_pages(&t, Duration::from_secs(3));

    // The cache's clock starts when it begins the render, so the test's starts before asking:
    // a render slowed by a busy machine does not make the page look expired early.
    let rendered = std::time::Instant::now();
    let first = page(&app, None).await;
    assert!(views(&first, 1), "{}", first.body);
    rename(&t, id, "Máy cày").await;
    let kept = page(&app, None).await;
    assert!(kept.body.contains("Máy kéo Kubota"), "served as kept");
    assert!(views(&kept, 1), "the count of its render");

    // Same page, but its scripts are allowed by a nonce of its own.
    let (n1, n2) = (nonce(&first), nonce(&kept));
    assert_ne!(n1, n2);
    assert!(kept.body.contains(&format!(r#"nonce="{n2}""#)));
    assert!(!kept.body.contains(&n1), "no trace of the render's nonce");
    assert_eq!(first.body.replace(&n1, "N"), kept.body.replace(&n2, "N"));
    assert_eq!(
        first.headers[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .unwrap()
            .replace(&n1, "N"),
        kept.headers[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .unwrap()
            .replace(&n2, "N")
    );
    assert_eq!(
        kept.headers[header::CONTENT_TYPE],
        first.headers[header::CONTENT_TYPE]
    );

    // Once too old, it is rendered afresh, and not before; every view served from the cache
    // was counted.
    let mut kept_views = 1;
    let fresh = loop {
        let reply = page(&app, None).await;
        if reply.body.contains("Máy cày") {
            break reply;
        }
        kept_views += 1;
        assert!(
            rendered.elapsed() < Duration::from_secs(10),
            "still the kept page 10 s after its render"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert!(
        rendered.elapsed() >= Duration::from_secs(3),
        "rendered afresh before its time"
    );
    assert!(views(&fresh, 2 + kept_views), "{}", fresh.body);
}

async fn members_and_each_language_get_pages_of_their_own(t: TestDb) {
    let id = offer(&t).await;
    let app = test_router_keeping_pages(&t, Duration::from_secs(60));
    let (_, cookie) = member(&app, &t, "an@example.vn", "mat-khau-dai-du", "member").await;
    page(&app, None).await;
    rename(&t, id, "Máy cày").await;

    let members = page(&app, Some(&cookie)).await;
    assert!(
        members.body.contains("Máy cày"),
        "members' pages are rendered for them"
    );
    let english = page(&app, Some(&format!("{}=en", app::i18n::LANG_COOKIE))).await;
    assert!(
        english.body.contains("Máy cày"),
        "another language is another page"
    );
    assert!(english.body.contains(r#"<html lang="en""#));
    let visitors = page(&app, None).await;
    assert!(
        visitors.body.contains("Máy kéo Kubota"),
        "still kept for visitors"
    );
    // Pages are kept for the public address only: another is rendered (its canonical links
    // name it), and made-up hosts cannot fill the cache.
    let other_host = send(
        &app,
        Request::get("/listings/may-keo")
            .header(header::HOST, "techx.example")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert!(other_host.body.contains("Máy cày"));
    assert!(
        other_host
            .body
            .contains("http://techx.example/listings/may-keo")
    );
}

async fn a_change_through_the_server_makes_kept_pages_stale(t: TestDb) {
    let id = offer(&t).await;
    let app = test_router_keeping_pages(&t, Duration::from_secs(60));
    page(&app, None).await;
    rename(&t, id, "Máy cày").await;
    assert!(page(&app, None).await.body.contains("Máy kéo Kubota"));

    // A visitor's requests change nothing a public page shows: a refused log-in, a log-out
    // without a session or with a made-up one. Kept pages stay.
    for (path, cookie) in [
        ("/api/log_in", None),
        ("/api/log_out", None),
        ("/api/log_out", Some("techx_session=made-up")),
    ] {
        let form = "email=x%40example.vn&password=sai";
        let reply = post_form(&app, path, form, cookie, true).await;
        assert!(reply.status.is_redirection(), "{path}: {}", reply.status);
        assert!(
            page(&app, None).await.body.contains("Máy kéo Kubota"),
            "{path} made kept pages stale"
        );
    }

    // A member's request that may change data makes them stale.
    let (_, an) = member(&app, &t, "an@techx.test", "mat-khau-du-dai", "member").await;
    let marked = post_form(
        &app,
        "/api/mark_notifications_read",
        "up_to=0",
        Some(&an),
        true,
    )
    .await;
    assert!(marked.status.is_redirection(), "{}", marked.status);
    let after = page(&app, None).await;
    assert!(after.body.contains("Máy cày"), "{}", after.body);
}

async fn a_page_whose_data_failed_is_a_5xx_and_not_kept(t: TestDb) {
    offer(&t).await;
    let app = test_router_keeping_pages(&t, Duration::from_secs(60));
    // The database loses the listings behind the server's back.
    sqlx::query("ALTER TABLE listings RENAME TO listings_away")
        .execute(&t.db)
        .await
        .unwrap();
    let failed = send(&app, get("/listings/may-keo", None)).await;
    assert!(failed.status.is_server_error(), "{}", failed.status);
    let home = send(&app, get("/", None)).await;
    assert!(home.status.is_server_error(), "{}", home.status);
    sqlx::query("ALTER TABLE listings_away RENAME TO listings")
        .execute(&t.db)
        .await
        .unwrap();
    assert!(page(&app, None).await.body.contains("Máy kéo Kubota"));
    assert_eq!(send(&app, get("/", None)).await.status, StatusCode::OK);
}

async fn pages_not_found_are_not_kept(t: TestDb) {
    reference_data(&t.db).await;
    let app = test_router_keeping_pages(&t, Duration::from_secs(60));
    let missing = send(&app, get("/listings/may-keo", None)).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    NewListing::offer("may-keo", "Máy kéo Kubota")
        .insert(&t.db)
        .await;
    assert!(page(&app, None).await.body.contains("Máy kéo Kubota"));
}

async fn a_kept_page_goes_gzipped_to_clients_that_take_gzip(t: TestDb) {
    use http_body_util::BodyExt;
    use std::io::Read;
    use tower::ServiceExt;

    /// The page as a browser gets it, unzipped, and the nonce its policy names.
    async fn gzipped(app: &Router) -> (String, String) {
        let mut req = get("/listings/may-keo", None);
        req.headers_mut().insert(
            header::ACCEPT_ENCODING,
            "gzip, deflate, br, zstd".parse().unwrap(),
        );
        let response = app.clone().oneshot(req).await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(response.headers()[header::CONTENT_ENCODING], "gzip");
        let vary = response.headers().get_all(header::VARY);
        assert_eq!(vary.iter().filter(|v| *v == "accept-encoding").count(), 1);
        let n = csp_nonce(response.headers());
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        let mut html = String::new();
        flate2::read::GzDecoder::new(&bytes[..])
            .read_to_string(&mut html)
            .expect("a whole gzip file, its CRC and length right");
        assert!(html.contains(&format!(r#"nonce="{n}""#)));
        (html, n)
    }

    offer(&t).await;
    let app = test_router_keeping_pages(&t, Duration::from_secs(60));
    // The render itself goes out gzipped from the copy it leaves, then the kept copies.
    let (rendered, n1) = gzipped(&app).await;
    let (kept, n2) = gzipped(&app).await;
    assert_ne!(n1, n2);
    let plain = page(&app, None).await;
    assert_eq!(rendered.replace(&n1, "N"), kept.replace(&n2, "N"));
    assert_eq!(
        kept.replace(&n2, "N"),
        plain.body.replace(&nonce(&plain), "N")
    );
}
