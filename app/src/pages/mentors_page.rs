//! The mentor network: `/mentors` (the directory, narrowed by expertise, sector, language and
//! hours left this month), `/mentors/{slug}` (a mentor and asking them for a session),
//! `/account/mentor` (the member's mentor profile), `/account/mentoring` (their sessions) and
//! `/account/mentoring/{id}` (one session: times, contact, private notes).

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

use super::not_found_page::NotFoundPage;
use super::{LoadError, PageRoute, use_id_param};
use crate::api::{get_mentor, get_mentor_editor, get_mentoring, get_mentors, get_session};
use crate::components::cards::sector_name;
use crate::components::form::{
    Field, FieldSpec, FormAlert, TextAreaField, check_boxes, field_error_text, id_select,
    invalid_input, use_form_error,
};
use crate::domain::auction_setup::vietnam_datetime_input;
use crate::domain::mentor::{EXPERTISE, LANGUAGES, limits};
use crate::domain::{SECTORS, format_vietnam_datetime};
use crate::error::{AppError, InvalidInput};
use crate::i18n::{Messages, tr, use_i18n};
use crate::model::{
    MentorCard, MentorEditor, MentorPage, MentorQuery, Mentoring, MentorsPage, SessionItem,
    SessionPage,
};
use crate::seo::PageMeta;

/// An area of expertise, in words.
pub fn expertise_label(t: &Messages, code: &str) -> &'static str {
    match code {
        "strategy" => t.expertise_strategy,
        "fundraising" => t.expertise_fundraising,
        "finance" => t.expertise_finance,
        "marketing" => t.expertise_marketing,
        "technology" => t.expertise_technology,
        "product" => t.expertise_product,
        "legal" => t.expertise_legal,
        "operations" => t.expertise_operations,
        _ => t.expertise_export,
    }
}

/// A language, in words (in its own name, as people look for it).
pub fn language_label(code: &str) -> &'static str {
    match code {
        "vi" => "Tiếng Việt",
        "en" => "English",
        "fr" => "Français",
        "zh" => "中文",
        "ja" => "日本語",
        _ => "ខ្មែរ",
    }
}

/// A session's status, in words.
pub fn session_status_label(t: &Messages, status: &str) -> &'static str {
    match status {
        "proposed" => t.session_status_proposed,
        "scheduled" => t.session_status_scheduled,
        "declined" => t.session_status_declined,
        "done" => t.session_status_done,
        "cancelled" => t.session_status_cancelled,
        _ => t.session_status_requested,
    }
}

/// A mentor as the directory lists them.
#[component]
fn MentorCardView(mentor: MentorCard) -> impl IntoView {
    let i18n = use_i18n();
    let (locale, t) = (i18n.locale(), i18n.t());
    let left = (mentor.hours_per_month - mentor.booked).max(0);
    let availability = if mentor.available {
        format!("{left}/{} {}", mentor.hours_per_month, t.mentor_hours_left)
    } else {
        t.mentor_unavailable.to_owned()
    };
    view! {
        <article class="card mentor-card" data-testid="mentor-card">
            <p class="card-eyebrow">
                <span class=if mentor.available { "tag tag-open" } else { "tag tag-closed" }>{availability}</span>
            </p>
            <h3 class="card-title"><a class="card-link" href=format!("/mentors/{}", mentor.slug)>{mentor.name.clone()}</a></h3>
            <p class="card-summary">{mentor.headline.clone()}</p>
            <ul class="tag-list" aria-label=t.mentor_expertise>
                {mentor.expertise.iter().map(|c| view! { <li class="tag">{expertise_label(t, c)}</li> }).collect_view()}
            </ul>
            <p class="card-meta">
                <span>{mentor.sectors.iter().map(|c| sector_name(locale, c)).collect::<Vec<_>>().join(", ")}</span>
                <span>{mentor.languages.iter().map(|c| language_label(c)).collect::<Vec<_>>().join(", ")}</span>
            </p>
        </article>
    }
}

/// `/mentors`.
pub struct MentorsRoute {
    data: Resource<Result<MentorsPage, AppError>>,
}

fn query_of(map: &leptos_router::params::ParamsMap) -> MentorQuery {
    MentorQuery {
        expertise: map.get("expertise").unwrap_or_default(),
        sector: map.get("sector").unwrap_or_default(),
        language: map.get("language").unwrap_or_default(),
        available: map.get("available").unwrap_or_default(),
    }
}

