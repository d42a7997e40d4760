//! The mentor network: a mentor's profile (expertise, sectors, languages, hours offered a
//! month), the sessions projects ask of mentors, the times a mentor proposes, and the rules
//! each must meet.

use serde::{Deserialize, Serialize};

use super::auction_setup::parse_vietnam_datetime;
use super::startup::{check, required};
use super::{Sector, Slug, text_between};
use crate::error::FieldError;

/// Limits, in characters and counts.
pub mod limits {
    pub const NAME: (usize, usize) = (3, 100);
    pub const HEADLINE: (usize, usize) = (10, 160);
    pub const BIO: (usize, usize) = (40, 4_000);
    /// Hours a month a mentor may offer.
    pub const HOURS: (i64, i64) = (1, 40);
    pub const TOPIC: (usize, usize) = (5, 160);
    pub const MESSAGE: (usize, usize) = (20, 2_000);
    pub const NOTE: usize = 10_000;
    /// Times a mentor proposes for a session.
    pub const PROPOSALS: usize = 3;
    /// How far ahead a session may be asked for or proposed: 180 days.
    pub const AHEAD_MS: i64 = 180 * 86_400_000;
}

/// What mentors help with.
pub const EXPERTISE: [&str; 9] = [
    "strategy",
    "fundraising",
    "finance",
    "marketing",
    "technology",
    "product",
    "legal",
    "operations",
    "export",
];

/// Languages mentors speak.
pub const LANGUAGES: [&str; 6] = ["vi", "en", "fr", "zh", "ja", "km"];

/// A session's statuses: asked, the mentor proposed times (or declined), the project chose
/// one, then it happened or was cancelled.
pub const SESSION_STATUSES: [&str; 6] = [
    "requested",
    "proposed",
    "scheduled",
    "declined",
    "done",
    "cancelled",
];

/// A mentor profile as its form posts it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MentorForm {
    pub name: String,
    pub headline: String,
    pub bio: String,
    pub hours: String,
    pub expertise: Vec<String>,
    pub sectors: Vec<String>,
    pub languages: Vec<String>,
    /// "1" while the mentor takes requests.
    pub available: String,
}

/// A checked mentor profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MentorInput {
    pub slug: String,
    pub name: String,
    pub headline: String,
    pub bio: String,
    pub hours: i64,
    pub expertise: Vec<&'static str>,
    pub sectors: Vec<&'static str>,
    pub languages: Vec<&'static str>,
    pub available: bool,
}

/// Codes of `chosen` that are in `known`, at least one; else `code`.
fn chosen_codes(
    chosen: &[String],
    known: &[&'static str],
    code: &'static str,
) -> Result<Vec<&'static str>, &'static str> {
    if chosen.is_empty() {
        return Err("required");
    }
    chosen
        .iter()
        .map(|c| known.iter().copied().find(|k| k == c).ok_or(code))
        .collect()
}

impl MentorForm {
    /// Every field as typed, by form name, to refill the form (lists comma-joined).
    pub fn typed(&self) -> Vec<(&'static str, String)> {
        vec![
            ("name", self.name.clone()),
            ("headline", self.headline.clone()),
            ("bio", self.bio.clone()),
            ("hours", self.hours.clone()),
            ("expertise", self.expertise.join(",")),
            ("sectors", self.sectors.join(",")),
            ("languages", self.languages.join(",")),
            ("available", self.available.clone()),
        ]
    }

    /// Checks every field.
    pub fn validate(&self) -> Result<MentorInput, Vec<FieldError>> {
        let mut errors = Vec::new();
        let name = check(
            &mut errors,
            "name",
            text_between(&self.name, limits::NAME, false),
        );
        let headline = check(
            &mut errors,
            "headline",
            text_between(&self.headline, limits::HEADLINE, false),
        );
        let bio = check(
            &mut errors,
            "bio",
            text_between(&self.bio, limits::BIO, true),
        );
        let hours = check(
            &mut errors,
            "hours",
            required(&self.hours).and_then(|h| {
                h.parse::<i64>()
                    .ok()
                    .filter(|h| (limits::HOURS.0..=limits::HOURS.1).contains(h))
                    .ok_or("invalid_hours")
            }),
        );
        let expertise = check(
            &mut errors,
            "expertise",
            chosen_codes(&self.expertise, &EXPERTISE, "invalid_choice"),
        );
        let sectors = check(
            &mut errors,
            "sectors",
            if self.sectors.is_empty() {
                Err("required")
            } else {
                self.sectors
                    .iter()
                    .map(|c| Sector::parse(c).map(Sector::code))
                    .collect()
            },
        );
        let languages = check(
            &mut errors,
            "languages",
            chosen_codes(&self.languages, &LANGUAGES, "invalid_choice"),
        );
        if !errors.is_empty() {
            return Err(errors);
        }
        let name = name.unwrap_or_default();
        Ok(MentorInput {
            slug: Slug::from_title(&name).as_str().to_owned(),
            name,
            headline: headline.unwrap_or_default(),
            bio: bio.unwrap_or_default(),
            hours: hours.unwrap_or(1),
            expertise: expertise.unwrap_or_default(),
            sectors: sectors.unwrap_or_default(),
            languages: languages.unwrap_or_default(),
            available: self.available == "1",
        })
    }
}

/// A time for a session, typed as a `datetime-local` (Vietnam time): in the future (not
/// `session_in_past`) and within [`limits::AHEAD_MS`] (not `session_too_far`).
pub fn session_time(input: &str, now: i64) -> Result<i64, &'static str> {
    let at = parse_vietnam_datetime(required(input)?)?;
    if at <= now {
        Err("session_in_past")
    } else if at > now + limits::AHEAD_MS {
        Err("session_too_far")
    } else {
        Ok(at)
    }
}

