//! Delivers the outbox: through SMTP (lettre) when a mail server is configured, otherwise as
//! `.eml` files in a directory (`<data-dir>/mail`), where a developer opens a reset link with any
//! mail program; links in mails are secrets, so they never go to the log. A message the server
//! could not take is tried again with a growing delay and given up on after a few attempts; one
//! it refused for good (an SMTP 5xx: no such mailbox, rejected sender) is given up on at once.
//!
//! Each message is claimed just before it is sent, leased for [`LEASE_MS`], and its send is cut
//! off after [`SEND_TIMEOUT`]: the lease outlasts the longest send, so another server process
//! never claims a message still being sent, and no mail goes twice.

use std::path::{Path, PathBuf};
use std::time::Duration;

use app::db::outbox::{self, MAX_ATTEMPTS, OutboxMessage};
use app::db::{Db, now_ms};
use app::server_context::ServerContext;
use lettre::message::header::{ContentType, Header, HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

/// How long a claimed message is reserved for its attempt before another process may try it.
pub const LEASE_MS: i64 = 5 * 60_000;
/// The longest one send may take, connecting included, before it counts as failed.
pub const SEND_TIMEOUT: Duration = Duration::from_secs(60);
const _: () = assert!(SEND_TIMEOUT.as_millis() * 2 < LEASE_MS as u128);
/// Messages sent per pass.
const BATCH: usize = 50;
/// How often the outbox is looked at when nothing wakes the task.
const POLL: Duration = Duration::from_secs(10);

/// `List-Unsubscribe: <https://…>`: where a mail program unsubscribes the reader.
#[derive(Debug, Clone)]
struct ListUnsubscribe(String);

impl Header for ListUnsubscribe {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe")
    }

    fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(Self(s.to_owned()))
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), self.0.clone())
    }
}

/// `List-Unsubscribe-Post: List-Unsubscribe=One-Click` (RFC 8058).
#[derive(Debug, Clone)]
struct ListUnsubscribePost;

impl Header for ListUnsubscribePost {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe-Post")
    }

    fn parse(_: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(Self)
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), "List-Unsubscribe=One-Click".to_owned())
    }
}

/// Where mail goes.
pub struct Mailer {
    transport: Transport,
    from: Mailbox,
    send_timeout: Duration,
}

enum Transport {
    /// No mail server configured: each message is written to this directory as a `.eml` file.
    Files(PathBuf),
    /// An SMTP server, by its URL, and the connections open to it. A send that timed out may
    /// leave its connection mid-conversation: the pool is then replaced by a fresh one.
    Smtp {
        url: String,
        pool: std::sync::Mutex<AsyncSmtpTransport<Tokio1Executor>>,
    },
}

/// A pool of connections to the SMTP server at `url`.
fn smtp_pool(url: &str) -> anyhow::Result<AsyncSmtpTransport<Tokio1Executor>> {
    Ok(AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
        .map_err(|e| anyhow::anyhow!("TECHX_SMTP_URL is not usable: {e}"))?
        .timeout(Some(Duration::from_secs(20)))
        .build())
}

/// Why a message was not delivered.
#[derive(Debug)]
struct Undelivered {
    error: String,
    /// Trying again cannot help.
    permanent: bool,
}

impl Undelivered {
    fn permanent(error: impl ToString) -> Self {
        Self {
            error: error.to_string(),
            permanent: true,
        }
    }

    fn transient(error: impl ToString) -> Self {
        Self {
            error: error.to_string(),
            permanent: false,
        }
    }
}

impl Mailer {
    /// An SMTP mailer for `smtp_url` (`smtp://host:25`, `smtp://user:pass@host:587?tls=required`,
    /// `smtps://user:pass@host:465`) sending as `from`; without a URL, mail is written to
    /// `mail_dir` as `.eml` files.
    pub fn new(smtp_url: Option<&str>, from: &str, mail_dir: &Path) -> anyhow::Result<Self> {
        let from = from
            .parse()
            .map_err(|e| anyhow::anyhow!("TECHX_MAIL_FROM {from:?} is not an address: {e}"))?;
        let transport = match smtp_url.filter(|u| !u.trim().is_empty()) {
            None => Transport::Files(mail_dir.to_path_buf()),
            Some(url) => Transport::Smtp {
                url: url.to_owned(),
                pool: std::sync::Mutex::new(smtp_pool(url)?),
            },
        };
        Ok(Self {
            transport,
            from,
            send_timeout: SEND_TIMEOUT,
        })
    }

    /// The same mailer giving up on a send after `timeout` (tests).
    pub fn with_send_timeout(self, timeout: Duration) -> Self {
        Self {
            send_timeout: timeout,
            ..self
        }
    }

    /// Where mail is written when there is no mail server, if there is none.
    pub fn mail_dir(&self) -> Option<&Path> {
        match &self.transport {
            Transport::Files(dir) => Some(dir),
            Transport::Smtp { .. } => None,
        }
    }

