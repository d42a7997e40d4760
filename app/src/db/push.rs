//! Web push subscriptions (one per device a member turned notifications on for), the server's
//! VAPID key, and claiming what is to be pushed: every new notification and message, once, across
//! server processes.

use super::Db;
use crate::i18n::Locale;
use crate::model::PushDevice;
use crate::push::{MAX_DEVICES, Push, Vapid};

/// Pushes older than this when their pass comes (the server was down) are not sent: a phone
/// buzzing about an auction that ended an hour ago helps nobody.
pub const STALE_MS: i64 = 10 * 60 * 1000;

/// The server's VAPID key pair, made the first time it is asked for.
pub async fn vapid(db: &Db) -> sqlx::Result<Vapid> {
    let kept = super::alerts::server_key(db, "vapid_es256", Vapid::generate).await?;
    Vapid::from_kept(&kept)
        .ok_or_else(|| sqlx::Error::Decode("the kept VAPID key does not read as one".into()))
}

/// A device of the member's to push to.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Target {
    pub id: i64,
    pub user_id: i64,
    pub endpoint: String,
    pub p256dh: String,
    pub auth: String,
}

/// The subscription a device's browser gave, for member `user` logged in by session
/// `session_hash`. A device subscribing again (or for another member after a log-in) replaces its
/// row; past [`MAX_DEVICES`] the member's oldest device goes.
#[allow(clippy::too_many_arguments)]
pub async fn subscribe(
    db: &Db,
    user: i64,
    session_hash: &str,
    endpoint: &str,
    (p256dh, auth): (&str, &str),
    device: &str,
    now: i64,
) -> sqlx::Result<()> {
    let mut tx = db.begin().await?;
    sqlx::query(
        "INSERT INTO push_subscriptions (user_id, session_hash, endpoint, p256dh, auth, device, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (endpoint) DO UPDATE SET user_id = excluded.user_id,
             session_hash = excluded.session_hash, p256dh = excluded.p256dh, auth = excluded.auth,
             device = excluded.device, created_at = excluded.created_at, failures = 0",
    )
    .bind(user)
    .bind(session_hash)
    .bind(endpoint)
    .bind(p256dh)
    .bind(auth)
    .bind(device)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "DELETE FROM push_subscriptions WHERE user_id = $1 AND id NOT IN (
             SELECT id FROM push_subscriptions WHERE user_id = $1
             ORDER BY created_at DESC, id DESC LIMIT $2)",
    )
    .bind(user)
    .bind(MAX_DEVICES)
    .execute(&mut *tx)
    .await?;
    tx.commit().await
}

/// Stops pushing to `user`'s device at `endpoint`; whether it was theirs.
pub async fn unsubscribe(db: &Db, user: i64, endpoint: &str) -> sqlx::Result<bool> {
    let done = sqlx::query("DELETE FROM push_subscriptions WHERE user_id = $1 AND endpoint = $2")
        .bind(user)
        .bind(endpoint)
        .execute(db)
        .await?;
    Ok(done.rows_affected() > 0)
}

/// Stops pushing to `user`'s device `id` (from their list of devices); whether it was theirs.
pub async fn remove(db: &Db, user: i64, id: i64) -> sqlx::Result<bool> {
    let done = sqlx::query("DELETE FROM push_subscriptions WHERE user_id = $1 AND id = $2")
        .bind(user)
        .bind(id)
        .execute(db)
        .await?;
    Ok(done.rows_affected() > 0)
}

/// `user`'s devices, newest first; `session_hash` marks the one the member is looking from.
pub async fn devices(
    db: &Db,
    user: i64,
    session_hash: Option<&str>,
) -> sqlx::Result<Vec<PushDevice>> {
    let rows: Vec<(i64, String, String, i64, Option<i64>, String)> = sqlx::query_as(
        "SELECT id, endpoint, device, created_at, last_sent_at, session_hash
         FROM push_subscriptions WHERE user_id = $1 ORDER BY created_at DESC, id DESC",
    )
    .bind(user)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(id, endpoint, device, created_at, last_sent_at, session)| PushDevice {
                id,
                endpoint,
                device,
                created_at,
                last_sent_at,
                this_browser: session_hash == Some(session.as_str()),
            },
        )
        .collect())
}

