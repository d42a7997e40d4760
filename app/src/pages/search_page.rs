use leptos::prelude::*;

use crate::codec::AsciiJson;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::{Empty, LoadError};
use crate::api::search_listings;
use crate::components::cards::ListingCardView;
use crate::i18n::tr;

/// Search results for `?q=`, which the header's search form submits.
#[component]
pub fn SearchPage() -> impl IntoView {
    let query = use_query_map();
    let q = Memo::new(move |_| query.read().get("q").unwrap_or_default().trim().to_owned());
    let results = Resource::<_, AsciiJson>::new_with_options(
        move || q.get(),
        |q| async move {
            if q.is_empty() {
                Ok(Vec::new())
            } else {
                search_listings(q).await
            }
        },
        false,
    );
    view! {
        <Title text=tr(|t| t.search_title)/>
        <div class="container page">
            <header class="page-header">
                <h1>{tr(|t| t.search_title)}</h1>
                <form class="search-form search-form-large" action="/search" method="get" role="search">
                    <label class="visually-hidden" for="search-page-q">{tr(|t| t.search_button)}</label>
                    <input id="search-page-q" type="search" name="q" maxlength="200" prop:value=move || q.get()
                        placeholder=tr(|t| t.search_placeholder)/>
                    <button type="submit" class="button button-primary">{tr(|t| t.search_button)}</button>
                </form>
            </header>
            <Suspense fallback=move || view! { <p class="loading">{tr(|t| t.loading)}</p> }>
                {move || Suspend::new(async move {
                    let q = q.get_untracked();
                    match results.await {
                        _ if q.is_empty() => view! { <p class="empty">{tr(|t| t.search_empty_query)}</p> }.into_any(),
                        Ok(items) if items.is_empty() => view! { <Empty/> }.into_any(),
                        Ok(items) => view! {
                            <p class="results-for">{tr(|t| t.search_results_for)}" “"{q.clone()}"”"</p>
                            <div class="card-grid">
                                {items.into_iter().map(|listing| view! { <ListingCardView listing/> }).collect_view()}
                            </div>
                        }.into_any(),
                        Err(error) => view! { <LoadError error/> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}
