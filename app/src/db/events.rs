//! Events: the calendar of fairs, exhibitions, connection sessions, startup events and training
//! courses, their programmes and the articles about them.

use super::Db;
use super::articles::CARD_COLUMNS as ARTICLE_CARD_COLUMNS;
use crate::domain::auction_setup::vietnam_datetime_input;
use crate::domain::event::{EventForm, EventInput, ProgrammeItem, programme_text};
use crate::model::{ArticleCard, EventCard, EventPage, EventView, Page};

/// An [`EventCard`]'s columns, `e` being the event.
pub(super) const CARD_COLUMNS: &str = "e.id, e.slug, e.kind, e.title, e.summary, e.cover_thumb, \
     e.starts_at, e.ends_at, e.venue, e.province_code, e.online_url, e.status";

/// An [`EventView`]'s columns.
const VIEW_COLUMNS: &str = "e.id, e.slug, e.kind, e.title, e.summary, e.description_html, \
     e.cover_key, e.starts_at, e.ends_at, e.venue, e.address, e.province_code, e.online_url, \
     e.organiser, e.capacity, e.registration_deadline, e.booths_open, e.attendance_reported, \
     e.status, e.updated_at";

/// Upcoming events shown at most on `/events` (the real exchange runs about 20 a year).
const UPCOMING: i64 = 60;

/// Why an event could not be saved.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error("slug taken")]
    SlugTaken,
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// What `/events` shows: every kind and province, or one.
#[derive(Debug, Clone, Default)]
pub struct EventFilter {
    pub kind: Option<String>,
    pub province: Option<String>,
}

impl EventFilter {
    /// The filter's SQL after `status <> 'draft'`, its values bound from `$first`.
    fn sql(&self, first: usize) -> (String, Vec<&str>) {
        let mut sql = String::new();
        let mut values = Vec::new();
        for (column, value) in [("e.kind", &self.kind), ("e.province_code", &self.province)] {
            if let Some(value) = value {
                sql.push_str(&format!(" AND {column} = ${}", first + values.len()));
                values.push(value.as_str());
            }
        }
        (sql, values)
    }
}

