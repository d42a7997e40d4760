//! Finding listings: full-text search with filters and sorting, and suggestions while typing.
//!
//! "Best match" — a search with words in its default order, and the candidates of supply–demand
//! matches — is answered from the catalogue every server process keeps in memory
//! (`db::search_index`, brought up to the database's search version before each search): the
//! tiers of [`relevance_tiers`] walked over posting lists, newest first and only as far as
//! needed, then the first matches scored (`domain::ranking::score`). A search then reads the
//! database for the version and for its page's cards only.
//!
//! The database's own indexes serve what sorts otherwise (newest, price) and suggestions. Both
//! engines index the same folded words (see `domain::search_words`) of published listings only:
//! SQLite through FTS5, PostgreSQL through narrow tables of `tsvector`s, one of all the words
//! (title words weighing A, the rest B) and one of the title alone for the tiers that look only
//! there (migration 24). A search without filters reads no listing row until its page's cards;
//! on PostgreSQL, neither does one with filters (the tables hold what they test, migration 25).
//!
//! The tiers: the title holding the words as typed, then the title holding them all, then the
//! words as typed elsewhere, then anywhere; newest first within each. Each tier stops after the
//! matches it needs, so a search costs about the same for a word in 50 listings as for one in
//! 50,000 (a score such as BM25 has to be computed for every match before the best can be
//! picked). The tiers are exact conditions, so both engines give the same order for the same data.

use std::collections::{HashMap, HashSet};

use super::Db;
use super::catalogue::{LISTING_CARD_COLUMNS, STALL_CARD_COLUMNS};
use super::dialect::Backend;
use super::search_index::{Index, SearchIndex};
pub use super::text_index::SearchNotes;
use super::text_index::{Source, pool_and_tail, read_query};
use crate::domain::{BrowseFilter, StallFilter, index_text};
use crate::model::{ListingCard, StallCard};
use crate::server_context::SearchCache;

/// Why a search was not answered.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// The database failed.
    #[error(transparent)]
    Db(#[from] sqlx::Error),
    /// The client has run more searches than its share lately: it may again after this long.
    #[error("too many searches")]
    TooMany(std::time::Duration),
}

/// Lets a search that has to be read from the database (not answered from memory) go ahead, or
/// says how long its client must wait.
pub type Admit<'a> = &'a (dyn Fn() -> Result<(), std::time::Duration> + Send + Sync);

/// Admits every search (tests, and work the server does for itself).
pub const ADMIT_ALL: Admit<'static> = &|| Ok(());

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

/// The pooled connection a search runs its statements on, taken at the first and kept until
/// [`Reader::release`] or the end, and the engine.
///
/// Each statement on the pool takes a connection and gives it back, and sqlx checks a
/// connection with a round trip to the database both times (a PostgreSQL `Sync`, a message to
/// SQLite's worker thread): three round trips a statement. A search runs three to six
/// statements; on one connection it makes two round trips more than it has statements.
struct Reader<'a> {
    db: &'a Db,
    conn: Option<sqlx::pool::PoolConnection<sqlx::Any>>,
    backend: Backend,
    /// The catalogue in memory, once brought up to date for this search.
    index: Option<std::sync::Arc<SearchIndex>>,
}

impl<'a> Reader<'a> {
    fn new(db: &'a Db) -> Self {
        Self {
            db,
            conn: None,
            backend: Backend::of_pool(db),
            index: None,
        }
    }

    /// The catalogue in memory (`db::search_index`), brought up to date on first use.
    async fn index(&mut self) -> sqlx::Result<std::sync::Arc<SearchIndex>> {
        if let Some(index) = &self.index {
            return Ok(index.clone());
        }
        let index = super::search_index::current(self.conn().await?).await?;
        Ok(self.index.insert(index).clone())
    }

    async fn conn(&mut self) -> sqlx::Result<&mut sqlx::AnyConnection> {
        let conn = match self.conn.take() {
            Some(conn) => conn,
            None => self.db.acquire().await?,
        };
        Ok(&mut **self.conn.insert(conn))
    }

    /// Gives the connection back to the pool (a later statement takes one again): before
    /// waiting on another search's work, which needs no connection of this one's.
    fn release(&mut self) {
        self.conn = None;
    }

    /// Every row `sql` gives.
    async fn rows(&mut self, sql: &Sql) -> sqlx::Result<Vec<sqlx::any::AnyRow>> {
        sql.query().fetch_all(self.conn().await?).await
    }

    /// The number a `SELECT COUNT(*)` query gives.
    async fn count(&mut self, sql: &Sql) -> sqlx::Result<i64> {
        let row = sql.query().fetch_one(self.conn().await?).await?;
        sqlx::Row::try_get(&row, 0)
    }

    /// The catalogue's search version (see [`search_version`]).
    async fn search_version(&mut self) -> sqlx::Result<i64> {
        sqlx::query_scalar(SEARCH_VERSION)
            .fetch_one(self.conn().await?)
            .await
    }
}

/// Which part of a listing a full-text condition looks in.
#[derive(Clone, Copy)]
enum Part {
    Title,
    Anywhere,
}

/// A full-text condition: the part of a listing looked in, and the query it must match there.
#[derive(Clone)]
struct FullText {
    part: Part,
    query: String,
    /// On PostgreSQL, for a title condition whose words `title_terms` holds as typed (see
    /// [`title_terms`]): those words, and whether they must also stand as a phrase.
    in_title_terms: Option<(Vec<String>, bool)>,
}

/// The full-text condition that `terms` all occur in `part` — as a phrase, in the order typed, when
/// `phrase` — with `prefix_last` letting the last one match the start of a word (suggestions).
/// Terms are folded words of letters and digits only, so they carry no query syntax.
fn match_expression(
    backend: Backend,
    terms: &[String],
    part: Part,
    phrase: bool,
    prefix_last: bool,
) -> FullText {
    let in_title_terms = match (backend, part) {
        (Backend::Postgres, Part::Title) if !prefix_last => {
            title_terms(terms).map(|words| (words.into_iter().map(str::to_owned).collect(), phrase))
        }
        _ => None,
    };
    FullText {
        part,
        query: match_query(backend, terms, part, phrase, prefix_last),
        in_title_terms,
    }
}

