//! A startup project's files: its cover picture and its pitch deck, uploaded by its owners as
//! plain multipart forms (so they work without JavaScript), and the deck served only to its
//! owners, moderators and approved investors who accepted the project's confidentiality terms —
//! each investor's download logged for the owners. And a call for applications' applications as
//! CSV, for its funder.

use axum::Router;
use axum::extract::{DefaultBodyLimit, Multipart, Path as UrlPath, State};
use axum::http::{Extensions, HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};

use crate::images::MAX_FILE_BYTES;
use crate::startup::AppState;
use crate::uploads::{NotDecoded, busy, content_stem, one_picture};
use app::db::{now_ms, startups};
use app::domain::startup::{is_pdf, limits};

/// `POST /uploads/startups/{id}/cover`, `POST /uploads/startups/{id}/deck` and
/// `GET /startups/{slug}/deck.pdf`.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/uploads/startups/{id}/cover",
            post(upload_cover).layer(DefaultBodyLimit::max(MAX_FILE_BYTES + 1024 * 1024)),
        )
        .route(
            "/uploads/startups/{id}/deck",
            post(upload_deck).layer(DefaultBodyLimit::max(limits::DECK_BYTES + 1024 * 1024)),
        )
        .route("/startups/{slug}/deck.pdf", get(deck))
        .route(
            "/account/calls/{id}/applications.csv",
            get(applications_csv),
        )
}