/// The times a mentor proposes (`times[]`; empty ones skipped): one to [`limits::PROPOSALS`],
/// each a [`session_time`]. Errors are against `time_{n}` (from 1).
pub fn proposed_times(typed: &[String], now: i64) -> Result<Vec<i64>, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut times = Vec::new();
    for (n, input) in typed.iter().enumerate().take(limits::PROPOSALS) {
        if input.trim().is_empty() {
            continue;
        }
        match session_time(input, now) {
            Ok(at) => times.push(at),
            Err(code) => errors.push(FieldError::new(&format!("time_{}", n + 1), code)),
        }
    }
    if times.is_empty() && errors.is_empty() {
        errors.push(FieldError::new("time_1", "required"));
    }
    if errors.is_empty() {
        times.sort_unstable();
        times.dedup();
        Ok(times)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 2026-12-07 10:00 in Vietnam.
    const NOW: i64 = 1_796_612_400_000;

    fn form() -> MentorForm {
        MentorForm {
            name: "Lê Minh Tâm".into(),
            headline: "Cố vấn gọi vốn cho khởi nghiệp nông nghiệp".into(),
            bio: "Mười năm đầu tư mạo hiểm ở TP.HCM, từng cố vấn cho hai mươi dự án nông nghiệp công nghệ cao.".into(),
            hours: "6".into(),
            expertise: vec!["fundraising".into(), "finance".into()],
            sectors: vec!["nong-nghiep".into()],
            languages: vec!["vi".into(), "en".into()],
            available: "1".into(),
        }
    }

    #[test]
    fn a_profile_is_checked_field_by_field() {
        let mentor = form().validate().unwrap();
        assert_eq!(mentor.hours, 6);
        assert_eq!(mentor.expertise, ["fundraising", "finance"]);
        assert!(mentor.available);
        let bad = MentorForm {
            hours: "0".into(),
            expertise: vec!["astrology".into()],
            languages: Vec::new(),
            ..form()
        };
        let fields: Vec<(String, String)> = bad
            .validate()
            .unwrap_err()
            .into_iter()
            .map(|e| (e.field, e.code))
            .collect();
        assert_eq!(
            fields,
            [
                ("hours".to_owned(), "invalid_hours".to_owned()),
                ("expertise".to_owned(), "invalid_choice".to_owned()),
                ("languages".to_owned(), "required".to_owned()),
            ]
        );
    }

    #[test]
    fn a_session_is_never_in_the_past() {
        assert_eq!(
            session_time("2026-12-07T09:00", NOW),
            Err("session_in_past")
        );
        assert_eq!(
            session_time("2026-12-07T10:00", NOW),
            Err("session_in_past")
        );
        assert_eq!(
            session_time("2026-12-08T09:30", NOW),
            Ok(NOW + 23 * 3_600_000 + 30 * 60_000)
        );
        assert_eq!(
            session_time("2027-12-08T09:30", NOW),
            Err("session_too_far")
        );
        assert_eq!(session_time("", NOW), Err("required"));
    }

    #[test]
    fn proposed_times_are_checked_one_by_one() {
        let typed = vec![
            "2026-12-09T14:00".to_owned(),
            String::new(),
            "2026-12-01T14:00".to_owned(),
        ];
        let errors = proposed_times(&typed, NOW).unwrap_err();
        assert_eq!(errors, [FieldError::new("time_3", "session_in_past")]);
        assert_eq!(proposed_times(&typed[..2], NOW).unwrap().len(), 1);
        assert_eq!(
            proposed_times(&[String::new()], NOW).unwrap_err(),
            [FieldError::new("time_1", "required")]
        );
    }
}
