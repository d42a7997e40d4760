//! What administrators watch to keep the exchange running: the moderators' backlog and how
//! fast they decide, the mail outbox, auctions closing today, sign-ups per week and searches
//! that found nothing.

use super::Db;
use crate::domain::time::{VIETNAM_OFFSET_MS, iso_date};
use crate::domain::{vietnam_day, vietnam_day_end_ms};
use crate::model::statistics::{
    Axis, Backlog, Chart, ClosingAuction, ListingFigures, Operations, OutboxState, SearchMiss,
    Series, Shape, StallFigures, Unit,
};

const DAY_MS: i64 = 86_400_000;
/// Decisions the median time is taken over: those of the last 90 days.
const DECISION_DAYS: i64 = 90;
/// Weeks of sign-ups charted.
pub const SIGNUP_WEEKS: i64 = 12;
/// Days of searches that found nothing looked at, and how many of them are listed.
const MISS_DAYS: i64 = 30;
const MISSES_SHOWN: i64 = 20;

/// What waits for moderators of one kind, and their decisions' median time.
struct Queue {
    kind: &'static str,
    /// `COUNT(*), MIN(since)` of what waits.
    waiting: &'static str,
    /// Each decision's time since it was asked for, made since `$1`; `None` when decisions
    /// are not kept.
    decided: Option<&'static str>,
}

const QUEUES: [Queue; 7] = [
    Queue {
        kind: "stalls",
        waiting: "SELECT COUNT(*), MIN(created_at) FROM stalls WHERE status = 'pending'",
        decided: Some(
            "SELECT reviewed_at - created_at FROM stalls
             WHERE reviewed_by IS NOT NULL AND reviewed_at >= $1 AND reviewed_at >= created_at
             ORDER BY reviewed_at DESC LIMIT 5000",
        ),
    },
    Queue {
        kind: "stall_edits",
        waiting: "SELECT COUNT(*), MIN(submitted_at) FROM stall_revisions",
        decided: None,
    },
    Queue {
        kind: "listings",
        waiting: "SELECT COUNT(*), MIN(created_at) FROM listings WHERE status = 'pending'",
        decided: Some(
            "SELECT reviewed_at - created_at FROM listings
             WHERE reviewed_by IS NOT NULL AND reviewed_at >= $1 AND reviewed_at >= created_at
             ORDER BY reviewed_at DESC LIMIT 5000",
        ),
    },
    Queue {
        kind: "auctions",
        waiting: "SELECT COUNT(*), MIN(submitted_at) FROM auctions WHERE status = 'pending'",
        decided: Some(
            "SELECT reviewed_at - submitted_at FROM auctions
             WHERE submitted_at IS NOT NULL AND reviewed_at >= $1 AND reviewed_at >= submitted_at
             ORDER BY reviewed_at DESC LIMIT 5000",
        ),
    },
    Queue {
        kind: "booths",
        waiting: "SELECT COUNT(*), MIN(created_at) FROM event_booths WHERE status = 'applied'",
        decided: Some(
            "SELECT decided_at - created_at FROM event_booths
             WHERE decided_at >= $1 AND decided_at >= created_at
             ORDER BY decided_at DESC LIMIT 5000",
        ),
    },
    // A project or investor profile waits from its last change (`updated_at`).
    Queue {
        kind: "projects",
        waiting: "SELECT COUNT(*), MIN(updated_at) FROM startup_projects WHERE status = 'pending'",
        decided: Some(
            "SELECT reviewed_at - updated_at FROM startup_projects
             WHERE reviewed_by IS NOT NULL AND reviewed_at >= $1 AND reviewed_at >= updated_at
             ORDER BY reviewed_at DESC LIMIT 5000",
        ),
    },
    Queue {
        kind: "investors",
        waiting: "SELECT COUNT(*), MIN(updated_at) FROM investors WHERE status = 'pending'",
        decided: Some(
            "SELECT reviewed_at - updated_at FROM investors
             WHERE reviewed_by IS NOT NULL AND reviewed_at >= $1 AND reviewed_at >= updated_at
             ORDER BY reviewed_at DESC LIMIT 5000",
        ),
    },
];

