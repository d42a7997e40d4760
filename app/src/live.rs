//! Live updates: the event bus that tells every open bidding page of each change to its auction,
//! and every open page of a member that they have new notifications.
//!
//! Whoever changes an auction (a bid, the close) calls [`EventBus::auction_changed`] after the
//! change is committed. On SQLite — one server process — that marks the auction changed in this
//! process. On PostgreSQL, once [`EventBus::listen_postgres`] runs, it sends `NOTIFY` instead, and
//! every process (this one included) hears it on its own `LISTEN` connection and marks the
//! auction changed there, so each change reaches each process exactly once.
//!
//! A marked auction is read once per process — only if some page watches it — and that one
//! snapshot is handed to every watcher. Marks that arrive while a read is under way are folded
//! into the next read, so a burst of bids costs a few reads, and each watcher still receives the
//! latest state, whose history holds every bid.

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use tokio::sync::{Notify, broadcast};

use crate::db::Db;
use crate::db::auctions::LiveRead;

/// The `NOTIFY` channel auction changes travel on.
pub const AUCTION_CHANNEL: &str = "techx_auction";
/// The `NOTIFY` channel carrying "this member has new notifications" (their id).
pub const MEMBER_CHANNEL: &str = "techx_member";

/// Snapshots waiting in a watcher's queue before it is considered behind (it then skips to the
/// latest, which holds everything).
const QUEUE: usize = 16;

/// One change, as sent to every watcher of the auction.
#[derive(Debug)]
pub struct Snapshot {
    pub read: LiveRead,
    /// `read.live` as JSON, serialised once for all watchers.
    pub json: String,
}

/// Live streams one client (an IPv4 address or an IPv6 /64) may have open at once.
pub const STREAMS_PER_CLIENT: usize = 8;

/// Who is watching, for the public watcher count: a member once however many pages they have
/// open, and a visitor once per client address, so opening connections does not inflate it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Viewer {
    Member(i64),
    Visitor(std::net::IpAddr),
}

/// The pages watching one auction in this process.
struct Channel {
    sender: broadcast::Sender<Arc<Snapshot>>,
    /// Open pages per viewer.
    viewers: HashMap<Viewer, usize>,
}

/// Fans auction changes out to the pages watching them.
pub struct EventBus {
    db: Db,
    channels: Mutex<HashMap<i64, Channel>>,
    /// Open live streams per client (see [`crate::rate_limit::limit_key`]).
    streams: Mutex<HashMap<std::net::IpAddr, usize>>,
    /// Members with a page open, by id: each hears "new notifications".
    inboxes: Mutex<HashMap<i64, broadcast::Sender<()>>>,
    dirty: Mutex<HashSet<i64>>,
    wake: Notify,
    worker: OnceLock<()>,
    /// Changes go through PostgreSQL's NOTIFY (set once this process listens).
    notify: AtomicBool,
    /// Set when the server stops: every live stream ends, so open pages do not hold it up.
    stopping: tokio::sync::watch::Sender<bool>,
}

/// A page's subscription to one auction; leaving stops the updates.
pub struct Watch {
    pub receiver: broadcast::Receiver<Arc<Snapshot>>,
    bus: Arc<EventBus>,
    auction_id: i64,
    viewer: Viewer,
}

impl Drop for Watch {
    fn drop(&mut self) {
        let mut channels = self.bus.channels.lock().unwrap_or_else(|e| e.into_inner());
        let Some(channel) = channels.get_mut(&self.auction_id) else {
            return;
        };
        if let Some(pages) = channel.viewers.get_mut(&self.viewer) {
            *pages -= 1;
            if *pages == 0 {
                channel.viewers.remove(&self.viewer);
            }
        }
        // The channel goes with its last page.
        if channel.viewers.is_empty() {
            channels.remove(&self.auction_id);
        }
    }
}

/// One open live stream of a client; closing it frees the place.
pub struct StreamSlot {
    bus: Arc<EventBus>,
    client: std::net::IpAddr,
}

impl Drop for StreamSlot {
    fn drop(&mut self) {
        let mut streams = self.bus.streams.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(open) = streams.get_mut(&self.client) {
            *open -= 1;
            if *open == 0 {
                streams.remove(&self.client);
            }
        }
    }
}

/// A member's open page listening for their notifications; leaving stops it.
pub struct Inbox {
    pub receiver: broadcast::Receiver<()>,
    bus: Arc<EventBus>,
    member: i64,
}

