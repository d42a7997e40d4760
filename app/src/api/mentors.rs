//! The mentor network: the directory and mentors' pages, a member's mentor profile, sessions
//! projects ask for (never in the past), the times mentors propose and projects choose, and
//! each side's private notes.

// A plain HTML form posts one argument per field, and the server function macro generates
// functions taking them all.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::{MentorEditor, MentorPage, MentorQuery, Mentoring, MentorsPage, SessionPage};

/// `/mentors`: the mentors, narrowed by expertise, sector, language and hours left.
#[server(endpoint = "get_mentors", input = server_fn::codec::GetUrl)]
pub async fn get_mentors(query: MentorQuery) -> Result<MentorsPage, AppError> {
    use crate::domain::mentor::{EXPERTISE, LANGUAGES};

    let ctx = crate::server_context::server_context()?;
    // A code no mentor can have (an old link, a typed address) narrows nothing.
    let query = MentorQuery {
        expertise: Some(query.expertise)
            .filter(|c| EXPERTISE.contains(&c.as_str()))
            .unwrap_or_default(),
        sector: crate::domain::Sector::parse(&query.sector)
            .map(|s| s.code().to_owned())
            .unwrap_or_default(),
        language: Some(query.language)
            .filter(|c| LANGUAGES.contains(&c.as_str()))
            .unwrap_or_default(),
        available: if query.available == "1" { "1" } else { "" }.to_owned(),
    };
    let (mentors, total) =
        crate::db::mentors::directory(&ctx.db, &query, crate::db::now_ms()).await?;
    Ok(MentorsPage {
        query,
        mentors,
        total,
    })
}

/// `/mentors/{slug}`: a mentor, with the member's projects and sessions with them.
#[server(endpoint = "get_mentor", input = server_fn::codec::GetUrl)]
pub async fn get_mentor(slug: String) -> Result<MentorPage, AppError> {
    let ctx = crate::server_context::server_context()?;
    let (card, bio, mentor_user) = crate::db::mentors::by_slug(&ctx.db, &slug, crate::db::now_ms())
        .await?
        .ok_or(AppError::NotFound)?;
    let user = crate::session::current_user();
    let (projects, sessions) = match &user {
        Some(user) if user.id != mentor_user => (
            crate::db::mentors::own_projects(&ctx.db, user.id).await?,
            crate::db::mentors::sessions(&ctx.db, user.id, Some(card.id)).await?,
        ),
        _ => (Vec::new(), Vec::new()),
    };
    Ok(MentorPage {
        bio_html: crate::markdown::render(&bio),
        signed_in: user.is_some(),
        own: user.is_some_and(|u| u.id == mentor_user),
        card,
        projects,
        sessions,
    })
}

/// `/account/mentor`: the member's mentor profile as its form shows it.
#[server(endpoint = "get_mentor_editor", input = server_fn::codec::GetUrl)]
pub async fn get_mentor_editor() -> Result<MentorEditor, AppError> {
    let user = crate::api::accounts::require_user()?;
    let ctx = crate::server_context::server_context()?;
    Ok(match crate::db::mentors::editor(&ctx.db, user.id).await? {
        Some((form, slug)) => MentorEditor {
            form,
            slug: Some(slug),
        },
        None => MentorEditor {
            form: crate::domain::mentor::MentorForm {
                available: "1".into(),
                ..Default::default()
            },
            slug: None,
        },
    })
}

/// Saves the member's mentor profile; every fault beside its field.
#[server(endpoint = "save_mentor")]
pub async fn save_mentor(
    name: String,
    headline: String,
    bio: String,
    hours: String,
    expertise: Option<Vec<String>>,
    sectors: Option<Vec<String>>,
    languages: Option<Vec<String>>,
    available: Option<String>,
) -> Result<(), AppError> {
    use crate::domain::mentor::MentorForm;
    use crate::error::InvalidInput;

    let user = crate::api::accounts::require_user()?;
    let form = MentorForm {
        name,
        headline,
        bio,
        hours,
        expertise: expertise.unwrap_or_default(),
        sectors: sectors.unwrap_or_default(),
        languages: languages.unwrap_or_default(),
        available: available.unwrap_or_default(),
    };
    let typed = form.typed();
    let typed: Vec<(&str, &str)> = typed.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let input = form
        .validate()
        .map_err(|errors| AppError::Invalid(InvalidInput::new(errors, &typed)))?;
    let ctx = crate::server_context::server_context()?;
    crate::db::mentors::save(&ctx.db, user.id, &input, crate::db::now_ms()).await?;
    leptos_axum::redirect("/account/mentor?done=saved");
    Ok(())
}

