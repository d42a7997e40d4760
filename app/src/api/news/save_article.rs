// A plain HTML form posts one argument per field, and the server function macro generates
// functions taking them all.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;

use crate::error::AppError;

/// Editors only: saves article `id` (0: a new one). `intent` is what the button pressed asks:
/// `draft` keeps it as it is (a new article a draft; a scheduled one back to a draft),
/// `publish` publishes it now, `schedule` has the server publish it at `publish_at` (Vietnam
/// time). Every field's fault comes back beside it with everything typed; a slug another
/// article has, or a stall or listing that is not public, likewise. Then to the editor again.
#[server(endpoint = "save_article")]
pub async fn save_article(
    id: i64,
    intent: String,
    title: String,
    slug: String,
    summary: String,
    body: String,
    category: String,
    tags: String,
    author_name: String,
    source_name: String,
    source_url: String,
    links: String,
    publish_at: String,
) -> Result<(), AppError> {
    use crate::db::articles::{self, Publication, SaveError};
    use crate::domain::article::{ArticleForm, ArticleIntent};
    use crate::error::{FieldError, InvalidInput};

    let editor = crate::api::accounts::require_role(crate::domain::Role::Editor)?;
    let form = ArticleForm {
        title,
        slug,
        summary,
        body,
        category,
        tags,
        author_name,
        source_name,
        source_url,
        links,
        publish_at,
    };
    let id_text = id.to_string();
    let mut typed = vec![("id", id_text.as_str()), ("intent", intent.as_str())];
    typed.extend(form.typed());
    let refuse = |errors: Vec<FieldError>| AppError::Invalid(InvalidInput::new(errors, &typed));
    let intent = ArticleIntent::parse(&intent);
    let ctx = crate::server_context::server_context()?;
    let now = crate::db::now_ms();
    let categories: Vec<String> = articles::categories(&ctx.db)
        .await?
        .into_iter()
        .map(|c| c.slug)
        .collect();
    let input = form.validate(intent, &categories, now).map_err(refuse)?;
    let publication = match (intent, input.publish_at) {
        (ArticleIntent::Publish, _) => Publication::Now,
        (ArticleIntent::Schedule, Some(at)) => Publication::At(at),
        (ArticleIntent::Schedule, None) => Publication::Keep,
        (ArticleIntent::Draft, _) => Publication::Draft,
    };
    let saved = match articles::save(&ctx.db, id, &input, publication, editor.id, now).await {
        Ok(saved) => saved.ok_or(AppError::NotFound)?,
        Err(SaveError::SlugTaken) => {
            return Err(refuse(vec![FieldError::new("slug", "slug_taken")]));
        }
        Err(SaveError::UnknownLink(_)) => {
            return Err(refuse(vec![FieldError::new("links", "unknown_link")]));
        }
        Err(SaveError::Db(e)) => return Err(e.into()),
    };
    let done = match publication {
        Publication::Now => "published",
        Publication::At(_) => "scheduled",
        Publication::Keep | Publication::Draft => "saved",
    };
    leptos_axum::redirect(&format!("/editor/articles/{saved}/edit?done={done}"));
    Ok(())
}
