//! Finding startup projects by words, through the engine listings and articles use
//! (`db::text_index`): the same folding, the same reading of a query (synonyms, a typo
//! forgiven, a word nothing holds left out), the same tiers and score.
//!
//! Every server process keeps the published projects' words in memory. The index follows the
//! database by `startup_search_version` (migration 48), as the article index follows its own.

use std::collections::HashMap;
use std::sync::Arc;

use super::Db;
use super::startups::ProjectFilter;
use super::text_index::{
    SearchNotes, Shelf, Shelves, Source, Sym, TextIndex, Traits, counters, read_query, scored,
};
use crate::domain::search::COUNT_CAP;
use crate::model::ProjectCard;

/// What a search reads of a published project beside its words.
struct Doc {
    sector: Sym,
    stage: Sym,
    funding: Sym,
    province: Sym,
    published_at: i64,
    has_cover: bool,
}

/// The published projects as of one startup search version.
#[derive(Default)]
struct ProjectIndex {
    version: Option<i64>,
    text: TextIndex<Doc>,
}

/// Each database's project index.
static INDEXES: Shelves<ProjectIndex> = Shelves::new();

/// A project's row as the index reads it.
#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    status: String,
    name: String,
    pitch: String,
    description: String,
    sector_code: String,
    stage: String,
    funding_kind: String,
    province_code: String,
    published_at: Option<i64>,
    has_cover: i64,
}

const COLUMNS: &str = "SELECT id, status, name, pitch, description, sector_code, stage, \
     funding_kind, province_code, published_at, \
     CAST(CASE WHEN cover_thumb IS NULL THEN 0 ELSE 1 END AS BIGINT) AS has_cover \
     FROM startup_projects";

impl ProjectIndex {
    fn add(&mut self, row: Row) {
        let Ok(id) = u32::try_from(row.id) else {
            return;
        };
        if row.status != "published" {
            self.text.remove(id);
            return;
        }
        let doc = Doc {
            sector: self.text.label(&row.sector_code),
            stage: self.text.label(&row.stage),
            funding: self.text.label(&row.funding_kind),
            province: self.text.label(&row.province_code),
            published_at: row.published_at.unwrap_or_default(),
            has_cover: row.has_cover == 1,
        };
        let title = crate::domain::index_text(&row.name);
        let body =
            crate::domain::index_text(&format!("{} {} {}", row.name, row.pitch, row.description));
        self.text.add(id, &title, &body, doc);
    }

    /// What `filter` admits: a code no project has admits nothing.
    fn accept(&self, filter: &ProjectFilter) -> impl Fn(&Doc) -> bool + use<> {
        let label = |code: Option<&str>| code.map(|c| self.text.label_of(c));
        let (sector, stage, funding, province) = (
            label(filter.sector),
            label(filter.stage),
            label(filter.funding),
            label(filter.province),
        );
        move |doc: &Doc| {
            sector.is_none_or(|s| s == Some(doc.sector))
                && stage.is_none_or(|s| s == Some(doc.stage))
                && funding.is_none_or(|f| f == Some(doc.funding))
                && province.is_none_or(|p| p == Some(doc.province))
        }
    }
}

/// Projects read at once when all are read.
const LOAD_BATCH: i64 = 2_000;

/// The database's project index, brought up to its current startup search version.
async fn current(conn: &mut sqlx::AnyConnection) -> sqlx::Result<Arc<Shelf<ProjectIndex>>> {
    let [version, catalogue] =
        counters(&mut *conn, ["startup_search_version", "search_catalogue"]).await?;
    let shelf = INDEXES.of(catalogue);
    if shelf.read().version.is_some_and(|seen| seen >= version) {
        return Ok(shelf);
    }
    let refreshing = shelf.refreshing.lock().await;
    let seen = shelf.read().version;
    match seen {
        Some(seen) if seen >= version => {}
        Some(seen) => {
            let rows: Vec<Row> = sqlx::query_as(&format!("{COLUMNS} WHERE search_version > $1"))
                .bind(seen)
                .fetch_all(&mut *conn)
                .await?;
            let mut index = shelf.write();
            for row in rows {
                index.add(row);
            }
            index.version = Some(version);
        }
        None => {
            let mut fresh = ProjectIndex::default();
            let mut after = 0_i64;
            loop {
                let rows: Vec<Row> = sqlx::query_as(&format!(
                    "{COLUMNS} WHERE status = 'published' AND id > $1 ORDER BY id LIMIT {LOAD_BATCH}"
                ))
                .bind(after)
                .fetch_all(&mut *conn)
                .await?;
                let read = rows.len() as i64;
                if let Some(row) = rows.last() {
                    after = row.id;
                }
                for row in rows {
                    fresh.add(row);
                }
                if read < LOAD_BATCH {
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

/// The projects as the shared engine reads a query over them.
struct Projects<'a> {
    shelf: &'a Shelf<ProjectIndex>,
    filter: &'a ProjectFilter,
}

impl Source for Projects<'_> {
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

/// A page of projects found, best first.
#[derive(Debug, Clone, Default)]
pub struct FoundProjects {
    pub cards: Vec<ProjectCard>,
    /// How many match, up to [`COUNT_CAP`] + 1.
    pub total: i64,
    pub notes: SearchNotes,
}

/// The page `offset..offset + limit` of the published projects holding `terms` (folded, at
/// least one) that `filter` admits, best first (`domain::ranking::score`).
pub async fn find(
    db: &Db,
    terms: &[String],
    filter: &ProjectFilter,
    limit: i64,
    offset: i64,
) -> sqlx::Result<FoundProjects> {
    if terms.is_empty() || offset + limit > COUNT_CAP + 1 {
        return Ok(FoundProjects::default());
    }
    let mut conn = db.acquire().await?;
    let shelf = current(&mut conn).await?;
    let synonyms = super::search_index::current(&mut conn)
        .await?
        .read()
        .synonyms
        .clone();
    drop(conn);
    let depth = (offset + limit).max(SCORED as i64);
    let reading = read_query(
        &mut Projects {
            shelf: &shelf,
            filter,
        },
        terms,
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
    Ok(FoundProjects {
        cards: super::startups::cards(db, &pool[start..end]).await?,
        total: reading.total,
        notes: reading.notes,
    })
}
