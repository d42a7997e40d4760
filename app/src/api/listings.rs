//! Listings as members post and manage them, and as moderators review them.

pub mod decide_listing;
pub mod delete_listing_draft;
pub mod delete_listing_image;
pub mod get_listing_draft;
pub mod get_listing_editor;
pub mod get_listing_images;
pub mod get_own_listings;
pub mod listing_action;
pub mod move_listing_image;
pub mod save_listing;

/// A stored picture as pages show it.
#[cfg(feature = "ssr")]
pub fn image_of(row: crate::db::images::ImageRow) -> crate::model::ListingImage {
    use crate::model::ListingImage;
    ListingImage {
        id: row.id,
        url: ListingImage::media_url(&row.image_key),
        thumb_url: ListingImage::media_url(&row.thumb_key),
        width: row.width,
        height: row.height,
    }
}

/// The refusal of a change to a listing an approved auction has frozen, on form field `field`,
/// keeping what was `typed`.
#[cfg(feature = "ssr")]
pub fn under_auction(field: &str, typed: &[(&str, &str)]) -> crate::error::AppError {
    use crate::error::{AppError, FieldError, InvalidInput};
    let errors = vec![FieldError::new(field, "listing_under_auction")];
    AppError::Invalid(InvalidInput::new(errors, typed))
}
