//! The exchange in figures: what `/statistics` shows and its CSV files hold.

use serde::{Deserialize, Serialize};

/// How far back the charts over time reach, and in what steps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum Period {
    /// The last 12 months, month by month.
    Year,
    /// The last 36 months, month by month.
    #[default]
    ThreeYears,
    /// Every year since the exchange opened.
    All,
}

impl Period {
    /// Every period, in the selector's order.
    pub const ALL: [Period; 3] = [Period::Year, Period::ThreeYears, Period::All];

    /// The period named in a URL (`12m`, `36m`, `all`); the default for anything else.
    pub fn parse(value: Option<&str>) -> Self {
        match value {
            Some("12m") => Self::Year,
            Some("all") => Self::All,
            _ => Self::ThreeYears,
        }
    }

    /// Its name in a URL.
    pub fn code(self) -> &'static str {
        match self {
            Self::Year => "12m",
            Self::ThreeYears => "36m",
            Self::All => "all",
        }
    }

    /// Months back from (and including) the current one, or `None` for whole years since the
    /// first.
    pub fn months(self) -> Option<u32> {
        match self {
            Self::Year => Some(12),
            Self::ThreeYears => Some(36),
            Self::All => None,
        }
    }
}

/// What a chart counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Unit {
    /// Things or people.
    Count,
    /// Vietnamese đồng.
    Vnd,
}

/// How a chart is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Shape {
    /// One horizontal bar per category (sector, province), its series stacked.
    Bars,
    /// One column per month or year, its series stacked.
    Columns,
}

/// The rows of a chart: sectors, provinces, months (`2026-03`) or years (`2026`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Axis {
    Sector,
    Province,
    Month,
    Year,
    /// Kinds of event (`techmart`, `training`…).
    EventKind,
    /// Weeks, by their Monday (`2026-12-07`).
    Week,
    /// A startup project's stages (`idea` … `scaling`), in their order.
    Stage,
}

impl Axis {
    /// The name of a sector's or province's `code` in `locale`; `None` on other axes and for an
    /// unknown code.
    pub fn category_name(self, code: &str, locale: crate::i18n::Locale) -> Option<&'static str> {
        match self {
            Self::Sector => crate::domain::Sector::parse(code)
                .ok()
                .map(|s| s.name(locale)),
            Self::Province => crate::domain::Province::parse(code)
                .ok()
                .map(|p| p.name(locale)),
            _ => None,
        }
    }
}

/// One chart: rows (`labels`) and, for each series, a value per row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Chart {
    /// Its name in addresses and file names (`listings-by-sector`).
    pub key: String,
    pub shape: Shape,
    pub unit: Unit,
    pub axis: Axis,
    /// Codes of sectors, provinces or event kinds, or periods (`2026-03`, `2026`).
    pub labels: Vec<String>,
    pub series: Vec<Series>,
}

/// One coloured part of a chart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Series {
    /// What it counts (`offers`, `requests`, `held`…), named by the page in its language.
    pub key: String,
    pub values: Vec<i64>,
}

impl Chart {
    /// The sum of the series at row `i`.
    pub fn total(&self, i: usize) -> i64 {
        self.series
            .iter()
            .map(|s| s.values.get(i).copied().unwrap_or(0))
            .sum()
    }

    /// The largest row total (at least 0).
    pub fn max_total(&self) -> i64 {
        (0..self.labels.len())
            .map(|i| self.total(i))
            .max()
            .unwrap_or(0)
            .max(0)
    }

    /// Whether it has nothing to show.
    pub fn is_empty(&self) -> bool {
        self.max_total() == 0
    }
}

/// A headline figure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Figure {
    pub key: String,
    pub value: i64,
    pub unit: Unit,
}

/// Everything `/statistics` shows for one period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Statistics {
    pub period: Period,
    /// When the figures were read (ms since the epoch).
    pub computed_at: i64,
    pub figures: Vec<Figure>,
    pub charts: Vec<Chart>,
}

impl Statistics {
    /// The chart named `key`.
    pub fn chart(&self, key: &str) -> Option<&Chart> {
        self.charts.iter().find(|c| c.key == key)
    }
}

/// What waits for moderators of one kind (`stalls`, `stall_edits`, `listings`, `auctions`,
/// `booths`) and how fast they decided over the last 90 days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Backlog {
    pub kind: String,
    pub waiting: i64,
    /// When the longest-waiting one was asked for.
    pub oldest_at: Option<i64>,
    /// Decisions over the last 90 days.
    pub decided: i64,
    /// Their median time from asking to deciding, in ms.
    pub median_ms: Option<i64>,
}

/// The mail outbox.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxState {
    /// Waiting to be sent (or retried).
    pub pending: i64,
    /// Given up on.
    pub failed: i64,
    /// Sent over the last 24 hours.
    pub sent_day: i64,
    pub oldest_pending_at: Option<i64>,
}

/// A running auction that ends before midnight.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClosingAuction {
    pub id: i64,
    pub title: String,
    pub ends_at: i64,
    pub price_vnd: i64,
    pub bids: i64,
}

/// Words searched for over the last 30 days that found nothing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchMiss {
    pub words: String,
    pub times: i64,
    /// The last day they were searched for (days since 1970, Vietnam time).
    pub last_day: i64,
}

/// `/admin`: the exchange's operations, then its public statistics.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Operations {
    pub now: i64,
    pub backlog: Vec<Backlog>,
    pub outbox: OutboxState,
    pub closing_today: Vec<ClosingAuction>,
    /// New members per week (`Axis::Week`).
    pub signups: Chart,
    pub misses: Vec<SearchMiss>,
    pub statistics: Option<Statistics>,
}

/// One listing's figures, as its stall sees them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct ListingFigures {
    pub id: i64,
    pub slug: String,
    pub title: String,
    /// `offer` or `request`.
    pub kind: String,
    pub status: String,
    /// Views since it was posted.
    pub views: i64,
    /// Views over the last 30 days.
    #[cfg_attr(feature = "ssr", sqlx(skip))]
    pub views_30d: i64,
    /// Views per week, oldest first (the weeks of [`StallFigures::views`]).
    #[cfg_attr(feature = "ssr", sqlx(skip))]
    pub weeks: Vec<i64>,
    /// Conversations members opened about it.
    pub inquiries: i64,
    /// Introductions asked for between it and a request or offer.
    pub introductions: i64,
    /// Members keeping it on their watchlist.
    pub saved: i64,
}

/// `/account/stalls/{id}/figures`: a stall's own figures, for its members.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StallFigures {
    pub stall_id: i64,
    pub stall_name: String,
    /// Views of all its listings per week.
    pub views: Chart,
    pub listings: Vec<ListingFigures>,
}