/// Forgets the devices subscribed from session `session_hash` (logging out of it).
pub async fn forget_session(
    conn: impl sqlx::Executor<'_, Database = sqlx::Any>,
    session_hash: &str,
) -> sqlx::Result<u64> {
    Ok(
        sqlx::query("DELETE FROM push_subscriptions WHERE session_hash = $1")
            .bind(session_hash)
            .execute(conn)
            .await?
            .rows_affected(),
    )
}

/// Forgets the devices whose session ended another way (expired, revoked from another device or
/// by an administrator, a password reset).
pub async fn forget_ended_sessions(db: &Db, now: i64) -> sqlx::Result<u64> {
    Ok(sqlx::query(
        "DELETE FROM push_subscriptions WHERE session_hash IN (
             SELECT token_hash FROM sessions WHERE revoked_at IS NOT NULL OR expires_at <= $1)",
    )
    .bind(now)
    .execute(db)
    .await?
    .rows_affected())
}

/// A push reached device `id`'s push service.
pub async fn delivered(db: &Db, id: i64, now: i64) -> sqlx::Result<()> {
    sqlx::query("UPDATE push_subscriptions SET last_sent_at = $2, failures = 0 WHERE id = $1")
        .bind(id)
        .bind(now)
        .execute(db)
        .await?;
    Ok(())
}

/// Device `id`'s push service says the subscription is gone (404 or 410): forget it.
pub async fn gone(db: &Db, id: i64) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM push_subscriptions WHERE id = $1")
        .bind(id)
        .execute(db)
        .await?;
    Ok(())
}

/// A push to device `id` failed otherwise; after `give_up` failures in a row it is forgotten.
pub async fn failed(db: &Db, id: i64, give_up: i64) -> sqlx::Result<()> {
    sqlx::query("UPDATE push_subscriptions SET failures = failures + 1 WHERE id = $1")
        .bind(id)
        .execute(db)
        .await?;
    sqlx::query("DELETE FROM push_subscriptions WHERE id = $1 AND failures >= $2")
        .bind(id)
        .bind(give_up)
        .execute(db)
        .await?;
    Ok(())
}

/// Claims up to `limit` notifications and as many messages not pushed yet, and returns the pushes
/// they make for members with a device, each with those devices. Claimed means pushed: a
/// notification is claimed by one process only, and a push that then fails is not retried
/// (the notification centre and the inbox still hold it). Whatever is older than [`STALE_MS`]
/// is claimed without a push.
pub async fn claim(db: &Db, now: i64, limit: i64) -> sqlx::Result<Vec<(Push, Vec<Target>)>> {
    let notifications = claim_fresh(db, "notifications", now, limit).await?;
    let messages = claim_fresh(db, "messages", now, limit).await?;
    if notifications.is_empty() && messages.is_empty() {
        return Ok(Vec::new());
    }

    let mut pushes = Vec::new();
    if !notifications.is_empty() {
        for (user, locale, notification) in super::notifications::by_ids(db, &notifications).await?
        {
            pushes.push(crate::push::of_notification(user, locale, &notification));
        }
    }
    if !messages.is_empty() {
        pushes.extend(message_pushes(db, &messages).await?);
    }

    let mut members: Vec<i64> = pushes.iter().map(|p| p.user_id).collect();
    members.sort_unstable();
    members.dedup();
    let targets = targets(db, &members, now).await?;
    Ok(pushes
        .into_iter()
        .filter_map(|push| {
            let devices: Vec<Target> = targets
                .iter()
                .filter(|t| t.user_id == push.user_id)
                .cloned()
                .collect();
            (!devices.is_empty()).then_some((push, devices))
        })
        .collect())
}

