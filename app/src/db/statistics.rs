//! The exchange in figures for `/statistics`: what is on offer where, and what happened over
//! time. Everything public, nothing naming a member. Rows over time are read per day since
//! 1970 in Vietnam time (integer arithmetic both engines share) and gathered into months or
//! years here; a page's figures are kept for a minute by the caller.

use super::Db;
use crate::domain::time::{VIETNAM_OFFSET_MS, civil_from_days, days_from_civil};
use crate::domain::{PROVINCES, SECTORS, vietnam_day};
use crate::i18n::Locale;
use crate::model::statistics::{Axis, Chart, Figure, Period, Series, Shape, Statistics, Unit};

const DAY_MS: i64 = 86_400_000;

/// The day of a column holding ms since the epoch, as SQL both engines read.
fn day_of(column: &str) -> String {
    format!("(({column} + {VIETNAM_OFFSET_MS}) / {DAY_MS})")
}

/// Status of listings that were public at some time (not drafts, waiting or refused ones).
const SHOWN: &str = "status IN ('published', 'closed', 'expired')";

/// The event kinds, in the order the events chart stacks them.
pub const EVENT_KINDS: [&str; 5] = [
    "techmart",
    "exhibition",
    "connection",
    "startup",
    "training",
];

/// The rows of a chart over time: months or years, oldest first.
struct Periods {
    axis: Axis,
    /// The first day counted (days since 1970).
    first_day: i64,
    /// `(year, month)` of each row (month 0 for a whole year).
    rows: Vec<(i64, u32)>,
}

impl Periods {
    /// The last `months` months up to today's, or (with `None`) the years from `first_year` to
    /// this one.
    fn new(period: Period, today: i64, first_year: Option<i64>) -> Self {
        let (year, month, _) = civil_from_days(today);
        match period.months() {
            Some(n) => {
                let rows: Vec<(i64, u32)> = (0..i64::from(n))
                    .rev()
                    .map(|back| {
                        let index = year * 12 + i64::from(month) - 1 - back;
                        (index.div_euclid(12), (index.rem_euclid(12) + 1) as u32)
                    })
                    .collect();
                let (y, m) = rows[0];
                Self {
                    axis: Axis::Month,
                    first_day: days_from_civil(y, m, 1),
                    rows,
                }
            }
            None => {
                let first = first_year.unwrap_or(year).min(year);
                Self {
                    axis: Axis::Year,
                    first_day: days_from_civil(first, 1, 1),
                    rows: (first..=year).map(|y| (y, 0)).collect(),
                }
            }
        }
    }

    /// The first instant counted, in ms since the epoch.
    fn first_ms(&self) -> i64 {
        self.first_day * DAY_MS - VIETNAM_OFFSET_MS
    }

    /// The row a day falls in.
    fn row(&self, day: i64) -> Option<usize> {
        if day < self.first_day {
            return None;
        }
        let (y, m, _) = civil_from_days(day);
        let (y0, m0) = self.rows[0];
        let index = match self.axis {
            Axis::Month => (y - y0) * 12 + i64::from(m) - i64::from(m0),
            _ => y - y0,
        };
        usize::try_from(index).ok().filter(|i| *i < self.rows.len())
    }

    fn labels(&self) -> Vec<String> {
        self.rows
            .iter()
            .map(|(y, m)| {
                if *m == 0 {
                    format!("{y}")
                } else {
                    format!("{y}-{m:02}")
                }
            })
            .collect()
    }

    /// A chart over these rows from `(day, series, value)` triples, the series in `keys` order.
    fn chart(&self, key: &str, unit: Unit, keys: &[&str], rows: &[(i64, String, i64)]) -> Chart {
        let mut series: Vec<Series> = keys
            .iter()
            .map(|k| Series {
                key: (*k).to_owned(),
                values: vec![0; self.rows.len()],
            })
            .collect();
        for (day, name, value) in rows {
            let (Some(row), Some(s)) = (self.row(*day), series.iter_mut().find(|s| s.key == *name))
            else {
                continue;
            };
            s.values[row] += value;
        }
        Chart {
            key: key.to_owned(),
            shape: Shape::Columns,
            unit,
            axis: self.axis,
            labels: self.labels(),
            series,
        }
    }
}

