//! The search engine every catalogue shares: a catalogue's folded words kept in memory by each
//! server process, walked tier by tier, and the reading of a query (synonyms, typos, words left
//! out) over it. Listings (`db::search_index`, `db::search`) and news articles
//! (`db::article_search`) index through it; a new catalogue brings what it keeps beside each
//! item's words (its `D`), what its filters accept, and how it learns of changes.
//!
//! Words are folded as `domain::search_words` folds them (no diacritics, lower case) before they
//! reach here: the same query finds the same words in every catalogue, and a result's words are
//! highlighted by `domain::highlight` from the words the reading settled on
//! ([`Reading::notes`]).
//!
//! The tiers: the title holding the words as typed, then the title holding them all, then the
//! words as typed anywhere, then anywhere; newest (highest id) first within each. Each tier stops
//! after the matches it needs, so a search costs about the same for a word in 50 items as for one
//! in 50,000; the first matches are then scored (`domain::ranking::score`).

use std::collections::{HashMap, HashSet};
use std::future::Future;
use std::sync::{Arc, Mutex, PoisonError, RwLock, RwLockReadGuard, RwLockWriteGuard};

use crate::domain::ranking::{self, Group};

/// A word or label as a number: an item's words are kept as numbers, four bytes each.
pub(super) type Sym = u32;

/// Words and labels numbered.
#[derive(Default)]
struct Symbols {
    numbers: HashMap<Box<str>, Sym>,
    names: Vec<Box<str>>,
}

impl Symbols {
    fn get(&self, name: &str) -> Option<Sym> {
        self.numbers.get(name).copied()
    }

    fn intern(&mut self, name: &str) -> Sym {
        if let Some(sym) = self.numbers.get(name) {
            return *sym;
        }
        let sym = Sym::try_from(self.names.len()).expect("fewer than 2^32 distinct words");
        self.names.push(name.into());
        self.numbers.insert(name.into(), sym);
        sym
    }

    fn name(&self, sym: Sym) -> &str {
        &self.names[sym as usize]
    }
}

/// Where a tier looks for the words.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Part {
    Title,
    Anywhere,
}

/// One item: what its catalogue keeps of it, and its words.
struct Entry<D> {
    doc: D,
    title: Box<[Sym]>,
    body: Box<[Sym]>,
}

/// A catalogue's items by id (below 2^32), with `D` kept beside each item's words.
pub(super) struct TextIndex<D> {
    symbols: Symbols,
    entries: HashMap<u32, Entry<D>>,
    /// For each word, the items whose title holds it, by id ascending.
    in_title: Vec<Vec<u32>>,
    /// For each word, the items holding it anywhere (title or the rest), by id ascending.
    anywhere: Vec<Vec<u32>>,
}

impl<D> Default for TextIndex<D> {
    fn default() -> Self {
        Self {
            symbols: Symbols::default(),
            entries: HashMap::new(),
            in_title: Vec::new(),
            anywhere: Vec::new(),
        }
    }
}

fn insert_sorted(list: &mut Vec<u32>, id: u32) {
    match list.last() {
        Some(&last) if last < id => list.push(id),
        None => list.push(id),
        _ => {
            if let Err(at) = list.binary_search(&id) {
                list.insert(at, id);
            }
        }
    }
}

fn remove_sorted(list: &mut Vec<u32>, id: u32) {
    if let Ok(at) = list.binary_search(&id) {
        list.remove(at);
    }
}

/// Whether `words` stand together, in order, in `text`.
fn holds_phrase(text: &[Sym], words: &[Sym]) -> bool {
    !words.is_empty() && text.windows(words.len()).any(|w| w == words)
}

/// The tiers a query of `terms` is ranked by, best first: as a phrase only when there are
/// several words.
fn tiers(terms: &[String]) -> &'static [(Part, bool)] {
    if terms.len() > 1 {
        &[
            (Part::Title, true),
            (Part::Title, false),
            (Part::Anywhere, true),
            (Part::Anywhere, false),
        ]
    } else {
        &[(Part::Title, false), (Part::Anywhere, false)]
    }
}

impl<D> TextIndex<D> {
    /// A label's number (a sector, a category), numbered on first use.
    pub fn label(&mut self, name: &str) -> Sym {
        self.symbols.intern(name)
    }

