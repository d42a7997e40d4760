//! Supply–demand connection: matches between offers and requests, and the feed of them.

pub mod ask_introduction;
pub mod deal_outcome;
pub mod get_connect_feed;
pub mod get_introductions;
pub mod hide_match;
pub mod join_request;
pub mod move_introduction;
pub mod synonyms;