impl Drop for Inbox {
    fn drop(&mut self) {
        let mut inboxes = self.bus.inboxes.lock().unwrap_or_else(|e| e.into_inner());
        if inboxes
            .get(&self.member)
            .is_some_and(|tx| tx.receiver_count() <= 1)
        {
            inboxes.remove(&self.member);
        }
    }
}

impl EventBus {
    /// A bus delivering within this process.
    pub fn new(db: Db) -> Arc<Self> {
        Arc::new(Self {
            db,
            channels: Mutex::default(),
            streams: Mutex::default(),
            inboxes: Mutex::default(),
            dirty: Mutex::default(),
            wake: Notify::new(),
            worker: OnceLock::new(),
            notify: AtomicBool::new(false),
            stopping: tokio::sync::watch::Sender::new(false),
        })
    }

    /// Ends every live stream: the server is stopping.
    pub fn stop(&self) {
        self.stopping.send_replace(true);
    }

    /// Resolves when the server starts stopping.
    pub fn stopping(&self) -> impl Future<Output = ()> + Send + 'static {
        let mut receiver = self.stopping.subscribe();
        async move {
            let _ = receiver.wait_for(|stopping| *stopping).await;
        }
    }

    /// A place for one more live stream of client `ip`, unless it has
    /// [`STREAMS_PER_CLIENT`] open already.
    pub fn open_stream(self: &Arc<Self>, ip: std::net::IpAddr) -> Option<StreamSlot> {
        let client = crate::rate_limit::limit_key(ip);
        let mut streams = self.streams.lock().unwrap_or_else(|e| e.into_inner());
        let open = streams.entry(client).or_insert(0);
        if *open >= STREAMS_PER_CLIENT {
            return None;
        }
        *open += 1;
        Some(StreamSlot {
            bus: Arc::clone(self),
            client,
        })
    }

    /// Starts watching auction `auction_id` as `viewer`.
    pub fn watch(self: &Arc<Self>, auction_id: i64, viewer: Viewer) -> Watch {
        let viewer = match viewer {
            Viewer::Visitor(ip) => Viewer::Visitor(crate::rate_limit::limit_key(ip)),
            member => member,
        };
        let mut channels = self.channels.lock().unwrap_or_else(|e| e.into_inner());
        let channel = channels.entry(auction_id).or_insert_with(|| Channel {
            sender: broadcast::channel(QUEUE).0,
            viewers: HashMap::new(),
        });
        *channel.viewers.entry(viewer).or_insert(0) += 1;
        Watch {
            receiver: channel.sender.subscribe(),
            bus: Arc::clone(self),
            auction_id,
            viewer,
        }
    }

    /// People watching auction `auction_id` in this process: members, and visitors counted
    /// once per client address.
    pub fn watchers(&self, auction_id: i64) -> usize {
        let channels = self.channels.lock().unwrap_or_else(|e| e.into_inner());
        channels
            .get(&auction_id)
            .map_or(0, |channel| channel.viewers.len())
    }

    /// Tells every watcher, in every process, that auction `auction_id` changed. Call after the
    /// change is committed.
    pub async fn auction_changed(self: &Arc<Self>, auction_id: i64) {
        if self.notify.load(Ordering::Acquire) {
            let sent = sqlx::query("SELECT pg_notify($1, $2)")
                .bind(AUCTION_CHANNEL)
                .bind(auction_id.to_string())
                .execute(&self.db)
                .await;
            match sent {
                Ok(_) => return,
                // Still tell this process's pages.
                Err(err) => tracing::warn!(error = %err, auction_id, "NOTIFY failed"),
            }
        }
        self.mark(auction_id);
    }

    /// Marks auction `auction_id` changed in this process.
    pub fn mark(self: &Arc<Self>, auction_id: i64) {
        self.dirty
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(auction_id);
        self.worker.get_or_init(|| {
            tokio::spawn(Arc::clone(self).deliver());
        });
        self.wake.notify_one();
    }

    /// Starts listening for member `member`'s notifications.
    pub fn inbox(self: &Arc<Self>, member: i64) -> Inbox {
        let mut inboxes = self.inboxes.lock().unwrap_or_else(|e| e.into_inner());
        let receiver = inboxes
            .entry(member)
            .or_insert_with(|| broadcast::channel(1).0)
            .subscribe();
        Inbox {
            receiver,
            bus: Arc::clone(self),
            member,
        }
    }

    /// Tells every open page of `members`, in every process, that they have new notifications.
    /// Call after they are committed.
    pub async fn members_notified(self: &Arc<Self>, members: &[i64]) {
        for &member in members {
            if self.notify.load(Ordering::Acquire) {
                let sent = sqlx::query("SELECT pg_notify($1, $2)")
                    .bind(MEMBER_CHANNEL)
                    .bind(member.to_string())
                    .execute(&self.db)
                    .await;
                match sent {
                    Ok(_) => continue,
                    Err(err) => tracing::warn!(error = %err, member, "NOTIFY failed"),
                }
            }
            self.ping(member);
        }
    }

    /// Tells member `member`'s pages in this process.
    fn ping(&self, member: i64) {
        let inboxes = self.inboxes.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(tx) = inboxes.get(&member) {
            let _ = tx.send(());
        }
    }

    /// Tells every member with a page open here (after a gap in which pings may have been lost).
    fn ping_all(&self) {
        let inboxes = self.inboxes.lock().unwrap_or_else(|e| e.into_inner());
        for tx in inboxes.values() {
            let _ = tx.send(());
        }
    }

    /// Marks every watched auction changed (after a gap in which changes may have been missed).
    fn mark_all_watched(self: &Arc<Self>) {
        let ids: Vec<i64> = self
            .channels
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .keys()
            .copied()
            .collect();
        for id in ids {
            self.mark(id);
        }
    }

    /// Reads each marked auction that someone watches and sends the snapshot to its watchers.
    async fn deliver(self: Arc<Self>) {
        loop {
            self.wake.notified().await;
            let marked: Vec<i64> =
                std::mem::take(&mut *self.dirty.lock().unwrap_or_else(|e| e.into_inner()))
                    .into_iter()
                    .collect();
            for id in marked {
                if self.watchers(id) == 0 {
                    continue;
                }
                match crate::db::auctions::read_live(&self.db, id, crate::db::now_ms()).await {
                    Ok(Some(read)) => {
                        let json = serde_json::to_string(&read.live).unwrap_or_default();
                        let snapshot = Arc::new(Snapshot { read, json });
                        let channels = self.channels.lock().unwrap_or_else(|e| e.into_inner());
                        if let Some(channel) = channels.get(&id) {
                            let _ = channel.sender.send(snapshot);
                        }
                    }
                    Ok(None) => {}
                    Err(err) => {
                        tracing::warn!(error = %err, auction_id = id, "could not read an auction for its watchers; retrying");
                        self.dirty
                            .lock()
                            .unwrap_or_else(|e| e.into_inner())
                            .insert(id);
                        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
                        self.wake.notify_one();
                    }
                }
            }
        }
    }

    /// Routes changes through PostgreSQL: from now on [`Self::auction_changed`] sends `NOTIFY`,
    /// and this task hears every process's (its own included) and marks them here. Runs until
    /// the process ends; reconnects by itself, and after a reconnection refreshes every watched
    /// auction, since notifications sent meanwhile are lost.
    pub async fn listen_postgres(self: Arc<Self>, database_url: String) {
        use sqlx::postgres::PgListener;
        let mut listener = loop {
            match PgListener::connect(&database_url).await {
                Ok(mut listener) => {
                    match listener.listen_all([AUCTION_CHANNEL, MEMBER_CHANNEL]).await {
                        Ok(()) => break listener,
                        Err(err) => tracing::warn!(error = %err, "LISTEN failed; retrying"),
                    }
                }
                Err(err) => {
                    tracing::warn!(error = %err, "cannot open the LISTEN connection; retrying")
                }
            }
            tokio::time::sleep(std::time::Duration::from_secs(1)).await;
        };
        self.notify.store(true, Ordering::Release);
        tracing::info!(
            channel = AUCTION_CHANNEL,
            "live updates shared through PostgreSQL"
        );
        loop {
            match listener.try_recv().await {
                Ok(Some(notification)) => {
                    if let Ok(id) = notification.payload().parse::<i64>() {
                        if notification.channel() == MEMBER_CHANNEL {
                            self.ping(id);
                        } else {
                            self.mark(id);
                        }
                    }
                }
                // The connection was lost and has been re-established.
                Ok(None) => {
                    self.mark_all_watched();
                    self.ping_all();
                }
                Err(err) => {
                    tracing::warn!(error = %err, "LISTEN connection failed; reconnecting");
                    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
                    self.mark_all_watched();
                    self.ping_all();
                }
            }
        }
    }
}
