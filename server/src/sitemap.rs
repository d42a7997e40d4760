//! `robots.txt` and the sitemap. `/sitemap.xml` is an index of files of at most
//! [`URLS_PER_FILE`] addresses each, the protocol's limit: `/sitemaps/pages.xml` (the sections,
//! every approved stall, every published video and every event), `/sitemaps/listings-N.xml` (published listings by id) and
//! `/sitemaps/news-N.xml` (published articles by id), each with its `lastmod`. Every address is the site's public one (`--public-url`), never the request's
//! `Host`, which anyone can make up.

use axum::Router;
use axum::extract::{Path as UrlPath, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use crate::startup::AppState;

/// Addresses per sitemap file: the sitemap protocol's limit.
pub const URLS_PER_FILE: i64 = 50_000;

/// The sections every visitor can open, in the pages file.
const SECTIONS: [&str; 15] = [
    "/",
    "/stalls",
    "/offers",
    "/requests",
    "/auctions",
    "/connect",
    "/news",
    "/videos",
    "/events",
    "/statistics",
    "/startups",
    "/calls",
    "/mentors",
    "/incubator",
    "/investors",
];

/// `robots.txt`, the sitemap index and its files.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/robots.txt", get(robots))
        .route("/sitemap.xml", get(index))
        .route("/sitemaps/{file}", get(file))
}

/// `GET /robots.txt`: everything public may be crawled; points to the sitemap.
async fn robots(State(state): State<AppState>) -> Response {
    let origin = &state.ctx.public_url;
    (
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        format!(
            "User-agent: *\nDisallow: /api/\nDisallow: /lang/\nDisallow: /offline\n\
             Disallow: /login\nDisallow: /register\nDisallow: /account\nDisallow: /stall-invitation\nDisallow: /editor\n\n\
             Sitemap: {origin}/sitemap.xml\n"
        ),
    )
        .into_response()
}

/// `GET /sitemap.xml`: the index of the sitemap's files.
async fn index(State(state): State<AppState>) -> Response {
    let db = &state.ctx.db;
    let files =
        match (
            app::db::catalogue::sitemap_stalls_updated(db).await,
            app::db::catalogue::sitemap_listing_files(db, URLS_PER_FILE).await,
            app::db::articles::sitemap_files(db, URLS_PER_FILE).await,
        ) {
            (Ok(stalls), Ok(listings), Ok(articles)) => {
                let mut files = vec![("/sitemaps/pages.xml".to_owned(), stalls)];
                files.extend(listings.into_iter().enumerate().map(|(n, updated)| {
                    (format!("/sitemaps/listings-{}.xml", n + 1), Some(updated))
                }));
                files.extend(
                    articles.into_iter().enumerate().map(|(n, updated)| {
                        (format!("/sitemaps/news-{}.xml", n + 1), Some(updated))
                    }),
                );
                files
            }
            (Err(err), _, _) | (_, Err(err), _) | (_, _, Err(err)) => return unavailable(&err),
        };
    xml_response(document(
        &state.ctx.public_url,
        ("sitemapindex", "sitemap"),
        files,
    ))
}

