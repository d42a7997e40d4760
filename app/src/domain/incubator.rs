//! Incubator programmes: a programme, its cohorts (with dates) and the rules their forms meet.

use serde::{Deserialize, Serialize};

use super::startup::{check, required};
use super::{Slug, text_between};
use crate::error::FieldError;

/// Limits, in characters.
pub mod limits {
    pub const NAME: (usize, usize) = (5, 150);
    pub const SUMMARY: (usize, usize) = (20, 300);
    pub const DESCRIPTION: (usize, usize) = (50, 8_000);
    pub const ORGANISER: (usize, usize) = (3, 150);
    pub const COHORT: (usize, usize) = (2, 80);
}

/// A programme as its form posts it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgrammeForm {
    pub name: String,
    pub summary: String,
    pub description: String,
    pub organiser: String,
}

/// A checked programme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgrammeInput {
    pub slug: String,
    pub name: String,
    pub summary: String,
    pub description: String,
    pub organiser: String,
}

impl ProgrammeForm {
    pub fn typed(&self) -> [(&'static str, &str); 4] {
        [
            ("name", &self.name),
            ("summary", &self.summary),
            ("description", &self.description),
            ("organiser", &self.organiser),
        ]
    }

    pub fn validate(&self) -> Result<ProgrammeInput, Vec<FieldError>> {
        let mut errors = Vec::new();
        let name = check(
            &mut errors,
            "name",
            text_between(&self.name, limits::NAME, false),
        );
        let summary = check(
            &mut errors,
            "summary",
            text_between(&self.summary, limits::SUMMARY, false),
        );
        let description = check(
            &mut errors,
            "description",
            text_between(&self.description, limits::DESCRIPTION, true),
        );
        let organiser = check(
            &mut errors,
            "organiser",
            text_between(&self.organiser, limits::ORGANISER, false),
        );
        if !errors.is_empty() {
            return Err(errors);
        }
        let name = name.unwrap_or_default();
        Ok(ProgrammeInput {
            slug: Slug::from_title(&name).as_str().to_owned(),
            name,
            summary: summary.unwrap_or_default(),
            description: description.unwrap_or_default(),
            organiser: organiser.unwrap_or_default(),
        })
    }
}

/// A cohort as its form posts it: a name and its first and last days (`YYYY-MM-DD`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CohortForm {
    pub name: String,
    pub starts: String,
    pub ends: String,
}

/// A checked cohort: its name, and the instants it starts and ends (Vietnam days).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CohortInput {
    pub name: String,
    pub starts_at: i64,
    pub ends_at: i64,
}

impl CohortForm {
    pub fn typed(&self) -> [(&'static str, &str); 3] {
        [
            ("cohort_name", &self.name),
            ("starts", &self.starts),
            ("ends", &self.ends),
        ]
    }

    /// Checks every field: the last day not before the first (`ends_before_start`).
    pub fn validate(&self) -> Result<CohortInput, Vec<FieldError>> {
        let mut errors = Vec::new();
        let name = check(
            &mut errors,
            "cohort_name",
            text_between(&self.name, limits::COHORT, false),
        );
        let starts = check(
            &mut errors,
            "starts",
            required(&self.starts).and_then(super::listing::parse_date),
        );
        let ends = check(
            &mut errors,
            "ends",
            required(&self.ends).and_then(super::listing::parse_date),
        );
        if let (Some(starts), Some(ends)) = (starts, ends)
            && ends < starts
        {
            errors.push(FieldError::new("ends", "ends_before_start"));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let (starts, ends) = (starts.unwrap_or_default(), ends.unwrap_or_default());
        Ok(CohortInput {
            name: name.unwrap_or_default(),
            starts_at: super::time::vietnam_day_end_ms(starts - 1),
            ends_at: super::time::vietnam_day_end_ms(ends),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cohort_ends_after_it_starts() {
        let cohort = CohortForm {
            name: "Khóa 2026".into(),
            starts: "2026-03-01".into(),
            ends: "2026-08-31".into(),
        };
        let checked = cohort.validate().unwrap();
        assert!(checked.ends_at > checked.starts_at);
        let backwards = CohortForm {
            ends: "2026-02-01".into(),
            ..cohort
        };
        assert_eq!(
            backwards.validate().unwrap_err(),
            [FieldError::new("ends", "ends_before_start")]
        );
    }
}
