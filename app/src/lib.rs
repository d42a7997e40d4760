//! techx: the shared Leptos crate — the HTML shell, the route table, pages, components, server
//! functions and the domain types that browser and server both use.

// Page views are deeply nested types; a page with many parts needs more than the default 128.
#![recursion_limit = "256"]

pub mod domain;
pub mod error;
pub mod i18n;
pub mod islands;
pub mod model;

// What only the server runs: pages and their parts never reach the browser's code, and islands
// call the server functions over HTTP without their client.
#[cfg(feature = "ssr")]
pub mod api;
#[cfg(feature = "ssr")]
pub mod components;
#[cfg(feature = "ssr")]
pub mod pages;
#[cfg(feature = "ssr")]
pub mod seo;
#[cfg(feature = "ssr")]
pub use document::{App, THEME_COLOR, error_message, shell};
#[cfg(feature = "ssr")]
mod document;

#[cfg(feature = "ssr")]
pub mod auth;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod live;
#[cfg(feature = "ssr")]
pub mod mail;
#[cfg(feature = "ssr")]
pub mod markdown;
#[cfg(feature = "ssr")]
pub mod media;
#[cfg(feature = "ssr")]
pub mod push;
#[cfg(feature = "ssr")]
pub mod rate_limit;
#[cfg(feature = "ssr")]
pub mod server_context;
#[cfg(feature = "ssr")]
pub mod session;
