//! Pictures and videos in an S3-compatible bucket: the store against a real S3 protocol peer
//! (moto's server, installed by `scripts/ensure-tools.sh --test`), two servers sharing one
//! bucket, and videos streamed in from a file and served by range from either store.

use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use techx_server::s3::{S3Settings, S3Store};

use crate::on_both_databases;
use crate::support::{NewListing, TestDb, member, reference_data, send, test_router_with_media};
use app::media::ObjectStore;

on_both_databases!(
    pictures_uploaded_through_one_server_are_served_by_another,
    videos_stream_into_either_store_and_are_served_by_range,
);

/// An S3 emulator on a port of its own, stopped when dropped.
struct Emulator {
    child: Child,
    addr: SocketAddr,
}

impl Emulator {
    fn start() -> Self {
        let program = std::env::var_os("TECHX_MOTO_SERVER")
            .map(PathBuf::from)
            .unwrap_or_else(|| {
                PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../.tools/venv/bin/moto_server")
            });
        assert!(
            program.exists(),
            "the S3 emulator is missing at {}: run scripts/ensure-tools.sh --test \
             (or set TECHX_MOTO_SERVER)",
            program.display()
        );
        let addr = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port");
        let child = Command::new(&program)
            .args(["-H", "127.0.0.1", "-p", &addr.port().to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the S3 emulator");
        let started = Instant::now();
        while TcpStream::connect(addr).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "the S3 emulator did not listen on {addr}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        Self { child, addr }
    }

    fn settings(&self, bucket: &str, prefix: &str) -> S3Settings {
        S3Settings {
            endpoint: format!("http://{}", self.addr),
            bucket: bucket.to_owned(),
            region: "us-east-1".to_owned(),
            access_key_id: "techx-test".to_owned(),
            secret_access_key: "techx-test-secret".to_owned(),
            prefix: prefix.to_owned(),
            path_style: true,
        }
    }

    async fn store(&self, bucket: &str, prefix: &str) -> S3Store {
        let store = S3Store::new(&self.settings(bucket, prefix)).expect("S3 settings");
        store.create_bucket().await.expect("create the bucket");
        store
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_s3_store_puts_gets_and_deletes_objects() {
    let s3 = Emulator::start();
    let store = s3.store("techx-media", "site-a").await;
    let picture: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();

    store
        .put("listings/7/abc.jpg", picture.clone())
        .await
        .unwrap();
    assert_eq!(
        store.get("listings/7/abc.jpg").await.unwrap(),
        Some(picture)
    );
    // Replacing keeps the newest.
    store
        .put("listings/7/abc.jpg", b"second".to_vec())
        .await
        .unwrap();
    assert_eq!(
        store.get("listings/7/abc.jpg").await.unwrap().as_deref(),
        Some(&b"second"[..])
    );
    assert_eq!(store.get("listings/7/none.jpg").await.unwrap(), None);

    // The prefix keeps sites apart in one bucket.
    let bare = s3.store("techx-media", "").await;
    assert_eq!(bare.get("listings/7/abc.jpg").await.unwrap(), None);
    assert_eq!(
        bare.get("site-a/listings/7/abc.jpg")
            .await
            .unwrap()
            .as_deref(),
        Some(&b"second"[..])
    );

    store.delete("listings/7/abc.jpg").await.unwrap();
    assert_eq!(store.get("listings/7/abc.jpg").await.unwrap(), None);
    store
        .delete("listings/7/abc.jpg")
        .await
        .expect("deleting a missing object is not an error");

    // Keys the site does not make never reach the bucket.
    assert!(store.put("../escape.jpg", vec![1]).await.is_err());
    assert_eq!(store.get("a//b.jpg").await.unwrap(), None);

    // A wrong endpoint is an error, not a missing picture.
    let nowhere = S3Store::new(&S3Settings {
        endpoint: "http://127.0.0.1:9".to_owned(),
        ..s3.settings("techx-media", "")
    })
    .unwrap();
    assert!(nowhere.get("listings/7/abc.jpg").await.is_err());
}

/// Two server processes, modelled as two routers on one database and one bucket: a picture
/// uploaded through the first is shown by the second; removing it removes it for both.
async fn pictures_uploaded_through_one_server_are_served_by_another(t: TestDb) {
    reference_data(&t.db).await;
    let s3 = Emulator::start();
    let first = test_router_with_media(&t, Arc::new(s3.store("shared", "techx").await));
    let second = test_router_with_media(&t, Arc::new(s3.store("shared", "techx").await));
    let (owner_id, owner) = member(&first, &t, "an@cantho.vn", "mật khẩu của An", "member").await;
    let id = NewListing {
        status: "draft",
        owner_id: Some(owner_id),
        ..NewListing::offer("may-bom", "Máy bơm nước Honda WB20")
    }
    .insert(&t.db)
    .await;

    let mut png = Vec::new();
    image::RgbImage::from_pixel(640, 480, image::Rgb([20, 120, 60]))
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    let boundary = "----techx-s3-boundary";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"images\"; filename=\"bom.png\"\r\n\
         Content-Type: image/png\r\n\r\n"
    )
    .into_bytes();
    body.extend(&png);
    body.extend(format!("\r\n--{boundary}--\r\n").as_bytes());
    let upload = Request::post(format!("/uploads/listings/{id}/images"))
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={boundary}"),
        )
        .header(header::COOKIE, &owner)
        .body(Body::from(body))
        .unwrap();
    let reply = send(&first, upload).await;
    assert!(
        reply.status.is_redirection(),
        "{} {}",
        reply.status,
        reply.body
    );
    assert!(
        !reply.headers[header::LOCATION]
            .to_str()
            .unwrap()
            .contains("__err"),
        "{:?}",
        reply.headers[header::LOCATION]
    );
    assert_eq!(
        std::fs::read_dir(t.media_dir.path()).unwrap().count(),
        0,
        "nothing on the local disk"
    );

    let (image_id, key, thumb): (i64, String, String) =
        sqlx::query_as("SELECT id, image_key, thumb_key FROM listing_images WHERE listing_id = $1")
            .bind(id)
            .fetch_one(&t.db)
            .await
            .unwrap();
    for key in [&key, &thumb] {
        let served = send(
            &second,
            Request::get(format!("/media/{key}"))
                .body(Body::empty())
                .unwrap(),
        )
        .await;
        assert_eq!(
            served.status,
            StatusCode::OK,
            "{key} through the other server"
        );
        assert_eq!(served.headers[header::CONTENT_TYPE], "image/jpeg");
    }

    // Removed through the second server: gone from the bucket for both.
    let remove = crate::support::post_form(
        &second,
        "/api/delete_listing_image",
        &format!("listing_id={id}&image_id={image_id}"),
        Some(&owner),
        false,
    )
    .await;
    assert!(
        remove.status.is_success() || remove.status.is_redirection(),
        "{} {}",
        remove.status,
        remove.body
    );
    let gone = send(
        &first,
        Request::get(format!("/media/{key}"))
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(gone.status, StatusCode::NOT_FOUND);
}

/// A clip of `len` bytes (printable, so a reply's text is its bytes).
fn clip(len: usize) -> Vec<u8> {
    (0..len).map(|i| b'a' + (i % 26) as u8).collect()
}

/// `path` asked with `Range: range` (none when `None`).
async fn ranged(app: &axum::Router, path: &str, range: Option<&str>) -> crate::support::Reply {
    let mut req = Request::get(path);
    if let Some(range) = range {
        req = req.header(header::RANGE, range);
    }
    send(app, req.body(Body::empty()).unwrap()).await
}

async fn videos_stream_into_either_store_and_are_served_by_range(t: TestDb) {
    let s3 = Emulator::start();
    let dir = std::env::temp_dir().join(format!("techx-video-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).unwrap();
    let stores: [Arc<dyn ObjectStore>; 2] = [
        Arc::new(app::media::LocalDir::new(dir.join("media"))),
        Arc::new(s3.store("techx-media", "site-v").await),
    ];
    let bytes = clip(3_000_000);
    for store in stores {
        // Written from a file, never whole in memory.
        let upload = dir.join("upload.part");
        std::fs::write(&upload, &bytes).unwrap();
        store.put_file("videos/1/clip.webm", &upload).await.unwrap();
        let app = test_router_with_media(&t, store.clone());

        let whole = ranged(&app, "/media/videos/1/clip.webm", None).await;
        assert_eq!(whole.status, StatusCode::OK);
        assert_eq!(whole.headers[header::ACCEPT_RANGES], "bytes");
        assert_eq!(whole.headers[header::CONTENT_TYPE], "video/webm");
        assert_eq!(whole.body.len(), bytes.len());

        // A phone seeking: the part asked for, and where it sits.
        let part = ranged(
            &app,
            "/media/videos/1/clip.webm",
            Some("bytes=1000000-1000099"),
        )
        .await;
        assert_eq!(part.status, StatusCode::PARTIAL_CONTENT);
        assert_eq!(
            part.headers[header::CONTENT_RANGE],
            "bytes 1000000-1000099/3000000"
        );
        assert_eq!(part.body.as_bytes(), &bytes[1_000_000..1_000_100]);
        let open = ranged(&app, "/media/videos/1/clip.webm", Some("bytes=2999990-")).await;
        assert_eq!(open.status, StatusCode::PARTIAL_CONTENT);
        assert_eq!(open.body.as_bytes(), &bytes[2_999_990..]);
        let last = ranged(&app, "/media/videos/1/clip.webm", Some("bytes=-5")).await;
        assert_eq!(last.body.as_bytes(), &bytes[2_999_995..]);
        assert_eq!(
            ranged(&app, "/media/videos/1/clip.webm", Some("bytes=3000000-"))
                .await
                .status,
            StatusCode::RANGE_NOT_SATISFIABLE
        );
        assert_eq!(
            ranged(&app, "/media/videos/1/other.webm", None)
                .await
                .status,
            StatusCode::NOT_FOUND
        );
        // Not compressed: a range is of the bytes stored.
        let req = Request::get("/media/videos/1/clip.webm")
            .header(header::RANGE, "bytes=0-99")
            .header(header::ACCEPT_ENCODING, "gzip, br");
        let plain = send(&app, req.body(Body::empty()).unwrap()).await;
        assert!(plain.headers.get(header::CONTENT_ENCODING).is_none());
        store.delete("videos/1/clip.webm").await.unwrap();
    }
    std::fs::remove_dir_all(dir).unwrap();
}
