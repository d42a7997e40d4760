//! Introductions between the two sides of a match, and the deal outcomes they end in, with the
//! public figures confirmed outcomes feed. The rules of who may do what are in
//! `domain::introductions`; here they are applied in one transaction each.

use super::Db;
use crate::domain::introductions::{PER_DAY, connected, next_status};
use crate::model::{AuctionDeal, ConnectFigures, DealOutcome, FigureRow, Introduction};

/// Why an introduction was not asked for.
#[derive(Debug)]
pub enum AskError {
    /// One of the two listings is not published, or they are of one kind.
    NotPublished,
    /// The member does not manage the listing they ask from.
    NotTheirs,
    /// The other listing is the member's own.
    Themselves,
    /// No member of the site stands behind the other listing to answer.
    NoOne,
    /// These two listings were introduced already.
    AlreadyAsked,
    /// [`PER_DAY`] introductions in the last 24 hours.
    TooMany,
    Db(sqlx::Error),
}

impl From<sqlx::Error> for AskError {
    fn from(e: sqlx::Error) -> Self {
        Self::Db(e)
    }
}

/// Member `user`, who manages published listing `own`, asks the poster of published listing
/// `other` (of the other kind) to be introduced, with `message`. Returns the introduction and the
/// member asked.
pub async fn ask(
    db: &Db,
    user: i64,
    own: i64,
    other: i64,
    message: &str,
    now: i64,
) -> Result<(i64, i64), AskError> {
    // The member behind a listing: its poster, or for a stall's listing posted without one, the
    // stall's owner (else its first member).
    let listings: Vec<(i64, String, String, Option<i64>)> = sqlx::query_as(
        "SELECT l.id, l.kind, l.status,
                COALESCE(l.owner_id, (SELECT m.user_id FROM stall_members m WHERE m.stall_id = l.stall_id
                                      ORDER BY CASE WHEN m.role = 'owner' THEN 0 ELSE 1 END, m.user_id
                                      LIMIT 1))
         FROM listings l WHERE l.id IN ($1, $2)",
    )
    .bind(own)
    .bind(other)
    .fetch_all(db)
    .await?;
    let find = |id: i64| listings.iter().find(|l| l.0 == id);
    let (Some(mine), Some(theirs)) = (find(own), find(other)) else {
        return Err(AskError::NotPublished);
    };
    if mine.2 != "published" || theirs.2 != "published" || mine.1 == theirs.1 || own == other {
        return Err(AskError::NotPublished);
    }
    if !super::listings::can_manage(db, own, user).await? {
        return Err(AskError::NotTheirs);
    }
    let Some(to) = theirs.3 else {
        return Err(AskError::NoOne);
    };
    if to == user {
        return Err(AskError::Themselves);
    }
    if super::listings::can_manage(db, other, user).await? {
        return Err(AskError::Themselves);
    }
    let (request, offer) = if mine.1 == "request" {
        (own, other)
    } else {
        (other, own)
    };
    let _turn = super::dialect::write_turn(db).await;
    let mut tx = db.begin().await?;
    // The member's row is the lock two asks race for, so the count below holds.
    super::accounts::lock_member(&mut tx, user).await?;
    let today: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM introductions WHERE from_user = $1 AND created_at > $2",
    )
    .bind(user)
    .bind(now - 86_400_000)
    .fetch_one(&mut *tx)
    .await?;
    if today >= PER_DAY {
        return Err(AskError::TooMany);
    }
    let id: Option<i64> = sqlx::query_scalar(
        "INSERT INTO introductions (request_id, offer_id, from_user, to_user, message, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $6) ON CONFLICT DO NOTHING RETURNING id",
    )
    .bind(request)
    .bind(offer)
    .bind(user)
    .bind(to)
    .bind(message)
    .bind(now)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(id) = id else {
        return Err(AskError::AlreadyAsked);
    };
    tx.commit().await?;
    Ok((id, to))
}

