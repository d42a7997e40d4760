//! What a search means and how its results are ordered: the query's words grouped with their
//! synonyms and forgiven typos, the variants of the query the index is asked for, the words left
//! out when no listing holds them all, and the score that orders the best matches.
//!
//! # The score
//!
//! A listing found by a search scores
//!
//! ```text
//! score = words + phrase + quality + freshness
//! words     = Σ over the query's word groups it holds:  rarity(g) × place × how
//!             rarity(g) = ln(1 + 100,000 / (1 + titles holding g))
//!             place     = 2 as a phrase in the title, 1.6 all in the title apart,
//!                         1 as a phrase elsewhere, 0.7 apart elsewhere
//!             how       = 1 as typed, 0.9 through a synonym, 0.7 through a forgiven typo
//! phrase    = 0.5 × mean rarity      when all the groups stand in the title as typed, in order
//!           + 0.25 × mean rarity     when they stand within a window of (groups + 2) title words
//!           + 0.3 × mean rarity ÷ (1 + the title word the first of them starts at)
//! quality   = 0.4 with pictures + 0.4 from an approved stall + 0.2 complete (money and a summary)
//! freshness = 0.6 × ½^(age in days / 60)
//! ```
//!
//! so a rare word in the title outweighs a common one, the words together beat the words apart,
//! and pictures, an approved stall and a recent date break ties between equal matches. The
//! rarity counts titles (what both engines count cheaply and alike), against a fixed catalogue
//! of 100,000 so the score of a listing does not move as the catalogue grows.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

/// How a word group of the query was met.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Via {
    /// The word as typed.
    Typed,
    /// A synonym or folk name a moderator listed.
    Synonym,
    /// A known word one typo away from the one typed.
    Typo,
}

impl Via {
    fn weight(self) -> f64 {
        match self {
            Via::Typed => 1.0,
            Via::Synonym => 0.9,
            Via::Typo => 0.7,
        }
    }
}

/// One way of meeting a group: its folded words, as a phrase.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Alternative {
    pub words: Vec<String>,
    pub via: Via,
}

/// A word of the query (or a phrase a synonym set names), with the ways a listing can hold it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Group {
    /// The folded words typed.
    pub typed: Vec<String>,
    /// The first is the typed words themselves (unless a typo left them unknown).
    pub alternatives: Vec<Alternative>,
}

impl Group {
    fn typed(words: Vec<String>) -> Self {
        Self {
            alternatives: vec![Alternative {
                words: words.clone(),
                via: Via::Typed,
            }],
            typed: words,
        }
    }
}

/// Variants of one query asked of the index at most: the typed words, then each synonym or
/// correction in its place.
pub const MAX_VARIANTS: usize = 6;

/// Synonym sets as a moderator writes them: one set per line, phrases separated by `=` or
/// commas ("drone = flycam = máy bay không người lái phun thuốc"), each folded to its words.
/// Sets of fewer than two phrases are left out.
pub fn parse_synonym_sets(text: &str) -> Vec<Vec<Vec<String>>> {
    text.lines()
        .map(|line| {
            let mut phrases: Vec<Vec<String>> = Vec::new();
            for phrase in synonym_phrases(line) {
                let words = super::search_words(phrase);
                if !words.is_empty() && !phrases.contains(&words) {
                    phrases.push(words);
                }
            }
            phrases
        })
        .filter(|set| set.len() > 1)
        .collect()
}

/// The phrases of one synonym set as written, trimmed ("drone = flycam" → "drone", "flycam").
pub fn synonym_phrases(line: &str) -> impl Iterator<Item = &str> {
    line.split(['=', ',', ';']).map(str::trim)
}

