//! Receiving a video upload: the clip streamed from the request into a file beside the media
//! store, never whole in memory, checked by its first bytes (MP4 or WebM, whatever its name or
//! declared type says) and by its size as it arrives, then moved into the store under a name
//! made of its content's hash. Whatever stops it — a refusal, a broken connection, an error
//! storing it — leaves nothing behind: the file removes itself unless it reached the store.

use std::path::{Path, PathBuf};

use axum::body::Bytes;
use axum::extract::{Multipart, Path as UrlPath, State};
use axum::http::{Extensions, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use futures_util::{Stream, StreamExt};
use sha2::{Digest, Sha256};
use tokio::io::AsyncWriteExt;

use crate::startup::AppState;

/// The largest clip taken: 500 MB.
pub const MAX_VIDEO_BYTES: u64 = 500 * 1024 * 1024;

/// Bytes read before a clip's kind is decided.
const HEAD: usize = 64;

/// The kinds of clip the site serves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VideoKind {
    Mp4,
    Webm,
}

/// ISO media brands of pictures, not clips (HEIF, AVIF), which share MP4's container.
const PICTURE_BRANDS: [&[u8; 4]; 6] = [b"heic", b"heix", b"mif1", b"msf1", b"avif", b"avis"];

impl VideoKind {
    /// The kind of clip `head` (its first bytes) starts: an ISO media file whose `ftyp` box names
    /// a brand other than a picture's or QuickTime's, or an EBML file whose document type is
    /// `webm` (not any Matroska).
    pub fn sniff(head: &[u8]) -> Option<Self> {
        if head.len() >= 12 && &head[4..8] == b"ftyp" {
            let brand = &head[8..12];
            let picture = PICTURE_BRANDS.iter().any(|b| &b[..] == brand);
            return (!picture && brand != b"qt  ").then_some(Self::Mp4);
        }
        if head.starts_with(&[0x1A, 0x45, 0xDF, 0xA3]) {
            // The DocType element (0x4282), its one-byte size, then the type.
            let doctype = head.windows(3).position(|w| w[0] == 0x42 && w[1] == 0x82)?;
            let text = head.get(doctype + 3..doctype + 7)?;
            return (text == b"webm").then_some(Self::Webm);
        }
        None
    }

    pub fn extension(self) -> &'static str {
        match self {
            Self::Mp4 => "mp4",
            Self::Webm => "webm",
        }
    }
}

