use leptos::prelude::*;

use crate::error::AppError;

/// The one-click unsubscribe of an alert mail's link (`token`, signed for its member; no login
/// needed): stops every alert mail to them. Then to the page saying so.
#[server(endpoint = "unsubscribe_alerts")]
pub async fn unsubscribe_alerts(token: String) -> Result<(), AppError> {
    use crate::db::{alerts, now_ms};
    use crate::error::{FieldError, InvalidInput};

    let ctx = crate::server_context::server_context()?;
    let key = alerts::signing_key(&ctx.db).await?;
    let Some(user) = alerts::token_user(&key, &token) else {
        return Err(AppError::Invalid(InvalidInput::new(
            vec![FieldError::new("token", "unsubscribe_link_invalid")],
            &[],
        )));
    };
    alerts::unsubscribe(&ctx.db, user, now_ms()).await?;
    leptos_axum::redirect("/alerts/unsubscribe?done=1");
    Ok(())
}
