//! News: editors (a role administrators grant) write articles as drafts, publish them at once or
//! at a time set (published once by whichever process gets there), unpublish them, with every
//! change kept; readers browse `/news` by category and tag and read articles with their attached
//! stalls and listings, OpenGraph and JSON-LD; the sitemap lists published articles.

use axum::Router;
use axum::http::StatusCode;

use crate::on_both_databases;
use crate::support::{
    NewListing, TestDb, error_pairs, form_value, get_with, member, post_form, reference_data, stall,
};

on_both_databases!(
    administrators_grant_the_editor_role_and_only_editors_write,
    an_editor_drafts_publishes_and_unpublishes_with_every_change_kept,
    bad_article_input_is_refused_beside_its_field_and_kept,
    a_scheduled_article_is_published_once_at_its_time,
    readers_browse_news_by_category_and_tag_and_read_articles,
    rss_and_atom_feeds_follow_the_news_and_each_category,
    readers_search_the_news_as_they_search_listings,
);

fn app(t: &TestDb) -> Router {
    crate::support::test_router(t, &std::env::temp_dir())
}

/// An article form with every field valid; `extra` overrides (`&name=value` pairs).
fn article_form(id: i64, intent: &str, title: &str, extra: &str) -> String {
    let mut fields = vec![
        ("id", id.to_string()),
        ("intent", intent.to_owned()),
        ("title", title.to_owned()),
        ("slug", String::new()),
        (
            "summary",
            "Sàn giao dịch công nghệ kết nối hợp tác xã với viện nghiên cứu.".to_owned(),
        ),
        (
            "body",
            "Máy sấy lúa tầng sôi **tiết kiệm 30%** điện năng so với lò sấy truyền thống.\n\n<script>alert(1)</script>"
                .to_owned(),
        ),
        ("category", "thanh-tuu".to_owned()),
        ("tags", "sấy lúa, Nông nghiệp".to_owned()),
        ("author_name", "Ban biên tập".to_owned()),
        ("source_name", String::new()),
        ("source_url", String::new()),
        ("links", String::new()),
        ("publish_at", String::new()),
    ];
    for pair in extra.split('&').filter(|p| !p.is_empty()) {
        let (name, value) = pair.split_once('=').unwrap();
        let field = fields.iter_mut().find(|(n, _)| *n == name).unwrap();
        field.1 = value.to_owned();
    }
    fields
        .iter()
        .map(|(name, value)| format!("{name}={}", form_value(value)))
        .collect::<Vec<_>>()
        .join("&")
}

/// Saves an article as a browser form does; the id it was saved under (from the redirect).
async fn save(app: &Router, cookie: &str, form: &str) -> i64 {
    crate::support::saved_id(app, "/api/save_article", form, cookie, "/editor/articles/").await
}

async fn count(db: &app::db::Db, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(db).await.unwrap()
}

