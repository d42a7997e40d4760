//! What server functions and pages need from the running server: the database and shared caches.

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use crate::db::Db;
use crate::model::HomeOverview;
use crate::rate_limit::{IpLimiter, RateLimits};

/// Provided to every server-side render and server function call.
#[derive(Clone)]
pub struct ServerContext {
    /// The connection pool.
    pub db: Db,
    /// Page views not yet written to the database.
    pub visits: Arc<VisitCounter>,
    /// Listing page views not yet written to the database.
    pub listing_views: Arc<ListingViews>,
    /// The home page's data, recomputed at most once per TTL.
    pub home_cache: Arc<TtlCache<HomeOverview>>,
    /// Limits on logins and registrations.
    pub limits: RateLimits,
    /// Login attempts per client address.
    pub login_limiter: Arc<IpLimiter>,
    /// Registrations per client address.
    pub register_limiter: Arc<IpLimiter>,
    /// Password reset requests per client address.
    pub reset_limiter: Arc<IpLimiter>,
    /// The address members reach the site at (`https://techx.example`), for links in mails.
    /// Never taken from a request: a forged `Host` must not put its own address in a reset link.
    pub public_url: Arc<str>,
    /// Wakes the mail delivery task when a message is queued.
    pub outbox_wake: Arc<tokio::sync::Notify>,
    /// Where uploaded pictures are kept.
    pub media: Arc<dyn crate::media::ObjectStore>,
}

impl ServerContext {
    /// A context over `db` whose home page figures are at most `home_ttl` old.
    pub fn new(db: Db, home_ttl: Duration) -> Self {
        Self {
            db,
            visits: Arc::default(),
            listing_views: Arc::default(),
            home_cache: Arc::new(TtlCache::new(home_ttl)),
            limits: RateLimits::default(),
            login_limiter: Arc::new(IpLimiter::new(RateLimits::default().login_per_ip)),
            register_limiter: Arc::new(IpLimiter::new(RateLimits::default().register_per_ip)),
            reset_limiter: Arc::new(IpLimiter::new(RateLimits::default().reset_per_ip)),
            public_url: Arc::from("http://127.0.0.1:3000"),
            outbox_wake: Arc::default(),
            media: Arc::new(crate::media::LocalDir::new("data/media")),
        }
    }

    /// The same context keeping pictures in `store`.
    pub fn with_media(self, store: Arc<dyn crate::media::ObjectStore>) -> Self {
        Self {
            media: store,
            ..self
        }
    }

    /// The same context with links in mails pointing at `url` (no trailing slash needed).
    pub fn with_public_url(self, url: &str) -> Self {
        Self {
            public_url: Arc::from(url.trim_end_matches('/')),
            ..self
        }
    }

    /// The same context with other login and registration limits.
    pub fn with_rate_limits(self, limits: RateLimits) -> Self {
        Self {
            limits,
            login_limiter: Arc::new(IpLimiter::new(limits.login_per_ip)),
            register_limiter: Arc::new(IpLimiter::new(limits.register_per_ip)),
            reset_limiter: Arc::new(IpLimiter::new(limits.reset_per_ip)),
            ..self
        }
    }
}

/// Counts page views in memory; a background task moves them to the database in batches, so a
/// page view costs an atomic add rather than a write transaction.
#[derive(Debug, Default)]
pub struct VisitCounter(AtomicI64);

impl VisitCounter {
    /// Records one page view.
    pub fn record(&self) {
        self.0.fetch_add(1, Ordering::Relaxed);
    }

    /// Views recorded and not yet taken.
    pub fn pending(&self) -> i64 {
        self.0.load(Ordering::Relaxed)
    }

    /// Takes every pending view, leaving zero.
    pub fn take(&self) -> i64 {
        self.0.swap(0, Ordering::AcqRel)
    }

    /// Puts back views whose write failed, so none are lost.
    pub fn restore(&self, n: i64) {
        self.0.fetch_add(n, Ordering::AcqRel);
    }
}

/// Views of listing pages counted in memory, by listing id, until the next batch write.
#[derive(Debug, Default)]
pub struct ListingViews(std::sync::Mutex<std::collections::HashMap<i64, i64>>);

impl ListingViews {
    /// Records one view of listing `id` and returns its views not yet written.
    pub fn record(&self, id: i64) -> i64 {
        let mut views = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let n = views.entry(id).or_default();
        *n += 1;
        *n
    }

    /// Takes every pending count, leaving none.
    pub fn take(&self) -> Vec<(i64, i64)> {
        let mut views = self.0.lock().unwrap_or_else(|e| e.into_inner());
        views.drain().collect()
    }

    /// Puts back counts whose write failed.
    pub fn restore(&self, counts: &[(i64, i64)]) {
        let mut views = self.0.lock().unwrap_or_else(|e| e.into_inner());
        for (id, n) in counts {
            *views.entry(*id).or_default() += n;
        }
    }
}

/// A single value recomputed when older than its time to live.
#[derive(Debug)]
pub struct TtlCache<T> {
    ttl: Duration,
    slot: RwLock<Option<(Instant, Arc<T>)>>,
}

impl<T> TtlCache<T> {
    /// An empty cache.
    pub fn new(ttl: Duration) -> Self {
        Self {
            ttl,
            slot: RwLock::new(None),
        }
    }

    /// The cached value if it is fresh.
    pub fn get(&self) -> Option<Arc<T>> {
        let slot = self.slot.read().unwrap_or_else(|e| e.into_inner());
        slot.as_ref()
            .filter(|(at, _)| at.elapsed() < self.ttl)
            .map(|(_, v)| Arc::clone(v))
    }

    /// Stores a fresh value.
    pub fn put(&self, value: T) -> Arc<T> {
        let value = Arc::new(value);
        *self.slot.write().unwrap_or_else(|e| e.into_inner()) =
            Some((Instant::now(), Arc::clone(&value)));
        value
    }

    /// Forgets the value, so the next read recomputes it.
    pub fn invalidate(&self) {
        *self.slot.write().unwrap_or_else(|e| e.into_inner()) = None;
    }
}

/// The server context of the current request.
pub fn server_context() -> Result<ServerContext, crate::error::AppError> {
    leptos::prelude::use_context::<ServerContext>().ok_or_else(|| {
        tracing::error!("ServerContext missing from the Leptos context");
        crate::error::AppError::Internal
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cached_value_expires_after_its_ttl() {
        let cache = TtlCache::new(Duration::from_millis(30));
        assert!(cache.get().is_none());
        cache.put(7);
        assert_eq!(cache.get().as_deref(), Some(&7));
        std::thread::sleep(Duration::from_millis(40));
        assert!(cache.get().is_none());
    }

    #[test]
    fn visits_taken_and_restored_are_not_lost() {
        let visits = VisitCounter::default();
        visits.record();
        visits.record();
        let taken = visits.take();
        visits.record();
        visits.restore(taken);
        assert_eq!(visits.pending(), 3);
    }
}
