use leptos::prelude::*;

use crate::error::AppError;

/// A logged-in member writes to the side of a published listing (its stall's members or its
/// independent poster). The first message opens their conversation about it; writing again adds
/// to the same conversation. Goes to the conversation.
#[server(endpoint = "send_inquiry")]
pub async fn send_inquiry(listing_id: i64, body: String) -> Result<(), AppError> {
    use super::refused;
    use crate::db::{inquiries, listings, now_ms};
    use crate::domain::{CONVERSATIONS_PER_HOUR, parse_message};

    let user = crate::api::accounts::require_user()?;
    let ctx = crate::server_context::server_context()?;
    let text = parse_message(&body).map_err(|code| refused(code, &body))?;
    let listing = listings::record(&ctx.db, listing_id)
        .await?
        .ok_or(AppError::NotFound)?;
    match listing.status.as_str() {
        "published" => {}
        "closed" | "expired" => return Err(refused("listing_not_open", &body)),
        // Drafts, listings under review and refused ones are not public.
        _ => return Err(AppError::NotFound),
    }
    if listings::can_manage(&ctx.db, listing_id, user.id).await? {
        return Err(refused("own_listing", &body));
    }
    // A message nobody can read is worse than none: such listings show a phone or e-mail instead.
    if !inquiries::reachable(&ctx.db, listing_id).await? {
        return Err(refused("no_recipient", &body));
    }
    let existing = inquiries::find(&ctx.db, listing_id, user.id).await?;
    if existing.is_none() {
        let started = inquiries::started_since(&ctx.db, user.id, now_ms() - 3_600_000).await?;
        if started >= CONVERSATIONS_PER_HOUR {
            return Err(refused("too_many_inquiries", &body));
        }
    }
    let mut tx = ctx.db.begin().await?;
    let conversation_id = inquiries::open(&mut tx, listing_id, user.id, now_ms()).await?;
    super::post_message(
        &mut tx,
        (conversation_id, &listing.title),
        &user,
        &user.display_name,
        &text,
        existing.is_none(),
    )
    .await?;
    tx.commit().await?;
    ctx.outbox_wake.notify_one();
    leptos_axum::redirect(&format!("/account/inquiries/{conversation_id}#reply"));
    Ok(())
}
