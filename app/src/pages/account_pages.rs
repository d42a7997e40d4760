//! Register, log in, forgotten passwords. Every form is a plain form posting to its server
//! function, so it works the same with and without JavaScript; a refused form comes back with its
//! errors next to the fields and what was typed still in them.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

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

pub(crate) const NEW_PASSWORD: FieldSpec = FieldSpec {
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

/// `/register`: open a member account; `?sent=1` once asked (the same whether or not the address
/// had an account).
#[component]
pub fn RegisterPage() -> impl IntoView {
    let sent = use_query_map().read_untracked().get("sent").is_some();
    let error = use_form_error("/register_account");
    if sent && error.is_none() {
        return view! {
            <AccountCard title=|t| t.register_sent_title lead=|t| t.register_sent_body>
                <p class="form-switch"><a href="/login">{tr(|t| t.back_to_login)}</a></p>
            </AccountCard>
        }
        .into_any();
    }
    let input = invalid_input(error.as_ref());
    let next = use_next(&input);
    let next_for_link = next.clone();
    view! {
        <AccountCard title=|t| t.register_title lead=|t| t.register_lead>
            <FormAlert error/>
            <form class="form" method="post" action="/api/register_account">
                {next.map(|next| view! { <input type="hidden" name="next" value=next/> })}
                <Field spec=EMAIL input=input.clone()/>
                <Field spec=DISPLAY_NAME input=input.clone()/>
                <Field spec=NEW_PASSWORD input/>
                <button type="submit" class="button button-primary button-large button-block">
                    {tr(|t| t.register_submit)}
                </button>
            </form>
            <p class="form-switch">{tr(|t| t.have_account)}" "<a href=with_next("/login", next_for_link)>{tr(|t| t.login)}</a></p>
        </AccountCard>
    }
    .into_any()
}

/// `/confirm-email?token=…[&next=/path]`: the page a confirmation mail links to. Opening it
/// changes nothing; its button confirms the address and logs in.
#[component]
pub fn ConfirmEmailPage() -> impl IntoView {
    let query = use_query_map().read_untracked().clone();
    let token = query.get("token").unwrap_or_default();
    let next = query
        .get("next")
        .filter(|path| crate::domain::is_local_path(path));
    let error = use_form_error("/confirm_email");
    let spent = error.is_some() || token.is_empty();
    view! {
        <AccountCard title=|t| t.confirm_title lead=|t| t.confirm_lead>
            <FormAlert error banner_fields=&["token"]/>
            {if spent {
                view! {
                    <p class="form-switch"><a class="button button-primary" href="/login">{tr(|t| t.login)}</a></p>
                }
                .into_any()
            } else {
                view! {
                    <form class="form" method="post" action="/api/confirm_email">
                        <input type="hidden" name="token" value=token/>
                        {next.map(|next| view! { <input type="hidden" name="next" value=next/> })}
                        <button type="submit" class="button button-primary button-large button-block">
                            {tr(|t| t.confirm_submit)}
                        </button>
                    </form>
                }
                .into_any()
            }}
        </AccountCard>
    }
}

/// `/login[?next=/path]`: log in with e-mail and password, then go to `next`.
#[component]
pub fn LoginPage() -> impl IntoView {
    let error = use_form_error("/log_in");
    let input = invalid_input(error.as_ref());
    let next = use_next(&input);
    let next_for_link = next.clone();
    view! {
        <AccountCard title=|t| t.login_title lead=|t| t.login_lead>
            <FormAlert error/>
            <form class="form" method="post" action="/api/log_in">
                {next.map(|next| view! { <input type="hidden" name="next" value=next/> })}
                <Field spec=EMAIL input=input.clone()/>
                <Field spec=CURRENT_PASSWORD input/>
                <button type="submit" class="button button-primary button-large button-block">
                    {tr(|t| t.login_submit)}
                </button>
            </form>
            <p class="form-switch"><a href="/forgot-password">{tr(|t| t.forgot_password_link)}</a></p>
            <p class="form-switch">{tr(|t| t.no_account)}" "<a href=with_next("/register", next_for_link)>{tr(|t| t.register)}</a></p>
        </AccountCard>
    }
}

/// `path`, carrying `next` on to it when there is one.
fn with_next(path: &str, next: Option<String>) -> String {
    match next {
        Some(next) => format!(
            "{path}?next={}",
            crate::components::pagination::encode_component(&next)
        ),
        None => path.to_owned(),
    }
}

/// Where to go after logging in or registering: `next` as typed back after an error, or as in
/// the URL, if it is a path on this site.
fn use_next(input: &crate::error::InvalidInput) -> Option<String> {
    input
        .value_of("next")
        .map(str::to_owned)
        .or_else(|| use_query_map().read_untracked().get("next"))
        .filter(|path| crate::domain::is_local_path(path))
}

/// `/forgot-password`: ask for a link to set a new password; `?sent=1` once asked.
#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let sent = use_query_map().read_untracked().get("sent").is_some();
    let error = use_form_error("/request_password_reset");
    let input = invalid_input(error.as_ref());
    if sent && error.is_none() {
        return view! {
            <AccountCard title=|t| t.forgot_sent_title lead=|t| t.forgot_sent_body>
                <p class="form-switch"><a href="/login">{tr(|t| t.back_to_login)}</a></p>
            </AccountCard>
        }
        .into_any();
    }
    view! {
        <AccountCard title=|t| t.forgot_title lead=|t| t.forgot_lead>
            <FormAlert error/>
            <form class="form" method="post" action="/api/request_password_reset">
                <Field spec=EMAIL input/>
                <button type="submit" class="button button-primary button-large button-block">
                    {tr(|t| t.forgot_submit)}
                </button>
            </form>
            <p class="form-switch"><a href="/login">{tr(|t| t.back_to_login)}</a></p>
        </AccountCard>
    }
    .into_any()
}

/// `/reset-password?token=…`: the page a reset mail links to; choose the new password.
#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let token = use_query_map()
        .read_untracked()
        .get("token")
        .unwrap_or_default();
    let error = use_form_error("/reset_password");
    let link_spent = error.as_ref().is_some_and(|e| {
        matches!(e, crate::error::AppError::Invalid(input) if input.error_for("token").is_some())
    });
    let input = invalid_input(error.as_ref());
    view! {
        <AccountCard title=|t| t.reset_title lead=|t| t.reset_lead>
            <FormAlert error banner_fields=&["token"]/>
            {if link_spent || token.is_empty() {
                view! {
                    <p class="form-switch">
                        <a class="button button-primary" href="/forgot-password">{tr(|t| t.reset_request_new)}</a>
                    </p>
                }
                .into_any()
            } else {
                view! {
                    <form class="form" method="post" action="/api/reset_password">
                        <input type="hidden" name="token" value=token/>
                        <Field spec=NEW_PASSWORD input/>
                        <button type="submit" class="button button-primary button-large button-block">
                            {tr(|t| t.reset_submit)}
                        </button>
                    </form>
                }
                .into_any()
            }}
        </AccountCard>
    }
}

/// A narrow card centred on the page, for account forms.
#[component]
pub(crate) fn AccountCard(title: MessageFn, lead: MessageFn, children: Children) -> impl IntoView {
    view! {
        <Title text=tr(title)/>
        <Meta name="description" content=tr(lead)/>
        <div class="container page page-narrow">
            <section class="account-card">
                <h1>{tr(title)}</h1>
                <p class="lead">{tr(lead)}</p>
                {children()}
            </section>
        </div>
    }
}
