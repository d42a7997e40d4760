use leptos::prelude::*;

use crate::error::AppError;

/// Adds a message to a conversation the member takes part in: as its inquirer, or for the
/// listing (its poster or any member of its stall). Others get "not found".
#[server(endpoint = "reply_inquiry")]
pub async fn reply_inquiry(conversation_id: i64, body: String) -> Result<(), AppError> {
    use super::refused;
    use crate::db::inquiries;
    use crate::domain::parse_message;

    let user = crate::api::accounts::require_user()?;
    let ctx = crate::server_context::server_context()?;
    let head = inquiries::head_for(&ctx.db, conversation_id, user.id)
        .await?
        .ok_or(AppError::NotFound)?;
    let text = parse_message(&body).map_err(|code| refused(code, &body))?;
    // Who wrote, as the others read it: a stall's members answer in the stall's name.
    let author_label = if head.inquirer_id == user.id {
        user.display_name.clone()
    } else {
        format!("{} ({})", user.display_name, head.seller_name)
    };
    let mut tx = ctx.db.begin().await?;
    super::post_message(
        &mut tx,
        (head.id, &head.listing_title),
        &user,
        &author_label,
        &text,
        false,
    )
    .await?;
    tx.commit().await?;
    ctx.outbox_wake.notify_one();
    leptos_axum::redirect(&format!("/account/inquiries/{conversation_id}#reply"));
    Ok(())
}
