use leptos::prelude::*;
use leptos_router::hooks::use_location;

use super::language_switch::LanguageSwitch;
use crate::api::get_current_user;
use crate::i18n::{MessageFn, tr, use_i18n};
use crate::islands::bell::NotificationBell;

/// The sections of the exchange, in navigation order.
const NAV: &[(&str, MessageFn)] = &[
    ("/stalls", |t| t.nav_stalls),
    ("/offers", |t| t.nav_offers),
    ("/requests", |t| t.nav_requests),
    ("/auctions", |t| t.nav_auctions),
    ("/connect", |t| t.nav_connect),
    ("/news", |t| t.nav_news),
    ("/events", |t| t.nav_events),
    ("/startups", |t| t.nav_startups),
    ("/statistics", |t| t.nav_statistics),
];

/// Site header: logo, sections, search, language and account.
///
/// On phones the sections fold into a `<details>` menu, which opens without JavaScript.
#[component]
pub fn Header() -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    let nav_links = move || {
        let t = i18n.t();
        let current = location.pathname.get();
        NAV.iter()
            .map(|(href, label)| {
                let active = current == *href || current.starts_with(&format!("{href}/"));
                view! {
                    <li>
                        <a href=*href aria-current=active.then_some("page")>{label(t)}</a>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <header class="site-header">
            <div class="container header-top">
                <a class="brand" href="/" aria-label=tr(|t| t.site_name)>
                    <img class="brand-logo" src="/icons/favicon.svg" alt="" width="36" height="36"/>
                    <span class="brand-text">
                        <span class="brand-name">{tr(|t| t.site_name)}</span>
                        <span class="brand-tagline">{tr(|t| t.site_tagline)}</span>
                    </span>
                </a>
                <form class="search-form" action="/search" method="get" role="search">
                    <label class="visually-hidden" for="site-search">{tr(|t| t.search_button)}</label>
                    <input
                        id="site-search"
                        type="search"
                        name="q"
                        maxlength="200"
                        placeholder=tr(|t| t.search_placeholder)
                    />
                    <button type="submit" class="button button-primary">{tr(|t| t.search_button)}</button>
                </form>
                <div class="header-actions">
                    <LanguageSwitch/>
                    <AccountActions/>
                </div>
            </div>
            <nav class="site-nav" aria-label=tr(|t| t.nav_label)>
                <div class="container">
                    <details class="nav-menu">
                        <summary>{tr(|t| t.menu)}</summary>
                        <ul>{nav_links}</ul>
                    </details>
                    <ul class="nav-wide">{nav_links}</ul>
                </div>
            </nav>
        </header>
    }
}

/// Log in / register for visitors; the member's name and a log-out button once logged in.
/// Logging in and out are full page loads, so the member is read once per page.
#[component]
fn AccountActions() -> impl IntoView {
    let t = use_i18n().t();
    let user = Resource::new(|| (), |_| get_current_user());
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match user.await {
                    Ok(Some(member)) => view! {
                        <NotificationBell unread=member.unread_notifications title=t.notifications_title.to_owned()
                            unread_word=t.inbox_unread.to_owned()>
                            <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">
                                <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9"/>
                                <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0"/>
                            </svg>
                        </NotificationBell>
                        <InboxLink unread=member.unread_conversations/>
                        <a class="account-name" href="/account" data-testid="account-name">{member.display_name}</a>
                        <form class="inline-form" method="post" action="/api/log_out">
                            <button type="submit" class="button button-ghost">{tr(|t| t.logout)}</button>
                        </form>
                    }
                    .into_any(),
                    _ => view! {
                        <a class="button button-ghost" href="/login">{tr(|t| t.login)}</a>
                        <a class="button button-primary header-register" href="/register">{tr(|t| t.register)}</a>
                    }
                    .into_any(),
                }
            })}
        </Suspense>
    }
}

/// The inbox as an envelope, with how many conversations wait to be read.
#[component]
fn InboxLink(unread: i64) -> impl IntoView {
    let i18n = use_i18n();
    let label = move || {
        let t = i18n.t();
        if unread > 0 {
            format!("{} ({unread} {})", t.inbox_title, t.inbox_unread)
        } else {
            t.inbox_title.to_owned()
        }
    };
    view! {
        <a class="header-inbox" href="/account/inquiries" aria-label=label title=label data-testid="header-inbox">
            <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">
                <rect x="3" y="5" width="18" height="14" rx="2"/>
                <path d="m3 7 9 6 9-6"/>
            </svg>
            {(unread > 0).then(|| view! { <span class="unread-count" data-testid="header-unread">{unread}</span> })}
        </a>
    }
}
