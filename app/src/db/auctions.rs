//! Bidding: applying actions to an auction one at a time, durably, in a tamper-evident log; and
//! checking that log.
//!
//! An action is applied inside one transaction that first locks the auction's row (on SQLite,
//! by taking the database's write lock, after queueing for it in the process:
//! `dialect::write_turn`), so actions on one auction are applied in a single
//! order and each sees the state the previous one left. The rules are `domain::auction`'s; the
//! log entry, the new state and the soft-close extension are written together or not at all,
//! and the caller hears "accepted" only after the commit.

use sha2::{Digest, Sha256};

use super::Db;
use crate::domain::auction::{Action, AuctionRules, AuctionState, BidError, HistoryLine};

/// An auction's rules and current state as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredAuction {
    pub id: i64,
    pub listing_id: i64,
    pub status: String,
    pub rules: AuctionRules,
    pub state: AuctionState,
    pub action_count: i64,
    pub last_hash: String,
    /// Only bidders a moderator approved (deposit confirmed) may bid.
    pub requires_approval: bool,
}

const AUCTION_COLUMNS: &str = "id, listing_id, status, COALESCE(seller_id, 0), starting_price_vnd, \
     bid_step_vnd, reserve_vnd, buy_now_vnd, starts_at, COALESCE(scheduled_end_at, ends_at), \
     soft_close_ms, current_price_vnd, leader_id, leader_max_vnd, bid_count, ends_at, bought_at, \
     action_count, last_hash, requires_approval";

fn from_row(row: &sqlx::any::AnyRow) -> sqlx::Result<StoredAuction> {
    use sqlx::Row;
    let rules = AuctionRules {
        seller_id: row.try_get(3)?,
        starting_price: row.try_get(4)?,
        step: row.try_get(5)?,
        reserve: row.try_get(6)?,
        buy_now: row.try_get(7)?,
        starts_at: row.try_get(8)?,
        ends_at: row.try_get(9)?,
        soft_close_ms: row.try_get(10)?,
    };
    let leader: Option<i64> = row.try_get(12)?;
    let leader_max: Option<i64> = row.try_get(13)?;
    let state = AuctionState {
        price: row.try_get(11)?,
        leader: leader.zip(leader_max),
        bid_count: row.try_get(14)?,
        ends_at: row.try_get(15)?,
        bought_at: row.try_get(16)?,
    };
    Ok(StoredAuction {
        id: row.try_get(0)?,
        listing_id: row.try_get(1)?,
        status: row.try_get(2)?,
        rules,
        state,
        action_count: row.try_get(17)?,
        last_hash: row.try_get(18)?,
        requires_approval: row.try_get::<i64, _>(19)? != 0,
    })
}

/// The auction `id`, if there is one.
pub async fn get<'e, E>(executor: E, id: i64) -> sqlx::Result<Option<StoredAuction>>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    sqlx::query(&format!(
        "SELECT {AUCTION_COLUMNS} FROM auctions WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(executor)
    .await?
    .as_ref()
    .map(from_row)
    .transpose()
}

/// What is needed to put a listing up for auction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NewAuction {
    pub listing_id: i64,
    pub rules: AuctionRules,
}

/// Stores an auction with `status` and returns its id; the rules must have passed
/// [`AuctionRules::check`].
pub async fn create(db: &Db, auction: &NewAuction, status: &str) -> sqlx::Result<i64> {
    let r = &auction.rules;
    sqlx::query_scalar(
        "INSERT INTO auctions (listing_id, starting_price_vnd, current_price_vnd, bid_step_vnd, \
           bid_count, starts_at, ends_at, scheduled_end_at, status, seller_id, reserve_vnd, \
           buy_now_vnd, soft_close_ms)
         VALUES ($1, $2, $2, $3, 0, $4, $5, $5, $6, $7, $8, $9, $10) RETURNING id",
    )
    .bind(auction.listing_id)
    .bind(r.starting_price)
    .bind(r.step)
    .bind(r.starts_at)
    .bind(r.ends_at)
    .bind(status)
    .bind((r.seller_id != 0).then_some(r.seller_id))
    .bind(r.reserve)
    .bind(r.buy_now)
    .bind(r.soft_close_ms)
    .fetch_one(db)
    .await
}

/// Why an action was not applied.
#[derive(Debug)]
pub enum PlaceError {
    /// No such auction.
    NotFound,
    /// Not approved by a moderator (or cancelled, or closed).
    NotOpen,
    /// The auction admits approved bidders only, and this bidder is not (yet) one.
    NotRegistered,
    /// The rules refuse it.
    Refused(BidError),
    Db(sqlx::Error),
}

impl From<sqlx::Error> for PlaceError {
    fn from(e: sqlx::Error) -> Self {
        Self::Db(e)
    }
}