    /// Sends one message; the outbox status to record on success.
    async fn send(&self, message: &OutboxMessage) -> Result<&'static str, Undelivered> {
        let to: Mailbox = message
            .to_email
            .parse()
            .map_err(|e| Undelivered::permanent(format!("bad recipient: {e}")))?;
        let mut builder = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(&message.subject);
        if let Some(url) = &message.list_unsubscribe {
            // RFC 8058: a mail program offers "unsubscribe", which POSTs to the link at once.
            builder = builder
                .header(ListUnsubscribe(format!("<{url}>")))
                .header(ListUnsubscribePost);
        }
        let email = match &message.html {
            Some(html) => builder.multipart(MultiPart::alternative_plain_html(
                message.body.clone(),
                html.clone(),
            )),
            None => builder
                .header(ContentType::TEXT_PLAIN)
                .body(message.body.clone()),
        }
        .map_err(Undelivered::permanent)?;
        match &self.transport {
            Transport::Files(dir) => {
                let path = write_eml(dir, message, &email.formatted())
                    .await
                    .map_err(|e| Undelivered::transient(format!("cannot write mail file: {e}")))?;
                tracing::info!(to = %message.to_email, kind = %message.kind, file = %path.display(), "mail written (no SMTP server configured)");
                Ok("logged")
            }
            Transport::Smtp { url, pool } => {
                let transport = pool.lock().unwrap_or_else(|e| e.into_inner()).clone();
                match tokio::time::timeout(self.send_timeout, transport.send(email)).await {
                    Err(_) => {
                        if let Ok(fresh) = smtp_pool(url) {
                            *pool.lock().unwrap_or_else(|e| e.into_inner()) = fresh;
                        }
                        Err(Undelivered::transient(format!(
                            "no answer from the mail server within {:?}",
                            self.send_timeout
                        )))
                    }
                    Ok(Ok(_)) => Ok("sent"),
                    Ok(Err(e)) if e.is_permanent() => Err(Undelivered::permanent(e)),
                    Ok(Err(e)) => Err(Undelivered::transient(e)),
                }
            }
        }
    }
}

/// Writes `bytes` as `<dir>/<id>-<kind>.eml` (whole or not at all) and returns the path.
async fn write_eml(dir: &Path, message: &OutboxMessage, bytes: &[u8]) -> std::io::Result<PathBuf> {
    tokio::fs::create_dir_all(dir).await?;
    let path = dir.join(format!("{:06}-{}.eml", message.id, message.kind));
    let partial = dir.join(format!(".{:06}.partial", message.id));
    tokio::fs::write(&partial, bytes).await?;
    tokio::fs::rename(&partial, &path).await?;
    Ok(path)
}

/// Delay before attempt `attempts + 1`: 30 s, 1 min, 2 min … at most 6 h.
fn retry_delay_ms(attempts: i64) -> i64 {
    let exp = u32::try_from(attempts.clamp(1, 20) - 1).unwrap_or(0);
    (30_000_i64 << exp).min(6 * 3_600_000)
}

/// One delivery pass over the messages due now (up to a batch), each claimed just before it is
/// sent. Returns how many were delivered.
pub async fn deliver_due(db: &Db, mailer: &Mailer) -> sqlx::Result<usize> {
    let mut delivered = 0;
    for _ in 0..BATCH {
        let now = now_ms();
        let Some(message) = outbox::claim_due(db, now, now + LEASE_MS, 1).await?.pop() else {
            break;
        };
        match mailer.send(&message).await {
            Ok(status) => {
                outbox::mark_delivered(db, message.id, status, now_ms()).await?;
                delivered += 1;
            }
            Err(Undelivered { error, permanent }) => {
                let retry = (!permanent && message.attempts < MAX_ATTEMPTS)
                    .then(|| now_ms() + retry_delay_ms(message.attempts));
                tracing::warn!(id = message.id, attempts = message.attempts, %error, permanent, gives_up = retry.is_none(), "mail not delivered");
                outbox::mark_failed(db, message.id, &error, retry).await?;
            }
        }
    }
    Ok(delivered)
}

/// Delivers mail until the server stops: whenever a message is queued, and every few seconds.
pub async fn run(ctx: ServerContext, mailer: Mailer) {
    loop {
        loop {
            match deliver_due(&ctx.db, &mailer).await {
                Ok(n) if n == BATCH => continue,
                Ok(_) => break,
                Err(err) => {
                    tracing::warn!(error = %err, "outbox pass failed; will retry");
                    break;
                }
            }
        }
        tokio::select! {
            () = ctx.outbox_wake.notified() => {},
            () = tokio::time::sleep(POLL) => {},
        }
    }
}

#[cfg(test)]
mod tests {
    use super::retry_delay_ms;

    #[test]
    fn retries_back_off_and_stop_growing() {
        assert_eq!(retry_delay_ms(1), 30_000);
        assert_eq!(retry_delay_ms(2), 60_000);
        assert_eq!(retry_delay_ms(3), 120_000);
        assert_eq!(retry_delay_ms(30), 6 * 3_600_000);
    }
}
