//! Saved searches and the alerts they raise: kept per member, looked up in reverse when a listing
//! is published ([`scan`]), told at once in the notification centre or gathered into one digest
//! mail per member per period ([`send_digests`]).
//!
//! Both background passes claim their work in the transaction that does it — a listing by setting
//! its `alerts_checked_at`, a member's digest by inserting its `digest_sends` row — so across
//! restarts and several server processes on one PostgreSQL each listing is looked up once and each
//! digest goes once; a pass that fails rolls back its claim with its work, and is done again.

use std::collections::{BTreeMap, HashMap};

use super::Db;
use crate::domain::alerts::{self, ListingDoc, SavedQuery};
use crate::model::{AlertListing, SavedSearch};

/// A member's saved searches, oldest first, each with how many new listings wait for its next
/// digest.
pub async fn list(db: &Db, user: i64) -> sqlx::Result<Vec<SavedSearch>> {
    #[derive(sqlx::FromRow)]
    struct Row {
        id: i64,
        name: String,
        query: String,
        frequency: String,
        paused_at: Option<i64>,
        created_at: i64,
        waiting: i64,
    }
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT s.id, s.name, s.query, s.frequency, s.paused_at, s.created_at,
                (SELECT COUNT(*) FROM alert_hits h WHERE h.saved_search_id = s.id AND h.sent_at IS NULL) AS waiting
         FROM saved_searches s WHERE s.user_id = $1 ORDER BY s.id",
    )
    .bind(user)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| SavedSearch {
            id: r.id,
            name: r.name,
            query: r.query,
            frequency: r.frequency,
            paused: r.paused_at.is_some(),
            created_at: r.created_at,
            waiting: r.waiting,
        })
        .collect())
}

/// How a member hears of offers fitting their own requests (`instant`, `daily`, `weekly`, `off`).
pub async fn match_alerts(db: &Db, user: i64) -> sqlx::Result<String> {
    sqlx::query_scalar("SELECT match_alerts FROM users WHERE id = $1")
        .bind(user)
        .fetch_one(db)
        .await
}

/// How many published requests to buy `user` posted (those match alerts are about).
pub async fn open_requests(db: &Db, user: i64) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM listings WHERE owner_id = $1 AND kind = 'request' AND status = 'published'",
    )
    .bind(user)
    .fetch_one(db)
    .await
}

/// Sets how a member hears of offers fitting their own requests (one of
/// [`alerts::MATCH_ALERTS`]).
pub async fn set_match_alerts(db: &Db, user: i64, frequency: &str) -> sqlx::Result<()> {
    sqlx::query("UPDATE users SET match_alerts = $2 WHERE id = $1")
        .bind(user)
        .bind(frequency)
        .execute(db)
        .await?;
    Ok(())
}

/// Why a saved search was not stored.
#[derive(Debug, PartialEq, Eq)]
pub enum SaveError {
    /// The member keeps [`alerts::MAX_SAVED_SEARCHES`] already.
    TooMany,
    /// No such saved search of theirs (editing).
    NotFound,
    Db(String),
}

impl From<sqlx::Error> for SaveError {
    fn from(e: sqlx::Error) -> Self {
        Self::Db(e.to_string())
    }
}

