//! Calls for applications: a fund or a public programme opens a call with a deadline,
//! eligibility and questions; owners of published projects apply once per project before the
//! deadline; the funder moves each application through its statuses.

use serde::{Deserialize, Serialize};

use super::startup::{check, parse_funding, required};
use super::{Slug, text_between};
use crate::error::FieldError;

/// Limits, in characters and counts.
pub mod limits {
    pub const TITLE: (usize, usize) = (10, 150);
    pub const SUMMARY: (usize, usize) = (20, 300);
    pub const DESCRIPTION: (usize, usize) = (50, 8_000);
    pub const ELIGIBILITY: (usize, usize) = (20, 3_000);
    pub const QUESTIONS: usize = 10;
    pub const QUESTION: (usize, usize) = (5, 300);
    pub const ANSWER: (usize, usize) = (1, 3_000);
    pub const DECLINE_REASON: (usize, usize) = (10, 1_000);
}

/// An application's statuses, in order; `funded` and `declined` end it.
pub const STATUSES: [&str; 5] = ["received", "reviewing", "interview", "funded", "declined"];

/// Where an application in `from` may move next.
pub fn next_statuses(from: &str) -> &'static [&'static str] {
    match from {
        "received" => &["reviewing", "declined"],
        "reviewing" => &["interview", "funded", "declined"],
        "interview" => &["funded", "declined"],
        _ => &[],
    }
}

/// A call as its form posts it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallForm {
    pub title: String,
    pub summary: String,
    pub description: String,
    pub eligibility: String,
    /// One question a line.
    pub questions: String,
    /// `YYYY-MM-DD`: applications are taken to the end of that day, Vietnam time.
    pub deadline: String,
    /// The money on offer in all (optional).
    pub budget: String,
}

/// A checked call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallInput {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub description: String,
    pub eligibility: String,
    pub questions: Vec<String>,
    /// The instant applications close (the end of the deadline's day in Vietnam).
    pub deadline: i64,
    pub budget: Option<i64>,
}

impl CallForm {
    /// Every field as typed, by form name, to refill the form.
    pub fn typed(&self) -> [(&'static str, &str); 7] {
        [
            ("title", &self.title),
            ("summary", &self.summary),
            ("description", &self.description),
            ("eligibility", &self.eligibility),
            ("questions", &self.questions),
            ("deadline", &self.deadline),
            ("budget", &self.budget),
        ]
    }

    /// Checks every field at `now`: the deadline must be today or later.
    pub fn validate(&self, now: i64) -> Result<CallInput, Vec<FieldError>> {
        let mut errors = Vec::new();
        let title = check(
            &mut errors,
            "title",
            text_between(&self.title, limits::TITLE, false),
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
        let eligibility = check(
            &mut errors,
            "eligibility",
            text_between(&self.eligibility, limits::ELIGIBILITY, true),
        );
        let questions = check(&mut errors, "questions", parse_questions(&self.questions));
        let deadline = check(
            &mut errors,
            "deadline",
            required(&self.deadline)
                .and_then(super::listing::parse_date)
                .and_then(|day| {
                    if day < super::time::vietnam_day(now) {
                        Err("deadline_past")
                    } else {
                        Ok(super::time::vietnam_day_end_ms(day))
                    }
                }),
        );
        let budget = check(
            &mut errors,
            "budget",
            match self.budget.trim() {
                "" => Ok(None),
                typed => parse_funding(typed).map(Some),
            },
        );
        if !errors.is_empty() {
            return Err(errors);
        }
        let title = title.unwrap_or_default();
        Ok(CallInput {
            slug: Slug::from_title(&title).as_str().to_owned(),
            title,
            summary: summary.unwrap_or_default(),
            description: description.unwrap_or_default(),
            eligibility: eligibility.unwrap_or_default(),
            questions: questions.unwrap_or_default(),
            deadline: deadline.unwrap_or_default(),
            budget: budget.flatten(),
        })
    }
}

/// The questions, one a line: one to [`limits::QUESTIONS`], each of a sensible length.
pub fn parse_questions(input: &str) -> Result<Vec<String>, &'static str> {
    let questions: Vec<String> = input
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect();
    if questions.is_empty() {
        return Err("required");
    }
    if questions.len() > limits::QUESTIONS {
        return Err("too_many_questions");
    }
    for q in &questions {
        text_between(q, limits::QUESTION, false).map_err(|_| "invalid_question")?;
    }
    Ok(questions)
}

/// The answers to a call's `questions`, as posted (`answers[]`, in order): each required and
/// of a sensible length. Errors are against `answer_{n}` (from 1).
pub fn check_answers(questions: usize, answers: &[String]) -> Result<Vec<String>, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut out = Vec::with_capacity(questions);
    for n in 0..questions {
        let typed = answers.get(n).map(String::as_str).unwrap_or_default();
        match text_between(typed, limits::ANSWER, true) {
            Ok(text) => out.push(text),
            Err(code) => errors.push(FieldError::new(&format!("answer_{}", n + 1), code)),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_796_000_000_000; // 2026-11-30

    fn form() -> CallForm {
        CallForm {
            title: "Chương trình hỗ trợ đổi mới công nghệ 2027".into(),
            summary: "Hỗ trợ doanh nghiệp nhỏ và vừa đổi mới công nghệ".into(),
            description:
                "Thành phố hỗ trợ đến 30% chi phí đổi mới công nghệ cho doanh nghiệp nhỏ và vừa."
                    .into(),
            eligibility: "Doanh nghiệp nhỏ và vừa đăng ký tại Cần Thơ".into(),
            questions: "Công nghệ bạn muốn đổi mới?\n\nKết quả mong đợi sau một năm?".into(),
            deadline: "2026-12-31".into(),
            budget: "5.000.000.000".into(),
        }
    }

    #[test]
    fn a_call_is_checked_field_by_field() {
        let call = form().validate(NOW).unwrap();
        assert_eq!(call.questions.len(), 2);
        assert_eq!(call.budget, Some(5_000_000_000));
        // The end of 31 December in Vietnam: 17:00 UTC that day.
        assert_eq!(call.deadline, 1_798_736_400_000);
        let past = CallForm {
            deadline: "2026-01-01".into(),
            questions: String::new(),
            budget: "-1".into(),
            ..form()
        };
        let codes: Vec<(String, String)> = past
            .validate(NOW)
            .unwrap_err()
            .into_iter()
            .map(|e| (e.field, e.code))
            .collect();
        assert_eq!(
            codes,
            [
                ("questions".to_owned(), "required".to_owned()),
                ("deadline".to_owned(), "deadline_past".to_owned()),
                ("budget".to_owned(), "funding_negative".to_owned()),
            ]
        );
    }

    #[test]
    fn every_question_needs_an_answer() {
        let answers = vec!["Máy sấy lúa".to_owned(), "   ".to_owned()];
        let errors = check_answers(3, &answers).unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["answer_2", "answer_3"]);
        assert_eq!(check_answers(1, &answers).unwrap(), ["Máy sấy lúa"]);
    }

    #[test]
    fn statuses_move_forward_only() {
        assert_eq!(next_statuses("received"), ["reviewing", "declined"]);
        assert!(next_statuses("funded").is_empty());
        assert!(next_statuses("declined").is_empty());
        assert!(!next_statuses("interview").contains(&"received"));
    }
}
