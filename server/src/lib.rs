//! techx server: configuration, the axum router, start-up and demo data.

pub mod calendars;
pub mod client_addr;
pub mod config;
pub mod csrf;
pub mod exports;
pub mod feeds;
pub mod images;
pub mod input_guard;
pub mod live;
pub mod mailer;
pub mod page_cache;
pub mod push;
pub mod s3;
pub mod seed;
pub mod sitemap;
pub mod startup;
pub mod startup_files;
pub mod telemetry;
pub mod unsubscribe;
pub mod uploads;
pub mod videos;