/// Moves introduction `id` by `action` for party `user` (see `domain::introductions::next_status`);
/// a decline carries its `reason`. Accepting opens the conversation of the two (about the asked
/// side's listing), starting with the introduction's message. Returns the new status, or `None`
/// when the move is not theirs (or not now); `Err(RowNotFound)` when they are not a party.
pub async fn advance(
    db: &Db,
    user: i64,
    id: i64,
    action: &str,
    reason: Option<&str>,
    now: i64,
) -> sqlx::Result<Option<&'static str>> {
    let _turn = super::dialect::write_turn(db).await;
    let mut tx = db.begin().await?;
    // Written first, so the transaction holds the write lock (SQLite) and the row (PostgreSQL)
    // before reading what it decides on.
    sqlx::query("UPDATE introductions SET updated_at = updated_at WHERE id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    let (status, from, to, request, offer, message): (String, i64, i64, i64, i64, String) =
        sqlx::query_as(
            "SELECT status, from_user, to_user, request_id, offer_id, message FROM introductions
             WHERE id = $1 AND (from_user = $2 OR to_user = $2)",
        )
        .bind(id)
        .bind(user)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(sqlx::Error::RowNotFound)?;
    let Some(next) = next_status(&status, action, user == to) else {
        return Ok(None);
    };
    // Another request may have moved it meanwhile: the update takes only from the status read.
    let moved = sqlx::query(
        "UPDATE introductions SET status = $3, decline_reason = $4, updated_at = $5
         WHERE id = $1 AND status = $2",
    )
    .bind(id)
    .bind(&status)
    .bind(next)
    .bind(reason.filter(|_| next == "declined"))
    .bind(now)
    .execute(&mut *tx)
    .await?;
    if moved.rows_affected() == 0 {
        return Ok(None);
    }
    if next == "accepted" {
        // The conversation is about the listing of the side that was asked.
        let asked_listing: i64 = sqlx::query_scalar(
            "SELECT id FROM listings WHERE id IN ($1, $2) AND owner_id = $3 ORDER BY id LIMIT 1",
        )
        .bind(request)
        .bind(offer)
        .bind(to)
        .fetch_optional(&mut *tx)
        .await?
        .unwrap_or(offer);
        let conversation = super::inquiries::open(&mut tx, asked_listing, from, now).await?;
        super::inquiries::add_message(&mut tx, conversation, from, &message, now).await?;
        sqlx::query("UPDATE introductions SET conversation_id = $2 WHERE id = $1")
            .bind(id)
            .bind(conversation)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(Some(next))
}

/// `user`'s introductions, asked by them and of them, newest first, each with the other party's
/// contact details once connected and its deal outcome if one was recorded.
pub async fn of_member(db: &Db, user: i64) -> sqlx::Result<Vec<Introduction>> {
    #[derive(sqlx::FromRow)]
    struct Row {
        id: i64,
        status: String,
        decline_reason: Option<String>,
        message: String,
        from_user: i64,
        conversation_id: Option<i64>,
        created_at: i64,
        updated_at: i64,
        request_title: String,
        request_slug: String,
        offer_title: String,
        offer_slug: String,
        other_name: String,
        other_email: String,
        other_phone: Option<String>,
    }
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT i.id, i.status, i.decline_reason, i.message, i.from_user, i.conversation_id,
                i.created_at, i.updated_at,
                r.title AS request_title, r.slug AS request_slug,
                o.title AS offer_title, o.slug AS offer_slug,
                u.display_name AS other_name, u.email AS other_email,
                CASE WHEN i.from_user = $1 THEN
                    (CASE WHEN r.owner_id = i.to_user THEN r.seller_phone ELSE o.seller_phone END)
                ELSE (CASE WHEN r.owner_id = i.from_user THEN r.seller_phone ELSE o.seller_phone END)
                END AS other_phone
         FROM introductions i
         JOIN listings r ON r.id = i.request_id
         JOIN listings o ON o.id = i.offer_id
         JOIN users u ON u.id = CASE WHEN i.from_user = $1 THEN i.to_user ELSE i.from_user END
         WHERE i.from_user = $1 OR i.to_user = $1
         ORDER BY i.updated_at DESC, i.id DESC LIMIT 200",
    )
    .bind(user)
    .fetch_all(db)
    .await?;
    let deals = outcomes_of(db, user).await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let shown = connected(&r.status);
            let deal = deals
                .iter()
                .find(|(subject, _)| *subject == DealSubject::Introduction(r.id))
                .map(|(_, deal)| deal.clone());
            Introduction {
                id: r.id,
                status: r.status,
                decline_reason: r.decline_reason,
                message: r.message,
                asked_by_me: r.from_user == user,
                conversation_id: r.conversation_id.filter(|_| shown),
                created_at: r.created_at,
                updated_at: r.updated_at,
                request: (r.request_title, r.request_slug),
                offer: (r.offer_title, r.offer_slug),
                other_name: r.other_name,
                other_email: shown.then_some(r.other_email),
                other_phone: r.other_phone.filter(|p| shown && !p.is_empty()),
                deal,
            }
        })
        .collect())
}

/// Why a deal outcome was not recorded or confirmed.
#[derive(Debug)]
pub enum DealError {
    /// Not a party, or no such introduction / outcome.
    NotFound,
    /// The introduction is not at "deal", or an outcome is recorded already, or it is not theirs
    /// to confirm.
    NotNow,
    Db(sqlx::Error),
}

