use leptos::prelude::*;

use crate::error::AppError;
use crate::model::{ArticleEditor, ArticleView, EditorDesk};

/// Articles on a page of the editors' desk.
const DESK_PER_PAGE: u32 = 30;

/// Editors only: every article, last changed first, with how many there are in each state.
#[server(endpoint = "get_editor_desk", input = server_fn::codec::GetUrl)]
pub async fn get_editor_desk(page: Option<u32>) -> Result<EditorDesk, AppError> {
    use crate::db::articles;

    crate::api::accounts::require_role(crate::domain::Role::Editor)?;
    let ctx = crate::server_context::server_context()?;
    let page = page.unwrap_or(1).max(1);
    let (articles, categories, counts) = tokio::try_join!(
        articles::desk(&ctx.db, page, DESK_PER_PAGE),
        articles::categories(&ctx.db),
        articles::status_counts(&ctx.db),
    )?;
    Ok(EditorDesk {
        articles,
        categories,
        counts,
    })
}

/// Editors only: the form for article `id` (0: a new one) and its history.
#[server(endpoint = "get_article_editor", input = server_fn::codec::GetUrl)]
pub async fn get_article_editor(id: i64) -> Result<ArticleEditor, AppError> {
    use crate::db::articles;

    let editor = crate::api::accounts::require_role(crate::domain::Role::Editor)?;
    let ctx = crate::server_context::server_context()?;
    let categories = articles::categories(&ctx.db).await?;
    if id == 0 {
        return Ok(ArticleEditor {
            id: 0,
            form: crate::domain::article::ArticleForm {
                author_name: editor.display_name,
                ..Default::default()
            },
            status: "draft".to_owned(),
            publish_at: None,
            published_at: None,
            cover_key: None,
            categories,
            revisions: Vec::new(),
        });
    }
    let row = articles::editor_row(&ctx.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let revisions = articles::revisions(&ctx.db, id).await?;
    Ok(ArticleEditor {
        id,
        form: row.form,
        status: row.status,
        publish_at: row.publish_at,
        published_at: row.published_at,
        cover_key: row.cover_key,
        categories,
        revisions,
    })
}

/// Editors only: article `id` as readers will see it, in whatever state it is.
#[server(endpoint = "get_article_preview", input = server_fn::codec::GetUrl)]
pub async fn get_article_preview(id: i64) -> Result<ArticleView, AppError> {
    crate::api::accounts::require_role(crate::domain::Role::Editor)?;
    let ctx = crate::server_context::server_context()?;
    crate::db::articles::view(&ctx.db, crate::db::articles::ArticleKey::Id(id))
        .await?
        .ok_or(AppError::NotFound)
}
