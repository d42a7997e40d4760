//! What an editor fills in to write a news article, and the rules it must meet.

use serde::{Deserialize, Serialize};

use super::{Slug, text_between};
use crate::error::FieldError;

/// Limits: lengths in characters, then counts.
pub mod limits {
    pub const TITLE: (usize, usize) = (10, 200);
    pub const SUMMARY: (usize, usize) = (20, 500);
    pub const BODY: (usize, usize) = (50, 100_000);
    pub const AUTHOR: (usize, usize) = (2, 100);
    pub const SOURCE_NAME: usize = 150;
    pub const TAG: usize = 40;
    pub const TAGS_TEXT: usize = 500;
    pub const MAX_TAGS: usize = 10;
    pub const LINKS_TEXT: usize = 2_000;
    pub const MAX_LINKS: usize = 8;
    pub const CATEGORY_NAME: (usize, usize) = (3, 60);
    /// Furthest ahead an article can be scheduled.
    pub const MAX_LEAD_MS: i64 = 366 * 86_400_000;
    /// Words read in a minute, for the reading time shown.
    pub const WORDS_PER_MINUTE: usize = 220;
}

/// What the editor asks for when saving: keep a draft, publish now, or schedule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ArticleIntent {
    Draft,
    Publish,
    Schedule,
}

impl ArticleIntent {
    /// The intent a form's button sends; anything else keeps a draft.
    pub fn parse(code: &str) -> Self {
        match code {
            "publish" => Self::Publish,
            "schedule" => Self::Schedule,
            _ => Self::Draft,
        }
    }
}

/// The article form exactly as submitted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleForm {
    pub title: String,
    /// Empty: made from the title.
    #[serde(default)]
    pub slug: String,
    pub summary: String,
    pub body: String,
    pub category: String,
    /// Comma-separated: "nông nghiệp công nghệ cao, drone".
    #[serde(default)]
    pub tags: String,
    pub author_name: String,
    #[serde(default)]
    pub source_name: String,
    #[serde(default)]
    pub source_url: String,
    /// Stall, listing and video addresses, one a line (`/stalls/…`, `/listings/…`,
    /// `/videos/…` or the full URL).
    #[serde(default)]
    pub links: String,
    /// `YYYY-MM-DDTHH:MM`, Vietnam time; only read when scheduling.
    #[serde(default)]
    pub publish_at: String,
}

/// A stall or listing to show beside an article, or a video to show in it, by its slug.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ArticleLink {
    Stall(String),
    Listing(String),
    Video(String),
}

/// One tag: as written, and as found in a URL.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tag {
    pub slug: String,
    pub label: String,
}

/// An article whose every field is valid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleInput {
    pub title: String,
    pub slug: String,
    pub summary: String,
    pub body: String,
    pub category: String,
    pub tags: Vec<Tag>,
    pub author_name: String,
    pub source_name: Option<String>,
    pub source_url: Option<String>,
    pub links: Vec<ArticleLink>,
    /// When scheduling: the instant to publish at.
    pub publish_at: Option<i64>,
}

impl ArticleInput {
    /// Minutes an average reader takes over the body, at least one.
    pub fn reading_minutes(&self) -> i64 {
        reading_minutes(&self.body)
    }
}

/// Minutes an average reader takes over `body`, at least one.
pub fn reading_minutes(body: &str) -> i64 {
    let words = body.split_whitespace().count();
    words.div_ceil(limits::WORDS_PER_MINUTE).max(1) as i64
}

