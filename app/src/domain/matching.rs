//! Supply meets demand: how well an offer fits a request to buy, as a score made of reasons a
//! person understands, each with its weight.
//!
//! # The score
//!
//! ```text
//! score = Σ reasons' weights, each:
//!   sector       +2    same sector
//!   type         +1    same listing type (equipment, technology, product, service)
//!   words        up to +8: Σ over the request title's meaningful words the offer holds
//!                      rarity(w) × (½ in the offer's title, ⅛ only in its summary)
//!                      (rarity as in search: ln(1 + 100,000 / (1 + titles holding w)))
//!   budget       +2    the offer's price within the request's budget
//!                −(over % ÷ 20), at most −3, when over it
//!   trl          +1    the offer's TRL at or above the one asked; −1 below it
//!   transfer     +1    a transfer mode the request wants (licence, consulting…)
//!   province     +1.5  same province; +0.75 a neighbouring one (the Delta's borders)
//!   certificate  +1    each certification the request asks for that the offer's stall holds
//! ```
//!
//! A pair fits when the offer's title holds at least one meaningful word of the request's title,
//! or it is of the same sector and type and holds one elsewhere; and its score reaches
//! [`MIN_SCORE`]. Meaningful: not one of [`FILLER_WORDS`] (what every request says: "cần mua",
//! "dịch vụ", "miễn phí"…), not a bare number.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::ranking::rarity;

/// A pair scoring less than this is no match.
pub const MIN_SCORE: f64 = 4.0;

/// One side of a pair, as the score reads it.
#[derive(Debug, Clone, Default)]
pub struct Side {
    pub id: i64,
    pub listing_type: String,
    pub sector: String,
    pub province: String,
    /// Folded words of the title, and of the summary.
    pub title: Vec<String>,
    pub body: Vec<String>,
    /// The title as written, to name shared words as they are written.
    pub title_text: String,
    /// An offer's price; a request's upper budget (or its single figure).
    pub price: Option<i64>,
    pub trl: Option<i64>,
    /// Comma-separated codes.
    pub transfer_modes: String,
    /// The listing's certifications and (for an offer) its stall's.
    pub certifications: String,
}

/// One reason a pair fits (or fits less), for a chip: its code, its weight, and what it is about
/// (words shared, how far over budget in percent, …).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reason {
    pub code: String,
    pub weight: f64,
    pub detail: String,
}

/// Words of a request's title that say nothing about what is wanted.
pub const FILLER_WORDS: &[&str] = &[
    "can", "mua", "tim", "ban", "bao", "gia", "cung", "cap", "nha", "don", "vi", "thue", "cho",
    "de", "tai", "va", "loai", "cac", "mot", "hai", "ba", "giao", "chuyen", "hop", "tac", "xa",
    "htx", "cong", "ty", "o", "co", "voi", "tu", "den", "theo", "moi", "hang", "viet", "nam",
    "tren", "duoi", "trong", "dich", "vu", "mien", "phi", "ky", "so", "khong", "nhu", "nhieu",
    "tot", "re", "chat", "luong", "cao", "nhanh", "uu", "tien", "lien", "he", "gap", "nay", "kem",
    "day", "du", "bo", "the",
];

/// Whether `word` can say what is wanted: not a filler, not a bare number.
pub fn meaningful(word: &str) -> bool {
    word.len() > 1 && !FILLER_WORDS.contains(&word) && !word.chars().all(|c| c.is_ascii_digit())
}

