//! Refuses input no form of the site can send: a NUL character in the address's query or in a
//! form's fields. PostgreSQL cannot store one in text (it answers with an error, which would be
//! a 500), SQLite would keep a string that ends early in C code, and no person types it. Picture
//! uploads (multipart, whose files are binary) are not looked at.

use axum::body::{Body, to_bytes};
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::{StatusCode, header};

/// Largest form body read here (the router's own body limit is applied outside this).
const MAX_FORM_BYTES: usize = 16 * 1024 * 1024;

/// Whether URL-encoded `bytes` hold a NUL, raw or percent-encoded.
fn holds_nul(bytes: &[u8]) -> bool {
    bytes.contains(&0) || bytes.windows(3).any(|w| w == b"%00")
}

fn refused() -> Response {
    (StatusCode::BAD_REQUEST, "A field holds a NUL character.").into_response()
}

/// The middleware.
pub async fn refuse_nul(req: Request, next: Next) -> Response {
    if req.uri().query().is_some_and(|q| holds_nul(q.as_bytes())) {
        return refused();
    }
    let is_form = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    if !is_form {
        return next.run(req).await;
    }
    let (parts, body) = req.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_FORM_BYTES).await else {
        return StatusCode::PAYLOAD_TOO_LARGE.into_response();
    };
    if holds_nul(&bytes) {
        return refused();
    }
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

#[cfg(test)]
mod tests {
    use super::holds_nul;

    #[test]
    fn nul_is_found_raw_or_encoded() {
        assert!(holds_nul(b"id=a%00b"));
        assert!(holds_nul(b"id=a\0b"));
        assert!(!holds_nul(b"id=a%20b&q=m%C3%A1y"));
        assert!(!holds_nul(b"price=100"));
    }
}
