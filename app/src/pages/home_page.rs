use leptos::prelude::*;

use leptos_meta::{Meta, Title};

use super::{Empty, LoadError};
use crate::api::get_home_overview;
use crate::components::cards::{AuctionCardView, ListingCardView, StallCardView};
use crate::i18n::{MessageFn, tr, use_i18n};
use crate::model::{Counters, HomeOverview};

/// The front page: what the exchange is, its figures, and the newest of everything.
#[component]
pub fn HomePage() -> impl IntoView {
    let overview = Resource::new_blocking(|| (), |_| get_home_overview());
    view! {
        <Title text=""/>
        <Meta name="description" content=tr(|t| t.site_description)/>
        <section class="hero">
            <div class="container hero-inner">
                <h1>{tr(|t| t.hero_title)}</h1>
                <p class="hero-lead">{tr(|t| t.hero_lead)}</p>
                <p class="hero-actions">
                    <a class="button button-primary button-large" href="/offers">{tr(|t| t.hero_cta_offers)}</a>
                    <a class="button button-light button-large" href="/requests">{tr(|t| t.hero_cta_requests)}</a>
                </p>
            </div>
        </section>
        <Suspense fallback=move || view! { <p class="container loading">{tr(|t| t.loading)}</p> }>
            {move || Suspend::new(async move {
                match overview.await {
                    Ok(data) => view! { <HomeSections data/> }.into_any(),
                    Err(error) => view! { <div class="container"><LoadError error/></div> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn HomeSections(data: HomeOverview) -> impl IntoView {
    let HomeOverview {
        counters,
        latest_offers,
        latest_requests,
        running_auctions,
        featured_stalls,
    } = data;
    view! {
        <CounterStrip counters/>
        <div class="container home-sections">
            <HomeSection title=|t| t.running_auctions href="/auctions" empty=running_auctions.is_empty()>
                {running_auctions.into_iter().map(|auction| view! { <AuctionCardView auction/> }).collect_view()}
            </HomeSection>
            <HomeSection title=|t| t.latest_offers href="/offers" empty=latest_offers.is_empty()>
                {latest_offers.into_iter().map(|listing| view! { <ListingCardView listing/> }).collect_view()}
            </HomeSection>
            <HomeSection title=|t| t.latest_requests href="/requests" empty=latest_requests.is_empty()>
                {latest_requests.into_iter().map(|listing| view! { <ListingCardView listing/> }).collect_view()}
            </HomeSection>
            <HomeSection title=|t| t.featured_stalls href="/stalls" empty=featured_stalls.is_empty() wide=true>
                {featured_stalls.into_iter().map(|stall| view! { <StallCardView stall/> }).collect_view()}
            </HomeSection>
        </div>
    }
}

/// The five headline figures, each labelled for screen readers and tests alike.
#[component]
fn CounterStrip(counters: Counters) -> impl IntoView {
    let i18n = use_i18n();
    let items: [(&'static str, MessageFn, i64); 5] = [
        ("stalls", |t| t.counter_stalls, counters.stalls),
        ("offers", |t| t.counter_offers, counters.offers),
        ("requests", |t| t.counter_requests, counters.requests),
        (
            "auctions",
            |t| t.counter_auctions,
            counters.auctions_running,
        ),
        ("visits", |t| t.counter_visits, counters.visits),
    ];
    view! {
        <section class="counters" aria-label=tr(|t| t.counters_label)>
            <dl class="container counter-grid">
                {items
                    .into_iter()
                    .map(|(key, label, value)| view! {
                        <div class="counter" data-counter=key>
                            <dt>{tr(label)}</dt>
                            <dd data-value=value.to_string()>{move || i18n.locale().format_count(value)}</dd>
                        </div>
                    })
                    .collect_view()}
            </dl>
        </section>
    }
}

#[component]
fn HomeSection(
    title: MessageFn,
    href: &'static str,
    empty: bool,
    /// Two wide columns (stall cards) instead of three.
    #[prop(optional)]
    wide: bool,
    children: Children,
) -> impl IntoView {
    view! {
        <section class="home-section">
            <header class="section-header">
                <h2>{tr(title)}</h2>
                <a href=href>{tr(|t| t.see_all)}" →"</a>
            </header>
            {if empty { view! { <Empty/> }.into_any() } else { view! { <div class="card-grid" class:card-grid-wide=wide>{children()}</div> }.into_any() }}
        </section>
    }
}
