//! Public pages as visitors see them, kept for a few seconds.
//!
//! A listing page, a stall page or the home page looks the same to every visitor who is not
//! logged in (for one language and one site address), yet each was rendered afresh for every
//! request: the rendering, not the database, is what a page costs. [`PageCache`] keeps the
//! rendered page for such requests and serves it again while it is fresh:
//!
//! - only `GET /`, `/listings/{slug}`, `/stalls/{slug}` and `/news/{slug}` without a query
//!   string, `/news` with at most a category, a tag and a page (kept under their normal
//!   form; any other query is rendered) and `/statistics` with at most a period, from a
//!   request without a session cookie (anything a logged-in member sees is rendered for them);
//! - only a `200` that sets no cookie, asked for at the site's public address (`--public-url`,
//!   which its canonical links then name; other `Host`s are rendered, so made-up ones cannot
//!   fill the cache); kept per language;
//! - at most `ttl` old, and never across a change made through this server: a member's request
//!   that is not a `GET` or `HEAD` (a form, a server function that writes, an upload) and
//!   succeeds makes everything kept so far stale once answered. Pages are tagged with the
//!   generation read before they rendered, so one rendered while the change ran is discarded
//!   too. A visitor's requests (a log-in, a registration, a log-out without a session, a made-up
//!   session cookie) change nothing a public page shows, so a stream of them cannot keep every
//!   page rendering. Changes that are not requests (a listing expiring, another server process)
//!   show after at most `ttl`.
//! - Only a `200` is kept: a page whose data could not be read answers with the error's status
//!   (a 5xx for the database), so it is rendered again for the next visitor.
//! - The page's script nonce, which its Content-Security-Policy allows, is new for every copy
//!   served: the kept page remembers where the nonce stood and puts a fresh one there.
//! - A kept page is also gzipped once, when a client that takes gzip (every browser) first asks
//!   for it: a copy is the compressed texts with the new nonce between them as stored blocks,
//!   and its checksum, instead of compressing ~40 KB for each request (which costs more than
//!   serving the copy). The render itself goes out that way too.
//! - A copy served counts as a visit, and as a view of its listing, like a render does. The
//!   view count printed on a kept listing page is the one of its render (at most `ttl` old).

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use app::i18n::Locale;
use app::server_context::{CountedListing, ServerContext};
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use futures_util::StreamExt;

/// Largest page kept; bigger ones are served as rendered.
const MAX_PAGE_BYTES: usize = 512 * 1024;

/// How many pages to keep, for how long.
#[derive(Debug, Clone, Copy)]
pub struct PageCacheSettings {
    /// Pages kept at most; 0 keeps none.
    pub entries: usize,
    /// How long a page is served from the cache after its render.
    pub ttl: Duration,
}

impl PageCacheSettings {
    /// Keeps nothing: every page is rendered.
    pub const OFF: Self = Self {
        entries: 0,
        ttl: Duration::ZERO,
    };
}

/// Rendered pages by site address, language and path.
pub struct PageCache {
    settings: PageCacheSettings,
    /// Moves on with every request that may change data.
    generation: AtomicU64,
    pages: Mutex<Pages>,
    ctx: ServerContext,
    /// The only site address pages are kept for.
    public_origin: String,
}

#[derive(Default)]
struct Pages {
    slots: HashMap<String, Slot>,
    /// Counts lookups; a slot's `used` is the count at its last one.
    clock: u64,
}

struct Slot {
    page: Arc<Page>,
    used: u64,
}

/// A part of a kept page's body.
#[derive(Debug, PartialEq)]
enum Piece {
    Text(Bytes),
    /// Where the render's nonce stood.
    Nonce,
}

impl Piece {
    /// What the piece stands for in a body served with `nonce`.
    fn bytes<'a>(&'a self, nonce: &'a [u8]) -> &'a [u8] {
        match self {
            Piece::Text(text) => text,
            Piece::Nonce => nonce,
        }
    }
}

