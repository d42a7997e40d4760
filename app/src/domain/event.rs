//! What moderators and editors fill in to announce an event, and the rules it must meet; and the
//! calendar (`.ics`) an event is downloaded as.

use serde::{Deserialize, Serialize};

use super::auction_setup::{parse_vietnam_datetime, vietnam_datetime_input};
use super::{Province, Slug, text_between};
use crate::error::FieldError;

/// Limits: lengths in characters, then counts.
pub mod limits {
    pub const TITLE: (usize, usize) = (10, 200);
    pub const SUMMARY: (usize, usize) = (20, 400);
    pub const DESCRIPTION: (usize, usize) = (20, 20_000);
    pub const VENUE: usize = 200;
    pub const ADDRESS: usize = 300;
    pub const ORGANISER: (usize, usize) = (2, 200);
    pub const PROGRAMME_TEXT: usize = 5_000;
    pub const PROGRAMME_ITEMS: usize = 40;
    pub const ITEM_TITLE: usize = 200;
    pub const SPEAKER: usize = 150;
    pub const MAX_CAPACITY: i64 = 100_000;
    /// Longest event: a fair runs a few days, a training course a few weeks.
    pub const MAX_LENGTH_MS: i64 = 90 * 86_400_000;
}

/// The kinds of event the exchange runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// A technology and equipment fair (*chợ công nghệ – thiết bị*).
    Techmart,
    Exhibition,
    /// A supply–demand connection session.
    Connection,
    Startup,
    Training,
}

impl EventKind {
    pub const ALL: [Self; 5] = [
        Self::Techmart,
        Self::Exhibition,
        Self::Connection,
        Self::Startup,
        Self::Training,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Self::Techmart => "techmart",
            Self::Exhibition => "exhibition",
            Self::Connection => "connection",
            Self::Startup => "startup",
            Self::Training => "training",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// The event form exactly as submitted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventForm {
    pub kind: String,
    pub title: String,
    /// Empty: made from the title.
    #[serde(default)]
    pub slug: String,
    pub summary: String,
    pub description: String,
    /// `YYYY-MM-DDTHH:MM`, Vietnam time.
    pub starts_at: String,
    pub ends_at: String,
    #[serde(default)]
    pub venue: String,
    #[serde(default)]
    pub address: String,
    #[serde(default)]
    pub province: String,
    #[serde(default)]
    pub online_url: String,
    pub organiser: String,
    /// Empty: no limit.
    #[serde(default)]
    pub capacity: String,
    /// Empty: until the event starts.
    #[serde(default)]
    pub registration_deadline: String,
    /// `on` when stalls may apply for booths.
    #[serde(default)]
    pub booths_open: String,
    /// One item a line: `HH:MM | title | speaker`, with `YYYY-MM-DD ` before the time on an event
    /// of several days; the speaker may be left out.
    #[serde(default)]
    pub programme: String,
}

/// One item of a programme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct ProgrammeItem {
    pub starts_at: i64,
    pub title: String,
    pub speaker: Option<String>,
}

/// An event whose every field is valid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventInput {
    pub kind: EventKind,
    pub title: String,
    pub slug: String,
    pub summary: String,
    pub description: String,
    pub starts_at: i64,
    pub ends_at: i64,
    pub venue: Option<String>,
    pub address: Option<String>,
    pub province: Option<String>,
    pub online_url: Option<String>,
    pub organiser: String,
    pub capacity: Option<i64>,
    pub registration_deadline: Option<i64>,
    pub booths_open: bool,
    pub programme: Vec<ProgrammeItem>,
}

