use leptos::prelude::*;

use crate::error::AppError;
use crate::model::StallEditor;

/// A stall's profile for its editing form (the changes waiting for review, if any); only its
/// owners may read it this way.
#[server(endpoint = "get_stall_editor", input = server_fn::codec::GetUrl)]
pub async fn get_stall_editor(id: i64) -> Result<StallEditor, AppError> {
    use crate::db::stalls;
    use crate::domain::StallForm;

    let user = crate::api::accounts::require_user()?;
    let ctx = crate::server_context::server_context()?;
    super::owned_stall(&ctx.db, id, user.id).await?;
    let s = stalls::record(&ctx.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if let Some(waiting) = crate::db::stall_revisions::get(&ctx.db, id).await? {
        return Ok(StallEditor {
            id: s.id,
            slug: s.slug,
            status: s.status,
            rejection_reason: s.rejection_reason,
            form: waiting.form(),
            waiting_since: Some(waiting.submitted_at),
        });
    }
    Ok(StallEditor {
        id: s.id,
        slug: s.slug,
        status: s.status,
        rejection_reason: s.rejection_reason,
        form: StallForm {
            name: s.name,
            org_kind: s.org_kind,
            sector_code: s.sector_code,
            other_sectors: s.other_sectors,
            province_code: s.province_code,
            description: s.description,
            address: s.address,
            phone: s.phone,
            email: s.email,
            website: s.website,
            contact_person: s.contact_person,
            founded_year: s.founded_year.map(|y| y.to_string()).unwrap_or_default(),
            certifications: s.certifications,
        },
        waiting_since: None,
    })
}
