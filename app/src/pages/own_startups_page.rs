//! A member's side of the startup showcase: `/account/startups` (their projects and investor
//! profile), `/account/startups/new` and `/account/startups/{id}/edit` (the project form, its
//! cover picture and pitch deck), `/account/investor` (the investor profile).

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

use super::startups_page::{funding_label, investor_kind_label, project_status_label, stage_label};
use super::{PageRoute, use_id_param};
use crate::api::{get_investor_editor, get_own_startups, get_project_editor};
use crate::components::cards::{province_name, sector_name};
use crate::components::form::{
    Field, FieldSpec, FormAlert, SelectField, TextAreaField, check_boxes, field_error_text,
    invalid_input, use_form_error,
};
use crate::domain::startup::{FundingKind, InvestorKind, Stage, limits};
use crate::domain::{PROVINCES, SECTORS, format_vietnam_datetime};
use crate::error::{AppError, InvalidInput};
use crate::i18n::{Locale, Messages, tr, use_i18n};
use crate::model::{InvestorEditor, ListingImage, OwnStartups, ProjectEditor};

/// A `?done=` notice.
fn done_notice(done: Option<fn(&Messages) -> &'static str>) -> impl IntoView {
    done.map(|message| view! { <p class="notice notice-success" role="status">{tr(message)}</p> })
}

/// `/account/startups`.
pub struct OwnStartupsRoute {
    data: Resource<Result<OwnStartups, AppError>>,
}

impl PageRoute for OwnStartupsRoute {
    fn data() -> Self {
        Self {
            data: Resource::new(|| (), |_| get_own_startups()),
        }
    }

    fn view(this: Self) -> AnyView {
        view! {
            <Title text=tr(|t| t.own_startups_title)/>
            <Meta name="robots" content="noindex"/>
            {super::member_view(this.data, "/account/startups", |own| view! { <OwnStartupsView own/> })}
        }
        .into_any()
    }
}

