//! Introductions between the two sides of a match, and the deals they end in: the statuses an
//! introduction moves through and who may move it, and what a deal outcome must say.
//!
//! ```text
//! requested ─accept (asked side)─▶ accepted ─▶ met ─▶ deal | no_deal
//!     └──────decline (asked side, with a reason)──▶ declined
//! ```
//! Once accepted, either side moves it on (accepted may go straight to deal or no deal); declined,
//! deal and no deal are final.

/// Every status, in order.
pub const STATUSES: [&str; 6] = [
    "requested",
    "accepted",
    "declined",
    "met",
    "deal",
    "no_deal",
];
/// Why an introduction was declined.
pub const DECLINE_REASONS: [&str; 5] = ["not_available", "not_a_fit", "price", "timing", "other"];
/// What a deal was.
pub const DEAL_KINDS: [&str; 4] = ["purchase", "licence", "transfer", "joint_venture"];
/// Introductions one member may ask for in 24 hours.
pub const PER_DAY: i64 = 20;
/// The longest message of an introduction, in characters.
pub const MESSAGE_CHARS: usize = 1_000;
/// The largest deal value taken, in đồng (10,000 billion).
pub const MAX_DEAL_VND: i64 = 10_000_000_000_000;

/// The status an introduction in `status` moves to when a party does `action`: `accept` and
/// `decline` by the side that was asked (`asked`), `met`, `deal` and `no_deal` by either side once
/// accepted. `None` when that move is not theirs to make now.
pub fn next_status(status: &str, action: &str, asked: bool) -> Option<&'static str> {
    match (status, action) {
        ("requested", "accept") if asked => Some("accepted"),
        ("requested", "decline") if asked => Some("declined"),
        ("accepted", "met") => Some("met"),
        ("accepted" | "met", "deal") => Some("deal"),
        ("accepted" | "met", "no_deal") => Some("no_deal"),
        _ => None,
    }
}

/// Whether the two sides see each other's contact details and conversation.
pub fn connected(status: &str) -> bool {
    matches!(status, "accepted" | "met" | "deal" | "no_deal")
}

/// A deal outcome as typed: its kind, its value (đồng, as `Vnd` parses it) and its date
/// (`YYYY-MM-DD`, Vietnam time), checked against `today` (days since 1970-01-01): errors name
/// their field — `kind` (`invalid_choice`), `value` (`required`, `deal_value`), `date`
/// (`invalid_date`, `deal_in_future`).
pub fn check_deal(
    kind: &str,
    value: &str,
    date: &str,
    today: i64,
) -> Result<(&'static str, i64, i64), Vec<crate::error::FieldError>> {
    use crate::error::FieldError;
    let mut errors = Vec::new();
    let kind = DEAL_KINDS.iter().copied().find(|k| *k == kind.trim());
    if kind.is_none() {
        errors.push(FieldError::new("kind", "invalid_choice"));
    }
    let value = if value.trim().is_empty() {
        errors.push(FieldError::new("value", "required"));
        None
    } else {
        match super::Vnd::parse(value) {
            Ok(v) if (1..=MAX_DEAL_VND).contains(&v.amount()) => Some(v.amount()),
            _ => {
                errors.push(FieldError::new("value", "deal_value"));
                None
            }
        }
    };
    let day = match super::parse_date(date.trim()) {
        Ok(day) if day <= today => Some(day),
        Ok(_) => {
            errors.push(FieldError::new("date", "deal_in_future"));
            None
        }
        Err(code) => {
            errors.push(FieldError::new("date", code));
            None
        }
    };
    match (kind, value, day) {
        (Some(kind), Some(value), Some(day)) if errors.is_empty() => Ok((kind, value, day)),
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_asked_side_answers_and_either_side_moves_on() {
        assert_eq!(next_status("requested", "accept", true), Some("accepted"));
        assert_eq!(next_status("requested", "accept", false), None);
        assert_eq!(next_status("requested", "decline", true), Some("declined"));
        assert_eq!(next_status("requested", "met", true), None);
        assert_eq!(next_status("accepted", "met", false), Some("met"));
        assert_eq!(next_status("accepted", "deal", true), Some("deal"));
        assert_eq!(next_status("met", "no_deal", false), Some("no_deal"));
        for done in ["declined", "deal", "no_deal"] {
            for action in ["accept", "decline", "met", "deal", "no_deal"] {
                assert_eq!(next_status(done, action, true), None, "{done} {action}");
            }
        }
        assert!(connected("met") && !connected("requested") && !connected("declined"));
    }

    #[test]
    fn a_deal_needs_a_kind_a_value_in_range_and_a_past_date() {
        let today = crate::domain::time::days_from_civil(2026, 12, 5);
        assert_eq!(
            check_deal("licence", "250.000.000", "2026-11-30", today),
            Ok(("licence", 250_000_000, today - 5))
        );
        let codes = |r: Result<_, Vec<crate::error::FieldError>>| {
            r.unwrap_err()
                .into_iter()
                .map(|e| (e.field, e.code))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            codes(check_deal("gift", "", "2026-12-06", today)),
            [
                ("kind".to_owned(), "invalid_choice".to_owned()),
                ("value".to_owned(), "required".to_owned()),
                ("date".to_owned(), "deal_in_future".to_owned()),
            ]
        );
        assert_eq!(
            codes(check_deal("purchase", "-5", "2026-12-01", today)),
            [("value".to_owned(), "deal_value".to_owned())]
        );
        assert_eq!(
            codes(check_deal(
                "purchase",
                "20.000.000.000.000",
                "2026-12-01",
                today
            )),
            [("value".to_owned(), "deal_value".to_owned())]
        );
        assert_eq!(
            codes(check_deal("purchase", "1000000", "hôm qua", today))[0].0,
            "date"
        );
    }
}
