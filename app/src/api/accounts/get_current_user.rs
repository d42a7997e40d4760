use leptos::prelude::*;

use crate::error::AppError;
use crate::model::CurrentUser;

/// The member this request's session belongs to, or `None` for a visitor. The server's
/// authentication middleware has already looked the session up.
#[server(endpoint = "get_current_user", input = server_fn::codec::GetUrl)]
pub async fn get_current_user() -> Result<Option<CurrentUser>, AppError> {
    Ok(crate::session::current_user())
}