/// The Mekong Delta's provinces that border each other.
const NEIGHBOURS: &[(&str, &[&str])] = &[
    (
        "can-tho",
        &[
            "an-giang",
            "dong-thap",
            "vinh-long",
            "hau-giang",
            "kien-giang",
        ],
    ),
    ("an-giang", &["can-tho", "dong-thap", "kien-giang"]),
    (
        "bac-lieu",
        &["soc-trang", "hau-giang", "kien-giang", "ca-mau"],
    ),
    ("ben-tre", &["tien-giang", "vinh-long", "tra-vinh"]),
    ("ca-mau", &["bac-lieu", "kien-giang"]),
    (
        "dong-thap",
        &["an-giang", "can-tho", "vinh-long", "tien-giang", "long-an"],
    ),
    (
        "hau-giang",
        &[
            "can-tho",
            "kien-giang",
            "soc-trang",
            "bac-lieu",
            "vinh-long",
        ],
    ),
    (
        "kien-giang",
        &["an-giang", "can-tho", "hau-giang", "bac-lieu", "ca-mau"],
    ),
    ("long-an", &["tien-giang", "dong-thap"]),
    (
        "soc-trang",
        &["hau-giang", "bac-lieu", "tra-vinh", "vinh-long"],
    ),
    (
        "tien-giang",
        &["long-an", "dong-thap", "vinh-long", "ben-tre"],
    ),
    ("tra-vinh", &["vinh-long", "ben-tre", "soc-trang"]),
    (
        "vinh-long",
        &[
            "can-tho",
            "dong-thap",
            "tien-giang",
            "ben-tre",
            "tra-vinh",
            "soc-trang",
            "hau-giang",
        ],
    ),
];

/// Whether provinces `a` and `b` share a border.
pub fn neighbours(a: &str, b: &str) -> bool {
    NEIGHBOURS
        .iter()
        .any(|(p, near)| *p == a && near.contains(&b))
}

fn reason(code: &str, weight: f64, detail: impl Into<String>) -> Reason {
    Reason {
        code: code.to_owned(),
        weight: (weight * 100.0).round() / 100.0,
        detail: detail.into(),
    }
}

/// The certifications named in `text` (from the common ones), folded for comparing.
fn certifications_in(text: &str) -> Vec<String> {
    let folded = super::index_text(text);
    super::COMMON_CERTIFICATIONS
        .iter()
        .map(|c| super::index_text(c))
        .filter(|c| !c.is_empty() && format!(" {folded} ").contains(&format!(" {c} ")))
        .collect()
}

/// How well `offer` fits `request`: the score and its reasons, best first; `None` when the pair
/// does not fit (see the module's rule). `titles` counts the published titles holding each word.
pub fn explain(
    request: &Side,
    offer: &Side,
    titles: &HashMap<String, i64>,
) -> Option<(f64, Vec<Reason>)> {
    let mut reasons = Vec::new();
    let same_sector = request.sector == offer.sector;
    let same_type = request.listing_type == offer.listing_type;
    if same_sector {
        reasons.push(reason("sector", 2.0, request.sector.clone()));
    }
    if same_type {
        reasons.push(reason("type", 1.0, request.listing_type.clone()));
    }
    let mut shared = Vec::new();
    let mut in_title = false;
    let mut words = 0.0;
    let mut seen: Vec<&String> = Vec::new();
    for word in request.title.iter().filter(|w| meaningful(w)) {
        if seen.contains(&word) {
            continue;
        }
        seen.push(word);
        let place = if offer.title.contains(word) {
            in_title = true;
            0.5
        } else if offer.body.contains(word) {
            0.125
        } else {
            continue;
        };
        words += rarity(titles.get(word).copied().unwrap_or(0)) * place;
        shared.push(super::as_typed(&request.title_text, word));
    }
    let fits = in_title || (same_sector && same_type && !shared.is_empty());
    if !fits {
        return None;
    }
    reasons.push(reason("words", words.min(8.0), shared.join(", ")));
    if let (Some(price), Some(budget)) = (offer.price, request.price)
        && budget > 0
    {
        if price <= budget {
            reasons.push(reason("budget", 2.0, ""));
        } else {
            let over = (price - budget) * 100 / budget;
            reasons.push(reason(
                "over_budget",
                -((over as f64) / 20.0).min(3.0),
                over.to_string(),
            ));
        }
    }
    if let (Some(asked), Some(has)) = (request.trl, offer.trl) {
        if has >= asked {
            reasons.push(reason("trl", 1.0, has.to_string()));
        } else {
            reasons.push(reason("trl_below", -1.0, has.to_string()));
        }
    }
    let wanted: Vec<&str> = request
        .transfer_modes
        .split(',')
        .map(str::trim)
        .filter(|m| !m.is_empty())
        .collect();
    if let Some(mode) = offer
        .transfer_modes
        .split(',')
        .map(str::trim)
        .find(|m| wanted.contains(m))
    {
        reasons.push(reason("transfer", 1.0, mode));
    }
    if request.province == offer.province {
        reasons.push(reason("province", 1.5, offer.province.clone()));
    } else if neighbours(&request.province, &offer.province) {
        reasons.push(reason("near", 0.75, offer.province.clone()));
    }
    let held = certifications_in(&offer.certifications);
    for asked in certifications_in(&request.certifications) {
        if held.contains(&asked) {
            reasons.push(reason("certificate", 1.0, asked.to_uppercase()));
        }
    }
    let score: f64 = reasons.iter().map(|r| r.weight).sum();
    if score < MIN_SCORE {
        return None;
    }
    reasons.sort_by(|a, b| b.weight.total_cmp(&a.weight));
    Some(((score * 100.0).round() / 100.0, reasons))
}

