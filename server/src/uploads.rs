//! Picture uploads (a plain multipart form, so they work without JavaScript) and serving stored
//! pictures.

use axum::Router;
use axum::extract::{DefaultBodyLimit, Multipart, Path as UrlPath, State};
use axum::http::{Extensions, HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use sha2::{Digest, Sha256};

use crate::images::{self, MAX_FILE_BYTES, Refusal};
use crate::startup::AppState;
use app::db::stalls::{self, StallPicture};
use app::db::{audit, listings, now_ms};
use app::domain::listing_limits;

/// Time allowed for one upload request: eight 10 MB pictures at about 3 Mbit/s.
pub const UPLOAD_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(240);

/// Largest upload request: every picture a listing may have at the largest size, plus the form.
const MAX_REQUEST_BYTES: usize = listing_limits::IMAGES * MAX_FILE_BYTES + 1024 * 1024;

/// `POST /uploads/listings/{id}/images`, `POST /uploads/stalls/{id}/{logo|cover}`,
/// `POST /uploads/articles/{id}/cover`, `POST /uploads/events/{id}/cover` and
/// `GET /media/{*key}`, with their own body limits (the rest of the site accepts far smaller
/// bodies).
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/uploads/listings/{id}/images",
            post(upload_listing_images).layer(DefaultBodyLimit::max(MAX_REQUEST_BYTES)),
        )
        .route(
            "/uploads/stalls/{id}/{which}",
            post(upload_stall_picture).layer(DefaultBodyLimit::max(MAX_FILE_BYTES + 1024 * 1024)),
        )
        .route(
            "/uploads/articles/{id}/cover",
            post(upload_article_cover).layer(DefaultBodyLimit::max(MAX_FILE_BYTES + 1024 * 1024)),
        )
        .route(
            "/uploads/events/{id}/cover",
            post(upload_event_cover).layer(DefaultBodyLimit::max(MAX_FILE_BYTES + 1024 * 1024)),
        )
        .route("/media/{*key}", get(media))
}

/// Where the images page is, with what happened.
fn back(id: i64, outcome: &str) -> Response {
    Redirect::to(&format!("/account/listings/{id}/images?{outcome}")).into_response()
}

