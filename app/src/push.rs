//! Web push: what the server may push to, what it says, and the key it signs with.
//!
//! A member turns notifications on per device (the alerts page's button): the browser's push
//! service gives the device an endpoint and two keys, kept in `push_subscriptions`. Whatever lands
//! in the member's notification centre, and every new message in their conversations, is then
//! encrypted to each of their devices (RFC 8291, `aes128gcm`) and posted to its endpoint, signed
//! with the server's VAPID key (RFC 8292). The service worker shows it; a click opens its page.

use base64ct::{Base64UrlUnpadded, Encoding};
use serde::Serialize;
use web_push_native::jwt_simple::algorithms::{ECDSAP256PublicKeyLike, ES256KeyPair};

use crate::i18n::Locale;

/// The browsers' push services (Chrome and every Chromium, Firefox, Edge, Safari): the only
/// hosts a subscription may name, so the server never posts to an address a member made up.
const PUSH_SERVICES: &[&str] = &[
    "fcm.googleapis.com",
    "push.services.mozilla.com",
    "notify.windows.com",
    "push.apple.com",
];

/// Devices one member may have notifications on; the oldest goes when one more subscribes.
pub const MAX_DEVICES: i64 = 20;

/// Whether `endpoint` is a push service's address: `https` on one of [`PUSH_SERVICES`] (or a
/// subdomain), or any address on one of the `extra` hosts (`host:port`, for a test's own push
/// service).
pub fn endpoint_allowed(endpoint: &str, extra: &[String]) -> bool {
    let Ok(url) = url::Url::parse(endpoint) else {
        return false;
    };
    let Some(host) = url.host_str() else {
        return false;
    };
    if endpoint.len() > 1024 || !url.username().is_empty() || url.password().is_some() {
        return false;
    }
    let host_port = match url.port() {
        Some(port) => format!("{host}:{port}"),
        None => host.to_owned(),
    };
    if extra.contains(&host_port) {
        return true;
    }
    url.scheme() == "https"
        && url.port().is_none()
        && PUSH_SERVICES
            .iter()
            .any(|service| host == *service || host.ends_with(&format!(".{service}")))
}

/// Whether `p256dh` is a P-256 public key (uncompressed, base64url) messages can be encrypted to.
pub fn device_key_valid(p256dh: &str) -> bool {
    Base64UrlUnpadded::decode_vec(p256dh.trim_end_matches('='))
        .ok()
        .is_some_and(|bytes| {
            bytes.len() == 65 && web_push_native::p256::PublicKey::from_sec1_bytes(&bytes).is_ok()
        })
}

/// Whether `auth` is the 16-byte authentication secret (base64url).
pub fn device_secret_valid(auth: &str) -> bool {
    Base64UrlUnpadded::decode_vec(auth.trim_end_matches('=')).is_ok_and(|bytes| bytes.len() == 16)
}

/// The server's VAPID key pair: it signs every push, and browsers subscribe with its public half.
pub struct Vapid {
    pub pair: ES256KeyPair,
    /// The public key, uncompressed and base64url: the browser's `applicationServerKey`.
    pub public: String,
}

impl Vapid {
    /// A new key pair, as kept in `server_keys` (the private scalar, base64url).
    pub fn generate() -> String {
        Base64UrlUnpadded::encode_string(&ES256KeyPair::generate().to_bytes())
    }

    /// The key pair `kept` names, as [`Vapid::generate`] wrote it.
    pub fn from_kept(kept: &str) -> Option<Self> {
        let bytes = Base64UrlUnpadded::decode_vec(kept).ok()?;
        let pair = ES256KeyPair::from_bytes(&bytes).ok()?;
        let public = Base64UrlUnpadded::encode_string(
            &pair.public_key().public_key().to_bytes_uncompressed(),
        );
        Some(Self { pair, public })
    }
}

/// What a push says: the service worker shows `title` and `body`, and opens `url` when clicked.
/// Pushes with the same `tag` replace each other on the device (one per auction, say).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct PushMessage {
    pub title: String,
    pub body: String,
    pub url: String,
    pub tag: String,
}

/// How urgent a push is, for the push service (RFC 8030 §5.3): an outbid bidder must hear within
/// seconds; a new listing can wait for the phone to wake.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Urgency {
    High,
    Normal,
}

impl Urgency {
    pub fn header(self) -> &'static str {
        match self {
            Self::High => "high",
            Self::Normal => "normal",
        }
    }
}

/// One push for one member, to each of their devices.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Push {
    pub user_id: i64,
    pub message: PushMessage,
    /// How long the push service keeps it for a device that is off: past that it is stale.
    pub ttl: std::time::Duration,
    pub urgency: Urgency,
}

