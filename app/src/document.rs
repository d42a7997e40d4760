//! The HTML document around every page and the route table: rendered on the server only.

use leptos::prelude::*;
use leptos_meta::{HashedStylesheet, MetaTags, Title, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{ParamSegment, SsrMode, StaticSegment};

use crate::components::layout::Layout;
use crate::i18n::{provide_i18n, use_i18n};
use crate::pages::{
    PageRoute,
    account_pages::{
        ConfirmEmailPage, ForgotPasswordPage, LoginPage, RegisterPage, ResetPasswordPage,
    },
    admin_page::AdminRoute,
    admin_users_page::AdminUsersRoute,
    alerts_page::{AlertsRoute, UnsubscribePage},
    auction_editor_page::AuctionEditorRoute,
    auction_page::AuctionRoute,
    auctions_page::AuctionsPage,
    booths_page::{BoothDeskRoute, BoothFormRoute, TechmartRoute},
    calls_page::{CallDeskRoute, CallEditorRoute, CallRoute, CallsRoute, OwnCallsRoute},
    connect_page::ConnectPage,
    editor_page::{ArticleEditorRoute, ArticlePreviewRoute, EditorDeskRoute},
    events_page::{EventDeskRoute, EventEditorRoute, EventRoute, EventsRoute},
    home_page::HomePage,
    inbox_page::{ConversationRoute, InboxRoute, WatchlistRoute},
    incubator_page::{ProgrammeEditorRoute, ProgrammeRoute, ProgrammesRoute},
    introductions_page::IntroductionsRoute,
    listing_images_page::ListingImagesRoute,
    listing_page::ListingRoute,
    listings_page::{OffersPage, RequestsPage},
    mentors_page::{MentorEditorRoute, MentorRoute, MentoringRoute, MentorsRoute, SessionRoute},
    moderation_page::ModerationRoute,
    my_account_page::AccountRoute,
    news_page::{ArticleRoute, NewsRoute},
    not_found_page::NotFoundPage,
    notifications_page::NotificationsRoute,
    offline_page::OfflinePage,
    own_listings_page::{ListingDraftRoute, ListingEditorRoute, OwnListingsRoute},
    own_stalls_page::{EditStallRoute, NewStallRoute, OwnStallsRoute},
    own_startups_page::{InvestorEditorRoute, OwnStartupsRoute, ProjectEditorRoute},
    search_page::SearchPage,
    stall_figures_page::StallFiguresRoute,
    stall_page::StallRoute,
    stall_pictures_page::StallPicturesRoute,
    stall_team_page::{InvitationRoute, StallTeamRoute},
    stalls_page::StallsPage,
    startup_intros_page::{IntroThreadRoute, InvestorMatchesRoute},
    startups_page::{InvestorsRoute, ProjectRoute, StartupsRoute},
    statistics_page::StatisticsRoute,
    synonyms_page::SynonymsRoute,
    tickets_page::{CheckInRoute, ConfirmTicketPage, TicketRoute},
    videos_page::{VideoDeskRoute, VideoEditorRoute, VideoRoute, VideosRoute},
};

/// Colour of the browser UI around the site, as in the manifest.
pub const THEME_COLOR: &str = "#0b6e4f";

/// The whole HTML document rendered by the server for every page.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    // Islands mode: nothing is hydrated but the islands, which say so themselves.
    if let Some(shared) = Owner::current_shared_context() {
        shared.set_is_hydrating(false);
    }
    let locale = crate::i18n::request_locale();
    on_server::start_page();
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
                <crate::islands::PageScripts options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The application: language, metadata and the route table. Rendered on the server only.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let i18n = provide_i18n(crate::i18n::request_locale());
    view! {
        <Title formatter=move |text: String| {
            let site = i18n.t().site_name;
            if text.is_empty() { site.to_owned() } else { format!("{text} · {site}") }
        }/>
        <Router>
            <Layout>
                <Routes fallback=|| view! { <NotFoundPage/> }>
                    <Route path=StaticSegment("") view=HomePage ssr=SsrMode::Async/>
                    <Route path=StaticSegment("stalls") view=StallsPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("stalls"), ParamSegment("slug")) view=StallRoute::page ssr=SsrMode::Async/>
                    <Route path=StaticSegment("offers") view=OffersPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("listings"), ParamSegment("slug")) view=ListingRoute::page ssr=SsrMode::Async/>
                    <Route path=StaticSegment("requests") view=RequestsPage ssr=SsrMode::Async/>
                    <Route path=StaticSegment("auctions") view=AuctionsPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("auctions"), ParamSegment("id")) view=AuctionRoute::page ssr=SsrMode::Async/>
                    <Route path=StaticSegment("search") view=SearchPage ssr=SsrMode::Async/>
                    <Route path=StaticSegment("connect") view=ConnectPage ssr=SsrMode::Async/>
                    <Route path=StaticSegment("news") view=NewsRoute::page ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("news"), ParamSegment("slug")) view=ArticleRoute::page ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("editor"), StaticSegment("articles")) view=EditorDeskRoute::page ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("editor"), StaticSegment("articles"), StaticSegment("new")) view=ArticleEditorRoute::page ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("editor"), StaticSegment("articles"), ParamSegment("id"), StaticSegment("edit")) view=ArticleEditorRoute::page ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("editor"), StaticSegment("articles"), ParamSegment("id"), StaticSegment("preview")) view=ArticlePreviewRoute::page ssr=SsrMode::Async/>
                    <Route path=StaticSegment("events") view=EventsRoute::page ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("events"), ParamSegment("slug")) view=EventRoute::page ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("events"), ParamSegment("slug"), StaticSegment("check-in")) view=CheckInRoute::page ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("tickets"), ParamSegment("code")) view=TicketRoute::page ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("events"), ParamSegment("slug"), StaticSegment("booth")) view=BoothFormRoute::page ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("events"), ParamSegment("slug"), StaticSegment("booths")) view=BoothDeskRoute::page ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("events"), ParamSegment("slug"), StaticSegment("techmart")) view=TechmartRoute::page ssr=SsrMode::Async/>
                    <Route path=StaticSegment("confirm-ticket") view=ConfirmTicketPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("editor"), StaticSegment("events")) view=EventDeskRoute::page ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("editor"), StaticSegment("events"), StaticSegment("new")) view=EventEditorRoute::page ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("editor"), StaticSegment("events"), ParamSegment("id"), StaticSegment("edit")) view=EventEditorRoute::page ssr=SsrMode::Async/>
                    <Route path=StaticSegment("statistics") view=StatisticsRoute::page ssr=SsrMode::Async/>
                    <Route path=StaticSegment("startups") view=StartupsRoute::page ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("startups"), ParamSegment("slug")) view=ProjectRoute::page ssr=SsrMode::Async/>
                    <Route path=StaticSegment("investors") view=InvestorsRoute::page ssr=SsrMode::Async/>
                    <Route path=StaticSegment("calls") view=CallsRoute::page ssr=SsrMode::Async/>
                    <Route path=StaticSegment("incubator") view=ProgrammesRoute::page ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("incubator"), ParamSegment("slug")) view=ProgrammeRoute::page ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("editor"), StaticSegment("incubator"), StaticSegment("new")) view=ProgrammeEditorRoute::page ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("editor"), StaticSegment("incubator"), ParamSegment("id"), StaticSegment("edit")) view=ProgrammeEditorRoute::page ssr=SsrMode::Async/>
                    <Route path=StaticSegment("mentors") view=MentorsRoute::page ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("mentors"), ParamSegment("slug")) view=MentorRoute::page ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("account"), StaticSegment("mentor")) view=MentorEditorRoute::page ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("account"), StaticSegment("mentoring")) view=MentoringRoute::page ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("account"), StaticSegment("mentoring"), ParamSegment("id")) view=SessionRoute::page ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("calls"), ParamSegment("slug")) view=CallRoute::page ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("account"), StaticSegment("calls")) view=OwnCallsRoute::page ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("account"), StaticSegment("calls"), StaticSegment("new")) view=CallEditorRoute::page ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("account"), StaticSegment("calls"), ParamSegment("id"), StaticSegment("edit")) view=CallEditorRoute::page ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("account"), StaticSegment("calls"), ParamSegment("id"), StaticSegment("applications")) view=CallDeskRoute::page ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("account"), StaticSegment("startups")) view=OwnStartupsRoute::page ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("account"), StaticSegment("startups"), StaticSegment("new")) view=ProjectEditorRoute::page ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("account"), StaticSegment("startups"), ParamSegment("id"), StaticSegment("edit")) view=ProjectEditorRoute::page ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("account"), StaticSegment("investor")) view=InvestorEditorRoute::page ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("account"), StaticSegment("investor"), StaticSegment("matches")) view=InvestorMatchesRoute::page ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("account"), StaticSegment("startups"), StaticSegment("introductions"), ParamSegment("id")) view=IntroThreadRoute::page ssr=SsrMode::Async/>
                    <Route path=StaticSegment("videos") view=VideosRoute::page ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("videos"), ParamSegment("slug")) view=VideoRoute::page ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("editor"), StaticSegment("videos")) view=VideoDeskRoute::page ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("editor"), StaticSegment("videos"), StaticSegment("new")) view=VideoEditorRoute::page ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("editor"), StaticSegment("videos"), ParamSegment("id"), StaticSegment("edit")) view=VideoEditorRoute::page ssr=SsrMode::Async/>
                    <Route path=StaticSegment("login") view=LoginPage ssr=SsrMode::Async/>
                    <Route path=StaticSegment("register") view=RegisterPage ssr=SsrMode::Async/>
                    <Route path=StaticSegment("forgot-password") view=ForgotPasswordPage ssr=SsrMode::Async/>
                    <Route path=StaticSegment("reset-password") view=ResetPasswordPage ssr=SsrMode::Async/>
                    <Route path=StaticSegment("confirm-email") view=ConfirmEmailPage ssr=SsrMode::Async/>
                    <Route path=StaticSegment("account") view=AccountRoute::page ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("account"), StaticSegment("stalls")) view=OwnStallsRoute::page ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("account"), StaticSegment("stalls"), StaticSegment("new")) view=NewStallRoute::page ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("account"), StaticSegment("stalls"), ParamSegment("id"), StaticSegment("edit")) view=EditStallRoute::page ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("account"), StaticSegment("stalls"), ParamSegment("id"), StaticSegment("team")) view=StallTeamRoute::page ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("account"), StaticSegment("stalls"), ParamSegment("id"), StaticSegment("pictures")) view=StallPicturesRoute::page ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("account"), StaticSegment("stalls"), ParamSegment("id"), StaticSegment("figures")) view=StallFiguresRoute::page ssr=SsrMode::Async/>
                    <Route path=StaticSegment("stall-invitation") view=InvitationRoute::page ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("account"), StaticSegment("listings")) view=OwnListingsRoute::page ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("account"), StaticSegment("listings"), StaticSegment("new")) view=ListingEditorRoute::page ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("account"), StaticSegment("listings"), StaticSegment("drafts"), ParamSegment("id")) view=ListingDraftRoute::page ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("account"), StaticSegment("listings"), ParamSegment("id"), StaticSegment("edit")) view=ListingEditorRoute::page ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("account"), StaticSegment("listings"), ParamSegment("id"), StaticSegment("images")) view=ListingImagesRoute::page ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("account"), StaticSegment("listings"), ParamSegment("id"), StaticSegment("auction")) view=AuctionEditorRoute::page ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("account"), StaticSegment("inquiries")) view=InboxRoute::page ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("account"), StaticSegment("inquiries"), ParamSegment("id")) view=ConversationRoute::page ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("account"), StaticSegment("watchlist")) view=WatchlistRoute::page ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("account"), StaticSegment("notifications")) view=NotificationsRoute::page ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("account"), StaticSegment("alerts")) view=AlertsRoute::page ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("account"), StaticSegment("introductions")) view=IntroductionsRoute::page ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("alerts"), StaticSegment("unsubscribe")) view=UnsubscribePage/>
                    <Route path=StaticSegment("moderation") view=ModerationRoute::page ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("moderation"), StaticSegment("synonyms")) view=SynonymsRoute::page ssr=SsrMode::Async/>
                    <Route path=StaticSegment("admin") view=AdminRoute::page ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("admin"), StaticSegment("users")) view=AdminUsersRoute::page ssr=SsrMode::Async/>
                    <Route path=StaticSegment("offline") view=OfflinePage/>
                </Routes>
            </Layout>
        </Router>
    }
}

