use leptos::prelude::*;

use crate::error::AppError;
use crate::model::InboxEntry;

/// The member's conversations, sent and received, latest activity first, with unread counts.
#[server(endpoint = "get_inbox", input = server_fn::codec::GetUrl)]
pub async fn get_inbox() -> Result<Vec<InboxEntry>, AppError> {
    use crate::model::ConversationSide;

    /// Conversations listed; older ones are reached from their listings.
    const SHOWN: i64 = 200;
    /// Characters of the newest message shown in the list.
    const EXCERPT: usize = 140;

    let user = crate::api::accounts::require_user()?;
    let ctx = crate::server_context::server_context()?;
    Ok(crate::db::inquiries::inbox(&ctx.db, user.id, SHOWN)
        .await?
        .into_iter()
        .map(|row| {
            let mine = row.inquirer_id == user.id;
            let mut excerpt: String = row.last_body.chars().take(EXCERPT).collect();
            if excerpt.len() < row.last_body.len() {
                excerpt.push('…');
            }
            InboxEntry {
                id: row.id,
                side: if mine {
                    ConversationSide::Inquirer
                } else {
                    ConversationSide::Listing
                },
                other_party: if mine {
                    row.seller_name
                } else {
                    row.inquirer_name
                },
                listing_slug: row.listing_slug,
                listing_title: row.listing_title,
                listing_kind: row.listing_kind,
                last_message_at: row.last_message_at,
                excerpt,
                unread: row.unread,
            }
        })
        .collect())
}
