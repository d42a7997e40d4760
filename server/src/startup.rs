//! The router and the running application.

use std::net::SocketAddr;
use std::path::Path;
use std::time::Duration;

use app::db::Db;
use app::error::AppError;
use app::i18n::{LANG_COOKIE, Locale};
use app::server_context::ServerContext;
use app::{App, shell};
use axum::Router;
use axum::body::Body;
use axum::extract::{FromRef, Path as UrlPath, Query, Request, State};
use axum::http::{HeaderName, HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::serve::ListenerExt;
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;
use leptos_axum::{LeptosRoutes, generate_route_list, handle_server_fns_with_context};
use tokio::net::TcpListener;
use tower::ServiceBuilder;
use tower_http::compression::CompressionLayer;
use tower_http::compression::predicate::{DefaultPredicate, NotForContentType, Predicate};
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::services::ServeDir;
use tower_http::set_header::{SetResponseHeader, SetResponseHeaderLayer};
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};

use crate::config::ServeArgs;

/// Everything handlers share.
#[derive(Clone)]
pub struct AppState {
    /// Leptos' own settings (site root, output name, hashed files).
    pub leptos_options: LeptosOptions,
    /// Database and caches, also handed to server functions.
    pub ctx: ServerContext,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

/// Settings the router needs beyond the state.
#[derive(Debug, Clone)]
pub struct RouterSettings {
    /// Request timeout.
    pub request_timeout: Duration,
    /// Largest body accepted.
    pub max_body_bytes: usize,
    /// Public pages kept as rendered for visitors.
    pub page_cache: crate::page_cache::PageCacheSettings,
    /// Reverse proxies whose `X-Forwarded-For` names the client.
    pub trusted_proxies: crate::client_addr::TrustedProxies,
    /// Where video uploads are received before they are stored.
    pub upload_dir: std::path::PathBuf,
}

/// Leptos options for a site built by cargo-leptos into `site_root`.
///
/// Asset names are hashed when cargo-leptos left its `hash.txt` beside the executable (release
/// builds); a binary built by plain cargo, as in tests, links the unhashed names.
pub fn leptos_options(site_root: &Path, addr: SocketAddr) -> LeptosOptions {
    let hash_files = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join("hash.txt").exists()))
        .unwrap_or(false);
    LeptosOptions::builder()
        .output_name("techx")
        .site_root(site_root.display().to_string())
        .site_pkg_dir("pkg")
        .site_addr(addr)
        .env(leptos::config::Env::PROD)
        .hash_files(hash_files)
        .build()
}

/// The application's routes, listed once per process.
///
/// Listing them renders the whole app with resource loading suppressed by a process-wide flag
/// (`leptos_server` 0.8): a resource first polled on another thread while the flag is up waits
/// forever, so a page rendered while a second router was being built (several routers per
/// process, as the tests build) never finished. Listed once, before any router can serve, the
/// flag is never up while a page renders.
fn route_list() -> Vec<leptos_axum::AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<leptos_axum::AxumRouteListing>> =
        std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// Builds the whole HTTP application; tests drive it without a socket.
