//! Test fixtures: a fresh database per test on either engine, and builders for rows.

use std::sync::atomic::{AtomicU32, Ordering};

use std::path::Path;
use std::time::Duration;

use app::db::Db;
use app::db::dialect;
use axum::Router;
use axum::body::Body;
use axum::http::Request;
use http_body_util::BodyExt;
use techx_server::client_addr::TrustedProxies;
use techx_server::startup::{AppState, RouterSettings, leptos_options, router};
use tower::ServiceExt;

/// Which engine a test runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

/// Where the PostgreSQL test databases are created; override with `TEST_POSTGRES_URL`.
pub fn postgres_admin_url() -> String {
    std::env::var("TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned())
}

/// A migrated, empty database that is deleted when the test ends.
pub struct TestDb {
    pub db: Db,
    pub engine: Engine,
    /// Where it is, for a server process to open.
    pub url: String,
    /// Pictures uploaded during the test, in a directory of its own.
    pub media: std::sync::Arc<app::media::LocalDir>,
    pub media_dir: tempfile::TempDir,
    _dir: Option<tempfile::TempDir>,
    pg_name: Option<String>,
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

impl TestDb {
    /// Creates and migrates a database on `engine`.
    pub async fn new(engine: Engine) -> Self {
        let media_dir = tempfile::tempdir().expect("temp dir");
        let media = std::sync::Arc::new(app::media::LocalDir::new(media_dir.path()));
        match engine {
            Engine::Sqlite => {
                let dir = tempfile::tempdir().expect("temp dir");
                let url = format!("sqlite://{}", dir.path().join("test.db").display());
                let db = dialect::connect(&url, 4).await.expect("open sqlite");
                dialect::migrate(&db).await.expect("migrate sqlite");
                Self {
                    db,
                    engine,
                    url,
                    media,
                    media_dir,
                    _dir: Some(dir),
                    pg_name: None,
                }
            }
            Engine::Postgres => {
                let name = format!(
                    "techx_test_{}_{}_{}",
                    std::process::id(),
                    COUNTER.fetch_add(1, Ordering::Relaxed),
                    uuid::Uuid::new_v4().simple()
                );
                let admin_url = postgres_admin_url();
                let admin = dialect::connect(&admin_url, 1).await.expect(
                    "PostgreSQL must be running for the integration tests (TEST_POSTGRES_URL)",
                );
                sqlx::query(&format!("CREATE DATABASE {name}"))
                    .execute(&admin)
                    .await
                    .expect("create database");
                admin.close().await;
                let url = replace_database(&admin_url, &name);
                let db = dialect::connect(&url, 8).await.expect("open postgres");
                dialect::migrate(&db).await.expect("migrate postgres");
                Self {
                    db,
                    engine,
                    url,
                    media,
                    media_dir,
                    _dir: None,
                    pg_name: Some(name),
                }
            }
        }
    }
}

/// The same server URL with another database name.
pub fn replace_database(url: &str, name: &str) -> String {
    let (base, _) = url.rsplit_once('/').expect("url has a database");
    format!("{base}/{name}")
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let Some(name) = self.pg_name.take() else {
            return;
        };
        let db = self.db.clone();
        // Drop runs inside the test's runtime; use a thread with its own to finish the cleanup.
        std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("runtime");
            rt.block_on(async move {
                db.close().await;
                if let Ok(admin) = dialect::connect(&postgres_admin_url(), 1).await {
                    let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                        .execute(&admin)
                        .await;
                    admin.close().await;
                }
            });
        })
        .join()
        .expect("cleanup thread");
    }
}

/// Runs an `async fn(TestDb)` as two tests, `sqlite` and `postgres`, in a module named after it.
#[macro_export]
macro_rules! on_both_databases {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            use $crate::support::{Engine, TestDb};
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                super::$name(TestDb::new(Engine::Sqlite).await).await;
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                super::$name(TestDb::new(Engine::Postgres).await).await;
            }
        }
    )*};
}

