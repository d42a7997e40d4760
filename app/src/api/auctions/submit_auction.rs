// A plain HTML form posts one argument per field, and the server function macro generates
// functions taking them all.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;

use crate::error::AppError;

/// Puts listing `listing_id` up for auction, for a moderator to approve before it opens: its
/// poster or a member of its stall, for a published offer without an auction (or whose auction
/// a moderator refused: it is submitted again with these rules). Every refusal names its field
/// and keeps what was typed.
#[server(endpoint = "submit_auction")]
pub async fn submit_auction(
    listing_id: i64,
    starting_price: String,
    step: String,
    reserve: String,
    buy_now: String,
    starts_at: String,
    ends_at: String,
    soft_close_minutes: String,
    requires_approval: Option<String>,
    deposit: String,
) -> Result<(), AppError> {
    use crate::db::{auctions, audit, listings, now_ms};
    use crate::domain::auction_setup::AuctionForm;
    use crate::error::{FieldError, InvalidInput};

    let user = crate::api::accounts::require_user()?;
    let form = AuctionForm {
        starting_price,
        step,
        reserve,
        buy_now,
        starts_at,
        ends_at,
        soft_close_minutes,
        requires_approval,
        deposit,
    };
    let listing_text = listing_id.to_string();
    let typed = [
        ("listing_id", listing_text.as_str()),
        ("starting_price", form.starting_price.as_str()),
        ("step", form.step.as_str()),
        ("reserve", form.reserve.as_str()),
        ("buy_now", form.buy_now.as_str()),
        ("starts_at", form.starts_at.as_str()),
        ("ends_at", form.ends_at.as_str()),
        ("soft_close_minutes", form.soft_close_minutes.as_str()),
        (
            "requires_approval",
            form.requires_approval.as_deref().unwrap_or_default(),
        ),
        ("deposit", form.deposit.as_str()),
    ];
    let refused = |errors: Vec<FieldError>| AppError::Invalid(InvalidInput::new(errors, &typed));
    let ctx = crate::server_context::server_context()?;
    if !listings::can_manage(&ctx.db, listing_id, user.id).await? {
        return Err(AppError::NotFound);
    }
    let listing = listings::record(&ctx.db, listing_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if listing.kind != "offer" {
        return Err(AppError::NotFound);
    }
    if listing.status != "published" {
        return Err(refused(vec![FieldError::new(
            "listing_id",
            "listing_not_open",
        )]));
    }
    let now = now_ms();
    let mut setup = form.validate(now).map_err(refused)?;
    setup.rules.seller_id = user.id;
    let submission = auctions::Submission { listing_id, setup };
    let Some(id) = auctions::submit(&ctx.db, &submission, now).await? else {
        return Err(refused(vec![FieldError::new(
            "listing_id",
            "auction_exists",
        )]));
    };
    let mut conn = ctx.db.acquire().await?;
    audit::record(
        &mut conn,
        Some(user.id),
        "auction_submitted",
        ("auction", id),
        &listing.title,
        now,
    )
    .await?;
    leptos_axum::redirect("/account/listings?done=auction_submitted");
    Ok(())
}