/// `(code, series, count)` rows as a bar chart over `codes`, keeping only codes with something.
fn bars(
    key: &str,
    axis: Axis,
    codes: &[&str],
    keys: &[&str],
    rows: &[(String, String, i64)],
) -> Chart {
    let mut chart = Chart {
        key: key.to_owned(),
        shape: Shape::Bars,
        unit: Unit::Count,
        axis,
        labels: codes.iter().map(|c| (*c).to_owned()).collect(),
        series: keys
            .iter()
            .map(|k| Series {
                key: (*k).to_owned(),
                values: vec![0; codes.len()],
            })
            .collect(),
    };
    for (code, name, n) in rows {
        let (Some(i), Some(s)) = (
            codes.iter().position(|c| c == code),
            chart.series.iter_mut().find(|s| s.key == *name),
        ) else {
            continue;
        };
        s.values[i] += n;
    }
    // Largest first; categories with nothing left out (the table says so by their absence).
    let mut order: Vec<usize> = (0..codes.len()).filter(|i| chart.total(*i) > 0).collect();
    order.sort_by_key(|i| std::cmp::Reverse(chart.total(*i)));
    chart.labels = order.iter().map(|i| chart.labels[*i].clone()).collect();
    for s in &mut chart.series {
        s.values = order.iter().map(|i| s.values[*i]).collect();
    }
    chart
}

/// The earliest year anything over time happened in (listings are the oldest record).
async fn first_year(db: &Db) -> sqlx::Result<Option<i64>> {
    let first: Option<i64> = sqlx::query_scalar(&format!(
        "SELECT MIN(created_at) FROM listings WHERE {SHOWN}"
    ))
    .fetch_one(db)
    .await?;
    Ok(first.map(crate::domain::vietnam_year))
}

/// The published startup projects by stage: how many of each kind of funding, and the funding
/// they raised.
struct Startups {
    by_stage: Chart,
    funding: Chart,
    projects: i64,
    raised: i64,
}

async fn startups(db: &Db) -> sqlx::Result<Startups> {
    use crate::domain::startup::{FundingKind, Stage};

    let rows: Vec<(String, String, i64, i64)> = sqlx::query_as(
        "SELECT stage, funding_kind, COUNT(*), CAST(COALESCE(SUM(funding_raised), 0) AS BIGINT)
         FROM startup_projects WHERE status = 'published' GROUP BY stage, funding_kind",
    )
    .fetch_all(db)
    .await?;
    let stages: Vec<String> = Stage::ALL.iter().map(|s| s.code().to_owned()).collect();
    let chart = |key: &str, unit: Unit, series: Vec<Series>| Chart {
        key: key.to_owned(),
        shape: Shape::Bars,
        unit,
        axis: Axis::Stage,
        labels: stages.clone(),
        series,
    };
    let mut by_stage = chart(
        "startups-by-stage",
        Unit::Count,
        FundingKind::ALL
            .iter()
            .map(|k| Series {
                key: k.code().to_owned(),
                values: vec![0; stages.len()],
            })
            .collect(),
    );
    let mut funding = chart(
        "startup-funding",
        Unit::Vnd,
        vec![Series {
            key: "raised".to_owned(),
            values: vec![0; stages.len()],
        }],
    );
    let (mut projects, mut raised) = (0, 0);
    for (stage, kind, count, sum) in rows {
        let Some(i) = stages.iter().position(|s| *s == stage) else {
            continue;
        };
        if let Some(series) = by_stage.series.iter_mut().find(|s| s.key == kind) {
            series.values[i] += count;
        }
        funding.series[0].values[i] += sum;
        projects += count;
        raised += sum;
    }
    Ok(Startups {
        by_stage,
        funding,
        projects,
        raised,
    })
}

/// `(day, series, value)` rows of a query grouping by day and series.
async fn daily(db: &Db, sql: &str, from_ms: i64) -> sqlx::Result<Vec<(i64, String, i64)>> {
    sqlx::query_as(sql).bind(from_ms).fetch_all(db).await
}