/// An applied action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placed {
    /// Its place in the auction's log.
    pub seq: i64,
    /// The auction's state after it.
    pub state: AuctionState,
    /// The history lines it added.
    pub history: Vec<HistoryLine>,
    /// The bidder who lost the lead to it.
    pub outbid: Option<i64>,
    /// Whether it pushed the end later.
    pub extended: bool,
    /// True when this submission had been applied before (nothing was applied again).
    pub duplicate: bool,
}

mod batch;
pub use batch::place;

/// An action as the log's `action` and `max_vnd` columns hold it.
fn stored_action(action: Action) -> (&'static str, Option<i64>) {
    match action {
        Action::Bid { max } => ("bid", Some(max)),
        Action::BuyNow => ("buy_now", None),
    }
}

/// One entry of an auction's log, as hashed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogEntry {
    pub auction_id: i64,
    pub seq: i64,
    pub bidder_id: i64,
    pub action: Action,
    pub placed_at: i64,
    pub price: i64,
    pub leader_id: i64,
    pub ends_at: i64,
    /// The history lines it added, as stored (JSON).
    pub history: String,
    pub request_key: String,
    pub prev_hash: String,
}

impl LogEntry {
    /// SHA-256, in hex, over every field in a fixed order (one per line; none holds a newline
    /// but the request key, which is refused with one) and the previous entry's hash.
    pub fn hash(&self) -> String {
        let (action, max) = stored_action(self.action);
        let max = max.map_or_else(String::new, |max| max.to_string());
        let content = format!(
            "techx-auction-log-v1\n{}\n{}\n{}\n{action}\n{max}\n{}\n{}\n{}\n{}\n{}\n{}\n{}",
            self.auction_id,
            self.seq,
            self.bidder_id,
            self.placed_at,
            self.price,
            self.leader_id,
            self.ends_at,
            self.history,
            self.request_key.replace('\n', " "),
            self.prev_hash,
        );
        crate::auth::to_hex(&Sha256::digest(content.as_bytes()))
    }
}

/// An auction's log, in order, with each entry's stored hash.
pub async fn log(db: &Db, auction_id: i64) -> sqlx::Result<Vec<(LogEntry, String)>> {
    type Row = (
        i64,
        i64,
        String,
        Option<i64>,
        i64,
        i64,
        i64,
        i64,
        String,
        String,
        String,
        String,
    );
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT seq, bidder_id, action, max_vnd, placed_at, price_vnd, leader_id, ends_at, \
           history, request_key, prev_hash, hash
         FROM auction_actions WHERE auction_id = $1 ORDER BY seq",
    )
    .bind(auction_id)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let action = match (r.2.as_str(), r.3) {
                ("bid", Some(max)) => Action::Bid { max },
                // An unknown or incomplete action cannot replay: verification reports it.
                ("bid", None) => Action::Bid { max: -1 },
                _ => Action::BuyNow,
            };
            let entry = LogEntry {
                auction_id,
                seq: r.0,
                bidder_id: r.1,
                action,
                placed_at: r.4,
                price: r.5,
                leader_id: r.6,
                ends_at: r.7,
                history: r.8,
                request_key: r.9,
                prev_hash: r.10,
            };
            (entry, r.11)
        })
        .collect())
}

/// What a verified auction's log holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    pub actions: i64,
    pub state: AuctionState,
}

/// Checks auction `auction_id`: every log entry's hash is over its content and the previous
/// entry's hash, replaying the entries through the rules accepts each and gives exactly the
/// state it recorded, and the auction's stored state is the last one. The first problem found
/// is described in the error.
pub async fn verify(db: &Db, auction_id: i64) -> sqlx::Result<Result<Verified, String>> {
    let Some(auction) = get(db, auction_id).await? else {
        return Ok(Err(format!("auction {auction_id} does not exist")));
    };
    let entries = log(db, auction_id).await?;
    let mut state = AuctionState::new(&auction.rules);
    let mut prev_hash = String::new();
    for (expected_seq, (entry, stored_hash)) in (1..).zip(&entries) {
        let at = format!("entry {}", entry.seq);
        if entry.seq != expected_seq {
            return Ok(Err(format!(
                "{at}: expected entry {expected_seq} (missing or reordered)"
            )));
        }
        if entry.prev_hash != prev_hash {
            return Ok(Err(format!(
                "{at}: does not follow the previous entry's hash"
            )));
        }
        if entry.hash() != *stored_hash {
            return Ok(Err(format!("{at}: its content does not match its hash")));
        }
        let outcome = match state.apply(
            &auction.rules,
            entry.bidder_id,
            entry.action,
            entry.placed_at,
        ) {
            Ok(outcome) => outcome,
            Err(e) => return Ok(Err(format!("{at}: the rules refuse it on replay ({e:?})"))),
        };
        let replayed = (
            state.price,
            state.leader.map_or(0, |(l, _)| l),
            state.ends_at,
            serde_json::to_string(&outcome.history).unwrap_or_default(),
        );
        if replayed
            != (
                entry.price,
                entry.leader_id,
                entry.ends_at,
                entry.history.clone(),
            )
        {
            return Ok(Err(format!(
                "{at}: replay gives another state than recorded"
            )));
        }
        prev_hash = stored_hash.clone();
    }
    let count = entries.len() as i64;
    if auction.action_count != count || auction.last_hash != prev_hash {
        return Ok(Err(format!(
            "the auction records {} entries ending in {:?}, its log holds {count} ending in {prev_hash:?}",
            auction.action_count, auction.last_hash
        )));
    }
    if auction.state != state {
        return Ok(Err(format!(
            "the auction's stored state {:?} is not the replayed {:?}",
            auction.state, state
        )));
    }
    Ok(Ok(Verified {
        actions: count,
        state,
    }))
}

