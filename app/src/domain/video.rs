//! What an editor fills in to present a video, and the rules it must meet. The clip itself, its
//! poster and captions arrive as uploads of their own (see the server's `videos` module).

use serde::{Deserialize, Serialize};

use super::{Slug, text_between};
use crate::error::FieldError;

/// Limits, in characters.
pub mod limits {
    pub const TITLE: (usize, usize) = (5, 200);
    pub const DESCRIPTION: (usize, usize) = (0, 2_000);
    pub const YOUTUBE: usize = 200;
    /// The largest captions file taken (WebVTT is text: an hour of captions is ~100 KB).
    pub const CAPTIONS_BYTES: usize = 512 * 1024;
}

/// The video form exactly as submitted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct VideoForm {
    pub title: String,
    /// Empty: made from the title.
    #[serde(default)]
    pub slug: String,
    #[serde(default)]
    pub description: String,
    /// Empty for a clip uploaded here; else the YouTube address it is watched at.
    #[serde(default)]
    pub youtube: String,
}

/// A video whose every field is valid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VideoInput {
    pub title: String,
    pub slug: String,
    pub description: String,
    /// The YouTube video's 11-character id, for a video hosted there.
    pub youtube_id: Option<String>,
}

impl VideoForm {
    /// Every field as typed, by form name, to refill the form.
    pub fn typed(&self) -> [(&'static str, &str); 4] {
        [
            ("title", &self.title),
            ("slug", &self.slug),
            ("description", &self.description),
            ("youtube", &self.youtube),
        ]
    }

    /// Checks every field; each fault is reported against its field.
    pub fn validate(&self) -> Result<VideoInput, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut check = |name: &str, result: Result<String, &'static str>| match result {
            Ok(value) => value,
            Err(code) => {
                errors.push(FieldError::new(name, code));
                String::new()
            }
        };
        let title = check("title", text_between(&self.title, limits::TITLE, false));
        let slug = check(
            "slug",
            if self.slug.trim().is_empty() {
                Ok(Slug::from_title(&title).as_str().to_owned())
            } else {
                Slug::parse(self.slug.trim()).map(|s| s.as_str().to_owned())
            },
        );
        let description = check(
            "description",
            text_between(&self.description, limits::DESCRIPTION, true),
        );
        let youtube_id = parse_youtube(&self.youtube).unwrap_or_else(|code| {
            errors.push(FieldError::new("youtube", code));
            None
        });
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(VideoInput {
            title,
            slug,
            description,
            youtube_id,
        })
    }
}

/// The video id of a YouTube address (`youtube.com/watch?v=…`, `youtu.be/…`, `/embed/…`,
/// `/shorts/…`, `/live/…`, with or without `www.`/`m.` and scheme), or `None` for an empty one.
pub fn parse_youtube(input: &str) -> Result<Option<String>, &'static str> {
    let input = input.trim();
    if input.is_empty() {
        return Ok(None);
    }
    if input.chars().count() > limits::YOUTUBE {
        return Err("too_long");
    }
    let rest = input
        .split_once("://")
        .map_or(input, |(scheme, rest)| match scheme {
            "http" | "https" => rest,
            _ => "",
        });
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let host = host.to_ascii_lowercase();
    let host = host
        .strip_prefix("www.")
        .or_else(|| host.strip_prefix("m."))
        .unwrap_or(&host);
    let (path, query) = path.split_once('?').unwrap_or((path, ""));
    let path = path.split('#').next().unwrap_or("");
    let id = match host {
        "youtu.be" => Some(path),
        "youtube.com" | "youtube-nocookie.com" => match path.split_once('/') {
            None if path == "watch" => query
                .split(['&', '#'])
                .find_map(|pair| pair.strip_prefix("v=")),
            Some(("embed" | "shorts" | "live" | "v", id)) => Some(id),
            _ => None,
        },
        _ => None,
    };
    let id = id
        .map(|id| id.trim_end_matches('/'))
        .ok_or("invalid_youtube")?;
    let well_formed = id.len() == 11
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if !well_formed {
        return Err("invalid_youtube");
    }
    Ok(Some(id.to_owned()))
}

/// Whether `bytes` are a WebVTT file: UTF-8 text whose first line is `WEBVTT`, alone or followed
/// by a space or tab and a header (a byte-order mark before it allowed).
pub fn is_webvtt(bytes: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return false;
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first = text.split(['\n', '\r']).next().unwrap_or("");
    match first.strip_prefix("WEBVTT") {
        Some(rest) => rest.is_empty() || rest.starts_with([' ', '\t']),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn youtube_addresses_of_every_shape_give_the_video_id() {
        for address in [
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "https://youtube.com/watch?feature=share&v=dQw4w9WgXcQ&t=4",
            "http://m.youtube.com/watch?v=dQw4w9WgXcQ",
            "youtube.com/watch?v=dQw4w9WgXcQ",
            "https://youtu.be/dQw4w9WgXcQ?si=abc",
            "https://www.youtube.com/embed/dQw4w9WgXcQ",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
            "https://www.youtube.com/shorts/dQw4w9WgXcQ/",
            "  https://www.youtube.com/live/dQw4w9WgXcQ  ",
        ] {
            assert_eq!(
                parse_youtube(address),
                Ok(Some("dQw4w9WgXcQ".to_owned())),
                "{address}"
            );
        }
        assert_eq!(parse_youtube("   "), Ok(None));
    }

    #[test]
    fn other_addresses_are_not_youtube_videos() {
        for address in [
            "https://vimeo.com/123456",
            "https://www.youtube.com/watch?v=short",
            "https://www.youtube.com/@techx",
            "https://evil.example/watch?v=dQw4w9WgXcQ",
            "https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ",
            "javascript://youtube.com/watch?v=dQw4w9WgXcQ",
            "https://youtu.be/dQw4w9WgXc\"",
        ] {
            assert_eq!(parse_youtube(address), Err("invalid_youtube"), "{address}");
        }
    }

    #[test]
    fn captions_are_known_by_their_first_line() {
        assert!(is_webvtt(b"WEBVTT\n\n00:00.000 --> 00:02.000\nXin chao\n"));
        assert!(is_webvtt(b"\xef\xbb\xbfWEBVTT - Tieng Viet\r\n\r\n"));
        assert!(is_webvtt(b"WEBVTT"));
        assert!(!is_webvtt(b"WEBVTTX\n"));
        assert!(!is_webvtt(b"1\n00:00:00,000 --> 00:00:02,000\nSRT\n"));
        assert!(!is_webvtt(b"\xff\xd8\xff\xe0 not text"));
    }

    #[test]
    fn a_form_is_checked_field_by_field() {
        let form = VideoForm {
            title: "Máy sấy lúa tiết kiệm điện".into(),
            slug: String::new(),
            description: "Giới thiệu".into(),
            youtube: "https://youtu.be/dQw4w9WgXcQ".into(),
        };
        let input = form.validate().unwrap();
        assert_eq!(input.slug, "may-say-lua-tiet-kiem-dien");
        assert_eq!(input.youtube_id.as_deref(), Some("dQw4w9WgXcQ"));
        let errors = VideoForm {
            title: "Ab".into(),
            slug: "Not a slug!".into(),
            description: String::new(),
            youtube: "https://vimeo.com/1".into(),
        }
        .validate()
        .unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["title", "slug", "youtube"]);
    }
}