pub fn router(state: AppState, settings: &RouterSettings) -> Router {
    let site_root = state.leptos_options.site_root.to_string();
    let routes = route_list();
    let page_cache = crate::page_cache::PageCache::new(settings.page_cache, state.ctx.clone());
    let public_origin =
        crate::csrf::PublicOrigin(crate::page_cache::origin_of(&state.ctx.public_url));
    let context = {
        let ctx = state.ctx.clone();
        move || provide_context(ctx.clone())
    };
    let render_shell = {
        let options = state.leptos_options.clone();
        move || shell(options.clone())
    };

    // Hashed build outputs never change under the same name.
    let pkg = SetResponseHeader::overriding(
        ServeDir::new(Path::new(&site_root).join("pkg"))
            .precompressed_br()
            .precompressed_gzip(),
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=31536000, immutable"),
    );
    // Other public files (service worker, manifest, icons) keep their names: always revalidate.
    let not_found = {
        let render =
            leptos_axum::render_app_to_stream_with_context(context.clone(), render_shell.clone());
        move |req: Request| {
            let render = render.clone();
            async move { render(req).await }
        }
    };
    let public = SetResponseHeader::if_not_present(
        ServeDir::new(&site_root)
            .precompressed_br()
            .precompressed_gzip()
            .fallback(axum::handler::HandlerWithoutStateExt::into_service(
                not_found,
            )),
        header::CACHE_CONTROL,
        HeaderValue::from_static("no-cache"),
    );

    let security_headers = ServiceBuilder::new()
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(
                "default-src 'self'; object-src 'none'; frame-ancestors 'none'",
            ),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("strict-origin-when-cross-origin"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ));

    let x_request_id = HeaderName::from_static("x-request-id");
    Router::new()
        .route("/api/{*fn_name}", get(unknown_server_fn).post(unknown_server_fn))
        .leptos_routes_with_context(&state, routes, context, render_shell)
        // Only pages and server functions need to know who is asking; static files, the health
        // check and the language switch skip the session lookup.
        .route_layer(axum::middleware::from_fn_with_state(state.clone(), authenticate))
        .route("/healthz", get(healthz))
        .merge(crate::sitemap::routes())
        .merge(crate::feeds::routes())
        .merge(crate::calendars::routes())
        .route("/lang/{code}", get(switch_language))
        .route("/auctions/{id}/log.csv", get(crate::exports::auction_log_csv))
        .route("/statistics/{file}", get(crate::exports::statistics_csv))
        .merge(crate::unsubscribe::routes())
        .nest_service("/pkg", pkg)
        .fallback_service(public)
        .layer(axum::middleware::from_fn(crate::input_guard::refuse_nul))
        .layer(RequestBodyLimitLayer::new(settings.max_body_bytes))
        .layer(TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, settings.request_timeout))
        // Picture uploads have limits of their own: larger bodies, and time for a phone on a
        // slow connection to send them.
        .merge(crate::uploads::routes().layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            settings.request_timeout.max(crate::uploads::UPLOAD_TIMEOUT),
        )))
        .merge(crate::startup_files::routes().layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            settings.request_timeout.max(crate::uploads::UPLOAD_TIMEOUT),
        )))
        // A clip of up to 500 MB takes longer still.
        .merge(
            crate::videos::routes(settings.upload_dir.clone()).layer(
                TimeoutLayer::with_status_code(
                    StatusCode::REQUEST_TIMEOUT,
                    settings.request_timeout.max(crate::videos::VIDEO_UPLOAD_TIMEOUT),
                ),
            ),
        )
        // Live pages stream for as long as they are open: no request timeout.
        .merge(crate::live::routes())
        .with_state(state)
        .layer(axum::middleware::from_fn_with_state(
            page_cache,
            crate::page_cache::serve_or_keep,
        ))
        // Outside the page cache: a refused request does not make kept pages stale.
        .layer(axum::middleware::from_fn_with_state(
            public_origin,
            crate::csrf::same_origin_writes,
        ))
        .layer(axum::middleware::from_fn_with_state(
            settings.trusted_proxies.clone(),
            crate::client_addr::resolve,
        ))
        .layer(axum::middleware::map_response(server_fn_error_status))
        .layer(
            ServiceBuilder::new()
                .layer(SetRequestIdLayer::new(x_request_id.clone(), MakeRequestUuid))
                .layer(TraceLayer::new_for_http().make_span_with(|req: &Request| {
                    let id = req.headers().get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or("-");
                    tracing::info_span!("request", id = %id, method = %req.method(), path = %req.uri().path())
                }).on_response(DefaultOnResponse::new().level(tracing::Level::INFO)))
                .layer(PropagateRequestIdLayer::new(x_request_id))
                .layer(security_headers)
                // Videos are sent as stored, a range at a time; everything else compressed.
                .layer(CompressionLayer::new().compress_when(
                    DefaultPredicate::new().and(NotForContentType::const_new("video/")),
                )),
        )
}

