//! Calls for applications: `/calls` (open and closed), `/calls/{slug}` (a call and applying to
//! it), and the funder's side — `/account/calls`, the call form (`/account/calls/new`,
//! `/account/calls/{id}/edit`) and a call's applications (`/account/calls/{id}/applications`,
//! with its CSV).

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

use super::not_found_page::NotFoundPage;
use super::startups_page::investor_kind_label;
use super::{LoadError, PageRoute, use_id_param};
use crate::api::{get_call, get_call_desk, get_call_editor, get_calls, get_own_calls};
use crate::components::form::{
    Field, FieldSpec, FormAlert, TextAreaField, field_error_text, id_select, invalid_input,
    use_form_error,
};
use crate::domain::funding_call::{limits, next_statuses};
use crate::domain::{format_vietnam_date, format_vietnam_datetime};
use crate::error::{AppError, InvalidInput};
use crate::i18n::{Messages, tr, use_i18n};
use crate::model::{
    CallApplication, CallCard, CallDesk, CallEditor, CallPage, CallsPage, OwnApplication, OwnCalls,
};
use crate::seo::PageMeta;

/// An application's status, in words.
pub fn application_status_label(t: &Messages, status: &str) -> &'static str {
    match status {
        "reviewing" => t.call_status_reviewing,
        "interview" => t.call_status_interview,
        "funded" => t.call_status_funded,
        "declined" => t.call_status_declined,
        _ => t.call_status_received,
    }
}

/// A call as lists show it.
#[component]
fn CallCardView(call: CallCard, #[prop(optional)] open: bool) -> impl IntoView {
    let i18n = use_i18n();
    let (locale, t) = (i18n.locale(), i18n.t());
    view! {
        <article class="card call-card" data-testid="call-card">
            <p class="card-eyebrow">
                <span class=if open { "tag tag-open" } else { "tag tag-closed" }>{if open { t.call_open } else { t.call_closed }}</span>
                <span>{investor_kind_label(t, &call.funder_kind)}</span>
            </p>
            <h3 class="card-title"><a class="card-link" href=format!("/calls/{}", call.slug)>{call.title.clone()}</a></h3>
            <p class="card-summary">{call.summary.clone()}</p>
            <p class="card-price">
                <span class="card-price-label">{t.call_deadline}": "</span>{format_vietnam_date(call.deadline - 1)}
            </p>
            <p class="card-meta">
                <span class="card-seller">{call.funder.clone()}</span>
                {call.budget.map(|b| view! { <span>{t.call_budget}": "{locale.format_vnd(b)}</span> })}
                <span>{locale.format_count(call.applications)}" "{t.call_applications_count}</span>
            </p>
        </article>
    }
}

/// `/calls`.
pub struct CallsRoute {
    data: Resource<Result<CallsPage, AppError>>,
}

impl PageRoute for CallsRoute {
    fn data() -> Self {
        Self {
            data: Resource::new(|| (), |_| get_calls()),
        }
    }

    fn view(this: Self) -> AnyView {
        let data = this.data;
        view! {
            <Suspense fallback=move || view! { <p class="container page loading">{tr(|t| t.loading)}</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(page) => view! { <CallsView page/> }.into_any(),
                        Err(error) => view! { <div class="container page"><LoadError error/></div> }.into_any(),
                    }
                })}
            </Suspense>
        }
        .into_any()
    }
}

#[component]
fn CallsView(page: CallsPage) -> impl IntoView {
    let t = use_i18n().t();
    view! {
        <PageMeta title=t.calls_title description=t.calls_lead path="/calls"/>
        <div class="container page calls-page">
            <header class="page-header page-header-actions">
                <div>
                    <h1>{t.calls_title}</h1>
                    <p class="lead">{t.calls_lead}</p>
                </div>
                {page.can_open.then(|| view! { <a class="button button-primary" href="/account/calls/new">{t.call_new}</a> })}
            </header>
            <section aria-labelledby="calls-open">
                <h2 id="calls-open">{t.calls_open_title}</h2>
                {if page.open.is_empty() {
                    view! { <p class="empty">{t.calls_none_open}</p> }.into_any()
                } else {
                    view! {
                        <div class="card-grid" data-testid="calls-open">
                            {page.open.into_iter().map(|call| view! { <CallCardView call open=true/> }).collect_view()}
                        </div>
                    }
                    .into_any()
                }}
            </section>
            {(!page.closed.is_empty()).then(|| view! {
                <section aria-labelledby="calls-closed">
                    <h2 id="calls-closed">{t.calls_closed_title}</h2>
                    <div class="card-grid" data-testid="calls-closed">
                        {page.closed.into_iter().map(|call| view! { <CallCardView call/> }).collect_view()}
                    </div>
                </section>
            })}
        </div>
    }
}

