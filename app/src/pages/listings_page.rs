//! `/offers` and `/requests`: the listing browser for one kind.

use leptos::prelude::*;

use super::browse_page::ListingBrowser;

/// Offers to sell (`/offers`): newest first unless the visitor filters or sorts.
#[component]
pub fn OffersPage() -> impl IntoView {
    view! { <ListingBrowser kind=Some("offer") base="/offers" title=|t| t.nav_offers intro=|t| t.offers_intro/> }
}

/// Requests to buy (`/requests`).
#[component]
pub fn RequestsPage() -> impl IntoView {
    view! { <ListingBrowser kind=Some("request") base="/requests" title=|t| t.nav_requests intro=|t| t.requests_intro/> }
}
