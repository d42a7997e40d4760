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
    use crate::db::{listings, now_ms};
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
    let Some(listing) = auctions::listing_of(&ctx.db, auction_id).await? else {
        return Err(AppError::NotFound);
    };
    // The rules know the seller; the stall's other members may not bid either.
    if listings::can_manage(&ctx.db, listing.listing_id, user.id).await? {
        return Err(refuse(BidError::OwnAuction.code()));
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
        if let Some(outbid) = placed.outbid.filter(|&o| o != user.id) {
            notify_outbid(
                &ctx,
                outbid,
                (auction_id, &listing.title),
                placed.state.price,
            )
            .await?;
        }
    }
    let read = auctions::read_live(&ctx.db, auction_id, now_ms())
        .await?
        .ok_or(AppError::NotFound)?;
    let viewer = super::viewer_of(&ctx.db, &read, Some(&user)).await?;
    Ok(BidAccepted {
        live: read.live,
        viewer,
    })
}

/// Tells the bidder who lost the lead: a notification (their bell rings at once) and a mail.
#[cfg(feature = "ssr")]
async fn notify_outbid(
    ctx: &crate::server_context::ServerContext,
    bidder: i64,
    auction: (i64, &str),
    price: i64,
) -> Result<(), AppError> {
    use crate::db::notifications::{self, Kind};
    use crate::db::{now_ms, outbox};

    let now = now_ms();
    let (email, name, locale): (String, String, String) =
        sqlx::query_as("SELECT email, display_name, locale FROM users WHERE id = $1")
            .bind(bidder)
            .fetch_one(&ctx.db)
            .await?;
    let mut tx = ctx.db.begin().await?;
    notifications::add(&mut tx, bidder, Kind::Outbid, auction, Some(price), now).await?;
    let locale = crate::i18n::Locale::from_code(&locale).unwrap_or_default();
    let mail = crate::mail::auction_outbid(locale, &email, &name, &ctx.public_url, auction, price);
    outbox::enqueue(&mut tx, &mail, now).await?;
    tx.commit().await?;
    ctx.outbox_wake.notify_one();
    ctx.live.members_notified(&[bidder]).await;
    Ok(())
}
