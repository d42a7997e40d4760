//! Saved searches and alerts: what a saved search is, which newly published listing satisfies it
//! (the reverse of a search), and when digests are due.
//!
//! A saved search keeps its URL's query (`q=bom+nuoc&sector=nong-nghiep`). A listing satisfies it
//! when it holds every word of the query (folded as the search folds them, anywhere in its title,
//! summary, description or stall name) and passes every filter, exactly as the search would have
//! found it among its full matches. To find the saved searches a new listing satisfies without
//! reading them all, each is filed under one *match key*: its longest word (the rarest, most
//! often), or for a search without words its sector, its kind, or "any". A listing is looked up by
//! every key it could satisfy ([`listing_keys`]) and each search found is then checked whole
//! ([`fits`]).

use std::collections::HashSet;

use super::search::{BrowseFilter, BrowseQuery};
use super::time::{VIETNAM_OFFSET_MS, iso_date};

/// How often a member hears of new listings that fit a saved search.
pub const FREQUENCIES: [&str; 3] = ["instant", "daily", "weekly"];
/// How often a member hears of new offers fitting their own requests; `off` never.
pub const MATCH_ALERTS: [&str; 4] = ["instant", "daily", "weekly", "off"];
/// Saved searches one member may keep.
pub const MAX_SAVED_SEARCHES: i64 = 50;
/// The longest name of a saved search, in characters.
pub const NAME_CHARS: usize = 80;
/// The hour of the day (Vietnam time) from which the day's and the week's digests go out.
pub const DIGEST_HOUR: i64 = 7;

/// A saved search as typed in its form, checked: its name, its query as stored and the filter it
/// stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedQuery {
    pub name: String,
    /// The query string without `page`: what `/search?` is followed by to see its results.
    pub query: String,
    pub filter: BrowseFilter,
    pub frequency: &'static str,
}

/// The query string of `query` (without `page`), in URL order.
pub fn query_string(query: &BrowseQuery) -> String {
    let pairs: Vec<(&str, &str)> = query
        .pairs()
        .into_iter()
        .map(|(name, value)| (name, value.trim()))
        .collect();
    crate::components::pagination::query_string(&pairs)
}

/// Whether `filter` narrows the listings at all: a search of nothing would alert of everything.
pub fn narrows(filter: &BrowseFilter) -> bool {
    !filter.terms.is_empty() || filter.has_filters()
}

/// Checks a saved search's form: `name` (empty takes the query's words), the search's `query`
/// and its `frequency`. Errors name the field: `query` (`alert_empty`: nothing to look for, or a
/// filter that does not parse), `name` (`too_long`), `frequency` (`invalid_choice`).
pub fn check(
    name: &str,
    query: &BrowseQuery,
    frequency: &str,
) -> Result<SavedQuery, Vec<crate::error::FieldError>> {
    use crate::error::FieldError;
    let mut errors = Vec::new();
    let (filter, filter_errors) = query.check();
    if !filter_errors.is_empty() || !narrows(&filter) {
        errors.push(FieldError::new("query", "alert_empty"));
    }
    let frequency = FREQUENCIES.iter().copied().find(|f| *f == frequency.trim());
    if frequency.is_none() {
        errors.push(FieldError::new("frequency", "invalid_choice"));
    }
    let mut name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        name = query.q.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    if name.chars().count() > NAME_CHARS {
        errors.push(FieldError::new("name", "too_long"));
    }
    match frequency {
        Some(frequency) if errors.is_empty() => Ok(SavedQuery {
            name,
            query: query_string(query),
            filter,
            frequency,
        }),
        _ => Err(errors),
    }
}

/// Parses a stored query string back into the query it was.
pub fn parse_query(query: &str) -> BrowseQuery {
    let mut out = BrowseQuery::default();
    for pair in query.split('&') {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        let value = decode_component(value);
        let field = match name {
            "q" => &mut out.q,
            "kind" => &mut out.kind,
            "listing_type" => &mut out.listing_type,
            "sector" => &mut out.sector,
            "province" => &mut out.province,
            "price_min" => &mut out.price_min,
            "price_max" => &mut out.price_max,
            "trl_min" => &mut out.trl_min,
            "seller" => &mut out.seller,
            "images" => &mut out.images,
            "sort" => &mut out.sort,
            _ => continue,
        };
        *field = value;
    }
    out
}