/// Stores `saved` for `user`: a new saved search (`id` None) or a change to one of theirs.
/// Returns its id.
pub async fn save(
    db: &Db,
    user: i64,
    id: Option<i64>,
    saved: &SavedQuery,
    now: i64,
) -> Result<i64, SaveError> {
    let key = alerts::match_key(&saved.filter);
    let second = alerts::second_key(&saved.filter);
    let _turn = super::dialect::write_turn(db).await;
    let mut tx = db.begin().await?;
    // The member's row is the lock two saves race for, so the count below holds.
    super::accounts::lock_member(&mut tx, user).await?;
    let id = match id {
        Some(id) => {
            let changed = sqlx::query(
                "UPDATE saved_searches SET name = $3, query = $4, match_key = $5, frequency = $6,
                        updated_at = $7, second_key = $8
                 WHERE id = $1 AND user_id = $2",
            )
            .bind(id)
            .bind(user)
            .bind(&saved.name)
            .bind(&saved.query)
            .bind(&key)
            .bind(saved.frequency)
            .bind(now)
            .bind(&second)
            .execute(&mut *tx)
            .await?;
            if changed.rows_affected() == 0 {
                return Err(SaveError::NotFound);
            }
            id
        }
        None => {
            let kept: i64 =
                sqlx::query_scalar("SELECT COUNT(*) FROM saved_searches WHERE user_id = $1")
                    .bind(user)
                    .fetch_one(&mut *tx)
                    .await?;
            if kept >= alerts::MAX_SAVED_SEARCHES {
                return Err(SaveError::TooMany);
            }
            sqlx::query_scalar(
                "INSERT INTO saved_searches (user_id, name, query, match_key, frequency, created_at, updated_at, second_key)
                 VALUES ($1, $2, $3, $4, $5, $6, $6, $7) RETURNING id",
            )
            .bind(user)
            .bind(&saved.name)
            .bind(&saved.query)
            .bind(&key)
            .bind(saved.frequency)
            .bind(now)
            .bind(&second)
            .fetch_one(&mut *tx)
            .await?
        }
    };
    tx.commit().await?;
    Ok(id)
}

/// Pauses or resumes one of `user`'s saved searches; false when it is not theirs.
pub async fn set_paused(db: &Db, user: i64, id: i64, paused: bool, now: i64) -> sqlx::Result<bool> {
    Ok(sqlx::query(
        "UPDATE saved_searches SET paused_at = $3, updated_at = $4 WHERE id = $1 AND user_id = $2",
    )
    .bind(id)
    .bind(user)
    .bind(paused.then_some(now))
    .bind(now)
    .execute(db)
    .await?
    .rows_affected()
        == 1)
}

/// Deletes one of `user`'s saved searches (and the alerts waiting for it); false when it is not
/// theirs.
pub async fn delete(db: &Db, user: i64, id: i64) -> sqlx::Result<bool> {
    Ok(
        sqlx::query("DELETE FROM saved_searches WHERE id = $1 AND user_id = $2")
            .bind(id)
            .bind(user)
            .execute(db)
            .await?
            .rows_affected()
            == 1,
    )
}

/// Stops every alert mail to `user` (the one-click unsubscribe): their saved searches mailed
/// daily or weekly are paused and offers fitting their requests are no longer mailed. Alerts in
/// the notification centre go on.
pub async fn unsubscribe(db: &Db, user: i64, now: i64) -> sqlx::Result<()> {
    let mut tx = db.begin().await?;
    sqlx::query(
        "UPDATE saved_searches SET paused_at = $2, updated_at = $2
         WHERE user_id = $1 AND paused_at IS NULL AND frequency <> 'instant'",
    )
    .bind(user)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "UPDATE users SET match_alerts = 'off' WHERE id = $1 AND match_alerts IN ('daily', 'weekly')",
    )
    .bind(user)
    .execute(&mut *tx)
    .await?;
    sqlx::query("UPDATE alert_hits SET sent_at = $2 WHERE user_id = $1 AND sent_at IS NULL AND frequency <> 'instant'")
        .bind(user)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    tx.commit().await
}

/// The columns of a [`ListingDoc`] and its owner, `l` being the listing.
const DOC_COLUMNS: &str = "l.id, l.kind, l.listing_type, l.sector_code, l.province_code, \
     COALESCE(l.price_vnd, l.budget_max_vnd), l.trl, l.stall_id, l.image_count, l.fold_title, \
     l.fold_body, l.owner_id, l.title, l.status";

