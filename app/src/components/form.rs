//! Form building blocks shared by every form of the exchange.
//!
//! Forms post straight to their server function, so they work without JavaScript. When the
//! server refuses the input it sends the browser back to the form with the error encoded in the
//! URL (`__path`, `__err`); [`use_form_error`] reads it back, so each field can show its own
//! translated error next to what the user typed.

use leptos::prelude::*;
use leptos::server_fn::error::ServerFnUrlError;
use leptos_router::hooks::use_query_map;

use crate::error::{AppError, InvalidInput};
use crate::i18n::{MessageFn, Messages, tr, use_i18n};

/// The error the last plain post to server function `endpoint` came back with, if any.
pub fn use_form_error(endpoint: &'static str) -> Option<AppError> {
    let query = use_query_map();
    let query = query.read_untracked();
    let path = query.get_str("__path")?;
    if !path.ends_with(endpoint) {
        return None;
    }
    Some(ServerFnUrlError::<AppError>::decode_err(
        query.get_str("__err")?,
    ))
}

/// The field errors and typed values of a refused form (empty when it was not refused).
pub fn invalid_input(error: Option<&AppError>) -> InvalidInput {
    match error {
        Some(AppError::Invalid(input) | AppError::TooManyRequests { input, .. }) => input.clone(),
        _ => InvalidInput::default(),
    }
}

