//! `/moderation`: moderators approve or refuse stalls waiting for review.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use leptos_router::{LazyRoute, lazy_route};

use crate::api::get_moderation_queue;
use crate::codec::AsciiJson;
use crate::components::cards::{
    format_vnd, listing_type_label, org_kind_label, province_name, sector_name,
};
use crate::components::form::{FieldSpec, FormAlert, TextAreaField, invalid_input, use_form_error};
use crate::domain::{format_vietnam_datetime, stall_limits};
use crate::error::{AppError, InvalidInput};
use crate::i18n::{Messages, tr, use_i18n};
use crate::model::{ModerationQueue, PendingListing, PendingStall};

/// The moderation queue (moderators and administrators; the server refuses everyone else).
pub struct ModerationRoute {
    data: Resource<Result<ModerationQueue, AppError>, AsciiJson>,
}

#[lazy_route]
impl LazyRoute for ModerationRoute {
    fn data() -> Self {
        Self {
            data: Resource::new_with_options(|| (), |_| get_moderation_queue(), false),
        }
    }

    fn view(this: Self) -> AnyView {
        view! {
            <Title text=tr(|t| t.moderation_title)/>
            {super::member_view(this.data, "/moderation", |queue| view! { <QueueView queue/> })}
        }
        .into_any()
    }
}

#[component]
fn QueueView(queue: ModerationQueue) -> impl IntoView {
    let i18n = use_i18n();
    let done: Option<fn(&Messages) -> &'static str> =
        match use_query_map().read_untracked().get("done").as_deref() {
            Some("stall_approved") => Some(|t| t.done_stall_approved),
            Some("stall_rejected") => Some(|t| t.done_stall_rejected),
            Some("listing_approved") => Some(|t| t.done_listing_approved),
            Some("listing_rejected") => Some(|t| t.done_listing_rejected),
            _ => None,
        };
    let error = use_form_error("/decide_stall");
    let input = invalid_input(error.as_ref());
    let listing_error = use_form_error("/decide_listing");
    let listing_input = invalid_input(listing_error.as_ref());
    let refused_listing = listing_input
        .value_of("listing_id")
        .and_then(|id| id.parse::<i64>().ok());
    let listings_total = queue.pending_listings;
    // A refused decision names the stall it was about, so its reason box keeps what was typed.
    let refused_id = input.value_of("id").and_then(|id| id.parse::<i64>().ok());
    let total = queue.pending_stalls;
    view! {
        <div class="container page moderation-page">
            <header class="page-header">
                <h1>{tr(|t| t.moderation_title)}</h1>
                <p class="lead">{tr(|t| t.moderation_lead)}</p>
            </header>
            {done.map(|message| view! { <p class="notice notice-success" role="status">{tr(message)}</p> })}
            <FormAlert error banner_fields=&["decision"]/>
            <FormAlert error=listing_error banner_fields=&["decision"]/>
            <nav class="moderation-tabs">
                <a href="#stalls">{move || format!("{} {}", i18n.locale().format_count(total), i18n.t().pending_stalls_suffix)}</a>
                <a href="#listings">{move || format!("{} {}", i18n.locale().format_count(listings_total), i18n.t().pending_listings_suffix)}</a>
            </nav>
            <h2 class="moderation-heading" id="stalls">{tr(|t| t.moderation_stalls)}</h2>
            {if queue.stalls.is_empty() {
                view! { <p class="empty">{tr(|t| t.moderation_empty)}</p> }.into_any()
            } else {
                queue
                    .stalls
                    .into_iter()
                    .map(|stall| {
                        let input = if refused_id == Some(stall.id) { input.clone() } else { InvalidInput::default() };
                        view! { <PendingStallCard stall input/> }
                    })
                    .collect_view()
                    .into_any()
            }}
            <h2 class="moderation-heading" id="listings">{tr(|t| t.moderation_listings)}</h2>
            {if queue.listings.is_empty() {
                view! { <p class="empty">{tr(|t| t.moderation_empty)}</p> }.into_any()
            } else {
                queue
                    .listings
                    .into_iter()
                    .map(|listing| {
                        let input = if refused_listing == Some(listing.id) { listing_input.clone() } else { InvalidInput::default() };
                        view! { <PendingListingCard listing input/> }
                    })
                    .collect_view()
                    .into_any()
            }}
        </div>
    }
}

