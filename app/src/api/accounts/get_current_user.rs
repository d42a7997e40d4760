use leptos::prelude::*;

use crate::error::AppError;
use crate::model::CurrentUser;

/// The member this request's session belongs to, or `None` for a visitor.
#[server(endpoint = "get_current_user", input = server_fn::codec::GetUrl)]
pub async fn get_current_user() -> Result<Option<CurrentUser>, AppError> {
    let Some(token) = crate::session::request_token() else {
        return Ok(None);
    };
    let ctx = crate::server_context::server_context()?;
    let hash = crate::auth::session_token_hash(&token);
    let user = crate::db::accounts::session_user(&ctx.db, &hash, crate::db::now_ms()).await?;
    Ok(user.map(|u| CurrentUser {
        id: u.id,
        display_name: u.display_name,
        role: u.role,
    }))
}
