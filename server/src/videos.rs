//! Receiving a video upload: the clip streamed from the request into a file beside the media
//! store, never whole in memory, checked by its first bytes (MP4 or WebM, whatever its name or
//! declared type says) and by its size as it arrives, then moved into the store under a name
//! made of its content's hash. Whatever stops it — a refusal, a broken connection, an error
//! storing it — leaves nothing behind: the file removes itself unless it reached the store.

use std::path::{Path, PathBuf};

use axum::body::Bytes;
use futures_util::{Stream, StreamExt};
use sha2::{Digest, Sha256};
use tokio::io::AsyncWriteExt;

/// The largest clip taken: 500 MB.
pub const MAX_VIDEO_BYTES: u64 = 500 * 1024 * 1024;

/// Bytes read before a clip's kind is decided.
const HEAD: usize = 64;

/// The kinds of clip the site serves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VideoKind {
    Mp4,
    Webm,
}

/// ISO media brands of pictures, not clips (HEIF, AVIF), which share MP4's container.
const PICTURE_BRANDS: [&[u8; 4]; 6] = [b"heic", b"heix", b"mif1", b"msf1", b"avif", b"avis"];

impl VideoKind {
    /// The kind of clip `head` (its first bytes) starts: an ISO media file whose `ftyp` box names
    /// a brand other than a picture's or QuickTime's, or an EBML file whose document type is
    /// `webm` (not any Matroska).
    pub fn sniff(head: &[u8]) -> Option<Self> {
        if head.len() >= 12 && &head[4..8] == b"ftyp" {
            let brand = &head[8..12];
            let picture = PICTURE_BRANDS.iter().any(|b| &b[..] == brand);
            return (!picture && brand != b"qt  ").then_some(Self::Mp4);
        }
        if head.starts_with(&[0x1A, 0x45, 0xDF, 0xA3]) {
            // The DocType element (0x4282), its one-byte size, then the type.
            let doctype = head.windows(3).position(|w| w[0] == 0x42 && w[1] == 0x82)?;
            let text = head.get(doctype + 3..doctype + 7)?;
            return (text == b"webm").then_some(Self::Webm);
        }
        None
    }

    pub fn extension(self) -> &'static str {
        match self {
            Self::Mp4 => "mp4",
            Self::Webm => "webm",
        }
    }
}

