//! Register and log in. Both are plain forms posting to their server function, so they work the
//! same with and without JavaScript; a refused form comes back with its errors next to the fields
//! and what was typed still in them.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::form::{Field, FieldSpec, FormAlert, invalid_input, use_form_error};
use crate::domain::{DisplayName, Email, Password};
use crate::i18n::{MessageFn, tr};

const EMAIL: FieldSpec = FieldSpec {
    name: "email",
    label: |t| t.field_email,
    kind: "email",
    autocomplete: "email",
    min_length: None,
    max_length: Email::MAX_LEN as u32,
    hint: None,
};

const DISPLAY_NAME: FieldSpec = FieldSpec {
    name: "display_name",
    label: |t| t.field_display_name,
    kind: "text",
    autocomplete: "name",
    min_length: Some(DisplayName::MIN_CHARS as u32),
    max_length: DisplayName::MAX_CHARS as u32,
    hint: Some(|t| t.field_display_name_hint),
};

const NEW_PASSWORD: FieldSpec = FieldSpec {
    name: "password",
    label: |t| t.field_password,
    kind: "password",
    autocomplete: "new-password",
    min_length: Some(Password::MIN_CHARS as u32),
    max_length: Password::MAX_CHARS as u32,
    hint: Some(|t| t.field_password_hint),
};

const CURRENT_PASSWORD: FieldSpec = FieldSpec {
    name: "password",
    label: |t| t.field_password,
    kind: "password",
    autocomplete: "current-password",
    min_length: None,
    max_length: Password::MAX_CHARS as u32,
    hint: None,
};

/// `/register`: open a member account.
#[component]
pub fn RegisterPage() -> impl IntoView {
    let error = use_form_error("/register_account");
    let input = invalid_input(error.as_ref());
    view! {
        <AccountCard title=|t| t.register_title lead=|t| t.register_lead>
            <FormAlert error/>
            <form class="form" method="post" action="/api/register_account">
                <Field spec=EMAIL input=input.clone()/>
                <Field spec=DISPLAY_NAME input=input.clone()/>
                <Field spec=NEW_PASSWORD input/>
                <button type="submit" class="button button-primary button-large button-block">
                    {tr(|t| t.register_submit)}
                </button>
            </form>
            <p class="form-switch">{tr(|t| t.have_account)}" "<a href="/login">{tr(|t| t.login)}</a></p>
        </AccountCard>
    }
}

/// `/login`: log in with e-mail and password.
#[component]
pub fn LoginPage() -> impl IntoView {
    let error = use_form_error("/log_in");
    let input = invalid_input(error.as_ref());
    view! {
        <AccountCard title=|t| t.login_title lead=|t| t.login_lead>
            <FormAlert error/>
            <form class="form" method="post" action="/api/log_in">
                <Field spec=EMAIL input=input.clone()/>
                <Field spec=CURRENT_PASSWORD input/>
                <button type="submit" class="button button-primary button-large button-block">
                    {tr(|t| t.login_submit)}
                </button>
            </form>
            <p class="form-switch">{tr(|t| t.no_account)}" "<a href="/register">{tr(|t| t.register)}</a></p>
        </AccountCard>
    }
}

/// A narrow card centred on the page, for account forms.
#[component]
fn AccountCard(title: MessageFn, lead: MessageFn, children: Children) -> impl IntoView {
    view! {
        <Title text=tr(title)/>
        <div class="container page page-narrow">
            <section class="account-card">
                <h1>{tr(title)}</h1>
                <p class="lead">{tr(lead)}</p>
                {children()}
            </section>
        </div>
    }
}
