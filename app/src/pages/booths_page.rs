//! Booths at a fair: `/events/{slug}/booth`, where a stall's members apply with the listings
//! they will show; `/events/{slug}/booths`, where moderators accept them with a booth number or
//! decline; `/events/{slug}/techmart`, the online techmart of the exhibitors' listings.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

use super::browse_page::{ListingFilterSelects, use_browse_query};
use super::{Empty, LoadError, PageRoute};
use crate::api::{get_booth_desk, get_booth_form, get_techmart};
use crate::components::cards::{ListingCardView, StallLogo};
use crate::components::form::{FormAlert, field_error_text, invalid_input, use_form_error};
use crate::components::pagination::{Pagination, query_string};
use crate::domain::{BrowseQuery, MAX_QUERY_CHARS};
use crate::error::AppError;
use crate::i18n::{Messages, tr, use_i18n};
use crate::model::{BoothDesk, BoothForm, BoothStall, EventCard, Exhibitor, TechmartPage};
use crate::pages::not_found_page::NotFoundPage;

/// A booth application's status, in words.
pub fn booth_status(t: &Messages, status: &str) -> &'static str {
    match status {
        "applied" => t.booth_status_applied,
        "accepted" => t.booth_status_accepted,
        "declined" => t.booth_status_declined,
        _ => t.booth_status_withdrawn,
    }
}

/// The exhibitors by booth, each with its logo and what it shows.
#[component]
pub fn ExhibitorList(exhibitors: Vec<Exhibitor>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ol class="exhibitors" data-testid="exhibitors">
            {exhibitors.into_iter().map(|e| view! {
                <li class="exhibitor">
                    <span class="exhibitor-booth"><span class="visually-hidden">{tr(|t| t.event_booth)}" "</span>{e.booth_number.clone()}</span>
                    <StallLogo name=e.stall_name.clone() logo_key=e.stall_logo.clone()/>
                    <span class="exhibitor-text">
                        <a href=format!("/stalls/{}", e.stall_slug)>{e.stall_name.clone()}</a>
                        <span class="muted">{move || format!("{} {}", i18n.locale().format_count(e.listings), i18n.t().event_booth_listings)}</span>
                    </span>
                </li>
            }).collect_view()}
        </ol>
    }
}

fn use_slug() -> Memo<String> {
    let params = use_params_map();
    Memo::new(move |_| params.read().get("slug").unwrap_or_default())
}

fn breadcrumb(event: &EventCard) -> impl IntoView + use<> {
    view! {
        <nav class="breadcrumb" aria-label=tr(|t| t.breadcrumb)>
            <a href="/events">{tr(|t| t.nav_events)}</a>
            <span aria-hidden="true">" › "</span>
            <a href=format!("/events/{}", event.slug)>{event.title.clone()}</a>
        </nav>
    }
}

/// `/events/{slug}/booth`.
pub struct BoothFormRoute {
    data: Resource<Result<BoothForm, AppError>>,
}

impl PageRoute for BoothFormRoute {
    fn data() -> Self {
        let slug = use_slug();
        Self {
            data: Resource::new(move || slug.get(), get_booth_form),
        }
    }

    fn view(this: Self) -> AnyView {
        view! {
            <Title text=tr(|t| t.booth_form_title)/>
            <Meta name="robots" content="noindex"/>
            {super::member_view(this.data, "/events", |form| view! { <BoothFormView form/> })}
        }
        .into_any()
    }
}

#[component]
fn BoothFormView(form: BoothForm) -> impl IntoView {
    let done: Option<fn(&Messages) -> &'static str> =
        match use_query_map().read_untracked().get("done").as_deref() {
            Some("applied") => Some(|t| t.done_booth_applied),
            Some("withdrawn") => Some(|t| t.done_booth_withdrawn),
            _ => None,
        };
    let error = use_form_error("/apply_for_booth");
    let open = form.open;
    let event_id = form.event.id;
    view! {
        <div class="container page page-form booth-form-page">
            {breadcrumb(&form.event)}
            <header class="page-header">
                <h1>{tr(|t| t.booth_form_title)}</h1>
                <p class="lead">{tr(|t| t.booth_form_lead)}</p>
            </header>
            {done.map(|message| view! { <p class="notice notice-success" role="status" data-testid="booth-done">{tr(message)}</p> })}
            <FormAlert error=error.clone() banner_fields=&["event"]/>
            {(!open).then(|| view! { <p class="notice" data-testid="booth-closed">{tr(|t| t.booth_closed)}</p> })}
            {if form.stalls.is_empty() {
                view! {
                    <section class="panel">
                        <p>{tr(|t| t.booth_no_stall)}</p>
                        <p><a class="button button-primary" href="/account/stalls/new">{tr(|t| t.booth_open_stall)}</a></p>
                    </section>
                }
                .into_any()
            } else {
                form.stalls.into_iter().map(|stall| view! {
                    <BoothStallForm stall event_id open error=error.clone()/>
                }).collect_view().into_any()
            }}
        </div>
    }
}

