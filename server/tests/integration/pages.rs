//! Listing and stall pages, the sitemap and robots.txt, through the whole router.

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};

use crate::on_both_databases;
use crate::support::{NewListing, TestDb, reference_data, send, stall, test_router};

on_both_databases!(
    a_listing_page_shows_every_field_safely_and_counts_views,
    unpublished_listings_and_unknown_slugs_are_not_found,
    a_stall_page_lists_its_offers_by_page_and_its_requests,
    the_sitemap_lists_every_public_page_and_robots_points_to_it,
    sitemap_files_hold_a_fixed_number_of_listings_each,
);

fn app(t: &TestDb) -> Router {
    test_router(t, &std::env::temp_dir())
}

fn get(uri: &str) -> Request<Body> {
    Request::get(uri)
        .header(header::HOST, "techx.cantho.vn")
        .body(Body::empty())
        .unwrap()
}

async fn a_listing_page_shows_every_field_safely_and_counts_views(t: TestDb) {
    reference_data(&t.db).await;
    let s = stall(&t.db, "co-khi-tay-do", "Cơ khí Tây Đô", "approved").await;
    NewListing {
        stall_id: Some(s),
        price_vnd: Some(125_000_000),
        description: "**Công suất** 50 HP\n\n<script>alert('x')</script>\n\n- bảo hành 12 tháng",
        ..NewListing::offer("may-keo-50hp", "Máy kéo 50 HP")
    }
    .insert(&t.db)
    .await;
    NewListing {
        stall_id: Some(s),
        ..NewListing::offer("may-cay", "Máy cày mini")
    }
    .insert(&t.db)
    .await;
    let app = app(&t);

    let page = send(&app, get("/listings/may-keo-50hp")).await;
    assert_eq!(page.status, StatusCode::OK);
    let body = &page.body;
    // Visitors are offered to log in to write to the seller (and come back here after).
    assert!(
        body.contains("/login?next=/listings/may-keo-50hp"),
        "{body}"
    );
    // The language switch comes back to the same address, query included.
    let search = send(&app, get("/search?q=may+keo&sort=newest")).await;
    assert!(
        search
            .body
            .contains("/lang/en?next=/search%3Fq%3Dmay%2Bkeo%26sort%3Dnewest"),
        "{}",
        search.body
    );
    assert!(
        body.contains("<h1 class=\"listing-title\">Máy kéo 50 HP</h1>"),
        "{body}"
    );
    assert!(
        body.contains("125.000.000 ₫"),
        "price in Vietnamese grouping"
    );
    assert!(
        body.contains("<strong>Công suất</strong>"),
        "Markdown rendered"
    );
    assert!(body.contains("<li>bảo hành 12 tháng</li>"));
    assert!(!body.contains("<script>alert"), "scripts in text never run");
    assert!(body.contains("&lt;script&gt;"), "they are shown as text");
    assert!(
        body.contains(r#"href="/stalls/co-khi-tay-do""#),
        "the stall card links to the stall"
    );
    assert!(body.contains("Máy cày mini"), "related listings");
    assert!(
        body.contains(
            r#"<link href="http://techx.cantho.vn/listings/may-keo-50hp" rel="canonical">"#
        ),
        "{body}"
    );
    assert!(body.contains(r#"<meta property="og:title" content="Máy kéo 50 HP""#));
    assert!(body.contains(r#"<meta name="description" content="Tóm tắt""#));
    assert!(body.contains("<title>Máy kéo 50 HP"), "page title");

    // Views are counted in memory and show at once.
    let again = send(&app, get("/listings/may-keo-50hp")).await;
    assert!(
        again.body.contains(r#"data-testid="listing-views">2<"#),
        "{}",
        again.body
    );
}

async fn unpublished_listings_and_unknown_slugs_are_not_found(t: TestDb) {
    reference_data(&t.db).await;
    NewListing {
        status: "pending",
        ..NewListing::offer("cho-duyet", "Chờ duyệt")
    }
    .insert(&t.db)
    .await;
    stall(&t.db, "chua-duyet", "Gian hàng chưa duyệt", "pending").await;
    let app = app(&t);
    for path in [
        "/listings/cho-duyet",
        "/listings/khong-co",
        "/stalls/chua-duyet",
        "/stalls/khong-co",
    ] {
        let reply = send(&app, get(path)).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "{path}");
        assert!(
            !reply.body.contains("Chờ duyệt") && !reply.body.contains("chưa duyệt"),
            "{path}"
        );
    }
}

async fn a_stall_page_lists_its_offers_by_page_and_its_requests(t: TestDb) {
    reference_data(&t.db).await;
    let s = stall(
        &t.db,
        "htx-ca-mau",
        "Hợp tác xã Thủy sản Cà Mau",
        "approved",
    )
    .await;
    let other = stall(&t.db, "khac", "Gian hàng khác", "approved").await;
    for i in 0..30 {
        let (slug, title) = (format!("o{i}"), format!("Máy sục khí số {i}"));
        NewListing {
            stall_id: Some(s),
            created_at: i,
            ..NewListing::offer(&slug, &title)
        }
        .insert(&t.db)
        .await;
    }
    NewListing {
        stall_id: Some(s),
        kind: "request",
        ..NewListing::offer("can-mua", "Cần mua tôm giống")
    }
    .insert(&t.db)
    .await;
    NewListing {
        stall_id: Some(other),
        ..NewListing::offer("cua-nguoi-khac", "Hàng của gian khác")
    }
    .insert(&t.db)
    .await;
    let app = app(&t);

    let page = send(&app, get("/stalls/htx-ca-mau")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("<h1>Hợp tác xã Thủy sản Cà Mau</h1>"));
    assert!(
        page.body.contains("Máy sục khí số 29<"),
        "newest offer first"
    );
    assert!(
        !page.body.contains("Máy sục khí số 0<"),
        "the oldest is on page 2"
    );
    assert!(
        page.body.contains("Cần mua tôm giống"),
        "its requests to buy"
    );
    assert!(
        !page.body.contains("Hàng của gian khác"),
        "only its own listings"
    );
    assert!(page.body.contains(r#"href="/stalls/htx-ca-mau?page=2""#));
    assert!(page.body.contains("30 sản phẩm"), "offer count");
    let page2 = send(&app, get("/stalls/htx-ca-mau?page=2")).await;
    assert!(page2.body.contains("Máy sục khí số 0<"));
}

async fn the_sitemap_lists_every_public_page_and_robots_points_to_it(t: TestDb) {
    reference_data(&t.db).await;
    let s = stall(&t.db, "co-khi-tay-do", "Cơ khí Tây Đô", "approved").await;
    stall(&t.db, "chua-duyet", "Chưa duyệt", "pending").await;
    NewListing {
        stall_id: Some(s),
        ..NewListing::offer("may-keo", "Máy kéo")
    }
    .insert(&t.db)
    .await;
    NewListing {
        status: "draft",
        ..NewListing::offer("nhap", "Nháp")
    }
    .insert(&t.db)
    .await;
    let app = app(&t);

    // An index of files, at the public address whatever `Host` the request named.
    let index = send(&app, get("/sitemap.xml")).await;
    assert_eq!(index.status, StatusCode::OK);
    assert!(
        index.headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("application/xml")
    );
    assert!(index.body.contains("<sitemapindex"), "{}", index.body);
    assert!(
        index
            .body
            .contains("<sitemap><loc>https://techx.test/sitemaps/pages.xml</loc><lastmod>")
    );
    assert!(index.body.contains(
        "<sitemap><loc>https://techx.test/sitemaps/listings-1.xml</loc><lastmod>1970-01-01</lastmod>"
    ));
    assert!(!index.body.contains("listings-2.xml"));
    assert!(
        !index.body.contains("cantho.vn"),
        "the request's Host: {}",
        index.body
    );

    let pages = send(&app, get("/sitemaps/pages.xml")).await;
    let listings = send(&app, get("/sitemaps/listings-1.xml")).await;
    assert_eq!(
        (pages.status, listings.status),
        (StatusCode::OK, StatusCode::OK)
    );
    for (file, url) in [
        (&pages, "/"),
        (&pages, "/offers"),
        (&pages, "/connect"),
        (&pages, "/news"),
        (&pages, "/stalls/co-khi-tay-do"),
        (&listings, "/listings/may-keo"),
    ] {
        let loc = format!("<loc>https://techx.test{url}</loc>");
        assert!(file.body.contains(&loc), "{loc} missing from {}", file.body);
    }
    assert!(
        listings.body.contains(
            "<loc>https://techx.test/listings/may-keo</loc><lastmod>1970-01-01</lastmod>"
        )
    );
    for file in [&pages, &listings] {
        assert!(!file.body.contains("chua-duyet") && !file.body.contains("nhap"));
        assert!(!file.body.contains("cantho.vn"));
    }
    for missing in [
        "/sitemaps/listings-2.xml",
        "/sitemaps/listings-0.xml",
        "/sitemaps/other.xml",
    ] {
        assert_eq!(
            send(&app, get(missing)).await.status,
            StatusCode::NOT_FOUND,
            "{missing}"
        );
    }
    for section in ["/events", "/videos", "/startups", "/investors"] {
        assert!(
            pages.body.contains(&format!("techx.test{section}<")),
            "{section} not listed"
        );
    }

    let robots = send(&app, get("/robots.txt")).await;
    assert_eq!(robots.status, StatusCode::OK);
    assert!(
        robots
            .body
            .contains("Sitemap: https://techx.test/sitemap.xml"),
        "{}",
        robots.body
    );
    assert!(robots.body.contains("Disallow: /api/"));
    assert!(robots.body.contains("Disallow: /editor"));
}

async fn sitemap_files_hold_a_fixed_number_of_listings_each(t: TestDb) {
    reference_data(&t.db).await;
    let slugs = ["mot", "hai", "ba", "bon", "nam"];
    for (n, slug) in slugs.iter().enumerate() {
        NewListing {
            created_at: 86_400_000 * (n as i64 + 1),
            ..NewListing::offer(slug, "Máy")
        }
        .insert(&t.db)
        .await;
    }
    NewListing {
        status: "draft",
        created_at: 86_400_000 * 10,
        ..NewListing::offer("nhap", "Nháp")
    }
    .insert(&t.db)
    .await;
    // Two a file: three files, each dated by its newest listing; drafts count nowhere.
    let files = app::db::catalogue::sitemap_listing_files(&t.db, 2)
        .await
        .unwrap();
    assert_eq!(files, [2 * 86_400_000, 4 * 86_400_000, 5 * 86_400_000]);
    let second = app::db::catalogue::sitemap_listings(&t.db, 2, 2)
        .await
        .unwrap();
    assert_eq!(
        second,
        [
            ("ba".to_owned(), 3 * 86_400_000),
            ("bon".to_owned(), 4 * 86_400_000)
        ]
    );
}