/// Translation of a field error code.
pub fn field_error_text(t: &Messages, code: &str) -> &'static str {
    match code {
        "required" => t.field_required,
        "too_short" => t.field_too_short,
        "too_long" => t.field_too_long,
        "synonyms_too_few" => t.field_synonyms_too_few,
        "own_request" => t.field_own_request,
        "already_joined" => t.field_already_joined,
        "invalid_email" => t.field_invalid_email,
        "invalid_characters" => t.field_invalid_characters,
        "email_taken" => t.field_email_taken,
        "wrong_credentials" => t.field_wrong_credentials,
        "too_many_attempts" => t.field_too_many_attempts,
        "too_many_searches" => t.field_too_many_searches,
        "too_many_uploads" => t.field_too_many_uploads,
        "own_item" => t.field_own_item,
        "email_unconfirmed" => t.field_email_unconfirmed,
        "confirm_link_invalid" => t.field_confirm_link_invalid,
        "changed_since_seen" => t.field_changed_since_seen,
        "wrong_password" => t.field_wrong_password,
        "same_password" => t.field_same_password,
        "invalid_role" => t.field_invalid_role,
        "own_role" => t.field_own_role,
        "reset_link_invalid" => t.reset_link_invalid,
        "invalid_choice" => t.field_invalid_choice,
        "alert_empty" => t.field_alert_empty,
        "push_endpoint" => t.field_push_endpoint,
        "push_keys" => t.field_push_keys,
        "introduction_not_published" => t.field_introduction_not_published,
        "introduction_self" => t.field_introduction_self,
        "introduction_not_investor" => t.field_introduction_not_investor,
        "deadline_past" => t.field_deadline_past,
        "unknown_project" => t.field_unknown_project,
        "already_in_cohort" => t.field_already_in_cohort,
        "unknown_event" => t.field_unknown_event,
        "not_a_training" => t.field_not_a_training,
        "invalid_hours" => t.field_invalid_hours,
        "session_in_past" => t.field_session_in_past,
        "session_too_far" => t.field_session_too_far,
        "mentor_unavailable" => t.field_mentor_unavailable,
        "mentor_themselves" => t.field_mentor_themselves,
        "session_open" => t.field_session_open,
        "session_not_now" => t.field_session_not_now,
        "too_many_questions" => t.field_too_many_questions,
        "invalid_question" => t.field_invalid_question,
        "call_closed" => t.field_call_closed,
        "already_applied" => t.field_already_applied,
        "introduction_own_project" => t.field_introduction_own_project,
        "introduction_no_one" => t.field_introduction_no_one,
        "introduction_exists" => t.field_introduction_exists,
        "too_many_introductions" => t.field_too_many_introductions,
        "introduction_not_now" => t.field_introduction_not_now,
        "deal_value" => t.field_deal_value,
        "deal_in_future" => t.field_deal_in_future,
        "too_many_alerts" => t.field_too_many_alerts,
        "unsubscribe_link_invalid" => t.field_unsubscribe_link_invalid,
        "invalid_phone" => t.field_invalid_phone,
        "invalid_url" => t.field_invalid_url,
        "slug_taken" => t.field_slug_taken,
        "invalid_slug" => t.field_invalid_slug,
        "invalid_link" => t.field_invalid_link,
        "unknown_link" => t.field_unknown_link,
        "invalid_youtube" => t.field_invalid_youtube,
        "ends_before_start" => t.field_ends_before_start,
        "event_too_long" => t.field_event_too_long,
        "venue_or_online" => t.field_venue_or_online,
        "invalid_capacity" => t.field_invalid_capacity,
        "deadline_after_end" => t.field_deadline_after_end,
        "invalid_programme" => t.field_invalid_programme,
        "programme_outside_event" => t.field_programme_outside_event,
        "booths_closed" => t.field_booths_closed,
        "booth_listings" => t.field_booth_listings,
        "booth_not_stalls" => t.field_booth_not_stalls,
        "booth_number_taken" => t.field_booth_number_taken,
        "invalid_booth_number" => t.field_invalid_booth_number,
        "registration_closed" => t.field_registration_closed,
        "already_registered" => t.field_already_registered,
        "cancel_link_invalid" => t.field_cancel_link_invalid,
        "video_needs_clip" => t.field_video_needs_clip,
        "not_a_video" => t.field_not_a_video,
        "video_too_large" => t.field_video_too_large,
        "upload_interrupted" => t.field_upload_interrupted,
        "not_webvtt" => t.field_not_webvtt,
        "captions_too_large" => t.field_captions_too_large,
        "invalid_tag" => t.field_invalid_tag,
        "category_exists" => t.field_category_exists,
        "invalid_year" => t.field_invalid_year,
        "invalid_certification" => t.field_invalid_certification,
        "too_many" => t.field_too_many,
        "already_reviewed" => t.field_already_reviewed,
        "price_or_negotiable" => t.field_price_or_negotiable,
        "budget_order" => t.field_budget_order,
        "invalid_quantity" => t.field_invalid_quantity,
        "invalid_trl" => t.field_invalid_trl,
        "funding_negative" => t.field_funding_negative,
        "funding_too_small" => t.field_funding_too_small,
        "funding_absurd" => t.field_funding_absurd,
        "invalid_team" => t.field_invalid_team,
        "invalid_traction" => t.field_invalid_traction,
        "team_member_unknown" => t.field_team_member_unknown,
        "not_a_pdf" => t.field_not_a_pdf,
        "deck_too_large" => t.field_deck_too_large,
        "invalid_date" => t.field_invalid_date,
        "date_in_past" => t.field_date_in_past,
        "date_too_far" => t.field_date_too_far,
        "not_a_number" => t.field_not_a_number,
        "too_large" => t.field_too_large,
        "listing_closed" => t.field_listing_closed,
        "listing_under_auction" => t.field_listing_under_auction,
        "not_allowed_now" => t.field_not_allowed_now,
        "own_listing" => t.field_own_listing,
        "already_member" => t.field_already_member,
        "too_many_invitations" => t.field_too_many_invitations,
        "too_many_invitation_mails" => t.field_too_many_invitation_mails,
        "too_many_drafts" => t.field_too_many_drafts,
        "too_many_sectors" => t.field_too_many_sectors,
        "one_picture" => t.field_one_picture,
        "no_recipient" => t.contact_unreachable,
        "not_an_image" => t.field_not_an_image,
        "image_too_large" => t.field_image_too_large,
        "image_unreadable" => t.field_image_unreadable,
        "too_many_images" => t.field_too_many_images,
        "listing_not_open" => t.field_listing_not_open,
        "too_many_inquiries" => t.field_too_many_inquiries,
        "bid_not_started" => t.bidding.bid_not_started,
        "bid_ended" => t.bidding.bid_ended,
        "bid_own_auction" => t.bidding.bid_own_auction,
        "bid_below_minimum" => t.bidding.bid_below_minimum,
        "bid_above_highest" => t.bidding.bid_above_highest,
        "bid_not_whole_steps" => t.bidding.bid_not_whole_steps,
        "bid_not_above_own_maximum" => t.bidding.bid_not_above_own_maximum,
        "bid_buy_now_unavailable" => t.bidding.bid_buy_now_unavailable,
        "bid_not_open" => t.bidding.bid_not_open,
        "auction_starting_price" => t.field_auction_starting_price,
        "auction_step" => t.field_auction_step,
        "auction_reserve" => t.field_auction_reserve,
        "auction_buy_now" => t.field_auction_buy_now,
        "auction_window" => t.field_auction_window,
        "auction_too_short" => t.field_auction_too_short,
        "auction_too_long" => t.field_auction_too_long,
        "auction_soft_close" => t.field_auction_soft_close,
        "auction_deposit" => t.field_auction_deposit,
        "auction_exists" => t.field_auction_exists,
        "bid_not_registered" => t.bidding.bid_not_registered,
        _ => t.error_invalid,
    }
}

