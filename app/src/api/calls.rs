//! Calls for applications: funds and public programmes open them, owners of published projects
//! apply before the deadline, the funder moves each application on (the applicant reads where
//! it stands and why it was declined) and takes them away as CSV.

// A plain HTML form posts one argument per field, and the server function macro generates
// functions taking them all.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::{CallDesk, CallEditor, CallPage, CallsPage, OwnCalls};

/// `/startups/calls`: the calls open now and the closed ones.
#[server(endpoint = "get_calls", input = server_fn::codec::GetUrl)]
pub async fn get_calls() -> Result<CallsPage, AppError> {
    let ctx = crate::server_context::server_context()?;
    let (open, closed) = crate::db::funding_calls::list(&ctx.db, crate::db::now_ms()).await?;
    let can_open = match crate::session::current_user() {
        Some(user) => crate::db::funding_calls::funder(&ctx.db, user.id)
            .await?
            .is_some(),
        None => false,
    };
    Ok(CallsPage {
        open,
        closed,
        can_open,
    })
}

/// `/startups/calls/{slug}`: a call, with the member's projects that may apply and their
/// applications.
#[server(endpoint = "get_call", input = server_fn::codec::GetUrl)]
pub async fn get_call(slug: String) -> Result<CallPage, AppError> {
    let ctx = crate::server_context::server_context()?;
    let user = crate::session::current_user().map(|u| u.id);
    crate::db::funding_calls::page(&ctx.db, &slug, user, crate::db::now_ms())
        .await?
        .ok_or(AppError::NotFound)
}

/// A member applies to call `call_id` (`slug`, to come back to its page) with published
/// project `project` they own, answering every question (`answers[]`, in order). Refused
/// beside the field after the deadline, for a project that applied already, or a missing
/// answer; nothing typed is lost.
#[server(endpoint = "apply_to_call")]
pub async fn apply_to_call(
    call_id: i64,
    slug: String,
    project: String,
    answers: Option<Vec<String>>,
) -> Result<(), AppError> {
    use crate::db::funding_calls::{ApplyError, questions_of};
    use crate::db::{notifications, now_ms, outbox};
    use crate::domain::funding_call::check_answers;
    use crate::error::{FieldError, InvalidInput};

    let user = crate::api::accounts::require_user()?;
    let ctx = crate::server_context::server_context()?;
    let answers = answers.unwrap_or_default();
    let names: Vec<String> = (1..=answers.len()).map(|n| format!("answer_{n}")).collect();
    let call_text = call_id.to_string();
    let mut typed: Vec<(&str, &str)> = vec![("call_id", &call_text), ("project", &project)];
    typed.extend(
        names
            .iter()
            .zip(&answers)
            .map(|(n, a)| (n.as_str(), a.as_str())),
    );
    let refuse = |errors: Vec<FieldError>| AppError::Invalid(InvalidInput::new(errors, &typed));
    let Some((questions, _)) = questions_of(&ctx.db, call_id).await? else {
        return Err(AppError::NotFound);
    };
    let mut errors = Vec::new();
    let project_id = project.trim().parse::<i64>().ok();
    if project_id.is_none() {
        errors.push(FieldError::new("project", "required"));
    }
    let checked = check_answers(questions.len(), &answers).map_err(|mut e| errors.append(&mut e));
    let (Some(project_id), Ok(checked)) = (project_id, checked) else {
        return Err(refuse(errors));
    };
    let now = now_ms();
    let (_, funder) = match crate::db::funding_calls::apply(
        &ctx.db,
        (call_id, project_id),
        user.id,
        &checked,
        now,
    )
    .await
    {
        Ok(applied) => applied,
        Err(ApplyError::NoCall) => return Err(AppError::NotFound),
        Err(ApplyError::Closed) => {
            return Err(refuse(vec![FieldError::new("project", "call_closed")]));
        }
        Err(ApplyError::NotTheirs) => {
            return Err(refuse(vec![FieldError::new("project", "invalid_choice")]));
        }
        Err(ApplyError::Twice) => {
            return Err(refuse(vec![FieldError::new("project", "already_applied")]));
        }
        Err(ApplyError::Db(e)) => return Err(e.into()),
    };
    let (title, project_name): (String, String) = sqlx::query_as(
        "SELECT c.title, p.name FROM funding_calls c, startup_projects p
         WHERE c.id = $1 AND p.id = $2",
    )
    .bind(call_id)
    .bind(project_id)
    .fetch_one(&ctx.db)
    .await?;
    let mut conn = ctx.db.acquire().await?;
    let (email, name, locale) = notifications::recipient(&mut conn, funder).await?;
    let mail = crate::mail::call_application_received(
        locale,
        (&email, &name),
        &ctx.public_url,
        (&title, call_id),
        &project_name,
    );
    outbox::enqueue(&mut conn, &mail, now).await?;
    ctx.outbox_wake.notify_one();
    leptos_axum::redirect(&format!(
        "/calls/{}?done=applied#apply",
        crate::components::pagination::encode_component(&slug)
    ));
    Ok(())
}

/// `/account/calls`: the calls the member's fund or programme opened.
#[server(endpoint = "get_own_calls", input = server_fn::codec::GetUrl)]
pub async fn get_own_calls() -> Result<OwnCalls, AppError> {
    let user = crate::api::accounts::require_user()?;
    let ctx = crate::server_context::server_context()?;
    Ok(
        match crate::db::funding_calls::funder(&ctx.db, user.id).await? {
            Some(investor) => OwnCalls {
                calls: crate::db::funding_calls::of_funder(&ctx.db, investor).await?,
                can_open: true,
            },
            None => OwnCalls {
                calls: Vec::new(),
                can_open: false,
            },
        },
    )
}

