//! What a member writes to the other side of a listing.

use super::text_between;

/// Length of one message, in characters.
pub const MESSAGE_CHARS: (usize, usize) = (2, 4000);

/// New conversations one member may start in an hour: enough for a buyer comparing sellers,
/// too few to spam the exchange.
pub const CONVERSATIONS_PER_HOUR: i64 = 20;

/// A message's text, trimmed, with Windows line ends made plain; or why it cannot be sent.
pub fn parse_message(input: &str) -> Result<String, &'static str> {
    text_between(input, MESSAGE_CHARS, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_keep_their_lines_and_refuse_empty_or_huge_text() {
        assert_eq!(
            parse_message("  Xin báo giá\r\nGiao tại Cần Thơ?  ").unwrap(),
            "Xin báo giá\nGiao tại Cần Thơ?"
        );
        assert_eq!(parse_message("   "), Err("required"));
        assert_eq!(parse_message("a"), Err("too_short"));
        assert_eq!(parse_message(&"x".repeat(4001)), Err("too_long"));
        assert_eq!(parse_message("hi\u{0}there"), Err("invalid_characters"));
        // Markup is only text: it is stored as typed and escaped when shown.
        assert_eq!(
            parse_message("<script>alert(1)</script>").unwrap(),
            "<script>alert(1)</script>"
        );
    }
}