/// A member asks mentor `mentor_id` (`slug`, to come back to) for a session for one of their
/// published projects, at a time in the future (`asked_for`, Vietnam time). Every fault beside
/// its field, everything typed kept.
#[server(endpoint = "ask_session")]
pub async fn ask_session(
    mentor_id: i64,
    slug: String,
    project: String,
    topic: String,
    message: String,
    asked_for: String,
) -> Result<(), AppError> {
    use crate::db::mentors::{Ask, AskError};
    use crate::db::{notifications, now_ms, outbox};
    use crate::domain::mentor::{limits, session_time};
    use crate::domain::text_between;
    use crate::error::{FieldError, InvalidInput};

    let user = crate::api::accounts::require_user()?;
    let ctx = crate::server_context::server_context()?;
    let now = now_ms();
    let mentor_text = mentor_id.to_string();
    let typed = [
        ("mentor_id", mentor_text.as_str()),
        ("project", project.as_str()),
        ("topic", topic.as_str()),
        ("message", message.as_str()),
        ("asked_for", asked_for.as_str()),
    ];
    let refuse = |errors: Vec<FieldError>| AppError::Invalid(InvalidInput::new(errors, &typed));
    let mut errors = Vec::new();
    let mut field = |name: &str, result: Result<(), &'static str>| {
        if let Err(code) = result {
            errors.push(FieldError::new(name, code));
        }
    };
    let project_id = project.trim().parse::<i64>().map_err(|_| "required");
    field("project", project_id.map(|_| ()));
    let topic_text = text_between(&topic, limits::TOPIC, false);
    field("topic", topic_text.as_ref().map(|_| ()).map_err(|c| *c));
    let message_text = text_between(&message, limits::MESSAGE, true);
    field("message", message_text.as_ref().map(|_| ()).map_err(|c| *c));
    let at = session_time(&asked_for, now);
    field("asked_for", at.map(|_| ()));
    let (Ok(project_id), Ok(topic_text), Ok(message_text), Ok(at)) =
        (project_id, topic_text, message_text, at)
    else {
        return Err(refuse(errors));
    };
    let ask = Ask {
        mentor: mentor_id,
        project: project_id,
        topic: &topic_text,
        message: &message_text,
        asked_for: at,
    };
    let (id, mentor) = match crate::db::mentors::ask(&ctx.db, user.id, &ask, now).await {
        Ok(asked) => asked,
        Err(AskError::NoMentor) => return Err(AppError::NotFound),
        Err(AskError::Unavailable) => {
            return Err(refuse(vec![FieldError::new(
                "project",
                "mentor_unavailable",
            )]));
        }
        Err(AskError::NotTheirs) => {
            return Err(refuse(vec![FieldError::new("project", "invalid_choice")]));
        }
        Err(AskError::Themselves) => {
            return Err(refuse(vec![FieldError::new(
                "project",
                "mentor_themselves",
            )]));
        }
        Err(AskError::Open) => {
            return Err(refuse(vec![FieldError::new("project", "session_open")]));
        }
        Err(AskError::Db(e)) => return Err(e.into()),
    };
    let mut conn = ctx.db.acquire().await?;
    let (email, name, locale) = notifications::recipient(&mut conn, mentor).await?;
    let mail = crate::mail::mentor_session_moved(
        locale,
        (&email, &name),
        &ctx.public_url,
        (&topic_text, id),
        "requested",
    );
    outbox::enqueue(&mut conn, &mail, now).await?;
    ctx.outbox_wake.notify_one();
    leptos_axum::redirect(&format!(
        "/mentors/{}?done=asked#ask",
        crate::components::pagination::encode_component(&slug)
    ));
    Ok(())
}

