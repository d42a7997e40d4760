//! `/events`: technology fairs, exhibitions, connection sessions, startup events and training
//! courses — upcoming first, then past — by kind and province, or as a month calendar
//! (`?view=calendar&month=YYYY-MM`); `/events/{slug}`: one event with its programme, venue,
//! figures and the news about it, downloadable as `.ics`. `/editor/events…`: the desk where
//! moderators and editors announce them.

use leptos::prelude::*;
use leptos_meta::{Link, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

use super::booths_page::ExhibitorList;
use super::news_page::ArticleCardView;
use super::{Empty, LoadError, PageRoute, use_id_param, use_page_param};
use crate::api::{get_event, get_event_desk, get_event_editor, get_event_month, get_events};
use crate::components::form::{
    Field, FieldSpec, FormAlert, TextAreaField, field_error_text, invalid_input, use_form_error,
};
use crate::components::pagination::{Pagination, encode_component};
use crate::domain::Email;
use crate::domain::event::{EventKind, limits};
use crate::domain::registration::limits as reg_limits;
use crate::domain::{
    PROVINCES, Province, format_vietnam_date, format_vietnam_datetime, iso_date, vietnam_day,
    vietnam_rfc3339,
};
use crate::error::{AppError, InvalidInput};
use crate::i18n::{Locale, Messages, tr, use_i18n};
use crate::model::{
    EventCard, EventDesk, EventEditor, EventMonth, EventPage, EventsPage, ListingImage,
};
use crate::pages::not_found_page::NotFoundPage;
use crate::seo::PageMeta;

/// A kind's name.
pub fn kind_label(t: &Messages, kind: &str) -> &'static str {
    match EventKind::parse(kind) {
        Some(EventKind::Techmart) => t.event_kind_techmart,
        Some(EventKind::Exhibition) => t.event_kind_exhibition,
        Some(EventKind::Connection) => t.event_kind_connection,
        Some(EventKind::Startup) => t.event_kind_startup,
        Some(EventKind::Training) => t.event_kind_training,
        None => "",
    }
}

fn province_name(code: Option<&str>, locale: Locale) -> Option<&'static str> {
    code.and_then(|c| Province::parse(c).ok())
        .map(|p| p.name(locale))
}

/// "10/03/2030 08:00 – 12/03/2030 17:00", or "10/03/2030 08:00 – 17:00" within a day.
fn when(starts_at: i64, ends_at: i64) -> String {
    let (start, end) = (
        format_vietnam_datetime(starts_at),
        format_vietnam_datetime(ends_at),
    );
    match (start.split_once(' '), end.split_once(' ')) {
        (Some((day, _)), Some((end_day, end_time))) if day == end_day => {
            format!("{start} – {end_time}")
        }
        _ => format!("{start} – {end}"),
    }
}

/// An event in a list: kind, title, when and where.
#[component]
pub fn EventCardView(event: EventCard, #[prop(default = 0)] now: i64) -> impl IntoView {
    let i18n = use_i18n();
    let kind = event.kind.clone();
    let tag_class = format!("tag tag-event-{kind}");
    let place = province_name(event.province_code.as_deref(), i18n.locale());
    let running = now > 0 && event.starts_at <= now && now < event.ends_at;
    let cancelled = event.status == "cancelled";
    view! {
        <article class="card event-card" class:event-cancelled=cancelled>
            {event.cover_thumb.as_deref().map(|key| view! {
                <img class="card-thumb" src=ListingImage::media_url(key) alt="" loading="lazy" decoding="async" width="480" height="360"/>
            })}
            <p class="card-eyebrow">
                <span class=tag_class>{move || kind_label(i18n.t(), &kind)}</span>
                {running.then(|| view! { " "<span class="badge badge-live">{tr(|t| t.event_running)}</span> })}
                {cancelled.then(|| view! { " "<span class="badge badge-cancelled">{tr(|t| t.event_status_cancelled)}</span> })}
            </p>
            <h3 class="card-title"><a class="card-link" href=format!("/events/{}", event.slug)>{event.title.clone()}</a></h3>
            <p class="event-when"><time datetime=vietnam_rfc3339(event.starts_at)>{when(event.starts_at, event.ends_at)}</time></p>
            <p class="card-meta">
                {match (event.venue.clone(), place) {
                    (Some(venue), Some(place)) => format!("{venue} · {place}"),
                    (Some(venue), None) => venue,
                    (None, _) => i18n.t().event_online.to_owned(),
                }}
            </p>
        </article>
    }
}

/// The list's filters as in the URL.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct EventsQuery {
    kind: Option<String>,
    province: Option<String>,
    page: u32,
    calendar: bool,
    month: Option<String>,
}

impl EventsQuery {
    /// The list's address with its filters, without a page.
    fn base(&self) -> String {
        let pairs: Vec<String> = [("kind", &self.kind), ("province", &self.province)]
            .into_iter()
            .filter_map(|(name, value)| {
                value
                    .as_ref()
                    .map(|v| format!("{name}={}", encode_component(v)))
            })
            .collect();
        if pairs.is_empty() {
            "/events".to_owned()
        } else {
            format!("/events?{}", pairs.join("&"))
        }
    }
}