impl EventForm {
    /// Every field as typed, by form name, to refill the form.
    pub fn typed(&self) -> [(&'static str, &str); 15] {
        [
            ("kind", &self.kind),
            ("title", &self.title),
            ("slug", &self.slug),
            ("summary", &self.summary),
            ("description", &self.description),
            ("starts_at", &self.starts_at),
            ("ends_at", &self.ends_at),
            ("venue", &self.venue),
            ("address", &self.address),
            ("province", &self.province),
            ("online_url", &self.online_url),
            ("organiser", &self.organiser),
            ("capacity", &self.capacity),
            ("registration_deadline", &self.registration_deadline),
            ("booths_open", &self.booths_open),
        ]
    }

    /// Checks every field at `now` (the server's clock); `is_new` refuses an event starting in
    /// the past (an event already announced may be corrected afterwards). Each fault is
    /// reported against its field.
    pub fn validate(&self, now: i64, is_new: bool) -> Result<EventInput, Vec<FieldError>> {
        let mut errors = Vec::new();
        let kind = check(
            &mut errors,
            "kind",
            match self.kind.trim() {
                "" => Err("required"),
                code => EventKind::parse(code).ok_or("invalid_choice"),
            },
        );
        let title = check(
            &mut errors,
            "title",
            text_between(&self.title, limits::TITLE, false),
        );
        let slug = check(
            &mut errors,
            "slug",
            if self.slug.trim().is_empty() {
                Ok(Slug::from_title(title.as_deref().unwrap_or(""))
                    .as_str()
                    .to_owned())
            } else {
                Slug::parse(self.slug.trim()).map(|s| s.as_str().to_owned())
            },
        );
        let summary = check(
            &mut errors,
            "summary",
            text_between(&self.summary, limits::SUMMARY, true),
        );
        let description = check(
            &mut errors,
            "description",
            text_between(&self.description, limits::DESCRIPTION, true),
        );
        let starts_at = check(
            &mut errors,
            "starts_at",
            parse_vietnam_datetime(&self.starts_at),
        );
        let ends_at = check(
            &mut errors,
            "ends_at",
            parse_vietnam_datetime(&self.ends_at),
        );
        let venue = check(
            &mut errors,
            "venue",
            text_between(&self.venue, (0, limits::VENUE), false),
        )
        .filter(|v| !v.is_empty());
        let address = check(
            &mut errors,
            "address",
            text_between(&self.address, (0, limits::ADDRESS), false),
        )
        .filter(|a| !a.is_empty());
        let province = match self.province.trim() {
            "" => None,
            code => check(
                &mut errors,
                "province",
                Province::parse(code)
                    .map(|p| p.code().to_owned())
                    .map_err(|_| "invalid_choice"),
            ),
        };
        let online_url = check(
            &mut errors,
            "online_url",
            super::stall::parse_website(&self.online_url),
        )
        .flatten();
        let organiser = check(
            &mut errors,
            "organiser",
            text_between(&self.organiser, limits::ORGANISER, false),
        );
        let capacity = check(&mut errors, "capacity", parse_capacity(&self.capacity)).flatten();
        let deadline = match self.registration_deadline.trim() {
            "" => None,
            typed => check(
                &mut errors,
                "registration_deadline",
                parse_vietnam_datetime(typed),
            ),
        };
        if venue.is_none() && online_url.is_none() && self.online_url.trim().is_empty() {
            errors.push(FieldError::new("venue", "venue_or_online"));
        }
        if venue.is_some() && self.province.trim().is_empty() {
            errors.push(FieldError::new("province", "required"));
        }
        if let (Some(start), Some(end)) = (starts_at, ends_at) {
            if end <= start {
                errors.push(FieldError::new("ends_at", "ends_before_start"));
            } else if end - start > limits::MAX_LENGTH_MS {
                errors.push(FieldError::new("ends_at", "event_too_long"));
            }
            if is_new && start <= now {
                errors.push(FieldError::new("starts_at", "date_in_past"));
            }
            if deadline.is_some_and(|deadline| deadline > end) {
                errors.push(FieldError::new(
                    "registration_deadline",
                    "deadline_after_end",
                ));
            }
        }
        let programme = match starts_at {
            // Against the event's times only when they stand (else that fault is the one told).
            Some(start) => check(
                &mut errors,
                "programme",
                parse_programme(
                    &self.programme,
                    start,
                    ends_at.filter(|end| *end > start).unwrap_or(i64::MAX / 2),
                ),
            )
            .unwrap_or_default(),
            None => Vec::new(),
        };
        match (
            (kind, title, slug, summary, description),
            (starts_at, ends_at, organiser),
        ) {
            (
                (Some(kind), Some(title), Some(slug), Some(summary), Some(description)),
                (Some(starts_at), Some(ends_at), Some(organiser)),
            ) if errors.is_empty() => Ok(EventInput {
                kind,
                title,
                slug,
                summary,
                description,
                starts_at,
                ends_at,
                venue,
                address,
                province,
                online_url,
                organiser,
                capacity,
                registration_deadline: deadline,
                booths_open: matches!(self.booths_open.as_str(), "on" | "true" | "1"),
                programme,
            }),
            _ => Err(errors),
        }
    }
}

/// `result`'s value, or `None` with its fault recorded against `field`.
fn check<T>(
    errors: &mut Vec<FieldError>,
    field: &str,
    result: Result<T, &'static str>,
) -> Option<T> {
    result
        .map_err(|code| errors.push(FieldError::new(field, code)))
        .ok()
}

/// Seats: empty for no limit, else a whole number from 1 to [`limits::MAX_CAPACITY`] (thousands
/// may be grouped: "1.500").
fn parse_capacity(input: &str) -> Result<Option<i64>, &'static str> {
    let digits = input.trim().replace(['.', ',', ' '], "");
    if digits.is_empty() {
        return Ok(None);
    }
    match digits.parse::<i64>() {
        Ok(n) if (1..=limits::MAX_CAPACITY).contains(&n) => Ok(Some(n)),
        Ok(_) => Err("invalid_capacity"),
        Err(_) => Err("not_a_number"),
    }
}

