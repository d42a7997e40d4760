//! Browser entry point: hydrates the server-rendered page and nothing else.

// The whole app's view type is nested deeply; hydrating it asynchronously needs a higher limit.
#![recursion_limit = "256"]

/// Called by the hydration script that the server puts in every page. Lazy routes (pages whose
/// view is a separate wasm chunk) need the asynchronous hydration, which waits for the chunk.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    leptos::mount::hydrate_lazy(app::App);
}