/// How an auction ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Closed {
    pub auction_id: i64,
    pub listing_id: i64,
    /// The winner and the price, or `None`: no bids, or the reserve not met.
    pub sale: Option<(i64, i64)>,
    /// The members notified: the seller and every bidder.
    pub told: Vec<i64>,
}

/// Ends every approved auction whose end (after any extension, or a buy-now) is at or before
/// `now`: decides the winner by the rules, marks a sold listing closed as sold, and queues the
/// mails (winner, seller, every other bidder) in the same transaction. Safe to run from several
/// server processes at once, and after a restart: each auction is closed exactly once.
pub async fn close_due(db: &Db, now: i64, origin: &str) -> sqlx::Result<Vec<Closed>> {
    let due: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM auctions
         WHERE status = 'approved' AND ends_at <= $1 AND (close_retry_at IS NULL OR close_retry_at <= $1)
         ORDER BY ends_at LIMIT 100",
    )
    .bind(now)
    .fetch_all(db)
    .await?;
    let mut closed = Vec::with_capacity(due.len());
    for id in due {
        match close_one(db, id, now, origin).await {
            Ok(Some(c)) => closed.push(c),
            Ok(None) => {}
            // One auction that cannot be closed does not keep the others open.
            Err(error) => {
                let retry = close_later(db, id, now).await;
                tracing::error!(auction = id, %error, retry_at = ?retry.as_ref().ok(), "could not close an auction; will retry");
            }
        }
    }
    Ok(closed)
}

/// Puts off closing auction `id` after a failure: 30 s after the first, doubling up to an hour.
/// Returns when it will be tried again.
async fn close_later(db: &Db, id: i64, now: i64) -> sqlx::Result<i64> {
    let failures: i64 = sqlx::query_scalar(
        "UPDATE auctions SET close_failures = close_failures + 1 WHERE id = $1
         RETURNING CAST(close_failures AS BIGINT)",
    )
    .bind(id)
    .fetch_one(db)
    .await?;
    let at = now + close_retry_delay_ms(failures);
    sqlx::query("UPDATE auctions SET close_retry_at = $1 WHERE id = $2")
        .bind(at)
        .bind(id)
        .execute(db)
        .await?;
    Ok(at)
}

/// Wait before trying again to close an auction that failed `failures` times.
pub fn close_retry_delay_ms(failures: i64) -> i64 {
    let doublings = u32::try_from(failures.clamp(1, 20) - 1).unwrap_or(0);
    (30_000_i64 << doublings).min(3_600_000)
}