/// Reads a programme, one item a line (`HH:MM | title | speaker`, or `YYYY-MM-DD HH:MM | …`),
/// each within the event (`start`..=`end`, Vietnam time), in time order.
pub fn parse_programme(
    input: &str,
    start: i64,
    end: i64,
) -> Result<Vec<ProgrammeItem>, &'static str> {
    if input.chars().count() > limits::PROGRAMME_TEXT {
        return Err("too_long");
    }
    let first_day = vietnam_datetime_input(start);
    let first_day = &first_day[..10];
    let mut items = Vec::new();
    for line in input.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let mut parts = line.split('|').map(str::trim);
        let when = parts.next().unwrap_or("");
        let title = parts.next().unwrap_or("");
        let speaker = parts.next().unwrap_or("");
        if parts.next().is_some() || title.is_empty() {
            return Err("invalid_programme");
        }
        let at = if when.len() > 5 {
            parse_vietnam_datetime(when)
        } else {
            parse_vietnam_datetime(&format!("{first_day}T{when}"))
        }
        .map_err(|_| "invalid_programme")?;
        // An item may start a little before the doors open (registration) but not outside the day.
        if at < start - 3 * 3_600_000 || at > end {
            return Err("programme_outside_event");
        }
        if title.chars().count() > limits::ITEM_TITLE || speaker.chars().count() > limits::SPEAKER {
            return Err("too_long");
        }
        items.push(ProgrammeItem {
            starts_at: at,
            title: title.to_owned(),
            speaker: Some(speaker.to_owned()).filter(|s| !s.is_empty()),
        });
    }
    if items.len() > limits::PROGRAMME_ITEMS {
        return Err("too_many");
    }
    items.sort_by_key(|item| item.starts_at);
    Ok(items)
}

