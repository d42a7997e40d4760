//! The published catalogue's words and filters, kept in memory by every server process: what
//! "best match" searches and supply–demand matches read instead of the database's full-text
//! index (see `db::search`). The words are kept by the search engine all catalogues share
//! (`db::text_index`); this adds what a listing's filters and score read, and how the index
//! follows the database.
//!
//! A search of six common words asked the database for each relevance tier of each variant of
//! the query (synonyms, words left out) and then read its candidates' rows: 121 ms at p99 on
//! SQLite and 390 ms on PostgreSQL at scale 10 (128,560 listings). Here the same tiers are
//! walked over posting lists in memory, newest first and only as far as needed, and the
//! candidates' words are already at hand; a search then reads the database twice (the version,
//! its page's cards).
//!
//! The index follows the database: it is labelled with the search version it reflects
//! (migration 18) and, when the version has moved, reads only the listings the versions since
//! then changed, from `search_changes` (migration 39) — so several server processes on one
//! PostgreSQL database each stay current. A process that has fallen behind the log's start, or
//! has never read the catalogue, reads it whole (about 2 s at scale 10, once, at start-up).

use std::collections::HashMap;
use std::sync::Arc;

use super::Db;
use super::text_index::{Shelf, Shelves, Sym, TextIndex, counters};
use crate::domain::BrowseFilter;

/// What a search reads of a published listing beside its words.
pub(super) struct Doc {
    pub id: u32,
    pub offer: bool,
    listing_type: Sym,
    sector: Sym,
    province: Sym,
    /// The price of an offer, the upper end of a request's budget.
    pub price: Option<i64>,
    trl: Option<i64>,
    pub has_pictures: bool,
    stall_id: Option<i64>,
    pub approved_stall: bool,
    /// Gives a price or budget and a summary worth reading.
    pub complete: bool,
    pub created_at: i64,
    /// Who posted it: `s` and a stall's id, `u` and an account's, or `n` and a folded name.
    pub poster: Box<str>,
}

/// A [`BrowseFilter`]'s conditions other than words, in the index's numbers. A label no
/// listing has can match nothing.
struct Conditions<'a> {
    filter: &'a BrowseFilter,
    offer: Option<bool>,
    listing_type: Option<Option<Sym>>,
    sector: Option<Option<Sym>>,
    province: Option<Option<Sym>>,
}

impl Conditions<'_> {
    fn accept(&self, doc: &Doc) -> bool {
        let label = |wanted: Option<Option<Sym>>, have: Sym| wanted.is_none_or(|w| w == Some(have));
        let f = self.filter;
        self.offer.is_none_or(|offer| doc.offer == offer)
            && label(self.listing_type, doc.listing_type)
            && label(self.sector, doc.sector)
            && label(self.province, doc.province)
            && f.price_min
                .is_none_or(|min| doc.price.is_some_and(|p| p >= min))
            && f.price_max
                .is_none_or(|max| doc.price.is_some_and(|p| p <= max))
            && f.trl_min
                .is_none_or(|min| doc.trl.is_some_and(|t| t >= min))
            && (!f.with_images || doc.has_pictures)
            && f.stall_id.is_none_or(|id| doc.stall_id == Some(id))
            && f.only
                .as_ref()
                .is_none_or(|ids| ids.binary_search(&i64::from(doc.id)).is_ok())
            && match f.seller {
                Some("stall") => doc.stall_id.is_some(),
                Some("independent") => doc.stall_id.is_none(),
                _ => true,
            }
    }
}

/// The catalogue as of one search version.
#[derive(Default)]
pub(super) struct Index {
    /// The search version this reflects; `None` before the catalogue was first read.
    version: Option<i64>,
    text: TextIndex<Doc>,
    /// The moderators' synonym sets (`domain::ranking::parse_synonym_sets`).
    pub synonyms: Vec<Vec<Vec<String>>>,
}

impl Index {
    fn add(&mut self, id: u32, row: Row) {
        let doc = Doc {
            id,
            offer: row.kind == "offer",
            listing_type: self.text.label(&row.listing_type),
            sector: self.text.label(&row.sector),
            province: self.text.label(&row.province),
            price: row.price,
            trl: row.trl,
            has_pictures: row.image_count > 0,
            stall_id: (row.stall_id > 0).then_some(row.stall_id),
            approved_stall: row.approved_stall,
            complete: row.complete,
            created_at: row.created_at,
            poster: row.poster.into(),
        };
        self.text.add(id, &row.fold_title, &row.fold_body, doc);
    }

