// A plain HTML form posts one argument per field, and the server function macro generates
// functions taking them all.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;

use crate::error::AppError;

/// Opens a stall for an organisation. It waits for a moderator before it is public; the member
/// who opened it becomes its owner.
#[server(endpoint = "create_stall")]
pub async fn create_stall(
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
    let ctx = crate::server_context::server_context()?;
    let now = now_ms();
    // Two stalls of the same name opened at once: the second takes the next free slug.
    let mut attempt = 0;
    let id = loop {
        let slug = stalls::free_slug(&ctx.db, &profile.name).await?;
        let mut tx = ctx.db.begin().await?;
        match stalls::create(&mut tx, &profile, &slug, user.id, now).await {
            Ok(id) => {
                audit::record(
                    &mut tx,
                    Some(user.id),
                    "stall_submitted",
                    ("stall", id),
                    &profile.name,
                    now,
                )
                .await?;
                tx.commit().await?;
                break id;
            }
            Err(sqlx::Error::Database(e)) if e.is_unique_violation() && attempt < 3 => {
                attempt += 1;
            }
            Err(e) => return Err(e.into()),
        }
    };
    leptos_axum::redirect(&format!("/account/stalls?done=submitted&stall={id}"));
    Ok(())
}
