use leptos::prelude::*;

use crate::error::AppError;

/// Administrators only: gives a member another role, recorded in the audit log. An administrator
/// cannot change their own role (so the last one cannot lock everyone out).
#[server(endpoint = "set_user_role")]
pub async fn set_user_role(
    user_id: i64,
    role: String,
    return_to: Option<String>,
) -> Result<(), AppError> {
    use crate::db::{accounts, audit, now_ms};
    use crate::domain::{Role, is_local_path};
    use crate::error::{FieldError, InvalidInput};

    let admin = super::require_role(Role::Admin)?;
    let refused =
        |code| AppError::Invalid(InvalidInput::new(vec![FieldError::new("role", code)], &[]));
    let role = Role::parse(&role).map_err(refused)?;
    if user_id == admin.id {
        return Err(refused("own_role"));
    }
    let ctx = crate::server_context::server_context()?;
    let now = now_ms();
    let mut tx = ctx.db.begin().await?;
    let previous = accounts::set_role(&mut tx, user_id, role.code())
        .await?
        .ok_or(AppError::NotFound)?;
    if previous != role.code() {
        let detail = format!("{previous} → {}", role.code());
        audit::record(
            &mut tx,
            Some(admin.id),
            "role_changed",
            ("user", user_id),
            &detail,
            now,
        )
        .await?;
    }
    tx.commit().await?;
    let back = return_to
        .filter(|path| is_local_path(path))
        .unwrap_or_else(|| "/admin/users".to_owned());
    leptos_axum::redirect(&back);
    Ok(())
}
