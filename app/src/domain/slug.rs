use serde::{Deserialize, Serialize};
use std::fmt;

/// A URL path segment: lowercase ASCII letters, digits and single hyphens, 1–120 characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Slug(String);

const MAX_LEN: usize = 120;

impl Slug {
    /// Accepts a slug exactly as given, or says why not.
    pub fn parse(input: &str) -> Result<Self, &'static str> {
        if input.is_empty() {
            return Err("required");
        }
        if input.len() > MAX_LEN {
            return Err("too_long");
        }
        let valid_chars = input
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !valid_chars || input.starts_with('-') || input.ends_with('-') || input.contains("--") {
            return Err("invalid_slug");
        }
        Ok(Self(input.to_owned()))
    }

    /// Makes a slug from any text, Vietnamese included: "Máy sấy lúa 10 tấn" → "may-say-lua-10-tan".
    pub fn from_title(title: &str) -> Self {
        let mut out = String::with_capacity(title.len());
        for ch in title.chars().flat_map(char::to_lowercase) {
            let folded = fold_vietnamese(ch);
            if folded.is_ascii_alphanumeric() {
                if out.len() >= MAX_LEN {
                    break;
                }
                out.push(folded);
            } else if !out.is_empty() && !out.ends_with('-') {
                out.push('-');
            }
        }
        while out.ends_with('-') {
            out.pop();
        }
        if out.is_empty() {
            out.push('x');
        }
        Self(out)
    }

    /// The slug text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Removes Vietnamese diacritics from one lowercase character.
pub fn fold_vietnamese(ch: char) -> char {
    match ch {
        'à' | 'á' | 'ả' | 'ã' | 'ạ' | 'ă' | 'ằ' | 'ắ' | 'ẳ' | 'ẵ' | 'ặ' | 'â' | 'ầ' | 'ấ' | 'ẩ'
        | 'ẫ' | 'ậ' => 'a',
        'è' | 'é' | 'ẻ' | 'ẽ' | 'ẹ' | 'ê' | 'ề' | 'ế' | 'ể' | 'ễ' | 'ệ' => 'e',
        'ì' | 'í' | 'ỉ' | 'ĩ' | 'ị' => 'i',
        'ò' | 'ó' | 'ỏ' | 'õ' | 'ọ' | 'ô' | 'ồ' | 'ố' | 'ổ' | 'ỗ' | 'ộ' | 'ơ' | 'ờ' | 'ớ' | 'ở'
        | 'ỡ' | 'ợ' => 'o',
        'ù' | 'ú' | 'ủ' | 'ũ' | 'ụ' | 'ư' | 'ừ' | 'ứ' | 'ử' | 'ữ' | 'ự' => 'u',
        'ỳ' | 'ý' | 'ỷ' | 'ỹ' | 'ỵ' => 'y',
        'đ' => 'd',
        other => other,
    }
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for Slug {
    type Error = &'static str;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Slug> for String {
    fn from(value: Slug) -> Self {
        value.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_titles_become_ascii_slugs() {
        assert_eq!(
            Slug::from_title("Máy sấy lúa tầng sôi 10 tấn/mẻ").as_str(),
            "may-say-lua-tang-soi-10-tan-me"
        );
        assert_eq!(
            Slug::from_title("Điện mặt trời áp mái").as_str(),
            "dien-mat-troi-ap-mai"
        );
        assert_eq!(Slug::from_title("  --  ").as_str(), "x");
    }

    #[test]
    fn made_slugs_always_parse() {
        for title in ["Thủy sản Cà Mau", "ISO 9001:2015", "Ống   nhựa -- PVC", "đ"] {
            let slug = Slug::from_title(title);
            assert_eq!(Slug::parse(slug.as_str()), Ok(slug.clone()), "{title}");
        }
    }

    #[test]
    fn malformed_slugs_are_refused() {
        assert_eq!(Slug::parse(""), Err("required"));
        assert_eq!(Slug::parse("Hoa-Binh"), Err("invalid_slug"));
        assert_eq!(Slug::parse("a--b"), Err("invalid_slug"));
        assert_eq!(Slug::parse("-a"), Err("invalid_slug"));
        assert_eq!(Slug::parse(&"a".repeat(121)), Err("too_long"));
    }
}

/// Lowercases and strips Vietnamese diacritics, keeping everything else: the form in which text
/// is stored for search and in which queries are compared ("Máy kéo" → "may keo").
pub fn fold_search_text(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(fold_vietnamese)
        .collect()
}

#[cfg(test)]
mod fold_tests {
    use super::fold_search_text;

    #[test]
    fn folding_ignores_case_and_diacritics() {
        assert_eq!(fold_search_text("Máy KÉO"), "may keo");
        assert_eq!(fold_search_text("Thủy sản"), "thuy san");
        assert_eq!(fold_search_text("Điện mặt trời"), "dien mat troi");
    }
}
