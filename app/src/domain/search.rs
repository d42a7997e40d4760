//! Searching listings: how text is folded into the words both database engines index, what a
//! query with its filters is, and which words of a result to highlight.

use serde::{Deserialize, Serialize};

use super::slug::fold_vietnamese;
use crate::error::FieldError;

/// Matches counted at most; a total above it reads "more than 1,000".
pub const COUNT_CAP: i64 = 1000;

/// Words at most taken from one query.
pub const MAX_TERMS: usize = 8;
/// Longest query accepted, in characters.
pub const MAX_QUERY_CHARS: usize = 200;

/// The words of `text` as the index stores them: lowercase, without Vietnamese diacritics (đ → d
/// included), split at anything that is not a letter or digit. "Máy kéo KUBOTA-L5018" →
/// `may`, `keo`, `kubota`, `l5018`. Both SQLite FTS5 and PostgreSQL see exactly these words.
///
/// Text typed or pasted with its accents as separate combining marks (as some keyboards and
/// systems give Vietnamese: `a` + U+0301 for `á`) folds the same as precomposed text: the marks
/// are dropped, not taken for the end of a word. Superscript and subscript digits count as
/// digits: "m²" and "m2", "CO₂" and "co2" are the same word.
pub fn search_words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    for ch in text.chars().flat_map(char::to_lowercase) {
        let ch = fold_digit(fold_vietnamese(ch));
        if is_combining_mark(ch) {
            // Part of the letter before it, which folding strips of its marks anyway.
        } else if ch.is_alphanumeric() {
            word.push(ch);
        } else if !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

/// The words of `text` as [`search_words`] folds them, each with the word as it was typed
/// ("Lò" → `("lo", "Lò")`), to name a word back to the person who typed it.
pub fn typed_words(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut typed = String::new();
    let flush = |typed: &mut String, out: &mut Vec<(String, String)>| {
        if !typed.is_empty() {
            let folded = search_words(typed).concat();
            out.push((folded, std::mem::take(typed)));
        }
    };
    for ch in text.chars() {
        if ch.is_alphanumeric() || (!typed.is_empty() && is_combining_mark(ch)) {
            typed.push(ch);
        } else {
            flush(&mut typed, &mut out);
        }
    }
    flush(&mut typed, &mut out);
    out
}

/// The word typed that folds to `folded`, or `folded` itself.
pub fn as_typed(text: &str, folded: &str) -> String {
    typed_words(text)
        .into_iter()
        .find(|(f, _)| f == folded)
        .map_or_else(|| folded.to_owned(), |(_, typed)| typed)
}

/// Whether `ch` is a combining diacritical mark (U+0300–U+036F), which every Vietnamese tone and
/// vowel mark decomposes to.
fn is_combining_mark(ch: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&ch)
}

/// A superscript or subscript digit as the ASCII digit it stands for; anything else unchanged.
fn fold_digit(ch: char) -> char {
    match ch {
        '⁰' | '₀' => '0',
        '¹' | '₁' => '1',
        '²' | '₂' => '2',
        '³' | '₃' => '3',
        '⁴'..='⁹' => char::from(b'4' + (u32::from(ch) - 0x2074) as u8),
        '₄'..='₉' => char::from(b'4' + (u32::from(ch) - 0x2084) as u8),
        other => other,
    }
}

/// The text an index column holds: [`search_words`] joined by spaces.
pub fn index_text(text: &str) -> String {
    search_words(text).join(" ")
}

/// Splits `text` into runs, marking those whose folded word is one of `terms` (or, when
/// `prefix_last`, starts with the last term), for highlighting.
pub fn highlight(text: &str, terms: &[String]) -> Vec<(String, bool)> {
    let mut out: Vec<(String, bool)> = Vec::new();
    let mut push = |run: String, hit: bool| match out.last_mut() {
        Some((last, last_hit)) if *last_hit == hit => last.push_str(&run),
        _ => out.push((run, hit)),
    };
    let mut run = String::new();
    let mut in_word = false;
    let is_hit = |word: &str| {
        let folded = search_words(word).join("");
        !folded.is_empty() && terms.contains(&folded)
    };
    for ch in text.chars() {
        let word_char = ch.is_alphanumeric() || (in_word && is_combining_mark(ch));
        if word_char != in_word && !run.is_empty() {
            let hit = in_word && is_hit(&run);
            push(std::mem::take(&mut run), hit);
        }
        in_word = word_char;
        run.push(ch);
    }
    if !run.is_empty() {
        let hit = in_word && is_hit(&run);
        push(run, hit);
    }
    out
}

