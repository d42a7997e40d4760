//! Videos: editors upload a clip (MP4 or WebM by its bytes, streamed into the media store) with
//! a poster and WebVTT captions, or link a YouTube video; readers watch them in `/videos`, on a
//! video's page (the clip served by range, the YouTube frame allowed only once asked for) and in
//! the articles they are attached to.

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};

use crate::on_both_databases;
use crate::support::{
    Reply, TestDb, error_pairs, form_value, get_with, location, member, post_form, send,
};

on_both_databases!(
    an_editor_uploads_a_clip_with_poster_and_captions_and_publishes_it,
    a_youtube_video_loads_its_frame_only_when_asked,
);

fn app(t: &TestDb) -> Router {
    crate::support::test_router(t, &std::env::temp_dir())
}

/// A clip FFmpeg made (the demo seed's), 15 KB of H.264 in MP4.
const MP4: &[u8] = include_bytes!("../../assets/videos/clip-2.mp4");
/// A clip FFmpeg made, WebM (VP9).
const WEBM: &[u8] = include_bytes!("../../assets/videos/clip-5.webm");

fn video_form(id: i64, title: &str, youtube: &str) -> String {
    [
        ("id", id.to_string()),
        ("title", title.to_owned()),
        ("slug", String::new()),
        ("description", "Trình diễn tại hợp tác xã.".to_owned()),
        ("youtube", youtube.to_owned()),
    ]
    .iter()
    .map(|(name, value)| format!("{name}={}", form_value(value)))
    .collect::<Vec<_>>()
    .join("&")
}

/// Saves a video as a browser form does; the id it was saved under (from the redirect).
async fn save(app: &Router, cookie: &str, form: &str) -> i64 {
    crate::support::saved_id(app, "/api/save_video", form, cookie, "/editor/videos/").await
}

/// Posts `bytes` as file `name` in form field `field` to `path`, as a browser does; with
/// `cut`, the body stops there (a connection broken mid-upload).
async fn post_file(
    app: &Router,
    cookie: &str,
    path: &str,
    (field, name, bytes): (&str, &str, &[u8]),
    cut: Option<usize>,
) -> Reply {
    let boundary = "----techx-video-boundary";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{name}\"\r\n\
         Content-Type: application/octet-stream\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend(format!("\r\n--{boundary}--\r\n").as_bytes());
    if let Some(cut) = cut {
        body.truncate(cut);
    }
    let req = Request::post(path)
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={boundary}"),
        )
        .header(header::COOKIE, cookie);
    send(app, req.body(Body::from(body)).unwrap()).await
}

fn png() -> Vec<u8> {
    let mut png = Vec::new();
    image::RgbImage::from_pixel(640, 360, image::Rgb([20, 120, 60]))
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    png
}