/// The middle of `values` (the mean of the two middle ones for an even count).
pub fn median(mut values: Vec<i64>) -> Option<i64> {
    if values.is_empty() {
        return None;
    }
    values.sort_unstable();
    let mid = values.len() / 2;
    Some(if values.len() % 2 == 1 {
        values[mid]
    } else {
        (values[mid - 1] + values[mid]) / 2
    })
}

/// The Monday of the week a day (since 1970, a Thursday) falls in.
pub fn monday_of(day: i64) -> i64 {
    day - (day + 3).rem_euclid(7)
}

/// Everything but the public statistics, as of `now`.
pub async fn operations(db: &Db, now: i64) -> sqlx::Result<Operations> {
    let mut backlog = Vec::with_capacity(QUEUES.len());
    for queue in &QUEUES {
        let (waiting, oldest_at): (i64, Option<i64>) =
            sqlx::query_as(queue.waiting).fetch_one(db).await?;
        let (decided, median_ms) = match queue.decided {
            Some(sql) => {
                let times: Vec<i64> = sqlx::query_scalar(sql)
                    .bind(now - DECISION_DAYS * DAY_MS)
                    .fetch_all(db)
                    .await?;
                (times.len() as i64, median(times))
            }
            None => (0, None),
        };
        backlog.push(Backlog {
            kind: queue.kind.to_owned(),
            waiting,
            oldest_at,
            decided,
            median_ms,
        });
    }
    let (pending, failed, sent_day, oldest_pending_at): (i64, i64, i64, Option<i64>) =
        sqlx::query_as(
            "SELECT COUNT(*) FILTER (WHERE status = 'pending'),
                    COUNT(*) FILTER (WHERE status = 'failed'),
                    COUNT(*) FILTER (WHERE status IN ('sent', 'logged') AND sent_at >= $1),
                    MIN(CASE WHEN status = 'pending' THEN created_at END)
             FROM outbox",
        )
        .bind(now - DAY_MS)
        .fetch_one(db)
        .await?;
    let today = vietnam_day(now);
    let closing_today: Vec<ClosingAuction> = sqlx::query_as::<_, (i64, String, i64, i64, i64)>(
        "SELECT a.id, l.title, a.ends_at, a.current_price_vnd, a.bid_count
         FROM auctions a JOIN listings l ON l.id = a.listing_id
         WHERE a.status = 'approved' AND a.starts_at <= $1 AND a.ends_at > $1 AND a.ends_at <= $2
         ORDER BY a.ends_at, a.id LIMIT 100",
    )
    .bind(now)
    .bind(vietnam_day_end_ms(today))
    .fetch_all(db)
    .await?
    .into_iter()
    .map(|(id, title, ends_at, price_vnd, bids)| ClosingAuction {
        id,
        title,
        ends_at,
        price_vnd,
        bids,
    })
    .collect();

    let first_monday = monday_of(today) - (SIGNUP_WEEKS - 1) * 7;
    let days: Vec<(i64, i64)> = sqlx::query_as(&format!(
        "SELECT (created_at + {VIETNAM_OFFSET_MS}) / {DAY_MS}, COUNT(*) FROM users
         WHERE created_at >= $1 GROUP BY 1"
    ))
    .bind(first_monday * DAY_MS - VIETNAM_OFFSET_MS)
    .fetch_all(db)
    .await?;
    let mut weeks = vec![0; SIGNUP_WEEKS as usize];
    for (day, n) in days {
        let week = usize::try_from((monday_of(day) - first_monday) / 7).ok();
        if let Some(slot) = week.and_then(|w| weeks.get_mut(w)) {
            *slot += n;
        }
    }
    let signups = Chart {
        key: "signups".to_owned(),
        shape: Shape::Columns,
        unit: Unit::Count,
        axis: Axis::Week,
        labels: (0..SIGNUP_WEEKS)
            .map(|w| iso_date(first_monday + w * 7))
            .collect(),
        series: vec![Series {
            key: "members".to_owned(),
            values: weeks,
        }],
    };

    let misses: Vec<SearchMiss> = sqlx::query_as::<_, (String, i64, i64)>(
        "SELECT words, CAST(SUM(times) AS BIGINT), MAX(day) FROM search_misses WHERE day >= $1
         GROUP BY words ORDER BY 2 DESC, 3 DESC, words LIMIT $2",
    )
    .bind(today - MISS_DAYS + 1)
    .bind(MISSES_SHOWN)
    .fetch_all(db)
    .await?
    .into_iter()
    .map(|(words, times, last_day)| SearchMiss {
        words,
        times,
        last_day,
    })
    .collect();

    Ok(Operations {
        now,
        backlog,
        outbox: OutboxState {
            pending,
            failed,
            sent_day,
            oldest_pending_at,
        },
        closing_today,
        signups,
        misses,
        statistics: None,
    })
}