/// Words (folded) that point to each sector beside its names: what buyers call its things.
const SECTOR_WORDS: &[(&str, &str)] = &[
    (
        "nong-nghiep",
        "lua gao nong trai ruong vuon say gat cay keo drone flycam phun thuoc tuoi bom giong phan",
    ),
    (
        "thuy-san",
        "tom ca ao nuoi thuy san suc khi quat nuoc thuc an oxy",
    ),
    (
        "co-khi",
        "co khi may tien phay han robot cnc gia cong khuon",
    ),
    (
        "che-bien-thuc-pham",
        "che bien thuc pham kho lanh dong goi dong lanh say trai cay nuoc mam",
    ),
    (
        "moi-truong",
        "nuoc thai xu ly rac loc moi truong bun khi thai",
    ),
    (
        "nang-luong",
        "dien mat troi solar pin nang luong biogas gio inverter",
    ),
    (
        "cong-nghe-thong-tin",
        "iot phan mem cam bien app ung dung truy xuat nguon goc camera du lieu",
    ),
    (
        "y-te",
        "y te benh vien xet nghiem thiet bi y te phong thi nghiem kinh hien vi sieu am",
    ),
    (
        "vat-lieu-xay-dung",
        "gach xi mang be tong vat lieu xay dung tam lop cat da",
    ),
    (
        "tu-van-chuyen-giao",
        "tu van chuyen giao dao tao quy trinh so huu tri tue ban quyen",
    ),
];

/// The sectors whose names or common words share a word with a search (for a search that found
/// nothing), best shared first; every sector when none does.
pub fn related_sectors(terms: &[String]) -> Vec<String> {
    let mut scored: Vec<(usize, &'static str)> = super::SECTORS
        .iter()
        .map(|sector| {
            let extra = SECTOR_WORDS
                .iter()
                .find(|(code, _)| *code == sector.code)
                .map_or("", |(_, words)| words);
            let words: Vec<String> =
                search_words(&format!("{} {} {extra}", sector.name_vi, sector.name_en));
            let shared = terms.iter().filter(|t| words.contains(t)).count();
            (shared, sector.code)
        })
        .collect();
    if scored.iter().any(|(shared, _)| *shared > 0) {
        scored.retain(|(shared, _)| *shared > 0);
        scored.sort_by_key(|(shared, _)| std::cmp::Reverse(*shared));
    }
    scored
        .into_iter()
        .map(|(_, code)| code.to_owned())
        .collect()
}

/// How results are ordered.
pub const SORTS: [&str; 4] = ["relevance", "newest", "price_asc", "price_desc"];
/// Who posted: any, a stall, or an independent seller.
pub const SELLERS: [&str; 2] = ["stall", "independent"];

/// A search of the listings with its filters, as in the URL of `/search`, `/offers` or
/// `/requests`: every field is text exactly as in the URL; empty means "any".
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct BrowseQuery {
    pub q: String,
    /// `offer`, `request` or empty.
    pub kind: String,
    pub listing_type: String,
    pub sector: String,
    pub province: String,
    pub price_min: String,
    pub price_max: String,
    pub trl_min: String,
    pub seller: String,
    /// `1`: only listings with pictures.
    pub images: String,
    pub sort: String,
    pub page: u32,
}

/// A [`BrowseQuery`] checked: what the database is asked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BrowseFilter {
    pub terms: Vec<String>,
    pub kind: Option<&'static str>,
    pub listing_type: Option<&'static str>,
    pub sector: Option<&'static str>,
    pub province: Option<&'static str>,
    pub price_min: Option<i64>,
    pub price_max: Option<i64>,
    pub trl_min: Option<i64>,
    /// `stall` or `independent`.
    pub seller: Option<&'static str>,
    /// Only listings with pictures.
    pub with_images: bool,
    /// One of [`SORTS`]; `relevance` only with search terms.
    pub sort: &'static str,
    /// Only this stall's listings (set by the stall's page, never from the URL).
    pub stall_id: Option<i64>,
    /// Only these listings, ids in ascending order (set by a fair's online techmart, never from
    /// the URL).
    pub only: Option<std::sync::Arc<Vec<i64>>>,
}

