//! `/account/alerts`: the member's saved searches — each with its words and filters, how often
//! they hear of new listings, and edit, pause and delete — and how they hear of new offers that
//! fit their own requests to buy. `/alerts/unsubscribe`: the page an alert mail's link opens.

use super::PageRoute;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::get_alerts;
use crate::components::cards::{listing_type_label, province_name, sector_name};
use crate::components::form::{FormAlert, field_error_text, invalid_input, use_form_error};
use crate::domain::BrowseQuery;
use crate::domain::alerts::{
    FREQUENCIES, MATCH_ALERTS, MAX_SAVED_SEARCHES, NAME_CHARS, parse_query,
};
use crate::domain::format_vietnam_datetime;
use crate::error::AppError;
use crate::i18n::{Locale, MessageFn, Messages, tr, use_i18n};
use crate::model::{AlertsPage, PushSettings, SavedSearch};

/// The member's alerts.
pub struct AlertsRoute {
    data: Resource<Result<AlertsPage, AppError>>,
}

impl PageRoute for AlertsRoute {
    fn data() -> Self {
        Self {
            data: Resource::new(|| (), |()| get_alerts()),
        }
    }

    fn view(this: Self) -> AnyView {
        view! {
            <Title text=tr(|t| t.alerts_title)/>
            {super::member_view(this.data, "/account/alerts", |page| view! { <AlertsView page/> })}
        }
        .into_any()
    }
}

/// Label of a frequency (`instant`, `daily`, `weekly`, `off`).
pub fn frequency_label(t: &Messages, code: &str) -> &'static str {
    match code {
        "instant" => t.alerts_freq_instant,
        "daily" => t.alerts_freq_daily,
        "weekly" => t.alerts_freq_weekly,
        _ => t.alerts_freq_off,
    }
}

/// What a saved search looks for, as chips: its words, then each filter.
fn query_chips(t: &Messages, locale: Locale, query: &BrowseQuery) -> Vec<String> {
    let (filter, _) = query.check();
    let mut chips = Vec::new();
    if !query.q.trim().is_empty() {
        chips.push(format!("“{}”", query.q.trim()));
    }
    if let Some(kind) = filter.kind {
        chips.push(
            if kind == "request" {
                t.kind_request
            } else {
                t.kind_offer
            }
            .to_owned(),
        );
    }
    if let Some(code) = filter.listing_type {
        chips.push(listing_type_label(t, code).to_owned());
    }
    if let Some(code) = filter.sector {
        chips.push(sector_name(locale, code).to_owned());
    }
    if let Some(code) = filter.province {
        chips.push(province_name(locale, code).to_owned());
    }
    if let Some(min) = filter.price_min {
        chips.push(format!("≥ {}", locale.format_vnd(min)));
    }
    if let Some(max) = filter.price_max {
        chips.push(format!("≤ {}", locale.format_vnd(max)));
    }
    if let Some(trl) = filter.trl_min {
        chips.push(format!("TRL ≥ {trl}"));
    }
    chips
}

/// The frequency `<select>` named `name`, `current` chosen.
#[component]
pub fn FrequencySelect(
    name: &'static str,
    id: String,
    choices: &'static [&'static str],
    current: String,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <select id=id name=name>
            {choices.iter().map(|&code| view! {
                <option value=code selected=current == code>{move || frequency_label(i18n.t(), code)}</option>
            }).collect_view()}
        </select>
    }
}

fn done_message(done: &str) -> Option<MessageFn> {
    Some(match done {
        "saved" => |t| t.done_alert_saved,
        "pause" => |t| t.done_alert_paused,
        "resume" => |t| t.done_alert_resumed,
        "delete" => |t| t.done_alert_deleted,
        "match_alerts" => |t| t.done_match_alerts,
        "push_on" => |t| t.done_push_on,
        "push_off" => |t| t.done_push_off,
        _ => return None,
    })
}

