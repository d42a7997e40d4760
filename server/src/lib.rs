//! techx server: configuration, the axum router, start-up and demo data.

pub mod config;
pub mod mailer;
pub mod seed;
pub mod startup;
pub mod telemetry;
