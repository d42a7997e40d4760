//! The notification centre: what happened to a member's auctions, and new listings their alerts
//! found, newest first.

use super::Db;
use crate::model::Notification;

/// What a notification is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Someone bid above the member's maximum.
    Outbid,
    /// An auction they bid on or watch ends within the hour.
    EndingSoon,
    Won,
    Lost,
    /// Their own auction ended (sold or not).
    AuctionEnded,
}

impl Kind {
    pub fn code(self) -> &'static str {
        match self {
            Self::Outbid => "outbid",
            Self::EndingSoon => "ending_soon",
            Self::Won => "won",
            Self::Lost => "lost",
            Self::AuctionEnded => "auction_ended",
        }
    }
}

/// Adds a notification for `user` whose mail the caller queues in the same transaction.
pub async fn add(
    conn: &mut sqlx::AnyConnection,
    user: i64,
    kind: Kind,
    auction: (i64, &str),
    amount: Option<i64>,
    now: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO notifications (user_id, kind, auction_id, title, amount_vnd, created_at, mailed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $6)",
    )
    .bind(user)
    .bind(kind.code())
    .bind(auction.0)
    .bind(auction.1)
    .bind(amount)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// "Outbid" for each member who lost the lead of auction `auction_id`: `(member, price then,
/// when)`, in one statement inside the bids' own transaction (the listing's title read there).
/// Their mails follow from [`mail_outbid`].
pub async fn add_outbid(
    conn: &mut sqlx::AnyConnection,
    auction_id: i64,
    outbid: &[(i64, i64, i64)],
) -> sqlx::Result<()> {
    let sql = format!(
        "INSERT INTO notifications (user_id, kind, auction_id, title, amount_vnd, created_at)
         SELECT v.column1, 'outbid', a.id, l.title, v.column2, v.column3
         FROM (VALUES {}) AS v, auctions a JOIN listings l ON l.id = a.listing_id
         WHERE a.id = $1",
        super::dialect::placeholders(2, outbid.len(), 3)
    );
    let mut query = sqlx::query(&sql).bind(auction_id);
    for &(member, price, at) in outbid {
        query = query.bind(member).bind(price).bind(at);
    }
    query.execute(conn).await?;
    Ok(())
}

/// Where and how to write to `user`: e-mail, name and language.
pub async fn recipient(
    conn: &mut sqlx::AnyConnection,
    user: i64,
) -> sqlx::Result<(String, String, crate::i18n::Locale)> {
    let (email, name, locale): (String, String, String) =
        sqlx::query_as("SELECT email, display_name, locale FROM users WHERE id = $1")
            .bind(user)
            .fetch_one(conn)
            .await?;
    let locale = crate::i18n::Locale::from_code(&locale).unwrap_or_default();
    Ok((email, name, locale))
}

/// Queues the mails of outbid notifications not mailed yet (at most `limit` of them): one mail
/// per member and auction, with the latest price, however often they were outbid since the last
/// round. Each notification is claimed before its mail is queued, so across processes it is
/// mailed once. Returns how many mails were queued.
pub async fn mail_outbid(db: &Db, origin: &str, now: i64, limit: i64) -> sqlx::Result<usize> {
    use std::collections::BTreeMap;

    let pending: Vec<(i64, i64, i64, String, Option<i64>)> = sqlx::query_as(
        "SELECT id, user_id, auction_id, title, amount_vnd FROM notifications
         WHERE mailed_at IS NULL AND kind = 'outbid' ORDER BY id LIMIT $1",
    )
    .bind(limit)
    .fetch_all(db)
    .await?;
    if pending.is_empty() {
        return Ok(0);
    }
    let mut tx = db.begin().await?;
    // (member, auction) → the latest claimed notification's title and price.
    let mut latest: BTreeMap<(i64, i64), (String, i64)> = BTreeMap::new();
    for (id, user, auction, title, amount) in pending {
        let claimed = sqlx::query(
            "UPDATE notifications SET mailed_at = $1 WHERE id = $2 AND mailed_at IS NULL",
        )
        .bind(now)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        if claimed.rows_affected() == 1 {
            latest.insert((user, auction), (title, amount.unwrap_or_default()));
        }
    }
    for (&(user, auction), (title, price)) in &latest {
        let (email, name, locale) = recipient(&mut tx, user).await?;
        let mail =
            crate::mail::auction_outbid(locale, &email, &name, origin, (auction, title), *price);
        super::outbox::enqueue(&mut tx, &mail, now).await?;
    }
    tx.commit().await?;
    Ok(latest.len())
}

/// How many of `user`'s notifications are unread.
pub async fn unread(db: &Db, user: i64) -> sqlx::Result<i64> {
    sqlx::query_scalar("SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL")
        .bind(user)
        .fetch_one(db)
        .await
}

/// A notification as read with its listing's slug, for [`Notification`].
#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    user_id: i64,
    locale: String,
    kind: String,
    auction_id: Option<i64>,
    slug: Option<String>,
    title: String,
    detail: Option<String>,
    amount_vnd: Option<i64>,
    created_at: i64,
    read_at: Option<i64>,
}

