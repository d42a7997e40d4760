//! Listings as members post and manage them, and as moderators review them.

pub mod decide_listing;
pub mod get_listing_editor;
pub mod get_own_listings;
pub mod listing_action;
pub mod save_listing;
