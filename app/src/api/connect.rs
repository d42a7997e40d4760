//! Supply–demand connection: matches between offers and requests, and the feed of them.

pub mod get_connect_feed;
pub mod hide_match;
pub mod join_request;
pub mod synonyms;
