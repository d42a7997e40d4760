use leptos::prelude::*;

use crate::error::AppError;

/// Moderators only: applies the changes waiting for an approved stall (`decision=approve`: its
/// public page shows them from now on) or refuses them with a reason its members read
/// (`decision=reject`: the approved version stays). Decides the changes the moderator saw
/// (`seen`, their fingerprint in the queue), never on a stall of the moderator's own. Audited;
/// the members are told by mail.
#[server(endpoint = "decide_stall_edit")]
pub async fn decide_stall_edit(
    stall_id: i64,
    seen: String,
    decision: String,
    reason: Option<String>,
) -> Result<(), AppError> {
    use crate::api::decision::{check_decision, reason_of, refusal};
    use crate::db::stalls::{self, StallPicture};
    use crate::db::{audit, now_ms, outbox, stall_revisions};
    use crate::domain::Role;

    let moderator = crate::api::accounts::require_role(Role::Moderator)?;
    let reason_text = reason.unwrap_or_default();
    let id_text = stall_id.to_string();
    let typed = [
        ("reason", reason_text.as_str()),
        ("stall_id", id_text.as_str()),
    ];
    let reason = reason_of(&decision, &reason_text, &typed)?;
    let ctx = crate::server_context::server_context()?;
    let own = stalls::membership(&ctx.db, stall_id, moderator.id)
        .await?
        .is_some();
    let shown = super::get_moderation_queue::queue(&ctx.db)
        .await?
        .stall_edits
        .into_iter()
        .find(|edit| edit.stall_id == stall_id)
        .map(|edit| edit.fingerprint);
    check_decision(own, &seen, shown.as_deref().unwrap_or(&seen), &typed)?;
    let stall = stalls::record(&ctx.db, stall_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let (logo, cover) = stalls::pictures(&ctx.db, stall_id).await?;
    let members = stalls::member_addresses(&ctx.db, stall_id).await?;
    let now = now_ms();
    let mut tx = ctx.db.begin().await?;
    let Some(revision) = stall_revisions::take(&mut tx, stall_id).await? else {
        return Err(refusal("decision", "already_reviewed", &typed));
    };
    // Pictures nothing will use once this is done, removed from the store after the commit.
    let mut discard: Vec<String> = Vec::new();
    let (name, slug) = if reason.is_none() {
        // A change of pictures alone leaves the profile as approved.
        let name = if !revision.changes(&stall).is_empty() {
            let profile = super::checked(&revision.form())?;
            stalls::update_profile(&mut tx, stall_id, &profile, now).await?;
            profile.name
        } else {
            stall.name.clone()
        };
        for (which, now_key, proposed) in [
            (StallPicture::Logo, &logo, &revision.logo_key),
            (StallPicture::Cover, &cover, &revision.cover_key),
        ] {
            if now_key != proposed {
                let old =
                    stalls::set_picture(&mut tx, stall_id, which, proposed.as_deref()).await?;
                discard.extend(old);
            }
        }
        (name, stall.slug.clone())
    } else {
        discard.extend(revision.logo_key.clone());
        discard.extend(revision.cover_key.clone());
        (stall.name.clone(), stall.slug.clone())
    };
    let action = if reason.is_none() {
        "stall_edit_approved"
    } else {
        "stall_edit_rejected"
    };
    audit::record(
        &mut tx,
        Some(moderator.id),
        action,
        ("stall", stall_id),
        reason.as_deref().unwrap_or(&name),
        now,
    )
    .await?;
    for (email, member_name, locale) in &members {
        let mail = crate::mail::stall_edit_decision(
            crate::i18n::Locale::from_code(locale).unwrap_or_default(),
            email,
            member_name,
            &ctx.public_url,
            (&name, &slug),
            reason.as_deref(),
        );
        outbox::enqueue(&mut tx, &mail, now).await?;
    }
    tx.commit().await?;
    ctx.outbox_wake.notify_one();
    let keys: Vec<&str> = discard.iter().map(String::as_str).collect();
    crate::db::images::discard_unused(&ctx.db, ctx.media.as_ref(), &keys).await?;
    ctx.home_cache.invalidate();
    leptos_axum::redirect(&format!("/moderation?done={action}"));
    Ok(())
}