async fn administrators_grant_the_editor_role_and_only_editors_write(t: TestDb) {
    let app = app(&t);
    let (_, admin) = member(&app, &t, "admin@techx.test", "mật khẩu quản trị", "admin").await;
    let (writer, writer_cookie) = member(
        &app,
        &t,
        "bien-tap@techx.test",
        "mật khẩu biên tập",
        "member",
    )
    .await;
    let (_, moderator) = member(
        &app,
        &t,
        "kd@techx.test",
        "mật khẩu kiểm duyệt",
        "moderator",
    )
    .await;

    // A member is refused the desk and the save, and nothing is stored.
    let desk = get_with(&app, "/editor/articles", Some(&writer_cookie)).await;
    assert_eq!(desk.status, StatusCode::FORBIDDEN);
    let form = article_form(0, "draft", "Cần Thơ chuyển giao 12 công nghệ sấy lúa", "");
    let refused = post_form(
        &app,
        "/api/save_article",
        &form,
        Some(&writer_cookie),
        false,
    )
    .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let visitor = post_form(&app, "/api/save_article", &form, None, false).await;
    assert_eq!(visitor.status, StatusCode::UNAUTHORIZED);
    assert_eq!(count(&t.db, "SELECT COUNT(*) FROM articles").await, 0);

    // The administrator grants the role (recorded); the editor can now write.
    let granted = post_form(
        &app,
        "/api/set_user_role",
        &format!("user_id={writer}&role=editor"),
        Some(&admin),
        true,
    )
    .await;
    assert!(granted.status.is_redirection(), "{}", granted.body);
    let role: String = sqlx::query_scalar("SELECT role FROM users WHERE id = $1")
        .bind(writer)
        .fetch_one(&t.db)
        .await
        .unwrap();
    assert_eq!(role, "editor");
    assert_eq!(
        count(
            &t.db,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'role_changed'"
        )
        .await,
        1
    );
    save(&app, &writer_cookie, &form).await;
    let desk = get_with(&app, "/editor/articles", Some(&writer_cookie)).await;
    assert_eq!(desk.status, StatusCode::OK);
    assert!(
        desk.body
            .contains("Cần Thơ chuyển giao 12 công nghệ sấy lúa")
    );
    // Moderators may too (their role includes the editor's); the account page links the desk.
    assert_eq!(
        get_with(&app, "/editor/articles", Some(&moderator))
            .await
            .status,
        StatusCode::OK
    );
    let account = get_with(&app, "/account", Some(&writer_cookie)).await;
    assert!(account.body.contains("href=\"/editor/articles\""));
    // An editor cannot moderate.
    assert_eq!(
        get_with(&app, "/api/get_moderation_queue", Some(&writer_cookie))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
}

async fn an_editor_drafts_publishes_and_unpublishes_with_every_change_kept(t: TestDb) {
    reference_data(&t.db).await;
    let app = app(&t);
    let (_, editor) = member(&app, &t, "bt@techx.test", "mật khẩu biên tập", "editor").await;
    let stall_id = stall(&t.db, "vien-lua", "Viện Lúa ĐBSCL", "approved").await;
    NewListing {
        stall_id: Some(stall_id),
        ..NewListing::offer("may-say-lua", "Máy sấy lúa tầng sôi 10 tấn")
    }
    .insert(&t.db)
    .await;

    let title = "Cần Thơ chuyển giao 12 công nghệ sấy lúa";
    let links = "links=/stalls/vien-lua\nhttps://techx.vn/listings/may-say-lua";
    let id = save(&app, &editor, &article_form(0, "draft", title, links)).await;
    let slug = "can-tho-chuyen-giao-12-cong-nghe-say-lua";
    // A draft: readers do not see it; the preview does, with its banner.
    assert_eq!(
        get_with(&app, &format!("/news/{slug}"), None).await.status,
        StatusCode::NOT_FOUND
    );
    let preview = get_with(
        &app,
        &format!("/editor/articles/{id}/preview"),
        Some(&editor),
    )
    .await;
    assert_eq!(preview.status, StatusCode::OK);
    assert!(preview.body.contains("data-testid=\"preview-banner\""));
    assert!(!get_with(&app, "/news", None).await.body.contains(title));

    // Edited: the revision names the fields changed.
    let edited = article_form(
        id,
        "draft",
        title,
        &format!("{links}&summary=Bốn hợp tác xã ở Cờ Đỏ đã dùng công nghệ sấy mới."),
    );
    save(&app, &editor, &edited).await;
    // Published now: readers see it, with its body sanitised, its stall and listing.
    save(&app, &editor, &article_form(id, "publish", title, links)).await;
    let page = get_with(&app, &format!("/news/{slug}"), None).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("<strong>tiết kiệm 30%</strong>"));
    assert!(
        !page.body.contains("<script>alert(1)"),
        "raw HTML is shown as text"
    );
    assert!(page.body.contains("data-testid=\"article-stalls\""));
    assert!(page.body.contains("href=\"/listings/may-say-lua\""));
    assert!(page.body.contains("\"@type\":\"NewsArticle\""));
    assert!(
        page.body
            .contains("property=\"og:type\" content=\"article\"")
    );
    assert!(get_with(&app, "/news", None).await.body.contains(title));

    // Unpublished: gone for readers, kept for editors.
    let reply = post_form(
        &app,
        "/api/article_action",
        &format!("id={id}&action=unpublish"),
        Some(&editor),
        true,
    )
    .await;
    assert!(reply.status.is_redirection());
    assert_eq!(
        get_with(&app, &format!("/news/{slug}"), None).await.status,
        StatusCode::NOT_FOUND
    );
    let history: Vec<(String, String)> = sqlx::query_as(
        "SELECT action, changed FROM article_revisions WHERE article_id = $1 ORDER BY id",
    )
    .bind(id)
    .fetch_all(&t.db)
    .await
    .unwrap();
    let history: Vec<(&str, &str)> = history
        .iter()
        .map(|(a, c)| (a.as_str(), c.as_str()))
        .collect();
    assert_eq!(
        history,
        [
            ("created", ""),
            ("edited", "summary"),
            ("edited", "summary"),
            ("published", ""),
            ("unpublished", ""),
        ]
    );
    let desk = get_with(&app, &format!("/editor/articles/{id}/edit"), Some(&editor)).await;
    assert!(desk.body.contains("data-testid=\"article-history\""));
    assert!(desk.body.contains("Thành viên"), "who changed it is named");
    // Published again: the date readers see is the first publication's.
    let first: i64 = sqlx::query_scalar("SELECT published_at FROM articles WHERE id = $1")
        .bind(id)
        .fetch_one(&t.db)
        .await
        .unwrap();
    post_form(
        &app,
        "/api/article_action",
        &format!("id={id}&action=publish"),
        Some(&editor),
        true,
    )
    .await;
    let again: (String, i64) =
        sqlx::query_as("SELECT status, published_at FROM articles WHERE id = $1")
            .bind(id)
            .fetch_one(&t.db)
            .await
            .unwrap();
    assert_eq!(again, ("published".to_owned(), first));
}

