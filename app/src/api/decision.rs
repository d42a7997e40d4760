//! What the moderators' approve / refuse forms post, read the same way for stalls, listings,
//! auctions and bidders.

use crate::error::{AppError, FieldError, InvalidInput};

/// A short digest of `item` as the moderation queue shows it (its own `fingerprint` left empty).
/// The decision forms send it back: a decision on an item that changed since (an edit, a new
/// picture) is refused as stale rather than applied to what the moderator never saw.
#[cfg(feature = "ssr")]
pub(crate) fn fingerprint<T: serde::Serialize>(item: &T) -> String {
    use sha2::{Digest, Sha256};
    let json = serde_json::to_vec(item).unwrap_or_default();
    Sha256::digest(&json)[..12]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Refuses a decision by `moderator` on their own item, or on one that changed since they saw it
/// (`seen` against `now`, the item's fingerprint as the queue shows it now).
#[cfg(feature = "ssr")]
pub(crate) fn check_decision(
    own: bool,
    seen: &str,
    now: &str,
    typed: &[(&str, &str)],
) -> Result<(), AppError> {
    if own {
        return Err(refusal("decision", "own_item", typed));
    }
    if seen != now {
        return Err(refusal("decision", "changed_since_seen", typed));
    }
    Ok(())
}

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
