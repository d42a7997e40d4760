//! `/search`: every published listing, found by words (with or without diacritics) and filters,
//! and the news articles holding the words.

use leptos::prelude::*;

use super::browse_page::ListingBrowser;

/// Search results for `?q=` and the filters, which the header's search form also submits.
#[component]
pub fn SearchPage() -> impl IntoView {
    view! { <ListingBrowser kind=None base="/search" title=|t| t.search_title intro=|t| t.search_intro with_news=true/> }
}