impl ArticleForm {
    /// Every field as typed, by form name, to refill the form.
    pub fn typed(&self) -> [(&'static str, &str); 11] {
        [
            ("title", &self.title),
            ("slug", &self.slug),
            ("summary", &self.summary),
            ("body", &self.body),
            ("category", &self.category),
            ("tags", &self.tags),
            ("author_name", &self.author_name),
            ("source_name", &self.source_name),
            ("source_url", &self.source_url),
            ("links", &self.links),
            ("publish_at", &self.publish_at),
        ]
    }

    /// Checks every field for `intent` at `now` (the server's clock): `categories` are the codes
    /// that exist. Each fault is reported against its field.
    pub fn validate(
        &self,
        intent: ArticleIntent,
        categories: &[String],
        now: i64,
    ) -> Result<ArticleInput, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut check = |name: &str, result: Result<String, &'static str>| match result {
            Ok(value) => value,
            Err(code) => {
                errors.push(FieldError::new(name, code));
                String::new()
            }
        };
        let title = check("title", text_between(&self.title, limits::TITLE, false));
        let slug = check(
            "slug",
            if self.slug.trim().is_empty() {
                Ok(Slug::from_title(&title).as_str().to_owned())
            } else {
                Slug::parse(self.slug.trim()).map(|s| s.as_str().to_owned())
            },
        );
        let summary = check(
            "summary",
            text_between(&self.summary, limits::SUMMARY, true),
        );
        let body = check("body", text_between(&self.body, limits::BODY, true));
        let category = check(
            "category",
            match self.category.trim() {
                "" => Err("required"),
                code if categories.iter().any(|c| c == code) => Ok(code.to_owned()),
                _ => Err("invalid_choice"),
            },
        );
        let author_name = check(
            "author_name",
            text_between(&self.author_name, limits::AUTHOR, false),
        );
        let source_name = check(
            "source_name",
            text_between(&self.source_name, (0, limits::SOURCE_NAME), false),
        );
        let source_url = match super::stall::parse_website(&self.source_url) {
            Ok(url) => url,
            Err(code) => {
                errors.push(FieldError::new("source_url", code));
                None
            }
        };
        let tags = parse_tags(&self.tags).unwrap_or_else(|code| {
            errors.push(FieldError::new("tags", code));
            Vec::new()
        });
        let links = parse_links(&self.links).unwrap_or_else(|code| {
            errors.push(FieldError::new("links", code));
            Vec::new()
        });
        let publish_at = match intent {
            ArticleIntent::Schedule => {
                match super::auction_setup::parse_vietnam_datetime(&self.publish_at) {
                    Ok(at) if at <= now => {
                        errors.push(FieldError::new("publish_at", "date_in_past"));
                        None
                    }
                    Ok(at) if at > now + limits::MAX_LEAD_MS => {
                        errors.push(FieldError::new("publish_at", "date_too_far"));
                        None
                    }
                    Ok(at) => Some(at),
                    Err(code) => {
                        errors.push(FieldError::new("publish_at", code));
                        None
                    }
                }
            }
            ArticleIntent::Draft | ArticleIntent::Publish => None,
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(ArticleInput {
            title,
            slug,
            summary,
            body,
            category,
            tags,
            author_name,
            source_name: Some(source_name).filter(|s| !s.is_empty()),
            source_url,
            links,
            publish_at,
        })
    }
}

/// Splits "Drone, nông nghiệp công nghệ cao" into tags (repeats by slug dropped, order kept).
pub fn parse_tags(input: &str) -> Result<Vec<Tag>, &'static str> {
    if input.chars().count() > limits::TAGS_TEXT {
        return Err("too_long");
    }
    let mut out: Vec<Tag> = Vec::new();
    for item in input.split([',', ';', '\n']) {
        let label = item.split_whitespace().collect::<Vec<_>>().join(" ");
        if label.is_empty() {
            continue;
        }
        if label.chars().count() > limits::TAG || label.chars().any(char::is_control) {
            return Err("invalid_tag");
        }
        let slug = Slug::from_title(&label).as_str().to_owned();
        if !out.iter().any(|t| t.slug == slug) {
            out.push(Tag { slug, label });
        }
    }
    if out.len() > limits::MAX_TAGS {
        return Err("too_many");
    }
    Ok(out)
}

/// Reads stall, listing and video addresses, one a line: `/stalls/slug`, `/listings/slug`,
/// `/videos/slug`, or any as a full URL of any host (the path is what counts). Repeats are
/// dropped.
pub fn parse_links(input: &str) -> Result<Vec<ArticleLink>, &'static str> {
    if input.chars().count() > limits::LINKS_TEXT {
        return Err("too_long");
    }
    let mut out: Vec<ArticleLink> = Vec::new();
    for line in input
        .split(['\n', ','])
        .map(str::trim)
        .filter(|l| !l.is_empty())
    {
        let path = match line.find("://") {
            Some(at) => {
                let rest = &line[at + 3..];
                rest.find('/').map_or("", |slash| &rest[slash..])
            }
            None => line,
        };
        let path = path
            .split(['?', '#'])
            .next()
            .unwrap_or("")
            .trim_end_matches('/');
        let link = if let Some(slug) = path.strip_prefix("/stalls/") {
            Slug::parse(slug).map(|s| ArticleLink::Stall(s.as_str().to_owned()))
        } else if let Some(slug) = path.strip_prefix("/listings/") {
            Slug::parse(slug).map(|s| ArticleLink::Listing(s.as_str().to_owned()))
        } else if let Some(slug) = path.strip_prefix("/videos/") {
            Slug::parse(slug).map(|s| ArticleLink::Video(s.as_str().to_owned()))
        } else {
            Err("invalid_link")
        };
        let link = link.map_err(|_| "invalid_link")?;
        if !out.contains(&link) {
            out.push(link);
        }
    }
    if out.len() > limits::MAX_LINKS {
        return Err("too_many");
    }
    Ok(out)
}