async fn close_one(db: &Db, id: i64, now: i64, origin: &str) -> sqlx::Result<Option<Closed>> {
    use crate::mail::{AuctionEnd, auction_ended};

    let mut tx = db.begin().await?;
    // Lock, and only if still due: another process may have closed it, or a last bid extended it.
    let locked = sqlx::query(
        "UPDATE auctions SET action_count = action_count
         WHERE id = $1 AND status = 'approved' AND ends_at <= $2",
    )
    .bind(id)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    if locked.rows_affected() == 0 {
        return Ok(None);
    }
    let Some(auction) = get(&mut *tx, id).await? else {
        return Ok(None);
    };
    let sale = auction.state.result(&auction.rules);
    sqlx::query(
        "UPDATE auctions SET status = 'closed', closed_at = $1, winner_id = $2, sold_price_vnd = $3
         WHERE id = $4",
    )
    .bind(now)
    .bind(sale.map(|(winner, _)| winner))
    .bind(sale.map(|(_, price)| price))
    .bind(id)
    .execute(&mut *tx)
    .await?;
    let title: String = sqlx::query_scalar("SELECT title FROM listings WHERE id = $1")
        .bind(auction.listing_id)
        .fetch_one(&mut *tx)
        .await?;
    // The seller's side as it is now: the poster of an independent listing; a stall's owners,
    // and the member who posted it while they still belong to the stall.
    let sellers: Vec<i64> = sqlx::query_scalar(
        "SELECT l.owner_id FROM listings l
         WHERE l.id = $1 AND l.stall_id IS NULL AND l.owner_id IS NOT NULL
         UNION SELECT m.user_id FROM listings l JOIN stall_members m ON m.stall_id = l.stall_id
         WHERE l.id = $1 AND (m.role = 'owner' OR m.user_id = l.owner_id)
         ORDER BY 1",
    )
    .bind(auction.listing_id)
    .fetch_all(&mut *tx)
    .await?;
    if sale.is_some() {
        sqlx::query(
            "UPDATE listings SET status = 'closed', close_reason = 'sold', updated_at = $1
             WHERE id = $2 AND status = 'published'",
        )
        .bind(now)
        .bind(auction.listing_id)
        .execute(&mut *tx)
        .await?;
    }
    // Everyone to tell: the seller, then each bidder once.
    let mut recipients: Vec<(i64, AuctionEnd)> = Vec::new();
    for seller in sellers {
        recipients.push((seller, AuctionEnd::Seller(sale.map(|(_, price)| price))));
    }
    let bidders: Vec<i64> = sqlx::query_scalar(
        "SELECT DISTINCT bidder_id FROM auction_actions WHERE auction_id = $1 ORDER BY bidder_id",
    )
    .bind(id)
    .fetch_all(&mut *tx)
    .await?;
    for bidder in bidders {
        let end = match sale {
            Some((winner, price)) if winner == bidder => AuctionEnd::Won(price),
            _ => AuctionEnd::Lost {
                sold: sale.is_some(),
            },
        };
        recipients.push((bidder, end));
    }
    let told: Vec<i64> = recipients.iter().map(|(user, _)| *user).collect();
    for (user, end) in recipients {
        use super::notifications::{self, Kind};
        let (kind, amount) = match end {
            AuctionEnd::Won(price) => (Kind::Won, Some(price)),
            AuctionEnd::Lost { .. } => (Kind::Lost, sale.map(|(_, price)| price)),
            AuctionEnd::Seller(sold) => (Kind::AuctionEnded, sold),
        };
        notifications::add(&mut tx, user, kind, (id, &title), amount, now).await?;
        let (email, name, locale) = notifications::recipient(&mut tx, user).await?;
        let mail = auction_ended(locale, &email, &name, origin, (id, &title), end);
        super::outbox::enqueue(&mut tx, &mail, now).await?;
    }
    tx.commit().await?;
    Ok(Some(Closed {
        auction_id: id,
        listing_id: auction.listing_id,
        sale,
        told,
    }))
}

/// How many history lines a bidding page shows (the CSV export has them all).
pub const HISTORY_LINES: usize = 30;

/// An auction as everyone sees it, with what stays private beside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveRead {
    pub live: crate::model::AuctionLive,
    pub listing_id: i64,
    pub seller_id: i64,
    pub starting_price: i64,
    /// The leader while running, the winner once closed.
    pub first_id: Option<i64>,
    /// The bidders behind the history lines shown.
    pub history_bidders: Vec<i64>,
    /// Only approved bidders may bid.
    pub requires_approval: bool,
}

