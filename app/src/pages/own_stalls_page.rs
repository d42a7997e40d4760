//! `/account/stalls`: the stalls a member acts for; `/account/stalls/new` and
//! `/account/stalls/{id}/edit`: the stall form.

use super::PageRoute;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::LoadError;
use super::my_account_page::LoginRequired;
use crate::api::{get_current_user, get_own_stalls, get_stall_editor};
use crate::components::cards::{org_kind_label, province_name, sector_name};
use crate::components::form::{
    Field, FieldSpec, FormAlert, SelectField, TextAreaField, invalid_input, use_form_error,
};
use crate::domain::{Email, ORG_KINDS, PROVINCES, SECTORS, format_vietnam_datetime, stall_limits};
use crate::error::{AppError, InvalidInput};
use crate::i18n::{MessageFn, Messages, tr, use_i18n};
use crate::model::{CurrentUser, OwnStall, StallEditor};

/// A stall's review status in words.
pub fn stall_status_label(t: &Messages, status: &str) -> &'static str {
    match status {
        "approved" => t.status_approved,
        "rejected" => t.status_rejected,
        _ => t.status_pending,
    }
}

/// The member's stalls.
pub struct OwnStallsRoute {
    data: Resource<Result<Vec<OwnStall>, AppError>>,
}

impl PageRoute for OwnStallsRoute {
    fn data() -> Self {
        Self {
            data: Resource::new(|| (), |_| get_own_stalls()),
        }
    }

    fn view(this: Self) -> AnyView {
        view! {
            <Title text=tr(|t| t.own_stalls_title)/>
            {super::member_view(this.data, "/account/stalls", |stalls| view! { <OwnStallsView stalls/> })}
        }
        .into_any()
    }
}

