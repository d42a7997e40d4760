//! News articles: written and changed by editors with every change kept as a revision,
//! published at once or at a time set (by whichever server process gets there first), read by
//! everyone once published.

use serde::{Deserialize, Serialize};

use super::Db;
use super::catalogue::{LISTING_CARD_COLUMNS, STALL_CARD_COLUMNS};
use crate::domain::article::{ArticleForm, ArticleInput, ArticleLink};
use crate::model::{
    ArticleCard, ArticleCategory, ArticleRevision, ArticleView, EditorArticle, ListingCard, Page,
    StallCard, TagLabel,
};

/// An [`ArticleCard`]'s columns, `a` being the article.
pub(super) const CARD_COLUMNS: &str = "a.id, a.slug, a.title, a.summary, a.category, a.cover_thumb, \
     a.published_at, a.reading_minutes";

/// Why an article could not be saved.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// Another article has this slug.
    #[error("slug taken")]
    SlugTaken,
    /// A stall or listing to attach is not public (its slug, as given).
    #[error("no public stall or listing {0}")]
    UnknownLink(String),
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// The fields a revision keeps, as they were after the change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Snapshot {
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
}

impl Snapshot {
    fn of(input: &ArticleInput) -> Self {
        Self {
            title: input.title.clone(),
            slug: input.slug.clone(),
            summary: input.summary.clone(),
            body: input.body.clone(),
            category: input.category.clone(),
            tags: {
                // As stored: by their URL form.
                let mut tags: Vec<_> = input.tags.iter().collect();
                tags.sort_by(|a, b| a.slug.cmp(&b.slug));
                tags.iter()
                    .map(|t| t.label.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            },
            author_name: input.author_name.clone(),
            source_name: input.source_name.clone().unwrap_or_default(),
            source_url: input.source_url.clone().unwrap_or_default(),
            links: links_text(&input.links),
        }
    }

    /// Article `id`'s fields as stored (`None` when there is no such article).
    async fn load(conn: &mut sqlx::AnyConnection, id: i64) -> sqlx::Result<Option<Self>> {
        #[derive(sqlx::FromRow)]
        struct Row {
            title: String,
            slug: String,
            summary: String,
            body: String,
            category: String,
            author_name: String,
            source_name: Option<String>,
            source_url: Option<String>,
        }
        let row: Option<Row> = sqlx::query_as(
            "SELECT title, slug, summary, body, category, author_name, source_name, source_url
             FROM articles WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
        let Some(row) = row else {
            return Ok(None);
        };
        let tags: Vec<String> =
            sqlx::query_scalar("SELECT label FROM article_tags WHERE article_id = $1 ORDER BY tag")
                .bind(id)
                .fetch_all(&mut *conn)
                .await?;
        let mut links: Vec<String> = sqlx::query_scalar(
            "SELECT CASE WHEN k.stall_id IS NOT NULL THEN '/stalls/' || s.slug
                         ELSE '/listings/' || l.slug END
             FROM article_links k
             LEFT JOIN stalls s ON s.id = k.stall_id
             LEFT JOIN listings l ON l.id = k.listing_id
             WHERE k.article_id = $1 ORDER BY k.position",
        )
        .bind(id)
        .fetch_all(&mut *conn)
        .await?;
        links.extend(
            sqlx::query_scalar::<_, String>(
                "SELECT '/videos/' || v.slug FROM article_videos k
                 JOIN videos v ON v.id = k.video_id
                 WHERE k.article_id = $1 ORDER BY k.position",
            )
            .bind(id)
            .fetch_all(&mut *conn)
            .await?,
        );
        Ok(Some(Self {
            title: row.title,
            slug: row.slug,
            summary: row.summary,
            body: row.body,
            category: row.category,
            tags: tags.join(", "),
            author_name: row.author_name,
            source_name: row.source_name.unwrap_or_default(),
            source_url: row.source_url.unwrap_or_default(),
            links: links.join("\n"),
        }))
    }

    fn json(&self) -> String {
        serde_json::to_string(self).expect("a snapshot serialises")
    }

    /// The names of the fields that differ from `before`, in form order.
    fn changed_since(&self, before: &Self) -> Vec<&'static str> {
        let pairs: [(&'static str, &String, &String); 10] = [
            ("title", &self.title, &before.title),
            ("slug", &self.slug, &before.slug),
            ("summary", &self.summary, &before.summary),
            ("body", &self.body, &before.body),
            ("category", &self.category, &before.category),
            ("tags", &self.tags, &before.tags),
            ("author_name", &self.author_name, &before.author_name),
            ("source_name", &self.source_name, &before.source_name),
            ("source_url", &self.source_url, &before.source_url),
            ("links", &self.links, &before.links),
        ];
        pairs
            .into_iter()
            .filter(|(_, now, then)| now != then)
            .map(|(name, _, _)| name)
            .collect()
    }

    fn into_form(self) -> ArticleForm {
        ArticleForm {
            title: self.title,
            slug: self.slug,
            summary: self.summary,
            body: self.body,
            category: self.category,
            tags: self.tags,
            author_name: self.author_name,
            source_name: self.source_name,
            source_url: self.source_url,
            links: self.links,
            publish_at: String::new(),
        }
    }
}

/// The links as an editor writes them, one a line: stalls, then listings, then videos (as
/// stored).
fn links_text(links: &[ArticleLink]) -> String {
    let of_kind = |rank: u8| {
        links.iter().filter_map(move |link| match (rank, link) {
            (0, ArticleLink::Stall(slug)) => Some(format!("/stalls/{slug}")),
            (1, ArticleLink::Listing(slug)) => Some(format!("/listings/{slug}")),
            (2, ArticleLink::Video(slug)) => Some(format!("/videos/{slug}")),
            _ => None,
        })
    };
    of_kind(0)
        .chain(of_kind(1))
        .chain(of_kind(2))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every category, in the editors' order.
pub async fn categories(db: &Db) -> sqlx::Result<Vec<ArticleCategory>> {
    sqlx::query_as("SELECT slug, name_vi, name_en FROM article_categories ORDER BY position, slug")
        .fetch_all(db)
        .await
}

/// Adds a category last; `None` when one with the same code exists.
pub async fn add_category(
    db: &Db,
    slug: &str,
    name_vi: &str,
    name_en: &str,
    editor: i64,
    now: i64,
) -> sqlx::Result<Option<String>> {
    let _turn = super::dialect::write_turn(db).await;
    let added = sqlx::query(
        "INSERT INTO article_categories (slug, name_vi, name_en, position, created_by, created_at)
         SELECT $1, $2, $3, COALESCE(MAX(position), 0) + 1, $4, $5 FROM article_categories
         ON CONFLICT DO NOTHING",
    )
    .bind(slug)
    .bind(name_vi)
    .bind(name_en)
    .bind(editor)
    .bind(now)
    .execute(db)
    .await?;
    Ok((added.rows_affected() == 1).then(|| slug.to_owned()))
}

/// What a save does to the article's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Publication {
    /// Stays as it is (a new article: a draft).
    Keep,
    /// Readers see it from now.
    Now,
    /// Published by the server at this instant.
    At(i64),
    /// Back to a draft (a scheduled article unscheduled).
    Draft,
}

/// Creates (`id` 0) or changes article `id` with `input`, then applies `publication`, all in one
/// transaction with its revision. Returns the article's id, or `None` when `id` names none.
pub async fn save(
    db: &Db,
    id: i64,
    input: &ArticleInput,
    publication: Publication,
    editor: i64,
    now: i64,
) -> Result<Option<i64>, SaveError> {
    let body_html = crate::markdown::render(&input.body);
    let fold_text =
        crate::domain::index_text(&format!("{} {} {}", input.title, input.summary, input.body));
    let snapshot = Snapshot::of(input);
    let _turn = super::dialect::write_turn(db).await;
    let mut tx = super::dialect::begin_write(db).await?;
    if super::slug_taken(&mut tx, "articles", &input.slug, id).await? {
        return Err(SaveError::SlugTaken);
    }
    let mut stalls = Vec::new();
    let mut listings = Vec::new();
    let mut videos = Vec::new();
    for link in &input.links {
        let (sql, slug, into) = match link {
            ArticleLink::Stall(slug) => (
                "SELECT id FROM stalls WHERE slug = $1 AND status = 'approved'",
                slug,
                &mut stalls,
            ),
            ArticleLink::Listing(slug) => (
                "SELECT id FROM listings WHERE slug = $1 AND status = 'published'",
                slug,
                &mut listings,
            ),
            // A draft video may be attached; the article shows it once it is published.
            ArticleLink::Video(slug) => {
                ("SELECT id FROM videos WHERE slug = $1", slug, &mut videos)
            }
        };
        let found: Option<i64> = sqlx::query_scalar(sql)
            .bind(slug)
            .fetch_optional(&mut *tx)
            .await?;
        into.push(found.ok_or_else(|| SaveError::UnknownLink(slug.clone()))?);
    }
    let (id, action, changed) = if id == 0 {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO articles (slug, title, summary, body, body_html, category, author_name,
                 source_name, source_url, status, reading_minutes, fold_text, created_by,
                 created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'draft', $10, $11, $12, $13, $13)
             RETURNING id",
        )
        .bind(&input.slug)
        .bind(&input.title)
        .bind(&input.summary)
        .bind(&input.body)
        .bind(&body_html)
        .bind(&input.category)
        .bind(&input.author_name)
        .bind(&input.source_name)
        .bind(&input.source_url)
        .bind(input.reading_minutes())
        .bind(&fold_text)
        .bind(editor)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        (id, "created", String::new())
    } else {
        let Some(before) = Snapshot::load(&mut tx, id).await? else {
            return Ok(None);
        };
        let updated = sqlx::query(
            "UPDATE articles SET slug = $2, title = $3, summary = $4, body = $5, body_html = $6,
                 category = $7, author_name = $8, source_name = $9, source_url = $10,
                 reading_minutes = $11, fold_text = $12, updated_at = $13
             WHERE id = $1",
        )
        .bind(id)
        .bind(&input.slug)
        .bind(&input.title)
        .bind(&input.summary)
        .bind(&input.body)
        .bind(&body_html)
        .bind(&input.category)
        .bind(&input.author_name)
        .bind(&input.source_name)
        .bind(&input.source_url)
        .bind(input.reading_minutes())
        .bind(&fold_text)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        if updated.rows_affected() == 0 {
            return Ok(None);
        }
        let changed = snapshot.changed_since(&before).join(",");
        (id, "edited", changed)
    };
    // Tags and links are replaced whole.
    sqlx::query("DELETE FROM article_tags WHERE article_id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    for tag in &input.tags {
        sqlx::query(
            "INSERT INTO article_tags (article_id, tag, label, published_at)
             SELECT $1, $2, $3, CASE WHEN status = 'published' THEN published_at END
             FROM articles WHERE id = $1",
        )
        .bind(id)
        .bind(&tag.slug)
        .bind(&tag.label)
        .execute(&mut *tx)
        .await?;
    }
    sqlx::query("DELETE FROM article_links WHERE article_id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    let mut position = 0i64;
    for (stall, listing) in stalls
        .iter()
        .map(|s| (Some(*s), None))
        .chain(listings.iter().map(|l| (None, Some(*l))))
    {
        position += 1;
        sqlx::query(
            "INSERT INTO article_links (article_id, position, stall_id, listing_id)
             VALUES ($1, $2, $3, $4)",
        )
        .bind(id)
        .bind(position)
        .bind(stall)
        .bind(listing)
        .execute(&mut *tx)
        .await?;
    }
    sqlx::query("DELETE FROM article_videos WHERE article_id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    for (position, video) in (1i64..).zip(&videos) {
        sqlx::query(
            "INSERT INTO article_videos (article_id, position, video_id) VALUES ($1, $2, $3)",
        )
        .bind(id)
        .bind(position)
        .bind(video)
        .execute(&mut *tx)
        .await?;
    }
    let snapshot_json = snapshot.json();
    // A save that changed nothing and publishes nothing leaves no revision.
    if action == "created" || !changed.is_empty() {
        record(
            &mut tx,
            id,
            Some(editor),
            action,
            &changed,
            &snapshot_json,
            now,
        )
        .await?;
    }
    match publication {
        Publication::Keep => {}
        Publication::Now => {
            set_published(&mut tx, id, now).await?;
            record(
                &mut tx,
                id,
                Some(editor),
                "published",
                "",
                &snapshot_json,
                now,
            )
            .await?;
        }
        Publication::At(at) => {
            sqlx::query("UPDATE articles SET status = 'scheduled', publish_at = $2 WHERE id = $1")
                .bind(id)
                .bind(at)
                .execute(&mut *tx)
                .await?;
            set_tags_published(&mut tx, id).await?;
            record(
                &mut tx,
                id,
                Some(editor),
                "scheduled",
                "",
                &snapshot_json,
                now,
            )
            .await?;
        }
        Publication::Draft => {
            let moved = sqlx::query(
                "UPDATE articles SET status = 'draft', publish_at = NULL
                 WHERE id = $1 AND status = 'scheduled'",
            )
            .bind(id)
            .execute(&mut *tx)
            .await?;
            if moved.rows_affected() == 1 {
                record(
                    &mut tx,
                    id,
                    Some(editor),
                    "unscheduled",
                    "",
                    &snapshot_json,
                    now,
                )
                .await?;
            }
        }
    }
    tx.commit().await?;
    Ok(Some(id))
}

/// Adds a revision of `article`: `editor` (`None`: the server, as scheduled) did `action`,
/// changing `changed`, leaving the fields `snapshot`; and stamps the article with a new article
/// search version. Every change is recorded, so every change reaches the search index; call it
/// after the transaction's other writes (the version's row stays locked until the commit, so
/// transactions commit in the order of their versions).
async fn record(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    article: i64,
    editor: Option<i64>,
    action: &str,
    changed: &str,
    snapshot: &str,
    now: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO article_revisions (article_id, editor_id, action, changed, snapshot, created_at)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(article)
    .bind(editor)
    .bind(action)
    .bind(changed)
    .bind(snapshot)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    // Every change may change what a search finds (`db::article_search`).
    let version: i64 = sqlx::query_scalar(
        "UPDATE site_counters SET value = value + 1 WHERE name = 'article_search_version'
         RETURNING value",
    )
    .fetch_one(&mut **tx)
    .await?;
    sqlx::query("UPDATE articles SET search_version = $2 WHERE id = $1")
        .bind(article)
        .bind(version)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// [`record`]s a change that left article `id`'s fields as they are stored.
async fn record_as_stored(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    id: i64,
    editor: Option<i64>,
    action: &str,
    changed: &str,
    now: i64,
) -> sqlx::Result<()> {
    let snapshot = Snapshot::load(tx, id)
        .await?
        .map(|s| s.json())
        .unwrap_or_default();
    record(tx, id, editor, action, changed, &snapshot, now).await
}

/// Publishes article `id` at `now`; the date readers see is the first publication's.
async fn set_published(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    id: i64,
    now: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE articles SET status = 'published', publish_at = NULL,
             published_at = COALESCE(published_at, $2)
         WHERE id = $1",
    )
    .bind(id)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    set_tags_published(tx, id).await
}

/// Mirrors article `id`'s publication date onto its tags (NULL unless published).
async fn set_tags_published(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    id: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE article_tags SET published_at =
             (SELECT CASE WHEN a.status = 'published' THEN a.published_at END
              FROM articles a WHERE a.id = article_tags.article_id)
         WHERE article_id = $1",
    )
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// An editor's decision on a saved article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    /// Readers no longer see it (a scheduled one is not published).
    Unpublish,
    /// Readers see it again (or for the first time) from now.
    Publish,
}

/// Applies `action` to article `id`: whether it moved (`false` when it already was in that
/// state), `None` when there is no such article.
pub async fn move_article(
    db: &Db,
    id: i64,
    action: Move,
    editor: i64,
    now: i64,
) -> sqlx::Result<Option<bool>> {
    let _turn = super::dialect::write_turn(db).await;
    let mut tx = db.begin().await?;
    let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM articles WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
    if exists.is_none() {
        return Ok(None);
    }
    let (moved, name) = match action {
        Move::Unpublish => {
            let moved = sqlx::query(
                "UPDATE articles SET status = 'unpublished', publish_at = NULL, updated_at = $2
                 WHERE id = $1 AND status IN ('published', 'scheduled')",
            )
            .bind(id)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            set_tags_published(&mut tx, id).await?;
            (moved.rows_affected() == 1, "unpublished")
        }
        Move::Publish => {
            let moved = sqlx::query(
                "UPDATE articles SET updated_at = $2 WHERE id = $1 AND status <> 'published'",
            )
            .bind(id)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            if moved.rows_affected() == 1 {
                set_published(&mut tx, id, now).await?;
            }
            (moved.rows_affected() == 1, "published")
        }
    };
    if moved {
        record_as_stored(&mut tx, id, Some(editor), name, "", now).await?;
    }
    tx.commit().await?;
    Ok(Some(moved))
}

/// Publishes every scheduled article whose time has come; each is published once even when
/// several processes run this at once (the state changes in the statement that claims it).
/// Returns the ids published by this call.
pub async fn publish_due(db: &Db, now: i64) -> sqlx::Result<Vec<i64>> {
    let due: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM articles WHERE status = 'scheduled' AND publish_at <= $1
         ORDER BY publish_at LIMIT 100",
    )
    .bind(now)
    .fetch_all(db)
    .await?;
    let mut published = Vec::new();
    for id in due {
        let _turn = super::dialect::write_turn(db).await;
        let mut tx = db.begin().await?;
        // The claim: the publication time becomes the date readers see.
        let claimed = sqlx::query(
            "UPDATE articles SET status = 'published',
                 published_at = COALESCE(published_at, publish_at), publish_at = NULL
             WHERE id = $1 AND status = 'scheduled' AND publish_at <= $2",
        )
        .bind(id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        if claimed.rows_affected() == 1 {
            set_tags_published(&mut tx, id).await?;
            record_as_stored(&mut tx, id, None, "published", "", now).await?;
            published.push(id);
        }
        tx.commit().await?;
    }
    Ok(published)
}

/// A page of published articles, newest first, maybe of one category or tag. The page's ids
/// are read from an index alone, then joined.
pub async fn published(
    db: &Db,
    category: Option<&str>,
    tag: Option<&str>,
    page: u32,
    per_page: u32,
) -> sqlx::Result<Page<ArticleCard>> {
    let offset = i64::from(page.saturating_sub(1)) * i64::from(per_page);
    // (where the page's ids come from, how many there are, the filter's value)
    let (ids, total, key) = match (category, tag) {
        (_, Some(tag)) => (
            "SELECT article_id AS id FROM article_tags
             WHERE tag = $3 AND published_at IS NOT NULL
             ORDER BY published_at DESC, article_id DESC LIMIT $1 OFFSET $2",
            "SELECT COUNT(*) FROM article_tags WHERE tag = $1 AND published_at IS NOT NULL",
            Some(tag),
        ),
        (Some(category), None) => (
            "SELECT id FROM articles
             WHERE category = $3 AND status = 'published'
             ORDER BY published_at DESC, id DESC LIMIT $1 OFFSET $2",
            "SELECT COUNT(*) FROM articles WHERE category = $1 AND status = 'published'",
            Some(category),
        ),
        (None, None) => (
            "SELECT id FROM articles WHERE status = 'published'
             ORDER BY published_at DESC, id DESC LIMIT $1 OFFSET $2",
            "SELECT COUNT(*) FROM articles WHERE status = 'published'",
            None,
        ),
    };
    let sql = format!(
        "SELECT {CARD_COLUMNS} FROM ({ids}) page JOIN articles a ON a.id = page.id
         ORDER BY a.published_at DESC, a.id DESC"
    );
    let mut query = sqlx::query_as::<_, ArticleCard>(&sql)
        .bind(i64::from(per_page))
        .bind(offset);
    let mut count = sqlx::query_scalar::<_, i64>(total);
    if let Some(key) = key {
        query = query.bind(key);
        count = count.bind(key);
    }
    let items = query.fetch_all(db).await?;
    let total = count.fetch_one(db).await?;
    Ok(Page {
        items,
        page,
        per_page,
        total,
    })
}

/// The label a tag is written with on published articles.
pub async fn tag_label(db: &Db, tag: &str) -> sqlx::Result<Option<TagLabel>> {
    sqlx::query_as(
        "SELECT tag, label FROM article_tags WHERE tag = $1 AND published_at IS NOT NULL LIMIT 1",
    )
    .bind(tag)
    .fetch_optional(db)
    .await
}

#[derive(sqlx::FromRow)]
struct ArticleRow {
    id: i64,
    slug: String,
    title: String,
    summary: String,
    body_html: String,
    category: String,
    author_name: String,
    source_name: Option<String>,
    source_url: Option<String>,
    cover_key: Option<String>,
    status: String,
    published_at: Option<i64>,
    publish_at: Option<i64>,
    updated_at: i64,
    reading_minutes: i64,
}

/// The published article at `slug` (or, for an editor's preview, article `id` in any state),
/// with its tags, attached stalls and listings (those still public) and related articles.
pub async fn view(db: &Db, by: ArticleKey<'_>) -> sqlx::Result<Option<ArticleView>> {
    const COLUMNS: &str = "id, slug, title, summary, body_html, category, author_name, \
         source_name, source_url, cover_key, status, published_at, publish_at, updated_at, \
         reading_minutes";
    let row: Option<ArticleRow> = match by {
        ArticleKey::PublishedSlug(slug) => {
            sqlx::query_as(&format!(
                "SELECT {COLUMNS} FROM articles WHERE slug = $1 AND status = 'published'"
            ))
            .bind(slug)
            .fetch_optional(db)
            .await?
        }
        ArticleKey::Id(id) => {
            sqlx::query_as(&format!("SELECT {COLUMNS} FROM articles WHERE id = $1"))
                .bind(id)
                .fetch_optional(db)
                .await?
        }
    };
    let Some(row) = row else {
        return Ok(None);
    };
    let category = sqlx::query_as::<_, ArticleCategory>(
        "SELECT slug, name_vi, name_en FROM article_categories WHERE slug = $1",
    )
    .bind(&row.category)
    .fetch_one(db)
    .await?;
    let tags = sqlx::query_as::<_, TagLabel>(
        "SELECT tag, label FROM article_tags WHERE article_id = $1 ORDER BY label",
    )
    .bind(row.id)
    .fetch_all(db)
    .await?;
    let listings = sqlx::query_as::<_, ListingCard>(&format!(
        "SELECT {LISTING_CARD_COLUMNS} FROM article_links k
         JOIN listings l ON l.id = k.listing_id
         LEFT JOIN stalls s ON s.id = l.stall_id
         WHERE k.article_id = $1 AND l.status = 'published'
         ORDER BY k.position"
    ))
    .bind(row.id)
    .fetch_all(db)
    .await?;
    let stalls = sqlx::query_as::<_, StallCard>(&format!(
        "SELECT {STALL_CARD_COLUMNS} FROM article_links k
         JOIN stalls s ON s.id = k.stall_id
         WHERE k.article_id = $1 AND s.status = 'approved'
         ORDER BY k.position"
    ))
    .bind(row.id)
    .fetch_all(db)
    .await?;
    let related = related(db, row.id, &row.category).await?;
    let videos = super::videos::of_article(db, row.id).await?;
    Ok(Some(ArticleView {
        id: row.id,
        slug: row.slug,
        title: row.title,
        summary: row.summary,
        body_html: row.body_html,
        category,
        tags,
        author_name: row.author_name,
        source_name: row.source_name,
        source_url: row.source_url,
        cover_key: row.cover_key,
        status: row.status,
        published_at: row.published_at,
        publish_at: row.publish_at,
        updated_at: row.updated_at,
        reading_minutes: row.reading_minutes,
        listings,
        stalls,
        related,
        videos,
    }))
}

/// How [`view`] finds an article.
#[derive(Debug, Clone, Copy)]
pub enum ArticleKey<'a> {
    /// Readers: the published article at this address.
    PublishedSlug(&'a str),
    /// Editors: any article.
    Id(i64),
}

/// Up to three (a grid row) published articles sharing most tags with article `id` (among each tag's newest),
/// then its category's newest. A tag may have thousands of articles: each is read from its
/// index only as far as its newest [`RELATED_PER_TAG`], not grouped whole.
async fn related(db: &Db, id: i64, category: &str) -> sqlx::Result<Vec<ArticleCard>> {
    const RELATED: usize = 3;
    const RELATED_PER_TAG: i64 = 40;
    let tags: Vec<String> =
        sqlx::query_scalar("SELECT tag FROM article_tags WHERE article_id = $1")
            .bind(id)
            .fetch_all(db)
            .await?;
    // (article, tags shared, newest publication seen)
    let mut shared: Vec<(i64, usize, i64)> = Vec::new();
    for tag in &tags {
        let newest: Vec<(i64, i64)> = sqlx::query_as(
            "SELECT article_id, published_at FROM article_tags
             WHERE tag = $1 AND published_at IS NOT NULL AND article_id <> $2
             ORDER BY published_at DESC, article_id DESC LIMIT $3",
        )
        .bind(tag)
        .bind(id)
        .bind(RELATED_PER_TAG)
        .fetch_all(db)
        .await?;
        for (article, at) in newest {
            match shared.iter_mut().find(|(a, _, _)| *a == article) {
                Some(entry) => entry.1 += 1,
                None => shared.push((article, 1, at)),
            }
        }
    }
    shared.sort_by(|a, b| b.1.cmp(&a.1).then(b.2.cmp(&a.2)));
    let mut ids: Vec<i64> = shared.iter().take(RELATED).map(|(a, _, _)| *a).collect();
    if ids.len() < RELATED {
        let more: Vec<i64> = sqlx::query_scalar(
            "SELECT id FROM articles
             WHERE category = $1 AND status = 'published' AND id <> $2
             ORDER BY published_at DESC, id DESC LIMIT 8",
        )
        .bind(category)
        .bind(id)
        .fetch_all(db)
        .await?;
        for article in more {
            if ids.len() == RELATED {
                break;
            }
            if !ids.contains(&article) {
                ids.push(article);
            }
        }
    }
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT {CARD_COLUMNS} FROM articles a WHERE a.id IN ({})",
        super::dialect::placeholders(1, ids.len(), 1)
    );
    let mut query = sqlx::query_as::<_, ArticleCard>(&sql);
    for article in &ids {
        query = query.bind(*article);
    }
    let mut cards = query.fetch_all(db).await?;
    cards.sort_by_key(|card| ids.iter().position(|id| *id == card.id));
    Ok(cards)
}

