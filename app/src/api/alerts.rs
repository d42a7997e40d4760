//! Saved searches and alerts: kept by the member at `/account/alerts`, saved from any results
//! page, unsubscribed from by a signed link in each alert mail.

pub mod alert_action;
pub mod get_alerts;
pub mod push_subscribe;
pub mod push_unsubscribe;
pub mod save_search;
pub mod set_match_alerts;
pub mod unsubscribe_alerts;