/// Auction `id` as its watchers see it at `now` (the server's clock).
pub async fn read_live(db: &Db, id: i64, now: i64) -> sqlx::Result<Option<LiveRead>> {
    use crate::domain::auction::mask_name;
    use crate::model::{AuctionLive, BidLine};
    use sqlx::Row;

    let Some(row) = sqlx::query(&format!(
        "SELECT {AUCTION_COLUMNS}, winner_id, sold_price_vnd FROM auctions WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(db)
    .await?
    else {
        return Ok(None);
    };
    let auction = from_row(&row)?;
    let winner_id: Option<i64> = row.try_get(20)?;
    let sold_price: Option<i64> = row.try_get(21)?;
    let actions: Vec<(i64, String)> = sqlx::query_as(
        "SELECT placed_at, history FROM auction_actions
         WHERE auction_id = $1 AND history <> '[]' ORDER BY seq DESC LIMIT $2",
    )
    .bind(id)
    .bind(HISTORY_LINES as i64)
    .fetch_all(db)
    .await?;
    let mut lines: Vec<(HistoryLine, i64)> = Vec::with_capacity(HISTORY_LINES);
    for (at, history) in actions {
        let added: Vec<HistoryLine> = serde_json::from_str(&history).unwrap_or_default();
        lines.extend(added.into_iter().rev().map(|line| (line, at)));
        if lines.len() >= HISTORY_LINES {
            break;
        }
    }
    lines.truncate(HISTORY_LINES);
    let (rules, state) = (&auction.rules, &auction.state);
    let closed = auction.status == "closed";
    let first_id = if closed {
        winner_id
    } else {
        state.leader.map(|(leader, _)| leader)
    };
    let mut ids: Vec<i64> = lines.iter().map(|(line, _)| line.bidder_id).collect();
    ids.extend(first_id);
    let names = display_names(db, &ids).await?;
    let masked = |user: i64| mask_name(names.get(&user).map_or("", String::as_str));
    let open = auction.status == "approved" && state.is_open(rules, now);
    let live = AuctionLive {
        id,
        seq: auction.action_count,
        status: auction.status.clone(),
        price: state.price,
        min_next: state.minimum_next(rules),
        step: rules.step,
        bid_count: state.bid_count,
        leader: state.leader.map(|(leader, _)| masked(leader)),
        reserve_met: rules.reserve.map(|_| state.reserve_met(rules)),
        buy_now: rules
            .buy_now
            .filter(|&b| open && state.leader.is_none_or(|(_, max)| max < b)),
        starts_at: rules.starts_at,
        ends_at: state.ends_at,
        extended: state.bought_at.is_none() && state.ends_at > rules.ends_at,
        soft_close_ms: rules.soft_close_ms,
        winner: winner_id.filter(|_| closed).map(masked),
        sold_price: sold_price.filter(|_| closed),
        history: lines
            .iter()
            .map(|(line, at)| BidLine {
                bidder: masked(line.bidder_id),
                amount: line.amount,
                at: *at,
                automatic: line.automatic,
            })
            .collect(),
        server_now: now,
    };
    Ok(Some(LiveRead {
        live,
        listing_id: auction.listing_id,
        seller_id: rules.seller_id,
        starting_price: rules.starting_price,
        first_id,
        history_bidders: lines.iter().map(|(line, _)| line.bidder_id).collect(),
        requires_approval: auction.requires_approval,
    }))
}

/// Display names of `ids` (each once).
async fn display_names(
    db: &Db,
    ids: &[i64],
) -> sqlx::Result<std::collections::HashMap<i64, String>> {
    let mut ids = ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    if ids.is_empty() {
        return Ok(Default::default());
    }
    let list = super::dialect::placeholders(1, ids.len(), 1);
    let sql = format!("SELECT id, display_name FROM users WHERE id IN ({list})");
    let mut query = sqlx::query_as::<_, (i64, String)>(&sql);
    for id in &ids {
        query = query.bind(*id);
    }
    Ok(query.fetch_all(db).await?.into_iter().collect())
}

/// Whether `user` has acted on auction `id`, and the highest maximum they stated.
pub async fn bidder_state(db: &Db, id: i64, user: i64) -> sqlx::Result<(bool, Option<i64>)> {
    let (count, max): (i64, Option<i64>) = sqlx::query_as(
        "SELECT COUNT(*), MAX(max_vnd) FROM auction_actions WHERE auction_id = $1 AND bidder_id = $2",
    )
    .bind(id)
    .bind(user)
    .fetch_one(db)
    .await?;
    Ok((count > 0, max))
}

/// The listing an auction sells, as its bidding page introduces it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct AuctionListing {
    pub listing_id: i64,
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub cover_thumb: Option<String>,
    pub seller: String,
    pub stall_slug: Option<String>,
}

/// Whether `user` is on the seller's side of auction `id` (manages its listing, or put it up for
/// auction); `None` when there is no such auction.
pub async fn on_seller_side(db: &Db, id: i64, user: i64) -> sqlx::Result<Option<bool>> {
    let found: Option<i64> = sqlx::query_scalar(&format!(
        "SELECT CAST(CASE WHEN a.seller_id = $2 OR {} THEN 1 ELSE 0 END AS BIGINT)
         FROM auctions a JOIN listings l ON l.id = a.listing_id WHERE a.id = $1",
        super::listings::managed_by("$2")
    ))
    .bind(id)
    .bind(user)
    .fetch_optional(db)
    .await?;
    Ok(found.map(|n| n != 0))
}

/// The listing auction `id` sells.
pub async fn listing_of(db: &Db, id: i64) -> sqlx::Result<Option<AuctionListing>> {
    sqlx::query_as(
        "SELECT l.id AS listing_id, l.slug, l.title, l.summary, l.cover_thumb,
                COALESCE(s.name, l.seller_name, u.display_name, '') AS seller, s.slug AS stall_slug
         FROM auctions a JOIN listings l ON l.id = a.listing_id
         LEFT JOIN stalls s ON s.id = l.stall_id
         LEFT JOIN users u ON u.id = l.owner_id
         WHERE a.id = $1",
    )
    .bind(id)
    .fetch_optional(db)
    .await
}

/// Auction `id`'s whole log as CSV (RFC 4180), one line per entry with every field its hash
/// covers, its hash, and the bidder's masked name: enough to check the chain outside the exchange.
/// It starts with a UTF-8 byte order mark, without which Excel reads Vietnamese names as Latin-1.
pub async fn log_csv(db: &Db, id: i64) -> sqlx::Result<String> {
    use crate::domain::auction::mask_name;
    let entries = log(db, id).await?;
    let ids: Vec<i64> = entries.iter().map(|(e, _)| e.bidder_id).collect();
    let names = display_names(db, &ids).await?;
    let mut csv = String::from(
        "\u{feff}auction_id,seq,placed_at_ms,bidder_id,bidder,action,max_vnd,price_vnd,leader_id,ends_at_ms,history,request_key,prev_hash,hash\r\n",
    );
    for (entry, hash) in &entries {
        let (action, max) = stored_action(entry.action);
        let fields = [
            entry.auction_id.to_string(),
            entry.seq.to_string(),
            entry.placed_at.to_string(),
            entry.bidder_id.to_string(),
            mask_name(names.get(&entry.bidder_id).map_or("", String::as_str)),
            action.to_owned(),
            max.map_or_else(String::new, |max| max.to_string()),
            entry.price.to_string(),
            entry.leader_id.to_string(),
            entry.ends_at.to_string(),
            entry.history.clone(),
            entry.request_key.clone(),
            entry.prev_hash.clone(),
            hash.clone(),
        ];
        let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        csv.push_str(&line.join(","));
        csv.push_str("\r\n");
    }
    Ok(csv)
}

/// One CSV field, quoted when it holds a comma, a quote or a line break. A field a spreadsheet
/// could run as a formula (`=`, `+`, `-`, `@`, a tab or a carriage return first) is prefixed
/// with `'`.
pub(crate) fn csv_field(field: &str) -> String {
    let field = if field.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{field}")
    } else {
        field.to_owned()
    };
    if field.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field
    }
}

