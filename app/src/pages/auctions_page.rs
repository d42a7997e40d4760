//! `/auctions`: auctions running now (ending soonest first), upcoming (`?show=upcoming`,
//! starting soonest first) and ended (`?show=ended`, latest first). The section and the page
//! are in the URL, so every view is a plain link.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

use super::{card_page, use_page_param};
use crate::api::list_auctions;
use crate::components::cards::AuctionCardView;
use crate::i18n::{MessageFn, tr};

/// The sections, as `show` codes with their tab labels.
const SECTIONS: [(&str, MessageFn); 3] = [
    ("running", |t| t.auctions_running),
    ("upcoming", |t| t.auctions_upcoming),
    ("ended", |t| t.auctions_ended),
];

#[component]
pub fn AuctionsPage() -> impl IntoView {
    let query = use_query_map();
    let show = Memo::new(move |_| {
        let code = query.read().get("show").unwrap_or_default();
        SECTIONS
            .iter()
            .find(|(c, _)| *c == code)
            .map_or("running", |(c, _)| *c)
    });
    let page = use_page_param();
    let items = Resource::new(
        move || (page.get(), show.get()),
        |(page, show)| list_auctions(page, Some(show.to_owned())),
    );
    view! {
        <Title text=tr(|t| t.nav_auctions)/>
        <Meta name="description" content=tr(|t| t.auctions_intro)/>
        <div class="container page">
            <header class="page-header">
                <h1>{tr(|t| t.nav_auctions)}</h1>
                <p class="lead">{tr(|t| t.auctions_intro)}</p>
            </header>
            <nav class="section-tabs" aria-label=tr(|t| t.nav_auctions)>
                {SECTIONS.into_iter().map(|(code, label)| {
                    let href = if code == "running" { "/auctions".to_owned() } else { format!("/auctions?show={code}") };
                    view! {
                        <a href=href class="section-tab" data-testid=format!("auctions-{code}")
                            aria-current=move || (show.get() == code).then_some("page")>{tr(label)}</a>
                    }
                }).collect_view()}
            </nav>
            // The cards' headings sit under the section's own, which the tabs show.
            <h2 class="visually-hidden">
                {move || SECTIONS.iter().find(|(code, _)| *code == show.get()).map(|(_, label)| tr(*label))}
            </h2>
            <Suspense fallback=move || view! { <p class="loading">{tr(|t| t.loading)}</p> }>
                {move || Suspend::new(async move {
                    let base = match show.get_untracked() {
                        "running" => "/auctions".to_owned(),
                        code => format!("/auctions?show={code}"),
                    };
                    card_page(items.await, base, "", |auction| view! { <AuctionCardView auction/> })
                })}
            </Suspense>
        </div>
    }
}