#[component]
fn OwnStartupsView(own: OwnStartups) -> impl IntoView {
    let approved = own
        .investor
        .as_ref()
        .is_some_and(|i| i.status == "approved");
    let t = use_i18n().t();
    let done: Option<fn(&Messages) -> &'static str> =
        match use_query_map().read_untracked().get("done").as_deref() {
            Some("withdrawn") => Some(|t| t.done_project_withdrawn),
            _ => None,
        };
    view! {
        <div class="container page own-startups-page">
            <header class="page-header page-header-actions">
                <div>
                    <h1>{t.own_startups_title}</h1>
                    <p class="lead">{t.own_startups_lead}</p>
                </div>
                <a class="button button-primary" href="/account/startups/new">{t.startups_present}</a>
            </header>
            {done_notice(done)}
            {if own.projects.is_empty() {
                view! { <p class="empty">{t.own_startups_empty}</p> }.into_any()
            } else {
                view! {
                    <div class="table-wrap"><table class="data-table" data-testid="own-projects">
                        <thead><tr>
                            <th scope="col">{t.startup_field_name}</th>
                            <th scope="col">{t.own_startups_status}</th>
                            <th scope="col">{t.project_views_title}</th>
                            <th scope="col">{t.own_startups_changed}</th>
                        </tr></thead>
                        <tbody>
                            {own.projects.into_iter().map(|p| view! {
                                <tr>
                                    <td>
                                        <a href=format!("/account/startups/{}/edit", p.id)>{p.name.clone()}</a>
                                        {p.review_note.clone().map(|note| view! { <p class="field-error">{t.review_note_label}": "{note}</p> })}
                                    </td>
                                    <td><span class=format!("badge badge-{}", p.status)>{project_status_label(t, &p.status)}</span></td>
                                    <td><a href=format!("/startups/{}#confidential", p.slug)>{p.confidential_views}</a></td>
                                    <td>{format_vietnam_datetime(p.updated_at)}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table></div>
                }
                .into_any()
            }}
            <section class="panel" aria-labelledby="investor-title">
                <h2 id="investor-title">{t.investor_profile_title}</h2>
                {match own.investor {
                    Some(investor) => view! {
                        <p>
                            <strong>{investor.name.clone()}</strong>" · "
                            <span class=format!("badge badge-{}", investor.status) data-testid="investor-status">{investor_status_label(t, &investor.status)}</span>
                        </p>
                        {investor.review_note.clone().map(|note| view! { <p class="field-error">{t.review_note_label}": "{note}</p> })}
                        <p class="actions">
                            <a class="button button-ghost" href="/account/investor">{t.investor_edit}</a>
                            {approved.then(|| view! {
                                <a class="button button-primary" href="/account/investor/matches">{t.investor_matches_link}</a>
                                <a class="button button-ghost" href="/account/calls">{t.own_calls_title}</a>
                            })}
                        </p>
                    }
                    .into_any(),
                    None => view! {
                        <p>{t.investor_profile_lead}</p>
                        <p><a class="button button-ghost" href="/account/investor">{t.investor_become}</a></p>
                    }
                    .into_any(),
                }}
            </section>
            <super::calls_page::OwnApplications applications=own.applications/>
            <super::startup_intros_page::IntroductionsList introductions=own.introductions/>
        </div>
    }
}

/// An investor profile's review, in words.
pub fn investor_status_label(t: &Messages, status: &str) -> &'static str {
    match status {
        "approved" => t.investor_status_approved,
        "rejected" => t.investor_status_rejected,
        _ => t.investor_status_pending,
    }
}

/// `/account/startups/new` and `/account/startups/{id}/edit`.
pub struct ProjectEditorRoute {
    data: Resource<Result<ProjectEditor, AppError>>,
}

impl PageRoute for ProjectEditorRoute {
    fn data() -> Self {
        let id = use_id_param();
        Self {
            data: Resource::new(move || id.get(), get_project_editor),
        }
    }

    fn view(this: Self) -> AnyView {
        view! {
            <Title text=tr(|t| t.project_editor_title)/>
            <Meta name="robots" content="noindex"/>
            {super::member_view(this.data, "/account/startups/new", |editor| view! { <ProjectEditorView editor/> })}
        }
        .into_any()
    }
}

const NAME: FieldSpec = FieldSpec::text(
    "name",
    |t| t.startup_field_name,
    limits::NAME.0,
    limits::NAME.1,
);
const PITCH: FieldSpec = FieldSpec::text(
    "pitch",
    |t| t.startup_field_pitch,
    limits::PITCH.0,
    limits::PITCH.1,
)
.with_hint(|t| t.startup_pitch_hint);
const DESCRIPTION: FieldSpec = FieldSpec::text(
    "description",
    |t| t.startup_field_description,
    limits::DESCRIPTION.0,
    limits::DESCRIPTION.1,
);
const SECTOR: FieldSpec = FieldSpec::text("sector", |t| t.field_sector, 0, 60);
const PROVINCE: FieldSpec = FieldSpec::text("province", |t| t.field_province, 0, 60);
const STAGE: FieldSpec = FieldSpec::text("stage", |t| t.startup_field_stage, 0, 20);
const TRL: FieldSpec = FieldSpec::text("trl", |t| t.startup_field_trl, 0, 20);
const FUNDING_SOUGHT: FieldSpec =
    FieldSpec::text("funding_sought", |t| t.startup_field_funding_sought, 1, 30)
        .with_hint(|t| t.startup_funding_hint);
const FUNDING_KIND: FieldSpec =
    FieldSpec::text("funding_kind", |t| t.startup_field_funding_kind, 0, 20);
const FUNDING_RAISED: FieldSpec =
    FieldSpec::text("funding_raised", |t| t.startup_field_funding_raised, 0, 30);
const VIDEO: FieldSpec = FieldSpec::text("video_url", |t| t.startup_field_video, 0, 300)
    .of_kind("url")
    .with_hint(|t| t.startup_video_hint);
const TEAM: FieldSpec =
    FieldSpec::text("team", |t| t.startup_field_team, 1, 4_000).with_hint(|t| t.startup_team_hint);
const TRACTION: FieldSpec = FieldSpec::text("traction", |t| t.startup_field_traction, 0, 2_000)
    .with_hint(|t| t.startup_traction_hint);
const TRACTION_CONFIDENTIAL: FieldSpec = FieldSpec::text(
    "traction_confidential",
    |t| t.startup_field_traction_confidential,
    0,
    2_000,
)
.with_hint(|t| t.startup_traction_confidential_hint);

fn sector_choice(_: &Messages, locale: Locale, code: &str) -> &'static str {
    sector_name(locale, code)
}
fn province_choice(_: &Messages, locale: Locale, code: &str) -> &'static str {
    province_name(locale, code)
}
fn stage_choice(t: &Messages, _: Locale, code: &str) -> &'static str {
    stage_label(t, code)
}
fn funding_choice(t: &Messages, _: Locale, code: &str) -> &'static str {
    funding_label(t, code)
}
fn trl_choice(t: &Messages, _: Locale, code: &str) -> &'static str {
    let levels = [
        t.trl_1, t.trl_2, t.trl_3, t.trl_4, t.trl_5, t.trl_6, t.trl_7, t.trl_8, t.trl_9,
    ];
    code.parse::<usize>()
        .ok()
        .and_then(|n| levels.get(n.wrapping_sub(1)).copied())
        .unwrap_or("")
}

