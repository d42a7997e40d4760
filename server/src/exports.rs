//! `GET /auctions/{id}/log.csv`: an auction's bid log, for the record.
//!
//! Anyone may download the log of a closed auction (the maxima it reveals no longer matter);
//! until then nobody may, moderators included: the log holds every bidder's hidden maximum, and
//! whoever read it could bid one step under a rival's.

use axum::extract::{Path as UrlPath, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::startup::AppState;

/// The log as a CSV download.
pub async fn auction_log_csv(State(state): State<AppState>, UrlPath(id): UrlPath<i64>) -> Response {
    let db = &state.ctx.db;
    let status: Option<String> =
        match sqlx::query_scalar("SELECT status FROM auctions WHERE id = $1")
            .bind(id)
            .fetch_optional(db)
            .await
        {
            Ok(status) => status,
            Err(err) => {
                tracing::error!(error = %err, "cannot read an auction for its log");
                return StatusCode::SERVICE_UNAVAILABLE.into_response();
            }
        };
    let Some(status) = status else {
        return StatusCode::NOT_FOUND.into_response();
    };
    if status != "closed" {
        return StatusCode::FORBIDDEN.into_response();
    }
    match app::db::auctions::log_csv(db, id).await {
        Ok(csv) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"techx-auction-{id}-log.csv\""),
                ),
                (header::CACHE_CONTROL, "no-store".to_owned()),
            ],
            csv,
        )
            .into_response(),
        Err(err) => {
            tracing::error!(error = %err, "cannot read an auction's log");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}

/// `GET /statistics/{chart}.csv?period=…`: a chart of `/statistics` as CSV, from the same
/// cached figures as the page.
pub async fn statistics_csv(
    State(state): State<AppState>,
    UrlPath(file): UrlPath<String>,
    axum::extract::Query(query): axum::extract::Query<std::collections::HashMap<String, String>>,
) -> Response {
    let Some(key) = file
        .strip_suffix(".csv")
        .filter(|k| app::db::statistics::CHART_KEYS.contains(k))
    else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let period = app::model::statistics::Period::parse(query.get("period").map(String::as_str));
    let figures = match app::api::statistics::statistics(&state.ctx, period).await {
        Ok(figures) => figures,
        Err(err) => {
            tracing::error!(error = %err, "cannot read the statistics");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    };
    let Some(chart) = figures.chart(key) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"techx-{key}-{}.csv\"", period.code()),
            ),
            (header::CACHE_CONTROL, "public, max-age=60".to_owned()),
        ],
        app::db::statistics::chart_csv(chart),
    )
        .into_response()
}
