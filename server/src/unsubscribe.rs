//! RFC 8058 one-click unsubscribe: a mail program POSTs `List-Unsubscribe=One-Click` to the
//! `List-Unsubscribe` address of an alert mail, with no session and no page to click through.
//! The signed token says whose alerts stop. A GET (someone opening the address) leads to the
//! confirmation page instead, which unsubscribes only when its button is pressed.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use serde::Deserialize;

use crate::startup::AppState;

#[derive(Deserialize)]
pub struct Token {
    #[serde(default)]
    token: String,
}

/// The routes, for the router to merge.
pub fn routes() -> axum::Router<AppState> {
    axum::Router::new().route(
        "/alerts/unsubscribe/one-click",
        get(confirm).post(one_click),
    )
}

async fn one_click(
    State(state): State<AppState>,
    Query(Token { token }): Query<Token>,
) -> Response {
    let ctx = &state.ctx;
    let key = match app::db::alerts::signing_key(&ctx.db).await {
        Ok(key) => key,
        Err(err) => {
            tracing::error!(error = %err, "could not read the unsubscribe key");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    };
    let Some(user) = app::db::alerts::token_user(&key, &token) else {
        return (
            StatusCode::BAD_REQUEST,
            "This unsubscribe link is not valid.\n",
        )
            .into_response();
    };
    match app::db::alerts::unsubscribe(&ctx.db, user, app::db::now_ms()).await {
        Ok(()) => (StatusCode::OK, "Unsubscribed from alert mails.\n").into_response(),
        Err(err) => {
            tracing::error!(error = %err, "could not unsubscribe");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}

async fn confirm(Query(Token { token }): Query<Token>) -> Redirect {
    Redirect::to(&format!(
        "/alerts/unsubscribe?token={}",
        app::components::pagination::encode_component(&token)
    ))
}
