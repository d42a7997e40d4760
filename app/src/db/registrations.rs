//! Visitors' registrations for events: seats, the waiting list, tickets, reminders and check-in.
//!
//! Every change to who holds a seat first locks its event's row (an `UPDATE` that changes
//! nothing: a row lock on PostgreSQL, the write lock on SQLite), so two registrations for the
//! last seat, or a cancellation and a registration, are counted one after the other.

use super::Db;
use crate::model::{EventCard, TicketPage};

/// What registering needs of an event, read as its row is locked.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct EventSeats {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub starts_at: i64,
    pub ends_at: i64,
    pub venue: Option<String>,
    pub address: Option<String>,
    pub online_url: Option<String>,
    pub capacity: Option<i64>,
    pub registration_deadline: Option<i64>,
    pub status: String,
}

impl EventSeats {
    /// Where it is held, as a mail names it: venue and address, or the online link.
    pub fn place(&self) -> String {
        match (&self.venue, &self.address, &self.online_url) {
            (Some(venue), Some(address), _) => format!("{venue}, {address}"),
            (Some(venue), None, _) => venue.clone(),
            (None, _, Some(url)) => url.clone(),
            _ => String::new(),
        }
    }

    /// What a mail says of it: title, when, where (`place`, from [`EventSeats::place`]).
    pub fn mention<'a>(&'a self, place: &'a str) -> crate::mail::EventMention<'a> {
        crate::mail::EventMention {
            title: &self.title,
            starts_at: self.starts_at,
            place,
        }
    }

    /// Whether registrations are taken at `now`: published, not started, before the deadline.
    pub fn open(&self, now: i64) -> bool {
        self.status == "published"
            && self.starts_at > now
            && self.registration_deadline.is_none_or(|d| d > now)
    }
}

/// Locks event `id` for a change to its seats, and reads it.
async fn lock_event(conn: &mut sqlx::AnyConnection, id: i64) -> sqlx::Result<Option<EventSeats>> {
    sqlx::query_as(
        "UPDATE events SET capacity = capacity WHERE id = $1
         RETURNING id, slug, title, starts_at, ends_at, venue, address, online_url, capacity,
             registration_deadline, status",
    )
    .bind(id)
    .fetch_optional(conn)
    .await
}

/// Where a registration confirmed now goes: a seat while there is one, else the waiting list.
async fn place(conn: &mut sqlx::AnyConnection, event: &EventSeats) -> sqlx::Result<&'static str> {
    let Some(capacity) = event.capacity else {
        return Ok("confirmed");
    };
    let taken: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM event_registrations WHERE event_id = $1 AND status = 'confirmed'",
    )
    .bind(event.id)
    .fetch_one(conn)
    .await?;
    Ok(if taken < capacity {
        "confirmed"
    } else {
        "waiting"
    })
}

/// A registration as a form made it.
#[derive(Debug, Clone)]
pub struct NewRegistration<'a> {
    /// The member registering, if any (confirmed at once: their address is known).
    pub user_id: Option<i64>,
    pub registrant: &'a crate::domain::registration::Registrant,
    pub locale: &'a str,
    pub ticket_code: &'a str,
    /// A visitor's: the hash of the secret in the confirmation link.
    pub confirm_hash: Option<&'a str>,
    pub cancel_hash: &'a str,
}