/// The query text of [`match_expression`].
fn match_query(
    backend: Backend,
    terms: &[String],
    part: Part,
    phrase: bool,
    prefix_last: bool,
) -> String {
    let last = terms.len().saturating_sub(1);
    let star = |i: usize| prefix_last && i == last;
    match backend {
        Backend::Sqlite => {
            let expression = if phrase {
                let words = terms.join(" ");
                format!("\"{words}\"{}", if prefix_last { "*" } else { "" })
            } else {
                let words = terms
                    .iter()
                    .enumerate()
                    .map(|(i, term)| format!("\"{term}\"{}", if star(i) { "*" } else { "" }));
                words.collect::<Vec<_>>().join(" ")
            };
            match part {
                Part::Title => format!("fold_title : ({expression})"),
                Part::Anywhere => expression,
            }
        }
        Backend::Postgres => {
            // The title has a vector and an index of its own (migrations 23, 24): a title tier
            // reads only those small vectors, where weights would make PostgreSQL re-check every
            // candidate's whole vector. Elsewhere a phrase stays within the title or within the
            // rest, as an FTS5 phrase stays within a column (positions in the whole vector run on
            // from the title into the rest).
            let weighted = |weight: &str| {
                let words = terms.iter().enumerate().map(|(i, term)| {
                    let star = if star(i) { "*" } else { "" };
                    format!("{term}:{star}{weight}")
                });
                words
                    .collect::<Vec<_>>()
                    .join(if phrase { " <-> " } else { " & " })
            };
            match (part, phrase) {
                (Part::Title, _) => weighted(""),
                (Part::Anywhere, true) => format!("({}) | ({})", weighted("A"), weighted("B")),
                (Part::Anywhere, false) => weighted(""),
            }
        }
    }
}

/// The conditions "best match" ranks by, best first: the words as typed in the title, all of them
/// in the title, as typed anywhere, all of them anywhere (one word: in the title, anywhere).
/// A listing ranks in the first tier it meets; within a tier, newest first.
fn relevance_tiers(backend: Backend, terms: &[String], prefix_last: bool) -> Vec<FullText> {
    let tiers: &[(Part, bool)] = if terms.len() > 1 {
        &[
            (Part::Title, true),
            (Part::Title, false),
            (Part::Anywhere, true),
            (Part::Anywhere, false),
        ]
    } else {
        &[(Part::Title, false), (Part::Anywhere, false)]
    };
    tiers
        .iter()
        .map(|&(part, phrase)| match_expression(backend, terms, part, phrase, prefix_last))
        .collect()
}

/// The condition that a listing matches `terms` at all.
fn matches_all(backend: Backend, terms: &[String]) -> FullText {
    match_expression(backend, terms, Part::Anywhere, false, false)
}

/// The full-text part of a query's `FROM … WHERE`: published listings matching `expression`,
/// with their rows (as `l`, their stalls as `s`) when `with_rows`; otherwise only their ids, as
/// [`match_id`] names them. Only published listings are indexed (migration 24), so a search
/// without filters reads the index alone. On PostgreSQL, `newest` looks only among that many
/// newest listings (see [`newest_matches`]).
fn from_matching(
    backend: Backend,
    expression: FullText,
    with_rows: bool,
    newest: Option<i64>,
    sql: &mut Sql,
) {
    match backend {
        Backend::Sqlite => {
            sql.push(" FROM listings_fts");
            if with_rows {
                // CROSS JOIN keeps this order: the index finds the matches, then their rows are
                // read (the other way round SQLite runs the MATCH once per listing).
                sql.push(
                    " CROSS JOIN listings l ON l.id = listings_fts.rowid
                      LEFT JOIN stalls s ON s.id = l.stall_id",
                );
            }
            sql.push(" WHERE listings_fts MATCH ")
                .arg(Arg::Text(expression.query));
        }
        Backend::Postgres => {
            let words = match expression.part {
                Part::Title => "listing_titles",
                Part::Anywhere => "listing_words",
            };
            match newest {
                Some(n) => sql.push(&format!(
                    " FROM (SELECT * FROM {words} ORDER BY id DESC LIMIT {n}) m"
                )),
                None => sql.push(&format!(" FROM {words} m")),
            };
            if with_rows {
                sql.push(" JOIN listings l ON l.id = m.id LEFT JOIN stalls s ON s.id = l.stall_id");
            }
            // As a sub-select the query is parsed once per execution. Statements are prepared,
            // and after five runs PostgreSQL keeps a generic plan, where `to_tsquery` of a
            // parameter is called again for every row tested: walking the newest 4,107 titles
            // for "dong bao" took 7.1 ms instead of 1.2 ms.
            sql.push(" WHERE m.vector @@ (SELECT to_tsquery('simple', ")
                .arg(Arg::Text(expression.query))
                .push("))");
        }
    }
}

/// The id of a listing matched by [`from_matching`], with or without its row.
fn match_id(backend: Backend) -> &'static str {
    match backend {
        Backend::Sqlite => "listings_fts.rowid",
        Backend::Postgres => "m.id",
    }
}

/// Listings a PostgreSQL read of the newest matches looks among first (see [`newest_matches`]).
const NEWEST_WINDOW: i64 = 5_000;

/// The first `limit` rows of `columns` for listings matching `expression` (and `filter`, when
/// given), newest first (listing ids grow with time), with the listings' rows when `with_rows`.
///
/// FTS5 reads its matches in id order, so a `LIMIT` stops early. A GIN index gives PostgreSQL a
/// set, not an order: it either takes every match and sorts them (~15 ms for a word in 47,000
/// titles) or walks the listings newest first testing each (0.3 ms for the same word; 44 ms for a
/// word in none, walking all 128,560 at scale 10), and its estimate cannot tell which words are
/// which. So it walks only the newest [`NEWEST_WINDOW`] listings first (~1.5 ms at most), and
/// takes every match and sorts them only when those held fewer than `limit`: the words are then
/// rare, and their matches few. A title condition without filters whose words `title_terms`
/// holds is read from there instead, newest first and only as far as needed (see
/// [`from_title_terms`]).
async fn newest_matches(
    r: &mut Reader<'_>,
    columns: &str,
    expression: &FullText,
    filter: Option<&BrowseFilter>,
    with_rows: bool,
    limit: i64,
) -> sqlx::Result<Vec<sqlx::any::AnyRow>> {
    let backend = r.backend;
    if let Some((words, phrase)) = &expression.in_title_terms
        && !with_rows
        && !filter.is_some_and(filters_rows)
    {
        // Read from `title_terms` newest first, as far as needed (see `from_title_terms`).
        let mut select = Sql::default();
        select.push(&format!("SELECT {columns}"));
        from_title_terms(words, &mut select);
        if *phrase {
            // COALESCE keeps the GIN index out of it: planned for given words, PostgreSQL took
            // the phrase for rare and read every title holding it through that index before
            // sorting ("he thong": 14,816 titles, 117 ms instead of 0.5 ms).
            select
                .push(" AND COALESCE(m.vector, ''::tsvector) @@ (SELECT to_tsquery('simple', ")
                .arg(Arg::Text(expression.query.clone()))
                .push("))");
        }
        select
            .push(" ORDER BY t0.id DESC LIMIT ")
            .arg(Arg::Int(limit));
        return r.rows(&select).await;
    }
    let read = |newest: Option<i64>| {
        let mut select = Sql::default();
        select.push(&format!("SELECT {columns}"));
        let expression = expression.clone();
        match filter {
            Some(filter) => from_where_matching(
                backend,
                filter,
                Some(expression),
                with_rows,
                newest,
                &mut select,
            ),
            None => from_matching(backend, expression, with_rows, newest, &mut select),
        }
        // `+ 0` keeps PostgreSQL from walking the primary key: every match is sorted.
        let sorted = backend == Backend::Postgres && newest.is_none();
        let id = match_id(backend);
        select
            .push(&format!(
                " ORDER BY {id}{} DESC",
                if sorted { " + 0" } else { "" }
            ))
            .push(" LIMIT ")
            .arg(Arg::Int(limit));
        select
    };
    if backend == Backend::Postgres && limit < NEWEST_WINDOW {
        let rows = r.rows(&read(Some(NEWEST_WINDOW))).await?;
        if rows.len() as i64 >= limit {
            return Ok(rows);
        }
    }
    r.rows(&read(None)).await
}