/// Runs a server function that no route names, so the caller gets server_fn's 400 "no such
/// function" rather than a 404 page.
async fn unknown_server_fn(State(state): State<AppState>, req: Request) -> Response {
    let ctx = state.ctx.clone();
    handle_server_fns_with_context(move || provide_context(ctx.clone()), req)
        .await
        .into_response()
}

/// Gives server-function errors the HTTP status they mean (400 for a malformed call, 404, 403 …)
/// instead of server_fn's blanket 500. Other responses pass untouched.
async fn server_fn_error_status(response: Response) -> Response {
    if response.status() != StatusCode::INTERNAL_SERVER_ERROR
        || !response.headers().contains_key("serverfnerror")
    {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, 64 * 1024)
        .await
        .unwrap_or_default();
    if let Ok(err) = serde_json::from_slice::<AppError>(&bytes) {
        parts.status = err.status_code();
        if let AppError::TooManyRequests {
            retry_after_secs, ..
        } = err
        {
            parts
                .headers
                .insert(header::RETRY_AFTER, retry_after_secs.into());
        }
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// Finds the member behind the session cookie, once per request, for pages and server
/// functions to read (`app::session::current_user`). Requests without a cookie cost nothing.
async fn authenticate(
    State(state): State<AppState>,
    mut req: Request,
    next: axum::middleware::Next,
) -> Response {
    let cookie = req
        .headers()
        .get(header::COOKIE)
        .and_then(|v| v.to_str().ok());
    let user = match app::session::authenticate(&state.ctx.db, cookie).await {
        Ok(user) => user,
        Err(err) => {
            tracing::error!(error = %err, "session lookup failed; treating the request as a visitor");
            None
        }
    };
    let private = user.is_some() || is_private_path(req.uri().path());
    // A member's mails follow the language they read the site in, recorded when they do
    // something (a form, a server function), never on a GET.
    if let Some(user) = &user
        && !matches!(*req.method(), Method::GET | Method::HEAD)
        && let Some(locale) = cookie.and_then(language_of)
    {
        let stored = match state.ctx.db.acquire().await {
            Ok(mut conn) => app::db::accounts::set_locale(&mut conn, user.id, locale).await,
            Err(e) => Err(e),
        };
        if let Err(e) = stored {
            tracing::warn!("could not record member {}'s language: {e}", user.id);
        }
    }
    req.extensions_mut().insert(app::session::RequestUser(user));
    let mut response = next.run(req).await;
    // A page made for a member (their name, their counts, their conversations) or a form with a
    // secret in its address is kept by no cache: not a shared one, not the browser's, not the
    // service worker's, so logging out on a shared phone leaves nothing of it behind.
    if private {
        response.headers_mut().insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, no-store"),
        );
    }
    response
}

/// The language a `Cookie` header's `lang` cookie names, if any.
fn language_of(cookies: &str) -> Option<Locale> {
    cookies
        .split(';')
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == LANG_COOKIE)
        .and_then(|(_, value)| Locale::from_code(value.trim()))
}

/// Pages that are about one member whoever asks: their account area, moderation and
/// administration, and the forms of logging in, registering and passwords.
fn is_private_path(path: &str) -> bool {
    const PRIVATE: [&str; 10] = [
        "/account",
        "/moderation",
        "/admin",
        "/login",
        "/register",
        "/forgot-password",
        "/reset-password",
        "/confirm-email",
        "/stall-invitation",
        "/api",
    ];
    PRIVATE.iter().any(|prefix| {
        path.strip_prefix(prefix)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
    })
}

/// `GET /healthz`: 200 when the database answers, 503 otherwise.
async fn healthz(State(state): State<AppState>) -> Response {
    match app::db::stats::ping(&state.ctx.db).await {
        Ok(()) => (
            StatusCode::OK,
            [(header::CACHE_CONTROL, "no-store")],
            axum::Json(serde_json::json!({"status": "ok", "database": "ok"})),
        )
            .into_response(),
        Err(err) => {
            tracing::error!(error = %err, "health check: database unreachable");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                [(header::CACHE_CONTROL, "no-store")],
                axum::Json(serde_json::json!({"status": "error", "database": "unreachable"})),
            )
                .into_response()
        }
    }
}

