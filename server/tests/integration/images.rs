//! Listing pictures: uploads checked by content and size, shrunk and stripped of metadata, stored
//! in the media store and served; removal; who may do it; the "has pictures" filter.

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};

use crate::on_both_databases;
use crate::support::{
    NewListing, Reply, TestDb, get_with, join_stall, location, member, post_form, reference_data,
    send, stall, test_router,
};
use app::db::listings;

on_both_databases!(
    pictures_are_shrunk_stripped_of_metadata_stored_and_served,
    files_that_are_not_pictures_or_too_big_or_too_many_are_refused,
    only_the_listings_side_manages_its_pictures,
    pictures_added_to_a_published_listing_send_it_back_to_review,
    the_has_pictures_filter_keeps_listings_with_pictures,
    a_stalls_members_set_its_logo_and_cover,
    pictures_are_put_in_order_and_the_first_is_the_cover,
    a_listing_under_auction_is_frozen_until_the_auction_ends,
    pictures_wait_for_a_free_core_and_a_busy_server_says_when_to_retry,
    one_client_cannot_upload_without_limit,
    an_editor_sets_an_articles_cover,
);

fn app(t: &TestDb) -> Router {
    test_router(t, &std::env::temp_dir())
}

fn json(body: &str) -> serde_json::Value {
    serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}: {body}"))
}

/// A JPEG from a camera: big, with an EXIF block holding where it was taken.
fn camera_jpeg() -> Vec<u8> {
    let mut plain = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut plain, 90)
        .encode_image(&image::RgbImage::from_fn(2400, 1200, |x, y| {
            image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
        }))
        .unwrap();
    let payload = b"Exif\0\0GPS 10.0452N 105.7469E secret-camera-serial";
    let mut jpeg = plain[..2].to_vec();
    jpeg.extend([0xFF, 0xE1]);
    jpeg.extend(((payload.len() + 2) as u16).to_be_bytes());
    jpeg.extend(payload);
    jpeg.extend(&plain[2..]);
    jpeg
}

fn small_png() -> Vec<u8> {
    let mut png = Vec::new();
    image::RgbImage::from_pixel(320, 240, image::Rgb([20, 120, 60]))
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    png
}

/// Posts `files` (name, bytes) in the `images` field of a listing's upload form, as a browser does.
async fn upload(app: &Router, cookie: Option<&str>, id: i64, files: &[(&str, &[u8])]) -> Reply {
    let path = format!("/uploads/listings/{id}/images");
    post_files(app, cookie, &path, "images", files).await
}

/// Posts `files` (name, bytes) in form field `field` to `path`, as a browser does.
async fn post_files(
    app: &Router,
    cookie: Option<&str>,
    path: &str,
    field: &str,
    files: &[(&str, &[u8])],
) -> Reply {
    let boundary = "----techx-test-boundary";
    let mut body = Vec::new();
    for (name, bytes) in files {
        body.extend(format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{name}\"\r\n\
             Content-Type: image/jpeg\r\n\r\n"
        ).as_bytes());
        body.extend(*bytes);
        body.extend(b"\r\n");
    }
    body.extend(format!("--{boundary}--\r\n").as_bytes());
    let mut req = Request::post(path).header(
        header::CONTENT_TYPE,
        format!("multipart/form-data; boundary={boundary}"),
    );
    if let Some(cookie) = cookie {
        req = req.header(header::COOKIE, cookie);
    }
    send(app, req.body(Body::from(body)).unwrap()).await
}

/// A listing posted by member `owner_id` as an independent seller.
async fn listing_of(t: &TestDb, owner_id: i64, slug: &str, status: &str) -> i64 {
    NewListing {
        status,
        owner_id: Some(owner_id),
        ..NewListing::offer(slug, "Máy bơm nước Honda WB20")
    }
    .insert(&t.db)
    .await
}

async fn stored_files(t: &TestDb) -> usize {
    fn walk(dir: &std::path::Path) -> usize {
        std::fs::read_dir(dir).map_or(0, |entries| {
            entries
                .flatten()
                .map(|e| {
                    if e.path().is_dir() {
                        walk(&e.path())
                    } else {
                        1
                    }
                })
                .sum()
        })
    }
    walk(t.media_dir.path())
}

