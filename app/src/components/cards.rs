use leptos::prelude::*;

use crate::domain::{Province, Sector, format_vietnam_datetime};
use crate::i18n::{Locale, Messages, tr, use_i18n};
use crate::model::{AuctionCard, ListingCard, StallCard};

/// A price in the reader's digit grouping: "12.500.000 ₫" or "12,500,000 ₫".
pub fn format_vnd(locale: Locale, amount: i64) -> String {
    format!("{} ₫", locale.format_count(amount))
}

fn listing_type_label(t: &Messages, code: &str) -> &'static str {
    match code {
        "technology" => t.listing_type_technology,
        "equipment" => t.listing_type_equipment,
        "service" => t.listing_type_service,
        _ => t.listing_type_product,
    }
}

fn sector_name(locale: Locale, code: &str) -> &'static str {
    Sector::parse(code).map(|s| s.name(locale)).unwrap_or("")
}

fn province_name(locale: Locale, code: &str) -> &'static str {
    Province::parse(code).map(|p| p.name(locale)).unwrap_or("")
}

/// An offer or request in a grid.
#[component]
pub fn ListingCardView(listing: ListingCard) -> impl IntoView {
    let i18n = use_i18n();
    let listing = StoredValue::new(listing);
    let kind_class = move || {
        format!(
            "card listing-card listing-{}",
            listing.with_value(|l| l.kind.clone())
        )
    };
    view! {
        <article class=kind_class>
            <p class="card-eyebrow">
                <span class="tag">{move || listing.with_value(|l| listing_type_label(i18n.t(), &l.listing_type))}</span>
                <span>{move || listing.with_value(|l| sector_name(i18n.locale(), &l.sector_code))}</span>
            </p>
            <h3 class="card-title">{listing.with_value(|l| l.title.clone())}</h3>
            <p class="card-summary">{listing.with_value(|l| l.summary.clone())}</p>
            <p class="card-price">
                {move || listing.with_value(|l| match l.price_vnd {
                    Some(p) => format_vnd(i18n.locale(), p),
                    None => i18n.t().price_negotiable.to_owned(),
                })}
            </p>
            <p class="card-meta">
                <span class="card-seller">
                    {move || listing.with_value(|l| l.stall_name.clone().unwrap_or_else(|| i18n.t().independent_seller.to_owned()))}
                </span>
                <span>{move || listing.with_value(|l| province_name(i18n.locale(), &l.province_code))}</span>
            </p>
        </article>
    }
}

/// A stall in the directory.
#[component]
pub fn StallCardView(stall: StallCard) -> impl IntoView {
    let i18n = use_i18n();
    let stall = StoredValue::new(stall);
    let initials: String = stall.with_value(|s| {
        // The last two words carry the distinctive part of Vietnamese organisation names.
        let words: Vec<&str> = s.name.split_whitespace().collect();
        words
            .iter()
            .skip(words.len().saturating_sub(2))
            .filter_map(|w| w.chars().next())
            .collect()
    });
    view! {
        <article class="card stall-card">
            <div class="stall-avatar" aria-hidden="true">{initials}</div>
            <div>
                <h3 class="card-title">{stall.with_value(|s| s.name.clone())}</h3>
                <p class="card-meta">
                    <span>{move || stall.with_value(|s| sector_name(i18n.locale(), &s.sector_code))}</span>
                    <span>{move || stall.with_value(|s| province_name(i18n.locale(), &s.province_code))}</span>
                </p>
                <p class="card-summary">{stall.with_value(|s| s.description.clone())}</p>
                <p class="card-count">
                    {move || stall.with_value(|s| format!("{} {}", i18n.locale().format_count(s.offer_count), i18n.t().offers_count_suffix))}
                </p>
            </div>
        </article>
    }
}

/// A running auction.
#[component]
pub fn AuctionCardView(auction: AuctionCard) -> impl IntoView {
    let i18n = use_i18n();
    let auction = StoredValue::new(auction);
    view! {
        <article class="card auction-card">
            <p class="card-eyebrow"><span class="tag tag-live">{tr(|t| t.nav_auctions)}</span></p>
            <h3 class="card-title">{auction.with_value(|a| a.title.clone())}</h3>
            <dl class="auction-facts">
                <div>
                    <dt>{tr(|t| t.current_price)}</dt>
                    <dd class="card-price">{move || auction.with_value(|a| format_vnd(i18n.locale(), a.current_price_vnd))}</dd>
                </div>
                <div>
                    <dt>{tr(|t| t.ends_at)}</dt>
                    <dd>{auction.with_value(|a| format_vietnam_datetime(a.ends_at))}</dd>
                </div>
            </dl>
            <p class="card-meta">{move || auction.with_value(|a| format!("{} {}", i18n.locale().format_count(a.bid_count), i18n.t().bids))}</p>
        </article>
    }
}