/// The push of a notification (as the notification centre shows it) in the member's language.
pub fn of_notification(user_id: i64, locale: Locale, n: &crate::model::Notification) -> Push {
    let t = locale.messages();
    let (ttl_secs, urgency) = match n.kind.as_str() {
        // An outbid or a closing auction is stale once the auction has moved on.
        "outbid" | "ending_soon" => (60 * 60, Urgency::High),
        _ => (24 * 60 * 60, Urgency::Normal),
    };
    let tag = match n.kind.as_str() {
        // The latest word on an auction replaces the earlier ones.
        "outbid" | "ending_soon" | "won" | "lost" | "auction_ended" => n.link.clone(),
        _ => format!("notification-{}", n.id),
    };
    Push {
        user_id,
        message: PushMessage {
            title: n.title.clone(),
            body: crate::pages::notifications_page::notification_text(t, locale, n),
            url: n.link.clone(),
            tag,
        },
        ttl: std::time::Duration::from_secs(ttl_secs),
        urgency,
    }
}

/// The push of a new message in conversation `conversation_id` about `listing_title`.
pub fn of_message(
    user_id: i64,
    locale: Locale,
    conversation_id: i64,
    listing_title: &str,
    author: &str,
    body: &str,
) -> Push {
    const EXCERPT: usize = 140;
    let mut excerpt: String = body.split_whitespace().collect::<Vec<_>>().join(" ");
    if excerpt.chars().count() > EXCERPT {
        excerpt = excerpt.chars().take(EXCERPT - 1).collect::<String>() + "…";
    }
    let title = match locale {
        Locale::Vi => format!("{author} về “{listing_title}”"),
        Locale::En => format!("{author} about “{listing_title}”"),
    };
    Push {
        user_id,
        message: PushMessage {
            title,
            body: excerpt,
            url: format!("/account/inquiries/{conversation_id}"),
            tag: format!("conversation-{conversation_id}"),
        },
        ttl: std::time::Duration::from_secs(24 * 60 * 60),
        urgency: Urgency::Normal,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_push_services_and_named_test_hosts_are_endpoints() {
        let none: &[String] = &[];
        for ok in [
            "https://fcm.googleapis.com/fcm/send/abc:def",
            "https://updates.push.services.mozilla.com/wpush/v2/gAAAA",
            "https://wns2-par02p.notify.windows.com/w/?token=BQYAAAB",
            "https://web.push.apple.com/QGuQyavXutnMH",
        ] {
            assert!(endpoint_allowed(ok, none), "{ok}");
        }
        for bad in [
            "http://fcm.googleapis.com/fcm/send/abc",
            "https://fcm.googleapis.com:8443/fcm/send/abc",
            "https://evilfcm.googleapis.com.example.org/x",
            "https://notfcm.googleapis.com.attacker.test/",
            "https://user:pw@fcm.googleapis.com/x",
            "https://127.0.0.1/push",
            "http://localhost:5432/",
            "file:///etc/passwd",
            "not a url",
        ] {
            assert!(!endpoint_allowed(bad, none), "{bad}");
        }
        let extra = ["127.0.0.1:4100".to_owned()];
        assert!(endpoint_allowed("http://127.0.0.1:4100/push/1", &extra));
        assert!(!endpoint_allowed("http://127.0.0.1:4101/push/1", &extra));
    }

    #[test]
    fn device_keys_are_checked_by_their_bytes() {
        let secret = web_push_native::p256::SecretKey::from_slice(&[7; 32]).unwrap();
        let public = Base64UrlUnpadded::encode_string(
            web_push_native::p256::elliptic_curve::sec1::ToEncodedPoint::to_encoded_point(
                &secret.public_key(),
                false,
            )
            .as_bytes(),
        );
        assert!(device_key_valid(&public));
        assert!(!device_key_valid(&public[..40]));
        assert!(!device_key_valid("not base64!"));
        let mut off_curve = Base64UrlUnpadded::decode_vec(&public).unwrap();
        off_curve[64] ^= 1;
        assert!(!device_key_valid(&Base64UrlUnpadded::encode_string(
            &off_curve
        )));
        assert!(device_secret_valid(&Base64UrlUnpadded::encode_string(
            &[1; 16]
        )));
        assert!(!device_secret_valid(&Base64UrlUnpadded::encode_string(
            &[1; 15]
        )));
    }

    #[test]
    fn kept_vapid_keys_read_back_with_their_public_half() {
        let kept = Vapid::generate();
        let vapid = Vapid::from_kept(&kept).unwrap();
        assert_eq!(
            Base64UrlUnpadded::decode_vec(&vapid.public).unwrap().len(),
            65
        );
        assert_eq!(Vapid::from_kept(&kept).unwrap().public, vapid.public);
        assert!(Vapid::from_kept("garbage").is_none());
    }

    #[test]
    fn a_long_message_is_cut_to_an_excerpt() {
        let body = "chữ ".repeat(100);
        let push = of_message(1, Locale::Vi, 9, "Máy bơm", "An", &body);
        assert_eq!(push.message.body.chars().count(), 140);
        assert!(push.message.body.ends_with('…'));
        assert_eq!(push.message.url, "/account/inquiries/9");
        assert_eq!(push.message.title, "An về “Máy bơm”");
    }
}
