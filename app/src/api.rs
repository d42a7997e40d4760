//! Server functions, one per file, grouped by feature.

pub mod accounts;
pub mod catalogue;

pub use accounts::{
    get_current_user::get_current_user,
    log_in::{LogIn, log_in},
    log_out::{LogOut, log_out},
    register_account::{RegisterAccount, register_account},
};
pub use catalogue::{
    get_home_overview::get_home_overview, get_listing::get_listing, get_stall::get_stall,
    list_auctions::list_auctions, list_listings::list_listings, list_stalls::list_stalls,
    search_listings::search_listings,
};