/// A rendered page, with the places its nonce stood.
struct Page {
    generation: u64,
    rendered_at: Instant,
    status: StatusCode,
    headers: HeaderMap,
    /// The Content-Security-Policy around its nonce.
    policy: Option<(String, String)>,
    /// The body as rendered, in the frames it came in, with the nonce's places marked.
    pieces: Vec<Piece>,
    /// The same body gzipped, each text on its own (see [`deflate`]), for clients that take
    /// gzip: served as is, with stored blocks for the nonce, instead of compressed per request.
    /// Made when first asked for.
    gzipped: std::sync::OnceLock<Option<Vec<Piece>>>,
    /// The listing whose view the render counted.
    listing: Option<i64>,
}

impl Page {
    /// The gzipped texts, made on first use; `None` if the compressor failed.
    fn gzipped(&self) -> Option<&[Piece]> {
        self.gzipped
            .get_or_init(|| deflate(&self.pieces))
            .as_deref()
    }

    /// The page with `nonce` in its places, gzipped if `gzip` (and the compressor did not fail).
    fn response(&self, nonce: &str, gzip: bool) -> Response {
        let gzipped = self.gzipped().filter(|_| gzip);
        let body = match gzipped {
            Some(deflated) => gzip_member(deflated, &self.pieces, nonce.as_bytes()),
            None => join(&self.pieces, nonce.as_bytes()),
        };
        let mut response = Response::new(Body::from(body));
        *response.status_mut() = self.status;
        *response.headers_mut() = self.headers.clone();
        if gzipped.is_some() {
            let headers = response.headers_mut();
            headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
            headers.append(header::VARY, HeaderValue::from_static("accept-encoding"));
        }
        if let Some((before, after)) = &self.policy
            && let Ok(value) = HeaderValue::from_str(&format!("{before}{nonce}{after}"))
        {
            response
                .headers_mut()
                .insert(header::CONTENT_SECURITY_POLICY, value);
        }
        response
    }
}

impl PageCache {
    /// A cache serving pages rendered with `ctx` (to count the visits it serves).
    pub fn new(settings: PageCacheSettings, ctx: ServerContext) -> Arc<Self> {
        Arc::new(Self {
            settings,
            generation: AtomicU64::new(0),
            pages: Mutex::default(),
            public_origin: origin_of(&ctx.public_url),
            ctx,
        })
    }

    /// `pieces` holding no more memory than their text: a frame of the render is a slice of its
    /// buffer, often twice as large.
    fn compact(pieces: Vec<Piece>) -> Vec<Piece> {
        pieces
            .into_iter()
            .map(|piece| match piece {
                Piece::Text(text) => Piece::Text(Bytes::copy_from_slice(&text)),
                piece => piece,
            })
            .collect()
    }

    fn enabled(&self) -> bool {
        self.settings.entries > 0 && !self.settings.ttl.is_zero()
    }

    /// Whether a request with `cookie` came from a logged-in member (a session that still holds
    /// once answered: a log-out changes no public page). When the database cannot tell, it did.
    async fn made_by_a_member(&self, cookie: Option<&str>) -> bool {
        !matches!(
            app::session::authenticate(&self.ctx.db, cookie).await,
            Ok(None)
        )
    }

    /// Makes every page kept so far stale.
    pub fn invalidate(&self) {
        self.generation.fetch_add(1, Ordering::SeqCst);
    }

    fn is_fresh(&self, page: &Page) -> bool {
        page.generation == self.generation.load(Ordering::SeqCst)
            && page.rendered_at.elapsed() < self.settings.ttl
    }

    /// The page kept under `key`, if it is fresh.
    fn fresh(&self, key: &str) -> Option<Arc<Page>> {
        let mut pages = self.pages.lock().unwrap_or_else(|e| e.into_inner());
        pages.clock += 1;
        let now = pages.clock;
        let slot = pages.slots.get_mut(key)?;
        if !self.is_fresh(&slot.page) {
            pages.slots.remove(key);
            return None;
        }
        slot.used = now;
        Some(Arc::clone(&slot.page))
    }