/// `/events`.
pub struct EventsRoute {
    query: Memo<EventsQuery>,
    list: Resource<Result<EventsPage, AppError>>,
    month: Resource<Result<Option<EventMonth>, AppError>>,
}

impl PageRoute for EventsRoute {
    fn data() -> Self {
        let map = use_query_map();
        let query = Memo::new(move |_| {
            let map = map.read();
            EventsQuery {
                kind: map.get("kind").filter(|k| !k.is_empty()),
                province: map.get("province").filter(|p| !p.is_empty()),
                page: map.get("page").and_then(|p| p.parse().ok()).unwrap_or(1),
                calendar: map.get("view").as_deref() == Some("calendar"),
                month: map.get("month").filter(|m| !m.is_empty()),
            }
        });
        let list = Resource::new(
            move || query.get(),
            |q| get_events(q.kind, q.province, Some(q.page)),
        );
        let month = Resource::new(
            move || query.get(),
            |q| async move {
                if q.calendar {
                    get_event_month(q.month).await.map(Some)
                } else {
                    Ok(None)
                }
            },
        );
        Self { query, list, month }
    }

    fn view(this: Self) -> AnyView {
        let (query, list, month) = (this.query, this.list, this.month);
        view! {
            <Suspense fallback=move || view! { <p class="container page loading">{tr(|t| t.loading)}</p> }>
                {move || Suspend::new(async move {
                    let query = query.get_untracked();
                    if query.calendar {
                        return match month.await {
                            Ok(Some(month)) => view! { <CalendarView month/> }.into_any(),
                            Ok(None) => view! { <NotFoundPage/> }.into_any(),
                            Err(AppError::BadRequest(_)) => view! { <NotFoundPage/> }.into_any(),
                            Err(error) => view! { <div class="container page"><LoadError error/></div> }.into_any(),
                        };
                    }
                    match list.await {
                        Ok(events) => view! { <EventsList query events/> }.into_any(),
                        Err(error) => view! { <div class="container page"><LoadError error/></div> }.into_any(),
                    }
                })}
            </Suspense>
        }
        .into_any()
    }
}

/// The header every view of `/events` shares: title, views, feed.
#[component]
fn EventsHeader(calendar: bool) -> impl IntoView {
    view! {
        <Link rel="alternate" type_="text/calendar" href="/events.ics"/>
        <header class="page-header page-header-actions">
            <div>
                <h1>{tr(|t| t.events_title)}</h1>
                <p class="lead">{tr(|t| t.events_lead)}</p>
            </div>
            <p class="feed-links">
                <a class="button button-ghost button-small" href="/events" aria-current=(!calendar).then_some("page")>{tr(|t| t.events_list_view)}</a>
                <a class="button button-ghost button-small" href="/events?view=calendar" aria-current=calendar.then_some("page") data-testid="events-calendar-link">{tr(|t| t.events_calendar)}</a>
                <a class="button button-ghost button-small" href="/events.ics" data-testid="events-ics">{tr(|t| t.events_ics_feed)}</a>
            </p>
        </header>
    }
}

#[component]
fn EventsList(query: EventsQuery, events: EventsPage) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.locale();
    let base = query.base();
    let path = base.clone();
    let (page, page_count) = (events.past.page, events.past.page_count());
    let kind_link = {
        let province = query.province.clone();
        move |kind: Option<&str>| {
            let q = EventsQuery {
                kind: kind.map(str::to_owned),
                province: province.clone(),
                ..EventsQuery::default()
            };
            q.base()
        }
    };
    let now = events.now;
    view! {
        <PageMeta title=i18n.t().events_title description=i18n.t().events_lead path/>
        <div class="container page events-page">
            <EventsHeader calendar=false/>
            <nav class="chip-nav" aria-label=tr(|t| t.event_field_kind)>
                <a class="chip" href=kind_link(None) aria-current=query.kind.is_none().then_some("page")>{tr(|t| t.events_all_kinds)}</a>
                {EventKind::ALL.into_iter().map(|kind| {
                    let active = query.kind.as_deref() == Some(kind.code());
                    view! {
                        <a class="chip" href=kind_link(Some(kind.code())) aria-current=active.then_some("page")>
                            {move || kind_label(i18n.t(), kind.code())}
                        </a>
                    }
                }).collect_view()}
            </nav>
            <form class="events-filter" action="/events" method="get">
                {query.kind.clone().map(|k| view! { <input type="hidden" name="kind" value=k/> })}
                <label for="events-province">{tr(|t| t.event_field_province)}</label>
                <select id="events-province" name="province">
                    <option value="" selected=query.province.is_none()>{tr(|t| t.events_all_provinces)}</option>
                    {PROVINCES.iter().map(|p| view! {
                        <option value=p.code selected=query.province.as_deref() == Some(p.code)>
                            {match locale { Locale::Vi => p.name_vi, Locale::En => p.name_en }}
                        </option>
                    }).collect_view()}
                </select>
                <button type="submit" class="button button-ghost button-small">{tr(|t| t.events_filter_button)}</button>
            </form>
            <section class="home-section" aria-labelledby="upcoming-title" data-testid="events-upcoming">
                <h2 id="upcoming-title">{tr(|t| t.events_upcoming)}</h2>
                {if events.upcoming.is_empty() {
                    view! { <p class="empty">{tr(|t| t.events_none_upcoming)}</p> }.into_any()
                } else {
                    view! {
                        <div class="card-grid event-grid">
                            {events.upcoming.into_iter().map(|event| view! { <EventCardView event now/> }).collect_view()}
                        </div>
                    }
                    .into_any()
                }}
            </section>
            <section class="home-section" aria-labelledby="past-title" data-testid="events-past">
                <h2 id="past-title">{tr(|t| t.events_past)}</h2>
                {if events.past.items.is_empty() {
                    view! { <Empty/> }.into_any()
                } else {
                    view! {
                        <div class="card-grid event-grid">
                            {events.past.items.into_iter().map(|event| view! { <EventCardView event/> }).collect_view()}
                        </div>
                        <Pagination base page page_count/>
                    }
                    .into_any()
                }}
            </section>
        </div>
    }
}