/// Why a registration was not taken.
#[derive(Debug, thiserror::Error)]
pub enum RegisterError {
    #[error("no such event")]
    NoEvent,
    #[error("registration closed")]
    Closed,
    #[error("already registered")]
    Already,
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// A registration taken: where it stands, for the event.
#[derive(Debug, Clone)]
pub struct Registered {
    pub id: i64,
    pub status: String,
    pub ticket_code: String,
    pub event: EventSeats,
}

/// Takes a registration for event `event_id`: a member's is confirmed at once (a seat, or the
/// waiting list when full), a visitor's waits for their link. A visitor registering again
/// before confirming replaces their details and gets a new link; anyone holding a live
/// registration with that address is refused.
pub async fn register(
    conn: &mut sqlx::AnyConnection,
    event_id: i64,
    new: &NewRegistration<'_>,
    now: i64,
) -> Result<Registered, RegisterError> {
    let event = lock_event(conn, event_id)
        .await?
        .filter(|e| e.status != "draft")
        .ok_or(RegisterError::NoEvent)?;
    if !event.open(now) {
        return Err(RegisterError::Closed);
    }
    let who = new.registrant;
    let existing: Option<(i64, String, String)> = sqlx::query_as(
        "SELECT id, status, ticket_code FROM event_registrations
         WHERE event_id = $1 AND email = $2 AND status <> 'cancelled'",
    )
    .bind(event_id)
    .bind(&who.email)
    .fetch_optional(&mut *conn)
    .await?;
    let status = match new.confirm_hash {
        Some(_) => "unconfirmed",
        None => place(conn, &event).await?,
    };
    let (id, ticket_code) = match existing {
        Some((id, status, code)) if status == "unconfirmed" => {
            sqlx::query(
                "UPDATE event_registrations SET user_id = COALESCE($2, user_id), name = $3,
                     organisation = $4, phone = $5, locale = $6, confirm_hash = $7,
                     cancel_hash = $8, status = $9, created_at = $10
                 WHERE id = $1",
            )
            .bind(id)
            .bind(new.user_id)
            .bind(&who.name)
            .bind(&who.organisation)
            .bind(&who.phone)
            .bind(new.locale)
            .bind(new.confirm_hash)
            .bind(new.cancel_hash)
            .bind(status)
            .bind(now)
            .execute(&mut *conn)
            .await?;
            (id, code)
        }
        Some(_) => return Err(RegisterError::Already),
        None => {
            let id = sqlx::query_scalar(
                "INSERT INTO event_registrations (event_id, user_id, name, organisation, phone,
                     email, locale, status, ticket_code, confirm_hash, cancel_hash, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
                 RETURNING id",
            )
            .bind(event_id)
            .bind(new.user_id)
            .bind(&who.name)
            .bind(&who.organisation)
            .bind(&who.phone)
            .bind(&who.email)
            .bind(new.locale)
            .bind(status)
            .bind(new.ticket_code)
            .bind(new.confirm_hash)
            .bind(new.cancel_hash)
            .bind(now)
            .fetch_one(&mut *conn)
            .await?;
            (id, new.ticket_code.to_owned())
        }
    };
    stamp(conn, id, status, now).await?;
    Ok(Registered {
        id,
        status: status.to_owned(),
        ticket_code,
        event,
    })
}

/// Records when registration `id` took a seat or joined the waiting list.
async fn stamp(
    conn: &mut sqlx::AnyConnection,
    id: i64,
    status: &str,
    now: i64,
) -> sqlx::Result<()> {
    let sql = match status {
        "confirmed" => "UPDATE event_registrations SET confirmed_at = $2 WHERE id = $1",
        "waiting" => "UPDATE event_registrations SET waiting_since = $2 WHERE id = $1",
        _ => return Ok(()),
    };
    sqlx::query(sql).bind(id).bind(now).execute(conn).await?;
    Ok(())
}

/// Who a registration confirmed just now is mailed to.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Recipient {
    pub email: String,
    pub name: String,
    pub locale: String,
}

