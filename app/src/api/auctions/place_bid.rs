use leptos::prelude::*;

use crate::error::AppError;
use crate::model::BidAccepted;

/// A logged-in member bids on auction `auction_id`. `kind` is `max` (a maximum typed into the
/// form; the auction bids for them up to it), `quick` (one of the buttons: exactly `max`) or
/// `buy_now`. A typed maximum and a buy-now are binding, so they are taken only with
/// `confirmed`; without it the form comes back asking to confirm (`bid_confirm`). `key` is the
/// form's own: the same key from the same bidder is applied once (a double click, a retry).
/// Refusals name their reason on the `max` field and keep what was typed.
#[server(endpoint = "place_bid")]
pub async fn place_bid(
    auction_id: i64,
    kind: String,
    max: Option<String>,
    key: String,
    confirmed: Option<String>,
) -> Result<BidAccepted, AppError> {
    use crate::db::auctions::{self, PlaceError};
    use crate::db::now_ms;
    use crate::domain::Vnd;
    use crate::domain::auction::{Action, BidError};
    use crate::error::{FieldError, InvalidInput};

    let typed = max.unwrap_or_default();
    let refuse = |code: &str| {
        AppError::Invalid(InvalidInput::new(
            vec![FieldError::new("max", code)],
            &[("max", &typed), ("kind", &kind)],
        ))
    };
    let user = crate::api::accounts::require_user()?;
    let ctx = crate::server_context::server_context()?;
    let key = key.trim();
    if key.is_empty() || key.len() > 64 || key.contains(['\n', '\r']) {
        return Err(AppError::BadRequest("key".into()));
    }
    let action = match kind.as_str() {
        "max" | "quick" => {
            let amount = Vnd::parse(&typed).map_err(&refuse)?;
            Action::Bid {
                max: amount.amount(),
            }
        }
        "buy_now" => Action::BuyNow,
        _ => return Err(refuse("invalid_choice")),
    };
    let binding = kind != "quick";
    if binding && confirmed.as_deref() != Some("yes") {
        return Err(refuse("bid_confirm"));
    }
    // The rules know the seller; the stall's other members may not bid either.
    match auctions::on_seller_side(&ctx.db, auction_id, user.id).await? {
        None => return Err(AppError::NotFound),
        Some(true) => return Err(refuse(BidError::OwnAuction.code())),
        Some(false) => {}
    }
    let placed = auctions::place(&ctx.db, auction_id, user.id, action, key, now_ms)
        .await
        .map_err(|e| match e {
            PlaceError::NotFound => AppError::NotFound,
            PlaceError::NotOpen => refuse("bid_not_open"),
            PlaceError::NotRegistered => refuse("bid_not_registered"),
            PlaceError::Refused(refusal) => refuse(refusal.code()),
            PlaceError::Db(e) => AppError::from(e),
        })?;
    if !placed.duplicate {
        ctx.live.auction_changed(auction_id).await;
        // Their notification was written with the bid; ring their bell.
        if let Some(outbid) = placed.outbid {
            ctx.live.members_notified(&[outbid]).await;
        }
    }
    let read = auctions::read_live(&ctx.db, auction_id, now_ms())
        .await?
        .ok_or(AppError::NotFound)?;
    let viewer = super::viewer_with(&ctx.db, &read, &user, false).await?;
    Ok(BidAccepted {
        live: read.live,
        viewer,
    })
}