/// `/account/mentoring`: the member's sessions, as a mentor and for their projects.
#[server(endpoint = "get_mentoring", input = server_fn::codec::GetUrl)]
pub async fn get_mentoring() -> Result<Mentoring, AppError> {
    let user = crate::api::accounts::require_user()?;
    let ctx = crate::server_context::server_context()?;
    Ok(Mentoring {
        mentor_slug: crate::db::mentors::slug_of(&ctx.db, user.id).await?,
        sessions: crate::db::mentors::sessions(&ctx.db, user.id, None).await?,
    })
}

/// `/account/mentoring/{id}`: a session the member is a side of.
#[server(endpoint = "get_session", input = server_fn::codec::GetUrl)]
pub async fn get_session(id: i64) -> Result<SessionPage, AppError> {
    let user = crate::api::accounts::require_user()?;
    let ctx = crate::server_context::server_context()?;
    crate::db::mentors::session(&ctx.db, id, user.id, crate::db::now_ms())
        .await?
        .ok_or(AppError::NotFound)
}

/// A side of session `id` moves it: the mentor proposes `times[]` (each in the future, at most
/// three) or declines; the project chooses one proposed time (`at`, ms); either side marks it
/// done (once its time has come) or cancels it. The other side is told by mail.
#[server(endpoint = "move_session")]
pub async fn move_session(
    id: i64,
    action: String,
    times: Option<Vec<String>>,
    at: Option<i64>,
) -> Result<(), AppError> {
    use crate::db::mentors::Step;
    use crate::db::{notifications, now_ms, outbox};
    use crate::domain::mentor::proposed_times;
    use crate::error::{FieldError, InvalidInput};

    let user = crate::api::accounts::require_user()?;
    let ctx = crate::server_context::server_context()?;
    let now = now_ms();
    let times = times.unwrap_or_default();
    let names: Vec<String> = (1..=times.len()).map(|n| format!("time_{n}")).collect();
    let id_text = id.to_string();
    let mut typed: Vec<(&str, &str)> = vec![("session_id", &id_text)];
    typed.extend(
        names
            .iter()
            .zip(&times)
            .map(|(n, t)| (n.as_str(), t.as_str())),
    );
    let refuse = |errors: Vec<FieldError>| AppError::Invalid(InvalidInput::new(errors, &typed));
    let proposed;
    let step = match action.as_str() {
        "propose" => {
            proposed = proposed_times(&times, now).map_err(&refuse)?;
            Step::Propose(&proposed)
        }
        "decline" => Step::Decline,
        "choose" => Step::Choose(at.unwrap_or_default()),
        "done" => Step::Done,
        "cancel" => Step::Cancel,
        _ => return Err(refuse(vec![FieldError::new("action", "invalid_choice")])),
    };
    let Some((status, other)) = crate::db::mentors::step(&ctx.db, id, user.id, step, now).await?
    else {
        return Err(refuse(vec![FieldError::new("action", "session_not_now")]));
    };
    let topic: String = sqlx::query_scalar("SELECT topic FROM mentor_sessions WHERE id = $1")
        .bind(id)
        .fetch_one(&ctx.db)
        .await?;
    let mut conn = ctx.db.acquire().await?;
    let (email, name, locale) = notifications::recipient(&mut conn, other).await?;
    let mail = crate::mail::mentor_session_moved(
        locale,
        (&email, &name),
        &ctx.public_url,
        (&topic, id),
        status,
    );
    outbox::enqueue(&mut conn, &mail, now).await?;
    ctx.outbox_wake.notify_one();
    leptos_axum::redirect(&format!("/account/mentoring/{id}?done={status}"));
    Ok(())
}

/// A side of session `id` keeps `note` as their private note (only they read it).
#[server(endpoint = "save_session_note")]
pub async fn save_session_note(id: i64, note: String) -> Result<(), AppError> {
    use crate::domain::mentor::limits;
    use crate::error::{FieldError, InvalidInput};

    let user = crate::api::accounts::require_user()?;
    let ctx = crate::server_context::server_context()?;
    if note.chars().count() > limits::NOTE {
        return Err(AppError::Invalid(InvalidInput::new(
            vec![FieldError::new("note", "too_long")],
            &[("note", note.as_str())],
        )));
    }
    if !crate::db::mentors::save_note(&ctx.db, id, user.id, note.trim(), crate::db::now_ms())
        .await?
    {
        return Err(AppError::NotFound);
    }
    leptos_axum::redirect(&format!("/account/mentoring/{id}?done=note#note"));
    Ok(())
}
