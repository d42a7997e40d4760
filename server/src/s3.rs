//! Pictures in an S3-compatible bucket (AWS S3, MinIO, Cloudflare R2, Ceph …), so several server
//! processes share them. Requests are signed with AWS Signature V4 in the query string
//! (presigned for a minute) and sent over rustls.

use std::time::Duration;

use app::media::{ByteRange, ObjectStore, Ranged, StoreFuture, invalid_key, valid_key};
use reqwest::StatusCode;
use rusty_s3::{Bucket, Credentials, S3Action, UrlStyle};

/// How long one signed request stays valid: enough for a slow upload to start.
const SIGNED_FOR: Duration = Duration::from_secs(60);

/// Where the bucket is and how to reach it.
#[derive(Debug, Clone)]
pub struct S3Settings {
    /// `https://s3.ap-southeast-1.amazonaws.com`, `http://127.0.0.1:9000` …
    pub endpoint: String,
    pub bucket: String,
    pub region: String,
    pub access_key_id: String,
    pub secret_access_key: String,
    /// Keys are stored under this prefix (`techx/`), so one bucket can serve several sites.
    pub prefix: String,
    /// Bucket in the path (`endpoint/bucket/key`, what MinIO and most emulators expect) rather
    /// than in the host name (`bucket.endpoint/key`).
    pub path_style: bool,
}

/// An [`ObjectStore`] backed by one S3 bucket.
#[derive(Debug, Clone)]
pub struct S3Store {
    bucket: Bucket,
    credentials: Credentials,
    prefix: String,
    http: reqwest::Client,
    /// For videos: no limit on the whole exchange (500 MB take minutes on a slow line), only on
    /// silence.
    bulk: reqwest::Client,
}

fn failed(what: &str, key: &str, detail: impl std::fmt::Display) -> std::io::Error {
    std::io::Error::other(format!("S3 {what} {key}: {detail}"))
}

/// The error for a request the service answered with a refusal: its status and what it said.
async fn refused(what: &str, key: &str, reply: reqwest::Response) -> std::io::Error {
    let status = reply.status();
    failed(
        what,
        key,
        format!("{status} {}", reply.text().await.unwrap_or_default()),
    )
}

impl S3Store {
    /// A store for the bucket `settings` name. Nothing is sent until the first request.
    pub fn new(settings: &S3Settings) -> anyhow::Result<Self> {
        let endpoint = settings
            .endpoint
            .parse()
            .map_err(|e| anyhow::anyhow!("S3 endpoint {:?}: {e}", settings.endpoint))?;
        let style = if settings.path_style {
            UrlStyle::Path
        } else {
            UrlStyle::VirtualHost
        };
        let bucket = Bucket::new(
            endpoint,
            style,
            settings.bucket.clone(),
            settings.region.clone(),
        )
        .map_err(|e| anyhow::anyhow!("S3 bucket {:?}: {e}", settings.bucket))?;
        let prefix = settings.prefix.trim_matches('/');
        let http = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(10))
            .timeout(Duration::from_secs(120))
            .build()?;
        let bulk = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(10))
            .read_timeout(Duration::from_secs(60))
            .build()?;
        Ok(Self {
            bucket,
            credentials: Credentials::new(&settings.access_key_id, &settings.secret_access_key),
            prefix: if prefix.is_empty() {
                String::new()
            } else {
                format!("{prefix}/")
            },
            http,
            bulk,
        })
    }

    fn object(&self, key: &str) -> String {
        format!("{}{key}", self.prefix)
    }

    /// Creates the bucket if it does not exist yet (for tests and first set-up; in production
    /// the bucket is usually made by whoever grants the keys).
    pub async fn create_bucket(&self) -> anyhow::Result<()> {
        let url = self
            .bucket
            .create_bucket(&self.credentials)
            .sign(SIGNED_FOR);
        let reply = self
            .http
            .put(url)
            .header(reqwest::header::CONTENT_LENGTH, "0")
            .send()
            .await?;
        match reply.status() {
            s if s.is_success() || s == StatusCode::CONFLICT => Ok(()),
            _ => Err(refused("create bucket", self.bucket.name(), reply)
                .await
                .into()),
        }
    }
}

/// The content type a key's extension names, as the site serves it.
fn content_type(key: &str) -> &'static str {
    match key.rsplit('.').next() {
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("png") => "image/png",
        Some("webp") => "image/webp",
        Some("mp4") => "video/mp4",
        Some("webm") => "video/webm",
        Some("vtt") => "text/vtt",
        _ => "application/octet-stream",
    }
}

impl ObjectStore for S3Store {
    fn put<'a>(&'a self, key: &'a str, bytes: Vec<u8>) -> StoreFuture<'a, ()> {
        Box::pin(async move {
            if !valid_key(key) {
                return Err(invalid_key(key));
            }
            let url = self
                .bucket
                .put_object(Some(&self.credentials), &self.object(key))
                .sign(SIGNED_FOR);
            let reply = self
                .http
                .put(url)
                .header(reqwest::header::CONTENT_TYPE, content_type(key))
                .body(bytes)
                .send()
                .await
                .map_err(|e| failed("put", key, e))?;
            if reply.status().is_success() {
                Ok(())
            } else {
                Err(refused("put", key, reply).await)
            }
        })
    }

