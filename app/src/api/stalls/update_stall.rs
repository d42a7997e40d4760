// A plain HTML form posts one argument per field, and the server function macro generates
// functions taking them all.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;

use crate::error::AppError;

/// Saves a stall's profile; only its owners may (its other members get "forbidden"). A pending
/// or refused stall is changed in place (a refused one goes back to review); changes to an
/// approved stall wait for a moderator while the approved version stays public. Audited.
#[server(endpoint = "update_stall")]
pub async fn update_stall(
    id: i64,
    name: String,
    org_kind: String,
    sector_code: String,
    /// The ticked boxes of further sectors (`other_sectors[]=…`); none ticked: absent.
    other_sectors: Option<Vec<String>>,
    province_code: String,
    description: String,
    address: String,
    phone: String,
    email: String,
    website: String,
    contact_person: String,
    founded_year: String,
    certifications: String,
) -> Result<(), AppError> {
    use crate::db::{audit, now_ms, stalls};
    use crate::domain::StallForm;

    let user = crate::api::accounts::require_user()?;
    let ctx = crate::server_context::server_context()?;
    // Someone else's stall (or none): "not found", so ids reveal nothing.
    let own = super::owned_stall(&ctx.db, id, user.id).await?;
    let form = StallForm {
        name,
        org_kind,
        sector_code,
        other_sectors: other_sectors.unwrap_or_default().join(","),
        province_code,
        description,
        address,
        phone,
        email,
        website,
        contact_person,
        founded_year,
        certifications,
    };
    let profile = super::checked(&form)?;
    let now = now_ms();
    let mut tx = ctx.db.begin().await?;
    let action = if own.status == "approved" {
        crate::db::stall_revisions::propose_profile(&mut tx, id, &form, user.id, now).await?;
        "stall_edit_submitted"
    } else if stalls::update_profile(&mut tx, id, &profile, now).await? == "pending" {
        "stall_resubmitted"
    } else {
        "stall_edited"
    };
    audit::record(
        &mut tx,
        Some(user.id),
        action,
        ("stall", id),
        &profile.name,
        now,
    )
    .await?;
    tx.commit().await?;
    let done = if action == "stall_edit_submitted" {
        "edit_submitted"
    } else {
        "saved"
    };
    leptos_axum::redirect(&format!("/account/stalls?done={done}&stall={id}"));
    Ok(())
}