/// The figures and charts of `/statistics` for `period`, as of `now`.
pub async fn statistics(db: &Db, period: Period, now: i64) -> sqlx::Result<Statistics> {
    let today = vietnam_day(now);
    let periods = Periods::new(period, today, first_year(db).await?);
    let from = periods.first_ms();
    let sector_codes: Vec<&str> = SECTORS.iter().map(|s| s.code).collect();
    let startups = startups(db).await?;
    let province_codes: Vec<&str> = PROVINCES.iter().map(|p| p.code).collect();

    let by_sector: Vec<(String, String, i64)> = sqlx::query_as(
        "SELECT sector_code, kind, COUNT(*) FROM listings WHERE status = 'published'
         GROUP BY sector_code, kind",
    )
    .fetch_all(db)
    .await?;
    let by_province: Vec<(String, String, i64)> = sqlx::query_as(
        "SELECT province_code, kind, COUNT(*) FROM listings WHERE status = 'published'
         GROUP BY province_code, kind",
    )
    .fetch_all(db)
    .await?;
    let new_listings = daily(
        db,
        &format!(
            "SELECT {day}, kind, COUNT(*) FROM listings WHERE {SHOWN} AND created_at >= $1
             GROUP BY 1, 2",
            day = day_of("created_at")
        ),
        from,
    )
    .await?;
    // Held: closed after their bidding, stacked as cleared (sold to a winner, for the price
    // they paid) and unsold.
    let auction_rows: Vec<(i64, i64, i64, i64)> = sqlx::query_as(&format!(
        "SELECT {day}, COUNT(*), COUNT(winner_id),
                CAST(COALESCE(SUM(CASE WHEN winner_id IS NOT NULL THEN sold_price_vnd END), 0) AS BIGINT)
         FROM auctions WHERE status = 'closed' AND closed_at >= $1 GROUP BY 1",
        day = day_of("closed_at")
    ))
    .bind(from)
    .fetch_all(db)
    .await?;
    let mut auctions = Vec::new();
    let mut auction_value = Vec::new();
    for (day, held, cleared, value) in auction_rows {
        auctions.push((day, "unsold".to_owned(), held - cleared));
        auctions.push((day, "cleared".to_owned(), cleared));
        auction_value.push((day, "value".to_owned(), value));
    }
    let introductions = daily(
        db,
        &format!(
            "SELECT {day},
                    CASE WHEN status IN ('accepted', 'met', 'deal', 'no_deal') THEN 'accepted'
                         ELSE 'asked' END,
                    COUNT(*)
             FROM introductions WHERE created_at >= $1 GROUP BY 1, 2",
            day = day_of("created_at")
        ),
        from,
    )
    .await?;
    let deal_rows: Vec<(i64, i64, i64)> = sqlx::query_as(
        "SELECT deal_day, COUNT(*), CAST(SUM(value_vnd) AS BIGINT) FROM deal_outcomes
         WHERE confirmed_at IS NOT NULL AND deal_day >= $1 GROUP BY deal_day",
    )
    .bind(periods.first_day)
    .fetch_all(db)
    .await?;
    let deals: Vec<_> = deal_rows
        .iter()
        .map(|(d, n, _)| (*d, "deals".to_owned(), *n))
        .collect();
    let deal_value: Vec<_> = deal_rows
        .iter()
        .map(|(d, _, v)| (*d, "value".to_owned(), *v))
        .collect();
    // Events that have started; attendance is their check-ins, or the figure reported for one
    // without (as on the event's page).
    let event_rows: Vec<(i64, String, Option<i64>, i64)> = sqlx::query_as(&format!(
        "SELECT {day}, e.kind, e.attendance_reported,
                (SELECT COUNT(*) FROM event_registrations r
                 WHERE r.event_id = e.id AND r.checked_in_at IS NOT NULL)
         FROM events e
         WHERE e.status = 'published' AND e.starts_at >= $1 AND e.starts_at <= $2",
        day = day_of("e.starts_at")
    ))
    .bind(from)
    .bind(now)
    .fetch_all(db)
    .await?;
    let events: Vec<_> = event_rows
        .iter()
        .map(|(d, kind, _, _)| (*d, kind.clone(), 1))
        .collect();
    let attendance: Vec<_> = event_rows
        .iter()
        .map(|(d, _, reported, checked_in)| {
            let people = if *checked_in > 0 {
                *checked_in
            } else {
                reported.unwrap_or(0)
            };
            (*d, "people".to_owned(), people)
        })
        .collect();
    let visits: Vec<(i64, String, i64)> =
        sqlx::query_as::<_, (i64, i64)>("SELECT day, views FROM site_visits_daily WHERE day >= $1")
            .bind(periods.first_day)
            .fetch_all(db)
            .await?
            .into_iter()
            .map(|(d, v)| (d, "views".to_owned(), v))
            .collect();

    let counters = super::stats::counters(db, now).await?;
    let totals: (i64, i64, i64, i64, i64, i64, i64, i64) = sqlx::query_as(
        "SELECT
            (SELECT COUNT(*) FROM auctions WHERE status = 'closed'),
            (SELECT COUNT(*) FROM auctions WHERE status = 'closed' AND winner_id IS NOT NULL),
            (SELECT CAST(COALESCE(SUM(sold_price_vnd), 0) AS BIGINT) FROM auctions
                WHERE status = 'closed' AND winner_id IS NOT NULL),
            (SELECT COUNT(*) FROM introductions
                WHERE status IN ('accepted', 'met', 'deal', 'no_deal')),
            (SELECT COUNT(*) FROM deal_outcomes WHERE confirmed_at IS NOT NULL),
            (SELECT CAST(COALESCE(SUM(value_vnd), 0) AS BIGINT) FROM deal_outcomes
                WHERE confirmed_at IS NOT NULL),
            (SELECT COUNT(*) FROM events WHERE status = 'published' AND starts_at <= $1),
            (SELECT COUNT(*) FROM event_registrations WHERE checked_in_at IS NOT NULL)",
    )
    .bind(now)
    .fetch_one(db)
    .await?;
    let reported: Option<i64> = sqlx::query_scalar(
        "SELECT CAST(SUM(e.attendance_reported) AS BIGINT) FROM events e
         WHERE e.status = 'published' AND e.starts_at <= $1 AND e.attendance_reported IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM event_registrations r
                           WHERE r.event_id = e.id AND r.checked_in_at IS NOT NULL)",
    )
    .bind(now)
    .fetch_one(db)
    .await?;
    let (held, cleared, sold, connections, deal_count, deal_total, events_held, checked_in) =
        totals;
    let figure = |key: &str, value: i64, unit: Unit| Figure {
        key: key.to_owned(),
        value,
        unit,
    };

    Ok(Statistics {
        period,
        computed_at: now,
        figures: vec![
            figure("stalls", counters.stalls, Unit::Count),
            figure("offers", counters.offers, Unit::Count),
            figure("requests", counters.requests, Unit::Count),
            figure("auctions_held", held, Unit::Count),
            figure("auctions_cleared", cleared, Unit::Count),
            figure("auction_value", sold, Unit::Vnd),
            figure("connections", connections, Unit::Count),
            figure("deals", deal_count, Unit::Count),
            figure("deal_value", deal_total, Unit::Vnd),
            figure("events", events_held, Unit::Count),
            figure(
                "attendance",
                checked_in + reported.unwrap_or(0),
                Unit::Count,
            ),
            figure("visits", counters.visits, Unit::Count),
            figure("startups", startups.projects, Unit::Count),
            figure("funding_raised", startups.raised, Unit::Vnd),
        ],
        charts: vec![
            bars(
                "listings-by-sector",
                Axis::Sector,
                &sector_codes,
                &["offer", "request"],
                &by_sector,
            ),
            bars(
                "listings-by-province",
                Axis::Province,
                &province_codes,
                &["offer", "request"],
                &by_province,
            ),
            periods.chart(
                "new-listings",
                Unit::Count,
                &["offer", "request"],
                &new_listings,
            ),
            periods.chart("auctions", Unit::Count, &["cleared", "unsold"], &auctions),
            periods.chart("auction-value", Unit::Vnd, &["value"], &auction_value),
            periods.chart(
                "connections",
                Unit::Count,
                &["accepted", "asked"],
                &introductions,
            ),
            periods.chart("deals", Unit::Count, &["deals"], &deals),
            periods.chart("deal-value", Unit::Vnd, &["value"], &deal_value),
            periods.chart("events", Unit::Count, &EVENT_KINDS, &events),
            periods.chart("attendance", Unit::Count, &["people"], &attendance),
            periods.chart("visits", Unit::Count, &["views"], &visits),
            startups.by_stage,
            startups.funding,
        ],
    })
}