fn decode_component(value: &str) -> String {
    let hex = |byte: u8| char::from(byte).to_digit(16);
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(high), Some(low)) => {
                    out.push((high * 16 + low) as u8);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            byte => out.push(byte),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The key a saved search is filed under: its longest word (ties: the last), else its sector,
/// else its kind, else `@any`.
pub fn match_key(filter: &BrowseFilter) -> String {
    // Of equally long words the last: "máy bơm" is filed under "bom", not the commoner "may".
    if let Some(word) = filter.terms.iter().max_by_key(|term| term.chars().count()) {
        return word.clone();
    }
    if let Some(sector) = filter.sector {
        return format!("@sector:{sector}");
    }
    if let Some(kind) = filter.kind {
        return format!("@kind:{kind}");
    }
    "@any".to_owned()
}

/// The second key a saved search is filed under (migration 40): the longest of its other words
/// (ties: the last), else its sector, else its kind; empty when it has nothing more. A listing
/// that satisfies the search holds it among its [`listing_keys`], as it does the first.
pub fn second_key(filter: &BrowseFilter) -> String {
    let first = match_key(filter);
    let other = |key: &String| *key != first;
    if let Some(word) = filter
        .terms
        .iter()
        .filter(|t| other(t))
        .max_by_key(|t| t.chars().count())
    {
        return word.clone();
    }
    let sector = filter.sector.map(|s| format!("@sector:{s}"));
    let kind = filter.kind.map(|k| format!("@kind:{k}"));
    sector
        .filter(other)
        .or(kind.filter(other))
        .unwrap_or_default()
}

/// What a newly published listing is checked by.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListingDoc {
    pub kind: String,
    pub listing_type: String,
    pub sector: String,
    pub province: String,
    /// Its price, or a request's budget (the upper end), as the search's price filter reads it.
    pub price: Option<i64>,
    pub trl: Option<i64>,
    pub has_stall: bool,
    pub has_images: bool,
    /// Its folded words: title, summary, description and stall name.
    pub words: HashSet<String>,
}

/// Whether the listing holds every word of `phrase`.
fn holds(doc: &ListingDoc, phrase: &[String]) -> bool {
    phrase.iter().all(|word| doc.words.contains(word))
}

/// Every key a saved search the listing satisfies can be filed under: its words, and every word
/// of the synonyms of a phrase it holds (`synonyms` as [`super::ranking::parse_synonym_sets`]
/// reads them), then its sector, kind and "any".
pub fn listing_keys(doc: &ListingDoc, synonyms: &[Vec<Vec<String>>]) -> Vec<String> {
    let mut keys: std::collections::BTreeSet<String> = doc.words.iter().cloned().collect();
    for set in synonyms
        .iter()
        .filter(|set| set.iter().any(|p| holds(doc, p)))
    {
        keys.extend(set.iter().flatten().cloned());
    }
    let mut keys: Vec<String> = keys.into_iter().collect();
    keys.push(format!("@sector:{}", doc.sector));
    keys.push(format!("@kind:{}", doc.kind));
    keys.push("@any".to_owned());
    keys
}

/// Whether the listing satisfies the search: every word (or a synonym of the phrase it is part
/// of, as the search groups them) and every filter.
pub fn fits(filter: &BrowseFilter, doc: &ListingDoc, synonyms: &[Vec<Vec<String>>]) -> bool {
    Prepared::new(filter.clone(), synonyms).fits(doc)
}

/// A saved search ready to check listings against: its filter, and its words grouped with their
/// synonyms (each group's alternative phrases). A stored query is prepared once per process and
/// synonym sets, not once per listing (see `db::alerts::reverse_search`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prepared {
    pub filter: BrowseFilter,
    groups: Vec<Vec<Vec<String>>>,
}

impl Prepared {
    pub fn new(filter: BrowseFilter, synonyms: &[Vec<Vec<String>>]) -> Self {
        let groups = super::ranking::group_terms(&filter.terms, synonyms)
            .into_iter()
            .map(|group| group.alternatives.into_iter().map(|a| a.words).collect())
            .collect();
        Self { filter, groups }
    }

    /// A stored query (as [`query_string`] wrote it), prepared.
    pub fn of_stored(query: &str, synonyms: &[Vec<Vec<String>>]) -> Self {
        Self::new(parse_query(query).check().0, synonyms)
    }