/// Every article for the editors' desk, last changed first.
pub async fn desk(db: &Db, page: u32, per_page: u32) -> sqlx::Result<Page<EditorArticle>> {
    let offset = i64::from(page.saturating_sub(1)) * i64::from(per_page);
    let items = sqlx::query_as::<_, EditorArticle>(
        "SELECT id, slug, title, category, status, publish_at, published_at, updated_at
         FROM articles ORDER BY updated_at DESC, id DESC LIMIT $1 OFFSET $2",
    )
    .bind(i64::from(per_page))
    .bind(offset)
    .fetch_all(db)
    .await?;
    let total: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM articles")
        .fetch_one(db)
        .await?;
    Ok(Page {
        items,
        page,
        per_page,
        total,
    })
}

/// Articles per status.
pub async fn status_counts(db: &Db) -> sqlx::Result<Vec<(String, i64)>> {
    sqlx::query_as("SELECT status, COUNT(*) FROM articles GROUP BY status ORDER BY status")
        .fetch_all(db)
        .await
}

/// Article `id` as its editor form shows it (the latest revision's fields), with its state.
pub struct EditorRow {
    pub form: ArticleForm,
    pub status: String,
    pub publish_at: Option<i64>,
    pub published_at: Option<i64>,
    pub cover_key: Option<String>,
}