#[derive(serde::Deserialize)]
struct NextPath {
    next: Option<String>,
}

/// `GET /lang/{code}?next=/path`: remembers the language in a cookie and goes back, so the
/// switch works without JavaScript.
async fn switch_language(
    UrlPath(code): UrlPath<String>,
    Query(query): Query<NextPath>,
) -> Response {
    let next = query
        .next
        .filter(|n| app::domain::is_local_path(n))
        .unwrap_or_else(|| "/".to_owned());
    let mut response = (StatusCode::SEE_OTHER, [(header::LOCATION, next)]).into_response();
    // Only the cookie: a GET changes nothing stored (a link from another site could follow it). A
    // member's mails follow the language from their next form (see `authenticate`).
    if let Some(locale) = Locale::from_code(&code) {
        let cookie = format!(
            "{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax",
            locale.code()
        );
        if let Ok(value) = HeaderValue::from_str(&cookie) {
            response.headers_mut().insert(header::SET_COOKIE, value);
        }
    }
    response
}

/// A bound, ready-to-run server.
pub struct Application {
    listener: TcpListener,
    router: Router,
    ctx: ServerContext,
    mailer: crate::mailer::Mailer,
    pusher: crate::push::Pusher,
}

impl Application {
    /// Binds the address (port 0 picks a free one) and builds the router.
    pub async fn build(
        args: ServeArgs,
        db: Db,
        media: std::sync::Arc<dyn app::media::ObjectStore>,
        data_dir: &std::path::Path,
    ) -> anyhow::Result<Self> {
        let listener = TcpListener::bind(args.bind)
            .await
            .map_err(|e| anyhow::anyhow!("cannot listen on {}: {e}", args.bind))?;
        let addr = listener.local_addr()?;
        let mailer = crate::mailer::Mailer::new(
            args.smtp_url.as_deref(),
            &args.mail_from,
            &data_dir.join("mail"),
        )?;
        if let Some(dir) = mailer.mail_dir() {
            tracing::info!(dir = %dir.display(), "no mail server (--smtp-url): mail is written there as .eml files");
        }
        let public_url = args
            .public_url
            .clone()
            .unwrap_or_else(|| format!("http://{addr}"));
        let defaults = app::rate_limit::RateLimits::default();
        let limits = app::rate_limit::RateLimits {
            register_per_ip: app::rate_limit::Quota {
                burst: args.registrations_per_ip.max(1),
                ..defaults.register_per_ip
            },
            search_per_ip: app::rate_limit::Quota {
                burst: match args.searches_per_ip {
                    0 => u32::MAX,
                    n => n,
                },
                ..defaults.search_per_ip
            },
            ..defaults
        };
        let ctx = ServerContext::new(db, Duration::from_millis(args.home_cache_ms))
            .with_public_url(&public_url)
            .with_rate_limits(limits)
            .with_media(media)
            .with_search_cache(args.search_cache_entries)
            .with_statistics_ttl(Duration::from_millis(args.statistics_cache_ms))
            .with_push_hosts(&args.push_test_hosts);
        let pusher = crate::push::Pusher::new(&args.mail_from)?;
        let state = AppState {
            leptos_options: leptos_options(&args.site_root, addr),
            ctx: ctx.clone(),
        };
        let settings = RouterSettings {
            request_timeout: Duration::from_secs(args.request_timeout_secs),
            max_body_bytes: args.max_body_bytes,
            page_cache: crate::page_cache::PageCacheSettings {
                entries: args.page_cache_entries,
                ttl: Duration::from_millis(args.page_cache_ms),
            },
            trusted_proxies: crate::client_addr::TrustedProxies::new(args.trusted_proxies.clone()),
            upload_dir: data_dir.join("uploads"),
        };
        Ok(Self {
            listener,
            router: router(state, &settings),
            ctx,
            mailer,
            pusher,
        })
    }