/// Confirms the registration whose link's secret hashes to `confirm_hash`: a seat, or the
/// waiting list when full. `None` for a link that was never sent (or replaced by a newer one);
/// a registration confirmed before is returned as it stands, without a recipient (its ticket
/// was mailed then); one confirmed now comes with who to mail it to.
pub async fn confirm(
    conn: &mut sqlx::AnyConnection,
    confirm_hash: &str,
    now: i64,
) -> Result<Option<(Registered, Option<Recipient>)>, RegisterError> {
    #[derive(sqlx::FromRow)]
    struct Row {
        id: i64,
        event_id: i64,
        status: String,
        ticket_code: String,
        #[sqlx(flatten)]
        recipient: Recipient,
    }
    let found: Option<Row> = sqlx::query_as(
        "SELECT id, event_id, status, ticket_code, email, name, locale FROM event_registrations
         WHERE confirm_hash = $1",
    )
    .bind(confirm_hash)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(row) = found else {
        return Ok(None);
    };
    let event = lock_event(conn, row.event_id)
        .await?
        .ok_or(RegisterError::NoEvent)?;
    let registered = |status: String| Registered {
        id: row.id,
        status,
        ticket_code: row.ticket_code.clone(),
        event: event.clone(),
    };
    if row.status != "unconfirmed" {
        return Ok(Some((registered(row.status.clone()), None)));
    }
    if !event.open(now) {
        return Err(RegisterError::Closed);
    }
    let status = place(conn, &event).await?;
    sqlx::query(
        "UPDATE event_registrations SET status = $2 WHERE id = $1 AND status = 'unconfirmed'",
    )
    .bind(row.id)
    .bind(status)
    .execute(&mut *conn)
    .await?;
    stamp(conn, row.id, status, now).await?;
    Ok(Some((registered(status.to_owned()), Some(row.recipient))))
}

/// Who holds the ticket with `code`, and the hash of its cancel link's secret.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Holder {
    pub id: i64,
    pub event_id: i64,
    pub user_id: Option<i64>,
    pub status: String,
    pub cancel_hash: String,
}

pub async fn holder(db: &Db, code: &str) -> sqlx::Result<Option<Holder>> {
    sqlx::query_as(
        "SELECT id, event_id, user_id, status, cancel_hash FROM event_registrations
         WHERE ticket_code = $1",
    )
    .bind(code)
    .fetch_optional(db)
    .await
}

/// A visitor moved up from the waiting list to a seat, to be told so.
#[derive(Debug, Clone, sqlx::FromRow)]
struct Promoted {
    id: i64,
    name: String,
    email: String,
    locale: String,
    ticket_code: String,
}

/// Cancels registration `id` (of event `event_id`, whose row it locks first); whether it was
/// cancelled now (not before). The seat it may have freed is filled by [`fill_free_seats`].
pub async fn cancel(
    conn: &mut sqlx::AnyConnection,
    event_id: i64,
    id: i64,
    now: i64,
) -> sqlx::Result<bool> {
    if lock_event(conn, event_id).await?.is_none() {
        return Ok(false);
    }
    Ok(sqlx::query(
        "UPDATE event_registrations SET status = 'cancelled', cancelled_at = $2
         WHERE id = $1 AND status <> 'cancelled'",
    )
    .bind(id)
    .bind(now)
    .execute(&mut *conn)
    .await?
    .rows_affected()
        == 1)
}

/// Moves event `event_id`'s waiting list up, in the order it was joined, into the seats free
/// (after a cancellation, or a capacity raised or removed), while the event is published and not
/// started; each visitor moved up is mailed their ticket with a new cancel link (links from
/// `origin`). How many moved up.
pub async fn fill_free_seats(
    conn: &mut sqlx::AnyConnection,
    event_id: i64,
    origin: &str,
    now: i64,
) -> sqlx::Result<usize> {
    use crate::i18n::Locale;

    let Some(event) = lock_event(conn, event_id).await? else {
        return Ok(0);
    };
    if event.status != "published" || event.starts_at <= now {
        return Ok(0);
    }
    let promoted = promote(conn, &event, now).await?;
    let place = event.place();
    let mention = event.mention(&place);
    for p in &promoted {
        let (token, hash) = crate::auth::new_session_token();
        set_cancel_hash(conn, p.id, &hash).await?;
        let mail = crate::mail::registration_ticket(
            Locale::from_code(&p.locale).unwrap_or_default(),
            &p.email,
            &p.name,
            origin,
            &mention,
            (&p.ticket_code, &token),
            crate::mail::Seat::MovedUp,
        );
        super::outbox::enqueue(conn, &mail, now).await?;
    }
    Ok(promoted.len())
}