async fn pictures_are_shrunk_stripped_of_metadata_stored_and_served(t: TestDb) {
    reference_data(&t.db).await;
    let app = app(&t);
    let (owner_id, owner) = member(&app, &t, "ban@cantho.vn", "mật khẩu người bán", "member").await;
    let id = listing_of(&t, owner_id, "may-bom", "draft").await;

    let camera = camera_jpeg();
    let png = small_png();
    let reply = upload(
        &app,
        Some(&owner),
        id,
        &[("IMG_2041.JPG", &camera), ("so-do.png", &png)],
    )
    .await;
    assert_eq!(
        location(&reply),
        format!("/account/listings/{id}/images?done=uploaded")
    );
    // Drafts stay drafts.
    assert_eq!(
        listings::record(&t.db, id).await.unwrap().unwrap().status,
        "draft"
    );

    let managed = json(
        &get_with(
            &app,
            &format!("/api/get_listing_images?id={id}"),
            Some(&owner),
        )
        .await
        .body,
    );
    let images = managed["images"].as_array().unwrap();
    assert_eq!(images.len(), 2);
    assert_eq!(
        (images[0]["width"].as_i64(), images[0]["height"].as_i64()),
        (Some(1600), Some(800))
    );
    assert_eq!(
        (images[1]["width"].as_i64(), images[1]["height"].as_i64()),
        (Some(320), Some(240))
    );
    let (count, cover): (i64, Option<String>) =
        sqlx::query_as("SELECT image_count, cover_thumb FROM listings WHERE id = $1")
            .bind(id)
            .fetch_one(&t.db)
            .await
            .unwrap();
    assert_eq!(count, 2);
    let cover = cover.unwrap();
    assert!(images[0]["thumb_url"].as_str().unwrap().ends_with(&cover));

    // Served from the store with a long cache life; the camera's data is gone.
    let display_url = images[0]["url"].as_str().unwrap();
    let served = send(&app, Request::get(display_url).body(Body::empty()).unwrap()).await;
    assert_eq!(served.status, StatusCode::OK);
    assert_eq!(served.headers[header::CONTENT_TYPE], "image/jpeg");
    assert!(
        served.headers[header::CACHE_CONTROL]
            .to_str()
            .unwrap()
            .contains("immutable")
    );
    let stored = std::fs::read(
        t.media_dir
            .path()
            .join(display_url.trim_start_matches("/media/")),
    )
    .unwrap();
    let found = |needle: &[u8]| stored.windows(needle.len()).any(|w| w == needle);
    assert!(!found(b"secret-camera-serial") && !found(b"Exif"));
    let thumb = std::fs::read(t.media_dir.path().join(&cover)).unwrap();
    let thumb = image::load_from_memory(&thumb).unwrap();
    assert_eq!((thumb.width(), thumb.height()), (480, 240));

    // Keys that are not the site's, or files it does not serve, are not found.
    for path in [
        "/media/../techx.db",
        "/media/listings/1/x.png",
        "/media/listings/9/none.jpg",
    ] {
        let reply = send(&app, Request::get(path).body(Body::empty()).unwrap()).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "{path}");
    }

    // Removing one takes its files away and moves the cover to the next.
    let first = images[0]["id"].as_i64().unwrap();
    let form = format!("listing_id={id}&image_id={first}");
    let removed = post_form(&app, "/api/delete_listing_image", &form, Some(&owner), true).await;
    assert_eq!(
        location(&removed),
        format!("/account/listings/{id}/images?done=removed")
    );
    assert_eq!(stored_files(&t).await, 2);
    let cover_now: Option<String> =
        sqlx::query_scalar("SELECT cover_thumb FROM listings WHERE id = $1")
            .bind(id)
            .fetch_one(&t.db)
            .await
            .unwrap();
    assert!(
        images[1]["thumb_url"]
            .as_str()
            .unwrap()
            .ends_with(&cover_now.unwrap())
    );
    let page = get_with(
        &app,
        &format!("/account/listings/{id}/images"),
        Some(&owner),
    )
    .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Máy bơm nước Honda WB20"));
}

async fn files_that_are_not_pictures_or_too_big_or_too_many_are_refused(t: TestDb) {
    reference_data(&t.db).await;
    let app = app(&t);
    let (owner_id, owner) = member(&app, &t, "ban@cantho.vn", "mật khẩu người bán", "member").await;
    let id = listing_of(&t, owner_id, "may-bom", "draft").await;
    let back = format!("/account/listings/{id}/images?");

    let script = b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>";
    let reply = upload(&app, Some(&owner), id, &[("anh-dep.jpg", script)]).await;
    assert_eq!(
        location(&reply),
        format!("{back}error=not_an_image&file=anh-dep.jpg")
    );
    // One bad file refuses the lot.
    let png = small_png();
    let reply = upload(
        &app,
        Some(&owner),
        id,
        &[("ok.png", &png), ("bao-gia.pdf", b"%PDF-1.7")],
    )
    .await;
    assert!(location(&reply).contains("error=not_an_image&file=bao-gia.pdf"));
    let huge = vec![0xFFu8; 10 * 1024 * 1024 + 1];
    let reply = upload(&app, Some(&owner), id, &[("lon.jpg", &huge)]).await;
    assert!(location(&reply).contains("error=image_too_large"));
    let reply = upload(&app, Some(&owner), id, &[]).await;
    assert_eq!(location(&reply), format!("{back}error=required"));
    assert_eq!(stored_files(&t).await, 0);

    let eight: Vec<(&str, &[u8])> = (0..8).map(|_| ("anh.png", png.as_slice())).collect();
    assert!(location(&upload(&app, Some(&owner), id, &eight).await).contains("done=uploaded"));
    let reply = upload(&app, Some(&owner), id, &[("thu-9.png", &png)]).await;
    assert_eq!(location(&reply), format!("{back}error=too_many_images"));
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM listing_images")
        .fetch_one(&t.db)
        .await
        .unwrap();
    assert_eq!(count, 8);
    // The page tells which file and why, in the member's language.
    let page = get_with(
        &app,
        &format!("/account/listings/{id}/images?error=not_an_image&file=anh-dep.jpg"),
        Some(&owner),
    )
    .await;
    assert!(page.body.contains("anh-dep.jpg: "), "{}", page.body);
    assert!(page.body.contains("không phải ảnh"));
}