/// Weeks of views a stall's figures chart.
pub const STALL_WEEKS: i64 = 12;

/// A stall's own figures as of `now`: views per week of all its listings, and each listing's
/// views (in all, over the last 30 days and per week), inquiries, introductions and how many
/// members keep it on their watchlist. Listings that were public, most viewed first (at most
/// 500).
pub async fn stall_figures(db: &Db, stall_id: i64, now: i64) -> sqlx::Result<StallFigures> {
    let today = vietnam_day(now);
    let first_monday = monday_of(today) - (STALL_WEEKS - 1) * 7;
    let mut listings: Vec<ListingFigures> = sqlx::query_as(
        "SELECT l.id, l.slug, l.title, l.kind, l.status, l.view_count AS views,
                (SELECT COUNT(*) FROM conversations c WHERE c.listing_id = l.id) AS inquiries,
                (SELECT COUNT(*) FROM introductions i WHERE i.offer_id = l.id)
                  + (SELECT COUNT(*) FROM introductions i WHERE i.request_id = l.id)
                  AS introductions,
                (SELECT COUNT(*) FROM watchlist w WHERE w.listing_id = l.id) AS saved
         FROM listings l
         WHERE l.stall_id = $1 AND l.status IN ('published', 'closed', 'expired')
         ORDER BY l.view_count DESC, l.id LIMIT 500",
    )
    .bind(stall_id)
    .fetch_all(db)
    .await?;
    let days: Vec<(i64, i64, i64)> = sqlx::query_as(
        "SELECT d.listing_id, d.day, d.views FROM listing_views_daily d
         JOIN listings l ON l.id = d.listing_id
         WHERE l.stall_id = $1 AND d.day >= $2",
    )
    .bind(stall_id)
    .bind(first_monday)
    .fetch_all(db)
    .await?;
    let week_of = |day: i64| usize::try_from((monday_of(day) - first_monday) / 7).ok();
    let mut all_weeks = vec![0; STALL_WEEKS as usize];
    let mut per_listing: std::collections::HashMap<i64, (Vec<i64>, i64)> = Default::default();
    for (listing, day, views) in days {
        let Some(week) = week_of(day).filter(|w| *w < all_weeks.len()) else {
            continue;
        };
        all_weeks[week] += views;
        let entry = per_listing
            .entry(listing)
            .or_insert_with(|| (vec![0; STALL_WEEKS as usize], 0));
        entry.0[week] += views;
        if day > today - 30 {
            entry.1 += views;
        }
    }
    for listing in &mut listings {
        let (weeks, views_30d) = per_listing
            .remove(&listing.id)
            .unwrap_or_else(|| (vec![0; STALL_WEEKS as usize], 0));
        listing.weeks = weeks;
        listing.views_30d = views_30d;
    }
    Ok(StallFigures {
        stall_id,
        stall_name: String::new(),
        views: Chart {
            key: "stall-views".to_owned(),
            shape: Shape::Columns,
            unit: Unit::Count,
            axis: Axis::Week,
            labels: (0..STALL_WEEKS)
                .map(|w| iso_date(first_monday + w * 7))
                .collect(),
            series: vec![Series {
                key: "views".to_owned(),
                values: all_weeks,
            }],
        },
        listings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians_take_the_middle() {
        assert_eq!(median(vec![]), None);
        assert_eq!(median(vec![5]), Some(5));
        assert_eq!(median(vec![9, 1, 5]), Some(5));
        assert_eq!(median(vec![4, 1, 3, 2]), Some(2));
    }

    #[test]
    fn weeks_start_on_monday() {
        // 1970-01-01 was a Thursday; 1969-12-29 the Monday before it.
        assert_eq!(monday_of(0), -3);
        assert_eq!(monday_of(3), -3, "Sunday 4 January 1970");
        assert_eq!(monday_of(4), 4, "Monday 5 January 1970");
        let monday = crate::domain::days_from_civil(2026, 12, 7);
        assert_eq!(monday_of(monday + 6), monday);
    }
}