    fn remove(&mut self, id: u32) {
        self.text.remove(id);
    }

    /// How many published titles hold each of `words` (a word none holds is missing).
    pub fn title_counts(&self, words: &[String]) -> HashMap<String, i64> {
        self.text.title_counts(words)
    }

    fn conditions<'a>(&self, filter: &'a BrowseFilter) -> Conditions<'a> {
        let label = |value: Option<&str>| value.map(|v| self.text.label_of(v));
        Conditions {
            filter,
            offer: filter.kind.map(|kind| kind == "offer"),
            listing_type: label(filter.listing_type),
            sector: label(filter.sector),
            province: label(filter.province),
        }
    }

    /// The first `limit` listings matching `terms` in `part` (as a phrase when `phrase`) and
    /// `filter`, newest first.
    #[cfg(test)]
    fn newest(
        &self,
        terms: &[String],
        part: super::text_index::Part,
        phrase: bool,
        filter: &BrowseFilter,
        limit: usize,
    ) -> Vec<i64> {
        let conditions = self.conditions(filter);
        self.text
            .newest(terms, part, phrase, &|doc| conditions.accept(doc), limit)
    }

    /// How many listings hold all of `terms` anywhere and pass `filter`, counted up to `cap`.
    pub fn count(&self, terms: &[String], filter: &BrowseFilter, cap: i64) -> i64 {
        let conditions = self.conditions(filter);
        self.text.count(terms, &|doc| conditions.accept(doc), cap)
    }

    /// The first `depth` listings matching `filter`'s words and conditions, tier by tier
    /// (`TextIndex::ranked`), and how many match when that read them all.
    pub fn ranked(&self, filter: &BrowseFilter, depth: i64) -> (Vec<i64>, Option<i64>) {
        let conditions = self.conditions(filter);
        self.text
            .ranked(&filter.terms, &|doc| conditions.accept(doc), depth)
    }

    /// The listing `id`, when published.
    pub fn doc(&self, id: i64) -> Option<&Doc> {
        self.text.get(id)
    }

    /// A listing's title and the rest as folded words.
    pub fn words(&self, id: i64) -> Option<(Vec<String>, Vec<String>)> {
        self.text.words(id)
    }

    /// How many published listings this holds.
    pub fn len(&self) -> usize {
        self.text.len()
    }
}

/// A listing's row as the index reads it.
struct Row {
    kind: String,
    listing_type: String,
    sector: String,
    province: String,
    price: Option<i64>,
    trl: Option<i64>,
    image_count: i64,
    stall_id: i64,
    approved_stall: bool,
    complete: bool,
    created_at: i64,
    poster: String,
    fold_title: String,
    fold_body: String,
}

/// The columns of [`Row`], with the listing's id first; `FROM listings l` joined with its stall
/// as `s`, published ones only. The status is tested so that no index can serve it: with the
/// status index SQLite read every published listing and sorted them for each batch of the
/// whole catalogue's read (7.9 s at scale 10); by the primary key it reads each once.
const COLUMNS: &str = "SELECT l.id, l.kind, l.listing_type, l.sector_code, l.province_code, \
     COALESCE(l.price_vnd, l.budget_max_vnd), CAST(l.trl AS BIGINT), CAST(l.image_count AS BIGINT), \
     CAST(COALESCE(l.stall_id, 0) AS BIGINT), CAST(COALESCE(l.owner_id, 0) AS BIGINT), \
     COALESCE(l.seller_name, ''), \
     CAST(CASE WHEN s.status = 'approved' THEN 1 ELSE 0 END AS BIGINT), \
     CAST(CASE WHEN COALESCE(l.price_vnd, l.budget_max_vnd, l.budget_min_vnd) IS NOT NULL \
                AND LENGTH(l.summary) >= 40 THEN 1 ELSE 0 END AS BIGINT), \
     l.created_at, l.fold_title, l.fold_body \
     FROM listings l LEFT JOIN stalls s ON s.id = l.stall_id WHERE (l.status = 'published') = TRUE";

