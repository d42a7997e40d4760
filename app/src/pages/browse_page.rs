//! `/search`, `/offers`, `/requests`: listings found by words and narrowed by filters, in the
//! order asked for. Everything is in the URL, so a result can be shared and the form works
//! without JavaScript; once hydrated, the words box suggests titles while typing.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

use super::news_page::RelatedNews;
use super::{Empty, LoadError};
use crate::api::browse_listings;
use crate::components::cards::{ListingCardView, listing_type_label, province_name, sector_name};
use crate::components::form::field_error_text;
use crate::components::pagination::{Pagination, query_string};
use crate::domain::{BrowseQuery, KINDS, LISTING_TYPES, PROVINCES, SECTORS, SELLERS, SORTS};
use crate::error::FieldError;
use crate::i18n::{Locale, MessageFn, Messages, tr, use_i18n};
use crate::islands::search_words::SearchWords;
use crate::model::BrowseResult;

/// The query in the URL; `kind` fixed by the page (`/offers`, `/requests`) wins over the URL's.
pub(crate) fn use_browse_query(kind: Option<&'static str>) -> Memo<BrowseQuery> {
    let map = use_query_map();
    Memo::new(move |_| {
        let map = map.read();
        let get = |name: &str| map.get(name).unwrap_or_default();
        BrowseQuery {
            q: get("q"),
            kind: kind.map_or_else(|| get("kind"), str::to_owned),
            listing_type: get("listing_type"),
            sector: get("sector"),
            province: get("province"),
            price_min: get("price_min"),
            price_max: get("price_max"),
            trl_min: get("trl_min"),
            seller: get("seller"),
            images: get("images"),
            sort: get("sort"),
            page: map.get("page").and_then(|p| p.parse().ok()).unwrap_or(1),
        }
    })
}