/// Claims up to `limit` rows of `table` (`notifications` or `messages`) not pushed yet and
/// returns their ids; those older than [`STALE_MS`] are claimed, every one of them at once, and
/// left out. Read first: on a quiet exchange nothing is written, where each pass's write would
/// take SQLite's write lock from whoever needs it, every second.
async fn claim_fresh(db: &Db, table: &str, now: i64, limit: i64) -> sqlx::Result<Vec<i64>> {
    let due: Vec<(i64, i64)> = sqlx::query_as(&format!(
        "SELECT id, created_at FROM {table} WHERE pushed_at IS NULL ORDER BY id LIMIT $1"
    ))
    .bind(limit)
    .fetch_all(db)
    .await?;
    let stale_before = now - STALE_MS;
    if due.iter().any(|&(_, at)| at < stale_before) {
        // A backlog (the server was down, or the demo was seeded): told nobody, in one write.
        sqlx::query(&format!(
            "UPDATE {table} SET pushed_at = $1 WHERE pushed_at IS NULL AND created_at < $2"
        ))
        .bind(now)
        .bind(stale_before)
        .execute(db)
        .await?;
    }
    let fresh: Vec<i64> = due
        .into_iter()
        .filter(|&(_, at)| at >= stale_before)
        .map(|(id, _)| id)
        .collect();
    if fresh.is_empty() {
        return Ok(fresh);
    }
    // Claimed by whichever process marks them first.
    let sql = format!(
        "UPDATE {table} SET pushed_at = $1 WHERE id IN ({}) AND pushed_at IS NULL RETURNING id",
        super::dialect::placeholders(2, fresh.len(), 1)
    );
    let mut claim = sqlx::query_scalar(&sql).bind(now);
    for id in &fresh {
        claim = claim.bind(id);
    }
    claim.fetch_all(db).await
}

/// The pushes of messages `ids` to everyone in their conversations but their authors.
async fn message_pushes(db: &Db, ids: &[i64]) -> sqlx::Result<Vec<Push>> {
    let sql = format!(
        "SELECT m.id, m.conversation_id, m.author_id, m.body, a.display_name, l.title
         FROM messages m JOIN users a ON a.id = m.author_id
              JOIN conversations c ON c.id = m.conversation_id
              JOIN listings l ON l.id = c.listing_id
         WHERE m.id IN ({}) ORDER BY m.id",
        super::dialect::placeholders(1, ids.len(), 1)
    );
    let mut query = sqlx::query_as::<_, (i64, i64, i64, String, String, String)>(&sql);
    for id in ids {
        query = query.bind(id);
    }
    let rows = query.fetch_all(db).await?;
    let mut pushes = Vec::new();
    let mut conn = db.acquire().await?;
    for (id, conversation, author, body, author_name, listing_title) in rows {
        for r in super::inquiries::recipients(&mut conn, conversation, author, id).await? {
            let locale = Locale::from_code(&r.locale).unwrap_or_default();
            pushes.push(crate::push::of_message(
                r.user_id,
                locale,
                conversation,
                &listing_title,
                &author_name,
                &body,
            ));
        }
    }
    Ok(pushes)
}

/// The devices of `members` whose sessions are live.
async fn targets(db: &Db, members: &[i64], now: i64) -> sqlx::Result<Vec<Target>> {
    if members.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT p.id, p.user_id, p.endpoint, p.p256dh, p.auth
         FROM push_subscriptions p JOIN sessions s ON s.token_hash = p.session_hash
         WHERE s.revoked_at IS NULL AND s.expires_at > $1 AND p.user_id IN ({})
         ORDER BY p.id",
        super::dialect::placeholders(2, members.len(), 1)
    );
    let mut query = sqlx::query_as::<_, Target>(&sql).bind(now);
    for member in members {
        query = query.bind(member);
    }
    query.fetch_all(db).await
}
