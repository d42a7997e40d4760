use leptos::prelude::*;

use crate::error::AppError;

/// Takes a member off a stall: the owner may remove any member, a member may leave. The owner
/// cannot be removed. What the member posted for the stall stays with the stall.
#[server(endpoint = "remove_stall_member")]
pub async fn remove_stall_member(stall_id: i64, user_id: i64) -> Result<(), AppError> {
    use crate::db::{audit, now_ms, stall_team};

    let user = crate::api::accounts::require_user()?;
    let ctx = crate::server_context::server_context()?;
    let stall = super::own_stall(&ctx.db, stall_id, user.id).await?;
    let leaving = user_id == user.id;
    if !leaving && stall.role != "owner" {
        return Err(AppError::Forbidden);
    }
    let now = now_ms();
    let mut tx = ctx.db.begin().await?;
    if !stall_team::remove_member(&mut tx, stall_id, user_id).await? {
        // The owner, or someone who is not a member.
        return Err(AppError::NotFound);
    }
    audit::record(
        &mut tx,
        Some(user.id),
        if leaving {
            "stall_member_left"
        } else {
            "stall_member_removed"
        },
        ("stall", stall_id),
        &user_id.to_string(),
        now,
    )
    .await?;
    tx.commit().await?;
    leptos_axum::redirect(&if leaving {
        "/account/stalls?done=left".to_owned()
    } else {
        format!("/account/stalls/{stall_id}/team?done=removed")
    });
    Ok(())
}