#[component]
fn BoothStallForm(
    stall: BoothStall,
    event_id: i64,
    open: bool,
    error: Option<AppError>,
) -> impl IntoView {
    let i18n = use_i18n();
    let input = invalid_input(error.as_ref());
    let field = format!("listings_{}", stall.id);
    // After a refusal, this stall's boxes as they were ticked.
    let mine = input.value_of("stall_id") == Some(stall.id.to_string().as_str());
    let chosen: Vec<i64> = match input.value_of(&field).filter(|_| mine) {
        Some(typed) => typed.split(',').filter_map(|id| id.parse().ok()).collect(),
        None => stall.chosen.clone(),
    };
    let note = if mine {
        input.value_of("note").unwrap_or_default().to_owned()
    } else {
        stall.note.clone()
    };
    let listing_error = input.error_for(&field).filter(|_| mine).map(str::to_owned);
    let note_error = input.error_for("note").filter(|_| mine).map(str::to_owned);
    let status = stall.status.clone();
    let live = matches!(status.as_deref(), Some("applied" | "accepted"));
    let heading = format!("booth-stall-{}", stall.id);
    view! {
        <section class="panel booth-stall" aria-labelledby=heading.clone() data-testid="booth-stall">
            <header class="booth-stall-header">
                <h2 id=heading.clone()>{stall.name.clone()}</h2>
                {status.clone().map(|s| {
                    let number = stall.booth_number.clone();
                    let class = format!("badge badge-booth-{s}");
                    view! {
                        <span class=class data-testid="booth-status" data-status=s.clone()>
                            {let s = s.clone(); move || booth_status(i18n.t(), &s).to_owned()}
                            {number.map(|n| format!(" · {} {n}", i18n.t().event_booth))}
                        </span>
                    }
                })}
            </header>
            {open.then(|| view! {
                <form class="form" method="post" action="/api/apply_for_booth">
                    <input type="hidden" name="event_id" value=event_id/>
                    <input type="hidden" name="stall_id" value=stall.id/>
                    <fieldset class="field booth-listings" class:field-invalid=listing_error.is_some()>
                        <legend>{tr(|t| t.booth_listings_label)}</legend>
                        {stall.listings.is_empty().then(|| view! { <p class="field-hint">{tr(|t| t.booth_no_listings)}</p> })}
                        {stall.listings.iter().map(|l| {
                            let checked = chosen.contains(&l.id);
                            view! {
                                <label class="check">
                                    <input type="checkbox" name="listings[]" value=l.id checked=checked/>
                                    " "{l.title.clone()}
                                </label>
                            }
                        }).collect_view()}
                        {listing_error.clone().map(|code| view! { <p class="field-error" role="alert">{move || field_error_text(i18n.t(), &code)}</p> })}
                    </fieldset>
                    <div class="field" class:field-invalid=note_error.is_some()>
                        <label for=format!("note-{}", stall.id)>{tr(|t| t.booth_note_label)}</label>
                        <textarea id=format!("note-{}", stall.id) name="note" rows="3" maxlength="500">{note}</textarea>
                        {note_error.clone().map(|code| view! { <p class="field-error">{move || field_error_text(i18n.t(), &code)}</p> })}
                    </div>
                    <div class="form-actions">
                        <button type="submit" class="button button-primary" data-testid="booth-apply">
                            {if live { tr(|t| t.booth_update_submit) } else { tr(|t| t.booth_apply_submit) }}
                        </button>
                    </div>
                </form>
            })}
            {(open && live).then(|| view! {
                <form method="post" action="/api/apply_for_booth" class="inline-form">
                    <input type="hidden" name="event_id" value=event_id/>
                    <input type="hidden" name="stall_id" value=stall.id/>
                    <button type="submit" name="withdraw" value="1" class="button button-ghost">{tr(|t| t.booth_withdraw)}</button>
                </form>
            })}
        </section>
    }
}

