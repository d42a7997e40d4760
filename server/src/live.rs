//! `GET /live/auctions/{id}`: an auction's changes as server-sent events, for its bidding page;
//! `GET /live/notifications`: a member's unread notification count, for the header's bell.
//!
//! The first event is the auction whole (so a page that reconnects after a network loss is in
//! step at once); then one event per change, as the event bus delivers them, and every few
//! seconds the watcher count. Each event carries the viewer's own standing, worked out here for
//! this connection from the one snapshot every watcher shares. The browser's `EventSource`
//! reconnects by itself, after the `retry` interval sent first.

use std::sync::Arc;
use std::time::Duration;

use app::domain::auction::Standing;
use app::live::{Snapshot, StreamSlot, Viewer, Watch};
use axum::Router;
use axum::extract::{Path as UrlPath, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tokio::sync::broadcast::error::RecvError;

use crate::startup::AppState;

/// How often the watcher count is sent between changes.
const WATCHERS_EVERY: Duration = Duration::from_secs(5);
/// How long a browser waits before reconnecting.
const RETRY: Duration = Duration::from_secs(1);

/// The live routes. They stream for as long as the page is open, so they sit outside the
/// request timeout.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/live/auctions/{id}", get(auction_events))
        .route("/live/notifications", get(notification_events))
}

/// One page's connection.
struct Connection {
    _slot: StreamSlot,
    watch: Watch,
    bus: Arc<app::live::EventBus>,
    db: app::db::Db,
    auction_id: i64,
    viewer: Option<i64>,
    has_bid: bool,
    my_max: Option<i64>,
    first: Option<Arc<Snapshot>>,
    ticker: tokio::time::Interval,
    stopping: std::pin::Pin<Box<dyn Future<Output = ()> + Send>>,
}

impl Connection {
    /// The event for `snapshot` (or, without one, the watcher count alone) as this viewer sees it.
    async fn event(&mut self, snapshot: Option<&Snapshot>) -> Event {
        let watchers = self.bus.watchers(self.auction_id);
        let Some(snapshot) = snapshot else {
            return Event::default()
                .event("watchers")
                .data(format!("{{\"watchers\":{watchers}}}"));
        };
        let read = &snapshot.read;
        if let Some(viewer) = self.viewer {
            // A bid of the viewer's (from this page or another) changes their standing and
            // maximum: it is in the history even when the leader's maximum answered it at once.
            let concerned = read.history_bidders.contains(&viewer) || read.first_id == Some(viewer);
            if concerned
                && let Ok((has_bid, my_max)) =
                    app::db::auctions::bidder_state(&self.db, self.auction_id, viewer).await
            {
                self.has_bid = has_bid;
                self.my_max = my_max;
            }
        }
        let standing = Standing::of(
            self.viewer,
            self.has_bid,
            read.first_id,
            read.live.status == "closed",
        );
        let standing = serde_json::to_string(&standing).unwrap_or_else(|_| "\"none\"".into());
        let my_max = self
            .my_max
            .map_or_else(|| "null".to_owned(), |max| max.to_string());
        Event::default().event("auction").data(format!(
            "{{\"live\":{},\"standing\":{standing},\"my_max\":{my_max},\"watchers\":{watchers}}}",
            snapshot.json
        ))
    }

    /// The next event to send; `None` ends the stream.
    async fn next(mut self) -> Option<(Result<Event, std::convert::Infallible>, Self)> {
        if let Some(first) = self.first.take() {
            let event = self.event(Some(&first)).await.retry(RETRY);
            return Some((Ok(event), self));
        }
        loop {
            tokio::select! {
                received = self.watch.receiver.recv() => match received {
                    Ok(snapshot) => {
                        let event = self.event(Some(&snapshot)).await;
                        return Some((Ok(event), self));
                    }
                    // Behind: the next one received is newer and whole.
                    Err(RecvError::Lagged(_)) => continue,
                    Err(RecvError::Closed) => return None,
                },
                () = &mut self.stopping => return None,
                _ = self.ticker.tick() => {
                    let event = self.event(None).await;
                    return Some((Ok(event), self));
                }
            }
        }
    }
}

/// 429 for a client with as many live streams open as it may have.
fn too_many_streams() -> Response {
    (
        StatusCode::TOO_MANY_REQUESTS,
        [
            (header::RETRY_AFTER, "30"),
            (header::CACHE_CONTROL, "no-store"),
        ],
    )
        .into_response()
}

