//! Browser entry point: readies Leptos for the page's islands. The page's loader script
//! (`app::islands`) then hydrates each `<leptos-island>` through the function the `#[island]`
//! macro exported for it; nothing else of the page runs in the browser.

// Re-exported so the islands' exported hydration functions are part of this module.
pub use app::*;

/// Called by the loader once the module is instantiated, before the islands are hydrated.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    leptos::mount::hydrate_islands();
}
