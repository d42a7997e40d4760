//! Where a form, a log-in or the language switch may send the browser next.

/// What a path is resolved against. Any origin would do: a path on this site keeps it, anything
/// that leaves it is refused, and an `.invalid` host can never be someone's site.
const BASE: &str = "http://techx.invalid/";

/// Whether `path` is a path on this site, safe to send a browser to: one leading `/`, no control
/// character (browsers drop tabs and line breaks, so `/⇥/evil.example` would become
/// `//evil.example`), no backslash before the query (`/\evil.example` is read as
/// `//evil.example`), and, parsed as a URL against this site, still on it.
pub fn is_local_path(path: &str) -> bool {
    let before_query = path.split(['?', '#']).next().unwrap_or_default();
    if !path.starts_with('/')
        || path.starts_with("//")
        || before_query.contains('\\')
        || path.chars().any(char::is_control)
    {
        return false;
    }
    let Ok(base) = url::Url::parse(BASE) else {
        return false;
    };
    base.join(path)
        .is_ok_and(|url| url.origin() == base.origin() && url.username().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_on_this_site_are_local() {
        for path in [
            "/",
            "/offers?page=2",
            "/search?q=m%C3%A1y+k%C3%A9o&sort=newest",
            "/search?q=a\\b",
            "/stalls#list",
            "/%09/evil.example",
        ] {
            assert!(is_local_path(path), "{path}");
        }
    }

    #[test]
    fn anything_that_can_leave_the_site_is_refused() {
        for path in [
            "",
            "offers",
            "//evil.example",
            "/\\evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "\t//evil.example",
            "/\u{7f}/evil.example",
            "/\u{85}/evil.example",
            "https://evil.example",
            "http://techx.invalid/",
            "/a\r\nSet-Cookie: x",
            "/\\\\evil.example/",
            "/.\\evil.example",
        ] {
            assert!(!is_local_path(path), "{path:?}");
        }
    }
}