    fn get<'a>(&'a self, key: &'a str) -> StoreFuture<'a, Option<Vec<u8>>> {
        Box::pin(async move {
            if !valid_key(key) {
                return Ok(None);
            }
            let url = self
                .bucket
                .get_object(Some(&self.credentials), &self.object(key))
                .sign(SIGNED_FOR);
            let reply = self
                .http
                .get(url)
                .send()
                .await
                .map_err(|e| failed("get", key, e))?;
            match reply.status() {
                StatusCode::NOT_FOUND => Ok(None),
                s if s.is_success() => Ok(Some(
                    reply
                        .bytes()
                        .await
                        .map_err(|e| failed("get", key, e))?
                        .to_vec(),
                )),
                _ => Err(refused("get", key, reply).await),
            }
        })
    }

    fn delete<'a>(&'a self, key: &'a str) -> StoreFuture<'a, ()> {
        Box::pin(async move {
            if !valid_key(key) {
                return Err(invalid_key(key));
            }
            let url = self
                .bucket
                .delete_object(Some(&self.credentials), &self.object(key))
                .sign(SIGNED_FOR);
            let reply = self
                .http
                .delete(url)
                .send()
                .await
                .map_err(|e| failed("delete", key, e))?;
            // S3 answers 204 whether or not the object was there; some emulators say 404.
            match reply.status() {
                s if s.is_success() || s == StatusCode::NOT_FOUND => Ok(()),
                _ => Err(refused("delete", key, reply).await),
            }
        })
    }

    fn put_file<'a>(&'a self, key: &'a str, path: &'a std::path::Path) -> StoreFuture<'a, ()> {
        Box::pin(async move {
            if !valid_key(key) {
                return Err(invalid_key(key));
            }
            let file = tokio::fs::File::open(path).await?;
            let length = file.metadata().await?.len();
            // Signed for the request's start; the body then streams for as long as it takes.
            let url = self
                .bucket
                .put_object(Some(&self.credentials), &self.object(key))
                .sign(SIGNED_FOR);
            let body = reqwest::Body::wrap_stream(tokio_util::io::ReaderStream::new(file));
            let reply = self
                .bulk
                .put(url)
                .header(reqwest::header::CONTENT_TYPE, content_type(key))
                .header(reqwest::header::CONTENT_LENGTH, length)
                .body(body)
                .send()
                .await
                .map_err(|e| failed("put", key, e))?;
            if reply.status().is_success() {
                Ok(())
            } else {
                Err(refused("put", key, reply).await)
            }
        })
    }

    fn get_range<'a>(
        &'a self,
        key: &'a str,
        range: Option<ByteRange>,
    ) -> StoreFuture<'a, Option<Ranged>> {
        Box::pin(async move {
            use futures_util::TryStreamExt;

            if !valid_key(key) {
                return Ok(None);
            }
            let url = self
                .bucket
                .get_object(Some(&self.credentials), &self.object(key))
                .sign(SIGNED_FOR);
            let mut request = self.bulk.get(url);
            if let Some(range) = range {
                let spec = match (range.suffix, range.end) {
                    (true, _) => format!("bytes=-{}", range.start),
                    (false, Some(end)) => format!("bytes={}-{end}", range.start),
                    (false, None) => format!("bytes={}-", range.start),
                };
                request = request.header(reqwest::header::RANGE, spec);
            }
            let reply = request.send().await.map_err(|e| failed("get", key, e))?;
            let (total, start, end) = match reply.status() {
                StatusCode::NOT_FOUND => return Ok(None),
                StatusCode::RANGE_NOT_SATISFIABLE => {
                    return Err(std::io::Error::new(
                        std::io::ErrorKind::InvalidInput,
                        format!("range past the end of {key}"),
                    ));
                }
                StatusCode::PARTIAL_CONTENT => reply
                    .headers()
                    .get(reqwest::header::CONTENT_RANGE)
                    .and_then(|v| v.to_str().ok())
                    .and_then(content_range)
                    .ok_or_else(|| failed("get", key, "a 206 without its Content-Range"))?,
                s if s.is_success() => {
                    let total = reply.content_length().unwrap_or(0);
                    (total, 0, total.saturating_sub(1))
                }
                _ => return Err(refused("get", key, reply).await),
            };
            let stream = reply.bytes_stream().map_err(std::io::Error::other);
            Ok(Some(Ranged {
                total,
                start,
                end,
                body: axum::body::Body::from_stream(stream),
            }))
        })
    }
}

/// `bytes start-end/total` of a `Content-Range` header: (total, start, end).
fn content_range(value: &str) -> Option<(u64, u64, u64)> {
    let (span, total) = value.strip_prefix("bytes ")?.split_once('/')?;
    let (start, end) = span.split_once('-')?;
    Some((total.parse().ok()?, start.parse().ok()?, end.parse().ok()?))
}