async fn bad_article_input_is_refused_beside_its_field_and_kept(t: TestDb) {
    reference_data(&t.db).await;
    let app = app(&t);
    let (_, editor) = member(&app, &t, "bt@techx.test", "mật khẩu biên tập", "editor").await;
    let title = "Cần Thơ chuyển giao 12 công nghệ sấy lúa";
    save(&app, &editor, &article_form(0, "draft", title, "")).await;

    // A slug another article has; a link to nothing public; a time in the past.
    let cases = [
        (
            "slug=can-tho-chuyen-giao-12-cong-nghe-say-lua",
            "draft",
            ("slug", "slug_taken"),
        ),
        (
            "links=/listings/khong-co-that",
            "draft",
            ("links", "unknown_link"),
        ),
        ("links=/auctions/3", "draft", ("links", "invalid_link")),
        (
            "publish_at=2020-01-01T08:00",
            "schedule",
            ("publish_at", "date_in_past"),
        ),
        ("category=khong-co", "draft", ("category", "invalid_choice")),
        ("title=Ngắn", "publish", ("title", "too_short")),
    ];
    for (extra, intent, expected) in cases {
        let form = article_form(0, intent, "Hội chợ công nghệ thiết bị Cần Thơ 2026", extra);
        let reply = post_form(&app, "/api/save_article", &form, Some(&editor), false).await;
        let pairs = error_pairs(&reply);
        assert_eq!(
            pairs,
            [(expected.0.to_owned(), expected.1.to_owned())],
            "{extra}"
        );
        // What was typed comes back.
        let body: serde_json::Value = serde_json::from_str(&reply.body).unwrap();
        let values = body["detail"]["values"].as_array().unwrap();
        assert!(
            values
                .iter()
                .any(|v| v[0] == "author_name" && v[1] == "Ban biên tập"),
            "{values:?}"
        );
    }
    assert_eq!(count(&t.db, "SELECT COUNT(*) FROM articles").await, 1);
    assert_eq!(
        count(&t.db, "SELECT COUNT(*) FROM article_revisions").await,
        1
    );

    // In a browser the form comes back with the error beside the field and the text typed.
    let form = article_form(
        0,
        "draft",
        "Hội chợ công nghệ thiết bị Cần Thơ 2026",
        "slug=can-tho-chuyen-giao-12-cong-nghe-say-lua",
    );
    let reply = post_form(&app, "/api/save_article", &form, Some(&editor), true).await;
    // Back to the page the form was on (the test's referer is `/form`).
    let back =
        reply.headers["location"]
            .to_str()
            .unwrap()
            .replacen("/form", "/editor/articles/new", 1);
    let page = get_with(&app, &back, Some(&editor)).await;
    assert!(
        page.body
            .contains("Hội chợ công nghệ thiết bị Cần Thơ 2026"),
        "{back}"
    );
    assert!(page.body.contains("Địa chỉ này đã có bài khác dùng"));
}

