//! Keeps a page render's reactive owner current for the whole of its handler.
//!
//! `leptos_integration_utils` 0.8.9 (the newest 0.8) registers the wasm-chunk preload links of
//! lazy routes *after* awaiting the page's stream, outside `owner.with(…)`: the `<Link>`s go to
//! whichever reactive owner the worker thread last left current. With one request at a time that
//! is the request's own; under load it is another request's, so pages carried other pages' preload
//! hints (a 16.7 KB listing page grew to 496 KB with 3,025 links) or none, with a "leptos_meta
//! component without ServerMetaContext" warning. See docs/PERFORMANCE.md.
//!
//! The page's context function records the request's root owner in a slot carried by the
//! request; this middleware makes that owner current around every poll of the handler, so the
//! late registration lands in the right page. Nothing changes for requests that render no page.

use std::future::{Future, poll_fn};
use std::sync::{Arc, OnceLock};

use axum::extract::Request;
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::Response;
use leptos::prelude::use_context;
use leptos::reactive::owner::{Owner, WeakOwner};

/// Where a page render leaves its root owner for [`keep_render_owner`]. Weak, so the request's
/// parts (which the owner itself holds as context) do not keep the owner alive.
#[derive(Clone, Default)]
pub struct RenderOwner(Arc<OnceLock<WeakOwner>>);

/// Records the current reactive owner as the request's render owner. Called from the context
/// function, which Leptos runs inside the request's root owner.
pub fn record_render_owner() {
    if let (Some(parts), Some(owner)) = (use_context::<Parts>(), Owner::current())
        && let Some(slot) = parts.extensions.get::<RenderOwner>()
    {
        let _ = slot.0.set(owner.downgrade());
    }
}

/// Middleware: gives the request a [`RenderOwner`] slot, then polls the handler with the owner
/// recorded there (once there is one) as the current owner.
pub async fn keep_render_owner(mut req: Request, next: Next) -> Response {
    let slot = RenderOwner::default();
    req.extensions_mut().insert(slot.clone());
    let mut handler = std::pin::pin!(next.run(req));
    poll_fn(move |cx| match slot.0.get().and_then(WeakOwner::upgrade) {
        Some(owner) => owner.with(|| handler.as_mut().poll(cx)),
        None => handler.as_mut().poll(cx),
    })
    .await
}