/// `/calls/{slug}`.
pub struct CallRoute {
    data: Resource<Result<CallPage, AppError>>,
}

impl PageRoute for CallRoute {
    fn data() -> Self {
        let params = use_params_map();
        let slug = Memo::new(move |_| params.read().get("slug").unwrap_or_default());
        Self {
            data: Resource::new(move || slug.get(), get_call),
        }
    }

    fn view(this: Self) -> AnyView {
        let data = this.data;
        view! {
            <Suspense fallback=move || view! { <p class="container page loading">{tr(|t| t.loading)}</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(page) => view! { <CallView page/> }.into_any(),
                        Err(AppError::NotFound | AppError::BadRequest(_)) => view! { <NotFoundPage/> }.into_any(),
                        Err(error) => view! { <div class="container page"><LoadError error/></div> }.into_any(),
                    }
                })}
            </Suspense>
        }
        .into_any()
    }
}

/// The member's applications to this call, with where each stands.
fn applications_list(applied: Vec<OwnApplication>) -> impl IntoView {
    let t = use_i18n().t();
    view! {
        <ul class="application-list" data-testid="own-applications">
            {applied.into_iter().map(|a| view! {
                <li class="application" data-status=a.status.clone()>
                    <span class=format!("badge badge-{}", a.status)>{application_status_label(t, &a.status)}</span>" "
                    <a href=format!("/startups/{}", a.project_slug)>{a.project_name.clone()}</a>
                    " → "<a href=format!("/calls/{}", a.call_slug)>{a.call_title.clone()}</a>
                    <span class="muted">" · "{format_vietnam_datetime(a.moved_at)}</span>
                    {a.decline_reason.clone().map(|r| view! { <p class="field-error">{t.call_decline_reason}": "{r}</p> })}
                </li>
            }).collect_view()}
        </ul>
    }
}

/// The applications on `/account/startups`.
#[component]
pub fn OwnApplications(applications: Vec<OwnApplication>) -> impl IntoView {
    let t = use_i18n().t();
    view! {
        <section class="panel" id="applications" aria-labelledby="applications-title">
            <h2 id="applications-title">{t.own_applications_title}</h2>
            {if applications.is_empty() {
                view! { <p class="empty">{t.own_applications_none}" "<a href="/calls">{t.calls_title}</a></p> }.into_any()
            } else {
                applications_list(applications).into_any()
            }}
        </section>
    }
}

