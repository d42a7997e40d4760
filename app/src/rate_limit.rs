//! Throttling of logins and registrations (server only).
//!
//! Two independent brakes:
//! - per client address, in memory: a token bucket per IP for logins and another for
//!   registrations, so one address cannot hammer the password check or open accounts in bulk;
//! - per account, in the database ([`crate::db::throttle`]): after a few wrong passwords in a row
//!   the address is locked for a time that doubles with every further failure, up to 15 minutes,
//!   whichever server process answers and across restarts; failures an hour old are forgotten.
//!   A correct password only counts once the lock is over. A browser its member has logged in
//!   from before (its device cookie) is not held by that lock: wrong passwords typed in it count
//!   against it alone, so strangers guessing at an account cannot keep its owner out.

use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How many requests a bucket allows at once, and how fast it refills.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Quota {
    /// Requests allowed in a burst.
    pub burst: u32,
    /// Time for one request's worth to refill.
    pub refill_every: Duration,
}

impl Quota {
    /// `burst` at once, then one more every `refill_every`.
    pub const fn new(burst: u32, refill_every: Duration) -> Self {
        Self {
            burst,
            refill_every,
        }
    }
}

/// The limits a server runs with.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RateLimits {
    /// Login attempts per client address.
    pub login_per_ip: Quota,
    /// Registrations per client address.
    pub register_per_ip: Quota,
    /// Password reset requests per client address.
    pub reset_per_ip: Quota,
    /// New passwords set with a reset link, per client address (each costs a hash).
    pub password_per_ip: Quota,
    /// Searches per client address that are not answered from memory.
    pub search_per_ip: Quota,
    /// Picture uploads (requests) per client address.
    pub upload_per_ip: Quota,
    /// Wrong passwords in a row an account tolerates before it is locked.
    pub free_failures: u32,
    /// First lock; each further failure doubles it.
    pub first_lock: Duration,
    /// Longest lock.
    pub max_lock: Duration,
    /// Failures this old (the last one that long ago) are forgotten.
    pub failure_memory: Duration,
}

impl Default for RateLimits {
    fn default() -> Self {
        Self {
            // A shared office or school network may sit behind one address: be generous.
            login_per_ip: Quota::new(30, Duration::from_secs(2)),
            register_per_ip: Quota::new(10, Duration::from_secs(6 * 60)),
            reset_per_ip: Quota::new(5, Duration::from_secs(60)),
            password_per_ip: Quota::new(10, Duration::from_secs(30)),
            // A person browsing reads a few searches a minute; a shared office address many.
            search_per_ip: Quota::new(120, Duration::from_millis(250)),
            upload_per_ip: Quota::new(60, Duration::from_secs(5)),
            free_failures: 5,
            first_lock: Duration::from_secs(30),
            max_lock: Duration::from_secs(15 * 60),
            failure_memory: Duration::from_secs(3600),
        }
    }
}

impl RateLimits {
    /// How long an account stays locked after its `failures`-th wrong password in a row; never
    /// shorter than after the one before.
    pub fn lock_after(&self, failures: u32) -> Option<Duration> {
        let over = failures.checked_sub(self.free_failures)?;
        let factor = 1u32.checked_shl(over).unwrap_or(u32::MAX);
        Some(self.first_lock.saturating_mul(factor).min(self.max_lock))
    }

    /// Until when (ms since the epoch) attempts are refused after the `failures`-th wrong
    /// password in a row at `now_ms`, if they are.
    pub fn lock_until(&self, failures: u32, now_ms: i64) -> Option<i64> {
        let lock = self.lock_after(failures)?;
        Some(now_ms.saturating_add(i64::try_from(lock.as_millis()).unwrap_or(i64::MAX)))
    }

    /// The time (ms since the epoch) before which failures are forgotten, at `now_ms`.
    pub fn forget_failures_before(&self, now_ms: i64) -> i64 {
        now_ms.saturating_sub(i64::try_from(self.failure_memory.as_millis()).unwrap_or(i64::MAX))
    }
}

/// Token buckets keyed by client address: an IPv4 address, or an IPv6 address's /64 (what one
/// subscriber is given, so one home cannot pass for 2^64 clients).
///
/// Memory is bounded and each check is O(1): buckets live in two generations of at most
/// `generation` addresses each. A check moves its address's bucket into the current generation;
/// when that is full it becomes the previous one and the old previous one is dropped (dropping
/// plain data is one deallocation, not a scan). An address forgotten that way starts again with a
/// full bucket, which takes `generation` other addresses sending in between: a botnet, which a
/// per-address limit cannot stop anyway.
#[derive(Debug)]
pub struct IpLimiter {
    quota: Quota,
    generation: usize,
    buckets: Mutex<Generations>,
}

