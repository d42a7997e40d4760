//! Inquiries: conversations between a member and the side of a listing (the members of its stall,
//! or its independent poster), with per-member read marks for unread counts; and watchlists.

use super::Db;

/// Who may see and answer a conversation, from a member's point of view (SQL condition on the
/// conversation `c` and its listing `l`, with the member's id as `$1`): its inquirer, the
/// listing's poster while it has no stall, or a current member of the listing's stall.
const VISIBLE_TO_MEMBER: &str = "(c.inquirer_id = $1 OR (l.stall_id IS NULL AND l.owner_id = $1) \
     OR l.stall_id IN (SELECT stall_id FROM stall_members WHERE user_id = $1))";

/// A conversation's heading as one participant sees it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ConversationHead {
    pub id: i64,
    pub listing_id: i64,
    pub listing_slug: String,
    pub listing_title: String,
    pub listing_kind: String,
    pub listing_status: String,
    pub inquirer_id: i64,
    pub inquirer_name: String,
    /// The stall's name, or the independent seller's.
    pub seller_name: String,
    pub last_message_id: i64,
}

/// One message with its author's name and whether the author wrote as the listing's side.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct MessageRow {
    pub id: i64,
    pub author_id: i64,
    pub author_name: String,
    pub body: String,
    pub created_at: i64,
}

/// A line in a member's inbox.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct InboxRow {
    pub id: i64,
    pub listing_slug: String,
    pub listing_title: String,
    pub listing_kind: String,
    pub inquirer_id: i64,
    pub inquirer_name: String,
    pub seller_name: String,
    pub last_message_at: i64,
    pub last_body: String,
    /// Messages from the others the member has not read yet.
    pub unread: i64,
}

/// What a message's recipient needs for a notification mail.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Recipient {
    pub user_id: i64,
    pub email: String,
    pub display_name: String,
    /// The language they read the site in.
    pub locale: String,
    /// Unread messages they had before this one: a mail goes only for the first of a run.
    pub unread_before: i64,
}

const HEAD_COLUMNS: &str = "c.id, c.listing_id, l.slug AS listing_slug, l.title AS listing_title, \
     l.kind AS listing_kind, l.status AS listing_status, c.inquirer_id, \
     u.display_name AS inquirer_name, \
     COALESCE(s.name, l.seller_name, '') AS seller_name, c.last_message_id";

/// Unread messages in conversation `c` for member `$1` (SQL expression; `r` is their read mark).
const UNREAD: &str = "(SELECT COUNT(*) FROM messages m WHERE m.conversation_id = c.id \
     AND m.id > COALESCE(r.last_read_id, 0) AND m.author_id <> $1)";

/// The conversation between `inquirer_id` and listing `listing_id`'s side, if one was started.
pub async fn find(db: &Db, listing_id: i64, inquirer_id: i64) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar("SELECT id FROM conversations WHERE listing_id = $1 AND inquirer_id = $2")
        .bind(listing_id)
        .bind(inquirer_id)
        .fetch_optional(db)
        .await
}

/// Whether anyone can answer for listing `listing_id` here: its poster has an account, or its
/// stall has members. (Listings imported without either show only a phone or an address.)
pub async fn reachable(db: &Db, listing_id: i64) -> sqlx::Result<bool> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM listings l
         WHERE l.id = $1 AND ((l.stall_id IS NULL AND l.owner_id IS NOT NULL) OR EXISTS (
             SELECT 1 FROM stall_members m WHERE m.stall_id = l.stall_id))",
    )
    .bind(listing_id)
    .fetch_one(db)
    .await?;
    Ok(n > 0)
}

/// How many conversations `user_id` started since `since_ms`.
pub async fn started_since(db: &Db, user_id: i64, since_ms: i64) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM conversations WHERE inquirer_id = $1 AND created_at >= $2",
    )
    .bind(user_id)
    .bind(since_ms)
    .fetch_one(db)
    .await
}

/// The conversation of `inquirer_id` about `listing_id`, started now if there is none yet.
pub async fn open(
    conn: &mut sqlx::AnyConnection,
    listing_id: i64,
    inquirer_id: i64,
    now_ms: i64,
) -> sqlx::Result<i64> {
    sqlx::query(
        "INSERT INTO conversations (listing_id, inquirer_id, created_at, last_message_at, last_author_id)
         VALUES ($1, $2, $3, $3, $2)
         ON CONFLICT (listing_id, inquirer_id) DO NOTHING",
    )
    .bind(listing_id)
    .bind(inquirer_id)
    .bind(now_ms)
    .execute(&mut *conn)
    .await?;
    sqlx::query_scalar("SELECT id FROM conversations WHERE listing_id = $1 AND inquirer_id = $2")
        .bind(listing_id)
        .bind(inquirer_id)
        .fetch_one(conn)
        .await
}

