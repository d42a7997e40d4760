use leptos::prelude::*;

use crate::error::AppError;

/// Administrators only: logs a member out of every browser (a stolen account, a lost phone),
/// recorded in the audit log.
#[server(endpoint = "revoke_user_sessions")]
pub async fn revoke_user_sessions(user_id: i64, return_to: Option<String>) -> Result<(), AppError> {
    use crate::db::{accounts, audit, now_ms};
    use crate::domain::{Role, is_local_path};

    let admin = super::require_role(Role::Admin)?;
    let ctx = crate::server_context::server_context()?;
    let now = now_ms();
    let mut tx = ctx.db.begin().await?;
    let revoked = accounts::revoke_all_sessions(&mut *tx, user_id, now).await?;
    let detail = format!("{revoked}");
    audit::record(
        &mut tx,
        Some(admin.id),
        "sessions_revoked",
        ("user", user_id),
        &detail,
        now,
    )
    .await?;
    tx.commit().await?;
    let back = return_to
        .filter(|path| is_local_path(path))
        .unwrap_or_else(|| "/admin/users".to_owned());
    leptos_axum::redirect(&back);
    Ok(())
}