/// `/events/{slug}/booths`.
pub struct BoothDeskRoute {
    data: Resource<Result<BoothDesk, AppError>>,
}

impl PageRoute for BoothDeskRoute {
    fn data() -> Self {
        let slug = use_slug();
        Self {
            data: Resource::new(move || slug.get(), get_booth_desk),
        }
    }

    fn view(this: Self) -> AnyView {
        view! {
            <Title text=tr(|t| t.event_booth_desk)/>
            <Meta name="robots" content="noindex"/>
            {super::member_view(this.data, "/events", |desk| view! { <BoothDeskView desk/> })}
        }
        .into_any()
    }
}

#[component]
fn BoothDeskView(desk: BoothDesk) -> impl IntoView {
    let i18n = use_i18n();
    let decided = use_query_map().read_untracked().get("done").as_deref() == Some("decided");
    let error = use_form_error("/decide_booth");
    let input = invalid_input(error.as_ref());
    view! {
        <div class="container page booth-desk">
            {breadcrumb(&desk.event)}
            <header class="page-header"><h1>{tr(|t| t.event_booth_desk)}</h1></header>
            {decided.then(|| view! { <p class="notice notice-success" role="status">{tr(|t| t.done_booth_decided)}</p> })}
            {desk.applications.is_empty().then(|| view! { <p class="muted">{tr(|t| t.booth_desk_empty)}</p> })}
            {desk.applications.into_iter().map(|a| {
                let field = format!("booth_number_{}", a.id);
                let typed = input.value_of(&field).map(str::to_owned);
                let fault = input.error_for(&field).map(str::to_owned);
                let number = typed.or(a.booth_number.clone()).unwrap_or_default();
                let status = a.status.clone();
                let class = format!("badge badge-booth-{status}");
                let decidable = matches!(status.as_str(), "applied" | "accepted" | "declined");
                view! {
                    <section class="panel booth-application" id=format!("booth-{}", a.id) data-testid="booth-application">
                        <header class="booth-stall-header">
                            <h2><a href=format!("/stalls/{}", a.stall_slug)>{a.stall_name.clone()}</a></h2>
                            <span class=class data-status=status.clone()>{let s = status.clone(); move || booth_status(i18n.t(), &s)}
                                {a.booth_number.clone().map(|n| format!(" · {n}"))}</span>
                        </header>
                        <ul class="booth-listing-links">
                            {a.listings.into_iter().map(|l| view! { <li><a href=format!("/listings/{}", l.slug)>{l.title}</a></li> }).collect_view()}
                        </ul>
                        {(!a.note.is_empty()).then(|| view! { <blockquote class="booth-note">{a.note.clone()}</blockquote> })}
                        {decidable.then(|| view! {
                            <form method="post" action="/api/decide_booth" class="form booth-decide">
                                <input type="hidden" name="booth_id" value=a.id/>
                                <div class="field" class:field-invalid=fault.is_some()>
                                    <label for=field.clone()>{tr(|t| t.booth_number_label)}</label>
                                    <input id=field.clone() name="booth_number" value=number maxlength="8" autocomplete="off"
                                        aria-invalid=fault.is_some().then_some("true")/>
                                    {fault.clone().map(|code| view! { <p class="field-error">{move || field_error_text(i18n.t(), &code)}</p> })}
                                </div>
                                <div class="form-actions">
                                    <button type="submit" name="decision" value="accept" class="button button-primary">{tr(|t| t.booth_accept)}</button>
                                    <button type="submit" name="decision" value="decline" class="button button-ghost" formnovalidate=true>{tr(|t| t.booth_decline)}</button>
                                </div>
                            </form>
                        })}
                    </section>
                }
            }).collect_view()}
        </div>
    }
}

