//! Matches between requests to buy and offers: found through the search index, scored and
//! explained by `domain::matching`, and hidden by the members who judged them not relevant.

use std::collections::HashMap;

use super::Db;
use super::catalogue::LISTING_CARD_COLUMNS;
use crate::domain::matching::{Side, explain};
use crate::model::{ListingCard, ListingMatch};

/// Candidates read of each query in the search index: enough for the best dozen after scoring
/// (reading a candidate's row is most of a match's cost).
const DEPTH: i64 = 30;

/// The columns of a [`Side`], `l` being the listing and `s` its stall.
const SIDE_COLUMNS: &str = "l.id, l.kind, l.listing_type, l.sector_code, l.province_code, l.fold_title, \
     l.summary, COALESCE(l.price_vnd, l.budget_max_vnd, l.budget_min_vnd), l.trl, l.transfer_modes, \
     l.certifications || ' ' || COALESCE(s.certifications, ''), l.status, l.title";

fn side(row: &sqlx::any::AnyRow) -> sqlx::Result<(Side, String, String)> {
    use sqlx::Row;
    let words = |text: String| text.split_whitespace().map(str::to_owned).collect();
    let trl: Option<i64> = row.try_get(8)?;
    Ok((
        Side {
            id: row.try_get(0)?,
            listing_type: row.try_get(2)?,
            sector: row.try_get(3)?,
            province: row.try_get(4)?,
            title: words(row.try_get(5)?),
            // The summary, folded: a description would cost most of a match's time to read.
            body: crate::domain::search_words(&row.try_get::<String, _>(6)?),
            price: row.try_get(7)?,
            trl,
            transfer_modes: row.try_get(9)?,
            certifications: row.try_get(10)?,
            title_text: row.try_get(12)?,
        },
        row.try_get(1)?,
        row.try_get(11)?,
    ))
}

/// The published listings of the other kind that fit listing `id` best (offers for a request,
/// requests for an offer), at most `limit`, each with its score and reasons; none when `id` is
/// not published. Ties go to the newer listing.
pub async fn matches_for(db: &Db, id: i64, limit: usize) -> sqlx::Result<Vec<ListingMatch>> {
    let row = sqlx::query(&format!(
        "SELECT {SIDE_COLUMNS} FROM listings l LEFT JOIN stalls s ON s.id = l.stall_id WHERE l.id = $1"
    ))
    .bind(id)
    .fetch_optional(db)
    .await?;
    let Some(row) = row else {
        return Ok(Vec::new());
    };
    let (this, kind, status) = side(&row)?;
    if status != "published" {
        return Ok(Vec::new());
    }
    let other = if kind == "offer" { "request" } else { "offer" };
    let (candidates, titles) = super::search::match_candidates(
        db,
        &this.title,
        other,
        &this.sector,
        &this.listing_type,
        DEPTH,
    )
    .await?;
    let sides = sides_of(db, &candidates).await?;
    let mut scored: Vec<(f64, i64, Vec<crate::domain::matching::Reason>)> = sides
        .iter()
        .filter_map(|that| {
            let (request, offer) = if kind == "offer" {
                (that, &this)
            } else {
                (&this, that)
            };
            explain(request, offer, &titles).map(|(score, reasons)| (score, that.id, reasons))
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(b.1.cmp(&a.1)));
    scored.truncate(limit);
    let ids: Vec<i64> = scored.iter().map(|(_, id, _)| *id).collect();
    let mut cards: HashMap<i64, ListingCard> = cards(db, &ids).await?;
    Ok(scored
        .into_iter()
        .filter_map(|(score, id, reasons)| {
            cards.remove(&id).map(|listing| ListingMatch {
                listing,
                score,
                reasons,
            })
        })
        .collect())
}

/// The same matches as [`matches_for`], remembered in `cache` for the catalogue's current
/// search version (any change to what a search finds can change them).
pub async fn matches_cached(
    db: &Db,
    cache: &crate::server_context::SearchCache,
    id: i64,
    limit: usize,
) -> sqlx::Result<Vec<ListingMatch>> {
    let version = super::search::search_version(db).await?;
    let key = format!("{id}/{limit}");
    let found = cache
        .matches
        .get_or_compute(&key, version, || matches_for(db, id, limit))
        .await?;
    Ok(found.as_ref().clone())
}

/// The published listings `ids` as [`Side`]s.
async fn sides_of(db: &Db, ids: &[i64]) -> sqlx::Result<Vec<Side>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let list = super::id_list(ids.iter().copied());
    let rows = sqlx::query(&format!(
        "SELECT {SIDE_COLUMNS} FROM listings l LEFT JOIN stalls s ON s.id = l.stall_id \
         WHERE l.id IN ({list}) AND l.status = 'published'"
    ))
    .fetch_all(db)
    .await?;
    rows.iter()
        .map(|row| side(row).map(|(side, _, _)| side))
        .collect()
}