/// Days in `month` of `year`.
fn days_in(year: i32, month: u32) -> i64 {
    use crate::domain::time::days_from_civil;
    let (ny, nm) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    days_from_civil(i64::from(ny), nm, 1) - days_from_civil(i64::from(year), month, 1)
}

#[component]
fn CalendarView(month: EventMonth) -> impl IntoView {
    use crate::domain::time::days_from_civil;
    let i18n = use_i18n();
    let (year, m) = (month.year, month.month);
    let first = days_from_civil(i64::from(year), m, 1);
    // 1970-01-01 was a Thursday: Monday is weekday 0.
    let lead = (first + 3).rem_euclid(7);
    let count = days_in(year, m);
    let today = vietnam_day(month.now);
    let (py, pm) = if m == 1 {
        (year - 1, 12)
    } else {
        (year, m - 1)
    };
    let (ny, nm) = if m == 12 {
        (year + 1, 1)
    } else {
        (year, m + 1)
    };
    let cells: Vec<Option<i64>> = (0..lead)
        .map(|_| None)
        .chain((0..count).map(|d| Some(first + d)))
        .collect();
    let weeks: Vec<Vec<Option<i64>>> = cells
        .chunks(7)
        .map(|w| {
            let mut w = w.to_vec();
            w.resize(7, None);
            w
        })
        .collect();
    let events = month.events;
    let title = format!("{} {m:02}/{year}", i18n.t().events_month);
    let path = format!("/events?view=calendar&month={year}-{m:02}");
    view! {
        <PageMeta title=format!("{} — {title}", i18n.t().events_title) description=i18n.t().events_lead path/>
        <div class="container page events-page">
            <EventsHeader calendar=true/>
            <nav class="calendar-nav" aria-label=tr(|t| t.events_calendar)>
                <a class="button button-ghost button-small" rel="prev" href=format!("/events?view=calendar&month={py}-{pm:02}")>"← "{tr(|t| t.events_previous_month)}</a>
                <h2 data-testid="calendar-month">{title.clone()}</h2>
                <a class="button button-ghost button-small" rel="next" href=format!("/events?view=calendar&month={ny}-{nm:02}")>{tr(|t| t.events_next_month)}" →"</a>
            </nav>
            <div class="table-wrap">
                <table class="calendar" data-testid="event-calendar">
                    <caption class="visually-hidden">{title}</caption>
                    <thead>
                        <tr>{i18n.t().events_weekdays.split(' ').map(|d| view! { <th scope="col">{d}</th> }).collect_view()}</tr>
                    </thead>
                    <tbody>
                        {weeks.into_iter().map(|week| view! {
                            <tr>
                                {week.into_iter().map(|day| match day {
                                    None => view! { <td class="calendar-blank"></td> }.into_any(),
                                    Some(day) => {
                                        let start = day * 86_400_000 - crate::domain::time::VIETNAM_OFFSET_MS;
                                        let end = start + 86_400_000;
                                        let todays: Vec<EventCard> = events.iter()
                                            .filter(|e| e.starts_at < end && e.ends_at > start)
                                            .cloned()
                                            .collect();
                                        let busy = !todays.is_empty();
                                        let date = iso_date(day);
                                        let number = date[8..].trim_start_matches('0').to_owned();
                                        view! {
                                            <td class:calendar-today=day == today class:calendar-busy=busy>
                                                <time class="calendar-day" datetime=date>{number}</time>
                                                {busy.then(|| view! {
                                                    <ul>
                                                        {todays.into_iter().map(|e| {
                                                            let kind = e.kind.clone();
                                                            view! {
                                                                <li class=format!("calendar-event tag-event-{kind}")>
                                                                    <a href=format!("/events/{}", e.slug)>{e.title}</a>
                                                                </li>
                                                            }
                                                        }).collect_view()}
                                                    </ul>
                                                })}
                                            </td>
                                        }
                                        .into_any()
                                    }
                                }).collect_view()}
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </div>
    }
}

/// `/events/{slug}`.
pub struct EventRoute {
    event: Resource<Result<EventPage, AppError>>,
}

impl PageRoute for EventRoute {
    fn data() -> Self {
        let params = use_params_map();
        let slug = Memo::new(move |_| params.read().get("slug").unwrap_or_default());
        Self {
            event: Resource::new(move || slug.get(), get_event),
        }
    }

    fn view(this: Self) -> AnyView {
        let event = this.event;
        view! {
            <Suspense fallback=move || view! { <p class="container page loading">{tr(|t| t.loading)}</p> }>
                {move || Suspend::new(async move {
                    match event.await {
                        Ok(page) => view! { <EventPageView page/> }.into_any(),
                        Err(AppError::NotFound) => view! { <NotFoundPage/> }.into_any(),
                        Err(error) => view! { <div class="container page"><LoadError error/></div> }.into_any(),
                    }
                })}
            </Suspense>
        }
        .into_any()
    }
}

/// The JSON-LD `Event` of an event, safe inside a `<script>` element.
fn event_json(page: &EventPage, origin: &str) -> String {
    let e = &page.event;
    let status = match (e.status.as_str(), e.ends_at <= page.now) {
        ("cancelled", _) => "https://schema.org/EventCancelled",
        _ => "https://schema.org/EventScheduled",
    };
    let mode = match (&e.venue, &e.online_url) {
        (Some(_), Some(_)) => "https://schema.org/MixedEventAttendanceMode",
        (None, Some(_)) => "https://schema.org/OnlineEventAttendanceMode",
        _ => "https://schema.org/OfflineEventAttendanceMode",
    };
    let mut json = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "Event",
        "name": e.title,
        "description": e.summary,
        "startDate": vietnam_rfc3339(e.starts_at),
        "endDate": vietnam_rfc3339(e.ends_at),
        "eventStatus": status,
        "eventAttendanceMode": mode,
        "organizer": { "@type": "Organization", "name": e.organiser },
        "url": format!("{origin}/events/{}", e.slug),
    });
    if let Some(venue) = &e.venue {
        json["location"] = serde_json::json!({
            "@type": "Place",
            "name": venue,
            "address": e.address.clone().unwrap_or_default(),
        });
    }
    json.to_string().replace('<', "\\u003c")
}

#[component]
fn EventPageView(page: EventPage) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.locale();
    let origin = crate::seo::site_origin();
    let json_ld = event_json(&page, &origin);
    let e = page.event.clone();
    let path = format!("/events/{}", e.slug);
    let kind = e.kind.clone();
    let ended = e.ends_at <= page.now;
    let running = e.starts_at <= page.now && !ended;
    let cancelled = e.status == "cancelled";
    let place = province_name(e.province_code.as_deref(), locale);
    let programme = page.programme.clone();
    let articles = page.articles.clone();
    let first_day = vietnam_day(e.starts_at);
    let several_days = vietnam_day(e.ends_at - 1) != first_day;
    view! {
        <PageMeta title=e.title.clone() description=e.summary.clone() path kind="event"/>
        <script type="application/ld+json" inner_html=json_ld></script>
        <div class="container page event-page">
            <nav class="breadcrumb" aria-label=tr(|t| t.breadcrumb)>
                <a href="/">{tr(|t| t.nav_home)}</a>
                <span aria-hidden="true">" › "</span>
                <a href="/events">{tr(|t| t.nav_events)}</a>
                <span aria-hidden="true">" › "</span>
                <a href=format!("/events?kind={kind}")>{let k = kind.clone(); move || kind_label(i18n.t(), &k)}</a>
            </nav>
            {cancelled.then(|| view! { <p class="notice notice-error" role="status" data-testid="event-cancelled">{tr(|t| t.event_cancelled)}</p> })}
            {(ended && !cancelled).then(|| view! { <p class="notice" role="status" data-testid="event-ended">{tr(|t| t.event_ended)}</p> })}
            <div class="article-layout">
                <article class="article-main">
                    <p class="card-eyebrow">
                        <span class=format!("tag tag-event-{kind}")>{let k = kind.clone(); move || kind_label(i18n.t(), &k)}</span>
                        {running.then(|| view! { " "<span class="badge badge-live">{tr(|t| t.event_running)}</span> })}
                    </p>
                    <h1 class="article-title">{e.title.clone()}</h1>
                    <p class="lead article-summary">{e.summary.clone()}</p>
                    {e.cover_key.as_deref().map(|key| view! {
                        <img class="article-cover" src=ListingImage::media_url(key) alt="" width="1200" height="675" decoding="async"/>
                    })}
                    <div class="prose article-body" inner_html=e.description_html.clone()></div>
                    {(!programme.is_empty()).then(|| view! {
                        <section class="event-programme" aria-labelledby="programme-title" data-testid="event-programme">
                            <h2 id="programme-title">{tr(|t| t.event_programme)}</h2>
                            <ol class="programme">
                                {programme.into_iter().map(|item| {
                                    let at = format_vietnam_datetime(item.starts_at);
                                    let shown = if several_days { at } else { at.split_once(' ').map_or(at.clone(), |(_, time)| time.to_owned()) };
                                    view! {
                                        <li>
                                            <time datetime=vietnam_rfc3339(item.starts_at)>{shown}</time>
                                            <span class="programme-title">{item.title}</span>
                                            {item.speaker.map(|s| view! { <span class="programme-speaker">{s}</span> })}
                                        </li>
                                    }
                                }).collect_view()}
                            </ol>
                        </section>
                    })}
                </article>
                <aside class="article-side">
                    <section class="panel event-facts" data-testid="event-facts">
                        <dl class="facts">
                            <div><dt>{tr(|t| t.event_when)}</dt><dd><time datetime=vietnam_rfc3339(e.starts_at)>{when(e.starts_at, e.ends_at)}</time></dd></div>
                            {e.venue.clone().map(|venue| view! {
                                <div><dt>{tr(|t| t.event_where)}</dt><dd>
                                    {venue}
                                    {e.address.clone().map(|a| view! { <br/><span class="event-address">{a}</span> })}
                                    {place.map(|p| view! { <br/><span>{p}</span> })}
                                </dd></div>
                            })}
                            {e.online_url.clone().map(|url| view! {
                                <div><dt>{tr(|t| t.event_online)}</dt><dd><a href=url rel="nofollow noopener" target="_blank">{tr(|t| t.event_join_online)}</a></dd></div>
                            })}
                            <div><dt>{tr(|t| t.event_organiser)}</dt><dd>{e.organiser.clone()}</dd></div>
                            {e.capacity.map(|capacity| view! {
                                <div><dt>{tr(|t| t.event_capacity)}</dt><dd>{move || i18n.locale().format_count(capacity)}</dd></div>
                            })}
                            {(!ended).then(|| {
                                let registered = page.registered;
                                view! { <div><dt>{tr(|t| t.event_registered)}</dt><dd data-testid="event-registered">{move || i18n.locale().format_count(registered)}</dd></div> }
                            })}
                            {e.registration_deadline.filter(|_| !ended).map(|at| view! {
                                <div><dt>{tr(|t| t.event_deadline)}</dt><dd>{format_vietnam_datetime(at)}</dd></div>
                            })}
                            {page.attendance.filter(|_| ended).map(|n| view! {
                                <div><dt>{tr(|t| t.event_attendance)}</dt><dd data-testid="event-attendance">{move || i18n.locale().format_count(n)}</dd></div>
                            })}
                        </dl>
                        {(e.booths_open == 1 && !ended).then(|| view! { <p class="field-hint">{tr(|t| t.event_booths_open)}</p> })}
                        <p><a class="button button-ghost button-small" href=format!("/events/{}/calendar.ics", e.slug) data-testid="event-ics">{tr(|t| t.event_download_ics)}</a></p>
                        {(page.stall_member && e.starts_at > page.now && !cancelled).then(|| view! {
                            <p><a class="button button-primary button-small" href=format!("/events/{}/booth", e.slug) data-testid="event-apply-booth">{tr(|t| t.event_apply_booth)}</a></p>
                        })}
                        {(page.moderator && e.booths_open == 1).then(|| view! {
                            <p><a class="button button-ghost button-small" href=format!("/events/{}/booths", e.slug) data-testid="event-booth-desk">{tr(|t| t.event_booth_desk)}</a></p>
                        })}
                        {(page.door && !cancelled).then(|| view! {
                            <p><a class="button button-ghost button-small" href=format!("/events/{}/check-in", e.slug) data-testid="event-check-in">{tr(|t| t.event_open_check_in)}</a></p>
                        })}
                    </section>
                    {(!ended && !cancelled).then(|| view! { <RegistrationPanel page=page.clone()/> })}
                </aside>
            </div>
            {(!page.exhibitors.is_empty()).then(|| {
                let techmart = format!("/events/{}/techmart", e.slug);
                let count = page.exhibitors.len();
                view! {
                    <section class="home-section event-exhibitors" aria-labelledby="exhibitors-title">
                        <div class="section-header">
                            <h2 id="exhibitors-title">{tr(|t| t.event_exhibitors)}" ("{count}")"</h2>
                            {if running {
                                view! { <a class="button button-primary" href=techmart data-testid="event-techmart">{tr(|t| t.techmart_open_cta)}</a> }.into_any()
                            } else {
                                view! { <a class="button button-ghost" href=techmart data-testid="event-techmart">{tr(|t| t.techmart_preview_cta)}</a> }.into_any()
                            }}
                        </div>
                        <ExhibitorList exhibitors=page.exhibitors.clone()/>
                    </section>
                }
            })}
            {(!articles.is_empty()).then(|| view! {
                <section class="home-section" data-testid="event-articles">
                    <h2>{tr(|t| t.event_articles)}</h2>
                    <div class="card-grid news-grid">
                        {articles.into_iter().map(|article| view! { <ArticleCardView article category=String::new()/> }).collect_view()}
                    </div>
                </section>
            })}
        </div>
    }
}

