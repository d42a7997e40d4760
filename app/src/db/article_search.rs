//! Finding news articles by words, through the search engine listings use (`db::text_index`):
//! the same folding (with or without diacritics), the same reading of a query (synonyms, a typo
//! forgiven, a word nothing holds left out), the same tiers and score, and the words to
//! highlight.
//!
//! Every server process keeps the published articles' words in memory. The index follows the
//! database by `article_search_version` (migration 43): each recorded change to an article
//! raises it and stamps the article with it, so a process that has read version V reads only the
//! articles stamped later — published ones are indexed again, others removed.

use std::collections::HashMap;
use std::sync::Arc;

use super::Db;
use super::text_index::{
    SearchNotes, Shelf, Shelves, Source, Sym, TextIndex, Traits, counters, read_query, scored,
};
use crate::domain::search::COUNT_CAP;
use crate::model::ArticleCard;

/// What a search reads of a published article beside its words.
struct Doc {
    category: Sym,
    tags: Box<[Sym]>,
    published_at: i64,
    has_cover: bool,
}

/// The published articles as of one article search version.
#[derive(Default)]
struct ArticleIndex {
    /// The version this reflects; `None` before the articles were first read.
    version: Option<i64>,
    text: TextIndex<Doc>,
}

/// Each database's article index.
static INDEXES: Shelves<ArticleIndex> = Shelves::new();

/// What to look for: folded words (at least one), maybe in one category or with one tag.
#[derive(Debug, Clone, Default)]
pub struct ArticleFilter<'a> {
    pub terms: &'a [String],
    pub category: Option<&'a str>,
    pub tag: Option<&'a str>,
}

/// A page of articles found, best first.
#[derive(Debug, Clone, Default)]
pub struct FoundArticles {
    pub cards: Vec<ArticleCard>,
    /// How many articles match, up to [`COUNT_CAP`] + 1.
    pub total: i64,
    pub notes: SearchNotes,
}

/// An article's row as the index reads it.
struct Row {
    id: u32,
    published: bool,
    fold_title: String,
    fold_text: String,
    category: String,
    published_at: i64,
    has_cover: bool,
}

/// [`Row`]'s columns, `a` being the article.
const COLUMNS: &str = "SELECT a.id, CAST(CASE WHEN a.status = 'published' THEN 1 ELSE 0 END AS BIGINT), \
     a.title, a.fold_text, a.category, CAST(COALESCE(a.published_at, 0) AS BIGINT), \
     CAST(CASE WHEN a.cover_thumb IS NULL THEN 0 ELSE 1 END AS BIGINT) FROM articles a";

fn read_row(row: &sqlx::any::AnyRow) -> sqlx::Result<Row> {
    use sqlx::Row as _;
    let id: i64 = row.try_get(0)?;
    let title: String = row.try_get(2)?;
    Ok(Row {
        id: u32::try_from(id).map_err(|e| sqlx::Error::Decode(Box::new(e)))?,
        published: row.try_get::<i64, _>(1)? == 1,
        // The stored folded text holds the title, the summary and the body; the title's words
        // alone are folded here.
        fold_title: crate::domain::index_text(&title),
        fold_text: row.try_get(3)?,
        category: row.try_get(4)?,
        published_at: row.try_get(5)?,
        has_cover: row.try_get::<i64, _>(6)? == 1,
    })
}

impl ArticleIndex {
    fn add(&mut self, row: Row, tags: &[String]) {
        if !row.published {
            self.text.remove(row.id);
            return;
        }
        let doc = Doc {
            category: self.text.label(&row.category),
            tags: tags.iter().map(|t| self.text.label(t)).collect(),
            published_at: row.published_at,
            has_cover: row.has_cover,
        };
        self.text.add(row.id, &row.fold_title, &row.fold_text, doc);
    }

    /// What `filter`'s category and tag admit: a label no article has admits nothing.
    fn accept(&self, filter: &ArticleFilter<'_>) -> impl Fn(&Doc) -> bool + use<> {
        let category = filter.category.map(|c| self.text.label_of(c));
        let tag = filter.tag.map(|t| self.text.label_of(t));
        move |doc: &Doc| {
            category.is_none_or(|c| c == Some(doc.category))
                && tag.is_none_or(|t| t.is_some_and(|t| doc.tags.contains(&t)))
        }
    }
}

/// Articles read at once when all are read.
const LOAD_BATCH: i64 = 2_000;

/// The articles `rows` with their tags, by article.
async fn with_tags(
    conn: &mut sqlx::AnyConnection,
    rows: Vec<Row>,
) -> sqlx::Result<Vec<(Row, Vec<String>)>> {
    let mut tags: HashMap<u32, Vec<String>> = HashMap::new();
    for chunk in rows.chunks(500) {
        let list = super::id_list(chunk.iter().map(|r| i64::from(r.id)));
        let pairs: Vec<(i64, String)> = sqlx::query_as(&format!(
            "SELECT article_id, tag FROM article_tags WHERE article_id IN ({list})"
        ))
        .fetch_all(&mut *conn)
        .await?;
        for (id, tag) in pairs {
            if let Ok(id) = u32::try_from(id) {
                tags.entry(id).or_default().push(tag);
            }
        }
    }
    Ok(rows
        .into_iter()
        .map(|row| {
            let tags = tags.remove(&row.id).unwrap_or_default();
            (row, tags)
        })
        .collect())
}

