use leptos::prelude::*;

use crate::error::AppError;

/// A logged-in member asks to bid on auction `auction_id`, which admits approved bidders only:
/// `deposit_ref` is the reference of the bank transfer that paid the deposit, `phone` where the
/// moderators can reach them. A moderator confirms the deposit (or refuses, and the member may
/// register again). The seller's side cannot register; neither can anyone once it has ended.
#[server(endpoint = "register_bidder")]
pub async fn register_bidder(
    auction_id: i64,
    deposit_ref: String,
    phone: String,
) -> Result<(), AppError> {
    use crate::db::{auctions, audit, listings, now_ms};
    use crate::domain::auction_setup::limits;
    use crate::domain::{parse_phone, text_between};
    use crate::error::{FieldError, InvalidInput};

    let user = crate::api::accounts::require_user()?;
    let typed = [
        ("deposit_ref", deposit_ref.as_str()),
        ("phone", phone.as_str()),
    ];
    let refused = |errors: Vec<FieldError>| AppError::Invalid(InvalidInput::new(errors, &typed));
    let ctx = crate::server_context::server_context()?;
    let auction = auctions::get(&ctx.db, auction_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let now = now_ms();
    if auction.status != "approved" {
        return Err(AppError::NotFound);
    }
    if !auction.requires_approval || auction.state.ends_at <= now {
        return Err(refused(vec![FieldError::new(
            "deposit_ref",
            "not_allowed_now",
        )]));
    }
    if user.id == auction.rules.seller_id
        || listings::can_manage(&ctx.db, auction.listing_id, user.id).await?
    {
        return Err(refused(vec![FieldError::new(
            "deposit_ref",
            "bid_own_auction",
        )]));
    }
    let mut errors = Vec::new();
    let deposit_ref = text_between(&deposit_ref, limits::DEPOSIT_REF, false)
        .map_err(|code| errors.push(FieldError::new("deposit_ref", code)))
        .ok();
    let phone = parse_phone(&phone)
        .map_err(|code| errors.push(FieldError::new("phone", code)))
        .ok();
    let (Some(deposit_ref), Some(phone)) = (deposit_ref, phone) else {
        return Err(refused(errors));
    };
    if auctions::register_bidder(&ctx.db, auction_id, user.id, &deposit_ref, &phone, now).await? {
        let mut conn = ctx.db.acquire().await?;
        audit::record(
            &mut conn,
            Some(user.id),
            "bidder_registered",
            ("auction", auction_id),
            &deposit_ref,
            now,
        )
        .await?;
    }
    leptos_axum::redirect(&format!("/auctions/{auction_id}?done=registered#bid"));
    Ok(())
}