/// Inserts the reference data every other row points at.
pub async fn reference_data(db: &Db) {
    for (i, p) in app::domain::PROVINCES.iter().enumerate() {
        sqlx::query(
            "INSERT INTO provinces (code, name_vi, name_en, sort_order) VALUES ($1, $2, $3, $4)",
        )
        .bind(p.code)
        .bind(p.name_vi)
        .bind(p.name_en)
        .bind(i as i32)
        .execute(db)
        .await
        .unwrap();
    }
    for (i, s) in app::domain::SECTORS.iter().enumerate() {
        sqlx::query(
            "INSERT INTO sectors (code, name_vi, name_en, sort_order) VALUES ($1, $2, $3, $4)",
        )
        .bind(s.code)
        .bind(s.name_vi)
        .bind(s.name_en)
        .bind(i as i32)
        .execute(db)
        .await
        .unwrap();
    }
}

/// Inserts a stall and returns its id.
pub async fn stall(db: &Db, slug: &str, name: &str, status: &str) -> i64 {
    sqlx::query_scalar(
        "INSERT INTO stalls (slug, name, org_kind, sector_code, province_code, description, status, created_at)
         VALUES ($1, $2, 'company', 'co-khi', 'can-tho', 'Mô tả', $3, 1) RETURNING id",
    )
    .bind(slug).bind(name).bind(status)
    .fetch_one(db).await.unwrap()
}

/// Makes `user_id` act for the stall as `role` (`owner` or `member`).
pub async fn join_stall(db: &Db, stall_id: i64, user_id: i64, role: &str) {
    sqlx::query(
        "INSERT INTO stall_members (stall_id, user_id, role, created_at) VALUES ($1, $2, $3, 1)",
    )
    .bind(stall_id)
    .bind(user_id)
    .bind(role)
    .execute(db)
    .await
    .unwrap();
}

/// A listing to insert; fields default to a published offer of an independent seller.
pub struct NewListing<'a> {
    pub slug: &'a str,
    pub title: &'a str,
    pub kind: &'a str,
    pub status: &'a str,
    pub stall_id: Option<i64>,
    pub price_vnd: Option<i64>,
    pub created_at: i64,
    /// Markdown.
    pub description: &'a str,
    /// The member who posted it (none for seeded listings).
    pub owner_id: Option<i64>,
}

impl<'a> NewListing<'a> {
    /// A published offer by an independent seller.
    pub fn offer(slug: &'a str, title: &'a str) -> Self {
        Self {
            slug,
            title,
            kind: "offer",
            status: "published",
            stall_id: None,
            price_vnd: Some(1_000_000),
            created_at: 1,
            description: "",
            owner_id: None,
        }
    }

    /// Inserts it and returns its id.
    pub async fn insert(self, db: &Db) -> i64 {
        sqlx::query_scalar(
            "INSERT INTO listings (slug, kind, listing_type, stall_id, seller_name, title, summary, sector_code,
                                   province_code, price_vnd, search_text, status, created_at, description,
                                   fold_title, fold_body, owner_id)
             VALUES ($1, $2, 'equipment', $3, $4, $5, 'Tóm tắt', 'co-khi', 'can-tho', $6, $7, $8, $9, $10, $11, $12, $13)
             RETURNING id",
        )
        .bind(self.slug).bind(self.kind).bind(self.stall_id)
        .bind(if self.stall_id.is_none() { Some("Nguyễn Văn An") } else { None })
        .bind(self.title).bind(self.price_vnd)
        .bind(app::domain::fold_search_text(self.title))
        .bind(self.status).bind(self.created_at).bind(self.description)
        .bind(app::domain::index_text(self.title))
        .bind(app::domain::index_text(&format!("Tóm tắt {}", self.description)))
        .bind(self.owner_id)
        .fetch_one(db).await.unwrap()
    }
}

/// Inserts an auction on `listing_id` with the given window and status.
pub async fn auction(db: &Db, listing_id: i64, starts_at: i64, ends_at: i64, status: &str) -> i64 {
    sqlx::query_scalar(
        "INSERT INTO auctions (listing_id, starting_price_vnd, current_price_vnd, bid_step_vnd, bid_count, starts_at, ends_at, status)
         VALUES ($1, 1000000, 1200000, 10000, 20, $2, $3, $4) RETURNING id",
    )
    .bind(listing_id).bind(starts_at).bind(ends_at).bind(status)
    .fetch_one(db).await.unwrap()
}

/// Where links in mails point during tests.
pub const PUBLIC_URL: &str = "https://techx.test";

