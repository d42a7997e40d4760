use leptos::prelude::*;

use crate::codec::AsciiJson;
use leptos_meta::Title;

use super::{Empty, LoadError, use_page_param};
use crate::api::list_auctions;
use crate::components::cards::AuctionCardView;
use crate::components::pagination::Pagination;
use crate::i18n::tr;

/// Auctions running now, ending soonest first.
#[component]
pub fn AuctionsPage() -> impl IntoView {
    let page = use_page_param();
    let auctions =
        Resource::<_, AsciiJson>::new_with_options(move || page.get(), list_auctions, false);
    view! {
        <Title text=tr(|t| t.nav_auctions)/>
        <div class="container page">
            <header class="page-header">
                <h1>{tr(|t| t.nav_auctions)}</h1>
                <p class="lead">{tr(|t| t.auctions_intro)}</p>
            </header>
            <Suspense fallback=move || view! { <p class="loading">{tr(|t| t.loading)}</p> }>
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