/// The query's words in groups: where a run of them is a phrase of a synonym set (the longest
/// first), that run is one group whose alternatives are the set's phrases; every other word is a
/// group of its own.
pub fn group_terms(terms: &[String], synonyms: &[Vec<Vec<String>>]) -> Vec<Group> {
    let mut groups = Vec::new();
    let mut i = 0;
    while i < terms.len() {
        let best = synonyms
            .iter()
            .flat_map(|set| set.iter().map(move |phrase| (set, phrase)))
            .filter(|(_, phrase)| terms[i..].starts_with(phrase))
            .max_by_key(|(_, phrase)| phrase.len());
        match best {
            Some((set, phrase)) => {
                let mut group = Group::typed(phrase.clone());
                for other in set.iter().filter(|p| *p != phrase) {
                    group.alternatives.push(Alternative {
                        words: other.clone(),
                        via: Via::Synonym,
                    });
                }
                i += phrase.len();
                groups.push(group);
            }
            None => {
                groups.push(Group::typed(vec![terms[i].clone()]));
                i += 1;
            }
        }
    }
    groups
}

/// Letters a typo is looked for among (folded words hold no others).
const ALPHABET: &str = "abcdefghijklmnopqrstuvwxyz0123456789";

/// The words one typo (a letter left out, added, changed, or two swapped) away from `word`,
/// when it may have one: a typo is forgiven in words of five letters or more, typed or meant
/// ("robt" for "robot"), never in a word of three letters or fewer, nor in numbers.
pub fn typo_candidates(word: &str) -> Vec<String> {
    let chars: Vec<char> = word.chars().collect();
    let n = chars.len();
    if n < 4 || chars.iter().all(char::is_ascii_digit) || !word.is_ascii() {
        return Vec::new();
    }
    let mut out: HashSet<String> = HashSet::new();
    let long_enough = |candidate: &str| n.max(candidate.len()) >= 5;
    let mut push = |candidate: Vec<char>| {
        let candidate: String = candidate.into_iter().collect();
        if candidate != word && long_enough(&candidate) {
            out.insert(candidate);
        }
    };
    for i in 0..n {
        let mut c = chars.clone();
        c.remove(i);
        push(c);
        if i + 1 < n {
            let mut c = chars.clone();
            c.swap(i, i + 1);
            push(c);
        }
        for letter in ALPHABET.chars() {
            let mut c = chars.clone();
            c[i] = letter;
            push(c);
        }
    }
    for i in 0..=n {
        for letter in ALPHABET.chars() {
            let mut c = chars.clone();
            c.insert(i, letter);
            push(c);
        }
    }
    let mut out: Vec<String> = out.into_iter().collect();
    out.sort();
    out
}

/// How many letters must be left out, added, changed or swapped to make `a` into `b`
/// (optimal string alignment distance).
pub fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            d[i][j] = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
            }
        }
    }
    d[a.len()][b.len()]
}

/// Corrections kept for one unknown word at most.
const MAX_CORRECTIONS: usize = 2;

/// Gives every single-word group that no title holds (`titles[word]` is 0 or missing) the known
/// words one typo away from it as alternatives, most frequent first; the word as typed stays
/// first, since it may stand outside the titles. Returns the corrections made (typed, known).
pub fn forgive_typos(groups: &mut [Group], titles: &HashMap<String, i64>) -> Vec<(String, String)> {
    let mut made = Vec::new();
    for group in groups.iter_mut() {
        let [word] = group.typed.as_slice() else {
            continue;
        };
        if group.alternatives.len() > 1 || titles.get(word).copied().unwrap_or(0) > 0 {
            continue;
        }
        let mut known: Vec<(i64, String)> = typo_candidates(word)
            .into_iter()
            .filter_map(|c| titles.get(&c).filter(|n| **n > 0).map(|n| (*n, c)))
            .collect();
        known.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        for (_, candidate) in known.into_iter().take(MAX_CORRECTIONS) {
            if made
                .iter()
                .all(|(typed, _): &(String, String)| typed != word)
            {
                made.push((word.clone(), candidate.clone()));
            }
            group.alternatives.push(Alternative {
                words: vec![candidate],
                via: Via::Typo,
            });
        }
    }
    made
}

