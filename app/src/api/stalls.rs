//! Stalls as members open and edit them, and as moderators review them.

pub mod create_stall;
pub mod decide_stall;
pub mod get_moderation_queue;
pub mod get_own_stalls;
pub mod get_stall_editor;
pub mod update_stall;

/// The stall form's fields as submitted, checked; errors come back with what was typed.
#[cfg(feature = "ssr")]
fn checked(
    form: &crate::domain::StallForm,
) -> Result<crate::domain::StallProfileInput, crate::error::AppError> {
    use crate::error::{AppError, InvalidInput};
    let this_year = crate::domain::vietnam_year(crate::db::now_ms());
    form.validate(this_year)
        .map_err(|errors| AppError::Invalid(InvalidInput::new(errors, &form.typed())))
}
