//! Finding listings: full-text search with filters and sorting, and suggestions while typing.
//!
//! Both engines index the same folded words (see `domain::search_words`): SQLite through FTS5
//! ranked by BM25, PostgreSQL through a generated `tsvector` ranked by `ts_rank`, title words
//! weighing more than the rest. The two query shapes are the only engine-specific SQL here.

use super::Db;
use super::catalogue::{LISTING_CARD_COLUMNS, STALL_CARD_COLUMNS};
use super::dialect::Backend;
use crate::domain::{BrowseFilter, StallFilter, index_text};
use crate::model::{ListingCard, StallCard};
use crate::server_context::SearchCache;

/// A value bound to a placeholder.
enum Arg {
    Int(i64),
    Text(String),
}

/// A query under construction: SQL text and its arguments, numbered in order.
#[derive(Default)]
struct Sql {
    text: String,
    args: Vec<Arg>,
}

impl Sql {
    fn push(&mut self, sql: &str) -> &mut Self {
        self.text.push_str(sql);
        self
    }

    fn arg(&mut self, arg: Arg) -> &mut Self {
        self.args.push(arg);
        let n = self.args.len();
        self.text.push_str(&format!("${n}"));
        self
    }

    fn query(&self) -> sqlx::query::Query<'_, sqlx::Any, sqlx::any::AnyArguments<'_>> {
        let mut query = sqlx::query(&self.text);
        for arg in &self.args {
            query = match arg {
                Arg::Int(n) => query.bind(*n),
                Arg::Text(t) => query.bind(t.as_str()),
            };
        }
        query
    }
}

/// The full-text condition for `terms`, all of which must match; `prefix_last` lets the last
/// one match the start of a word (suggestions while typing).
fn match_expression(backend: Backend, terms: &[String], prefix_last: bool) -> String {
    let last = terms.len().saturating_sub(1);
    let parts = terms.iter().enumerate().map(|(i, term)| {
        let prefix = prefix_last && i == last;
        match backend {
            Backend::Sqlite => format!("\"{term}\"{}", if prefix { "*" } else { "" }),
            Backend::Postgres => format!("{term}{}", if prefix { ":*" } else { "" }),
        }
    });
    match backend {
        Backend::Sqlite => parts.collect::<Vec<_>>().join(" "),
        Backend::Postgres => parts.collect::<Vec<_>>().join(" & "),
    }
}