async fn a_scheduled_article_is_published_once_at_its_time(t: TestDb) {
    reference_data(&t.db).await;
    let app = app(&t);
    let (_, editor) = member(&app, &t, "bt@techx.test", "mật khẩu biên tập", "editor").await;
    let title = "Techmart Cần Thơ mở cửa đón khách tham quan";
    let tomorrow =
        app::domain::auction_setup::vietnam_datetime_input(app::db::now_ms() + 86_400_000);
    let id = save(
        &app,
        &editor,
        &article_form(0, "schedule", title, &format!("publish_at={tomorrow}")),
    )
    .await;
    let (status, at): (String, i64) =
        sqlx::query_as("SELECT status, publish_at FROM articles WHERE id = $1")
            .bind(id)
            .fetch_one(&t.db)
            .await
            .unwrap();
    assert_eq!(status, "scheduled");
    // Not before its time.
    assert!(
        app::db::articles::publish_due(&t.db, at - 1)
            .await
            .unwrap()
            .is_empty()
    );
    // Two processes at its time: one publishes it, once.
    let (one, other) = tokio::join!(
        app::db::articles::publish_due(&t.db, at + 1),
        app::db::articles::publish_due(&t.db, at + 1),
    );
    let published: Vec<i64> = one.unwrap().into_iter().chain(other.unwrap()).collect();
    assert_eq!(published, [id]);
    let (status, shown): (String, i64) =
        sqlx::query_as("SELECT status, published_at FROM articles WHERE id = $1")
            .bind(id)
            .fetch_one(&t.db)
            .await
            .unwrap();
    assert_eq!((status.as_str(), shown), ("published", at));
    assert_eq!(
        count(&t.db, "SELECT COUNT(*) FROM article_revisions WHERE action = 'published' AND editor_id IS NULL").await,
        1
    );
    assert!(
        app::db::articles::publish_due(&t.db, at + 2)
            .await
            .unwrap()
            .is_empty()
    );
    // Saving a scheduled article as a draft takes it off the schedule.
    let id = save(
        &app,
        &editor,
        &article_form(
            0,
            "schedule",
            "Hội thảo chuyển đổi số nông nghiệp",
            &format!("publish_at={tomorrow}"),
        ),
    )
    .await;
    save(
        &app,
        &editor,
        &article_form(id, "draft", "Hội thảo chuyển đổi số nông nghiệp", ""),
    )
    .await;
    let status: String = sqlx::query_scalar("SELECT status FROM articles WHERE id = $1")
        .bind(id)
        .fetch_one(&t.db)
        .await
        .unwrap();
    assert_eq!(status, "draft");
}

