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
        "invalid_email" => t.field_invalid_email,
        "invalid_characters" => t.field_invalid_characters,
        "email_taken" => t.field_email_taken,
        "wrong_credentials" => t.field_wrong_credentials,
        "too_many_attempts" => t.field_too_many_attempts,
        "wrong_password" => t.field_wrong_password,
        "same_password" => t.field_same_password,
        "invalid_role" => t.field_invalid_role,
        "own_role" => t.field_own_role,
        "reset_link_invalid" => t.reset_link_invalid,
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

/// One labelled input with its error (or hint) underneath, refilled with what was typed.
#[component]
pub fn Field(spec: FieldSpec, input: InvalidInput) -> impl IntoView {
    let i18n = use_i18n();
    let id = format!("field-{}", spec.name);
    let note_id = format!("{id}-note");
    let error = input.error_for(spec.name).map(str::to_owned);
    // Passwords never come back.
    let value = (spec.kind != "password")
        .then(|| input.value_of(spec.name).map(str::to_owned))
        .flatten();
    let invalid = error.is_some();
    let note = match error {
        Some(code) => Some(view! {
            <p class="field-error" id=note_id.clone()>{move || field_error_text(i18n.t(), &code)}</p>
        }
        .into_any()),
        None => spec.hint.map(|hint| {
            view! { <p class="field-hint" id=note_id.clone()>{tr(hint)}</p> }.into_any()
        }),
    };
    let described = note.is_some().then_some(note_id);
    view! {
        <div class="field" class:field-invalid=invalid>
            <label for=id.clone()>{tr(spec.label)}</label>
            <input
                id=id
                name=spec.name
                type=spec.kind
                value=value
                autocomplete=spec.autocomplete
                required=true
                minlength=spec.min_length
                maxlength=spec.max_length
                aria-invalid=invalid.then_some("true")
                aria-describedby=described
            />
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