/// Why a clip was not taken.
#[derive(Debug, thiserror::Error)]
pub enum Refusal {
    /// Nothing was sent.
    #[error("empty")]
    Empty,
    /// Its first bytes are not MP4 nor WebM.
    #[error("not a video")]
    NotVideo,
    /// It went past the limit (counted as it arrived).
    #[error("too large")]
    TooLarge,
    /// The upload broke off before its end.
    #[error("interrupted: {0}")]
    Interrupted(String),
    /// The disk or the store failed.
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// A file removed when dropped (if a store has not moved it away).
struct Partial {
    path: PathBuf,
}

impl Drop for Partial {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// A clip received whole into a file beside the store, not stored yet. Dropped, its file goes.
pub struct ReceivedVideo {
    pub kind: VideoKind,
    pub bytes: u64,
    /// The first 12 bytes of its SHA-256, in hex: what its stored name is made of.
    pub stem: String,
    file: Partial,
}

impl ReceivedVideo {
    /// Moves the clip into `store` under `{prefix}/{stem}.{extension}`, and returns that key.
    /// On failure nothing is left behind, here or there.
    pub async fn store(
        self,
        store: &dyn app::media::ObjectStore,
        prefix: &str,
    ) -> Result<String, Refusal> {
        let key = format!("{prefix}/{}.{}", self.stem, self.kind.extension());
        // A store that copies it leaves the file to be removed when `self` goes.
        store.put_file(&key, &self.file.path).await?;
        Ok(key)
    }
}

/// Streams `body` into a new file under `dir`, deciding from its first bytes whether it is a clip
/// the site takes and counting it against `limit` as it arrives.
pub async fn receive<S, E>(mut body: S, dir: &Path, limit: u64) -> Result<ReceivedVideo, Refusal>
where
    S: Stream<Item = Result<Bytes, E>> + Unpin,
    E: std::fmt::Display,
{
    tokio::fs::create_dir_all(dir).await?;
    let file = Partial {
        path: dir.join(format!("upload-{}.part", uuid::Uuid::new_v4())),
    };
    let mut out = tokio::fs::File::create(&file.path).await?;
    let mut head = Vec::with_capacity(HEAD);
    let mut kind = None;
    let mut hash = Sha256::new();
    let mut bytes = 0u64;
    while let Some(chunk) = body.next().await {
        let chunk = chunk.map_err(|e| Refusal::Interrupted(e.to_string()))?;
        bytes += chunk.len() as u64;
        if bytes > limit {
            return Err(Refusal::TooLarge);
        }
        if kind.is_none() {
            let wanted = HEAD - head.len();
            head.extend_from_slice(&chunk[..chunk.len().min(wanted)]);
            if head.len() == HEAD {
                kind = Some(VideoKind::sniff(&head).ok_or(Refusal::NotVideo)?);
            }
        }
        hash.update(&chunk);
        out.write_all(&chunk).await?;
    }
    out.flush().await?;
    out.sync_all().await?;
    drop(out);
    if bytes == 0 {
        return Err(Refusal::Empty);
    }
    // A clip shorter than the head: decided on what there is.
    let kind = match kind {
        Some(kind) => kind,
        None => VideoKind::sniff(&head).ok_or(Refusal::NotVideo)?,
    };
    let stem = hash.finalize()[..12]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    Ok(ReceivedVideo {
        kind,
        bytes,
        stem,
        file,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The start of an MP4 file: an `ftyp` box of `brand`, then padding.
    fn mp4(brand: &[u8; 4], len: usize) -> Vec<u8> {
        let mut bytes = vec![0, 0, 0, 0x18];
        bytes.extend_from_slice(b"ftyp");
        bytes.extend_from_slice(brand);
        bytes.resize(len, 7);
        bytes
    }

    /// The start of an EBML file of `doctype`, then padding.
    fn ebml(doctype: &[u8], len: usize) -> Vec<u8> {
        let mut bytes = vec![
            0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82,
        ];
        bytes.push(0x80 | doctype.len() as u8);
        bytes.extend_from_slice(doctype);
        bytes.resize(len, 9);
        bytes
    }

    /// `bytes` as a request body arriving in chunks of `size`, breaking off after `fail_after`
    /// chunks when asked.
    fn chunks(
        bytes: &[u8],
        size: usize,
        fail_after: Option<usize>,
    ) -> impl Stream<Item = Result<Bytes, String>> + Unpin {
        let mut items: Vec<Result<Bytes, String>> = bytes
            .chunks(size)
            .map(|c| Ok(Bytes::copy_from_slice(c)))
            .collect();
        if let Some(n) = fail_after {
            items.truncate(n);
            items.push(Err("connection reset".to_owned()));
        }
        futures_util::stream::iter(items)
    }

    fn dir() -> PathBuf {
        std::env::temp_dir().join(format!("techx-videos-{}", uuid::Uuid::new_v4()))
    }

    fn files_in(dir: &Path) -> usize {
        std::fs::read_dir(dir).map_or(0, |d| d.count())
    }

    #[test]
    fn clips_are_known_by_their_first_bytes() {
        assert_eq!(VideoKind::sniff(&mp4(b"isom", 64)), Some(VideoKind::Mp4));
        assert_eq!(VideoKind::sniff(&mp4(b"mp42", 64)), Some(VideoKind::Mp4));
        assert_eq!(VideoKind::sniff(&ebml(b"webm", 64)), Some(VideoKind::Webm));
        for other in [
            mp4(b"heic", 64),
            mp4(b"avif", 64),
            mp4(b"qt  ", 64),
            ebml(b"matroska", 64),
            b"\x89PNG\r\n\x1a\n".to_vec(),
            b"<html><body>".to_vec(),
            Vec::new(),
        ] {
            assert_eq!(VideoKind::sniff(&other), None, "{other:?}");
        }
    }

    #[tokio::test]
    async fn a_clip_streams_into_a_file_and_then_into_the_store() {
        let dir = dir();
        let clip = mp4(b"isom", 300_000);
        let received = receive(chunks(&clip, 8_192, None), &dir, 1_000_000)
            .await
            .unwrap();
        assert_eq!(received.kind, VideoKind::Mp4);
        assert_eq!(received.bytes, 300_000);
        assert_eq!(received.stem.len(), 24);
        let store = app::media::LocalDir::new(dir.join("media"));
        let key = received.store(&store, "videos").await.unwrap();
        assert!(key.starts_with("videos/") && key.ends_with(".mp4"));
        assert_eq!(std::fs::read(dir.join("media").join(&key)).unwrap(), clip);
        // Only the store holds it now.
        assert_eq!(files_in(&dir), 1);
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[tokio::test]
    async fn a_refused_or_broken_upload_leaves_nothing_behind() {
        let dir = dir();
        let refused = |r: Result<ReceivedVideo, Refusal>| r.err().map(|e| e.to_string());
        let picture = mp4(b"heic", 10_000);
        assert_eq!(
            refused(receive(chunks(&picture, 10, None), &dir, 1_000_000).await).as_deref(),
            Some("not a video")
        );
        let big = ebml(b"webm", 5_000);
        assert_eq!(
            refused(receive(chunks(&big, 1_000, None), &dir, 4_000).await).as_deref(),
            Some("too large")
        );
        let broken = receive(chunks(&big, 1_000, Some(3)), &dir, 1_000_000).await;
        assert!(matches!(broken, Err(Refusal::Interrupted(_))));
        assert!(matches!(
            receive(chunks(&[], 1, None), &dir, 10).await,
            Err(Refusal::Empty)
        ));
        // Received, then dropped before it was stored (the form failed elsewhere).
        drop(
            receive(chunks(&big, 1_000, None), &dir, 1_000_000)
                .await
                .unwrap(),
        );
        assert_eq!(files_in(&dir), 0, "no partial file is left");
        std::fs::remove_dir_all(dir).unwrap();
    }
}
