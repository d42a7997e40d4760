// A plain HTML form posts one argument per field, and the server function macro generates
// functions taking them all.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;

use crate::error::AppError;

/// Saves a stall's profile; only its members may. A refused stall goes back to review; edits to
/// an approved stall are recorded in the audit log.
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
    if stalls::membership(&ctx.db, id, user.id).await?.is_none() {
        // Someone else's stall (or none): the same answer, so ids reveal nothing.
        return Err(AppError::NotFound);
    }
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
    let status = stalls::update_profile(&mut tx, id, &profile, now).await?;
    let action = if status == "pending" {
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
    leptos_axum::redirect(&format!("/account/stalls?done=saved&stall={id}"));
    Ok(())
}
