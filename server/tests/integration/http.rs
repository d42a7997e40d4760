//! The whole router, driven in-process with `oneshot`.

use std::path::Path;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use tower::ServiceExt;

use crate::on_both_databases;
use crate::support::{NewListing, TestDb, reference_data, send, stall, test_router};

/// A router over `t`, serving static files from a temporary site root with one hashed asset.
fn app(t: &TestDb, site: &Path) -> Router {
    let pkg = site.join("pkg");
    std::fs::create_dir_all(&pkg).unwrap();
    std::fs::write(pkg.join("techx.0123abcd.css"), "body{color:red}".repeat(50)).unwrap();
    std::fs::write(pkg.join("techx.0123abcd.css.br"), b"fake-brotli").unwrap();
    std::fs::write(site.join("sw.js"), "self.addEventListener('fetch',()=>{})").unwrap();
    test_router(t, site)
}

/// Reference data, stall `a` and its offer `may-keo` ("Máy kéo Kubota").
async fn stall_with_an_offer(t: &TestDb) {
    reference_data(&t.db).await;
    let s = stall(&t.db, "a", "Công ty Cơ khí Tây Đô", "approved").await;
    NewListing {
        stall_id: Some(s),
        ..NewListing::offer("may-keo", "Máy kéo Kubota")
    }
    .insert(&t.db)
    .await;
}

fn get(uri: &str) -> Request<Body> {
    Request::get(uri).body(Body::empty()).unwrap()
}

on_both_databases!(
    home_page_shows_database_counters_in_vietnamese,
    language_cookie_switches_the_page_to_english,
    unknown_routes_get_the_404_page,
    malformed_server_function_calls_get_a_400,
    server_functions_answer_json,
    healthz_checks_the_database,
    listing_pages_render_without_javascript,
    pages_render_while_another_router_is_built,
);