fn pick(value: &str, options: &[&'static str]) -> Option<&'static str> {
    options.iter().copied().find(|o| *o == value.trim())
}

impl BrowseQuery {
    /// The query's parameters in URL order, without `page` and without empty ones.
    pub fn pairs(&self) -> Vec<(&'static str, &str)> {
        [
            ("q", self.q.as_str()),
            ("kind", &self.kind),
            ("listing_type", &self.listing_type),
            ("sector", &self.sector),
            ("province", &self.province),
            ("price_min", &self.price_min),
            ("price_max", &self.price_max),
            ("trl_min", &self.trl_min),
            ("seller", &self.seller),
            ("images", &self.images),
            ("sort", &self.sort),
        ]
        .into_iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .collect()
    }

    /// Checks the query. Filters that do not parse are left out and reported, so the page can
    /// say so next to the field while still showing results.
    pub fn check(&self) -> (BrowseFilter, Vec<FieldError>) {
        let mut errors = Vec::new();
        let mut money = |field: &str, value: &str| -> Option<i64> {
            if value.trim().is_empty() {
                return None;
            }
            super::Vnd::parse(value)
                .map(|v| v.amount())
                .map_err(|code| errors.push(FieldError::new(field, code)))
                .ok()
        };
        let price_min = money("price_min", &self.price_min);
        let price_max = money("price_max", &self.price_max);
        if let (Some(min), Some(max)) = (price_min, price_max)
            && max < min
        {
            errors.push(FieldError::new("price_max", "budget_order"));
        }
        let trl_min = match self.trl_min.trim() {
            "" => None,
            t => match t.parse::<i64>() {
                Ok(n) if (1..=9).contains(&n) => Some(n),
                _ => {
                    errors.push(FieldError::new("trl_min", "invalid_trl"));
                    None
                }
            },
        };
        let q: String = self.q.chars().take(MAX_QUERY_CHARS).collect();
        let mut terms: Vec<String> = search_words(&q);
        terms.dedup();
        terms.truncate(MAX_TERMS);
        let sort = match pick(&self.sort, &SORTS) {
            Some("relevance") | None if !terms.is_empty() => "relevance",
            Some("relevance") | None => "newest",
            Some(other) => other,
        };
        let filter = BrowseFilter {
            terms,
            kind: pick(&self.kind, &super::KINDS),
            listing_type: pick(&self.listing_type, &super::LISTING_TYPES),
            sector: super::Sector::parse(self.sector.trim())
                .ok()
                .map(|s| s.code()),
            province: super::Province::parse(self.province.trim())
                .ok()
                .map(|p| p.code()),
            price_min,
            price_max: price_max.filter(|max| price_min.is_none_or(|min| *max >= min)),
            trl_min,
            seller: pick(&self.seller, &SELLERS),
            only: None,
            with_images: self.images.trim() == "1",
            sort,
            stall_id: None,
        };
        (filter, errors)
    }
}

impl BrowseFilter {
    /// Whether anything but words narrows the listings (the order does not).
    pub fn has_filters(&self) -> bool {
        let Self {
            terms: _,
            sort: _,
            kind,
            listing_type,
            sector,
            province,
            price_min,
            price_max,
            trl_min,
            with_images,
            stall_id,
            seller,
            only,
        } = self;
        kind.is_some()
            || only.is_some()
            || listing_type.is_some()
            || sector.is_some()
            || province.is_some()
            || price_min.is_some()
            || price_max.is_some()
            || trl_min.is_some()
            || *with_images
            || stall_id.is_some()
            || seller.is_some()
    }

    /// True when nothing narrows the listings beyond their kind and the order is newest first:
    /// the plain list, which has a faster path.
    pub fn is_plain(&self) -> bool {
        self.terms.is_empty()
            && self.listing_type.is_none()
            && self.sector.is_none()
            && self.province.is_none()
            && self.price_min.is_none()
            && self.price_max.is_none()
            && self.trl_min.is_none()
            && self.seller.is_none()
            && !self.with_images
            && self.sort == "newest"
    }

    /// A key naming exactly this search: equal keys, equal filters. Every field takes part (the
    /// derived `Debug` lists them all, so one added later cannot be forgotten here).
    pub fn cache_key(&self) -> String {
        format!("{self:?}")
    }
}

/// How the stall directory can be ordered: most offers first (the default), by name, newest.
pub const STALL_SORTS: [&str; 3] = ["offers", "name", "newest"];

/// A search of the stall directory, as in the URL of `/stalls`: text exactly as typed, empty
/// meaning "any".
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct StallQuery {
    pub q: String,
    pub sector: String,
    pub province: String,
    /// Company, institute, university or cooperative.
    pub org_kind: String,
    pub sort: String,
    pub page: u32,
}

/// A [`StallQuery`] checked: unknown choices are dropped (they can only come from an edited URL).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StallFilter {
    pub terms: Vec<String>,
    pub sector: Option<&'static str>,
    pub province: Option<&'static str>,
    pub org_kind: Option<&'static str>,
    /// One of [`STALL_SORTS`]; with words, stalls whose name holds them come first.
    pub sort: &'static str,
}

impl StallQuery {
    /// The query's parameters in URL order, without `page` and without empty ones.
    pub fn pairs(&self) -> Vec<(&'static str, &str)> {
        [
            ("q", self.q.as_str()),
            ("sector", &self.sector),
            ("province", &self.province),
            ("org_kind", &self.org_kind),
            ("sort", &self.sort),
        ]
        .into_iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .collect()
    }

    /// The filter the database is asked for.
    pub fn check(&self) -> StallFilter {
        let q: String = self.q.chars().take(MAX_QUERY_CHARS).collect();
        let mut terms = search_words(&q);
        terms.dedup();
        terms.truncate(MAX_TERMS);
        StallFilter {
            terms,
            sector: super::Sector::parse(self.sector.trim())
                .ok()
                .map(|s| s.code()),
            province: super::Province::parse(self.province.trim())
                .ok()
                .map(|p| p.code()),
            org_kind: pick(&self.org_kind, &super::ORG_KINDS),
            sort: pick(&self.sort, &STALL_SORTS).unwrap_or("offers"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_fold_case_diacritics_and_punctuation() {
        assert_eq!(
            search_words("Máy kéo KUBOTA-L5018"),
            ["may", "keo", "kubota", "l5018"]
        );
        assert_eq!(
            index_text("Điện mặt trời, thủy sản!"),
            "dien mat troi thuy san"
        );
        assert!(search_words(" -- ").is_empty());
    }

    #[test]
    fn decomposed_accents_and_small_digits_fold_like_the_rest() {
        // "Máy sấy" with each accent a combining mark after its letter.
        let decomposed = "Ma\u{301}y sa\u{302}\u{301}y  ca\u{300} phe\u{302}\u{301}";
        assert_eq!(search_words(decomposed), ["may", "say", "ca", "phe"]);
        assert_eq!(
            index_text("Kho lạnh 500 m³, 20 m², CO₂ ⁴⁵⁶ ₇₈₉"),
            "kho lanh 500 m3 20 m2 co2 456 789"
        );
        // A mark with no letter before it is no word.
        assert!(search_words("\u{301} \u{300}").is_empty());
        let terms = vec!["may".to_owned(), "m3".to_owned()];
        let runs = highlight("Ma\u{301}y 5 m³", &terms);
        let marked: Vec<&str> = runs
            .iter()
            .filter(|(_, hit)| *hit)
            .map(|(t, _)| t.as_str())
            .collect();
        assert_eq!(marked, ["Ma\u{301}y", "m³"]);
    }

    #[test]
    fn highlighting_marks_whole_words_whatever_their_accents() {
        let terms = vec!["may".to_owned(), "keo".to_owned()];
        let runs = highlight("Máy kéo, máy cày", &terms);
        let marked: Vec<&str> = runs
            .iter()
            .filter(|(_, hit)| *hit)
            .map(|(t, _)| t.as_str())
            .collect();
        assert_eq!(marked, ["Máy", "kéo", "máy"]);
        let joined: String = runs.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(joined, "Máy kéo, máy cày");
        assert!(highlight("Mayonnaise", &terms).iter().all(|(_, hit)| !hit));
    }

    #[test]
    fn bad_filters_are_reported_and_left_out() {
        let query = BrowseQuery {
            q: "Thủy sản".into(),
            kind: "offer".into(),
            price_min: "năm triệu".into(),
            price_max: "1.000.000".into(),
            trl_min: "12".into(),
            sector: "khong-co".into(),
            sort: "bogus".into(),
            ..BrowseQuery::default()
        };
        let (filter, errors) = query.check();
        assert_eq!(filter.terms, ["thuy", "san"]);
        assert_eq!(filter.kind, Some("offer"));
        assert_eq!(
            (filter.price_min, filter.price_max, filter.trl_min),
            (None, Some(1_000_000), None)
        );
        assert_eq!(filter.sector, None);
        assert_eq!(filter.sort, "relevance");
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["price_min", "trl_min"]);
        let (plain, _) = BrowseQuery {
            kind: "offer".into(),
            ..BrowseQuery::default()
        }
        .check();
        assert!(plain.is_plain());
    }

    #[test]
    fn stall_directory_queries_fold_words_and_drop_unknown_choices() {
        let query = StallQuery {
            q: "  Cơ khí   TÂY ĐÔ ".into(),
            sector: "khong-co".into(),
            province: "can-tho".into(),
            org_kind: "cooperative".into(),
            sort: "bogus".into(),
            page: 2,
        };
        let filter = query.check();
        assert_eq!(filter.terms, ["co", "khi", "tay", "do"]);
        assert_eq!(filter.sector, None);
        assert_eq!(filter.province, Some("can-tho"));
        assert_eq!(filter.org_kind, Some("cooperative"));
        assert_eq!(filter.sort, "offers");
        let names: Vec<&str> = query.pairs().iter().map(|(n, _)| *n).collect();
        assert_eq!(names, ["q", "sector", "province", "org_kind", "sort"]);
        assert!(StallQuery::default().pairs().is_empty());
    }
}
