//! Inquiries between members and the sides of listings, and members' watchlists.

pub mod get_conversation;
pub mod get_inbox;
pub mod get_listing_viewer;
pub mod get_watchlist;
pub mod mark_conversation_read;
pub mod reply_inquiry;
pub mod send_inquiry;
pub mod set_watched;

/// Messages shown at once in a conversation (the newest).
#[cfg(feature = "ssr")]
const MESSAGES_SHOWN: i64 = 500;

/// A message refused for `code`, with what was typed kept for the form.
#[cfg(feature = "ssr")]
fn refused(code: &str, body: &str) -> crate::error::AppError {
    use crate::error::{AppError, FieldError, InvalidInput};
    AppError::Invalid(InvalidInput::new(
        vec![FieldError::new("body", code)],
        &[("body", body)],
    ))
}

/// Stores message `text` by `author` in conversation `head.id` and queues a mail for each other
/// participant who had nothing unread in it (the first of a run of messages wakes them; the rest
/// wait in the inbox). `first`: the message opens the conversation. Returns the message's id.
#[cfg(feature = "ssr")]
async fn post_message(
    tx: &mut sqlx::AnyConnection,
    head: (i64, &str),
    author: &crate::model::CurrentUser,
    author_label: &str,
    text: &str,
    first: bool,
) -> Result<i64, crate::error::AppError> {
    use crate::db::{inquiries, now_ms, outbox};

    let (conversation_id, listing_title) = head;
    let now = now_ms();
    // A double click or a retried request sends the same text twice within moments: keep one.
    let previous: Option<(i64, i64, String, i64)> = sqlx::query_as(
        "SELECT id, author_id, body, created_at FROM messages
         WHERE conversation_id = $1 ORDER BY id DESC LIMIT 1",
    )
    .bind(conversation_id)
    .fetch_optional(&mut *tx)
    .await?;
    if let Some((id, author_id, body, at)) = previous
        && author_id == author.id
        && body == text
        && now - at < 60_000
    {
        return Ok(id);
    }
    let id = inquiries::add_message(tx, conversation_id, author.id, text, now).await?;
    let ctx = crate::server_context::server_context()?;
    for recipient in inquiries::recipients(tx, conversation_id, author.id, id).await? {
        if recipient.unread_before > 0 {
            continue;
        }
        let mail = crate::mail::new_message(
            crate::i18n::Locale::from_code(&recipient.locale).unwrap_or_default(),
            &recipient.email,
            &recipient.display_name,
            &ctx.public_url,
            (conversation_id, listing_title),
            author_label,
            first,
        );
        outbox::enqueue(tx, &mail, now).await?;
    }
    Ok(id)
}
