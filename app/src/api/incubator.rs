//! Incubator programmes: public pages of their cohorts, alumni and training courses, and the
//! editors' forms that keep them.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::{ProgrammeEditor, ProgrammePage, ProgrammesPage};

/// Whether the member signed in is an editor.
#[cfg(feature = "ssr")]
fn is_editor() -> bool {
    use crate::domain::Role;
    crate::session::current_user()
        .is_some_and(|u| Role::parse(&u.role).is_ok_and(|r| r.includes(Role::Editor)))
}

/// `/incubator`: the programmes.
#[server(endpoint = "get_programmes", input = server_fn::codec::GetUrl)]
pub async fn get_programmes() -> Result<ProgrammesPage, AppError> {
    let ctx = crate::server_context::server_context()?;
    Ok(ProgrammesPage {
        programmes: crate::db::incubator::list(&ctx.db).await?,
        can_edit: is_editor(),
    })
}

/// `/incubator/{slug}`: a programme's cohorts, alumni and training courses.
#[server(endpoint = "get_programme", input = server_fn::codec::GetUrl)]
pub async fn get_programme(slug: String) -> Result<ProgrammePage, AppError> {
    let ctx = crate::server_context::server_context()?;
    let mut page = crate::db::incubator::page(&ctx.db, &slug, crate::db::now_ms())
        .await?
        .ok_or(AppError::NotFound)?;
    page.can_edit = is_editor();
    Ok(page)
}

/// Editors only: programme `id`'s form (0: a new programme).
#[server(endpoint = "get_programme_editor", input = server_fn::codec::GetUrl)]
pub async fn get_programme_editor(id: i64) -> Result<ProgrammeEditor, AppError> {
    crate::api::accounts::require_role(crate::domain::Role::Editor)?;
    let ctx = crate::server_context::server_context()?;
    if id == 0 {
        return Ok(ProgrammeEditor {
            id: 0,
            slug: String::new(),
            form: Default::default(),
            cohorts: Vec::new(),
            trainings: Vec::new(),
        });
    }
    crate::db::incubator::editor(&ctx.db, id)
        .await?
        .ok_or(AppError::NotFound)
}

/// Editors only: saves programme `id` (0: a new one).
#[server(endpoint = "save_programme")]
pub async fn save_programme(
    id: i64,
    name: String,
    summary: String,
    description: String,
    organiser: String,
) -> Result<(), AppError> {
    use crate::domain::incubator::ProgrammeForm;
    use crate::error::InvalidInput;

    let editor = crate::api::accounts::require_role(crate::domain::Role::Editor)?;
    let form = ProgrammeForm {
        name,
        summary,
        description,
        organiser,
    };
    let input = form
        .validate()
        .map_err(|errors| AppError::Invalid(InvalidInput::new(errors, &form.typed())))?;
    let ctx = crate::server_context::server_context()?;
    let saved = crate::db::incubator::save(&ctx.db, id, &input, editor.id, crate::db::now_ms())
        .await?
        .ok_or(AppError::NotFound)?;
    leptos_axum::redirect(&format!("/editor/incubator/{saved}/edit?done=saved"));
    Ok(())
}

/// Editors only: adds a cohort (its name, first and last days) to programme `id`.
#[server(endpoint = "add_cohort")]
pub async fn add_cohort(
    id: i64,
    cohort_name: String,
    starts: String,
    ends: String,
) -> Result<(), AppError> {
    use crate::domain::incubator::CohortForm;
    use crate::error::InvalidInput;

    crate::api::accounts::require_role(crate::domain::Role::Editor)?;
    let form = CohortForm {
        name: cohort_name,
        starts,
        ends,
    };
    let input = form
        .validate()
        .map_err(|errors| AppError::Invalid(InvalidInput::new(errors, &form.typed())))?;
    let ctx = crate::server_context::server_context()?;
    crate::db::incubator::add_cohort(&ctx.db, id, &input, crate::db::now_ms())
        .await?
        .ok_or(AppError::NotFound)?;
    leptos_axum::redirect(&format!("/editor/incubator/{id}/edit?done=cohort#cohorts"));
    Ok(())
}

/// Editors only: puts a published project (its address or slug) in cohort `cohort` of
/// programme `id`.
#[server(endpoint = "add_cohort_project")]
pub async fn add_cohort_project(id: i64, cohort: i64, project: String) -> Result<(), AppError> {
    use crate::error::{FieldError, InvalidInput};

    crate::api::accounts::require_role(crate::domain::Role::Editor)?;
    let ctx = crate::server_context::server_context()?;
    let cohort_text = cohort.to_string();
    if let Err(code) = crate::db::incubator::add_project(&ctx.db, (id, cohort), &project).await? {
        return Err(AppError::Invalid(InvalidInput::new(
            vec![FieldError::new("project", code)],
            &[
                ("project", project.as_str()),
                ("cohort", cohort_text.as_str()),
            ],
        )));
    }
    leptos_axum::redirect(&format!("/editor/incubator/{id}/edit?done=project#cohorts"));
    Ok(())
}

/// Editors only: links a training course (a published event of the training kind, by its
/// address or slug) to programme `id`.
#[server(endpoint = "link_training")]
pub async fn link_training(id: i64, event: String) -> Result<(), AppError> {
    use crate::error::{FieldError, InvalidInput};

    crate::api::accounts::require_role(crate::domain::Role::Editor)?;
    let ctx = crate::server_context::server_context()?;
    if let Err(code) = crate::db::incubator::link_training(&ctx.db, id, &event).await? {
        return Err(AppError::Invalid(InvalidInput::new(
            vec![FieldError::new("event", code)],
            &[("event", event.as_str())],
        )));
    }
    leptos_axum::redirect(&format!(
        "/editor/incubator/{id}/edit?done=training#trainings"
    ));
    Ok(())
}