/// Adds a message to a conversation, moves the conversation to the top of the inboxes and marks
/// it read for its author; returns the message's id.
pub async fn add_message(
    conn: &mut sqlx::AnyConnection,
    conversation_id: i64,
    author_id: i64,
    body: &str,
    now_ms: i64,
) -> sqlx::Result<i64> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO messages (conversation_id, author_id, body, created_at)
         VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(conversation_id)
    .bind(author_id)
    .bind(body)
    .bind(now_ms)
    .fetch_one(&mut *conn)
    .await?;
    sqlx::query(
        "UPDATE conversations SET last_message_id = $1, last_message_at = $2, last_author_id = $3
         WHERE id = $4",
    )
    .bind(id)
    .bind(now_ms)
    .bind(author_id)
    .bind(conversation_id)
    .execute(&mut *conn)
    .await?;
    mark_read(conn, conversation_id, author_id, id).await?;
    Ok(id)
}

/// Records that `user_id` has read conversation `conversation_id` up to message `last_id` (a read
/// mark never moves back).
pub async fn mark_read(
    conn: &mut sqlx::AnyConnection,
    conversation_id: i64,
    user_id: i64,
    last_id: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO conversation_reads (conversation_id, user_id, last_read_id) VALUES ($1, $2, $3)
         ON CONFLICT (conversation_id, user_id) DO UPDATE SET last_read_id =
             CASE WHEN excluded.last_read_id > conversation_reads.last_read_id
                  THEN excluded.last_read_id ELSE conversation_reads.last_read_id END",
    )
    .bind(conversation_id)
    .bind(user_id)
    .bind(last_id)
    .execute(conn)
    .await?;
    Ok(())
}

/// The newest message of conversation `conversation_id` that `user_id` has read (0: none).
pub async fn last_read(db: &Db, conversation_id: i64, user_id: i64) -> sqlx::Result<i64> {
    Ok(sqlx::query_scalar(
        "SELECT last_read_id FROM conversation_reads WHERE conversation_id = $1 AND user_id = $2",
    )
    .bind(conversation_id)
    .bind(user_id)
    .fetch_optional(db)
    .await?
    .unwrap_or(0))
}

/// The newest message of conversation `conversation_id` at or before `up_to` (0: none).
pub async fn newest_up_to(db: &Db, conversation_id: i64, up_to: i64) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "SELECT COALESCE(MAX(id), 0) FROM messages WHERE conversation_id = $1 AND id <= $2",
    )
    .bind(conversation_id)
    .bind(up_to)
    .fetch_one(db)
    .await
}

/// A conversation's heading, if `user_id` takes part in it (as its inquirer or for the listing).
pub async fn head_for(db: &Db, id: i64, user_id: i64) -> sqlx::Result<Option<ConversationHead>> {
    sqlx::query_as(&format!(
        "SELECT {HEAD_COLUMNS}
         FROM conversations c
         JOIN listings l ON l.id = c.listing_id
         JOIN users u ON u.id = c.inquirer_id
         LEFT JOIN stalls s ON s.id = l.stall_id
         WHERE c.id = $2 AND {VISIBLE_TO_MEMBER}"
    ))
    .bind(user_id)
    .bind(id)
    .fetch_optional(db)
    .await
}

/// A conversation's messages, oldest first (the newest `limit`).
pub async fn messages(db: &Db, conversation_id: i64, limit: i64) -> sqlx::Result<Vec<MessageRow>> {
    let mut rows: Vec<MessageRow> = sqlx::query_as(
        "SELECT m.id, m.author_id, u.display_name AS author_name, m.body, m.created_at
         FROM messages m JOIN users u ON u.id = m.author_id
         WHERE m.conversation_id = $1
         ORDER BY m.id DESC LIMIT $2",
    )
    .bind(conversation_id)
    .bind(limit)
    .fetch_all(db)
    .await?;
    rows.reverse();
    Ok(rows)
}

/// The conversations `user_id` takes part in, latest activity first, with unread counts.
pub async fn inbox(db: &Db, user_id: i64, limit: i64) -> sqlx::Result<Vec<InboxRow>> {
    sqlx::query_as(&format!(
        "SELECT c.id, l.slug AS listing_slug, l.title AS listing_title, l.kind AS listing_kind,
                c.inquirer_id, u.display_name AS inquirer_name,
                COALESCE(s.name, l.seller_name, '') AS seller_name, c.last_message_at,
                COALESCE((SELECT body FROM messages WHERE id = c.last_message_id), '') AS last_body,
                {UNREAD} AS unread
         FROM conversations c
         JOIN listings l ON l.id = c.listing_id
         JOIN users u ON u.id = c.inquirer_id
         LEFT JOIN stalls s ON s.id = l.stall_id
         LEFT JOIN conversation_reads r ON r.conversation_id = c.id AND r.user_id = $1
         WHERE {VISIBLE_TO_MEMBER}
         ORDER BY c.last_message_at DESC, c.id DESC
         LIMIT $2"
    ))
    .bind(user_id)
    .bind(limit)
    .fetch_all(db)
    .await
}

