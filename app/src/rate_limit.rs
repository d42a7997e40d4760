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
use std::net::{IpAddr, Ipv4Addr};
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

/// Token buckets keyed by client address.
#[derive(Debug)]
pub struct IpLimiter {
    quota: Quota,
    buckets: Mutex<HashMap<IpAddr, Bucket>>,
}

#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

/// Above this many tracked addresses, full buckets are dropped.
const PRUNE_ABOVE: usize = 10_000;

impl IpLimiter {
    /// A limiter applying `quota` to each address.
    pub fn new(quota: Quota) -> Self {
        Self {
            quota,
            buckets: Mutex::default(),
        }
    }

    /// Takes one request from `ip`'s bucket: `Ok` when allowed, otherwise how long until it is.
    pub fn check(&self, ip: IpAddr) -> Result<(), Duration> {
        self.check_at(ip, Instant::now())
    }

    fn check_at(&self, ip: IpAddr, now: Instant) -> Result<(), Duration> {
        let burst = f64::from(self.quota.burst.max(1));
        let per_token = self.quota.refill_every.as_secs_f64().max(f64::MIN_POSITIVE);
        let mut buckets = self.buckets.lock().unwrap_or_else(|e| e.into_inner());
        if buckets.len() > PRUNE_ABOVE {
            buckets.retain(|_, b| {
                b.tokens + now.duration_since(b.at).as_secs_f64() / per_token < burst
            });
        }
        let bucket = buckets.entry(ip).or_insert(Bucket {
            tokens: burst,
            at: now,
        });
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

/// The address of the client that sent the current request (unspecified when unknown, e.g. in
/// tests that do not go through a socket).
pub fn client_ip() -> IpAddr {
    leptos::prelude::use_context::<http::request::Parts>()
        .and_then(|parts| {
            parts
                .extensions
                .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
                .map(|info| info.0.ip())
        })
        .unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED))
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
}