/// `FROM … WHERE …` for a filter: the search (if any) and every filter given, with the listings'
/// rows.
fn from_where(backend: Backend, filter: &BrowseFilter, sql: &mut Sql) {
    from_where_matching(
        backend,
        filter,
        full_match(backend, filter),
        true,
        None,
        sql,
    );
}

/// Whether `filter` narrows by anything but words: then SQLite reads its matches' rows.
fn filters_rows(filter: &BrowseFilter) -> bool {
    filter.has_filters()
}

/// The condition that a listing matches all of `filter`'s words, if it has any.
fn full_match(backend: Backend, filter: &BrowseFilter) -> Option<FullText> {
    (!filter.terms.is_empty()).then(|| matches_all(backend, &filter.terms))
}

/// `FROM … WHERE …` for a filter, with `matching` (a full-text condition) in place of its words;
/// the listings' rows (`l`) are there when `with_rows`, or when the filter needs them. Select
/// [`match_id`] for the ids of matches.
///
/// PostgreSQL's index tables hold what the filters test beside the words (migration 25), so a
/// search with words tests them there and reads no listing row; FTS5 holds only words.
fn from_where_matching(
    backend: Backend,
    filter: &BrowseFilter,
    matching: Option<FullText>,
    with_rows: bool,
    newest: Option<i64>,
    sql: &mut Sql,
) {
    let in_index = matching.is_some() && backend == Backend::Postgres;
    match matching {
        None => {
            sql.push(
                " FROM listings l LEFT JOIN stalls s ON s.id = l.stall_id WHERE l.status = 'published'",
            );
        }
        Some(expression) => {
            let with_rows = with_rows || (!in_index && filters_rows(filter));
            from_matching(backend, expression, with_rows, newest, sql);
        }
    }
    let table = if in_index { "m" } else { "l" };
    for (column, value) in [
        ("kind", filter.kind),
        ("listing_type", filter.listing_type),
        ("sector_code", filter.sector),
        ("province_code", filter.province),
    ] {
        if let Some(value) = value {
            sql.push(&format!(" AND {table}.{column} = "))
                .arg(Arg::Text(value.to_owned()));
        }
    }
    // Requests give a budget rather than a price: compare with its upper end (the index tables'
    // `price`).
    let price = if in_index {
        "m.price"
    } else {
        "COALESCE(l.price_vnd, l.budget_max_vnd)"
    };
    if let Some(min) = filter.price_min {
        sql.push(&format!(" AND {price} >= ")).arg(Arg::Int(min));
    }
    if let Some(max) = filter.price_max {
        sql.push(&format!(" AND {price} <= ")).arg(Arg::Int(max));
    }
    if let Some(trl) = filter.trl_min {
        sql.push(&format!(" AND {table}.trl >= "))
            .arg(Arg::Int(trl));
    }
    if filter.with_images {
        sql.push(&format!(" AND {table}.image_count > 0"));
    }
    if let Some(stall_id) = filter.stall_id {
        sql.push(&format!(" AND {table}.stall_id = "))
            .arg(Arg::Int(stall_id));
    }
    if let Some(ids) = &filter.only {
        if ids.is_empty() {
            sql.push(" AND 1 = 0");
        } else {
            sql.push(&format!(" AND {table}.id IN ("));
            for (i, id) in ids.iter().enumerate() {
                if i > 0 {
                    sql.push(", ");
                }
                sql.arg(Arg::Int(*id));
            }
            sql.push(")");
        }
    }
    match filter.seller {
        Some("stall") => {
            sql.push(&format!(" AND {table}.stall_id IS NOT NULL"));
        }
        Some("independent") => {
            sql.push(&format!(" AND {table}.stall_id IS NULL"));
        }
        _ => {}
    }
}

/// Matches counted at most: past this the page says "more than 1,000" (counting every match of a
/// common word costs more than finding the best ones).
pub const COUNT_CAP: i64 = crate::domain::search::COUNT_CAP;

/// One page of published listings matching `filter`, and how many match in all — up to
/// [`COUNT_CAP`] + 1, which means "more than [`COUNT_CAP`]". Reads the database every time; see
/// [`browse_cached`]. Every order goes through [`rank`], so the count is skipped the same way
/// whenever the ranking read every match.
pub async fn browse(
    db: &Db,
    filter: &BrowseFilter,
    limit: i64,
    offset: i64,
) -> sqlx::Result<(Vec<ListingCard>, i64)> {
    let found = find(db, filter, limit, offset).await?;
    Ok((found.cards, found.total))
}

/// The same page as [`browse`], with what the search did with the words typed.
pub async fn find(db: &Db, filter: &BrowseFilter, limit: i64, offset: i64) -> sqlx::Result<Found> {
    let r = &mut Reader::new(db);
    let ranking = rank(r, filter, offset + limit).await?;
    found(r, &ranking, offset, limit).await
}