/// Posts a form to a server function. `browser` adds the headers of a browser's plain form post
/// (answered with redirects); without it the call is a script's (answered with JSON).
pub async fn post_form(
    app: &Router,
    path: &str,
    form: &str,
    cookie: Option<&str>,
    browser: bool,
) -> Reply {
    let mut req = Request::post(path).header(
        axum::http::header::CONTENT_TYPE,
        "application/x-www-form-urlencoded",
    );
    if browser {
        req = req
            .header(
                axum::http::header::ACCEPT,
                "text/html,application/xhtml+xml",
            )
            .header(axum::http::header::REFERER, "http://localhost/form");
    }
    if let Some(cookie) = cookie {
        req = req.header(axum::http::header::COOKIE, cookie);
    }
    send(app, req.body(Body::from(form.to_owned())).unwrap()).await
}

/// Posts `form` to the server function at `path` as a browser does and returns the id in the
/// address it is redirected to, `{prefix}{id}/…` (the editor of what was saved).
pub async fn saved_id(app: &Router, path: &str, form: &str, cookie: &str, prefix: &str) -> i64 {
    let reply = post_form(app, path, form, Some(cookie), true).await;
    assert!(
        reply.status.is_redirection(),
        "{} {}",
        reply.status,
        reply.body
    );
    let location = reply.headers[axum::http::header::LOCATION]
        .to_str()
        .unwrap();
    location
        .strip_prefix(prefix)
        .and_then(|rest| rest.split('/').next())
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("redirected to {location}"))
}

/// Where a redirect sends the browser; fails on any other answer.
pub fn location(reply: &Reply) -> String {
    assert!(
        reply.status.is_redirection(),
        "{} {}",
        reply.status,
        reply.body
    );
    reply.headers[axum::http::header::LOCATION]
        .to_str()
        .unwrap()
        .to_owned()
}

/// A GET with an optional session cookie.
pub async fn get_with(app: &Router, path: &str, cookie: Option<&str>) -> Reply {
    let mut req = Request::get(path);
    if let Some(cookie) = cookie {
        req = req.header(axum::http::header::COOKIE, cookie);
    }
    send(app, req.body(Body::empty()).unwrap()).await
}

/// The `name=value` part of the session cookie a response set.
pub fn session_cookie(reply: &Reply) -> String {
    reply
        .headers
        .get(axum::http::header::SET_COOKIE)
        .expect("a session cookie")
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned()
}

