use leptos::prelude::*;

use crate::i18n::{tr, use_i18n};

/// Previous/next links for a paginated list; plain links, so they work without JavaScript.
/// `base` may carry a query of its own (`/admin/users?q=an`); `page` is added to it.
#[component]
pub fn Pagination(#[prop(into)] base: String, page: u32, page_count: u32) -> impl IntoView {
    let i18n = use_i18n();
    let sep = if base.contains('?') { '&' } else { '?' };
    let link = move |p: u32| format!("{base}{sep}page={p}");
    view! {
        <nav class="pagination" aria-label=tr(|t| t.page)>
            {(page > 1).then(|| view! { <a class="button button-ghost" rel="prev" href=link(page - 1)>"← "{tr(|t| t.previous)}</a> })}
            <span class="pagination-status">{move || format!("{} {page} / {page_count}", i18n.t().page)}</span>
            {(page < page_count).then(|| view! { <a class="button button-ghost" rel="next" href=link(page + 1)>{tr(|t| t.next)}" →"</a> })}
        </nav>
    }
}

/// `name=value&…` with each value percent-encoded, for links that carry a query.
pub fn query_string(pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .map(|(name, value)| format!("{name}={}", encode_component(value)))
        .collect::<Vec<_>>()
        .join("&")
}

/// Percent-encodes a URL query value.
pub fn encode_component(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}
