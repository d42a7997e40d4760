//! Where uploaded pictures live: an object store, reached through [`ObjectStore`] so the server
//! can keep them in a local directory (the default) or any store several server processes share.
//! Keys are content hashes, so an object never changes once written.
//!
//! Videos are too large to hold in memory: they are written from a file ([`ObjectStore::put_file`])
//! and read a range at a time as a stream ([`ObjectStore::get_range`]), so a phone can seek.

use std::future::Future;
use std::path::{Path, PathBuf};
use std::pin::Pin;

/// What a store operation returns.
pub type StoreFuture<'a, T> = Pin<Box<dyn Future<Output = std::io::Result<T>> + Send + 'a>>;

/// A place to put, read and remove objects by key (`listings/12/ab34….jpg`).
pub trait ObjectStore: Send + Sync + 'static {
    /// Stores `bytes` under `key`, replacing what was there.
    fn put<'a>(&'a self, key: &'a str, bytes: Vec<u8>) -> StoreFuture<'a, ()>;
    /// The object under `key`, if there is one.
    fn get<'a>(&'a self, key: &'a str) -> StoreFuture<'a, Option<Vec<u8>>>;
    /// Removes the object under `key`; removing a missing object is not an error.
    fn delete<'a>(&'a self, key: &'a str) -> StoreFuture<'a, ()>;
    /// Stores the file at `path` under `key`, streamed: never whole in memory. The file is left
    /// where it is (or moved, when the store is a directory on the same disk).
    fn put_file<'a>(&'a self, key: &'a str, path: &'a Path) -> StoreFuture<'a, ()>;
    /// Bytes `range` of the object under `key` (all of it for `None`) as a stream, with the
    /// object's size; `None` when there is no such object. A range past the end is cut to it;
    /// one starting past the end is an error of kind `InvalidInput`.
    fn get_range<'a>(
        &'a self,
        key: &'a str,
        range: Option<ByteRange>,
    ) -> StoreFuture<'a, Option<Ranged>>;
}

/// Bytes `start` to `end` (inclusive; to the object's end when `None`), as asked by a
/// `Range: bytes=start-end` header; or the last `start` bytes when `suffix` (`bytes=-N`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ByteRange {
    pub start: u64,
    pub end: Option<u64>,
    pub suffix: bool,
}

impl ByteRange {
    /// The one range a `Range` header asks for (`bytes=0-`, `bytes=100-199`, `bytes=-500`);
    /// `None` for several ranges or anything else (the whole object is then sent, as RFC 9110
    /// allows).
    pub fn parse(header: &str) -> Option<Self> {
        let spec = header.trim().strip_prefix("bytes=")?;
        if spec.contains(',') {
            return None;
        }
        let (start, end) = spec.split_once('-')?;
        let (start, end) = (start.trim(), end.trim());
        if start.is_empty() {
            let last: u64 = end.parse().ok()?;
            return (last > 0).then_some(Self {
                start: last,
                end: None,
                suffix: true,
            });
        }
        let start: u64 = start.parse().ok()?;
        let end = if end.is_empty() {
            None
        } else {
            let end: u64 = end.parse().ok()?;
            if end < start {
                return None;
            }
            Some(end)
        };
        Some(Self {
            start,
            end,
            suffix: false,
        })
    }

    /// The first and last byte asked for, in an object of `total` bytes; `None` when the range
    /// starts past its end (416).
    pub fn within(&self, total: u64) -> Option<(u64, u64)> {
        if total == 0 {
            return None;
        }
        if self.suffix {
            return Some((total.saturating_sub(self.start), total - 1));
        }
        if self.start >= total {
            return None;
        }
        Some((self.start, self.end.map_or(total - 1, |e| e.min(total - 1))))
    }
}

/// Part of an object, streamed: bytes `start..=end` of `total`.
pub struct Ranged {
    pub total: u64,
    pub start: u64,
    pub end: u64,
    pub body: axum::body::Body,
}

/// The error for a range starting past the object's end.
fn unsatisfiable(key: &str) -> std::io::Error {
    std::io::Error::new(
        std::io::ErrorKind::InvalidInput,
        format!("range past the end of {key}"),
    )
}