async fn auction_events(
    State(state): State<AppState>,
    UrlPath(auction_id): UrlPath<i64>,
    headers: HeaderMap,
    extensions: axum::http::Extensions,
) -> Response {
    let ctx = &state.ctx;
    let client = app::rate_limit::client_ip_of(&extensions);
    let Some(slot) = ctx.live.open_stream(client) else {
        return too_many_streams();
    };
    let cookie = headers.get(header::COOKIE).and_then(|v| v.to_str().ok());
    let viewer = app::session::authenticate(&ctx.db, cookie)
        .await
        .ok()
        .flatten()
        .map(|user| user.id);
    // Watch before reading, so no change between the two is missed.
    let watch = ctx.live.watch(
        auction_id,
        viewer.map_or(Viewer::Visitor(client), Viewer::Member),
    );
    let read = match app::db::auctions::read_live(&ctx.db, auction_id, app::db::now_ms()).await {
        Ok(Some(read)) if matches!(read.live.status.as_str(), "approved" | "closed") => read,
        Ok(_) => return StatusCode::NOT_FOUND.into_response(),
        Err(err) => {
            tracing::error!(error = %err, auction_id, "cannot read an auction for its live page");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    };
    let (has_bid, my_max) = match viewer {
        Some(user) => app::db::auctions::bidder_state(&ctx.db, auction_id, user)
            .await
            .unwrap_or((false, None)),
        None => (false, None),
    };
    let json = serde_json::to_string(&read.live).unwrap_or_default();
    let mut ticker = tokio::time::interval(WATCHERS_EVERY);
    ticker.reset();
    let connection = Connection {
        _slot: slot,
        watch,
        bus: Arc::clone(&ctx.live),
        db: ctx.db.clone(),
        auction_id,
        viewer,
        has_bid,
        my_max,
        first: Some(Arc::new(Snapshot { read, json })),
        ticker,
        stopping: Box::pin(ctx.live.stopping()),
    };
    let stream = futures_util::stream::unfold(connection, Connection::next);
    (
        [(header::CACHE_CONTROL, "no-store")],
        Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(15))),
    )
        .into_response()
}

/// `GET /live/notifications`: a logged-in member's unread notification count, first as it is and
/// then each time something new arrives for them (`event: unread`, `{"unread":N}`), for the
/// header's bell on every page they have open. Visitors get 401.
async fn notification_events(
    State(state): State<AppState>,
    headers: HeaderMap,
    extensions: axum::http::Extensions,
) -> Response {
    let ctx = &state.ctx;
    let Some(slot) = ctx
        .live
        .open_stream(app::rate_limit::client_ip_of(&extensions))
    else {
        return too_many_streams();
    };
    let cookie = headers.get(header::COOKIE).and_then(|v| v.to_str().ok());
    let Some(member) = app::session::authenticate(&ctx.db, cookie)
        .await
        .ok()
        .flatten()
        .map(|user| user.id)
    else {
        return StatusCode::UNAUTHORIZED.into_response();
    };
    // Listen before counting, so nothing between the two is missed.
    let inbox = ctx.live.inbox(member);
    struct Listening {
        _slot: StreamSlot,
        inbox: app::live::Inbox,
        db: app::db::Db,
        member: i64,
        first: bool,
        stopping: std::pin::Pin<Box<dyn Future<Output = ()> + Send>>,
    }
    async fn next(
        mut this: Listening,
    ) -> Option<(Result<Event, std::convert::Infallible>, Listening)> {
        if !std::mem::take(&mut this.first) {
            tokio::select! {
                received = this.inbox.receiver.recv() => match received {
                    Ok(()) | Err(RecvError::Lagged(_)) => {}
                    Err(RecvError::Closed) => return None,
                },
                () = &mut this.stopping => return None,
            }
        }
        let unread = app::db::notifications::unread(&this.db, this.member)
            .await
            .ok()?;
        let event = Event::default()
            .event("unread")
            .data(format!("{{\"unread\":{unread}}}"))
            .retry(RETRY);
        Some((Ok(event), this))
    }
    let listening = Listening {
        _slot: slot,
        inbox,
        db: ctx.db.clone(),
        member,
        first: true,
        stopping: Box::pin(ctx.live.stopping()),
    };
    let stream = futures_util::stream::unfold(listening, next);
    (
        [(header::CACHE_CONTROL, "no-store")],
        Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(15))),
    )
        .into_response()
}