/// `GET /account/calls/{id}/applications.csv`: a call's applications with their answers, for
/// the fund or programme that opened it; anyone else gets a 404.
async fn applications_csv(
    State(state): State<AppState>,
    UrlPath(id): UrlPath<i64>,
    headers: HeaderMap,
) -> Response {
    let answer = async {
        let page = format!("/account/calls/{id}/applications");
        let user = match member_or_login(&state, &headers, &page).await? {
            Ok(user) => user,
            Err(answer) => return Ok(answer),
        };
        let db = &state.ctx.db;
        let Some(investor) = app::db::funding_calls::funder(db, user.id).await? else {
            return Ok(StatusCode::NOT_FOUND.into_response());
        };
        let Some(csv) = app::db::funding_calls::applications_csv(db, id, investor).await? else {
            return Ok(StatusCode::NOT_FOUND.into_response());
        };
        anyhow::Ok(
            (
                [
                    (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
                    (
                        header::CONTENT_DISPOSITION,
                        format!("attachment; filename=\"techx-call-{id}-applications.csv\""),
                    ),
                    (header::CACHE_CONTROL, "private, no-store".to_owned()),
                ],
                csv,
            )
                .into_response(),
        )
    };
    match answer.await {
        Ok(answer) => answer,
        Err(e) => {
            tracing::error!("applications of call {id} failed: {e:#}");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// The member signed in, or the login page coming back to `page`.
async fn member_or_login(
    state: &AppState,
    headers: &HeaderMap,
    page: &str,
) -> anyhow::Result<Result<app::model::CurrentUser, Response>> {
    let cookie = headers.get(header::COOKIE).and_then(|v| v.to_str().ok());
    Ok(
        match app::session::authenticate(&state.ctx.db, cookie).await? {
            Some(user) => Ok(user),
            None => Err(Redirect::to(&format!("/login?next={page}")).into_response()),
        },
    )
}

/// Logs an upload handler's failure and answers 500.
fn failed(what: &str, id: i64, e: &anyhow::Error) -> Response {
    tracing::error!("{what} upload for project {id} failed: {e:#}");
    StatusCode::INTERNAL_SERVER_ERROR.into_response()
}

async fn upload_cover(
    State(state): State<AppState>,
    UrlPath(id): UrlPath<i64>,
    headers: HeaderMap,
    extensions: Extensions,
    multipart: Multipart,
) -> Response {
    store_cover(&state, id, (&headers, &extensions), multipart)
        .await
        .unwrap_or_else(|e| failed("cover", id, &e))
}

/// Sets project `id`'s cover to the picture posted in `picture`; its owners only. The project
/// goes back to review, as after any change.
async fn store_cover(
    state: &AppState,
    id: i64,
    (headers, extensions): (&HeaderMap, &Extensions),
    mut multipart: Multipart,
) -> anyhow::Result<Response> {
    let ctx = &state.ctx;
    let page = format!("/account/startups/{id}/edit");
    let back = |outcome: &str| Redirect::to(&format!("{page}?{outcome}")).into_response();
    let user = match member_or_login(state, headers, &page).await? {
        Ok(user) => user,
        Err(answer) => return Ok(answer),
    };
    if !startups::owns(&ctx.db, id, user.id).await? {
        return Ok(StatusCode::NOT_FOUND.into_response());
    }
    let picture = match one_picture(ctx, &mut multipart, extensions).await? {
        Ok(picture) => picture,
        Err(NotDecoded::Refused(outcome)) => return Ok(back(&format!("upload=cover&{outcome}"))),
        Err(NotDecoded::Busy) => return Ok(busy()),
    };
    let stem = content_stem(&picture.display);
    let cover = format!("startups/{id}/{stem}_cover.jpg");
    let thumb = format!("startups/{id}/{stem}_thumb.jpg");
    ctx.media.put(&cover, picture.display).await?;
    ctx.media.put(&thumb, picture.thumb).await?;
    let old = startups::set_cover(&ctx.db, id, (&cover, &thumb), user.id, now_ms()).await?;
    let old: Vec<&str> = old
        .iter()
        .map(String::as_str)
        .filter(|key| *key != cover && *key != thumb)
        .collect();
    app::db::images::discard_unused(&ctx.db, ctx.media.as_ref(), &old).await?;
    Ok(back("done=cover"))
}

async fn upload_deck(
    State(state): State<AppState>,
    UrlPath(id): UrlPath<i64>,
    headers: HeaderMap,
    extensions: Extensions,
    multipart: Multipart,
) -> Response {
    store_deck(&state, id, (&headers, &extensions), multipart)
        .await
        .unwrap_or_else(|e| failed("deck", id, &e))
}

/// Why a pitch deck was refused, as the editor's query tells it.
enum DeckRefusal {
    Required,
    NotPdf,
    TooLarge,
    TooMany,
}

impl DeckRefusal {
    fn code(&self) -> &'static str {
        match self {
            Self::Required => "required",
            Self::NotPdf => "not_a_pdf",
            Self::TooLarge => "deck_too_large",
            Self::TooMany => "too_many_uploads",
        }
    }
}

/// The file posted in `deck`, read up to the size limit; a PDF by its own bytes.
async fn read_deck(multipart: &mut Multipart) -> Result<Vec<u8>, DeckRefusal> {
    let mut deck: Option<Vec<u8>> = None;
    loop {
        let mut field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            // A body over the request limit or a malformed form.
            Err(_) => return Err(DeckRefusal::TooLarge),
        };
        if field.name() != Some("deck") {
            continue;
        }
        let mut bytes = Vec::new();
        loop {
            match field.chunk().await {
                Ok(Some(chunk)) => {
                    if bytes.len() + chunk.len() > limits::DECK_BYTES {
                        return Err(DeckRefusal::TooLarge);
                    }
                    bytes.extend_from_slice(&chunk);
                }
                Ok(None) => break,
                Err(_) => return Err(DeckRefusal::TooLarge),
            }
        }
        if !bytes.is_empty() {
            deck = Some(bytes);
        }
    }
    let deck = deck.ok_or(DeckRefusal::Required)?;
    if !is_pdf(&deck) {
        return Err(DeckRefusal::NotPdf);
    }
    Ok(deck)
}

/// Sets project `id`'s pitch deck to the PDF posted in `deck` (checked by its bytes, at most
/// 20 MB); its owners only. Kept in the media store under a name never served by `/media`.
async fn store_deck(
    state: &AppState,
    id: i64,
    (headers, extensions): (&HeaderMap, &Extensions),
    mut multipart: Multipart,
) -> anyhow::Result<Response> {
    let ctx = &state.ctx;
    let page = format!("/account/startups/{id}/edit");
    let back = |outcome: &str| Redirect::to(&format!("{page}?{outcome}")).into_response();
    let user = match member_or_login(state, headers, &page).await? {
        Ok(user) => user,
        Err(answer) => return Ok(answer),
    };
    if !startups::owns(&ctx.db, id, user.id).await? {
        return Ok(StatusCode::NOT_FOUND.into_response());
    }
    let limited = ctx
        .upload_limiter
        .check(app::rate_limit::client_ip_of(extensions))
        .is_err();
    let deck = match read_deck(&mut multipart).await {
        Ok(_) if limited => Err(DeckRefusal::TooMany),
        other => other,
    };
    let deck = match deck {
        Ok(deck) => deck,
        Err(refusal) => return Ok(back(&format!("upload=deck&error={}", refusal.code()))),
    };
    let key = format!("startups/{id}/{}_deck.pdf", content_stem(&deck));
    let size = i64::try_from(deck.len())?;
    ctx.media.put(&key, deck).await?;
    let old = startups::set_deck(&ctx.db, id, (&key, size), user.id, now_ms()).await?;
    if let Some(old) = old.filter(|old| *old != key) {
        app::db::images::discard_unused(&ctx.db, ctx.media.as_ref(), &[old.as_str()]).await?;
    }
    Ok(back("done=deck"))
}

/// `GET /startups/{slug}/deck.pdf`: the pitch deck, for the project's owners, moderators, and
/// approved investors who accepted its terms (each download logged); 404 for everyone else,
/// so a deck's existence tells nothing more than the project's page does.
async fn deck(
    State(state): State<AppState>,
    UrlPath(slug): UrlPath<String>,
    headers: HeaderMap,
) -> Response {
    match serve_deck(&state, &slug, &headers).await {
        Ok(answer) => answer,
        Err(e) => {
            tracing::error!("pitch deck of {slug} failed: {e:#}");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

async fn serve_deck(state: &AppState, slug: &str, headers: &HeaderMap) -> anyhow::Result<Response> {
    use app::domain::Role;
    use app::model::Standing;

    let ctx = &state.ctx;
    let page = format!(
        "/startups/{}",
        app::components::pagination::encode_component(slug)
    );
    let user = match member_or_login(state, headers, &page).await? {
        Ok(user) => user,
        Err(answer) => return Ok(answer),
    };
    let Some((id, status, Some(key))) = startups::deck(&ctx.db, slug).await? else {
        return Ok(StatusCode::NOT_FOUND.into_response());
    };
    let moderator = Role::parse(&user.role).is_ok_and(|r| r.includes(Role::Moderator));
    let (standing, _) = startups::standing(&ctx.db, id, Some(user.id)).await?;
    let allowed = match standing {
        Standing::Owner => true,
        Standing::Accepted => status == "published",
        _ => moderator,
    };
    if !allowed {
        return Ok(StatusCode::NOT_FOUND.into_response());
    }
    let Some(bytes) = ctx.media.get(&key).await? else {
        return Ok(StatusCode::NOT_FOUND.into_response());
    };
    if standing == Standing::Accepted {
        startups::log_view(&ctx.db, id, user.id, "deck", now_ms()).await?;
    }
    let disposition = format!("attachment; filename=\"{slug}.pdf\"");
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/pdf"),
            ),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("private, no-store"),
            ),
            (
                header::CONTENT_DISPOSITION,
                HeaderValue::from_str(&disposition)?,
            ),
        ],
        bytes,
    )
        .into_response())
}