/// Message for an error code, in the current language.
pub fn error_message(err: &crate::error::AppError) -> &'static str {
    let t = use_i18n().t();
    match err {
        crate::error::AppError::BadRequest(_) => t.error_bad_request,
        crate::error::AppError::Invalid(_) => t.error_invalid,
        crate::error::AppError::NotFound => t.error_not_found,
        crate::error::AppError::Unauthorized => t.error_unauthorized,
        crate::error::AppError::Forbidden => t.error_forbidden,
        crate::error::AppError::Internal => t.error_internal,
        crate::error::AppError::TooManyRequests { input, .. } => {
            input.errors.first().map_or(t.field_too_many_attempts, |e| {
                crate::components::form::field_error_text(t, &e.code)
            })
        }
    }
}

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
            let frames = use_context::<http::request::Parts>()
                .filter(|parts| plays_youtube(&parts.uri))
                .map_or("", |_| "; frame-src https://www.youtube-nocookie.com");
            let csp = format!(
                "default-src 'self'; script-src 'nonce-{nonce}' 'strict-dynamic' 'wasm-unsafe-eval'; \
                 style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; \
                 manifest-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'self'; \
                 form-action 'self'; frame-ancestors 'none'{frames}"
            );
            if let Ok(value) = http::HeaderValue::from_str(&csp) {
                response.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
            }
        }
    }

    /// Whether `uri` is a video's page asked to play (`/videos/{slug}?play=1`): the one response
    /// allowed to frame YouTube (its cookie-less player), so no page loads a third party's
    /// frame before the reader asks for it.
    pub fn plays_youtube(uri: &http::Uri) -> bool {
        let path = uri.path();
        let slug = path
            .strip_prefix("/videos/")
            .or_else(|| path.strip_prefix("/startups/"))
            .unwrap_or("");
        !slug.is_empty()
            && !slug.contains('/')
            && uri
                .query()
                .is_some_and(|q| q.split('&').any(|pair| pair == "play=1"))
    }
}
