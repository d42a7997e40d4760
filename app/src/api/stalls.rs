//! Stalls as members open and edit them, and as moderators review them.

pub mod answer_invitation;
pub mod cancel_stall_invitation;
pub mod create_stall;
pub mod decide_stall;
pub mod decide_stall_edit;
pub mod get_invitation;
pub mod get_moderation_queue;
pub mod get_own_stalls;
pub mod get_stall_editor;
pub mod get_stall_pictures;
pub mod get_stall_team;
pub mod invite_to_stall;
pub mod remove_stall_member;
pub mod remove_stall_picture;
pub mod update_stall;

/// The stall `stall_id` as `user_id` acts for it (with their role); "not found" for anyone who
/// does not, so ids reveal nothing.
#[cfg(feature = "ssr")]
async fn own_stall(
    db: &crate::db::Db,
    stall_id: i64,
    user_id: i64,
) -> Result<crate::model::OwnStall, crate::error::AppError> {
    crate::db::stalls::own_stall(db, user_id, stall_id)
        .await?
        .ok_or(crate::error::AppError::NotFound)
}

/// Like [`own_stall`], for what only the stall's owner may do: its other members get
/// "forbidden".
#[cfg(feature = "ssr")]
async fn owned_stall(
    db: &crate::db::Db,
    stall_id: i64,
    user_id: i64,
) -> Result<crate::model::OwnStall, crate::error::AppError> {
    let stall = own_stall(db, stall_id, user_id).await?;
    if stall.role == "owner" {
        Ok(stall)
    } else {
        Err(crate::error::AppError::Forbidden)
    }
}

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
