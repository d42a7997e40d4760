use leptos::prelude::*;

use crate::error::AppError;
use crate::model::OwnStall;

/// The stalls the logged-in member acts for, whatever their status.
#[server(endpoint = "get_own_stalls", input = server_fn::codec::GetUrl)]
pub async fn get_own_stalls() -> Result<Vec<OwnStall>, AppError> {
    let user = crate::api::accounts::require_user()?;
    let ctx = crate::server_context::server_context()?;
    Ok(crate::db::stalls::own_stalls(&ctx.db, user.id).await?)
}
