//! Events as calendars: `GET /events.ics` (every upcoming event, to subscribe to) and
//! `GET /events/{slug}/calendar.ics` (one event, to add). Addresses in them are the site's public
//! one (`--public-url`).

use axum::Router;
use axum::extract::{Path as UrlPath, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use crate::startup::AppState;
use app::domain::event::{CalendarEntry, icalendar};
use app::model::EventView;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/events.ics", get(feed))
        .route("/events/{slug}/calendar.ics", get(one))
}

fn entry<'a>(event: &'a EventView, origin: &str) -> CalendarEntry<'a> {
    let host = origin.split("://").nth(1).unwrap_or(origin);
    let province = event
        .province_code
        .as_deref()
        .and_then(|code| app::domain::Province::parse(code).ok())
        .map(|p| p.name(app::i18n::Locale::Vi));
    let location = [event.venue.as_deref(), event.address.as_deref(), province]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ");
    let location = match (&event.online_url, location.is_empty()) {
        (Some(url), true) => url.clone(),
        _ => location,
    };
    CalendarEntry {
        uid: format!("event-{}@{host}", event.id),
        starts_at: event.starts_at,
        ends_at: event.ends_at,
        updated_at: event.updated_at,
        title: &event.title,
        description: &event.summary,
        location,
        url: format!("{origin}/events/{}", event.slug),
        cancelled: event.status == "cancelled",
    }
}

fn calendar(body: String, file: &str) -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                "text/calendar; charset=utf-8".to_owned(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("inline; filename=\"{file}\""),
            ),
            (header::CACHE_CONTROL, "public, max-age=300".to_owned()),
        ],
        body,
    )
        .into_response()
}

async fn feed(State(state): State<AppState>) -> Response {
    match app::db::events::upcoming_views(&state.ctx.db, app::db::now_ms()).await {
        Ok(events) => {
            let origin = &state.ctx.public_url;
            let entries: Vec<CalendarEntry<'_>> = events.iter().map(|e| entry(e, origin)).collect();
            calendar(icalendar("Sự kiện — techx", &entries), "su-kien.ics")
        }
        Err(e) => {
            tracing::error!("events calendar: {e}");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}

async fn one(State(state): State<AppState>, UrlPath(slug): UrlPath<String>) -> Response {
    match app::db::events::page(&state.ctx.db, &slug, app::db::now_ms()).await {
        Ok(Some(page)) => {
            let origin = &state.ctx.public_url;
            let body = icalendar(&page.event.title, &[entry(&page.event, origin)]);
            calendar(body, &format!("{slug}.ics"))
        }
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(e) => {
            tracing::error!("event calendar: {e}");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}