    /// The address actually bound.
    pub fn local_addr(&self) -> SocketAddr {
        self.listener
            .local_addr()
            .expect("a bound listener has an address")
    }

    /// Serves until SIGINT or SIGTERM, then finishes open requests and saves the visit count.
    pub async fn run_until_stopped(self) -> anyhow::Result<()> {
        let Self {
            listener,
            router,
            ctx,
            mailer,
            pusher,
        } = self;
        // Listened to before saying so: a SIGTERM right after "listening" stops it gracefully.
        let stop = shutdown_signal()?;
        tracing::info!(addr = %listener.local_addr()?, "techx listening");
        let flusher = tokio::spawn(flush_visits_periodically(ctx.clone()));
        let postman = tokio::spawn(crate::mailer::run(ctx.clone(), mailer));
        let expirer = tokio::spawn(expire_listings_periodically(ctx.clone()));
        let indexer = tokio::spawn(keep_search_index(ctx.clone()));
        let closer = tokio::spawn(close_auctions_when_due(ctx.clone()));
        let alerter = tokio::spawn(alert_when_due(ctx.clone()));
        let publisher = tokio::spawn(publish_articles_when_due(ctx.clone()));
        let reminder = tokio::spawn(remind_visitors_when_due(ctx.clone()));
        let pushes = tokio::spawn(crate::push::run(ctx.db.clone(), pusher));
        // Several processes on one PostgreSQL database share live updates through it.
        let listener_task = (app::db::dialect::Backend::of_pool(&ctx.db)
            == app::db::dialect::Backend::Postgres)
            .then(|| {
                let url = ctx.db.connect_options().database_url.to_string();
                tokio::spawn(std::sync::Arc::clone(&ctx.live).listen_postgres(url))
            });
        // Without TCP_NODELAY a response written as headers then body waits ~40 ms for the
        // client's delayed ACK (Nagle), capping a keep-alive connection at ~25 requests/s.
        let listener = listener.tap_io(|tcp| {
            if let Err(err) = tcp.set_nodelay(true) {
                tracing::debug!(error = %err, "could not set TCP_NODELAY");
            }
        });
        // The peer address feeds the per-address login and registration limits.
        axum::serve(
            listener,
            router.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown({
            let live = std::sync::Arc::clone(&ctx.live);
            async move {
                stop.await;
                // Open bidding pages would otherwise keep the server waiting for ever.
                live.stop();
            }
        })
        .await?;
        flusher.abort();
        postman.abort();
        expirer.abort();
        indexer.abort();
        closer.abort();
        alerter.abort();
        publisher.abort();
        reminder.abort();
        pushes.abort();
        if let Some(task) = listener_task {
            task.abort();
        }
        flush_visits(&ctx).await;
        tracing::info!("techx stopped");
        Ok(())
    }
}

/// Reads the catalogue and the news into memory at start-up, so the first search finds them
/// ready, then once a minute brings them up to date (a process nobody searches on keeps up with
/// the change log) and trims the change log (`db::search_index`, `db::article_search`).
async fn keep_search_index(ctx: ServerContext) {
    let started = std::time::Instant::now();
    let warmed = tokio::try_join!(
        app::db::search_index::warm(&ctx.db),
        app::db::article_search::warm(&ctx.db),
    );
    match warmed {
        Ok((listings, articles)) => tracing::info!(
            listings,
            articles,
            ms = started.elapsed().as_millis() as u64,
            "search index read"
        ),
        Err(err) => tracing::warn!(error = %err, "could not read the search index; searches will"),
    }
    let mut tick = tokio::time::interval(Duration::from_secs(60));
    tick.tick().await;
    loop {
        tick.tick().await;
        let warmed = tokio::try_join!(
            app::db::search_index::warm(&ctx.db),
            app::db::article_search::warm(&ctx.db),
        );
        if let Err(err) = warmed {
            tracing::warn!(error = %err, "could not bring the search index up to date");
        }
        match app::db::search_index::prune_changes(&ctx.db).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(removed = n, "search change log trimmed"),
            Err(err) => tracing::warn!(error = %err, "could not trim the search change log"),
        }
    }
}