/// How many listings match `filter`, counted up to [`COUNT_CAP`] + 1.
///
/// On PostgreSQL, with words, the listings holding them all in the title are counted first:
/// when there are more than [`COUNT_CAP`] of those, that settles it from the titles alone
/// instead of the vectors of all words (~1.2 KB a row). Without filters they are counted in
/// `title_bits` (see [`count_in_title_bits`]), with filters in `listing_titles`, which holds
/// what the filters test. FTS5 keeps every column in the same index and reads it lazily, so on
/// SQLite neither would be cheaper.
async fn count_matches(r: &mut Reader<'_>, filter: &BrowseFilter) -> sqlx::Result<i64> {
    let backend = r.backend;
    if backend == Backend::Postgres && !filter.terms.is_empty() {
        let in_titles = match_expression(backend, &filter.terms, Part::Title, false, false);
        let in_titles = match &in_titles.in_title_terms {
            Some((words, _)) if !filters_rows(filter) => count_in_title_bits(r, words).await?,
            _ => capped_count(r, filter, Some(in_titles)).await?,
        };
        if in_titles > COUNT_CAP {
            return Ok(in_titles);
        }
    }
    capped_count(r, filter, full_match(backend, filter)).await
}

/// Distinct words a read joins in `title_terms` or `title_bits` at most: past this PostgreSQL's
/// planner would search for a join order at random (`geqo_threshold`), and more words match fewer
/// titles.
const MAX_TITLE_TERMS: usize = 6;

/// `terms` once each, as `title_terms` holds them, when it can count them: each a plain word of
/// ASCII letters and digits (what folding gives Vietnamese), which PostgreSQL's parser keeps
/// whole, as the full-text queries of [`match_query`] do; at most [`MAX_TITLE_TERMS`] of them.
fn title_terms(terms: &[String]) -> Option<Vec<&str>> {
    let mut words: Vec<&str> = terms.iter().map(String::as_str).collect();
    words.sort_unstable();
    words.dedup();
    let plain = |word: &&str| !word.is_empty() && word.bytes().all(|b| b.is_ascii_alphanumeric());
    (words.len() <= MAX_TITLE_TERMS && words.iter().all(plain)).then_some(words)
}

/// How many published titles hold all of `words`, up to [`COUNT_CAP`] + 1 (PostgreSQL).
///
/// `title_bits` holds, for each word, a bitmap of the titles holding it per block of 1,024 ids
/// (migration 29): the titles holding them all are the bits set in every word's bitmap, block by
/// block. Merging each word's ids from `title_terms` until 1,001 were found read a row per title
/// (1.0 ms for the median of the long tail's two-word searches at scale 10, about four times as
/// long); the GIN index of `listing_titles` builds the bitmap of every match and visits each
/// counted row (3.2 ms on average).
async fn count_in_title_bits(r: &mut Reader<'_>, words: &[String]) -> sqlx::Result<i64> {
    let mut count = Sql::default();
    let bits = (0..words.len())
        .map(|i| format!("b{i}.bits"))
        .collect::<Vec<_>>()
        .join(" & ");
    count.push(&format!(
        "SELECT LEAST(COALESCE(SUM(bit_count({bits})), 0), {})::BIGINT FROM title_bits b0",
        COUNT_CAP + 1
    ));
    for (i, word) in words.iter().enumerate().skip(1) {
        count
            .push(&format!(
                " JOIN title_bits b{i} ON b{i}.block = b0.block AND b{i}.word = "
            ))
            .arg(Arg::Text(word.clone()));
    }
    count
        .push(" WHERE b0.word = ")
        .arg(Arg::Text(words[0].clone()));
    r.count(&count).await
}

/// `FROM … WHERE …` for the published titles holding all of `words` (at least one), from
/// `title_terms` (PostgreSQL, migration 26): each word's ids merged in the order of its primary
/// key, from the index alone, so a read stops once it has what it needs — newest first with
/// `ORDER BY t0.id DESC`, where walking the newest titles testing each vector took 2.5 times as
/// long (pgbench, the long tail's title phrases). The titles' rows of `listing_titles` are there
/// as `m` (for a phrase, which needs the vector's positions).
fn from_title_terms(words: &[String], sql: &mut Sql) {
    sql.push(" FROM title_terms t0");
    for (i, word) in words.iter().enumerate().skip(1) {
        sql.push(&format!(
            " JOIN title_terms t{i} ON t{i}.id = t0.id AND t{i}.word = "
        ))
        .arg(Arg::Text(word.clone()));
    }
    sql.push(" JOIN listing_titles m ON m.id = t0.id WHERE t0.word = ")
        .arg(Arg::Text(words[0].clone()));
}

/// How many listings match `filter` with `matching` in place of its words, up to
/// [`COUNT_CAP`] + 1.
async fn capped_count(
    r: &mut Reader<'_>,
    filter: &BrowseFilter,
    matching: Option<FullText>,
) -> sqlx::Result<i64> {
    let mut count = Sql::default();
    count.push("SELECT COUNT(*) FROM (SELECT 1");
    from_where_matching(r.backend, filter, matching, false, None, &mut count);
    count.push(&format!(" LIMIT {}) capped", COUNT_CAP + 1));
    r.count(&count).await
}

/// The number a `SELECT COUNT(*)` query gives.
async fn fetch_count(db: &Db, count: &Sql) -> sqlx::Result<i64> {
    let row = count.query().fetch_one(db).await?;
    sqlx::Row::try_get(&row, 0)
}

/// A search's best matches, in order, and how many match in all (as [`browse`] counts them).
#[derive(Debug, Default)]
pub struct Ranking {
    /// Listing ids, best first: at least as deep as asked, or all of them. A listing folded
    /// into another as "+N similar" is not among them.
    pub ids: Vec<i64>,
    pub total: i64,
    /// Whether `ids` holds every match (beside those folded).
    pub complete: bool,
    /// The listings folded into a result (same poster, same title), by the result's id.
    pub similar: HashMap<i64, Vec<i64>>,
    /// What the search did with the words typed.
    pub notes: SearchNotes,
}

impl Ranking {
    /// Whether the first `depth` results are all here.
    fn reaches(&self, depth: i64) -> bool {
        self.complete || self.ids.len() as i64 >= depth
    }
}

/// The ranking of `filter`'s words exactly as given (each variant of a query), `depth` deep,
/// and their count: counted only when the ranking did not already reach every match (most
/// searches with few matches need no count). The last value says whether every match was read.
async fn rank_terms(
    r: &mut Reader<'_>,
    filter: &BrowseFilter,
    depth: i64,
) -> sqlx::Result<(Vec<i64>, i64, bool)> {
    if by_relevance(filter) {
        let index = r.index().await?;
        let index = index.read();
        return Ok(match index.ranked(filter, depth) {
            (ids, Some(total)) => (ids, total.min(COUNT_CAP + 1), true),
            (ids, None) => {
                let total = index.count(&filter.terms, filter, COUNT_CAP + 1);
                (ids, total, false)
            }
        });
    }
    Ok(match ranked_ids(r, filter, depth).await? {
        (ids, Some(total)) => (ids, total.min(COUNT_CAP + 1), true),
        (ids, None) => {
            let total = count_matches(r, filter).await?;
            (ids, total, false)
        }
    })
}

