//! Markdown written by members, rendered to HTML that is safe to put in a page (server only).
//!
//! pulldown-cmark renders CommonMark (raw HTML in the source stays text); ammonia then keeps only
//! a small set of tags and attributes, so nothing a member writes can run script, load from
//! elsewhere or break out of its box. Links open outside the exchange without handing it a referrer.

use std::sync::LazyLock;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};

static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::empty();
    builder
        .add_tags([
            "p",
            "br",
            "strong",
            "em",
            "ul",
            "ol",
            "li",
            "h3",
            "h4",
            "blockquote",
            "code",
            "pre",
            "a",
            "table",
            "thead",
            "tbody",
            "tr",
            "th",
            "td",
            "hr",
        ])
        .add_tag_attributes("a", ["href"])
        .url_schemes(["http", "https", "mailto", "tel"].into())
        .link_rel(Some("nofollow noopener noreferrer ugc"));
    builder
});

/// Renders member-written Markdown to sanitized HTML.
pub fn render(markdown: &str) -> String {
    let parser = Parser::new_ext(
        markdown,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    )
    // Raw HTML in the source is shown as text, never interpreted; the page owns its top two
    // heading levels, so a member's `#` and `##` become third-level headings.
    .map(|event| match event {
        Event::Html(text) | Event::InlineHtml(text) => Event::Text(text),
        Event::Start(Tag::Heading {
            level: HeadingLevel::H1 | HeadingLevel::H2,
            id,
            classes,
            attrs,
        }) => Event::Start(Tag::Heading {
            level: HeadingLevel::H3,
            id,
            classes,
            attrs,
        }),
        Event::End(TagEnd::Heading(HeadingLevel::H1 | HeadingLevel::H2)) => {
            Event::End(TagEnd::Heading(HeadingLevel::H3))
        }
        other => other,
    });
    let mut unsafe_html = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut unsafe_html, parser);
    SANITIZER.clean(&unsafe_html).to_string()
}

#[cfg(test)]
mod tests {
    use super::render;

    #[test]
    fn members_top_headings_become_third_level() {
        assert_eq!(render("# Một\n## Hai"), "<h3>Một</h3>\n<h3>Hai</h3>\n");
    }

    #[test]
    fn formats_the_usual_markdown() {
        let html = render("**Máy kéo** mới\n\n- công suất 50 HP\n- bảo hành 12 tháng");
        assert!(html.contains("<strong>Máy kéo</strong>"), "{html}");
        assert!(html.contains("<li>công suất 50 HP</li>"), "{html}");
    }

    #[test]
    fn scripts_and_html_are_shown_as_text() {
        let html = render("<script>alert(1)</script> <img src=x onerror=alert(1)>");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
    }

    #[test]
    fn links_are_safe() {
        let html = render("[site](https://cantho.gov.vn) [bad](javascript:alert(1))");
        assert!(
            html.contains(
                r#"<a href="https://cantho.gov.vn" rel="nofollow noopener noreferrer ugc">site</a>"#
            ),
            "{html}"
        );
        assert!(!html.contains("javascript:"), "{html}");
    }
}
