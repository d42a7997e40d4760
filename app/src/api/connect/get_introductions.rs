use leptos::prelude::*;

use crate::error::AppError;
use crate::model::Introduction;

/// The member's introductions, asked by them and of them, newest first.
#[server(endpoint = "get_introductions", input = server_fn::codec::GetUrl)]
pub async fn get_introductions() -> Result<Vec<Introduction>, AppError> {
    let user = crate::api::accounts::require_user()?;
    let ctx = crate::server_context::server_context()?;
    Ok(crate::db::introductions::of_member(&ctx.db, user.id).await?)
}

/// The auctions the member sold or won, with what each sale ended in.
#[server(endpoint = "get_auction_deals", input = server_fn::codec::GetUrl)]
pub async fn get_auction_deals() -> Result<Vec<crate::model::AuctionDeal>, AppError> {
    let user = crate::api::accounts::require_user()?;
    let ctx = crate::server_context::server_context()?;
    Ok(crate::db::introductions::auction_deals_of(&ctx.db, user.id).await?)
}
