use leptos::prelude::*;

use crate::error::AppError;

/// Moderators only: approves a pending auction (`decision=approve`: it opens for bids at its
/// start) or refuses it with a reason its seller reads (`decision=reject`; they may change it and
/// submit it again). An auction whose end has already passed cannot be approved. Audited; the
/// seller is told by mail.
///
/// Decides the rules the moderator saw (`seen`, the auction's fingerprint in the queue); never an
/// auction of the moderator's own side.
#[server(endpoint = "decide_auction")]
pub async fn decide_auction(
    id: i64,
    seen: String,
    decision: String,
    reason: Option<String>,
) -> Result<(), AppError> {
    use crate::api::decision::{check_decision, reason_of, refusal};
    use crate::db::{auctions, audit, now_ms, outbox};
    use crate::domain::Role;

    let moderator = crate::api::accounts::require_role(Role::Moderator)?;
    let reason_text = reason.unwrap_or_default();
    let id_text = id.to_string();
    let typed = [
        ("reason", reason_text.as_str()),
        ("auction_id", id_text.as_str()),
    ];
    let refused = |field, code| refusal(field, code, &typed);
    let ctx = crate::server_context::server_context()?;
    let auction = auctions::get(&ctx.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let own = auctions::on_seller_side(&ctx.db, id, moderator.id).await? == Some(true);
    let shown = crate::api::stalls::get_moderation_queue::queue(&ctx.db)
        .await?
        .auctions
        .into_iter()
        .find(|a| a.id == id)
        .map(|item| item.fingerprint);
    check_decision(own, &seen, shown.as_deref().unwrap_or(&seen), &typed)?;
    let now = now_ms();
    let reason = reason_of(&decision, &reason_text, &typed)?;
    if reason.is_none() && auction.rules.ends_at <= now {
        return Err(refused("decision", "date_in_past"));
    }
    let seller = auctions::seller_address(&ctx.db, id).await?;
    let mut tx = ctx.db.begin().await?;
    if !auctions::review(&mut tx, id, moderator.id, reason.as_deref(), now).await? {
        return Err(refused("decision", "already_reviewed"));
    }
    let action = if reason.is_none() {
        "auction_approved"
    } else {
        "auction_rejected"
    };
    let title = seller.as_ref().map_or("", |s| s.3.as_str());
    audit::record(
        &mut tx,
        Some(moderator.id),
        action,
        ("auction", id),
        reason.as_deref().unwrap_or(title),
        now,
    )
    .await?;
    if let Some((email, name, locale, title)) = &seller {
        let mail = crate::mail::auction_decision(
            crate::i18n::Locale::from_code(locale).unwrap_or_default(),
            email,
            name,
            &ctx.public_url,
            (id, title),
            reason.as_deref(),
        );
        outbox::enqueue(&mut tx, &mail, now).await?;
    }
    tx.commit().await?;
    ctx.outbox_wake.notify_one();
    ctx.home_cache.invalidate();
    if reason.is_none() {
        ctx.live.auction_changed(id).await;
    }
    leptos_axum::redirect(&format!("/moderation?done={action}#auctions"));
    Ok(())
}