/// `FROM … WHERE …` for a filter: the search (if any) and every filter given.
fn from_where(backend: Backend, filter: &BrowseFilter, sql: &mut Sql) {
    if filter.terms.is_empty() {
        sql.push(
            " FROM listings l LEFT JOIN stalls s ON s.id = l.stall_id WHERE l.status = 'published'",
        );
    } else {
        let expression = match_expression(backend, &filter.terms, false);
        match backend {
            Backend::Sqlite => {
                sql.push(
                    // CROSS JOIN keeps this order: the index finds the matches, then their rows
                    // are read (the other way round SQLite runs the MATCH once per listing).
                    " FROM listings_fts CROSS JOIN listings l ON l.id = listings_fts.rowid
                      LEFT JOIN stalls s ON s.id = l.stall_id
                      WHERE listings_fts MATCH ",
                )
                .arg(Arg::Text(expression));
            }
            Backend::Postgres => {
                sql.push(
                    " FROM listings l LEFT JOIN stalls s ON s.id = l.stall_id
                      WHERE l.search_vector @@ to_tsquery('simple', ",
                )
                .arg(Arg::Text(expression))
                .push(")");
            }
        }
        sql.push(" AND l.status = 'published'");
    }
    for (column, value) in [
        ("l.kind", filter.kind),
        ("l.listing_type", filter.listing_type),
        ("l.sector_code", filter.sector),
        ("l.province_code", filter.province),
    ] {
        if let Some(value) = value {
            sql.push(&format!(" AND {column} = "))
                .arg(Arg::Text(value.to_owned()));
        }
    }
    // Requests give a budget rather than a price: compare with its upper end.
    let price = "COALESCE(l.price_vnd, l.budget_max_vnd)";
    if let Some(min) = filter.price_min {
        sql.push(&format!(" AND {price} >= ")).arg(Arg::Int(min));
    }
    if let Some(max) = filter.price_max {
        sql.push(&format!(" AND {price} <= ")).arg(Arg::Int(max));
    }
    if let Some(trl) = filter.trl_min {
        sql.push(" AND l.trl >= ").arg(Arg::Int(trl));
    }
    if filter.with_images {
        sql.push(" AND l.image_count > 0");
    }
    if let Some(stall_id) = filter.stall_id {
        sql.push(" AND l.stall_id = ").arg(Arg::Int(stall_id));
    }
    match filter.seller {
        Some("stall") => {
            sql.push(" AND l.stall_id IS NOT NULL");
        }
        Some("independent") => {
            sql.push(" AND l.stall_id IS NULL");
        }
        _ => {}
    }
}

/// Matches counted at most: past this the page says "more than 1,000" (counting every match of a
/// common word costs more than finding the best ones).
pub const COUNT_CAP: i64 = crate::domain::search::COUNT_CAP;

/// One page of published listings matching `filter`, and how many match in all — up to
/// [`COUNT_CAP`] + 1, which means "more than [`COUNT_CAP`]". Reads the database every time; see
/// [`browse_cached`].
pub async fn browse(
    db: &Db,
    filter: &BrowseFilter,
    limit: i64,
    offset: i64,
) -> sqlx::Result<(Vec<ListingCard>, i64)> {
    let backend = Backend::of_pool(db);
    let mut select = Sql::default();
    select.push(&format!("SELECT {LISTING_CARD_COLUMNS}"));
    from_where(backend, filter, &mut select);
    order_and_page(backend, filter, &mut select, limit, offset);
    let mut count = Sql::default();
    count.push("SELECT COUNT(*) FROM (SELECT 1");
    from_where(backend, filter, &mut count);
    count.push(&format!(" LIMIT {}) capped", COUNT_CAP + 1));
    page_and_total(db, &select, &count).await
}

/// `ORDER BY` for the filter's sort, newest and then highest id breaking ties, and the page.
fn order_and_page(backend: Backend, filter: &BrowseFilter, sql: &mut Sql, limit: i64, offset: i64) {
    let order = match (filter.sort, backend) {
        ("relevance", Backend::Sqlite) if !filter.terms.is_empty() => {
            "bm25(listings_fts, 10.0, 1.0), l.created_at DESC".to_owned()
        }
        ("relevance", Backend::Postgres) if !filter.terms.is_empty() => {
            let expression = match_expression(backend, &filter.terms, false);
            sql.args.push(Arg::Text(expression));
            format!(
                "ts_rank(l.search_vector, to_tsquery('simple', ${})) DESC, l.created_at DESC",
                sql.args.len()
            )
        }
        ("price_asc", _) => "(l.price_vnd IS NULL), l.price_vnd ASC".to_owned(),
        ("price_desc", _) => "(l.price_vnd IS NULL), l.price_vnd DESC".to_owned(),
        _ => "l.created_at DESC".to_owned(),
    };
    sql.push(&format!(" ORDER BY {order}, l.id DESC LIMIT "))
        .arg(Arg::Int(limit))
        .push(" OFFSET ")
        .arg(Arg::Int(offset));
}

/// The catalogue's search version: it moves on whenever a change can alter what a search finds
/// or its order (kept by triggers on `listings`, migration 18). Read it *before* searching.
pub async fn search_version(db: &Db) -> sqlx::Result<i64> {
    sqlx::query_scalar("SELECT value FROM site_counters WHERE name = 'search_version'")
        .fetch_one(db)
        .await
}

/// Ranks remembered per search: enough to count up to the cap and to serve its first pages.
const RANKED: i64 = COUNT_CAP + 1;

/// The same page as [`browse`], with the ranking of the search's first [`RANKED`] matches
/// remembered in `cache` for the catalogue's current search version: a repeated search costs a
/// version read and its page's cards, however many listings match. Deeper pages are read afresh.
pub async fn browse_cached(
    db: &Db,
    cache: &SearchCache,
    filter: &BrowseFilter,
    limit: i64,
    offset: i64,
) -> sqlx::Result<(Vec<ListingCard>, i64)> {
    if offset + limit > RANKED || !cache.ranked.is_enabled() {
        return browse(db, filter, limit, offset).await;
    }
    let version = search_version(db).await?;
    let ranked = cache
        .ranked
        .get_or_compute(&filter.cache_key(), version, || ranked_ids(db, filter))
        .await?;
    let start = usize::try_from(offset).unwrap_or(0).min(ranked.len());
    let end = (start + usize::try_from(limit).unwrap_or(0)).min(ranked.len());
    let cards = cards_by_ids(db, &ranked[start..end]).await?;
    Ok((cards, ranked.len() as i64))
}

/// The ids of the first [`RANKED`] listings matching `filter`, best first.
async fn ranked_ids(db: &Db, filter: &BrowseFilter) -> sqlx::Result<Vec<i64>> {
    let backend = Backend::of_pool(db);
    let mut select = Sql::default();
    select.push("SELECT l.id");
    from_where(backend, filter, &mut select);
    order_and_page(backend, filter, &mut select, RANKED, 0);
    let rows = select.query().fetch_all(db).await?;
    rows.iter().map(|row| sqlx::Row::try_get(row, 0)).collect()
}

/// The cards of listings `ids`, in that order (any no longer there left out).
async fn cards_by_ids(db: &Db, ids: &[i64]) -> sqlx::Result<Vec<ListingCard>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut select = Sql::default();
    select.push(&format!(
        "SELECT {LISTING_CARD_COLUMNS} FROM listings l LEFT JOIN stalls s ON s.id = l.stall_id \
         WHERE l.id IN ("
    ));
    for (i, id) in ids.iter().enumerate() {
        if i > 0 {
            select.push(", ");
        }
        select.arg(Arg::Int(*id));
    }
    select.push(")");
    let rows = select.query().fetch_all(db).await?;
    let mut cards = rows
        .iter()
        .map(<ListingCard as sqlx::FromRow<_>>::from_row)
        .collect::<sqlx::Result<Vec<_>>>()?;
    let position: std::collections::HashMap<i64, usize> =
        ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    cards.sort_by_key(|card| position.get(&card.id).copied().unwrap_or(usize::MAX));
    Ok(cards)
}

