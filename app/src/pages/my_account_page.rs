//! `/account`: the member's own account — profile, password, the devices they are logged in on.

use super::PageRoute;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::get_account;
use crate::components::form::{Field, FieldSpec, FormAlert, invalid_input, use_form_error};
use crate::domain::{Password, Role, format_vietnam_datetime};
use crate::error::AppError;
use crate::i18n::{Messages, tr, use_i18n};
use crate::model::{AccountOverview, SessionInfo};

const CURRENT_PASSWORD: FieldSpec = FieldSpec {
    name: "current_password",
    label: |t| t.field_current_password,
    kind: "password",
    autocomplete: "current-password",
    min_length: None,
    max_length: Password::MAX_CHARS as u32,
    hint: None,
};

const NEW_PASSWORD: FieldSpec = FieldSpec {
    name: "new_password",
    label: |t| t.field_new_password,
    kind: "password",
    autocomplete: "new-password",
    min_length: Some(Password::MIN_CHARS as u32),
    max_length: Password::MAX_CHARS as u32,
    hint: Some(|t| t.field_password_hint),
};

/// A role's name in the current language.
pub fn role_label(t: &Messages, role: Role) -> &'static str {
    match role {
        Role::Member => t.role_member,
        Role::Editor => t.role_editor,
        Role::Moderator => t.role_moderator,
        Role::Admin => t.role_admin,
    }
}

/// The member's account page.
pub struct AccountRoute {
    data: Resource<Result<AccountOverview, AppError>>,
}

impl PageRoute for AccountRoute {
    fn data() -> Self {
        Self {
            data: Resource::new(|| (), |_| get_account()),
        }
    }

    fn view(this: Self) -> AnyView {
        view! {
            <Title text=tr(|t| t.account_title)/>
            {super::member_view(this.data, "/account", |account| view! { <AccountView account/> })}
        }
        .into_any()
    }
}

/// Shown instead of a page that needs a logged-in member.
#[component]
pub fn LoginRequired(next: &'static str) -> impl IntoView {
    view! {
        <div class="container page page-narrow">
            <section class="account-card">
                <h1>{tr(|t| t.login_required_title)}</h1>
                <p class="lead">{tr(|t| t.error_unauthorized)}</p>
                <p>
                    <a class="button button-primary button-large button-block" href=format!("/login?next={next}")>
                        {tr(|t| t.login)}
                    </a>
                </p>
                <p class="form-switch">{tr(|t| t.no_account)}" "<a href="/register">{tr(|t| t.register)}</a></p>
            </section>
        </div>
    }
}