/// Whether `key` is one this site makes: lowercase letters, digits, `-`, `_`, `.` in `/`-separated
/// parts, none empty nor starting with a dot. Anything else (`..`, absolute paths) is refused
/// before it reaches a store.
pub fn valid_key(key: &str) -> bool {
    !key.is_empty()
        && key.len() <= 200
        && key.split('/').all(|part| {
            !part.is_empty()
                && !part.starts_with('.')
                && part
                    .bytes()
                    .all(|b| matches!(b, b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.'))
        })
}

/// The error a store gives for a key [`valid_key`] refuses.
pub fn invalid_key(key: &str) -> std::io::Error {
    std::io::Error::new(
        std::io::ErrorKind::InvalidInput,
        format!("not an object key: {key:?}"),
    )
}

/// Objects as files under a directory (the default store).
#[derive(Debug, Clone)]
pub struct LocalDir {
    root: PathBuf,
}

impl LocalDir {
    /// A store keeping its objects under `root` (created when first written to).
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self { root: root.into() }
    }
}

impl ObjectStore for LocalDir {
    fn put<'a>(&'a self, key: &'a str, bytes: Vec<u8>) -> StoreFuture<'a, ()> {
        Box::pin(async move {
            if !valid_key(key) {
                return Err(invalid_key(key));
            }
            let path = self.root.join(key);
            if let Some(dir) = path.parent() {
                tokio::fs::create_dir_all(dir).await?;
            }
            // Written aside then renamed: a reader never sees half a picture.
            let partial = path.with_extension(format!("partial-{}", std::process::id()));
            tokio::fs::write(&partial, bytes).await?;
            tokio::fs::rename(&partial, &path).await
        })
    }

    fn get<'a>(&'a self, key: &'a str) -> StoreFuture<'a, Option<Vec<u8>>> {
        Box::pin(async move {
            if !valid_key(key) {
                return Ok(None);
            }
            match tokio::fs::read(self.root.join(key)).await {
                Ok(bytes) => Ok(Some(bytes)),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
                Err(e) => Err(e),
            }
        })
    }

    fn delete<'a>(&'a self, key: &'a str) -> StoreFuture<'a, ()> {
        Box::pin(async move {
            if !valid_key(key) {
                return Err(invalid_key(key));
            }
            match tokio::fs::remove_file(self.root.join(key)).await {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
                _ => Ok(()),
            }
        })
    }

    fn put_file<'a>(&'a self, key: &'a str, path: &'a Path) -> StoreFuture<'a, ()> {
        Box::pin(async move {
            if !valid_key(key) {
                return Err(invalid_key(key));
            }
            let target = self.root.join(key);
            if let Some(dir) = target.parent() {
                tokio::fs::create_dir_all(dir).await?;
            }
            // Moved when on the same disk; else copied aside, then renamed.
            if tokio::fs::rename(path, &target).await.is_ok() {
                return Ok(());
            }
            let partial = target.with_extension(format!("partial-{}", std::process::id()));
            if let Err(e) = tokio::fs::copy(path, &partial).await {
                let _ = tokio::fs::remove_file(&partial).await;
                return Err(e);
            }
            tokio::fs::rename(&partial, &target).await
        })
    }

    fn get_range<'a>(
        &'a self,
        key: &'a str,
        range: Option<ByteRange>,
    ) -> StoreFuture<'a, Option<Ranged>> {
        Box::pin(async move {
            use tokio::io::{AsyncReadExt, AsyncSeekExt};

            if !valid_key(key) {
                return Ok(None);
            }
            let mut file = match tokio::fs::File::open(self.root.join(key)).await {
                Ok(file) => file,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
                Err(e) => return Err(e),
            };
            let total = file.metadata().await?.len();
            let (start, end) = match range {
                Some(range) => range.within(total).ok_or_else(|| unsatisfiable(key))?,
                None => (0, total.saturating_sub(1)),
            };
            file.seek(std::io::SeekFrom::Start(start)).await?;
            let length = if total == 0 { 0 } else { end - start + 1 };
            let stream = tokio_util::io::ReaderStream::new(file.take(length));
            Ok(Some(Ranged {
                total,
                start,
                end,
                body: axum::body::Body::from_stream(stream),
            }))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_keys_the_site_makes_are_accepted() {
        assert!(valid_key("listings/12/0a1b2c.jpg"));
        assert!(valid_key("demo/co-khi-3_t.jpg"));
        for bad in [
            "",
            "../etc/passwd",
            "listings/../../x",
            "/abs.jpg",
            "listings//x.jpg",
            "Listings/X.JPG",
            "listings/.hidden",
            "a b.jpg",
        ] {
            assert!(!valid_key(bad), "{bad}");
        }
    }

    #[tokio::test]
    async fn a_local_directory_stores_reads_and_removes_objects() {
        let dir = std::env::temp_dir().join(format!("techx-media-{}", std::process::id()));
        let store = LocalDir::new(&dir);
        store.put("listings/1/a.jpg", vec![1, 2, 3]).await.unwrap();
        assert_eq!(
            store.get("listings/1/a.jpg").await.unwrap(),
            Some(vec![1, 2, 3])
        );
        assert_eq!(store.get("listings/1/b.jpg").await.unwrap(), None);
        assert_eq!(store.get("../secret").await.unwrap(), None);
        assert!(store.put("../escape.jpg", vec![0]).await.is_err());
        store.delete("listings/1/a.jpg").await.unwrap();
        store.delete("listings/1/a.jpg").await.unwrap();
        assert_eq!(store.get("listings/1/a.jpg").await.unwrap(), None);
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn range_headers_are_read_as_rfc_9110_says() {
        let range = |h| ByteRange::parse(h);
        assert_eq!(range("bytes=0-").unwrap().within(10), Some((0, 9)));
        assert_eq!(range("bytes=2-4").unwrap().within(10), Some((2, 4)));
        assert_eq!(range("bytes=2-400").unwrap().within(10), Some((2, 9)));
        assert_eq!(range("bytes=-3").unwrap().within(10), Some((7, 9)));
        assert_eq!(range("bytes=-30").unwrap().within(10), Some((0, 9)));
        assert_eq!(range("bytes=10-").unwrap().within(10), None);
        for ignored in [
            "bytes=4-2",
            "bytes=0-1,4-5",
            "items=0-1",
            "bytes=-0",
            "bytes=x-",
        ] {
            assert_eq!(range(ignored), None, "{ignored}");
        }
    }

    async fn read(ranged: Ranged) -> Vec<u8> {
        axum::body::to_bytes(ranged.body, usize::MAX)
            .await
            .unwrap()
            .to_vec()
    }

    #[tokio::test]
    async fn a_local_directory_stores_files_and_reads_ranges() {
        let dir = std::env::temp_dir().join(format!("techx-media-range-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let upload = dir.join("upload.part");
        std::fs::write(&upload, (0..=99u8).collect::<Vec<_>>()).unwrap();
        let store = LocalDir::new(dir.join("store"));
        store.put_file("videos/1/a.webm", &upload).await.unwrap();
        let whole = store
            .get_range("videos/1/a.webm", None)
            .await
            .unwrap()
            .unwrap();
        assert_eq!((whole.total, whole.start, whole.end), (100, 0, 99));
        assert_eq!(read(whole).await.len(), 100);
        let part = store
            .get_range("videos/1/a.webm", ByteRange::parse("bytes=10-19"))
            .await
            .unwrap()
            .unwrap();
        assert_eq!((part.start, part.end), (10, 19));
        assert_eq!(read(part).await, (10..=19u8).collect::<Vec<_>>());
        let past = store
            .get_range("videos/1/a.webm", ByteRange::parse("bytes=100-"))
            .await;
        assert_eq!(
            past.err().map(|e| e.kind()),
            Some(std::io::ErrorKind::InvalidInput)
        );
        assert!(
            store
                .get_range("videos/1/b.webm", None)
                .await
                .unwrap()
                .is_none()
        );
        std::fs::remove_dir_all(dir).unwrap();
    }
}
