//! Route components, one per file.

pub mod auctions_page;
pub mod home_page;
pub mod listings_page;
pub mod not_found_page;
pub mod offline_page;
pub mod search_page;
pub mod section_page;
pub mod stalls_page;

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::error::AppError;

/// The `page` query parameter, 1 when absent or malformed.
pub fn use_page_param() -> Memo<u32> {
    let query = use_query_map();
    Memo::new(move |_| {
        query
            .read()
            .get("page")
            .and_then(|p| p.parse().ok())
            .unwrap_or(1)
    })
}

/// A translated message where a list could not be loaded.
#[component]
pub fn LoadError(error: AppError) -> impl IntoView {
    let message = crate::error_message(&error);
    view! { <p class="notice notice-error" role="alert">{message}</p> }
}

/// A centred "nothing here" note.
#[component]
pub fn Empty() -> impl IntoView {
    view! { <p class="empty">{crate::i18n::tr(|t| t.nothing_yet)}</p> }
}
