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