const ROW_COLUMNS: &str = "n.id, n.user_id, u.locale, n.kind, n.auction_id, l.slug, n.title, n.detail, \
     n.amount_vnd, n.created_at, n.read_at \
     FROM notifications n JOIN users u ON u.id = n.user_id LEFT JOIN listings l ON l.id = n.listing_id";

impl Row {
    fn into_notification(self) -> Notification {
        Notification {
            id: self.id,
            kind: self.kind,
            link: match (self.auction_id, self.slug) {
                (Some(auction), _) => format!("/auctions/{auction}"),
                (None, Some(slug)) => format!("/listings/{slug}"),
                (None, None) => "/account/alerts".to_owned(),
            },
            title: self.title,
            detail: self.detail,
            amount: self.amount_vnd,
            created_at: self.created_at,
            unread: self.read_at.is_none(),
        }
    }
}

/// `user`'s latest `limit` notifications, newest first.
pub async fn latest(db: &Db, user: i64, limit: i64) -> sqlx::Result<Vec<Notification>> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT {ROW_COLUMNS} WHERE n.user_id = $1 ORDER BY n.id DESC LIMIT $2"
    ))
    .bind(user)
    .bind(limit)
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(Row::into_notification).collect())
}

/// Notifications `ids`, each with its member and the language they read the site in.
pub async fn by_ids(
    db: &Db,
    ids: &[i64],
) -> sqlx::Result<Vec<(i64, crate::i18n::Locale, Notification)>> {
    let sql = format!(
        "SELECT {ROW_COLUMNS} WHERE n.id IN ({}) ORDER BY n.id",
        super::dialect::placeholders(1, ids.len(), 1)
    );
    let mut query = sqlx::query_as::<_, Row>(&sql);
    for id in ids {
        query = query.bind(id);
    }
    Ok(query
        .fetch_all(db)
        .await?
        .into_iter()
        .map(|row| {
            let locale = crate::i18n::Locale::from_code(&row.locale).unwrap_or_default();
            (row.user_id, locale, row.into_notification())
        })
        .collect())
}

/// Marks `user`'s notifications up to `up_to` (an id) read; returns how many changed.
pub async fn mark_read(db: &Db, user: i64, up_to: i64, now: i64) -> sqlx::Result<u64> {
    Ok(sqlx::query(
        "UPDATE notifications SET read_at = $1
         WHERE user_id = $2 AND id <= $3 AND read_at IS NULL",
    )
    .bind(now)
    .bind(user)
    .bind(up_to)
    .execute(db)
    .await?
    .rows_affected())
}

/// Sends "ending soon" once for each running auction that ends within `window_ms` of `now`: to
/// everyone who bid on it and everyone watching its listing (the seller's side excepted). Each
/// auction is claimed first, so across processes it goes out once. Returns the members told.
pub async fn ending_soon(
    db: &Db,
    now: i64,
    window_ms: i64,
    origin: &str,
) -> sqlx::Result<Vec<i64>> {
    let due: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT id, listing_id FROM auctions
         WHERE status = 'approved' AND ending_notified_at IS NULL AND starts_at <= $1
           AND ends_at > $1 AND ends_at <= $2
         ORDER BY ends_at LIMIT 100",
    )
    .bind(now)
    .bind(now + window_ms)
    .fetch_all(db)
    .await?;
    let mut told = Vec::new();
    for (id, listing_id) in due {
        let mut tx = db.begin().await?;
        let claimed = sqlx::query(
            "UPDATE auctions SET ending_notified_at = $1 WHERE id = $2 AND ending_notified_at IS NULL",
        )
        .bind(now)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        if claimed.rows_affected() == 0 {
            continue;
        }
        let (title, price, seller): (String, i64, Option<i64>) = sqlx::query_as(
            "SELECT l.title, a.current_price_vnd, a.seller_id
             FROM auctions a JOIN listings l ON l.id = a.listing_id WHERE a.id = $1",
        )
        .bind(id)
        .fetch_one(&mut *tx)
        .await?;
        let members: Vec<i64> = sqlx::query_scalar(
            "SELECT bidder_id FROM auction_actions WHERE auction_id = $1
             UNION SELECT user_id FROM watchlist WHERE listing_id = $2
             ORDER BY 1",
        )
        .bind(id)
        .bind(listing_id)
        .fetch_all(&mut *tx)
        .await?;
        for member in members.into_iter().filter(|&m| Some(m) != seller) {
            add(
                &mut tx,
                member,
                Kind::EndingSoon,
                (id, &title),
                Some(price),
                now,
            )
            .await?;
            let (email, name, locale) = recipient(&mut tx, member).await?;
            let mail =
                crate::mail::auction_ending_soon(locale, &email, &name, origin, (id, &title));
            super::outbox::enqueue(&mut tx, &mail, now).await?;
            told.push(member);
        }
        tx.commit().await?;
    }
    Ok(told)
}
