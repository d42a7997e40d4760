use leptos::prelude::*;

use crate::error::AppError;
use crate::model::Introduction;

/// The member's introductions, asked by them and of them, newest first.
#[server(endpoint = "get_introductions", input = server_fn::codec::GetUrl)]
pub async fn get_introductions() -> Result<Vec<Introduction>, AppError> {
    let user = crate::api::accounts::require_user()?;
    let ctx = crate::server_context::server_context()?;
    Ok(crate::db::introductions::of_member(&ctx.db, user.id).await?)
}