/// One published listing to look up: what it is checked by, its owner and title.
struct Published {
    id: i64,
    doc: ListingDoc,
    owner: Option<i64>,
    title: String,
    published: bool,
}

fn published(row: &sqlx::any::AnyRow) -> sqlx::Result<Published> {
    use sqlx::Row;
    let title_words: String = row.try_get(9)?;
    let body_words: Option<String> = row.try_get(10)?;
    let words = title_words
        .split_whitespace()
        .chain(body_words.as_deref().unwrap_or_default().split_whitespace())
        .map(str::to_owned)
        .collect();
    Ok(Published {
        id: row.try_get(0)?,
        doc: ListingDoc {
            kind: row.try_get(1)?,
            listing_type: row.try_get(2)?,
            sector: row.try_get(3)?,
            province: row.try_get(4)?,
            price: row.try_get(5)?,
            trl: row.try_get(6)?,
            has_stall: row.try_get::<Option<i64>, _>(7)?.is_some(),
            has_images: row.try_get::<i64, _>(8)? > 0,
            words,
        },
        owner: row.try_get(11)?,
        title: row.try_get(12)?,
        published: row.try_get::<String, _>(13)? == "published",
    })
}

/// A member to tell of a new listing, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub user: i64,
    /// The saved search it satisfies, or
    pub saved_search: Option<(i64, String)>,
    /// the member's own request it fits.
    pub request: Option<(i64, String)>,
    pub frequency: String,
}

/// Stored queries of saved searches as prepared for checking, per process, under the synonym
/// sets they were prepared with: thousands of members' searches repeat a few thousand queries,
/// and each listing published checks thousands of them.
type PreparedSearches = (String, HashMap<String, alerts::Prepared>);
static PREPARED: std::sync::LazyLock<std::sync::Mutex<PreparedSearches>> =
    std::sync::LazyLock::new(std::sync::Mutex::default);
/// Stored queries kept prepared at most; past it the cache starts again.
const PREPARED_MAX: usize = 200_000;

/// The saved searches listing `doc` satisfies (the reverse of a search): `(search id, member,
/// name, frequency)`, without paused ones and without the listing's own owner's. A search's word
/// is satisfied by its synonyms too, as the search would find them ("drone" by "flycam").
pub async fn reverse_search(
    conn: &mut sqlx::AnyConnection,
    doc: &ListingDoc,
    owner: Option<i64>,
) -> sqlx::Result<Vec<(i64, i64, String, String)>> {
    let phrases = super::search::synonym_text(conn).await?;
    let synonyms = crate::domain::ranking::parse_synonym_sets(&phrases);
    let keys = alerts::listing_keys(doc, &synonyms);
    let mut found = Vec::new();
    // A listing's words are a few hundred at most; in chunks, placeholders stay few. Both keys
    // must be the listing's (a second key not yet worked out, NULL, lets the search through).
    for chunk in keys.chunks(200) {
        let sql = format!(
            "SELECT id, user_id, name, frequency, query FROM saved_searches
             WHERE paused_at IS NULL AND match_key IN ({})
               AND (second_key IS NULL OR second_key = '' OR second_key IN ({}))",
            super::dialect::placeholders(1, chunk.len(), 1),
            super::dialect::placeholders(1 + chunk.len(), keys.len(), 1)
        );
        let mut query = sqlx::query_as::<_, (i64, i64, String, String, String)>(&sql);
        for key in chunk.iter().chain(&keys) {
            query = query.bind(key);
        }
        let candidates = query.fetch_all(&mut *conn).await?;
        let mut prepared = PREPARED.lock().unwrap_or_else(|e| e.into_inner());
        if prepared.0 != phrases || prepared.1.len() > PREPARED_MAX {
            *prepared = (phrases.clone(), HashMap::new());
        }
        for (id, user, name, frequency, stored) in candidates {
            if Some(user) == owner {
                continue;
            }
            let search = prepared
                .1
                .entry(stored)
                .or_insert_with_key(|stored| alerts::Prepared::of_stored(stored, &synonyms));
            if search.fits(doc) {
                found.push((id, user, name, frequency));
            }
        }
    }
    found.sort_unstable();
    Ok(found)
}

