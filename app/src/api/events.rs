//! Events: the list, the month calendar and an event's page for everyone; the desk where
//! moderators and editors announce them.

// A plain HTML form posts one argument per field, and the server function macro generates
// functions taking them all.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::{EventDesk, EventEditor, EventMonth, EventPage, EventsPage};

/// Past events on a page of `/events`.
pub const PAST_PER_PAGE: u32 = 12;

/// Events on a page of the editors' list.
const DESK_PER_PAGE: u32 = 30;

/// `/events`: upcoming events soonest first, then a page of past ones, maybe of one kind
/// (`techmart`, …) or province. An unknown kind or province finds nothing.
#[server(endpoint = "get_events", input = server_fn::codec::GetUrl)]
pub async fn get_events(
    kind: Option<String>,
    province: Option<String>,
    page: Option<u32>,
) -> Result<EventsPage, AppError> {
    let ctx = crate::server_context::server_context()?;
    let filter = crate::db::events::EventFilter {
        kind: kind.filter(|k| !k.trim().is_empty()),
        province: province.filter(|p| !p.trim().is_empty()),
    };
    let page = page.unwrap_or(1).clamp(1, 10_000);
    let now = crate::db::now_ms();
    let (upcoming, past) =
        crate::db::events::listed(&ctx.db, &filter, now, page, PAST_PER_PAGE).await?;
    Ok(EventsPage {
        upcoming,
        past,
        now,
    })
}

/// `/events/calendar`: the events of `month` (`YYYY-MM`, Vietnam time; this month when absent).
#[server(endpoint = "get_event_month", input = server_fn::codec::GetUrl)]
pub async fn get_event_month(month: Option<String>) -> Result<EventMonth, AppError> {
    use crate::domain::time::{VIETNAM_OFFSET_MS, days_from_civil};
    use crate::domain::vietnam_day;

    let ctx = crate::server_context::server_context()?;
    let now = crate::db::now_ms();
    let (year, month) = match month.as_deref().map(str::trim).filter(|m| !m.is_empty()) {
        Some(text) => parse_month(text).ok_or_else(|| AppError::bad_request("month"))?,
        None => {
            let today = crate::domain::iso_date(vietnam_day(now));
            parse_month(&today[..7]).expect("a date's month")
        }
    };
    let first = days_from_civil(i64::from(year), month, 1);
    let (next_year, next_month) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    let after = days_from_civil(i64::from(next_year), next_month, 1);
    let offset = VIETNAM_OFFSET_MS;
    let events = crate::db::events::between(
        &ctx.db,
        first * 86_400_000 - offset,
        after * 86_400_000 - offset,
    )
    .await?;
    Ok(EventMonth {
        year,
        month,
        events,
        now,
    })
}

/// `YYYY-MM` between 2000 and 2100.
pub fn parse_month(text: &str) -> Option<(i32, u32)> {
    let (year, month) = text.split_once('-')?;
    let (year, month) = (year.parse::<i32>().ok()?, month.parse::<u32>().ok()?);
    ((2000..=2100).contains(&year) && (1..=12).contains(&month) && text.len() == 7)
        .then_some((year, month))
}

/// `/events/{slug}`: an event (not a draft), its programme, articles and figures.
#[server(endpoint = "get_event", input = server_fn::codec::GetUrl)]
pub async fn get_event(slug: String) -> Result<EventPage, AppError> {
    let ctx = crate::server_context::server_context()?;
    let mut page = crate::db::events::page(&ctx.db, &slug, crate::db::now_ms())
        .await?
        .ok_or(AppError::NotFound)?;
    if let Some(user) = crate::session::current_user() {
        page.mine = crate::db::registrations::of_member(&ctx.db, page.event.id, user.id).await?;
        page.door = crate::domain::Role::parse(&user.role)
            .is_ok_and(|role| role.includes(crate::domain::Role::Editor));
        page.moderator = crate::domain::Role::parse(&user.role)
            .is_ok_and(|role| role.includes(crate::domain::Role::Moderator));
        page.stall_member = page.event.booths_open == 1
            && crate::db::booths::acts_for_a_stall(&ctx.db, user.id).await?;
        page.viewer = Some(user.display_name);
    }
    Ok(page)
}

/// Editors and moderators only: every event, last changed first.
#[server(endpoint = "get_event_desk", input = server_fn::codec::GetUrl)]
pub async fn get_event_desk(page: Option<u32>) -> Result<EventDesk, AppError> {
    crate::api::accounts::require_role(crate::domain::Role::Editor)?;
    let ctx = crate::server_context::server_context()?;
    let events = crate::db::events::desk(&ctx.db, page.unwrap_or(1).max(1), DESK_PER_PAGE).await?;
    Ok(EventDesk { events })
}

