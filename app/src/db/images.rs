//! Pictures of listings, as rows pointing at objects in the media store. A listing keeps its
//! number of pictures and its first thumbnail up to date in the same transaction as any change.

use super::Db;

/// One stored picture.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ImageRow {
    pub id: i64,
    pub position: i64,
    pub image_key: String,
    pub thumb_key: String,
    pub width: i64,
    pub height: i64,
}

/// A listing's pictures in the order shown.
pub async fn of_listing(db: &Db, listing_id: i64) -> sqlx::Result<Vec<ImageRow>> {
    sqlx::query_as(
        "SELECT id, position, image_key, thumb_key, width, height FROM listing_images
         WHERE listing_id = $1 ORDER BY position, id",
    )
    .bind(listing_id)
    .fetch_all(db)
    .await
}

/// Adds a picture after the listing's others; returns its id.
pub async fn add(
    conn: &mut sqlx::AnyConnection,
    listing_id: i64,
    (image_key, thumb_key): (&str, &str),
    (width, height): (u32, u32),
    now_ms: i64,
) -> sqlx::Result<i64> {
    let id = sqlx::query_scalar(
        "INSERT INTO listing_images (listing_id, position, image_key, thumb_key, width, height, created_at)
         VALUES ($1, (SELECT COALESCE(MAX(position), 0) + 1 FROM listing_images WHERE listing_id = $1),
                 $2, $3, $4, $5, $6)
         RETURNING id",
    )
    .bind(listing_id)
    .bind(image_key)
    .bind(thumb_key)
    .bind(i64::from(width))
    .bind(i64::from(height))
    .bind(now_ms)
    .fetch_one(&mut *conn)
    .await?;
    refresh(conn, listing_id).await?;
    Ok(id)
}

/// Removes picture `image_id` of listing `listing_id`; returns its keys if it was there.
pub async fn remove(
    conn: &mut sqlx::AnyConnection,
    listing_id: i64,
    image_id: i64,
) -> sqlx::Result<Option<(String, String)>> {
    let keys: Option<(String, String)> = sqlx::query_as(
        "DELETE FROM listing_images WHERE id = $1 AND listing_id = $2
         RETURNING image_key, thumb_key",
    )
    .bind(image_id)
    .bind(listing_id)
    .fetch_optional(&mut *conn)
    .await?;
    if keys.is_some() {
        refresh(conn, listing_id).await?;
    }
    Ok(keys)
}

/// Where a picture goes among its listing's others.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    /// To the front: it becomes the cover.
    First,
    /// One place towards the front.
    Earlier,
    /// One place towards the back.
    Later,
}

impl Move {
    /// `first`, `earlier` or `later`, as forms send it.
    pub fn parse(name: &str) -> Option<Self> {
        match name {
            "first" => Some(Self::First),
            "earlier" => Some(Self::Earlier),
            "later" => Some(Self::Later),
            _ => None,
        }
    }
}

/// Moves picture `image_id` of listing `listing_id` and numbers the listing's pictures 1, 2, …
/// in their new order (the first is the cover). Returns whether the picture is the listing's.
pub async fn move_image(
    conn: &mut sqlx::AnyConnection,
    listing_id: i64,
    image_id: i64,
    to: Move,
) -> sqlx::Result<bool> {
    let mut ids: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM listing_images WHERE listing_id = $1 ORDER BY position, id",
    )
    .bind(listing_id)
    .fetch_all(&mut *conn)
    .await?;
    let Some(at) = ids.iter().position(|id| *id == image_id) else {
        return Ok(false);
    };
    match to {
        Move::First => {
            let id = ids.remove(at);
            ids.insert(0, id);
        }
        Move::Earlier if at > 0 => ids.swap(at, at - 1),
        Move::Later if at + 1 < ids.len() => ids.swap(at, at + 1),
        // Already at that end.
        Move::Earlier | Move::Later => {}
    }
    for (position, id) in (1_i64..).zip(&ids) {
        sqlx::query("UPDATE listing_images SET position = $1 WHERE id = $2")
            .bind(position)
            .bind(id)
            .execute(&mut *conn)
            .await?;
    }
    refresh(conn, listing_id).await?;
    Ok(true)
}

/// Whether any listing's, stall's or article's picture still uses object `key` (demo pictures
/// are shared).
pub async fn key_in_use(db: &Db, key: &str) -> sqlx::Result<bool> {
    let n: i64 = sqlx::query_scalar(
        "SELECT (SELECT COUNT(*) FROM listing_images WHERE image_key = $1 OR thumb_key = $1)
              + (SELECT COUNT(*) FROM stalls WHERE logo_key = $1 OR cover_key = $1)
              + (SELECT COUNT(*) FROM stall_revisions WHERE logo_key = $1 OR cover_key = $1)
              + (SELECT COUNT(*) FROM articles WHERE cover_key = $1 OR cover_thumb = $1)
              + (SELECT COUNT(*) FROM events WHERE cover_key = $1 OR cover_thumb = $1)
              + (SELECT COUNT(*) FROM videos WHERE media_key = $1 OR poster_key = $1
                     OR poster_thumb = $1 OR captions_vi = $1 OR captions_en = $1)",
    )
    .bind(key)
    .fetch_one(db)
    .await?;
    Ok(n > 0)
}

/// Removes from the store those of `keys` no picture uses any more. The rows are gone either
/// way, so a file that cannot be removed is only wasted space: it is logged, not an error.
pub async fn discard_unused(
    db: &Db,
    store: &dyn crate::media::ObjectStore,
    keys: &[&str],
) -> sqlx::Result<()> {
    for key in keys {
        if !key_in_use(db, key).await?
            && let Err(e) = store.delete(key).await
        {
            tracing::warn!("could not remove {key} from the media store: {e}");
        }
    }
    Ok(())
}

/// Recomputes a listing's picture count and cover thumbnail.
async fn refresh(conn: &mut sqlx::AnyConnection, listing_id: i64) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE listings SET
             image_count = (SELECT COUNT(*) FROM listing_images WHERE listing_id = $1),
             cover_thumb = (SELECT thumb_key FROM listing_images WHERE listing_id = $1
                            ORDER BY position, id LIMIT 1)
         WHERE id = $1",
    )
    .bind(listing_id)
    .execute(conn)
    .await?;
    Ok(())
}