impl PageRoute for MentorsRoute {
    fn data() -> Self {
        let query = use_query_map();
        let q = Memo::new(move |_| query_of(&query.read()));
        Self {
            data: Resource::new(move || q.get(), get_mentors),
        }
    }

    fn view(this: Self) -> AnyView {
        let data = this.data;
        view! {
            <Suspense fallback=move || view! { <p class="container page loading">{tr(|t| t.loading)}</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(page) => view! { <MentorsView page/> }.into_any(),
                        Err(error) => view! { <div class="container page"><LoadError error/></div> }.into_any(),
                    }
                })}
            </Suspense>
        }
        .into_any()
    }
}

/// A `<select>` of the directory's filter form.
fn filter(
    name: &'static str,
    label: &'static str,
    any: &'static str,
    chosen: String,
    options: Vec<(&'static str, String)>,
) -> impl IntoView {
    let id = format!("mentors-{name}");
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <select id=id name=name>
                <option value="">{any}</option>
                {options.into_iter().map(|(code, text)| {
                    let selected = chosen == code;
                    view! { <option value=code selected=selected>{text}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

#[component]
fn MentorsView(page: MentorsPage) -> impl IntoView {
    let i18n = use_i18n();
    let (locale, t) = (i18n.locale(), i18n.t());
    let q = page.query.clone();
    let expertise = EXPERTISE
        .iter()
        .map(|c| (*c, expertise_label(t, c).to_owned()))
        .collect();
    let sectors = SECTORS
        .iter()
        .map(|s| (s.code, sector_name(locale, s.code).to_owned()))
        .collect();
    let languages = LANGUAGES
        .iter()
        .map(|c| (*c, language_label(c).to_owned()))
        .collect();
    let only_available = q.available == "1";
    let found = format!(
        "{} {} · {} {}",
        locale.format_count(page.mentors.len() as i64),
        t.mentors_found,
        locale.format_count(page.total),
        t.mentors_in_network
    );
    view! {
        <PageMeta title=t.mentors_title description=t.mentors_lead path="/mentors"/>
        <div class="container page mentors-page">
            <header class="page-header page-header-actions">
                <div>
                    <h1>{t.mentors_title}</h1>
                    <p class="lead">{t.mentors_lead}</p>
                </div>
                <a class="button button-ghost" href="/account/mentor">{t.mentor_become}</a>
            </header>
            <form class="panel startups-filter" action="/mentors" method="get">
                {filter("expertise", t.mentor_expertise, t.mentors_any_expertise, q.expertise.clone(), expertise)}
                {filter("sector", t.field_sector, t.startups_any_sector, q.sector.clone(), sectors)}
                {filter("language", t.mentor_languages, t.mentors_any_language, q.language.clone(), languages)}
                <label class="check"><input type="checkbox" name="available" value="1" checked=only_available/>" "{t.mentors_only_available}</label>
                <div class="form-actions">
                    <button type="submit" class="button button-primary">{t.startups_filter_button}</button>
                </div>
            </form>
            <h2 class="found-heading" data-testid="mentors-found">{found}</h2>
            {if page.mentors.is_empty() {
                view! { <p class="empty">{t.mentors_none}</p> }.into_any()
            } else {
                view! {
                    <div class="card-grid" data-testid="mentors">
                        {page.mentors.into_iter().map(|mentor| view! { <MentorCardView mentor/> }).collect_view()}
                    </div>
                }
                .into_any()
            }}
        </div>
    }
}

/// The sessions of a list, each with its status and a link to it.
fn sessions_list(sessions: Vec<SessionItem>) -> impl IntoView {
    let t = use_i18n().t();
    view! {
        <ul class="application-list" data-testid="sessions">
            {sessions.into_iter().map(|s| view! {
                <li class="application" data-status=s.status.clone()>
                    <span class=format!("badge badge-{}", s.status)>{session_status_label(t, &s.status)}</span>" "
                    <a href=format!("/account/mentoring/{}", s.id)>{s.topic.clone()}</a>
                    <span class="muted">
                        " · "{if s.mentor_side { s.project_name.clone() } else { s.mentor_name.clone() }}
                        " · "{format_vietnam_datetime(s.scheduled_at.unwrap_or(s.asked_for))}
                    </span>
                </li>
            }).collect_view()}
        </ul>
    }
}

/// `/mentors/{slug}`.
pub struct MentorRoute {
    data: Resource<Result<MentorPage, AppError>>,
}

impl PageRoute for MentorRoute {
    fn data() -> Self {
        let params = use_params_map();
        let slug = Memo::new(move |_| params.read().get("slug").unwrap_or_default());
        Self {
            data: Resource::new(move || slug.get(), get_mentor),
        }
    }

    fn view(this: Self) -> AnyView {
        let data = this.data;
        view! {
            <Suspense fallback=move || view! { <p class="container page loading">{tr(|t| t.loading)}</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(page) => view! { <MentorView page/> }.into_any(),
                        Err(AppError::NotFound | AppError::BadRequest(_)) => view! { <NotFoundPage/> }.into_any(),
                        Err(error) => view! { <div class="container page"><LoadError error/></div> }.into_any(),
                    }
                })}
            </Suspense>
        }
        .into_any()
    }
}

const TOPIC: FieldSpec = FieldSpec::text(
    "topic",
    |t| t.session_topic,
    limits::TOPIC.0,
    limits::TOPIC.1,
);
const MESSAGE: FieldSpec = FieldSpec::text(
    "message",
    |t| t.session_message,
    limits::MESSAGE.0,
    limits::MESSAGE.1,
);
const ASKED_FOR: FieldSpec = FieldSpec::text("asked_for", |t| t.session_asked_for, 16, 16)
    .of_kind("datetime-local")
    .with_hint(|t| t.session_asked_for_hint);

#[component]
fn MentorView(page: MentorPage) -> impl IntoView {
    let i18n = use_i18n();
    let (locale, t) = (i18n.locale(), i18n.t());
    let asked_now = use_query_map().read_untracked().get("done").as_deref() == Some("asked");
    let error = use_form_error("ask_session");
    let input = invalid_input(error.as_ref());
    let card = page.card.clone();
    let path = format!("/mentors/{}", card.slug);
    let ask = if page.own {
        view! { <p><a class="button button-ghost" href="/account/mentor">{t.mentor_edit}</a></p> }
            .into_any()
    } else if !page.signed_in {
        view! {
            <p><a class="button button-primary" href=format!("/login?next={}", crate::components::pagination::encode_component(&path))>{t.login}</a>" "{t.mentor_login_to_ask}</p>
        }
        .into_any()
    } else if page.projects.is_empty() {
        view! { <p class="empty">{t.mentor_no_project}" "<a href="/account/startups/new">{t.startups_present}</a></p> }.into_any()
    } else if !card.available && input.errors.is_empty() {
        view! { <p class="notice">{t.mentor_unavailable}</p> }.into_any()
    } else {
        view! {
            <form method="post" action="/api/ask_session" class="form-stack" data-testid="ask-session">
                <FormAlert error=error.clone()/>
                <input type="hidden" name="mentor_id" value=card.id/>
                <input type="hidden" name="slug" value=card.slug.clone()/>
                {id_select(&input, "project", t.session_project, &page.projects)}
                <Field spec=TOPIC input=input.clone()/>
                <TextAreaField spec=MESSAGE input=input.clone() rows=4/>
                <Field spec=ASKED_FOR input=input.clone()/>
                <button type="submit" class="button button-primary">{t.session_ask}</button>
            </form>
        }
        .into_any()
    };
    let left = (card.hours_per_month - card.booked).max(0);
    view! {
        <PageMeta title=card.name.clone() description=card.headline.clone() path=path.clone() kind="profile"/>
        <div class="container page mentor-page">
            <nav class="breadcrumb" aria-label=t.breadcrumb><a href="/mentors">{t.mentors_title}</a></nav>
            <header class="page-header">
                <h1>{card.name.clone()}</h1>
                <p class="lead">{card.headline.clone()}</p>
            </header>
            {asked_now.then(|| view! { <p class="notice notice-success" role="status">{t.done_session_asked}</p> })}
            <div class="project-layout">
                <div class="project-main">
                    <div class="prose" inner_html=page.bio_html.clone()></div>
                    <section class="panel" id="ask" aria-labelledby="ask-title">
                        <h2 id="ask-title">{t.session_ask}</h2>
                        {(!page.sessions.is_empty()).then(|| sessions_list(page.sessions.clone()))}
                        {ask}
                    </section>
                </div>
                <aside class="project-aside panel">
                    <dl class="facts">
                        <div><dt>{t.mentor_expertise}</dt><dd>{card.expertise.iter().map(|c| expertise_label(t, c)).collect::<Vec<_>>().join(", ")}</dd></div>
                        <div><dt>{t.field_sector}</dt><dd>{card.sectors.iter().map(|c| sector_name(locale, c)).collect::<Vec<_>>().join(", ")}</dd></div>
                        <div><dt>{t.mentor_languages}</dt><dd>{card.languages.iter().map(|c| language_label(c)).collect::<Vec<_>>().join(", ")}</dd></div>
                        <div><dt>{t.mentor_hours}</dt><dd data-testid="mentor-hours">{format!("{left}/{} {}", card.hours_per_month, t.mentor_hours_left)}</dd></div>
                    </dl>
                </aside>
            </div>
        </div>
    }
}

/// `/account/mentor`.
pub struct MentorEditorRoute {
    data: Resource<Result<MentorEditor, AppError>>,
}

impl PageRoute for MentorEditorRoute {
    fn data() -> Self {
        Self {
            data: Resource::new(|| (), |_| get_mentor_editor()),
        }
    }

    fn view(this: Self) -> AnyView {
        view! {
            <Title text=tr(|t| t.mentor_profile_title)/>
            <Meta name="robots" content="noindex"/>
            {super::member_view(this.data, "/account/mentor", |editor| view! { <MentorEditorView editor/> })}
        }
        .into_any()
    }
}

const NAME: FieldSpec = FieldSpec::text("name", |t| t.mentor_name, limits::NAME.0, limits::NAME.1);
const HEADLINE: FieldSpec = FieldSpec::text(
    "headline",
    |t| t.mentor_headline,
    limits::HEADLINE.0,
    limits::HEADLINE.1,
);
const BIO: FieldSpec = FieldSpec::text("bio", |t| t.mentor_bio, limits::BIO.0, limits::BIO.1);
const HOURS: FieldSpec = FieldSpec::text("hours", |t| t.mentor_hours, 1, 2)
    .of_kind("number")
    .with_hint(|t| t.mentor_hours_hint);

#[component]
fn MentorEditorView(editor: MentorEditor) -> impl IntoView {
    let i18n = use_i18n();
    let (locale, t) = (i18n.locale(), i18n.t());
    let saved = use_query_map().read_untracked().get("done").as_deref() == Some("saved");
    let error = use_form_error("save_mentor");
    let input = match &error {
        Some(_) => invalid_input(error.as_ref()),
        None => {
            let typed = editor.form.typed();
            let typed: Vec<(&str, &str)> = typed.iter().map(|(k, v)| (*k, v.as_str())).collect();
            InvalidInput::new(Vec::new(), &typed)
        }
    };
    let available = input.value_of("available") == Some("1");
    let expertise = EXPERTISE
        .iter()
        .map(|c| (*c, expertise_label(t, c).to_owned()))
        .collect();
    let sectors = SECTORS
        .iter()
        .map(|s| (s.code, sector_name(locale, s.code).to_owned()))
        .collect();
    let languages = LANGUAGES
        .iter()
        .map(|c| (*c, language_label(c).to_owned()))
        .collect();
    view! {
        <div class="container page page-form mentor-editor">
            <nav class="breadcrumb" aria-label=t.breadcrumb><a href="/account/mentoring">{t.mentoring_title}</a></nav>
            <header class="page-header">
                <h1>{t.mentor_profile_title}</h1>
                <p class="lead">{t.mentor_profile_lead}</p>
                {editor.slug.clone().map(|slug| view! { <p><a href=format!("/mentors/{slug}")>{t.call_public_page}</a></p> })}
            </header>
            {saved.then(|| view! { <p class="notice notice-success" role="status">{t.done_mentor_saved}</p> })}
            <FormAlert error=error.clone()/>
            <form class="form panel" method="post" action="/api/save_mentor" data-testid="mentor-form">
                <Field spec=NAME input=input.clone()/>
                <Field spec=HEADLINE input=input.clone()/>
                <TextAreaField spec=BIO input=input.clone() rows=6/>
                {check_boxes(&input, "expertise", t.mentor_expertise, None, expertise)}
                {check_boxes(&input, "sectors", t.field_sector, None, sectors)}
                {check_boxes(&input, "languages", t.mentor_languages, None, languages)}
                <Field spec=HOURS input=input.clone()/>
                <label class="check"><input type="checkbox" name="available" value="1" checked=available/>" "{t.mentor_available_label}</label>
                <div class="form-actions">
                    <button type="submit" class="button button-primary">{t.mentor_save}</button>
                </div>
            </form>
        </div>
    }
}

/// `/account/mentoring`.
pub struct MentoringRoute {
    data: Resource<Result<Mentoring, AppError>>,
}

impl PageRoute for MentoringRoute {
    fn data() -> Self {
        Self {
            data: Resource::new(|| (), |_| get_mentoring()),
        }
    }

    fn view(this: Self) -> AnyView {
        view! {
            <Title text=tr(|t| t.mentoring_title)/>
            <Meta name="robots" content="noindex"/>
            {super::member_view(this.data, "/account/mentoring", |page| view! { <MentoringView page/> })}
        }
        .into_any()
    }
}

#[component]
fn MentoringView(page: Mentoring) -> impl IntoView {
    let t = use_i18n().t();
    let (as_mentor, as_project): (Vec<_>, Vec<_>) =
        page.sessions.into_iter().partition(|s| s.mentor_side);
    view! {
        <div class="container page mentoring-page">
            <header class="page-header page-header-actions">
                <div>
                    <h1>{t.mentoring_title}</h1>
                    <p class="lead">{t.mentoring_lead}</p>
                </div>
                <p class="feed-links">
                    <a class="button button-ghost" href="/mentors">{t.mentors_title}</a>
                    <a class="button button-ghost" href="/account/mentor">{if page.mentor_slug.is_some() { t.mentor_edit } else { t.mentor_become }}</a>
                </p>
            </header>
            {page.mentor_slug.is_some().then(|| view! {
                <section class="panel" aria-labelledby="as-mentor">
                    <h2 id="as-mentor">{t.mentoring_as_mentor}</h2>
                    {if as_mentor.is_empty() {
                        view! { <p class="empty">{t.mentoring_none}</p> }.into_any()
                    } else {
                        sessions_list(as_mentor).into_any()
                    }}
                </section>
            })}
            <section class="panel" aria-labelledby="as-project">
                <h2 id="as-project">{t.mentoring_for_projects}</h2>
                {if as_project.is_empty() {
                    view! { <p class="empty">{t.mentoring_none}</p> }.into_any()
                } else {
                    sessions_list(as_project).into_any()
                }}
            </section>
        </div>
    }
}

/// `/account/mentoring/{id}`.
pub struct SessionRoute {
    data: Resource<Result<SessionPage, AppError>>,
}

impl PageRoute for SessionRoute {
    fn data() -> Self {
        let id = use_id_param();
        Self {
            data: Resource::new(move || id.get(), get_session),
        }
    }

    fn view(this: Self) -> AnyView {
        view! {
            <Title text=tr(|t| t.session_title)/>
            <Meta name="robots" content="noindex"/>
            {super::member_view(this.data, "/account/mentoring", |page| view! { <SessionView page/> })}
        }
        .into_any()
    }
}

/// A button posting `action` for session `id`.
fn action_form(id: i64, action: &'static str, label: &'static str, primary: bool) -> impl IntoView {
    view! {
        <form method="post" action="/api/move_session">
            <input type="hidden" name="id" value=id/>
            <input type="hidden" name="action" value=action/>
            <button type="submit" class=if primary { "button button-primary button-small" } else { "button button-ghost button-small" } data-action=action>{label}</button>
        </form>
    }
}

#[component]
fn SessionView(page: SessionPage) -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t();
    let done: Option<&'static str> = use_query_map().read_untracked().get("done").map(|d| {
        if d == "note" {
            t.done_note_saved
        } else {
            t.done_session_moved
        }
    });
    let error = use_form_error("move_session");
    let input = invalid_input(error.as_ref());
    let note_error = use_form_error("save_session_note");
    let item = page.item.clone();
    let id = item.id;
    let now = page.now;
    let mentor = item.mentor_side;
    let status = item.status.clone();
    let propose = (mentor && matches!(status.as_str(), "requested" | "proposed")).then(|| {
        let first = vietnam_datetime_input(item.asked_for);
        view! {
            <form method="post" action="/api/move_session" class="form-stack" data-testid="propose-times">
                <FormAlert error=error.clone()/>
                <input type="hidden" name="id" value=id/>
                <input type="hidden" name="action" value="propose"/>
                <fieldset>
                    <legend>{t.session_propose_legend}</legend>
                    {(1..=limits::PROPOSALS).map(|n| {
                        let name = format!("time_{n}");
                        let error = input.error_for(&name).map(str::to_owned);
                        let invalid = error.is_some();
                        let first_field = n == 1;
                        let value = input.value_of(&name).map(str::to_owned)
                            .unwrap_or_else(|| if n == 1 { first.clone() } else { String::new() });
                        view! {
                            <div class="field" class:field-invalid=invalid>
                                <label for=format!("field-{name}")>{format!("{} {n}", t.session_time)}</label>
                                <input id=format!("field-{name}") type="datetime-local" name="times[]" value=value required=first_field aria-invalid=invalid.then_some("true")/>
                                {error.map(|code| view! { <p class="field-error">{move || field_error_text(i18n.t(), &code)}</p> })}
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
                <button type="submit" class="button button-primary">{t.session_propose}</button>
            </form>
            {action_form(id, "decline", t.session_decline, false)}
        }
    });
    let choose = (!mentor && status == "proposed").then(|| view! {
        <div class="session-times" data-testid="choose-time">
            <p>{t.session_choose}</p>
            {page.proposed.iter().copied().filter(|at| *at > now).map(|at| view! {
                <form method="post" action="/api/move_session">
                    <input type="hidden" name="id" value=id/>
                    <input type="hidden" name="action" value="choose"/>
                    <input type="hidden" name="at" value=at/>
                    <button type="submit" class="button button-primary button-small">{format_vietnam_datetime(at)}</button>
                </form>
            }).collect_view()}
        </div>
    });
    let held = status == "scheduled" && item.scheduled_at.is_some_and(|at| at <= now);
    let cancellable = matches!(status.as_str(), "requested" | "proposed" | "scheduled");
    let note_input = invalid_input(note_error.as_ref());
    let note = note_input
        .value_of("note")
        .map(str::to_owned)
        .unwrap_or(page.note.clone());
    let note_invalid = note_input.error_for("note").map(str::to_owned);
    let note_bad = note_invalid.is_some();
    view! {
        <div class="container page session-page">
            <nav class="breadcrumb" aria-label=t.breadcrumb><a href="/account/mentoring">{t.mentoring_title}</a></nav>
            <header class="page-header">
                <p><span class=format!("badge badge-{}", item.status) data-testid="session-status">{session_status_label(t, &item.status)}</span></p>
                <h1>{item.topic.clone()}</h1>
                <p class="lead">
                    <a href=format!("/startups/{}", item.project_slug)>{item.project_name.clone()}</a>
                    " ⇄ "<a href=format!("/mentors/{}", item.mentor_slug)>{item.mentor_name.clone()}</a>
                </p>
            </header>
            {done.map(|m| view! { <p class="notice notice-success" role="status">{m}</p> })}
            <div class="project-layout">
                <div class="project-main">
                    <blockquote class="introduction-message">{page.message.clone()}</blockquote>
                    <dl class="facts">
                        <div><dt>{t.session_asked_for}</dt><dd>{format_vietnam_datetime(item.asked_for)}</dd></div>
                        {item.scheduled_at.map(|at| view! { <div><dt>{t.session_scheduled_at}</dt><dd data-testid="session-scheduled">{format_vietnam_datetime(at)}</dd></div> })}
                        {(!page.proposed.is_empty() && status == "proposed").then(|| view! {
                            <div><dt>{t.session_proposed}</dt><dd>{page.proposed.iter().map(|at| format_vietnam_datetime(*at)).collect::<Vec<_>>().join(" · ")}</dd></div>
                        })}
                    </dl>
                    {page.contact.clone().map(|(name, email)| view! {
                        <p class="introduction-contact" data-testid="session-contact"><strong>{name}</strong>" · "<a href=format!("mailto:{email}")>{email.clone()}</a></p>
                    })}
                    {propose}
                    {choose}
                    <div class="introduction-actions">
                        {held.then(|| action_form(id, "done", t.session_mark_done, true))}
                        {cancellable.then(|| action_form(id, "cancel", t.session_cancel, false))}
                    </div>
                </div>
                <aside class="project-aside panel" id="note">
                    <h2>{t.session_note}</h2>
                    <p class="field-hint">{t.session_note_hint}</p>
                    <form method="post" action="/api/save_session_note" class="form-stack" data-testid="session-note">
                        <input type="hidden" name="id" value=id/>
                        <div class="field" class:field-invalid=note_bad>
                            <label for="field-note" class="visually-hidden">{t.session_note}</label>
                            <textarea id="field-note" name="note" rows=8 maxlength=limits::NOTE>{note}</textarea>
                            {note_invalid.map(|code| view! { <p class="field-error">{move || field_error_text(i18n.t(), &code)}</p> })}
                        </div>
                        <button type="submit" class="button button-ghost">{t.session_note_save}</button>
                    </form>
                </aside>
            </div>
        </div>
    }
}
