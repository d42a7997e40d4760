//! techx: the shared Leptos crate — the HTML shell, the route table, pages, components, server
//! functions and the domain types that browser and server both use.

// Page views are deeply nested types; a page with many parts needs more than the default 128.
#![recursion_limit = "256"]

pub mod api;
pub mod codec;
pub mod components;
pub mod domain;
pub mod error;
pub mod i18n;
pub mod model;
pub mod pages;
pub mod seo;

#[cfg(feature = "ssr")]
pub mod auth;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod live;
#[cfg(feature = "ssr")]
pub mod mail;
#[cfg(feature = "ssr")]
pub mod markdown;
#[cfg(feature = "ssr")]
pub mod media;
#[cfg(feature = "ssr")]
pub mod rate_limit;
#[cfg(feature = "ssr")]
pub mod server_context;
#[cfg(feature = "ssr")]
pub mod session;

use leptos::prelude::*;
use leptos_meta::{HashedStylesheet, MetaTags, Title, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{Lazy, ParamSegment, SsrMode, StaticSegment};

use crate::components::layout::Layout;
use crate::i18n::{Locale, provide_i18n, use_i18n};
use crate::pages::{
    admin_users_page::AdminUsersRoute,
    auction_editor_page::AuctionEditorRoute,
    auction_page::AuctionRoute,
    inbox_page::{ConversationRoute, InboxRoute, WatchlistRoute},
    listing_images_page::ListingImagesRoute,
    listing_page::ListingRoute,
    moderation_page::ModerationRoute,
    my_account_page::AccountRoute,
    not_found_page::NotFoundPage,
    notifications_page::NotificationsRoute,
    offline_page::OfflinePage,
    own_listings_page::{ListingDraftRoute, ListingEditorRoute, OwnListingsRoute},
    own_stalls_page::{EditStallRoute, NewStallRoute, OwnStallsRoute},
    routes::{
        AuctionsRoute, ForgotPasswordRoute, HomeRoute, LoginRoute, OffersRoute, RegisterRoute,
        RequestsRoute, ResetPasswordRoute, SearchRoute, StallsRoute,
    },
    section_page::{Section, SectionPage},
    stall_page::StallRoute,
    stall_pictures_page::StallPicturesRoute,
    stall_team_page::{InvitationRoute, StallTeamRoute},
};

/// Colour of the browser UI around the site, as in the manifest.
pub const THEME_COLOR: &str = "#0b6e4f";

/// The whole HTML document rendered by the server for every page.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let locale = initial_locale();
    #[cfg(feature = "ssr")]
    on_server::start_page();
    let nonce = leptos::nonce::use_nonce();
    view! {
        <!DOCTYPE html>
        <html lang=locale.code()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover"/>
                <meta name="theme-color" content=THEME_COLOR/>
                <link rel="manifest" href="/manifest.webmanifest"/>
                <link rel="icon" href="/icons/favicon.svg" type="image/svg+xml"/>
                <link rel="apple-touch-icon" href="/icons/icon-192.png"/>
                <HashedStylesheet options=options.clone() id="leptos"/>
                <HydrationScripts options/>
                <script nonce=nonce>
                    "if('serviceWorker' in navigator){addEventListener('load',function(){navigator.serviceWorker.register('/sw.js').catch(function(){})})}"
                </script>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The language the page is rendered in: the `lang` cookie on the server, and on the browser
/// whatever the server rendered into `<html lang>`, so hydration sees the same text.
fn initial_locale() -> Locale {
    #[cfg(feature = "ssr")]
    {
        i18n::request_locale()
    }
    #[cfg(not(feature = "ssr"))]
    {
        document()
            .document_element()
            .and_then(|el| el.get_attribute("lang"))
            .and_then(|code| Locale::from_code(&code))
            .unwrap_or_default()
    }
}

/// The application: language, metadata and the route table.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let i18n = provide_i18n(initial_locale());

    // Keep <html lang> in step when the language is switched in the browser, and mark the body
    // once hydrated (tests wait for it before expecting in-place updates).
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", i18n.locale().code());
        }
        if let Some(body) = document().body() {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });

    view! {
        <Title formatter=move |text: String| {
            let site = i18n.t().site_name;
            if text.is_empty() { site.to_owned() } else { format!("{text} · {site}") }
        }/>
        <Router>
            <Layout>
                <Routes fallback=|| view! { <NotFoundPage/> }>
                    <Route path=StaticSegment("") view={Lazy::<HomeRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=StaticSegment("stalls") view={Lazy::<StallsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("stalls"), ParamSegment("slug")) view={Lazy::<StallRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=StaticSegment("offers") view={Lazy::<OffersRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("listings"), ParamSegment("slug")) view={Lazy::<ListingRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=StaticSegment("requests") view={Lazy::<RequestsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=StaticSegment("auctions") view={Lazy::<AuctionsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("auctions"), ParamSegment("id")) view={Lazy::<AuctionRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=StaticSegment("search") view={Lazy::<SearchRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=StaticSegment("connect") view=|| view! { <SectionPage section=Section::Connect/> }/>
                    <Route path=StaticSegment("news") view=|| view! { <SectionPage section=Section::News/> }/>
                    <Route path=StaticSegment("startups") view=|| view! { <SectionPage section=Section::Startups/> }/>
                    <Route path=StaticSegment("login") view={Lazy::<LoginRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=StaticSegment("register") view={Lazy::<RegisterRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=StaticSegment("forgot-password") view={Lazy::<ForgotPasswordRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=StaticSegment("reset-password") view={Lazy::<ResetPasswordRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=StaticSegment("account") view={Lazy::<AccountRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("account"), StaticSegment("stalls")) view={Lazy::<OwnStallsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("account"), StaticSegment("stalls"), StaticSegment("new")) view={Lazy::<NewStallRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("account"), StaticSegment("stalls"), ParamSegment("id"), StaticSegment("edit")) view={Lazy::<EditStallRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("account"), StaticSegment("stalls"), ParamSegment("id"), StaticSegment("team")) view={Lazy::<StallTeamRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("account"), StaticSegment("stalls"), ParamSegment("id"), StaticSegment("pictures")) view={Lazy::<StallPicturesRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=StaticSegment("stall-invitation") view={Lazy::<InvitationRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("account"), StaticSegment("listings")) view={Lazy::<OwnListingsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("account"), StaticSegment("listings"), StaticSegment("new")) view={Lazy::<ListingEditorRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("account"), StaticSegment("listings"), StaticSegment("drafts"), ParamSegment("id")) view={Lazy::<ListingDraftRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("account"), StaticSegment("listings"), ParamSegment("id"), StaticSegment("edit")) view={Lazy::<ListingEditorRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("account"), StaticSegment("listings"), ParamSegment("id"), StaticSegment("images")) view={Lazy::<ListingImagesRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("account"), StaticSegment("listings"), ParamSegment("id"), StaticSegment("auction")) view={Lazy::<AuctionEditorRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("account"), StaticSegment("inquiries")) view={Lazy::<InboxRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("account"), StaticSegment("inquiries"), ParamSegment("id")) view={Lazy::<ConversationRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("account"), StaticSegment("watchlist")) view={Lazy::<WatchlistRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("account"), StaticSegment("notifications")) view={Lazy::<NotificationsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=StaticSegment("moderation") view={Lazy::<ModerationRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("admin"), StaticSegment("users")) view={Lazy::<AdminUsersRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=StaticSegment("offline") view=OfflinePage/>
                </Routes>
            </Layout>
        </Router>
    }
}

/// Message for an error code, in the current language.
pub fn error_message(err: &error::AppError) -> &'static str {
    let t = use_i18n().t();
    match err {
        error::AppError::BadRequest(_) => t.error_bad_request,
        error::AppError::Invalid(_) => t.error_invalid,
        error::AppError::NotFound => t.error_not_found,
        error::AppError::Unauthorized => t.error_unauthorized,
        error::AppError::Forbidden => t.error_forbidden,
        error::AppError::Internal => t.error_internal,
        error::AppError::TooManyRequests { .. } => t.field_too_many_attempts,
    }
}

#[cfg(feature = "ssr")]
mod on_server {
    use leptos::prelude::*;

    /// Per-page work on the server: count the view and send the security headers whose
    /// Content-Security-Policy allows exactly this response's scripts, by nonce.
    pub fn start_page() {
        if let Some(ctx) = use_context::<crate::server_context::ServerContext>() {
            ctx.visits.record();
        }
        if let (Some(response), Some(nonce)) = (
            use_context::<leptos_axum::ResponseOptions>(),
            leptos::nonce::use_nonce(),
        ) {
            let csp = format!(
                "default-src 'self'; script-src 'nonce-{nonce}' 'strict-dynamic' 'wasm-unsafe-eval'; \
                 style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; \
                 manifest-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'self'; \
                 form-action 'self'; frame-ancestors 'none'"
            );
            if let Ok(value) = http::HeaderValue::from_str(&csp) {
                response.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
            }
        }
    }
}