async fn only_the_listings_side_manages_its_pictures(t: TestDb) {
    reference_data(&t.db).await;
    let app = app(&t);
    let (owner_id, owner) = member(&app, &t, "ban@cantho.vn", "mật khẩu người bán", "member").await;
    let (_, other) = member(&app, &t, "khac@cantho.vn", "mật khẩu người khác", "member").await;
    let id = listing_of(&t, owner_id, "may-bom", "draft").await;
    let png = small_png();

    assert_eq!(
        upload(&app, Some(&other), id, &[("x.png", &png)])
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let visitor = upload(&app, None, id, &[("x.png", &png)]).await;
    assert!(location(&visitor).starts_with("/login?next="));
    assert_eq!(stored_files(&t).await, 0);
    assert_eq!(
        get_with(
            &app,
            &format!("/api/get_listing_images?id={id}"),
            Some(&other)
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );

    upload(&app, Some(&owner), id, &[("x.png", &png)]).await;
    let image: i64 = sqlx::query_scalar("SELECT id FROM listing_images")
        .fetch_one(&t.db)
        .await
        .unwrap();
    let form = format!("listing_id={id}&image_id={image}");
    let refused = post_form(
        &app,
        "/api/delete_listing_image",
        &form,
        Some(&other),
        false,
    )
    .await;
    assert_eq!(refused.status, StatusCode::NOT_FOUND);
    // Naming another listing that the member does manage does not reach this picture either.
    let mine = listing_of(&t, owner_id, "khac", "draft").await;
    let (other_id, _) = (mine, ());
    let form = format!("listing_id={other_id}&image_id={image}");
    let wrong = post_form(
        &app,
        "/api/delete_listing_image",
        &form,
        Some(&owner),
        false,
    )
    .await;
    assert_eq!(wrong.status, StatusCode::NOT_FOUND);
    assert_eq!(stored_files(&t).await, 2);
}

async fn pictures_added_to_a_published_listing_send_it_back_to_review(t: TestDb) {
    reference_data(&t.db).await;
    let app = app(&t);
    let (owner_id, owner) = member(&app, &t, "ban@cantho.vn", "mật khẩu người bán", "member").await;
    let id = listing_of(&t, owner_id, "may-bom", "published").await;
    let closed = listing_of(&t, owner_id, "da-ban", "closed").await;
    let png = small_png();

    let reply = upload(&app, Some(&owner), id, &[("x.png", &png)]).await;
    assert!(location(&reply).ends_with("done=uploaded_review"));
    assert_eq!(
        listings::record(&t.db, id).await.unwrap().unwrap().status,
        "pending"
    );
    let reply = upload(&app, Some(&owner), closed, &[("x.png", &png)]).await;
    assert!(location(&reply).ends_with("error=listing_closed"));
}

async fn the_has_pictures_filter_keeps_listings_with_pictures(t: TestDb) {
    reference_data(&t.db).await;
    let app = app(&t);
    let with = NewListing::offer("co-anh", "Máy gặt đập liên hợp Kubota")
        .insert(&t.db)
        .await;
    NewListing::offer("khong-anh", "Máy gặt đập liên hợp Yanmar")
        .insert(&t.db)
        .await;
    let mut conn = t.db.acquire().await.unwrap();
    app::db::images::add(
        &mut conn,
        with,
        ("demo/1.jpg", "demo/1_t.jpg"),
        (1200, 900),
        1,
    )
    .await
    .unwrap();
    drop(conn);

    let found = |query: &'static str| {
        let app = app.clone();
        async move {
            let body = get_with(&app, &format!("/api/browse_listings?{query}"), None)
                .await
                .body;
            let body = json(&body);
            body["listings"]["items"]
                .as_array()
                .unwrap_or_else(|| panic!("{body}"))
                .iter()
                .map(|l| l["slug"].as_str().unwrap().to_owned())
                .collect::<Vec<_>>()
        }
    };
    let mut all = found("query[q]=may+gat").await;
    all.sort();
    assert_eq!(all, ["co-anh", "khong-anh"]);
    assert_eq!(found("query[q]=may+gat&query[images]=1").await, ["co-anh"]);
    assert_eq!(found("query[images]=1").await, ["co-anh"]);
    // Cards carry the cover thumbnail.
    let page = get_with(&app, "/search?q=may+gat&images=1", None).await;
    assert!(page.body.contains("/media/demo/1_t.jpg"), "{}", page.body);
}

async fn a_stalls_members_set_its_logo_and_cover(t: TestDb) {
    reference_data(&t.db).await;
    let app = app(&t);
    let (an_id, an) = member(&app, &t, "an@cantho.vn", "mật khẩu của An", "member").await;
    let (_, binh) = member(&app, &t, "binh@cantho.vn", "mật khẩu của Bình", "member").await;
    let (chi_id, chi) = member(&app, &t, "chi@cantho.vn", "mật khẩu của Chi", "member").await;
    let (_, moderator) = member(&app, &t, "kd@techx.vn", "mật khẩu kiểm duyệt", "moderator").await;
    let stall_id = stall(&t.db, "co-khi-tay-do", "Cơ khí Tây Đô", "approved").await;
    join_stall(&t.db, stall_id, an_id, "owner").await;
    join_stall(&t.db, stall_id, chi_id, "member").await;
    // The stall is approved: new pictures wait for a moderator, who approves what they saw.
    let approve = || {
        let (app, moderator) = (app.clone(), moderator.clone());
        async move {
            let seen =
                crate::support::seen(&app, &moderator, "stall_edits", "stall_id", stall_id).await;
            assert!(!seen.is_empty(), "a change waits");
            let form = format!("stall_id={stall_id}&seen={seen}&decision=approve");
            let reply = post_form(
                &app,
                "/api/decide_stall_edit",
                &form,
                Some(&moderator),
                false,
            )
            .await;
            assert!(reply.status.is_success(), "{} {}", reply.status, reply.body);
        }
    };
    let pictures = |cookie: String| {
        let app = app.clone();
        async move {
            let reply = get_with(
                &app,
                &format!("/api/get_stall_pictures?id={stall_id}"),
                Some(&cookie),
            )
            .await;
            assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
            let body = json(&reply.body);
            (
                body["logo_key"].as_str().map(str::to_owned),
                body["cover_key"].as_str().map(str::to_owned),
            )
        }
    };
    let logo_path = format!("/uploads/stalls/{stall_id}/logo");
    let cover_path = format!("/uploads/stalls/{stall_id}/cover");
    let page = format!("/account/stalls/{stall_id}/pictures");

    let camera = camera_jpeg();
    let reply = post_files(
        &app,
        Some(&an),
        &logo_path,
        "picture",
        &[("logo.jpg", &camera)],
    )
    .await;
    assert_eq!(
        location(&reply),
        format!("{page}?picture=logo&done=submitted")
    );
    let reply = post_files(
        &app,
        Some(&an),
        &cover_path,
        "picture",
        &[("bia.jpg", &camera)],
    )
    .await;
    assert_eq!(
        location(&reply),
        format!("{page}?picture=cover&done=submitted")
    );
    // A member who is not an owner does not change them.
    let reply = post_files(
        &app,
        Some(&chi),
        &logo_path,
        "picture",
        &[("x.jpg", &camera)],
    )
    .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    let (logo, cover) = pictures(an.clone()).await;
    let waiting = json(
        &get_with(
            &app,
            "/api/get_stall?slug=co-khi-tay-do&query[page]=1",
            None,
        )
        .await
        .body,
    );
    assert!(
        waiting["stall"]["logo_key"].is_null(),
        "not public before review"
    );
    let queue = json(
        &get_with(&app, "/api/get_moderation_queue", Some(&moderator))
            .await
            .body,
    );
    let shown = queue["stall_edits"][0]["logo"]["proposed"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        shown,
        format!("/media/{}", logo.as_deref().unwrap()),
        "the moderator sees it"
    );
    approve().await;
    let (logo, cover) = (logo.unwrap(), cover.unwrap());
    // The logo is kept small, the cover at display size; neither keeps the camera's data.
    let stored = |key: &str| std::fs::read(t.media_dir.path().join(key)).unwrap();
    let logo_image = image::load_from_memory(&stored(&logo)).unwrap();
    assert_eq!((logo_image.width(), logo_image.height()), (480, 240));
    let cover_image = image::load_from_memory(&stored(&cover)).unwrap();
    assert_eq!((cover_image.width(), cover_image.height()), (1600, 800));
    assert!(!stored(&cover).windows(4).any(|w| w == b"Exif"));

    // Shown on the stall's page, in the directory and on its listings' seller card.
    let public = json(
        &get_with(
            &app,
            "/api/get_stall?slug=co-khi-tay-do&query[page]=1",
            None,
        )
        .await
        .body,
    );
    assert_eq!(public["stall"]["logo_key"], logo.as_str());
    assert_eq!(public["stall"]["cover_key"], cover.as_str());
    let directory = json(
        &get_with(&app, "/api/list_stalls?query[page]=1", None)
            .await
            .body,
    );
    assert_eq!(directory["items"][0]["logo_key"], logo.as_str());
    let page_html = get_with(&app, "/stalls/co-khi-tay-do", None).await.body;
    assert!(
        page_html.contains(&format!("/media/{cover}")),
        "the cover is on the page"
    );

    // A new logo replaces the old one, whose file goes.
    let files_before = stored_files(&t).await;
    let png = small_png();
    post_files(
        &app,
        Some(&an),
        &logo_path,
        "picture",
        &[("logo-moi.png", &png)],
    )
    .await;
    let (new_logo, _) = pictures(an.clone()).await;
    assert_ne!(new_logo.as_deref(), Some(logo.as_str()));
    assert!(
        t.media_dir.path().join(&logo).exists(),
        "public until the new one is approved"
    );
    approve().await;
    assert!(!t.media_dir.path().join(&logo).exists());
    assert_eq!(stored_files(&t).await, files_before);

    // Refusals say which picture and file, and change nothing.
    let reply = post_files(
        &app,
        Some(&an),
        &cover_path,
        "picture",
        &[("bia.jpg", b"<svg></svg>")],
    )
    .await;
    assert_eq!(
        location(&reply),
        format!("{page}?picture=cover&error=not_an_image&file=bia.jpg")
    );
    let reply = post_files(
        &app,
        Some(&an),
        &cover_path,
        "picture",
        &[("a.png", &png), ("b.png", &png)],
    )
    .await;
    assert_eq!(
        location(&reply),
        format!("{page}?picture=cover&error=one_picture")
    );
    let reply = post_files(&app, Some(&an), &cover_path, "picture", &[]).await;
    assert_eq!(
        location(&reply),
        format!("{page}?picture=cover&error=required")
    );
    assert_eq!(
        pictures(an.clone()).await.1.as_deref(),
        Some(cover.as_str())
    );

    // Outsiders get nothing; visitors are sent to log in; there is no third picture.
    let reply = post_files(&app, Some(&binh), &logo_path, "picture", &[("x.png", &png)]).await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    let reply = get_with(
        &app,
        &format!("/api/get_stall_pictures?id={stall_id}"),
        Some(&binh),
    )
    .await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    let form = format!("stall_id={stall_id}&which=cover");
    let reply = post_form(&app, "/api/remove_stall_picture", &form, Some(&binh), false).await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    let reply = post_files(&app, None, &logo_path, "picture", &[("x.png", &png)]).await;
    assert!(location(&reply).starts_with("/login?next="));
    let reply = post_files(
        &app,
        Some(&an),
        &format!("/uploads/stalls/{stall_id}/banner"),
        "picture",
        &[("x.png", &png)],
    )
    .await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);

    // Removing the cover takes its file away once approved.
    let reply = post_form(&app, "/api/remove_stall_picture", &form, Some(&an), true).await;
    assert_eq!(location(&reply), format!("{page}?done=removed"));
    assert_eq!(pictures(an.clone()).await.1, None);
    assert!(t.media_dir.path().join(&cover).exists());
    approve().await;
    assert!(!t.media_dir.path().join(&cover).exists());
}

