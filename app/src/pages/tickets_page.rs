//! `/tickets/{code}`: a registration's ticket with its QR code, and cancelling it;
//! `/confirm-ticket?token=…`: where a visitor's confirmation mail leads;
//! `/events/{slug}/check-in`: the door, where editors and moderators check tickets in.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

use super::account_pages::AccountCard;
use super::{LoadError, PageRoute};
use crate::api::{get_check_in, get_ticket};
use crate::components::form::{FormAlert, use_form_error};
use crate::domain::format_vietnam_datetime;
use crate::domain::registration::display_ticket_code;
use crate::error::AppError;
use crate::i18n::{Messages, tr, use_i18n};
use crate::islands::door::{CheckInDoor, DoorWords};
use crate::model::{CheckInDesk, CheckInResult, TicketPage};
use crate::pages::not_found_page::NotFoundPage;

/// `/tickets/{code}[?cancel=secret]`.
pub struct TicketRoute {
    ticket: Resource<Result<TicketPage, AppError>>,
}

impl PageRoute for TicketRoute {
    fn data() -> Self {
        let params = use_params_map();
        let query = use_query_map();
        let key = Memo::new(move |_| {
            (
                params.read().get("code").unwrap_or_default(),
                query.read().get("cancel"),
            )
        });
        Self {
            ticket: Resource::new(move || key.get(), |(code, cancel)| get_ticket(code, cancel)),
        }
    }

    fn view(this: Self) -> AnyView {
        let ticket = this.ticket;
        view! {
            <Suspense fallback=move || view! { <p class="container page loading">{tr(|t| t.loading)}</p> }>
                {move || Suspend::new(async move {
                    match ticket.await {
                        Ok(ticket) => view! { <TicketView ticket/> }.into_any(),
                        Err(AppError::NotFound) => view! { <NotFoundPage/> }.into_any(),
                        Err(error) => view! { <div class="container page"><LoadError error/></div> }.into_any(),
                    }
                })}
            </Suspense>
        }
        .into_any()
    }
}

/// A registration's status, in words.
pub fn ticket_status(t: &Messages, status: &str) -> &'static str {
    match status {
        "confirmed" => t.ticket_status_confirmed,
        "waiting" => t.ticket_status_waiting,
        "unconfirmed" => t.ticket_status_unconfirmed,
        _ => t.ticket_status_cancelled,
    }
}

#[component]
fn TicketView(ticket: TicketPage) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map().read_untracked().clone();
    let done: Option<fn(&Messages) -> &'static str> = match query.get("done").as_deref() {
        Some("confirmed") => Some(|t| t.done_ticket_confirmed),
        Some("waiting") => Some(|t| t.done_ticket_waiting),
        Some("cancelled") => Some(|t| t.done_ticket_cancelled),
        _ => None,
    };
    let cancel_token = query.get("cancel").unwrap_or_default();
    let error = use_form_error("/cancel_ticket");
    let e = ticket.event.clone();
    let printed = display_ticket_code(&ticket.code);
    let status = ticket.status.clone();
    let live = status != "cancelled" && e.ends_at > ticket.now;
    let status_class = format!("badge badge-ticket-{status}");
    view! {
        <Title text=move || format!("{} · {}", i18n.t().ticket_title, e.title)/>
        <Meta name="robots" content="noindex"/>
        <Meta name="description" content=tr(|t| t.ticket_description)/>
        <div class="container page page-narrow ticket-page">
            {done.map(|message| view! { <p class="notice notice-success" role="status" data-testid="ticket-done">{tr(message)}</p> })}
            <FormAlert error banner_fields=&["token"]/>
            <article class="ticket panel" data-testid="ticket">
                <header class="ticket-header">
                    <p class="card-eyebrow">{tr(|t| t.ticket_title)}</p>
                    <h1 class="ticket-event"><a href=format!("/events/{}", ticket.event.slug)>{ticket.event.title.clone()}</a></h1>
                    <p class="ticket-when">
                        <time datetime=crate::domain::vietnam_rfc3339(ticket.event.starts_at)>{format_vietnam_datetime(ticket.event.starts_at)}</time>
                        {ticket.event.venue.clone().map(|v| format!(" · {v}"))}
                    </p>
                    {ticket.address.clone().map(|a| view! { <p class="event-address">{a}</p> })}
                </header>
                {ticket.qr_svg.clone().filter(|_| live).map(|svg| view! {
                    <figure class="ticket-qr" data-testid="ticket-qr">
                        <div role="img" aria-label=tr(|t| t.ticket_qr_label) inner_html=svg></div>
                        <figcaption>{tr(|t| t.ticket_show_qr)}</figcaption>
                    </figure>
                })}
                <dl class="facts ticket-facts">
                    <div><dt>{tr(|t| t.ticket_code)}</dt><dd><code class="ticket-code" data-testid="ticket-code">{printed}</code></dd></div>
                    <div><dt>{tr(|t| t.ticket_holder)}</dt><dd>{ticket.name.clone()}
                        {(!ticket.organisation.is_empty()).then(|| view! { <br/><span>{ticket.organisation.clone()}</span> })}</dd></div>
                    <div><dt>{tr(|t| t.ticket_status)}</dt><dd><span class=status_class data-testid="ticket-status" data-status=status.clone()>
                        {let s = status.clone(); move || ticket_status(i18n.t(), &s)}</span></dd></div>
                    {ticket.waiting_position.map(|n| view! {
                        <div><dt>{tr(|t| t.ticket_waiting_position)}</dt><dd data-testid="ticket-waiting-position">{n}</dd></div>
                    })}
                    {ticket.checked_in_at.map(|at| view! {
                        <div><dt>{tr(|t| t.ticket_checked_in)}</dt><dd data-testid="ticket-checked-in">{format_vietnam_datetime(at)}</dd></div>
                    })}
                </dl>
                {(status == "unconfirmed").then(|| view! { <p class="field-hint">{tr(|t| t.ticket_unconfirmed_lead)}</p> })}
            </article>
            {(ticket.may_cancel && live && ticket.checked_in_at.is_none()).then(|| view! {
                <section class="panel ticket-cancel">
                    <p>{tr(|t| t.ticket_cancel_lead)}</p>
                    <form method="post" action="/api/cancel_ticket" class="inline-form">
                        <input type="hidden" name="code" value=ticket.code.clone()/>
                        {(!cancel_token.is_empty()).then(|| view! { <input type="hidden" name="token" value=cancel_token.clone()/> })}
                        <button type="submit" class="button button-danger" data-testid="ticket-cancel">{tr(|t| t.ticket_cancel)}</button>
                    </form>
                </section>
            })}
        </div>
    }
}

