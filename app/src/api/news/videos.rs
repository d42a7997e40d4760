//! Videos: the gallery and a video's page for readers; the editors' list, form and actions.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::{VideoDesk, VideoEditor, VideoGallery, VideoPage};

/// Videos on a page of `/videos`.
pub const VIDEOS_PER_PAGE: u32 = 12;

/// Videos on a page of the editors' list.
const DESK_PER_PAGE: u32 = 30;

/// `/videos`: a page of published videos, newest first.
#[server(endpoint = "get_videos", input = server_fn::codec::GetUrl)]
pub async fn get_videos(page: Option<u32>) -> Result<VideoGallery, AppError> {
    let ctx = crate::server_context::server_context()?;
    let page = page.unwrap_or(1).clamp(1, 100_000);
    let videos = crate::db::videos::published(&ctx.db, page, VIDEOS_PER_PAGE).await?;
    Ok(VideoGallery { videos })
}

/// `/videos/{slug}`: a published video, the articles it is in and more videos.
#[server(endpoint = "get_video", input = server_fn::codec::GetUrl)]
pub async fn get_video(slug: String) -> Result<VideoPage, AppError> {
    let ctx = crate::server_context::server_context()?;
    crate::db::videos::page(&ctx.db, &slug)
        .await?
        .ok_or(AppError::NotFound)
}

/// Editors only: every video, last changed first.
#[server(endpoint = "get_video_desk", input = server_fn::codec::GetUrl)]
pub async fn get_video_desk(page: Option<u32>) -> Result<VideoDesk, AppError> {
    crate::api::accounts::require_role(crate::domain::Role::Editor)?;
    let ctx = crate::server_context::server_context()?;
    let page = page.unwrap_or(1).max(1);
    let videos = crate::db::videos::desk(&ctx.db, page, DESK_PER_PAGE).await?;
    Ok(VideoDesk { videos })
}

/// Editors only: the form for video `id` (0: a new one) and what has been uploaded for it.
#[server(endpoint = "get_video_editor", input = server_fn::codec::GetUrl)]
pub async fn get_video_editor(id: i64) -> Result<VideoEditor, AppError> {
    crate::api::accounts::require_role(crate::domain::Role::Editor)?;
    if id == 0 {
        return Ok(VideoEditor {
            id: 0,
            form: Default::default(),
            video: None,
        });
    }
    let ctx = crate::server_context::server_context()?;
    let video = crate::db::videos::by_id(&ctx.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(VideoEditor {
        id,
        form: crate::db::videos::form_of(&video),
        video: Some(video),
    })
}

/// Editors only: saves video `id` (0: a new one, kept as a draft). Every field's fault comes
/// back beside it with everything typed; a slug another video has likewise. Then to the editor,
/// where the clip, poster and captions are uploaded.
#[server(endpoint = "save_video")]
pub async fn save_video(
    id: i64,
    title: String,
    slug: String,
    description: String,
    youtube: String,
) -> Result<(), AppError> {
    use crate::db::videos::{self, SaveError};
    use crate::domain::video::VideoForm;
    use crate::error::{FieldError, InvalidInput};

    let editor = crate::api::accounts::require_role(crate::domain::Role::Editor)?;
    let form = VideoForm {
        title,
        slug,
        description,
        youtube,
    };
    let id_text = id.to_string();
    let mut typed = vec![("id", id_text.as_str())];
    typed.extend(form.typed());
    let refuse = |errors: Vec<FieldError>| AppError::Invalid(InvalidInput::new(errors, &typed));
    let input = form.validate().map_err(refuse)?;
    let ctx = crate::server_context::server_context()?;
    let saved = match videos::save(&ctx.db, id, &input, editor.id, crate::db::now_ms()).await {
        Ok(saved) => saved.ok_or(AppError::NotFound)?,
        Err(SaveError::SlugTaken) => {
            return Err(refuse(vec![FieldError::new("slug", "slug_taken")]));
        }
        Err(SaveError::NeedsClip) => {
            return Err(refuse(vec![FieldError::new("youtube", "video_needs_clip")]));
        }
        Err(SaveError::Db(e)) => return Err(e.into()),
    };
    leptos_axum::redirect(&format!("/editor/videos/{saved}/edit?done=saved"));
    Ok(())
}

/// Editors only: `publish` shows video `id` to readers (an upload needs its clip first),
/// `unpublish` takes it back to a draft. Then back to the editor.
#[server(endpoint = "video_action")]
pub async fn video_action(id: i64, action: String) -> Result<(), AppError> {
    use crate::db::videos::StateRefusal;
    use crate::error::{FieldError, InvalidInput};

    let editor = crate::api::accounts::require_role(crate::domain::Role::Editor)?;
    let publish = match action.as_str() {
        "publish" => true,
        "unpublish" => false,
        _ => return Err(AppError::BadRequest("unknown action".into())),
    };
    let ctx = crate::server_context::server_context()?;
    let moved =
        crate::db::videos::set_published(&ctx.db, id, publish, editor.id, crate::db::now_ms())
            .await?;
    match moved {
        Ok(()) => {}
        Err(StateRefusal::NotFound) => return Err(AppError::NotFound),
        Err(StateRefusal::NoClip) => {
            return Err(AppError::Invalid(InvalidInput::new(
                vec![FieldError::new("clip", "video_needs_clip")],
                &[("id", id.to_string().as_str()), ("action", action.as_str())],
            )));
        }
    }
    let done = if publish { "published" } else { "unpublished" };
    leptos_axum::redirect(&format!("/editor/videos/{id}/edit?done={done}"));
    Ok(())
}
