use leptos::prelude::*;

use crate::error::AppError;

/// Accepts (`accept`) or declines (`decline`) an invitation to act for a stall, as the member
/// whose address it was sent to. The link works once.
#[server(endpoint = "answer_invitation")]
pub async fn answer_invitation(token: String, answer: String) -> Result<(), AppError> {
    use crate::db::{accounts, audit, now_ms, stall_team};

    let user = crate::api::accounts::require_user()?;
    let ctx = crate::server_context::server_context()?;
    let accept = match answer.as_str() {
        "accept" => true,
        "decline" => false,
        _ => return Err(AppError::bad_request("answer must be accept or decline")),
    };
    let hash = crate::auth::session_token_hash(token.trim());
    let invitation = stall_team::by_token(&ctx.db, &hash)
        .await?
        .ok_or(AppError::NotFound)?;
    let email = accounts::account(&ctx.db, user.id)
        .await?
        .map(|a| a.email)
        .unwrap_or_default();
    if email != invitation.email {
        // Someone else's invitation: the page says whose; nothing changes.
        return Err(AppError::Forbidden);
    }
    let now = now_ms();
    let mut tx = ctx.db.begin().await?;
    let Some(stall_id) = stall_team::answer(&mut tx, &hash, &email, user.id, accept, now).await?
    else {
        // Answered, withdrawn or expired meanwhile: back to the page, which says which.
        drop(tx);
        leptos_axum::redirect(&format!("/stall-invitation?token={}", token.trim()));
        return Ok(());
    };
    audit::record(
        &mut tx,
        Some(user.id),
        if accept {
            "stall_invitation_accepted"
        } else {
            "stall_invitation_declined"
        },
        ("stall", stall_id),
        &email,
        now,
    )
    .await?;
    tx.commit().await?;
    leptos_axum::redirect(if accept {
        "/account/stalls?done=joined"
    } else {
        "/account/stalls?done=declined"
    });
    Ok(())
}
