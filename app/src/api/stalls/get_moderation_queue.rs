use leptos::prelude::*;

use crate::error::AppError;
use crate::model::ModerationQueue;

/// Moderators only: the stalls, changes to approved stalls, listings and auctions waiting for
/// review, and the bidders waiting for their deposit to be confirmed, oldest first, each with the
/// pictures it would show and the fingerprint its decision form sends back.
#[server(endpoint = "get_moderation_queue", input = server_fn::codec::GetUrl)]
pub async fn get_moderation_queue() -> Result<ModerationQueue, AppError> {
    use crate::domain::Role;

    crate::api::accounts::require_role(Role::Moderator)?;
    let ctx = crate::server_context::server_context()?;
    queue(&ctx.db).await
}

/// Items shown at once, per kind.
#[cfg(feature = "ssr")]
const SHOWN: i64 = 50;

/// `/media/…` of a stored picture.
#[cfg(feature = "ssr")]
fn media(key: &str) -> String {
    format!("/media/{key}")
}

/// The queue as a moderator sees it now.
#[cfg(feature = "ssr")]
pub(crate) async fn queue(db: &crate::db::Db) -> Result<ModerationQueue, AppError> {
    use crate::api::decision::fingerprint;
    use crate::db::stalls;
    use crate::model::PendingStall;

    let (pending, total, listings, listings_total) = tokio::try_join!(
        stalls::pending(db, SHOWN),
        stalls::count_pending(db),
        crate::db::listings::pending(db, SHOWN),
        crate::db::listings::count_pending(db),
    )?;
    let (auctions, auctions_total, bidders, bidders_total) = tokio::try_join!(
        crate::db::auctions::pending(db, SHOWN),
        crate::db::auctions::count_pending(db),
        crate::db::auctions::pending_bidders(db, SHOWN),
        crate::db::auctions::count_pending_bidders(db),
    )?;
    let mut stall_cards = Vec::with_capacity(pending.len());
    for (s, submitted_by, submitted_email) in pending {
        let (logo, cover) = stalls::pictures(db, s.id).await?;
        let mut card = PendingStall {
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
            logo: logo.as_deref().map(media),
            cover: cover.as_deref().map(media),
            fingerprint: String::new(),
        };
        card.fingerprint = fingerprint(&card);
        stall_cards.push(card);
    }
    let mut listing_cards = Vec::with_capacity(listings.len());
    for l in listings {
        let pictures = crate::db::images::of_listing(db, l.id)
            .await?
            .iter()
            .map(|image| media(&image.thumb_key))
            .collect();
        let mut card = crate::model::PendingListing {
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
            pictures,
            fingerprint: String::new(),
        };
        card.fingerprint = fingerprint(&card);
        listing_cards.push(card);
    }
    let auctions = auctions
        .into_iter()
        .map(|mut a| {
            a.fingerprint = fingerprint(&a);
            a
        })
        .collect();
    let bidders = bidders
        .into_iter()
        .map(|mut b| {
            b.fingerprint = fingerprint(&b);
            b
        })
        .collect();
    let (stall_edits, pending_stall_edits) = stall_edits(db).await?;
    let (projects, pending_projects) = projects(db).await?;
    let (investors, pending_investors) = investors(db).await?;
    Ok(ModerationQueue {
        stalls: stall_cards,
        pending_stalls: total,
        stall_edits,
        pending_stall_edits,
        listings: listing_cards,
        pending_listings: listings_total,
        auctions,
        pending_auctions: auctions_total,
        bidders,
        pending_bidders: bidders_total,
        projects,
        pending_projects,
        investors,
        pending_investors,
    })
}

/// The startup projects waiting, with their team, and how many wait in all.
#[cfg(feature = "ssr")]
async fn projects(
    db: &crate::db::Db,
) -> Result<(Vec<crate::model::PendingProject>, i64), AppError> {
    use crate::db::startups;

    let (waiting, total) =
        tokio::try_join!(startups::pending(db, SHOWN), startups::count_pending(db))?;
    let mut projects = Vec::with_capacity(waiting.len());
    for (card, description, submitted_at, _) in waiting {
        let (confidential, public): (Vec<_>, Vec<_>) = startups::traction(db, card.id)
            .await?
            .into_iter()
            .partition(|(_, secret)| *secret);
        let mut project = crate::model::PendingProject {
            traction: public.into_iter().map(|(f, _)| f).collect(),
            confidential_traction: confidential.into_iter().map(|(f, _)| f).collect(),
            team: startups::team(db, card.id).await?,
            has_deck: startups::has_deck(db, card.id).await?,
            description_html: crate::markdown::render(&description),
            card,
            submitted_at,
            fingerprint: String::new(),
        };
        project.fingerprint = crate::api::decision::fingerprint(&project);
        projects.push(project);
    }
    Ok((projects, total))
}

/// The investor profiles waiting, and how many wait in all.
#[cfg(feature = "ssr")]
async fn investors(
    db: &crate::db::Db,
) -> Result<(Vec<crate::model::PendingInvestor>, i64), AppError> {
    use crate::db::investors;

    let (waiting, total) =
        tokio::try_join!(investors::pending(db, SHOWN), investors::count_pending(db))?;
    let investors = waiting
        .into_iter()
        .map(|(card, member, member_email, _, submitted_at)| {
            let mut investor = crate::model::PendingInvestor {
                card,
                member,
                member_email,
                submitted_at,
                fingerprint: String::new(),
            };
            investor.fingerprint = crate::api::decision::fingerprint(&investor);
            investor
        })
        .collect();
    Ok((investors, total))
}

/// The changes to approved stalls waiting, each field that changes shown as it is and as it
/// would be, and how many wait in all.
#[cfg(feature = "ssr")]
async fn stall_edits(
    db: &crate::db::Db,
) -> Result<(Vec<crate::model::PendingStallEdit>, i64), AppError> {
    use crate::db::{stall_revisions, stalls};
    use crate::model::{PendingStallEdit, PictureChange};

    let (waiting, total) = tokio::try_join!(
        stall_revisions::waiting(db, SHOWN),
        stall_revisions::count_waiting(db),
    )?;
    let mut edits = Vec::with_capacity(waiting.len());
    for (revision, submitted_by, _) in waiting {
        let Some(stall) = stalls::record(db, revision.stall_id).await? else {
            continue;
        };
        let (logo, cover) = stalls::pictures(db, revision.stall_id).await?;
        let changes = revision.changes(&stall);
        let picture = |now: &Option<String>, proposed: &Option<String>| {
            (now != proposed).then(|| PictureChange {
                now: now.as_deref().map(media),
                proposed: proposed.as_deref().map(media),
            })
        };
        let mut edit = PendingStallEdit {
            stall_id: stall.id,
            slug: stall.slug,
            name: stall.name,
            changes,
            logo: picture(&logo, &revision.logo_key),
            cover: picture(&cover, &revision.cover_key),
            submitted_by,
            submitted_at: revision.submitted_at,
            fingerprint: String::new(),
        };
        edit.fingerprint = crate::api::decision::fingerprint(&edit);
        edits.push(edit);
    }
    Ok((edits, total))
}
