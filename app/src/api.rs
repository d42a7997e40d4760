//! Server functions, one per file, grouped by feature.

pub mod catalogue;

pub use catalogue::{
    get_home_overview::get_home_overview, list_auctions::list_auctions,
    list_listings::list_listings, list_stalls::list_stalls, search_listings::search_listings,
};