/// Moves the waiting list up into the free seats of `event` (locked by the caller).
async fn promote(
    conn: &mut sqlx::AnyConnection,
    event: &EventSeats,
    now: i64,
) -> sqlx::Result<Vec<Promoted>> {
    let free = match event.capacity {
        Some(capacity) => {
            let taken: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM event_registrations
                 WHERE event_id = $1 AND status = 'confirmed'",
            )
            .bind(event.id)
            .fetch_one(&mut *conn)
            .await?;
            (capacity - taken).max(0)
        }
        None => i64::MAX,
    };
    if free == 0 {
        return Ok(Vec::new());
    }
    let promoted: Vec<Promoted> = sqlx::query_as(
        "SELECT id, name, email, locale, ticket_code FROM event_registrations
         WHERE event_id = $1 AND status = 'waiting' ORDER BY waiting_since, id LIMIT $2",
    )
    .bind(event.id)
    .bind(free)
    .fetch_all(&mut *conn)
    .await?;
    for p in &promoted {
        sqlx::query(
            "UPDATE event_registrations SET status = 'confirmed', confirmed_at = $2 WHERE id = $1",
        )
        .bind(p.id)
        .bind(now)
        .execute(&mut *conn)
        .await?;
    }
    Ok(promoted)
}

/// Gives registration `id` a new cancel link (the old one stops working).
pub async fn set_cancel_hash(
    conn: &mut sqlx::AnyConnection,
    id: i64,
    cancel_hash: &str,
) -> sqlx::Result<()> {
    sqlx::query("UPDATE event_registrations SET cancel_hash = $2 WHERE id = $1")
        .bind(id)
        .bind(cancel_hash)
        .execute(conn)
        .await?;
    Ok(())
}

/// Member `user_id`'s live registration for event `event_id`: its ticket code and status.
pub async fn of_member(
    db: &Db,
    event_id: i64,
    user_id: i64,
) -> sqlx::Result<Option<(String, String)>> {
    sqlx::query_as(
        "SELECT ticket_code, status FROM event_registrations
         WHERE event_id = $1 AND user_id = $2 AND status <> 'cancelled'
         ORDER BY id DESC LIMIT 1",
    )
    .bind(event_id)
    .bind(user_id)
    .fetch_optional(db)
    .await
}

/// Member `user_id`'s live registrations for events not over at `now`, soonest first.
pub async fn member_tickets(
    db: &Db,
    user_id: i64,
    now: i64,
) -> sqlx::Result<Vec<crate::model::MyTicket>> {
    sqlx::query_as(
        "SELECT r.ticket_code AS code, r.status, e.slug AS event_slug, e.title AS event_title,
             e.starts_at
         FROM event_registrations r JOIN events e ON e.id = r.event_id
         WHERE r.user_id = $1 AND r.status <> 'cancelled' AND e.ends_at > $2
             AND e.status = 'published'
         ORDER BY e.starts_at, e.id LIMIT 50",
    )
    .bind(user_id)
    .bind(now)
    .fetch_all(db)
    .await
}