/// What a form field is: its `name`, label, input type and browser hints.
#[derive(Clone, Copy)]
pub struct FieldSpec {
    pub name: &'static str,
    pub label: MessageFn,
    /// `type` of the `<input>`.
    pub kind: &'static str,
    pub autocomplete: &'static str,
    pub min_length: Option<u32>,
    pub max_length: u32,
    /// Shown under the field when it has no error.
    pub hint: Option<MessageFn>,
}

impl FieldSpec {
    /// A required text field with no browser hints beyond its length.
    pub const fn text(name: &'static str, label: MessageFn, min: usize, max: usize) -> Self {
        Self {
            name,
            label,
            kind: "text",
            autocomplete: "off",
            min_length: if min > 0 { Some(min as u32) } else { None },
            max_length: max as u32,
            hint: None,
        }
    }

    /// The same field with a hint under it.
    pub const fn with_hint(self, hint: MessageFn) -> Self {
        Self {
            hint: Some(hint),
            ..self
        }
    }

    /// The same field with another input type (`email`, `tel`, `url`, `number`).
    pub const fn of_kind(self, kind: &'static str) -> Self {
        Self { kind, ..self }
    }

    /// The same field with a browser autofill hint.
    pub const fn autocomplete(self, autocomplete: &'static str) -> Self {
        Self {
            autocomplete,
            ..self
        }
    }
}

/// The parts every kind of field shares: ids, the error or hint under it, its ARIA state.
struct FieldParts {
    id: String,
    invalid: bool,
    note: Option<AnyView>,
    described: Option<String>,
}

fn field_parts(spec: &FieldSpec, input: &InvalidInput) -> FieldParts {
    let i18n = use_i18n();
    let id = format!("field-{}", spec.name);
    let note_id = format!("{id}-note");
    let error = input.error_for(spec.name).map(str::to_owned);
    let invalid = error.is_some();
    let note = match error {
        Some(code) => Some(
            view! {
                <p class="field-error" id=note_id.clone()>{move || field_error_text(i18n.t(), &code)}</p>
            }
            .into_any(),
        ),
        None => spec.hint.map(|hint| {
            view! { <p class="field-hint" id=note_id.clone()>{tr(hint)}</p> }.into_any()
        }),
    };
    let described = note.is_some().then_some(note_id);
    FieldParts {
        id,
        invalid,
        note,
        described,
    }
}

/// One labelled input with its error (or hint) underneath, refilled with what was typed.
/// `required` unless `optional`.
#[component]
pub fn Field(
    spec: FieldSpec,
    input: InvalidInput,
    #[prop(optional)] optional: bool,
) -> impl IntoView {
    let FieldParts {
        id,
        invalid,
        note,
        described,
    } = field_parts(&spec, &input);
    // Passwords never come back.
    let value = (spec.kind != "password")
        .then(|| input.value_of(spec.name).map(str::to_owned))
        .flatten();
    view! {
        <div class="field" class:field-invalid=invalid>
            <label for=id.clone()>{tr(spec.label)}</label>
            <input
                id=id
                name=spec.name
                type=spec.kind
                value=value
                autocomplete=spec.autocomplete
                required=!optional
                minlength=spec.min_length
                maxlength=spec.max_length
                aria-invalid=invalid.then_some("true")
                aria-describedby=described
            />
            {note}
        </div>
    }
}

/// A labelled multi-line text box, like [`Field`].
#[component]
pub fn TextAreaField(
    spec: FieldSpec,
    input: InvalidInput,
    #[prop(default = 6)] rows: u32,
) -> impl IntoView {
    let FieldParts {
        id,
        invalid,
        note,
        described,
    } = field_parts(&spec, &input);
    let value = input.value_of(spec.name).unwrap_or_default().to_owned();
    view! {
        <div class="field" class:field-invalid=invalid>
            <label for=id.clone()>{tr(spec.label)}</label>
            <textarea
                id=id
                name=spec.name
                rows=rows
                required=spec.min_length.is_some()
                minlength=spec.min_length
                maxlength=spec.max_length
                aria-invalid=invalid.then_some("true")
                aria-describedby=described
            >
                {value}
            </textarea>
            {note}
        </div>
    }
}

/// Label of one choice of a [`SelectField`], in the current language.
pub type ChoiceLabel = fn(&Messages, crate::i18n::Locale, &str) -> &'static str;