impl From<sqlx::Error> for DealError {
    fn from(e: sqlx::Error) -> Self {
        Self::Db(e)
    }
}

/// What a deal outcome is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DealSubject {
    /// An introduction at "deal"; its parties are the two members of it.
    Introduction(i64),
    /// A sold auction; its parties are the seller and the winner.
    Auction(i64),
}

/// Whether a deal's subject can have an outcome now, its two parties, and its listing's sector
/// and province.
type Parties = (bool, i64, i64, String, String);

/// Party `user` records what `subject` ended in (its kind, value and Vietnam day); the other
/// party confirms it with [`confirm_deal`]. `named`: whether they agree to be named in the
/// public figures.
pub async fn record_deal(
    db: &Db,
    user: i64,
    subject: DealSubject,
    (kind, value, day): (&str, i64, i64),
    named: bool,
    now: i64,
) -> Result<i64, DealError> {
    // The two parties (the recorder's side first), whether it can have an outcome now, and the
    // listing's sector and province the figures count it under.
    let (column, id, parties): (&str, i64, Option<Parties>) = match subject {
        DealSubject::Introduction(id) => (
            "introduction_id",
            id,
            sqlx::query_as::<_, (String, i64, i64, String, String)>(
                "SELECT i.status, i.from_user, i.to_user, o.sector_code, o.province_code
                     FROM introductions i JOIN listings o ON o.id = i.offer_id
                     WHERE i.id = $1 AND (i.from_user = $2 OR i.to_user = $2)",
            )
            .bind(id)
            .bind(user)
            .fetch_optional(db)
            .await?
            .map(|(status, from, to, sector, province)| {
                (status == "deal", from, to, sector, province)
            }),
        ),
        DealSubject::Auction(id) => (
            "auction_id",
            id,
            sqlx::query_as::<_, (Option<i64>, Option<i64>, String, String)>(
                "SELECT a.seller_id, a.winner_id, l.sector_code, l.province_code
                     FROM auctions a JOIN listings l ON l.id = a.listing_id
                     WHERE a.id = $1 AND (a.seller_id = $2 OR a.winner_id = $2)",
            )
            .bind(id)
            .bind(user)
            .fetch_optional(db)
            .await?
            .map(|(seller, winner, sector, province)| {
                let sold = seller.is_some() && winner.is_some();
                (
                    sold,
                    seller.unwrap_or(0),
                    winner.unwrap_or(0),
                    sector,
                    province,
                )
            }),
        ),
    };
    let Some((open, one, two, sector, province)) = parties else {
        return Err(DealError::NotFound);
    };
    if !open {
        return Err(DealError::NotNow);
    }
    let other = if user == one { two } else { one };
    let recorded: Option<i64> = sqlx::query_scalar(&format!(
        "INSERT INTO deal_outcomes ({column}, kind, value_vnd, deal_day, sector_code, province_code,
                                    recorded_by, other_party, named_by_recorder, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING RETURNING id"
    ))
    .bind(id)
    .bind(kind)
    .bind(value)
    .bind(day)
    .bind(sector)
    .bind(province)
    .bind(user)
    .bind(other)
    .bind(i64::from(named))
    .bind(now)
    .fetch_optional(db)
    .await?;
    recorded.ok_or(DealError::NotNow)
}

/// The deal outcomes `user` recorded or is to confirm, each with what it is about, as they see
/// them.
async fn outcomes_of(db: &Db, user: i64) -> sqlx::Result<Vec<(DealSubject, DealOutcome)>> {
    #[derive(sqlx::FromRow)]
    struct Row {
        id: i64,
        introduction_id: Option<i64>,
        auction_id: Option<i64>,
        kind: String,
        value_vnd: i64,
        deal_day: i64,
        recorded_by: i64,
        confirmed_at: Option<i64>,
        named: i64,
    }
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT id, introduction_id, auction_id, kind, value_vnd, deal_day, recorded_by, confirmed_at,
                CASE WHEN recorded_by = $1 THEN named_by_recorder ELSE named_by_other END AS named
         FROM deal_outcomes WHERE recorded_by = $1 OR other_party = $1",
    )
    .bind(user)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|d| {
            let subject = match (d.introduction_id, d.auction_id) {
                (Some(id), _) => DealSubject::Introduction(id),
                (None, Some(id)) => DealSubject::Auction(id),
                (None, None) => return None,
            };
            let outcome = DealOutcome {
                id: d.id,
                kind: d.kind,
                value: d.value_vnd,
                day: d.deal_day,
                recorded_by_me: d.recorded_by == user,
                confirmed: d.confirmed_at.is_some(),
                named: d.named != 0,
            };
            Some((subject, outcome))
        })
        .collect())
}

