//! Cross-site request forgery: a request that may change something (anything but `GET`, `HEAD`
//! and `OPTIONS`) is taken from this site's own pages only, whatever cookies it carries.
//!
//! Browsers say where a request comes from: every current one in `Sec-Fetch-Site`, and any one
//! in `Origin` on a cross-origin `POST`. `same-origin` (or `none`, the user's own doing) passes;
//! `same-site` and `cross-site` are refused. Without `Sec-Fetch-Site`, `Origin` must be the
//! site's public address. A request with neither comes from no browser (a script, a test, curl):
//! a forged page cannot make one carry its victim's cookies, so it passes.

use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The site's public origin (`scheme://host[:port]`), against which `Origin` is checked.
#[derive(Debug, Clone)]
pub struct PublicOrigin(pub String);

/// Middleware: answers 403 to a state-changing request from another site.
pub async fn same_origin_writes(
    State(origin): State<PublicOrigin>,
    req: Request,
    next: Next,
) -> Response {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS)
        || from_this_site(req.headers(), &origin.0)
    {
        return next.run(req).await;
    }
    tracing::warn!(
        method = %req.method(),
        path = %req.uri().path(),
        origin = ?req.headers().get(header::ORIGIN),
        fetch_site = ?req.headers().get("sec-fetch-site"),
        "cross-site request refused"
    );
    (
        StatusCode::FORBIDDEN,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; charset=utf-8"),
        )],
        "This request came from another site and was refused.\n",
    )
        .into_response()
}

/// Whether a request's headers say it comes from this site's own pages (or from no browser).
fn from_this_site(headers: &axum::http::HeaderMap, public_origin: &str) -> bool {
    if let Some(site) = headers.get("sec-fetch-site") {
        return matches!(site.as_bytes(), b"same-origin" | b"none");
    }
    match headers.get(header::ORIGIN) {
        Some(origin) => origin.as_bytes() == public_origin.as_bytes(),
        None => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderMap;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        pairs
            .iter()
            .map(|(name, value)| {
                (
                    axum::http::HeaderName::from_static(name),
                    HeaderValue::from_static(value),
                )
            })
            .collect()
    }

    #[test]
    fn only_this_sites_pages_and_non_browsers_pass() {
        let site = "https://techx.cantho.vn";
        for passing in [
            headers(&[]),
            headers(&[("sec-fetch-site", "same-origin")]),
            headers(&[("sec-fetch-site", "none")]),
            headers(&[("origin", "https://techx.cantho.vn")]),
            headers(&[
                ("sec-fetch-site", "same-origin"),
                ("origin", "http://127.0.0.1:3000"),
            ]),
        ] {
            assert!(from_this_site(&passing, site), "{passing:?}");
        }
        for refused in [
            headers(&[("sec-fetch-site", "cross-site")]),
            headers(&[("sec-fetch-site", "same-site")]),
            headers(&[
                ("sec-fetch-site", "cross-site"),
                ("origin", "https://techx.cantho.vn"),
            ]),
            headers(&[("origin", "http://evil.example")]),
            headers(&[("origin", "null")]),
            headers(&[("origin", "http://techx.cantho.vn")]),
            headers(&[("origin", "https://techx.cantho.vn.evil.example")]),
        ] {
            assert!(!from_this_site(&refused, site), "{refused:?}");
        }
    }
}
