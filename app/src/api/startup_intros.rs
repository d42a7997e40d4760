//! Investors meet projects: the projects that fit an approved investor's focus, introductions
//! they ask and the projects' owners accept or decline, and the conversation an accepted one
//! opens.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::{IntroThread, InvestorMatches};

/// Projects shown on an investor's matches page.
pub const MATCHES_SHOWN: usize = 50;

/// `/account/investor/matches`: the published projects that fit the member's approved investor
/// profile best, each with why; the profile's review while it is not approved.
#[server(endpoint = "get_investor_matches", input = server_fn::codec::GetUrl)]
pub async fn get_investor_matches() -> Result<InvestorMatches, AppError> {
    let user = crate::api::accounts::require_user()?;
    let ctx = crate::server_context::server_context()?;
    let investor = crate::db::investors::status(&ctx.db, user.id).await?;
    let (matches, considered) = crate::db::startup_intros::matches(&ctx.db, user.id, MATCHES_SHOWN)
        .await?
        .unwrap_or_default();
    Ok(InvestorMatches {
        investor,
        matches,
        considered,
    })
}

/// Checks a message typed for an introduction or its conversation: its trimmed text, or the
/// field error's code.
#[cfg(feature = "ssr")]
fn message_text(typed: &str) -> Result<String, &'static str> {
    use crate::domain::startup_match::MESSAGE_CHARS;

    let text = typed.trim();
    match text.chars().count() {
        0 => Err("required"),
        n if n < 10 => Err("too_short"),
        n if n > MESSAGE_CHARS => Err("too_long"),
        _ => Ok(text.to_owned()),
    }
}

/// An approved investor asks to be introduced to published project `project_id` (`slug`, to
/// come back to its page) with `message`. Never to their own project, once per project, at
/// most `domain::startup_match::INTRO_PER_DAY` a day; each refusal beside the message, which is kept.
#[server(endpoint = "ask_project_introduction")]
pub async fn ask_project_introduction(
    project_id: i64,
    slug: String,
    message: String,
) -> Result<(), AppError> {
    use crate::db::startup_intros::AskError;
    use crate::db::{notifications, now_ms, outbox};
    use crate::error::{FieldError, InvalidInput};

    let user = crate::api::accounts::require_user()?;
    let ctx = crate::server_context::server_context()?;
    let id_text = project_id.to_string();
    let refuse = |code: &str| {
        AppError::Invalid(InvalidInput::new(
            vec![FieldError::new("message", code)],
            &[
                ("message", message.as_str()),
                ("project_id", id_text.as_str()),
            ],
        ))
    };
    let text = message_text(&message).map_err(refuse)?;
    let now = now_ms();
    let (id, presenter) =
        match crate::db::startup_intros::ask(&ctx.db, user.id, project_id, &text, now).await {
            Ok(asked) => asked,
            Err(AskError::NotInvestor) => return Err(refuse("introduction_not_investor")),
            Err(AskError::NotPublished) => return Err(refuse("introduction_not_published")),
            Err(AskError::OwnProject) => return Err(refuse("introduction_own_project")),
            Err(AskError::AlreadyAsked) => return Err(refuse("introduction_exists")),
            Err(AskError::TooMany) => return Err(refuse("too_many_introductions")),
            Err(AskError::Db(e)) => return Err(e.into()),
        };
    let (project, investor): (String, String) = sqlx::query_as(
        "SELECT p.name, v.name FROM startup_introductions i
         JOIN startup_projects p ON p.id = i.project_id JOIN investors v ON v.id = i.investor_id
         WHERE i.id = $1",
    )
    .bind(id)
    .fetch_one(&ctx.db)
    .await?;
    let mut conn = ctx.db.acquire().await?;
    let (email, name, locale) = notifications::recipient(&mut conn, presenter).await?;
    let mail = crate::mail::startup_introduction_asked(
        locale,
        (&email, &name),
        &ctx.public_url,
        &investor,
        (&project, &text),
    );
    outbox::enqueue(&mut conn, &mail, now).await?;
    ctx.outbox_wake.notify_one();
    leptos_axum::redirect(&format!(
        "/startups/{}?done=introduction_asked#introduction",
        crate::components::pagination::encode_component(&slug)
    ));
    Ok(())
}

