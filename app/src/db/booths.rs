//! Stalls' booths at fairs: applications with the listings they will show, moderators'
//! decisions and booth numbers, the exhibitors by booth, and the listings of the online
//! techmart.

use super::Db;
use crate::model::{BoothApplication, BoothListing, BoothStall, Exhibitor};

/// Why a booth application was not taken.
#[derive(Debug, thiserror::Error)]
pub enum ApplyError {
    /// The event takes no (more) applications: booths not open, cancelled or started.
    #[error("booths closed")]
    Closed,
    /// A listing named is not the stall's, or not published.
    #[error("not the stall's listing")]
    NotTheStalls,
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// Whether event `event_id` takes booth applications at `now`: published, booths open, not
/// started.
pub async fn taking_applications(db: &Db, event_id: i64, now: i64) -> sqlx::Result<bool> {
    let open: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM events
         WHERE id = $1 AND status = 'published' AND booths_open = 1 AND starts_at > $2",
    )
    .bind(event_id)
    .bind(now)
    .fetch_optional(db)
    .await?;
    Ok(open.is_some())
}

/// Stall `stall_id` applies for a booth at event `event_id` with `listings` (its own,
/// published). Applying again replaces the listings and the note; a declined or withdrawn
/// application is made anew; an accepted booth keeps its number. The booth's id.
pub async fn apply(
    db: &Db,
    (event_id, stall_id): (i64, i64),
    listings: &[i64],
    note: &str,
    by: i64,
    now: i64,
) -> Result<i64, ApplyError> {
    if !taking_applications(db, event_id, now).await? {
        return Err(ApplyError::Closed);
    }
    let placeholders = super::dialect::placeholders(2, listings.len(), 1);
    let sql = format!(
        "SELECT COUNT(*) FROM listings WHERE stall_id = $1 AND status = 'published'
             AND id IN ({placeholders})"
    );
    let mut owned = sqlx::query_scalar::<_, i64>(&sql).bind(stall_id);
    for id in listings {
        owned = owned.bind(*id);
    }
    if owned.fetch_one(db).await? != listings.len() as i64 {
        return Err(ApplyError::NotTheStalls);
    }
    let _turn = super::dialect::write_turn(db).await;
    let mut tx = db.begin().await?;
    let booth: i64 = sqlx::query_scalar(
        "INSERT INTO event_booths (event_id, stall_id, status, note, applied_by, created_at)
         VALUES ($1, $2, 'applied', $3, $4, $5)
         ON CONFLICT (event_id, stall_id) DO UPDATE SET note = excluded.note,
             applied_by = excluded.applied_by,
             status = CASE WHEN event_booths.status = 'accepted' THEN 'accepted' ELSE 'applied' END,
             decided_by = CASE WHEN event_booths.status = 'accepted'
                 THEN event_booths.decided_by ELSE NULL END,
             decided_at = CASE WHEN event_booths.status = 'accepted'
                 THEN event_booths.decided_at ELSE NULL END,
             booth_number = CASE WHEN event_booths.status = 'accepted'
                 THEN event_booths.booth_number ELSE NULL END
         RETURNING id",
    )
    .bind(event_id)
    .bind(stall_id)
    .bind(note)
    .bind(by)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM event_booth_listings WHERE booth_id = $1")
        .bind(booth)
        .execute(&mut *tx)
        .await?;
    for (position, listing) in (1i64..).zip(listings) {
        sqlx::query(
            "INSERT INTO event_booth_listings (booth_id, position, listing_id) VALUES ($1, $2, $3)",
        )
        .bind(booth)
        .bind(position)
        .bind(listing)
        .execute(&mut *tx)
        .await?;
    }
    super::audit::record(
        &mut tx,
        Some(by),
        "booth_applied",
        ("event", event_id),
        &stall_id.to_string(),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(booth)
}

/// Stall `stall_id` withdraws its application (or booth) at event `event_id`; whether it had one.
pub async fn withdraw(
    db: &Db,
    (event_id, stall_id): (i64, i64),
    by: i64,
    now: i64,
) -> sqlx::Result<bool> {
    let _turn = super::dialect::write_turn(db).await;
    let mut tx = db.begin().await?;
    let done = sqlx::query(
        "UPDATE event_booths SET status = 'withdrawn', booth_number = NULL
         WHERE event_id = $1 AND stall_id = $2 AND status IN ('applied', 'accepted')",
    )
    .bind(event_id)
    .bind(stall_id)
    .execute(&mut *tx)
    .await?
    .rows_affected()
        == 1;
    if done {
        super::audit::record(
            &mut tx,
            Some(by),
            "booth_withdrawn",
            ("event", event_id),
            &stall_id.to_string(),
            now,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(done)
}

/// Why a decision on a booth was not taken.
#[derive(Debug, thiserror::Error)]
pub enum DecideError {
    #[error("no such application")]
    NotFound,
    #[error("booth number taken")]
    NumberTaken,
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// A moderator accepts booth `id` with `number` (unique at its event), or declines it (`None`).
/// The booth's event.
pub async fn decide(
    db: &Db,
    id: i64,
    number: Option<&str>,
    by: i64,
    now: i64,
) -> Result<i64, DecideError> {
    let _turn = super::dialect::write_turn(db).await;
    let mut tx = db.begin().await?;
    let event_id: i64 = sqlx::query_scalar(
        "UPDATE event_booths SET status = $2, booth_number = $3, decided_by = $4, decided_at = $5
         WHERE id = $1 AND status IN ('applied', 'accepted', 'declined')
             AND NOT EXISTS (SELECT 1 FROM event_booths o
                 WHERE o.event_id = event_booths.event_id AND o.id <> $1
                     AND o.status = 'accepted' AND o.booth_number = $3)
         RETURNING event_id",
    )
    .bind(id)
    .bind(if number.is_some() {
        "accepted"
    } else {
        "declined"
    })
    .bind(number)
    .bind(by)
    .bind(now)
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(DecideError::NotFound)?;
    super::audit::record(
        &mut tx,
        Some(by),
        "booth_decided",
        ("event", event_id),
        number.unwrap_or("declined"),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(event_id)
}

/// Whether booth number `number` is another accepted booth's at booth `id`'s event.
pub async fn number_taken(db: &Db, id: i64, number: &str) -> sqlx::Result<bool> {
    let taken: Option<i64> = sqlx::query_scalar(
        "SELECT o.id FROM event_booths b JOIN event_booths o ON o.event_id = b.event_id
         WHERE b.id = $1 AND o.id <> $1 AND o.status = 'accepted' AND o.booth_number = $2",
    )
    .bind(id)
    .bind(number)
    .fetch_optional(db)
    .await?;
    Ok(taken.is_some())
}

/// The booths accepted at event `event_id`, in hall order, each with its listings counted.
pub async fn exhibitors(db: &Db, event_id: i64) -> sqlx::Result<Vec<Exhibitor>> {
    let mut found: Vec<Exhibitor> = sqlx::query_as(
        "SELECT b.booth_number, s.slug AS stall_slug, s.name AS stall_name,
             s.logo_key AS stall_logo,
             (SELECT COUNT(*) FROM event_booth_listings x JOIN listings l ON l.id = x.listing_id
              WHERE x.booth_id = b.id AND l.status = 'published') AS listings
         FROM event_booths b JOIN stalls s ON s.id = b.stall_id
         WHERE b.event_id = $1 AND b.status = 'accepted' AND s.status = 'approved'",
    )
    .bind(event_id)
    .fetch_all(db)
    .await?;
    found.sort_by_key(|e| crate::domain::booth::booth_order(&e.booth_number));
    Ok(found)
}

/// The published listings shown at event `event_id`'s accepted booths (the online techmart).
pub async fn techmart_listings(db: &Db, event_id: i64) -> sqlx::Result<Vec<i64>> {
    let mut ids: Vec<i64> = sqlx::query_scalar(
        "SELECT DISTINCT x.listing_id FROM event_booths b
             JOIN event_booth_listings x ON x.booth_id = b.id
             JOIN listings l ON l.id = x.listing_id
         WHERE b.event_id = $1 AND b.status = 'accepted' AND l.status = 'published'",
    )
    .bind(event_id)
    .fetch_all(db)
    .await?;
    ids.sort_unstable();
    Ok(ids)
}

/// The listings of booth `booth_id`, in the order named.
async fn booth_listings(db: &Db, booth_id: i64) -> sqlx::Result<Vec<BoothListing>> {
    sqlx::query_as(
        "SELECT l.id, l.slug, l.title, l.kind FROM event_booth_listings x
             JOIN listings l ON l.id = x.listing_id
         WHERE x.booth_id = $1 ORDER BY x.position",
    )
    .bind(booth_id)
    .fetch_all(db)
    .await
}

/// Every application at event `event_id` (the moderators' desk): waiting ones first.
pub async fn applications(db: &Db, event_id: i64) -> sqlx::Result<Vec<BoothApplication>> {
    #[derive(sqlx::FromRow)]
    struct Row {
        id: i64,
        stall_slug: String,
        stall_name: String,
        status: String,
        booth_number: Option<String>,
        note: String,
        created_at: i64,
    }
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT b.id, s.slug AS stall_slug, s.name AS stall_name, b.status, b.booth_number,
             b.note, b.created_at
         FROM event_booths b JOIN stalls s ON s.id = b.stall_id
         WHERE b.event_id = $1
         ORDER BY CASE b.status WHEN 'applied' THEN 0 WHEN 'accepted' THEN 1 ELSE 2 END,
             b.created_at, b.id",
    )
    .bind(event_id)
    .fetch_all(db)
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        out.push(BoothApplication {
            listings: booth_listings(db, row.id).await?,
            id: row.id,
            stall_slug: row.stall_slug,
            stall_name: row.stall_name,
            status: row.status,
            booth_number: row.booth_number,
            note: row.note,
            created_at: row.created_at,
        });
    }
    Ok(out)
}

/// The approved stalls `user_id` acts for, each with its application at event `event_id` (if
/// any) and the published listings it may name.
pub async fn own_stalls(db: &Db, event_id: i64, user_id: i64) -> sqlx::Result<Vec<BoothStall>> {
    #[derive(sqlx::FromRow)]
    struct Row {
        id: i64,
        slug: String,
        name: String,
        booth_id: Option<i64>,
        status: Option<String>,
        booth_number: Option<String>,
        note: Option<String>,
    }
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT s.id, s.slug, s.name, b.id AS booth_id, b.status, b.booth_number, b.note
         FROM stall_members m JOIN stalls s ON s.id = m.stall_id
             LEFT JOIN event_booths b ON b.stall_id = s.id AND b.event_id = $2
         WHERE m.user_id = $1 AND s.status = 'approved'
         ORDER BY s.name, s.id",
    )
    .bind(user_id)
    .bind(event_id)
    .fetch_all(db)
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let listings: Vec<BoothListing> = sqlx::query_as(
            "SELECT l.id, l.slug, l.title, l.kind FROM listings l
             WHERE l.stall_id = $1 AND l.status = 'published'
             ORDER BY l.kind DESC, l.created_at DESC, l.id DESC LIMIT 200",
        )
        .bind(row.id)
        .fetch_all(db)
        .await?;
        let chosen = match row.booth_id {
            Some(booth) => booth_listings(db, booth)
                .await?
                .into_iter()
                .map(|l| l.id)
                .collect(),
            None => Vec::new(),
        };
        out.push(BoothStall {
            id: row.id,
            slug: row.slug,
            name: row.name,
            status: row.status,
            booth_number: row.booth_number,
            note: row.note.unwrap_or_default(),
            chosen,
            listings,
        });
    }
    Ok(out)
}

/// Whether `user_id` acts for an approved stall (and so may apply for booths).
pub async fn acts_for_a_stall(db: &Db, user_id: i64) -> sqlx::Result<bool> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT s.id FROM stall_members m JOIN stalls s ON s.id = m.stall_id
         WHERE m.user_id = $1 AND s.status = 'approved' LIMIT 1",
    )
    .bind(user_id)
    .fetch_optional(db)
    .await?;
    Ok(found.is_some())
}
