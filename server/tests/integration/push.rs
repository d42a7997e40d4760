//! Web push: a member's device subscribes from the alerts page; their notifications and new
//! messages reach a push service of the test's own, encrypted to the device (decrypted here with
//! its key, RFC 8291) and signed with the server's VAPID key (RFC 8292); each is pushed once, even
//! by two passes at once; gone devices, logged-out browsers and stale news are left out; foreign
//! endpoints and bad keys are refused.

use std::sync::{Arc, Mutex};

use app::db::now_ms;
use axum::Router;
use axum::http::{HeaderMap, StatusCode};
use base64ct::{Base64UrlUnpadded, Encoding};
use techx_server::push::{Pusher, Sent};
use web_push_native::jwt_simple::prelude::{
    ECDSAP256PublicKeyLike, ES256PublicKey, NoCustomClaims, VerificationOptions,
};
use web_push_native::p256;

use crate::on_both_databases;
use crate::support::{
    NewListing, TestDb, error_pairs, form_value, member, post_form, reference_data,
};

on_both_databases!(
    a_device_hears_of_notifications_and_messages_encrypted_and_signed,
    each_notification_is_pushed_once_by_passes_at_once,
    gone_devices_and_logged_out_browsers_are_forgotten,
    subscribing_refuses_foreign_endpoints_and_bad_keys,
);

/// A push as the push service received it: its path, headers and body.
type Received = (String, HeaderMap, Vec<u8>);

/// A push service of the test's own: it keeps what it is sent, answering 410 at `/gone/…` and
/// 201 elsewhere.
struct PushService {
    host: String,
    received: Arc<Mutex<Vec<Received>>>,
}

impl PushService {
    async fn start() -> Self {
        let received: Arc<Mutex<Vec<Received>>> = Arc::default();
        let kept = Arc::clone(&received);
        let service = Router::new().fallback(
            move |uri: axum::http::Uri, headers: HeaderMap, body: axum::body::Bytes| {
                let kept = Arc::clone(&kept);
                async move {
                    let path = uri.path().to_owned();
                    let status = if path.starts_with("/gone/") {
                        StatusCode::GONE
                    } else {
                        StatusCode::CREATED
                    };
                    kept.lock().unwrap().push((path, headers, body.to_vec()));
                    status
                }
            },
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let host = listener.local_addr().unwrap().to_string();
        tokio::spawn(async move { axum::serve(listener, service).await });
        Self { host, received }
    }

    fn endpoint(&self, path: &str) -> String {
        format!("http://{}{path}", self.host)
    }

    fn take(&self) -> Vec<Received> {
        std::mem::take(&mut *self.received.lock().unwrap())
    }
}

/// A device: its key pair and authentication secret, as a browser makes them.
struct Device {
    secret: p256::SecretKey,
    auth: [u8; 16],
}

impl Device {
    fn new(seed: u8) -> Self {
        Self {
            secret: p256::SecretKey::from_slice(&[seed; 32]).unwrap(),
            auth: [seed.wrapping_add(1); 16],
        }
    }

    fn p256dh(&self) -> String {
        use p256::elliptic_curve::sec1::ToEncodedPoint;
        Base64UrlUnpadded::encode_string(
            self.secret.public_key().to_encoded_point(false).as_bytes(),
        )
    }

    fn form(&self, endpoint: &str) -> String {
        format!(
            "endpoint={}&p256dh={}&auth={}",
            form_value(endpoint),
            self.p256dh(),
            Base64UrlUnpadded::encode_string(&self.auth)
        )
    }

