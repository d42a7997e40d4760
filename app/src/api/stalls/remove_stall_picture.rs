use leptos::prelude::*;

use crate::error::AppError;

/// Takes a stall's logo or cover (`which`) away; only its owners may. On an approved stall the
/// removal waits for review with the rest of its changes.
#[server(endpoint = "remove_stall_picture")]
pub async fn remove_stall_picture(stall_id: i64, which: String) -> Result<(), AppError> {
    use crate::db::stalls::{self, StallPicture};
    use crate::db::{audit, now_ms};

    let user = crate::api::accounts::require_user()?;
    let ctx = crate::server_context::server_context()?;
    let own = super::owned_stall(&ctx.db, stall_id, user.id).await?;
    let which = StallPicture::parse(&which)
        .ok_or_else(|| AppError::bad_request("which must be logo or cover"))?;
    let now = now_ms();
    let mut tx = ctx.db.begin().await?;
    let old = if own.status == "approved" {
        crate::db::stall_revisions::propose_picture(&mut tx, stall_id, which, None, user.id, now)
            .await?
    } else {
        stalls::set_picture(&mut tx, stall_id, which, None).await?
    };
    audit::record(
        &mut tx,
        Some(user.id),
        "stall_picture_removed",
        ("stall", stall_id),
        which.name(),
        now,
    )
    .await?;
    tx.commit().await?;
    if let Some(key) = old {
        crate::db::images::discard_unused(&ctx.db, ctx.media.as_ref(), &[&key]).await?;
    }
    leptos_axum::redirect(&format!("/account/stalls/{stall_id}/pictures?done=removed"));
    Ok(())
}