/// The ranking of `filter`'s matches `depth` deep, with their count.
///
/// The words are read by the shared engine (`db::text_index::read_query`: synonyms, typos,
/// words left out), each variant of the query ranked by the index or the database (the sort
/// asked for), and the variants' first [`FIRST_DEPTH`] matches are scored together
/// (`domain::ranking::score`, or the order asked for), near-identical listings folded, and the
/// kinds mixed.
async fn rank(r: &mut Reader<'_>, filter: &BrowseFilter, depth: i64) -> sqlx::Result<Ranking> {
    if filter.terms.is_empty() {
        let (ids, total, complete) = rank_terms(r, filter, depth).await?;
        return finish(
            r,
            filter,
            &[],
            &HashMap::new(),
            (vec![(ids, total, complete)], total),
            SearchNotes::default(),
        )
        .await;
    }
    let synonyms = r.index().await?.read().synonyms.clone();
    let reading = read_query(&mut Listings { r, filter }, &filter.terms, &synonyms, depth).await?;
    finish(
        r,
        filter,
        &reading.groups,
        &reading.titles,
        (reading.ranked, reading.total),
        reading.notes,
    )
    .await
}

/// The catalogue of listings as the shared engine reads a query over it: `filter`'s conditions
/// and sort with each variant's words.
struct Listings<'r, 'a> {
    r: &'r mut Reader<'a>,
    filter: &'r BrowseFilter,
}

impl Listings<'_, '_> {
    fn variant(&self, terms: &[String]) -> BrowseFilter {
        BrowseFilter {
            terms: terms.to_vec(),
            ..self.filter.clone()
        }
    }
}

impl Source for Listings<'_, '_> {
    async fn title_counts(&mut self, words: &[String]) -> sqlx::Result<HashMap<String, i64>> {
        title_counts(self.r, words).await
    }

    async fn rank_terms(
        &mut self,
        terms: &[String],
        depth: i64,
    ) -> sqlx::Result<(Vec<i64>, i64, bool)> {
        let variant = self.variant(terms);
        rank_terms(self.r, &variant, depth).await
    }

    async fn any(&mut self, terms: &[String]) -> sqlx::Result<bool> {
        let variant = self.variant(terms);
        Ok(!ranked_ids(self.r, &variant, 1).await?.0.is_empty())
    }
}

/// The synonym sets as moderators wrote them, one per line, oldest first: what
/// `domain::ranking::parse_synonym_sets` reads.
pub async fn synonym_text(conn: &mut sqlx::AnyConnection) -> sqlx::Result<String> {
    let rows: Vec<String> = sqlx::query_scalar("SELECT phrases FROM search_synonyms ORDER BY id")
        .fetch_all(conn)
        .await?;
    Ok(rows.join("\n"))
}

/// How many published titles hold each of `words` (a word none holds is missing), from the
/// catalogue in memory.
async fn title_counts(r: &mut Reader<'_>, words: &[String]) -> sqlx::Result<HashMap<String, i64>> {
    Ok(r.index().await?.read().title_counts(words))
}

/// What the score and the folding read of a listing: see [`candidates`].
struct Scored {
    candidate: crate::domain::ranking::Candidate,
    offer: bool,
    /// Who posted it: a stall, an account, or a name; with the title, what makes a copy.
    poster: String,
    price: Option<i64>,
}

/// The rows the score reads for listings `ids`, by id.
async fn candidates(r: &mut Reader<'_>, ids: &[i64]) -> sqlx::Result<HashMap<i64, Scored>> {
    let mut out = HashMap::new();
    if ids.is_empty() {
        return Ok(out);
    }
    let mut select = Sql::default();
    select.push(
        "SELECT l.id, l.kind, CAST(COALESCE(l.stall_id, 0) AS BIGINT), CAST(COALESCE(l.owner_id, 0) AS BIGINT), \
         COALESCE(l.seller_name, ''), l.fold_title, l.fold_body, CAST(l.image_count AS BIGINT), \
         CAST(CASE WHEN s.status = 'approved' THEN 1 ELSE 0 END AS BIGINT), \
         CAST(CASE WHEN COALESCE(l.price_vnd, l.budget_max_vnd, l.budget_min_vnd) IS NOT NULL \
                    AND LENGTH(l.summary) >= 40 THEN 1 ELSE 0 END AS BIGINT), \
         l.created_at, COALESCE(l.price_vnd, l.budget_max_vnd) \
         FROM listings l LEFT JOIN stalls s ON s.id = l.stall_id WHERE l.id IN (",
    );
    for (i, id) in ids.iter().enumerate() {
        if i > 0 {
            select.push(", ");
        }
        select.arg(Arg::Int(*id));
    }
    select.push(")");
    for row in r.rows(&select).await? {
        use sqlx::Row;
        let id: i64 = row.try_get(0)?;
        let kind: String = row.try_get(1)?;
        let (stall, owner): (i64, i64) = (row.try_get(2)?, row.try_get(3)?);
        let seller: String = row.try_get(4)?;
        let title: String = row.try_get(5)?;
        let body: String = row.try_get(6)?;
        let poster = super::search_index::poster_key(stall, owner, &seller);
        let words = |text: &str| {
            text.split_whitespace()
                .map(str::to_owned)
                .collect::<Vec<_>>()
        };
        out.insert(
            id,
            Scored {
                candidate: crate::domain::ranking::Candidate {
                    id,
                    title: words(&title),
                    body: words(&body),
                    has_pictures: row.try_get::<i64, _>(7)? > 0,
                    approved_stall: row.try_get::<i64, _>(8)? > 0,
                    complete: row.try_get::<i64, _>(9)? > 0,
                    created_at: row.try_get(10)?,
                },
                offer: kind == "offer",
                poster,
                price: row.try_get(11)?,
            },
        );
    }
    Ok(out)
}

