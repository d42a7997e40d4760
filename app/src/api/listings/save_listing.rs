// A plain HTML form posts one argument per field, and the server function macro generates
// functions taking them all.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;

use crate::error::AppError;

/// Saves a listing (`id` 0: a new one). `then=review` sends it to the moderators; anything else
/// keeps it a draft. Editing a published or refused listing always sends it back to review; a
/// listing under an approved auction cannot be edited until it ends. A listing can only be
/// posted for an approved stall the member belongs to.
///
/// A new listing kept as a draft need not be complete: with a title, it is stored as typed (an
/// incomplete draft, `draft_id` continues one) and becomes a listing once every field is valid.
#[server(endpoint = "save_listing")]
pub async fn save_listing(
    id: i64,
    then: Option<String>,
    draft_id: Option<i64>,
    kind: String,
    listing_type: String,
    stall_id: String,
    title: String,
    summary: String,
    description: String,
    sector_code: String,
    province_code: String,
    price_vnd: String,
    negotiable: Option<String>,
    budget_min_vnd: String,
    budget_max_vnd: String,
    quantity: String,
    unit: String,
    condition: String,
    origin_country: String,
    manufacturer: String,
    warranty: String,
    trl: String,
    ip_kind: String,
    ip_number: String,
    certifications: String,
    transfer_sale: Option<String>,
    transfer_licence: Option<String>,
    transfer_joint_venture: Option<String>,
    transfer_consulting: Option<String>,
    expires_on: String,
    seller_name: String,
    seller_phone: String,
    seller_email: String,
) -> Result<(), AppError> {
    use crate::db::{audit, listing_drafts, listings, now_ms, stalls};
    use crate::domain::{ListingForm, vietnam_day};
    use crate::error::{FieldError, InvalidInput};

    let user = crate::api::accounts::require_user()?;
    let form = ListingForm {
        kind,
        listing_type,
        stall_id,
        title,
        summary,
        description,
        sector_code,
        province_code,
        price_vnd,
        negotiable,
        budget_min_vnd,
        budget_max_vnd,
        quantity,
        unit,
        condition,
        origin_country,
        manufacturer,
        warranty,
        trl,
        ip_kind,
        ip_number,
        certifications,
        transfer_sale,
        transfer_licence,
        transfer_joint_venture,
        transfer_consulting,
        expires_on,
        seller_name,
        seller_phone,
        seller_email,
    };
    let typed = form.typed();
    let now = now_ms();
    let wants_review = then.as_deref() == Some("review");
    let ctx = crate::server_context::server_context()?;
    // Whether the member may change the existing listing `id`, asked once; one an approved
    // auction has frozen is not changed, whatever was typed (kept).
    let manages = id != 0 && listings::can_manage(&ctx.db, id, user.id).await?;
    if manages && listings::under_auction(&ctx.db, id).await? {
        return Err(super::under_auction("status", &typed));
    }
    let input = match form.validate(vietnam_day(now)) {
        Ok(input) => input,
        Err(problems) if id == 0 && !wants_review => {
            let blockers = form.draft_blockers(&problems);
            if !blockers.is_empty() {
                return Err(AppError::Invalid(InvalidInput::new(blockers, &typed)));
            }
            let kept = match draft_id {
                Some(draft_id) => listing_drafts::update(&ctx.db, draft_id, user.id, &form, now)
                    .await?
                    .then_some(draft_id),
                None => None,
            };
            if kept.is_none() {
                if listing_drafts::count(&ctx.db, user.id).await? >= listing_drafts::MAX_PER_MEMBER
                {
                    let errors = vec![FieldError::new("title", "too_many_drafts")];
                    return Err(AppError::Invalid(InvalidInput::new(errors, &typed)));
                }
                listing_drafts::create(&ctx.db, user.id, &form, now).await?;
            }
            leptos_axum::redirect("/account/listings?done=draft_kept");
            return Ok(());
        }
        Err(problems) => return Err(AppError::Invalid(InvalidInput::new(problems, &typed))),
    };
    let stall_name = match input.stall_id {
        None => None,
        Some(stall_id) => {
            let record = stalls::record(&ctx.db, stall_id).await?;
            let member = stalls::membership(&ctx.db, stall_id, user.id)
                .await?
                .is_some();
            match record {
                Some(stall) if member && stall.status == "approved" => Some(stall.name),
                _ => {
                    let errors = vec![FieldError::new("stall_id", "invalid_choice")];
                    return Err(AppError::Invalid(InvalidInput::new(errors, &typed)));
                }
            }
        }
    };
    let search = listings::search_columns(&input, stall_name.as_deref());
    let id = if id == 0 {
        let status = if wants_review { "pending" } else { "draft" };
        let mut attempt = 0;
        loop {
            let slug = listings::free_slug(&ctx.db, &input.title).await?;
            let mut tx = ctx.db.begin().await?;
            match listings::create(&mut tx, &input, &slug, user.id, status, search.clone(), now)
                .await
            {
                Ok(id) => {
                    let action = if wants_review {
                        "listing_submitted"
                    } else {
                        "listing_drafted"
                    };
                    audit::record(
                        &mut tx,
                        Some(user.id),
                        action,
                        ("listing", id),
                        &input.title,
                        now,
                    )
                    .await?;
                    // A completed draft is now this listing.
                    if let Some(draft_id) = draft_id {
                        listing_drafts::delete(&mut tx, draft_id, user.id).await?;
                    }
                    tx.commit().await?;
                    break id;
                }
                Err(sqlx::Error::Database(e)) if e.is_unique_violation() && attempt < 3 => {
                    attempt += 1
                }
                Err(e) => return Err(e.into()),
            }
        }
    } else {
        if !manages {
            return Err(AppError::NotFound);
        }
        let current = listings::record(&ctx.db, id)
            .await?
            .ok_or(AppError::NotFound)?;
        let status = match current.status.as_str() {
            "draft" if !wants_review => "draft",
            "closed" | "expired" => {
                let errors = vec![FieldError::new("status", "listing_closed")];
                return Err(AppError::Invalid(InvalidInput::new(errors, &typed)));
            }
            _ => "pending",
        };
        let mut tx = ctx.db.begin().await?;
        listings::update(&mut tx, id, &input, status, search, now).await?;
        let action = if status == "pending" {
            "listing_submitted"
        } else {
            "listing_drafted"
        };
        audit::record(
            &mut tx,
            Some(user.id),
            action,
            ("listing", id),
            &input.title,
            now,
        )
        .await?;
        tx.commit().await?;
        id
    };
    let done = if wants_review || id != 0 && !matches!(then.as_deref(), Some("draft")) {
        "submitted"
    } else {
        "drafted"
    };
    leptos_axum::redirect(&format!("/account/listings?done={done}&listing={id}"));
    Ok(())
}
