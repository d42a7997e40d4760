use leptos::prelude::*;

use crate::error::AppError;

/// Sets how the member hears of new offers fitting their open requests: `instant`, `daily`,
/// `weekly` or `off`.
#[server(endpoint = "set_match_alerts")]
pub async fn set_match_alerts(frequency: String) -> Result<(), AppError> {
    use crate::domain::alerts::MATCH_ALERTS;
    use crate::error::{FieldError, InvalidInput};

    let user = crate::api::accounts::require_user()?;
    let ctx = crate::server_context::server_context()?;
    let Some(frequency) = MATCH_ALERTS.iter().find(|f| **f == frequency.trim()) else {
        return Err(AppError::Invalid(InvalidInput::new(
            vec![FieldError::new("match_frequency", "invalid_choice")],
            &[("match_frequency", &frequency)],
        )));
    };
    crate::db::alerts::set_match_alerts(&ctx.db, user.id, frequency).await?;
    leptos_axum::redirect("/account/alerts?done=match_alerts");
    Ok(())
}
