use leptos::prelude::*;

use crate::error::AppError;

/// Moderators only: approves a pending stall (`decision=approve`) or refuses it with a reason its
/// members will read (`decision=reject`), as the moderator saw it (`seen`, its fingerprint in the
/// queue); not their own stall. Recorded in the audit log; the members are told by mail.
#[server(endpoint = "decide_stall")]
pub async fn decide_stall(
    id: i64,
    seen: String,
    decision: String,
    reason: Option<String>,
) -> Result<(), AppError> {
    use crate::api::decision::{check_decision, reason_of, refusal};
    use crate::db::{audit, now_ms, outbox, stalls};
    use crate::domain::Role;

    let moderator = crate::api::accounts::require_role(Role::Moderator)?;
    let reason_text = reason.unwrap_or_default();
    let id_text = id.to_string();
    let typed = [("reason", reason_text.as_str()), ("id", id_text.as_str())];
    let refused = |field, code| refusal(field, code, &typed);
    let reason = reason_of(&decision, &reason_text, &typed)?;
    let approve = reason.is_none();
    let ctx = crate::server_context::server_context()?;
    let stall = stalls::record(&ctx.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let own = stalls::membership(&ctx.db, id, moderator.id)
        .await?
        .is_some();
    let shown = crate::api::stalls::get_moderation_queue::queue(&ctx.db)
        .await?
        .stalls
        .into_iter()
        .find(|s| s.id == id)
        .map(|item| item.fingerprint);
    check_decision(own, &seen, shown.as_deref().unwrap_or(&seen), &typed)?;
    let members = stalls::member_addresses(&ctx.db, id).await?;
    let now = now_ms();
    let mut tx = ctx.db.begin().await?;
    if !stalls::decide(&mut tx, id, approve, reason.as_deref(), moderator.id, now).await? {
        return Err(refused("decision", "already_reviewed"));
    }
    let action = if approve {
        "stall_approved"
    } else {
        "stall_rejected"
    };
    audit::record(
        &mut tx,
        Some(moderator.id),
        action,
        ("stall", id),
        reason.as_deref().unwrap_or(&stall.name),
        now,
    )
    .await?;
    for (email, name, locale) in &members {
        let mail = crate::mail::stall_decision(
            crate::i18n::Locale::from_code(locale).unwrap_or_default(),
            email,
            name,
            &ctx.public_url,
            (&stall.name, &stall.slug),
            reason.as_deref(),
        );
        outbox::enqueue(&mut tx, &mail, now).await?;
    }
    tx.commit().await?;
    ctx.outbox_wake.notify_one();
    // The stall directory and home page figures change with an approval.
    ctx.home_cache.invalidate();
    leptos_axum::redirect(&format!("/moderation?done={action}"));
    Ok(())
}
