use leptos::prelude::*;

use crate::error::AppError;
use crate::model::{ArticleView, NewsPage};

/// `/news`: a page of published articles, newest first, of one category or tag when asked.
/// An unknown category or tag finds nothing (not an error: it may have been emptied).
#[server(endpoint = "get_news", input = server_fn::codec::GetUrl)]
pub async fn get_news(
    category: Option<String>,
    tag: Option<String>,
    page: Option<u32>,
) -> Result<NewsPage, AppError> {
    use crate::db::articles;

    let ctx = crate::server_context::server_context()?;
    let category = category.filter(|c| !c.trim().is_empty());
    let tag = tag.filter(|t| !t.trim().is_empty());
    let page = page.unwrap_or(1).clamp(1, 100_000);
    let (articles, categories, tag_label) = tokio::try_join!(
        articles::published(
            &ctx.db,
            category.as_deref(),
            tag.as_deref(),
            page,
            super::NEWS_PER_PAGE
        ),
        articles::categories(&ctx.db),
        async {
            match tag.as_deref() {
                Some(tag) => articles::tag_label(&ctx.db, tag).await,
                None => Ok(None),
            }
        },
    )?;
    Ok(NewsPage {
        articles,
        categories,
        tag: tag_label,
    })
}

/// A published article's page.
#[server(endpoint = "get_article", input = server_fn::codec::GetUrl)]
pub async fn get_article(slug: String) -> Result<ArticleView, AppError> {
    let ctx = crate::server_context::server_context()?;
    crate::db::articles::view(
        &ctx.db,
        crate::db::articles::ArticleKey::PublishedSlug(&slug),
    )
    .await?
    .ok_or(AppError::NotFound)
}