/// The variants' rankings made one: their first [`FIRST_DEPTH`] matches scored (or sorted as
/// asked), copies folded and, without a kind, the kinds mixed; deeper matches follow in the
/// variants' order.
async fn finish(
    r: &mut Reader<'_>,
    filter: &BrowseFilter,
    groups: &[crate::domain::ranking::Group],
    titles: &HashMap<String, i64>,
    (ranked, total): (Vec<(Vec<i64>, i64, bool)>, i64),
    notes: SearchNotes,
) -> sqlx::Result<Ranking> {
    use crate::domain::ranking;

    let complete = ranked.iter().all(|(_, _, complete)| *complete);
    let (mut pool, tail) = pool_and_tail(&ranked, usize::try_from(FIRST_DEPTH).unwrap_or(96));
    let relevance = by_relevance(filter);
    let rows = if relevance {
        scored_in(&r.index().await?.read(), &pool)
    } else {
        candidates(r, &pool).await?
    };
    let now = super::now_ms();
    if relevance {
        let mut scored: Vec<(f64, i64)> = pool
            .iter()
            .filter_map(|id| rows.get(id))
            .map(|s| {
                (
                    ranking::score(groups, titles, &s.candidate, now),
                    s.candidate.id,
                )
            })
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(b.1.cmp(&a.1)));
        pool = scored.into_iter().map(|(_, id)| id).collect();
    } else if ranked.len() > 1 {
        let key = |id: &i64| rows.get(id).map(|s| (s.candidate.created_at, s.price));
        match filter.sort {
            "price_asc" => pool.sort_by_key(|id| {
                (
                    key(id).and_then(|k| k.1).is_none(),
                    key(id).and_then(|k| k.1),
                    std::cmp::Reverse(*id),
                )
            }),
            "price_desc" => pool.sort_by_key(|id| {
                (
                    key(id).and_then(|k| k.1).is_none(),
                    std::cmp::Reverse(key(id).and_then(|k| k.1)),
                    std::cmp::Reverse(*id),
                )
            }),
            _ => pool.sort_by_key(|id| std::cmp::Reverse((key(id).map(|k| k.0), *id))),
        }
    }
    // Copies (same poster, same title) fold into the first of them.
    let mut first_of: HashMap<(String, String), i64> = HashMap::new();
    let mut similar: HashMap<i64, Vec<i64>> = HashMap::new();
    let mut kept = Vec::with_capacity(pool.len());
    for id in pool {
        let Some(s) = rows.get(&id) else { continue };
        let key = (s.poster.clone(), s.candidate.title.join(" "));
        match first_of.get(&key) {
            Some(first) => similar.entry(*first).or_default().push(id),
            None => {
                first_of.insert(key, id);
                kept.push((id, s.offer));
            }
        }
    }
    let mut ids = if relevance && filter.kind.is_none() {
        ranking::mix_kinds(kept)
    } else {
        kept.into_iter().map(|(id, _)| id).collect()
    };
    ids.extend(tail);
    Ok(Ranking {
        ids,
        total,
        complete,
        similar,
        notes,
    })
}

/// Whether `filter` is ranked by [`relevance_tiers`] (words given, "best match" chosen).
fn by_relevance(filter: &BrowseFilter) -> bool {
    filter.sort == "relevance" && !filter.terms.is_empty()
}

/// `ids[offset..offset + limit]`, as far as there are ids.
fn slice(ids: &[i64], offset: i64, limit: i64) -> &[i64] {
    let start = usize::try_from(offset).unwrap_or(0).min(ids.len());
    let end = (start + usize::try_from(limit).unwrap_or(0)).min(ids.len());
    &ids[start..end]
}

/// `ORDER BY` for the filter's sort (other than by relevance), highest id breaking ties, and the
/// first `limit` rows.
fn order_and_limit(filter: &BrowseFilter, sql: &mut Sql, limit: i64) {
    let order = match filter.sort {
        "price_asc" => "(l.price_vnd IS NULL), l.price_vnd ASC",
        "price_desc" => "(l.price_vnd IS NULL), l.price_vnd DESC",
        _ => "l.created_at DESC",
    };
    sql.push(&format!(" ORDER BY {order}, l.id DESC LIMIT "))
        .arg(Arg::Int(limit));
}

/// The catalogue's search version: it moves on whenever a change can alter what a search finds
/// or its order (kept by triggers on `listings`, migration 18). Read it *before* searching.
pub async fn search_version(db: &Db) -> sqlx::Result<i64> {
    sqlx::query_scalar(SEARCH_VERSION).fetch_one(db).await
}

/// The query of [`search_version`] and [`Reader::search_version`].
const SEARCH_VERSION: &str = "SELECT value FROM site_counters WHERE name = 'search_version'";

/// How deep a search is ranked when first asked: its first pages (a page is 24 listings), since
/// ranking deeper costs more and most people look at the first page only.
const FIRST_DEPTH: i64 = 96;

/// The same page as [`browse`], with the search's ranking remembered in `cache` for the
/// catalogue's current search version: a repeated search costs a version read and its page's
/// cards, however many listings match. The ranking is first read [`FIRST_DEPTH`] deep; a page
/// past what is remembered is read afresh, and a deeper ranking then replaces it. Ranking
/// afresh is the costly part: it goes ahead only when `admit` lets it.
pub async fn browse_cached(
    db: &Db,
    cache: &SearchCache,
    filter: &BrowseFilter,
    limit: i64,
    offset: i64,
    admit: Admit<'_>,
) -> Result<(Vec<ListingCard>, i64), SearchError> {
    let found = find_cached(db, cache, filter, limit, offset, admit).await?;
    Ok((found.cards, found.total))
}

/// The same page as [`browse_cached`], with what the search did with the words typed.
pub async fn find_cached(
    db: &Db,
    cache: &SearchCache,
    filter: &BrowseFilter,
    limit: i64,
    offset: i64,
    admit: Admit<'_>,
) -> Result<Found, SearchError> {
    if offset + limit > COUNT_CAP + 1 || !cache.ranked.is_enabled() {
        admit().map_err(SearchError::TooMany)?;
        return Ok(find(db, filter, limit, offset).await?);
    }
    let r = &mut Reader::new(db);
    let version = r.search_version().await?;
    let key = filter.cache_key();
    let depth = (offset + limit).max(FIRST_DEPTH);
    let mut ranking = match cache.ranked.get(&key, version) {
        Some(ranking) => ranking,
        None => {
            admit().map_err(SearchError::TooMany)?;
            // Another request may be ranking the same search: waiting for it holds no
            // connection.
            r.release();
            cache
                .ranked
                .get_or_compute(&key, version, || rank(r, filter, depth))
                .await?
        }
    };
    if !ranking.reaches(offset + limit) {
        // Deeper than remembered: rank twice as deep (up to this page) and remember that; the
        // count is the one read with the shallower ranking, for the same version.
        admit().map_err(SearchError::TooMany)?;
        let depth = (offset + limit).max(ranking.ids.len() as i64 * 2);
        let deeper = Ranking {
            total: ranking.total,
            ..rank(r, filter, depth).await?
        };
        ranking = cache.ranked.replace(&key, version, deeper);
    }
    Ok(found(r, &ranking, offset, limit).await?)
}

