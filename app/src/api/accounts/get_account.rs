use leptos::prelude::*;

use crate::error::AppError;
use crate::model::AccountOverview;

/// The logged-in member's account: who they are and the browsers they are logged in on.
#[server(endpoint = "get_account", input = server_fn::codec::GetUrl)]
pub async fn get_account() -> Result<AccountOverview, AppError> {
    use crate::db::{accounts, now_ms};
    use crate::domain::Role;
    use crate::model::SessionInfo;

    let user = super::require_user()?;
    let ctx = crate::server_context::server_context()?;
    let account = accounts::account(&ctx.db, user.id)
        .await?
        .ok_or(AppError::Unauthorized)?;
    let current = crate::session::request_token_hash();
    let sessions = accounts::live_sessions(&ctx.db, user.id, now_ms())
        .await?
        .into_iter()
        .map(|s| SessionInfo {
            current: current.as_deref() == Some(s.token_hash.as_str()),
            device: crate::session::describe_user_agent(&s.user_agent),
            id: s.public_id,
            created_at: s.created_at,
        })
        .collect();
    let tickets = crate::db::registrations::member_tickets(&ctx.db, user.id, now_ms()).await?;
    Ok(AccountOverview {
        tickets,
        email: account.email,
        display_name: account.display_name,
        role: Role::parse(&account.role).unwrap_or(Role::Member),
        created_at: account.created_at,
        sessions,
    })
}
