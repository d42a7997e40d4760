use leptos::prelude::*;

use crate::error::AppError;
use crate::model::Conversation;

/// A conversation the member takes part in, with its messages and how far they had read it (a
/// GET changes nothing: [`super::mark_conversation_read`] marks it read). Anyone else gets "not
/// found", whatever the id.
#[server(endpoint = "get_conversation", input = server_fn::codec::GetUrl)]
pub async fn get_conversation(id: i64) -> Result<Conversation, AppError> {
    use crate::db::inquiries;
    use crate::model::{ChatMessage, ConversationSide};

    let user = crate::api::accounts::require_user()?;
    let ctx = crate::server_context::server_context()?;
    let head = inquiries::head_for(&ctx.db, id, user.id)
        .await?
        .ok_or(AppError::NotFound)?;
    let (messages, last_read_id) = tokio::try_join!(
        inquiries::messages(&ctx.db, id, super::MESSAGES_SHOWN),
        inquiries::last_read(&ctx.db, id, user.id),
    )?;
    let side_of = |author_id: i64| {
        if author_id == head.inquirer_id {
            ConversationSide::Inquirer
        } else {
            ConversationSide::Listing
        }
    };
    Ok(Conversation {
        id: head.id,
        side: side_of(user.id),
        messages: messages
            .into_iter()
            .map(|m| ChatMessage {
                id: m.id,
                mine: m.author_id == user.id,
                side: side_of(m.author_id),
                author_name: m.author_name,
                body: m.body,
                created_at: m.created_at,
            })
            .collect(),
        listing_slug: head.listing_slug,
        listing_title: head.listing_title,
        listing_kind: head.listing_kind,
        listing_status: head.listing_status,
        inquirer_name: head.inquirer_name,
        seller_name: head.seller_name,
        last_read_id,
    })
}