/// An auction put forward by its seller: the checked rules (with the seller) and who may bid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Submission {
    pub listing_id: i64,
    pub setup: crate::domain::auction_setup::AuctionSetup,
}

/// Puts a listing up for auction, awaiting a moderator: a new auction, or the listing's auction a
/// moderator refused (before anyone bid) submitted again with new rules. Returns its id, or
/// `None` when the listing already has an auction under review, running or ended.
pub async fn submit(db: &Db, submission: &Submission, now: i64) -> sqlx::Result<Option<i64>> {
    let (r, setup) = (&submission.setup.rules, &submission.setup);
    let mut tx = db.begin().await?;
    let existing: Option<(i64, String, i64)> =
        sqlx::query_as("SELECT id, status, action_count FROM auctions WHERE listing_id = $1")
            .bind(submission.listing_id)
            .fetch_optional(&mut *tx)
            .await?;
    let id = match existing {
        Some((id, status, 0)) if status == "cancelled" => {
            sqlx::query(
                "UPDATE auctions SET status = 'pending', starting_price_vnd = $1, \
                   current_price_vnd = $1, bid_step_vnd = $2, reserve_vnd = $3, buy_now_vnd = $4, \
                   starts_at = $5, ends_at = $6, scheduled_end_at = $6, soft_close_ms = $7, \
                   seller_id = $8, requires_approval = $9, deposit_vnd = $10, submitted_at = $11, \
                   reviewed_by = NULL, reviewed_at = NULL, rejection_reason = NULL, bid_count = 0, \
                   leader_id = NULL, leader_max_vnd = NULL, bought_at = NULL
                 WHERE id = $12 AND status = 'cancelled' AND action_count = 0",
            )
            .bind(r.starting_price)
            .bind(r.step)
            .bind(r.reserve)
            .bind(r.buy_now)
            .bind(r.starts_at)
            .bind(r.ends_at)
            .bind(r.soft_close_ms)
            .bind(r.seller_id)
            .bind(i64::from(setup.requires_approval))
            .bind(setup.deposit)
            .bind(now)
            .bind(id)
            .execute(&mut *tx)
            .await?;
            id
        }
        Some(_) => return Ok(None),
        None => {
            let inserted = sqlx::query_scalar(
                "INSERT INTO auctions (listing_id, starting_price_vnd, current_price_vnd, \
                   bid_step_vnd, bid_count, starts_at, ends_at, scheduled_end_at, status, seller_id, \
                   reserve_vnd, buy_now_vnd, soft_close_ms, requires_approval, deposit_vnd, \
                   submitted_at)
                 VALUES ($1, $2, $2, $3, 0, $4, $5, $5, 'pending', $6, $7, $8, $9, $10, $11, $12)
                 RETURNING id",
            )
            .bind(submission.listing_id)
            .bind(r.starting_price)
            .bind(r.step)
            .bind(r.starts_at)
            .bind(r.ends_at)
            .bind(r.seller_id)
            .bind(r.reserve)
            .bind(r.buy_now)
            .bind(r.soft_close_ms)
            .bind(i64::from(setup.requires_approval))
            .bind(setup.deposit)
            .bind(now)
            .fetch_one(&mut *tx)
            .await;
            match inserted {
                Ok(id) => id,
                // Submitted twice at once: the other submission holds the listing.
                Err(sqlx::Error::Database(e)) if e.is_unique_violation() => return Ok(None),
                Err(e) => return Err(e),
            }
        }
    };
    tx.commit().await?;
    Ok(Some(id))
}