    /// Keeps `page` under `key`, unless it is stale already (data changed while it rendered).
    fn keep(&self, key: String, page: Arc<Page>) {
        let mut pages = self.pages.lock().unwrap_or_else(|e| e.into_inner());
        if !self.is_fresh(&page) {
            return;
        }
        if pages.slots.len() >= self.settings.entries && !pages.slots.contains_key(&key) {
            // Stale pages out first, then the least recently served.
            pages.slots.retain(|_, slot| self.is_fresh(&slot.page));
            if pages.slots.len() >= self.settings.entries
                && let Some(oldest) = pages
                    .slots
                    .iter()
                    .min_by_key(|(_, slot)| slot.used)
                    .map(|(key, _)| key.clone())
            {
                pages.slots.remove(&oldest);
            }
        }
        pages.clock += 1;
        let used = pages.clock;
        pages.slots.insert(key, Slot { page, used });
    }

    /// A copy of `page` with a nonce of its own, gzipped if `gzip`; counts the visit.
    fn serve(&self, page: &Page, gzip: bool) -> Response {
        self.ctx.visits.record();
        if let Some(id) = page.listing {
            self.ctx.listing_views.record(id);
        }
        page.response(&leptos::nonce::Nonce::new(), gzip)
    }
}

/// The page's text with `nonce` in its places.
fn join(pieces: &[Piece], nonce: &[u8]) -> Vec<u8> {
    pieces
        .iter()
        .map(|piece| piece.bytes(nonce))
        .collect::<Vec<_>>()
        .concat()
}

/// `pieces` as one raw deflate stream whose nonces are left out, to be written as stored blocks
/// ([`gzip_member`]). Before each nonce a full flush ends the compressed data on a byte boundary
/// and forgets it, so nothing after the nonce refers back across it. `None` if the compressor
/// fails, or the body does not end with text.
fn deflate(pieces: &[Piece]) -> Option<Vec<Piece>> {
    use flate2::{Compress, Compression, FlushCompress};
    if !matches!(pieces.last(), Some(Piece::Text(_))) {
        return None;
    }
    let mut compress = Compress::new(Compression::default(), false);
    let mut deflated = Vec::with_capacity(pieces.len());
    for (i, piece) in pieces.iter().enumerate() {
        let Piece::Text(text) = piece else {
            deflated.push(Piece::Nonce);
            continue;
        };
        let flush = match pieces.get(i + 1) {
            None => FlushCompress::Finish,
            Some(Piece::Nonce) => FlushCompress::Full,
            Some(Piece::Text(_)) => FlushCompress::None,
        };
        let mut text = deflate_text(&mut compress, text, flush)?;
        text.shrink_to_fit();
        deflated.push(Piece::Text(Bytes::from(text)));
    }
    Some(deflated)
}

/// Compresses `input` and applies `flush`; what the compressor holds back for lack of a flush
/// comes out with a later text.
fn deflate_text(
    compress: &mut flate2::Compress,
    mut input: &[u8],
    flush: flate2::FlushCompress,
) -> Option<Vec<u8>> {
    use flate2::{FlushCompress, Status};
    let mut out = Vec::with_capacity(input.len() / 3 + 64);
    loop {
        if out.len() == out.capacity() {
            out.reserve(out.capacity().max(1024));
        }
        let (read, written) = (compress.total_in(), compress.total_out());
        let status = compress.compress_vec(input, &mut out, flush).ok()?;
        input = &input[usize::try_from(compress.total_in() - read).ok()?..];
        let room_left = out.len() < out.capacity();
        match flush {
            FlushCompress::Finish if status == Status::StreamEnd => return Some(out),
            FlushCompress::Finish => {}
            _ if input.is_empty() && room_left => return Some(out),
            _ => {}
        }
        if room_left && compress.total_in() == read && compress.total_out() == written {
            return None;
        }
    }
}