    /// A label's number, when some item has it: a label none has can match nothing.
    pub fn label_of(&self, name: &str) -> Option<Sym> {
        self.symbols.get(name)
    }

    /// Adds item `id` (replacing it if there) with its folded title and the rest of its text.
    pub fn add(&mut self, id: u32, fold_title: &str, fold_body: &str, doc: D) {
        self.remove(id);
        let words = |symbols: &mut Symbols, text: &str| -> Box<[Sym]> {
            text.split_whitespace().map(|w| symbols.intern(w)).collect()
        };
        let title = words(&mut self.symbols, fold_title);
        let body = words(&mut self.symbols, fold_body);
        let len = self.symbols.names.len();
        for lists in [&mut self.in_title, &mut self.anywhere] {
            if lists.len() < len {
                lists.resize_with(len, Vec::new);
            }
        }
        for &sym in title.iter() {
            insert_sorted(&mut self.in_title[sym as usize], id);
        }
        for &sym in title.iter().chain(body.iter()) {
            insert_sorted(&mut self.anywhere[sym as usize], id);
        }
        self.entries.insert(id, Entry { doc, title, body });
    }

    /// Removes item `id`, when there.
    pub fn remove(&mut self, id: u32) {
        let Some(entry) = self.entries.remove(&id) else {
            return;
        };
        for &sym in entry.title.iter() {
            remove_sorted(&mut self.in_title[sym as usize], id);
        }
        for &sym in entry.title.iter().chain(entry.body.iter()) {
            remove_sorted(&mut self.anywhere[sym as usize], id);
        }
    }

    /// How many titles hold each of `words` (a word none holds is missing).
    pub fn title_counts(&self, words: &[String]) -> HashMap<String, i64> {
        words
            .iter()
            .filter_map(|w| {
                let n = self.in_title.get(self.symbols.get(w)? as usize)?.len();
                (n > 0).then(|| (w.clone(), n as i64))
            })
            .collect()
    }

