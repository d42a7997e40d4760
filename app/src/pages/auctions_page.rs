use leptos::prelude::*;
use leptos_meta::Title;

use super::{Empty, LoadError, use_page_param};
use crate::api::list_auctions;
use crate::components::cards::AuctionCardView;
use crate::components::pagination::Pagination;
use crate::i18n::use_i18n;

/// Auctions running now, ending soonest first.
#[component]
pub fn AuctionsPage() -> impl IntoView {
    let i18n = use_i18n();
    let page = use_page_param();
    let auctions = Resource::new(move || page.get(), list_auctions);
    view! {
        <Title text=move || i18n.t().nav_auctions/>
        <div class="container page">
            <header class="page-header">
                <h1>{move || i18n.t().nav_auctions}</h1>
                <p class="lead">{move || i18n.t().auctions_intro}</p>
            </header>
            <Suspense fallback=move || view! { <p class="loading">{move || i18n.t().loading}</p> }>
                {move || Suspend::new(async move {
                    match auctions.await {
                        Ok(result) if result.items.is_empty() => view! { <Empty/> }.into_any(),
                        Ok(result) => {
                            let page_count = result.page_count();
                            let page = result.page;
                            view! {
                                <div class="card-grid">
                                    {result.items.into_iter().map(|auction| view! { <AuctionCardView auction/> }).collect_view()}
                                </div>
                                <Pagination base="/auctions" page page_count/>
                            }.into_any()
                        }
                        Err(error) => view! { <LoadError error/> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}