async fn home_page_shows_database_counters_in_vietnamese(t: TestDb) {
    stall_with_an_offer(&t).await;
    NewListing {
        kind: "request",
        ..NewListing::offer("can-mua", "Cần mua máy sấy")
    }
    .insert(&t.db)
    .await;
    let dir = tempfile::tempdir().unwrap();
    let app = app(&t, dir.path());

    let reply = send(&app, get("/")).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply.body.contains(r#"<html lang="vi""#), "lang attribute");
    assert!(reply.body.contains("Gian hàng"), "Vietnamese navigation");
    assert!(reply.body.contains(r#"data-counter="stalls""#));
    assert!(
        reply.body.contains(r#"<dd data-value="1">1</dd>"#),
        "one stall, one offer, one request"
    );
    assert!(
        reply.body.contains("Máy kéo Kubota"),
        "latest offers listed"
    );
    assert!(
        reply.body.contains("Cần mua máy sấy"),
        "latest requests listed"
    );

    // The CSP allows exactly this page's scripts, by nonce.
    let csp = reply.headers[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap();
    let nonce = crate::support::csp_nonce(&reply.headers);
    assert!(
        reply.body.contains(&format!(r#"nonce="{nonce}""#)),
        "scripts carry the nonce"
    );
    assert!(csp.contains("frame-ancestors 'none'"));
    assert_eq!(reply.headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    assert!(reply.headers.contains_key(header::REFERRER_POLICY));
    assert!(reply.headers.contains_key("x-request-id"));

    // A second page view is counted.
    let again = send(&app, get("/")).await;
    assert!(again.body.contains(r#"data-counter="visits""#));
    assert!(
        !again
            .body
            .contains(r#"data-counter="visits"><dt>Lượt truy cập</dt><dd data-value="0""#)
    );
}

async fn language_cookie_switches_the_page_to_english(t: TestDb) {
    let dir = tempfile::tempdir().unwrap();
    let app = app(&t, dir.path());

    let reply = send(&app, get("/lang/en?next=/stalls%3Fpage%3D2")).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    assert_eq!(reply.headers[header::LOCATION], "/stalls?page=2");
    let cookie = reply.headers[header::SET_COOKIE].to_str().unwrap();
    assert!(
        cookie.starts_with("lang=en;") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );

    let reply = send(
        &app,
        Request::get("/")
            .header(header::COOKIE, "lang=en")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert!(reply.body.contains(r#"<html lang="en""#));
    assert!(reply.body.contains("Stalls") && reply.body.contains("Requests to buy"));

    for offsite in [
        "//evil.example/",
        "/%09/evil.example",
        "%09//evil.example",
        "/%5Cevil.example",
        "https://evil.example/",
    ] {
        let reply = send(&app, get(&format!("/lang/vi?next={offsite}"))).await;
        assert_eq!(reply.status, StatusCode::SEE_OTHER, "{offsite}");
        assert_eq!(reply.headers[header::LOCATION], "/", "{offsite}");
    }
}

async fn unknown_routes_get_the_404_page(t: TestDb) {
    let dir = tempfile::tempdir().unwrap();
    let app = app(&t, dir.path());
    let reply = send(&app, get("/khong-co-trang-nay")).await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    assert!(reply.body.contains("Không tìm thấy trang"));
    assert!(
        reply.body.contains("<header class=\"site-header\""),
        "the 404 keeps the site layout"
    );
}

async fn malformed_server_function_calls_get_a_400(t: TestDb) {
    let dir = tempfile::tempdir().unwrap();
    let app = app(&t, dir.path());
    let reply = send(&app, get("/api/list_stalls?query[page]=abc")).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{}", reply.body);
    assert!(
        reply.body.contains("\"code\":\"bad_request\""),
        "{}",
        reply.body
    );

    let reply = send(&app, get("/api/list_listings?kind=auction&page=1")).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{}", reply.body);

    let reply = send(&app, get("/api/no_such_function")).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);

    let long_query = format!("/api/search_listings?q={}", "a".repeat(300));
    let reply = send(&app, get(&long_query)).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
}

async fn server_functions_answer_json(t: TestDb) {
    reference_data(&t.db).await;
    NewListing::offer("may-keo", "Máy kéo Kubota")
        .insert(&t.db)
        .await;
    let dir = tempfile::tempdir().unwrap();
    let app = app(&t, dir.path());
    let reply = send(&app, get("/api/search_listings?q=may%20keo")).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let found: Vec<app::model::ListingCard> = serde_json::from_str(&reply.body).unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].title, "Máy kéo Kubota");
}

async fn healthz_checks_the_database(t: TestDb) {
    let dir = tempfile::tempdir().unwrap();
    let app = app(&t, dir.path());
    let reply = send(&app, get("/healthz")).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply.body.contains("\"database\":\"ok\""));

    t.db.close().await;
    let reply = send(&app, get("/healthz")).await;
    assert_eq!(reply.status, StatusCode::SERVICE_UNAVAILABLE);
}

async fn listing_pages_render_without_javascript(t: TestDb) {
    reference_data(&t.db).await;
    let s = stall(&t.db, "a", "Hợp tác xã Thủy sản Cà Mau", "approved").await;
    for i in 0..30 {
        let slug = format!("o{i}");
        let title = format!("Máy sục khí số {i}");
        NewListing {
            stall_id: Some(s),
            created_at: i,
            ..NewListing::offer(&slug, &title)
        }
        .insert(&t.db)
        .await;
    }
    let dir = tempfile::tempdir().unwrap();
    let app = app(&t, dir.path());

    let reply = send(&app, get("/offers")).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(
        reply.body.contains("Máy sục khí số 29"),
        "newest first on page 1"
    );
    assert!(
        !reply.body.contains("Máy sục khí số 0<"),
        "oldest is on page 2"
    );
    assert!(reply.body.contains(r#"href="/offers?page=2""#));
    let page2 = send(&app, get("/offers?page=2")).await;
    assert!(page2.body.contains("Máy sục khí số 0<"));

    let stalls = send(&app, get("/stalls")).await;
    assert!(stalls.body.contains("Hợp tác xã Thủy sản Cà Mau"));
    let search = send(&app, get("/search?q=may+suc+khi+so+7")).await;
    assert!(
        search.body.contains(r#"href="/listings/o7""#),
        "search without diacritics"
    );
    assert!(
        search.body.contains("<mark>sục</mark>"),
        "the words found are highlighted"
    );
    assert!(!search.body.contains(r#"href="/listings/o8""#));
}

#[tokio::test]
async fn pkg_assets_are_precompressed_and_immutable() {
    let t = TestDb::new(crate::support::Engine::Sqlite).await;
    let dir = tempfile::tempdir().unwrap();
    let app = app(&t, dir.path());
    let reply = send(
        &app,
        Request::get("/pkg/techx.0123abcd.css")
            .header(header::ACCEPT_ENCODING, "br, gzip")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.headers[header::CONTENT_ENCODING], "br");
    assert_eq!(
        reply.headers[header::CACHE_CONTROL],
        "public, max-age=31536000, immutable"
    );
    assert_eq!(reply.body, "fake-brotli");

    let sw = send(&app, get("/sw.js")).await;
    assert_eq!(sw.status, StatusCode::OK);
    assert_eq!(
        sw.headers[header::CACHE_CONTROL],
        "no-cache",
        "the service worker is always revalidated"
    );
}

#[tokio::test]
async fn pages_are_compressed_for_clients_that_accept_it() {
    let t = TestDb::new(crate::support::Engine::Sqlite).await;
    let dir = tempfile::tempdir().unwrap();
    let app = app(&t, dir.path());
    let response = app
        .oneshot(
            Request::get("/login")
                .header(header::ACCEPT_ENCODING, "gzip")
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(response.headers()[header::CONTENT_ENCODING], "gzip");
}

#[tokio::test]
async fn oversized_bodies_are_refused() {
    let t = TestDb::new(crate::support::Engine::Sqlite).await;
    let dir = tempfile::tempdir().unwrap();
    let app = app(&t, dir.path());
    let reply = send(
        &app,
        Request::post("/api/search_listings")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::CONTENT_LENGTH, 100 * 1024)
            .body(Body::from(vec![b'a'; 100 * 1024]))
            .unwrap(),
    )
    .await;
    assert_eq!(reply.status, StatusCode::PAYLOAD_TOO_LARGE);
}

/// Building a router lists the app's routes by rendering it with resource loading switched off
/// process-wide; a page rendered on another thread at that moment used to wait forever (the
/// request timed out). The routes are now listed once per process, so pages served while more
/// routers are built all finish.
async fn pages_render_while_another_router_is_built(t: TestDb) {
    stall_with_an_offer(&t).await;
    let dir = tempfile::tempdir().unwrap();
    let app = app(&t, dir.path());
    let t = std::sync::Arc::new(t);
    let site = dir.path().to_owned();
    let builder = {
        let t = std::sync::Arc::clone(&t);
        tokio::task::spawn_blocking(move || {
            for _ in 0..30 {
                drop(test_router(&t, &site));
            }
        })
    };
    let mut pages = 0;
    while !builder.is_finished() || pages < 30 {
        for uri in ["/", "/offers", "/listings/may-keo", "/stalls/a"] {
            let reply = send(&app, get(uri)).await;
            assert_eq!(reply.status, StatusCode::OK, "{uri}");
            assert!(reply.body.contains("Máy kéo Kubota"), "{uri}");
            pages += 1;
        }
    }
    builder.await.unwrap();
}
