//! `/listings/{slug}`: one offer or request to buy with everything about it.

use super::PageRoute;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::LoadError;
use crate::api::{get_listing, get_listing_viewer};
use crate::components::cards::{
    ListingCardView, StallLogo, budget_text, condition_label, ip_kind_label, listing_type_label,
    org_kind_label, province_name, sector_name, transfer_mode_label,
};
use crate::components::form::{
    Field, FieldSpec, FormAlert, TextAreaField, invalid_input, use_form_error,
};
use crate::components::matches::MatchView;
use crate::domain::MESSAGE_CHARS;
use crate::domain::format_vietnam_datetime;
use crate::error::AppError;
use crate::i18n::{tr, use_i18n};
use crate::model::{ListingDetail, ListingViewer, StallContact};
use crate::pages::not_found_page::NotFoundPage;
use crate::seo::PageMeta;

/// A listing's page: the listing and what the viewer may do with it, read at the same time.
pub struct ListingRoute {
    listing: Resource<Result<ListingDetail, AppError>>,
    /// What the member looking at it may do: asked for at the same time as the listing.
    viewer: Resource<Result<ListingViewer, AppError>>,
}

impl PageRoute for ListingRoute {
    fn data() -> Self {
        let params = use_params_map();
        let slug = Memo::new(move |_| params.read().get("slug").unwrap_or_default());
        Self {
            listing: Resource::new(move || slug.get(), get_listing),
            viewer: Resource::new(move || slug.get(), get_listing_viewer),
        }
    }

