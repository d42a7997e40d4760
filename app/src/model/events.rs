//! Read models of events: as lists, the calendar, an event's page and the editors' form see them.

use serde::{Deserialize, Serialize};

use super::{ArticleCard, Page};

/// An event as a list or the calendar shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct EventCard {
    pub id: i64,
    pub slug: String,
    pub kind: String,
    pub title: String,
    pub summary: String,
    pub cover_thumb: Option<String>,
    pub starts_at: i64,
    pub ends_at: i64,
    pub venue: Option<String>,
    pub province_code: Option<String>,
    pub online_url: Option<String>,
    pub status: String,
}

/// An event's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct EventView {
    pub id: i64,
    pub slug: String,
    pub kind: String,
    pub title: String,
    pub summary: String,
    pub description_html: String,
    pub cover_key: Option<String>,
    pub starts_at: i64,
    pub ends_at: i64,
    pub venue: Option<String>,
    pub address: Option<String>,
    pub province_code: Option<String>,
    pub online_url: Option<String>,
    pub organiser: String,
    pub capacity: Option<i64>,
    pub registration_deadline: Option<i64>,
    pub booths_open: i64,
    pub attendance_reported: Option<i64>,
    pub status: String,
    pub updated_at: i64,
}

/// `/events/{slug}`: the event, its programme, the articles about it and its figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventPage {
    pub event: EventView,
    pub programme: Vec<crate::domain::event::ProgrammeItem>,
    pub articles: Vec<ArticleCard>,
    /// Visitors holding a seat.
    pub registered: i64,
    /// Visitors who came: checked in, or as reported for an event before check-in.
    pub attendance: Option<i64>,
    /// The server's clock when read, to tell upcoming from past.
    pub now: i64,
}

/// `/events`: upcoming events soonest first, then past ones newest first, maybe of one kind or
/// province.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventsPage {
    pub upcoming: Vec<EventCard>,
    pub past: Page<EventCard>,
    /// The server's clock when read, to mark the events happening now.
    pub now: i64,
}

/// `/events/calendar`: the events of one month (Vietnam time).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventMonth {
    pub year: i32,
    pub month: u32,
    pub events: Vec<EventCard>,
    pub now: i64,
}

/// The event editor: the form's values (a new event has id 0).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventEditor {
    pub id: i64,
    pub form: crate::domain::event::EventForm,
    pub status: String,
    pub cover_key: Option<String>,
}

/// `/editor/events`: every event, last changed first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventDesk {
    pub events: Page<EventCard>,
}