#[derive(sqlx::FromRow)]
struct StateRow {
    status: String,
    publish_at: Option<i64>,
    published_at: Option<i64>,
    cover_key: Option<String>,
}

/// The editor's view of article `id`.
pub async fn editor_row(db: &Db, id: i64) -> sqlx::Result<Option<EditorRow>> {
    let row: Option<StateRow> = sqlx::query_as(
        "SELECT status, publish_at, published_at, cover_key FROM articles WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(db)
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let mut conn = db.acquire().await?;
    let Some(snapshot) = Snapshot::load(&mut conn, id).await? else {
        return Ok(None);
    };
    let form = snapshot.into_form();
    Ok(Some(EditorRow {
        form,
        status: row.status,
        publish_at: row.publish_at,
        published_at: row.published_at,
        cover_key: row.cover_key,
    }))
}

/// Article `id`'s history, newest first.
pub async fn revisions(db: &Db, id: i64) -> sqlx::Result<Vec<ArticleRevision>> {
    sqlx::query_as(
        "SELECT r.id, r.action, r.changed, u.display_name AS editor_name, r.created_at
         FROM article_revisions r LEFT JOIN users u ON u.id = r.editor_id
         WHERE r.article_id = $1 ORDER BY r.id DESC",
    )
    .bind(id)
    .fetch_all(db)
    .await
}

/// Article `id`'s cover and its thumbnail keys; `None` when there is no such article.
pub async fn cover(db: &Db, id: i64) -> sqlx::Result<Option<(Option<String>, Option<String>)>> {
    sqlx::query_as("SELECT cover_key, cover_thumb FROM articles WHERE id = $1")
        .bind(id)
        .fetch_optional(db)
        .await
}

/// Sets article `id`'s cover (display size and thumbnail keys); `false` when there is none.
pub async fn set_cover(
    db: &Db,
    id: i64,
    cover: (&str, &str),
    editor: i64,
    now: i64,
) -> sqlx::Result<bool> {
    let _turn = super::dialect::write_turn(db).await;
    let mut tx = db.begin().await?;
    let updated = sqlx::query(
        "UPDATE articles SET cover_key = $2, cover_thumb = $3, updated_at = $4 WHERE id = $1",
    )
    .bind(id)
    .bind(cover.0)
    .bind(cover.1)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    if updated.rows_affected() == 1 {
        record_as_stored(&mut tx, id, Some(editor), "edited", "cover", now).await?;
    }
    tx.commit().await?;
    Ok(updated.rows_affected() == 1)
}

/// The sitemap's article files: published articles by id, `per_file` a file; for each file, when
/// its newest change was (ms since the epoch).
pub async fn sitemap_files(db: &Db, per_file: i64) -> sqlx::Result<Vec<i64>> {
    sqlx::query_scalar(
        "SELECT MAX(updated_at) FROM (
           SELECT (ROW_NUMBER() OVER (ORDER BY id) - 1) / $1 AS file, updated_at
           FROM articles WHERE status = 'published'
         ) AS numbered GROUP BY file ORDER BY file",
    )
    .bind(per_file)
    .fetch_all(db)
    .await
}

/// Published articles' slugs and when each last changed, by id, `limit` from `offset` on.
pub async fn sitemap(db: &Db, offset: i64, limit: i64) -> sqlx::Result<Vec<(String, i64)>> {
    sqlx::query_as(
        "SELECT slug, updated_at FROM articles WHERE status = 'published'
         ORDER BY id LIMIT $1 OFFSET $2",
    )
    .bind(limit)
    .bind(offset)
    .fetch_all(db)
    .await
}

/// Number of published articles.
pub async fn count_published(db: &Db) -> sqlx::Result<i64> {
    sqlx::query_scalar("SELECT COUNT(*) FROM articles WHERE status = 'published'")
        .fetch_one(db)
        .await
}
