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
    /// Catalogue searches that found nothing, not yet written to the database.
    pub search_misses: Arc<SearchMisses>,
    /// The home page's data, recomputed at most once per TTL.
    pub home_cache: Arc<TtlCache<HomeOverview>>,
    /// The figures of `/statistics`, per period, recomputed at most once per TTL.
    pub statistics: Arc<StatisticsCache>,
    /// Limits on logins and registrations.
    pub limits: RateLimits,
    /// Login attempts per client address.
    pub login_limiter: Arc<IpLimiter>,
    /// Registrations per client address.
    pub register_limiter: Arc<IpLimiter>,
    /// Password reset requests per client address.
    pub reset_limiter: Arc<IpLimiter>,
    /// New passwords from reset links per client address.
    pub password_limiter: Arc<IpLimiter>,
    /// Searches not answered from memory per client address.
    pub search_limiter: Arc<IpLimiter>,
    /// Picture uploads per client address.
    pub upload_limiter: Arc<IpLimiter>,
    /// Turns at decoding pictures.
    pub picture_turns: Arc<crate::rate_limit::Turns>,
    /// The address members reach the site at (`https://techx.example`), for links in mails.
    /// Never taken from a request: a forged `Host` must not put its own address in a reset link.
    pub public_url: Arc<str>,
    /// Wakes the mail delivery task when a message is queued.
    pub outbox_wake: Arc<tokio::sync::Notify>,
    /// Where uploaded pictures are kept.
    pub media: Arc<dyn crate::media::ObjectStore>,
    /// Search results remembered for the catalogue's search version they were read at.
    pub search_cache: Arc<SearchCache>,
    /// Tells open bidding pages of each change to their auction.
    pub live: Arc<crate::live::EventBus>,
    /// Hosts (`host:port`) a push subscription may name besides the browsers' push services: a
    /// test's own push service.
    pub push_hosts: Arc<[String]>,
}

impl ServerContext {
    /// A context over `db` whose home page figures are at most `home_ttl` old.
    pub fn new(db: Db, home_ttl: Duration) -> Self {
        Self {
            live: crate::live::EventBus::new(db.clone()),
            db,
            visits: Arc::default(),
            listing_views: Arc::default(),
            search_misses: Arc::default(),
            home_cache: Arc::new(TtlCache::new(home_ttl)),
            statistics: Arc::new(StatisticsCache::new(home_ttl)),
            limits: RateLimits::default(),
            login_limiter: Arc::new(IpLimiter::new(RateLimits::default().login_per_ip)),
            register_limiter: Arc::new(IpLimiter::new(RateLimits::default().register_per_ip)),
            reset_limiter: Arc::new(IpLimiter::new(RateLimits::default().reset_per_ip)),
            password_limiter: Arc::new(IpLimiter::new(RateLimits::default().password_per_ip)),
            search_limiter: Arc::new(IpLimiter::new(RateLimits::default().search_per_ip)),
            upload_limiter: Arc::new(IpLimiter::new(RateLimits::default().upload_per_ip)),
            picture_turns: Arc::new(crate::rate_limit::Turns::per_core()),
            public_url: Arc::from("http://127.0.0.1:3000"),
            outbox_wake: Arc::default(),
            media: Arc::new(crate::media::LocalDir::new("data/media")),
            search_cache: Arc::new(SearchCache::new(SearchCache::DEFAULT_ENTRIES)),
            push_hosts: Arc::from([]),
        }
    }

    /// The same context accepting push subscriptions at `hosts` too (`host:port`).
    pub fn with_push_hosts(self, hosts: &[String]) -> Self {
        Self {
            push_hosts: Arc::from(hosts),
            ..self
        }
    }

    /// The same context remembering at most `entries` searches (and as many suggestions); 0
    /// remembers none.
    pub fn with_search_cache(self, entries: usize) -> Self {
        Self {
            search_cache: Arc::new(SearchCache::new(entries)),
            ..self
        }
    }

    /// The same context keeping pictures in `store`.
    pub fn with_media(self, store: Arc<dyn crate::media::ObjectStore>) -> Self {
        Self {
            media: store,
            ..self
        }
    }

