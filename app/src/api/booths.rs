//! Booths at fairs: stalls apply with the listings they will show, moderators accept them with
//! a booth number or decline; during the fair the exhibitors' listings are the online techmart.

use leptos::prelude::*;

use crate::domain::BrowseQuery;
use crate::error::AppError;
use crate::model::{BoothDesk, BoothForm, TechmartPage};

/// Listings on a page of the online techmart.
pub const TECHMART_PER_PAGE: u32 = 24;

/// `/events/{slug}/booth`: the stalls the member acts for, each with its application.
#[server(endpoint = "get_booth_form", input = server_fn::codec::GetUrl)]
pub async fn get_booth_form(slug: String) -> Result<BoothForm, AppError> {
    let user = crate::api::accounts::require_user()?;
    let ctx = crate::server_context::server_context()?;
    let event = crate::db::events::card_by_slug(&ctx.db, &slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let open =
        crate::db::booths::taking_applications(&ctx.db, event.id, crate::db::now_ms()).await?;
    let stalls = crate::db::booths::own_stalls(&ctx.db, event.id, user.id).await?;
    Ok(BoothForm {
        event,
        open,
        stalls,
    })
}

/// A member of stall `stall_id` applies for a booth at event `event_id`, naming 1 to 12 of the
/// stall's published listings (`listings[]`) and maybe a note to the organisers; applying again
/// changes them. `withdraw` withdraws the application instead. Refused beside its field: booths
/// not open (or the fair started), no listing or too many, a listing not the stall's.
#[server(endpoint = "apply_for_booth")]
pub async fn apply_for_booth(
    event_id: i64,
    stall_id: i64,
    listings: Option<Vec<String>>,
    note: Option<String>,
    withdraw: Option<String>,
) -> Result<(), AppError> {
    use crate::db::booths::{self, ApplyError};
    use crate::domain::booth::{NOTE, parse_listing_ids};
    use crate::error::{FieldError, InvalidInput};

    let (listings, note) = (listings.unwrap_or_default(), note.unwrap_or_default());
    let user = crate::api::accounts::require_user()?;
    let ctx = crate::server_context::server_context()?;
    // Only a stall the member acts for; another's id finds nothing.
    let stall = crate::db::stalls::own_stall(&ctx.db, user.id, stall_id)
        .await?
        .filter(|s| s.status == "approved")
        .ok_or(AppError::NotFound)?;
    let event = crate::db::events::card_by_id(&ctx.db, event_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let now = crate::db::now_ms();
    let back = format!("/events/{}/booth", event.slug);
    if withdraw.is_some() {
        booths::withdraw(&ctx.db, (event_id, stall.id), user.id, now).await?;
        leptos_axum::redirect(&format!("{back}?done=withdrawn"));
        return Ok(());
    }
    let field = format!("listings_{stall_id}");
    let chosen = listings.join(",");
    let typed = [
        ("stall_id", stall_id.to_string()),
        ("note", note.clone()),
        (field.as_str(), chosen),
    ];
    let typed: Vec<(&str, &str)> = typed.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let refuse = |name: &str, code: &str| {
        AppError::Invalid(InvalidInput::new(vec![FieldError::new(name, code)], &typed))
    };
    let ids = parse_listing_ids(&listings).map_err(|code| refuse(&field, code))?;
    let note =
        crate::domain::text_between(&note, (0, NOTE), true).map_err(|code| refuse("note", code))?;
    match booths::apply(&ctx.db, (event_id, stall.id), &ids, &note, user.id, now).await {
        Ok(_) => {}
        Err(ApplyError::Closed) => return Err(refuse("event", "booths_closed")),
        Err(ApplyError::NotTheStalls) => return Err(refuse(&field, "booth_not_stalls")),
        Err(ApplyError::Db(e)) => return Err(e.into()),
    }
    leptos_axum::redirect(&format!("{back}?done=applied"));
    Ok(())
}

/// Moderators only: `/events/{slug}/booths`, every application at the event.
#[server(endpoint = "get_booth_desk", input = server_fn::codec::GetUrl)]
pub async fn get_booth_desk(slug: String) -> Result<BoothDesk, AppError> {
    crate::api::accounts::require_role(crate::domain::Role::Moderator)?;
    let ctx = crate::server_context::server_context()?;
    let event = crate::db::events::card_by_slug(&ctx.db, &slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let applications = crate::db::booths::applications(&ctx.db, event.id).await?;
    Ok(BoothDesk {
        event,
        applications,
    })
}

/// Moderators only: `accept` booth `booth_id` with `booth_number` (unique at its event), or
/// `decline` it. Then back to the desk.
#[server(endpoint = "decide_booth")]
pub async fn decide_booth(
    booth_id: i64,
    decision: String,
    booth_number: Option<String>,
) -> Result<(), AppError> {
    let booth_number = booth_number.unwrap_or_default();
    use crate::db::booths::{self, DecideError};
    use crate::error::{FieldError, InvalidInput};

    let user = crate::api::accounts::require_role(crate::domain::Role::Moderator)?;
    let ctx = crate::server_context::server_context()?;
    let field = format!("booth_number_{booth_id}");
    let refuse = |code: &str| {
        AppError::Invalid(InvalidInput::new(
            vec![FieldError::new(&field, code)],
            &[(field.as_str(), booth_number.as_str())],
        ))
    };
    let number = match decision.as_str() {
        "accept" => Some(crate::domain::booth::parse_booth_number(&booth_number).map_err(refuse)?),
        "decline" => None,
        _ => return Err(AppError::bad_request("decision")),
    };
    if let Some(number) = &number
        && booths::number_taken(&ctx.db, booth_id, number).await?
    {
        return Err(refuse("booth_number_taken"));
    }
    let now = crate::db::now_ms();
    let event_id = match booths::decide(&ctx.db, booth_id, number.as_deref(), user.id, now).await {
        Ok(event_id) => event_id,
        Err(DecideError::NotFound) => return Err(AppError::NotFound),
        Err(DecideError::NumberTaken) => return Err(refuse("booth_number_taken")),
        Err(DecideError::Db(e)) => return Err(e.into()),
    };
    let event = crate::db::events::card_by_id(&ctx.db, event_id)
        .await?
        .ok_or(AppError::NotFound)?;
    leptos_axum::redirect(&format!(
        "/events/{}/booths?done=decided#booth-{booth_id}",
        event.slug
    ));
    Ok(())
}

/// `/events/{slug}/techmart`: the listings shown at the fair's booths, found by words and
/// narrowed like the catalogue (kind, sector, province, price) through the shared search.
#[server(endpoint = "get_techmart", input = server_fn::codec::GetUrl)]
pub async fn get_techmart(slug: String, query: BrowseQuery) -> Result<TechmartPage, AppError> {
    use crate::model::Page;

    if query.q.chars().count() > crate::domain::MAX_QUERY_CHARS {
        return Err(AppError::bad_request("query too long"));
    }
    let ctx = crate::server_context::server_context()?;
    let event = crate::db::events::card_by_slug(&ctx.db, &slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let exhibitors = crate::db::booths::exhibitors(&ctx.db, event.id).await?;
    let ids = crate::db::booths::techmart_listings(&ctx.db, event.id).await?;
    let page = query.page.clamp(1, 1_000);
    let (checked, _) = query.check();
    let filter = crate::domain::BrowseFilter {
        only: Some(std::sync::Arc::new(ids)),
        ..checked
    };
    let offset = i64::from((page - 1) * TECHMART_PER_PAGE);
    let (items, total) = crate::db::search::browse_cached(
        &ctx.db,
        &ctx.search_cache,
        &filter,
        i64::from(TECHMART_PER_PAGE),
        offset,
        &ctx.search_admission(),
    )
    .await?;
    Ok(TechmartPage {
        event,
        exhibitors,
        listings: Page {
            items,
            page,
            per_page: TECHMART_PER_PAGE,
            total,
        },
        terms: filter.terms,
        now: crate::db::now_ms(),
    })
}