/// One page of a search's results, with what it did with the words typed.
#[derive(Debug, Clone, Default)]
pub struct Found {
    pub cards: Vec<ListingCard>,
    /// How many listings match, up to [`COUNT_CAP`] + 1.
    pub total: i64,
    pub notes: SearchNotes,
}

/// The page `offset..offset + limit` of `ranking` as cards, each with the listings folded into
/// it.
async fn found(
    r: &mut Reader<'_>,
    ranking: &Ranking,
    offset: i64,
    limit: i64,
) -> sqlx::Result<Found> {
    let ids = slice(&ranking.ids, offset, limit);
    let mut cards = cards_by_ids(r, ids).await?;
    let folded: Vec<i64> = ids
        .iter()
        .filter_map(|id| ranking.similar.get(id))
        .flatten()
        .copied()
        .collect();
    if !folded.is_empty() {
        let copies: HashMap<i64, ListingCard> = cards_by_ids(r, &folded)
            .await?
            .into_iter()
            .map(|c| (c.id, c))
            .collect();
        for card in &mut cards {
            for id in ranking.similar.get(&card.id).into_iter().flatten() {
                if let Some(c) = copies.get(id) {
                    card.similar.push(crate::model::SimilarListing {
                        slug: c.slug.clone(),
                        title: c.title.clone(),
                        province_code: c.province_code.clone(),
                        price_vnd: c.price_vnd.or(c.budget_max_vnd),
                    });
                }
            }
        }
    }
    Ok(Found {
        cards,
        total: ranking.total,
        notes: ranking.notes.clone(),
    })
}

/// The ids of the first `depth` listings matching `filter`, best first, and how many match in
/// all when reading them showed it (fewer than `depth`).
async fn ranked_ids(
    r: &mut Reader<'_>,
    filter: &BrowseFilter,
    depth: i64,
) -> sqlx::Result<(Vec<i64>, Option<i64>)> {
    let backend = r.backend;
    if !by_relevance(filter) {
        let mut select = Sql::default();
        select.push("SELECT l.id");
        from_where(backend, filter, &mut select);
        order_and_limit(filter, &mut select, depth);
        let ids = r
            .rows(&select)
            .await?
            .iter()
            .map(|row| sqlx::Row::try_get(row, 0))
            .collect::<sqlx::Result<Vec<i64>>>()?;
        let total = ((ids.len() as i64) < depth).then_some(ids.len() as i64);
        return Ok((ids, total));
    }
    Ok(r.index().await?.read().ranked(filter, depth))
}

/// What the score and the folding read of listings `ids`, from the catalogue in memory.
fn scored_in(index: &Index, ids: &[i64]) -> HashMap<i64, Scored> {
    ids.iter()
        .filter_map(|&id| {
            let doc = index.doc(id)?;
            let (title, body) = index.words(id)?;
            Some((
                id,
                Scored {
                    candidate: crate::domain::ranking::Candidate {
                        id,
                        title,
                        body,
                        has_pictures: doc.has_pictures,
                        approved_stall: doc.approved_stall,
                        complete: doc.complete,
                        created_at: doc.created_at,
                    },
                    offer: doc.offer,
                    poster: doc.poster.to_string(),
                    price: doc.price,
                },
            ))
        })
        .collect()
}