#[derive(Debug, Default)]
struct Generations {
    current: HashMap<IpAddr, Bucket>,
    previous: HashMap<IpAddr, Bucket>,
}

#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

/// Addresses in one generation of a limiter.
const GENERATION: usize = 50_000;

impl IpLimiter {
    /// A limiter applying `quota` to each address.
    pub fn new(quota: Quota) -> Self {
        Self::with_generation(quota, GENERATION)
    }

    /// A limiter remembering between `generation` and twice as many addresses.
    pub fn with_generation(quota: Quota, generation: usize) -> Self {
        Self {
            quota,
            generation: generation.max(1),
            buckets: Mutex::default(),
        }
    }

    /// Takes one request from `ip`'s bucket: `Ok` when allowed, otherwise how long until it is.
    pub fn check(&self, ip: IpAddr) -> Result<(), Duration> {
        self.check_at(ip, Instant::now())
    }

    /// Addresses remembered now.
    pub fn remembered(&self) -> usize {
        let buckets = self.buckets.lock().unwrap_or_else(|e| e.into_inner());
        buckets.current.len() + buckets.previous.len()
    }

    fn check_at(&self, ip: IpAddr, now: Instant) -> Result<(), Duration> {
        let key = limit_key(ip);
        let burst = f64::from(self.quota.burst.max(1));
        let per_token = self.quota.refill_every.as_secs_f64().max(f64::MIN_POSITIVE);
        let mut guard = self.buckets.lock().unwrap_or_else(|e| e.into_inner());
        let g = &mut *guard;
        if !g.current.contains_key(&key) {
            let moved = g.previous.remove(&key);
            if g.current.len() >= self.generation {
                g.previous = std::mem::take(&mut g.current);
            }
            let bucket = moved.unwrap_or(Bucket {
                tokens: burst,
                at: now,
            });
            g.current.insert(key, bucket);
        }
        let bucket = g.current.get_mut(&key).expect("inserted above");
        let refilled = now.saturating_duration_since(bucket.at).as_secs_f64() / per_token;
        bucket.tokens = (bucket.tokens + refilled).min(burst);
        bucket.at = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            Ok(())
        } else {
            Err(Duration::from_secs_f64((1.0 - bucket.tokens) * per_token))
        }
    }
}

/// The address a limiter counts `ip` under: IPv4 as it is (an IPv4 address written as IPv6
/// included), IPv6 by its first 64 bits.
pub fn limit_key(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V4(_) => ip,
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => IpAddr::V6(Ipv6Addr::from(
                u128::from(v6) & 0xffff_ffff_ffff_ffff_0000_0000_0000_0000,
            )),
        },
    }
}

/// The client address the server settled on for a request: the connection's peer, or, when the
/// peer is a trusted reverse proxy, the address it says it forwarded for (put in the request's
/// extensions by the server).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientIp(pub IpAddr);

/// The address of the client that sent the current request (unspecified when unknown, e.g. in
/// tests that do not go through a socket).
pub fn client_ip() -> IpAddr {
    leptos::prelude::use_context::<http::request::Parts>()
        .map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |parts| {
            client_ip_of(&parts.extensions)
        })
}

/// The client address of a request with `extensions`: its [`ClientIp`], else the connection's
/// peer, else unspecified.
pub fn client_ip_of(extensions: &http::Extensions) -> IpAddr {
    extensions
        .get::<ClientIp>()
        .map(|client| client.0)
        .or_else(|| {
            extensions
                .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
                .map(|info| info.0.ip())
        })
        .unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED))
}

/// A fixed number of turns at some costly work (decoding pictures: one per core), so a burst of
/// it queues instead of taking every core and the memory with it. A caller waits for a turn at
/// most `wait`; after that it is told to come back later.
#[derive(Debug)]
pub struct Turns {
    semaphore: tokio::sync::Semaphore,
    wait: Duration,
}

impl Turns {
    /// `turns` at once; callers wait at most `wait` for one.
    pub fn new(turns: usize, wait: Duration) -> Self {
        Self {
            semaphore: tokio::sync::Semaphore::new(turns.max(1)),
            wait,
        }
    }