#[component]
fn CallView(page: CallPage) -> impl IntoView {
    let i18n = use_i18n();
    let (locale, t) = (i18n.locale(), i18n.t());
    let applied_now = use_query_map().read_untracked().get("done").as_deref() == Some("applied");
    let error = use_form_error("apply_to_call");
    let input = invalid_input(error.as_ref());
    let card = page.card.clone();
    let path = format!("/calls/{}", card.slug);
    let questions = page.questions.clone();
    let apply = if !page.open {
        view! { <p class="notice" data-testid="call-closed">{t.call_closed_notice}</p> }.into_any()
    } else if !page.signed_in {
        view! {
            <p><a class="button button-primary" href=format!("/login?next={}", crate::components::pagination::encode_component(&path))>{t.login}</a>" "{t.call_login_to_apply}</p>
        }
        .into_any()
    } else if page.projects.is_empty() && input.errors.is_empty() {
        view! {
            <p class="empty">{t.call_no_project}" "<a href="/account/startups/new">{t.startups_present}</a></p>
        }
        .into_any()
    } else {
        view! {
            <form method="post" action="/api/apply_to_call" class="form-stack" data-testid="apply-form">
                <FormAlert error=error.clone()/>
                <input type="hidden" name="call_id" value=card.id/>
                <input type="hidden" name="slug" value=card.slug.clone()/>
                {id_select(&input, "project", t.call_field_project, &page.projects)}
                {questions.iter().enumerate().map(|(i, question)| {
                    let name = format!("answer_{}", i + 1);
                    let id = format!("field-{name}");
                    let error = input.error_for(&name).map(str::to_owned);
                    let invalid = error.is_some();
                    let value = input.value_of(&name).unwrap_or_default().to_owned();
                    view! {
                        <div class="field" class:field-invalid=invalid>
                            <label for=id.clone()>{format!("{}. {question}", i + 1)}</label>
                            <textarea id=id.clone() name="answers[]" rows=4 required=true maxlength=limits::ANSWER.1 aria-invalid=invalid.then_some("true")>{value}</textarea>
                            {error.map(|code| view! { <p class="field-error">{move || field_error_text(i18n.t(), &code)}</p> })}
                        </div>
                    }
                }).collect_view()}
                <p class="field-hint">{t.call_apply_hint}</p>
                <button type="submit" class="button button-primary">{t.call_apply}</button>
            </form>
        }
        .into_any()
    };
    view! {
        <PageMeta title=card.title.clone() description=card.summary.clone() path=path.clone()/>
        <div class="container page call-page">
            <nav class="breadcrumb" aria-label=t.breadcrumb><a href="/calls">{t.calls_title}</a></nav>
            <header class="page-header">
                <p class="card-eyebrow">
                    <span class=if page.open { "tag tag-open" } else { "tag tag-closed" }>{if page.open { t.call_open } else { t.call_closed }}</span>
                    <span>{investor_kind_label(t, &card.funder_kind)}</span>
                </p>
                <h1>{card.title.clone()}</h1>
                <p class="lead">{card.summary.clone()}</p>
            </header>
            {applied_now.then(|| view! { <p class="notice notice-success" role="status">{t.done_applied}</p> })}
            <div class="project-layout">
                <div class="project-main">
                    <div class="prose" inner_html=page.description_html.clone()></div>
                    <section aria-labelledby="call-eligibility">
                        <h2 id="call-eligibility">{t.call_eligibility}</h2>
                        <p class="pre-line">{page.eligibility.clone()}</p>
                    </section>
                    <section aria-labelledby="call-questions">
                        <h2 id="call-questions">{t.call_questions}</h2>
                        <ol>{page.questions.iter().map(|q| view! { <li>{q.clone()}</li> }).collect_view()}</ol>
                    </section>
                    <section class="panel" id="apply" aria-labelledby="apply-title">
                        <h2 id="apply-title">{t.call_apply}</h2>
                        {(!page.applied.is_empty()).then(|| applications_list(page.applied.clone()))}
                        {apply}
                    </section>
                </div>
                <aside class="project-aside panel">
                    <dl class="facts">
                        <div><dt>{t.call_funder}</dt><dd>{card.funder.clone()}</dd></div>
                        <div><dt>{t.call_deadline}</dt><dd data-testid="call-deadline">{format_vietnam_date(card.deadline - 1)}</dd></div>
                        {card.budget.map(|b| view! { <div><dt>{t.call_budget}</dt><dd>{locale.format_vnd(b)}</dd></div> })}
                        <div><dt>{t.call_applications_label}</dt><dd>{locale.format_count(card.applications)}</dd></div>
                    </dl>
                    {page.funder.then(|| view! {
                        <p><a class="button button-ghost" href=format!("/account/calls/{}/applications", card.id)>{t.call_desk_link}</a></p>
                    })}
                </aside>
            </div>
        </div>
    }
}

/// `/account/calls`.
pub struct OwnCallsRoute {
    data: Resource<Result<OwnCalls, AppError>>,
}

impl PageRoute for OwnCallsRoute {
    fn data() -> Self {
        Self {
            data: Resource::new(|| (), |_| get_own_calls()),
        }
    }

    fn view(this: Self) -> AnyView {
        view! {
            <Title text=tr(|t| t.own_calls_title)/>
            <Meta name="robots" content="noindex"/>
            {super::member_view(this.data, "/account/calls", |own| view! { <OwnCallsView own/> })}
        }
        .into_any()
    }
}

