use leptos::prelude::*;

use crate::error::AppError;
use crate::model::ListingEditor;

/// What the listing form starts from: a listing its poster (or a member of its stall) may edit,
/// or, for `id` 0, an empty form. Either way, the stalls the member may post for.
#[server(endpoint = "get_listing_editor", input = server_fn::codec::GetUrl)]
pub async fn get_listing_editor(id: i64) -> Result<ListingEditor, AppError> {
    use crate::db::{accounts, listings};
    use crate::domain::{ListingForm, iso_date};

    let user = crate::api::accounts::require_user()?;
    let ctx = crate::server_context::server_context()?;
    let stalls = listings::postable_stalls(&ctx.db, user.id).await?;
    if id == 0 {
        let account = accounts::account(&ctx.db, user.id)
            .await?
            .ok_or(AppError::Unauthorized)?;
        return Ok(ListingEditor {
            id: 0,
            slug: String::new(),
            status: String::new(),
            rejection_reason: None,
            stalls,
            form: ListingForm {
                kind: "offer".to_owned(),
                stall_id: String::new(),
                seller_name: account.display_name,
                seller_email: account.email,
                ..ListingForm::default()
            },
            draft_id: 0,
            draft_problems: Vec::new(),
        });
    }
    if !listings::can_manage(&ctx.db, id, user.id).await? {
        return Err(AppError::NotFound);
    }
    let l = listings::record(&ctx.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let money = |v: Option<i64>| v.map(|v| v.to_string()).unwrap_or_default();
    let modes: Vec<&str> = l.transfer_modes.split(',').collect();
    let ticked = |mode: &str| modes.contains(&mode).then(|| "on".to_owned());
    Ok(ListingEditor {
        id: l.id,
        slug: l.slug,
        status: l.status,
        rejection_reason: l.rejection_reason,
        stalls,
        form: ListingForm {
            kind: l.kind,
            listing_type: l.listing_type,
            stall_id: l.stall_id.map(|id| id.to_string()).unwrap_or_default(),
            title: l.title,
            summary: l.summary,
            description: l.description,
            sector_code: l.sector_code,
            province_code: l.province_code,
            negotiable: (l.price_vnd.is_none()).then(|| "on".to_owned()),
            price_vnd: money(l.price_vnd),
            budget_min_vnd: money(l.budget_min_vnd),
            budget_max_vnd: money(l.budget_max_vnd),
            quantity: l.quantity.map(|q| q.to_string()).unwrap_or_default(),
            unit: l.unit,
            condition: l.item_condition,
            origin_country: l.origin_country,
            manufacturer: l.manufacturer,
            warranty: l.warranty,
            trl: l.trl.map(|t| t.to_string()).unwrap_or_default(),
            ip_kind: l.ip_kind,
            ip_number: l.ip_number,
            certifications: l.certifications,
            transfer_sale: ticked("sale"),
            transfer_licence: ticked("licence"),
            transfer_joint_venture: ticked("joint_venture"),
            transfer_consulting: ticked("consulting"),
            expires_on: l.expires_on_day.map(iso_date).unwrap_or_default(),
            seller_name: l.seller_name.unwrap_or_default(),
            seller_phone: l.seller_phone.unwrap_or_default(),
            seller_email: l.seller_email.unwrap_or_default(),
        },
        draft_id: 0,
        draft_problems: Vec::new(),
    })
}
