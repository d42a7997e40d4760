//! Applying actions to an auction in batches: actions that arrive while the auction's previous
//! batch is being written queue here, and the next batch applies them all, in arrival order, in
//! one transaction (one lock, one insert for their log entries, one commit). Each still sees the
//! state the previous one left and gets its own answer; none is answered before the commit.
//!
//! One task per auction applies its batches while actions keep coming, and ends when its queue
//! is empty; it runs on its own (a bidder who disconnects does not cancel anyone's bid: their
//! action is still applied, and a retry with the same key gets its answer).

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, OnceLock};

use tokio::sync::oneshot;

use super::{AUCTION_COLUMNS, LogEntry, PlaceError, Placed, from_row, stored_action};
use crate::db::Db;
use crate::db::dialect::placeholders;
use crate::domain::auction::{Action, AuctionState, HistoryLine};

/// At most this many actions in one transaction (13 parameters each in the log insert).
const MAX_BATCH: usize = 64;

type Clock = Arc<dyn Fn() -> i64 + Send + Sync>;

/// An action waiting for its batch.
struct Submitted {
    bidder: i64,
    action: Action,
    request_key: String,
    clock: Clock,
    reply: oneshot::Sender<Result<Placed, PlaceError>>,
}

/// The actions waiting for an auction, per database (by URL) and auction; an entry exists while
/// its task runs.
type Queues = Mutex<HashMap<(String, i64), Vec<Submitted>>>;

fn queues() -> &'static Queues {
    static QUEUES: OnceLock<Queues> = OnceLock::new();
    QUEUES.get_or_init(Default::default)
}

/// Applies `action` by `bidder` to auction `auction_id` at the server's time (`clock`, read when
/// the action's turn comes, with the auction locked), unless the same bidder already submitted
/// `request_key` on it — then the earlier result is returned and nothing changes. A bidder who
/// loses the lead to it is notified in the same transaction (the mail follows, see
/// `notifications::mail_outbid`). Returns once the action is durably stored (or refused).
///
/// Actions on one auction that arrive while its previous ones are being written wait and are
/// then applied together — still one at a time, in arrival order, each seeing the state the
/// previous one left — in one transaction: one lock, one insert for all their log entries, one
/// commit. Under load that is what keeps a hot auction fast; alone, an action is a batch of one.
pub async fn place(
    db: &Db,
    auction_id: i64,
    bidder: i64,
    action: Action,
    request_key: &str,
    clock: impl Fn() -> i64 + Send + Sync + 'static,
) -> Result<Placed, PlaceError> {
    let (reply, answer) = oneshot::channel();
    let key = (db.connect_options().database_url.to_string(), auction_id);
    let submitted = Submitted {
        bidder,
        action,
        request_key: request_key.to_owned(),
        clock: Arc::new(clock),
        reply,
    };
    let start = {
        let mut queues = queues().lock().unwrap_or_else(|e| e.into_inner());
        match queues.get_mut(&key) {
            Some(waiting) => {
                waiting.push(submitted);
                false
            }
            None => {
                queues.insert(key.clone(), vec![submitted]);
                true
            }
        }
    };
    if start {
        tokio::spawn(run(db.clone(), key));
    }
    answer
        .await
        .unwrap_or(Err(PlaceError::Db(sqlx::Error::WorkerCrashed)))
}

/// Removes the auction's queue if its task ends early (a panic): whoever still waits hears an
/// error instead of waiting forever, and the next action starts a new task.
struct Running {
    key: (String, i64),
    /// The queue was removed when it ran empty (a new one may exist by now: not ours).
    finished: bool,
}

impl Drop for Running {
    fn drop(&mut self) {
        if !self.finished {
            queues()
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .remove(&self.key);
        }
    }
}

/// Applies the auction's waiting actions, batch after batch, until none wait.
async fn run(db: Db, key: (String, i64)) {
    let mut running = Running {
        key,
        finished: false,
    };
    loop {
        let batch: Vec<Submitted> = {
            let mut queues = queues().lock().unwrap_or_else(|e| e.into_inner());
            match queues.get_mut(&running.key) {
                Some(waiting) if !waiting.is_empty() => {
                    let n = waiting.len().min(MAX_BATCH);
                    waiting.drain(..n).collect()
                }
                _ => {
                    queues.remove(&running.key);
                    running.finished = true;
                    return;
                }
            }
        };
        let auction_id = running.key.1;
        let answers = match apply(&db, auction_id, &batch).await {
            Ok(answers) => answers,
            // Something failed (a repeated key the batch could not see, the database): nothing
            // of the batch was stored; each action is tried again on its own.
            Err(_) => {
                let mut answers = Vec::with_capacity(batch.len());
                for one in &batch {
                    answers.push(alone(&db, auction_id, one).await);
                }
                answers
            }
        };
        for (submitted, answer) in batch.into_iter().zip(answers) {
            // The bidder may have gone; their action stands.
            let _ = submitted.reply.send(answer);
        }
    }
}