    /// Calls `visit` with the items holding every one of `terms` in `part` (as a phrase when
    /// `phrase`) that `accept` admits, newest (highest id) first, until it returns false.
    fn walk(
        &self,
        terms: &[String],
        part: Part,
        phrase: bool,
        accept: &dyn Fn(&D) -> bool,
        mut visit: impl FnMut(u32) -> bool,
    ) {
        let Some(words) = terms
            .iter()
            .map(|t| self.symbols.get(t))
            .collect::<Option<Vec<Sym>>>()
        else {
            return;
        };
        if words.is_empty() {
            return;
        }
        let postings = match part {
            Part::Title => &self.in_title,
            Part::Anywhere => &self.anywhere,
        };
        let mut lists: Vec<&[u32]> = words
            .iter()
            .map(|&w| postings.get(w as usize).map_or(&[][..], Vec::as_slice))
            .collect();
        // A word typed twice is one list.
        lists.sort_by_key(|l| (l.len(), l.as_ptr()));
        lists.dedup_by_key(|l| l.as_ptr());
        let (shortest, others) = lists.split_first().expect("at least one word");
        // Each other list is searched only below the last id found there: ids fall.
        let mut ends: Vec<usize> = others.iter().map(|l| l.len()).collect();
        'ids: for &id in shortest.iter().rev() {
            for (list, end) in others.iter().zip(ends.iter_mut()) {
                match list[..*end].binary_search(&id) {
                    Ok(at) => *end = at,
                    Err(at) => {
                        *end = at;
                        continue 'ids;
                    }
                }
            }
            let Some(entry) = self.entries.get(&id) else {
                continue;
            };
            if !accept(&entry.doc) {
                continue;
            }
            if phrase {
                let held = holds_phrase(&entry.title, &words)
                    || (part == Part::Anywhere && holds_phrase(&entry.body, &words));
                if !held {
                    continue;
                }
            }
            if !visit(id) {
                return;
            }
        }
    }

    /// The first `limit` items matching `terms` in `part` (as a phrase when `phrase`) that
    /// `accept` admits, newest first.
    pub fn newest(
        &self,
        terms: &[String],
        part: Part,
        phrase: bool,
        accept: &dyn Fn(&D) -> bool,
        limit: usize,
    ) -> Vec<i64> {
        let mut ids = Vec::new();
        if limit == 0 {
            return ids;
        }
        self.walk(terms, part, phrase, accept, |id| {
            ids.push(i64::from(id));
            ids.len() < limit
        });
        ids
    }

    /// How many items hold all of `terms` anywhere and pass `accept`, counted up to `cap`.
    pub fn count(&self, terms: &[String], accept: &dyn Fn(&D) -> bool, cap: i64) -> i64 {
        let mut n = 0;
        self.walk(terms, Part::Anywhere, false, accept, |_| {
            n += 1;
            n < cap
        });
        n
    }

    /// The first `depth` items matching `terms` that `accept` admits, tier by tier (see the
    /// module's notes), each tier read newest first and only as far as needed — `depth` matches
    /// of a tier hold at least the ones still missing, as at most `ids.len()` of them ranked
    /// earlier. The last tier holds every match: when fewer than `depth` of it were found, that
    /// is how many match in all (the second value).
    pub fn ranked(
        &self,
        terms: &[String],
        accept: &dyn Fn(&D) -> bool,
        depth: i64,
    ) -> (Vec<i64>, Option<i64>) {
        let tiers = tiers(terms);
        let limit = usize::try_from(depth).unwrap_or(0);
        let mut ids = Vec::new();
        let mut seen = HashSet::new();
        let mut total = None;
        for (i, &(part, phrase)) in tiers.iter().enumerate() {
            let found = self.newest(terms, part, phrase, accept, limit);
            if i == tiers.len() - 1 && found.len() < limit {
                total = Some(found.len() as i64);
            }
            for id in found {
                if seen.insert(id) {
                    ids.push(id);
                }
            }
            if ids.len() >= limit {
                ids.truncate(limit);
                break;
            }
        }
        (ids, total)
    }

    /// [`Self::ranked`] `depth` deep with how many match (counted up to `cap` when the ranking
    /// did not read them all) and whether every match was read.
    pub fn ranked_and_counted(
        &self,
        terms: &[String],
        accept: &dyn Fn(&D) -> bool,
        depth: i64,
        cap: i64,
    ) -> (Vec<i64>, i64, bool) {
        match self.ranked(terms, accept, depth) {
            (ids, Some(total)) => (ids, total.min(cap), true),
            (ids, None) => {
                let total = self.count(terms, accept, cap);
                (ids, total, false)
            }
        }
    }

    /// Item `id`, when there.
    pub fn get(&self, id: i64) -> Option<&D> {
        Some(&self.entries.get(&u32::try_from(id).ok()?)?.doc)
    }

    /// Item `id`'s title and the rest as folded words.
    pub fn words(&self, id: i64) -> Option<(Vec<String>, Vec<String>)> {
        let entry = self.entries.get(&u32::try_from(id).ok()?)?;
        let names = |syms: &[Sym]| {
            syms.iter()
                .map(|&s| self.symbols.name(s).to_owned())
                .collect()
        };
        Some((names(&entry.title), names(&entry.body)))
    }

    /// How many items this holds.
    pub fn len(&self) -> usize {
        self.entries.len()
    }
}

/// One database's index of one catalogue, and the lock held by the one request bringing it up
/// to date.
pub(super) struct Shelf<T> {
    state: RwLock<T>,
    pub refreshing: tokio::sync::Mutex<()>,
}

impl<T> Shelf<T> {
    /// The index to read; hold it only between two awaits.
    pub fn read(&self) -> RwLockReadGuard<'_, T> {
        self.state.read().unwrap_or_else(PoisonError::into_inner)
    }

    pub fn write(&self) -> RwLockWriteGuard<'_, T> {
        self.state.write().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Databases whose index a process keeps at most (tests open many); the least recently used goes.
const KEPT: usize = 16;

/// Each database's index of one catalogue, by the database's `search_catalogue` number, most
/// recently used last.
pub(super) struct Shelves<T>(Mutex<Vec<(i64, Arc<Shelf<T>>)>>);

impl<T: Default> Shelves<T> {
    pub const fn new() -> Self {
        Self(Mutex::new(Vec::new()))
    }

