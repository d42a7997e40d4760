//! `/listings/{slug}`: one offer or request to buy with everything about it.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use leptos_router::{LazyRoute, lazy_route};

use super::LoadError;
use crate::api::get_listing;
use crate::codec::AsciiJson;
use crate::components::cards::{
    ListingCardView, format_vnd, listing_type_label, org_kind_label, province_name, sector_name,
};
use crate::domain::format_vietnam_datetime;
use crate::error::AppError;
use crate::i18n::{tr, use_i18n};
use crate::model::{ListingDetail, StallContact};
use crate::pages::not_found_page::NotFoundPage;
use crate::seo::PageMeta;

/// A listing's page. Its view is split into its own wasm chunk, fetched while the data loads, so
/// the bundle every visitor downloads first stays small.
pub struct ListingRoute {
    listing: Resource<Result<ListingDetail, AppError>, AsciiJson>,
}

#[lazy_route]
impl LazyRoute for ListingRoute {
    fn data() -> Self {
        let params = use_params_map();
        let slug = Memo::new(move |_| params.read().get("slug").unwrap_or_default());
        Self {
            listing: Resource::new_with_options(move || slug.get(), get_listing, false),
        }
    }

    fn view(this: Self) -> AnyView {
        let listing = this.listing;
        view! {
            <Suspense fallback=move || view! { <p class="container page loading">{tr(|t| t.loading)}</p> }>
                {move || Suspend::new(async move {
                    match listing.await {
                        Ok(listing) => view! { <ListingView listing/> }.into_any(),
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
fn ListingView(listing: ListingDetail) -> impl IntoView {
    let i18n = use_i18n();
    let path = format!("/listings/{}", listing.slug);
    let is_offer = listing.kind == "offer";
    let (list_href, list_label) = if is_offer {
        ("/offers", tr(|t| t.nav_offers))
    } else {
        ("/requests", tr(|t| t.nav_requests))
    };
    let related = listing.related.clone();
    let description_html = listing.description_html.clone();
    let title = listing.title.clone();
    let facts = {
        let l = listing.clone();
        move || {
            let (locale, t) = (i18n.locale(), i18n.t());
            let price = match l.price_vnd {
                Some(p) => format_vnd(locale, p),
                None => t.price_negotiable.to_owned(),
            };
            let price_label = if l.kind == "offer" {
                t.price_asking
            } else {
                t.price_budget
            };
            view! {
                <div class="price-box">
                    <p class="price-label">{price_label}</p>
                    <p class="price-value">{price}</p>
                </div>
                <dl class="facts">
                    <div><dt>{t.fact_type}</dt><dd>{listing_type_label(t, &l.listing_type)}</dd></div>
                    <div><dt>{t.fact_sector}</dt><dd>{sector_name(locale, &l.sector_code)}</dd></div>
                    <div><dt>{t.fact_province}</dt><dd>{province_name(locale, &l.province_code)}</dd></div>
                    <div><dt>{t.fact_posted}</dt><dd>{format_vietnam_datetime(l.created_at)}</dd></div>
                    <div><dt>{t.fact_views}</dt><dd data-testid="listing-views">{locale.format_count(l.views)}</dd></div>
                    <div><dt>{t.fact_code}</dt><dd>{format!("#{}", l.id)}</dd></div>
                </dl>
            }
        }
    };
    let seller = match listing.stall.clone() {
        Some(stall) => view! { <StallBox stall/> }.into_any(),
        None => {
            let name = listing.seller_name.clone().unwrap_or_default();
            let phone = listing.seller_phone.clone().unwrap_or_default();
            view! {
                <section class="side-card seller-card">
                    <h2 class="side-title">{tr(|t| t.seller)}</h2>
                    <p class="seller-name">{name}</p>
                    <p class="seller-kind">{tr(|t| t.independent_seller)}</p>
                    {(!phone.is_empty()).then(|| view! {
                        <a class="button button-primary button-block" href=format!("tel:{}", phone.replace(' ', ""))>
                            {tr(|t| t.call)}" "{phone.clone()}
                        </a>
                    })}
                </section>
            }
            .into_any()
        }
    };
    view! {
        <PageMeta title=title.clone() description=listing.summary.clone() path kind="product"/>
        <div class="container page listing-page">
            <nav class="breadcrumb" aria-label=tr(|t| t.breadcrumb)>
                <a href="/">{tr(|t| t.nav_home)}</a>
                <span aria-hidden="true">" › "</span>
                <a href=list_href>{list_label}</a>
            </nav>
            <div class="listing-layout">
                <article class="listing-main">
                    <p class=format!("card-eyebrow listing-{}", listing.kind)>
                        <span class="tag">{if is_offer { tr(|t| t.kind_offer) } else { tr(|t| t.kind_request) }}</span>
                    </p>
                    <h1 class="listing-title">{title}</h1>
                    <p class="lead">{listing.summary.clone()}</p>
                    {(!description_html.is_empty()).then(|| view! {
                        <section class="listing-section">
                            <h2>{tr(|t| t.listing_description)}</h2>
                            <div class="prose" inner_html=description_html.clone()></div>
                        </section>
                    })}
                </article>
                <aside class="listing-side">
                    <section class="side-card">{facts}</section>
                    {seller}
                </aside>
            </div>
            {(!related.is_empty()).then(|| view! {
                <section class="home-section related">
                    <h2>{tr(|t| t.related_listings)}</h2>
                    <div class="card-grid">
                        {related.into_iter().map(|listing| view! { <ListingCardView listing/> }).collect_view()}
                    </div>
                </section>
            })}
        </div>
    }
}

/// The stall a listing belongs to, with how to reach it.
#[component]
fn StallBox(stall: StallContact) -> impl IntoView {
    let i18n = use_i18n();
    let href = format!("/stalls/{}", stall.slug);
    let kind = {
        let (org_kind, province) = (stall.org_kind.clone(), stall.province_code.clone());
        move || {
            let (locale, t) = (i18n.locale(), i18n.t());
            format!(
                "{} · {}",
                org_kind_label(t, &org_kind),
                province_name(locale, &province)
            )
        }
    };
    view! {
        <section class="side-card seller-card">
            <h2 class="side-title">{tr(|t| t.seller)}</h2>
            <p class="seller-name"><a href=href.clone()>{stall.name.clone()}</a></p>
            <p class="seller-kind">{kind}</p>
            <ContactList phone=stall.phone email=stall.email website=stall.website address=String::new()/>
            <a class="button button-ghost button-block" href=href>{tr(|t| t.visit_stall)}</a>
        </section>
    }
}

/// Phone, e-mail, website and address as links, skipping the empty ones.
#[component]
pub fn ContactList(
    phone: String,
    email: String,
    website: String,
    address: String,
) -> impl IntoView {
    let website_href = if website.starts_with("http://") || website.starts_with("https://") {
        website.clone()
    } else {
        format!("https://{website}")
    };
    view! {
        <ul class="contact-list">
            {(!address.is_empty()).then(|| view! { <li><span class="contact-label">{tr(|t| t.contact_address)}</span>{address.clone()}</li> })}
            {(!phone.is_empty()).then(|| view! {
                <li><span class="contact-label">{tr(|t| t.contact_phone)}</span><a href=format!("tel:{}", phone.replace(' ', ""))>{phone.clone()}</a></li>
            })}
            {(!email.is_empty()).then(|| view! {
                <li><span class="contact-label">"Email"</span><a href=format!("mailto:{email}")>{email.clone()}</a></li>
            })}
            {(!website.is_empty()).then(|| view! {
                <li><span class="contact-label">{tr(|t| t.contact_website)}</span><a href=website_href rel="noopener nofollow">{website.clone()}</a></li>
            })}
        </ul>
    }
}
