use leptos::prelude::*;

use crate::domain::BrowseQuery;
use crate::error::AppError;
use crate::model::BrowseResult;

/// Published listings found by words (ignoring case and Vietnamese diacritics, best match first)
/// and narrowed by filters, one page at a time. Filters that do not parse are left out and
/// reported with the results.
#[server(endpoint = "browse_listings", input = server_fn::codec::GetUrl)]
pub async fn browse_listings(query: BrowseQuery) -> Result<BrowseResult, AppError> {
    use super::{PER_PAGE, clamp_page};
    use crate::db::{catalogue, search};
    use crate::model::{ListingKind, Page};

    if query.q.chars().count() > crate::domain::MAX_QUERY_CHARS {
        return Err(AppError::bad_request("query too long"));
    }
    let (filter, errors) = query.check();
    let ctx = crate::server_context::server_context()?;
    let page = clamp_page(query.page);
    let (limit, offset) = (i64::from(PER_PAGE), i64::from((page - 1) * PER_PAGE));
    let kind = match filter.kind {
        Some("offer") => Some(ListingKind::Offer),
        Some("request") => Some(ListingKind::Request),
        _ => None,
    };
    let admit = ctx.search_admission();
    let found = match kind {
        // The plain newest-first list of one kind has an index of its own.
        Some(kind) if filter.is_plain() => {
            let (cards, total) = tokio::try_join!(
                catalogue::latest_listings(&ctx.db, kind, limit, offset),
                catalogue::count_listings(&ctx.db, kind),
            )?;
            search::Found {
                cards,
                total,
                ..search::Found::default()
            }
        }
        _ => {
            search::find_cached(&ctx.db, &ctx.search_cache, &filter, limit, offset, &admit).await?
        }
    };
    // What buyers look for and no one offers: words that found nothing on their own (no filter
    // but the kind narrowing them), once per search rather than per page.
    let only_words = !crate::domain::BrowseFilter {
        kind: None,
        ..filter.clone()
    }
    .has_filters();
    if found.total == 0 && page == 1 && !filter.terms.is_empty() && only_words {
        ctx.search_misses.record(&query.q);
    }
    let (spellings, related_sectors) = if found.total == 0 && !filter.terms.is_empty() {
        (
            search::close_spellings(&ctx.db, &filter.terms).await?,
            crate::domain::related_sectors(&filter.terms),
        )
    } else {
        Default::default()
    };
    let mut notes = found.notes;
    if found.total == 0 {
        // Nothing found even without them: what was left out does not matter.
        notes.left_out.clear();
        notes.corrections.clear();
        notes.widened.clear();
    }
    let (left_out, corrections) = notes.as_typed(&query.q);
    Ok(BrowseResult {
        listings: Page {
            items: found.cards,
            page,
            per_page: PER_PAGE,
            total: found.total,
        },
        terms: if notes.highlight.is_empty() {
            filter.terms
        } else {
            notes.highlight
        },
        sort: filter.sort.to_owned(),
        errors,
        left_out,
        corrections,
        widened: as_written(&ctx.db, notes.widened).await?,
        spellings,
        related_sectors,
    })
}

/// Synonyms searched for (folded words), as the moderators wrote them ("may bom" → "máy bơm").
#[cfg(feature = "ssr")]
pub(crate) async fn as_written(
    db: &crate::db::Db,
    widened: Vec<String>,
) -> sqlx::Result<Vec<String>> {
    if widened.is_empty() {
        return Ok(widened);
    }
    let written: Vec<String> = crate::db::search::synonyms(db)
        .await?
        .into_iter()
        .flat_map(|(_, phrases)| {
            crate::domain::ranking::synonym_phrases(&phrases)
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .collect();
    Ok(widened
        .into_iter()
        .map(|folded| {
            written
                .iter()
                .find(|p| crate::domain::index_text(p) == folded)
                .cloned()
                .unwrap_or(folded)
        })
        .collect())
}