#[component]
fn PendingListingCard(listing: PendingListing, input: InvalidInput) -> impl IntoView {
    let i18n = use_i18n();
    let facts = {
        let l = listing.clone();
        move || {
            let (locale, t) = (i18n.locale(), i18n.t());
            let kind = if l.kind == "offer" {
                t.kind_offer
            } else {
                t.kind_request
            };
            let price = match l.price_vnd {
                Some(p) => format_vnd(locale, p),
                None => t.price_negotiable.to_owned(),
            };
            [
                kind,
                listing_type_label(t, &l.listing_type),
                sector_name(locale, &l.sector_code),
                province_name(locale, &l.province_code),
                &price,
            ]
            .join(" · ")
        }
    };
    view! {
        <article class="panel pending-stall" data-testid="pending-listing">
            <header>
                <h2>{listing.title.clone()}</h2>
                <p class="muted">{facts}</p>
                <p class="muted">{tr(|t| t.submitted_by)}" "<strong>{listing.seller.clone()}</strong>" · "{format_vietnam_datetime(listing.submitted_at)}</p>
            </header>
            <p class="lead">{listing.summary.clone()}</p>
            <div class="prose" inner_html=listing.description_html.clone()></div>
            <div class="decision">
                <form method="post" action="/api/decide_listing">
                    <input type="hidden" name="id" value=listing.id/>
                    <input type="hidden" name="decision" value="approve"/>
                    <button type="submit" class="button button-primary">{tr(|t| t.approve)}</button>
                </form>
                <form class="form decision-reject" method="post" action="/api/decide_listing">
                    <input type="hidden" name="id" value=listing.id/>
                    <input type="hidden" name="decision" value="reject"/>
                    <TextAreaField spec=REASON input rows=3/>
                    <button type="submit" class="button button-ghost">{tr(|t| t.reject)}</button>
                </form>
            </div>
        </article>
    }
}

const REASON: FieldSpec = FieldSpec::text(
    "reason",
    |t| t.reject_reason_label,
    stall_limits::REJECTION_REASON.0,
    stall_limits::REJECTION_REASON.1,
)
.with_hint(|t| t.reject_reason_hint);

#[component]
fn PendingStallCard(stall: PendingStall, input: InvalidInput) -> impl IntoView {
    let i18n = use_i18n();
    let facts = {
        let s = stall.clone();
        move || {
            let (locale, t) = (i18n.locale(), i18n.t());
            let mut line = vec![
                org_kind_label(t, &s.org_kind).to_owned(),
                sector_name(locale, &s.sector_code).to_owned(),
                province_name(locale, &s.province_code).to_owned(),
            ];
            if let Some(year) = s.founded_year {
                line.push(format!("{} {year}", t.founded));
            }
            line.join(" · ")
        }
    };
    view! {
        <article class="panel pending-stall" data-testid="pending-stall">
            <header>
                <h2>{stall.name.clone()}</h2>
                <p class="muted">{facts}</p>
                <p class="muted">
                    {tr(|t| t.submitted_by)}" "<strong>{stall.submitted_by.clone()}</strong>
                    " ("{stall.submitted_email.clone()}") · "{format_vietnam_datetime(stall.created_at)}
                </p>
            </header>
            <p class="stall-description">{stall.description.clone()}</p>
            <dl class="profile-facts">
                <dt>{tr(|t| t.contact_address)}</dt><dd>{stall.address.clone()}</dd>
                <dt>{tr(|t| t.contact_phone)}</dt><dd>{stall.phone.clone()}</dd>
                <dt>{tr(|t| t.stall_contact_person)}</dt><dd>{stall.contact_person.clone()}</dd>
                {(!stall.email.is_empty()).then(|| view! { <dt>"Email"</dt><dd>{stall.email.clone()}</dd> })}
                {(!stall.website.is_empty()).then(|| view! { <dt>{tr(|t| t.contact_website)}</dt><dd>{stall.website.clone()}</dd> })}
                {(!stall.certifications.is_empty()).then(|| view! {
                    <dt>{tr(|t| t.stall_certifications)}</dt>
                    <dd>{stall.certifications.iter().map(|c| view! { <span class="badge">{c.clone()}</span>" " }).collect_view()}</dd>
                })}
            </dl>
            <div class="decision">
                <form method="post" action="/api/decide_stall">
                    <input type="hidden" name="id" value=stall.id/>
                    <input type="hidden" name="decision" value="approve"/>
                    <button type="submit" class="button button-primary">{tr(|t| t.approve)}</button>
                </form>
                <form class="form decision-reject" method="post" action="/api/decide_stall">
                    <input type="hidden" name="id" value=stall.id/>
                    <input type="hidden" name="decision" value="reject"/>
                    <TextAreaField spec=REASON input rows=3/>
                    <button type="submit" class="button button-ghost">{tr(|t| t.reject)}</button>
                </form>
            </div>
        </article>
    }
}