/// `/events/{slug}/techmart`.
pub struct TechmartRoute {
    query: Memo<BrowseQuery>,
    data: Resource<Result<TechmartPage, AppError>>,
}

impl PageRoute for TechmartRoute {
    fn data() -> Self {
        let slug = use_slug();
        let query = use_browse_query(None);
        Self {
            query,
            data: Resource::new(
                move || (slug.get(), query.get()),
                |(slug, query)| get_techmart(slug, query),
            ),
        }
    }

    fn view(this: Self) -> AnyView {
        let (data, query) = (this.data, this.query);
        view! {
            <Suspense fallback=move || view! { <p class="container page loading">{tr(|t| t.loading)}</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(page) => view! { <TechmartView page query=query.get_untracked()/> }.into_any(),
                        Err(AppError::NotFound) => view! { <NotFoundPage/> }.into_any(),
                        Err(error) => view! { <div class="container page"><LoadError error/></div> }.into_any(),
                    }
                })}
            </Suspense>
        }
        .into_any()
    }
}

#[component]
fn TechmartView(page: TechmartPage, query: BrowseQuery) -> impl IntoView {
    let i18n = use_i18n();
    let e = page.event.clone();
    let path = format!("/events/{}/techmart", e.slug);
    let running = e.starts_at <= page.now && page.now < e.ends_at;
    let over = e.ends_at <= page.now;
    let filtered = !query.pairs().is_empty();
    let base = if filtered {
        format!("{path}?{}", query_string(&query.pairs()))
    } else {
        path.clone()
    };
    let (current, page_count, total) = (
        page.listings.page,
        page.listings.page_count(),
        page.listings.total,
    );
    let terms = page.terms.clone();
    view! {
        <Title text=move || format!("{} · {}", i18n.t().techmart_title, e.title)/>
        <Meta name="description" content=tr(|t| t.techmart_lead)/>
        <div class="container page techmart-page">
            {breadcrumb(&page.event)}
            <header class="page-header">
                <p class="card-eyebrow">
                    {running.then(|| view! { <span class="badge badge-live">{tr(|t| t.techmart_live)}</span> })}
                </p>
                <h1>{tr(|t| t.techmart_title)}</h1>
                <p class="lead">{tr(|t| t.techmart_lead)}</p>
            </header>
            {(!running).then(|| view! {
                <p class="notice" data-testid="techmart-when">{if over { tr(|t| t.techmart_over) } else { tr(|t| t.techmart_preview) }}</p>
            })}
            <div class="listing-layout">
                <div class="listing-main">
                    <form class="filter-form techmart-filter" method="get" action=path.clone() role="search" data-testid="techmart-filter">
                        <div class="field filter-words">
                            <label for="filter-q">{tr(|t| t.filter_q)}</label>
                            <input id="filter-q" type="search" name="q" value=query.q.clone() maxlength=MAX_QUERY_CHARS/>
                        </div>
                        <ListingFilterSelects query=query.clone() with_kind=true/>
                        <div class="filter-actions">
                            <button type="submit" class="button button-primary">{tr(|t| t.filter_submit)}</button>
                            {filtered.then(|| view! { <a class="button button-ghost" href=path.clone()>{tr(|t| t.filter_reset)}</a> })}
                        </div>
                    </form>
                    <h2 class="techmart-listings-title">{tr(|t| t.techmart_listings)}</h2>
                    <p class="results-count" data-testid="results-count">
                        {move || format!("{} {}", i18n.locale().format_count(total), i18n.t().results_count_suffix)}
                    </p>
                    {if page.listings.items.is_empty() {
                        view! { <Empty/> }.into_any()
                    } else {
                        view! {
                            <div class="card-grid card-grid-2" data-testid="techmart-listings">
                                {page.listings.items.into_iter().map(|listing| {
                                    let terms = terms.clone();
                                    view! { <ListingCardView listing terms/> }
                                }).collect_view()}
                            </div>
                            <Pagination base page=current page_count/>
                        }
                        .into_any()
                    }}
                </div>
                <aside class="listing-side">
                    <section class="side-card">
                        <h2 class="side-title">{tr(|t| t.event_exhibitors)}</h2>
                        <ExhibitorList exhibitors=page.exhibitors.clone()/>
                    </section>
                </aside>
            </div>
        </div>
    }
}
