//! Videos: clips uploaded to the media store or hosted on YouTube, their posters and captions,
//! drafts editors keep and the gallery readers browse.

use super::Db;
use super::articles::CARD_COLUMNS;
use crate::domain::video::{VideoForm, VideoInput};
use crate::model::{ArticleCard, Page, VideoPage, VideoView};

/// A [`VideoView`]'s columns, `v` being the video.
const COLUMNS: &str = "v.id, v.slug, v.title, v.description, v.source, v.youtube_id, \
     v.media_key, v.media_type, v.media_bytes, v.poster_key, v.poster_thumb, v.captions_vi, \
     v.captions_en, v.status, v.published_at, v.updated_at";

/// Why a video could not be saved.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error("slug taken")]
    SlugTaken,
    /// A published video cannot stop being a YouTube one before a clip is uploaded for it.
    #[error("needs a clip")]
    NeedsClip,
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// Creates (`id` 0) or updates video `id` from `input`; `None` when there is no such video. A
/// YouTube address makes it a YouTube video; clearing it makes it an upload again (a clip
/// uploaded before is kept for that). Editors only (checked by the caller).
pub async fn save(
    db: &Db,
    id: i64,
    input: &VideoInput,
    editor: i64,
    now: i64,
) -> Result<Option<i64>, SaveError> {
    let source = if input.youtube_id.is_some() {
        "youtube"
    } else {
        "upload"
    };
    let _turn = super::dialect::write_turn(db).await;
    let mut tx = super::dialect::begin_write(db).await?;
    if super::slug_taken(&mut tx, "videos", &input.slug, id).await? {
        return Err(SaveError::SlugTaken);
    }
    let id = if id == 0 {
        sqlx::query_scalar(
            "INSERT INTO videos (slug, title, description, source, youtube_id, created_by,
                 created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id",
        )
        .bind(&input.slug)
        .bind(&input.title)
        .bind(&input.description)
        .bind(source)
        .bind(&input.youtube_id)
        .bind(editor)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?
    } else {
        let row: Option<(String, Option<String>)> =
            sqlx::query_as("SELECT status, media_key FROM videos WHERE id = $1")
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?;
        let Some((status, media_key)) = row else {
            return Ok(None);
        };
        if status == "published" && source == "upload" && media_key.is_none() {
            return Err(SaveError::NeedsClip);
        }
        sqlx::query(
            "UPDATE videos SET slug = $2, title = $3, description = $4, source = $5,
                 youtube_id = $6, updated_at = $7
             WHERE id = $1",
        )
        .bind(id)
        .bind(&input.slug)
        .bind(&input.title)
        .bind(&input.description)
        .bind(source)
        .bind(&input.youtube_id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        id
    };
    super::audit::record(
        &mut tx,
        Some(editor),
        "video_saved",
        ("video", id),
        source,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(Some(id))
}

/// What an upload sets on a video.
#[derive(Debug, Clone, Copy)]
pub enum Upload<'a> {
    /// The clip, its type and size.
    Clip(&'a str, &'a str, i64),
    /// The poster at display size and as a thumbnail.
    Poster(&'a str, &'a str),
    /// Captions in Vietnamese (`vi`) or English (`en`).
    Captions(&'a str, &'a str),
}

/// Sets what `upload` carries on video `id`, and returns the keys it replaced (for the caller
/// to discard from the store once unused), or `None` when there is no such video.
pub async fn set_upload(
    db: &Db,
    id: i64,
    upload: Upload<'_>,
    editor: i64,
    now: i64,
) -> sqlx::Result<Option<Vec<String>>> {
    let _turn = super::dialect::write_turn(db).await;
    let mut tx = db.begin().await?;
    let Some(old) =
        sqlx::query_as::<_, VideoView>(&format!("SELECT {COLUMNS} FROM videos v WHERE v.id = $1"))
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?
    else {
        return Ok(None);
    };
    let (what, replaced) = match upload {
        Upload::Clip(key, media_type, bytes) => {
            sqlx::query(
                "UPDATE videos SET media_key = $2, media_type = $3, media_bytes = $4,
                     updated_at = $5 WHERE id = $1",
            )
            .bind(id)
            .bind(key)
            .bind(media_type)
            .bind(bytes)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            ("clip", vec![old.media_key])
        }
        Upload::Poster(poster, thumb) => {
            sqlx::query(
                "UPDATE videos SET poster_key = $2, poster_thumb = $3, updated_at = $4
                 WHERE id = $1",
            )
            .bind(id)
            .bind(poster)
            .bind(thumb)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            ("poster", vec![old.poster_key, old.poster_thumb])
        }
        Upload::Captions(language, key) => {
            let (column, before) = if language == "en" {
                ("captions_en", old.captions_en)
            } else {
                ("captions_vi", old.captions_vi)
            };
            sqlx::query(&format!(
                "UPDATE videos SET {column} = $2, updated_at = $3 WHERE id = $1"
            ))
            .bind(id)
            .bind(key)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            (column, vec![before])
        }
    };
    super::audit::record(
        &mut tx,
        Some(editor),
        "video_upload",
        ("video", id),
        what,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(Some(replaced.into_iter().flatten().collect()))
}

/// Why a video's state could not change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StateRefusal {
    NotFound,
    /// An upload with no clip yet cannot be published.
    NoClip,
}

/// Publishes (`true`) or takes back to a draft (`false`) video `id`. The date readers see is
/// the first publication's.
pub async fn set_published(
    db: &Db,
    id: i64,
    publish: bool,
    editor: i64,
    now: i64,
) -> sqlx::Result<Result<(), StateRefusal>> {
    let _turn = super::dialect::write_turn(db).await;
    let mut tx = db.begin().await?;
    let row: Option<(String, Option<String>)> =
        sqlx::query_as("SELECT source, media_key FROM videos WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
    let Some((source, media_key)) = row else {
        return Ok(Err(StateRefusal::NotFound));
    };
    if publish && source == "upload" && media_key.is_none() {
        return Ok(Err(StateRefusal::NoClip));
    }
    let sql = if publish {
        "UPDATE videos SET status = 'published', published_at = COALESCE(published_at, $2),
             updated_at = $2 WHERE id = $1"
    } else {
        "UPDATE videos SET status = 'draft', updated_at = $2 WHERE id = $1"
    };
    sqlx::query(sql)
        .bind(id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    let action = if publish {
        "video_published"
    } else {
        "video_unpublished"
    };
    super::audit::record(&mut tx, Some(editor), action, ("video", id), "", now).await?;
    tx.commit().await?;
    Ok(Ok(()))
}

/// Video `id` in any state, for the editor.
pub async fn by_id(db: &Db, id: i64) -> sqlx::Result<Option<VideoView>> {
    sqlx::query_as(&format!("SELECT {COLUMNS} FROM videos v WHERE v.id = $1"))
        .bind(id)
        .fetch_optional(db)
        .await
}

/// The form's values for a video as stored.
pub fn form_of(video: &VideoView) -> VideoForm {
    VideoForm {
        title: video.title.clone(),
        slug: video.slug.clone(),
        description: video.description.clone(),
        youtube: video
            .youtube_id
            .as_deref()
            .map(|id| format!("https://www.youtube.com/watch?v={id}"))
            .unwrap_or_default(),
    }
}

/// A page of published videos, newest first.
pub async fn published(db: &Db, page: u32, per_page: u32) -> sqlx::Result<Page<VideoView>> {
    let items = format!(
        "SELECT {COLUMNS} FROM videos v WHERE v.status = 'published'
         ORDER BY v.published_at DESC, v.id DESC LIMIT $1 OFFSET $2"
    );
    let count = "SELECT COUNT(*) FROM videos WHERE status = 'published'";
    super::page_of(db, (&items, count), page, per_page).await
}

/// Every video in any state, last changed first (the editors' list).
pub async fn desk(db: &Db, page: u32, per_page: u32) -> sqlx::Result<Page<VideoView>> {
    let items = format!(
        "SELECT {COLUMNS} FROM videos v ORDER BY v.updated_at DESC, v.id DESC LIMIT $1 OFFSET $2"
    );
    super::page_of(db, (&items, "SELECT COUNT(*) FROM videos"), page, per_page).await
}

/// Videos more to show beside one: the newest published others.
const MORE: i64 = 4;

/// The published video at `slug`, the published articles it is in, and more videos.
pub async fn page(db: &Db, slug: &str) -> sqlx::Result<Option<VideoPage>> {
    let video: Option<VideoView> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM videos v WHERE v.slug = $1 AND v.status = 'published'"
    ))
    .bind(slug)
    .fetch_optional(db)
    .await?;
    let Some(video) = video else {
        return Ok(None);
    };
    let articles = sqlx::query_as::<_, ArticleCard>(&format!(
        "SELECT {CARD_COLUMNS} FROM article_videos k JOIN articles a ON a.id = k.article_id
         WHERE k.video_id = $1 AND a.status = 'published'
         ORDER BY a.published_at DESC, a.id DESC LIMIT 6"
    ))
    .bind(video.id)
    .fetch_all(db)
    .await?;
    let more = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM videos v WHERE v.status = 'published' AND v.id <> $1
         ORDER BY v.published_at DESC, v.id DESC LIMIT $2"
    ))
    .bind(video.id)
    .bind(MORE)
    .fetch_all(db)
    .await?;
    Ok(Some(VideoPage {
        video,
        articles,
        more,
    }))
}

/// The published videos shown in article `article`, in the editor's order.
pub async fn of_article(db: &Db, article: i64) -> sqlx::Result<Vec<VideoView>> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM article_videos k JOIN videos v ON v.id = k.video_id
         WHERE k.article_id = $1 AND v.status = 'published' ORDER BY k.position"
    ))
    .bind(article)
    .fetch_all(db)
    .await
}

/// Slugs and last changes of every published video, for the sitemap.
pub async fn sitemap(db: &Db) -> sqlx::Result<Vec<(String, i64)>> {
    sqlx::query_as(
        "SELECT slug, updated_at FROM videos WHERE status = 'published'
         ORDER BY published_at DESC, id DESC",
    )
    .fetch_all(db)
    .await
}