/// The cards of listings `ids`, in that order (any no longer there left out).
async fn cards_by_ids(r: &mut Reader<'_>, ids: &[i64]) -> sqlx::Result<Vec<ListingCard>> {
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
    let rows = r.rows(&select).await?;
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
async fn page_and_total<T>(
    db: &Db,
    select: &Sql,
    count: impl std::future::Future<Output = sqlx::Result<i64>>,
) -> sqlx::Result<(Vec<T>, i64)>
where
    T: for<'r> sqlx::FromRow<'r, sqlx::any::AnyRow>,
{
    let (rows, total) = tokio::try_join!(select.query().fetch_all(db), count)?;
    let items = rows
        .iter()
        .map(T::from_row)
        .collect::<sqlx::Result<Vec<_>>>()?;
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
    page_and_total(db, &select, fetch_count(db, &count)).await
}

/// Titles of published listings whose words start with what was typed, best first (in the order
/// of [`relevance_tiers`], the last word typed matching the start of a word).
pub async fn suggest(db: &Db, terms: &[String], limit: i64) -> sqlx::Result<Vec<String>> {
    if terms.is_empty() {
        return Ok(Vec::new());
    }
    suggest_on(&mut Reader::new(db), terms, limit).await
}

/// [`suggest`] on `r`'s connection.
async fn suggest_on(r: &mut Reader<'_>, terms: &[String], limit: i64) -> sqlx::Result<Vec<String>> {
    let backend = r.backend;
    let wanted = usize::try_from(limit).unwrap_or(0);
    let mut titles = Vec::new();
    let mut seen = HashSet::new();
    for tier in relevance_tiers(backend, terms, true) {
        if titles.len() >= wanted {
            break;
        }
        // Titles repeat: twice as many as wanted, and those this tier shares with earlier ones.
        let depth = limit * 2 + titles.len() as i64;
        let found: Vec<String> = newest_matches(r, "l.title", &tier, None, true, depth)
            .await?
            .iter()
            .map(|row| sqlx::Row::try_get(row, 0))
            .collect::<sqlx::Result<_>>()?;
        for title in found {
            if titles.len() < wanted && seen.insert(title.clone()) {
                titles.push(title);
            }
        }
    }
    Ok(titles)
}

/// The same suggestions as [`suggest`], remembered in `cache` for the catalogue's current
/// search version.
pub async fn suggest_cached(
    db: &Db,
    cache: &SearchCache,
    terms: &[String],
    limit: i64,
    admit: Admit<'_>,
) -> Result<Vec<String>, SearchError> {
    if terms.is_empty() {
        return Ok(Vec::new());
    }
    if !cache.suggestions.is_enabled() {
        admit().map_err(SearchError::TooMany)?;
        return Ok(suggest(db, terms, limit).await?);
    }
    let r = &mut Reader::new(db);
    let version = r.search_version().await?;
    let key = format!("{limit}\u{1f}{}", terms.join(" "));
    if let Some(titles) = cache.suggestions.get(&key, version) {
        return Ok(titles.as_ref().clone());
    }
    admit().map_err(SearchError::TooMany)?;
    // As for rankings: waiting for another request's work holds no connection.
    r.release();
    let titles = cache
        .suggestions
        .get_or_compute(&key, version, || suggest_on(r, terms, limit))
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

/// Known title words spelt close to `terms` (at most two letters apart, sharing the first
/// two), the commonest first: what a search that found nothing offers to search instead.
pub async fn close_spellings(db: &Db, terms: &[String]) -> sqlx::Result<Vec<String>> {
    let r = &mut Reader::new(db);
    let mut found: Vec<(usize, i64, String)> = Vec::new();
    for term in terms.iter().filter(|t| t.len() >= 3 && t.is_ascii()) {
        let first = &term[..2];
        let next = format!("{}{}", &term[..1], char::from(term.as_bytes()[1] + 1));
        let mut select = Sql::default();
        match r.backend {
            Backend::Sqlite => select.push(
                "SELECT term, CAST(doc AS BIGINT) FROM listings_fts_terms \
                 WHERE col = 'fold_title' AND term >= ",
            ),
            Backend::Postgres => select.push(
                "SELECT word, CAST(SUM(bit_count(bits)) AS BIGINT) FROM title_bits WHERE word >= ",
            ),
        };
        select
            .arg(Arg::Text(first.to_owned()))
            .push(match r.backend {
                Backend::Sqlite => " AND term < ",
                Backend::Postgres => " AND word < ",
            })
            .arg(Arg::Text(next));
        if r.backend == Backend::Postgres {
            select.push(" GROUP BY word");
        }
        for row in r.rows(&select).await? {
            let word: String = sqlx::Row::try_get(&row, 0)?;
            let n: i64 = sqlx::Row::try_get(&row, 1)?;
            let distance = crate::domain::ranking::edit_distance(term, &word);
            if n > 0 && distance <= 2 && word != *term && word.len() >= 3 {
                found.push((distance, n, word));
            }
        }
    }
    found.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
    let mut out: Vec<String> = Vec::new();
    for (_, _, word) in found {
        if !out.contains(&word) && out.len() < 5 {
            out.push(word);
        }
    }
    Ok(out)
}

/// Listings of `kind` that may fit a listing whose title holds `words` (in `sector`, of
/// `listing_type`), for `db::matching`: those holding its two rarest meaningful words, then
/// each of its four rarest alone, `depth` of each, best first; then the newest of the same sector
/// and type. Returns them with how many titles hold each word (for the score).
pub(crate) async fn match_candidates(
    db: &Db,
    words: &[String],
    kind: &'static str,
    sector: &str,
    listing_type: &str,
    depth: i64,
) -> sqlx::Result<(Vec<i64>, HashMap<String, i64>)> {
    let r = &mut Reader::new(db);
    let mut meaningful: Vec<String> = words
        .iter()
        .filter(|w| crate::domain::matching::meaningful(w))
        .cloned()
        .collect();
    meaningful.sort();
    meaningful.dedup();
    let titles = title_counts(r, &meaningful).await?;
    let mut rare: Vec<(i64, String)> = meaningful
        .into_iter()
        .filter_map(|w| titles.get(&w).filter(|n| **n > 0).map(|n| (*n, w)))
        .collect();
    rare.sort();
    rare.truncate(4);
    let mut queries: Vec<Vec<String>> = Vec::new();
    if rare.len() >= 2 {
        queries.push(vec![rare[0].1.clone(), rare[1].1.clone()]);
    }
    queries.extend(rare.iter().map(|(_, w)| vec![w.clone()]));
    let mut ids = Vec::new();
    let mut seen = HashSet::new();
    for terms in queries {
        let filter = BrowseFilter {
            terms,
            kind: Some(kind),
            sort: "relevance",
            ..BrowseFilter::default()
        };
        for id in ranked_ids(r, &filter, depth).await?.0 {
            if seen.insert(id) {
                ids.push(id);
            }
        }
    }
    let mut newest = Sql::default();
    newest
        .push("SELECT id FROM listings WHERE status = 'published' AND kind = ")
        .arg(Arg::Text(kind.to_owned()))
        .push(" AND sector_code = ")
        .arg(Arg::Text(sector.to_owned()))
        .push(" AND listing_type = ")
        .arg(Arg::Text(listing_type.to_owned()))
        .push(" ORDER BY created_at DESC, id DESC LIMIT ")
        .arg(Arg::Int(depth / 2));
    for row in r.rows(&newest).await? {
        let id: i64 = sqlx::Row::try_get(&row, 0)?;
        if seen.insert(id) {
            ids.push(id);
        }
    }
    Ok((ids, titles))
}

/// The synonym sets as moderators wrote them: (id, phrases), oldest first.
pub async fn synonyms(db: &Db) -> sqlx::Result<Vec<(i64, String)>> {
    sqlx::query_as("SELECT id, phrases FROM search_synonyms ORDER BY id")
        .fetch_all(db)
        .await
}

/// Stores a synonym set: a new one when `id` is 0, else replaces set `id` (false when there is
/// none). Searches see it at once: the catalogue's search version moves on.
pub async fn save_synonyms(
    db: &Db,
    id: i64,
    phrases: &str,
    by: i64,
    now: i64,
) -> sqlx::Result<bool> {
    let mut tx = db.begin().await?;
    let changed = if id == 0 {
        sqlx::query("INSERT INTO search_synonyms (phrases, updated_by, updated_at) VALUES ($1, $2, $3)")
            .bind(phrases)
            .bind(by)
            .bind(now)
            .execute(&mut *tx)
            .await?
    } else {
        sqlx::query("UPDATE search_synonyms SET phrases = $1, updated_by = $2, updated_at = $3 WHERE id = $4")
            .bind(phrases)
            .bind(by)
            .bind(now)
            .bind(id)
            .execute(&mut *tx)
            .await?
    }
    .rows_affected()
        > 0;
    move_search_version(&mut tx).await?;
    tx.commit().await?;
    Ok(changed)
}

/// Moves the catalogue's search version on (the triggers on `listings` do it for listings): what a
/// search finds may change, so no remembered ranking is served.
async fn move_search_version(tx: &mut sqlx::AnyConnection) -> sqlx::Result<()> {
    sqlx::query("UPDATE site_counters SET value = value + 1 WHERE name = 'search_version'")
        .execute(tx)
        .await?;
    Ok(())
}

/// Deletes synonym set `id`; false when there is none.
pub async fn delete_synonyms(db: &Db, id: i64) -> sqlx::Result<bool> {
    let mut tx = db.begin().await?;
    let gone = sqlx::query("DELETE FROM search_synonyms WHERE id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?
        .rows_affected()
        > 0;
    move_search_version(&mut tx).await?;
    tx.commit().await?;
    Ok(gone)
}