    /// Database `catalogue`'s index (empty when first asked for).
    pub fn of(&self, catalogue: i64) -> Arc<Shelf<T>> {
        let mut kept = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        let shelf = match kept.iter().position(|(c, _)| *c == catalogue) {
            Some(at) => kept.remove(at).1,
            None => Arc::new(Shelf {
                state: RwLock::new(T::default()),
                refreshing: tokio::sync::Mutex::new(()),
            }),
        };
        kept.push((catalogue, shelf.clone()));
        if kept.len() > KEPT {
            kept.remove(0);
        }
        shelf
    }
}

/// The site counters `names`, in that order, read at once (an index's version, this database's
/// own number `search_catalogue` that keeps a process's indexes of several databases apart, …).
pub(super) async fn counters<const N: usize>(
    conn: &mut sqlx::AnyConnection,
    names: [&str; N],
) -> sqlx::Result<[i64; N]> {
    let list = names
        .iter()
        .map(|name| format!("'{name}'"))
        .collect::<Vec<_>>()
        .join(", ");
    let rows: Vec<(String, i64)> = sqlx::query_as(&format!(
        "SELECT name, value FROM site_counters WHERE name IN ({list})"
    ))
    .fetch_all(conn)
    .await?;
    let mut values = [0; N];
    for (value, name) in values.iter_mut().zip(names) {
        *value = rows
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| *v)
            .ok_or(sqlx::Error::RowNotFound)?;
    }
    Ok(values)
}

/// What a catalogue's reading of a query asks of it: how common words are, and each variant of
/// the query ranked (by an index in memory, or the database for other sorts).
pub(super) trait Source {
    /// How many items' titles hold each of `words` (a word none holds is missing).
    fn title_counts(
        &mut self,
        words: &[String],
    ) -> impl Future<Output = sqlx::Result<HashMap<String, i64>>> + Send;

    /// The items matching all of `terms`, best first and `depth` deep, how many match (up to
    /// [`crate::domain::search::COUNT_CAP`] + 1) and whether every match was read.
    fn rank_terms(
        &mut self,
        terms: &[String],
        depth: i64,
    ) -> impl Future<Output = sqlx::Result<(Vec<i64>, i64, bool)>> + Send;

    /// Whether any item matches all of `terms`.
    fn any(&mut self, terms: &[String]) -> impl Future<Output = sqlx::Result<bool>> + Send;
}

/// What a search did with the words typed, to tell the visitor.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchNotes {
    /// Folded words nothing found held together with the rest, left out (in the order left).
    pub left_out: Vec<String>,
    /// Words no title holds that were read as a known word one typo away: (typed, read as).
    pub corrections: Vec<(String, String)>,
    /// Synonyms and folk names the search also looked for.
    pub widened: Vec<String>,
    /// Every folded word a result may hold because of the search, to highlight.
    pub highlight: Vec<String>,
}

impl SearchNotes {
    /// The words left out and the corrections, each word named as it was typed in `q` ("Lò",
    /// not "lo"), to tell the visitor.
    pub fn as_typed(&self, q: &str) -> (Vec<String>, Vec<(String, String)>) {
        let typed = |folded: &String| crate::domain::as_typed(q, folded);
        (
            self.left_out.iter().map(typed).collect(),
            self.corrections
                .iter()
                .map(|(was, read)| (typed(was), read.clone()))
                .collect(),
        )
    }
}

/// A query as read: its words grouped with their synonyms and corrections, how many titles hold
/// each, each variant ranked, how many match any of them, and what to tell the visitor.
pub(super) struct Reading {
    pub groups: Vec<Group>,
    pub titles: HashMap<String, i64>,
    /// Each variant of `groups` (`domain::ranking::variants`), ranked as [`Source::rank_terms`].
    pub ranked: Vec<(Vec<i64>, i64, bool)>,
    pub total: i64,
    pub notes: SearchNotes,
}

/// Ways of leaving one word out tried at each step, at most: a long query of unknown words
/// costs a few rankings, not dozens.
const MAX_LEAVE_OUT_TRIES: usize = 4;