/// Takes published listings whose time is up off the site, once a minute.
async fn expire_listings_periodically(ctx: ServerContext) {
    let mut tick = tokio::time::interval(Duration::from_secs(60));
    loop {
        tick.tick().await;
        match app::db::listings::expire_due(&ctx.db, app::db::now_ms()).await {
            Ok(0) => {}
            Ok(n) => {
                tracing::info!(expired = n, "listings expired");
                ctx.home_cache.invalidate();
            }
            Err(err) => tracing::warn!(error = %err, "could not expire listings; will retry"),
        }
    }
}

/// Publishes scheduled articles when their time comes: checks every 5 s. Each is claimed in the
/// statement that publishes it, so with several processes each article is published once.
async fn publish_articles_when_due(ctx: ServerContext) {
    let mut tick = tokio::time::interval(Duration::from_secs(5));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        match app::db::articles::publish_due(&ctx.db, app::db::now_ms()).await {
            Ok(published) if published.is_empty() => {}
            Ok(published) => {
                tracing::info!(articles = ?published, "scheduled articles published");
                ctx.home_cache.invalidate();
            }
            Err(err) => {
                tracing::warn!(error = %err, "could not publish scheduled articles; will retry")
            }
        }
    }
}

/// Reminds visitors holding a seat the day before their event: checks once a minute. Each
/// reminder is claimed in the statement that finds it, so with several processes it goes once.
async fn remind_visitors_when_due(ctx: ServerContext) {
    let mut tick = tokio::time::interval(Duration::from_secs(60));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        match app::db::registrations::remind_due(&ctx.db, &ctx.public_url, app::db::now_ms()).await
        {
            Ok(0) => {}
            Ok(sent) => {
                tracing::info!(sent, "event reminders queued");
                ctx.outbox_wake.notify_one();
            }
            Err(err) => tracing::warn!(error = %err, "could not queue event reminders; will retry"),
        }
    }
}

/// Ends auctions at their end time: checks twice a second, so an auction closes within half a
/// second of its (possibly extended) end; at start-up it first closes any whose end passed while
/// no server was running. On the same beat: outbid mails, and "ending soon" every 5 s.
async fn close_auctions_when_due(ctx: ServerContext) {
    /// "Ending soon" goes out this long before the end.
    const ENDING_SOON_MS: i64 = 3_600_000;
    let mut tick = tokio::time::interval(Duration::from_millis(500));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    for round in 0u64.. {
        tick.tick().await;
        // Every 5 s: tell bidders and watchers of auctions entering their last hour.
        if round % 10 == 0 {
            let now = app::db::now_ms();
            match app::db::notifications::ending_soon(&ctx.db, now, ENDING_SOON_MS, &ctx.public_url)
                .await
            {
                Ok(told) if told.is_empty() => {}
                Ok(told) => {
                    ctx.live.members_notified(&told).await;
                    ctx.outbox_wake.notify_one();
                }
                Err(err) => {
                    tracing::warn!(error = %err, "could not send ending-soon notifications; will retry")
                }
            }
        }
        // Outbid notifications are written with their bids; their mails are composed here.
        match app::db::notifications::mail_outbid(&ctx.db, &ctx.public_url, app::db::now_ms(), 200)
            .await
        {
            Ok(0) => {}
            Ok(_) => ctx.outbox_wake.notify_one(),
            Err(err) => tracing::warn!(error = %err, "could not queue outbid mails; will retry"),
        }
        match app::db::auctions::close_due(&ctx.db, app::db::now_ms(), &ctx.public_url).await {
            Ok(closed) if closed.is_empty() => {}
            Ok(closed) => {
                for c in &closed {
                    tracing::info!(auction = c.auction_id, sale = ?c.sale, "auction closed");
                    ctx.live.auction_changed(c.auction_id).await;
                    ctx.live.members_notified(&c.told).await;
                }
                ctx.home_cache.invalidate();
                ctx.outbox_wake.notify_one();
            }
            Err(err) => tracing::warn!(error = %err, "could not close auctions; will retry"),
        }
    }
}