/// The ticket with `code` as its page shows it (without its QR code, drawn by the caller).
pub async fn ticket(
    db: &Db,
    code: &str,
    viewer: Option<i64>,
    now: i64,
) -> sqlx::Result<Option<TicketPage>> {
    #[derive(sqlx::FromRow)]
    struct Row {
        id: i64,
        event_id: i64,
        user_id: Option<i64>,
        name: String,
        organisation: String,
        status: String,
        waiting_since: Option<i64>,
        checked_in_at: Option<i64>,
    }
    let row: Option<Row> = sqlx::query_as(
        "SELECT id, event_id, user_id, name, organisation, status, waiting_since, checked_in_at
         FROM event_registrations WHERE ticket_code = $1",
    )
    .bind(code)
    .fetch_optional(db)
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let event: EventCard = sqlx::query_as(&format!(
        "SELECT {} FROM events e WHERE e.id = $1",
        super::events::CARD_COLUMNS
    ))
    .bind(row.event_id)
    .fetch_one(db)
    .await?;
    let address: Option<String> = sqlx::query_scalar("SELECT address FROM events WHERE id = $1")
        .bind(row.event_id)
        .fetch_one(db)
        .await?;
    let waiting_position = match (row.status.as_str(), row.waiting_since) {
        ("waiting", Some(since)) => Some(
            sqlx::query_scalar::<_, i64>(
                "SELECT COUNT(*) FROM event_registrations
                 WHERE event_id = $1 AND status = 'waiting'
                     AND (waiting_since < $2 OR (waiting_since = $2 AND id <= $3))",
            )
            .bind(row.event_id)
            .bind(since)
            .bind(row.id)
            .fetch_one(db)
            .await?,
        ),
        _ => None,
    };
    Ok(Some(TicketPage {
        code: code.to_owned(),
        status: row.status,
        name: row.name,
        organisation: row.organisation,
        event,
        address,
        checked_in_at: row.checked_in_at,
        waiting_position,
        qr_svg: None,
        may_cancel: viewer.is_some() && viewer == row.user_id,
        now,
    }))
}

/// A reminder due: who to write to, about what.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Reminder {
    pub email: String,
    pub name: String,
    pub locale: String,
    pub ticket_code: String,
    pub event_id: i64,
}

/// Claims the reminders due at `now` (confirmed seats of published events starting within a
/// day, not yet reminded), marking them sent in the statement that finds them, so with
/// several processes each goes out once. The caller queues the mails in the same transaction.
pub async fn claim_reminders(
    conn: &mut sqlx::AnyConnection,
    now: i64,
    limit: i64,
) -> sqlx::Result<Vec<Reminder>> {
    sqlx::query_as(
        "UPDATE event_registrations SET reminded_at = $1
         WHERE reminded_at IS NULL AND status = 'confirmed' AND id IN (
             SELECT r.id FROM event_registrations r JOIN events e ON e.id = r.event_id
             WHERE r.status = 'confirmed' AND r.reminded_at IS NULL AND e.status = 'published'
                 AND e.starts_at > $1 AND e.starts_at <= $2
             ORDER BY r.id LIMIT $3)
         RETURNING email, name, locale, ticket_code, event_id",
    )
    .bind(now)
    .bind(now + 86_400_000)
    .bind(limit)
    .fetch_all(conn)
    .await
}

/// Event `id` as a mail about it names it.
pub async fn event_seats(
    conn: &mut sqlx::AnyConnection,
    id: i64,
) -> sqlx::Result<Option<EventSeats>> {
    sqlx::query_as(
        "SELECT id, slug, title, starts_at, ends_at, venue, address, online_url, capacity,
             registration_deadline, status
         FROM events WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(conn)
    .await
}

/// What checking a ticket in found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CheckIn {
    /// Checked in now: the holder's name and organisation.
    Done { name: String, organisation: String },
    /// Checked in before, at this time.
    Already { name: String, at: i64 },
    /// The ticket is for another event.
    OtherEvent,
    /// The registration holds no seat (unconfirmed, waiting or cancelled).
    NoSeat { status: String },
    /// No ticket has this code.
    Unknown,
}

/// Checks ticket `code` in at event `event_id`, once: the first check-in counts.
pub async fn check_in(
    db: &Db,
    event_id: i64,
    code: &str,
    by: i64,
    at: i64,
) -> sqlx::Result<CheckIn> {
    let _turn = super::dialect::write_turn(db).await;
    let done: Option<(String, String)> = sqlx::query_as(
        "UPDATE event_registrations SET checked_in_at = $4, checked_in_by = $3
         WHERE ticket_code = $1 AND event_id = $2 AND status = 'confirmed'
             AND checked_in_at IS NULL
         RETURNING name, organisation",
    )
    .bind(code)
    .bind(event_id)
    .bind(by)
    .bind(at)
    .fetch_optional(db)
    .await?;
    if let Some((name, organisation)) = done {
        return Ok(CheckIn::Done { name, organisation });
    }
    let found: Option<(i64, String, String, Option<i64>)> = sqlx::query_as(
        "SELECT event_id, name, status, checked_in_at FROM event_registrations
         WHERE ticket_code = $1",
    )
    .bind(code)
    .fetch_optional(db)
    .await?;
    Ok(match found {
        None => CheckIn::Unknown,
        Some((other, ..)) if other != event_id => CheckIn::OtherEvent,
        Some((_, name, _, Some(at))) => CheckIn::Already { name, at },
        Some((_, _, status, None)) => CheckIn::NoSeat { status },
    })
}