/// `/confirm-ticket?token=…`: the page a visitor's confirmation mail links to. Opening it
/// changes nothing (a mail scanner may open links); its button confirms.
#[component]
pub fn ConfirmTicketPage() -> impl IntoView {
    let token = use_query_map()
        .read_untracked()
        .get("token")
        .unwrap_or_default();
    let error = use_form_error("/confirm_ticket");
    let spent = error.is_some() || token.is_empty();
    view! {
        <Meta name="robots" content="noindex"/>
        <AccountCard title=|t| t.confirm_ticket_title lead=|t| t.confirm_ticket_lead>
            <FormAlert error banner_fields=&["token"]/>
            {if spent {
                view! { <p class="form-switch"><a class="button button-primary" href="/events">{tr(|t| t.nav_events)}</a></p> }.into_any()
            } else {
                view! {
                    <form class="form" method="post" action="/api/confirm_ticket">
                        <input type="hidden" name="token" value=token/>
                        <button type="submit" class="button button-primary button-large button-block" data-testid="confirm-ticket">
                            {tr(|t| t.confirm_ticket_submit)}
                        </button>
                    </form>
                }
                .into_any()
            }}
        </AccountCard>
    }
}

/// `/events/{slug}/check-in`.
pub struct CheckInRoute {
    desk: Resource<Result<CheckInDesk, AppError>>,
}

impl PageRoute for CheckInRoute {
    fn data() -> Self {
        let params = use_params_map();
        let slug = Memo::new(move |_| params.read().get("slug").unwrap_or_default());
        Self {
            desk: Resource::new(move || slug.get(), get_check_in),
        }
    }

    fn view(this: Self) -> AnyView {
        view! {
            <Title text=tr(|t| t.checkin_title)/>
            <Meta name="robots" content="noindex"/>
            {super::member_view(this.desk, "/events", |desk| view! { <CheckInView desk/> })}
        }
        .into_any()
    }
}

#[component]
fn CheckInView(desk: CheckInDesk) -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t();
    let words = DoorWords {
        code: t.ticket_code.into(),
        submit: t.checkin_submit.into(),
        counts: t.checkin_counts.into(),
        done: t.checkin_done.into(),
        already: t.checkin_already.into(),
        other_event: t.checkin_other_event.into(),
        no_seat: t.checkin_no_seat.into(),
        unknown: t.checkin_unknown.into(),
        invalid: t.checkin_invalid.into(),
        scan: t.checkin_scan.into(),
        stop: t.checkin_stop.into(),
        no_camera: t.checkin_no_camera.into(),
        queued: t.checkin_queued.into(),
        sent: t.checkin_sent.into(),
    };
    // A plain form's answer comes back in the address.
    let query = use_query_map().read_untracked().clone();
    let last = query.get("outcome").map(|outcome| CheckInResult {
        outcome,
        code: query.get("code").unwrap_or_default(),
        name: query.get("name").unwrap_or_default(),
        organisation: String::new(),
        at: None,
        checked_in: desk.checked_in,
        confirmed: desk.confirmed,
    });
    let e = desk.event;
    view! {
        <div class="container page page-narrow check-in-page">
            <nav class="breadcrumb" aria-label=tr(|t| t.breadcrumb)>
                <a href="/events">{tr(|t| t.nav_events)}</a>
                <span aria-hidden="true">" › "</span>
                <a href=format!("/events/{}", e.slug)>{e.title.clone()}</a>
            </nav>
            <header class="page-header">
                <h1>{tr(|t| t.checkin_title)}</h1>
                <p class="lead">{tr(|t| t.checkin_lead)}</p>
            </header>
            <section class="panel">
                <CheckInDoor event_id=e.id confirmed=desk.confirmed checked_in=desk.checked_in words last/>
            </section>
        </div>
    }
}