/// Every chart's key, for addresses (`/statistics/{key}.csv`).
pub const CHART_KEYS: [&str; 13] = [
    "listings-by-sector",
    "listings-by-province",
    "new-listings",
    "auctions",
    "auction-value",
    "connections",
    "deals",
    "deal-value",
    "events",
    "attendance",
    "visits",
    "startups-by-stage",
    "startup-funding",
];

/// A chart as CSV: a header of the row's name(s) and the series, then one line per row.
/// Sectors and provinces give their code and both names; periods themselves.
pub fn chart_csv(chart: &Chart) -> String {
    let mut out = String::new();
    let named = matches!(chart.axis, Axis::Sector | Axis::Province);
    let first = match chart.axis {
        Axis::Sector => "sector",
        Axis::Province => "province",
        Axis::Month => "month",
        Axis::Year => "year",
        Axis::EventKind => "kind",
        Axis::Week => "week",
        Axis::Stage => "stage",
    };
    out.push_str(first);
    if named {
        out.push_str(",name_vi,name_en");
    }
    for s in &chart.series {
        out.push(',');
        out.push_str(&s.key);
        if chart.unit == Unit::Vnd {
            out.push_str("_vnd");
        }
    }
    out.push_str("\r\n");
    for (i, label) in chart.labels.iter().enumerate() {
        out.push_str(label);
        if named {
            let name = |locale| chart.axis.category_name(label, locale).unwrap_or_default();
            let (vi, en) = (name(Locale::Vi), name(Locale::En));
            // Names hold no commas or quotes; quoted all the same.
            out.push_str(&format!(
                ",\"{}\",\"{}\"",
                vi.replace('"', "\"\""),
                en.replace('"', "\"\"")
            ));
        }
        for s in &chart.series {
            out.push_str(&format!(",{}", s.values.get(i).copied().unwrap_or(0)));
        }
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_reach_back_across_a_new_year() {
        let today = days_from_civil(2026, 2, 15);
        let p = Periods::new(Period::Year, today, Some(2020));
        assert_eq!(p.labels().first().map(String::as_str), Some("2025-03"));
        assert_eq!(p.labels().last().map(String::as_str), Some("2026-02"));
        assert_eq!(p.row(days_from_civil(2025, 3, 1)), Some(0));
        assert_eq!(
            p.row(days_from_civil(2025, 2, 28)),
            None,
            "before the first month"
        );
        assert_eq!(p.row(days_from_civil(2026, 1, 31)), Some(10));
        assert_eq!(p.row(days_from_civil(2026, 3, 1)), None, "after this month");
        // The first instant is midnight in Vietnam, 17:00 UTC the day before.
        assert_eq!(vietnam_day(p.first_ms()), p.first_day);
        assert_eq!(vietnam_day(p.first_ms() - 1), p.first_day - 1);
    }

    #[test]
    fn years_run_from_the_first_to_this_one() {
        let today = days_from_civil(2026, 12, 4);
        let p = Periods::new(Period::All, today, Some(2019));
        assert_eq!(
            p.labels(),
            [
                "2019", "2020", "2021", "2022", "2023", "2024", "2025", "2026"
            ]
        );
        assert_eq!(p.row(days_from_civil(2019, 1, 1)), Some(0));
        assert_eq!(p.row(days_from_civil(2026, 12, 31)), Some(7));
        let empty = Periods::new(Period::All, today, None);
        assert_eq!(
            empty.labels(),
            ["2026"],
            "an empty exchange still has this year"
        );
    }

    #[test]
    fn bars_put_the_largest_first_and_leave_out_empty_ones() {
        let rows = vec![
            ("a".to_owned(), "offer".to_owned(), 2),
            ("b".to_owned(), "offer".to_owned(), 5),
            ("b".to_owned(), "request".to_owned(), 1),
            ("x".to_owned(), "offer".to_owned(), 9),
        ];
        let chart = bars(
            "k",
            Axis::Sector,
            &["a", "b", "c"],
            &["offer", "request"],
            &rows,
        );
        assert_eq!(
            chart.labels,
            ["b", "a"],
            "unknown code x and empty c left out"
        );
        assert_eq!(chart.series[0].values, [5, 2]);
        assert_eq!(chart.series[1].values, [1, 0]);
        assert_eq!(chart.max_total(), 6);
    }

    #[test]
    fn csv_names_sectors_in_both_languages_and_marks_money() {
        let chart = Chart {
            key: "k".into(),
            shape: Shape::Bars,
            unit: Unit::Count,
            axis: Axis::Sector,
            labels: vec!["nong-nghiep".into()],
            series: vec![Series {
                key: "offer".into(),
                values: vec![3],
            }],
        };
        assert_eq!(
            chart_csv(&chart),
            "sector,name_vi,name_en,offer\r\nnong-nghiep,\"Nông nghiệp\",\"Agriculture\",3\r\n"
        );
        let money = Chart {
            axis: Axis::Year,
            unit: Unit::Vnd,
            labels: vec!["2026".into()],
            series: vec![Series {
                key: "value".into(),
                values: vec![1_500_000],
            }],
            ..chart
        };
        assert_eq!(chart_csv(&money), "year,value_vnd\r\n2026,1500000\r\n");
    }
}