/// The files under `videos/{id}` in the test's media directory.
fn stored(t: &TestDb, id: i64) -> Vec<String> {
    let dir = t.media_dir.path().join("videos").join(id.to_string());
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|d| {
            d.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

async fn column(db: &app::db::Db, id: i64, column: &str) -> Option<String> {
    sqlx::query_scalar(&format!("SELECT {column} FROM videos WHERE id = $1"))
        .bind(id)
        .fetch_one(db)
        .await
        .unwrap()
}

fn csp(reply: &Reply) -> String {
    reply.headers[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap()
        .to_owned()
}

async fn an_editor_uploads_a_clip_with_poster_and_captions_and_publishes_it(t: TestDb) {
    let app = app(&t);
    let (_, editor) = member(&app, &t, "bt@techx.test", "mật khẩu biên tập", "editor").await;
    let (_, reader) = member(&app, &t, "dg@techx.test", "mật khẩu độc giả", "member").await;
    let title = "Máy sấy lúa tiết kiệm điện tại Cờ Đỏ";

    // Members who are not editors are refused, and nothing is stored.
    let refused = post_form(
        &app,
        "/api/save_video",
        &video_form(0, title, ""),
        Some(&reader),
        false,
    )
    .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(
        get_with(&app, "/editor/videos", Some(&reader)).await.status,
        StatusCode::FORBIDDEN
    );

    // Bad input comes back beside its fields, with what was typed.
    let bad = post_form(
        &app,
        "/api/save_video",
        &video_form(0, "Ab", "https://vimeo.com/1"),
        Some(&editor),
        false,
    )
    .await;
    assert_eq!(
        error_pairs(&bad),
        [
            ("title".into(), "too_short".into()),
            ("youtube".into(), "invalid_youtube".into())
        ]
    );
    let kept = post_form(
        &app,
        "/api/save_video",
        &video_form(0, "Ab", "https://vimeo.com/1"),
        Some(&editor),
        true,
    )
    .await;
    // Back to the page the form was on (the test's referer is `/form`).
    let back = location(&kept).replacen("/form", "/editor/videos/new", 1);
    let page = get_with(&app, &back, Some(&editor)).await;
    assert!(
        page.body.contains("https://vimeo.com/1"),
        "the address typed is kept: {back}"
    );
    assert!(
        page.body
            .contains("id=\"field-youtube-note\" class=\"field-error\""),
        "{}",
        page.body
    );
    let none: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM videos")
        .fetch_one(&t.db)
        .await
        .unwrap();
    assert_eq!(none, 0);

    let id = save(&app, &editor, &video_form(0, title, "")).await;
    let taken = post_form(
        &app,
        "/api/save_video",
        &video_form(0, title, ""),
        Some(&editor),
        false,
    )
    .await;
    assert_eq!(error_pairs(&taken), [("slug".into(), "slug_taken".into())]);

    // Not published before its clip arrives.
    let early = post_form(
        &app,
        "/api/video_action",
        &format!("id={id}&action=publish"),
        Some(&editor),
        false,
    )
    .await;
    assert_eq!(
        error_pairs(&early),
        [("clip".into(), "video_needs_clip".into())]
    );

    let clip_path = format!("/uploads/videos/{id}/clip");
    // The clip is judged by its bytes, not its name; a refusal is told beside the field.
    let fake = post_file(
        &app,
        &editor,
        &clip_path,
        ("clip", "may-say.mp4", &png()),
        None,
    )
    .await;
    assert_eq!(
        location(&fake),
        format!("/editor/videos/{id}/edit?upload=clip&error=not_a_video")
    );
    let form = get_with(&app, &location(&fake), Some(&editor)).await;
    assert!(
        form.body.contains("field-clip-note"),
        "the error sits beside the file field"
    );
    // Broken off mid-upload: nothing is kept.
    let broken = post_file(
        &app,
        &editor,
        &clip_path,
        ("clip", "a.mp4", MP4),
        Some(MP4.len() / 2),
    )
    .await;
    assert_eq!(
        location(&broken),
        format!("/editor/videos/{id}/edit?upload=clip&error=upload_interrupted")
    );
    assert!(stored(&t, id).is_empty(), "{:?}", stored(&t, id));
    assert_eq!(column(&t.db, id, "media_key").await, None);
    // Someone else's upload to it is refused.
    let other = post_file(&app, &reader, &clip_path, ("clip", "a.mp4", MP4), None).await;
    assert_eq!(other.status, StatusCode::FORBIDDEN);

    let done = post_file(&app, &editor, &clip_path, ("clip", "clip.bin", MP4), None).await;
    assert_eq!(
        location(&done),
        format!("/editor/videos/{id}/edit?done=clip")
    );
    let key = column(&t.db, id, "media_key").await.unwrap();
    assert!(
        key.starts_with(&format!("videos/{id}/")) && key.ends_with(".mp4"),
        "{key}"
    );
    assert_eq!(
        column(&t.db, id, "media_type").await.as_deref(),
        Some("video/mp4")
    );
    let size: Option<i64> = sqlx::query_scalar("SELECT media_bytes FROM videos WHERE id = $1")
        .bind(id)
        .fetch_one(&t.db)
        .await
        .unwrap();
    assert_eq!(size, Some(MP4.len() as i64));

    // Poster through the picture pipeline; captions known by their first line.
    let poster = post_file(
        &app,
        &editor,
        &format!("/uploads/videos/{id}/poster"),
        ("picture", "p.png", &png()),
        None,
    )
    .await;
    assert_eq!(
        location(&poster),
        format!("/editor/videos/{id}/edit?done=poster")
    );
    let srt = b"1\n00:00:00,000 --> 00:00:02,000\nXin chao\n";
    let not_vtt = post_file(
        &app,
        &editor,
        &format!("/uploads/videos/{id}/captions-vi"),
        ("captions", "a.srt", srt),
        None,
    )
    .await;
    assert_eq!(
        location(&not_vtt),
        format!("/editor/videos/{id}/edit?upload=captions-vi&error=not_webvtt")
    );
    let vtt = "WEBVTT\n\n00:00.000 --> 00:02.000\nMáy sấy lúa\n".as_bytes();
    for lang in ["vi", "en"] {
        let captions = post_file(
            &app,
            &editor,
            &format!("/uploads/videos/{id}/captions-{lang}"),
            ("captions", "a.vtt", vtt),
            None,
        )
        .await;
        assert_eq!(
            location(&captions),
            format!("/editor/videos/{id}/edit?done=captions")
        );
    }
    assert_eq!(stored(&t, id).len(), 5, "{:?}", stored(&t, id));

    // A new clip replaces the old, whose file goes.
    let again = post_file(&app, &editor, &clip_path, ("clip", "clip.webm", WEBM), None).await;
    assert_eq!(
        location(&again),
        format!("/editor/videos/{id}/edit?done=clip")
    );
    let webm = column(&t.db, id, "media_key").await.unwrap();
    assert!(webm.ends_with(".webm"));
    assert!(
        !stored(&t, id).iter().any(|name| name.ends_with(".mp4")),
        "{:?}",
        stored(&t, id)
    );

    // Drafts are the editors' only.
    let slug = column(&t.db, id, "slug").await.unwrap();
    assert_eq!(
        get_with(&app, &format!("/videos/{slug}"), None)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let published = post_form(
        &app,
        "/api/video_action",
        &format!("id={id}&action=publish"),
        Some(&editor),
        true,
    )
    .await;
    assert_eq!(
        location(&published),
        format!("/editor/videos/{id}/edit?done=published")
    );

    let gallery = get_with(&app, "/videos", None).await;
    assert_eq!(gallery.status, StatusCode::OK);
    assert!(
        gallery.body.contains(&format!("href=\"/videos/{slug}\"")),
        "{}",
        gallery.body
    );
    let watch = get_with(&app, &format!("/videos/{slug}"), None).await;
    assert_eq!(watch.status, StatusCode::OK);
    let body = &watch.body;
    assert!(body.contains("preload=\"none\""), "{body}");
    assert!(
        body.contains(&format!("src=\"/media/{webm}\" type=\"video/webm\"")),
        "{body}"
    );
    assert!(
        body.contains("srclang=\"vi\"") && body.contains("srclang=\"en\""),
        "{body}"
    );
    assert!(body.contains("poster=\"/media/videos/"), "{body}");
    assert!(
        !csp(&watch).contains("frame-src"),
        "no third-party frame on a clip's page"
    );
    // Served by range, so a phone can seek.
    let part = send(
        &app,
        Request::get(format!("/media/{webm}"))
            .header(header::RANGE, "bytes=100-199")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(part.status, StatusCode::PARTIAL_CONTENT);
    assert_eq!(
        part.headers[header::CONTENT_RANGE],
        format!("bytes 100-199/{}", WEBM.len())
    );

    // In an article, by its address in the links field.
    crate::support::reference_data(&t.db).await;
    let article = [
        ("id", "0".to_owned()),
        ("intent", "publish".to_owned()),
        ("title", "Cờ Đỏ sấy lúa bằng nhiệt từ trấu".to_owned()),
        ("slug", String::new()),
        (
            "summary",
            "Hợp tác xã giảm 30% chi phí điện khi sấy lúa mùa mưa.".to_owned(),
        ),
        (
            "body",
            "Dây chuyền sấy mới dùng nhiệt từ trấu, tiết kiệm điện và giữ chất lượng hạt gạo."
                .to_owned(),
        ),
        ("category", "thanh-tuu".to_owned()),
        ("tags", String::new()),
        ("author_name", "Ban biên tập".to_owned()),
        ("source_name", String::new()),
        ("source_url", String::new()),
        ("links", format!("https://techx.test/videos/{slug}")),
        ("publish_at", String::new()),
    ]
    .iter()
    .map(|(name, value)| format!("{name}={}", form_value(value)))
    .collect::<Vec<_>>()
    .join("&");
    let saved = post_form(&app, "/api/save_article", &article, Some(&editor), true).await;
    assert!(saved.status.is_redirection(), "{}", saved.body);
    let news = get_with(&app, "/news/co-do-say-lua-bang-nhiet-tu-trau", None).await;
    assert!(
        news.body.contains("data-testid=\"article-video\""),
        "{}",
        news.body
    );
    assert!(news.body.contains(&format!("/media/{webm}")));
    let watch = get_with(&app, &format!("/videos/{slug}"), None).await;
    assert!(watch.body.contains("data-testid=\"video-articles\""));
    let unknown = article
        .replace(
            &form_value(&format!("https://techx.test/videos/{slug}")),
            "%2Fvideos%2Fkhong-co",
        )
        .replace(
            &form_value("Cờ Đỏ sấy lúa bằng nhiệt từ trấu"),
            &form_value("Một bài khác về sấy lúa"),
        );
    let refused = post_form(
        &app,
        "/api/save_article",
        &unknown.replace("intent=publish", "intent=draft"),
        Some(&editor),
        false,
    )
    .await;
    assert_eq!(
        error_pairs(&refused),
        [("links".into(), "unknown_link".into())]
    );

    let sitemap = get_with(&app, "/sitemaps/pages.xml", None).await;
    assert!(
        sitemap.body.contains(&format!("/videos/{slug}</loc>")),
        "{}",
        sitemap.body
    );

    // Unpublished, it leaves the gallery, its page and the article.
    let back = post_form(
        &app,
        "/api/video_action",
        &format!("id={id}&action=unpublish"),
        Some(&editor),
        true,
    )
    .await;
    assert_eq!(
        location(&back),
        format!("/editor/videos/{id}/edit?done=unpublished")
    );
    assert_eq!(
        get_with(&app, &format!("/videos/{slug}"), None)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert!(!get_with(&app, "/videos", None).await.body.contains(&slug));
    let news = get_with(&app, "/news/co-do-say-lua-bang-nhiet-tu-trau", None).await;
    assert!(!news.body.contains("article-video"));
}

async fn a_youtube_video_loads_its_frame_only_when_asked(t: TestDb) {
    let app = app(&t);
    let (_, editor) = member(&app, &t, "bt@techx.test", "mật khẩu biên tập", "editor").await;
    let id = save(
        &app,
        &editor,
        &video_form(
            0,
            "Hội chợ công nghệ Techmart Cần Thơ",
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=3",
        ),
    )
    .await;
    assert_eq!(
        column(&t.db, id, "youtube_id").await.as_deref(),
        Some("dQw4w9WgXcQ")
    );
    // A YouTube video needs no clip to be published.
    let published = post_form(
        &app,
        "/api/video_action",
        &format!("id={id}&action=publish"),
        Some(&editor),
        true,
    )
    .await;
    assert_eq!(
        location(&published),
        format!("/editor/videos/{id}/edit?done=published")
    );

    let slug = "hoi-cho-cong-nghe-techmart-can-tho";
    let poster = get_with(&app, &format!("/videos/{slug}"), None).await;
    assert_eq!(poster.status, StatusCode::OK);
    assert!(
        poster
            .body
            .contains(&format!("href=\"/videos/{slug}?play=1#player\"")),
        "{}",
        poster.body
    );
    assert!(
        !poster.body.contains("<iframe"),
        "nothing from YouTube loads before the click"
    );
    assert!(!csp(&poster).contains("youtube"), "{}", csp(&poster));

    let playing = get_with(&app, &format!("/videos/{slug}?play=1"), None).await;
    assert!(
        playing
            .body
            .contains("src=\"https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1\""),
        "{}",
        playing.body
    );
    assert!(
        csp(&playing).ends_with("; frame-src https://www.youtube-nocookie.com"),
        "{}",
        csp(&playing)
    );
    // No other page may frame it, asked or not.
    for path in ["/videos?play=1", "/news?play=1", "/?play=1"] {
        let page = get_with(&app, path, None).await;
        assert!(!csp(&page).contains("frame-src"), "{path}: {}", csp(&page));
    }

    // Published, it cannot become an upload with no clip.
    let cleared = post_form(
        &app,
        "/api/save_video",
        &video_form(id, "Hội chợ công nghệ Techmart Cần Thơ", ""),
        Some(&editor),
        false,
    )
    .await;
    assert_eq!(
        error_pairs(&cleared),
        [("youtube".into(), "video_needs_clip".into())]
    );
    assert_eq!(
        column(&t.db, id, "source").await.as_deref(),
        Some("youtube")
    );
}