const REG_NAME: FieldSpec = FieldSpec::text(
    "name",
    |t| t.reg_field_name,
    reg_limits::NAME.0,
    reg_limits::NAME.1,
)
.autocomplete("name");
const REG_ORGANISATION: FieldSpec = FieldSpec::text(
    "organisation",
    |t| t.reg_field_organisation,
    reg_limits::ORGANISATION.0,
    reg_limits::ORGANISATION.1,
)
.autocomplete("organization");
const REG_PHONE: FieldSpec = FieldSpec::text("phone", |t| t.reg_field_phone, 8, 20)
    .of_kind("tel")
    .autocomplete("tel");
const REG_EMAIL: FieldSpec = FieldSpec::text("email", |t| t.reg_field_email, 3, Email::MAX_LEN)
    .of_kind("email")
    .autocomplete("email");

/// Registering for an event not yet over: the form (a member's is shorter), the member's own
/// registration, or why registration is closed.
#[component]
fn RegistrationPanel(page: EventPage) -> impl IntoView {
    let e = &page.event;
    let open = e.status == "published"
        && e.starts_at > page.now
        && e.registration_deadline.is_none_or(|d| d > page.now);
    let full = e.capacity.is_some_and(|c| page.registered >= c);
    let left = e.capacity.map(|c| (c - page.registered).max(0));
    let error = use_form_error("/register_for_event");
    let input = invalid_input(error.as_ref());
    let mailed = use_query_map().read_untracked().get("done").as_deref() == Some("check_mail");
    let member = page.viewer.is_some();
    let body = match (&page.mine, open) {
        (Some((code, status)), _) => {
            let waiting = status == "waiting";
            view! {
                <p class="notice notice-success" data-testid="event-mine">
                    {if waiting { tr(|t| t.event_you_waiting) } else { tr(|t| t.event_you_registered) }}
                </p>
                <p><a class="button button-primary" href=format!("/tickets/{code}")>{tr(|t| t.event_see_ticket)}</a></p>
            }
            .into_any()
        }
        (None, false) => view! {
            <p class="notice" data-testid="event-registration-closed">{tr(|t| t.event_register_closed)}</p>
        }
        .into_any(),
        (None, true) => view! {
            {mailed.then(|| view! { <p class="notice notice-success" role="status" data-testid="event-check-mail">{tr(|t| t.event_register_check_mail)}</p> })}
            <FormAlert error=error.clone() banner_fields=&["event"]/>
            <p class="field-hint">{if member { tr(|t| t.event_register_lead_member) } else { tr(|t| t.event_register_lead_visitor) }}</p>
            {full.then(|| view! { <p class="notice" data-testid="event-full">{tr(|t| t.event_register_full)}</p> })}
            <form class="form" method="post" action="/api/register_for_event" data-testid="register-form">
                <input type="hidden" name="event_id" value=e.id/>
                {(!member).then(|| view! { <Field spec=REG_NAME input=input.clone()/> })}
                <Field spec=REG_ORGANISATION input=input.clone() optional=member/>
                <Field spec=REG_PHONE input=input.clone() optional=member/>
                {(!member).then(|| view! { <Field spec=REG_EMAIL input=input.clone()/> })}
                <button type="submit" class="button button-primary button-block">
                    {if full { tr(|t| t.event_register_waitlist_submit) } else { tr(|t| t.event_register_submit) }}
                </button>
            </form>
        }
        .into_any(),
    };
    let i18n = use_i18n();
    view! {
        <section class="panel event-register" id="register" aria-labelledby="register-title" data-testid="event-register">
            <h2 id="register-title">{tr(|t| t.event_register_title)}</h2>
            {left.filter(|_| open).map(|n| view! {
                <p class="event-seats"><span>{tr(|t| t.event_seats_left)}</span>" "<strong data-testid="event-seats-left">{move || i18n.locale().format_count(n)}</strong></p>
            })}
            {body}
        </section>
    }
}

