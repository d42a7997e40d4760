//! The notification centre.

pub mod get_notifications;
pub mod mark_notifications_read;