/// Reads `terms` (folded, at least one) against `source`, each variant ranked `depth` deep.
///
/// The words are grouped with their synonyms, and a word no title holds is also looked for one
/// typo away (`domain::ranking`). When nothing holds every word, the words are left out one by
/// one (unknown, then commonest) until something does.
pub(super) async fn read_query<S: Source>(
    source: &mut S,
    terms: &[String],
    synonyms: &[Vec<Vec<String>>],
    depth: i64,
) -> sqlx::Result<Reading> {
    let mut groups = ranking::group_terms(terms, synonyms);
    let words: Vec<String> = groups
        .iter()
        .flat_map(|g| g.alternatives.iter().flat_map(|a| a.words.clone()))
        .collect();
    let typo_words: Vec<String> = groups
        .iter()
        .filter(|g| g.typed.len() == 1 && g.alternatives.len() == 1)
        .flat_map(|g| ranking::typo_candidates(&g.typed[0]))
        .collect();
    let mut titles = source.title_counts(&words).await?;
    let unknown = groups.iter().any(|g| {
        g.typed.len() == 1
            && g.alternatives.len() == 1
            && titles.get(&g.typed[0]).copied().unwrap_or(0) == 0
    });
    let mut corrections = Vec::new();
    if unknown && !typo_words.is_empty() {
        titles.extend(source.title_counts(&typo_words).await?);
        corrections = ranking::forgive_typos(&mut groups, &titles);
    }
    let mut notes = SearchNotes::default();
    let any = |ranked: &[(Vec<i64>, i64, bool)]| ranked.iter().any(|(_, total, _)| *total > 0);
    let mut ranked = rank_groups(source, &mut groups, &mut corrections, depth).await?;
    // Nothing holds every word: leave one out — unknown, then the commonest, first — and if
    // none alone will do, leave the first of them out for good and try again.
    while !any(&ranked) && groups.len() > 1 {
        // Which one to leave: the first whose leaving finds something (asked for one match
        // only: cheap), else the first in order.
        let order = ranking::leave_out_order(&groups, &titles);
        let mut chosen = order[0];
        'tries: for &i in order.iter().take(MAX_LEAVE_OUT_TRIES) {
            let mut fewer = groups.clone();
            fewer.remove(i);
            for terms in ranking::variants(&fewer) {
                if source.any(&terms).await? {
                    chosen = i;
                    break 'tries;
                }
            }
        }
        notes.left_out.extend(groups.remove(chosen).typed);
        ranked = rank_groups(source, &mut groups, &mut corrections, depth).await?;
    }
    notes.corrections = corrections
        .iter()
        .filter(|(typed, _)| groups.iter().any(|g| g.typed == [typed.clone()]))
        .cloned()
        .collect();
    for group in &groups {
        for alternative in &group.alternatives {
            for word in &alternative.words {
                if !notes.highlight.contains(word) {
                    notes.highlight.push(word.clone());
                }
            }
            if alternative.via == ranking::Via::Synonym {
                notes.widened.push(alternative.words.join(" "));
            }
        }
    }
    let total = union_total(&ranking::variants(&groups), &ranked);
    Ok(Reading {
        groups,
        titles,
        ranked,
        total,
        notes,
    })
}

/// Each variant of `groups` ranked `depth` deep. When the words as typed are found, no typo is
/// assumed: the corrections are dropped from `groups` and `corrections`.
async fn rank_groups<S: Source>(
    source: &mut S,
    groups: &mut [Group],
    corrections: &mut Vec<(String, String)>,
    depth: i64,
) -> sqlx::Result<Vec<(Vec<i64>, i64, bool)>> {
    let mut ranked = Vec::new();
    let mut variants = ranking::variants(groups);
    let mut i = 0;
    while i < variants.len() {
        let found = source.rank_terms(&variants[i], depth).await?;
        if i == 0 && found.1 > 0 && !corrections.is_empty() {
            for group in groups.iter_mut() {
                group.alternatives.retain(|a| a.via != ranking::Via::Typo);
            }
            corrections.clear();
            variants = ranking::variants(groups);
        }
        ranked.push(found);
        i += 1;
    }
    Ok(ranked)
}