    /// Whether `doc` satisfies it (see [`fits`]).
    pub fn fits(&self, doc: &ListingDoc) -> bool {
        let filter = &self.filter;
        let is = |wanted: Option<&str>, value: &str| wanted.is_none_or(|w| w == value);
        is(filter.kind, &doc.kind)
            && is(filter.listing_type, &doc.listing_type)
            && is(filter.sector, &doc.sector)
            && is(filter.province, &doc.province)
            && filter
                .price_min
                .is_none_or(|min| doc.price.is_some_and(|p| p >= min))
            && filter
                .price_max
                .is_none_or(|max| doc.price.is_some_and(|p| p <= max))
            && filter
                .trl_min
                .is_none_or(|min| doc.trl.is_some_and(|t| t >= min))
            && (!filter.with_images || doc.has_images)
            && match filter.seller {
                Some("stall") => doc.has_stall,
                Some("independent") => !doc.has_stall,
                _ => true,
            }
            && filter.stall_id.is_none()
            && self
                .groups
                .iter()
                .all(|group| group.iter().any(|phrase| holds(doc, phrase)))
    }
}

/// The digest period a UTC instant falls in: a day or a week (from its Monday) starting at
/// [`DIGEST_HOUR`] Vietnam time — `daily:2026-12-05` from 07:00 that day to 07:00 the next,
/// `weekly:2026-11-30` from that Monday 07:00 to the next. `None` for `instant`. A member's digest
/// goes once per period, at the first run in it that finds something new for them.
pub fn digest_period(frequency: &str, now_ms: i64) -> Option<String> {
    let day = (now_ms + VIETNAM_OFFSET_MS - DIGEST_HOUR * 3_600_000).div_euclid(86_400_000);
    match frequency {
        "daily" => Some(format!("daily:{}", iso_date(day))),
        // 1970-01-01 was a Thursday: the Monday before a day is `(day + 3) % 7` days back.
        "weekly" => Some(format!(
            "weekly:{}",
            iso_date(day - (day + 3).rem_euclid(7))
        )),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(q: &str) -> BrowseQuery {
        BrowseQuery {
            q: q.into(),
            ..BrowseQuery::default()
        }
    }

    fn doc(text: &str) -> ListingDoc {
        ListingDoc {
            kind: "offer".into(),
            listing_type: "equipment".into(),
            sector: "nong-nghiep".into(),
            province: "can-tho".into(),
            price: Some(12_000_000),
            trl: Some(7),
            has_stall: true,
            has_images: false,
            words: crate::domain::search_words(text).into_iter().collect(),
        }
    }

    #[test]
    fn a_search_of_nothing_is_refused_and_names_its_field() {
        let errors = check("", &BrowseQuery::default(), "daily").unwrap_err();
        assert_eq!(errors[0].field, "query");
        assert_eq!(errors[0].code, "alert_empty");
        let errors = check("x", &query("bơm"), "hourly").unwrap_err();
        assert_eq!(errors[0].field, "frequency");
        let errors = check(&"x".repeat(81), &query("bơm"), "daily").unwrap_err();
        assert_eq!(errors[0].field, "name");
        // A filter alone is a search.
        let sector = BrowseQuery {
            sector: "nong-nghiep".into(),
            ..BrowseQuery::default()
        };
        assert!(check("Nông nghiệp", &sector, "weekly").is_ok());
    }

    #[test]
    fn the_name_defaults_to_the_words_and_the_query_survives_storage() {
        let q = BrowseQuery {
            q: "  Máy bơm  nước ".into(),
            sector: "nong-nghiep".into(),
            price_max: "5.000.000".into(),
            page: 3,
            ..BrowseQuery::default()
        };
        let saved = check("", &q, "instant").unwrap();
        assert_eq!(saved.name, "Máy bơm nước");
        assert_eq!(
            saved.query,
            "q=M%C3%A1y%20b%C6%A1m%20%20n%C6%B0%E1%BB%9Bc&sector=nong-nghiep&price_max=5.000.000"
        );
        let back = parse_query(&saved.query);
        assert_eq!(back.q, "Máy bơm  nước");
        assert_eq!(back.sector, "nong-nghiep");
        assert_eq!(back.price_max, "5.000.000");
        assert_eq!(back.check().0.terms, saved.filter.terms);
        // A broken escape is kept as typed rather than lost.
        assert_eq!(parse_query("q=50%&x=1").q, "50%");
        assert_eq!(parse_query("q=%E1").q, "\u{fffd}");
    }

    #[test]
    fn a_listing_satisfies_a_search_with_every_word_and_filter() {
        let pump = doc("Máy bơm nước chìm 2HP cho ruộng lúa");
        let (filter, _) = query("bom nuoc").check();
        assert!(fits(&filter, &pump, &[]));
        let (filter, _) = query("bơm nước thải").check();
        assert!(!fits(&filter, &pump, &[]), "every word is needed");
        let mut q = query("bom");
        q.price_max = "10.000.000".into();
        assert!(!fits(&q.check().0, &pump, &[]), "over the price asked");
        q.price_max = String::new();
        q.seller = "independent".into();
        assert!(!fits(&q.check().0, &pump, &[]));
        q.seller = "stall".into();
        q.trl_min = "8".into();
        assert!(!fits(&q.check().0, &pump, &[]));
        q.trl_min = "7".into();
        assert!(fits(&q.check().0, &pump, &[]));
    }

    #[test]
    fn a_search_is_satisfied_by_the_synonyms_of_its_words() {
        let synonyms = crate::domain::ranking::parse_synonym_sets(
            "drone = flycam = máy bay không người lái\nbơm = máy bơm",
        );
        let flycam = doc("Flycam phun thuốc 20 lít");
        for q in ["drone phun thuốc", "máy bay không người lái", "flycam"] {
            let (filter, _) = query(q).check();
            assert!(fits(&filter, &flycam, &synonyms), "{q}");
            assert!(
                listing_keys(&flycam, &synonyms).contains(&match_key(&filter)),
                "{q} is looked up"
            );
            assert!(!fits(&filter, &doc("Máy bơm nước"), &synonyms), "{q}");
        }
        let (filter, _) = query("drone").check();
        assert!(!fits(&filter, &flycam, &[]), "without the synonyms");
        let (filter, _) = query("drone bơm").check();
        assert!(
            !fits(&filter, &flycam, &synonyms),
            "every word still counts"
        );
    }

    #[test]
    fn a_search_is_filed_under_a_key_the_listings_it_fits_are_looked_up_by() {
        let pump = doc("Máy bơm nước chìm");
        for q in ["bơm nước chìm", "may", ""] {
            let mut query = query(q);
            query.kind = "offer".into();
            let (filter, _) = query.check();
            assert!(fits(&filter, &pump, &[]));
            assert!(
                listing_keys(&pump, &[]).contains(&match_key(&filter)),
                "{q}"
            );
            let second = second_key(&filter);
            assert!(
                second.is_empty() || listing_keys(&pump, &[]).contains(&second),
                "{q}: {second}"
            );
        }
        assert_eq!(match_key(&query("may bom nuoc").check().0), "nuoc");
        assert_eq!(second_key(&query("may bom nuoc").check().0), "bom");
        assert_eq!(second_key(&query("bom bom").check().0), "");
        let narrowed = |q: &str| {
            BrowseQuery {
                q: q.into(),
                sector: "nong-nghiep".into(),
                kind: "offer".into(),
                ..BrowseQuery::default()
            }
            .check()
            .0
        };
        assert_eq!(second_key(&narrowed("bom")), "@sector:nong-nghiep");
        assert_eq!(second_key(&narrowed("")), "@kind:offer");
        assert_eq!(match_key(&query("máy bơm").check().0), "bom");
        let sector = BrowseQuery {
            sector: "nong-nghiep".into(),
            kind: "offer".into(),
            ..BrowseQuery::default()
        };
        assert_eq!(match_key(&sector.check().0), "@sector:nong-nghiep");
    }

    #[test]
    fn digest_periods_run_from_seven_in_the_morning_vietnam_time() {
        use crate::domain::time::days_from_civil;
        // Saturday 2026-12-05, 07:00 in Vietnam is 00:00 UTC.
        let seven = days_from_civil(2026, 12, 5) * 86_400_000;
        assert_eq!(
            digest_period("daily", seven - 60_000).as_deref(),
            Some("daily:2026-12-04")
        );
        assert_eq!(
            digest_period("daily", seven).as_deref(),
            Some("daily:2026-12-05")
        );
        assert_eq!(
            digest_period("daily", seven + 23 * 3_600_000).as_deref(),
            Some("daily:2026-12-05")
        );
        assert_eq!(digest_period("instant", seven), None);
        // The week's key is its Monday, from Monday 07:00 to the next Monday 07:00.
        assert_eq!(
            digest_period("weekly", seven).as_deref(),
            Some("weekly:2026-11-30")
        );
        let next_monday = seven + 2 * 86_400_000;
        assert_eq!(
            digest_period("weekly", next_monday - 60_000).as_deref(),
            Some("weekly:2026-11-30")
        );
        assert_eq!(
            digest_period("weekly", next_monday).as_deref(),
            Some("weekly:2026-12-07")
        );
    }
}