    /// The push as the device reads it.
    fn open(&self, body: &[u8]) -> app::push::PushMessage {
        let plain = web_push_native::decrypt(
            body.to_vec(),
            &self.secret,
            web_push_native::Auth::from_slice(&self.auth),
        )
        .expect("the push decrypts with the device's keys");
        serde_json::from_slice(&plain).unwrap()
    }
}

fn app(t: &TestDb, service: &PushService) -> Router {
    crate::support::test_router_customised(t, |ctx| {
        ctx.with_push_hosts(std::slice::from_ref(&service.host))
    })
}

async fn count(t: &TestDb, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(&t.db).await.unwrap()
}

/// A notification that listing `listing` satisfies `user`'s saved search, made `age_ms` ago.
async fn alert(t: &TestDb, user: i64, listing: i64, title: &str, age_ms: i64) {
    sqlx::query(
        "INSERT INTO notifications (user_id, kind, listing_id, title, detail, created_at)
         VALUES ($1, 'alert', $2, $3, 'Máy bơm', $4)",
    )
    .bind(user)
    .bind(listing)
    .bind(title)
    .bind(now_ms() - age_ms)
    .execute(&t.db)
    .await
    .unwrap();
}

fn pusher() -> Pusher {
    Pusher::new("Sàn Giao dịch Công nghệ <ops@techx.test>").unwrap()
}

async fn a_device_hears_of_notifications_and_messages_encrypted_and_signed(t: TestDb) {
    reference_data(&t.db).await;
    let service = PushService::start().await;
    let app = app(&t, &service);
    let (an, an_cookie) = member(&app, &t, "an@push.test", "mat-khau-an-1", "member").await;
    let (binh, _) = member(&app, &t, "binh@push.test", "mat-khau-binh-1", "member").await;
    let device = Device::new(7);
    let reply = post_form(
        &app,
        "/api/push_subscribe",
        &device.form(&service.endpoint("/ok/an-phone")),
        Some(&an_cookie),
        false,
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);

    // A new listing for An's saved search, and Bình's question about An's own listing.
    let pump = NewListing::offer("may-bom-chim", "Máy bơm chìm 2 HP")
        .insert(&t.db)
        .await;
    alert(&t, an, pump, "Máy bơm chìm 2 HP", 0).await;
    let own = NewListing {
        owner_id: Some(an),
        ..NewListing::offer("may-say-lua", "Máy sấy lúa 10 tấn")
    }
    .insert(&t.db)
    .await;
    let mut conn = t.db.acquire().await.unwrap();
    let conversation = app::db::inquiries::open(&mut conn, own, binh, now_ms())
        .await
        .unwrap();
    app::db::inquiries::add_message(
        &mut conn,
        conversation,
        binh,
        "Máy còn không anh? Giao về Sóc Trăng được không?",
        now_ms(),
    )
    .await
    .unwrap();
    drop(conn);

    let sent = pusher().pass(&t.db).await.unwrap();
    assert_eq!(
        sent,
        Sent {
            delivered: 2,
            gone: 0,
            failed: 0
        }
    );
    let vapid = app::db::push::vapid(&t.db).await.unwrap();
    let mut messages = Vec::new();
    for (path, headers, body) in service.take() {
        assert_eq!(path, "/ok/an-phone");
        assert_eq!(headers["content-encoding"], "aes128gcm");
        assert!(headers["ttl"].to_str().unwrap().parse::<u64>().unwrap() > 0);
        assert_eq!(headers["urgency"], "normal");
        // Signed by the server's key, for this push service, naming who runs the server.
        let authorization = headers["authorization"].to_str().unwrap();
        let (token, key) = authorization
            .strip_prefix("vapid t=")
            .and_then(|rest| rest.split_once(", k="))
            .expect("a VAPID authorization");
        assert_eq!(key, vapid.public);
        let public =
            ES256PublicKey::from_bytes(&Base64UrlUnpadded::decode_vec(key).unwrap()).unwrap();
        let claims = public
            .verify_token::<NoCustomClaims>(
                token,
                Some(VerificationOptions {
                    allowed_audiences: Some(["http://127.0.0.1".to_owned()].into()),
                    ..Default::default()
                }),
            )
            .expect("the VAPID token verifies");
        assert_eq!(claims.subject.as_deref(), Some("mailto:ops@techx.test"));
        assert!(!String::from_utf8_lossy(&body).contains("Máy"), "encrypted");
        messages.push(device.open(&body));
    }
    messages.sort_by(|a, b| a.url.cmp(&b.url));
    assert_eq!(messages.len(), 2);
    assert_eq!(
        messages[0].url,
        format!("/account/inquiries/{conversation}")
    );
    assert_eq!(messages[0].title, "Thành viên về “Máy sấy lúa 10 tấn”");
    assert_eq!(
        messages[0].body,
        "Máy còn không anh? Giao về Sóc Trăng được không?"
    );
    assert_eq!(messages[1].url, "/listings/may-bom-chim");
    assert_eq!(messages[1].title, "Máy bơm chìm 2 HP");
    assert_eq!(messages[1].body, "Tin mới phù hợp với tìm kiếm “Máy bơm”");

    // The device is listed on the alerts page as this browser's, with when it last heard.
    let page = crate::support::get_with(&app, "/account/alerts", Some(&an_cookie)).await;
    assert!(
        page.body.contains(r#"data-testid="push-device""#),
        "{}",
        page.body
    );
    assert_eq!(
        count(
            &t,
            "SELECT COUNT(*) FROM push_subscriptions WHERE last_sent_at IS NOT NULL"
        )
        .await,
        1
    );

    // Bình has no device: his notification is claimed and nothing is sent.
    alert(&t, binh, pump, "Máy bơm chìm 2 HP", 0).await;
    assert_eq!(pusher().pass(&t.db).await.unwrap(), Sent::default());
    assert!(service.take().is_empty());
    assert_eq!(
        count(
            &t,
            "SELECT COUNT(*) FROM notifications WHERE pushed_at IS NULL"
        )
        .await,
        0
    );

    // News from before the server last looked (it was down an hour) is not pushed.
    alert(&t, an, pump, "Máy bơm chìm 2 HP", 60 * 60 * 1000).await;
    assert_eq!(pusher().pass(&t.db).await.unwrap(), Sent::default());
    assert!(service.take().is_empty());
}

async fn each_notification_is_pushed_once_by_passes_at_once(t: TestDb) {
    reference_data(&t.db).await;
    let service = PushService::start().await;
    let app = app(&t, &service);
    let (an, cookie) = member(&app, &t, "an@push.test", "mat-khau-an-1", "member").await;
    for (seed, name) in [(3, "/ok/phone"), (4, "/ok/laptop")] {
        let reply = post_form(
            &app,
            "/api/push_subscribe",
            &Device::new(seed).form(&service.endpoint(name)),
            Some(&cookie),
            false,
        )
        .await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    }
    let pump = NewListing::offer("may-bom", "Máy bơm").insert(&t.db).await;
    for _ in 0..30 {
        alert(&t, an, pump, "Máy bơm", 0).await;
    }
    // Two server processes' passes at once (on PostgreSQL, over two connections).
    let (first, second) = (pusher(), pusher());
    let (one, two) = tokio::join!(first.pass(&t.db), second.pass(&t.db));
    let (one, two) = (one.unwrap(), two.unwrap());
    assert_eq!(one.delivered + two.delivered, 60, "{one:?} {two:?}");
    let received = service.take();
    assert_eq!(received.len(), 60);
    assert_eq!(
        received
            .iter()
            .filter(|(path, ..)| path == "/ok/phone")
            .count(),
        30
    );
}

async fn gone_devices_and_logged_out_browsers_are_forgotten(t: TestDb) {
    reference_data(&t.db).await;
    let service = PushService::start().await;
    let app = app(&t, &service);
    let (an, cookie) = member(&app, &t, "an@push.test", "mat-khau-an-1", "member").await;
    let subscribe = |endpoint: String, cookie: String| {
        let app = app.clone();
        async move {
            let reply = post_form(
                &app,
                "/api/push_subscribe",
                &Device::new(9).form(&endpoint),
                Some(&cookie),
                false,
            )
            .await;
            assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        }
    };

    // The push service says the subscription is gone: it is forgotten.
    subscribe(service.endpoint("/gone/old-phone"), cookie.clone()).await;
    let pump = NewListing::offer("may-bom", "Máy bơm").insert(&t.db).await;
    alert(&t, an, pump, "Máy bơm", 0).await;
    let sent = pusher().pass(&t.db).await.unwrap();
    assert_eq!(sent.gone, 1, "{sent:?}");
    assert_eq!(
        count(&t, "SELECT COUNT(*) FROM push_subscriptions").await,
        0
    );

    // Logging out of the browser forgets its device.
    subscribe(service.endpoint("/ok/phone"), cookie.clone()).await;
    assert_eq!(
        count(&t, "SELECT COUNT(*) FROM push_subscriptions").await,
        1
    );
    let reply = post_form(&app, "/api/log_out", "", Some(&cookie), true).await;
    assert!(reply.status.is_redirection(), "{}", reply.status);
    assert_eq!(
        count(&t, "SELECT COUNT(*) FROM push_subscriptions").await,
        0
    );

    // A session ended elsewhere (all sessions revoked after a password reset) is not pushed to,
    // and its device is forgotten by the next sweep.
    let again = crate::support::session_cookie(
        &crate::support::log_in(&app, "an@push.test", "mat-khau-an-1").await,
    );
    subscribe(service.endpoint("/ok/phone"), again).await;
    app::db::accounts::revoke_all_sessions(&t.db, an, now_ms())
        .await
        .unwrap();
    alert(&t, an, pump, "Máy bơm", 0).await;
    assert_eq!(pusher().pass(&t.db).await.unwrap(), Sent::default());
    assert!(service.take().iter().all(|(path, ..)| path != "/ok/phone"));
    assert_eq!(
        app::db::push::forget_ended_sessions(&t.db, now_ms())
            .await
            .unwrap(),
        1
    );
}

async fn subscribing_refuses_foreign_endpoints_and_bad_keys(t: TestDb) {
    reference_data(&t.db).await;
    let service = PushService::start().await;
    let app = app(&t, &service);
    let (_, an) = member(&app, &t, "an@push.test", "mat-khau-an-1", "member").await;
    let (_, binh) = member(&app, &t, "binh@push.test", "mat-khau-binh-1", "member").await;
    let device = Device::new(5);

    // Anywhere but a push service (here, the database's port) is refused.
    let reply = post_form(
        &app,
        "/api/push_subscribe",
        &device.form("http://127.0.0.1:5432/"),
        Some(&an),
        false,
    )
    .await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        error_pairs(&reply),
        [("endpoint".to_owned(), "push_endpoint".to_owned())]
    );
    // Keys that are not a P-256 point and a 16-byte secret.
    let form = format!(
        "endpoint={}&p256dh=AAAA&auth=short",
        form_value(&service.endpoint("/ok/x"))
    );
    let reply = post_form(&app, "/api/push_subscribe", &form, Some(&an), false).await;
    assert_eq!(
        error_pairs(&reply),
        [("p256dh".to_owned(), "push_keys".to_owned())]
    );
    // A visitor cannot subscribe.
    let reply = post_form(
        &app,
        "/api/push_subscribe",
        &device.form(&service.endpoint("/ok/x")),
        None,
        false,
    )
    .await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        count(&t, "SELECT COUNT(*) FROM push_subscriptions").await,
        0
    );

    // Another member cannot remove An's device.
    let reply = post_form(
        &app,
        "/api/push_subscribe",
        &device.form(&service.endpoint("/ok/an")),
        Some(&an),
        false,
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK);
    let id: i64 = sqlx::query_scalar("SELECT id FROM push_subscriptions")
        .fetch_one(&t.db)
        .await
        .unwrap();
    let reply = post_form(
        &app,
        "/api/push_unsubscribe",
        &format!("id={id}"),
        Some(&binh),
        false,
    )
    .await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    // An removes it from the list (a plain form, no JavaScript).
    let reply = post_form(
        &app,
        "/api/push_unsubscribe",
        &format!("id={id}"),
        Some(&an),
        true,
    )
    .await;
    assert!(reply.status.is_redirection());
    assert_eq!(
        count(&t, "SELECT COUNT(*) FROM push_subscriptions").await,
        0
    );
}