/// A file upload form of the editor (`/uploads/startups/{id}/{which}`), with the refusal of
/// the last upload beside its field.
fn upload_form(
    id: i64,
    (which, name): (&'static str, &'static str),
    label: fn(&Messages) -> &'static str,
    accept: &'static str,
    error: Option<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let field = format!("field-{which}");
    let note = format!("{field}-note");
    view! {
        <form class="form" method="post" action=format!("/uploads/startups/{id}/{which}") enctype="multipart/form-data">
            <div class="field" class:field-invalid=error.is_some()>
                <label for=field.clone()>{tr(label)}</label>
                <input id=field type="file" name=name accept=accept required=true
                    aria-invalid=error.is_some().then_some("true")
                    aria-describedby=error.is_some().then_some(note.clone())/>
                {error.clone().map(|code| view! {
                    <p class="field-error" id=note role="alert">{move || field_error_text(i18n.t(), &code)}</p>
                })}
            </div>
            <button type="submit" class="button button-ghost">{tr(label)}</button>
        </form>
    }
}

#[component]
fn ProjectEditorView(editor: ProjectEditor) -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t();
    let query = use_query_map();
    let done: Option<fn(&Messages) -> &'static str> =
        match query.read_untracked().get("done").as_deref() {
            Some("saved") => Some(|t| t.done_project_saved),
            Some("cover") => Some(|t| t.done_project_cover),
            Some("deck") => Some(|t| t.done_project_deck),
            _ => None,
        };
    let upload = query.read_untracked().get("upload");
    let upload_error = query.read_untracked().get("error");
    let error_for = |which: &str| {
        upload_error
            .clone()
            .filter(|_| upload.as_deref() == Some(which))
    };
    let error = use_form_error("/save_project");
    let input = match &error {
        Some(_) => invalid_input(error.as_ref()),
        None => InvalidInput::new(Vec::new(), &editor.form.typed()),
    };
    let id = editor.id;
    let is_new = id == 0;
    let stall_error = input.error_for("stall").map(str::to_owned);
    let chosen_stall = input.value_of("stall").unwrap_or_default().to_owned();
    let sectors: Vec<&'static str> = SECTORS.iter().map(|s| s.code).collect();
    let provinces: Vec<&'static str> = PROVINCES.iter().map(|p| p.code).collect();
    let stages: Vec<&'static str> = Stage::ALL.iter().map(|s| s.code()).collect();
    let kinds: Vec<&'static str> = FundingKind::ALL.iter().map(|k| k.code()).collect();
    let levels: Vec<&'static str> = vec!["1", "2", "3", "4", "5", "6", "7", "8", "9"];
    view! {
        <div class="container page page-form project-editor">
            <nav class="breadcrumb" aria-label=t.breadcrumb>
                <a href="/account/startups">{t.own_startups_title}</a>
            </nav>
            <header class="page-header page-header-actions">
                <div>
                    <h1>{if is_new { t.project_new_title } else { t.project_editor_title }}</h1>
                    {(!is_new).then(|| {
                        let status = editor.status.clone();
                        view! { <p><span class=format!("badge badge-{status}") data-testid="project-status">{project_status_label(t, &status)}</span></p> }
                    })}
                    <p class="lead">{t.project_editor_lead}</p>
                </div>
                {(!is_new).then(|| view! {
                    <div class="header-actions">
                        <a class="button button-ghost" href=format!("/startups/{}", editor.slug)>{t.project_view_page}</a>
                    </div>
                })}
            </header>
            {done_notice(done)}
            {editor.review_note.clone().map(|note| view! { <p class="notice notice-error">{t.review_note_label}": "{note}</p> })}
            <FormAlert error=error.clone()/>
            <form class="form panel" method="post" action="/api/save_project" data-testid="project-form">
                <input type="hidden" name="id" value=id/>
                <Field spec=NAME input=input.clone()/>
                <Field spec=PITCH input=input.clone()/>
                <TextAreaField spec=DESCRIPTION input=input.clone() rows=10/>
                <div class="field-row">
                    <SelectField spec=SECTOR input=input.clone() values=sectors label_of=sector_choice/>
                    <SelectField spec=PROVINCE input=input.clone() values=provinces label_of=province_choice/>
                </div>
                <div class="field-row">
                    <SelectField spec=STAGE input=input.clone() values=stages label_of=stage_choice/>
                    <SelectField spec=TRL input=input.clone() values=levels label_of=trl_choice/>
                </div>
                <div class="field-row">
                    <Field spec=FUNDING_SOUGHT input=input.clone()/>
                    <SelectField spec=FUNDING_KIND input=input.clone() values=kinds label_of=funding_choice/>
                </div>
                <Field spec=FUNDING_RAISED input=input.clone() optional=true/>
                <TextAreaField spec=TEAM input=input.clone() rows=4/>
                <TextAreaField spec=TRACTION input=input.clone() rows=4/>
                <TextAreaField spec=TRACTION_CONFIDENTIAL input=input.clone() rows=4/>
                <Field spec=VIDEO input=input.clone() optional=true/>
                {(!editor.stalls.is_empty()).then(|| view! {
                    <div class="field" class:field-invalid=stall_error.is_some()>
                        <label for="field-stall">{t.startup_field_stall}</label>
                        <select id="field-stall" name="stall">
                            <option value="" selected=chosen_stall.is_empty()>{t.startup_stall_self}</option>
                            {editor.stalls.iter().map(|(sid, name)| {
                                let selected = chosen_stall == sid.to_string();
                                view! { <option value=*sid selected=selected>{name.clone()}</option> }
                            }).collect_view()}
                        </select>
                        {stall_error.clone().map(|code| view! { <p class="field-error">{move || field_error_text(i18n.t(), &code)}</p> })}
                    </div>
                })}
                <p class="field-hint">{t.project_review_hint}</p>
                <div class="form-actions">
                    <button type="submit" class="button button-primary">{if is_new { t.project_submit } else { t.project_save }}</button>
                </div>
            </form>
            {(!is_new).then(|| view! {
                <section class="panel" aria-labelledby="files-title">
                    <h2 id="files-title">{t.project_files}</h2>
                    {editor.cover_key.as_deref().map(|key| view! {
                        <img class="article-cover-preview" src=ListingImage::media_url(key) alt="" width="480" height="270"/>
                    })}
                    {upload_form(id, ("cover", "picture"), |t| t.project_cover_upload, "image/jpeg,image/png,image/webp", error_for("cover"))}
                    <p class="muted" data-testid="deck-state">
                        {match editor.deck_bytes {
                            Some(bytes) => format!("{} ({} KB)", t.project_has_deck, (bytes + 1023) / 1024),
                            None => t.project_no_deck.to_owned(),
                        }}
                    </p>
                    {upload_form(id, ("deck", "deck"), |t| t.project_deck_upload, "application/pdf", error_for("deck"))}
                    <p class="field-hint">{t.project_deck_hint}</p>
                </section>
                <section class="panel">
                    <form method="post" action="/api/withdraw_project" class="inline-form">
                        <input type="hidden" name="id" value=id/>
                        <button type="submit" class="button button-danger">{t.project_withdraw}</button>
                    </form>
                </section>
            })}
        </div>
    }
}

