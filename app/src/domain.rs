//! Domain types and rules, shared by the browser and the server so both validate the same way.

mod account;
pub mod article;
// Saved searches are kept and checked on the server only.
#[cfg(feature = "ssr")]
pub mod alerts;
pub mod auction;
pub mod auction_setup;
pub mod booth;
mod email;
pub mod event;
pub mod funding_call;
pub mod incubator;
mod inquiry;
pub mod introductions;
mod listing;
#[cfg(feature = "ssr")]
mod local_path;
pub mod matching;
pub mod mentor;
mod money;
#[cfg(test)]
mod properties;
mod province;
pub mod ranking;
pub mod registration;
mod role;
pub mod search;
mod sector;
mod slug;
mod stall;
pub mod startup;
pub mod startup_match;
pub(crate) mod time;
pub mod video;

pub use account::{DisplayName, Password, Registration, RegistrationForm};
pub use email::Email;
pub use inquiry::{CONVERSATIONS_PER_HOUR, MESSAGE_CHARS, parse_message};
pub use listing::{
    CONDITIONS, IP_KINDS, KINDS, LISTING_TYPES, ListingForm, ListingInput, TRANSFER_MODES,
    limits as listing_limits, parse_date, parse_quantity,
};
#[cfg(feature = "ssr")]
pub use local_path::is_local_path;
pub use money::{Vnd, group_thousands as money_grouping};
pub use province::{PROVINCES, Province};
pub use role::Role;
pub use search::{
    BrowseFilter, BrowseQuery, MAX_QUERY_CHARS, SELLERS, SORTS, STALL_SORTS, StallFilter,
    StallQuery, as_typed, highlight, index_text, related_sectors, search_words, typed_words,
};
pub use sector::{SECTORS, Sector};
pub use slug::{Slug, fold_search_text};
pub use stall::{
    COMMON_CERTIFICATIONS, ORG_KINDS, StallForm, StallProfileInput, limits as stall_limits,
    parse_phone, sector_codes, split_certifications, text_between,
};
pub use time::{
    days_from_civil, format_vietnam_date, format_vietnam_datetime, iso_date, vietnam_day,
    vietnam_day_end_ms, vietnam_rfc3339, vietnam_year,
};