#[component]
fn AlertsView(page: AlertsPage) -> impl IntoView {
    let i18n = use_i18n();
    let done = use_query_map()
        .read_untracked()
        .get("done")
        .and_then(|d| done_message(&d));
    let error = use_form_error("/save_search");
    let input = invalid_input(error.as_ref());
    let refused_id: i64 = input
        .value_of("id")
        .and_then(|v| v.parse().ok())
        .unwrap_or(-1);
    let AlertsPage {
        searches,
        match_alerts,
        open_requests,
        push,
    } = page;
    let used = searches.len();
    view! {
        <div class="container page alerts-page">
            <nav class="breadcrumb" aria-label=tr(|t| t.breadcrumb)>
                <a href="/account">{tr(|t| t.nav_account)}</a>
            </nav>
            <header class="page-header">
                <h1>{tr(|t| t.alerts_title)}</h1>
                <p class="lead">{tr(|t| t.alerts_lead)}</p>
            </header>
            {done.map(|message| view! { <p class="notice notice-success" role="status">{tr(message)}</p> })}
            <FormAlert error=use_form_error("/alert_action")/>
            <section class="panel" aria-labelledby="saved-searches">
                <header class="section-head">
                    <h2 id="saved-searches">{tr(|t| t.alerts_saved_heading)}</h2>
                    <span class="muted" data-testid="alerts-used">{format!("{used} / {MAX_SAVED_SEARCHES}")}" "{tr(|t| t.alerts_count_of)}</span>
                </header>
                {if searches.is_empty() {
                    view! {
                        <p class="empty">{tr(|t| t.alerts_empty)}</p>
                        <p><a class="button button-primary" href="/search">{tr(|t| t.alerts_search_link)}</a></p>
                    }.into_any()
                } else {
                    view! {
                        <ul class="alert-list" data-testid="alert-list">
                            {searches.into_iter().map(|search| {
                                let refused = (refused_id == search.id).then(|| input.clone());
                                view! { <SavedSearchRow search refused/> }
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </section>
            <section class="panel" aria-labelledby="match-alerts">
                <h2 id="match-alerts">{tr(|t| t.alerts_matches_heading)}</h2>
                <p class="muted">
                    {tr(|t| t.alerts_matches_lead)}" "
                    <a href="/account/listings" data-testid="open-requests">
                        {move || i18n.locale().format_count(open_requests)}" "{tr(|t| t.alerts_open_requests)}
                    </a>
                </p>
                <form class="alert-edit" method="post" action="/api/set_match_alerts" data-testid="match-alerts">
                    <div class="field">
                        <label for="match-frequency">{tr(|t| t.alerts_frequency)}</label>
                        <FrequencySelect name="frequency" id="match-frequency".to_owned() choices=&MATCH_ALERTS current=match_alerts/>
                    </div>
                    <button type="submit" class="button button-ghost">{tr(|t| t.alerts_save)}</button>
                </form>
            </section>
            <PushSection push/>
        </div>
    }
}

/// Push notifications: the switch for the device the member is looking from, and every device
/// that receives them, each removable (without JavaScript too).
#[component]
fn PushSection(push: PushSettings) -> impl IntoView {
    use crate::islands::push::{PushSwitch, PushWords};

    let PushSettings { vapid_key, devices } = push;
    let known: Vec<String> = devices.iter().map(|d| d.endpoint.clone()).collect();
    let words = PushWords {
        turn_on: tr(|t| t.push_turn_on).to_owned(),
        turn_off: tr(|t| t.push_turn_off).to_owned(),
        on_here: tr(|t| t.push_on_here).to_owned(),
        off_here: tr(|t| t.push_off_here).to_owned(),
        unsupported: tr(|t| t.push_unsupported).to_owned(),
        denied: tr(|t| t.push_denied).to_owned(),
        failed: tr(|t| t.push_failed).to_owned(),
        needs_js: tr(|t| t.push_needs_js).to_owned(),
    };
    view! {
        <section class="panel" id="push" aria-labelledby="push-heading">
            <h2 id="push-heading">{tr(|t| t.push_heading)}</h2>
            <p class="muted">{tr(|t| t.push_lead)}</p>
            <PushSwitch vapid_key known words/>
            <FormAlert error=use_form_error("/push_unsubscribe")/>
            <h3 class="push-devices-heading">{tr(|t| t.push_devices)}</h3>
            {if devices.is_empty() {
                view! { <p class="empty" data-testid="push-no-devices">{tr(|t| t.push_no_devices)}</p> }.into_any()
            } else {
                view! {
                    <ul class="push-devices" data-testid="push-devices">
                        {devices.into_iter().map(|d| view! {
                            <li class="push-device" data-testid="push-device">
                                <div>
                                    <strong>{d.device}</strong>
                                    {d.this_browser.then(|| view! { " " <span class="badge">{tr(|t| t.push_this_device)}</span> })}
                                    <p class="muted">
                                        {tr(|t| t.push_turned_on)}" "{format_vietnam_datetime(d.created_at)}
                                        {d.last_sent_at.map(|at| view! { " · "{tr(|t| t.push_last_sent)}" "{format_vietnam_datetime(at)} })}
                                    </p>
                                </div>
                                <form method="post" action="/api/push_unsubscribe">
                                    <input type="hidden" name="id" value=d.id/>
                                    <button type="submit" class="button button-ghost button-small">{tr(|t| t.push_remove)}</button>
                                </form>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

/// One saved search: what it looks for, a link to its results, its name and frequency to edit
/// (refilled and marked when the change was refused), pause or resume, delete.
#[component]
fn SavedSearchRow(
    search: SavedSearch,
    refused: Option<crate::error::InvalidInput>,
) -> impl IntoView {
    let i18n = use_i18n();
    let SavedSearch {
        id,
        name,
        query,
        frequency,
        paused,
        created_at: _,
        waiting,
    } = search;
    let parsed = parse_query(&query);
    let chips = move || query_chips(i18n.t(), i18n.locale(), &parsed);
    let results = format!("/search?{query}");
    let name_value = refused
        .as_ref()
        .and_then(|input| input.value_of("name").map(str::to_owned))
        .unwrap_or_else(|| name.clone());
    let error = refused
        .as_ref()
        .and_then(|input| input.errors.first().map(|e| e.code.clone()));
    let invalid = error.is_some();
    let (name_id, frequency_id) = (format!("alert-name-{id}"), format!("alert-frequency-{id}"));
    view! {
        <li class="alert-row" class:alert-paused=paused id=format!("alert-{id}") data-testid="alert">
            <div class="alert-head">
                <h3 class="alert-name">{name.clone()}</h3>
                {paused.then(|| view! { <span class="badge badge-muted" data-testid="alert-paused">{tr(|t| t.alerts_paused)}</span> })}
                <a class="alert-results" href=results>{tr(|t| t.alerts_view_results)}" →"</a>
            </div>
            <p class="chip-row">{move || chips().into_iter().map(|chip| view! { <span class="chip">{chip}</span> }).collect_view()}</p>
            {(waiting > 0).then(|| view! {
                <p class="muted" data-testid="alert-waiting">{move || i18n.locale().format_count(waiting)}" "{tr(|t| t.alerts_waiting)}</p>
            })}
            <form class="alert-edit" method="post" action="/api/save_search" class:field-invalid=invalid>
                <input type="hidden" name="id" value=id/>
                <input type="hidden" name="query" value=query.clone()/>
                <div class="field">
                    <label for=name_id.clone()>{tr(|t| t.alerts_name)}</label>
                    <input id=name_id type="text" name="name" value=name_value maxlength=NAME_CHARS/>
                </div>
                <div class="field">
                    <label for=frequency_id.clone()>{tr(|t| t.alerts_frequency)}</label>
                    <FrequencySelect name="frequency" id=frequency_id choices=&FREQUENCIES current=frequency/>
                </div>
                <button type="submit" class="button button-ghost">{tr(|t| t.alerts_save)}</button>
                {error.map(|code| view! { <p class="field-error" role="alert">{move || field_error_text(i18n.t(), &code)}</p> })}
            </form>
            <div class="alert-actions">
                <form method="post" action="/api/alert_action">
                    <input type="hidden" name="id" value=id/>
                    <input type="hidden" name="action" value=if paused { "resume" } else { "pause" }/>
                    <button type="submit" class="button button-ghost button-small" data-testid="alert-pause">
                        {if paused { tr(|t| t.alerts_resume) } else { tr(|t| t.alerts_pause) }}
                    </button>
                </form>
                <form method="post" action="/api/alert_action">
                    <input type="hidden" name="id" value=id/>
                    <input type="hidden" name="action" value="delete"/>
                    <button type="submit" class="button button-ghost button-small button-danger" data-testid="alert-delete">{tr(|t| t.alerts_delete)}</button>
                </form>
            </div>
        </li>
    }
}

/// `/alerts/unsubscribe?token=…`: what an alert mail's unsubscribe link opens. Works logged out;
/// the button stops the mails (the token says whose).
#[component]
pub fn UnsubscribePage() -> impl IntoView {
    let query = use_query_map();
    let (token, done) =
        query.with_untracked(|q| (q.get("token").unwrap_or_default(), q.get("done").is_some()));
    let error = use_form_error("/unsubscribe_alerts");
    view! {
        <Title text=tr(|t| t.unsubscribe_title)/>
        <div class="container page narrow-page">
            <header class="page-header">
                <h1>{tr(|t| t.unsubscribe_title)}</h1>
            </header>
            {if done {
                view! {
                    <p class="notice notice-success" role="status" data-testid="unsubscribed">{tr(|t| t.unsubscribe_done)}</p>
                    <p><a class="button button-ghost" href="/account/alerts">{tr(|t| t.unsubscribe_manage)}</a></p>
                }.into_any()
            } else {
                view! {
                    <FormAlert error banner_fields=&["token"]/>
                    <p class="lead">{tr(|t| t.unsubscribe_lead)}</p>
                    <form method="post" action="/api/unsubscribe_alerts">
                        <input type="hidden" name="token" value=token/>
                        <button type="submit" class="button button-primary" data-testid="unsubscribe">{tr(|t| t.unsubscribe_submit)}</button>
                    </form>
                    <p><a href="/account/alerts">{tr(|t| t.unsubscribe_manage)}</a></p>
                }.into_any()
            }}
        </div>
    }
}