/// `/account/investor`.
pub struct InvestorEditorRoute {
    data: Resource<Result<InvestorEditor, AppError>>,
}

impl PageRoute for InvestorEditorRoute {
    fn data() -> Self {
        Self {
            data: Resource::new(|| (), |_| get_investor_editor()),
        }
    }

    fn view(this: Self) -> AnyView {
        view! {
            <Title text=tr(|t| t.investor_profile_title)/>
            <Meta name="robots" content="noindex"/>
            {super::member_view(this.data, "/account/investor", |editor| view! { <InvestorEditorView editor/> })}
        }
        .into_any()
    }
}

const INVESTOR_KIND: FieldSpec = FieldSpec::text("kind", |t| t.investor_field_kind, 0, 20);
const INVESTOR_NAME: FieldSpec = FieldSpec::text(
    "name",
    |t| t.investor_field_name,
    limits::NAME.0,
    limits::NAME.1,
);
const ABOUT: FieldSpec = FieldSpec::text(
    "about",
    |t| t.investor_field_about,
    limits::ABOUT.0,
    limits::ABOUT.1,
);
const TICKET_MIN: FieldSpec = FieldSpec::text("ticket_min", |t| t.investor_field_ticket_min, 1, 30)
    .with_hint(|t| t.startup_funding_hint);