/// Alerts: every 2 s, listings published since are looked up against the saved searches and
/// open requests (members who want it told at once); every minute, the daily and weekly digests
/// due are mailed. Both claim their work in the database, so several processes can run this.
async fn alert_when_due(ctx: ServerContext) {
    let mut tick = tokio::time::interval(Duration::from_secs(2));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    for round in 0u64.. {
        tick.tick().await;
        match app::db::alerts::scan(&ctx.db, app::db::now_ms(), 100).await {
            Ok(told) if told.is_empty() => {}
            Ok(told) => {
                let members: Vec<i64> = told.iter().map(|(member, _)| *member).collect();
                ctx.live.members_notified(&members).await;
            }
            Err(err) => {
                tracing::warn!(error = %err, "could not look up new listings for alerts; will retry")
            }
        }
        if round % 30 == 0 {
            let sent = async {
                let key = app::db::alerts::signing_key(&ctx.db).await?;
                let mut sent = 0;
                for frequency in ["daily", "weekly"] {
                    sent += app::db::alerts::send_digests(
                        &ctx.db,
                        frequency,
                        app::db::now_ms(),
                        &ctx.public_url,
                        &key,
                    )
                    .await?;
                }
                Ok::<_, sqlx::Error>(sent)
            };
            match sent.await {
                Ok(sent) => {
                    if sent > 0 {
                        tracing::info!(digests = sent, "alert digests queued");
                        ctx.outbox_wake.notify_one();
                    }
                    tracing::debug!(digests = sent, "alert digest pass done");
                }
                Err(err) => {
                    tracing::warn!(error = %err, "could not send alert digests; will retry")
                }
            }
        }
    }
}

async fn flush_visits_periodically(ctx: ServerContext) {
    let mut tick = tokio::time::interval(Duration::from_secs(5));
    loop {
        tick.tick().await;
        flush_visits(&ctx).await;
    }
}

/// Moves counted page and listing views into the database; on failure they stay counted for the next try.
async fn flush_visits(ctx: &ServerContext) {
    let day = app::domain::vietnam_day(app::db::now_ms());
    let n = ctx.visits.take();
    if n > 0 {
        if let Err(err) = app::db::stats::add_visits(&ctx.db, n, day).await {
            tracing::warn!(error = %err, "could not save visit count; will retry");
            ctx.visits.restore(n);
        } else {
            ctx.home_cache.invalidate();
        }
    }
    let listing_views = ctx.listing_views.take();
    if let Err(err) = app::db::catalogue::add_listing_views(&ctx.db, &listing_views, day).await {
        tracing::warn!(error = %err, "could not save listing views; will retry");
        ctx.listing_views.restore(&listing_views);
    }
    let misses = ctx.search_misses.take();
    if let Err(err) = app::db::stats::add_search_misses(&ctx.db, &misses, day).await {
        tracing::warn!(error = %err, "could not save searches that found nothing; will retry");
        ctx.search_misses.restore(misses);
    }
}

/// Resolves at SIGINT or SIGTERM, which are listened to from this call on (not from the first
/// poll), so a signal sent as soon as the server says it listens is not missed.
#[cfg(unix)]
fn shutdown_signal() -> std::io::Result<impl std::future::Future<Output = ()>> {
    use tokio::signal::unix::{SignalKind, signal};
    let mut terminate = signal(SignalKind::terminate())?;
    let mut interrupt = signal(SignalKind::interrupt())?;
    Ok(async move {
        tokio::select! {
            _ = terminate.recv() => {},
            _ = interrupt.recv() => {},
        }
        tracing::info!("shutdown signal received");
    })
}

#[cfg(not(unix))]
fn shutdown_signal() -> std::io::Result<impl std::future::Future<Output = ()>> {
    Ok(async {
        let _ = tokio::signal::ctrl_c().await;
        tracing::info!("shutdown signal received");
    })
}