/// Runs a page's query and its count at once: the page's rows as `T`, and the count.
async fn page_and_total<T>(db: &Db, select: &Sql, count: &Sql) -> sqlx::Result<(Vec<T>, i64)>
where
    T: for<'r> sqlx::FromRow<'r, sqlx::any::AnyRow>,
{
    let (rows, total) =
        tokio::try_join!(select.query().fetch_all(db), count.query().fetch_one(db))?;
    let items = rows
        .iter()
        .map(T::from_row)
        .collect::<sqlx::Result<Vec<_>>>()?;
    let total: i64 = sqlx::Row::try_get(&total, 0)?;
    Ok((items, total))
}

/// One page of approved stalls matching `filter` in its order, and how many match in all.
///
/// Every word must start a word of the stall's name, description, address or certifications;
/// with words and the default order, stalls whose name holds more of them come first. A few
/// thousand stalls at most: a scan of the folded columns takes well under a millisecond.
pub async fn find_stalls(
    db: &Db,
    filter: &StallFilter,
    limit: i64,
    offset: i64,
) -> sqlx::Result<(Vec<StallCard>, i64)> {
    fn from_where(filter: &StallFilter, sql: &mut Sql) {
        sql.push(" FROM stalls s WHERE s.status = 'approved'");
        // A stall is in a sector as its main one or as one of the others it names (known codes
        // of letters and dashes: no LIKE wildcard).
        if let Some(sector) = filter.sector {
            sql.push(" AND (s.sector_code = ")
                .arg(Arg::Text(sector.to_owned()))
                .push(" OR (',' || s.other_sectors || ',') LIKE ")
                .arg(Arg::Text(format!("%,{sector},%")))
                .push(")");
        }
        for (column, value) in [
            ("s.province_code", filter.province),
            ("s.org_kind", filter.org_kind),
        ] {
            if let Some(value) = value {
                sql.push(&format!(" AND {column} = "))
                    .arg(Arg::Text(value.to_owned()));
            }
        }
        // Folded words hold only letters and digits, so no LIKE wildcard can slip in.
        for term in &filter.terms {
            sql.push(" AND (' ' || s.fold_name || ' ' || s.fold_body) LIKE ")
                .arg(Arg::Text(format!("% {term}%")));
        }
    }
    let mut select = Sql::default();
    select.push(&format!("SELECT {STALL_CARD_COLUMNS}"));
    from_where(filter, &mut select);
    let mut order = String::new();
    if filter.sort == "offers" && !filter.terms.is_empty() {
        let mut hits = Vec::new();
        for term in &filter.terms {
            select.args.push(Arg::Text(format!("% {term}%")));
            hits.push(format!(
                "(CASE WHEN (' ' || s.fold_name) LIKE ${} THEN 1 ELSE 0 END)",
                select.args.len()
            ));
        }
        order = format!("{} DESC, ", hits.join(" + "));
    }
    order.push_str(match filter.sort {
        "name" => "s.fold_name",
        "newest" => "s.created_at DESC",
        _ => "offer_count DESC",
    });
    select
        .push(&format!(" ORDER BY {order}, s.id LIMIT "))
        .arg(Arg::Int(limit))
        .push(" OFFSET ")
        .arg(Arg::Int(offset));
    let mut count = Sql::default();
    count.push("SELECT COUNT(*)");
    from_where(filter, &mut count);
    page_and_total(db, &select, &count).await
}