/// Pictures of three colours, so each has its own key.
fn coloured_png(green: u8) -> Vec<u8> {
    let mut png = Vec::new();
    image::RgbImage::from_pixel(64, 48, image::Rgb([20, green, 60]))
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    png
}

async fn pictures_are_put_in_order_and_the_first_is_the_cover(t: TestDb) {
    reference_data(&t.db).await;
    let app = app(&t);
    let (owner_id, owner) = member(&app, &t, "ban@cantho.vn", "mật khẩu người bán", "member").await;
    let (_, other) = member(&app, &t, "khac@cantho.vn", "mật khẩu người khác", "member").await;
    let id = listing_of(&t, owner_id, "may-bom", "published").await;
    let (a, b, c) = (coloured_png(10), coloured_png(100), coloured_png(200));
    upload(
        &app,
        Some(&owner),
        id,
        &[("a.png", &a), ("b.png", &b), ("c.png", &c)],
    )
    .await;
    sqlx::query("UPDATE listings SET status = 'published' WHERE id = $1")
        .bind(id)
        .execute(&t.db)
        .await
        .unwrap();
    let order = || async {
        let managed = json(
            &get_with(
                &app,
                &format!("/api/get_listing_images?id={id}"),
                Some(&owner),
            )
            .await
            .body,
        );
        managed["images"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| {
                (
                    i["id"].as_i64().unwrap(),
                    i["thumb_url"].as_str().unwrap().to_owned(),
                )
            })
            .collect::<Vec<_>>()
    };
    let first = order().await;
    let ids: Vec<i64> = first.iter().map(|(id, _)| *id).collect();
    let cover = || async {
        let cover: Option<String> =
            sqlx::query_scalar("SELECT cover_thumb FROM listings WHERE id = $1")
                .bind(id)
                .fetch_one(&t.db)
                .await
                .unwrap();
        format!("/media/{}", cover.unwrap())
    };
    assert_eq!(cover().await, first[0].1);
    let move_to = |image: i64, to: &str, cookie: &str, browser: bool| {
        let form = format!("listing_id={id}&image_id={image}&to={to}");
        let app = app.clone();
        let cookie = cookie.to_owned();
        async move {
            post_form(
                &app,
                "/api/move_listing_image",
                &form,
                Some(&cookie),
                browser,
            )
            .await
        }
    };

    // The third becomes the cover.
    let reply = move_to(ids[2], "first", &owner, true).await;
    assert_eq!(
        location(&reply),
        format!("/account/listings/{id}/images?done=moved")
    );
    let now: Vec<i64> = order().await.iter().map(|(id, _)| *id).collect();
    assert_eq!(now, [ids[2], ids[0], ids[1]]);
    assert_eq!(cover().await, first[2].1);
    // One step at a time; at either end a step changes nothing.
    move_to(ids[1], "earlier", &owner, true).await;
    move_to(ids[2], "later", &owner, true).await;
    move_to(ids[2], "later", &owner, true).await;
    let now: Vec<i64> = order().await.iter().map(|(id, _)| *id).collect();
    assert_eq!(now, [ids[1], ids[0], ids[2]]);
    assert_eq!(cover().await, first[1].1);
    // Order is not content: a published listing stays published.
    assert_eq!(
        listings::record(&t.db, id).await.unwrap().unwrap().status,
        "published"
    );

    // Someone else's listing, an unknown picture, an unknown move.
    assert_eq!(
        move_to(ids[0], "first", &other, false).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        move_to(999_999, "first", &owner, false).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        move_to(ids[0], "sideways", &owner, false).await.status,
        StatusCode::BAD_REQUEST
    );
    let now: Vec<i64> = order().await.iter().map(|(id, _)| *id).collect();
    assert_eq!(now, [ids[1], ids[0], ids[2]]);
}