/// A gzip file of the page: its `deflated` texts with `nonce` as stored blocks between them.
fn gzip_member(deflated: &[Piece], pieces: &[Piece], nonce: &[u8]) -> Vec<u8> {
    let mut crc = crc32fast::Hasher::new();
    let mut size = 0u32;
    for bytes in pieces.iter().map(|piece| piece.bytes(nonce)) {
        crc.update(bytes);
        // ISIZE is the length modulo 2^32.
        size = size.wrapping_add(bytes.len() as u32);
    }
    let stored = u16::try_from(nonce.len()).unwrap_or(u16::MAX);
    let mut out = Vec::with_capacity(
        18 + deflated
            .iter()
            .map(|piece| match piece {
                Piece::Text(text) => text.len(),
                Piece::Nonce => 5 + nonce.len(),
            })
            .sum::<usize>(),
    );
    // Magic, deflate, no flags, no time, no extra flags, unknown system.
    out.extend_from_slice(&[0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
    for piece in deflated {
        match piece {
            Piece::Text(text) => out.extend_from_slice(text),
            Piece::Nonce => {
                // A stored block, not the last: its header bits padded to a byte, LEN, NLEN.
                out.push(0);
                out.extend_from_slice(&stored.to_le_bytes());
                out.extend_from_slice(&(!stored).to_le_bytes());
                out.extend_from_slice(&nonce[..usize::from(stored)]);
            }
        }
    }
    out.extend_from_slice(&crc.finalize().to_le_bytes());
    out.extend_from_slice(&size.to_le_bytes());
    out
}

/// Whether the client takes gzip (`Accept-Encoding`, not with `q=0`).
fn accepts_gzip(headers: &HeaderMap) -> bool {
    headers
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .any(|item| {
            let mut params = item.split(';');
            let name = params.next().unwrap_or_default().trim();
            let refused = params.any(|param| {
                param
                    .trim()
                    .strip_prefix("q=")
                    .and_then(|q| q.trim().parse::<f32>().ok())
                    .is_some_and(|q| q <= 0.0)
            });
            (name.eq_ignore_ascii_case("gzip") || name.eq_ignore_ascii_case("x-gzip")) && !refused
        })
}

/// `scheme://host[:port]` of `url`.
pub(crate) fn origin_of(url: &str) -> String {
    let (scheme, rest) = url.split_once("://").unwrap_or(("http", url));
    let host = rest.split('/').next().unwrap_or_default();
    format!("{scheme}://{host}")
}

/// The cache key of a request whose page may be kept, or `None`. Pages are kept for the site's
/// public address only (`public_origin`, which canonical links then name): other `Host`s are
/// rendered, so made-up ones cannot fill the cache.
fn key_of(req: &Request, public_origin: &str) -> Option<String> {
    if req.method() != Method::GET {
        return None;
    }
    let path = req.uri().path();
    let query = match (path, req.uri().query()) {
        ("/news", query) => news_query(query.unwrap_or(""))?,
        ("/statistics", Some(query)) => match query {
            "period=12m" | "period=36m" | "period=all" => format!("?{query}"),
            _ => return None,
        },
        (_, Some(_)) => return None,
        (_, None) => String::new(),
    };
    let public = path == "/"
        || path == "/news"
        || path == "/statistics"
        || ["/listings/", "/stalls/", "/news/"].iter().any(|prefix| {
            path.strip_prefix(prefix)
                .is_some_and(|slug| !slug.is_empty() && !slug.contains('/'))
        });
    if !public || app::seo::origin_from_headers(req.headers()) != public_origin {
        return None;
    }
    // The render reads the first `Cookie` header only (language, session): a request with
    // several, or one that is not text, is rendered rather than risk keying it differently.
    let mut cookies = req.headers().get_all(header::COOKIE).iter();
    let cookie = match (cookies.next(), cookies.next()) {
        (None, _) => "",
        (Some(cookie), None) => cookie.to_str().ok()?,
        (Some(_), Some(_)) => return None,
    };
    if app::session::token_from_cookie_header(cookie).is_some() {
        return None;
    }
    let locale = Locale::from_cookie_header(cookie);
    Some(format!("{} {path}{query}", locale.code()))
}

/// The normal form (`?category=…&tag=…&page=…`, empty for none) of a `/news` query holding
/// nothing but a category, a tag and a page, each once and well formed; `None` otherwise.
fn news_query(query: &str) -> Option<String> {
    let (mut category, mut tag, mut page) = (None, None, None);
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (name, value) = pair.split_once('=')?;
        let slot = match name {
            "category" => &mut category,
            "tag" => &mut tag,
            "page" => &mut page,
            _ => return None,
        };
        let well_formed = if name == "page" {
            (1..=6).contains(&value.len()) && value.bytes().all(|b| b.is_ascii_digit())
        } else {
            app::domain::Slug::parse(value).is_ok()
        };
        if !well_formed || slot.replace(value).is_some() {
            return None;
        }
    }
    let parts: Vec<String> = [("category", category), ("tag", tag), ("page", page)]
        .into_iter()
        .filter_map(|(name, value)| value.map(|v| format!("{name}={v}")))
        .collect();
    Some(if parts.is_empty() {
        String::new()
    } else {
        format!("?{}", parts.join("&"))
    })
}

/// The nonce a Content-Security-Policy allows scripts by, and the policy around it.
fn split_policy(policy: &str) -> Option<(&str, &str, &str)> {
    const MARK: &str = "'nonce-";
    let start = policy.find(MARK)? + MARK.len();
    let len = policy[start..].find('\'')?;
    Some((
        &policy[..start],
        &policy[start..start + len],
        &policy[start + len..],
    ))
}

/// `frames` with every occurrence of `nonce` marked, or `None` if one spans frames.
fn pieces(frames: &[Bytes], nonce: &[u8]) -> Option<Vec<Piece>> {
    if nonce.is_empty() {
        return None;
    }
    let mut pieces = Vec::new();
    // The last `nonce.len() - 1` bytes before this frame, however many frames they came in.
    let mut before: Vec<u8> = Vec::new();
    for frame in frames {
        let mut seam = before.clone();
        seam.extend_from_slice(&frame[..frame.len().min(nonce.len() - 1)]);
        if seam.windows(nonce.len()).any(|w| w == nonce) {
            return None;
        }
        if frame.len() >= nonce.len() - 1 {
            before = frame[frame.len() - (nonce.len() - 1)..].to_vec();
        } else {
            before.extend_from_slice(frame);
            before.drain(..before.len().saturating_sub(nonce.len() - 1));
        }
        let (mut start, mut at) = (0, 0);
        while at + nonce.len() <= frame.len() {
            if frame[at..].starts_with(nonce) {
                pieces.push(Piece::Text(frame.slice(start..at)));
                pieces.push(Piece::Nonce);
                at += nonce.len();
                start = at;
            } else {
                at += 1;
            }
        }
        pieces.push(Piece::Text(frame.slice(start..)));
    }
    Some(pieces)
}

/// Middleware: serves kept pages to visitors, keeps the ones it renders for them, and makes
/// them stale whenever a request may change data.
pub async fn serve_or_keep(
    State(cache): State<Arc<PageCache>>,
    mut req: Request,
    next: Next,
) -> Response {
    if !cache.enabled() {
        return next.run(req).await;
    }
    if !matches!(*req.method(), Method::GET | Method::HEAD) {
        // Pages are tagged with the generation read before they rendered, so moving it on once
        // the change is committed (answered) also discards pages rendered while it ran. A
        // refused request changed nothing, nor did a visitor's.
        let cookie = req
            .headers()
            .get(header::COOKIE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let response = next.run(req).await;
        if (response.status().is_success() || response.status().is_redirection())
            && cache.made_by_a_member(cookie.as_deref()).await
        {
            cache.invalidate();
        }
        return response;
    }
    let Some(key) = key_of(&req, &cache.public_origin) else {
        return next.run(req).await;
    };
    let gzip = accepts_gzip(req.headers());
    if let Some(page) = cache.fresh(&key) {
        return cache.serve(&page, gzip);
    }
    let generation = cache.generation.load(Ordering::SeqCst);
    let rendered_at = Instant::now();
    let counted = CountedListing::default();
    req.extensions_mut().insert(counted.clone());
    let response = next.run(req).await;
    if response.status() != StatusCode::OK || response.headers().contains_key(header::SET_COOKIE) {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let mut frames = body.into_data_stream();
    let mut read = Vec::new();
    let mut len = 0;
    while let Some(frame) = frames.next().await {
        match frame {
            Ok(frame) if len + frame.len() <= MAX_PAGE_BYTES => {
                len += frame.len();
                read.push(frame);
            }
            // Too big to keep, or the render failed midway: the page as rendered.
            other => {
                tracing::debug!(path = %key, "page not kept");
                let read = futures_util::stream::iter(read.into_iter().map(Ok).chain([other]));
                return Response::from_parts(parts, Body::from_stream(read.chain(frames)));
            }
        }
    }
    parts.headers.remove(header::CONTENT_LENGTH);
    let policy = parts
        .headers
        .get(header::CONTENT_SECURITY_POLICY)
        .and_then(|v| v.to_str().ok())
        .and_then(split_policy);
    let kept = match policy {
        Some((before, nonce, after)) => pieces(&read, nonce.as_bytes()).map(|pieces| {
            let policy = (before.to_owned(), after.to_owned());
            (Some(policy), pieces, nonce.to_owned())
        }),
        None => Some((
            None,
            read.iter().cloned().map(Piece::Text).collect(),
            String::new(),
        )),
    };
    let Some((policy, pieces, nonce)) = kept else {
        let body = futures_util::stream::iter(read.into_iter().map(Ok::<_, axum::Error>));
        return Response::from_parts(parts, Body::from_stream(body));
    };
    let page = Arc::new(Page {
        generation,
        rendered_at,
        status: parts.status,
        headers: parts.headers,
        policy,
        gzipped: std::sync::OnceLock::new(),
        pieces: PageCache::compact(pieces),
        listing: counted.get(),
    });
    cache.keep(key, Arc::clone(&page));
    // This render's answer, gzipped from the copy if the client takes it (rather than compressed
    // again by the response layer), with the nonce it was rendered with.
    page.response(&nonce, gzip)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &'static str) -> Piece {
        Piece::Text(Bytes::from_static(s.as_bytes()))
    }

    #[test]
    fn the_nonce_is_marked_in_every_frame() {
        let frames = [
            Bytes::from_static(b"<script nonce=\"N0\">a</script><p>N0</p>"),
            Bytes::from_static(b"<link>"),
            Bytes::from_static(b"N0"),
        ];
        assert_eq!(
            pieces(&frames, b"N0").unwrap(),
            [
                text("<script nonce=\""),
                Piece::Nonce,
                text("\">a</script><p>"),
                Piece::Nonce,
                text("</p>"),
                text("<link>"),
                text(""),
                Piece::Nonce,
                text(""),
            ]
        );
        assert_eq!(
            pieces(&[Bytes::from_static(b"plain")], b"N0").unwrap(),
            [text("plain")]
        );
    }

    #[test]
    fn a_nonce_across_two_frames_keeps_nothing() {
        let frames = [Bytes::from_static(b"<p>N"), Bytes::from_static(b"0</p>")];
        assert_eq!(pieces(&frames, b"N0"), None);
        let frames = [Bytes::from_static(b"<p>N"), Bytes::from_static(b"1</p>")];
        assert!(pieces(&frames, b"N0").is_some());
    }

    #[test]
    fn the_policy_is_split_around_its_nonce() {
        let policy = "default-src 'self'; script-src 'nonce-abc_-9' 'strict-dynamic'";
        assert_eq!(
            split_policy(policy),
            Some((
                "default-src 'self'; script-src 'nonce-",
                "abc_-9",
                "' 'strict-dynamic'"
            ))
        );
        assert_eq!(split_policy("default-src 'self'"), None);
    }

    fn gunzip(bytes: &[u8]) -> Vec<u8> {
        use std::io::Read;
        let mut out = Vec::new();
        // One member, read strictly: a bad CRC or length is an error.
        flate2::read::GzDecoder::new(bytes)
            .read_to_end(&mut out)
            .unwrap();
        out
    }

    #[test]
    fn a_kept_page_gzips_with_any_nonce_in_its_places() {
        let head = "<!DOCTYPE html><html><head><script nonce=\"".repeat(3);
        let frames = [
            Bytes::from(format!("{head}OLDNONCE\">x</script>")),
            Bytes::from_static(b"<link rel=stylesheet href=/pkg/a.css>".as_slice()),
            Bytes::from(format!(
                "<p>{}</p><script nonce=\"OLDNONCE\"></script>",
                "Máy kéo ".repeat(500)
            )),
        ];
        let pieces = pieces(&frames, b"OLDNONCE").unwrap();
        let deflated = deflate(&pieces).unwrap();
        for nonce in [b"NEW-nonce_22_chars_abc".as_slice(), b"x"] {
            let page = gunzip(&gzip_member(&deflated, &pieces, nonce));
            assert_eq!(page, join(&pieces, nonce));
            let page = String::from_utf8(page).unwrap();
            assert!(page.contains(&format!("nonce=\"{}\">x", String::from_utf8_lossy(nonce))));
            assert!(!page.contains("OLDNONCE"));
        }
        let plain = [Piece::Text(Bytes::from_static(b"plain"))];
        assert_eq!(
            gunzip(&gzip_member(&deflate(&plain).unwrap(), &plain, b"n")),
            b"plain"
        );
    }

    #[test]
    fn gzip_is_taken_unless_refused() {
        let accepts = |value: &str| {
            let mut headers = HeaderMap::new();
            headers.insert(
                header::ACCEPT_ENCODING,
                HeaderValue::from_str(value).unwrap(),
            );
            accepts_gzip(&headers)
        };
        assert!(accepts("gzip, deflate, br, zstd"));
        assert!(accepts("br;q=1.0, GZIP;q=0.5"));
        assert!(!accepts("br"));
        assert!(!accepts("gzip;q=0, br"));
        assert!(!accepts("identity"));
        assert!(!accepts_gzip(&HeaderMap::new()));
    }

    fn request(path: &str, cookie: Option<&str>) -> Request {
        let mut builder = Request::builder()
            .uri(path)
            .header(header::HOST, "techx.example");
        if let Some(cookie) = cookie {
            builder = builder.header(header::COOKIE, cookie);
        }
        builder.body(Body::empty()).unwrap()
    }

    #[test]
    fn only_public_pages_of_visitors_at_the_public_address_are_kept() {
        let key = |req: &Request| key_of(req, "http://techx.example");
        assert_eq!(
            key(&request("/listings/may-say", None)).as_deref(),
            Some("vi /listings/may-say")
        );
        let english = format!("{}=en", app::i18n::LANG_COOKIE);
        assert_eq!(
            key(&request("/stalls/abc", Some(&english))).as_deref(),
            Some("en /stalls/abc")
        );
        assert!(key(&request("/", None)).is_some());
        assert_eq!(
            key(&request("/news/hoi-cho", None)).as_deref(),
            Some("vi /news/hoi-cho")
        );
        // The news list's own filters, in their normal order; nothing else.
        assert_eq!(
            key(&request("/news?page=3&category=khoi-nghiep", None)).as_deref(),
            Some("vi /news?category=khoi-nghiep&page=3")
        );
        assert_eq!(key(&request("/news", None)).as_deref(), Some("vi /news"));
        assert_eq!(
            key(&request("/statistics?period=all", None)).as_deref(),
            Some("vi /statistics?period=all")
        );
        assert_eq!(key(&request("/statistics?period=9y", None)), None);
        for path in [
            "/news?utm=x",
            "/news?page=1&page=2",
            "/news?page=abc",
            "/news?tag=C%C3%B3",
            "/news?page=1234567",
            "/news/a/b",
        ] {
            assert_eq!(key(&request(path, None)), None, "{path}");
        }
        for path in [
            "/listings/",
            "/listings/a/b",
            "/offers",
            "/search",
            "/account",
            "/listings/a?x=1",
        ] {
            assert_eq!(key(&request(path, None)), None, "{path}");
        }
        assert_eq!(
            key(&request("/listings/a", Some("techx_session=secret"))),
            None
        );
        assert!(key(&request("/listings/a", Some("techx_session="))).is_some());
        assert_eq!(
            key_of(&request("/listings/a", None), "https://techx.example"),
            None
        );
        // Two `Cookie` headers: the render would read the first only.
        let mut two = request("/listings/a", Some("x=1"));
        two.headers_mut()
            .append(header::COOKIE, HeaderValue::from_str(&english).unwrap());
        assert_eq!(key(&two), None);
    }

    #[test]
    fn a_nonce_spread_over_short_frames_keeps_nothing() {
        let frames = [
            Bytes::from_static(b"<p>NO"),
            Bytes::from_static(b"N"),
            Bytes::from_static(b"CE</p>"),
        ];
        assert_eq!(pieces(&frames, b"NONCE"), None);
        assert!(pieces(&frames, b"NONCF").is_some());
    }

    #[test]
    fn origins_of_public_urls() {
        assert_eq!(origin_of("https://techx.example"), "https://techx.example");
        assert_eq!(origin_of("http://127.0.0.1:3000/"), "http://127.0.0.1:3000");
    }
}
