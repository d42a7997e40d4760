//! Read models of the news: articles as lists, pages and the editor see them.

use serde::{Deserialize, Serialize};

use super::{ListingCard, Page, StallCard};

/// A news category (`slug` in URLs), named in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct ArticleCategory {
    pub slug: String,
    pub name_vi: String,
    pub name_en: String,
}

impl ArticleCategory {
    /// The name in `locale`.
    pub fn name(&self, locale: crate::i18n::Locale) -> &str {
        match locale {
            crate::i18n::Locale::Vi => &self.name_vi,
            crate::i18n::Locale::En => &self.name_en,
        }
    }
}

/// A published article as a list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct ArticleCard {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub category: String,
    pub cover_thumb: Option<String>,
    pub published_at: i64,
    pub reading_minutes: i64,
}

/// `/news`: one page of articles, maybe of one category or tag, and the categories to pick.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewsPage {
    pub articles: Page<ArticleCard>,
    pub categories: Vec<ArticleCategory>,
    /// The tag asked for, as written on its articles (`None` when none was, or it is unknown).
    pub tag: Option<TagLabel>,
    /// With words to look for: the articles are those found, best first, and this says what the
    /// search did with the words.
    #[serde(default)]
    pub search: Option<NewsSearch>,
}

/// What a search of the news did with the words typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewsSearch {
    /// The folded words to highlight in the results.
    pub highlight: Vec<String>,
    /// Words typed that no article held together with the rest, left out (as typed).
    pub left_out: Vec<String>,
    /// Words read as a known word one typo away: (as typed, as read).
    pub corrections: Vec<(String, String)>,
    /// Synonyms and folk names also looked for.
    pub widened: Vec<String>,
}

/// A tag: its URL form and how editors wrote it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct TagLabel {
    pub tag: String,
    pub label: String,
}

/// An article's page (public, or an editor's preview of any state).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleView {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub summary: String,
    /// Sanitised HTML of the body.
    pub body_html: String,
    pub category: ArticleCategory,
    pub tags: Vec<TagLabel>,
    pub author_name: String,
    pub source_name: Option<String>,
    pub source_url: Option<String>,
    pub cover_key: Option<String>,
    pub status: String,
    /// When readers first saw it (`None` for an article never published).
    pub published_at: Option<i64>,
    pub publish_at: Option<i64>,
    pub updated_at: i64,
    pub reading_minutes: i64,
    pub listings: Vec<ListingCard>,
    pub stalls: Vec<StallCard>,
    pub related: Vec<ArticleCard>,
}

/// An article as the editors' list shows it, in any state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct EditorArticle {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub category: String,
    pub status: String,
    pub publish_at: Option<i64>,
    pub published_at: Option<i64>,
    pub updated_at: i64,
}

/// `/editor/articles`: every article, last changed first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditorDesk {
    pub articles: Page<EditorArticle>,
    pub categories: Vec<ArticleCategory>,
    /// Articles per status: draft, scheduled, published, unpublished.
    pub counts: Vec<(String, i64)>,
}

/// One change to an article: who, when, what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct ArticleRevision {
    pub id: i64,
    pub action: String,
    /// Comma-separated field names.
    pub changed: String,
    pub editor_name: Option<String>,
    pub created_at: i64,
}

/// The article editor: the form's values (a new article has id 0) and the history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleEditor {
    pub id: i64,
    pub form: crate::domain::article::ArticleForm,
    pub status: String,
    pub publish_at: Option<i64>,
    pub published_at: Option<i64>,
    pub cover_key: Option<String>,
    pub categories: Vec<ArticleCategory>,
    pub revisions: Vec<ArticleRevision>,
}
