//! Everything of techx that runs in the browser.
//!
//! Pages render on the server only (Leptos islands mode): an `#[island]` is the one kind of
//! component whose code is compiled into the wasm module, hydrated where the server put it and
//! given its props as JSON; whatever it takes as `children` is rendered on the server and never
//! reaches the browser as code. So the module grows with interactivity, not with pages, and a
//! page without an island loads no wasm at all (see [`PageScripts`]).

pub mod auction;
pub mod bell;
pub mod chart_tips;
pub mod door;
#[cfg(feature = "hydrate")]
mod http;
pub mod push;
pub mod search_words;
pub mod upload;

/// The form `ev` submits, with its default submission stopped so an island can send it itself;
/// `None` (and the browser submits as usual) when the event came from elsewhere.
#[cfg(feature = "hydrate")]
pub fn take_submission(ev: &leptos::ev::SubmitEvent) -> Option<web_sys::HtmlFormElement> {
    use wasm_bindgen::JsCast;
    let form = ev.target()?.dyn_into::<web_sys::HtmlFormElement>().ok()?;
    ev.prevent_default();
    Some(form)
}

/// Runs `then` once every island of the page is hydrated: at once if they are, or when the loader
/// says so. An island whose live state its nested islands also read must not change it before
/// those hydrate, each from the server's HTML of the state as rendered: nested islands hydrate
/// one after the other, each once its code has arrived.
#[cfg(feature = "hydrate")]
pub fn when_hydrated(then: impl FnOnce() + 'static) {
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;

    let document = leptos::prelude::document();
    if document
        .body()
        .is_some_and(|body| body.has_attribute("data-hydrated"))
    {
        then();
        return;
    }
    let listener = Closure::once_into_js(then);
    let options = web_sys::AddEventListenerOptions::new();
    options.set_once(true);
    let _ = document.add_event_listener_with_callback_and_add_event_listener_options(
        "islands-hydrated",
        listener.unchecked_ref(),
        &options,
    );
}

/// The page's one script, in `<head>`: registers the service worker and, on a page with islands,
/// loads the wasm module and hydrates them (`loader.js`), marking `<body data-hydrated>` when
/// done.
#[cfg(feature = "ssr")]
#[leptos::component]
pub fn PageScripts(options: leptos::config::LeptosOptions) -> impl leptos::IntoView {
    use leptos::prelude::*;

    const SERVICE_WORKER: &str = "if('serviceWorker' in navigator){addEventListener('load',function(){navigator.serviceWorker.register('/sw.js').catch(function(){})})}";
    let (js, wasm) = module_paths(&options);
    // The loader's comments stay in the repository.
    let loader = include_str!("islands/loader.js")
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    let script = format!("{SERVICE_WORKER};{loader}({js:?},{wasm:?});");
    view! { <script type="module" nonce=leptos::nonce::use_nonce()>{script}</script> }
}

/// Where the browser finds the module's JavaScript glue and its wasm: the hashed names
/// cargo-leptos wrote to `hash.txt` beside the executable when it hashed them, the plain ones
/// otherwise. Read once per process.
#[cfg(feature = "ssr")]
fn module_paths(options: &leptos::config::LeptosOptions) -> (String, String) {
    use std::sync::OnceLock;
    static PATHS: OnceLock<(String, String)> = OnceLock::new();
    PATHS
        .get_or_init(|| {
            let (name, pkg) = (&options.output_name, &options.site_pkg_dir);
            let (mut js, mut wasm) = (format!("{name}.js"), format!("{name}.wasm"));
            if options.hash_files
                && let Some(hashes) = std::env::current_exe().ok().and_then(|exe| {
                    std::fs::read_to_string(exe.with_file_name(options.hash_file.as_ref())).ok()
                })
            {
                for (file, hash) in hashes.lines().filter_map(|line| line.split_once(':')) {
                    match file.trim() {
                        "js" => js = format!("{name}.{}.js", hash.trim()),
                        "wasm" => wasm = format!("{name}.{}.wasm", hash.trim()),
                        _ => {}
                    }
                }
            }
            (format!("/{pkg}/{js}"), format!("/{pkg}/{wasm}"))
        })
        .clone()
}