/// The listings page for `kind` (or every kind), at `base`.
#[component]
pub fn ListingBrowser(
    kind: Option<&'static str>,
    base: &'static str,
    title: MessageFn,
    intro: MessageFn,
    /// Also offers the news articles holding the words (the site-wide search).
    #[prop(optional)]
    with_news: bool,
) -> impl IntoView {
    let query = use_browse_query(kind);
    let results = Resource::new(move || query.get(), browse_listings);
    let words = Memo::new(move |_| query.read().q.clone());
    let news = with_news.then(|| view! { <RelatedNews q=words/> });
    view! {
        <Title text=tr(title)/>
        <Meta name="description" content=tr(intro)/>
        <div class="container page">
            <header class="page-header">
                <h1>{tr(title)}</h1>
                <p class="lead">{tr(intro)}</p>
            </header>
            {news}
            <Suspense fallback=move || view! { <p class="loading">{tr(|t| t.loading)}</p> }>
                {move || Suspend::new(async move {
                    let query = query.get_untracked();
                    match results.await {
                        Ok(result) => view! { <BrowseView query result kind base/> }.into_any(),
                        Err(error) => view! {
                            <FilterForm query errors=Vec::new() kind base/>
                            <LoadError error/>
                        }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn BrowseView(
    query: BrowseQuery,
    result: BrowseResult,
    kind: Option<&'static str>,
    base: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let BrowseResult {
        listings,
        terms,
        sort: _,
        errors,
        left_out,
        corrections,
        widened,
        spellings,
        related_sectors,
    } = result;
    let notes = view! { <SearchNotes left_out corrections widened/> };
    // Nothing found: the offer to save the search stands open.
    let save = crate::domain::alerts::narrows(&query.check().0).then(|| {
        let open = listings.items.is_empty();
        view! { <SaveSearch query=query.clone() open/> }
    });
    let q = query.q.clone();
    let total = listings.total;
    let (page, page_count) = (listings.page, listings.page_count());
    let mut pairs = query.pairs();
    if kind.is_some() {
        pairs.retain(|(name, _)| *name != "kind");
    }
    let pagination_base = if pairs.is_empty() {
        base.to_owned()
    } else {
        format!("{base}?{}", query_string(&pairs))
    };
    view! {
        <div class="browse-layout">
            <aside class="browse-filters">
                <FilterForm query=query.clone() errors kind base/>
            </aside>
            <section class="browse-results" aria-live="polite">
                <h2 class="results-count" data-testid="results-count">
                    {move || {
                        let (locale, t) = (i18n.locale(), i18n.t());
                        if total > crate::domain::search::COUNT_CAP {
                            format!("{} {} {}", t.results_count_more, locale.format_count(crate::domain::search::COUNT_CAP), t.results_count_suffix)
                        } else {
                            format!("{} {}", locale.format_count(total), t.results_count_suffix)
                        }
                    }}
                </h2>
                {notes}
                {save}
                {if listings.items.is_empty() && !q.trim().is_empty() {
                    view! { <NothingFound q spellings related_sectors base/> }.into_any()
                } else if listings.items.is_empty() {
                    view! { <Empty/> }.into_any()
                } else {
                    view! {
                        <div class="card-grid card-grid-2">
                            {listings.items.into_iter().map(|listing| {
                                let terms = terms.clone();
                                view! { <ListingCardView listing terms/> }
                            }).collect_view()}
                        </div>
                        <Pagination base=pagination_base page page_count/>
                    }
                    .into_any()
                }}
            </section>
        </div>
    }
}

/// What the search did with the words typed: a typo read as a known word, words left out
/// because no listing held them with the rest, synonyms also looked for.
#[component]
pub fn SearchNotes(
    left_out: Vec<String>,
    corrections: Vec<(String, String)>,
    widened: Vec<String>,
) -> impl IntoView {
    let quoted = |words: &[String]| {
        words
            .iter()
            .map(|w| format!("«{w}»"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let corrected = (!corrections.is_empty()).then(|| {
        let read: Vec<String> = corrections.iter().map(|(_, read)| read.clone()).collect();
        let typed: Vec<String> = corrections.iter().map(|(typed, _)| typed.clone()).collect();
        let (read, typed) = (quoted(&read), quoted(&typed));
        view! {
            <p class="search-note" data-testid="search-corrected">
                {tr(|t| t.search_showing_for)}" "<strong>{read}</strong>" "{tr(|t| t.search_instead_of)}" "{typed}
            </p>
        }
    });
    let left = (!left_out.is_empty()).then(|| {
        let words = quoted(&left_out);
        view! {
            <p class="search-note" data-testid="search-left-out">
                {tr(|t| t.search_left_out)}" "<s>{words}</s>
            </p>
        }
    });
    let widened = (!widened.is_empty()).then(|| {
        let words = quoted(&widened);
        view! { <p class="search-note search-note-soft" data-testid="search-widened">{tr(|t| t.search_also_for)}" "{words}</p> }
    });
    view! { {corrected}{left}{widened} }
}

/// A search that found nothing still offers a way on: known words spelt close to those typed,
/// sectors that may hold what was meant, and posting a request to buy with the words filled in.
#[component]
fn NothingFound(
    q: String,
    spellings: Vec<String>,
    related_sectors: Vec<String>,
    base: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let request = format!(
        "/account/listings/new?{}",
        query_string(&[("kind", "request"), ("title", q.trim())])
    );
    view! {
        <div class="nothing-found" data-testid="nothing-found">
            <p class="empty">{tr(|t| t.search_nothing_found)}</p>
            {(!spellings.is_empty()).then(|| view! {
                <p class="nothing-found-line">{tr(|t| t.search_did_you_mean)}" "
                    {spellings.into_iter().map(|word| {
                        let href = format!("{base}?{}", query_string(&[("q", word.as_str())]));
                        view! { <a class="chip" href=href>{word}</a>" " }
                    }).collect_view()}
                </p>
            })}
            <p class="nothing-found-line">{tr(|t| t.search_try_sectors)}" "
                {related_sectors.into_iter().take(4).map(|code| {
                    let href = format!("{base}?{}", query_string(&[("sector", code.as_str())]));
                    view! { <a class="chip" href=href>{move || sector_name(i18n.locale(), &code)}</a>" " }
                }).collect_view()}
            </p>
            <p class="nothing-found-line">
                {tr(|t| t.search_post_request_lead)}" "
                <a class="button button-primary" href=request data-testid="post-request">{tr(|t| t.search_post_request)}</a>
            </p>
        </div>
    }
}

/// "Save this search": its words and filters kept as an alert, named (the words by default) and
/// told at once, daily or weekly. A plain form; a visitor is sent to log in first. Open when the
/// search found nothing, or when saving it was refused (with the error by its field).
#[component]
fn SaveSearch(query: BrowseQuery, open: bool) -> impl IntoView {
    use crate::components::form::{invalid_input, use_form_error};
    use crate::domain::alerts::{FREQUENCIES, NAME_CHARS, query_string};
    use crate::pages::alerts_page::FrequencySelect;

    let i18n = use_i18n();
    let error = use_form_error("/save_search");
    let input = invalid_input(error.as_ref());
    let name = input
        .value_of("name")
        .map_or_else(|| query.q.trim().to_owned(), str::to_owned);
    let frequency = input.value_of("frequency").unwrap_or("daily").to_owned();
    let code = input.errors.first().map(|e| e.code.clone());
    view! {
        <details class="save-search" id="save-search" open=open || error.is_some() data-testid="save-search">
            <summary>{tr(|t| t.save_search_summary)}</summary>
            <form class="save-search-form" method="post" action="/api/save_search">
                <p class="muted">{tr(|t| t.save_search_lead)}</p>
                <input type="hidden" name="query" value=query_string(&query)/>
                <div class="field">
                    <label for="save-search-name">{tr(|t| t.alerts_name)}</label>
                    <input id="save-search-name" type="text" name="name" value=name maxlength=NAME_CHARS
                        aria-describedby="save-search-hint"/>
                    <p class="field-hint" id="save-search-hint">{tr(|t| t.alerts_name_hint)}</p>
                </div>
                <div class="field">
                    <label for="save-search-frequency">{tr(|t| t.alerts_frequency)}</label>
                    <FrequencySelect name="frequency" id="save-search-frequency".to_owned() choices=&FREQUENCIES current=frequency/>
                </div>
                <button type="submit" class="button button-primary">{tr(|t| t.save_search_submit)}</button>
                {code.map(|code| view! { <p class="field-error" role="alert" data-testid="save-search-error">{move || field_error_text(i18n.t(), &code)}</p> })}
            </form>
        </details>
    }
}

/// The catalogue's choices of a search: kind (unless the page fixes it), type, sector, province.
#[component]
pub(crate) fn ListingFilterSelects(query: BrowseQuery, with_kind: bool) -> impl IntoView {
    view! {
        {with_kind.then(|| view! {
            <FilterSelect name="kind" label=|t| t.field_kind current=query.kind.clone() values=KINDS.to_vec()
                label_of=|t, _, code| if code == "offer" { t.kind_offer } else { t.kind_request }/>
        })}
        <FilterSelect name="listing_type" label=|t| t.field_listing_type current=query.listing_type.clone()
            values=LISTING_TYPES.to_vec() label_of=|t, _, code| listing_type_label(t, code)/>
        <FilterSelect name="sector" label=|t| t.field_sector current=query.sector.clone()
            values=SECTORS.iter().map(|s| s.code).collect() label_of=|_, locale, code| sector_name(locale, code)/>
        <FilterSelect name="province" label=|t| t.field_province current=query.province.clone()
            values=PROVINCES.iter().map(|p| p.code).collect() label_of=|_, locale, code| province_name(locale, code)/>
    }
}

/// A labelled `<select>` of filter choices, "any" first.
#[component]
pub(crate) fn FilterSelect(
    name: &'static str,
    label: MessageFn,
    current: String,
    values: Vec<&'static str>,
    label_of: fn(&Messages, Locale, &str) -> &'static str,
    #[prop(optional)] no_any: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = format!("filter-{name}");
    view! {
        <div class="field">
            <label for=id.clone()>{tr(label)}</label>
            <select id=id name=name>
                {(!no_any).then(|| view! { <option value="" selected=current.is_empty()>{tr(|t| t.filter_any)}</option> })}
                {values.into_iter().map(|value| {
                    let selected = current == value;
                    view! { <option value=value selected=selected>{move || label_of(i18n.t(), i18n.locale(), value)}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

/// A labelled text filter with its error, if it did not parse.
#[component]
pub(crate) fn FilterInput(
    name: &'static str,
    label: MessageFn,
    value: String,
    errors: Vec<FieldError>,
    #[prop(default = "text")] kind: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = format!("filter-{name}");
    let note_id = format!("{id}-note");
    let error = errors.into_iter().find(|e| e.field == name).map(|e| e.code);
    let invalid = error.is_some();
    let described = invalid.then(|| note_id.clone());
    view! {
        <div class="field" class:field-invalid=invalid>
            <label for=id.clone()>{tr(label)}</label>
            <input id=id name=name type=kind value=value inputmode=(kind == "text").then_some("numeric")
                aria-invalid=invalid.then_some("true") aria-describedby=described/>
            {error.map(|code| view! { <p class="field-error" id=note_id>{move || field_error_text(i18n.t(), &code)}</p> })}
        </div>
    }
}

/// The order of listings: "best match" is offered only when words were given, and is then
/// the default.
#[component]
pub(crate) fn SortSelect(q: String, sort: String) -> impl IntoView {
    let searching = !q.trim().is_empty();
    let values: Vec<&'static str> = SORTS
        .iter()
        .copied()
        .filter(|s| searching || *s != "relevance")
        .collect();
    let current = if sort.is_empty() && searching {
        "relevance".to_owned()
    } else {
        sort
    };
    view! {
        <FilterSelect name="sort" label=|t| t.filter_sort current values no_any=true
                label_of=|t, _, code| match code {
                    "relevance" => t.sort_relevance,
                    "price_asc" => t.sort_price_asc,
                    "price_desc" => t.sort_price_desc,
                    _ => t.sort_newest,
                }/>
    }
}

#[component]
fn FilterForm(
    query: BrowseQuery,
    errors: Vec<FieldError>,
    kind: Option<&'static str>,
    base: &'static str,
) -> impl IntoView {
    // Open when the visitor has narrowed the list (or a filter did not parse); otherwise the
    // results come first, which matters on a phone.
    let open = !errors.is_empty()
        || [
            &query.listing_type,
            &query.sector,
            &query.province,
            &query.price_min,
            &query.price_max,
            &query.trl_min,
            &query.seller,
            &query.images,
            &query.sort,
        ]
        .iter()
        .any(|v| !v.trim().is_empty())
        || (kind.is_none() && !query.kind.is_empty());
    view! {
        <form class="filter-form" method="get" action=base role="search">
            <div class="field filter-words">
                <label for="filter-q">{tr(|t| t.filter_q)}</label>
                <div class="filter-words-row">
                    <SearchWords value=query.q.clone() placeholder=use_i18n().t().search_placeholder.to_owned()/>
                    <button type="submit" class="button button-primary">{tr(|t| t.search_button)}</button>
                </div>
            </div>
            <details class="filter-details" open=open>
            <summary class="filter-title">{tr(|t| t.filters_title)}</summary>
            <div class="filter-fields">
            <ListingFilterSelects query=query.clone() with_kind=kind.is_none()/>
            <div class="filter-pair">
                <FilterInput name="price_min" label=|t| t.filter_price_min value=query.price_min.clone() errors=errors.clone()/>
                <FilterInput name="price_max" label=|t| t.filter_price_max value=query.price_max.clone() errors=errors.clone()/>
            </div>
            <FilterInput name="trl_min" label=|t| t.filter_trl_min value=query.trl_min.clone() errors kind="number"/>
            <FilterSelect name="seller" label=|t| t.filter_seller current=query.seller.clone() values=SELLERS.to_vec()
                label_of=|t, _, code| if code == "stall" { t.seller_stall } else { t.seller_independent }/>
            <label class="check filter-check" for="filter-images">
                <input type="checkbox" id="filter-images" name="images" value="1" checked=query.images.trim() == "1"/>
                " "{tr(|t| t.filter_has_images)}
            </label>
            <SortSelect q=query.q.clone() sort=query.sort.clone()/>
            <div class="filter-actions">
                <button type="submit" class="button button-primary">{tr(|t| t.filter_submit)}</button>
                <a class="button button-ghost" href=base>{tr(|t| t.filter_reset)}</a>
            </div>
            </div>
            </details>
        </form>
    }
}