const TICKET_MAX: FieldSpec = FieldSpec::text("ticket_max", |t| t.investor_field_ticket_max, 1, 30);
const PORTFOLIO: FieldSpec = FieldSpec::text(
    "portfolio",
    |t| t.investor_field_portfolio,
    0,
    limits::PORTFOLIO,
);
const WEBSITE: FieldSpec =
    FieldSpec::text("website", |t| t.investor_field_website, 0, 300).of_kind("url");

fn investor_kind_choice(t: &Messages, _: Locale, code: &str) -> &'static str {
    investor_kind_label(t, code)
}

/// An investor's focus: a box of checkboxes, none meaning any.
fn focus_boxes(
    input: &InvalidInput,
    name: &'static str,
    legend: fn(&Messages) -> &'static str,
    options: Vec<(&'static str, String)>,
) -> impl IntoView + use<> {
    check_boxes(
        input,
        name,
        tr(legend),
        Some(tr(|t| t.investor_focus_hint)),
        options,
    )
}

#[component]
fn InvestorEditorView(editor: InvestorEditor) -> impl IntoView {
    let i18n = use_i18n();
    let (locale, t) = (i18n.locale(), i18n.t());
    let done: Option<fn(&Messages) -> &'static str> =
        match use_query_map().read_untracked().get("done").as_deref() {
            Some("saved") => Some(|t| t.done_investor_saved),
            _ => None,
        };
    let error = use_form_error("/save_investor");
    let input = match &error {
        Some(_) => invalid_input(error.as_ref()),
        None => {
            let typed = editor.form.typed();
            let typed: Vec<(&str, &str)> = typed.iter().map(|(k, v)| (*k, v.as_str())).collect();
            InvalidInput::new(Vec::new(), &typed)
        }
    };
    let kinds: Vec<&'static str> = InvestorKind::ALL.iter().map(|k| k.code()).collect();
    let sectors = SECTORS
        .iter()
        .map(|s| (s.code, sector_name(locale, s.code).to_owned()))
        .collect();
    let stages = Stage::ALL
        .iter()
        .map(|s| (s.code(), stage_label(t, s.code()).to_owned()))
        .collect();
    let provinces = PROVINCES
        .iter()
        .map(|p| (p.code, province_name(locale, p.code).to_owned()))
        .collect();
    view! {
        <div class="container page page-form investor-editor">
            <nav class="breadcrumb" aria-label=t.breadcrumb>
                <a href="/account/startups">{t.own_startups_title}</a>
            </nav>
            <header class="page-header">
                <h1>{t.investor_profile_title}</h1>
                <p class="lead">{t.investor_profile_lead}</p>
                {editor.status.clone().map(|s| view! {
                    <p><span class=format!("badge badge-{}", s.status) data-testid="investor-status">{investor_status_label(t, &s.status)}</span></p>
                })}
            </header>
            {done_notice(done)}
            {editor.status.as_ref().and_then(|s| s.review_note.clone()).map(|note| view! { <p class="notice notice-error">{t.review_note_label}": "{note}</p> })}
            <FormAlert error=error.clone()/>
            <form class="form panel" method="post" action="/api/save_investor" data-testid="investor-form">
                <SelectField spec=INVESTOR_KIND input=input.clone() values=kinds label_of=investor_kind_choice/>
                <Field spec=INVESTOR_NAME input=input.clone()/>
                <TextAreaField spec=ABOUT input=input.clone() rows=5/>
                <div class="field-row">
                    <Field spec=TICKET_MIN input=input.clone()/>
                    <Field spec=TICKET_MAX input=input.clone()/>
                </div>
                {focus_boxes(&input, "sectors", |t| t.investor_field_sectors, sectors)}
                {focus_boxes(&input, "stages", |t| t.investor_field_stages, stages)}
                {focus_boxes(&input, "provinces", |t| t.investor_field_provinces, provinces)}
                <TextAreaField spec=PORTFOLIO input=input.clone() rows=3/>
                <Field spec=WEBSITE input=input.clone() optional=true/>
                <p class="field-hint">{t.investor_review_hint}</p>
                <div class="form-actions">
                    <button type="submit" class="button button-primary">{t.investor_submit}</button>
                </div>
            </form>
        </div>
    }
}