/// The queries the index is asked, each a list of words it must all hold: the typed words first,
/// then each other alternative of a group in that group's place (not every combination), at most
/// [`MAX_VARIANTS`].
pub fn variants(groups: &[Group]) -> Vec<Vec<String>> {
    let first: Vec<&Alternative> = groups.iter().map(|g| &g.alternatives[0]).collect();
    let flatten = |alternatives: &[&Alternative]| {
        let mut words: Vec<String> = Vec::new();
        for alternative in alternatives {
            for word in &alternative.words {
                if !words.contains(word) {
                    words.push(word.clone());
                }
            }
        }
        words
    };
    let mut out = vec![flatten(&first)];
    for (i, group) in groups.iter().enumerate() {
        for alternative in group.alternatives.iter().skip(1) {
            if out.len() == MAX_VARIANTS {
                return out;
            }
            let mut chosen = first.clone();
            chosen[i] = alternative;
            let words = flatten(&chosen);
            if !out.contains(&words) {
                out.push(words);
            }
        }
    }
    out
}

/// The titles holding a group at most (its most common alternative: a group is as common as its
/// commonest way of being met; an alternative of several words as its rarest word).
pub fn group_titles(group: &Group, titles: &HashMap<String, i64>) -> i64 {
    group
        .alternatives
        .iter()
        .map(|a| {
            a.words
                .iter()
                .map(|w| titles.get(w).copied().unwrap_or(0))
                .min()
                .unwrap_or(0)
        })
        .max()
        .unwrap_or(0)
}

/// The order in which groups are left out when no listing holds them all: words no title holds
/// first, then the commonest (they say least about what is wanted), the later typed first among
/// equals. Returns group indexes.
pub fn leave_out_order(groups: &[Group], titles: &HashMap<String, i64>) -> Vec<usize> {
    let mut order: Vec<(usize, i64)> = groups
        .iter()
        .enumerate()
        .map(|(i, g)| (i, group_titles(g, titles)))
        .collect();
    order.sort_by(|a, b| {
        let unknown = |n: i64| n == 0;
        unknown(b.1)
            .cmp(&unknown(a.1))
            .then(b.1.cmp(&a.1))
            .then(b.0.cmp(&a.0))
    });
    order.into_iter().map(|(i, _)| i).collect()
}

/// The rarity of a group held by `titles` titles (see the module's formula).
pub fn rarity(titles: i64) -> f64 {
    (1.0 + 100_000.0 / (1.0 + titles.max(0) as f64)).ln()
}

/// What the score reads of a listing found.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub id: i64,
    /// The folded words of the title, in order.
    pub title: Vec<String>,
    /// The folded words of everything else indexed.
    pub body: Vec<String>,
    pub has_pictures: bool,
    pub approved_stall: bool,
    /// Gives a price or budget and a summary worth reading.
    pub complete: bool,
    pub created_at: i64,
}

/// Where `words` stand as a phrase in `text`: the index of the first.
fn phrase_at(text: &[String], words: &[String]) -> Option<usize> {
    if words.is_empty() || words.len() > text.len() {
        return None;
    }
    text.windows(words.len()).position(|w| w == words)
}

/// How a group was met in a listing: the alternative's weight times where (see `place` in the
/// module's formula), and where in the title it starts.
fn meet(group: &Group, c: &Candidate) -> Option<(f64, Option<usize>)> {
    let mut best: Option<(f64, Option<usize>)> = None;
    for alternative in &group.alternatives {
        let in_title = phrase_at(&c.title, &alternative.words);
        let place = if in_title.is_some() {
            2.0
        } else if alternative.words.iter().all(|w| c.title.contains(w)) {
            1.6
        } else if phrase_at(&c.body, &alternative.words).is_some() {
            1.0
        } else if alternative
            .words
            .iter()
            .all(|w| c.title.contains(w) || c.body.contains(w))
        {
            0.7
        } else {
            continue;
        };
        let found = (alternative.via.weight() * place, in_title);
        if best.is_none_or(|b| found.0 > b.0) {
            best = Some(found);
        }
    }
    best
}

const DAY_MS: f64 = 86_400_000.0;