#[component]
fn OwnStallsView(stalls: Vec<OwnStall>) -> impl IntoView {
    let done: Option<fn(&Messages) -> &'static str> =
        match use_query_map().read_untracked().get("done").as_deref() {
            Some("submitted") => Some(|t| t.done_stall_submitted),
            Some("saved") => Some(|t| t.done_stall_saved),
            Some("edit_submitted") => Some(|t| t.done_stall_edit_submitted),
            Some("joined") => Some(|t| t.done_joined),
            Some("left") => Some(|t| t.done_left),
            Some("declined") => Some(|t| t.done_declined),
            _ => None,
        };
    view! {
        <div class="container page">
            <header class="page-header page-header-actions">
                <div>
                    <h1>{tr(|t| t.own_stalls_title)}</h1>
                    <p class="lead">{tr(|t| t.own_stalls_lead)}</p>
                </div>
                <a class="button button-primary" href="/account/stalls/new">{tr(|t| t.open_stall)}</a>
            </header>
            {done.map(|message| view! { <p class="notice notice-success" role="status">{tr(message)}</p> })}
            {if stalls.is_empty() {
                view! { <p class="empty">{tr(|t| t.own_stalls_empty)}</p> }.into_any()
            } else {
                view! {
                    <ul class="own-stalls">
                        {stalls.into_iter().map(|stall| view! { <OwnStallLine stall/> }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
        </div>
    }
}

#[component]
fn OwnStallLine(stall: OwnStall) -> impl IntoView {
    let i18n = use_i18n();
    let status = stall.status.clone();
    let badge_class = format!("badge badge-status-{}", stall.status);
    let role = stall.role.clone();
    view! {
        <li class="panel own-stall" data-testid="own-stall">
            <div class="own-stall-head">
                <h2>{stall.name.clone()}</h2>
                <span class=badge_class data-testid="stall-status">{move || stall_status_label(i18n.t(), &status)}</span>
            </div>
            <p class="muted">
                {move || if role == "owner" { i18n.t().role_owner } else { i18n.t().role_stall_member }}
                " · "{format_vietnam_datetime(stall.created_at)}
            </p>
            {stall.rejection_reason.clone().filter(|_| stall.status == "rejected").map(|reason| view! {
                <p class="notice notice-error own-stall-reason"><strong>{tr(|t| t.rejection_reason_label)}</strong>" "{reason}</p>
            })}
            <p class="own-stall-actions">
                // Only owners edit the profile and its pictures.
                {(stall.role == "owner").then(|| view! {
                    <a class="button button-ghost button-small" href=format!("/account/stalls/{}/edit", stall.id)>{tr(|t| t.edit)}</a>
                    <a class="button button-ghost button-small" href=format!("/account/stalls/{}/pictures", stall.id)>{tr(|t| t.pictures_link)}</a>
                })}
                <a class="button button-ghost button-small" href=format!("/account/stalls/{}/team", stall.id)>{tr(|t| t.team_link)}</a>
                <a class="button button-ghost button-small" href=format!("/account/stalls/{}/figures", stall.id)>{tr(|t| t.own_stalls_figures)}</a>
                {(stall.status == "approved").then(|| view! {
                    <a class="button button-ghost button-small" href=format!("/stalls/{}", stall.slug)>{tr(|t| t.view_public)}</a>
                })}
            </p>
        </li>
    }
}

/// `/account/stalls/new`: only logged-in members see the form.
pub struct NewStallRoute {
    user: Resource<Result<Option<CurrentUser>, AppError>>,
}

impl PageRoute for NewStallRoute {
    fn data() -> Self {
        Self {
            user: Resource::new(|| (), |_| get_current_user()),
        }
    }

    fn view(this: Self) -> AnyView {
        let user = this.user;
        view! {
            <Title text=tr(|t| t.new_stall_title)/>
            <Suspense fallback=move || view! { <p class="container page loading">{tr(|t| t.loading)}</p> }>
                {move || Suspend::new(async move {
                    match user.await {
                        Ok(Some(_)) => view! { <StallFormView editor=None/> }.into_any(),
                        Ok(None) | Err(AppError::Unauthorized) => view! { <LoginRequired next="/account/stalls/new"/> }.into_any(),
                        Err(error) => view! { <div class="container page"><LoadError error/></div> }.into_any(),
                    }
                })}
            </Suspense>
        }
        .into_any()
    }
}

/// `/account/stalls/{id}/edit`: only the stall's members see it.
pub struct EditStallRoute {
    data: Resource<Result<StallEditor, AppError>>,
}

impl PageRoute for EditStallRoute {
    fn data() -> Self {
        let id = super::use_id_param();
        Self {
            data: Resource::new(move || id.get(), get_stall_editor),
        }
    }

    fn view(this: Self) -> AnyView {
        let data = this.data;
        view! {
            <Title text=tr(|t| t.edit_stall_title)/>
            <Suspense fallback=move || view! { <p class="container page loading">{tr(|t| t.loading)}</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(editor) => view! { <StallFormView editor=Some(editor)/> }.into_any(),
                        Err(AppError::Unauthorized) => view! { <LoginRequired next="/account/stalls"/> }.into_any(),
                        Err(AppError::NotFound | AppError::BadRequest(_)) => view! { <crate::pages::not_found_page::NotFoundPage/> }.into_any(),
                        Err(error) => view! { <div class="container page"><LoadError error/></div> }.into_any(),
                    }
                })}
            </Suspense>
        }
        .into_any()
    }
}

const NAME: FieldSpec = FieldSpec::text(
    "name",
    |t| t.stall_field_name,
    stall_limits::NAME.0,
    stall_limits::NAME.1,
)
.autocomplete("organization");
const ORG_KIND: FieldSpec = FieldSpec::text("org_kind", |t| t.stall_field_org_kind, 0, 20);
const SECTOR: FieldSpec = FieldSpec::text("sector_code", |t| t.stall_field_sector, 0, 40);
const PROVINCE: FieldSpec = FieldSpec::text("province_code", |t| t.stall_field_province, 0, 40);
const DESCRIPTION: FieldSpec = FieldSpec::text(
    "description",
    |t| t.stall_field_description,
    stall_limits::DESCRIPTION.0,
    stall_limits::DESCRIPTION.1,
)
.with_hint(|t| t.stall_field_description_hint);
const ADDRESS: FieldSpec = FieldSpec::text(
    "address",
    |t| t.stall_field_address,
    stall_limits::ADDRESS.0,
    stall_limits::ADDRESS.1,
)
.autocomplete("street-address");
const PHONE: FieldSpec = FieldSpec::text(
    "phone",
    |t| t.stall_field_phone,
    stall_limits::PHONE.0,
    stall_limits::PHONE.1,
)
.of_kind("tel")
.autocomplete("tel");
const EMAIL: FieldSpec = FieldSpec::text("email", |t| t.stall_field_email, 0, Email::MAX_LEN)
    .of_kind("email")
    .autocomplete("email");
const WEBSITE: FieldSpec = FieldSpec::text(
    "website",
    |t| t.stall_field_website,
    0,
    stall_limits::WEBSITE,
)
.of_kind("url")
.autocomplete("url")
.with_hint(|t| t.stall_field_website_hint);
const CONTACT_PERSON: FieldSpec = FieldSpec::text(
    "contact_person",
    |t| t.stall_field_contact_person,
    stall_limits::CONTACT_PERSON.0,
    stall_limits::CONTACT_PERSON.1,
)
.autocomplete("name");
const FOUNDED_YEAR: FieldSpec =
    FieldSpec::text("founded_year", |t| t.stall_field_founded_year, 0, 4).of_kind("number");
const CERTIFICATIONS: FieldSpec = FieldSpec::text(
    "certifications",
    |t| t.stall_field_certifications,
    0,
    stall_limits::CERTIFICATIONS,
)
.with_hint(|t| t.stall_field_certifications_hint);

/// The stall form: empty for a new stall, filled from `editor` for an existing one; after a
/// refused post, filled with what was typed.
#[component]
fn StallFormView(editor: Option<StallEditor>) -> impl IntoView {
    let endpoint = if editor.is_some() {
        "/update_stall"
    } else {
        "/create_stall"
    };
    let error = use_form_error(endpoint);
    let input = match (&error, &editor) {
        (Some(_), _) => invalid_input(error.as_ref()),
        (None, Some(editor)) => InvalidInput::new(Vec::new(), &editor.form.typed()),
        (None, None) => InvalidInput::default(),
    };
    let (title, lead, submit): (MessageFn, Option<MessageFn>, MessageFn) = if editor.is_some() {
        (|t| t.edit_stall_title, None, |t| t.stall_submit_save)
    } else {
        (
            |t| t.new_stall_title,
            Some(|t| t.new_stall_lead),
            |t| t.stall_submit_new,
        )
    };
    let status_note = editor.as_ref().and_then(|e| match e.status.as_str() {
        "pending" => Some(view! { <p class="notice">{tr(|t| t.stall_pending_note)}</p> }.into_any()),
        "approved" if e.waiting_since.is_some() => Some(
            view! { <p class="notice" data-testid="edit-waiting">{tr(|t| t.stall_edit_waiting_note)}</p> }.into_any(),
        ),
        "approved" => Some(view! { <p class="notice">{tr(|t| t.stall_edit_review_note)}</p> }.into_any()),
        "rejected" => Some(
            view! {
                <div class="notice notice-error">
                    <p><strong>{tr(|t| t.rejection_reason_label)}</strong>" "{e.rejection_reason.clone()}</p>
                    <p>{tr(|t| t.stall_rejected_note)}</p>
                </div>
            }
            .into_any(),
        ),
        _ => None,
    });
    let action = if editor.is_some() {
        "/api/update_stall"
    } else {
        "/api/create_stall"
    };
    let id = editor.as_ref().map(|e| e.id);
    view! {
        <div class="container page page-form">
            <nav class="breadcrumb" aria-label=tr(|t| t.breadcrumb)>
                <a href="/account">{tr(|t| t.nav_account)}</a>
                <span aria-hidden="true">" › "</span>
                <a href="/account/stalls">{tr(|t| t.nav_my_stalls)}</a>
            </nav>
            <header class="page-header">
                <h1>{tr(title)}</h1>
                {lead.map(|lead| view! { <p class="lead">{tr(lead)}</p> })}
            </header>
            {status_note}
            <FormAlert error/>
            <form class="form form-columns" method="post" action=action>
                {id.map(|id| view! { <input type="hidden" name="id" value=id/> })}
                <Field spec=NAME input=input.clone()/>
                <SelectField spec=ORG_KIND input=input.clone() values=ORG_KINDS.to_vec() label_of=|t, _, code| org_kind_label(t, code)/>
                <SelectField spec=SECTOR input=input.clone() values=SECTORS.iter().map(|s| s.code).collect() label_of=|_, locale, code| sector_name(locale, code)/>
                <SelectField spec=PROVINCE input=input.clone() values=PROVINCES.iter().map(|p| p.code).collect() label_of=|_, locale, code| province_name(locale, code)/>
                <OtherSectors input=input.clone()/>
                <div class="form-wide">
                    <TextAreaField spec=DESCRIPTION input=input.clone() rows=8/>
                </div>
                <Field spec=ADDRESS input=input.clone()/>
                <Field spec=PHONE input=input.clone()/>
                <Field spec=CONTACT_PERSON input=input.clone()/>
                <Field spec=EMAIL input=input.clone() optional=true/>
                <Field spec=WEBSITE input=input.clone() optional=true/>
                <Field spec=FOUNDED_YEAR input=input.clone() optional=true/>
                <div class="form-wide">
                    <Field spec=CERTIFICATIONS input optional=true/>
                </div>
                <div class="form-wide form-actions">
                    <button type="submit" class="button button-primary button-large">{tr(submit)}</button>
                    <a class="button button-ghost button-large" href="/account/stalls">{tr(|t| t.cancel)}</a>
                </div>
            </form>
        </div>
    }
}

/// Check boxes for the sectors a stall works in besides its main one, ticked from what was
/// stored or posted; the server joins them (`other_sectors[]`).
#[component]
fn OtherSectors(input: InvalidInput) -> impl IntoView {
    let i18n = use_i18n();
    let ticked: Vec<String> =
        crate::domain::sector_codes(input.value_of("other_sectors").unwrap_or_default())
            .map(str::to_owned)
            .collect();
    let error = input.error_for("other_sectors").map(str::to_owned);
    let invalid = error.is_some();
    view! {
        <fieldset class="field form-wide field-fieldset" class:field-invalid=invalid>
            <legend class="field-label">{tr(|t| t.stall_field_other_sectors)}</legend>
            <div class="checks">
                {SECTORS.iter().map(|sector| {
                    let code = sector.code;
                    let id = format!("field-other-sector-{code}");
                    let label_for = id.clone();
                    let checked = ticked.iter().any(|c| c == code);
                    view! {
                        <label class="check" for=label_for>
                            <input type="checkbox" id=id name="other_sectors[]" value=code checked=checked/>
                            " "{move || sector_name(i18n.locale(), code)}
                        </label>
                    }
                }).collect_view()}
            </div>
            {error.map(|code| view! {
                <p class="field-error">{move || crate::components::form::field_error_text(i18n.t(), &code)}</p>
            })}
        </fieldset>
    }
}