#[component]
fn AccountView(account: AccountOverview) -> impl IntoView {
    let i18n = use_i18n();
    let done: Option<fn(&Messages) -> &'static str> =
        match use_query_map().read_untracked().get("done").as_deref() {
            Some("password_changed") => Some(|t| t.done_password_changed),
            Some("password_reset") => Some(|t| t.done_password_reset),
            Some("session_revoked") => Some(|t| t.done_session_revoked),
            Some("sessions_revoked") => Some(|t| t.done_sessions_revoked),
            _ => None,
        };
    let error = use_form_error("/change_password");
    let input = invalid_input(error.as_ref());
    let role = account.role;
    let others = account.sessions.iter().filter(|s| !s.current).count();
    view! {
        <div class="container page account-page">
            <header class="page-header">
                <h1>{tr(|t| t.account_title)}</h1>
            </header>
            {done.map(|message| view! { <p class="notice notice-success" role="status">{tr(message)}</p> })}
            <div class="account-grid">
                <section class="panel">
                    <h2>{account.display_name.clone()}</h2>
                    <dl class="profile-facts">
                        <dt>{tr(|t| t.account_email)}</dt>
                        <dd data-testid="account-email">{account.email.clone()}</dd>
                        <dt>{tr(|t| t.account_role)}</dt>
                        <dd><span class="badge" data-testid="account-role">{move || role_label(i18n.t(), role)}</span></dd>
                        <dt>{tr(|t| t.account_member_since)}</dt>
                        <dd>{format_vietnam_datetime(account.created_at)}</dd>
                    </dl>
                    <p class="account-links">
                        <a class="button button-ghost" href="/account/listings">{tr(|t| t.nav_my_listings)}</a>
                        <a class="button button-ghost" href="/account/stalls">{tr(|t| t.nav_my_stalls)}</a>
                        <a class="button button-ghost" href="/account/startups">{tr(|t| t.nav_my_startups)}</a>
                        <a class="button button-ghost" href="/account/mentoring">{tr(|t| t.mentoring_title)}</a>
                        <a class="button button-ghost" href="/account/inquiries">{tr(|t| t.inbox_title)}</a>
                        <a class="button button-ghost" href="/account/watchlist">{tr(|t| t.watchlist_title)}</a>
                        <a class="button button-ghost" href="/account/notifications">{tr(|t| t.notifications_title)}</a>
                        <a class="button button-ghost" href="/account/alerts">{tr(|t| t.nav_alerts)}</a>
                        <a class="button button-ghost" href="/account/introductions">{tr(|t| t.nav_introductions)}</a>
                        {role.includes(Role::Editor).then(|| view! {
                            <a class="button button-ghost" href="/editor/articles">{tr(|t| t.editor_desk_title)}</a>
                        })}
                        {role.includes(Role::Moderator).then(|| view! {
                            <a class="button button-ghost" href="/moderation">{tr(|t| t.nav_moderation)}</a>
                        })}
                        {role.includes(Role::Admin).then(|| view! {
                            <a class="button button-ghost" href="/admin">{tr(|t| t.nav_operations)}</a>
                            <a class="button button-ghost" href="/admin/users">{tr(|t| t.nav_admin)}</a>
                        })}
                    </p>
                </section>
                {(!account.tickets.is_empty()).then(|| view! {
                    <section class="panel" id="tickets" data-testid="account-tickets">
                        <h2>{tr(|t| t.account_tickets)}</h2>
                        <ul class="ticket-list">
                            {account.tickets.clone().into_iter().map(|ticket| {
                                let status = ticket.status.clone();
                                view! {
                                    <li>
                                        <a href=format!("/tickets/{}", ticket.code)>{ticket.event_title}</a>
                                        <span class="muted">" · "{format_vietnam_datetime(ticket.starts_at)}" · "
                                            {move || crate::pages::tickets_page::ticket_status(i18n.t(), &status)}</span>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    </section>
                })}
                <section class="panel" id="password">
                    <h2>{tr(|t| t.change_password_title)}</h2>
                    <p class="muted">{tr(|t| t.change_password_lead)}</p>
                    <FormAlert error/>
                    <form class="form" method="post" action="/api/change_password">
                        <Field spec=CURRENT_PASSWORD input=input.clone()/>
                        <Field spec=NEW_PASSWORD input/>
                        <button type="submit" class="button button-primary">{tr(|t| t.change_password_submit)}</button>
                    </form>
                </section>
                <section class="panel panel-wide" id="sessions">
                    <h2>{tr(|t| t.sessions_title)}</h2>
                    <p class="muted">{tr(|t| t.sessions_lead)}</p>
                    <ul class="session-list">
                        {account.sessions.into_iter().map(|session| view! { <SessionRow session/> }).collect_view()}
                    </ul>
                    {(others > 0).then(|| view! {
                        <form method="post" action="/api/revoke_other_sessions">
                            <button type="submit" class="button button-ghost">{tr(|t| t.sessions_revoke_others)}</button>
                        </form>
                    })}
                </section>
            </div>
        </div>
    }
}

#[component]
fn SessionRow(session: SessionInfo) -> impl IntoView {
    let i18n = use_i18n();
    let SessionInfo {
        id,
        device,
        created_at,
        current,
    } = session;
    let device = move || {
        if device.is_empty() {
            i18n.t().unknown_device.to_owned()
        } else {
            device.clone()
        }
    };
    view! {
        <li class="session" data-testid="session">
            <div>
                <strong>{device}</strong>
                {current.then(|| view! { " " <span class="badge badge-accent">{tr(|t| t.session_this_device)}</span> })}
                <p class="muted">{tr(|t| t.session_since)}" "{format_vietnam_datetime(created_at)}</p>
            </div>
            <form method="post" action="/api/revoke_session">
                <input type="hidden" name="id" value=id/>
                <button type="submit" class="button button-ghost button-small">{tr(|t| t.session_revoke)}</button>
            </form>
        </li>
    }
}