#[component]
fn OwnCallsView(own: OwnCalls) -> impl IntoView {
    let t = use_i18n().t();
    view! {
        <div class="container page own-calls-page">
            <header class="page-header page-header-actions">
                <div>
                    <h1>{t.own_calls_title}</h1>
                    <p class="lead">{t.own_calls_lead}</p>
                </div>
                {own.can_open.then(|| view! { <a class="button button-primary" href="/account/calls/new">{t.call_new}</a> })}
            </header>
            {if !own.can_open {
                view! { <p class="notice">{t.own_calls_not_funder}" "<a href="/account/investor">{t.investor_become}</a></p> }.into_any()
            } else if own.calls.is_empty() {
                view! { <p class="empty">{t.own_calls_none}</p> }.into_any()
            } else {
                view! {
                    <div class="table-wrap"><table class="data-table" data-testid="own-calls">
                        <thead><tr>
                            <th scope="col">{t.call_field_title}</th>
                            <th scope="col">{t.call_deadline}</th>
                            <th scope="col">{t.call_applications_label}</th>
                            <th scope="col"><span class="visually-hidden">{t.call_edit}</span></th>
                        </tr></thead>
                        <tbody>
                            {own.calls.into_iter().map(|c| view! {
                                <tr>
                                    <td><a href=format!("/calls/{}", c.slug)>{c.title.clone()}</a></td>
                                    <td>{format_vietnam_date(c.deadline - 1)}</td>
                                    <td><a href=format!("/account/calls/{}/applications", c.id)>{c.applications}</a></td>
                                    <td><a href=format!("/account/calls/{}/edit", c.id)>{t.call_edit}</a></td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table></div>
                }
                .into_any()
            }}
        </div>
    }
}

/// `/account/calls/new` and `/account/calls/{id}/edit`.
pub struct CallEditorRoute {
    data: Resource<Result<CallEditor, AppError>>,
}

impl PageRoute for CallEditorRoute {
    fn data() -> Self {
        let id = use_id_param();
        Self {
            data: Resource::new(move || id.get(), get_call_editor),
        }
    }

    fn view(this: Self) -> AnyView {
        view! {
            <Title text=tr(|t| t.call_editor_title)/>
            <Meta name="robots" content="noindex"/>
            {super::member_view(this.data, "/account/calls/new", |editor| view! { <CallEditorView editor/> })}
        }
        .into_any()
    }
}

const TITLE: FieldSpec = FieldSpec::text(
    "title",
    |t| t.call_field_title,
    limits::TITLE.0,
    limits::TITLE.1,
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
)
.with_hint(|t| t.call_description_hint);
const ELIGIBILITY: FieldSpec = FieldSpec::text(
    "eligibility",
    |t| t.call_eligibility,
    limits::ELIGIBILITY.0,
    limits::ELIGIBILITY.1,
);
const QUESTIONS: FieldSpec = FieldSpec::text("questions", |t| t.call_questions, 5, 3_400)
    .with_hint(|t| t.call_questions_hint);
const DEADLINE: FieldSpec =
    FieldSpec::text("deadline", |t| t.call_deadline, 10, 10).of_kind("date");
const BUDGET: FieldSpec =
    FieldSpec::text("budget", |t| t.call_budget, 0, 30).with_hint(|t| t.startup_funding_hint);

#[component]
fn CallEditorView(editor: CallEditor) -> impl IntoView {
    let t = use_i18n().t();
    let error = use_form_error("save_call");
    let input = match &error {
        Some(_) => invalid_input(error.as_ref()),
        None => InvalidInput::new(Vec::new(), &editor.form.typed()),
    };
    view! {
        <div class="container page page-form call-editor">
            <nav class="breadcrumb" aria-label=t.breadcrumb><a href="/account/calls">{t.own_calls_title}</a></nav>
            <header class="page-header">
                <h1>{t.call_editor_title}</h1>
                <p class="lead">{t.call_editor_lead}</p>
            </header>
            <FormAlert error=error.clone()/>
            <form class="form panel" method="post" action="/api/save_call" data-testid="call-form">
                <input type="hidden" name="id" value=editor.id/>
                <Field spec=TITLE input=input.clone()/>
                <Field spec=SUMMARY input=input.clone()/>
                <TextAreaField spec=DESCRIPTION input=input.clone() rows=8/>
                <TextAreaField spec=ELIGIBILITY input=input.clone() rows=4/>
                <TextAreaField spec=QUESTIONS input=input.clone() rows=5/>
                <div class="field-row">
                    <Field spec=DEADLINE input=input.clone()/>
                    <Field spec=BUDGET input=input.clone() optional=true/>
                </div>
                <div class="form-actions">
                    <button type="submit" class="button button-primary">{t.call_save}</button>
                </div>
            </form>
        </div>
    }
}

/// `/account/calls/{id}/applications`.
pub struct CallDeskRoute {
    data: Resource<Result<CallDesk, AppError>>,
}

impl PageRoute for CallDeskRoute {
    fn data() -> Self {
        let id = use_id_param();
        Self {
            data: Resource::new(move || id.get(), get_call_desk),
        }
    }

    fn view(this: Self) -> AnyView {
        view! {
            <Title text=tr(|t| t.call_desk_title)/>
            <Meta name="robots" content="noindex"/>
            {super::member_view(this.data, "/account/calls", |desk| view! { <CallDeskView desk/> })}
        }
        .into_any()
    }
}

#[component]
fn CallDeskView(desk: CallDesk) -> impl IntoView {
    let t = use_i18n().t();
    let done: Option<&'static str> = match use_query_map().read_untracked().get("done").as_deref() {
        Some("saved") => Some(t.done_call_saved),
        Some("moved") => Some(t.done_application_moved),
        _ => None,
    };
    let error = use_form_error("move_application");
    let input = invalid_input(error.as_ref());
    let card = desk.card.clone();
    view! {
        <div class="container page call-desk">
            <nav class="breadcrumb" aria-label=t.breadcrumb><a href="/account/calls">{t.own_calls_title}</a></nav>
            <header class="page-header page-header-actions">
                <div>
                    <h1>{card.title.clone()}</h1>
                    <p class="lead">{t.call_deadline}": "{format_vietnam_date(card.deadline - 1)}</p>
                </div>
                <p class="feed-links">
                    <a class="button button-ghost" href=format!("/calls/{}", card.slug)>{t.call_public_page}</a>
                    <a class="button button-ghost" href=format!("/account/calls/{}/edit", card.id)>{t.call_edit}</a>
                    <a class="button button-primary" href=format!("/account/calls/{}/applications.csv", card.id) download="" data-testid="applications-csv">{t.call_csv}</a>
                </p>
            </header>
            {done.map(|message| view! { <p class="notice notice-success" role="status">{message}</p> })}
            {if desk.applications.is_empty() {
                view! { <p class="empty">{t.call_no_applications}</p> }.into_any()
            } else {
                view! {
                    <ol class="application-desk" data-testid="call-applications">
                        {desk.applications.into_iter().map(|a| view! { <ApplicationView application=a call_id=card.id input=input.clone()/> }).collect_view()}
                    </ol>
                }
                .into_any()
            }}
        </div>
    }
}

/// One application on the funder's desk: the project, the answers, and where it may move.
#[component]
fn ApplicationView(
    application: CallApplication,
    call_id: i64,
    input: InvalidInput,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t();
    let a = application;
    let ours = input.value_of("application_id") == Some(a.id.to_string().as_str());
    let reason_error = ours
        .then(|| input.error_for("reason").map(str::to_owned))
        .flatten();
    let reason_invalid = reason_error.is_some();
    let reason_typed = if ours {
        input.value_of("reason").unwrap_or_default().to_owned()
    } else {
        String::new()
    };
    let next = next_statuses(&a.status);
    let reason_id = format!("reason-{}", a.id);
    view! {
        <li class="panel application" id=format!("application-{}", a.id) data-testid="call-application" data-status=a.status.clone()>
            <header class="application-head">
                <h2><a href=format!("/startups/{}", a.project_slug)>{a.project_name.clone()}</a></h2>
                <span class=format!("badge badge-{}", a.status)>{application_status_label(t, &a.status)}</span>
                <p class="muted">{a.presenter.clone()}" · "{format_vietnam_datetime(a.created_at)}</p>
            </header>
            <dl class="answers">
                {a.answers.iter().map(|(q, answer)| view! { <dt>{q.clone()}</dt><dd class="pre-line">{answer.clone()}</dd> }).collect_view()}
            </dl>
            {a.decline_reason.clone().map(|r| view! { <p class="muted">{t.call_decline_reason}": "{r}</p> })}
            {(!next.is_empty()).then(|| view! {
                <form method="post" action="/api/move_application" class="application-move">
                    <input type="hidden" name="id" value=a.id/>
                    <input type="hidden" name="call_id" value=call_id/>
                    <fieldset>
                        <legend>{t.call_move_to}</legend>
                        {next.iter().map(|status| view! {
                            <label class="check"><input type="radio" name="status" value=*status required=true/>" "{application_status_label(t, status)}</label>
                        }).collect_view()}
                    </fieldset>
                    <div class="field" class:field-invalid=reason_invalid>
                        <label for=reason_id.clone()>{t.call_decline_reason_label}</label>
                        <textarea id=reason_id name="reason" rows=2 maxlength=limits::DECLINE_REASON.1>{reason_typed}</textarea>
                        {reason_error.map(|code| view! { <p class="field-error">{move || field_error_text(i18n.t(), &code)}</p> })}
                    </div>
                    <button type="submit" class="button button-primary button-small">{t.call_move}</button>
                </form>
            })}
        </li>
    }
}
