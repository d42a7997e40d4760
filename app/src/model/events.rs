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
    /// The member looking at it: their live registration's ticket code and status.
    pub mine: Option<(String, String)>,
    /// The logged-in member's name (they register with their account), or `None` for a visitor.
    pub viewer: Option<String>,
    /// The one looking may check tickets in (editors and moderators).
    pub door: bool,
    /// The stalls exhibiting, by booth.
    pub exhibitors: Vec<Exhibitor>,
    /// The one looking acts for an approved stall (and may apply for a booth).
    pub stall_member: bool,
    /// The one looking decides on booths (moderators).
    pub moderator: bool,
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

/// `/tickets/{code}`: a registration as its holder sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketPage {
    pub code: String,
    /// `unconfirmed`, `confirmed`, `waiting` or `cancelled`.
    pub status: String,
    pub name: String,
    pub organisation: String,
    pub event: EventCard,
    pub address: Option<String>,
    pub checked_in_at: Option<i64>,
    /// Place on the waiting list (1: the next seat freed is theirs).
    pub waiting_position: Option<i64>,
    /// The QR code of a confirmed ticket (SVG markup drawn by the server).
    pub qr_svg: Option<String>,
    /// The one looking may cancel it: the member holding it, or with the mailed cancel link.
    pub may_cancel: bool,
    pub now: i64,
}

/// `/events/{slug}/check-in`: the door of an event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckInDesk {
    pub event: EventCard,
    /// Seats taken.
    pub confirmed: i64,
    /// Tickets checked in.
    pub checked_in: i64,
}

/// What checking one ticket in found, as the door shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckInResult {
    /// `done`, `already`, `other_event`, `no_seat`, `unknown` or `invalid`.
    pub outcome: String,
    /// The ticket's code, printed (`K7M2-9QXD-4FZA`), when it could be read.
    pub code: String,
    pub name: String,
    pub organisation: String,
    /// When it was checked in (for `already`).
    pub at: Option<i64>,
    pub checked_in: i64,
    pub confirmed: i64,
}

/// A stall exhibiting at a fair, as the event's page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Exhibitor {
    pub booth_number: String,
    pub stall_slug: String,
    pub stall_name: String,
    /// The stall's logo (object key), if it has one.
    pub stall_logo: Option<String>,
    /// Listings shown at the booth.
    pub listings: i64,
}

/// A listing named for a booth.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct BoothListing {
    pub id: i64,
    pub slug: String,
    pub title: String,
    /// `offer` or `request`.
    pub kind: String,
}

/// A stall's application for a booth, as moderators decide on it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoothApplication {
    pub id: i64,
    pub stall_slug: String,
    pub stall_name: String,
    /// `applied`, `accepted`, `declined` or `withdrawn`.
    pub status: String,
    pub booth_number: Option<String>,
    pub note: String,
    pub created_at: i64,
    pub listings: Vec<BoothListing>,
}

/// A stall the member acts for, with its application at an event and what it may show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoothStall {
    pub id: i64,
    pub slug: String,
    pub name: String,
    /// Its application's status, if it applied.
    pub status: Option<String>,
    pub booth_number: Option<String>,
    pub note: String,
    /// The listings its application names.
    pub chosen: Vec<i64>,
    /// Its published listings, to choose from.
    pub listings: Vec<BoothListing>,
}

/// `/events/{slug}/booth`: a stall member applies for a booth.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoothForm {
    pub event: EventCard,
    /// Applications are taken (booths open, not started).
    pub open: bool,
    pub stalls: Vec<BoothStall>,
}

/// `/events/{slug}/booths`: the moderators' desk of an event's booth applications.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoothDesk {
    pub event: EventCard,
    pub applications: Vec<BoothApplication>,
}

/// `/events/{slug}/techmart`: the exhibitors' listings, searchable and filterable.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TechmartPage {
    pub event: EventCard,
    pub exhibitors: Vec<Exhibitor>,
    pub listings: Page<crate::model::ListingCard>,
    /// The search's words, to highlight.
    pub terms: Vec<String>,
    pub now: i64,
}

/// A member's registration for an event not yet over, as their account lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct MyTicket {
    pub code: String,
    /// `unconfirmed`, `confirmed` or `waiting`.
    pub status: String,
    pub event_slug: String,
    pub event_title: String,
    pub starts_at: i64,
}
