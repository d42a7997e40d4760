//! How page data travels from the server-rendered HTML to the hydrating browser.

use leptos::server::codee::{Decoder, Encoder};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// JSON with every non-ASCII character written as a `\uXXXX` escape.
///
/// Leptos embeds each resource in the page as a Rust-`Debug`-quoted string, and quoting
/// Vietnamese text that way checks every character against Unicode tables: it cost a fifth of
/// the home page's server time. Pure ASCII quotes at memcpy speed, and `serde_json` reads the
/// escapes back unchanged.
pub struct AsciiJson;

impl<T: Serialize> Encoder<T> for AsciiJson {
    type Error = serde_json::Error;
    type Encoded = String;

    fn encode(value: &T) -> Result<String, Self::Error> {
        Ok(escape_non_ascii(&serde_json::to_string(value)?))
    }
}

impl<T: DeserializeOwned> Decoder<T> for AsciiJson {
    type Error = serde_json::Error;
    type Encoded = str;

    fn decode(encoded: &str) -> Result<T, Self::Error> {
        serde_json::from_str(encoded)
    }
}

/// Rewrites non-ASCII characters as JSON `\u` escapes (UTF-16 surrogate pairs beyond the BMP).
/// Valid for serde_json output, where such characters only occur inside strings.
pub fn escape_non_ascii(json: &str) -> String {
    if json.is_ascii() {
        return json.to_owned();
    }
    let mut out = String::with_capacity(json.len() + json.len() / 2);
    let mut units = [0u16; 2];
    for ch in json.chars() {
        if ch.is_ascii() {
            out.push(ch);
        } else {
            for unit in ch.encode_utf16(&mut units) {
                push_unicode_escape(&mut out, *unit);
            }
        }
    }
    out
}

fn push_unicode_escape(out: &mut String, unit: u16) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push_str("\\u");
    for shift in [12, 8, 4, 0] {
        out.push(HEX[usize::from((unit >> shift) & 0xf)] as char);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_and_emoji_survive_the_round_trip() {
        let value = vec![
            "Máy sấy lúa tầng sôi".to_owned(),
            "đ ₫ 🚜".to_owned(),
            "plain".to_owned(),
        ];
        let encoded = <AsciiJson as Encoder<Vec<String>>>::encode(&value).unwrap();
        assert!(encoded.is_ascii(), "{encoded}");
        assert!(encoded.contains("M\\u00e1y"));
        let decoded: Vec<String> = <AsciiJson as Decoder<Vec<String>>>::decode(&encoded).unwrap();
        assert_eq!(decoded, value);
    }
}