/// Who posted a listing, as a search folds copies by it: `s` and its stall's id, else `u` and
/// its owner's, else `n` and the seller's folded name (ids of 0 standing for none).
pub(super) fn poster_key(stall_id: i64, owner_id: i64, seller: &str) -> String {
    if stall_id > 0 {
        format!("s{stall_id}")
    } else if owner_id > 0 {
        format!("u{owner_id}")
    } else {
        format!("n{}", crate::domain::index_text(seller))
    }
}

fn read_row(row: &sqlx::any::AnyRow) -> sqlx::Result<(u32, Row)> {
    use sqlx::Row as _;
    let id: i64 = row.try_get(0)?;
    let id = u32::try_from(id).map_err(|e| sqlx::Error::Decode(Box::new(e)))?;
    let stall_id: i64 = row.try_get(8)?;
    let owner_id: i64 = row.try_get(9)?;
    let seller: String = row.try_get(10)?;
    let poster = poster_key(stall_id, owner_id, &seller);
    Ok((
        id,
        Row {
            kind: row.try_get(1)?,
            listing_type: row.try_get(2)?,
            sector: row.try_get(3)?,
            province: row.try_get(4)?,
            price: row.try_get(5)?,
            trl: row.try_get(6)?,
            image_count: row.try_get(7)?,
            stall_id,
            approved_stall: row.try_get::<i64, _>(11)? > 0,
            complete: row.try_get::<i64, _>(12)? > 0,
            created_at: row.try_get(13)?,
            poster,
            fold_title: row.try_get(14)?,
            fold_body: row.try_get(15)?,
        },
    ))
}

/// Listings read at once when the whole catalogue is read.
const LOAD_BATCH: i64 = 5_000;

/// Changed listings read at once.
const CHANGE_BATCH: usize = 500;

/// One database's index, with what keeps it current.
pub(super) type SearchIndex = Shelf<Index>;

/// Each database's index.
static INDEXES: Shelves<Index> = Shelves::new();

/// The search version, this database's number and where the change log starts.
const COUNTERS: [&str; 3] = ["search_version", "search_catalogue", "search_changes_from"];

/// The database's index, brought up to its current search version.
pub(super) async fn current(conn: &mut sqlx::AnyConnection) -> sqlx::Result<Arc<SearchIndex>> {
    let [version, catalogue, changes_from] = counters(conn, COUNTERS).await?;
    let index = INDEXES.of(catalogue);
    if index.read().version.is_some_and(|seen| seen >= version) {
        return Ok(index);
    }
    refresh(&index, conn, version, changes_from).await?;
    Ok(index)
}

/// Brings `index` up to `version`: reads the listings changed since the version it reflects,
/// or the whole catalogue.
async fn refresh(
    index: &SearchIndex,
    conn: &mut sqlx::AnyConnection,
    version: i64,
    changes_from: i64,
) -> sqlx::Result<()> {
    let _refreshing = index.refreshing.lock().await;
    // Another request may have brought it up to date meanwhile.
    let seen = match index.read().version {
        Some(seen) if seen >= version => return Ok(()),
        Some(seen) if seen + 1 >= changes_from => Some(seen),
        _ => None,
    };
    let synonyms =
        crate::domain::ranking::parse_synonym_sets(&super::search::synonym_text(&mut *conn).await?);
    match seen {
        Some(seen) => {
            let changed: Vec<i64> = sqlx::query_scalar(
                "SELECT DISTINCT listing_id FROM search_changes WHERE version > $1",
            )
            .bind(seen)
            .fetch_all(&mut *conn)
            .await?;
            let mut rows = Vec::new();
            for chunk in changed.chunks(CHANGE_BATCH) {
                let list = super::id_list(chunk.iter().copied());
                for row in sqlx::query(&format!("{COLUMNS} AND l.id IN ({list})"))
                    .fetch_all(&mut *conn)
                    .await?
                {
                    rows.push(read_row(&row)?);
                }
            }
            let mut state = index.write();
            for id in &changed {
                if let Ok(id) = u32::try_from(*id) {
                    state.remove(id);
                }
            }
            for (id, row) in rows {
                state.add(id, row);
            }
            state.synonyms = synonyms;
            state.version = Some(version);
        }
        None => {
            let mut fresh = Index {
                synonyms,
                ..Index::default()
            };
            let mut after = 0_i64;
            loop {
                let rows = sqlx::query(&format!(
                    "{COLUMNS} AND l.id > $1 ORDER BY l.id LIMIT {LOAD_BATCH}"
                ))
                .bind(after)
                .fetch_all(&mut *conn)
                .await?;
                for row in &rows {
                    let (id, row) = read_row(row)?;
                    after = i64::from(id);
                    fresh.add(id, row);
                }
                if (rows.len() as i64) < LOAD_BATCH {
                    break;
                }
            }
            fresh.version = Some(version);
            *index.write() = fresh;
        }
    }
    Ok(())
}

