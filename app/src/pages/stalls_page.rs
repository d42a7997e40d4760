use leptos::prelude::*;

use super::PagedListPage;
use crate::api::list_stalls;
use crate::components::cards::StallCardView;

/// The stall directory, paginated by `?page=`.
#[component]
pub fn StallsPage() -> impl IntoView {
    view! {
        <PagedListPage
            title=|t| t.nav_stalls
            intro=|t| t.stalls_intro
            base="/stalls"
            grid_class="card-grid-wide"
            fetch=list_stalls
            card=|stall| view! { <StallCardView stall/> }
        />
    }
}
