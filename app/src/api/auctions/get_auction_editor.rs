use leptos::prelude::*;

use crate::error::AppError;
use crate::model::AuctionEditor;

/// The form putting listing `id` up for auction, for its poster or a member of its stall:
/// suggestions for a new auction, or the rules of the one a moderator refused. Others get "not
/// found", whatever the id.
#[server(endpoint = "get_auction_editor", input = server_fn::codec::GetUrl)]
pub async fn get_auction_editor(id: i64) -> Result<AuctionEditor, AppError> {
    use crate::db::{auctions, listings, now_ms};
    use crate::domain::auction_setup::{AuctionForm, vietnam_datetime_input};
    use crate::domain::{money_grouping, vietnam_day, vietnam_day_end_ms};

    let user = crate::api::accounts::require_user()?;
    let ctx = crate::server_context::server_context()?;
    if !listings::can_manage(&ctx.db, id, user.id).await? {
        return Err(AppError::NotFound);
    }
    let listing = listings::record(&ctx.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if listing.kind != "offer" {
        return Err(AppError::NotFound);
    }
    let now = now_ms();
    let existing = auctions::of_listing(&ctx.db, id).await?;
    let amount = |v: Option<i64>| v.map(money_grouping).unwrap_or_default();
    let (form, rejection_reason) = match &existing {
        Some((auction_id, status, reason)) if status == "cancelled" => {
            let stored = auctions::get(&ctx.db, *auction_id)
                .await?
                .ok_or(AppError::NotFound)?;
            let deposit: Option<i64> =
                sqlx::query_scalar("SELECT deposit_vnd FROM auctions WHERE id = $1")
                    .bind(auction_id)
                    .fetch_one(&ctx.db)
                    .await?;
            let r = stored.rules;
            (
                AuctionForm {
                    starting_price: money_grouping(r.starting_price),
                    step: money_grouping(r.step),
                    reserve: amount(r.reserve),
                    buy_now: amount(r.buy_now),
                    starts_at: vietnam_datetime_input(r.starts_at.max(now)),
                    ends_at: vietnam_datetime_input(r.ends_at),
                    soft_close_minutes: (r.soft_close_ms / 60_000).to_string(),
                    requires_approval: stored.requires_approval.then(|| "yes".to_owned()),
                    deposit: amount(deposit),
                },
                reason.clone(),
            )
        }
        _ => {
            // Tomorrow 09:00 to 20:00 three days later, Vietnam time: room for the review.
            let tomorrow = vietnam_day_end_ms(vietnam_day(now));
            let starts = tomorrow + 9 * 3_600_000;
            (
                AuctionForm {
                    starting_price: amount(listing.price_vnd),
                    starts_at: vietnam_datetime_input(starts),
                    ends_at: vietnam_datetime_input(starts + 3 * 86_400_000 + 11 * 3_600_000),
                    soft_close_minutes: "3".to_owned(),
                    ..AuctionForm::default()
                },
                None,
            )
        }
    };
    Ok(AuctionEditor {
        listing_id: id,
        listing_slug: listing.slug,
        title: listing.title,
        listing_status: listing.status,
        price_vnd: listing.price_vnd,
        form,
        rejection_reason,
        existing: existing
            .filter(|(_, status, _)| status != "cancelled")
            .map(|(id, status, _)| (id, status)),
        server_now: now,
    })
}