/// `GET /sitemaps/pages.xml` and `GET /sitemaps/listings-N.xml`.
async fn file(State(state): State<AppState>, UrlPath(file): UrlPath<String>) -> Response {
    let db = &state.ctx.db;
    let entries = if file == "pages.xml" {
        let stalls_and_videos = async {
            Ok::<_, sqlx::Error>((
                app::db::catalogue::sitemap_stalls(db).await?,
                app::db::videos::sitemap(db).await?,
                app::db::events::sitemap(db).await?,
                app::db::startups::sitemap(db).await?,
                app::db::funding_calls::sitemap(db).await?,
                app::db::mentors::sitemap(db).await?,
                app::db::incubator::sitemap(db).await?,
            ))
        };
        stalls_and_videos.await.map(
            |(stalls, videos, events, projects, calls, mentors, programmes)| {
                SECTIONS
                    .iter()
                    .map(|path| ((*path).to_owned(), None))
                    .chain(
                        stalls
                            .into_iter()
                            .map(|(slug, updated)| (format!("/stalls/{slug}"), Some(updated))),
                    )
                    .chain(
                        videos
                            .into_iter()
                            .map(|(slug, updated)| (format!("/videos/{slug}"), Some(updated))),
                    )
                    .chain(
                        events
                            .into_iter()
                            .map(|(slug, updated)| (format!("/events/{slug}"), Some(updated))),
                    )
                    .chain(
                        projects
                            .into_iter()
                            .map(|(slug, updated)| (format!("/startups/{slug}"), Some(updated))),
                    )
                    .chain(
                        calls
                            .into_iter()
                            .map(|(slug, updated)| (format!("/calls/{slug}"), Some(updated))),
                    )
                    .chain(
                        mentors
                            .into_iter()
                            .map(|(slug, updated)| (format!("/mentors/{slug}"), Some(updated))),
                    )
                    .chain(
                        programmes
                            .into_iter()
                            .map(|(slug, updated)| (format!("/incubator/{slug}"), Some(updated))),
                    )
                    .collect::<Vec<_>>()
            },
        )
    } else {
        let numbered = |prefix: &str| {
            file.strip_prefix(prefix)
                .and_then(|rest| rest.strip_suffix(".xml"))
                .and_then(|n| n.parse::<i64>().ok())
                .filter(|n| (1..=1_000_000).contains(n))
        };
        let (rows, section) = if let Some(n) = numbered("listings-") {
            (
                app::db::catalogue::sitemap_listings(db, (n - 1) * URLS_PER_FILE, URLS_PER_FILE)
                    .await,
                "listings",
            )
        } else if let Some(n) = numbered("news-") {
            (
                app::db::articles::sitemap(db, (n - 1) * URLS_PER_FILE, URLS_PER_FILE).await,
                "news",
            )
        } else {
            return StatusCode::NOT_FOUND.into_response();
        };
        rows.map(|rows| {
            rows.into_iter()
                .map(|(slug, updated)| (format!("/{section}/{slug}"), Some(updated)))
                .collect()
        })
    };
    let entries = match entries {
        Ok(entries) if entries.is_empty() && file != "pages.xml" => {
            return StatusCode::NOT_FOUND.into_response();
        }
        Ok(entries) => entries,
        Err(err) => return unavailable(&err),
    };
    xml_response(document(&state.ctx.public_url, ("urlset", "url"), entries))
}

/// A sitemap document: under `root`, an `item` per (path, when it last changed), each at
/// `origin` plus its path. Paths are ASCII letters, digits, hyphens and slashes: nothing to
/// escape.
fn document(
    origin: &str,
    (root, item): (&str, &str),
    entries: Vec<(String, Option<i64>)>,
) -> String {
    let mut xml = String::with_capacity(96 * entries.len() + 128);
    xml.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    xml.push_str(&format!(
        "<{root} xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
    ));
    for (path, updated) in entries {
        xml.push_str(&format!("<{item}><loc>{origin}{path}</loc>"));
        if let Some(updated) = updated {
            xml.push_str(&format!("<lastmod>{}</lastmod>", lastmod(updated)));
        }
        xml.push_str(&format!("</{item}>\n"));
    }
    xml.push_str(&format!("</{root}>\n"));
    xml
}

/// A `lastmod`: the UTC day of `ms` since the epoch (W3C date).
fn lastmod(ms: i64) -> String {
    app::domain::iso_date(ms.div_euclid(86_400_000))
}

fn xml_response(xml: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, "application/xml; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        xml,
    )
        .into_response()
}

fn unavailable(err: &sqlx::Error) -> Response {
    tracing::error!(error = %err, "sitemap: database error");
    StatusCode::SERVICE_UNAVAILABLE.into_response()
}

#[cfg(test)]
mod tests {
    #[test]
    fn lastmod_is_the_utc_day() {
        assert_eq!(super::lastmod(0), "1970-01-01");
        assert_eq!(super::lastmod(1_796_342_400_000 - 1), "2026-12-03");
        assert_eq!(super::lastmod(1_796_342_400_000), "2026-12-04");
    }
}