/// A new category's name as typed, checked; its code is made from it.
pub fn parse_category_name(input: &str) -> Result<String, &'static str> {
    text_between(input, limits::CATEGORY_NAME, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> ArticleForm {
        ArticleForm {
            title: "Cần Thơ chuyển giao 12 công nghệ sấy lúa".into(),
            summary: "Sàn giao dịch công nghệ kết nối hợp tác xã với viện nghiên cứu.".into(),
            body: "Máy sấy lúa tầng sôi tiết kiệm 30% điện năng so với lò sấy truyền thống, theo đánh giá của viện."
                .into(),
            category: "thanh-tuu".into(),
            tags: "sấy lúa, Nông nghiệp, sấy lúa".into(),
            author_name: "Ban biên tập".into(),
            links: "/stalls/vien-lua\nhttps://techx.vn/listings/may-say-lua?x=1\n/videos/say-lua/\n"
                .into(),
            ..ArticleForm::default()
        }
    }

    fn categories() -> Vec<String> {
        vec!["thanh-tuu".into(), "chinh-sach".into()]
    }

    #[test]
    fn a_complete_form_makes_its_slug_tags_and_links() {
        let input = form()
            .validate(ArticleIntent::Publish, &categories(), 0)
            .unwrap();
        assert_eq!(input.slug, "can-tho-chuyen-giao-12-cong-nghe-say-lua");
        assert_eq!(
            input
                .tags
                .iter()
                .map(|t| t.slug.as_str())
                .collect::<Vec<_>>(),
            ["say-lua", "nong-nghiep"]
        );
        assert_eq!(
            input.links,
            [
                ArticleLink::Stall("vien-lua".into()),
                ArticleLink::Listing("may-say-lua".into()),
                ArticleLink::Video("say-lua".into()),
            ]
        );
        assert_eq!(input.publish_at, None);
        assert_eq!(input.source_name, None);
    }

    #[test]
    fn each_fault_is_reported_against_its_field() {
        let bad = ArticleForm {
            title: "Ngắn".into(),
            slug: "Có Dấu".into(),
            category: "khong-co".into(),
            tags: "a".repeat(41),
            source_url: "ftp://x".into(),
            links: "/auctions/3".into(),
            publish_at: "2020-01-01T08:00".into(),
            ..form()
        };
        let errors = bad
            .validate(ArticleIntent::Schedule, &categories(), 1_800_000_000_000)
            .unwrap_err();
        let fields: Vec<(&str, &str)> = errors
            .iter()
            .map(|e| (e.field.as_str(), e.code.as_str()))
            .collect();
        assert_eq!(
            fields,
            [
                ("title", "too_short"),
                ("slug", "invalid_slug"),
                ("category", "invalid_choice"),
                ("source_url", "invalid_url"),
                ("tags", "invalid_tag"),
                ("links", "invalid_link"),
                ("publish_at", "date_in_past"),
            ]
        );
    }

    #[test]
    fn scheduling_needs_a_time_ahead_and_not_too_far() {
        let now = 1_800_000_000_000;
        let at = |text: &str| ArticleForm {
            publish_at: text.into(),
            ..form()
        };
        let code = |f: ArticleForm| {
            f.validate(ArticleIntent::Schedule, &categories(), now)
                .map(|i| i.publish_at)
                .map_err(|e| e[0].code.clone())
        };
        assert_eq!(code(at("")), Err("required".into()));
        assert_eq!(code(at("2099-01-01T08:00")), Err("date_too_far".into()));
        let tomorrow = super::super::auction_setup::vietnam_datetime_input(now + 86_400_000);
        assert!(code(at(&tomorrow)).unwrap().is_some());
        // A draft or a publication now ignores the field.
        assert!(
            at("rác")
                .validate(ArticleIntent::Draft, &categories(), now)
                .is_ok()
        );
    }

    #[test]
    fn reading_time_counts_words() {
        assert_eq!(reading_minutes("một hai"), 1);
        assert_eq!(reading_minutes(&"từ ".repeat(441)), 3);
    }
}
