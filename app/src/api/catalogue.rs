//! Browsing the catalogue: home page overview, stalls, listings, auctions, search.

pub mod browse_listings;
pub mod get_home_overview;
pub mod get_listing;
pub mod get_stall;
pub mod list_auctions;
pub mod list_listings;
pub mod list_stalls;
pub mod search_listings;
pub mod suggest_listings;

/// Results per page in lists.
pub const PER_PAGE: u32 = 24;

/// Clamps a 1-based page number from the URL to something sane.
pub fn clamp_page(page: u32) -> u32 {
    page.clamp(1, 10_000)
}
