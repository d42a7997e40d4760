use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::i18n::{Locale, tr, use_i18n};

/// A link to the other language, through `/lang/{code}`, which sets the cookie (and a member's
/// language for mails) and comes back to this page in that language.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    let other = move || match i18n.locale() {
        Locale::Vi => Locale::En,
        Locale::En => Locale::Vi,
    };
    let href = move || {
        // The router's `search` has no leading `?`.
        let search = location.search.get();
        let here = if search.is_empty() {
            location.pathname.get()
        } else {
            format!(
                "{}?{}",
                location.pathname.get(),
                search.trim_start_matches('?')
            )
        };
        format!("/lang/{}?next={}", other().code(), encode_component(&here))
    };
    view! {
        <a
            class="button button-ghost lang-switch"
            href=href
            rel="nofollow"
            hreflang=move || other().code()
            lang=move || other().code()
        >
            <span class="lang-code" aria-hidden="true">{move || other().short_label()}</span>
            <span class="lang-name">{tr(|t| t.switch_to_other_language)}</span>
        </a>
    }
}

/// Percent-encodes a path and query for use as a query parameter value.
pub fn encode_component(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    for byte in input.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::encode_component;

    #[test]
    fn paths_with_queries_survive_as_a_parameter() {
        assert_eq!(
            encode_component("/search?q=máy kéo&page=2"),
            "/search%3Fq%3Dm%C3%A1y%20k%C3%A9o%26page%3D2"
        );
    }
}
