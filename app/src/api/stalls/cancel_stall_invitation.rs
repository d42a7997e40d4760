use leptos::prelude::*;

use crate::error::AppError;

/// The stall's owner withdraws an invitation not yet answered; its link stops working.
#[server(endpoint = "cancel_stall_invitation")]
pub async fn cancel_stall_invitation(stall_id: i64, invitation_id: i64) -> Result<(), AppError> {
    use crate::db::{audit, now_ms, stall_team};

    let user = crate::api::accounts::require_user()?;
    let ctx = crate::server_context::server_context()?;
    super::owned_stall(&ctx.db, stall_id, user.id).await?;
    let now = now_ms();
    let mut tx = ctx.db.begin().await?;
    let email = stall_team::cancel(&mut tx, stall_id, invitation_id, user.id, now)
        .await?
        .ok_or(AppError::NotFound)?;
    audit::record(
        &mut tx,
        Some(user.id),
        "stall_invitation_cancelled",
        ("stall", stall_id),
        &email,
        now,
    )
    .await?;
    tx.commit().await?;
    leptos_axum::redirect(&format!("/account/stalls/{stall_id}/team?done=cancelled"));
    Ok(())
}
