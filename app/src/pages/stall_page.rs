//! `/stalls/{slug}`: an organisation's stall — who they are, what they offer, what they seek.

use super::PageRoute;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::browse_page::{FilterSelect, SortSelect};
use super::listing_page::ContactList;
use super::{Empty, LoadError};
use crate::api::get_stall;
use crate::components::cards::{
    ListingCardView, StallLogo, listing_type_label, org_kind_label, province_name, sector_name,
};
use crate::components::pagination::{Pagination, query_string};
use crate::domain::{BrowseQuery, LISTING_TYPES, MAX_QUERY_CHARS};
use crate::error::AppError;
use crate::i18n::{tr, use_i18n};
use crate::model::StallPageData;
use crate::pages::not_found_page::NotFoundPage;
use crate::seo::PageMeta;

/// A stall's page, with its offers narrowed by the query in the URL.
pub struct StallRoute {
    query: Memo<BrowseQuery>,
    data: Resource<Result<StallPageData, AppError>>,
}

impl PageRoute for StallRoute {
    fn data() -> Self {
        let params = use_params_map();
        let url_query = use_query_map();
        let slug = Memo::new(move |_| params.read().get("slug").unwrap_or_default());
        // The offers' filter: words, type, pictures, order and page, as in the URL.
        let query = Memo::new(move |_| {
            let map = url_query.read();
            let get = |name: &str| map.get(name).unwrap_or_default();
            BrowseQuery {
                q: get("q"),
                listing_type: get("listing_type"),
                images: get("images"),
                sort: get("sort"),
                page: map.get("page").and_then(|p| p.parse().ok()).unwrap_or(1),
                ..BrowseQuery::default()
            }
        });
        Self {
            query,
            data: Resource::new(
                move || (slug.get(), query.get()),
                |(slug, query)| get_stall(slug, query),
            ),
        }
    }

    fn view(this: Self) -> AnyView {
        let (data, query) = (this.data, this.query);
        view! {
            <Suspense fallback=move || view! { <p class="container page loading">{tr(|t| t.loading)}</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(data) => view! { <StallView data query=query.get_untracked()/> }.into_any(),
                        Err(AppError::NotFound) => view! { <NotFoundPage/> }.into_any(),
                        Err(error) => view! { <div class="container page"><LoadError error/></div> }.into_any(),
                    }
                })}
            </Suspense>
        }
        .into_any()
    }
}

