//! The startup showcase: members present projects (reviewed by a moderator before they are
//! public), investors present themselves (approved by a moderator) and, after accepting a
//! project's confidentiality terms, see its confidential part — every look logged for the
//! project's owners.

// A plain HTML form posts one argument per field, and the server function macro generates
// functions taking them all.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::{
    InvestorEditor, InvestorsPage, OwnStartups, ProjectEditor, ProjectPage, ProjectQuery,
    StartupsPage,
};

/// Projects on a page of the showcase.
pub const PROJECTS_PER_PAGE: u32 = 24;

/// `/startups`: the published projects, narrowed by sector, stage, funding kind and province,
/// and found by words through the shared search (best first; otherwise newest first).
#[server(endpoint = "get_startups", input = server_fn::codec::GetUrl)]
pub async fn get_startups(query: ProjectQuery) -> Result<StartupsPage, AppError> {
    use crate::db::startups::ProjectFilter;
    use crate::domain::startup::{FundingKind, Stage};
    use crate::domain::{Province, Sector};
    use crate::model::Page;

    if query.q.chars().count() > crate::domain::MAX_QUERY_CHARS {
        return Err(AppError::bad_request("query too long"));
    }
    let ctx = crate::server_context::server_context()?;
    // A code no project can have (an old link, a typed address) narrows nothing.
    let filter = ProjectFilter {
        sector: Sector::parse(&query.sector).ok().map(Sector::code),
        stage: Stage::parse(&query.stage).map(Stage::code),
        funding: FundingKind::parse(&query.funding).map(FundingKind::code),
        province: Province::parse(&query.province).ok().map(Province::code),
    };
    let page = query.page.clamp(1, 1_000);
    let terms = crate::domain::search_words(&query.q);
    let (projects, terms) = if terms.is_empty() {
        let projects =
            crate::db::startups::browse(&ctx.db, &filter, page, PROJECTS_PER_PAGE).await?;
        (projects, Vec::new())
    } else {
        let per_page = i64::from(PROJECTS_PER_PAGE);
        let found = crate::db::startup_search::find(
            &ctx.db,
            &terms,
            &filter,
            per_page,
            i64::from(page - 1) * per_page,
        )
        .await?;
        let page = Page {
            items: found.cards,
            page,
            per_page: PROJECTS_PER_PAGE,
            total: found.total,
        };
        (page, found.notes.highlight)
    };
    let (all_projects, investors) = tokio::try_join!(
        crate::db::startups::count_published(&ctx.db),
        crate::db::investors::count_approved(&ctx.db),
    )?;
    Ok(StartupsPage {
        query: ProjectQuery { page, ..query },
        projects,
        all_projects,
        investors,
        terms,
    })
}

/// `/startups/{slug}`: a published project (or, for its owners and moderators, one under
/// review). Its confidential figures and pitch deck are given only to its owners and to
/// approved investors who accepted its terms; such an investor's visit is logged.
#[server(endpoint = "get_project", input = server_fn::codec::GetUrl)]
pub async fn get_project(slug: String) -> Result<ProjectPage, AppError> {
    use crate::domain::Role;

    let ctx = crate::server_context::server_context()?;
    let viewer = crate::session::current_user().map(|user| {
        let moderator = Role::parse(&user.role).is_ok_and(|r| r.includes(Role::Moderator));
        (user.id, moderator)
    });
    crate::db::startups::page(&ctx.db, &slug, viewer, crate::db::now_ms())
        .await?
        .ok_or(AppError::NotFound)
}

/// An approved investor accepts project `id`'s confidentiality terms (once; recorded with the
/// time), then sees its confidential part. Anyone else is refused.
#[server(endpoint = "accept_project_terms")]
pub async fn accept_project_terms(id: i64, slug: String) -> Result<(), AppError> {
    let user = crate::api::accounts::require_user()?;
    let ctx = crate::server_context::server_context()?;
    if !crate::db::startups::accept_terms(&ctx.db, id, user.id, crate::db::now_ms()).await? {
        return Err(AppError::Forbidden);
    }
    leptos_axum::redirect(&format!(
        "/startups/{}?done=accepted#confidential",
        crate::components::pagination::encode_component(&slug)
    ));
    Ok(())
}

/// `/account/startups`: the member's projects, with their review and how often their
/// confidential material was looked at, and their investor profile's review.
#[server(endpoint = "get_own_startups", input = server_fn::codec::GetUrl)]
pub async fn get_own_startups() -> Result<OwnStartups, AppError> {
    let user = crate::api::accounts::require_user()?;
    let ctx = crate::server_context::server_context()?;
    Ok(OwnStartups {
        projects: crate::db::startups::own(&ctx.db, user.id).await?,
        investor: crate::db::investors::status(&ctx.db, user.id).await?,
        introductions: crate::db::startup_intros::list(&ctx.db, user.id).await?,
        applications: crate::db::funding_calls::own_applications(&ctx.db, user.id).await?,
    })
}