/// The auction of listing `listing_id`, if it has one: its id, status and, when a moderator
/// refused it, why.
pub async fn of_listing(
    db: &Db,
    listing_id: i64,
) -> sqlx::Result<Option<(i64, String, Option<String>)>> {
    sqlx::query_as("SELECT id, status, rejection_reason FROM auctions WHERE listing_id = $1")
        .bind(listing_id)
        .fetch_optional(db)
        .await
}

/// Auctions waiting for a moderator, oldest submission first.
pub async fn pending(db: &Db, limit: i64) -> sqlx::Result<Vec<crate::model::PendingAuction>> {
    let rows: Vec<PendingAuctionRow> = sqlx::query_as(
        "SELECT a.id, l.slug, l.title, COALESCE(s.name, l.seller_name, u.display_name, '') AS seller,
                a.starting_price_vnd, a.bid_step_vnd, a.reserve_vnd, a.buy_now_vnd, a.starts_at,
                a.scheduled_end_at, a.soft_close_ms, a.requires_approval, a.deposit_vnd,
                COALESCE(a.submitted_at, a.starts_at) AS submitted_at
         FROM auctions a JOIN listings l ON l.id = a.listing_id
         LEFT JOIN stalls s ON s.id = l.stall_id
         LEFT JOIN users u ON u.id = a.seller_id
         WHERE a.status = 'pending'
         ORDER BY COALESCE(a.submitted_at, a.starts_at), a.id LIMIT $1",
    )
    .bind(limit)
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(Into::into).collect())
}

#[derive(sqlx::FromRow)]
struct PendingAuctionRow {
    id: i64,
    slug: String,
    title: String,
    seller: String,
    starting_price_vnd: i64,
    bid_step_vnd: i64,
    reserve_vnd: Option<i64>,
    buy_now_vnd: Option<i64>,
    starts_at: i64,
    scheduled_end_at: i64,
    soft_close_ms: i64,
    requires_approval: i64,
    deposit_vnd: Option<i64>,
    submitted_at: i64,
}

impl From<PendingAuctionRow> for crate::model::PendingAuction {
    fn from(r: PendingAuctionRow) -> Self {
        Self {
            id: r.id,
            listing_slug: r.slug,
            title: r.title,
            seller: r.seller,
            starting_price: r.starting_price_vnd,
            step: r.bid_step_vnd,
            reserve: r.reserve_vnd,
            buy_now: r.buy_now_vnd,
            starts_at: r.starts_at,
            ends_at: r.scheduled_end_at,
            soft_close_ms: r.soft_close_ms,
            requires_approval: r.requires_approval != 0,
            deposit: r.deposit_vnd,
            submitted_at: r.submitted_at,
            fingerprint: String::new(),
        }
    }
}

/// How many auctions wait for a moderator.
pub async fn count_pending(db: &Db) -> sqlx::Result<i64> {
    sqlx::query_scalar("SELECT COUNT(*) FROM auctions WHERE status = 'pending'")
        .fetch_one(db)
        .await
}

/// A moderator's decision on a pending auction: opens it for bidding at its start
/// (`reason` `None`) or refuses it with `reason` (status `cancelled`; the seller may submit it
/// again). False when it was not pending (decided already, or no such auction).
pub async fn review(
    conn: &mut sqlx::AnyConnection,
    id: i64,
    moderator: i64,
    reason: Option<&str>,
    now: i64,
) -> sqlx::Result<bool> {
    let status = if reason.is_some() {
        "cancelled"
    } else {
        "approved"
    };
    let done = sqlx::query(
        "UPDATE auctions SET status = $1, reviewed_by = $2, reviewed_at = $3, rejection_reason = $4
         WHERE id = $5 AND status = 'pending'",
    )
    .bind(status)
    .bind(moderator)
    .bind(now)
    .bind(reason)
    .bind(id)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The seller's address and language, the listing's title and the auction's start, for the
/// mail telling them a moderator decided.
pub async fn seller_address(
    db: &Db,
    id: i64,
) -> sqlx::Result<Option<(String, String, String, String)>> {
    sqlx::query_as(
        "SELECT u.email, u.display_name, u.locale, l.title
         FROM auctions a JOIN listings l ON l.id = a.listing_id JOIN users u ON u.id = a.seller_id
         WHERE a.id = $1",
    )
    .bind(id)
    .fetch_optional(db)
    .await
}

/// A member's registration to bid on an auction that requires approval.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Registration {
    /// `pending`, `approved` or `refused`.
    pub status: String,
    pub refusal_reason: Option<String>,
}