/// How many of `user_id`'s conversations hold messages they have not read.
pub async fn unread_conversations(db: &Db, user_id: i64) -> sqlx::Result<i64> {
    sqlx::query_scalar(&format!(
        "SELECT COUNT(*)
         FROM conversations c
         JOIN listings l ON l.id = c.listing_id
         LEFT JOIN conversation_reads r ON r.conversation_id = c.id AND r.user_id = $1
         WHERE c.last_author_id <> $1 AND c.last_message_id > COALESCE(r.last_read_id, 0)
           AND {VISIBLE_TO_MEMBER}"
    ))
    .bind(user_id)
    .fetch_one(db)
    .await
}

/// Everyone in a conversation but `author_id`: its inquirer, the listing's poster and the members
/// of its stall; each with the unread messages they had before message `message_id`.
pub async fn recipients(
    conn: &mut sqlx::AnyConnection,
    conversation_id: i64,
    author_id: i64,
    message_id: i64,
) -> sqlx::Result<Vec<Recipient>> {
    sqlx::query_as(
        "SELECT u.id AS user_id, u.email, u.display_name, u.locale,
                (SELECT COUNT(*) FROM messages m
                  WHERE m.conversation_id = $1 AND m.id < $3 AND m.author_id <> u.id
                    AND m.id > COALESCE((SELECT last_read_id FROM conversation_reads r
                                          WHERE r.conversation_id = $1 AND r.user_id = u.id), 0)
                ) AS unread_before
         FROM users u
         WHERE u.id <> $2 AND u.id IN (
             SELECT c.inquirer_id FROM conversations c WHERE c.id = $1
             UNION SELECT l.owner_id FROM conversations c JOIN listings l ON l.id = c.listing_id
                   WHERE c.id = $1 AND l.owner_id IS NOT NULL AND l.stall_id IS NULL
             UNION SELECT m.user_id FROM conversations c JOIN listings l ON l.id = c.listing_id
                   JOIN stall_members m ON m.stall_id = l.stall_id WHERE c.id = $1)
         ORDER BY u.id",
    )
    .bind(conversation_id)
    .bind(author_id)
    .bind(message_id)
    .fetch_all(conn)
    .await
}

/// A listing saved to a member's watchlist, whatever became of it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct WatchedRow {
    pub id: i64,
    pub slug: String,
    pub kind: String,
    pub listing_type: String,
    pub title: String,
    pub summary: String,
    pub status: String,
    pub price_vnd: Option<i64>,
    pub province_code: String,
    pub stall_name: Option<String>,
    pub saved_at: i64,
}

/// Saves (`true`) or forgets (`false`) listing `listing_id` on `user_id`'s watchlist.
pub async fn set_watched(
    db: &Db,
    user_id: i64,
    listing_id: i64,
    watched: bool,
    now_ms: i64,
) -> sqlx::Result<()> {
    let query = if watched {
        sqlx::query(
            "INSERT INTO watchlist (user_id, listing_id, created_at) VALUES ($1, $2, $3)
             ON CONFLICT (user_id, listing_id) DO NOTHING",
        )
        .bind(user_id)
        .bind(listing_id)
        .bind(now_ms)
    } else {
        sqlx::query("DELETE FROM watchlist WHERE user_id = $1 AND listing_id = $2")
            .bind(user_id)
            .bind(listing_id)
    };
    query.execute(db).await?;
    Ok(())
}

/// Whether `user_id` saved listing `listing_id`.
pub async fn is_watched(db: &Db, user_id: i64, listing_id: i64) -> sqlx::Result<bool> {
    let n: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM watchlist WHERE user_id = $1 AND listing_id = $2")
            .bind(user_id)
            .bind(listing_id)
            .fetch_one(db)
            .await?;
    Ok(n > 0)
}

/// `user_id`'s watchlist, latest saved first.
pub async fn watchlist(db: &Db, user_id: i64, limit: i64) -> sqlx::Result<Vec<WatchedRow>> {
    sqlx::query_as(
        "SELECT l.id, l.slug, l.kind, l.listing_type, l.title, l.summary, l.status, l.price_vnd,
                l.province_code, s.name AS stall_name, w.created_at AS saved_at
         FROM watchlist w
         JOIN listings l ON l.id = w.listing_id
         LEFT JOIN stalls s ON s.id = l.stall_id
         WHERE w.user_id = $1
         ORDER BY w.created_at DESC, l.id DESC
         LIMIT $2",
    )
    .bind(user_id)
    .bind(limit)
    .fetch_all(db)
    .await
}
