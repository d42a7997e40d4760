//! Incubator programmes: `/incubator` (the programmes), `/incubator/{slug}` (a programme's
//! cohorts, alumni and training courses with their trainees) and, for editors,
//! `/editor/incubator/new` and `/editor/incubator/{id}/edit`.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

use super::not_found_page::NotFoundPage;
use super::startups_page::ProjectCardView;
use super::{LoadError, PageRoute, use_id_param};
use crate::api::{get_programme, get_programme_editor, get_programmes};
use crate::components::form::{
    Field, FieldSpec, FormAlert, TextAreaField, invalid_input, use_form_error,
};
use crate::domain::incubator::limits;
use crate::domain::{format_vietnam_date, format_vietnam_datetime};
use crate::error::{AppError, InvalidInput};
use crate::i18n::{tr, use_i18n};
use crate::model::{CohortView, ProgrammeCard, ProgrammeEditor, ProgrammePage, ProgrammesPage};
use crate::seo::PageMeta;

#[component]
fn ProgrammeCardView(programme: ProgrammeCard) -> impl IntoView {
    let i18n = use_i18n();
    let (locale, t) = (i18n.locale(), i18n.t());
    view! {
        <article class="card programme-card" data-testid="programme-card">
            <p class="card-eyebrow"><span>{programme.organiser.clone()}</span></p>
            <h3 class="card-title"><a class="card-link" href=format!("/incubator/{}", programme.slug)>{programme.name.clone()}</a></h3>
            <p class="card-summary">{programme.summary.clone()}</p>
            <p class="card-meta">
                <span>{locale.format_count(programme.cohorts)}" "{t.incubator_cohorts}</span>
                <span>{locale.format_count(programme.projects)}" "{t.incubator_projects}</span>
                <span>{locale.format_count(programme.trainings)}" "{t.incubator_trainings}</span>
            </p>
        </article>
    }
}

/// `/incubator`.
pub struct ProgrammesRoute {
    data: Resource<Result<ProgrammesPage, AppError>>,
}

impl PageRoute for ProgrammesRoute {
    fn data() -> Self {
        Self {
            data: Resource::new(|| (), |_| get_programmes()),
        }
    }

    fn view(this: Self) -> AnyView {
        let data = this.data;
        view! {
            <Suspense fallback=move || view! { <p class="container page loading">{tr(|t| t.loading)}</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(page) => view! { <ProgrammesView page/> }.into_any(),
                        Err(error) => view! { <div class="container page"><LoadError error/></div> }.into_any(),
                    }
                })}
            </Suspense>
        }
        .into_any()
    }
}

#[component]
fn ProgrammesView(page: ProgrammesPage) -> impl IntoView {
    let t = use_i18n().t();
    view! {
        <PageMeta title=t.incubator_title description=t.incubator_lead path="/incubator"/>
        <div class="container page incubator-page">
            <header class="page-header page-header-actions">
                <div>
                    <h1>{t.incubator_title}</h1>
                    <p class="lead">{t.incubator_lead}</p>
                </div>
                {page.can_edit.then(|| view! { <a class="button button-primary" href="/editor/incubator/new">{t.incubator_new}</a> })}
            </header>
            {if page.programmes.is_empty() {
                view! { <p class="empty">{t.incubator_none}</p> }.into_any()
            } else {
                view! {
                    <div class="card-grid" data-testid="programmes">
                        {page.programmes.into_iter().map(|programme| view! { <ProgrammeCardView programme/> }).collect_view()}
                    </div>
                }
                .into_any()
            }}
        </div>
    }
}

/// `/incubator/{slug}`.
pub struct ProgrammeRoute {
    data: Resource<Result<ProgrammePage, AppError>>,
}

impl PageRoute for ProgrammeRoute {
    fn data() -> Self {
        let params = use_params_map();
        let slug = Memo::new(move |_| params.read().get("slug").unwrap_or_default());
        Self {
            data: Resource::new(move || slug.get(), get_programme),
        }
    }

    fn view(this: Self) -> AnyView {
        let data = this.data;
        view! {
            <Suspense fallback=move || view! { <p class="container page loading">{tr(|t| t.loading)}</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(page) => view! { <ProgrammeView page/> }.into_any(),
                        Err(AppError::NotFound | AppError::BadRequest(_)) => view! { <NotFoundPage/> }.into_any(),
                        Err(error) => view! { <div class="container page"><LoadError error/></div> }.into_any(),
                    }
                })}
            </Suspense>
        }
        .into_any()
    }
}

/// A cohort: its name, dates and projects.
fn cohort_view(cohort: CohortView) -> impl IntoView {
    view! {
        <section class="cohort" data-testid="cohort">
            <h3>{cohort.name.clone()}<span class="muted">" · "{format_vietnam_date(cohort.starts_at)}" – "{format_vietnam_date(cohort.ends_at - 1)}</span></h3>
            <div class="card-grid">
                {cohort.projects.into_iter().map(|project| view! { <ProjectCardView project/> }).collect_view()}
            </div>
        </section>
    }
}

