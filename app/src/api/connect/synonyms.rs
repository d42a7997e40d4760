use leptos::prelude::*;

use crate::error::AppError;
use crate::model::SynonymSet;

/// Longest synonym set accepted, in characters.
pub const SYNONYMS_CHARS: usize = 500;

/// Moderators only: the synonym sets searches widen to.
#[server(endpoint = "get_synonyms", input = server_fn::codec::GetUrl)]
pub async fn get_synonyms() -> Result<Vec<SynonymSet>, AppError> {
    crate::api::accounts::require_role(crate::domain::Role::Moderator)?;
    let ctx = crate::server_context::server_context()?;
    Ok(crate::db::search::synonyms(&ctx.db)
        .await?
        .into_iter()
        .map(|(id, phrases)| SynonymSet { id, phrases })
        .collect())
}

/// Moderators only: adds a synonym set (`id` 0) or changes set `id`. The set is phrases
/// separated by `=` or commas, at least two of them; searches use it at once. Then back to
/// `/moderation/synonyms`.
#[server(endpoint = "save_synonyms")]
pub async fn save_synonyms(id: i64, phrases: String) -> Result<(), AppError> {
    use crate::error::{FieldError, InvalidInput};

    let moderator = crate::api::accounts::require_role(crate::domain::Role::Moderator)?;
    let id_text = id.to_string();
    let refuse = |code: &str| {
        AppError::Invalid(InvalidInput::new(
            vec![FieldError::new("phrases", code)],
            &[("phrases", &phrases), ("id", &id_text)],
        ))
    };
    let trimmed = phrases.trim();
    if trimmed.chars().count() > SYNONYMS_CHARS {
        return Err(refuse("too_long"));
    }
    // One line: a set is one row.
    let one_line = trimmed.replace(['\r', '\n'], " ");
    if crate::domain::ranking::parse_synonym_sets(&one_line).len() != 1 {
        return Err(refuse("synonyms_too_few"));
    }
    let ctx = crate::server_context::server_context()?;
    let now = crate::db::now_ms();
    if !crate::db::search::save_synonyms(&ctx.db, id, &one_line, moderator.id, now).await? {
        return Err(AppError::NotFound);
    }
    leptos_axum::redirect("/moderation/synonyms");
    Ok(())
}

/// Moderators only: deletes synonym set `id`, then back to `/moderation/synonyms`.
#[server(endpoint = "delete_synonyms")]
pub async fn delete_synonyms(id: i64) -> Result<(), AppError> {
    crate::api::accounts::require_role(crate::domain::Role::Moderator)?;
    let ctx = crate::server_context::server_context()?;
    if !crate::db::search::delete_synonyms(&ctx.db, id).await? {
        return Err(AppError::NotFound);
    }
    leptos_axum::redirect("/moderation/synonyms");
    Ok(())
}