/// Editors and moderators only: the form for event `id` (0: a new one).
#[server(endpoint = "get_event_editor", input = server_fn::codec::GetUrl)]
pub async fn get_event_editor(id: i64) -> Result<EventEditor, AppError> {
    crate::api::accounts::require_role(crate::domain::Role::Editor)?;
    if id == 0 {
        return Ok(EventEditor {
            id: 0,
            form: crate::domain::event::EventForm {
                organiser: "Sở Khoa học và Công nghệ TP. Cần Thơ".to_owned(),
                province: "can-tho".to_owned(),
                ..Default::default()
            },
            status: "draft".to_owned(),
            cover_key: None,
        });
    }
    let ctx = crate::server_context::server_context()?;
    let (form, status, cover_key) = crate::db::events::editor_form(&ctx.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(EventEditor {
        id,
        form,
        status,
        cover_key,
    })
}

/// Editors and moderators only: saves event `id` (0: a new one, published at once — an event
/// is announced when it is saved). Every field's fault comes back beside it with everything
/// typed: an event ending before it starts, a new one starting in the past, a slug another
/// event has. Then to the event's page.
#[server(endpoint = "save_event")]
pub async fn save_event(
    id: i64,
    kind: String,
    title: String,
    slug: String,
    summary: String,
    description: String,
    starts_at: String,
    ends_at: String,
    venue: String,
    address: String,
    province: String,
    online_url: String,
    organiser: String,
    capacity: String,
    registration_deadline: String,
    booths_open: Option<String>,
    programme: String,
) -> Result<(), AppError> {
    use crate::db::events::{self, SaveError};
    use crate::domain::event::EventForm;
    use crate::error::{FieldError, InvalidInput};

    let user = crate::api::accounts::require_role(crate::domain::Role::Editor)?;
    let form = EventForm {
        kind,
        title,
        slug,
        summary,
        description,
        starts_at,
        ends_at,
        venue,
        address,
        province,
        online_url,
        organiser,
        capacity,
        registration_deadline,
        booths_open: booths_open.unwrap_or_default(),
        programme,
    };
    let id_text = id.to_string();
    let mut typed = vec![
        ("id", id_text.as_str()),
        ("programme", form.programme.as_str()),
    ];
    typed.extend(form.typed());
    let refuse = |errors: Vec<FieldError>| AppError::Invalid(InvalidInput::new(errors, &typed));
    let now = crate::db::now_ms();
    let input = form.validate(now, id == 0).map_err(refuse)?;
    let ctx = crate::server_context::server_context()?;
    let saved = match events::save(&ctx.db, id, &input, (user.id, &ctx.public_url), now).await {
        Ok(saved) => saved.ok_or(AppError::NotFound)?,
        Err(SaveError::SlugTaken) => {
            return Err(refuse(vec![FieldError::new("slug", "slug_taken")]));
        }
        Err(SaveError::Db(e)) => return Err(e.into()),
    };
    ctx.outbox_wake.notify_one();
    leptos_axum::redirect(&format!("/editor/events/{saved}/edit?done=saved"));
    Ok(())
}

/// Editors and moderators only: `cancel` marks event `id` cancelled (its page stays, saying
/// so; everyone registered is mailed), `publish` restores it. Then back to its form.
#[server(endpoint = "event_action")]
pub async fn event_action(id: i64, action: String) -> Result<(), AppError> {
    let user = crate::api::accounts::require_role(crate::domain::Role::Editor)?;
    let status = match action.as_str() {
        "cancel" => "cancelled",
        "publish" => "published",
        _ => return Err(AppError::BadRequest("unknown action".into())),
    };
    let ctx = crate::server_context::server_context()?;
    let now = crate::db::now_ms();
    let origin = &ctx.public_url;
    let known = crate::db::events::set_status(&ctx.db, id, status, (user.id, origin), now).await?
        || crate::db::events::card_by_id(&ctx.db, id).await?.is_some();
    if !known {
        return Err(AppError::NotFound);
    }
    ctx.outbox_wake.notify_one();
    leptos_axum::redirect(&format!("/editor/events/{id}/edit?done={status}"));
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn months_are_read_strictly() {
        assert_eq!(super::parse_month("2026-12"), Some((2026, 12)));
        assert_eq!(super::parse_month("2026-1"), None);
        assert_eq!(super::parse_month("2026-13"), None);
        assert_eq!(super::parse_month("1999-05"), None);
        assert_eq!(super::parse_month("abcd-ef"), None);
    }
}