/// From the approval of its auction until the auction ends, a listing cannot be edited, closed,
/// renewed, expired or re-pictured: bids are binding on what the bidders saw. A sale closes it.
async fn a_listing_under_auction_is_frozen_until_the_auction_ends(t: TestDb) {
    use app::db::auctions::{self, NewAuction};
    use app::domain::auction::{Action, AuctionRules};

    reference_data(&t.db).await;
    let app = app(&t);
    let (owner_id, owner) = member(&app, &t, "ban@cantho.vn", "mật khẩu người bán", "member").await;
    let (bidder, _) = member(&app, &t, "mua@cantho.vn", "mật khẩu người mua", "member").await;
    let id = listing_of(&t, owner_id, "may-bom", "published").await;
    let png = small_png();
    upload(&app, Some(&owner), id, &[("x.png", &png)]).await;
    sqlx::query("UPDATE listings SET status = 'published', expires_at = 1000 WHERE id = $1")
        .bind(id)
        .execute(&t.db)
        .await
        .unwrap();
    let image: i64 = sqlx::query_scalar("SELECT id FROM listing_images")
        .fetch_one(&t.db)
        .await
        .unwrap();
    let now = app::db::now_ms();
    let rules = AuctionRules {
        seller_id: owner_id,
        starting_price: 10_000_000,
        step: 100_000,
        reserve: None,
        buy_now: None,
        starts_at: now - 60_000,
        ends_at: now + 3_600_000,
        soft_close_ms: 0,
    };
    let auction = auctions::create(
        &t.db,
        &NewAuction {
            listing_id: id,
            rules,
        },
        "approved",
    )
    .await
    .unwrap();
    let code = |reply: &Reply| {
        assert_eq!(
            reply.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            reply.body
        );
        json(&reply.body)["detail"]["errors"][0]["code"]
            .as_str()
            .unwrap()
            .to_owned()
    };

    for action in ["close_withdrawn", "close_sold", "renew"] {
        let form = format!("id={id}&action={action}");
        let reply = post_form(&app, "/api/listing_action", &form, Some(&owner), false).await;
        assert_eq!(code(&reply), "listing_under_auction", "{action}");
    }
    // An edit as the form sends it: every field, here a new title.
    let mut edit = format!("id={id}&then=review&title=M%C3%A1y+kh%C3%A1c&kind=offer");
    for field in [
        "listing_type",
        "stall_id",
        "summary",
        "description",
        "sector_code",
        "province_code",
        "price_vnd",
        "budget_min_vnd",
        "budget_max_vnd",
        "quantity",
        "unit",
        "condition",
        "origin_country",
        "manufacturer",
        "warranty",
        "trl",
        "ip_kind",
        "ip_number",
        "certifications",
        "expires_on",
        "seller_name",
        "seller_phone",
        "seller_email",
    ] {
        edit.push_str(&format!("&{field}="));
    }
    let reply = post_form(&app, "/api/save_listing", &edit, Some(&owner), false).await;
    assert_eq!(code(&reply), "listing_under_auction");
    for (path, form) in [
        (
            "/api/delete_listing_image",
            format!("listing_id={id}&image_id={image}"),
        ),
        (
            "/api/move_listing_image",
            format!("listing_id={id}&image_id={image}&to=first"),
        ),
    ] {
        let reply = post_form(&app, path, &form, Some(&owner), false).await;
        assert_eq!(code(&reply), "listing_under_auction", "{path}");
    }
    let reply = upload(&app, Some(&owner), id, &[("y.png", &png)]).await;
    assert!(location(&reply).ends_with("error=listing_under_auction"));
    assert_eq!(
        listings::expire_due(&t.db, now).await.unwrap(),
        0,
        "not while bidding runs"
    );
    let record = listings::record(&t.db, id).await.unwrap().unwrap();
    assert_eq!(
        (record.status.as_str(), record.title.as_str()),
        ("published", "Máy bơm nước Honda WB20")
    );
    assert_eq!(
        app::db::images::of_listing(&t.db, id).await.unwrap().len(),
        1
    );

    // A bid, then the end: the sale closes the listing as sold, and it stays closed.
    auctions::place(
        &t.db,
        auction,
        bidder,
        Action::Bid { max: 10_000_000 },
        "k1",
        move || now,
    )
    .await
    .unwrap();
    sqlx::query("UPDATE auctions SET ends_at = $1 WHERE id = $2")
        .bind(now - 1)
        .bind(auction)
        .execute(&t.db)
        .await
        .unwrap();
    auctions::close_due(&t.db, now, "https://techx.test")
        .await
        .unwrap();
    let record = listings::record(&t.db, id).await.unwrap().unwrap();
    assert_eq!(
        (record.status.as_str(), record.close_reason.as_deref()),
        ("closed", Some("sold"))
    );
    let form = format!("id={id}&action=renew");
    let reply = post_form(&app, "/api/listing_action", &form, Some(&owner), false).await;
    assert_eq!(code(&reply), "not_allowed_now", "a sold listing stays sold");
}