/// The cards of listings `ids`, by id.
async fn cards(db: &Db, ids: &[i64]) -> sqlx::Result<HashMap<i64, ListingCard>> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let list = super::id_list(ids.iter().copied());
    let cards: Vec<ListingCard> = sqlx::query_as(&format!(
        "SELECT {LISTING_CARD_COLUMNS} FROM listings l LEFT JOIN stalls s ON s.id = l.stall_id \
         WHERE l.id IN ({list})"
    ))
    .fetch_all(db)
    .await?;
    Ok(cards.into_iter().map(|c| (c.id, c)).collect())
}

/// The matches member `user` hid from listing `listing_id`'s list.
pub async fn hidden(db: &Db, user: i64, listing_id: i64) -> sqlx::Result<Vec<i64>> {
    sqlx::query_scalar(
        "SELECT match_id FROM hidden_matches WHERE user_id = $1 AND listing_id = $2 ORDER BY match_id",
    )
    .bind(user)
    .bind(listing_id)
    .fetch_all(db)
    .await
}

/// Hides match `match_id` from listing `listing_id`'s list for member `user`, for `reason`
/// (one of `domain::matching::HIDE_REASONS`). Hiding twice keeps the first reason.
pub async fn hide(
    db: &Db,
    user: i64,
    listing_id: i64,
    match_id: i64,
    reason: &str,
    now: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO hidden_matches (user_id, listing_id, match_id, reason, created_at)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (user_id, listing_id, match_id) DO NOTHING",
    )
    .bind(user)
    .bind(listing_id)
    .bind(match_id)
    .bind(reason)
    .bind(now)
    .execute(db)
    .await?;
    Ok(())
}

/// One page of the newest published requests to buy (in `sector` and `province` when given),
/// and how many there are.
pub async fn fresh_requests(
    db: &Db,
    sector: Option<&str>,
    province: Option<&str>,
    limit: i64,
    offset: i64,
) -> sqlx::Result<(Vec<ListingCard>, i64)> {
    let mut filter = String::from("l.status = 'published' AND l.kind = 'request'");
    let mut args: Vec<&str> = Vec::new();
    for (column, value) in [("l.sector_code", sector), ("l.province_code", province)] {
        if let Some(value) = value {
            args.push(value);
            filter.push_str(&format!(" AND {column} = ${}", args.len()));
        }
    }
    let select = format!(
        "SELECT {LISTING_CARD_COLUMNS} FROM listings l LEFT JOIN stalls s ON s.id = l.stall_id \
         WHERE {filter} ORDER BY l.created_at DESC, l.id DESC LIMIT {limit} OFFSET {offset}"
    );
    let count = format!("SELECT COUNT(*) FROM listings l WHERE {filter}");
    let mut cards = sqlx::query_as::<_, ListingCard>(&select);
    let mut total = sqlx::query_scalar::<_, i64>(&count);
    for arg in args {
        cards = cards.bind(arg);
        total = total.bind(arg);
    }
    let (cards, total) = tokio::try_join!(cards.fetch_all(db), total.fetch_one(db))?;
    Ok((cards, total))
}

/// How many members joined request `listing_id` ("I need this too") and the quantity they ask
/// for together.
pub async fn pledges(db: &Db, listing_id: i64) -> sqlx::Result<(i64, i64)> {
    sqlx::query_as(
        "SELECT COUNT(*), CAST(COALESCE(SUM(quantity), 0) AS BIGINT) FROM request_pledges WHERE listing_id = $1",
    )
    .bind(listing_id)
    .fetch_one(db)
    .await
}

/// The quantity member `user` asked for on request `listing_id`, if they joined it.
pub async fn pledge_of(db: &Db, listing_id: i64, user: i64) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar(
        "SELECT quantity FROM request_pledges WHERE listing_id = $1 AND user_id = $2",
    )
    .bind(listing_id)
    .bind(user)
    .fetch_optional(db)
    .await
}

/// Records member `user`'s pledge of `quantity` on request `listing_id`; false when they had
/// already joined it (the first pledge stays).
pub async fn pledge(
    db: &Db,
    listing_id: i64,
    user: i64,
    quantity: i64,
    now: i64,
) -> sqlx::Result<bool> {
    Ok(sqlx::query(
        "INSERT INTO request_pledges (listing_id, user_id, quantity, created_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (listing_id, user_id) DO NOTHING",
    )
    .bind(listing_id)
    .bind(user)
    .bind(quantity)
    .bind(now)
    .execute(db)
    .await?
    .rows_affected()
        > 0)
}

/// Takes member `user`'s pledge off request `listing_id`.
pub async fn withdraw_pledge(db: &Db, listing_id: i64, user: i64) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM request_pledges WHERE listing_id = $1 AND user_id = $2")
        .bind(listing_id)
        .bind(user)
        .execute(db)
        .await?;
    Ok(())
}
