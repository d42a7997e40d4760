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
    /// Published videos shown in the article, in the editor's order.
    #[serde(default)]
    pub videos: Vec<VideoView>,
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

/// A video as the gallery, an article, its own page and the editors see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct VideoView {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub description: String,
    /// `upload` (played from the media store) or `youtube`.
    pub source: String,
    pub youtube_id: Option<String>,
    pub media_key: Option<String>,
    /// `video/mp4` or `video/webm`.
    pub media_type: Option<String>,
    pub media_bytes: Option<i64>,
    pub poster_key: Option<String>,
    pub poster_thumb: Option<String>,
    pub captions_vi: Option<String>,
    pub captions_en: Option<String>,
    /// `draft` or `published`.
    pub status: String,
    pub published_at: Option<i64>,
    pub updated_at: i64,
}

impl VideoView {
    /// Whether it plays from YouTube.
    pub fn is_youtube(&self) -> bool {
        self.source == "youtube"
    }

    /// The frame YouTube plays it in, without its tracking cookies, starting at once.
    pub fn youtube_embed(&self) -> Option<String> {
        self.youtube_id
            .as_deref()
            .map(|id| format!("https://www.youtube-nocookie.com/embed/{id}?autoplay=1"))
    }

    /// Whether it can be watched: a clip stored here, or a YouTube video.
    pub fn playable(&self) -> bool {
        self.is_youtube() || self.media_key.is_some()
    }
}

/// `/videos`: one page of published videos, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VideoGallery {
    pub videos: Page<VideoView>,
}

/// A video's page: the video, and the published articles it is in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VideoPage {
    pub video: VideoView,
    pub articles: Vec<ArticleCard>,
    /// More videos, newest first.
    pub more: Vec<VideoView>,
}

/// The video editor: the form's values (a new video has id 0) and what was uploaded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VideoEditor {
    pub id: i64,
    pub form: crate::domain::video::VideoForm,
    /// `None` for a new video.
    pub video: Option<VideoView>,
}

/// `/editor/videos`: every video, last changed first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VideoDesk {
    pub videos: Page<VideoView>,
}