/// The sold auctions `user` sold or won, latest first, each with its deal outcome if recorded.
pub async fn auction_deals_of(db: &Db, user: i64) -> sqlx::Result<Vec<AuctionDeal>> {
    #[derive(sqlx::FromRow)]
    struct Row {
        id: i64,
        title: String,
        slug: String,
        sold_price_vnd: Option<i64>,
        closed_at: Option<i64>,
        seller_id: i64,
        seller_name: String,
        winner_name: String,
    }
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT a.id, l.title, l.slug, a.sold_price_vnd, a.closed_at, a.seller_id,
                s.display_name AS seller_name, w.display_name AS winner_name
         FROM auctions a JOIN listings l ON l.id = a.listing_id
              JOIN users s ON s.id = a.seller_id JOIN users w ON w.id = a.winner_id
         WHERE a.seller_id = $1 OR a.winner_id = $1
         ORDER BY a.closed_at DESC, a.id DESC LIMIT 50",
    )
    .bind(user)
    .fetch_all(db)
    .await?;
    let deals = outcomes_of(db, user).await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let sold = r.seller_id == user;
            let deal = deals
                .iter()
                .find(|(subject, _)| *subject == DealSubject::Auction(r.id))
                .map(|(_, deal)| deal.clone());
            AuctionDeal {
                auction_id: r.id,
                title: r.title,
                listing_slug: r.slug,
                sold_price: r.sold_price_vnd.unwrap_or(0),
                closed_at: r.closed_at.unwrap_or(0),
                sold_by_me: sold,
                other_name: if sold { r.winner_name } else { r.seller_name },
                deal,
            }
        })
        .collect())
}

/// The other party confirms deal outcome `deal` (from then it counts); `named` as in
/// [`record_deal`].
pub async fn confirm_deal(
    db: &Db,
    user: i64,
    deal: i64,
    named: bool,
    now: i64,
) -> Result<(), DealError> {
    let confirmed = sqlx::query(
        "UPDATE deal_outcomes SET confirmed_at = $3, named_by_other = $4
         WHERE id = $1 AND other_party = $2 AND confirmed_at IS NULL",
    )
    .bind(deal)
    .bind(user)
    .bind(now)
    .bind(i64::from(named))
    .execute(db)
    .await?;
    if confirmed.rows_affected() == 1 {
        return Ok(());
    }
    let party: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM deal_outcomes WHERE id = $1 AND (other_party = $2 OR recorded_by = $2)",
    )
    .bind(deal)
    .bind(user)
    .fetch_one(db)
    .await?;
    Err(if party == 0 {
        DealError::NotFound
    } else {
        DealError::NotNow
    })
}

/// The exchange's supply–demand figures: introductions accepted (connections made), and
/// confirmed deals with their value, by sector, province and year. No party is named.
pub async fn figures(db: &Db) -> sqlx::Result<ConnectFigures> {
    let connections: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM introductions WHERE status IN ('accepted', 'met', 'deal', 'no_deal')",
    )
    .fetch_one(db)
    .await?;
    let grouped = |column: &'static str| async move {
        let rows: Vec<(String, i64, i64)> = sqlx::query_as(&format!(
            "SELECT {column}, COUNT(*), CAST(SUM(value_vnd) AS BIGINT) FROM deal_outcomes
             WHERE confirmed_at IS NOT NULL GROUP BY {column} ORDER BY 3 DESC, 1"
        ))
        .fetch_all(db)
        .await?;
        Ok::<_, sqlx::Error>(
            rows.into_iter()
                .map(|(key, deals, value)| FigureRow { key, deals, value })
                .collect::<Vec<_>>(),
        )
    };
    let by_sector = grouped("sector_code").await?;
    let by_province = grouped("province_code").await?;
    // The year of a day since 1970, computed here: the engines' date functions differ.
    let days: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT deal_day, value_vnd FROM deal_outcomes WHERE confirmed_at IS NOT NULL",
    )
    .fetch_all(db)
    .await?;
    let mut by_year: std::collections::BTreeMap<i64, (i64, i64)> = Default::default();
    for (day, value) in days {
        let year = crate::domain::vietnam_year(day * 86_400_000);
        let entry = by_year.entry(year).or_default();
        entry.0 += 1;
        entry.1 += value;
    }
    let deals = by_sector.iter().map(|r| r.deals).sum();
    let value = by_sector.iter().map(|r| r.value).sum();
    Ok(ConnectFigures {
        connections,
        deals,
        value,
        by_sector,
        by_province,
        by_year: by_year
            .into_iter()
            .rev()
            .map(|(year, (deals, value))| FigureRow {
                key: year.to_string(),
                deals,
                value,
            })
            .collect(),
    })
}
