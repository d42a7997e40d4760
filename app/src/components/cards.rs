use leptos::prelude::*;

use crate::domain::{Province, Sector, format_vietnam_datetime};
use crate::i18n::{Locale, Messages, use_i18n};
use crate::model::{AuctionCard, ListingCard, StallCard};

pub fn listing_type_label(t: &Messages, code: &str) -> &'static str {
    match code {
        "technology" => t.listing_type_technology,
        "equipment" => t.listing_type_equipment,
        "service" => t.listing_type_service,
        _ => t.listing_type_product,
    }
}

pub fn sector_name(locale: Locale, code: &str) -> &'static str {
    Sector::parse(code).map(|s| s.name(locale)).unwrap_or("")
}

pub fn province_name(locale: Locale, code: &str) -> &'static str {
    Province::parse(code).map(|p| p.name(locale)).unwrap_or("")
}

/// What kind of organisation runs a stall.
pub fn org_kind_label(t: &Messages, code: &str) -> &'static str {
    match code {
        "institute" => t.org_institute,
        "university" => t.org_university,
        "cooperative" => t.org_cooperative,
        _ => t.org_company,
    }
}

/// Two letters standing in for a logo. The last two words carry the distinctive part of
/// Vietnamese organisation names ("Công ty TNHH Cơ khí Tây Đô" → "TĐ").
pub fn initials(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    words
        .iter()
        .skip(words.len().saturating_sub(2))
        .filter_map(|w| w.chars().next())
        .collect()
}

/// A stall's logo, or its initials where it has none.
#[component]
pub fn StallLogo(
    name: String,
    logo_key: Option<String>,
    #[prop(optional)] large: bool,
) -> impl IntoView {
    let class = if large {
        "stall-avatar stall-avatar-large"
    } else {
        "stall-avatar"
    };
    match logo_key {
        Some(key) => view! {
            <img class=format!("{class} stall-logo") src=crate::model::ListingImage::media_url(&key) alt=""
                width="72" height="72" loading="lazy" decoding="async"/>
        }
        .into_any(),
        None => view! { <div class=class aria-hidden="true">{initials(&name)}</div> }.into_any(),
    }
}

/// `text` with the words found by a search in `<mark>`.
pub fn marked(text: &str, terms: &[String]) -> AnyView {
    if terms.is_empty() {
        return text.to_owned().into_any();
    }
    crate::domain::highlight(text, terms)
        .into_iter()
        .map(|(run, hit)| {
            if hit {
                view! { <mark>{run}</mark> }.into_any()
            } else {
                run.into_any()
            }
        })
        .collect_view()
        .into_any()
}

/// A request's budget as people say it: "from X", "to Y", "X – Y"; `None` when it gives none.
pub fn budget_text(
    t: &Messages,
    locale: Locale,
    min: Option<i64>,
    max: Option<i64>,
) -> Option<String> {
    match (min, max) {
        (Some(min), Some(max)) if min == max => Some(locale.format_vnd(max)),
        (Some(min), Some(max)) => Some(format!(
            "{} – {}",
            locale.format_vnd(min),
            locale.format_vnd(max)
        )),
        (Some(min), None) => Some(format!("{} {}", t.budget_from, locale.format_vnd(min))),
        (None, Some(max)) => Some(format!("{} {}", t.budget_to, locale.format_vnd(max))),
        (None, None) => None,
    }
}

/// What a card says about money: an offer's asking price, or a request's budget (its range,
/// else the one figure it gives), or "negotiable".
fn card_price(t: &Messages, locale: Locale, l: &ListingCard) -> String {
    let figure = if l.kind == "request" {
        budget_text(t, locale, l.budget_min_vnd, l.budget_max_vnd).or_else(|| {
            l.price_vnd
                .map(|p| format!("{} {}", t.budget_to, locale.format_vnd(p)))
        })
    } else {
        l.price_vnd.map(|p| locale.format_vnd(p))
    };
    figure.unwrap_or_else(|| t.price_negotiable.to_owned())
}

