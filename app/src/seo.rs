//! What search engines and link previews read: canonical URLs, descriptions, OpenGraph.

use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title};

/// `scheme://host[:port]` the site is being reached at, for absolute canonical and OpenGraph
/// URLs, read from the request (honouring `X-Forwarded-Proto` from a TLS proxy).
pub fn site_origin() -> String {
    use_context::<http::request::Parts>()
        .map(|parts| origin_from_headers(&parts.headers))
        .unwrap_or_default()
}

/// The origin a request was addressed to, from its `Host` (and a TLS proxy's
/// `X-Forwarded-Proto`); a malformed host gives `http://localhost`.
pub fn origin_from_headers(headers: &http::HeaderMap) -> String {
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    let scheme = match header("x-forwarded-proto") {
        Some("https") => "https",
        _ => "http",
    };
    let host = header("host")
        .filter(|h| {
            !h.is_empty()
                && h.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-.:[]".contains(&b))
        })
        .unwrap_or("localhost");
    format!("{scheme}://{host}")
}

/// Title, description, canonical link and OpenGraph tags of a page reached at `path`.
#[component]
pub fn PageMeta(
    #[prop(into)] title: String,
    #[prop(into)] description: String,
    /// Path of the canonical URL, from the site root.
    #[prop(into)]
    path: String,
    /// OpenGraph type: `website`, `product`, `profile` …
    #[prop(default = "website")]
    kind: &'static str,
) -> impl IntoView {
    let url = format!("{}{path}", site_origin());
    let site = crate::i18n::use_i18n().t().site_name;
    view! {
        <Title text=title.clone()/>
        <Meta name="description" content=description.clone()/>
        <Link rel="canonical" href=url.clone()/>
        <Meta property="og:site_name" content=site/>
        <Meta property="og:type" content=kind/>
        <Meta property="og:title" content=title/>
        <Meta property="og:description" content=description/>
        <Meta property="og:url" content=url/>
    }
    .into_any()
}
