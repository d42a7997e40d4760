use leptos::prelude::*;

use super::PagedListPage;
use crate::api::list_listings;
use crate::components::cards::ListingCardView;
use crate::model::ListingKind;

/// Offers to sell (`/offers`), newest first, paginated by `?page=`.
#[component]
pub fn OffersPage() -> impl IntoView {
    view! {
        <PagedListPage
            title=|t| t.nav_offers
            intro=|t| t.offers_intro
            base="/offers"
            fetch=|page| list_listings(ListingKind::Offer, page)
            card=|listing| view! { <ListingCardView listing/> }
        />
    }
}

/// Requests to buy (`/requests`), newest first, paginated by `?page=`.
#[component]
pub fn RequestsPage() -> impl IntoView {
    view! {
        <PagedListPage
            title=|t| t.nav_requests
            intro=|t| t.requests_intro
            base="/requests"
            fetch=|page| list_listings(ListingKind::Request, page)
            card=|listing| view! { <ListingCardView listing/> }
        />
    }
}