/// Why a member hides a match.
pub const HIDE_REASONS: [&str; 4] = ["not_relevant", "too_far", "price", "already_known"];

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        super::super::search_words(text)
    }

    fn request() -> Side {
        Side {
            id: 1,
            listing_type: "equipment".into(),
            sector: "nong-nghiep".into(),
            province: "can-tho".into(),
            title: words("Cần mua máy bơm nước ly tâm 3 HP"),
            title_text: "Cần mua máy bơm nước ly tâm 3 HP".into(),
            price: Some(10_000_000),
            certifications: "Yêu cầu ISO 9001".into(),
            ..Side::default()
        }
    }

    fn offer() -> Side {
        Side {
            id: 2,
            listing_type: "equipment".into(),
            sector: "nong-nghiep".into(),
            province: "hau-giang".into(),
            title: words("Máy bơm nước ly tâm 3 HP Pentax"),
            price: Some(8_000_000),
            certifications: "ISO 9001, HACCP".into(),
            ..Side::default()
        }
    }

    #[test]
    fn a_fitting_offer_says_why() {
        let titles: HashMap<String, i64> = [("bom", 50), ("may", 9000)]
            .into_iter()
            .map(|(w, n)| (w.to_owned(), n))
            .collect();
        let (score, reasons) = explain(&request(), &offer(), &titles).unwrap();
        let codes: Vec<&str> = reasons.iter().map(|r| r.code.as_str()).collect();
        for code in ["sector", "type", "words", "budget", "near", "certificate"] {
            assert!(codes.contains(&code), "{code} in {codes:?}");
        }
        let words = reasons.iter().find(|r| r.code == "words").unwrap();
        assert!(
            words.detail.contains("bơm") && !words.detail.contains("mua"),
            "{}",
            words.detail
        );
        let sum: f64 = reasons.iter().map(|r| r.weight).sum();
        assert!((score - sum).abs() < 0.05, "the score is its reasons' sum");
    }

    #[test]
    fn over_budget_and_far_away_count_against() {
        let titles = HashMap::new();
        let dear = Side {
            price: Some(15_000_000),
            province: "long-an".into(),
            ..offer()
        };
        let (score, reasons) = explain(&request(), &dear, &titles).unwrap();
        let over = reasons.iter().find(|r| r.code == "over_budget").unwrap();
        assert_eq!(over.detail, "50");
        assert!(over.weight < 0.0);
        let (near_score, _) = explain(&request(), &offer(), &titles).unwrap();
        assert!(near_score > score);
    }

    #[test]
    fn unrelated_listings_do_not_match() {
        let other = Side {
            sector: "y-te".into(),
            listing_type: "product".into(),
            title: words("Kính hiển vi sinh học"),
            ..offer()
        };
        assert!(explain(&request(), &other, &HashMap::new()).is_none());
    }

    #[test]
    fn filler_words_in_the_body_alone_do_not_make_a_match() {
        let request = Side {
            title: words("Cần mua dịch vụ đăng ký nhãn hiệu miễn phí"),
            title_text: "Cần mua dịch vụ đăng ký nhãn hiệu miễn phí".into(),
            ..request()
        };
        let course = Side {
            title: words("Khóa tập huấn trồng rau thủy canh"),
            body: words("dịch vụ đăng ký miễn phí"),
            sector: "tu-van-chuyen-giao".into(),
            ..offer()
        };
        assert!(explain(&request, &course, &HashMap::new()).is_none());
    }

    #[test]
    fn neighbours_are_symmetric() {
        for (a, near) in NEIGHBOURS {
            for b in *near {
                assert!(neighbours(b, a), "{b} borders {a}");
            }
        }
    }
}
