//! Preload hints for the wasm modules of a page's lazy routes, rendered once per set of routes.
//!
//! Built with `--split`, each lazy route has a wasm module of its own plus the chunks it shares
//! with other routes (the listing page needs about 200). `leptos_integration_utils` 0.8.9 builds
//! and escapes a `<Link>` component for each of them on every request, and registers them after
//! the page's stream was awaited, outside the request's reactive owner (under load they landed in
//! other requests' pages).
//!
//! Instead, the page's context function gives the render a set of its own to record the lazy
//! routes in ([`collect_lazy_routes`]: `leptos::PrefetchLazyFn` provided again in the request's
//! root owner replaces the crate's, which then stays empty and renders nothing), and
//! [`insert_preloads`] puts the same links after the head's `<!--HEAD-->` marker, from a string
//! built once per set of routes and shared by every later page that needs the same modules.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::{Arc, OnceLock, RwLock};

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::header;
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::Response;
use futures_util::StreamExt;
use leptos::PrefetchLazyFn;
use leptos::prelude::{ReadValue, provide_context, use_context};

/// Where the head's own meta tags go; the preloads follow it.
const HEAD_MARKER: &[u8] = b"<!--HEAD-->";

/// The split build's manifest (which modules each lazy route needs) and the links made from it.
pub struct Preloads {
    /// Lazy route name → the wasm modules it needs (file names without `.wasm`).
    modules: HashMap<String, Vec<String>>,
    /// The split loader's script, preloaded as a module once any route needs one.
    loader: String,
    /// The links for each set of routes seen so far.
    rendered: RwLock<HashMap<Vec<&'static str>, Bytes>>,
}

impl Preloads {
    /// Reads the manifest cargo-leptos left in `site_root/pkg` for a `--split` build, with the
    /// hashed names listed in `hash.txt` beside the executable when assets are hashed (as Leptos
    /// finds them); `None` when the build is not split (tests, `cargo build`).
    pub fn load(site_root: &Path, hash_files: bool) -> Option<Arc<Self>> {
        let (mut manifest, mut loader) = (
            "__wasm_split_manifest.json".to_owned(),
            "__wasm_split.______________________.js".to_owned(),
        );
        if hash_files {
            let exe = std::env::current_exe().ok()?;
            let hashes = std::fs::read_to_string(exe.parent()?.join("hash.txt")).ok()?;
            for (file, hash) in hashes.lines().filter_map(|line| line.split_once(':')) {
                match file.trim() {
                    "manifest" => manifest = format!("__wasm_split_manifest.{}.json", hash.trim()),
                    "split" => loader = format!("__wasm_split.{}.js", hash.trim()),
                    _ => {}
                }
            }
        }
        let text = std::fs::read_to_string(site_root.join("pkg").join(manifest)).ok()?;
        let modules = match serde_json::from_str(&text) {
            Ok(modules) => modules,
            Err(error) => {
                tracing::error!(%error, "the wasm split manifest cannot be read: no preload hints");
                return None;
            }
        };
        Some(Arc::new(Self {
            modules,
            loader,
            rendered: RwLock::default(),
        }))
    }

    /// Whether `bytes` are one of the sets of links given out (not a copy): pages kept as
    /// rendered keep sharing them instead of holding a copy each.
    pub fn shares(&self, bytes: &Bytes) -> bool {
        self.rendered.read().is_ok_and(|rendered| {
            rendered
                .values()
                .any(|links| links.as_ptr() == bytes.as_ptr() && links.len() == bytes.len())
        })
    }

    /// The `<link>`s for `routes` (sorted), or `None` when the manifest names none of them.
    fn links(&self, routes: Vec<&'static str>) -> Option<Bytes> {
        if let Some(links) = self.rendered.read().ok()?.get(&routes) {
            return Some(links.clone());
        }
        let mut seen = HashSet::new();
        let mut html = String::new();
        for module in routes
            .iter()
            .filter_map(|route| self.modules.get(*route))
            .flatten()
        {
            if seen.insert(module) {
                // `crossorigin`: the loader fetches in CORS mode, and a preload only serves a
                // request made in the same mode.
                html.push_str(&format!(
                    r#"<link rel="preload" href="/pkg/{module}.wasm" as="fetch" type="application/wasm" crossorigin>"#
                ));
            }
        }
        if html.is_empty() {
            return None;
        }
        html.push_str(&format!(
            r#"<link rel="modulepreload" href="/pkg/{}" crossorigin>"#,
            self.loader
        ));
        let links = Bytes::from(html);
        if let Ok(mut rendered) = self.rendered.write() {
            rendered.insert(routes, links.clone());
        }
        Some(links)
    }
}

/// The lazy routes one page render asked for, carried by its request.
#[derive(Clone, Default)]
struct LazyRoutes(Arc<OnceLock<PrefetchLazyFn>>);

/// Records the lazy routes of the page being rendered for [`insert_preloads`]. Called from the
/// context function, which Leptos runs inside the request's root owner before the app.
pub fn collect_lazy_routes() {
    let routes = PrefetchLazyFn::default();
    provide_context(routes.clone());
    if let Some(parts) = use_context::<Parts>()
        && let Some(slot) = parts.extensions.get::<LazyRoutes>()
    {
        let _ = slot.0.set(routes);
    }
}

/// Middleware: after a page is rendered, puts the preload links of its lazy routes into its head.
/// Other responses pass untouched.
pub async fn insert_preloads(
    State(preloads): State<Option<Arc<Preloads>>>,
    mut req: Request,
    next: Next,
) -> Response {
    let Some(preloads) = preloads else {
        return next.run(req).await;
    };
    let slot = LazyRoutes::default();
    req.extensions_mut().insert(slot.clone());
    let response = next.run(req).await;
    // The render is over once the page handler answered: its routes are all recorded.
    let routes: Option<Vec<&'static str>> = slot.0.get().and_then(|routes| {
        let mut routes: Vec<_> = routes.0.try_read_value()?.iter().copied().collect();
        routes.sort_unstable();
        Some(routes)
    });
    let Some(links) = routes
        .filter(|routes| !routes.is_empty())
        .and_then(|routes| preloads.links(routes))
    else {
        return response;
    };
    let (mut parts, body) = response.into_parts();
    let mut frames = body.into_data_stream();
    // Leptos sends the head in its first frame.
    let head = match frames.next().await {
        Some(Ok(first)) => match first
            .windows(HEAD_MARKER.len())
            .position(|window| window == HEAD_MARKER)
        {
            Some(at) => {
                let at = at + HEAD_MARKER.len();
                vec![Ok(first.slice(..at)), Ok(links), Ok(first.slice(at..))]
            }
            None => vec![Ok(first)],
        },
        Some(Err(error)) => vec![Err(error)],
        None => Vec::new(),
    };
    parts.headers.remove(header::CONTENT_LENGTH);
    let body = futures_util::stream::iter(head).chain(frames);
    Response::from_parts(parts, Body::from_stream(body))
}
