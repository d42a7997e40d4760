use leptos::prelude::*;

use crate::error::AppError;

/// Editors only: `unpublish` takes article `id` from readers (a scheduled one is not
/// published), `publish` publishes it now. Then back to the editor.
#[server(endpoint = "article_action")]
pub async fn article_action(id: i64, action: String) -> Result<(), AppError> {
    use crate::db::articles::{self, Move};

    let editor = crate::api::accounts::require_role(crate::domain::Role::Editor)?;
    let action = match action.as_str() {
        "unpublish" => Move::Unpublish,
        "publish" => Move::Publish,
        _ => return Err(AppError::BadRequest("unknown action".into())),
    };
    let ctx = crate::server_context::server_context()?;
    let now = crate::db::now_ms();
    let moved = articles::move_article(&ctx.db, id, action, editor.id, now)
        .await?
        .ok_or(AppError::NotFound)?;
    let done = match (moved, action) {
        (false, _) => "unchanged",
        (true, Move::Unpublish) => "unpublished",
        (true, Move::Publish) => "published",
    };
    leptos_axum::redirect(&format!("/editor/articles/{id}/edit?done={done}"));
    Ok(())
}

/// Editors only: adds a news category named in both languages (English may be left empty:
/// the Vietnamese name is used). Then back to the desk.
#[server(endpoint = "add_article_category")]
pub async fn add_article_category(name_vi: String, name_en: String) -> Result<(), AppError> {
    use crate::domain::Slug;
    use crate::domain::article::parse_category_name;
    use crate::error::{FieldError, InvalidInput};

    let editor = crate::api::accounts::require_role(crate::domain::Role::Editor)?;
    let typed = [("name_vi", name_vi.as_str()), ("name_en", name_en.as_str())];
    let refuse = |field: &str, code: &str| {
        AppError::Invalid(InvalidInput::new(
            vec![FieldError::new(field, code)],
            &typed,
        ))
    };
    let vi = parse_category_name(&name_vi).map_err(|code| refuse("name_vi", code))?;
    let en = if name_en.trim().is_empty() {
        vi.clone()
    } else {
        parse_category_name(&name_en).map_err(|code| refuse("name_en", code))?
    };
    let slug = Slug::from_title(&vi);
    let ctx = crate::server_context::server_context()?;
    let added = crate::db::articles::add_category(
        &ctx.db,
        slug.as_str(),
        &vi,
        &en,
        editor.id,
        crate::db::now_ms(),
    )
    .await?;
    if added.is_none() {
        return Err(refuse("name_vi", "category_exists"));
    }
    leptos_axum::redirect("/editor/articles?done=category_added");
    Ok(())
}
