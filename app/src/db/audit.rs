//! The audit log: who did what to which member, stall or listing, and when.

use super::Db;

/// One entry of the log, with the actor's name.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct AuditRow {
    pub id: i64,
    pub actor_name: Option<String>,
    pub action: String,
    pub subject_kind: String,
    pub subject_id: i64,
    pub detail: String,
    pub created_at: i64,
}

/// Records that `actor_id` did `action` to (`subject_kind`, `subject_id`).
pub async fn record(
    conn: &mut sqlx::AnyConnection,
    actor_id: Option<i64>,
    action: &str,
    subject: (&str, i64),
    detail: &str,
    now_ms: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO audit_log (actor_id, action, subject_kind, subject_id, detail, created_at)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(actor_id)
    .bind(action)
    .bind(subject.0)
    .bind(subject.1)
    .bind(detail)
    .bind(now_ms)
    .execute(conn)
    .await?;
    Ok(())
}

/// How many times `action` was done to (`subject_kind`, `subject_id`) since `since_ms`.
pub async fn count_since(
    conn: &mut sqlx::AnyConnection,
    action: &str,
    subject: (&str, i64),
    since_ms: i64,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_log
         WHERE subject_kind = $1 AND subject_id = $2 AND created_at > $3 AND action = $4",
    )
    .bind(subject.0)
    .bind(subject.1)
    .bind(since_ms)
    .bind(action)
    .fetch_one(conn)
    .await
}

/// The latest entries, newest first.
pub async fn recent(db: &Db, limit: i64) -> sqlx::Result<Vec<AuditRow>> {
    sqlx::query_as(
        "SELECT a.id, u.display_name AS actor_name, a.action, a.subject_kind, a.subject_id, a.detail,
                a.created_at
         FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id
         ORDER BY a.created_at DESC, a.id DESC LIMIT $1",
    )
    .bind(limit)
    .fetch_all(db)
    .await
}