/// The score of a listing found by `groups` (see the module's formula), at `now`.
pub fn score(groups: &[Group], titles: &HashMap<String, i64>, c: &Candidate, now: i64) -> f64 {
    let mut words = 0.0;
    let mut rarities = 0.0;
    let mut starts: Vec<Option<usize>> = Vec::new();
    for group in groups {
        let r = rarity(group_titles(group, titles));
        rarities += r;
        match meet(group, c) {
            Some((place_how, start)) => {
                words += r * place_how;
                starts.push(start);
            }
            None => starts.push(None),
        }
    }
    let mut phrase = 0.0;
    // A title names its product first ("Máy bơm …", not "Khóa học … máy bơm").
    if let Some(first) = starts.iter().flatten().min()
        && !groups.is_empty()
    {
        phrase += 0.3 * (rarities / groups.len() as f64) / (1.0 + *first as f64);
    }
    if groups.len() > 1 && starts.iter().all(Option::is_some) {
        let mean = rarities / groups.len() as f64;
        let starts: Vec<usize> = starts.into_iter().flatten().collect();
        let in_order = starts.windows(2).all(|w| w[0] < w[1]);
        let typed: Vec<String> = groups.iter().flat_map(|g| g.typed.clone()).collect();
        if in_order && phrase_at(&c.title, &typed).is_some() {
            phrase += 0.5 * mean;
        }
        let span = starts.iter().max().unwrap_or(&0) - starts.iter().min().unwrap_or(&0) + 1;
        if span <= groups.len() + 2 {
            phrase += 0.25 * mean;
        }
    }
    let quality = 0.4 * f64::from(u8::from(c.has_pictures))
        + 0.4 * f64::from(u8::from(c.approved_stall))
        + 0.2 * f64::from(u8::from(c.complete));
    let age_days = ((now - c.created_at).max(0)) as f64 / DAY_MS;
    let freshness = 0.6 * 0.5f64.powf(age_days / 60.0);
    words + phrase + quality + freshness
}

/// Listings of the other kind taken at the latest after this many of one kind in a row, while
/// there are any: searching without a kind, neither offers nor requests flood the page.
pub const SAME_KIND_RUN: usize = 3;

