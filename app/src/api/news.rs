//! News: articles readers browse, and the desk where editors write and publish them.

pub mod article_action;
pub mod editor;
pub mod get_news;
pub mod save_article;
pub mod videos;

/// Articles on a page of `/news`.
pub const NEWS_PER_PAGE: u32 = 12;