async fn pictures_wait_for_a_free_core_and_a_busy_server_says_when_to_retry(t: TestDb) {
    use app::rate_limit::Turns;
    reference_data(&t.db).await;
    let turns = std::sync::Arc::new(Turns::new(1, std::time::Duration::from_millis(200)));
    let app =
        crate::support::test_router_customised(&t, |ctx| ctx.with_picture_turns(turns.clone()));
    let (owner_id, owner) = member(&app, &t, "ban@cantho.vn", "mật khẩu người bán", "member").await;
    let id = listing_of(&t, owner_id, "may-bom", "draft").await;
    let png = small_png();

    // Every turn taken (another upload decoding): the request waits, then is told to come back.
    let _every_turn = turns.take().await.unwrap();
    let reply = upload(&app, Some(&owner), id, &[("x.png", &png)]).await;
    assert_eq!(
        reply.status,
        StatusCode::SERVICE_UNAVAILABLE,
        "{}",
        reply.body
    );
    assert_eq!(reply.headers[header::RETRY_AFTER], "10");
    assert!(reply.body.contains("Vui lòng"), "{}", reply.body);
    assert_eq!(stored_files(&t).await, 0, "nothing stored");
    assert!(
        app::db::images::of_listing(&t.db, id)
            .await
            .unwrap()
            .is_empty()
    );

    // A turn that comes free while waiting is taken.
    let patient = std::sync::Arc::new(Turns::new(1, std::time::Duration::from_secs(30)));
    let held = patient.take().await.unwrap();
    let app =
        crate::support::test_router_customised(&t, |ctx| ctx.with_picture_turns(patient.clone()));
    let waiting = tokio::spawn({
        let (app, owner, png) = (app.clone(), owner.clone(), png.clone());
        async move { upload(&app, Some(&owner), id, &[("x.png", &png)]).await }
    });
    tokio::task::yield_now().await;
    drop(held);
    let reply = waiting.await.unwrap();
    assert!(
        location(&reply).ends_with("done=uploaded"),
        "{}",
        reply.status
    );
    assert_eq!(
        app::db::images::of_listing(&t.db, id).await.unwrap().len(),
        1
    );
}

