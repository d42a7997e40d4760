//! `/stalls`: the stall directory — found by words (with or without diacritics) and narrowed by
//! sector, province and kind of organisation. Everything is in the URL, so a result can be
//! shared and the form works without JavaScript.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

use super::browse_page::FilterSelect;
use super::{Empty, LoadError};
use crate::api::list_stalls;
use crate::components::cards::{StallCardView, org_kind_label, province_name, sector_name};
use crate::components::pagination::{Pagination, query_string};
use crate::domain::{MAX_QUERY_CHARS, ORG_KINDS, PROVINCES, SECTORS, STALL_SORTS, StallQuery};
use crate::i18n::{tr, use_i18n};
use crate::model::{Page, StallCard};

/// The directory's query as in the URL.
fn use_stall_query() -> Memo<StallQuery> {
    let map = use_query_map();
    Memo::new(move |_| {
        let map = map.read();
        let get = |name: &str| map.get(name).unwrap_or_default();
        StallQuery {
            q: get("q"),
            sector: get("sector"),
            province: get("province"),
            org_kind: get("org_kind"),
            sort: get("sort"),
            page: map.get("page").and_then(|p| p.parse().ok()).unwrap_or(1),
        }
    })
}

/// The stall directory.
#[component]
pub fn StallsPage() -> impl IntoView {
    let query = use_stall_query();
    let results = Resource::new(move || query.get(), list_stalls);
    view! {
        <Title text=tr(|t| t.nav_stalls)/>
        <Meta name="description" content=tr(|t| t.stalls_intro)/>
        <div class="container page">
            <header class="page-header">
                <h1>{tr(|t| t.nav_stalls)}</h1>
                <p class="lead">{tr(|t| t.stalls_intro)}</p>
            </header>
            <Suspense fallback=move || view! { <p class="loading">{tr(|t| t.loading)}</p> }>
                {move || Suspend::new(async move {
                    let query = query.get_untracked();
                    match results.await {
                        Ok(stalls) => view! {
                            <StallFilterForm query=query.clone()/>
                            <StallResults query stalls/>
                        }.into_any(),
                        Err(error) => view! {
                            <StallFilterForm query/>
                            <LoadError error/>
                        }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn StallResults(query: StallQuery, stalls: Page<StallCard>) -> impl IntoView {
    let i18n = use_i18n();
    let terms = query.check().terms;
    let pairs = query.pairs();
    let base = if pairs.is_empty() {
        "/stalls".to_owned()
    } else {
        format!("/stalls?{}", query_string(&pairs))
    };
    let (total, page, page_count) = (stalls.total, stalls.page, stalls.page_count());
    view! {
        <section class="stall-results" aria-live="polite">
            <h2 class="results-count" data-testid="results-count">
                {move || format!("{} {}", i18n.locale().format_count(total), i18n.t().stalls_count_suffix)}
            </h2>
            {if stalls.items.is_empty() {
                view! { <Empty/> }.into_any()
            } else {
                view! {
                    <div class="card-grid card-grid-wide">
                        {stalls.items.into_iter().map(|stall| {
                            let terms = terms.clone();
                            view! { <StallCardView stall terms/> }
                        }).collect_view()}
                    </div>
                    <Pagination base page page_count/>
                }
                .into_any()
            }}
        </section>
    }
}

/// Words and the four choices in one row (stacked on a phone).
#[component]
fn StallFilterForm(query: StallQuery) -> impl IntoView {
    let sort_current = if query.sort.is_empty() {
        "offers".to_owned()
    } else {
        query.sort.clone()
    };
    view! {
        <form class="filter-form stall-filter-form" method="get" action="/stalls" role="search">
            <div class="field filter-words">
                <label for="filter-q">{tr(|t| t.filter_q)}</label>
                <input id="filter-q" type="search" name="q" value=query.q.clone() maxlength=MAX_QUERY_CHARS
                    placeholder=tr(|t| t.stalls_search_placeholder)/>
            </div>
            <FilterSelect name="sector" label=|t| t.field_sector current=query.sector.clone()
                values=SECTORS.iter().map(|s| s.code).collect() label_of=|_, locale, code| sector_name(locale, code)/>
            <FilterSelect name="province" label=|t| t.field_province current=query.province.clone()
                values=PROVINCES.iter().map(|p| p.code).collect() label_of=|_, locale, code| province_name(locale, code)/>
            <FilterSelect name="org_kind" label=|t| t.stall_field_org_kind current=query.org_kind.clone()
                values=ORG_KINDS.to_vec() label_of=|t, _, code| org_kind_label(t, code)/>
            <FilterSelect name="sort" label=|t| t.filter_sort current=sort_current values=STALL_SORTS.to_vec() no_any=true
                label_of=|t, _, code| match code {
                    "name" => t.stall_sort_name,
                    "newest" => t.sort_newest,
                    _ => t.stall_sort_offers,
                }/>
            <div class="filter-actions">
                <button type="submit" class="button button-primary">{tr(|t| t.search_button)}</button>
                {(!query.pairs().is_empty()).then(|| view! {
                    <a class="button button-ghost" href="/stalls">{tr(|t| t.filter_reset)}</a>
                })}
            </div>
        </form>
    }
}