/// The database's article index, brought up to its current article search version.
async fn current(conn: &mut sqlx::AnyConnection) -> sqlx::Result<Arc<Shelf<ArticleIndex>>> {
    let [version, catalogue] =
        counters(&mut *conn, ["article_search_version", "search_catalogue"]).await?;
    let shelf = INDEXES.of(catalogue);
    if shelf.read().version.is_some_and(|seen| seen >= version) {
        return Ok(shelf);
    }
    let refreshing = shelf.refreshing.lock().await;
    // Another request may have brought it up to date meanwhile.
    let seen = shelf.read().version;
    match seen {
        Some(seen) if seen >= version => {}
        Some(seen) => {
            let rows = sqlx::query(&format!("{COLUMNS} WHERE a.search_version > $1"))
                .bind(seen)
                .fetch_all(&mut *conn)
                .await?
                .iter()
                .map(read_row)
                .collect::<sqlx::Result<Vec<_>>>()?;
            let rows = with_tags(conn, rows).await?;
            let mut index = shelf.write();
            for (row, tags) in rows {
                index.add(row, &tags);
            }
            index.version = Some(version);
        }
        None => {
            let mut fresh = ArticleIndex::default();
            let mut after = 0_i64;
            loop {
                let rows = sqlx::query(&format!(
                    "{COLUMNS} WHERE a.status = 'published' AND a.id > $1 \
                     ORDER BY a.id LIMIT {LOAD_BATCH}"
                ))
                .bind(after)
                .fetch_all(&mut *conn)
                .await?
                .iter()
                .map(read_row)
                .collect::<sqlx::Result<Vec<_>>>()?;
                let last = rows.len() as i64;
                if let Some(row) = rows.last() {
                    after = i64::from(row.id);
                }
                for (row, tags) in with_tags(conn, rows).await? {
                    fresh.add(row, &tags);
                }
                if last < LOAD_BATCH {
                    break;
                }
            }
            fresh.version = Some(version);
            *shelf.write() = fresh;
        }
    }
    drop(refreshing);
    Ok(shelf)
}

/// Reads the database's article index up to date (at start-up, so the first search finds it
/// ready); returns how many published articles it holds.
pub async fn warm(db: &Db) -> sqlx::Result<usize> {
    let mut conn = db.acquire().await?;
    let shelf = current(&mut conn).await?;
    Ok(shelf.read().text.len())
}

/// The articles as the shared engine reads a query over them.
struct Articles<'a> {
    shelf: &'a Shelf<ArticleIndex>,
    filter: &'a ArticleFilter<'a>,
}

impl Source for Articles<'_> {
    async fn title_counts(&mut self, words: &[String]) -> sqlx::Result<HashMap<String, i64>> {
        Ok(self.shelf.read().text.title_counts(words))
    }

    async fn rank_terms(
        &mut self,
        terms: &[String],
        depth: i64,
    ) -> sqlx::Result<(Vec<i64>, i64, bool)> {
        let index = self.shelf.read();
        let accept = index.accept(self.filter);
        Ok(index
            .text
            .ranked_and_counted(terms, &accept, depth, COUNT_CAP + 1))
    }

    async fn any(&mut self, terms: &[String]) -> sqlx::Result<bool> {
        let index = self.shelf.read();
        let accept = index.accept(self.filter);
        Ok(!index.text.ranked(terms, &accept, 1).0.is_empty())
    }
}

/// How deep a search is scored: its first pages.
const SCORED: usize = 96;

/// The page `offset..offset + limit` of the published articles matching `filter`, best first:
/// the tiers' first matches scored (`domain::ranking::score`: the words' places and rarity, a
/// cover, freshness), deeper ones in the tiers' order.
pub async fn find(
    db: &Db,
    filter: &ArticleFilter<'_>,
    limit: i64,
    offset: i64,
) -> sqlx::Result<FoundArticles> {
    if filter.terms.is_empty() || offset + limit > COUNT_CAP + 1 {
        return Ok(FoundArticles::default());
    }
    let mut conn = db.acquire().await?;
    let shelf = current(&mut conn).await?;
    let synonyms = super::search_index::current(&mut conn)
        .await?
        .read()
        .synonyms
        .clone();
    let depth = (offset + limit).max(SCORED as i64);
    let reading = read_query(
        &mut Articles {
            shelf: &shelf,
            filter,
        },
        filter.terms,
        &synonyms,
        depth,
    )
    .await?;
    let pool = {
        let index = shelf.read();
        let traits = |doc: &Doc| Traits {
            has_picture: doc.has_cover,
            created_at: doc.published_at,
        };
        scored(&index.text, &reading, SCORED, traits, super::now_ms())
    };
    let start = usize::try_from(offset).unwrap_or(0).min(pool.len());
    let end = (start + usize::try_from(limit).unwrap_or(0)).min(pool.len());
    let cards = cards(&mut conn, &pool[start..end]).await?;
    Ok(FoundArticles {
        cards,
        total: reading.total,
        notes: reading.notes,
    })
}

/// The cards of published articles `ids`, in that order.
async fn cards(conn: &mut sqlx::AnyConnection, ids: &[i64]) -> sqlx::Result<Vec<ArticleCard>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let list = super::id_list(ids.iter().copied());
    let mut cards: Vec<ArticleCard> = sqlx::query_as(&format!(
        "SELECT {} FROM articles a WHERE a.status = 'published' AND a.id IN ({list})",
        super::articles::CARD_COLUMNS
    ))
    .fetch_all(conn)
    .await?;
    let position: HashMap<i64, usize> = ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    cards.sort_by_key(|card| position.get(&card.id).copied().unwrap_or(usize::MAX));
    Ok(cards)
}
