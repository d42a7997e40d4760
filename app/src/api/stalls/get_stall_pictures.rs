use leptos::prelude::*;

use crate::error::AppError;
use crate::model::StallPictures;

/// A stall's logo and cover (as proposed, while a change waits for review), for its owners to
/// change; its other members get "forbidden", anyone else "not found".
#[server(endpoint = "get_stall_pictures", input = server_fn::codec::GetUrl)]
pub async fn get_stall_pictures(id: i64) -> Result<StallPictures, AppError> {
    let user = crate::api::accounts::require_user()?;
    let ctx = crate::server_context::server_context()?;
    let stall = super::owned_stall(&ctx.db, id, user.id).await?;
    if let Some(waiting) = crate::db::stall_revisions::get(&ctx.db, id).await? {
        return Ok(StallPictures {
            stall,
            logo_key: waiting.logo_key,
            cover_key: waiting.cover_key,
            waiting: true,
        });
    }
    let (logo_key, cover_key) = crate::db::stalls::pictures(&ctx.db, id).await?;
    Ok(StallPictures {
        stall,
        logo_key,
        cover_key,
        waiting: false,
    })
}
