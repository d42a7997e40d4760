//! Feeds of the news: `GET /news.rss` (RSS 2.0) and `GET /news.atom` (Atom), the newest
//! [`ENTRIES`] published articles, of one category with `?category=`. Links are the site's
//! public address (`--public-url`), never the request's `Host`. In Vietnamese, the site's
//! first language.

use axum::Router;
use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::Deserialize;

use crate::startup::AppState;
use app::model::ArticleCard;

/// Articles in a feed.
pub const ENTRIES: u32 = 30;

#[derive(Debug, Deserialize)]
struct FeedQuery {
    category: Option<String>,
}

/// `/news.rss` and `/news.atom`.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/news.rss", get(rss_feed))
        .route("/news.atom", get(atom_feed))
}

/// What both feeds say.
struct Feed {
    title: String,
    description: String,
    /// The list the feed follows, absolute.
    page: String,
    /// The feed's own address without its extension, absolute.
    self_base: String,
    articles: Vec<ArticleCard>,
    origin: String,
}

/// The feed of `category` (all news when `None`); `None` for a category that does not exist.
async fn load(state: &AppState, category: Option<String>) -> sqlx::Result<Option<Feed>> {
    let db = &state.ctx.db;
    let t = app::i18n::Locale::Vi.messages();
    let origin = state.ctx.public_url.trim_end_matches('/').to_owned();
    let category = category.filter(|c| !c.is_empty());
    let named = match &category {
        None => None,
        Some(slug) => {
            let categories = app::db::articles::categories(db).await?;
            match categories.into_iter().find(|c| &c.slug == slug) {
                Some(found) => Some(found),
                None => return Ok(None),
            }
        }
    };
    let articles = app::db::articles::published(db, category.as_deref(), None, 1, ENTRIES).await?;
    let (title, query) = match &named {
        Some(c) => (
            format!("{} — {}: {}", t.site_name, t.nav_news, c.name_vi),
            format!("?category={}", c.slug),
        ),
        None => (format!("{} — {}", t.site_name, t.news_title), String::new()),
    };
    Ok(Some(Feed {
        title,
        description: t.news_lead.to_owned(),
        page: format!("{origin}/news{query}"),
        self_base: format!("{origin}/news"),
        articles: articles.items,
        origin,
    }))
}

/// RFC 2822, as RSS dates are written: `Sun, 06 Dec 2026 14:05:00 +0700`.
fn rfc2822(utc_ms: i64) -> String {
    const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let iso = app::domain::vietnam_rfc3339(utc_ms); // 2026-12-06T14:05:00+07:00
    let local_day = (utc_ms + 7 * 3_600_000).div_euclid(86_400_000);
    let weekday = DAYS[local_day.rem_euclid(7) as usize];
    let month: usize = iso[5..7].parse().unwrap_or(1);
    format!(
        "{weekday}, {} {} {} {} +0700",
        &iso[8..10],
        MONTHS[month - 1],
        &iso[0..4],
        &iso[11..19]
    )
}

fn xml(content_type: &'static str, body: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "public, max-age=300"),
        ],
        body,
    )
        .into_response()
}

fn failed(err: &sqlx::Error) -> Response {
    tracing::error!(error = %err, "news feed: database error");
    StatusCode::SERVICE_UNAVAILABLE.into_response()
}

async fn rss_feed(State(state): State<AppState>, Query(q): Query<FeedQuery>) -> Response {
    let feed = match load(&state, q.category).await {
        Ok(Some(feed)) => feed,
        Ok(None) => return StatusCode::NOT_FOUND.into_response(),
        Err(err) => return failed(&err),
    };
    let items: Vec<rss::Item> = feed
        .articles
        .iter()
        .map(|a| {
            let link = format!("{}/news/{}", feed.origin, a.slug);
            let mut guid = rss::Guid::default();
            guid.set_value(link.clone());
            guid.set_permalink(true);
            let mut item = rss::Item::default();
            item.set_title(a.title.clone());
            item.set_link(link);
            item.set_description(a.summary.clone());
            item.set_guid(guid);
            item.set_pub_date(rfc2822(a.published_at));
            item
        })
        .collect();
    let mut channel = rss::Channel::default();
    channel.set_title(feed.title);
    channel.set_link(feed.page);
    channel.set_description(feed.description);
    channel.set_language("vi".to_owned());
    if let Some(newest) = feed.articles.first() {
        channel.set_last_build_date(rfc2822(newest.published_at));
    }
    channel.set_items(items);
    xml("application/rss+xml; charset=utf-8", channel.to_string())
}

async fn atom_feed(State(state): State<AppState>, Query(q): Query<FeedQuery>) -> Response {
    use atom_syndication::{Entry, FixedDateTime, Link, Person, Text};

    let feed = match load(&state, q.category).await {
        Ok(Some(feed)) => feed,
        Ok(None) => return StatusCode::NOT_FOUND.into_response(),
        Err(err) => return failed(&err),
    };
    let date = |ms: i64| {
        FixedDateTime::parse_from_rfc3339(&app::domain::vietnam_rfc3339(ms))
            .expect("vietnam_rfc3339 writes RFC 3339")
    };
    let link = |href: String, rel: &str| {
        let mut link = Link::default();
        link.set_href(href);
        link.set_rel(rel.to_owned());
        link
    };
    let entries: Vec<Entry> = feed
        .articles
        .iter()
        .map(|a| {
            let href = format!("{}/news/{}", feed.origin, a.slug);
            let mut entry = Entry::default();
            entry.set_title(Text::plain(a.title.clone()));
            entry.set_id(href.clone());
            entry.set_links(vec![link(href, "alternate")]);
            entry.set_published(Some(date(a.published_at)));
            entry.set_updated(date(a.published_at));
            entry.set_summary(Some(Text::plain(a.summary.clone())));
            entry
        })
        .collect();
    let self_href = match feed.page.split_once('?') {
        Some((_, query)) => format!("{}.atom?{query}", feed.self_base),
        None => format!("{}.atom", feed.self_base),
    };
    let mut atom = atom_syndication::Feed::default();
    atom.set_title(Text::plain(feed.title));
    atom.set_id(self_href.clone());
    atom.set_links(vec![link(feed.page, "alternate"), link(self_href, "self")]);
    atom.set_subtitle(Some(Text::plain(feed.description)));
    atom.set_authors(vec![Person {
        name: app::i18n::Locale::Vi.messages().site_name.to_owned(),
        ..Person::default()
    }]);
    atom.set_updated(
        feed.articles
            .first()
            .map_or_else(|| date(0), |a| date(a.published_at)),
    );
    atom.set_entries(entries);
    xml("application/atom+xml; charset=utf-8", atom.to_string())
}

#[cfg(test)]
mod tests {
    #[test]
    fn rss_dates_are_rfc_2822_in_vietnam_time() {
        // 2026-12-06 07:05 UTC is a Sunday, 14:05 in Vietnam.
        assert_eq!(
            super::rfc2822(1_796_540_700_000),
            "Sun, 06 Dec 2026 14:05:00 +0700"
        );
        assert_eq!(super::rfc2822(0), "Thu, 01 Jan 1970 07:00:00 +0700");
    }
}