/// Creates (`id` 0) or updates event `id` from `input`, its programme replaced whole; `None`
/// when there is no such event. Seats a raised (or removed) capacity frees go to the waiting
/// list at once, mailed (links from `origin`). Moderators and editors only (checked by the
/// caller).
pub async fn save(
    db: &Db,
    id: i64,
    input: &EventInput,
    (by, origin): (i64, &str),
    now: i64,
) -> Result<Option<i64>, SaveError> {
    let description_html = crate::markdown::render(&input.description);
    let _turn = super::dialect::write_turn(db).await;
    let mut tx = super::dialect::begin_write(db).await?;
    if super::slug_taken(&mut tx, "events", &input.slug, id).await? {
        return Err(SaveError::SlugTaken);
    }
    let values = |sql: &'static str| {
        sqlx::query_scalar::<_, i64>(sql)
            .bind(&input.slug)
            .bind(input.kind.code())
            .bind(&input.title)
            .bind(&input.summary)
            .bind(&input.description)
            .bind(&description_html)
            .bind(input.starts_at)
            .bind(input.ends_at)
            .bind(&input.venue)
            .bind(&input.address)
            .bind(&input.province)
            .bind(&input.online_url)
            .bind(&input.organiser)
            .bind(input.capacity)
            .bind(input.registration_deadline)
            .bind(i64::from(input.booths_open))
            .bind(now)
    };
    let id = if id == 0 {
        values(
            "INSERT INTO events (slug, kind, title, summary, description, description_html,
                 starts_at, ends_at, venue, address, province_code, online_url, organiser,
                 capacity, registration_deadline, booths_open, created_at, updated_at, created_by)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17,
                 $17, $18)
             RETURNING id",
        )
        .bind(by)
        .fetch_one(&mut *tx)
        .await?
    } else {
        let updated = values(
            "UPDATE events SET slug = $1, kind = $2, title = $3, summary = $4, description = $5,
                 description_html = $6, starts_at = $7, ends_at = $8, venue = $9, address = $10,
                 province_code = $11, online_url = $12, organiser = $13, capacity = $14,
                 registration_deadline = $15, booths_open = $16, updated_at = $17
             WHERE id = $18
             RETURNING id",
        )
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(id) = updated else {
            return Ok(None);
        };
        id
    };
    sqlx::query("DELETE FROM event_programme WHERE event_id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    for (position, item) in (1i64..).zip(&input.programme) {
        sqlx::query(
            "INSERT INTO event_programme (event_id, position, starts_at, title, speaker)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(id)
        .bind(position)
        .bind(item.starts_at)
        .bind(&item.title)
        .bind(&item.speaker)
        .execute(&mut *tx)
        .await?;
    }
    super::registrations::fill_free_seats(&mut tx, id, origin, now).await?;
    super::audit::record(
        &mut tx,
        Some(by),
        "event_saved",
        ("event", id),
        input.kind.code(),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(Some(id))
}

/// Sets event `id`'s status (`published`, `cancelled` or `draft`); whether it exists. Cancelling
/// it mails everyone registered, in the same transaction (links in the mail start at `origin`).
pub async fn set_status(
    db: &Db,
    id: i64,
    status: &str,
    (by, origin): (i64, &str),
    now: i64,
) -> sqlx::Result<bool> {
    let _turn = super::dialect::write_turn(db).await;
    let mut tx = db.begin().await?;
    let done = sqlx::query(
        "UPDATE events SET status = $2, updated_at = $3 WHERE id = $1 AND status <> $2",
    )
    .bind(id)
    .bind(status)
    .bind(now)
    .execute(&mut *tx)
    .await?
    .rows_affected()
        == 1;
    if done && status == "cancelled" {
        super::registrations::mail_cancellation(&mut tx, id, origin, now).await?;
    }
    if done {
        super::audit::record(
            &mut tx,
            Some(by),
            "event_status",
            ("event", id),
            status,
            now,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(done)
}

/// Sets event `id`'s cover (display size, thumbnail) and returns the keys it replaced.
pub async fn set_cover(
    db: &Db,
    id: i64,
    (cover, thumb): (&str, &str),
    by: i64,
    now: i64,
) -> sqlx::Result<Vec<String>> {
    let _turn = super::dialect::write_turn(db).await;
    let mut tx = db.begin().await?;
    let old: Option<(Option<String>, Option<String>)> =
        sqlx::query_as("SELECT cover_key, cover_thumb FROM events WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
    sqlx::query(
        "UPDATE events SET cover_key = $2, cover_thumb = $3, updated_at = $4 WHERE id = $1",
    )
    .bind(id)
    .bind(cover)
    .bind(thumb)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    super::audit::record(&mut tx, Some(by), "event_cover", ("event", id), "", now).await?;
    tx.commit().await?;
    Ok(old
        .map(|(cover, thumb)| [cover, thumb].into_iter().flatten().collect())
        .unwrap_or_default())
}

/// Upcoming and running events (not yet ended at `now`), soonest first; and a page of past
/// ones, newest first.
pub async fn listed(
    db: &Db,
    filter: &EventFilter,
    now: i64,
    past_page: u32,
    per_page: u32,
) -> sqlx::Result<(Vec<EventCard>, Page<EventCard>)> {
    let (extra, values) = filter.sql(3);
    let upcoming_sql = format!(
        "SELECT {CARD_COLUMNS} FROM events e
         WHERE e.status <> 'draft' AND e.ends_at > $1 {extra}
         ORDER BY e.starts_at, e.id LIMIT $2"
    );
    let mut upcoming = sqlx::query_as::<_, EventCard>(&upcoming_sql)
        .bind(now)
        .bind(UPCOMING);
    for value in &values {
        upcoming = upcoming.bind(*value);
    }
    let upcoming = upcoming.fetch_all(db).await?;

    let (extra, values) = filter.sql(4);
    let past_sql = format!(
        "SELECT {CARD_COLUMNS} FROM events e
         WHERE e.status <> 'draft' AND e.ends_at <= $1 {extra}
         ORDER BY e.starts_at DESC, e.id DESC LIMIT $2 OFFSET $3"
    );
    let offset = i64::from(past_page.saturating_sub(1)) * i64::from(per_page);
    let mut past = sqlx::query_as::<_, EventCard>(&past_sql)
        .bind(now)
        .bind(i64::from(per_page))
        .bind(offset);
    for value in &values {
        past = past.bind(*value);
    }
    let (extra, values) = filter.sql(2);
    let count_sql = format!(
        "SELECT COUNT(*) FROM events e WHERE e.status <> 'draft' AND e.ends_at <= $1 {extra}"
    );
    let mut count = sqlx::query_scalar::<_, i64>(&count_sql).bind(now);
    for value in &values {
        count = count.bind(*value);
    }
    let items = past.fetch_all(db).await?;
    let total = count.fetch_one(db).await?;
    Ok((
        upcoming,
        Page {
            items,
            page: past_page,
            per_page,
            total,
        },
    ))
}

/// Published and cancelled events overlapping `from..to` (UTC milliseconds), by start.
pub async fn between(db: &Db, from: i64, to: i64) -> sqlx::Result<Vec<EventCard>> {
    sqlx::query_as(&format!(
        "SELECT {CARD_COLUMNS} FROM events e
         WHERE e.status <> 'draft' AND e.starts_at < $2 AND e.ends_at > $1
         ORDER BY e.starts_at, e.id"
    ))
    .bind(from)
    .bind(to)
    .fetch_all(db)
    .await
}

/// Published events not yet ended at `now`, soonest first (the calendar feed).
pub async fn upcoming_views(db: &Db, now: i64) -> sqlx::Result<Vec<EventView>> {
    sqlx::query_as(&format!(
        "SELECT {VIEW_COLUMNS} FROM events e
         WHERE e.status = 'published' AND e.ends_at > $1 ORDER BY e.starts_at, e.id LIMIT $2"
    ))
    .bind(now)
    .bind(UPCOMING)
    .fetch_all(db)
    .await
}

/// The event at `slug` (not a draft), as its page shows it.
pub async fn page(db: &Db, slug: &str, now: i64) -> sqlx::Result<Option<EventPage>> {
    let event: Option<EventView> = sqlx::query_as(&format!(
        "SELECT {VIEW_COLUMNS} FROM events e WHERE e.slug = $1 AND e.status <> 'draft'"
    ))
    .bind(slug)
    .fetch_optional(db)
    .await?;
    let Some(event) = event else {
        return Ok(None);
    };
    let programme = programme(db, event.id).await?;
    let articles = sqlx::query_as::<_, ArticleCard>(&format!(
        "SELECT {ARTICLE_CARD_COLUMNS} FROM event_articles k JOIN articles a ON a.id = k.article_id
         WHERE k.event_id = $1 AND a.status = 'published'
         ORDER BY a.published_at DESC, a.id DESC LIMIT 6"
    ))
    .bind(event.id)
    .fetch_all(db)
    .await?;
    let (registered, checked_in): (i64, i64) = sqlx::query_as(
        "SELECT COUNT(*) FILTER (WHERE status = 'confirmed'),
                COUNT(*) FILTER (WHERE checked_in_at IS NOT NULL)
         FROM event_registrations WHERE event_id = $1",
    )
    .bind(event.id)
    .fetch_one(db)
    .await?;
    let attendance = match (checked_in, event.attendance_reported) {
        (0, reported) => reported,
        (n, _) => Some(n),
    };
    let exhibitors = super::booths::exhibitors(db, event.id).await?;
    Ok(Some(EventPage {
        event,
        programme,
        articles,
        registered,
        attendance,
        now,
        mine: None,
        viewer: None,
        door: false,
        exhibitors,
        stall_member: false,
        moderator: false,
    }))
}

async fn programme(db: &Db, id: i64) -> sqlx::Result<Vec<ProgrammeItem>> {
    sqlx::query_as(
        "SELECT starts_at, title, speaker FROM event_programme WHERE event_id = $1
         ORDER BY starts_at, position",
    )
    .bind(id)
    .fetch_all(db)
    .await
}

/// Event `id` in any state as its editor's form holds it, its status and its cover.
pub async fn editor_form(
    db: &Db,
    id: i64,
) -> sqlx::Result<Option<(EventForm, String, Option<String>)>> {
    #[derive(sqlx::FromRow)]
    struct Row {
        kind: String,
        title: String,
        slug: String,
        summary: String,
        description: String,
        starts_at: i64,
        ends_at: i64,
        venue: Option<String>,
        address: Option<String>,
        province_code: Option<String>,
        online_url: Option<String>,
        organiser: String,
        capacity: Option<i64>,
        registration_deadline: Option<i64>,
        booths_open: i64,
        status: String,
        cover_key: Option<String>,
    }
    let row: Option<Row> = sqlx::query_as(
        "SELECT kind, title, slug, summary, description, starts_at, ends_at, venue, address,
             province_code, online_url, organiser, capacity, registration_deadline, booths_open,
             status, cover_key
         FROM events WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(db)
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let programme = programme_text(&programme(db, id).await?, row.starts_at);
    let form = EventForm {
        kind: row.kind,
        title: row.title,
        slug: row.slug,
        summary: row.summary,
        description: row.description,
        starts_at: vietnam_datetime_input(row.starts_at),
        ends_at: vietnam_datetime_input(row.ends_at),
        venue: row.venue.unwrap_or_default(),
        address: row.address.unwrap_or_default(),
        province: row.province_code.unwrap_or_default(),
        online_url: row.online_url.unwrap_or_default(),
        organiser: row.organiser,
        capacity: row.capacity.map(|c| c.to_string()).unwrap_or_default(),
        registration_deadline: row
            .registration_deadline
            .map(vietnam_datetime_input)
            .unwrap_or_default(),
        booths_open: if row.booths_open == 1 {
            "on".into()
        } else {
            String::new()
        },
        programme,
    };
    Ok(Some((form, row.status, row.cover_key)))
}

/// Every event in any state, last changed first (the editors' list).
pub async fn desk(db: &Db, page: u32, per_page: u32) -> sqlx::Result<Page<EventCard>> {
    let items = format!(
        "SELECT {CARD_COLUMNS} FROM events e ORDER BY e.updated_at DESC, e.id DESC
         LIMIT $1 OFFSET $2"
    );
    super::page_of(db, (&items, "SELECT COUNT(*) FROM events"), page, per_page).await
}

/// Slugs and last changes of every event readers can open, for the sitemap.
pub async fn sitemap(db: &Db) -> sqlx::Result<Vec<(String, i64)>> {
    sqlx::query_as(
        "SELECT slug, updated_at FROM events WHERE status <> 'draft' ORDER BY starts_at DESC, id DESC",
    )
    .fetch_all(db)
    .await
}

/// The event at `slug` (not a draft) as a list shows it.
pub async fn card_by_slug(db: &Db, slug: &str) -> sqlx::Result<Option<EventCard>> {
    sqlx::query_as(&format!(
        "SELECT {CARD_COLUMNS} FROM events e WHERE e.slug = $1 AND e.status <> 'draft'"
    ))
    .bind(slug)
    .fetch_optional(db)
    .await
}

/// Event `id` (not a draft) as a list shows it.
pub async fn card_by_id(db: &Db, id: i64) -> sqlx::Result<Option<EventCard>> {
    sqlx::query_as(&format!(
        "SELECT {CARD_COLUMNS} FROM events e WHERE e.id = $1 AND e.status <> 'draft'"
    ))
    .bind(id)
    .fetch_optional(db)
    .await
}