/// How many items match any of `variants` (ranked as `ranked`), up to `COUNT_CAP` + 1, without
/// reading more: exact when every variant was read whole (its ids counted once); otherwise the
/// counts of the variants no other one holds (a variant whose words include another's finds only
/// items that one finds: "máy bơm" within "bơm"), added. Items that hold two alternatives at once
/// ("drone" and "flycam") are then counted twice: rare, and the count is an estimate past the
/// first page anyway.
pub(super) fn union_total(variants: &[Vec<String>], ranked: &[(Vec<i64>, i64, bool)]) -> i64 {
    use crate::domain::search::COUNT_CAP;

    if let [(_, total, _)] = ranked {
        return *total;
    }
    if ranked.iter().all(|(_, _, complete)| *complete) {
        let seen: HashSet<i64> = ranked
            .iter()
            .flat_map(|(ids, _, _)| ids.iter().copied())
            .collect();
        return (seen.len() as i64).min(COUNT_CAP + 1);
    }
    let within = |a: &Vec<String>, b: &Vec<String>| a != b && b.iter().all(|w| a.contains(w));
    let total: i64 = variants
        .iter()
        .zip(ranked)
        .filter(|(terms, _)| !variants.iter().any(|other| within(terms, other)))
        .map(|(_, (_, total, _))| *total)
        .sum();
    total.min(COUNT_CAP + 1)
}

/// The variants' rankings' first `pool_depth` ids together (each id once, the first variant's
/// first), and the deeper ones after them in the variants' order.
pub(super) fn pool_and_tail(
    ranked: &[(Vec<i64>, i64, bool)],
    depth: usize,
) -> (Vec<i64>, Vec<i64>) {
    // About `depth` scored in all, shared among the variants (the typed words' first): reading
    // a candidate's words is most of the cost of scoring.
    let pool_depth = (depth / ranked.len().max(1)).max(24);
    let mut seen = HashSet::new();
    let (mut pool, mut tail) = (Vec::new(), Vec::new());
    for (ids, _, _) in ranked {
        for (i, id) in ids.iter().enumerate() {
            if seen.insert(*id) {
                if i < pool_depth {
                    pool.push(*id);
                } else {
                    tail.push(*id);
                }
            }
        }
    }
    (pool, tail)
}

/// What scoring reads of an item beside its words: whether it shows a picture, and its date.
pub(super) struct Traits {
    pub has_picture: bool,
    pub created_at: i64,
}

