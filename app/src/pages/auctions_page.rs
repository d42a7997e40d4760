use leptos::prelude::*;

use super::PagedListPage;
use crate::api::list_auctions;
use crate::components::cards::AuctionCardView;

/// Auctions running now, ending soonest first.
#[component]
pub fn AuctionsPage() -> impl IntoView {
    view! {
        <PagedListPage
            title=|t| t.nav_auctions
            intro=|t| t.auctions_intro
            base="/auctions"
            fetch=list_auctions
            card=|auction| view! { <AuctionCardView auction/> }
        />
    }
}