/// A status's name.
fn status_label(t: &Messages, status: &str) -> &'static str {
    match status {
        "published" => t.event_status_published,
        "cancelled" => t.event_status_cancelled,
        _ => t.article_status_draft,
    }
}

/// `/editor/events`.
pub struct EventDeskRoute {
    data: Resource<Result<EventDesk, AppError>>,
}

impl PageRoute for EventDeskRoute {
    fn data() -> Self {
        let page = use_page_param();
        Self {
            data: Resource::new(move || page.get(), |page| get_event_desk(Some(page))),
        }
    }

    fn view(this: Self) -> AnyView {
        view! {
            <Title text=tr(|t| t.editor_events_title)/>
            {super::member_view(this.data, "/editor/events", |desk| view! { <EventDeskView desk/> })}
        }
        .into_any()
    }
}

#[component]
fn EventDeskView(desk: EventDesk) -> impl IntoView {
    let i18n = use_i18n();
    let (page, page_count) = (desk.events.page, desk.events.page_count());
    view! {
        <div class="container page">
            <header class="page-header page-header-actions">
                <div>
                    <h1>{tr(|t| t.editor_events_title)}</h1>
                    <p class="lead">{tr(|t| t.editor_events_lead)}</p>
                </div>
                <a class="button button-primary" href="/editor/events/new">{tr(|t| t.editor_new_event)}</a>
            </header>
            {if desk.events.items.is_empty() {
                view! { <Empty/> }.into_any()
            } else {
                view! {
                    <div class="table-wrap">
                        <table class="data-table" data-testid="desk-events">
                            <thead>
                                <tr>
                                    <th scope="col">{tr(|t| t.event_field_title)}</th>
                                    <th scope="col">{tr(|t| t.event_field_kind)}</th>
                                    <th scope="col">{tr(|t| t.event_when)}</th>
                                    <th scope="col">{tr(|t| t.editor_col_status)}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {desk.events.items.into_iter().map(|e| {
                                    let (kind, status) = (e.kind.clone(), e.status.clone());
                                    view! {
                                        <tr>
                                            <td><a href=format!("/editor/events/{}/edit", e.id)>{e.title}</a></td>
                                            <td>{move || kind_label(i18n.t(), &kind)}</td>
                                            <td>{format_vietnam_date(e.starts_at)}</td>
                                            <td>{move || status_label(i18n.t(), &status)}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                    <Pagination base="/editor/events" page page_count/>
                }
                .into_any()
            }}
        </div>
    }
}

const TITLE: FieldSpec = FieldSpec::text(
    "title",
    |t| t.event_field_title,
    limits::TITLE.0,
    limits::TITLE.1,
);
const SLUG: FieldSpec = FieldSpec::text("slug", |t| t.event_field_slug, 0, 120)
    .with_hint(|t| t.article_field_slug_hint);
const SUMMARY: FieldSpec = FieldSpec::text(
    "summary",
    |t| t.event_field_summary,
    limits::SUMMARY.0,
    limits::SUMMARY.1,
);
const DESCRIPTION: FieldSpec = FieldSpec::text(
    "description",
    |t| t.event_field_description,
    limits::DESCRIPTION.0,
    limits::DESCRIPTION.1,
)
.with_hint(|t| t.article_field_body_hint);
const STARTS_AT: FieldSpec = FieldSpec::text("starts_at", |t| t.event_field_starts_at, 0, 20)
    .of_kind("datetime-local")
    .with_hint(|t| t.event_field_times_hint);
const ENDS_AT: FieldSpec = FieldSpec::text("ends_at", |t| t.event_field_ends_at, 0, 20)
    .of_kind("datetime-local")
    .with_hint(|t| t.event_field_times_hint);
const VENUE: FieldSpec = FieldSpec::text("venue", |t| t.event_field_venue, 0, limits::VENUE);
const ADDRESS: FieldSpec =
    FieldSpec::text("address", |t| t.event_field_address, 0, limits::ADDRESS);
const ONLINE_URL: FieldSpec =
    FieldSpec::text("online_url", |t| t.event_field_online_url, 0, 200).of_kind("url");
const ORGANISER: FieldSpec = FieldSpec::text(
    "organiser",
    |t| t.event_field_organiser,
    limits::ORGANISER.0,
    limits::ORGANISER.1,
);
const CAPACITY: FieldSpec =
    FieldSpec::text("capacity", |t| t.event_field_capacity, 0, 7).of_kind("number");
const DEADLINE: FieldSpec =
    FieldSpec::text("registration_deadline", |t| t.event_field_deadline, 0, 20)
        .of_kind("datetime-local");
const PROGRAMME: FieldSpec = FieldSpec::text(
    "programme",
    |t| t.event_field_programme,
    0,
    limits::PROGRAMME_TEXT,
)
.with_hint(|t| t.event_field_programme_hint);

/// `/editor/events/new` and `/editor/events/{id}/edit`.
pub struct EventEditorRoute {
    data: Resource<Result<EventEditor, AppError>>,
}

impl PageRoute for EventEditorRoute {
    fn data() -> Self {
        let id = use_id_param();
        Self {
            data: Resource::new(move || id.get(), get_event_editor),
        }
    }

    fn view(this: Self) -> AnyView {
        view! {
            <Title text=tr(|t| t.editor_edit_event)/>
            {super::member_view(this.data, "/editor/events", |editor| view! { <EventEditorView editor/> })}
        }
        .into_any()
    }
}

/// A `<select>` of `name` with its error beside it.
fn select_field(
    input: &InvalidInput,
    name: &'static str,
    label: fn(&Messages) -> &'static str,
    options: Vec<(String, String)>,
) -> impl IntoView + use<> {
    let i18n = use_i18n();
    let value = input.value_of(name).unwrap_or_default().to_owned();
    let error = input.error_for(name).map(str::to_owned);
    let invalid = error.is_some();
    let id = format!("field-{name}");
    let note = format!("{id}-note");
    view! {
        <div class="field" class:field-invalid=invalid>
            <label for=id.clone()>{tr(label)}</label>
            <select id=id name=name required=true aria-invalid=invalid.then_some("true") aria-describedby=invalid.then(|| note.clone())>
                {value.is_empty().then(|| view! { <option value="" selected=true>{tr(|t| t.choose)}</option> })}
                {options.into_iter().map(|(code, text)| {
                    let selected = code == value;
                    view! { <option value=code selected=selected>{text}</option> }
                }).collect_view()}
            </select>
            {error.map(|code| view! { <p class="field-error" id=note>{move || field_error_text(i18n.t(), &code)}</p> })}
        </div>
    }
}

#[component]
fn EventEditorView(editor: EventEditor) -> impl IntoView {
    let i18n = use_i18n();
    let done: Option<fn(&Messages) -> &'static str> =
        match use_query_map().read_untracked().get("done").as_deref() {
            Some("saved") => Some(|t| t.done_event_saved),
            Some("cancelled") => Some(|t| t.done_event_cancelled),
            Some("published") => Some(|t| t.done_event_published),
            Some("cover") => Some(|t| t.done_event_cover),
            _ => None,
        };
    let upload_error = use_query_map().read_untracked().get("error");
    let error = use_form_error("/save_event");
    let input = match &error {
        Some(_) => invalid_input(error.as_ref()),
        None => {
            let mut typed = editor.form.typed().to_vec();
            typed.push(("programme", &editor.form.programme));
            InvalidInput::new(Vec::new(), &typed)
        }
    };
    let id = editor.id;
    let is_new = id == 0;
    let booths = input.value_of("booths_open").is_some_and(|v| v == "on");
    let locale = i18n.locale();
    let kinds: Vec<(String, String)> = EventKind::ALL
        .into_iter()
        .map(|k| {
            (
                k.code().to_owned(),
                kind_label(i18n.t(), k.code()).to_owned(),
            )
        })
        .collect();
    let provinces: Vec<(String, String)> = PROVINCES
        .iter()
        .map(|p| {
            (
                p.code.to_owned(),
                match locale {
                    Locale::Vi => p.name_vi,
                    Locale::En => p.name_en,
                }
                .to_owned(),
            )
        })
        .collect();
    let status = editor.status.clone();
    view! {
        <div class="container page page-form event-editor">
            <nav class="breadcrumb" aria-label=tr(|t| t.breadcrumb)>
                <a href="/editor/events">{tr(|t| t.editor_events_title)}</a>
            </nav>
            <header class="page-header page-header-actions">
                <div>
                    <h1>{if is_new { tr(|t| t.editor_new_event) } else { tr(|t| t.editor_edit_event) }}</h1>
                    {(!is_new).then(|| {
                        let status = status.clone();
                        let badge = format!("badge badge-{status}");
                        view! { <p><span class=badge data-testid="event-status">{move || status_label(i18n.t(), &status)}</span></p> }
                    })}
                </div>
                {(!is_new).then(|| view! {
                    <div class="header-actions">
                        <a class="button button-ghost" href=format!("/events/{}", editor.form.slug)>{tr(|t| t.event_view_public)}</a>
                    </div>
                })}
            </header>
            {done.map(|message| view! { <p class="notice notice-success" role="status">{tr(message)}</p> })}
            <FormAlert error=error.clone()/>
            <form class="form panel" method="post" action="/api/save_event" data-testid="event-form">
                <input type="hidden" name="id" value=id/>
                {select_field(&input, "kind", |t| t.event_field_kind, kinds)}
                <Field spec=TITLE input=input.clone()/>
                <Field spec=SLUG input=input.clone() optional=true/>
                <TextAreaField spec=SUMMARY input=input.clone() rows=3/>
                <TextAreaField spec=DESCRIPTION input=input.clone() rows=10/>
                <div class="field-row">
                    <Field spec=STARTS_AT input=input.clone()/>
                    <Field spec=ENDS_AT input=input.clone()/>
                </div>
                <Field spec=VENUE input=input.clone() optional=true/>
                <Field spec=ADDRESS input=input.clone() optional=true/>
                {select_field(&input, "province", |t| t.event_field_province, provinces)}
                <Field spec=ONLINE_URL input=input.clone() optional=true/>
                <Field spec=ORGANISER input=input.clone()/>
                <div class="field-row">
                    <Field spec=CAPACITY input=input.clone() optional=true/>
                    <Field spec=DEADLINE input=input.clone() optional=true/>
                </div>
                <label class="check"><input type="checkbox" name="booths_open" value="on" checked=booths/>" "{tr(|t| t.event_field_booths)}</label>
                <TextAreaField spec=PROGRAMME input=input.clone() rows=8/>
                <div class="form-actions">
                    <button type="submit" class="button button-primary">{tr(|t| t.event_save)}</button>
                </div>
            </form>
            {(!is_new).then(|| view! {
                <section class="panel" aria-labelledby="cover-title">
                    <h2 id="cover-title">{tr(|t| t.event_field_cover)}</h2>
                    {editor.cover_key.as_deref().map(|key| view! {
                        <img class="article-cover-preview" src=ListingImage::media_url(key) alt="" width="480" height="270"/>
                    })}
                    <form class="form" method="post" action=format!("/uploads/events/{id}/cover") enctype="multipart/form-data">
                        <div class="field" class:field-invalid=upload_error.is_some()>
                            <label for="field-picture">{tr(|t| t.event_cover_upload)}</label>
                            <input id="field-picture" type="file" name="picture" accept="image/jpeg,image/png,image/webp" required=true
                                aria-invalid=upload_error.is_some().then_some("true")
                                aria-describedby=upload_error.is_some().then_some("field-picture-note")/>
                            {upload_error.clone().map(|code| view! {
                                <p class="field-error" id="field-picture-note" role="alert">{move || field_error_text(i18n.t(), &code)}</p>
                            })}
                        </div>
                        <button type="submit" class="button button-ghost">{tr(|t| t.event_cover_upload)}</button>
                    </form>
                </section>
                <section class="panel">
                    <form method="post" action="/api/event_action" class="inline-form">
                        <input type="hidden" name="id" value=id/>
                        {if status == "cancelled" {
                            view! { <button type="submit" name="action" value="publish" class="button button-ghost">{tr(|t| t.event_restore)}</button> }.into_any()
                        } else {
                            view! { <button type="submit" name="action" value="cancel" class="button button-danger">{tr(|t| t.event_cancel)}</button> }.into_any()
                        }}
                    </form>
                </section>
            })}
        </div>
    }
}