/// The funder's member, or a refusal: only approved funds and public programmes run calls.
#[cfg(feature = "ssr")]
async fn require_funder(db: &crate::db::Db) -> Result<(i64, i64), AppError> {
    let user = crate::api::accounts::require_user()?;
    match crate::db::funding_calls::funder(db, user.id).await? {
        Some(investor) => Ok((user.id, investor)),
        None => Err(AppError::Forbidden),
    }
}

/// The call form: `id` 0 for a new call, else one of the funder's.
#[server(endpoint = "get_call_editor", input = server_fn::codec::GetUrl)]
pub async fn get_call_editor(id: i64) -> Result<CallEditor, AppError> {
    let ctx = crate::server_context::server_context()?;
    let (_, investor) = require_funder(&ctx.db).await?;
    if id == 0 {
        return Ok(CallEditor {
            id: 0,
            slug: String::new(),
            form: Default::default(),
        });
    }
    let (slug, form) = crate::db::funding_calls::editor(&ctx.db, id, investor)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(CallEditor { id, slug, form })
}

/// Saves call `id` (0: a new one) of the member's fund or programme; every fault beside its
/// field, with everything typed kept.
#[server(endpoint = "save_call")]
pub async fn save_call(
    id: i64,
    title: String,
    summary: String,
    description: String,
    eligibility: String,
    questions: String,
    deadline: String,
    budget: String,
) -> Result<(), AppError> {
    use crate::domain::funding_call::CallForm;
    use crate::error::InvalidInput;

    let ctx = crate::server_context::server_context()?;
    let (_, investor) = require_funder(&ctx.db).await?;
    let form = CallForm {
        title,
        summary,
        description,
        eligibility,
        questions,
        deadline,
        budget,
    };
    let now = crate::db::now_ms();
    let id_text = id.to_string();
    let mut typed = vec![("id", id_text.as_str())];
    typed.extend(form.typed());
    let input = form
        .validate(now)
        .map_err(|errors| AppError::Invalid(InvalidInput::new(errors, &typed)))?;
    let saved = crate::db::funding_calls::save(&ctx.db, id, investor, &input, now)
        .await?
        .ok_or(AppError::NotFound)?;
    leptos_axum::redirect(&format!("/account/calls/{saved}/applications?done=saved"));
    Ok(())
}

/// `/account/calls/{id}`: a call's applications, for the funder who opened it.
#[server(endpoint = "get_call_desk", input = server_fn::codec::GetUrl)]
pub async fn get_call_desk(id: i64) -> Result<CallDesk, AppError> {
    let ctx = crate::server_context::server_context()?;
    let (_, investor) = require_funder(&ctx.db).await?;
    crate::db::funding_calls::desk(&ctx.db, id, investor)
        .await?
        .ok_or(AppError::NotFound)
}

/// The funder moves application `id` to `status` (declining needs a `reason` the applicant
/// reads); the applicant is told by mail.
#[server(endpoint = "move_application")]
pub async fn move_application(
    id: i64,
    call_id: i64,
    status: String,
    reason: Option<String>,
) -> Result<(), AppError> {
    use crate::db::funding_calls::MoveError;
    use crate::db::{notifications, now_ms, outbox};
    use crate::domain::funding_call::limits;
    use crate::error::{FieldError, InvalidInput};

    let ctx = crate::server_context::server_context()?;
    let (_, investor) = require_funder(&ctx.db).await?;
    let reason_text = reason.unwrap_or_default();
    let id_text = id.to_string();
    let typed = [
        ("application_id", id_text.as_str()),
        ("reason", reason_text.as_str()),
        ("status", status.as_str()),
    ];
    let refuse = |field: &str, code: &str| {
        AppError::Invalid(InvalidInput::new(
            vec![FieldError::new(field, code)],
            &typed,
        ))
    };
    let reason = if status == "declined" {
        Some(
            crate::domain::text_between(&reason_text, limits::DECLINE_REASON, true)
                .map_err(|code| refuse("reason", code))?,
        )
    } else {
        None
    };
    let now = now_ms();
    let (applicant, title, project) = match crate::db::funding_calls::move_application(
        &ctx.db,
        id,
        investor,
        &status,
        reason.as_deref(),
        now,
    )
    .await
    {
        Ok(moved) => moved,
        Err(MoveError::NotFound) => return Err(AppError::NotFound),
        Err(MoveError::NotNow) => return Err(refuse("status", "invalid_choice")),
        Err(MoveError::Db(e)) => return Err(e.into()),
    };
    if let Some(applicant) = applicant {
        let mut conn = ctx.db.acquire().await?;
        let (email, name, locale) = notifications::recipient(&mut conn, applicant).await?;
        let mail = crate::mail::call_application_moved(
            locale,
            (&email, &name),
            &ctx.public_url,
            (&title, &project),
            (&status, reason.as_deref()),
        );
        outbox::enqueue(&mut conn, &mail, now).await?;
        ctx.outbox_wake.notify_one();
    }
    leptos_axum::redirect(&format!(
        "/account/calls/{call_id}/applications?done=moved#application-{id}"
    ));
    Ok(())
}
