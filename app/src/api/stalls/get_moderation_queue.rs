use leptos::prelude::*;

use crate::error::AppError;
use crate::model::ModerationQueue;

/// Moderators only: the stalls, listings and auctions waiting for review, and the bidders
/// waiting for their deposit to be confirmed, oldest first.
#[server(endpoint = "get_moderation_queue", input = server_fn::codec::GetUrl)]
pub async fn get_moderation_queue() -> Result<ModerationQueue, AppError> {
    use crate::db::stalls;
    use crate::domain::Role;
    use crate::model::PendingStall;

    /// Stalls shown at once.
    const SHOWN: i64 = 50;

    crate::api::accounts::require_role(Role::Moderator)?;
    let ctx = crate::server_context::server_context()?;
    let (pending, total, listings, listings_total) = tokio::try_join!(
        stalls::pending(&ctx.db, SHOWN),
        stalls::count_pending(&ctx.db),
        crate::db::listings::pending(&ctx.db, SHOWN),
        crate::db::listings::count_pending(&ctx.db),
    )?;
    let (auctions, auctions_total, bidders, bidders_total) = tokio::try_join!(
        crate::db::auctions::pending(&ctx.db, SHOWN),
        crate::db::auctions::count_pending(&ctx.db),
        crate::db::auctions::pending_bidders(&ctx.db, SHOWN),
        crate::db::auctions::count_pending_bidders(&ctx.db),
    )?;
    Ok(ModerationQueue {
        stalls: pending
            .into_iter()
            .map(|(s, submitted_by, submitted_email)| PendingStall {
                id: s.id,
                name: s.name,
                org_kind: s.org_kind,
                sector_code: s.sector_code,
                province_code: s.province_code,
                description: s.description,
                address: s.address,
                phone: s.phone,
                email: s.email,
                website: s.website,
                contact_person: s.contact_person,
                founded_year: s.founded_year,
                certifications: crate::domain::split_certifications(&s.certifications),
                created_at: s.created_at,
                submitted_by,
                submitted_email,
            })
            .collect(),
        pending_stalls: total,
        listings: listings
            .into_iter()
            .map(|l| crate::model::PendingListing {
                id: l.id,
                kind: l.kind,
                listing_type: l.listing_type,
                title: l.title,
                summary: l.summary,
                description_html: crate::markdown::render(&l.description),
                sector_code: l.sector_code,
                province_code: l.province_code,
                price_vnd: l.price_vnd,
                seller: l
                    .seller_name
                    .unwrap_or_else(|| format!("#{}", l.stall_id.unwrap_or_default())),
                submitted_at: l.created_at,
            })
            .collect(),
        pending_listings: listings_total,
        auctions,
        pending_auctions: auctions_total,
        bidders,
        pending_bidders: bidders_total,
    })
}