/// The project editor: `id` 0 for a new project, else one the member owns.
#[server(endpoint = "get_project_editor", input = server_fn::codec::GetUrl)]
pub async fn get_project_editor(id: i64) -> Result<ProjectEditor, AppError> {
    let user = crate::api::accounts::require_user()?;
    let ctx = crate::server_context::server_context()?;
    if id == 0 {
        return Ok(ProjectEditor {
            id: 0,
            slug: String::new(),
            form: Default::default(),
            status: "new".into(),
            review_note: None,
            stalls: crate::db::startups::approved_stalls(&ctx.db, user.id).await?,
            cover_key: None,
            deck_bytes: None,
        });
    }
    crate::db::startups::editor(&ctx.db, id, user.id)
        .await?
        .ok_or(AppError::NotFound)
}

/// Saves project `id` (0: a new one). Every fault is told beside its field and nothing is
/// stored; funding sought must be between one million and a thousand billion đồng; the team's
/// e-mails must be members'; the stall must be an approved one the member acts for. Every save
/// goes back to the moderators.
#[server(endpoint = "save_project")]
pub async fn save_project(
    id: i64,
    name: String,
    pitch: String,
    description: String,
    sector: String,
    province: String,
    stage: String,
    trl: String,
    funding_sought: String,
    funding_kind: String,
    funding_raised: String,
    video_url: String,
    team: String,
    traction: String,
    traction_confidential: String,
    stall: Option<String>,
) -> Result<(), AppError> {
    use crate::db::startups::SaveError;
    use crate::domain::startup::ProjectForm;
    use crate::error::{FieldError, InvalidInput};

    let user = crate::api::accounts::require_user()?;
    let form = ProjectForm {
        name,
        pitch,
        description,
        sector,
        province,
        stage,
        trl,
        funding_sought,
        funding_kind,
        funding_raised,
        video_url,
        team,
        traction,
        traction_confidential,
        stall: stall.unwrap_or_default(),
    };
    let id_text = id.to_string();
    let mut typed = vec![("id", id_text.as_str())];
    typed.extend(form.typed());
    let refuse = |errors: Vec<FieldError>| AppError::Invalid(InvalidInput::new(errors, &typed));
    let input = form.validate().map_err(refuse)?;
    let ctx = crate::server_context::server_context()?;
    let now = crate::db::now_ms();
    let saved = match crate::db::startups::save(&ctx.db, id, user.id, &input, now).await {
        Ok(saved) => saved,
        Err(SaveError::NotFound) => return Err(AppError::NotFound),
        Err(SaveError::NotTheirStall) => {
            return Err(refuse(vec![FieldError::new("stall", "invalid_choice")]));
        }
        Err(SaveError::UnknownMember) => {
            return Err(refuse(vec![FieldError::new("team", "team_member_unknown")]));
        }
        Err(SaveError::Db(e)) => return Err(e.into()),
    };
    leptos_axum::redirect(&format!("/account/startups/{saved}/edit?done=saved"));
    Ok(())
}

/// The owner withdraws project `id` from the showcase (saving it again sends it for review).
#[server(endpoint = "withdraw_project")]
pub async fn withdraw_project(id: i64) -> Result<(), AppError> {
    let user = crate::api::accounts::require_user()?;
    let ctx = crate::server_context::server_context()?;
    if !crate::db::startups::withdraw(&ctx.db, id, user.id, crate::db::now_ms()).await? {
        return Err(AppError::NotFound);
    }
    leptos_axum::redirect("/account/startups?done=withdrawn");
    Ok(())
}

/// `/account/investor`: the member's investor profile as the form shows it.
#[server(endpoint = "get_investor_editor", input = server_fn::codec::GetUrl)]
pub async fn get_investor_editor() -> Result<InvestorEditor, AppError> {
    let user = crate::api::accounts::require_user()?;
    let ctx = crate::server_context::server_context()?;
    Ok(
        match crate::db::investors::editor(&ctx.db, user.id).await? {
            Some((form, status)) => InvestorEditor {
                form,
                status: Some(status),
            },
            None => InvestorEditor {
                form: Default::default(),
                status: None,
            },
        },
    )
}