/// A labelled `<select>` over `values`, like [`Field`]; the submitted choice stays selected.
#[component]
pub fn SelectField(
    spec: FieldSpec,
    input: InvalidInput,
    values: Vec<&'static str>,
    label_of: ChoiceLabel,
) -> impl IntoView {
    let i18n = use_i18n();
    let FieldParts {
        id,
        invalid,
        note,
        described,
    } = field_parts(&spec, &input);
    let current = input.value_of(spec.name).unwrap_or_default().to_owned();
    // Not `disabled`: a disabled option is not posted, so a form sent without a choice would
    // lack the field altogether (a malformed call) instead of saying "required" next to it.
    let choose = current.is_empty().then(|| {
        view! { <option value="" selected=true>{tr(|t| t.choose)}</option> }
    });
    view! {
        <div class="field" class:field-invalid=invalid>
            <label for=id.clone()>{tr(spec.label)}</label>
            <select
                id=id
                name=spec.name
                required=true
                aria-invalid=invalid.then_some("true")
                aria-describedby=described
            >
                {choose}
                {values
                    .into_iter()
                    .map(|value| {
                        view! {
                            <option value=value selected=current == value>
                                {move || label_of(i18n.t(), i18n.locale(), value)}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
            {note}
        </div>
    }
}

/// The banner above a refused form: what went wrong as a whole. Errors on the fields named in
/// `banner_fields` (those without an input of their own, such as a link's token) are told here.
#[component]
pub fn FormAlert(
    error: Option<AppError>,
    #[prop(optional)] banner_fields: &'static [&'static str],
) -> impl IntoView {
    error.map(|error| {
        let i18n = use_i18n();
        let message = move || match &error {
            AppError::Invalid(input) => input
                .errors
                .iter()
                .find(|e| banner_fields.contains(&e.field.as_str()))
                .map_or(i18n.t().error_invalid, |e| {
                    field_error_text(i18n.t(), &e.code)
                }),
            AppError::TooManyRequests { .. } => i18n.t().field_too_many_attempts,
            other => crate::error_message(other),
        };
        view! { <p class="notice notice-error form-alert" role="alert">{message}</p> }
    })
}

/// A box of checkboxes `name[]` over `options` (code, words), those typed (comma-joined under
/// `name`) ticked, with an optional hint and its error beside it.
pub fn check_boxes(
    input: &InvalidInput,
    name: &'static str,
    legend: &'static str,
    hint: Option<&'static str>,
    options: Vec<(&'static str, String)>,
) -> impl IntoView + use<> {
    let i18n = use_i18n();
    let chosen: Vec<String> = input
        .value_of(name)
        .unwrap_or_default()
        .split(',')
        .filter(|c| !c.is_empty())
        .map(str::to_owned)
        .collect();
    let error = input.error_for(name).map(str::to_owned);
    let invalid = error.is_some();
    view! {
        <fieldset class="field focus-boxes" class:field-invalid=invalid>
            <legend>{legend}</legend>
            {hint.map(|hint| view! { <p class="field-hint">{hint}</p> })}
            <div class="check-grid">
                {options.into_iter().map(|(code, text)| {
                    let checked = chosen.iter().any(|c| c == code);
                    view! { <label class="check"><input type="checkbox" name=format!("{name}[]") value=code checked=checked/>" "{text}</label> }
                }).collect_view()}
            </div>
            {error.map(|code| view! { <p class="field-error">{move || field_error_text(i18n.t(), &code)}</p> })}
        </fieldset>
    }
}

/// A labelled `<select>` named `name` over `options` (id, words), the typed choice selected and
/// its error beside it.
pub fn id_select(
    input: &InvalidInput,
    name: &'static str,
    label: &'static str,
    options: &[(i64, String)],
) -> impl IntoView + use<> {
    let i18n = use_i18n();
    let id = format!("field-{name}");
    let note = format!("{id}-note");
    let error = input.error_for(name).map(str::to_owned);
    let invalid = error.is_some();
    let chosen = input.value_of(name).unwrap_or_default().to_owned();
    view! {
        <div class="field" class:field-invalid=invalid>
            <label for=id.clone()>{label}</label>
            <select id=id name=name required=true aria-invalid=invalid.then_some("true") aria-describedby=invalid.then_some(note.clone())>
                {options.iter().map(|(value, words)| {
                    let selected = chosen == value.to_string();
                    view! { <option value=*value selected=selected>{words.clone()}</option> }
                }).collect_view()}
            </select>
            {error.map(|code| view! { <p class="field-error" id=note>{move || field_error_text(i18n.t(), &code)}</p> })}
        </div>
    }
}