/// Why a clip was not taken.
#[derive(Debug, thiserror::Error)]
pub enum Refusal {
    /// Nothing was sent.
    #[error("empty")]
    Empty,
    /// Its first bytes are not MP4 nor WebM.
    #[error("not a video")]
    NotVideo,
    /// It went past the limit (counted as it arrived).
    #[error("too large")]
    TooLarge,
    /// The upload broke off before its end.
    #[error("interrupted: {0}")]
    Interrupted(String),
    /// The disk or the store failed.
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// A file removed when dropped (if a store has not moved it away).
struct Partial {
    path: PathBuf,
}

impl Drop for Partial {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// A clip received whole into a file beside the store, not stored yet. Dropped, its file goes.
pub struct ReceivedVideo {
    pub kind: VideoKind,
    pub bytes: u64,
    /// The first 12 bytes of its SHA-256, in hex: what its stored name is made of.
    pub stem: String,
    file: Partial,
}

impl ReceivedVideo {
    /// Moves the clip into `store` under `{prefix}/{stem}.{extension}`, and returns that key.
    /// On failure nothing is left behind, here or there.
    pub async fn store(
        self,
        store: &dyn app::media::ObjectStore,
        prefix: &str,
    ) -> Result<String, Refusal> {
        let key = format!("{prefix}/{}.{}", self.stem, self.kind.extension());
        // A store that copies it leaves the file to be removed when `self` goes.
        store.put_file(&key, &self.file.path).await?;
        Ok(key)
    }
}

/// Streams `body` into a new file under `dir`, deciding from its first bytes whether it is a clip
/// the site takes and counting it against `limit` as it arrives.
pub async fn receive<S, E>(mut body: S, dir: &Path, limit: u64) -> Result<ReceivedVideo, Refusal>
where
    S: Stream<Item = Result<Bytes, E>> + Unpin,
    E: std::fmt::Display,
{
    tokio::fs::create_dir_all(dir).await?;
    let file = Partial {
        path: dir.join(format!("upload-{}.part", uuid::Uuid::new_v4())),
    };
    let mut out = tokio::fs::File::create(&file.path).await?;
    let mut head = Vec::with_capacity(HEAD);
    let mut kind = None;
    let mut hash = Sha256::new();
    let mut bytes = 0u64;
    while let Some(chunk) = body.next().await {
        let chunk = chunk.map_err(|e| Refusal::Interrupted(e.to_string()))?;
        bytes += chunk.len() as u64;
        if bytes > limit {
            return Err(Refusal::TooLarge);
        }
        if kind.is_none() {
            let wanted = HEAD - head.len();
            head.extend_from_slice(&chunk[..chunk.len().min(wanted)]);
            if head.len() == HEAD {
                kind = Some(VideoKind::sniff(&head).ok_or(Refusal::NotVideo)?);
            }
        }
        hash.update(&chunk);
        out.write_all(&chunk).await?;
    }
    out.flush().await?;
    out.sync_all().await?;
    drop(out);
    if bytes == 0 {
        return Err(Refusal::Empty);
    }
    // A clip shorter than the head: decided on what there is.
    let kind = match kind {
        Some(kind) => kind,
        None => VideoKind::sniff(&head).ok_or(Refusal::NotVideo)?,
    };
    let stem = hash.finalize()[..12]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    Ok(ReceivedVideo {
        kind,
        bytes,
        stem,
        file,
    })
}

/// Time allowed for one clip's upload: 500 MB at about 1.2 Mbit/s.
pub const VIDEO_UPLOAD_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(3600);

/// Where clips are received before they are stored (a directory beside the media store).
#[derive(Clone)]
pub struct Spool(pub PathBuf);

/// `POST /uploads/videos/{id}/clip`, `…/poster` and `…/captions-{vi|en}`: the plain multipart
/// forms of the video editor (they work without JavaScript), editors only. Each answers with the
/// editor again, saying what was done or, beside the form's file field, why nothing was.
pub fn routes(spool: PathBuf) -> axum::Router<AppState> {
    use axum::extract::DefaultBodyLimit;
    use axum::routing::post;
    axum::Router::new()
        // The clip is counted against its limit as it arrives, so the body is not limited here.
        .route(
            "/uploads/videos/{id}/clip",
            post(upload_clip).layer(DefaultBodyLimit::disable()),
        )
        .route(
            "/uploads/videos/{id}/{what}",
            post(upload_extra).layer(DefaultBodyLimit::max(
                crate::images::MAX_FILE_BYTES + 1024 * 1024,
            )),
        )
        .layer(axum::Extension(Spool(spool)))
}

/// The editor of video `id`, with `outcome` (`done=…`, or `upload=…&error=…`).
fn back(id: i64, outcome: &str) -> Response {
    Redirect::to(&format!("/editor/videos/{id}/edit?{outcome}")).into_response()
}

/// The editor signed in, or the response to send instead (log in first; 403 for a non-editor).
async fn editor_of(
    ctx: &app::server_context::ServerContext,
    headers: &HeaderMap,
    id: i64,
) -> anyhow::Result<Result<i64, Response>> {
    let page = format!("/editor/videos/{id}/edit");
    let user = match crate::uploads::editor_or_answer(ctx, headers, &page).await? {
        Ok(user) => user,
        Err(answer) => return Ok(Err(answer)),
    };
    if app::db::videos::by_id(&ctx.db, id).await?.is_none() {
        return Ok(Err(StatusCode::NOT_FOUND.into_response()));
    }
    Ok(Ok(user.id))
}

async fn upload_clip(
    State(state): State<AppState>,
    UrlPath(id): UrlPath<i64>,
    axum::Extension(spool): axum::Extension<Spool>,
    headers: HeaderMap,
    extensions: Extensions,
    multipart: Multipart,
) -> Response {
    match store_clip(&state, id, &spool.0, (&headers, &extensions), multipart).await {
        Ok(outcome) => outcome,
        Err(e) => {
            tracing::error!("clip upload for video {id} failed: {e:#}");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

async fn store_clip(
    state: &AppState,
    id: i64,
    spool: &Path,
    (headers, extensions): (&HeaderMap, &Extensions),
    mut multipart: Multipart,
) -> anyhow::Result<Response> {
    let ctx = &state.ctx;
    let editor = match editor_of(ctx, headers, id).await? {
        Ok(editor) => editor,
        Err(response) => return Ok(response),
    };
    let refuse = |code: &str| Ok(back(id, &format!("upload=clip&error={code}")));
    if ctx
        .upload_limiter
        .check(app::rate_limit::client_ip_of(extensions))
        .is_err()
    {
        return refuse("too_many_uploads");
    }
    let field = loop {
        match multipart.next_field().await {
            Ok(Some(field)) if field.name() == Some("clip") => break field,
            Ok(Some(_)) => {}
            Ok(None) => return refuse("required"),
            Err(_) => return refuse("upload_interrupted"),
        }
    };
    let mut body = Box::pin(futures_util::stream::unfold(
        field,
        |mut field| async move {
            match field.chunk().await {
                Ok(Some(chunk)) => Some((Ok(chunk), field)),
                Ok(None) => None,
                Err(e) => Some((Err(e), field)),
            }
        },
    ));
    let received = match receive(&mut body, spool, MAX_VIDEO_BYTES).await {
        Ok(received) => received,
        Err(refusal) => {
            let code = match refusal {
                Refusal::Empty => "required",
                Refusal::NotVideo => "not_a_video",
                Refusal::TooLarge => "video_too_large",
                Refusal::Interrupted(_) => "upload_interrupted",
                Refusal::Io(e) => return Err(e.into()),
            };
            // The rest of what the browser sends is read and dropped, so it sees the answer
            // rather than a connection closed under it.
            if matches!(code, "video_too_large" | "not_a_video") {
                while let Some(Ok(_)) = body.next().await {}
            }
            return refuse(code);
        }
    };
    let (media_type, bytes) = (
        match received.kind {
            VideoKind::Mp4 => "video/mp4",
            VideoKind::Webm => "video/webm",
        },
        i64::try_from(received.bytes)?,
    );
    let key = received
        .store(ctx.media.as_ref(), &format!("videos/{id}"))
        .await?;
    let now = app::db::now_ms();
    let upload = app::db::videos::Upload::Clip(&key, media_type, bytes);
    let Some(replaced) = app::db::videos::set_upload(&ctx.db, id, upload, editor, now).await?
    else {
        // The video went while its clip arrived.
        app::db::images::discard_unused(&ctx.db, ctx.media.as_ref(), &[&key]).await?;
        return Ok(StatusCode::NOT_FOUND.into_response());
    };
    discard(ctx, &replaced, &[&key]).await?;
    Ok(back(id, "done=clip"))
}

/// Removes from the store the `replaced` keys no longer in use (except those just `kept`).
async fn discard(
    ctx: &app::server_context::ServerContext,
    replaced: &[String],
    kept: &[&str],
) -> anyhow::Result<()> {
    let old: Vec<&str> = replaced
        .iter()
        .map(String::as_str)
        .filter(|key| !kept.contains(key))
        .collect();
    app::db::images::discard_unused(&ctx.db, ctx.media.as_ref(), &old).await?;
    Ok(())
}

async fn upload_extra(
    State(state): State<AppState>,
    UrlPath((id, what)): UrlPath<(i64, String)>,
    headers: HeaderMap,
    extensions: Extensions,
    multipart: Multipart,
) -> Response {
    let outcome = match what.as_str() {
        "poster" => store_poster(&state, id, (&headers, &extensions), multipart).await,
        "captions-vi" => store_captions(&state, id, "vi", (&headers, &extensions), multipart).await,
        "captions-en" => store_captions(&state, id, "en", (&headers, &extensions), multipart).await,
        _ => return StatusCode::NOT_FOUND.into_response(),
    };
    match outcome {
        Ok(outcome) => outcome,
        Err(e) => {
            tracing::error!("{what} upload for video {id} failed: {e:#}");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// The poster, through the picture pipeline: at display size for the player, and as a
/// thumbnail for lists.
async fn store_poster(
    state: &AppState,
    id: i64,
    (headers, extensions): (&HeaderMap, &Extensions),
    mut multipart: Multipart,
) -> anyhow::Result<Response> {
    use crate::uploads::{NotDecoded, busy, content_stem, one_picture};
    let ctx = &state.ctx;
    let editor = match editor_of(ctx, headers, id).await? {
        Ok(editor) => editor,
        Err(response) => return Ok(response),
    };
    let picture = match one_picture(ctx, &mut multipart, extensions).await? {
        Ok(picture) => picture,
        Err(NotDecoded::Refused(outcome)) => {
            return Ok(back(id, &format!("upload=poster&{outcome}")));
        }
        Err(NotDecoded::Busy) => return Ok(busy()),
    };
    let stem = content_stem(&picture.display);
    let poster = format!("videos/{id}/{stem}_poster.jpg");
    let thumb = format!("videos/{id}/{stem}_thumb.jpg");
    ctx.media.put(&poster, picture.display).await?;
    ctx.media.put(&thumb, picture.thumb).await?;
    let upload = app::db::videos::Upload::Poster(&poster, &thumb);
    let now = app::db::now_ms();
    let Some(replaced) = app::db::videos::set_upload(&ctx.db, id, upload, editor, now).await?
    else {
        return Ok(StatusCode::NOT_FOUND.into_response());
    };
    discard(ctx, &replaced, &[&poster, &thumb]).await?;
    Ok(back(id, "done=poster"))
}

/// Captions in `language`: a WebVTT file (known by its first line), up to 512 KB.
async fn store_captions(
    state: &AppState,
    id: i64,
    language: &str,
    (headers, extensions): (&HeaderMap, &Extensions),
    mut multipart: Multipart,
) -> anyhow::Result<Response> {
    use app::domain::video::{is_webvtt, limits};
    let ctx = &state.ctx;
    let editor = match editor_of(ctx, headers, id).await? {
        Ok(editor) => editor,
        Err(response) => return Ok(response),
    };
    let refuse = |code: &str| {
        Ok(back(
            id,
            &format!("upload=captions-{language}&error={code}"),
        ))
    };
    if ctx
        .upload_limiter
        .check(app::rate_limit::client_ip_of(extensions))
        .is_err()
    {
        return refuse("too_many_uploads");
    }
    let mut text = Vec::new();
    loop {
        let mut field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            // A body over the route's limit, or a broken form.
            Err(_) => return refuse("captions_too_large"),
        };
        if field.name() != Some("captions") {
            continue;
        }
        loop {
            match field.chunk().await {
                Ok(Some(chunk)) if text.len() + chunk.len() > limits::CAPTIONS_BYTES => {
                    return refuse("captions_too_large");
                }
                Ok(Some(chunk)) => text.extend_from_slice(&chunk),
                Ok(None) => break,
                Err(_) => return refuse("upload_interrupted"),
            }
        }
    }
    if text.is_empty() {
        return refuse("required");
    }
    if !is_webvtt(&text) {
        return refuse("not_webvtt");
    }
    let key = format!(
        "videos/{id}/{}.{language}.vtt",
        crate::uploads::content_stem(&text)
    );
    ctx.media.put(&key, text).await?;
    let upload = app::db::videos::Upload::Captions(language, &key);
    let now = app::db::now_ms();
    let Some(replaced) = app::db::videos::set_upload(&ctx.db, id, upload, editor, now).await?
    else {
        return Ok(StatusCode::NOT_FOUND.into_response());
    };
    discard(ctx, &replaced, &[&key]).await?;
    Ok(back(id, "done=captions"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The start of an MP4 file: an `ftyp` box of `brand`, then padding.
    fn mp4(brand: &[u8; 4], len: usize) -> Vec<u8> {
        let mut bytes = vec![0, 0, 0, 0x18];
        bytes.extend_from_slice(b"ftyp");
        bytes.extend_from_slice(brand);
        bytes.resize(len, 7);
        bytes
    }

    /// The start of an EBML file of `doctype`, then padding.
    fn ebml(doctype: &[u8], len: usize) -> Vec<u8> {
        let mut bytes = vec![
            0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82,
        ];
        bytes.push(0x80 | doctype.len() as u8);
        bytes.extend_from_slice(doctype);
        bytes.resize(len, 9);
        bytes
    }

    /// `bytes` as a request body arriving in chunks of `size`, breaking off after `fail_after`
    /// chunks when asked.
    fn chunks(
        bytes: &[u8],
        size: usize,
        fail_after: Option<usize>,
    ) -> impl Stream<Item = Result<Bytes, String>> + Unpin {
        let mut items: Vec<Result<Bytes, String>> = bytes
            .chunks(size)
            .map(|c| Ok(Bytes::copy_from_slice(c)))
            .collect();
        if let Some(n) = fail_after {
            items.truncate(n);
            items.push(Err("connection reset".to_owned()));
        }
        futures_util::stream::iter(items)
    }

    fn dir() -> PathBuf {
        std::env::temp_dir().join(format!("techx-videos-{}", uuid::Uuid::new_v4()))
    }

    fn files_in(dir: &Path) -> usize {
        std::fs::read_dir(dir).map_or(0, |d| d.count())
    }

    #[test]
    fn clips_are_known_by_their_first_bytes() {
        assert_eq!(VideoKind::sniff(&mp4(b"isom", 64)), Some(VideoKind::Mp4));
        assert_eq!(VideoKind::sniff(&mp4(b"mp42", 64)), Some(VideoKind::Mp4));
        assert_eq!(VideoKind::sniff(&ebml(b"webm", 64)), Some(VideoKind::Webm));
        for other in [
            mp4(b"heic", 64),
            mp4(b"avif", 64),
            mp4(b"qt  ", 64),
            ebml(b"matroska", 64),
            b"\x89PNG\r\n\x1a\n".to_vec(),
            b"<html><body>".to_vec(),
            Vec::new(),
        ] {
            assert_eq!(VideoKind::sniff(&other), None, "{other:?}");
        }
    }

    #[tokio::test]
    async fn a_clip_streams_into_a_file_and_then_into_the_store() {
        let dir = dir();
        let clip = mp4(b"isom", 300_000);
        let received = receive(chunks(&clip, 8_192, None), &dir, 1_000_000)
            .await
            .unwrap();
        assert_eq!(received.kind, VideoKind::Mp4);
        assert_eq!(received.bytes, 300_000);
        assert_eq!(received.stem.len(), 24);
        let store = app::media::LocalDir::new(dir.join("media"));
        let key = received.store(&store, "videos").await.unwrap();
        assert!(key.starts_with("videos/") && key.ends_with(".mp4"));
        assert_eq!(std::fs::read(dir.join("media").join(&key)).unwrap(), clip);
        // Only the store holds it now.
        assert_eq!(files_in(&dir), 1);
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[tokio::test]
    async fn a_refused_or_broken_upload_leaves_nothing_behind() {
        let dir = dir();
        let refused = |r: Result<ReceivedVideo, Refusal>| r.err().map(|e| e.to_string());
        let picture = mp4(b"heic", 10_000);
        assert_eq!(
            refused(receive(chunks(&picture, 10, None), &dir, 1_000_000).await).as_deref(),
            Some("not a video")
        );
        let big = ebml(b"webm", 5_000);
        assert_eq!(
            refused(receive(chunks(&big, 1_000, None), &dir, 4_000).await).as_deref(),
            Some("too large")
        );
        let broken = receive(chunks(&big, 1_000, Some(3)), &dir, 1_000_000).await;
        assert!(matches!(broken, Err(Refusal::Interrupted(_))));
        assert!(matches!(
            receive(chunks(&[], 1, None), &dir, 10).await,
            Err(Refusal::Empty)
        ));
        // Received, then dropped before it was stored (the form failed elsewhere).
        drop(
            receive(chunks(&big, 1_000, None), &dir, 1_000_000)
                .await
                .unwrap(),
        );
        assert_eq!(files_in(&dir), 0, "no partial file is left");
        std::fs::remove_dir_all(dir).unwrap();
    }
}
