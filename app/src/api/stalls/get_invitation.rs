use leptos::prelude::*;

use crate::error::AppError;
use crate::model::InvitationView;

/// What an invitation link offers: which stall, from whom, for which address, and whether the
/// viewer can answer it. An unknown token is "not found".
#[server(endpoint = "get_invitation", input = server_fn::codec::GetUrl)]
pub async fn get_invitation(token: String) -> Result<InvitationView, AppError> {
    use crate::db::{accounts, now_ms, stall_team, stalls};

    let ctx = crate::server_context::server_context()?;
    let hash = crate::auth::session_token_hash(token.trim());
    let invitation = stall_team::by_token(&ctx.db, &hash)
        .await?
        .ok_or(AppError::NotFound)?;
    let viewer = crate::session::current_user();
    let (for_viewer, already_member) = match &viewer {
        Some(user) => {
            let email = accounts::account(&ctx.db, user.id)
                .await?
                .map(|a| a.email)
                .unwrap_or_default();
            let member = stalls::membership(&ctx.db, invitation.stall_id, user.id)
                .await?
                .is_some();
            (email == invitation.email, member)
        }
        None => (false, false),
    };
    let state = match invitation.status.as_str() {
        "pending" if invitation.expires_at <= now_ms() => "expired".to_owned(),
        "pending" => "open".to_owned(),
        other => other.to_owned(),
    };
    Ok(InvitationView {
        stall_name: invitation.stall_name,
        stall_slug: invitation.stall_slug,
        stall_public: invitation.stall_status == "approved",
        invited_by_name: invitation.invited_by_name,
        email: invitation.email,
        state,
        logged_in: viewer.is_some(),
        for_viewer,
        already_member,
    })
}
