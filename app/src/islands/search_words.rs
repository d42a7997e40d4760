//! The words box of the listing browser, suggesting titles as one types.

use leptos::prelude::*;

use crate::domain::MAX_QUERY_CHARS;

/// The `q` input with a `<datalist>` of published titles for what has been typed, filled once
/// hydrated (the server renders the list empty). An answer for an older prefix that arrives
/// late is dropped. The page puts the `<label for="filter-q">` beside it.
#[island]
pub fn SearchWords(value: String, placeholder: String) -> impl IntoView {
    let (typed, set_typed) = signal(String::new());
    let (suggestions, set_suggestions) = signal(Vec::<String>::new());
    Effect::new(move |_| {
        let prefix = typed.get();
        if prefix.trim().chars().count() < 2 {
            set_suggestions.set(Vec::new());
        } else {
            #[cfg(feature = "hydrate")]
            leptos::task::spawn_local(async move {
                let query = String::from(web_sys::js_sys::encode_uri_component(&prefix));
                let titles =
                    super::http::get::<Vec<String>>(&format!("/api/suggest_listings?q={query}"))
                        .await
                        .unwrap_or_default();
                if typed.get_untracked() == prefix {
                    set_suggestions.set(titles);
                }
            });
        }
    });
    view! {
        <input id="filter-q" type="search" name="q" value=value maxlength=MAX_QUERY_CHARS
            list="filter-q-suggestions" autocomplete="off" placeholder=placeholder
            on:input=move |ev| set_typed.set(event_target_value(&ev))/>
        <datalist id="filter-q-suggestions">
            {move || suggestions.get().into_iter()
                .map(|title| view! { <option value=title></option> }).collect_view()}
        </datalist>
    }
}