async fn readers_browse_news_by_category_and_tag_and_read_articles(t: TestDb) {
    reference_data(&t.db).await;
    let app = app(&t);
    let (_, editor) = member(&app, &t, "bt@techx.test", "mật khẩu biên tập", "editor").await;
    let titles = [
        (
            "Drone phun thuốc giúp nông dân Phong Điền giảm chi phí",
            "thanh-tuu",
            "drone, nông nghiệp",
        ),
        (
            "Chính sách hỗ trợ doanh nghiệp đổi mới công nghệ năm 2027",
            "chinh-sach",
            "doanh nghiệp",
        ),
        (
            "Hợp tác xã Cờ Đỏ dùng drone gieo sạ trên 500 ha",
            "thanh-tuu",
            "drone",
        ),
    ];
    for (title, category, tags) in titles {
        save(
            &app,
            &editor,
            &article_form(
                0,
                "publish",
                title,
                &format!("category={category}&tags={tags}"),
            ),
        )
        .await;
    }
    let all = get_with(&app, "/news", None).await;
    assert_eq!(all.status, StatusCode::OK);
    for (title, _, _) in titles {
        assert!(all.body.contains(title), "{title}");
    }
    // Newest first.
    let first = all.body.find(titles[2].0).unwrap();
    assert!(first < all.body.find(titles[0].0).unwrap());

    let policy = get_with(&app, "/news?category=chinh-sach", None).await;
    assert!(policy.body.contains(titles[1].0));
    assert!(!policy.body.contains(titles[0].0));
    let drone = get_with(&app, "/news?tag=drone", None).await;
    assert!(drone.body.contains(titles[0].0) && drone.body.contains(titles[2].0));
    assert!(!drone.body.contains(titles[1].0));
    assert!(drone.body.contains("Thẻ: drone"));
    // Pages past the end are empty, not errors.
    let far = get_with(&app, "/news?page=40", None).await;
    assert_eq!(far.status, StatusCode::OK);

    // The article names related articles (sharing a tag first) and its tags link their pages.
    let article = get_with(
        &app,
        "/news/hop-tac-xa-co-do-dung-drone-gieo-sa-tren-500-ha",
        None,
    )
    .await;
    assert_eq!(article.status, StatusCode::OK);
    assert!(article.body.contains("data-testid=\"related-articles\""));
    assert!(article.body.contains("href=\"/news?tag=drone\""));
    assert!(
        article.body.contains(titles[0].0),
        "the article sharing its tag is related"
    );

    // The header links the news; the sitemap lists the articles with their lastmod.
    assert!(all.body.contains("href=\"/news\""));
    let index = get_with(&app, "/sitemap.xml", None).await;
    assert!(
        index.body.contains("/sitemaps/news-1.xml"),
        "{}",
        index.body
    );
    let file = get_with(&app, "/sitemaps/news-1.xml", None).await;
    assert_eq!(file.status, StatusCode::OK);
    assert!(
        file.body.contains(
            "/news/drone-phun-thuoc-giup-nong-dan-phong-dien-giam-chi-phi</loc><lastmod>"
        )
    );
    assert_eq!(
        get_with(&app, "/sitemaps/news-2.xml", None).await.status,
        StatusCode::NOT_FOUND
    );
}