/// `user`'s registration on auction `id`, if they registered.
pub async fn registration(db: &Db, id: i64, user: i64) -> sqlx::Result<Option<Registration>> {
    let row: Option<(String, Option<String>)> = sqlx::query_as(
        "SELECT status, refusal_reason FROM auction_bidders WHERE auction_id = $1 AND user_id = $2",
    )
    .bind(id)
    .bind(user)
    .fetch_optional(db)
    .await?;
    Ok(row.map(|(status, refusal_reason)| Registration {
        status,
        refusal_reason,
    }))
}

/// Registers `user` to bid on auction `id`, waiting for a moderator to find their deposit by
/// `deposit_ref`; a refused registration is made again. False when they are already waiting or
/// approved (nothing changes).
pub async fn register_bidder(
    db: &Db,
    id: i64,
    user: i64,
    deposit_ref: &str,
    phone: &str,
    now: i64,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "INSERT INTO auction_bidders (auction_id, user_id, status, deposit_ref, phone, registered_at)
         VALUES ($1, $2, 'pending', $3, $4, $5)
         ON CONFLICT (auction_id, user_id) DO UPDATE SET status = 'pending',
           deposit_ref = excluded.deposit_ref, phone = excluded.phone,
           registered_at = excluded.registered_at, decided_by = NULL, decided_at = NULL,
           refusal_reason = NULL
         WHERE auction_bidders.status = 'refused'",
    )
    .bind(id)
    .bind(user)
    .bind(deposit_ref)
    .bind(phone)
    .bind(now)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Registrations waiting for a moderator to confirm the deposit, oldest first.
pub async fn pending_bidders(
    db: &Db,
    limit: i64,
) -> sqlx::Result<Vec<crate::model::PendingBidder>> {
    #[derive(sqlx::FromRow)]
    struct Row {
        auction_id: i64,
        user_id: i64,
        name: String,
        email: String,
        phone: String,
        deposit_ref: String,
        registered_at: i64,
        title: String,
        deposit: Option<i64>,
    }
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT b.auction_id, b.user_id, u.display_name AS name, u.email, b.phone, b.deposit_ref,
                b.registered_at, l.title, a.deposit_vnd AS deposit
         FROM auction_bidders b JOIN users u ON u.id = b.user_id
         JOIN auctions a ON a.id = b.auction_id JOIN listings l ON l.id = a.listing_id
         WHERE b.status = 'pending' AND a.status IN ('pending', 'approved')
         ORDER BY b.registered_at, b.auction_id, b.user_id LIMIT $1",
    )
    .bind(limit)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| crate::model::PendingBidder {
            auction_id: r.auction_id,
            user_id: r.user_id,
            name: r.name,
            email: r.email,
            phone: r.phone,
            deposit_ref: r.deposit_ref,
            registered_at: r.registered_at,
            auction_title: r.title,
            deposit: r.deposit.unwrap_or_default(),
            fingerprint: String::new(),
        })
        .collect())
}

/// How many registrations wait for a moderator.
pub async fn count_pending_bidders(db: &Db) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM auction_bidders b JOIN auctions a ON a.id = b.auction_id
         WHERE b.status = 'pending' AND a.status IN ('pending', 'approved')",
    )
    .fetch_one(db)
    .await
}

/// A moderator's decision on a registration: approved (`reason` `None`: the deposit arrived) or
/// refused with `reason`. False when it was not waiting.
pub async fn decide_bidder(
    conn: &mut sqlx::AnyConnection,
    id: i64,
    user: i64,
    moderator: i64,
    reason: Option<&str>,
    now: i64,
) -> sqlx::Result<bool> {
    let status = if reason.is_some() {
        "refused"
    } else {
        "approved"
    };
    let done = sqlx::query(
        "UPDATE auction_bidders SET status = $1, decided_by = $2, decided_at = $3,
           refusal_reason = $4
         WHERE auction_id = $5 AND user_id = $6 AND status = 'pending'",
    )
    .bind(status)
    .bind(moderator)
    .bind(now)
    .bind(reason)
    .bind(id)
    .bind(user)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

#[cfg(test)]
mod tests {
    use super::csv_field;

    #[test]
    fn csv_fields_are_quoted_and_never_run_as_formulas() {
        assert_eq!(csv_field("12500000"), "12500000");
        assert_eq!(csv_field("N***n"), "N***n");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        for formula in ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1"] {
            assert!(
                csv_field(formula).trim_start_matches('"').starts_with('\''),
                "{formula:?}"
            );
        }
        assert_eq!(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
    }
}