    fn view(this: Self) -> AnyView {
        let (listing, viewer) = (this.listing, this.viewer);
        view! {
            <Suspense fallback=move || view! { <p class="container page loading">{tr(|t| t.loading)}</p> }>
                {move || Suspend::new(async move {
                    match listing.await {
                        Ok(listing) => view! { <ListingView listing viewer/> }.into_any(),
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
fn ListingView(
    listing: ListingDetail,
    viewer: Resource<Result<ListingViewer, AppError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let path = format!("/listings/{}", listing.slug);
    let is_offer = listing.kind == "offer";
    let (list_href, list_label) = if is_offer {
        ("/offers", tr(|t| t.nav_offers))
    } else {
        ("/requests", tr(|t| t.nav_requests))
    };
    let related = listing.related.clone();
    let matches = listing.matches.clone();
    let match_next = path.clone();
    let pooled_slug = listing.slug.clone();
    let (listing_id, slug) = (listing.id, listing.slug.clone());
    let description_html = listing.description_html.clone();
    let title = listing.title.clone();
    let facts = {
        let l = listing.clone();
        move || {
            let (locale, t) = (i18n.locale(), i18n.t());
            // A request shows its budget range, else the one figure it gives.
            let budget = (l.kind == "request")
                .then(|| budget_text(t, locale, l.budget_min_vnd, l.budget_max_vnd))
                .flatten();
            let price = match (budget, l.price_vnd) {
                (Some(budget), _) => budget,
                (None, Some(p)) => locale.format_vnd(p),
                (None, None) => t.price_negotiable.to_owned(),
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
            let email = listing.seller_email.clone().unwrap_or_default();
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
                    {(!email.is_empty()).then(|| view! {
                        <p class="seller-email"><a href=format!("mailto:{email}")>{email.clone()}</a></p>
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
                    <Gallery images=listing.images.clone() title=listing.title.clone()/>
                    <ListingSpecs listing=listing.clone()/>
                    {(!description_html.is_empty()).then(|| view! {
                        <section class="listing-section">
                            <h2>{tr(|t| t.listing_description)}</h2>
                            <div class="prose" inner_html=description_html.clone()></div>
                        </section>
                    })}
                </article>
                <aside class="listing-side">
                    {listing.auction_id.map(|id| view! {
                        <section class="side-card auction-link-card" data-testid="listing-auction">
                            <p class="card-eyebrow"><span class="tag tag-live">{tr(|t| t.nav_auctions)}</span></p>
                            <p>{tr(|t| t.listing_auction_link)}</p>
                            <a class="button button-primary button-block" href=format!("/auctions/{id}")>{tr(|t| t.listing_auction_open)}</a>
                        </section>
                    })}
                    <section class="side-card">{facts}</section>
                    {(!is_offer).then(|| {
                        let (slug, count, total, quantity) = (pooled_slug.clone(), listing.pledge_count, listing.pledge_total, listing.quantity);
                        view! {
                            <Suspense fallback=|| ()>
                                {move || {
                                    let slug = slug.clone();
                                    Suspend::new(async move {
                                        let viewer = viewer.await.unwrap_or_default();
                                        view! { <PooledDemand viewer listing_id slug count total quantity/> }
                                    })
                                }}
                            </Suspense>
                        }
                    })}
                    {seller}
                    <Suspense fallback=|| ()>
                        {move || {
                            let slug = slug.clone();
                            Suspend::new(async move {
                                let viewer = viewer.await.unwrap_or_default();
                                view! { <ContactBox viewer listing_id slug is_offer/> }
                            })
                        }}
                    </Suspense>
                </aside>
            </div>
            {(!matches.is_empty()).then(|| {
                let next = match_next.clone();
                view! {
                    <section class="home-section matches" data-testid="listing-matches">
                        <h2>{if is_offer { tr(|t| t.matches_for_offer) } else { tr(|t| t.matches_for_request) }}</h2>
                        <p class="muted">{tr(|t| t.matches_intro)}</p>
                        <Suspense fallback=|| ()>
                            {move || {
                                let (matches, next) = (matches.clone(), next.clone());
                                Suspend::new(async move {
                                    let viewer = viewer.await.unwrap_or_default();
                                    let shown: Vec<_> = matches
                                        .into_iter()
                                        .filter(|m| !viewer.hidden_matches.contains(&m.listing.id))
                                        .take(6)
                                        .collect();
                                    view! {
                                        <div class="match-grid">
                                            {shown.into_iter().map(|found| view! {
                                                <MatchView found listing_id next=next.clone() member=viewer.logged_in ask=viewer.own/>
                                            }).collect_view()}
                                        </div>
                                    }
                                })
                            }}
                        </Suspense>
                    </section>
                }
            })}
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

/// Every detail the poster gave, as a two-column table; what was not given is left out.
#[component]
fn ListingSpecs(listing: ListingDetail) -> impl IntoView {
    let i18n = use_i18n();
    let rows = move || {
        let (locale, t) = (i18n.locale(), i18n.t());
        let l = &listing;
        let mut rows: Vec<(&'static str, String)> = Vec::new();
        if l.kind == "request"
            && let Some(budget) = budget_text(t, locale, l.budget_min_vnd, l.budget_max_vnd)
        {
            rows.push((t.spec_budget, budget));
        }
        if let Some(q) = l.quantity {
            rows.push((
                t.spec_quantity,
                format!("{} {}", locale.format_count(q), l.unit)
                    .trim()
                    .to_owned(),
            ));
        }
        let condition = condition_label(t, &l.condition);
        if !condition.is_empty() {
            rows.push((t.spec_condition, condition.to_owned()));
        }
        for (label, value) in [
            (t.spec_origin, &l.origin_country),
            (t.spec_manufacturer, &l.manufacturer),
            (t.spec_warranty, &l.warranty),
        ] {
            if !value.is_empty() {
                rows.push((label, value.clone()));
            }
        }
        if let Some(trl) = l.trl {
            rows.push((t.spec_trl, format!("TRL {trl}/9")));
        }
        let ip = ip_kind_label(t, &l.ip_kind);
        if !ip.is_empty() {
            let number = if l.ip_number.is_empty() {
                String::new()
            } else {
                format!(" · {}", l.ip_number)
            };
            rows.push((t.spec_ip, format!("{ip}{number}")));
        }
        if !l.transfer_modes.is_empty() {
            let modes: Vec<&str> = l
                .transfer_modes
                .iter()
                .map(|m| transfer_mode_label(t, m))
                .collect();
            rows.push((t.spec_transfer, modes.join(", ")));
        }
        if !l.certifications.is_empty() {
            rows.push((t.spec_certifications, l.certifications.join(", ")));
        }
        if let Some(at) = l.expires_at {
            // The last minute it is shown, rather than the midnight it goes.
            rows.push((t.spec_expires, format_vietnam_datetime(at - 60_000)));
        }
        rows
    };
    view! {
        {move || {
            let rows = rows();
            (!rows.is_empty()).then(|| view! {
                <section class="listing-section">
                    <h2>{tr(|t| t.specs_title)}</h2>
                    <dl class="spec-table">
                        {rows.into_iter().map(|(label, value)| view! { <dt>{label}</dt><dd>{value}</dd> }).collect_view()}
                    </dl>
                </section>
            })
        }}
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
            <div class="seller-head">
                <StallLogo name=stall.name.clone() logo_key=stall.logo_key.clone()/>
                <div>
                    <p class="seller-name"><a href=href.clone()>{stall.name.clone()}</a></p>
                    <p class="seller-kind">{kind}</p>
                </div>
            </div>
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

const PLEDGE: FieldSpec = FieldSpec::text("quantity", |t| t.pooled_quantity, 1, 14);

/// Pooled demand on a request: how many members joined it and the quantity they ask for
/// together; "I need this too" with a quantity for members, their pledge and a way to take it
/// back once they joined. Sellers see the total.
#[component]
fn PooledDemand(
    viewer: ListingViewer,
    listing_id: i64,
    slug: String,
    count: i64,
    total: i64,
    quantity: Option<i64>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = use_form_error("/join_request");
    let input = invalid_input(error.as_ref());
    let asked = quantity.unwrap_or(0) + total;
    let action = if !viewer.logged_in {
        let login = format!("/login?next=/listings/{slug}");
        view! { <a class="button button-ghost button-block" href=login>{tr(|t| t.pooled_login)}</a> }.into_any()
    } else if viewer.own {
        ().into_any()
    } else if let Some(mine) = viewer.pledged {
        view! {
            <p data-testid="pooled-mine">{tr(|t| t.pooled_yours)}" "<strong>{move || i18n.locale().format_count(mine)}</strong></p>
            <form method="post" action="/api/join_request">
                <input type="hidden" name="listing_id" value=listing_id/>
                <input type="hidden" name="action" value="leave"/>
                <button type="submit" class="button button-ghost button-block">{tr(|t| t.pooled_leave)}</button>
            </form>
        }
        .into_any()
    } else {
        view! {
            <FormAlert error/>
            <form class="form" method="post" action="/api/join_request">
                <input type="hidden" name="listing_id" value=listing_id/>
                <input type="hidden" name="action" value="join"/>
                <Field spec=PLEDGE input/>
                <button type="submit" class="button button-primary button-block" data-testid="pooled-join">{tr(|t| t.pooled_join)}</button>
            </form>
        }
        .into_any()
    };
    view! {
        <section class="side-card pooled" id="pooled" data-testid="pooled">
            <h2 class="side-title">{tr(|t| t.pooled_title)}</h2>
            <p class="muted">{tr(|t| t.pooled_lead)}</p>
            <p data-testid="pooled-figures">
                <strong>{move || i18n.locale().format_count(count)}</strong>" "{tr(|t| t.pooled_joined)}
                {(asked > 0).then(|| view! {
                    " · "{tr(|t| t.pooled_total)}" "<strong>{move || i18n.locale().format_count(asked)}</strong>
                })}
            </p>
            {action}
        </section>
    }
}

const MESSAGE: FieldSpec = FieldSpec::text(
    "body",
    |t| t.field_message,
    MESSAGE_CHARS.0,
    MESSAGE_CHARS.1,
)
.with_hint(|t| t.field_message_hint);

/// Writing to the listing's side and saving it to the watchlist: a login link for visitors, a
/// link to manage it for its own side, the message form for everyone else. Plain forms, so they
/// work before (or without) the page's script.
#[component]
fn ContactBox(
    viewer: ListingViewer,
    listing_id: i64,
    slug: String,
    is_offer: bool,
) -> impl IntoView {
    let heading = if is_offer {
        tr(|t| t.contact_seller)
    } else {
        tr(|t| t.contact_buyer)
    };
    let here = format!("/listings/{slug}");
    if !viewer.logged_in {
        let login = format!("/login?next={here}");
        return view! {
            <section class="side-card contact-card" id="contact">
                <h2 class="side-title">{heading}</h2>
                <p class="muted">{tr(|t| t.contact_lead)}</p>
                <a class="button button-primary button-block" href=login data-testid="contact-login">{tr(|t| t.contact_login)}</a>
            </section>
        }
        .into_any();
    }
    if viewer.own {
        return view! {
            <section class="side-card contact-card" id="contact">
                <p class="muted">{tr(|t| t.own_listing_note)}</p>
                <a class="button button-ghost button-block" href="/account/listings">{tr(|t| t.manage_listing)}</a>
                <a class="button button-ghost button-block" href="/account/inquiries">{tr(|t| t.inbox_title)}</a>
            </section>
        }
        .into_any();
    }
    let error = use_form_error("/send_inquiry");
    let input = invalid_input(error.as_ref());
    let watched = viewer.watched;
    let watch_action = if watched { "forget" } else { "save" };
    view! {
        <section class="side-card contact-card" id="contact">
            <h2 class="side-title">{heading}</h2>
            {viewer.conversation_id.map(|id| view! {
                <p>
                    <a class="button button-ghost button-block" href=format!("/account/inquiries/{id}") data-testid="open-conversation">
                        {tr(|t| t.contact_open_conversation)}
                    </a>
                </p>
            })}
            {if viewer.reachable {
                view! {
                    <p class="muted">{tr(|t| t.contact_lead)}</p>
                    <FormAlert error/>
                    <form class="form" method="post" action="/api/send_inquiry">
                        <input type="hidden" name="listing_id" value=listing_id/>
                        <TextAreaField spec=MESSAGE input rows=5/>
                        <button type="submit" class="button button-primary button-block">{tr(|t| t.contact_submit)}</button>
                    </form>
                }
                .into_any()
            } else {
                view! { <p class="muted" data-testid="contact-unreachable">{tr(|t| t.contact_unreachable)}</p> }.into_any()
            }}
            <form class="watch-form" method="post" action="/api/set_watched">
                <input type="hidden" name="listing_id" value=listing_id/>
                <input type="hidden" name="action" value=watch_action/>
                <button type="submit" class="button button-ghost button-block" aria-pressed=if watched { "true" } else { "false" } data-testid="watch-button">
                    {if watched { "★ " } else { "☆ " }}
                    {if watched { tr(|t| t.watch_forget) } else { tr(|t| t.watch_save) }}
                </button>
                {watched.then(|| view! { <p class="muted watch-note">{tr(|t| t.watch_saved)}</p> })}
            </form>
        </section>
    }
    .into_any()
}

/// The listing's pictures: the first large, the others as thumbnails; each opens its full copy.
/// Plain links, so it needs no script. The first is the page's largest paint: fetched first,
/// at the size the screen needs (a phone takes the 480 px copy).
#[component]
fn Gallery(images: Vec<crate::model::ListingImage>, title: String) -> impl IntoView {
    let mut images = images.into_iter();
    let first = images.next()?;
    let rest: Vec<_> = images.collect();
    let srcset = first.srcset();
    let (href, src) = (first.url.clone(), first.url);
    let (width, height) = (first.width, first.height);
    Some(view! {
        <section class="gallery" aria-label=tr(|t| t.gallery_label)>
            <a class="gallery-main" href=href>
                <img src=src srcset=srcset sizes="(min-width: 64rem) 46rem, calc(100vw - 2rem)" alt=title.clone()
                    width=width height=height fetchpriority="high" decoding="async" data-testid="gallery-image"/>
            </a>
            {(!rest.is_empty()).then(|| view! {
                <ul class="gallery-thumbs">
                    {rest.into_iter().enumerate().map(|(n, image)| {
                        let alt = format!("{title} ({})", n + 2);
                        view! {
                            <li><a href=image.url><img src=image.thumb_url alt=alt loading="lazy" decoding="async" width="160" height="120"/></a></li>
                        }
                    }).collect_view()}
                </ul>
            })}
        </section>
    })
}