/// `ranked` (ids with their kind, best first) reordered so that no more than [`SAME_KIND_RUN`]
/// of one kind follow each other while the other kind has listings left; otherwise the order
/// is kept.
pub fn mix_kinds(ranked: Vec<(i64, bool)>) -> Vec<i64> {
    type Queue = std::collections::VecDeque<(usize, i64)>;
    let (mut offers, mut requests) = (Queue::new(), Queue::new());
    for (i, (id, is_offer)) in ranked.iter().enumerate() {
        if *is_offer {
            offers.push_back((i, *id));
        } else {
            requests.push_back((i, *id));
        }
    }
    let mut out = Vec::with_capacity(ranked.len());
    let (mut run_kind, mut run) = (true, 0usize);
    loop {
        let take_offer = match (offers.front(), requests.front()) {
            (None, None) => break,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (Some(o), Some(r)) => {
                let better_offer = o.0 < r.0;
                if run >= SAME_KIND_RUN && run_kind == better_offer {
                    !better_offer
                } else {
                    better_offer
                }
            }
        };
        let (_, id) = if take_offer {
            offers.pop_front()
        } else {
            requests.pop_front()
        }
        .expect("checked above");
        if take_offer == run_kind {
            run += 1;
        } else {
            (run_kind, run) = (take_offer, 1);
        }
        out.push(id);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        super::super::search_words(text)
    }

    #[test]
    fn synonym_sets_are_read_line_by_line_and_folded() {
        let sets = parse_synonym_sets(
            "Drone = flycam = máy bay không người lái phun thuốc\nbơm, máy bơm\nlẻ loi\n",
        );
        assert_eq!(sets.len(), 2);
        assert_eq!(sets[0][2], words("may bay khong nguoi lai phun thuoc"));
        assert_eq!(sets[1], vec![words("bom"), words("may bom")]);
    }

    #[test]
    fn the_longest_synonym_phrase_makes_one_group() {
        let sets = parse_synonym_sets("drone = máy bay không người lái\nmáy = thiết bị");
        let groups = group_terms(&words("may bay khong nguoi lai gia re"), &sets);
        assert_eq!(groups.len(), 3);
        assert_eq!(groups[0].alternatives[1].words, ["drone"]);
        assert_eq!(groups[0].alternatives[1].via, Via::Synonym);
        assert_eq!(groups[1].typed, ["gia"]);
        let v = variants(&groups);
        assert_eq!(v[0], words("may bay khong nguoi lai gia re"));
        assert_eq!(v[1], words("drone gia re"));
    }

    #[test]
    fn one_typo_is_forgiven_in_long_words_only() {
        assert!(typo_candidates("robt").contains(&"robot".to_owned()));
        assert!(typo_candidates("nuoii").contains(&"nuoi".to_owned()));
        assert!(typo_candidates("bom").is_empty(), "three letters: no typo");
        assert!(typo_candidates("2024").is_empty(), "numbers are exact");
        // "robt" may mean "robot" (5 letters), never "rob" or "robs" (4 letters at most).
        assert!(!typo_candidates("robt").contains(&"robs".to_owned()));
        let titles: HashMap<String, i64> = [("robot".to_owned(), 40), ("rob".to_owned(), 3)]
            .into_iter()
            .collect();
        let mut groups = group_terms(&words("robt han"), &[]);
        let made = forgive_typos(&mut groups, &titles);
        assert_eq!(made, [("robt".to_owned(), "robot".to_owned())]);
        assert_eq!(variants(&groups), [words("robt han"), words("robot han")]);
    }

    #[test]
    fn edit_distance_counts_swaps_as_one() {
        assert_eq!(edit_distance("robot", "robt"), 1);
        assert_eq!(edit_distance("robot", "rboot"), 1);
        assert_eq!(edit_distance("may", "bom"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
    }

    #[test]
    fn unknown_then_common_words_are_left_out_first() {
        let titles: HashMap<String, i64> = [("may", 9000), ("say", 300), ("lua", 500)]
            .into_iter()
            .map(|(w, n)| (w.to_owned(), n))
            .collect();
        let groups = group_terms(&words("lo say lua"), &[]);
        assert_eq!(leave_out_order(&groups, &titles), [0, 2, 1]);
    }

    #[test]
    fn rare_title_words_and_phrases_score_higher() {
        let titles: HashMap<String, i64> = [("may", 9000), ("bom", 40), ("nuoc", 3000)]
            .into_iter()
            .map(|(w, n)| (w.to_owned(), n))
            .collect();
        let groups = group_terms(&words("may bom nuoc"), &[]);
        let listing = |id, title: &str, body: &str| Candidate {
            id,
            title: words(title),
            body: words(body),
            has_pictures: false,
            approved_stall: false,
            complete: false,
            created_at: 0,
        };
        let phrase = listing(1, "Máy bơm nước ly tâm", "");
        let apart = listing(2, "Máy ly tâm bơm tăng áp nước", "");
        let body = listing(3, "Máy ly tâm", "bơm nước giếng");
        let s = |c: &Candidate| score(&groups, &titles, c, 0);
        assert!(s(&phrase) > s(&apart), "the phrase beats the words apart");
        assert!(s(&apart) > s(&body), "the title beats the body");
        assert!(rarity(40) > rarity(3000));
        let course = listing(4, "Khóa học vận hành máy bơm nước", "");
        assert!(s(&phrase) > s(&course), "a title names its product first");
    }

    #[test]
    fn neither_kind_floods_a_mixed_page() {
        let ranked: Vec<(i64, bool)> = (1..=8).map(|id| (id, id != 8)).collect();
        assert_eq!(mix_kinds(ranked), [1, 2, 3, 8, 4, 5, 6, 7]);
        let only: Vec<(i64, bool)> = (1..=4).map(|id| (id, false)).collect();
        assert_eq!(mix_kinds(only), [1, 2, 3, 4]);
    }
}