/// An offer or request in a grid; the words of a search (`terms`) are highlighted. A request
/// names its buyer and shows its budget as one; listings folded into it by a search are listed
/// under "+N similar".
#[component]
pub fn ListingCardView(
    listing: ListingCard,
    #[prop(optional)] terms: Vec<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let (locale, t) = (i18n.locale(), i18n.t());
    let l = &listing;
    let request = l.kind == "request";
    let poster = l
        .stall_name
        .clone()
        .or_else(|| l.seller_name.clone())
        .unwrap_or_else(|| t.independent_seller.to_owned());
    let (poster_label, money_label) = if request {
        (t.card_buyer, t.price_budget)
    } else if l.stall_name.is_some() {
        (t.card_stall, t.price_asking)
    } else {
        (t.independent_seller, t.price_asking)
    };
    let similar = l.similar.clone();
    view! {
        <article class=format!("card listing-card listing-{}", l.kind)>
            {l.cover_thumb.as_deref().map(|key| view! {
                <img class="card-thumb" src=crate::model::ListingImage::media_url(key) alt="" loading="lazy" decoding="async" width="480" height="360"/>
            })}
            <p class="card-eyebrow">
                <span class=format!("tag tag-kind tag-{}", l.kind)>{if request { t.kind_request } else { t.kind_offer }}</span>
                <span class="tag">{listing_type_label(t, &l.listing_type)}</span>
                <span>{sector_name(locale, &l.sector_code)}</span>
            </p>
            <h3 class="card-title"><a class="card-link" href=format!("/listings/{}", l.slug)>{marked(&l.title, &terms)}</a></h3>
            <p class="card-summary">{marked(&l.summary, &terms)}</p>
            <p class="card-price"><span class="card-price-label">{money_label}": "</span>{card_price(t, locale, l)}</p>
            <p class="card-meta">
                <span class="card-seller"><span class="visually-hidden">{poster_label}": "</span>{poster}</span>
                <span>{province_name(locale, &l.province_code)}</span>
            </p>
            {(!similar.is_empty()).then(|| view! {
                <details class="card-similar" data-testid="card-similar">
                    <summary>{format!("+{} {}", similar.len(), t.card_similar)}</summary>
                    <ul>
                        {similar.into_iter().map(|s| view! {
                            <li>
                                <a href=format!("/listings/{}", s.slug)>{s.title}</a>
                                " · "{province_name(locale, &s.province_code)}
                                {s.price_vnd.map(|p| format!(" · {}", locale.format_vnd(p)))}
                            </li>
                        }).collect_view()}
                    </ul>
                </details>
            })}
        </article>
    }
}

/// A stall in the directory; the words of a search (`terms`) are highlighted.
#[component]
pub fn StallCardView(stall: StallCard, #[prop(optional)] terms: Vec<String>) -> impl IntoView {
    let i18n = use_i18n();
    let (locale, t) = (i18n.locale(), i18n.t());
    let s = &stall;
    view! {
        <article class="card stall-card">
            <StallLogo name=s.name.clone() logo_key=s.logo_key.clone()/>
            <div>
                <h3 class="card-title"><a class="card-link" href=format!("/stalls/{}", s.slug)>{marked(&s.name, &terms)}</a></h3>
                <p class="card-meta">
                    <span>{sector_name(locale, &s.sector_code)}</span>
                    <span>{province_name(locale, &s.province_code)}</span>
                </p>
                <p class="card-summary">{marked(&s.description, &terms)}</p>
                <p class="card-count">
                    {format!("{} {}", locale.format_count(s.offer_count), t.offers_count_suffix)}
                </p>
            </div>
        </article>
    }
}

/// A running auction.
#[component]
pub fn AuctionCardView(auction: AuctionCard) -> impl IntoView {
    let i18n = use_i18n();
    let (locale, t) = (i18n.locale(), i18n.t());
    let a = &auction;
    // Running, upcoming, or over: what matters differs.
    let (price_label, price, time_label, time) = if a.phase == "ended" {
        let price = a
            .sold_price_vnd
            .map_or_else(|| t.bidding.no_sale.to_owned(), |p| locale.format_vnd(p));
        (t.bidding.sold_for, price, t.bidding.ends_at, a.ends_at)
    } else if a.phase == "upcoming" {
        (
            t.bidding.starting_price,
            locale.format_vnd(a.current_price_vnd),
            t.bidding.starts_at,
            a.starts_at,
        )
    } else {
        (
            t.bidding.current_price,
            locale.format_vnd(a.current_price_vnd),
            t.bidding.ends_at,
            a.ends_at,
        )
    };
    view! {
        <article class="card auction-card">
            <p class="card-eyebrow"><span class="tag tag-live">{t.nav_auctions}</span></p>
            <h3 class="card-title"><a class="card-link" href=format!("/auctions/{}", a.id)>{a.title.clone()}</a></h3>
            <dl class="auction-facts">
                <div>
                    <dt>{price_label}</dt>
                    <dd class="card-price">{price}</dd>
                </div>
                <div>
                    <dt>{time_label}</dt>
                    <dd>{format_vietnam_datetime(time)}</dd>
                </div>
            </dl>
            <p class="card-meta">{format!("{} {}", locale.format_count(a.bid_count), t.bids)}</p>
        </article>
    }
}

/// A listing's condition in words (`new`, `used`); empty when not said.
pub fn condition_label(t: &Messages, code: &str) -> &'static str {
    match code {
        "new" => t.condition_new,
        "used" => t.condition_used,
        _ => "",
    }
}

/// A kind of intellectual property in words.
pub fn ip_kind_label(t: &Messages, code: &str) -> &'static str {
    match code {
        "patent" => t.ip_patent,
        "utility_solution" => t.ip_utility_solution,
        "industrial_design" => t.ip_industrial_design,
        "trade_secret" => t.ip_trade_secret,
        "none" => t.ip_none,
        _ => "",
    }
}

/// A technology transfer mode in words.
pub fn transfer_mode_label(t: &Messages, code: &str) -> &'static str {
    match code {
        "sale" => t.transfer_sale,
        "licence" => t.transfer_licence,
        "joint_venture" => t.transfer_joint_venture,
        _ => t.transfer_consulting,
    }
}

/// A listing's status in words.
pub fn listing_status_label(t: &Messages, status: &str) -> &'static str {
    match status {
        "draft" => t.status_draft,
        "pending" => t.status_pending,
        "published" => t.status_published,
        "rejected" => t.status_rejected,
        "closed" => t.status_closed,
        _ => t.status_expired,
    }
}