    /// The same context reading the figures of `/statistics` again when older than `ttl`.
    pub fn with_statistics_ttl(self, ttl: Duration) -> Self {
        Self {
            statistics: Arc::new(StatisticsCache::new(ttl)),
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

    /// Lets the current request's client have a search read from the database while it has
    /// searches left in its share ([`crate::db::search::Admit`]).
    pub fn search_admission(&self) -> impl Fn() -> Result<(), Duration> + Send + Sync + '_ {
        let ip = crate::rate_limit::client_ip();
        move || self.search_limiter.check(ip)
    }

    /// The same context with `turns` at decoding pictures.
    pub fn with_picture_turns(self, turns: Arc<crate::rate_limit::Turns>) -> Self {
        Self {
            picture_turns: turns,
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
            password_limiter: Arc::new(IpLimiter::new(limits.password_per_ip)),
            search_limiter: Arc::new(IpLimiter::new(limits.search_per_ip)),
            upload_limiter: Arc::new(IpLimiter::new(limits.upload_per_ip)),
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

/// Searches that found nothing, by their words, counted in memory until the next batch write
/// (with the page views). The words only: no member, no address.
#[derive(Debug, Default)]
pub struct SearchMisses(std::sync::Mutex<std::collections::HashMap<String, i64>>);

impl SearchMisses {
    /// Distinct searches kept between two writes; more are dropped (a flood of made-up words
    /// must not grow the server's memory).
    pub const MAX_PENDING: usize = 5_000;
    /// Longest words kept, in characters.
    pub const MAX_CHARS: usize = 100;

    /// Records a search for `typed` that found nothing: lower case, spaces collapsed, at most
    /// [`Self::MAX_CHARS`]. Empty words are not recorded.
    pub fn record(&self, typed: &str) {
        let words: String = typed
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
            .chars()
            .take(Self::MAX_CHARS)
            .collect();
        if words.is_empty() {
            return;
        }
        let mut misses = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if misses.len() < Self::MAX_PENDING || misses.contains_key(&words) {
            *misses.entry(words).or_default() += 1;
        }
    }

    /// Takes every pending count, leaving none.
    pub fn take(&self) -> Vec<(String, i64)> {
        let mut misses = self.0.lock().unwrap_or_else(|e| e.into_inner());
        misses.drain().collect()
    }

    /// Puts back counts whose write failed.
    pub fn restore(&self, counts: Vec<(String, i64)>) {
        let mut misses = self.0.lock().unwrap_or_else(|e| e.into_inner());
        for (words, n) in counts {
            *misses.entry(words).or_default() += n;
        }
    }
}

/// The listing whose view a page render counted, for a copy of the page served later (the
/// server's page cache) to count one too. The server puts an empty one in the extensions of a
/// request whose page it may keep; the listing's data fills it in.
#[derive(Clone, Debug, Default)]
pub struct CountedListing(Arc<std::sync::OnceLock<i64>>);

impl CountedListing {
    /// Records that the page counted a view of listing `id`, if this request's page may be
    /// kept.
    pub fn record(id: i64) {
        if let Some(counted) = leptos::prelude::use_context::<http::request::Parts>()
            .and_then(|parts| parts.extensions.get::<Self>().cloned())
        {
            let _ = counted.0.set(id);
        }
    }

    /// The listing recorded, if any.
    pub fn get(&self) -> Option<i64> {
        self.0.get().copied()
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

    /// The cached value however old.
    pub fn get_stale(&self) -> Option<Arc<T>> {
        let slot = self.slot.read().unwrap_or_else(|e| e.into_inner());
        slot.as_ref().map(|(_, v)| Arc::clone(v))
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

/// The figures of `/statistics` for each period. One request at a time reads them from the
/// database (up to a second at scale 10); those arriving meanwhile get the figures it replaces,
/// or wait for its result when there are none yet, instead of reading them too.
#[derive(Debug)]
pub struct StatisticsCache {
    periods: [TtlCache<crate::model::statistics::Statistics>; 3],
    reading: tokio::sync::Mutex<()>,
}

impl StatisticsCache {
    /// An empty cache keeping figures for `ttl`.
    pub fn new(ttl: Duration) -> Self {
        Self {
            periods: std::array::from_fn(|_| TtlCache::new(ttl)),
            reading: tokio::sync::Mutex::new(()),
        }
    }

    /// The figures for `period`, read by `read` when none are fresh.
    pub async fn get_or_read<F, E>(
        &self,
        period: crate::model::statistics::Period,
        read: impl FnOnce() -> F,
    ) -> Result<Arc<crate::model::statistics::Statistics>, E>
    where
        F: std::future::Future<Output = Result<crate::model::statistics::Statistics, E>>,
    {
        use crate::model::statistics::Period;
        let slot = &self.periods[Period::ALL.iter().position(|p| *p == period).unwrap_or(0)];
        if let Some(hit) = slot.get() {
            return Ok(hit);
        }
        let _turn = match self.reading.try_lock() {
            Ok(turn) => turn,
            Err(_) => match slot.get_stale() {
                Some(stale) => return Ok(stale),
                None => self.reading.lock().await,
            },
        };
        if let Some(hit) = slot.get() {
            return Ok(hit);
        }
        Ok(slot.put(read().await?))
    }
}

/// Search results and suggestions, each remembered under the query that gave it and the
/// catalogue's search version it was read at (see `db::search::search_version`).
#[derive(Debug)]
pub struct SearchCache {
    /// The best-ranked listing ids of a search, as deep as its pages were asked for, and its
    /// count.
    pub ranked: VersionedCache<crate::db::search::Ranking>,
    /// The titles suggested for what was typed.
    pub suggestions: VersionedCache<Vec<String>>,
    /// The matches of a listing (by its id), as its page and its owner's list show them.
    pub matches: VersionedCache<Vec<crate::model::ListingMatch>>,
}

impl SearchCache {
    /// Searches remembered by default: at most ~8 KB each (1,001 ids), 8 MB in all.
    pub const DEFAULT_ENTRIES: usize = 1024;

    /// Caches of `entries` searches and `entries` suggestions; 0 remembers nothing.
    pub fn new(entries: usize) -> Self {
        Self {
            ranked: VersionedCache::new(entries),
            suggestions: VersionedCache::new(entries),
            matches: VersionedCache::new(entries),
        }
    }
}

/// Values by key, each valid for the version of the data it was computed from; bounded, least
/// recently used first out.
///
/// A caller reads the data's current version *before* computing a value, so a value is never
/// filed under a newer version than the data it saw. Concurrent requests for the same missing
/// key and version wait for one computation instead of all running it.
#[derive(Debug)]
pub struct VersionedCache<V> {
    capacity: usize,
    state: std::sync::Mutex<CacheState<V>>,
}

#[derive(Debug)]
struct CacheState<V> {
    slots: std::collections::HashMap<String, Slot<V>>,
    /// Counts lookups; a slot's `used` is the count at its last lookup.
    clock: u64,
}

#[derive(Debug)]
struct Slot<V> {
    version: i64,
    used: u64,
    value: Arc<tokio::sync::OnceCell<Arc<V>>>,
}

impl<V> VersionedCache<V> {
    /// A cache of at most `capacity` values; 0 computes every value afresh.
    pub fn new(capacity: usize) -> Self {
        Self {
            capacity,
            state: std::sync::Mutex::new(CacheState {
                slots: std::collections::HashMap::new(),
                clock: 0,
            }),
        }
    }

    /// The value for `key` at `version` (or a later one), computed by `compute` if it is not
    /// held. A failed computation is not remembered.
    pub async fn get_or_compute<E, Fut>(
        &self,
        key: &str,
        version: i64,
        compute: impl FnOnce() -> Fut,
    ) -> Result<Arc<V>, E>
    where
        Fut: std::future::Future<Output = Result<V, E>>,
    {
        if self.capacity == 0 {
            return compute().await.map(Arc::new);
        }
        let cell = self.slot(key, version);
        cell.get_or_try_init(|| async { compute().await.map(Arc::new) })
            .await
            .map(Arc::clone)
    }

    /// The value for `key` at `version` (or a later one) if it is held: a lookup that never
    /// waits for a computation under way.
    pub fn get(&self, key: &str, version: i64) -> Option<Arc<V>> {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        state.clock += 1;
        let now = state.clock;
        let slot = state
            .slots
            .get_mut(key)
            .filter(|slot| slot.version >= version)?;
        slot.used = now;
        slot.value.get().map(Arc::clone)
    }

    /// The slot for `key` at `version`, made (and room made for it) if missing or older.
    fn slot(&self, key: &str, version: i64) -> Arc<tokio::sync::OnceCell<Arc<V>>> {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        state.clock += 1;
        let now = state.clock;
        if let Some(slot) = state.slots.get_mut(key)
            && slot.version >= version
        {
            slot.used = now;
            return Arc::clone(&slot.value);
        }
        if state.slots.len() >= self.capacity && !state.slots.contains_key(key) {
            // Values of older versions can never be served again: drop them all first.
            state.slots.retain(|_, slot| slot.version >= version);
            if state.slots.len() >= self.capacity
                && let Some(oldest) = state
                    .slots
                    .iter()
                    .min_by_key(|(_, slot)| slot.used)
                    .map(|(key, _)| key.clone())
            {
                state.slots.remove(&oldest);
            }
        }
        let value = Arc::new(tokio::sync::OnceCell::new());
        state.slots.insert(
            key.to_owned(),
            Slot {
                version,
                used: now,
                value: Arc::clone(&value),
            },
        );
        value
    }

    /// Remembers `value` for `key` at `version` in place of what was held (a fuller value
    /// computed from the same data), unless a later version is held by now; returns `value`.
    pub fn replace(&self, key: &str, version: i64, value: V) -> Arc<V> {
        let value = Arc::new(value);
        if self.capacity == 0 {
            return value;
        }
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        state.clock += 1;
        let now = state.clock;
        let held_later = state
            .slots
            .get(key)
            .is_some_and(|slot| slot.version > version);
        if !held_later && (state.slots.contains_key(key) || state.slots.len() < self.capacity) {
            state.slots.insert(
                key.to_owned(),
                Slot {
                    version,
                    used: now,
                    value: Arc::new(tokio::sync::OnceCell::new_with(Some(Arc::clone(&value)))),
                },
            );
        }
        value
    }

    /// Whether it remembers anything (a capacity of 0 does not).
    pub fn is_enabled(&self) -> bool {
        self.capacity > 0
    }

    /// Values held.
    pub fn len(&self) -> usize {
        self.state
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .slots
            .len()
    }

    /// Whether no value is held.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
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

    async fn value(cache: &VersionedCache<String>, key: &str, version: i64, v: &str) -> String {
        let v = v.to_owned();
        let got: Result<_, ()> = cache.get_or_compute(key, version, || async { Ok(v) }).await;
        got.unwrap().as_ref().clone()
    }

    #[tokio::test]
    async fn a_versioned_value_is_kept_until_the_version_moves_on() {
        let cache = VersionedCache::new(4);
        assert_eq!(value(&cache, "may", 1, "first").await, "first");
        assert_eq!(value(&cache, "may", 1, "second").await, "first");
        // A reader that saw an older version is served the newer value, never the reverse.
        assert_eq!(value(&cache, "may", 0, "older").await, "first");
        assert_eq!(value(&cache, "may", 2, "third").await, "third");
        assert_eq!(value(&cache, "tom", 2, "other key").await, "other key");
        assert_eq!(cache.len(), 2);
        // A lookup that never computes: what is held for that version or a later one.
        assert_eq!(
            cache.get("may", 2).as_deref().map(String::as_str),
            Some("third")
        );
        assert_eq!(
            cache.get("may", 1).as_deref().map(String::as_str),
            Some("third")
        );
        assert_eq!(cache.get("may", 3), None);
        assert_eq!(cache.get("ca", 2), None);
    }

    #[tokio::test]
    async fn a_full_cache_drops_old_versions_then_the_least_recently_used() {
        let cache = VersionedCache::new(3);
        value(&cache, "a", 1, "a1").await;
        value(&cache, "b", 1, "b1").await;
        value(&cache, "c", 1, "c1").await;
        value(&cache, "a", 1, "again").await; // "b" is now the least recently used
        value(&cache, "d", 1, "d1").await;
        assert_eq!(cache.len(), 3);
        assert_eq!(value(&cache, "a", 1, "x").await, "a1");
        assert_eq!(value(&cache, "b", 1, "b2").await, "b2", "b was dropped");
        // A newer version makes every older value useless: they go before any current one.
        value(&cache, "e", 2, "e2").await;
        assert_eq!(cache.len(), 1);
    }

    #[tokio::test]
    async fn concurrent_misses_compute_once_and_failures_are_not_kept() {
        let cache = Arc::new(VersionedCache::<i64>::new(8));
        let runs = Arc::new(AtomicI64::new(0));
        let tasks: Vec<_> = (0..20)
            .map(|_| {
                let (cache, runs) = (Arc::clone(&cache), Arc::clone(&runs));
                tokio::spawn(async move {
                    cache
                        .get_or_compute("may", 1, || async {
                            runs.fetch_add(1, Ordering::SeqCst);
                            tokio::time::sleep(Duration::from_millis(20)).await;
                            Ok::<_, ()>(42)
                        })
                        .await
                        .map(|v| *v)
                })
            })
            .collect();
        for task in tasks {
            assert_eq!(task.await.unwrap(), Ok(42));
        }
        assert_eq!(runs.load(Ordering::SeqCst), 1);

        let failed = cache.get_or_compute("tom", 1, || async { Err::<i64, _>("down") });
        assert_eq!(failed.await, Err("down"));
        let retried = cache.get_or_compute("tom", 1, || async { Ok::<_, &str>(7) });
        assert_eq!(retried.await.map(|v| *v), Ok(7));
    }

    #[tokio::test]
    async fn a_fuller_value_replaces_the_one_held_but_not_a_newer_version() {
        let cache = VersionedCache::new(2);
        value(&cache, "may", 1, "first page").await;
        assert_eq!(
            *cache.replace("may", 1, "four pages".to_owned()),
            "four pages"
        );
        assert_eq!(value(&cache, "may", 1, "x").await, "four pages");
        // Computed from older data than what is held by now: returned, not kept.
        value(&cache, "tom", 3, "tom at 3").await;
        assert_eq!(*cache.replace("tom", 2, "tom at 2".to_owned()), "tom at 2");
        assert_eq!(value(&cache, "tom", 3, "x").await, "tom at 3");
        // A full cache makes no room for a replacement of something no longer held.
        assert_eq!(*cache.replace("new", 3, "new".to_owned()), "new");
        assert_eq!(cache.len(), 2);
    }

    #[tokio::test]
    async fn a_cache_of_no_entries_computes_every_time() {
        let cache = VersionedCache::new(0);
        assert_eq!(value(&cache, "may", 1, "first").await, "first");
        assert_eq!(value(&cache, "may", 1, "second").await, "second");
        assert!(cache.is_empty());
    }

    #[tokio::test]
    async fn statistics_are_read_once_and_the_old_ones_served_meanwhile() {
        use crate::model::statistics::{Period, Statistics};
        let figures = |at: i64| Statistics {
            period: Period::All,
            computed_at: at,
            figures: Vec::new(),
            charts: Vec::new(),
        };
        let cache = StatisticsCache::new(Duration::ZERO);
        let first = cache
            .get_or_read(Period::All, || async { Ok::<_, ()>(figures(1)) })
            .await
            .unwrap();
        assert_eq!(first.computed_at, 1);
        // Stale at once (no lifetime): a reader takes its turn and, while it reads, another
        // request gets the old figures rather than waiting or reading too.
        let (started, start) = tokio::sync::oneshot::channel::<()>();
        let (finish, finished) = tokio::sync::oneshot::channel::<()>();
        let reader = cache.get_or_read(Period::All, || async move {
            let _ = started.send(());
            let _ = finished.await;
            Ok::<_, ()>(figures(2))
        });
        let other = async {
            start.await.unwrap();
            let meanwhile = cache
                .get_or_read(Period::All, || async { Ok::<_, ()>(figures(3)) })
                .await
                .unwrap();
            let _ = finish.send(());
            meanwhile
        };
        // Were the second request to wait for the first, neither would finish.
        let (read, meanwhile) = tokio::time::timeout(Duration::from_secs(5), async {
            tokio::join!(reader, other)
        })
        .await
        .expect("the second request did not wait for the first");
        assert_eq!(
            meanwhile.computed_at, 1,
            "the old figures, not a second read"
        );
        assert_eq!(read.unwrap().computed_at, 2);
    }
}
