use leptos::prelude::*;

use crate::error::AppError;
use crate::model::ListingDetail;

/// A published listing's page: every field, its stall, related listings; counts the view.
#[server(endpoint = "get_listing", input = server_fn::codec::GetUrl)]
pub async fn get_listing(slug: String) -> Result<ListingDetail, AppError> {
    use crate::db::catalogue;

    /// Related listings shown under a listing: one grid row.
    const RELATED: i64 = 3;
    /// Matches shown: the best, and a few more to stand in for those a member hides.
    const MATCHES: usize = 9;

    let ctx = crate::server_context::server_context()?;
    let row = catalogue::published_listing(&ctx.db, &slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let stall = async {
        match row.stall_id {
            Some(id) => catalogue::stall_contact(&ctx.db, id).await,
            None => Ok(None),
        }
    };
    let (stall, related, images, auction_id, matches, (pledge_count, pledge_total)) = tokio::try_join!(
        stall,
        catalogue::related_listings(&ctx.db, row.id, &row.kind, &row.sector_code, RELATED),
        crate::db::images::of_listing(&ctx.db, row.id),
        catalogue::public_auction_of(&ctx.db, row.id),
        crate::db::matching::matches_cached(&ctx.db, &ctx.search_cache, row.id, MATCHES),
        crate::db::matching::pledges(&ctx.db, row.id),
    )?;
    let pending_views = ctx.listing_views.record(row.id);
    crate::server_context::CountedListing::record(row.id);
    Ok(ListingDetail {
        description_html: crate::markdown::render(&row.description),
        views: row.view_count + pending_views,
        id: row.id,
        slug: row.slug,
        kind: row.kind,
        listing_type: row.listing_type,
        title: row.title,
        summary: row.summary,
        sector_code: row.sector_code,
        province_code: row.province_code,
        price_vnd: row.price_vnd,
        seller_name: row.seller_name,
        seller_phone: row.seller_phone,
        created_at: row.created_at,
        stall,
        related,
        images: images
            .into_iter()
            .map(crate::api::listings::image_of)
            .collect(),
        budget_min_vnd: row.budget_min_vnd,
        budget_max_vnd: row.budget_max_vnd,
        quantity: row.quantity,
        unit: row.unit,
        condition: row.item_condition,
        origin_country: row.origin_country,
        manufacturer: row.manufacturer,
        warranty: row.warranty,
        trl: row.trl,
        ip_kind: row.ip_kind,
        ip_number: row.ip_number,
        certifications: crate::domain::split_certifications(&row.certifications),
        transfer_modes: row
            .transfer_modes
            .split(',')
            .filter(|m| !m.is_empty())
            .map(str::to_owned)
            .collect(),
        seller_email: row.seller_email,
        expires_at: row.expires_at,
        auction_id,
        matches,
        pledge_count,
        pledge_total,
    })
}