/// Works out the second key (migration 40) of saved searches stored without one, from their
/// stored queries; returns how many. Run at start-up.
pub async fn fill_second_keys(db: &Db) -> sqlx::Result<u64> {
    let mut filled = 0;
    loop {
        let rows: Vec<(i64, String)> = sqlx::query_as(
            "SELECT id, query FROM saved_searches WHERE second_key IS NULL ORDER BY id LIMIT 1000",
        )
        .fetch_all(db)
        .await?;
        if rows.is_empty() {
            return Ok(filled);
        }
        let _turn = super::dialect::write_turn(db).await;
        let mut tx = db.begin().await?;
        for (id, query) in &rows {
            let filter = alerts::parse_query(query).check().0;
            sqlx::query("UPDATE saved_searches SET second_key = $2 WHERE id = $1")
                .bind(id)
                .bind(alerts::second_key(&filter))
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        filled += rows.len() as u64;
    }
}

/// The saved searches published listing `id` satisfies (see [`reverse_search`]); none when it is
/// not published.
pub async fn reverse_search_of(
    conn: &mut sqlx::AnyConnection,
    id: i64,
) -> sqlx::Result<Vec<(i64, i64, String, String)>> {
    let row = sqlx::query(&format!(
        "SELECT {DOC_COLUMNS} FROM listings l WHERE l.id = $1"
    ))
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    match row.map(|row| published(&row)).transpose()? {
        Some(listing) if listing.published => {
            reverse_search(conn, &listing.doc, listing.owner).await
        }
        _ => Ok(Vec::new()),
    }
}

/// Looks up at most `limit` listings published since the last pass against the saved searches,
/// and offers against the open requests they fit; records who is to be told, and tells those
/// who want it at once in their notification centre. Returns the members told at once, with the
/// listing (for web push).
pub async fn scan(db: &Db, now: i64, limit: i64) -> sqlx::Result<Vec<(i64, i64)>> {
    let due: Vec<(i64, String)> = sqlx::query_as(
        "SELECT id, kind FROM listings WHERE alerts_checked_at IS NULL AND status = 'published'
         ORDER BY id LIMIT $1",
    )
    .bind(limit)
    .fetch_all(db)
    .await?;
    let mut told = Vec::new();
    for (id, kind) in due {
        // The open requests an offer fits, found before the claim (matching reads much); a
        // request's own matches alert no one.
        let requests = if kind == "offer" {
            super::matching::matches_for(db, id, 20).await?
        } else {
            Vec::new()
        };
        let _turn = super::dialect::write_turn(db).await;
        let mut tx = db.begin().await?;
        let claimed = sqlx::query(
            "UPDATE listings SET alerts_checked_at = $2 WHERE id = $1 AND alerts_checked_at IS NULL",
        )
        .bind(id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        if claimed.rows_affected() == 0 {
            continue;
        }
        let row = sqlx::query(&format!(
            "SELECT {DOC_COLUMNS} FROM listings l WHERE l.id = $1"
        ))
        .bind(id)
        .fetch_one(&mut *tx)
        .await?;
        let listing = published(&row)?;
        if !listing.published {
            tx.commit().await?;
            continue;
        }
        let mut hits: BTreeMap<i64, Hit> = BTreeMap::new();
        for (search, user, name, frequency) in
            reverse_search(&mut tx, &listing.doc, listing.owner).await?
        {
            hits.entry(user).or_insert(Hit {
                user,
                saved_search: Some((search, name)),
                request: None,
                frequency,
            });
        }
        if listing.doc.kind == "offer" {
            add_request_hits(&mut tx, &listing, &requests, &mut hits).await?;
        }
        for hit in hits.values() {
            let instant = hit.frequency == "instant";
            let inserted = sqlx::query(
                "INSERT INTO alert_hits (user_id, listing_id, saved_search_id, request_id, frequency, created_at, sent_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING",
            )
            .bind(hit.user)
            .bind(listing.id)
            .bind(hit.saved_search.as_ref().map(|(id, _)| *id))
            .bind(hit.request.as_ref().map(|(id, _)| *id))
            .bind(&hit.frequency)
            .bind(now)
            .bind(instant.then_some(now))
            .execute(&mut *tx)
            .await?;
            if instant && inserted.rows_affected() == 1 {
                let (kind, detail) = match (&hit.saved_search, &hit.request) {
                    (Some((_, name)), _) => ("alert", name),
                    (None, Some((_, title))) => ("match", title),
                    (None, None) => continue,
                };
                sqlx::query(
                    "INSERT INTO notifications (user_id, kind, listing_id, title, detail, created_at, mailed_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $6)",
                )
                .bind(hit.user)
                .bind(kind)
                .bind(listing.id)
                .bind(&listing.title)
                .bind(detail)
                .bind(now)
                .execute(&mut *tx)
                .await?;
                told.push((hit.user, listing.id));
            }
        }
        tx.commit().await?;
    }
    Ok(told)
}

/// Adds to `hits` the owners of the open requests `offer` fits (from its matches), who want to
/// hear of them and did not hide the match; a saved search found first stays the reason.
async fn add_request_hits(
    conn: &mut sqlx::AnyConnection,
    offer: &Published,
    matches: &[crate::model::ListingMatch],
    hits: &mut BTreeMap<i64, Hit>,
) -> sqlx::Result<()> {
    let ids: Vec<i64> = matches.iter().map(|m| m.listing.id).collect();
    if ids.is_empty() {
        return Ok(());
    }
    let sql = format!(
        "SELECT l.id, l.owner_id, l.title, u.match_alerts FROM listings l JOIN users u ON u.id = l.owner_id
         WHERE l.id IN ({}) AND l.status = 'published' AND u.match_alerts <> 'off'
           AND NOT EXISTS (SELECT 1 FROM hidden_matches h
                           WHERE h.user_id = l.owner_id AND h.listing_id = l.id AND h.match_id = $1)
         ORDER BY l.id",
        super::dialect::placeholders(2, ids.len(), 1)
    );
    let mut query = sqlx::query_as::<_, (i64, i64, String, String)>(&sql).bind(offer.id);
    for id in &ids {
        query = query.bind(id);
    }
    for (request, user, title, frequency) in query.fetch_all(conn).await? {
        if Some(user) == offer.owner {
            continue;
        }
        hits.entry(user).or_insert(Hit {
            user,
            saved_search: None,
            request: Some((request, title)),
            frequency,
        });
    }
    Ok(())
}

/// Members whose listings of one digest are claimed per transaction.
const DIGEST_BATCH: i64 = 200;

/// Sends the `frequency` (`daily` or `weekly`) digests due in the period of `now` (see
/// [`alerts::digest_period`]): to each member with new listings for it not told yet, one mail of
/// all of them, once per period. Returns how many mails were queued.
pub async fn send_digests(
    db: &Db,
    frequency: &str,
    now: i64,
    origin: &str,
    signing_key: &[u8],
) -> sqlx::Result<usize> {
    let Some(period) = alerts::digest_period(frequency, now) else {
        return Ok(0);
    };
    let mut queued = 0;
    loop {
        let members: Vec<i64> = sqlx::query_scalar(
            "SELECT DISTINCT h.user_id FROM alert_hits h
             WHERE h.sent_at IS NULL AND h.frequency = $1
               AND NOT EXISTS (SELECT 1 FROM digest_sends d WHERE d.user_id = h.user_id AND d.period = $2)
             ORDER BY h.user_id LIMIT $3",
        )
        .bind(frequency)
        .bind(&period)
        .bind(DIGEST_BATCH)
        .fetch_all(db)
        .await?;
        if members.is_empty() {
            return Ok(queued);
        }
        queued += digest_batch(db, frequency, &period, &members, now, origin, signing_key).await?;
    }
}

/// Claims and mails the digests of `members` for `period`, in one transaction.
async fn digest_batch(
    db: &Db,
    frequency: &str,
    period: &str,
    members: &[i64],
    now: i64,
    origin: &str,
    signing_key: &[u8],
) -> sqlx::Result<usize> {
    let _turn = super::dialect::write_turn(db).await;
    let mut tx = db.begin().await?;
    // The claim: members whose digest another process sent meanwhile are left out (on
    // PostgreSQL, a row another transaction is inserting waits for it, then conflicts).
    let sql = format!(
        "INSERT INTO digest_sends (user_id, period, sent_at)
         SELECT v.column1, $1, $2 FROM (VALUES {}) AS v WHERE true
         ON CONFLICT DO NOTHING RETURNING user_id",
        super::dialect::placeholders(3, members.len(), 1)
            .split(", ")
            .map(|p| format!("({p})"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let mut query = sqlx::query_scalar::<_, i64>(&sql).bind(period).bind(now);
    for member in members {
        query = query.bind(member);
    }
    let mut claimed = query.fetch_all(&mut *tx).await?;
    claimed.sort_unstable();
    if claimed.is_empty() {
        tx.commit().await?;
        return Ok(0);
    }
    let list = super::dialect::placeholders(2, claimed.len(), 1);
    let sql = format!(
        "SELECT h.user_id, l.title, l.slug, l.kind, COALESCE(l.price_vnd, l.budget_max_vnd) AS price,
                l.cover_thumb AS picture, COALESCE(s.name, r.title, '') AS reason
         FROM alert_hits h JOIN listings l ON l.id = h.listing_id
         LEFT JOIN saved_searches s ON s.id = h.saved_search_id
         LEFT JOIN listings r ON r.id = h.request_id
         WHERE h.frequency = $1 AND h.sent_at IS NULL AND l.status = 'published' AND h.user_id IN ({list})
         ORDER BY h.user_id, h.id"
    );
    #[derive(sqlx::FromRow)]
    struct Row {
        user_id: i64,
        title: String,
        slug: String,
        kind: String,
        price: Option<i64>,
        picture: Option<String>,
        reason: String,
    }
    let mut query = sqlx::query_as::<_, Row>(&sql).bind(frequency);
    for member in &claimed {
        query = query.bind(member);
    }
    let mut listings: HashMap<i64, Vec<AlertListing>> = HashMap::new();
    for r in query.fetch_all(&mut *tx).await? {
        listings.entry(r.user_id).or_default().push(AlertListing {
            title: r.title,
            slug: r.slug,
            kind: r.kind,
            price: r.price,
            picture: r.picture,
            reason: r.reason,
        });
    }
    let sql = format!(
        "SELECT id, email, display_name, locale FROM users WHERE id IN ({})",
        super::dialect::placeholders(1, claimed.len(), 1)
    );
    let mut query = sqlx::query_as::<_, (i64, String, String, String)>(&sql);
    for member in &claimed {
        query = query.bind(member);
    }
    let mut queued = 0;
    for (user, email, name, locale) in query.fetch_all(&mut *tx).await? {
        let Some(items) = listings.get(&user) else {
            continue;
        };
        let locale = crate::i18n::Locale::from_code(&locale).unwrap_or_default();
        let token = unsubscribe_token(signing_key, user);
        let mail =
            crate::mail::alert_digest(locale, &email, &name, origin, frequency, items, &token);
        super::outbox::enqueue_rich(&mut tx, &mail, now).await?;
        queued += 1;
    }
    let sql = format!(
        "UPDATE alert_hits SET sent_at = $2 WHERE frequency = $1 AND sent_at IS NULL AND user_id IN ({})",
        super::dialect::placeholders(3, claimed.len(), 1)
    );
    let mut query = sqlx::query(&sql).bind(frequency).bind(now);
    for member in &claimed {
        query = query.bind(member);
    }
    query.execute(&mut *tx).await?;
    tx.commit().await?;
    Ok(queued)
}

/// The server's key named `name`, made by `make` and kept with the data the first time it is
/// asked for (by whichever process asks first; the others read the same).
pub async fn server_key(
    db: &Db,
    name: &str,
    make: impl FnOnce() -> String,
) -> sqlx::Result<String> {
    // Read first: the key exists on every call but the first, and a needless write would take
    // SQLite's write lock from whoever needs it.
    let kept: Option<String> = sqlx::query_scalar("SELECT value FROM server_keys WHERE name = $1")
        .bind(name)
        .fetch_optional(db)
        .await?;
    if let Some(value) = kept {
        return Ok(value);
    }
    sqlx::query("INSERT INTO server_keys (name, value) VALUES ($1, $2) ON CONFLICT DO NOTHING")
        .bind(name)
        .bind(make())
        .execute(db)
        .await?;
    sqlx::query_scalar("SELECT value FROM server_keys WHERE name = $1")
        .bind(name)
        .fetch_one(db)
        .await
}

/// The key unsubscribe links are signed with.
pub async fn signing_key(db: &Db) -> sqlx::Result<Vec<u8>> {
    let hex = server_key(db, "unsubscribe_hmac", || {
        crate::auth::new_session_token().0
    })
    .await?;
    Ok(hex.into_bytes())
}

/// The one-click unsubscribe token of `user`'s alert mails: their id and a signature of it.
pub fn unsubscribe_token(key: &[u8], user: i64) -> String {
    format!("{user}.{}", signature(key, user))
}

/// The MAC of `user`'s unsubscribe token under `key`, before finalising.
fn unsubscribe_mac(key: &[u8], user: i64) -> hmac::Hmac<sha2::Sha256> {
    use hmac::Mac;
    let mut mac =
        hmac::Hmac::<sha2::Sha256>::new_from_slice(key).expect("HMAC takes a key of any length");
    mac.update(format!("alerts-unsubscribe:{user}").as_bytes());
    mac
}

fn signature(key: &[u8], user: i64) -> String {
    use hmac::Mac;
    crate::auth::to_hex(&unsubscribe_mac(key, user).finalize().into_bytes()[..16])
}

/// The member an unsubscribe token was made for, if it is one of ours.
pub fn token_user(key: &[u8], token: &str) -> Option<i64> {
    use hmac::Mac;
    let (user, signed) = token.trim().split_once('.')?;
    let user: i64 = user.parse().ok()?;
    if signed.len() != 32 {
        return None;
    }
    let bytes: Vec<u8> = (0..signed.len())
        .step_by(2)
        .map(|i| {
            signed
                .get(i..i + 2)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        })
        .collect::<Option<_>>()?;
    // Compared in constant time.
    unsubscribe_mac(key, user)
        .verify_truncated_left(&bytes)
        .ok()?;
    Some(user)
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_unsubscribe_token_names_its_member_and_cannot_be_forged() {
        let key = b"0123456789abcdef";
        let token = super::unsubscribe_token(key, 42);
        assert_eq!(super::token_user(key, &token), Some(42));
        assert_eq!(super::token_user(b"another key", &token), None);
        let forged = token.replacen("42.", "43.", 1);
        assert_eq!(super::token_user(key, &forged), None);
        assert_eq!(super::token_user(key, "42."), None);
        assert_eq!(super::token_user(key, &token[..token.len() - 2]), None);
        assert_eq!(super::token_user(key, "garbage"), None);
    }
}
