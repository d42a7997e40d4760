//! `/stalls/{slug}`: an organisation's stall — who they are, what they offer, what they seek.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use leptos_router::{LazyRoute, lazy_route};

use super::listing_page::ContactList;
use super::{Empty, LoadError, use_page_param};
use crate::api::get_stall;
use crate::codec::AsciiJson;
use crate::components::cards::{
    ListingCardView, initials, org_kind_label, province_name, sector_name,
};
use crate::components::pagination::Pagination;
use crate::error::AppError;
use crate::i18n::{tr, use_i18n};
use crate::model::StallPageData;
use crate::pages::not_found_page::NotFoundPage;
use crate::seo::PageMeta;

/// A stall's page (its view is a separate wasm chunk, like a listing's).
pub struct StallRoute {
    data: Resource<Result<StallPageData, AppError>, AsciiJson>,
}

#[lazy_route]
impl LazyRoute for StallRoute {
    fn data() -> Self {
        let params = use_params_map();
        let page = use_page_param();
        let slug = Memo::new(move |_| params.read().get("slug").unwrap_or_default());
        Self {
            data: Resource::new_with_options(
                move || (slug.get(), page.get()),
                |(slug, page)| get_stall(slug, page),
                false,
            ),
        }
    }

    fn view(this: Self) -> AnyView {
        let data = this.data;
        view! {
            <Suspense fallback=move || view! { <p class="container page loading">{tr(|t| t.loading)}</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(data) => view! { <StallView data/> }.into_any(),
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
fn StallView(data: StallPageData) -> impl IntoView {
    let i18n = use_i18n();
    let StallPageData {
        stall,
        offers,
        requests,
    } = data;
    let path = format!("/stalls/{}", stall.slug);
    let certifications = crate::domain::split_certifications(&stall.certifications);
    let description: String = stall.description.chars().take(200).collect();
    let facts = {
        let s = stall.clone();
        let total = offers.total;
        move || {
            let (locale, t) = (i18n.locale(), i18n.t());
            let mut line = vec![
                org_kind_label(t, &s.org_kind).to_owned(),
                sector_name(locale, &s.sector_code).to_owned(),
                province_name(locale, &s.province_code).to_owned(),
            ];
            if let Some(year) = s.founded_year {
                line.push(format!("{} {year}", t.founded));
            }
            line.push(format!(
                "{} {}",
                locale.format_count(total),
                t.offers_count_suffix
            ));
            line.join(" · ")
        }
    };
    let (page, page_count) = (offers.page, offers.page_count());
    view! {
        <PageMeta title=stall.name.clone() description path=path.clone() kind="profile"/>
        <div class="container page stall-page">
            <nav class="breadcrumb" aria-label=tr(|t| t.breadcrumb)>
                <a href="/">{tr(|t| t.nav_home)}</a>
                <span aria-hidden="true">" › "</span>
                <a href="/stalls">{tr(|t| t.nav_stalls)}</a>
            </nav>
            <header class="stall-hero">
                <div class="stall-avatar stall-avatar-large" aria-hidden="true">{initials(&stall.name)}</div>
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
                        {if offers.items.is_empty() {
                            view! { <Empty/> }.into_any()
                        } else {
                            view! {
                                <div class="card-grid card-grid-2">
                                    {offers.items.into_iter().map(|listing| view! { <ListingCardView listing/> }).collect_view()}
                                </div>
                                <Pagination base=path page page_count/>
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