#[component]
fn StallView(data: StallPageData, query: BrowseQuery) -> impl IntoView {
    let i18n = use_i18n();
    let StallPageData {
        stall,
        offer_count,
        offers,
        terms,
        requests,
    } = data;
    let path = format!("/stalls/{}", stall.slug);
    let certifications = crate::domain::split_certifications(&stall.certifications);
    let description: String = stall.description.chars().take(200).collect();
    let facts = {
        let s = stall.clone();
        move || {
            let (locale, t) = (i18n.locale(), i18n.t());
            let mut line = vec![
                org_kind_label(t, &s.org_kind).to_owned(),
                std::iter::once(s.sector_code.as_str())
                    .chain(crate::domain::sector_codes(&s.other_sectors))
                    .map(|code| sector_name(locale, code))
                    .collect::<Vec<_>>()
                    .join(", "),
                province_name(locale, &s.province_code).to_owned(),
            ];
            if let Some(year) = s.founded_year {
                line.push(format!("{} {year}", t.founded));
            }
            line.push(format!(
                "{} {}",
                locale.format_count(offer_count),
                t.offers_count_suffix
            ));
            line.join(" · ")
        }
    };
    let (page, page_count) = (offers.page, offers.page_count());
    let filtered = !query.pairs().is_empty();
    let pagination_base = if filtered {
        format!("{path}?{}", query_string(&query.pairs()))
    } else {
        path.clone()
    };
    let filtered_total = offers.total;
    view! {
        <PageMeta title=stall.name.clone() description path=path.clone() kind="profile"/>
        <div class="container page stall-page">
            <nav class="breadcrumb" aria-label=tr(|t| t.breadcrumb)>
                <a href="/">{tr(|t| t.nav_home)}</a>
                <span aria-hidden="true">" › "</span>
                <a href="/stalls">{tr(|t| t.nav_stalls)}</a>
            </nav>
            {stall.cover_key.clone().map(|key| view! {
                <img class="stall-cover" src=crate::model::ListingImage::media_url(&key) alt="" width="1600" height="400" fetchpriority="high"/>
            })}
            <header class="stall-hero">
                <StallLogo name=stall.name.clone() logo_key=stall.logo_key.clone() large=true/>
                <div>
                    <h1>{stall.name.clone()}</h1>
                    <p class="stall-facts">{facts}</p>
                </div>
            </header>
            <div class="listing-layout">
                <div class="listing-main">
                    <section class="listing-section">
                        <h2>{tr(|t| t.stall_about)}</h2>
                        <p class="stall-description">{stall.description.clone()}</p>
                    </section>
                    <section class="listing-section" id="offers">
                        <h2>{tr(|t| t.stall_offers)}</h2>
                        {(offer_count > 0).then(|| view! { <StallOfferFilter query=query.clone() path=path.clone()/> })}
                        {filtered.then(|| view! {
                            <p class="results-count" data-testid="results-count">
                                {move || format!("{} {}", i18n.locale().format_count(filtered_total), i18n.t().results_count_suffix)}
                            </p>
                        })}
                        {if offers.items.is_empty() {
                            view! { <Empty/> }.into_any()
                        } else {
                            view! {
                                <div class="card-grid card-grid-2">
                                    {offers.items.into_iter().map(|listing| {
                                        let terms = terms.clone();
                                        view! { <ListingCardView listing terms/> }
                                    }).collect_view()}
                                </div>
                                <Pagination base=pagination_base page page_count/>
                            }
                            .into_any()
                        }}
                    </section>
                    <section class="listing-section">
                        <h2>{tr(|t| t.stall_requests)}</h2>
                        {if requests.is_empty() {
                            view! { <Empty/> }.into_any()
                        } else {
                            view! {
                                <div class="card-grid card-grid-2">
                                    {requests.into_iter().map(|listing| view! { <ListingCardView listing/> }).collect_view()}
                                </div>
                            }
                            .into_any()
                        }}
                    </section>
                </div>
                <aside class="listing-side">
                    <section class="side-card">
                        <h2 class="side-title">{tr(|t| t.contact)}</h2>
                        {(!stall.contact_person.is_empty()).then(|| view! {
                            <p class="contact-person"><span class="muted">{tr(|t| t.stall_contact_person)}</span><br/><strong>{stall.contact_person.clone()}</strong></p>
                        })}
                        <ContactList phone=stall.phone email=stall.email website=stall.website address=stall.address/>
                    </section>
                    {(!certifications.is_empty()).then(|| view! {
                        <section class="side-card">
                            <h2 class="side-title">{tr(|t| t.stall_certifications)}</h2>
                            <p class="badges">{certifications.into_iter().map(|c| view! { <span class="badge">{c}</span>" " }).collect_view()}</p>
                        </section>
                    })}
                </aside>
            </div>
        </div>
    }
}

/// Narrows a stall's offers: words, type, pictures and order, in one compact row.
#[component]
fn StallOfferFilter(query: BrowseQuery, path: String) -> impl IntoView {
    let filtered = !query.pairs().is_empty();
    view! {
        <form class="filter-form stall-offer-filter" method="get" action=path.clone() role="search">
            <div class="field filter-words">
                <label for="filter-q">{tr(|t| t.filter_q)}</label>
                <input id="filter-q" type="search" name="q" value=query.q.clone() maxlength=MAX_QUERY_CHARS
                    placeholder=tr(|t| t.stall_search_placeholder)/>
            </div>
            <FilterSelect name="listing_type" label=|t| t.field_listing_type current=query.listing_type.clone()
                values=LISTING_TYPES.to_vec() label_of=|t, _, code| listing_type_label(t, code)/>
            <SortSelect q=query.q.clone() sort=query.sort.clone()/>
            <label class="check filter-check" for="filter-images">
                <input type="checkbox" id="filter-images" name="images" value="1" checked=query.images.trim() == "1"/>
                " "{tr(|t| t.filter_has_images)}
            </label>
            <div class="filter-actions">
                <button type="submit" class="button button-primary">{tr(|t| t.filter_submit)}</button>
                {filtered.then(|| view! { <a class="button button-ghost" href=format!("{path}#offers")>{tr(|t| t.filter_reset)}</a> })}
            </div>
        </form>
    }
}