/// One action in a transaction of its own; a repeated key found by the log's unique index gets
/// the earlier answer.
async fn alone(db: &Db, auction_id: i64, one: &Submitted) -> Result<Placed, PlaceError> {
    match apply(db, auction_id, std::slice::from_ref(one)).await {
        Ok(mut answers) => answers.pop().unwrap_or(Err(PlaceError::NotFound)),
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
            let state = super::get(db, auction_id)
                .await?
                .ok_or(PlaceError::NotFound)?
                .state;
            earlier(db, auction_id, &state, one.bidder, &one.request_key)
                .await?
                .ok_or(PlaceError::Db(sqlx::Error::Database(e)))
        }
        Err(e) => Err(PlaceError::Db(e)),
    }
}

/// Applies `batch` in one transaction; its answers in order. An error means nothing was stored.
async fn apply(
    db: &Db,
    auction_id: i64,
    batch: &[Submitted],
) -> sqlx::Result<Vec<Result<Placed, PlaceError>>> {
    let _turn = crate::db::dialect::write_turn(db).await;
    let mut tx = db.begin().await?;
    // Lock first: the row on PostgreSQL, the database's write lock on SQLite; read it at once.
    let row = sqlx::query(&format!(
        "UPDATE auctions SET action_count = action_count WHERE id = $1 RETURNING {AUCTION_COLUMNS}"
    ))
    .bind(auction_id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(auction) = row.as_ref().map(from_row).transpose()? else {
        return Ok(batch.iter().map(|_| Err(PlaceError::NotFound)).collect());
    };
    let open = auction.status == "approved";
    let approved = if open && auction.requires_approval {
        approved_bidders(&mut tx, auction_id, batch).await?
    } else {
        HashSet::new()
    };

    let mut state = auction.state.clone();
    let mut seq = auction.action_count;
    let mut last_hash = auction.last_hash.clone();
    let mut entries: Vec<(LogEntry, String)> = Vec::new();
    // Bidders who lost the lead: (member, price then, when).
    let mut outbid: Vec<(i64, i64, i64)> = Vec::new();
    let mut answers: Vec<Result<Placed, PlaceError>> = Vec::with_capacity(batch.len());
    // Applied in this batch: (bidder, key) → its place in the log and the lines it added.
    let mut applied: HashMap<(i64, &str), (i64, Vec<HistoryLine>)> = HashMap::new();
    let mut refused: Vec<usize> = Vec::new();
    for (i, one) in batch.iter().enumerate() {
        if let Some((seq, history)) = applied.get(&(one.bidder, one.request_key.as_str())) {
            // The same submission twice in one batch (a double click): answered as the first.
            answers.push(Ok(Placed {
                seq: *seq,
                state: state.clone(),
                history: history.clone(),
                outbid: None,
                extended: false,
                duplicate: true,
            }));
            continue;
        }
        if !open {
            answers.push(Err(PlaceError::NotOpen));
            refused.push(i);
            continue;
        }
        if auction.requires_approval && !approved.contains(&one.bidder) {
            answers.push(Err(PlaceError::NotRegistered));
            refused.push(i);
            continue;
        }
        let now = (one.clock)();
        match state.apply(&auction.rules, one.bidder, one.action, now) {
            Err(refusal) => {
                answers.push(Err(PlaceError::Refused(refusal)));
                refused.push(i);
            }
            Ok(outcome) => {
                seq += 1;
                let entry = LogEntry {
                    auction_id,
                    seq,
                    bidder_id: one.bidder,
                    action: one.action,
                    placed_at: now,
                    price: state.price,
                    leader_id: state.leader.map_or(0, |(leader, _)| leader),
                    ends_at: state.ends_at,
                    history: serde_json::to_string(&outcome.history).unwrap_or_default(),
                    request_key: one.request_key.clone(),
                    prev_hash: last_hash.clone(),
                };
                let hash = entry.hash();
                last_hash.clone_from(&hash);
                entries.push((entry, hash));
                let lost = outcome.outbid.filter(|&o| o != one.bidder);
                if let Some(member) = lost {
                    outbid.push((member, state.price, now));
                }
                applied.insert(
                    (one.bidder, one.request_key.as_str()),
                    (seq, outcome.history.clone()),
                );
                answers.push(Ok(Placed {
                    seq,
                    state: state.clone(),
                    history: outcome.history,
                    outbid: lost,
                    extended: outcome.extended,
                    duplicate: false,
                }));
            }
        }
    }
    // Refused now; but a retry of a submission applied in an earlier batch gets its answer.
    for i in refused {
        let one = &batch[i];
        if let Some(placed) =
            earlier(&mut *tx, auction_id, &state, one.bidder, &one.request_key).await?
        {
            answers[i] = Ok(placed);
        }
    }
    if entries.is_empty() {
        return Ok(answers);
    }
    insert_entries(&mut tx, &entries).await?;
    if !outbid.is_empty() {
        crate::db::notifications::add_outbid(&mut tx, auction_id, &outbid).await?;
    }
    sqlx::query(
        "UPDATE auctions SET current_price_vnd = $1, leader_id = $2, leader_max_vnd = $3, \
           bid_count = $4, ends_at = $5, bought_at = $6, action_count = $7, last_hash = $8
         WHERE id = $9",
    )
    .bind(state.price)
    .bind(state.leader.map(|(leader, _)| leader))
    .bind(state.leader.map(|(_, max)| max))
    .bind(state.bid_count)
    .bind(state.ends_at)
    .bind(state.bought_at)
    .bind(seq)
    .bind(&last_hash)
    .bind(auction_id)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(answers)
}

/// Which of the batch's bidders a moderator approved for the auction.
async fn approved_bidders(
    tx: &mut sqlx::AnyConnection,
    auction_id: i64,
    batch: &[Submitted],
) -> sqlx::Result<HashSet<i64>> {
    let bidders: Vec<i64> = batch
        .iter()
        .map(|s| s.bidder)
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    let list = placeholders(2, bidders.len(), 1);
    let sql = format!(
        "SELECT user_id FROM auction_bidders
         WHERE auction_id = $1 AND status = 'approved' AND user_id IN ({list})"
    );
    let mut query = sqlx::query_scalar::<_, i64>(&sql).bind(auction_id);
    for bidder in &bidders {
        query = query.bind(*bidder);
    }
    Ok(query.fetch_all(tx).await?.into_iter().collect())
}

/// The log entries, in one statement.
async fn insert_entries(
    tx: &mut sqlx::AnyConnection,
    entries: &[(LogEntry, String)],
) -> sqlx::Result<()> {
    let sql = format!(
        "INSERT INTO auction_actions (auction_id, seq, bidder_id, action, max_vnd, placed_at, \
           price_vnd, leader_id, ends_at, history, request_key, prev_hash, hash) VALUES {}",
        placeholders(1, entries.len(), 13)
    );
    let mut query = sqlx::query(&sql);
    for (entry, hash) in entries {
        let (action, max) = stored_action(entry.action);
        query = query
            .bind(entry.auction_id)
            .bind(entry.seq)
            .bind(entry.bidder_id)
            .bind(action)
            .bind(max)
            .bind(entry.placed_at)
            .bind(entry.price)
            .bind(entry.leader_id)
            .bind(entry.ends_at)
            .bind(entry.history.clone())
            .bind(entry.request_key.clone())
            .bind(entry.prev_hash.clone())
            .bind(hash.clone());
    }
    query.execute(tx).await?;
    Ok(())
}

/// The answer to `bidder`'s earlier submission of `request_key` on the auction, if there was
/// one: what it added to the history, with the auction's state as it stands now.
async fn earlier<'e, E>(
    executor: E,
    auction_id: i64,
    state: &AuctionState,
    bidder: i64,
    request_key: &str,
) -> sqlx::Result<Option<Placed>>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    let found: Option<(i64, String)> = sqlx::query_as(
        "SELECT seq, history FROM auction_actions
         WHERE auction_id = $1 AND bidder_id = $2 AND request_key = $3",
    )
    .bind(auction_id)
    .bind(bidder)
    .bind(request_key)
    .fetch_optional(executor)
    .await?;
    Ok(found.map(|(seq, history)| Placed {
        seq,
        state: state.clone(),
        history: serde_json::from_str(&history).unwrap_or_default(),
        outbid: None,
        extended: false,
        duplicate: true,
    }))
}