    /// One per core of this machine, waiting up to ten seconds.
    pub fn per_core() -> Self {
        Self::new(
            std::thread::available_parallelism().map_or(2, |n| n.get()),
            Duration::from_secs(10),
        )
    }

    /// A turn, held until the permit is dropped; `None` when none came free in time.
    pub async fn take(&self) -> Option<tokio::sync::SemaphorePermit<'_>> {
        tokio::time::timeout(self.wait, self.semaphore.acquire())
            .await
            .ok()
            .and_then(Result::ok)
    }
}

/// Whole seconds to wait, at least one.
pub fn retry_secs(wait: Duration) -> u64 {
    wait.as_secs_f64().ceil().max(1.0) as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locks_grow_with_every_failure_up_to_a_quarter_of_an_hour() {
        let limits = RateLimits::default();
        assert_eq!(limits.lock_after(4), None);
        assert_eq!(limits.lock_after(5), Some(Duration::from_secs(30)));
        assert_eq!(limits.lock_after(6), Some(Duration::from_secs(60)));
        let locks: Vec<_> = (5..80).map(|n| limits.lock_after(n).unwrap()).collect();
        assert!(locks.windows(2).all(|w| w[0] <= w[1]), "{locks:?}");
        assert_eq!(limits.lock_after(9), Some(Duration::from_secs(480)));
        assert_eq!(limits.lock_after(10), Some(Duration::from_secs(900)));
        assert_eq!(limits.lock_after(79), Some(Duration::from_secs(900)));
        assert_eq!(
            limits.forget_failures_before(10_000_000),
            10_000_000 - 3_600_000
        );
    }

    #[test]
    fn a_bucket_allows_its_burst_then_refills_at_its_rate() {
        let limiter = IpLimiter::new(Quota::new(3, Duration::from_secs(10)));
        let ip: IpAddr = "203.113.1.2".parse().unwrap();
        let other: IpAddr = "203.113.1.3".parse().unwrap();
        let t0 = Instant::now();
        for _ in 0..3 {
            assert_eq!(limiter.check_at(ip, t0), Ok(()));
        }
        let wait = limiter.check_at(ip, t0).unwrap_err();
        assert_eq!(wait.as_secs(), 10);
        assert_eq!(
            limiter.check_at(other, t0),
            Ok(()),
            "addresses are independent"
        );
        assert!(limiter.check_at(ip, t0 + Duration::from_secs(5)).is_err());
        assert_eq!(limiter.check_at(ip, t0 + Duration::from_secs(11)), Ok(()));
    }

    #[test]
    fn one_ipv6_network_is_one_client() {
        let limiter = IpLimiter::new(Quota::new(2, Duration::from_secs(60)));
        let t0 = Instant::now();
        for ip in ["2001:db8:1:2::1", "2001:db8:1:2:ffff::9"] {
            assert_eq!(limiter.check_at(ip.parse().unwrap(), t0), Ok(()), "{ip}");
        }
        assert!(
            limiter
                .check_at("2001:db8:1:2:abcd::1".parse().unwrap(), t0)
                .is_err(),
            "a third address of the same /64 shares its bucket"
        );
        assert_eq!(
            limiter.check_at("2001:db8:1:3::1".parse().unwrap(), t0),
            Ok(()),
            "the next /64 is another client"
        );
        assert_eq!(
            limit_key("::ffff:203.113.1.2".parse().unwrap()),
            "203.113.1.2".parse::<IpAddr>().unwrap()
        );
    }

    #[test]
    fn memory_stays_bounded_and_recent_buckets_are_kept() {
        let limiter = IpLimiter::with_generation(Quota::new(1, Duration::from_secs(3600)), 100);
        let t0 = Instant::now();
        let spent: IpAddr = "203.113.9.9".parse().unwrap();
        assert_eq!(limiter.check_at(spent, t0), Ok(()));
        for n in 0..1000u32 {
            let ip = IpAddr::V4(Ipv4Addr::from(0x0a00_0000 + n));
            assert_eq!(limiter.check_at(ip, t0), Ok(()));
            assert!(
                limiter.remembered() <= 200,
                "{} after {n}",
                limiter.remembered()
            );
            if n % 50 == 0 {
                // An address that keeps sending stays in the current generation.
                assert!(limiter.check_at(spent, t0).is_err(), "after {n}");
            }
        }
    }
}
