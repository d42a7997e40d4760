use leptos::prelude::*;

use crate::error::AppError;

/// Moderators only: publishes a pending listing (`decision=approve`) until its end date, or
/// refuses it with a reason its poster will read (`decision=reject`). Audited; the poster is told
/// by mail. Decides the version the moderator saw (`seen`, its fingerprint in the queue, pictures
/// included), and never a moderator's own listing.
#[server(endpoint = "decide_listing")]
pub async fn decide_listing(
    id: i64,
    seen: String,
    decision: String,
    reason: Option<String>,
) -> Result<(), AppError> {
    use crate::api::decision::{check_decision, reason_of, refusal};
    use crate::db::listings::{self, Transition};
    use crate::db::{audit, now_ms, outbox};
    use crate::domain::Role;

    let moderator = crate::api::accounts::require_role(Role::Moderator)?;
    let reason_text = reason.unwrap_or_default();
    let id_text = id.to_string();
    let typed = [
        ("reason", reason_text.as_str()),
        ("listing_id", id_text.as_str()),
    ];
    let refused = |field, code| refusal(field, code, &typed);
    let ctx = crate::server_context::server_context()?;
    let listing = listings::record(&ctx.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let own = listing.owner_id == Some(moderator.id)
        || listings::can_manage(&ctx.db, id, moderator.id).await?;
    let shown = crate::api::stalls::get_moderation_queue::queue(&ctx.db)
        .await?
        .listings
        .into_iter()
        .find(|l| l.id == id)
        .map(|item| item.fingerprint);
    check_decision(own, &seen, shown.as_deref().unwrap_or(&seen), &typed)?;
    let now = now_ms();
    let reason = reason_of(&decision, &reason_text, &typed)?;
    let (to, extra) = match &reason {
        None => (
            "published",
            Transition {
                reviewed_by: Some(moderator.id),
                expires_at: Some(listings::expiry_for(listing.expires_on_day, now)),
                ..Transition::default()
            },
        ),
        Some(reason) => (
            "rejected",
            Transition {
                reviewed_by: Some(moderator.id),
                rejection_reason: Some(reason.as_str()),
                ..Transition::default()
            },
        ),
    };
    let poster = listings::poster_address(&ctx.db, id).await?;
    let mut tx = ctx.db.begin().await?;
    if !listings::transition(&mut tx, id, &["pending"], to, extra, now).await? {
        return Err(refused("decision", "already_reviewed"));
    }
    let action = if to == "published" {
        "listing_approved"
    } else {
        "listing_rejected"
    };
    audit::record(
        &mut tx,
        Some(moderator.id),
        action,
        ("listing", id),
        extra.rejection_reason.unwrap_or(&listing.title),
        now,
    )
    .await?;
    if let Some((email, name, locale)) = poster {
        let mail = crate::mail::listing_decision(
            crate::i18n::Locale::from_code(&locale).unwrap_or_default(),
            &email,
            &name,
            &ctx.public_url,
            (&listing.title, &listing.slug),
            extra.rejection_reason,
        );
        outbox::enqueue(&mut tx, &mail, now).await?;
    }
    tx.commit().await?;
    ctx.outbox_wake.notify_one();
    ctx.home_cache.invalidate();
    leptos_axum::redirect(&format!("/moderation?done={action}"));
    Ok(())
}
