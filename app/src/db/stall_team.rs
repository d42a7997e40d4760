//! Who acts for a stall: its members, and the invitations its owner sends to colleagues.

use super::Db;
use crate::model::{OpenInvitation, TeamMember};

/// An invitation found by its link's token, with its stall.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct InvitationRow {
    pub id: i64,
    pub stall_id: i64,
    pub stall_name: String,
    pub stall_slug: String,
    pub stall_status: String,
    pub email: String,
    pub status: String,
    pub expires_at: i64,
    pub invited_by_name: String,
}

/// A stall's members, its owner first, then by when they joined.
pub async fn members(db: &Db, stall_id: i64) -> sqlx::Result<Vec<TeamMember>> {
    sqlx::query_as(
        "SELECT u.id AS user_id, u.display_name, u.email, m.role, m.created_at
         FROM stall_members m JOIN users u ON u.id = m.user_id
         WHERE m.stall_id = $1
         ORDER BY CASE m.role WHEN 'owner' THEN 0 ELSE 1 END, m.created_at, u.id",
    )
    .bind(stall_id)
    .fetch_all(db)
    .await
}

/// Whether the member with this (lowercase) address already acts for the stall.
pub async fn is_member_email(db: &Db, stall_id: i64, email: &str) -> sqlx::Result<bool> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM stall_members m JOIN users u ON u.id = m.user_id
         WHERE m.stall_id = $1 AND u.email = $2",
    )
    .bind(stall_id)
    .bind(email)
    .fetch_one(db)
    .await?;
    Ok(n > 0)
}

/// A stall's invitations still waiting for an answer at `now_ms`, newest first.
pub async fn open_invitations(
    db: &Db,
    stall_id: i64,
    now_ms: i64,
) -> sqlx::Result<Vec<OpenInvitation>> {
    sqlx::query_as(
        "SELECT i.id, i.email, u.display_name AS invited_by_name, i.created_at, i.expires_at
         FROM stall_invitations i JOIN users u ON u.id = i.invited_by
         WHERE i.stall_id = $1 AND i.status = 'pending' AND i.expires_at > $2
         ORDER BY i.created_at DESC, i.id DESC",
    )
    .bind(stall_id)
    .bind(now_ms)
    .fetch_all(db)
    .await
}

/// Records an invitation of `email` to the stall, or renews the open one (new link, new
/// expiry: the old link stops working). Returns its id.
pub async fn invite(
    conn: &mut sqlx::AnyConnection,
    stall_id: i64,
    email: &str,
    token_hash: &str,
    invited_by: i64,
    now_ms: i64,
    expires_at_ms: i64,
) -> sqlx::Result<i64> {
    // One statement against the partial unique index of open invitations, so two invitations
    // of the same address at once renew one row rather than collide.
    sqlx::query_scalar(
        "INSERT INTO stall_invitations (stall_id, email, token_hash, invited_by, status, created_at, expires_at)
         VALUES ($1, $2, $3, $4, 'pending', $5, $6)
         ON CONFLICT (stall_id, email) WHERE status = 'pending' DO UPDATE
             SET token_hash = excluded.token_hash, invited_by = excluded.invited_by,
                 created_at = excluded.created_at, expires_at = excluded.expires_at
         RETURNING id",
    )
    .bind(stall_id)
    .bind(email)
    .bind(token_hash)
    .bind(invited_by)
    .bind(now_ms)
    .bind(expires_at_ms)
    .fetch_one(conn)
    .await
}

/// The invitation whose link carries the token with this hash.
pub async fn by_token(db: &Db, token_hash: &str) -> sqlx::Result<Option<InvitationRow>> {
    sqlx::query_as(
        "SELECT i.id, i.stall_id, s.name AS stall_name, s.slug AS stall_slug, s.status AS stall_status,
                i.email, i.status, i.expires_at, u.display_name AS invited_by_name
         FROM stall_invitations i
         JOIN stalls s ON s.id = i.stall_id
         JOIN users u ON u.id = i.invited_by
         WHERE i.token_hash = $1",
    )
    .bind(token_hash)
    .fetch_optional(db)
    .await
}

/// Answers an open, unexpired invitation for `email` (the answering member's address):
/// accepting makes them a member. One conditional update, so a link works once even when
/// clicked twice. Returns the stall's id if the answer applied.
pub async fn answer(
    conn: &mut sqlx::AnyConnection,
    token_hash: &str,
    email: &str,
    user_id: i64,
    accept: bool,
    now_ms: i64,
) -> sqlx::Result<Option<i64>> {
    let stall_id: Option<i64> = sqlx::query_scalar(
        "UPDATE stall_invitations SET status = $3, decided_at = $4, decided_by = $5
         WHERE token_hash = $1 AND email = $2 AND status = 'pending' AND expires_at > $4
         RETURNING stall_id",
    )
    .bind(token_hash)
    .bind(email)
    .bind(if accept { "accepted" } else { "declined" })
    .bind(now_ms)
    .bind(user_id)
    .fetch_optional(&mut *conn)
    .await?;
    if let (Some(stall_id), true) = (stall_id, accept) {
        sqlx::query(
            "INSERT INTO stall_members (stall_id, user_id, role, created_at) VALUES ($1, $2, 'member', $3)
             ON CONFLICT (stall_id, user_id) DO NOTHING",
        )
        .bind(stall_id)
        .bind(user_id)
        .bind(now_ms)
        .execute(conn)
        .await?;
    }
    Ok(stall_id)
}

/// Withdraws an open invitation of the stall. Returns its address if it was open.
pub async fn cancel(
    conn: &mut sqlx::AnyConnection,
    stall_id: i64,
    invitation_id: i64,
    by: i64,
    now_ms: i64,
) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar(
        "UPDATE stall_invitations SET status = 'cancelled', decided_at = $3, decided_by = $4
         WHERE id = $1 AND stall_id = $2 AND status = 'pending'
         RETURNING email",
    )
    .bind(invitation_id)
    .bind(stall_id)
    .bind(now_ms)
    .bind(by)
    .fetch_optional(conn)
    .await
}

/// Takes a member (never the owner) off the stall. Returns whether they were one.
pub async fn remove_member(
    conn: &mut sqlx::AnyConnection,
    stall_id: i64,
    user_id: i64,
) -> sqlx::Result<bool> {
    let result = sqlx::query(
        "DELETE FROM stall_members WHERE stall_id = $1 AND user_id = $2 AND role = 'member'",
    )
    .bind(stall_id)
    .bind(user_id)
    .execute(conn)
    .await?;
    Ok(result.rows_affected() == 1)
}