/// Event `event_id`'s seats taken and tickets checked in.
pub async fn door_counts(db: &Db, event_id: i64) -> sqlx::Result<(i64, i64)> {
    sqlx::query_as(
        "SELECT COUNT(*) FILTER (WHERE status = 'confirmed'),
                COUNT(*) FILTER (WHERE checked_in_at IS NOT NULL)
         FROM event_registrations WHERE event_id = $1",
    )
    .bind(event_id)
    .fetch_one(db)
    .await
}

/// Sends the reminders due at `now`: claims them and queues their mails in one transaction.
/// How many were queued.
pub async fn remind_due(db: &Db, origin: &str, now: i64) -> sqlx::Result<usize> {
    use crate::i18n::Locale;

    // Looked for first, so the minutes when nothing is due take no write lock.
    let any: Option<i64> = sqlx::query_scalar(
        "SELECT r.id FROM event_registrations r JOIN events e ON e.id = r.event_id
         WHERE r.status = 'confirmed' AND r.reminded_at IS NULL AND e.status = 'published'
             AND e.starts_at > $1 AND e.starts_at <= $2
         LIMIT 1",
    )
    .bind(now)
    .bind(now + 86_400_000)
    .fetch_optional(db)
    .await?;
    if any.is_none() {
        return Ok(0);
    }
    let _turn = super::dialect::write_turn(db).await;
    let mut tx = db.begin().await?;
    let due = claim_reminders(&mut tx, now, 500).await?;
    let mut events: std::collections::HashMap<i64, Option<EventSeats>> = Default::default();
    for reminder in &due {
        let event = match events.entry(reminder.event_id) {
            std::collections::hash_map::Entry::Occupied(known) => known.into_mut(),
            std::collections::hash_map::Entry::Vacant(new) => {
                new.insert(event_seats(&mut tx, reminder.event_id).await?)
            }
        };
        let Some(event) = event else {
            continue;
        };
        let place = event.place();
        let mail = crate::mail::registration_reminder(
            Locale::from_code(&reminder.locale).unwrap_or_default(),
            &reminder.email,
            &reminder.name,
            origin,
            &event.mention(&place),
            &reminder.ticket_code,
        );
        super::outbox::enqueue(&mut tx, &mail, now).await?;
    }
    tx.commit().await?;
    Ok(due.len())
}

/// Queues a mail to everyone registered for event `event_id` (holding a seat, waiting, or not
/// yet confirmed), which is being cancelled. How many.
pub async fn mail_cancellation(
    conn: &mut sqlx::AnyConnection,
    event_id: i64,
    origin: &str,
    now: i64,
) -> sqlx::Result<usize> {
    use crate::i18n::Locale;

    let Some(event) = event_seats(conn, event_id).await? else {
        return Ok(0);
    };
    let registered: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT email, name, locale FROM event_registrations
         WHERE event_id = $1 AND status <> 'cancelled' ORDER BY id",
    )
    .bind(event_id)
    .fetch_all(&mut *conn)
    .await?;
    let place = event.place();
    let mention = event.mention(&place);
    for (email, name, locale) in &registered {
        let mail = crate::mail::event_cancelled(
            Locale::from_code(locale).unwrap_or_default(),
            email,
            name,
            origin,
            &mention,
            &event.slug,
        );
        super::outbox::enqueue(conn, &mail, now).await?;
    }
    Ok(registered.len())
}
