use leptos::prelude::*;

use crate::codec::AsciiJson;
use leptos_meta::Title;

use super::{Empty, LoadError, use_page_param};
use crate::api::list_listings;
use crate::components::cards::ListingCardView;
use crate::components::pagination::Pagination;
use crate::i18n::{MessageFn, tr};
use crate::model::ListingKind;

/// Offers to sell or requests to buy, newest first, paginated by `?page=`.
#[component]
pub fn ListingsPage(kind: ListingKind) -> impl IntoView {
    let page = use_page_param();
    let listings = Resource::<_, AsciiJson>::new_with_options(
        move || page.get(),
        move |p| list_listings(kind, p),
        false,
    );
    let (title, intro, base): (MessageFn, MessageFn, &str) = match kind {
        ListingKind::Offer => (|t| t.nav_offers, |t| t.offers_intro, "/offers"),
        ListingKind::Request => (|t| t.nav_requests, |t| t.requests_intro, "/requests"),
    };
    view! {
        <Title text=tr(title)/>
        <div class="container page">
            <header class="page-header">
                <h1>{tr(title)}</h1>
                <p class="lead">{tr(intro)}</p>
            </header>
            <Suspense fallback=move || view! { <p class="loading">{tr(|t| t.loading)}</p> }>
                {move || Suspend::new(async move {
                    match listings.await {
                        Ok(result) if result.items.is_empty() => view! { <Empty/> }.into_any(),
                        Ok(result) => {
                            let page_count = result.page_count();
                            let page = result.page;
                            view! {
                                <div class="card-grid">
                                    {result.items.into_iter().map(|listing| view! { <ListingCardView listing/> }).collect_view()}
                                </div>
                                <Pagination base page page_count/>
                            }.into_any()
                        }
                        Err(error) => view! { <LoadError error/> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}
