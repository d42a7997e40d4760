use leptos::prelude::*;

use crate::error::AppError;
use crate::model::StallTeam;

/// A stall's team: its members, and for its owner the invitations waiting for an answer. Only
/// its members may see it; anyone else gets "not found".
#[server(endpoint = "get_stall_team", input = server_fn::codec::GetUrl)]
pub async fn get_stall_team(id: i64) -> Result<StallTeam, AppError> {
    use crate::db::{now_ms, stall_team};

    let user = crate::api::accounts::require_user()?;
    let ctx = crate::server_context::server_context()?;
    let stall = super::own_stall(&ctx.db, id, user.id).await?;
    let members = stall_team::members(&ctx.db, id).await?;
    let invitations = if stall.role == "owner" {
        stall_team::open_invitations(&ctx.db, id, now_ms()).await?
    } else {
        Vec::new()
    };
    Ok(StallTeam {
        stall,
        viewer_id: user.id,
        members,
        invitations,
    })
}