/// Adds the pictures posted in the `images` field to listing `id`, which the member must manage.
/// All or nothing: one refused file refuses the lot, and the member is told which and why.
/// Pictures added to a published listing send it back to review, like any other edit.
async fn upload_listing_images(
    State(state): State<AppState>,
    UrlPath(id): UrlPath<i64>,
    headers: HeaderMap,
    extensions: Extensions,
    multipart: Multipart,
) -> Response {
    match store_uploads(&state, id, (&headers, &extensions), multipart).await {
        Ok(outcome) => outcome,
        Err(e) => {
            tracing::error!("picture upload for listing {id} failed: {e:#}");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

async fn store_uploads(
    state: &AppState,
    id: i64,
    (headers, extensions): (&HeaderMap, &Extensions),
    mut multipart: Multipart,
) -> anyhow::Result<Response> {
    let ctx = &state.ctx;
    let cookie = headers.get(header::COOKIE).and_then(|v| v.to_str().ok());
    let Some(user) = app::session::authenticate(&ctx.db, cookie).await? else {
        let next = format!("/account/listings/{id}/images");
        return Ok(Redirect::to(&format!("/login?next={next}")).into_response());
    };
    if !listings::can_manage(&ctx.db, id, user.id).await? {
        return Ok(StatusCode::NOT_FOUND.into_response());
    }
    let Some(listing) = listings::record(&ctx.db, id).await? else {
        return Ok(StatusCode::NOT_FOUND.into_response());
    };
    if matches!(listing.status.as_str(), "closed" | "expired") {
        return Ok(back(id, "error=listing_closed"));
    }
    if listings::under_auction(&ctx.db, id).await? {
        return Ok(back(id, "error=listing_under_auction"));
    }
    if ctx
        .upload_limiter
        .check(app::rate_limit::client_ip_of(extensions))
        .is_err()
    {
        return Ok(back(id, "error=too_many_uploads"));
    }

    let files = match read_files(&mut multipart, "images").await {
        Ok(files) => files,
        Err(outcome) => return Ok(back(id, &outcome)),
    };
    if files.is_empty() {
        return Ok(back(id, "error=required"));
    }
    let existing = app::db::images::of_listing(&ctx.db, id).await?.len();
    if existing + files.len() > listing_limits::IMAGES {
        return Ok(back(id, "error=too_many_images"));
    }

    let Some(_turn) = ctx.picture_turns.take().await else {
        return Ok(busy());
    };
    let mut ready = Vec::with_capacity(files.len());
    for (name, bytes) in files {
        match tokio::task::spawn_blocking(move || images::process(&bytes)).await? {
            Ok(picture) => ready.push(picture),
            Err(refusal) => return Ok(back(id, &refused(refusal, &name))),
        }
    }
    let mut keys = Vec::with_capacity(ready.len());
    for picture in ready {
        let stem = content_stem(&picture.display);
        let image_key = format!("listings/{id}/{stem}.jpg");
        let thumb_key = format!("listings/{id}/{stem}_t.jpg");
        ctx.media.put(&image_key, picture.display).await?;
        ctx.media.put(&thumb_key, picture.thumb).await?;
        keys.push((image_key, thumb_key, picture.width, picture.height));
    }
    let now = now_ms();
    let mut tx = ctx.db.begin().await?;
    for (image_key, thumb_key, width, height) in &keys {
        app::db::images::add(&mut tx, id, (image_key, thumb_key), (*width, *height), now).await?;
    }
    let back_to_review = listings::transition(
        &mut tx,
        id,
        &["published"],
        "pending",
        listings::Transition::default(),
        now,
    )
    .await?;
    audit::record(
        &mut tx,
        Some(user.id),
        "listing_images_added",
        ("listing", id),
        &keys.len().to_string(),
        now,
    )
    .await?;
    tx.commit().await?;
    if back_to_review {
        ctx.home_cache.invalidate();
    }
    let outcome = if back_to_review {
        "done=uploaded_review"
    } else {
        "done=uploaded"
    };
    Ok(back(id, outcome))
}

/// The files posted in form field `field` (a file input left empty sends none). On a refusal,
/// the query telling the page which file and why.
async fn read_files(
    multipart: &mut Multipart,
    field_name: &str,
) -> Result<Vec<(String, Vec<u8>)>, String> {
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    loop {
        let mut field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            // A body over the request limit or a malformed form.
            Err(_) => return Err("error=image_too_large".to_owned()),
        };
        if field.name() != Some(field_name) {
            continue;
        }
        let name = field.file_name().unwrap_or_default().to_owned();
        let mut bytes = Vec::new();
        loop {
            match field.chunk().await {
                Ok(Some(chunk)) => {
                    if bytes.len() + chunk.len() > MAX_FILE_BYTES {
                        return Err(refused(Refusal::TooLarge, &name));
                    }
                    bytes.extend_from_slice(&chunk);
                }
                Ok(None) => break,
                Err(_) => return Err("error=image_too_large".to_owned()),
            }
        }
        // A file input left empty still sends a part, with no name and no bytes.
        if !(name.is_empty() && bytes.is_empty()) {
            files.push((name, bytes));
        }
    }
    Ok(files)
}

/// A short name for stored content: the first 12 bytes of its SHA-256, in hex.
pub(crate) fn content_stem(bytes: &[u8]) -> String {
    Sha256::digest(bytes)[..12]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Sets stall `id`'s logo or cover (`which`) to the picture posted in the `picture` field; only
/// its owners may. The logo is kept at thumbnail size, the cover at display size. On an approved
/// stall the new picture waits for review while the approved one stays public.
async fn upload_stall_picture(
    State(state): State<AppState>,
    UrlPath((id, which)): UrlPath<(i64, String)>,
    headers: HeaderMap,
    extensions: Extensions,
    multipart: Multipart,
) -> Response {
    let Some(which) = StallPicture::parse(&which) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    match store_stall_picture(&state, id, which, (&headers, &extensions), multipart).await {
        Ok(outcome) => outcome,
        Err(e) => {
            tracing::error!("{} upload for stall {id} failed: {e:#}", which.name());
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

async fn store_stall_picture(
    state: &AppState,
    id: i64,
    which: StallPicture,
    (headers, extensions): (&HeaderMap, &Extensions),
    mut multipart: Multipart,
) -> anyhow::Result<Response> {
    let ctx = &state.ctx;
    let page = format!("/account/stalls/{id}/pictures");
    let back = |outcome: &str| {
        Redirect::to(&format!("{page}?picture={}&{outcome}", which.name())).into_response()
    };
    let cookie = headers.get(header::COOKIE).and_then(|v| v.to_str().ok());
    let Some(user) = app::session::authenticate(&ctx.db, cookie).await? else {
        return Ok(Redirect::to(&format!("/login?next={page}")).into_response());
    };
    let Some(role) = stalls::membership(&ctx.db, id, user.id).await? else {
        return Ok(StatusCode::NOT_FOUND.into_response());
    };
    if role != "owner" {
        return Ok(StatusCode::FORBIDDEN.into_response());
    }
    let approved = stalls::record(&ctx.db, id)
        .await?
        .is_some_and(|stall| stall.status == "approved");
    let picture = match one_picture(ctx, &mut multipart, extensions).await? {
        Ok(picture) => picture,
        Err(NotDecoded::Refused(outcome)) => return Ok(back(&outcome)),
        Err(NotDecoded::Busy) => return Ok(busy()),
    };
    let stored = match which {
        StallPicture::Logo => picture.thumb,
        StallPicture::Cover => picture.display,
    };
    let key = format!("stalls/{id}/{}_{}.jpg", content_stem(&stored), which.name());
    ctx.media.put(&key, stored).await?;
    let now = now_ms();
    let mut tx = ctx.db.begin().await?;
    let old = if approved {
        app::db::stall_revisions::propose_picture(&mut tx, id, which, Some(&key), user.id, now)
            .await?
    } else {
        stalls::set_picture(&mut tx, id, which, Some(&key)).await?
    };
    audit::record(
        &mut tx,
        Some(user.id),
        "stall_picture_changed",
        ("stall", id),
        which.name(),
        now,
    )
    .await?;
    tx.commit().await?;
    if let Some(old) = old {
        app::db::images::discard_unused(&ctx.db, ctx.media.as_ref(), &[&old]).await?;
    }
    ctx.home_cache.invalidate();
    Ok(back(if approved {
        "done=submitted"
    } else {
        "done=saved"
    }))
}

/// Why the one picture of a form was not decoded.
pub(crate) enum NotDecoded {
    /// What to tell the form (`error=…`, with the file's name when it was the file).
    Refused(String),
    /// Every turn at decoding pictures stayed taken (see [`busy`]).
    Busy,
}

/// Reads the one picture posted in the `picture` field, counts it against the client's upload
/// limit and decodes it in a turn at decoding pictures (stall logos and covers, article covers).
pub(crate) async fn one_picture(
    ctx: &app::server_context::ServerContext,
    multipart: &mut Multipart,
    extensions: &Extensions,
) -> anyhow::Result<Result<images::Processed, NotDecoded>> {
    let refuse = |outcome: &str| Ok(Err(NotDecoded::Refused(outcome.to_owned())));
    let mut files = match read_files(multipart, "picture").await {
        Ok(files) => files,
        Err(outcome) => return refuse(&outcome),
    };
    let Some((name, bytes)) = files.pop() else {
        return refuse("error=required");
    };
    if !files.is_empty() {
        return refuse("error=one_picture");
    }
    if ctx
        .upload_limiter
        .check(app::rate_limit::client_ip_of(extensions))
        .is_err()
    {
        return refuse("error=too_many_uploads");
    }
    let Some(turn) = ctx.picture_turns.take().await else {
        return Ok(Err(NotDecoded::Busy));
    };
    let picture = tokio::task::spawn_blocking(move || images::process(&bytes)).await?;
    drop(turn);
    Ok(picture.map_err(|refusal| NotDecoded::Refused(refused(refusal, &name))))
}

/// The member signed in if they edit the site's content (editors, moderators, administrators),
/// or the answer instead: the login page, coming back to `page`, or 403.
pub(crate) async fn editor_or_answer(
    ctx: &app::server_context::ServerContext,
    headers: &HeaderMap,
    page: &str,
) -> anyhow::Result<Result<app::model::CurrentUser, Response>> {
    use app::domain::Role;
    let cookie = headers.get(header::COOKIE).and_then(|v| v.to_str().ok());
    let Some(user) = app::session::authenticate(&ctx.db, cookie).await? else {
        return Ok(Err(
            Redirect::to(&format!("/login?next={page}")).into_response()
        ));
    };
    if !Role::parse(&user.role).is_ok_and(|role| role.includes(Role::Editor)) {
        return Ok(Err(StatusCode::FORBIDDEN.into_response()));
    }
    Ok(Ok(user))
}

/// Sets article `id`'s cover to the picture posted in the `picture` field; editors only. Kept at
/// display size for the article and as a thumbnail for lists; the change is a revision.
async fn upload_article_cover(
    State(state): State<AppState>,
    UrlPath(id): UrlPath<i64>,
    headers: HeaderMap,
    extensions: Extensions,
    multipart: Multipart,
) -> Response {
    match store_article_cover(&state, id, (&headers, &extensions), multipart).await {
        Ok(outcome) => outcome,
        Err(e) => {
            tracing::error!("cover upload for article {id} failed: {e:#}");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

async fn store_article_cover(
    state: &AppState,
    id: i64,
    (headers, extensions): (&HeaderMap, &Extensions),
    mut multipart: Multipart,
) -> anyhow::Result<Response> {
    let ctx = &state.ctx;
    let page = format!("/editor/articles/{id}/edit");
    let back = |outcome: &str| Redirect::to(&format!("{page}?{outcome}")).into_response();
    let user = match editor_or_answer(ctx, headers, &page).await? {
        Ok(user) => user,
        Err(answer) => return Ok(answer),
    };
    let Some((old_cover, old_thumb)) = app::db::articles::cover(&ctx.db, id).await? else {
        return Ok(StatusCode::NOT_FOUND.into_response());
    };
    let picture = match one_picture(ctx, &mut multipart, extensions).await? {
        Ok(picture) => picture,
        Err(NotDecoded::Refused(outcome)) => return Ok(back(&outcome)),
        Err(NotDecoded::Busy) => return Ok(busy()),
    };
    let stem = content_stem(&picture.display);
    let cover = format!("articles/{id}/{stem}_cover.jpg");
    let thumb = format!("articles/{id}/{stem}_thumb.jpg");
    ctx.media.put(&cover, picture.display).await?;
    ctx.media.put(&thumb, picture.thumb).await?;
    app::db::articles::set_cover(&ctx.db, id, (&cover, &thumb), user.id, now_ms()).await?;
    let old: Vec<&str> = [old_cover.as_deref(), old_thumb.as_deref()]
        .into_iter()
        .flatten()
        .filter(|key| *key != cover && *key != thumb)
        .collect();
    app::db::images::discard_unused(&ctx.db, ctx.media.as_ref(), &old).await?;
    ctx.home_cache.invalidate();
    Ok(back("done=cover"))
}

/// Sets event `id`'s cover to the picture posted in the `picture` field; moderators and editors
/// only. Kept at display size for the event's page and as a thumbnail for lists.
async fn upload_event_cover(
    State(state): State<AppState>,
    UrlPath(id): UrlPath<i64>,
    headers: HeaderMap,
    extensions: Extensions,
    multipart: Multipart,
) -> Response {
    match store_event_cover(&state, id, (&headers, &extensions), multipart).await {
        Ok(outcome) => outcome,
        Err(e) => {
            tracing::error!("cover upload for event {id} failed: {e:#}");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

async fn store_event_cover(
    state: &AppState,
    id: i64,
    (headers, extensions): (&HeaderMap, &Extensions),
    mut multipart: Multipart,
) -> anyhow::Result<Response> {
    let ctx = &state.ctx;
    let page = format!("/editor/events/{id}/edit");
    let back = |outcome: &str| Redirect::to(&format!("{page}?{outcome}")).into_response();
    let user = match editor_or_answer(ctx, headers, &page).await? {
        Ok(user) => user,
        Err(answer) => return Ok(answer),
    };
    if app::db::events::editor_form(&ctx.db, id).await?.is_none() {
        return Ok(StatusCode::NOT_FOUND.into_response());
    }
    let picture = match one_picture(ctx, &mut multipart, extensions).await? {
        Ok(picture) => picture,
        Err(NotDecoded::Refused(outcome)) => return Ok(back(&outcome)),
        Err(NotDecoded::Busy) => return Ok(busy()),
    };
    let stem = content_stem(&picture.display);
    let cover = format!("events/{id}/{stem}_cover.jpg");
    let thumb = format!("events/{id}/{stem}_thumb.jpg");
    ctx.media.put(&cover, picture.display).await?;
    ctx.media.put(&thumb, picture.thumb).await?;
    let old = app::db::events::set_cover(&ctx.db, id, (&cover, &thumb), user.id, now_ms()).await?;
    let old: Vec<&str> = old
        .iter()
        .map(String::as_str)
        .filter(|key| *key != cover && *key != thumb)
        .collect();
    app::db::images::discard_unused(&ctx.db, ctx.media.as_ref(), &old).await?;
    Ok(back("done=cover"))
}

/// 503 with `Retry-After` when every turn at decoding pictures stayed taken: the server is busy
/// with others' pictures. Nothing was stored; the form can be sent again as it is.
pub(crate) fn busy() -> Response {
    (
        StatusCode::SERVICE_UNAVAILABLE,
        [
            (header::RETRY_AFTER, HeaderValue::from_static("10")),
            (header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8")),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
        ],
        concat!(
            "<!doctype html><html lang=\"vi\"><meta charset=\"utf-8\">",
            "<meta name=\"viewport\" content=\"width=device-width\">",
            "<title>Máy chủ đang bận — Server busy</title>",
            "<p>Máy chủ đang xử lý nhiều ảnh. Vui lòng quay lại và gửi ảnh lần nữa sau vài giây.</p>",
            "<p lang=\"en\">The server is busy with other pictures. Please go back and send yours again in a few seconds.</p>",
        ),
    )
        .into_response()
}

/// The query telling the images page which file was refused and why.
fn refused(refusal: Refusal, file_name: &str) -> String {
    let name: String = file_name.chars().take(80).collect();
    format!(
        "error={}&file={}",
        refusal.code(),
        app::components::pagination::encode_component(&name)
    )
}

/// An object from the media store: pictures whole; videos and captions a range at a time
/// (`Range: bytes=…` answered 206 with its `Content-Range`), streamed from the store, so a phone
/// seeks without loading the clip.
async fn media(
    State(state): State<AppState>,
    UrlPath(key): UrlPath<String>,
    headers: HeaderMap,
) -> Response {
    let content_type = match key.rsplit_once('.').map(|(_, ext)| ext) {
        Some("jpg") => "image/jpeg",
        Some("mp4") => "video/mp4",
        Some("webm") => "video/webm",
        Some("vtt") => "text/vtt; charset=utf-8",
        _ => return StatusCode::NOT_FOUND.into_response(),
    };
    let immutable = (
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=31536000, immutable"),
    );
    if content_type == "image/jpeg" {
        return match state.ctx.media.get(&key).await {
            Ok(Some(bytes)) => (
                [
                    (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
                    immutable,
                ],
                bytes,
            )
                .into_response(),
            Ok(None) => StatusCode::NOT_FOUND.into_response(),
            Err(e) => {
                tracing::error!("media store read of {key} failed: {e}");
                StatusCode::SERVICE_UNAVAILABLE.into_response()
            }
        };
    }
    let range = headers
        .get(header::RANGE)
        .and_then(|v| v.to_str().ok())
        .and_then(app::media::ByteRange::parse);
    match state.ctx.media.get_range(&key, range).await {
        Ok(Some(part)) => {
            let length = if part.total == 0 {
                0
            } else {
                part.end - part.start + 1
            };
            let mut reply = Response::new(part.body);
            if range.is_some() {
                *reply.status_mut() = StatusCode::PARTIAL_CONTENT;
            }
            let h = reply.headers_mut();
            h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
            h.insert(header::ACCEPT_RANGES, HeaderValue::from_static("bytes"));
            h.insert(header::CONTENT_LENGTH, HeaderValue::from(length));
            h.insert(immutable.0, immutable.1);
            if range.is_some() {
                let span = format!("bytes {}-{}/{}", part.start, part.end, part.total);
                if let Ok(value) = HeaderValue::from_str(&span) {
                    h.insert(header::CONTENT_RANGE, value);
                }
            }
            reply
        }
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(e) if e.kind() == std::io::ErrorKind::InvalidInput => {
            StatusCode::RANGE_NOT_SATISFIABLE.into_response()
        }
        Err(e) => {
            tracing::error!("media store read of {key} failed: {e}");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}
