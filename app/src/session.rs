//! The session cookie (server only): reading it from the request, writing and clearing it.

use http::HeaderValue;
use http::header::{COOKIE, SET_COOKIE};
use leptos::prelude::use_context;

/// Name of the cookie that holds the session token.
pub const SESSION_COOKIE: &str = "techx_session";
/// How long a login lasts, in milliseconds (30 days).
pub const SESSION_TTL_MS: i64 = 30 * 24 * 3_600_000;
/// Name of the cookie that marks a browser its member has logged in from, so that a lock put on
/// their account by strangers' wrong passwords does not hold it (see [`crate::rate_limit`]). It
/// is sent to the log-in only.
pub const DEVICE_COOKIE: &str = "techx_device";
/// How long a browser stays known without logging in again: a year.
const DEVICE_TTL_SECS: i64 = 365 * 86_400;

/// Who sent the request: put in the request's extensions by the server's authentication
/// middleware, before any page or server function runs.
#[derive(Debug, Clone, Default)]
pub struct RequestUser(pub Option<crate::model::CurrentUser>);

/// Looks up the member behind a request's `Cookie` header.
pub async fn authenticate(
    db: &crate::db::Db,
    cookie_header: Option<&str>,
) -> sqlx::Result<Option<crate::model::CurrentUser>> {
    let Some(token) = cookie_header.and_then(token_from_cookie_header) else {
        return Ok(None);
    };
    let hash = crate::auth::session_token_hash(&token);
    let user = crate::db::accounts::session_user(db, &hash, crate::db::now_ms()).await?;
    Ok(user.map(|u| crate::model::CurrentUser {
        id: u.id,
        display_name: u.display_name,
        role: u.role,
        unread_conversations: 0,
        unread_notifications: 0,
    }))
}

/// The member the current request comes from (set by the authentication middleware).
pub fn current_user() -> Option<crate::model::CurrentUser> {
    use_context::<http::request::Parts>()?
        .extensions
        .get::<RequestUser>()?
        .0
        .clone()
}

/// The session token the current request carries, if any.
pub fn request_token() -> Option<String> {
    let parts = use_context::<http::request::Parts>()?;
    token_from_cookie_header(parts.headers.get(COOKIE)?.to_str().ok()?)
}

/// The database key of the current request's session token, if it carries one.
pub fn request_token_hash() -> Option<String> {
    request_token().map(|token| crate::auth::session_token_hash(&token))
}

/// The session token in a `Cookie` header, if it carries one.
pub fn token_from_cookie_header(header: &str) -> Option<String> {
    cookie_value(header, SESSION_COOKIE)
}

/// The value of cookie `name` in a `Cookie` header, unless missing or empty.
fn cookie_value(header: &str, name: &str) -> Option<String> {
    header
        .split(';')
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(n, _)| *n == name)
        .map(|(_, value)| value.to_owned())
        .filter(|value| !value.is_empty())
}

/// The database key of the current request's device cookie, if it carries one.
pub fn request_device_hash() -> Option<String> {
    let parts = use_context::<http::request::Parts>()?;
    let token = cookie_value(parts.headers.get(COOKIE)?.to_str().ok()?, DEVICE_COOKIE)?;
    Some(crate::auth::session_token_hash(&token))
}

/// Marks this browser as one its member logged in from, for a year.
pub fn set_device_cookie(token: &str) {
    let secure = if is_https() { "; Secure" } else { "" };
    write_cookie(&format!(
        "{DEVICE_COOKIE}={token}; Path=/api/log_in; HttpOnly; SameSite=Strict; Max-Age={DEVICE_TTL_SECS}{secure}"
    ));
}

/// True when the request reached us over HTTPS (directly or through a proxy that says so).
fn is_https() -> bool {
    use_context::<http::request::Parts>().is_some_and(|parts| {
        parts.uri.scheme_str() == Some("https")
            || parts
                .headers
                .get("x-forwarded-proto")
                .and_then(|v| v.to_str().ok())
                == Some("https")
    })
}

/// Sets the session cookie on the response: HttpOnly, SameSite=Lax, Secure over HTTPS.
pub fn set_cookie(token: &str) {
    let secure = if is_https() { "; Secure" } else { "" };
    let max_age = SESSION_TTL_MS / 1000;
    write_cookie(&format!(
        "{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}"
    ));
}

/// Clears the session cookie.
pub fn clear_cookie() {
    write_cookie(&format!(
        "{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0"
    ));
}

fn write_cookie(cookie: &str) {
    if let (Some(response), Ok(value)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        HeaderValue::from_str(cookie),
    ) {
        response.append_header(SET_COOKIE, value);
    }
}

/// A short description of the browser behind a `User-Agent` ("Chrome · Android"), for the list
/// of devices a member is logged in on.
pub fn describe_user_agent(user_agent: &str) -> String {
    let has = |needle: &str| user_agent.contains(needle);
    let browser = if has("Edg/") {
        "Edge"
    } else if has("OPR/") || has("Opera") {
        "Opera"
    } else if has("CocCoc") || has("coc_coc") {
        "Cốc Cốc"
    } else if has("Firefox/") {
        "Firefox"
    } else if has("Chrome/") || has("Chromium/") || has("CriOS/") {
        "Chrome"
    } else if has("Safari/") {
        "Safari"
    } else {
        ""
    };
    let system = if has("Android") {
        "Android"
    } else if has("iPhone") || has("iPad") {
        "iOS"
    } else if has("Windows") {
        "Windows"
    } else if has("Mac OS X") || has("Macintosh") {
        "macOS"
    } else if has("Linux") {
        "Linux"
    } else {
        ""
    };
    match (browser, system) {
        ("", "") => user_agent.chars().take(40).collect(),
        (b, "") => b.to_owned(),
        ("", s) => s.to_owned(),
        (b, s) => format!("{b} · {s}"),
    }
}

#[cfg(test)]
mod tests {
    use super::describe_user_agent;

    #[test]
    fn user_agents_read_as_browser_and_system() {
        let android = "Mozilla/5.0 (Linux; Android 14; SM-A546E) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36";
        assert_eq!(describe_user_agent(android), "Chrome · Android");
        let iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
        assert_eq!(describe_user_agent(iphone), "Safari · iOS");
        assert_eq!(describe_user_agent("curl/8.5.0"), "curl/8.5.0");
        assert_eq!(describe_user_agent(""), "");
    }
}