/// Percent-encodes a form value.
pub fn form_value(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Creates an account with `role` and logs it in; returns its id and session cookie.
pub async fn member(
    app: &Router,
    t: &TestDb,
    email: &str,
    password: &str,
    role: &str,
) -> (i64, String) {
    let hash = app::auth::hash_password(&app::domain::Password::parse(password).unwrap());
    let id = app::db::accounts::create_user(
        &t.db,
        &app::domain::Email::parse(email).unwrap(),
        &app::domain::DisplayName::parse("Thành viên").unwrap(),
        &hash,
        1,
    )
    .await
    .unwrap();
    sqlx::query("UPDATE users SET role = $1 WHERE id = $2")
        .bind(role)
        .bind(id)
        .execute(&t.db)
        .await
        .unwrap();
    let reply = log_in(app, email, password).await;
    assert_eq!(
        reply.headers[axum::http::header::LOCATION],
        "/",
        "{}",
        reply.status
    );
    (id, session_cookie(&reply))
}

/// Logs in through the form.
pub async fn log_in(app: &Router, email: &str, password: &str) -> Reply {
    let form = format!(
        "email={}&password={}",
        form_value(email),
        form_value(password)
    );
    post_form(app, "/api/log_in", &form, None, true).await
}

/// The whole HTTP application over `t`'s database, serving public files from `site`, with no
/// home-page caching so every request sees the database.
pub fn test_router(t: &TestDb, site: &Path) -> Router {
    test_router_with(t, site, app::rate_limit::RateLimits::default())
}

/// [`test_router`] with other login and registration limits.
pub fn test_router_with(t: &TestDb, site: &Path, limits: app::rate_limit::RateLimits) -> Router {
    router_on(t, site, limits, t.media.clone())
}

/// [`test_router`] keeping pictures in `media` instead of the test's own directory.
pub fn test_router_with_media(
    t: &TestDb,
    media: std::sync::Arc<dyn app::media::ObjectStore>,
) -> Router {
    router_on(
        t,
        &std::env::temp_dir(),
        app::rate_limit::RateLimits::default(),
        media,
    )
}

/// [`test_router`] keeping visitors' public pages as production does, for `ttl`.
pub fn test_router_keeping_pages(t: &TestDb, ttl: Duration) -> Router {
    router_with(
        t,
        &std::env::temp_dir(),
        app::rate_limit::RateLimits::default(),
        t.media.clone(),
        techx_server::page_cache::PageCacheSettings { entries: 16, ttl },
        TrustedProxies::default(),
    )
}

/// [`test_router_with`] behind reverse proxies at `proxies`.
pub fn test_router_behind(
    t: &TestDb,
    limits: app::rate_limit::RateLimits,
    proxies: TrustedProxies,
) -> Router {
    let pages = techx_server::page_cache::PageCacheSettings::OFF;
    router_with(
        t,
        &std::env::temp_dir(),
        limits,
        t.media.clone(),
        pages,
        proxies,
    )
}

fn router_on(
    t: &TestDb,
    site: &Path,
    limits: app::rate_limit::RateLimits,
    media: std::sync::Arc<dyn app::media::ObjectStore>,
) -> Router {
    // Tests change data behind the server's back; `page_cache.rs` tests the cache.
    let pages = techx_server::page_cache::PageCacheSettings::OFF;
    router_with(t, site, limits, media, pages, TrustedProxies::default())
}

fn router_with(
    t: &TestDb,
    site: &Path,
    limits: app::rate_limit::RateLimits,
    media: std::sync::Arc<dyn app::media::ObjectStore>,
    page_cache: techx_server::page_cache::PageCacheSettings,
    trusted_proxies: TrustedProxies,
) -> Router {
    router_customised(t, site, limits, media, page_cache, trusted_proxies, |ctx| {
        ctx
    })
}

/// [`test_router`] whose server context `customise` changes.
pub fn test_router_customised(
    t: &TestDb,
    customise: impl FnOnce(app::server_context::ServerContext) -> app::server_context::ServerContext,
) -> Router {
    router_customised(
        t,
        &std::env::temp_dir(),
        app::rate_limit::RateLimits::default(),
        t.media.clone(),
        techx_server::page_cache::PageCacheSettings::OFF,
        TrustedProxies::default(),
        customise,
    )
}

fn router_customised(
    t: &TestDb,
    site: &Path,
    limits: app::rate_limit::RateLimits,
    media: std::sync::Arc<dyn app::media::ObjectStore>,
    page_cache: techx_server::page_cache::PageCacheSettings,
    trusted_proxies: TrustedProxies,
    customise: impl FnOnce(app::server_context::ServerContext) -> app::server_context::ServerContext,
) -> Router {
    let ctx = customise(
        app::server_context::ServerContext::new(t.db.clone(), Duration::ZERO)
            .with_rate_limits(limits)
            .with_public_url(PUBLIC_URL)
            .with_media(media),
    );
    let state = AppState {
        leptos_options: leptos_options(site, "127.0.0.1:0".parse().unwrap()),
        ctx,
    };
    router(
        state,
        &RouterSettings {
            request_timeout: Duration::from_secs(10),
            max_body_bytes: 64 * 1024,
            page_cache,
            trusted_proxies,
            upload_dir: std::env::temp_dir().join("techx-test-uploads"),
        },
    )
}

/// The nonce a page's Content-Security-Policy allows its scripts by.
pub fn csp_nonce(headers: &axum::http::HeaderMap) -> String {
    headers[axum::http::header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap()
        .split("'nonce-")
        .nth(1)
        .and_then(|s| s.split('\'').next())
        .expect("nonce in CSP")
        .to_owned()
}

/// A response, read whole.
pub struct Reply {
    pub status: axum::http::StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: String,
}

/// The (field, code) pairs of a 422 reply, in order; fails on any other status.
pub fn error_pairs(reply: &Reply) -> Vec<(String, String)> {
    assert_eq!(
        reply.status,
        axum::http::StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        reply.body
    );
    let body: serde_json::Value =
        serde_json::from_str(&reply.body).unwrap_or_else(|e| panic!("{e}: {}", reply.body));
    body["detail"]["errors"]
        .as_array()
        .unwrap_or_else(|| panic!("no errors in {}", reply.body))
        .iter()
        .map(|e| {
            (
                e["field"].as_str().unwrap().to_owned(),
                e["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// Sends one request through the router, without a socket.
pub async fn send(app: &Router, request: Request<Body>) -> Reply {
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    Reply {
        status,
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

/// One live stream, read event by event.
pub struct EventStream {
    body: Body,
    buffer: String,
}

impl EventStream {
    /// Opens the server-sent events at `path`.
    pub async fn open(app: &Router, path: &str, cookie: Option<&str>) -> Self {
        Self::open_from(app, path, cookie, None)
            .await
            .unwrap_or_else(|status| panic!("{path} answered {status}"))
    }

    /// Opens the server-sent events at `path` from client address `ip`; the status when refused.
    pub async fn open_from(
        app: &Router,
        path: &str,
        cookie: Option<&str>,
        ip: Option<&str>,
    ) -> Result<Self, axum::http::StatusCode> {
        let mut req = Request::get(path);
        if let Some(cookie) = cookie {
            req = req.header(axum::http::header::COOKIE, cookie);
        }
        let mut req = req.body(Body::empty()).unwrap();
        if let Some(ip) = ip {
            let addr = std::net::SocketAddr::new(ip.parse().unwrap(), 40000);
            req.extensions_mut()
                .insert(axum::extract::ConnectInfo(addr));
        }
        let response = app.clone().oneshot(req).await.unwrap();
        if response.status() != axum::http::StatusCode::OK {
            return Err(response.status());
        }
        assert_eq!(
            response.headers()[axum::http::header::CONTENT_TYPE],
            "text/event-stream"
        );
        Ok(Self {
            body: response.into_body(),
            buffer: String::new(),
        })
    }

    /// The next event of type `kind`, within a second.
    pub async fn next(&mut self, kind: &str) -> serde_json::Value {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(1);
        loop {
            while let Some(end) = self.buffer.find("\n\n") {
                let event: String = self.buffer.drain(..end + 2).collect();
                let mut name = "message";
                let mut data = String::new();
                for line in event.lines() {
                    if let Some(v) = line.strip_prefix("event:") {
                        name = v.trim();
                    } else if let Some(v) = line.strip_prefix("data:") {
                        data.push_str(v.trim_start());
                    }
                }
                if name == kind {
                    return serde_json::from_str(&data).unwrap();
                }
            }
            let frame = tokio::time::timeout_at(deadline, self.body.frame())
                .await
                .unwrap_or_else(|_| panic!("no {kind} event within a second"))
                .expect("the stream ended")
                .unwrap();
            if let Ok(data) = frame.into_data() {
                self.buffer.push_str(std::str::from_utf8(&data).unwrap());
            }
        }
    }
}

/// The fingerprint the moderation queue shows `cookie`'s holder for the item of `kind`
/// (`stalls`, `stall_edits`, `listings`, `auctions`, `bidders`) whose `field` is `id`, as its
/// decision form sends it back; empty when the queue does not show it (or to a non-moderator).
pub async fn seen(app: &Router, cookie: &str, kind: &str, field: &str, id: i64) -> String {
    let reply = get_with(app, "/api/get_moderation_queue", Some(cookie)).await;
    let Ok(queue) = serde_json::from_str::<serde_json::Value>(&reply.body) else {
        return String::new();
    };
    queue[kind]
        .as_array()
        .into_iter()
        .flatten()
        .find(|item| item[field] == id)
        .and_then(|item| item["fingerprint"].as_str())
        .unwrap_or_default()
        .to_owned()
}

/// The token of the newest confirmation link mailed to `email`.
pub async fn confirmation_token(t: &TestDb, email: &str) -> String {
    let mails = app::db::outbox::messages_to(&t.db, email).await.unwrap();
    let mail = mails
        .iter()
        .find(|m| m.kind == "confirm_email")
        .unwrap_or_else(|| panic!("a confirmation mail to {email}"));
    let start =
        mail.body.find("/confirm-email?token=").expect("the link") + "/confirm-email?token=".len();
    mail.body[start..]
        .chars()
        .take_while(char::is_ascii_hexdigit)
        .collect()
}

/// Opens the newest confirmation link mailed to `email` and presses its button, as a browser
/// does; the reply logs in (a redirect with the session cookie).
pub async fn confirm(app: &Router, t: &TestDb, email: &str) -> Reply {
    let token = confirmation_token(t, email).await;
    post_form(
        app,
        "/api/confirm_email",
        &format!("token={token}"),
        None,
        true,
    )
    .await
}
