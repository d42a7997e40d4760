//! What the moderators' approve / refuse forms post, read the same way for stalls, listings,
//! auctions and bidders.

use crate::error::{AppError, FieldError, InvalidInput};

/// A refusal of the form: `code` on `field`, with what was typed.
pub(crate) fn refusal(field: &str, code: &str, typed: &[(&str, &str)]) -> AppError {
    AppError::Invalid(InvalidInput::new(vec![FieldError::new(field, code)], typed))
}

/// `decision=approve` (`None`) or `decision=reject` with its reason (`Some`), checked: a reason of
/// 5–500 characters, no other decision.
pub(crate) fn reason_of(
    decision: &str,
    reason: &str,
    typed: &[(&str, &str)],
) -> Result<Option<String>, AppError> {
    use crate::domain::{listing_limits, text_between};
    match decision {
        "approve" => Ok(None),
        "reject" => text_between(reason, listing_limits::REJECTION_REASON, true)
            .map(Some)
            .map_err(|code| refusal("reason", code, typed)),
        _ => Err(refusal("decision", "invalid_choice", typed)),
    }
}