/// Saves the member's investor profile; it waits for a moderator (again, after a change)
/// before they see any project's confidential part. Ticket sizes as funding sought; the
/// largest not below the least.
#[server(endpoint = "save_investor")]
pub async fn save_investor(
    kind: String,
    name: String,
    about: String,
    ticket_min: String,
    ticket_max: String,
    portfolio: String,
    website: String,
    sectors: Option<Vec<String>>,
    stages: Option<Vec<String>>,
    provinces: Option<Vec<String>>,
) -> Result<(), AppError> {
    use crate::domain::startup::InvestorForm;
    use crate::error::InvalidInput;

    let user = crate::api::accounts::require_user()?;
    let form = InvestorForm {
        kind,
        name,
        about,
        ticket_min,
        ticket_max,
        portfolio,
        website,
        sectors: sectors.unwrap_or_default(),
        stages: stages.unwrap_or_default(),
        provinces: provinces.unwrap_or_default(),
    };
    let typed = form.typed();
    let typed: Vec<(&str, &str)> = typed.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let input = form
        .validate()
        .map_err(|errors| AppError::Invalid(InvalidInput::new(errors, &typed)))?;
    let ctx = crate::server_context::server_context()?;
    crate::db::investors::save(&ctx.db, user.id, &input, crate::db::now_ms()).await?;
    leptos_axum::redirect("/account/investor?done=saved");
    Ok(())
}

/// `/startups/investors`: the approved investors and their focus.
#[server(endpoint = "get_investors", input = server_fn::codec::GetUrl)]
pub async fn get_investors() -> Result<InvestorsPage, AppError> {
    let ctx = crate::server_context::server_context()?;
    Ok(InvestorsPage {
        investors: crate::db::investors::approved(&ctx.db).await?,
    })
}

/// Moderators only: publishes a pending project (`decision=approve`) or refuses it with a
/// reason its owners read. Decides the version the moderator saw (`seen`), never their own.
#[server(endpoint = "decide_project")]
pub async fn decide_project(
    id: i64,
    seen: String,
    decision: String,
    reason: Option<String>,
) -> Result<(), AppError> {
    use crate::api::decision::{check_decision, reason_of, refusal};
    use crate::domain::Role;

    let moderator = crate::api::accounts::require_role(Role::Moderator)?;
    let reason_text = reason.unwrap_or_default();
    let id_text = id.to_string();
    let typed = [
        ("reason", reason_text.as_str()),
        ("project_id", id_text.as_str()),
    ];
    let ctx = crate::server_context::server_context()?;
    let own = crate::db::startups::owns(&ctx.db, id, moderator.id).await?;
    let shown = crate::api::stalls::get_moderation_queue::queue(&ctx.db)
        .await?
        .projects
        .into_iter()
        .find(|p| p.card.id == id)
        .map(|p| p.fingerprint);
    let Some(shown) = shown else {
        return Err(refusal("decision", "already_reviewed", &typed));
    };
    check_decision(own, &seen, &shown, &typed)?;
    let reason = reason_of(&decision, &reason_text, &typed)?;
    let now = crate::db::now_ms();
    if crate::db::startups::decide(&ctx.db, id, reason.as_deref(), moderator.id, now)
        .await?
        .is_none()
    {
        return Err(refusal("decision", "already_reviewed", &typed));
    }
    let done = if reason.is_some() {
        "project_rejected"
    } else {
        "project_approved"
    };
    leptos_axum::redirect(&format!("/moderation?done={done}#projects"));
    Ok(())
}

/// Moderators only: approves a pending investor profile or refuses it with a reason the member
/// reads. Never their own.
#[server(endpoint = "decide_investor")]
pub async fn decide_investor(
    id: i64,
    seen: String,
    decision: String,
    reason: Option<String>,
) -> Result<(), AppError> {
    use crate::api::decision::{check_decision, reason_of, refusal};
    use crate::domain::Role;

    let moderator = crate::api::accounts::require_role(Role::Moderator)?;
    let reason_text = reason.unwrap_or_default();
    let id_text = id.to_string();
    let typed = [
        ("reason", reason_text.as_str()),
        ("investor_id", id_text.as_str()),
    ];
    let ctx = crate::server_context::server_context()?;
    let shown = crate::api::stalls::get_moderation_queue::queue(&ctx.db)
        .await?
        .investors
        .into_iter()
        .find(|i| i.card.id == id);
    let Some(shown) = shown else {
        return Err(refusal("decision", "already_reviewed", &typed));
    };
    let own = crate::db::investors::status(&ctx.db, moderator.id)
        .await?
        .is_some_and(|mine| mine.slug == shown.card.slug);
    check_decision(own, &seen, &shown.fingerprint, &typed)?;
    let reason = reason_of(&decision, &reason_text, &typed)?;
    let now = crate::db::now_ms();
    if crate::db::investors::decide(&ctx.db, id, reason.as_deref(), moderator.id, now)
        .await?
        .is_none()
    {
        return Err(refusal("decision", "already_reviewed", &typed));
    }
    let done = if reason.is_some() {
        "investor_rejected"
    } else {
        "investor_approved"
    };
    leptos_axum::redirect(&format!("/moderation?done={done}#investors"));
    Ok(())
}
