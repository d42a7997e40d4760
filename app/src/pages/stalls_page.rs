use leptos::prelude::*;

use crate::codec::AsciiJson;
use leptos_meta::Title;

use super::{Empty, LoadError, use_page_param};
use crate::api::list_stalls;
use crate::components::cards::StallCardView;
use crate::components::pagination::Pagination;
use crate::i18n::tr;

/// The stall directory, paginated by `?page=`.
#[component]
pub fn StallsPage() -> impl IntoView {
    let page = use_page_param();
    let stalls = Resource::<_, AsciiJson>::new_with_options(move || page.get(), list_stalls, false);
    view! {
        <Title text=tr(|t| t.nav_stalls)/>
        <div class="container page">
            <header class="page-header">
                <h1>{tr(|t| t.nav_stalls)}</h1>
                <p class="lead">{tr(|t| t.stalls_intro)}</p>
            </header>
            <Suspense fallback=move || view! { <p class="loading">{tr(|t| t.loading)}</p> }>
                {move || Suspend::new(async move {
                    match stalls.await {
                        Ok(result) if result.items.is_empty() => view! { <Empty/> }.into_any(),
                        Ok(result) => {
                            let page_count = result.page_count();
                            let page = result.page;
                            view! {
                                <div class="card-grid card-grid-wide">
                                    {result.items.into_iter().map(|stall| view! { <StallCardView stall/> }).collect_view()}
                                </div>
                                <Pagination base="/stalls" page page_count/>
                            }.into_any()
                        }
                        Err(error) => view! { <LoadError error/> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}