async fn rss_and_atom_feeds_follow_the_news_and_each_category(t: TestDb) {
    reference_data(&t.db).await;
    let app = app(&t);
    let (_, editor) = member(&app, &t, "bt@techx.test", "mật khẩu biên tập", "editor").await;
    save(
        &app,
        &editor,
        &article_form(
            0,
            "publish",
            "Drone phun thuốc giúp nông dân giảm chi phí & công",
            "category=thanh-tuu",
        ),
    )
    .await;
    save(
        &app,
        &editor,
        &article_form(
            0,
            "publish",
            "Chính sách hỗ trợ doanh nghiệp đổi mới công nghệ",
            "category=chinh-sach",
        ),
    )
    .await;
    save(
        &app,
        &editor,
        &article_form(0, "draft", "Bản nháp chưa đăng của biên tập", ""),
    )
    .await;

    let rss = get_with(&app, "/news.rss", None).await;
    assert_eq!(rss.status, StatusCode::OK);
    assert_eq!(
        rss.headers["content-type"],
        "application/rss+xml; charset=utf-8"
    );
    assert!(rss.body.starts_with("<?xml"), "{}", rss.body);
    assert!(rss.body.contains("<rss version=\"2.0\""));
    // Titles are escaped; links are the public address; drafts are not there.
    assert!(rss.body.contains("giảm chi phí &amp; công"), "{}", rss.body);
    assert!(
        rss.body.contains(
            "<link>https://techx.test/news/drone-phun-thuoc-giup-nong-dan-giam-chi-phi-cong</link>"
        ),
        "{}",
        rss.body
    );
    assert!(rss.body.contains("<pubDate>"));
    assert!(!rss.body.contains("Bản nháp"));
    assert_eq!(rss.body.matches("<item>").count(), 2);

    let atom = get_with(&app, "/news.atom?category=chinh-sach", None).await;
    assert_eq!(atom.status, StatusCode::OK);
    assert_eq!(
        atom.headers["content-type"],
        "application/atom+xml; charset=utf-8"
    );
    assert!(
        atom.body
            .contains("<feed xmlns=\"http://www.w3.org/2005/Atom\""),
        "{}",
        atom.body
    );
    assert_eq!(atom.body.matches("<entry>").count(), 1, "{}", atom.body);
    assert!(atom.body.contains("Chính sách hỗ trợ doanh nghiệp"));
    assert!(
        atom.body
            .contains("href=\"https://techx.test/news.atom?category=chinh-sach\" rel=\"self\""),
        "{}",
        atom.body
    );

    assert_eq!(
        get_with(&app, "/news.rss?category=khong-co", None)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    // The list links its feeds, for readers and for feed readers.
    let page = get_with(&app, "/news?category=chinh-sach", None).await;
    assert!(page.body.contains("href=\"/news.rss?category=chinh-sach\""));
    assert!(page.body.contains("type=\"application/atom+xml\""));
}

/// SQLite cannot widen a CHECK: migration 41 rebuilds `users` with foreign keys off. A database
/// with members, sessions and stalls keeps every row, and foreign keys work again after.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_editor_role_migration_keeps_every_member_and_what_refers_to_them() {
    use app::db::dialect;

    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("old.db").display());
    let db = dialect::connect(&url, 2).await.unwrap();
    // The database as it was before the migration.
    let mut before = sqlx::migrate::Migrator::new(std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../migrations/sqlite"
    )))
    .await
    .unwrap();
    before.migrations = before
        .migrations
        .iter()
        .filter(|m| m.version < 20261212000041)
        .cloned()
        .collect::<Vec<_>>()
        .into();
    before.run(&db).await.unwrap();
    reference_data(&db).await;
    let member: i64 = sqlx::query_scalar(
        "INSERT INTO users (email, display_name, password_hash, role, created_at, locale, email_confirmed_at, match_alerts)
         VALUES ('an@techx.test', 'An', 'x', 'moderator', 5, 'en', 6, 'weekly') RETURNING id",
    )
    .fetch_one(&db)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ('t', $1, 1, 2)",
    )
    .bind(member)
    .execute(&db)
    .await
    .unwrap();
    let stall_id = stall(&db, "vien-lua", "Viện Lúa", "approved").await;
    crate::support::join_stall(&db, stall_id, member, "owner").await;

    dialect::migrate(&db).await.unwrap();

    let kept: (String, String, String, i64, String, Option<i64>, String) = sqlx::query_as(
        "SELECT email, display_name, role, created_at, locale, email_confirmed_at, match_alerts FROM users WHERE id = $1",
    )
    .bind(member)
    .fetch_one(&db)
    .await
    .unwrap();
    assert_eq!(
        kept,
        (
            "an@techx.test".into(),
            "An".into(),
            "moderator".into(),
            5,
            "en".into(),
            Some(6),
            "weekly".into()
        )
    );
    assert_eq!(count(&db, "SELECT COUNT(*) FROM sessions").await, 1);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM stall_members").await, 1);
    // The new role is accepted, an unknown one still refused, and foreign keys are on again.
    sqlx::query("UPDATE users SET role = 'editor' WHERE id = $1")
        .bind(member)
        .execute(&db)
        .await
        .unwrap();
    assert!(
        sqlx::query("UPDATE users SET role = 'owner' WHERE id = $1")
            .bind(member)
            .execute(&db)
            .await
            .is_err()
    );
    assert!(sqlx::query("INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ('u', 999, 1, 2)")
        .execute(&db)
        .await
        .is_err());
    sqlx::query("DELETE FROM users WHERE id = $1")
        .bind(member)
        .execute(&db)
        .await
        .unwrap();
    assert_eq!(
        count(&db, "SELECT COUNT(*) FROM sessions").await,
        0,
        "deleting cascades"
    );
}