/// A catalogue's results in the order to show them: `ranked`'s first `depth` (about) scored by
/// `ranking::score` against `reading` at `now`, best first (the higher id first among equals),
/// then the deeper ones in their tiers' order. `traits` reads an item's picture and date.
pub(super) fn scored<D>(
    index: &TextIndex<D>,
    reading: &Reading,
    depth: usize,
    traits: impl Fn(&D) -> Traits,
    now: i64,
) -> Vec<i64> {
    let (pool, tail) = pool_and_tail(&reading.ranked, depth);
    let mut scored: Vec<(f64, i64)> = pool
        .iter()
        .filter_map(|&id| {
            let Traits {
                has_picture,
                created_at,
            } = traits(index.get(id)?);
            let (title, body) = index.words(id)?;
            let candidate = ranking::Candidate {
                id,
                title,
                body,
                has_pictures: has_picture,
                approved_stall: false,
                complete: true,
                created_at,
            };
            Some((
                ranking::score(&reading.groups, &reading.titles, &candidate, now),
                id,
            ))
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(b.1.cmp(&a.1)));
    scored.into_iter().map(|(_, id)| id).chain(tail).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        text.split_whitespace().map(str::to_owned).collect()
    }

    /// Items labelled with a kind, for the filters.
    fn index() -> TextIndex<&'static str> {
        let mut index = TextIndex::default();
        index.add(1, "may say lua", "", "offer");
        index.add(2, "lua may say", "", "offer");
        index.add(3, "may", "say lua tang soi", "request");
        index.add(4, "bom", "may say lua", "offer");
        index
    }

    #[test]
    fn tiers_walk_newest_first_and_respect_phrase_part_and_filters() {
        let index = index();
        let all = |_: &&str| true;
        let q = words("may say");
        assert_eq!(index.newest(&q, Part::Title, true, &all, 10), [2, 1]);
        assert_eq!(index.newest(&q, Part::Title, false, &all, 10), [2, 1]);
        assert_eq!(index.newest(&q, Part::Anywhere, true, &all, 10), [4, 2, 1]);
        assert_eq!(
            index.newest(&q, Part::Anywhere, false, &all, 10),
            [4, 3, 2, 1]
        );
        assert_eq!(index.newest(&q, Part::Anywhere, false, &all, 2), [4, 3]);
        let requests = |kind: &&str| *kind == "request";
        assert_eq!(index.newest(&q, Part::Anywhere, false, &requests, 10), [3]);
        assert_eq!(index.count(&q, &all, 3), 3);
        assert_eq!(index.count(&words("may unknown"), &all, 10), 0);
        assert_eq!(index.title_counts(&words("may bom x"))["may"], 3);
        assert!(!index.title_counts(&words("x")).contains_key("x"));
    }

    #[test]
    fn ranking_goes_tier_by_tier_and_counts_when_it_read_everything() {
        let index = index();
        let all = |_: &&str| true;
        // The phrase in a title first, then the words in a title, then elsewhere.
        assert_eq!(
            index.ranked(&words("may say"), &all, 10),
            (vec![2, 1, 4, 3], Some(4))
        );
        assert_eq!(index.ranked(&words("may say"), &all, 2), (vec![2, 1], None));
        assert_eq!(
            index.ranked_and_counted(&words("may say"), &all, 2, 100),
            (vec![2, 1], 4, false)
        );
        assert_eq!(index.ranked(&words("bom"), &all, 10), (vec![4], Some(1)));
    }

    #[test]
    fn an_item_read_again_replaces_its_words() {
        let mut index = TextIndex::default();
        index.add(7, "may bom", "nuoc", ());
        index.add(7, "may keo", "", ());
        let all = |_: &()| true;
        assert!(
            index
                .newest(&words("bom"), Part::Anywhere, false, &all, 10)
                .is_empty()
        );
        assert!(
            index
                .newest(&words("nuoc"), Part::Anywhere, false, &all, 10)
                .is_empty()
        );
        assert_eq!(
            index.newest(&words("keo"), Part::Title, false, &all, 10),
            [7]
        );
        assert_eq!(
            index.words(7),
            Some((words("may keo"), Vec::<String>::new()))
        );
        index.remove(7);
        assert!(
            index
                .newest(&words("may"), Part::Title, false, &all, 10)
                .is_empty()
        );
        assert_eq!(index.len(), 0);
        assert!(index.get(7).is_none());
    }

    /// A source over one index, for the reading of queries.
    struct Memory(TextIndex<()>);

    impl Source for Memory {
        async fn title_counts(&mut self, words: &[String]) -> sqlx::Result<HashMap<String, i64>> {
            Ok(self.0.title_counts(words))
        }

        async fn rank_terms(
            &mut self,
            terms: &[String],
            depth: i64,
        ) -> sqlx::Result<(Vec<i64>, i64, bool)> {
            Ok(self.0.ranked_and_counted(terms, &|_| true, depth, 1_001))
        }

        async fn any(&mut self, terms: &[String]) -> sqlx::Result<bool> {
            Ok(!self.0.ranked(terms, &|_| true, 1).0.is_empty())
        }
    }

    #[tokio::test]
    async fn a_query_is_read_with_synonyms_typos_and_words_left_out() {
        let mut index = TextIndex::default();
        index.add(1, "may say lua", "", ());
        index.add(2, "flycam phun thuoc", "", ());
        index.add(3, "drone giam sat", "", ());
        let source = &mut Memory(index);
        let synonyms = ranking::parse_synonym_sets("drone, flycam");
        // A synonym widens the search; the words to highlight include it.
        let reading = read_query(source, &words("drone"), &synonyms, 10)
            .await
            .unwrap();
        assert_eq!(reading.total, 2);
        assert!(reading.notes.highlight.contains(&"flycam".to_owned()));
        assert_eq!(reading.notes.widened, ["flycam"]);
        // One typo away from a known title word.
        let reading = read_query(source, &words("flycan"), &[], 10).await.unwrap();
        assert_eq!(
            reading.notes.corrections,
            [("flycan".into(), "flycam".into())]
        );
        assert_eq!(reading.total, 1);
        assert!(reading.ranked.iter().any(|(ids, _, _)| ids == &[2]));
        // A word nothing holds is left out.
        let reading = read_query(source, &words("may zzzzzz"), &[], 10)
            .await
            .unwrap();
        assert_eq!(reading.notes.left_out, ["zzzzzz"]);
        assert_eq!(reading.total, 1);
    }
}
