//! Delivers the outbox: through SMTP (lettre) when a mail server is configured, otherwise into
//! the log, which is how a developer reads a reset link. Each message is tried again with a
//! growing delay when the server refuses it, and given up on after a few attempts.

use std::time::Duration;

use app::db::outbox::{self, MAX_ATTEMPTS, OutboxMessage};
use app::db::{Db, now_ms};
use app::server_context::ServerContext;
use lettre::message::{Mailbox, header::ContentType};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

/// How long a claimed message is reserved for one attempt before another process may try it.
const LEASE_MS: i64 = 5 * 60_000;
/// Messages claimed per pass.
const BATCH: i64 = 50;
/// How often the outbox is looked at when nothing wakes the task.
const POLL: Duration = Duration::from_secs(10);

/// Where mail goes.
pub enum Mailer {
    /// No mail server configured: messages are written to the log.
    Log,
    /// An SMTP server.
    Smtp {
        transport: AsyncSmtpTransport<Tokio1Executor>,
        from: Mailbox,
    },
}

impl Mailer {
    /// An SMTP mailer for `smtp_url` (`smtp://host:25`, `smtp://user:pass@host:587?tls=required`,
    /// `smtps://user:pass@host:465`) sending as `from`; the log when there is no URL.
    pub fn new(smtp_url: Option<&str>, from: &str) -> anyhow::Result<Self> {
        let Some(url) = smtp_url.filter(|u| !u.trim().is_empty()) else {
            return Ok(Self::Log);
        };
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| anyhow::anyhow!("TECHX_SMTP_URL is not usable: {e}"))?
            .timeout(Some(Duration::from_secs(20)))
            .build();
        let from = from
            .parse()
            .map_err(|e| anyhow::anyhow!("TECHX_MAIL_FROM {from:?} is not an address: {e}"))?;
        Ok(Self::Smtp { transport, from })
    }

    /// Sends one message; the outbox status to record on success.
    async fn send(&self, message: &OutboxMessage) -> Result<&'static str, String> {
        match self {
            Self::Log => {
                tracing::info!(
                    to = %message.to_email,
                    kind = %message.kind,
                    subject = %message.subject,
                    body = %message.body,
                    "mail (no SMTP server configured)"
                );
                Ok("logged")
            }
            Self::Smtp { transport, from } => {
                let to: Mailbox = message
                    .to_email
                    .parse()
                    .map_err(|e| format!("bad recipient: {e}"))?;
                let email = Message::builder()
                    .from(from.clone())
                    .to(to)
                    .subject(&message.subject)
                    .header(ContentType::TEXT_PLAIN)
                    .body(message.body.clone())
                    .map_err(|e| e.to_string())?;
                transport
                    .send(email)
                    .await
                    .map(|_| "sent")
                    .map_err(|e| e.to_string())
            }
        }
    }
}

/// Delay before attempt `attempts + 1`: 30 s, 1 min, 2 min … at most 6 h.
fn retry_delay_ms(attempts: i64) -> i64 {
    let exp = u32::try_from(attempts.clamp(1, 20) - 1).unwrap_or(0);
    (30_000_i64 << exp).min(6 * 3_600_000)
}

/// One delivery pass over the messages due now. Returns how many were delivered.
pub async fn deliver_due(db: &Db, mailer: &Mailer) -> sqlx::Result<usize> {
    let now = now_ms();
    let due = outbox::claim_due(db, now, now + LEASE_MS, BATCH).await?;
    let mut delivered = 0;
    for message in due {
        match mailer.send(&message).await {
            Ok(status) => {
                outbox::mark_delivered(db, message.id, status, now_ms()).await?;
                delivered += 1;
            }
            Err(error) => {
                let retry = (message.attempts < MAX_ATTEMPTS)
                    .then(|| now_ms() + retry_delay_ms(message.attempts));
                tracing::warn!(id = message.id, attempts = message.attempts, %error, gives_up = retry.is_none(), "mail not delivered");
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
                Ok(n) if n as i64 == BATCH => continue,
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
