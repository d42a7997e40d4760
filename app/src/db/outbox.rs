//! Outgoing mail. A message is written here in the same transaction as what caused it, so a mail
//! is never sent for something that did not happen nor lost for something that did; the server's
//! delivery task sends what is due.

use super::Db;

/// A message to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mail {
    pub to: String,
    /// What caused it: `welcome`, `password_reset`, `password_changed`, …
    pub kind: &'static str,
    pub subject: String,
    pub body: String,
}

/// A message with an HTML part beside its text and a one-click unsubscribe address (RFC 8058),
/// such as an alert digest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RichMail {
    pub mail: Mail,
    pub html: String,
    /// The `List-Unsubscribe` URL: a POST to it unsubscribes at once.
    pub list_unsubscribe: String,
}

/// A stored message.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct OutboxMessage {
    pub id: i64,
    pub to_email: String,
    pub kind: String,
    pub subject: String,
    pub body: String,
    pub status: String,
    pub attempts: i64,
    pub created_at: i64,
    pub html: Option<String>,
    pub list_unsubscribe: Option<String>,
}

/// How often delivery is tried before a message is given up on.
pub const MAX_ATTEMPTS: i64 = 8;

/// Queues `mail` for delivery.
pub async fn enqueue(
    conn: &mut sqlx::AnyConnection,
    mail: &Mail,
    now_ms: i64,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO outbox (to_email, kind, subject, body, created_at, next_attempt_at)
         VALUES ($1, $2, $3, $4, $5, $5) RETURNING id",
    )
    .bind(&mail.to)
    .bind(mail.kind)
    .bind(&mail.subject)
    .bind(&mail.body)
    .bind(now_ms)
    .fetch_one(conn)
    .await
}

/// Queues `rich` for delivery.
pub async fn enqueue_rich(
    conn: &mut sqlx::AnyConnection,
    rich: &RichMail,
    now_ms: i64,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO outbox (to_email, kind, subject, body, html, list_unsubscribe, created_at, next_attempt_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id",
    )
    .bind(&rich.mail.to)
    .bind(rich.mail.kind)
    .bind(&rich.mail.subject)
    .bind(&rich.mail.body)
    .bind(&rich.html)
    .bind(&rich.list_unsubscribe)
    .bind(now_ms)
    .fetch_one(conn)
    .await
}

/// Claims up to `limit` messages due at `now_ms` for one delivery attempt: each is leased until
/// `lease_until_ms`, so another server process does not send it too. Oldest first.
pub async fn claim_due(
    db: &Db,
    now_ms: i64,
    lease_until_ms: i64,
    limit: i64,
) -> sqlx::Result<Vec<OutboxMessage>> {
    let candidates: Vec<OutboxMessage> = sqlx::query_as(
        "SELECT id, to_email, kind, subject, body, status, attempts, created_at, html, list_unsubscribe FROM outbox
         WHERE status = 'pending' AND next_attempt_at <= $1
         ORDER BY id LIMIT $2",
    )
    .bind(now_ms)
    .bind(limit)
    .fetch_all(db)
    .await?;
    let mut claimed = Vec::with_capacity(candidates.len());
    for message in candidates {
        let won = sqlx::query(
            "UPDATE outbox SET next_attempt_at = $3, attempts = attempts + 1
             WHERE id = $1 AND status = 'pending' AND next_attempt_at <= $2",
        )
        .bind(message.id)
        .bind(now_ms)
        .bind(lease_until_ms)
        .execute(db)
        .await?
        .rows_affected()
            == 1;
        if won {
            claimed.push(OutboxMessage {
                attempts: message.attempts + 1,
                ..message
            });
        }
    }
    Ok(claimed)
}

/// Records a delivered message: `sent` through SMTP, `logged` when no mail server is configured.
pub async fn mark_delivered(db: &Db, id: i64, status: &str, now_ms: i64) -> sqlx::Result<()> {
    sqlx::query("UPDATE outbox SET status = $2, sent_at = $3, last_error = NULL WHERE id = $1")
        .bind(id)
        .bind(status)
        .bind(now_ms)
        .execute(db)
        .await?;
    Ok(())
}

/// Records a failed attempt: retried at `retry_at_ms`, or given up on (`failed`) when `None`.
pub async fn mark_failed(
    db: &Db,
    id: i64,
    error: &str,
    retry_at_ms: Option<i64>,
) -> sqlx::Result<()> {
    let error: String = error.chars().take(500).collect();
    match retry_at_ms {
        Some(at) => {
            sqlx::query("UPDATE outbox SET last_error = $2, next_attempt_at = $3 WHERE id = $1")
                .bind(id)
                .bind(error)
                .bind(at)
                .execute(db)
                .await?
        }
        None => {
            sqlx::query("UPDATE outbox SET last_error = $2, status = 'failed' WHERE id = $1")
                .bind(id)
                .bind(error)
                .execute(db)
                .await?
        }
    };
    Ok(())
}

/// Messages queued for one address, newest first (for tests and support).
pub async fn messages_to(db: &Db, email: &str) -> sqlx::Result<Vec<OutboxMessage>> {
    sqlx::query_as(
        "SELECT id, to_email, kind, subject, body, status, attempts, created_at, html, list_unsubscribe FROM outbox
         WHERE to_email = $1 ORDER BY id DESC",
    )
    .bind(email)
    .fetch_all(db)
    .await
}
