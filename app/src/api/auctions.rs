//! Auctions: the bidding page and bids.

pub mod decide_auction;
pub mod decide_bidder;
pub mod get_auction;
pub mod get_auction_editor;
pub mod place_bid;
pub mod register_bidder;
pub mod submit_auction;

/// The viewer's side of an auction: seller or not, their standing and hidden maximum, and a
/// fresh key for their next bid form.
#[cfg(feature = "ssr")]
async fn viewer_of(
    db: &crate::db::Db,
    read: &crate::db::auctions::LiveRead,
    user: Option<&crate::model::CurrentUser>,
) -> Result<crate::model::AuctionViewer, crate::error::AppError> {
    use crate::db::listings;
    use crate::domain::auction::Standing;

    let Some(user) = user else {
        return Ok(crate::model::AuctionViewer {
            logged_in: false,
            is_seller: false,
            standing: Standing::None,
            my_max: None,
            bid_key: crate::auth::random_id(),
            registration: None,
            refusal_reason: None,
        });
    };
    // Who manages the listing now: a member who left the stall is a visitor like any other.
    let is_seller = listings::can_manage(db, read.listing_id, user.id).await?;
    viewer_with(db, read, user, is_seller).await
}

/// The viewer's side of an auction for a logged-in `user` known to be (or not to be) on the
/// seller's side.
#[cfg(feature = "ssr")]
async fn viewer_with(
    db: &crate::db::Db,
    read: &crate::db::auctions::LiveRead,
    user: &crate::model::CurrentUser,
    is_seller: bool,
) -> Result<crate::model::AuctionViewer, crate::error::AppError> {
    use crate::db::auctions;
    use crate::domain::auction::Standing;

    let bid_key = crate::auth::random_id();
    let (has_bid, my_max) = auctions::bidder_state(db, read.live.id, user.id).await?;
    let registration = if read.requires_approval {
        auctions::registration(db, read.live.id, user.id).await?
    } else {
        None
    };
    Ok(crate::model::AuctionViewer {
        logged_in: true,
        is_seller,
        standing: Standing::of(
            Some(user.id),
            has_bid,
            read.first_id,
            read.live.status == "closed",
        ),
        my_max,
        bid_key,
        refusal_reason: registration.as_ref().and_then(|r| r.refusal_reason.clone()),
        registration: registration.map(|r| r.status),
    })
}

/// Whether `user` may see an auction that is not (or no longer) public: its seller's side and
/// moderators.
#[cfg(feature = "ssr")]
async fn may_see_unpublished(
    db: &crate::db::Db,
    read: &crate::db::auctions::LiveRead,
    user: Option<&crate::model::CurrentUser>,
) -> Result<bool, crate::error::AppError> {
    use crate::domain::Role;
    let Some(user) = user else {
        return Ok(false);
    };
    if Role::parse(&user.role).is_ok_and(|role| role.includes(Role::Moderator)) {
        return Ok(true);
    }
    Ok(crate::db::listings::can_manage(db, read.listing_id, user.id).await?)
}
