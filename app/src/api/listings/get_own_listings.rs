use leptos::prelude::*;

use crate::error::AppError;
use crate::model::OwnListing;

/// The listings the logged-in member posted or manages through their stalls.
#[server(endpoint = "get_own_listings", input = server_fn::codec::GetUrl)]
pub async fn get_own_listings() -> Result<Vec<OwnListing>, AppError> {
    let user = crate::api::accounts::require_user()?;
    let ctx = crate::server_context::server_context()?;
    Ok(crate::db::listings::own_listings(&ctx.db, user.id)
        .await?
        .into_iter()
        .map(|l| OwnListing {
            id: l.id,
            slug: l.slug,
            kind: l.kind,
            title: l.title,
            status: l.status,
            rejection_reason: l.rejection_reason,
            close_reason: l.close_reason,
            expires_at: l.expires_at,
            created_at: l.created_at,
            stall_name: l.stall_name,
        })
        .collect())
}