async fn one_client_cannot_upload_without_limit(t: TestDb) {
    use app::rate_limit::{Quota, RateLimits};
    reference_data(&t.db).await;
    let limits = RateLimits {
        upload_per_ip: Quota::new(2, std::time::Duration::from_secs(3600)),
        ..RateLimits::default()
    };
    let app = crate::support::test_router_with(&t, &std::env::temp_dir(), limits);
    let (owner_id, owner) = member(&app, &t, "ban@cantho.vn", "mật khẩu người bán", "member").await;
    let id = listing_of(&t, owner_id, "may-bom", "draft").await;
    let png = small_png();
    for _ in 0..2 {
        let reply = upload(&app, Some(&owner), id, &[("x.png", &png)]).await;
        assert!(location(&reply).ends_with("done=uploaded"));
    }
    let reply = upload(&app, Some(&owner), id, &[("y.png", &png)]).await;
    assert!(
        location(&reply).ends_with("error=too_many_uploads"),
        "{}",
        location(&reply)
    );
    let page = crate::support::get_with(&app, &location(&reply), Some(&owner)).await;
    assert!(
        page.body.contains("Bạn đã gửi nhiều ảnh"),
        "the page says why"
    );
}

/// An article's cover: editors only, checked by content, stored at two sizes, served, kept in the
/// article's history; a new cover replaces the old one in the store.
async fn an_editor_sets_an_articles_cover(t: TestDb) {
    reference_data(&t.db).await;
    let app = app(&t);
    let (editor, cookie) = member(&app, &t, "bt@techx.test", "mật khẩu biên tập", "editor").await;
    let (_, reader) = member(&app, &t, "an@techx.test", "mật khẩu của An", "member").await;
    let form = app::domain::article::ArticleForm {
        title: "Techmart Cần Thơ 2026 mở cửa".into(),
        summary: "Hơn 200 gian hàng công nghệ và thiết bị của vùng.".into(),
        body: "Hội chợ diễn ra ba ngày với nhiều phiên kết nối cung – cầu công nghệ giữa doanh nghiệp và viện trường."
            .into(),
        category: "su-kien".into(),
        author_name: "Ban biên tập".into(),
        ..Default::default()
    };
    let input = form
        .validate(
            app::domain::article::ArticleIntent::Publish,
            &["su-kien".to_owned()],
            app::db::now_ms(),
        )
        .unwrap();
    let id = app::db::articles::save(
        &t.db,
        0,
        &input,
        app::db::articles::Publication::Now,
        editor,
        app::db::now_ms(),
    )
    .await
    .unwrap()
    .unwrap();
    let path = format!("/uploads/articles/{id}/cover");
    let camera = camera_jpeg();

    // A member who is not an editor, and a file that is not a picture, change nothing.
    let refused = post_files(
        &app,
        Some(&reader),
        &path,
        "picture",
        &[("bia.jpg", &camera)],
    )
    .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let reply = post_files(
        &app,
        Some(&cookie),
        &path,
        "picture",
        &[("bao-gia.pdf", &b"%PDF-1.7"[..])],
    )
    .await;
    assert!(location(&reply).contains("error=not_an_image&file=bao-gia.pdf"));
    let cover = |db: app::db::Db| async move {
        sqlx::query_as::<_, (Option<String>, Option<String>)>(
            "SELECT cover_key, cover_thumb FROM articles WHERE id = $1",
        )
        .bind(id)
        .fetch_one(&db)
        .await
        .unwrap()
    };
    assert_eq!(cover(t.db.clone()).await, (None, None));

    let reply = post_files(
        &app,
        Some(&cookie),
        &path,
        "picture",
        &[("bia.jpg", &camera)],
    )
    .await;
    assert_eq!(
        location(&reply),
        format!("/editor/articles/{id}/edit?done=cover")
    );
    let (Some(key), Some(thumb)) = cover(t.db.clone()).await else {
        panic!("no cover stored");
    };
    assert!(key.starts_with(&format!("articles/{id}/")), "{key}");
    let served = get_with(&app, &format!("/media/{key}"), None).await;
    assert_eq!(served.status, StatusCode::OK);
    assert!(t.media_dir.path().join(&thumb).exists());
    // Readers see it, and link previews name it.
    let page = get_with(&app, "/news/techmart-can-tho-2026-mo-cua", None).await;
    assert!(page.body.contains(&format!("src=\"/media/{key}\"")));
    assert!(page.body.contains(&format!("/media/{key}\"")) && page.body.contains("og:image"));
    let changed: String = sqlx::query_scalar(
        "SELECT changed FROM article_revisions WHERE article_id = $1 ORDER BY id DESC LIMIT 1",
    )
    .bind(id)
    .fetch_one(&t.db)
    .await
    .unwrap();
    assert_eq!(changed, "cover");

    // A new cover replaces the old one, which leaves the store.
    let png = small_png();
    let reply = post_files(&app, Some(&cookie), &path, "picture", &[("moi.png", &png)]).await;
    assert_eq!(
        location(&reply),
        format!("/editor/articles/{id}/edit?done=cover")
    );
    let (Some(new_key), _) = cover(t.db.clone()).await else {
        panic!("no cover stored");
    };
    assert_ne!(new_key, key);
    assert!(
        !t.media_dir.path().join(&key).exists(),
        "the old cover is removed"
    );
    assert!(!t.media_dir.path().join(&thumb).exists());
}
