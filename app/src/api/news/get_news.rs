use leptos::prelude::*;

use crate::error::AppError;
use crate::model::{ArticleView, NewsPage};

/// `/news`: a page of published articles, newest first, of one category or tag when asked; with
/// words (`q`), the articles holding them, best first (`db::article_search`). An unknown category
/// or tag finds nothing (not an error: it may have been emptied).
#[server(endpoint = "get_news", input = server_fn::codec::GetUrl)]
pub async fn get_news(
    category: Option<String>,
    tag: Option<String>,
    page: Option<u32>,
    q: Option<String>,
) -> Result<NewsPage, AppError> {
    use crate::db::articles;

    let ctx = crate::server_context::server_context()?;
    let category = category.filter(|c| !c.trim().is_empty());
    let tag = tag.filter(|t| !t.trim().is_empty());
    let page = page.unwrap_or(1).clamp(1, 100_000);
    let q = q.unwrap_or_default();
    if q.chars().count() > crate::domain::MAX_QUERY_CHARS {
        return Err(AppError::bad_request("query too long"));
    }
    let mut terms = crate::domain::search_words(&q);
    terms.dedup();
    terms.truncate(crate::domain::search::MAX_TERMS);
    let (found, categories, tag_label) = tokio::try_join!(
        async {
            if terms.is_empty() {
                let page = articles::published(
                    &ctx.db,
                    category.as_deref(),
                    tag.as_deref(),
                    page,
                    super::NEWS_PER_PAGE,
                )
                .await?;
                return Ok((page, None));
            }
            let per_page = super::NEWS_PER_PAGE;
            let filter = crate::db::article_search::ArticleFilter {
                terms: &terms,
                category: category.as_deref(),
                tag: tag.as_deref(),
            };
            let found = crate::db::article_search::find(
                &ctx.db,
                &filter,
                i64::from(per_page),
                i64::from((page - 1) * per_page),
            )
            .await?;
            let mut notes = found.notes;
            if found.total == 0 {
                // Nothing found even without them: what was left out does not matter.
                notes = Default::default();
            }
            let (left_out, corrections) = notes.as_typed(&q);
            let search = crate::model::NewsSearch {
                highlight: if notes.highlight.is_empty() {
                    terms.clone()
                } else {
                    notes.highlight
                },
                left_out,
                corrections,
                widened: crate::api::catalogue::browse_listings::as_written(&ctx.db, notes.widened)
                    .await?,
            };
            let page = crate::model::Page {
                items: found.cards,
                page,
                per_page,
                total: found.total,
            };
            Ok::<_, sqlx::Error>((page, Some(search)))
        },
        articles::categories(&ctx.db),
        async {
            match tag.as_deref() {
                Some(tag) => articles::tag_label(&ctx.db, tag).await,
                None => Ok(None),
            }
        },
    )?;
    let (articles, search) = found;
    Ok(NewsPage {
        articles,
        categories,
        tag: tag_label,
        search,
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