/// The programme as an editor writes it (the inverse of [`parse_programme`]).
pub fn programme_text(items: &[ProgrammeItem], start: i64) -> String {
    let first_day = vietnam_datetime_input(start)[..10].to_owned();
    items
        .iter()
        .map(|item| {
            let at = vietnam_datetime_input(item.starts_at);
            let when = if at[..10] == first_day {
                at[11..].to_owned()
            } else {
                at.replace('T', " ")
            };
            match &item.speaker {
                Some(speaker) => format!("{when} | {} | {speaker}", item.title),
                None => format!("{when} | {}", item.title),
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// What a calendar entry says of an event.
#[derive(Debug, Clone)]
pub struct CalendarEntry<'a> {
    /// Unique and stable: `event-{id}@{host}`.
    pub uid: String,
    pub starts_at: i64,
    pub ends_at: i64,
    pub updated_at: i64,
    pub title: &'a str,
    pub description: &'a str,
    pub location: String,
    pub url: String,
    pub cancelled: bool,
}

/// An iCalendar document (RFC 5545) of `entries`, named `name`.
pub fn icalendar(name: &str, entries: &[CalendarEntry<'_>]) -> String {
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_owned(),
        "VERSION:2.0".to_owned(),
        "PRODID:-//techx//Events//VI".to_owned(),
        "CALSCALE:GREGORIAN".to_owned(),
        "METHOD:PUBLISH".to_owned(),
        format!("X-WR-CALNAME:{}", ics_text(name)),
        "X-WR-TIMEZONE:Asia/Ho_Chi_Minh".to_owned(),
    ];
    for entry in entries {
        lines.push("BEGIN:VEVENT".to_owned());
        lines.push(format!("UID:{}", entry.uid));
        lines.push(format!("DTSTAMP:{}", ics_time(entry.updated_at)));
        lines.push(format!("DTSTART:{}", ics_time(entry.starts_at)));
        lines.push(format!("DTEND:{}", ics_time(entry.ends_at)));
        lines.push(format!("SUMMARY:{}", ics_text(entry.title)));
        lines.push(format!("DESCRIPTION:{}", ics_text(entry.description)));
        if !entry.location.is_empty() {
            lines.push(format!("LOCATION:{}", ics_text(&entry.location)));
        }
        lines.push(format!("URL:{}", entry.url));
        lines.push(format!(
            "STATUS:{}",
            if entry.cancelled {
                "CANCELLED"
            } else {
                "CONFIRMED"
            }
        ));
        lines.push("END:VEVENT".to_owned());
    }
    lines.push("END:VCALENDAR".to_owned());
    let mut out = String::new();
    for line in lines {
        fold(&line, &mut out);
    }
    out
}

/// A UTC instant as iCalendar writes it: `20261210T013000Z`.
fn ics_time(utc_ms: i64) -> String {
    let day = utc_ms.div_euclid(86_400_000);
    let seconds = utc_ms.rem_euclid(86_400_000) / 1000;
    format!(
        "{}T{:02}{:02}{:02}Z",
        super::iso_date(day).replace('-', ""),
        seconds / 3600,
        seconds / 60 % 60,
        seconds % 60
    )
}

/// Text escaped for an iCalendar value: backslash, semicolon, comma and new lines.
fn ics_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends `line` folded at 75 octets (never inside a character), ending in CRLF.
fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 2030-03-10 08:00 in Vietnam.
    fn at(text: &str) -> i64 {
        parse_vietnam_datetime(text).unwrap()
    }

    fn form() -> EventForm {
        EventForm {
            kind: "techmart".into(),
            title: "Chợ công nghệ – thiết bị Cần Thơ 2030".into(),
            summary: "Hơn 200 gian hàng công nghệ của vùng Đồng bằng sông Cửu Long.".into(),
            description: "Ba ngày trưng bày, trình diễn và kết nối cung – cầu công nghệ.".into(),
            starts_at: "2030-03-10T08:00".into(),
            ends_at: "2030-03-12T17:00".into(),
            venue: "Trung tâm Hội chợ Triển lãm Cần Thơ".into(),
            address: "Số 1 Đại lộ Hòa Bình".into(),
            province: "can-tho".into(),
            organiser: "Sở Khoa học và Công nghệ TP. Cần Thơ".into(),
            capacity: "1.500".into(),
            registration_deadline: "2030-03-09T17:00".into(),
            booths_open: "on".into(),
            programme:
                "08:00 | Khai mạc | Lãnh đạo UBND TP\n2030-03-11 09:00 | Phiên kết nối cung – cầu\n"
                    .into(),
            ..EventForm::default()
        }
    }

    #[test]
    fn a_complete_form_makes_its_slug_and_programme() {
        let input = form().validate(at("2030-01-01T00:00"), true).unwrap();
        assert_eq!(input.slug, "cho-cong-nghe-thiet-bi-can-tho-2030");
        assert_eq!(input.kind, EventKind::Techmart);
        assert_eq!(input.capacity, Some(1500));
        assert!(input.booths_open);
        assert_eq!(input.programme.len(), 2);
        assert_eq!(input.programme[0].starts_at, at("2030-03-10T08:00"));
        assert_eq!(
            input.programme[0].speaker.as_deref(),
            Some("Lãnh đạo UBND TP")
        );
        assert_eq!(input.programme[1].speaker, None);
        assert_eq!(
            programme_text(&input.programme, input.starts_at),
            "08:00 | Khai mạc | Lãnh đạo UBND TP\n2030-03-11 09:00 | Phiên kết nối cung – cầu"
        );
    }

    #[test]
    fn each_fault_is_reported_against_its_field() {
        let faults = |form: EventForm, is_new: bool| {
            form.validate(at("2030-01-01T00:00"), is_new)
                .unwrap_err()
                .into_iter()
                .map(|e| (e.field, e.code))
                .collect::<Vec<_>>()
        };
        let pair = |f: &str, c: &str| (f.to_owned(), c.to_owned());
        let ends_first = EventForm {
            ends_at: "2030-03-10T07:00".into(),
            ..form()
        };
        assert_eq!(
            faults(ends_first, true),
            [pair("ends_at", "ends_before_start")]
        );
        let past = EventForm {
            starts_at: "2029-12-01T08:00".into(),
            ends_at: "2029-12-01T17:00".into(),
            registration_deadline: String::new(),
            programme: String::new(),
            ..form()
        };
        assert_eq!(
            faults(past.clone(), true),
            [pair("starts_at", "date_in_past")]
        );
        assert!(
            past.validate(at("2030-01-01T00:00"), false).is_ok(),
            "a past event may be corrected"
        );
        let nowhere = EventForm {
            venue: String::new(),
            online_url: String::new(),
            ..form()
        };
        assert_eq!(faults(nowhere, true), [pair("venue", "venue_or_online")]);
        let odd = EventForm {
            kind: "concert".into(),
            capacity: "0".into(),
            registration_deadline: "2030-04-01T00:00".into(),
            programme: "25:00 | Khai mạc".into(),
            ..form()
        };
        assert_eq!(
            faults(odd, true),
            [
                pair("kind", "invalid_choice"),
                pair("capacity", "invalid_capacity"),
                pair("registration_deadline", "deadline_after_end"),
                pair("programme", "invalid_programme"),
            ]
        );
        let outside = EventForm {
            programme: "2030-03-20 09:00 | Bế mạc".into(),
            ..form()
        };
        assert_eq!(
            faults(outside, true),
            [pair("programme", "programme_outside_event")]
        );
    }

    #[test]
    fn calendars_escape_fold_and_use_utc() {
        let description = "Ba ngày; trưng bày, trình diễn\nvà kết nối cung – cầu công nghệ của mười ba tỉnh thành Đồng bằng sông Cửu Long.";
        let ics = icalendar(
            "Sự kiện",
            &[CalendarEntry {
                uid: "event-7@techx.vn".into(),
                starts_at: at("2030-03-10T08:00"),
                ends_at: at("2030-03-12T17:00"),
                updated_at: at("2030-01-01T00:00"),
                title: "Techmart, Cần Thơ",
                description,
                location: "Trung tâm Hội chợ, Cần Thơ".into(),
                url: "https://techx.vn/events/techmart".into(),
                cancelled: false,
            }],
        );
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(ics.contains("DTSTART:20300310T010000Z\r\n"), "{ics}");
        assert!(ics.contains("DTEND:20300312T100000Z\r\n"));
        assert!(ics.contains("SUMMARY:Techmart\\, Cần Thơ\r\n"));
        for line in ics.split("\r\n") {
            assert!(line.len() <= 75, "{line}");
        }
        let unfolded = ics.replace("\r\n ", "");
        assert!(unfolded.contains("DESCRIPTION:Ba ngày\\; trưng bày\\, trình diễn\\nvà kết nối"));
        assert!(ics.ends_with("END:VEVENT\r\nEND:VCALENDAR\r\n"));
    }
}