/// Titles of published listings whose words start with what was typed, best first.
pub async fn suggest(db: &Db, terms: &[String], limit: i64) -> sqlx::Result<Vec<String>> {
    if terms.is_empty() {
        return Ok(Vec::new());
    }
    let backend = Backend::of_pool(db);
    let expression = match_expression(backend, terms, true);
    let sql = match backend {
        Backend::Sqlite => {
            "SELECT l.title FROM listings_fts CROSS JOIN listings l ON l.id = listings_fts.rowid
             WHERE listings_fts MATCH $1 AND l.status = 'published'
             ORDER BY bm25(listings_fts, 10.0, 1.0) LIMIT $2"
        }
        Backend::Postgres => {
            "SELECT l.title FROM listings l
             WHERE l.search_vector @@ to_tsquery('simple', $1) AND l.status = 'published'
             ORDER BY ts_rank(l.search_vector, to_tsquery('simple', $1)) DESC LIMIT $2"
        }
    };
    let mut titles: Vec<String> = sqlx::query_scalar(sql)
        .bind(expression)
        .bind(limit * 2)
        .fetch_all(db)
        .await?;
    let mut seen = std::collections::HashSet::new();
    titles.retain(|t| seen.insert(t.clone()));
    titles.truncate(usize::try_from(limit).unwrap_or(0));
    Ok(titles)
}