/// Reads the database's index up to date (at start-up, so the first search finds it ready).
pub async fn warm(db: &Db) -> sqlx::Result<usize> {
    let mut conn = db.acquire().await?;
    let index = current(&mut conn).await?;
    Ok(index.read().len())
}

/// Search versions the change log keeps at least.
pub const CHANGES_KEPT: i64 = 10_000;

/// Removes the change log's rows older than the last [`CHANGES_KEPT`] search versions, when it
/// holds more than twice that many; returns the rows removed. A process whose index is older
/// than what the log keeps reads the catalogue whole again.
pub async fn prune_changes(db: &Db) -> sqlx::Result<u64> {
    let mut tx = db.begin().await?;
    let [version, _, changes_from] = counters(&mut tx, COUNTERS).await?;
    if version - changes_from < 2 * CHANGES_KEPT {
        return Ok(0);
    }
    let from = version - CHANGES_KEPT;
    let removed = sqlx::query("DELETE FROM search_changes WHERE version < $1")
        .bind(from)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    sqlx::query(
        "UPDATE site_counters SET value = $1 WHERE name = 'search_changes_from' AND value < $1",
    )
    .bind(from)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(removed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::text_index::Part;

    fn row(kind: &str, title: &str, body: &str, created_at: i64) -> Row {
        Row {
            kind: kind.into(),
            listing_type: "equipment".into(),
            sector: "agri".into(),
            province: "CT".into(),
            price: Some(1_000),
            trl: None,
            image_count: 0,
            stall_id: 0,
            approved_stall: false,
            complete: false,
            created_at,
            poster: "n".into(),
            fold_title: title.into(),
            fold_body: body.into(),
        }
    }

    fn words(text: &str) -> Vec<String> {
        text.split_whitespace().map(str::to_owned).collect()
    }

    #[test]
    fn a_listing_filter_narrows_the_tiers_and_the_count() {
        let mut index = Index::default();
        index.add(1, row("offer", "may say lua", "", 1));
        index.add(2, row("offer", "lua may say", "", 2));
        index.add(3, row("request", "may", "say lua tang soi", 3));
        index.add(4, row("offer", "bom", "may say lua", 4));
        let q = words("may say");
        let all = BrowseFilter::default();
        assert_eq!(
            index
                .ranked(
                    &BrowseFilter {
                        terms: q.clone(),
                        ..all.clone()
                    },
                    10
                )
                .0,
            [2, 1, 4, 3]
        );
        let requests = BrowseFilter {
            kind: Some("request"),
            ..BrowseFilter::default()
        };
        assert_eq!(index.newest(&q, Part::Anywhere, false, &requests, 10), [3]);
        assert_eq!(index.count(&q, &requests, 10), 1);
        let elsewhere = BrowseFilter {
            province: Some("HCM"),
            ..BrowseFilter::default()
        };
        assert!(
            index
                .newest(&q, Part::Anywhere, false, &elsewhere, 10)
                .is_empty()
        );
        assert_eq!(index.count(&q, &all, 3), 3);
        assert_eq!(index.title_counts(&words("may bom x"))["may"], 3);
    }

    #[test]
    fn price_and_trl_conditions_need_a_value() {
        let mut index = Index::default();
        let mut priced = row("offer", "may", "", 1);
        priced.price = Some(5_000);
        priced.trl = Some(6);
        let mut unpriced = row("offer", "may", "", 2);
        unpriced.price = None;
        index.add(1, priced);
        index.add(2, unpriced);
        let cheap = BrowseFilter {
            price_max: Some(10_000),
            trl_min: Some(5),
            ..BrowseFilter::default()
        };
        assert_eq!(
            index.newest(&words("may"), Part::Title, false, &cheap, 10),
            [1]
        );
    }
}
