use leptos::prelude::*;

use crate::error::AppError;
use crate::model::StallPictures;

/// A stall's logo and cover, for its members to change; anyone else gets "not found".
#[server(endpoint = "get_stall_pictures", input = server_fn::codec::GetUrl)]
pub async fn get_stall_pictures(id: i64) -> Result<StallPictures, AppError> {
    let user = crate::api::accounts::require_user()?;
    let ctx = crate::server_context::server_context()?;
    let stall = super::own_stall(&ctx.db, id, user.id).await?;
    let (logo_key, cover_key) = crate::db::stalls::pictures(&ctx.db, id).await?;
    Ok(StallPictures {
        stall,
        logo_key,
        cover_key,
    })
}