/// The same suggestions as [`suggest`], remembered in `cache` for the catalogue's current
/// search version.
pub async fn suggest_cached(
    db: &Db,
    cache: &SearchCache,
    terms: &[String],
    limit: i64,
) -> sqlx::Result<Vec<String>> {
    if terms.is_empty() || !cache.suggestions.is_enabled() {
        return suggest(db, terms, limit).await;
    }
    let version = search_version(db).await?;
    let key = format!("{limit}\u{1f}{}", terms.join(" "));
    let titles = cache
        .suggestions
        .get_or_compute(&key, version, || suggest(db, terms, limit))
        .await?;
    Ok(titles.as_ref().clone())
}

/// The folded title and body a listing is indexed by.
pub fn folded(
    title: &str,
    summary: &str,
    description: &str,
    stall_name: Option<&str>,
) -> (String, String) {
    (
        index_text(title),
        index_text(&format!(
            "{summary} {description} {}",
            stall_name.unwrap_or_default()
        )),
    )
}

/// The folded name and body a stall is found by in the directory.
pub fn folded_stall(
    name: &str,
    description: &str,
    address: &str,
    certifications: &str,
) -> (String, String) {
    let fold_name = index_text(name);
    (
        // A name with no letters or digits still counts as indexed.
        if fold_name.is_empty() {
            " ".to_owned()
        } else {
            fold_name
        },
        index_text(&format!("{description} {address} {certifications}")),
    )
}

/// Folds the words of a stall's listings again after the stall was renamed (its name is part of
/// their body).
pub async fn refold_stall_listings(
    conn: &mut sqlx::AnyConnection,
    stall_id: i64,
    stall_name: &str,
) -> sqlx::Result<()> {
    let listings: Vec<(i64, String, String)> =
        sqlx::query_as("SELECT id, summary, description FROM listings WHERE stall_id = $1")
            .bind(stall_id)
            .fetch_all(&mut *conn)
            .await?;
    for (id, summary, description) in listings {
        let (_, fold_body) = folded("", &summary, &description, Some(stall_name));
        sqlx::query("UPDATE listings SET fold_body = $1 WHERE id = $2")
            .bind(fold_body)
            .bind(id)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// Folds stalls not yet indexed for the directory (stored before it could be searched); returns
/// how many.
pub async fn index_missing_stalls(db: &Db) -> sqlx::Result<u64> {
    let stalls: Vec<(i64, String, String, String, String)> = sqlx::query_as(
        "SELECT id, name, description, address, certifications FROM stalls WHERE fold_name = ''",
    )
    .fetch_all(db)
    .await?;
    let mut tx = db.begin().await?;
    for (id, name, description, address, certifications) in &stalls {
        let (fold_name, fold_body) = folded_stall(name, description, address, certifications);
        sqlx::query("UPDATE stalls SET fold_name = $1, fold_body = $2 WHERE id = $3")
            .bind(fold_name)
            .bind(fold_body)
            .bind(id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(stalls.len() as u64)
}

/// Folds listings not yet indexed (stored before search existed); returns how many.
pub async fn index_missing(db: &Db) -> sqlx::Result<u64> {
    let mut done = 0;
    loop {
        let batch: Vec<(i64, String, String, String, Option<String>)> = sqlx::query_as(
            "SELECT l.id, l.title, l.summary, l.description, s.name
             FROM listings l LEFT JOIN stalls s ON s.id = l.stall_id
             WHERE l.fold_title = '' LIMIT 500",
        )
        .fetch_all(db)
        .await?;
        if batch.is_empty() {
            return Ok(done);
        }
        let mut tx = db.begin().await?;
        for (id, title, summary, description, stall) in &batch {
            let (fold_title, fold_body) = folded(title, summary, description, stall.as_deref());
            // A title with no letters or digits still counts as indexed.
            let fold_title = if fold_title.is_empty() {
                " ".to_owned()
            } else {
                fold_title
            };
            sqlx::query("UPDATE listings SET fold_title = $1, fold_body = $2 WHERE id = $3")
                .bind(fold_title)
                .bind(fold_body)
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        done += batch.len() as u64;
    }
}