/// One of a project's owners accepts introduction `id` (`decision=accept`: the conversation
/// opens) or declines it (`decision=decline`) with `reason`, one of
/// `domain::introductions::DECLINE_REASONS`, which the investor reads.
#[server(endpoint = "answer_project_introduction")]
pub async fn answer_project_introduction(
    id: i64,
    decision: String,
    reason: Option<String>,
) -> Result<(), AppError> {
    use crate::db::{notifications, now_ms, outbox};
    use crate::domain::introductions::DECLINE_REASONS;
    use crate::error::{FieldError, InvalidInput};

    let user = crate::api::accounts::require_user()?;
    let ctx = crate::server_context::server_context()?;
    let id_text = id.to_string();
    let refuse = |field: &str, code: &str| {
        AppError::Invalid(InvalidInput::new(
            vec![FieldError::new(field, code)],
            &[("introduction_id", id_text.as_str())],
        ))
    };
    let reason = match decision.as_str() {
        "accept" => None,
        "decline" => match reason.filter(|r| DECLINE_REASONS.contains(&r.as_str())) {
            Some(reason) => Some(reason),
            None => return Err(refuse("reason", "required")),
        },
        _ => return Err(refuse("decision", "invalid_choice")),
    };
    let now = now_ms();
    let Some(asker) =
        crate::db::startup_intros::answer(&ctx.db, id, user.id, reason.as_deref(), now).await?
    else {
        return Err(refuse("decision", "introduction_not_now"));
    };
    let project: String = sqlx::query_scalar(
        "SELECT p.name FROM startup_introductions i
         JOIN startup_projects p ON p.id = i.project_id WHERE i.id = $1",
    )
    .bind(id)
    .fetch_one(&ctx.db)
    .await?;
    let mut conn = ctx.db.acquire().await?;
    let (email, name, locale) = notifications::recipient(&mut conn, asker).await?;
    let mail = crate::mail::startup_introduction_answered(
        locale,
        (&email, &name),
        &ctx.public_url,
        (&project, id),
        reason.is_none(),
    );
    outbox::enqueue(&mut conn, &mail, now).await?;
    ctx.outbox_wake.notify_one();
    let done = if reason.is_some() {
        "declined"
    } else {
        "accepted"
    };
    leptos_axum::redirect(&format!("/account/startups/introductions/{id}?done={done}"));
    Ok(())
}

/// `/account/startups/introductions/{id}`: an introduction the member is a side of, with its
/// conversation once accepted.
#[server(endpoint = "get_project_introduction", input = server_fn::codec::GetUrl)]
pub async fn get_project_introduction(id: i64) -> Result<IntroThread, AppError> {
    let user = crate::api::accounts::require_user()?;
    let ctx = crate::server_context::server_context()?;
    crate::db::startup_intros::thread(&ctx.db, id, user.id)
        .await?
        .ok_or(AppError::NotFound)
}

/// A side of accepted introduction `id` writes `body` in its conversation.
#[server(endpoint = "post_introduction_message")]
pub async fn post_introduction_message(id: i64, body: String) -> Result<(), AppError> {
    use crate::error::{FieldError, InvalidInput};

    let user = crate::api::accounts::require_user()?;
    let ctx = crate::server_context::server_context()?;
    let id_text = id.to_string();
    let text = message_text(&body).map_err(|code| {
        AppError::Invalid(InvalidInput::new(
            vec![FieldError::new("body", code)],
            &[
                ("body", body.as_str()),
                ("introduction_id", id_text.as_str()),
            ],
        ))
    })?;
    if crate::db::startup_intros::post(&ctx.db, id, user.id, &text, crate::db::now_ms())
        .await?
        .is_none()
    {
        return Err(AppError::NotFound);
    }
    leptos_axum::redirect(&format!(
        "/account/startups/introductions/{id}#message-last"
    ));
    Ok(())
}