async fn readers_search_the_news_as_they_search_listings(t: TestDb) {
    reference_data(&t.db).await;
    let app = app(&t);
    let (_, editor) = member(&app, &t, "bt@techx.test", "mật khẩu biên tập", "editor").await;
    // Every article's body (the form's default) speaks of "máy sấy lúa tầng sôi".
    let in_title = "Máy sấy lúa tầng sôi giúp hợp tác xã tiết kiệm điện";
    let policy = "Chính sách hỗ trợ doanh nghiệp đổi mới công nghệ";
    let leaving = "Máy sấy nông sản năng lượng mặt trời";
    let draft = "Máy sấy cà phê chưa công bố";
    save(
        &app,
        &editor,
        &article_form(0, "publish", in_title, "tags=sấy lúa"),
    )
    .await;
    save(
        &app,
        &editor,
        &article_form(0, "publish", policy, "category=chinh-sach"),
    )
    .await;
    let leaving_id = save(&app, &editor, &article_form(0, "publish", leaving, "")).await;
    save(&app, &editor, &article_form(0, "draft", draft, "")).await;

    // Typed without diacritics: the title holding the words first, with them highlighted; the
    // draft is not found.
    let found = get_with(&app, "/news?q=may+say", None).await;
    assert_eq!(found.status, StatusCode::OK);
    let at = |title: &str| found.body.find(title);
    assert!(
        found.body.contains("<mark>Máy</mark> <mark>sấy</mark>"),
        "{}",
        found.body
    );
    assert!(found.body.contains("3 bài viết khớp"), "{}", found.body);
    assert!(found.body.contains(policy));
    assert!(!found.body.contains(draft));
    let first_title = at("<mark>Máy</mark> <mark>sấy</mark> lúa tầng sôi giúp").unwrap();
    assert!(
        first_title < at(policy).unwrap(),
        "a title holding the words ranks first"
    );

    // Narrowed to a category or a tag, with a way back to every category.
    let narrowed = get_with(&app, "/news?q=may+say&category=chinh-sach", None).await;
    assert!(
        narrowed.body.contains("1 bài viết khớp"),
        "{}",
        narrowed.body
    );
    assert!(
        narrowed
            .body
            .contains("name=\"category\" value=\"chinh-sach\"")
    );
    // (The others keep the form's tags, "sấy lúa, Nông nghiệp".)
    let tagged = get_with(&app, "/news?q=tang+soi&tag=nong-nghiep", None).await;
    assert!(tagged.body.contains("2 bài viết khớp"), "{}", tagged.body);
    assert!(!tagged.body.contains("tầng sôi giúp"));

    // A word no article holds is left out and said so; nothing at all is said too.
    let left = get_with(&app, "/news?q=m%C3%A1y+s%E1%BA%A5y+zzqxw", None).await;
    assert!(
        left.body.contains("data-testid=\"search-left-out\""),
        "{}",
        left.body
    );
    assert!(left.body.contains("zzqxw"));
    assert!(left.body.contains("3 bài viết khớp"));
    let nothing = get_with(&app, "/news?q=zzqxw", None).await;
    assert!(nothing.body.contains("data-testid=\"news-nothing-found\""));

    // Unpublished: the index follows at once.
    assert!(found.body.contains("</mark> nông sản năng lượng mặt trời"));
    post_form(
        &app,
        "/api/article_action",
        &format!("id={leaving_id}&action=unpublish"),
        Some(&editor),
        true,
    )
    .await;
    let after = get_with(&app, "/news?q=nang+luong+mat+troi", None).await;
    assert!(
        !after.body.contains("năng lượng mặt trời</a>"),
        "{}",
        after.body
    );
    assert!(after.body.contains("data-testid=\"news-nothing-found\""));
    // Edited: found by its new words.
    let edited = get_with(&app, "/news?q=thanh+long", None).await;
    assert!(edited.body.contains("news-nothing-found"));
    let policy_id: i64 = sqlx::query_scalar("SELECT id FROM articles WHERE title = $1")
        .bind(policy)
        .fetch_one(&t.db)
        .await
        .unwrap();
    save(
        &app,
        &editor,
        &article_form(
            policy_id,
            "publish",
            "Chính sách hỗ trợ nông dân trồng thanh long",
            "category=chinh-sach",
        ),
    )
    .await;
    let edited = get_with(&app, "/news?q=thanh+long", None).await;
    assert!(edited.body.contains("1 bài viết khớp"), "{}", edited.body);

    // The site-wide search offers the articles beside the listings.
    let site = get_with(&app, "/search?q=m%C3%A1y+s%E1%BA%A5y", None).await;
    assert_eq!(site.status, StatusCode::OK);
    assert!(
        site.body.contains("data-testid=\"related-news\""),
        "{}",
        site.body
    );
    assert!(
        site.body
            .contains("href=\"/news?q=m%C3%A1y%20s%E1%BA%A5y\""),
        "{}",
        site.body
    );
    let none = get_with(&app, "/search?q=zzqxw", None).await;
    assert!(!none.body.contains("data-testid=\"related-news\""));
    // Too long a query is refused, not searched.
    let long = format!("/api/get_news?q={}", "a".repeat(201));
    assert_eq!(
        get_with(&app, &long, None).await.status,
        StatusCode::BAD_REQUEST
    );
}
