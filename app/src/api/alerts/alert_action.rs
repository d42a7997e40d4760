use leptos::prelude::*;

use crate::error::AppError;

/// Pauses (`pause`), resumes (`resume`) or deletes (`delete`) one of the member's saved
/// searches, then back to `/account/alerts`.
#[server(endpoint = "alert_action")]
pub async fn alert_action(id: i64, action: String) -> Result<(), AppError> {
    use crate::db::{alerts, now_ms};
    use crate::error::{FieldError, InvalidInput};

    let user = crate::api::accounts::require_user()?;
    let ctx = crate::server_context::server_context()?;
    let done = match action.as_str() {
        "pause" | "resume" => {
            alerts::set_paused(&ctx.db, user.id, id, action == "pause", now_ms()).await?
        }
        "delete" => alerts::delete(&ctx.db, user.id, id).await?,
        _ => {
            return Err(AppError::Invalid(InvalidInput::new(
                vec![FieldError::new("action", "invalid_choice")],
                &[],
            )));
        }
    };
    if !done {
        return Err(AppError::NotFound);
    }
    let anchor = if action == "delete" {
        String::new()
    } else {
        format!("#alert-{id}")
    };
    leptos_axum::redirect(&format!("/account/alerts?done={action}{anchor}"));
    Ok(())
}
