use leptos::prelude::*;

use crate::error::AppError;

/// Moderators only: confirms that member `user_id`'s deposit for auction `auction_id` arrived
/// (`decision=approve`: they may bid) or refuses the registration with a reason they read
/// (`decision=reject`). Audited; the member is told by mail.
///
/// Decides the registration the moderator saw (`seen`, its fingerprint in the queue); never the
/// moderator's own, nor one for an auction of their own side.
#[server(endpoint = "decide_bidder")]
pub async fn decide_bidder(
    auction_id: i64,
    user_id: i64,
    seen: String,
    decision: String,
    reason: Option<String>,
) -> Result<(), AppError> {
    use crate::api::decision::{check_decision, reason_of, refusal};
    use crate::db::{auctions, audit, now_ms, outbox};
    use crate::domain::Role;

    let moderator = crate::api::accounts::require_role(Role::Moderator)?;
    let reason_text = reason.unwrap_or_default();
    let key = format!("{auction_id}-{user_id}");
    let typed = [("reason", reason_text.as_str()), ("bidder", key.as_str())];
    let ctx = crate::server_context::server_context()?;
    let reason = reason_of(&decision, &reason_text, &typed)?;
    let member: Option<(String, String, String, String)> = sqlx::query_as(
        "SELECT u.email, u.display_name, u.locale, l.title
         FROM auction_bidders b JOIN users u ON u.id = b.user_id
         JOIN auctions a ON a.id = b.auction_id JOIN listings l ON l.id = a.listing_id
         WHERE b.auction_id = $1 AND b.user_id = $2",
    )
    .bind(auction_id)
    .bind(user_id)
    .fetch_optional(&ctx.db)
    .await?;
    let Some((email, name, locale, title)) = member else {
        return Err(AppError::NotFound);
    };
    let own = user_id == moderator.id
        || auctions::on_seller_side(&ctx.db, auction_id, moderator.id).await? == Some(true);
    let shown = crate::api::stalls::get_moderation_queue::queue(&ctx.db)
        .await?
        .bidders
        .into_iter()
        .find(|b| b.auction_id == auction_id && b.user_id == user_id)
        .map(|item| item.fingerprint);
    check_decision(own, &seen, shown.as_deref().unwrap_or(&seen), &typed)?;
    let now = now_ms();
    let mut tx = ctx.db.begin().await?;
    if !auctions::decide_bidder(
        &mut tx,
        auction_id,
        user_id,
        moderator.id,
        reason.as_deref(),
        now,
    )
    .await?
    {
        return Err(refusal("decision", "already_reviewed", &typed));
    }
    let action = if reason.is_none() {
        "bidder_approved"
    } else {
        "bidder_refused"
    };
    audit::record(
        &mut tx,
        Some(moderator.id),
        action,
        ("auction", auction_id),
        &format!("{user_id}: {}", reason.as_deref().unwrap_or(&name)),
        now,
    )
    .await?;
    let mail = crate::mail::bidder_decision(
        crate::i18n::Locale::from_code(&locale).unwrap_or_default(),
        &email,
        &name,
        &ctx.public_url,
        (auction_id, &title),
        reason.as_deref(),
    );
    outbox::enqueue(&mut tx, &mail, now).await?;
    tx.commit().await?;
    ctx.outbox_wake.notify_one();
    leptos_axum::redirect(&format!("/moderation?done={action}#bidders"));
    Ok(())
}
