//! Sends web pushes: every second, the new notifications and messages of members with a device
//! are claimed ([`app::db::push::claim`]), encrypted to each device (RFC 8291) and posted to its
//! push service with the server's VAPID signature (RFC 8292). A device whose service says it is
//! gone (404, 410) is forgotten; one that keeps failing is too.

use std::time::Duration;

use app::db::{Db, now_ms, push};
use app::push::{Push, Vapid};
use base64ct::{Base64UrlUnpadded, Encoding};
use futures_util::StreamExt;
use web_push_native::{Auth, WebPushBuilder, p256};

/// Notifications (and as many messages) claimed per pass.
const BATCH: i64 = 200;
/// Pushes in flight at once.
const CONCURRENCY: usize = 16;
/// Failures in a row after which a device is forgotten.
const GIVE_UP: i64 = 20;

/// Posts pushes to the push services.
#[derive(Clone)]
pub struct Pusher {
    client: reqwest::Client,
    /// Who runs the server, for the push services (VAPID's `sub`): a `mailto:` address.
    contact: String,
}

/// What one pass did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Sent {
    pub delivered: usize,
    pub gone: usize,
    pub failed: usize,
}

/// How one post ended.
enum Outcome {
    Delivered,
    Gone,
    Failed,
}

impl Pusher {
    /// A pusher naming `mail_from` (`Name <address>` or a bare address, as the mailer reads it)
    /// as the server's contact.
    pub fn new(mail_from: &str) -> anyhow::Result<Self> {
        let from: lettre::message::Mailbox = mail_from
            .parse()
            .map_err(|e| anyhow::anyhow!("TECHX_MAIL_FROM {mail_from:?} is not an address: {e}"))?;
        let client = reqwest::Client::builder()
            .timeout(Duration::from_secs(10))
            .redirect(reqwest::redirect::Policy::none())
            .build()?;
        Ok(Self {
            client,
            contact: format!("mailto:{}", from.email),
        })
    }

    /// Claims what is due and pushes it to every device of its members.
    pub async fn pass(&self, db: &Db) -> sqlx::Result<Sent> {
        let now = now_ms();
        let due = push::claim(db, now, BATCH).await?;
        let mut sent = Sent::default();
        if due.is_empty() {
            return Ok(sent);
        }
        let vapid = push::vapid(db).await?;
        let vapid = &vapid;
        let mut posts = Vec::new();
        for (push, devices) in &due {
            for device in devices {
                posts.push(async move { (device.id, self.post(vapid, push, device).await) });
            }
        }
        let outcomes: Vec<(i64, Outcome)> = futures_util::stream::iter(posts)
            .buffer_unordered(CONCURRENCY)
            .collect()
            .await;
        for (device, outcome) in outcomes {
            match outcome {
                Outcome::Delivered => {
                    sent.delivered += 1;
                    push::delivered(db, device, now).await?;
                }
                Outcome::Gone => {
                    sent.gone += 1;
                    push::gone(db, device).await?;
                }
                Outcome::Failed => {
                    sent.failed += 1;
                    push::failed(db, device, GIVE_UP).await?;
                }
            }
        }
        Ok(sent)
    }

    /// Encrypts `push` to `device` and posts it to its push service.
    async fn post(&self, vapid: &Vapid, push: &Push, device: &push::Target) -> Outcome {
        let request = match self.request(vapid, push, device) {
            Ok(request) => request,
            Err(err) => {
                // Keys that do not read never will: the device is as good as gone.
                tracing::warn!(device = device.id, error = %err, "cannot encrypt a push to this device");
                return Outcome::Gone;
            }
        };
        let (parts, body) = request.into_parts();
        let answer = self
            .client
            .post(parts.uri.to_string())
            .headers(parts.headers)
            .header("Urgency", push.urgency.header())
            .body(body)
            .send()
            .await;
        match answer.map(|r| r.status()) {
            Ok(status) if status.is_success() => Outcome::Delivered,
            Ok(status) if status.as_u16() == 404 || status.as_u16() == 410 => Outcome::Gone,
            Ok(status) => {
                tracing::warn!(device = device.id, %status, "the push service refused a push");
                Outcome::Failed
            }
            Err(err) => {
                tracing::warn!(device = device.id, error = %err, "could not reach the push service");
                Outcome::Failed
            }
        }
    }

    fn request(
        &self,
        vapid: &Vapid,
        push: &Push,
        device: &push::Target,
    ) -> anyhow::Result<http::Request<Vec<u8>>> {
        let key = Base64UrlUnpadded::decode_vec(device.p256dh.trim_end_matches('='))
            .map_err(|e| anyhow::anyhow!("p256dh: {e}"))?;
        let secret = Base64UrlUnpadded::decode_vec(device.auth.trim_end_matches('='))
            .map_err(|e| anyhow::anyhow!("auth: {e}"))?;
        anyhow::ensure!(secret.len() == 16, "auth is not 16 bytes");
        let builder = WebPushBuilder::new(
            device.endpoint.parse()?,
            p256::PublicKey::from_sec1_bytes(&key)?,
            Auth::clone_from_slice(&secret),
        )
        .with_valid_duration(push.ttl);
        let body = serde_json::to_vec(&push.message)?;
        Ok(builder.with_vapid(&vapid.pair, &self.contact).build(body)?)
    }
}

/// Pushes what is due every second; once a minute forgets the devices of ended sessions. Work is
/// claimed in the database, so several processes can run this.
pub async fn run(db: Db, pusher: Pusher) {
    let mut tick = tokio::time::interval(Duration::from_secs(1));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    for round in 0u64.. {
        tick.tick().await;
        match pusher.pass(&db).await {
            Ok(sent) if sent == Sent::default() => {}
            Ok(sent) => tracing::info!(
                delivered = sent.delivered,
                gone = sent.gone,
                failed = sent.failed,
                "pushes sent"
            ),
            Err(err) => tracing::warn!(error = %err, "could not send pushes; will retry"),
        }
        if round % 60 == 0
            && let Err(err) = push::forget_ended_sessions(&db, now_ms()).await
        {
            tracing::warn!(error = %err, "could not forget the devices of ended sessions");
        }
    }
}
