use leptos::prelude::*;

use crate::error::AppError;

/// Saves a search as an alert: `query` is the results page's query string (words and filters),
/// `name` what the member calls it (empty: its words), `frequency` `instant`, `daily` or
/// `weekly`. With `id`, changes that saved search of theirs instead. A visitor is sent to log
/// in first and back to the results. At most `domain::alerts::MAX_SAVED_SEARCHES` per member.
#[server(endpoint = "save_search")]
pub async fn save_search(
    id: Option<i64>,
    name: String,
    query: String,
    frequency: String,
) -> Result<(), AppError> {
    use crate::db::alerts::{self, SaveError};
    use crate::db::now_ms;
    use crate::domain::alerts::{check, parse_query};
    use crate::error::{FieldError, InvalidInput};

    let Some(user) = crate::session::current_user() else {
        let back = format!("/search?{}", query.trim());
        leptos_axum::redirect(&format!(
            "/login?next={}",
            crate::components::pagination::encode_component(&back)
        ));
        return Ok(());
    };
    let ctx = crate::server_context::server_context()?;
    let typed = [
        ("name", name.as_str()),
        ("query", query.as_str()),
        ("frequency", frequency.as_str()),
    ];
    let refuse = |errors: Vec<FieldError>| AppError::Invalid(InvalidInput::new(errors, &typed));
    let saved = check(&name, &parse_query(query.trim()), &frequency).map_err(refuse)?;
    let id = match alerts::save(&ctx.db, user.id, id, &saved, now_ms()).await {
        Ok(id) => id,
        Err(SaveError::TooMany) => {
            return Err(refuse(vec![FieldError::new("name", "too_many_alerts")]));
        }
        Err(SaveError::NotFound) => return Err(AppError::NotFound),
        Err(SaveError::Db(e)) => {
            tracing::error!(error = %e, "saving a search failed");
            return Err(AppError::Internal);
        }
    };
    leptos_axum::redirect(&format!("/account/alerts?done=saved#alert-{id}"));
    Ok(())
}