#[component]
fn ProgrammeView(page: ProgrammePage) -> impl IntoView {
    let i18n = use_i18n();
    let (locale, t) = (i18n.locale(), i18n.t());
    let card = page.card.clone();
    let path = format!("/incubator/{}", card.slug);
    let alumni: usize = page.past.iter().map(|c| c.projects.len()).sum();
    let figures = format!(
        "{} {} · {} {} · {} {}",
        locale.format_count(card.projects),
        t.incubator_projects,
        locale.format_count(page.trainings.len() as i64),
        t.incubator_trainings,
        locale.format_count(page.trainees),
        t.incubator_trainees
    );
    view! {
        <PageMeta title=card.name.clone() description=card.summary.clone() path=path/>
        <div class="container page programme-page">
            <nav class="breadcrumb" aria-label=t.breadcrumb><a href="/incubator">{t.incubator_title}</a></nav>
            <header class="page-header page-header-actions">
                <div>
                    <h1>{card.name.clone()}</h1>
                    <p class="lead">{card.summary.clone()}</p>
                    <p class="muted" data-testid="programme-figures">{figures}</p>
                </div>
                {page.can_edit.then(|| view! { <a class="button button-ghost" href=format!("/editor/incubator/{}/edit", card.id)>{t.call_edit}</a> })}
            </header>
            <div class="prose" inner_html=page.description_html.clone()></div>
            <section aria-labelledby="current-cohorts">
                <h2 id="current-cohorts">{t.incubator_current}</h2>
                {if page.current.is_empty() {
                    view! { <p class="empty">{t.incubator_no_cohort}</p> }.into_any()
                } else {
                    page.current.into_iter().map(cohort_view).collect_view().into_any()
                }}
            </section>
            {(alumni > 0).then(|| view! {
                <section aria-labelledby="alumni" data-testid="alumni">
                    <h2 id="alumni">{t.incubator_alumni}" ("{alumni}")"</h2>
                    {page.past.into_iter().map(cohort_view).collect_view()}
                </section>
            })}
            <section aria-labelledby="trainings">
                <h2 id="trainings">{t.incubator_trainings_title}</h2>
                {if page.trainings.is_empty() {
                    view! { <p class="empty">{t.incubator_no_training}</p> }.into_any()
                } else {
                    view! {
                        <div class="table-wrap"><table class="data-table" data-testid="trainings">
                            <thead><tr>
                                <th scope="col">{t.incubator_training}</th>
                                <th scope="col">{t.incubator_when}</th>
                                <th scope="col" class="numeric">{t.incubator_trainees}</th>
                            </tr></thead>
                            <tbody>
                                {page.trainings.into_iter().map(|c| view! {
                                    <tr>
                                        <td><a href=format!("/events/{}", c.slug)>{c.title}</a></td>
                                        <td>{format_vietnam_datetime(c.starts_at)}</td>
                                        <td class="numeric">{locale.format_count(c.trainees)}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table></div>
                    }
                    .into_any()
                }}
            </section>
        </div>
    }
}

/// `/editor/incubator/new` and `/editor/incubator/{id}/edit`.
pub struct ProgrammeEditorRoute {
    data: Resource<Result<ProgrammeEditor, AppError>>,
}

impl PageRoute for ProgrammeEditorRoute {
    fn data() -> Self {
        let id = use_id_param();
        Self {
            data: Resource::new(move || id.get(), get_programme_editor),
        }
    }

    fn view(this: Self) -> AnyView {
        view! {
            <Title text=tr(|t| t.incubator_editor_title)/>
            <Meta name="robots" content="noindex"/>
            {super::member_view(this.data, "/editor/incubator/new", |editor| view! { <ProgrammeEditorView editor/> })}
        }
        .into_any()
    }
}

const NAME: FieldSpec = FieldSpec::text(
    "name",
    |t| t.incubator_field_name,
    limits::NAME.0,
    limits::NAME.1,
);
const SUMMARY: FieldSpec = FieldSpec::text(
    "summary",
    |t| t.call_field_summary,
    limits::SUMMARY.0,
    limits::SUMMARY.1,
);
const DESCRIPTION: FieldSpec = FieldSpec::text(
    "description",
    |t| t.call_field_description,
    limits::DESCRIPTION.0,
    limits::DESCRIPTION.1,
);
const ORGANISER: FieldSpec = FieldSpec::text(
    "organiser",
    |t| t.incubator_field_organiser,
    limits::ORGANISER.0,
    limits::ORGANISER.1,
);
const COHORT_NAME: FieldSpec = FieldSpec::text(
    "cohort_name",
    |t| t.incubator_field_cohort,
    limits::COHORT.0,
    limits::COHORT.1,
);
const STARTS: FieldSpec =
    FieldSpec::text("starts", |t| t.incubator_field_starts, 10, 10).of_kind("date");
const ENDS: FieldSpec = FieldSpec::text("ends", |t| t.incubator_field_ends, 10, 10).of_kind("date");
const PROJECT: FieldSpec = FieldSpec::text("project", |t| t.incubator_field_project, 1, 300)
    .with_hint(|t| t.incubator_project_hint);
const EVENT: FieldSpec = FieldSpec::text("event", |t| t.incubator_field_event, 1, 300)
    .with_hint(|t| t.incubator_event_hint);

#[component]
fn ProgrammeEditorView(editor: ProgrammeEditor) -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t();
    let done = use_query_map().read_untracked().get("done").is_some();
    let error = use_form_error("save_programme");
    let input = match &error {
        Some(_) => invalid_input(error.as_ref()),
        None => InvalidInput::new(Vec::new(), &editor.form.typed()),
    };
    let cohort_error = use_form_error("add_cohort");
    let cohort_input = invalid_input(cohort_error.as_ref());
    let project_error = use_form_error("add_cohort_project");
    let project_input = invalid_input(project_error.as_ref());
    let training_error = use_form_error("link_training");
    let training_input = invalid_input(training_error.as_ref());
    let id = editor.id;
    let chosen = project_input
        .value_of("cohort")
        .unwrap_or_default()
        .to_owned();
    view! {
        <div class="container page page-form programme-editor">
            <nav class="breadcrumb" aria-label=t.breadcrumb><a href="/incubator">{t.incubator_title}</a></nav>
            <header class="page-header">
                <h1>{t.incubator_editor_title}</h1>
                {(id != 0).then(|| view! { <p><a href=format!("/incubator/{}", editor.slug)>{t.call_public_page}</a></p> })}
            </header>
            {done.then(|| view! { <p class="notice notice-success" role="status">{t.done_programme_saved}</p> })}
            <FormAlert error=error.clone()/>
            <form class="form panel" method="post" action="/api/save_programme" data-testid="programme-form">
                <input type="hidden" name="id" value=id/>
                <Field spec=NAME input=input.clone()/>
                <Field spec=ORGANISER input=input.clone()/>
                <Field spec=SUMMARY input=input.clone()/>
                <TextAreaField spec=DESCRIPTION input=input.clone() rows=6/>
                <div class="form-actions"><button type="submit" class="button button-primary">{t.incubator_save}</button></div>
            </form>
            {(id != 0).then(|| view! {
                <section class="panel" id="cohorts" aria-labelledby="cohorts-title">
                    <h2 id="cohorts-title">{t.incubator_cohorts_title}</h2>
                    <ul class="cohort-list">
                        {editor.cohorts.iter().map(|(_, name, projects)| view! {
                            <li><strong>{name.clone()}</strong>" · "{projects.join(", ")}</li>
                        }).collect_view()}
                    </ul>
                    <form class="form-stack" method="post" action="/api/add_cohort" data-testid="cohort-form">
                        <FormAlert error=cohort_error.clone()/>
                        <input type="hidden" name="id" value=id/>
                        <Field spec=COHORT_NAME input=cohort_input.clone()/>
                        <div class="field-row">
                            <Field spec=STARTS input=cohort_input.clone()/>
                            <Field spec=ENDS input=cohort_input.clone()/>
                        </div>
                        <button type="submit" class="button button-ghost">{t.incubator_add_cohort}</button>
                    </form>
                    {(!editor.cohorts.is_empty()).then(|| view! {
                        <form class="form-stack" method="post" action="/api/add_cohort_project" data-testid="cohort-project-form">
                            <input type="hidden" name="id" value=id/>
                            <div class="field">
                                <label for="field-cohort">{t.incubator_field_cohort}</label>
                                <select id="field-cohort" name="cohort">
                                    {editor.cohorts.iter().map(|(cohort, name, _)| {
                                        let selected = chosen == cohort.to_string();
                                        view! { <option value=*cohort selected=selected>{name.clone()}</option> }
                                    }).collect_view()}
                                </select>
                            </div>
                            <Field spec=PROJECT input=project_input.clone()/>
                            <button type="submit" class="button button-ghost">{t.incubator_add_project}</button>
                        </form>
                    })}
                </section>
                <section class="panel" id="trainings" aria-labelledby="trainings-title">
                    <h2 id="trainings-title">{t.incubator_trainings_title}</h2>
                    <ul>{editor.trainings.iter().map(|title| view! { <li>{title.clone()}</li> }).collect_view()}</ul>
                    <form class="form-stack" method="post" action="/api/link_training" data-testid="training-form">
                        <input type="hidden" name="id" value=id/>
                        <Field spec=EVENT input=training_input.clone()/>
                        <button type="submit" class="button button-ghost">{t.incubator_link_training}</button>
                    </form>
                </section>
            })}
        </div>
    }
}
