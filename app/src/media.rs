//! Where uploaded pictures live: an object store, reached through [`ObjectStore`] so the server
//! can keep them in a local directory (the default) or any store several server processes share.
//! Keys are content hashes, so an object never changes once written.

use std::future::Future;
use std::path::PathBuf;
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
}
