//! `/moderation`: moderators approve or refuse the stalls, listings and auctions waiting for
//! review, and confirm the deposits of members registering to bid.

use super::PageRoute;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::get_moderation_queue;
use crate::components::cards::{listing_type_label, org_kind_label, province_name, sector_name};
use crate::components::form::{FieldSpec, FormAlert, TextAreaField, invalid_input, use_form_error};
use crate::domain::{format_vietnam_datetime, stall_limits};
use crate::error::{AppError, InvalidInput};
use crate::i18n::{Messages, tr, use_i18n};
use crate::model::{
    ModerationQueue, PendingAuction, PendingBidder, PendingInvestor, PendingListing,
    PendingProject, PendingStall, PendingStallEdit, PictureChange,
};

/// The moderation queue (moderators and administrators; the server refuses everyone else).
pub struct ModerationRoute {
    data: Resource<Result<ModerationQueue, AppError>>,
}

impl PageRoute for ModerationRoute {
    fn data() -> Self {
        Self {
            data: Resource::new(|| (), |_| get_moderation_queue()),
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
            Some("stall_edit_approved") => Some(|t| t.done_stall_edit_approved),
            Some("stall_edit_rejected") => Some(|t| t.done_stall_edit_rejected),
            Some("listing_approved") => Some(|t| t.done_listing_approved),
            Some("listing_rejected") => Some(|t| t.done_listing_rejected),
            Some("auction_approved") => Some(|t| t.done_auction_approved),
            Some("auction_rejected") => Some(|t| t.done_auction_rejected),
            Some("bidder_approved") => Some(|t| t.done_bidder_approved),
            Some("bidder_refused") => Some(|t| t.done_bidder_refused),
            Some("project_approved") => Some(|t| t.done_project_approved),
            Some("project_rejected") => Some(|t| t.done_project_rejected),
            Some("investor_approved") => Some(|t| t.done_investor_approved),
            Some("investor_rejected") => Some(|t| t.done_investor_rejected),
            _ => None,
        };
    let error = use_form_error("/decide_stall");
    let input = invalid_input(error.as_ref());
    let edit_error = use_form_error("/decide_stall_edit");
    let edit_input = invalid_input(edit_error.as_ref());
    let refused_edit = edit_input
        .value_of("stall_id")
        .and_then(|id| id.parse::<i64>().ok());
    let edits_total = queue.pending_stall_edits;
    let listing_error = use_form_error("/decide_listing");
    let listing_input = invalid_input(listing_error.as_ref());
    let refused_listing = listing_input
        .value_of("listing_id")
        .and_then(|id| id.parse::<i64>().ok());
    let listings_total = queue.pending_listings;
    let auction_error = use_form_error("/decide_auction");
    let auction_input = invalid_input(auction_error.as_ref());
    let refused_auction = auction_input
        .value_of("auction_id")
        .and_then(|id| id.parse::<i64>().ok());
    let bidder_error = use_form_error("/decide_bidder");
    let bidder_input = invalid_input(bidder_error.as_ref());
    let refused_bidder = bidder_input.value_of("bidder").map(str::to_owned);
    let (auctions_total, bidders_total) = (queue.pending_auctions, queue.pending_bidders);
    let project_error = use_form_error("/decide_project");
    let project_input = invalid_input(project_error.as_ref());
    let refused_project = project_input
        .value_of("project_id")
        .and_then(|id| id.parse::<i64>().ok());
    let investor_error = use_form_error("/decide_investor");
    let investor_input = invalid_input(investor_error.as_ref());
    let refused_investor = investor_input
        .value_of("investor_id")
        .and_then(|id| id.parse::<i64>().ok());
    let (projects_total, investors_total) = (queue.pending_projects, queue.pending_investors);
    // A refused decision names the stall it was about, so its reason box keeps what was typed.
    let refused_id = input.value_of("id").and_then(|id| id.parse::<i64>().ok());
    let total = queue.pending_stalls;
    view! {
        <div class="container page moderation-page">
            <header class="page-header">
                <h1>{tr(|t| t.moderation_title)}</h1>
                <p class="lead">{tr(|t| t.moderation_lead)}</p>
                <p><a href="/moderation/synonyms" data-testid="synonyms-link">{tr(|t| t.synonyms_title)}</a></p>
            </header>
            {done.map(|message| view! { <p class="notice notice-success" role="status">{tr(message)}</p> })}
            <FormAlert error banner_fields=&["decision"]/>
            <FormAlert error=edit_error banner_fields=&["decision"]/>
            <FormAlert error=listing_error banner_fields=&["decision"]/>
            <FormAlert error=auction_error banner_fields=&["decision"]/>
            <FormAlert error=bidder_error banner_fields=&["decision"]/>
            <FormAlert error=project_error banner_fields=&["decision"]/>
            <FormAlert error=investor_error banner_fields=&["decision"]/>
            <nav class="moderation-tabs">
                <a href="#stalls">{move || format!("{} {}", i18n.locale().format_count(total), i18n.t().pending_stalls_suffix)}</a>
                <a href="#stall-edits">{move || format!("{} {}", i18n.locale().format_count(edits_total), i18n.t().pending_stall_edits_suffix)}</a>
                <a href="#listings">{move || format!("{} {}", i18n.locale().format_count(listings_total), i18n.t().pending_listings_suffix)}</a>
                <a href="#auctions">{move || format!("{} {}", i18n.locale().format_count(auctions_total), i18n.t().pending_auctions_suffix)}</a>
                <a href="#bidders">{move || format!("{} {}", i18n.locale().format_count(bidders_total), i18n.t().pending_bidders_suffix)}</a>
                <a href="#projects">{move || format!("{} {}", i18n.locale().format_count(projects_total), i18n.t().pending_projects_suffix)}</a>
                <a href="#investors">{move || format!("{} {}", i18n.locale().format_count(investors_total), i18n.t().pending_investors_suffix)}</a>
            </nav>
            {section("stalls", |t| t.moderation_stalls, queue.stalls, |stall| {
                let input = if refused_id == Some(stall.id) { input.clone() } else { InvalidInput::default() };
                view! { <PendingStallCard stall input/> }
            })}
            {section("stall-edits", |t| t.moderation_stall_edits, queue.stall_edits, |edit| {
                let input = if refused_edit == Some(edit.stall_id) { edit_input.clone() } else { InvalidInput::default() };
                view! { <PendingStallEditCard edit input/> }
            })}
            {section("listings", |t| t.moderation_listings, queue.listings, |listing| {
                let input = if refused_listing == Some(listing.id) { listing_input.clone() } else { InvalidInput::default() };
                view! { <PendingListingCard listing input/> }
            })}
            {section("auctions", |t| t.moderation_auctions, queue.auctions, |auction| {
                let input = if refused_auction == Some(auction.id) { auction_input.clone() } else { InvalidInput::default() };
                view! { <PendingAuctionCard auction input/> }
            })}
            {section("bidders", |t| t.moderation_bidders, queue.bidders, |bidder| {
                let key = format!("{}-{}", bidder.auction_id, bidder.user_id);
                let input = if refused_bidder.as_deref() == Some(key.as_str()) { bidder_input.clone() } else { InvalidInput::default() };
                view! { <PendingBidderCard bidder input/> }
            })}
            {section("projects", |t| t.moderation_projects, queue.projects, |project| {
                let input = if refused_project == Some(project.card.id) { project_input.clone() } else { InvalidInput::default() };
                view! { <PendingProjectCard project input/> }
            })}
            {section("investors", |t| t.moderation_investors, queue.investors, |investor| {
                let input = if refused_investor == Some(investor.card.id) { investor_input.clone() } else { InvalidInput::default() };
                view! { <PendingInvestorCard investor input/> }
            })}
        </div>
    }
}

/// One part of the queue: its heading (the anchor `id`), then a card per item waiting, or that
/// nothing waits.
fn section<T, V: IntoView + 'static>(
    id: &'static str,
    heading: fn(&Messages) -> &'static str,
    items: Vec<T>,
    card: impl FnMut(T) -> V,
) -> AnyView {
    let cards = if items.is_empty() {
        view! { <p class="empty">{tr(|t| t.moderation_empty)}</p> }.into_any()
    } else {
        items.into_iter().map(card).collect_view().into_any()
    };
    view! {
        <h2 class="moderation-heading" id=id>{tr(heading)}</h2>
        {cards}
    }
    .into_any()
}

/// An auction waiting for approval: every rule its seller set.
#[component]
fn PendingAuctionCard(auction: PendingAuction, input: InvalidInput) -> impl IntoView {
    let i18n = use_i18n();
    let a = auction.clone();
    let facts = move || {
        let (locale, t) = (i18n.locale(), i18n.t());
        let money = |v: Option<i64>| v.map_or_else(|| "—".to_owned(), |v| locale.format_vnd(v));
        view! {
            <dl class="profile-facts">
                <dt>{t.bidding.starting_price}</dt><dd>{locale.format_vnd(a.starting_price)}</dd>
                <dt>{t.bidding.step}</dt><dd>{locale.format_vnd(a.step)}</dd>
                <dt>{t.field_reserve}</dt><dd>{money(a.reserve)}</dd>
                <dt>{t.field_buy_now}</dt><dd>{money(a.buy_now)}</dd>
                <dt>{t.field_starts_at}</dt><dd>{format_vietnam_datetime(a.starts_at)}</dd>
                <dt>{t.field_ends_at}</dt><dd>{format_vietnam_datetime(a.ends_at)}</dd>
                <dt>{t.bidding.soft_close_label}</dt><dd>{format!("{} {}", a.soft_close_ms / 60_000, t.bidding.minutes)}</dd>
                <dt>{t.field_requires_approval}</dt>
                <dd>{if a.requires_approval { format!("{} · {}", t.yes, money(a.deposit)) } else { t.no.to_owned() }}</dd>
            </dl>
        }
    };
    view! {
        <article class="panel pending-stall" data-testid="pending-auction">
            <header>
                <h2><a href=format!("/listings/{}", auction.listing_slug)>{auction.title.clone()}</a></h2>
                <p class="muted">{tr(|t| t.submitted_by)}" "<strong>{auction.seller.clone()}</strong>" · "{format_vietnam_datetime(auction.submitted_at)}
                    " · "<a href=format!("/auctions/{}", auction.id)>{tr(|t| t.auction_open_page)}</a></p>
            </header>
            {facts}
            <div class="decision">
                <form method="post" action="/api/decide_auction">
                    <input type="hidden" name="id" value=auction.id/>
                    <input type="hidden" name="seen" value=auction.fingerprint.clone()/>
                    <input type="hidden" name="decision" value="approve"/>
                    <button type="submit" class="button button-primary" data-testid="approve-auction">{tr(|t| t.approve)}</button>
                </form>
                <form class="form decision-reject" method="post" action="/api/decide_auction">
                    <input type="hidden" name="id" value=auction.id/>
                    <input type="hidden" name="seen" value=auction.fingerprint.clone()/>
                    <input type="hidden" name="decision" value="reject"/>
                    <TextAreaField spec=REASON input rows=3/>
                    <button type="submit" class="button button-ghost">{tr(|t| t.reject)}</button>
                </form>
            </div>
        </article>
    }
}

/// A member waiting for their deposit to be confirmed.
#[component]
fn PendingBidderCard(bidder: PendingBidder, input: InvalidInput) -> impl IntoView {
    let i18n = use_i18n();
    let deposit = bidder.deposit;
    view! {
        <article class="panel pending-stall" data-testid="pending-bidder">
            <header>
                <h2>{bidder.name.clone()}</h2>
                <p class="muted">
                    {bidder.email.clone()}" · "{bidder.phone.clone()}" · "{format_vietnam_datetime(bidder.registered_at)}
                </p>
            </header>
            <dl class="profile-facts">
                <dt>{tr(|t| t.nav_auctions)}</dt>
                <dd><a href=format!("/auctions/{}", bidder.auction_id)>{bidder.auction_title.clone()}</a></dd>
                <dt>{tr(|t| t.field_deposit)}</dt><dd>{move || i18n.locale().format_vnd(deposit)}</dd>
                <dt>{tr(|t| t.field_deposit_ref)}</dt><dd data-testid="deposit-ref">{bidder.deposit_ref.clone()}</dd>
            </dl>
            <div class="decision">
                <form method="post" action="/api/decide_bidder">
                    <input type="hidden" name="auction_id" value=bidder.auction_id/>
                    <input type="hidden" name="user_id" value=bidder.user_id/>
                    <input type="hidden" name="seen" value=bidder.fingerprint.clone()/>
                    <input type="hidden" name="decision" value="approve"/>
                    <button type="submit" class="button button-primary" data-testid="approve-bidder">{tr(|t| t.approve_bidder)}</button>
                </form>
                <form class="form decision-reject" method="post" action="/api/decide_bidder">
                    <input type="hidden" name="auction_id" value=bidder.auction_id/>
                    <input type="hidden" name="user_id" value=bidder.user_id/>
                    <input type="hidden" name="seen" value=bidder.fingerprint.clone()/>
                    <input type="hidden" name="decision" value="reject"/>
                    <TextAreaField spec=REASON input rows=3/>
                    <button type="submit" class="button button-ghost">{tr(|t| t.reject)}</button>
                </form>
            </div>
        </article>
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
                Some(p) => locale.format_vnd(p),
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
            <Pictures urls=listing.pictures.clone()/>
            <div class="prose" inner_html=listing.description_html.clone()></div>
            <div class="decision">
                <form method="post" action="/api/decide_listing">
                    <input type="hidden" name="id" value=listing.id/>
                    <input type="hidden" name="seen" value=listing.fingerprint.clone()/>
                    <input type="hidden" name="decision" value="approve"/>
                    <button type="submit" class="button button-primary">{tr(|t| t.approve)}</button>
                </form>
                <form class="form decision-reject" method="post" action="/api/decide_listing">
                    <input type="hidden" name="id" value=listing.id/>
                    <input type="hidden" name="seen" value=listing.fingerprint.clone()/>
                    <input type="hidden" name="decision" value="reject"/>
                    <TextAreaField spec=REASON input rows=3/>
                    <button type="submit" class="button button-ghost">{tr(|t| t.reject)}</button>
                </form>
            </div>
        </article>
    }
}

/// The approve and refuse forms of an item posted to `action`.
fn decision_forms(
    action: &'static str,
    id: i64,
    fingerprint: String,
    input: InvalidInput,
) -> impl IntoView {
    view! {
        <div class="decision">
            <form method="post" action=action>
                <input type="hidden" name="id" value=id/>
                <input type="hidden" name="seen" value=fingerprint.clone()/>
                <input type="hidden" name="decision" value="approve"/>
                <button type="submit" class="button button-primary">{tr(|t| t.approve)}</button>
            </form>
            <form class="form decision-reject" method="post" action=action>
                <input type="hidden" name="id" value=id/>
                <input type="hidden" name="seen" value=fingerprint/>
                <input type="hidden" name="decision" value="reject"/>
                <TextAreaField spec=REASON input rows=3/>
                <button type="submit" class="button button-ghost">{tr(|t| t.reject)}</button>
            </form>
        </div>
    }
}

/// A startup project waiting for approval.
#[component]
fn PendingProjectCard(project: PendingProject, input: InvalidInput) -> impl IntoView {
    use super::startups_page::{funding_label, stage_label};
    let i18n = use_i18n();
    let p = project.card.clone();
    let facts = move || {
        let (locale, t) = (i18n.locale(), i18n.t());
        [
            stage_label(t, &p.stage).to_owned(),
            format!("TRL {}", p.trl),
            sector_name(locale, &p.sector_code).to_owned(),
            province_name(locale, &p.province_code).to_owned(),
            format!(
                "{} · {}",
                locale.format_vnd(p.funding_sought),
                funding_label(t, &p.funding_kind)
            ),
        ]
        .join(" · ")
    };
    view! {
        <article class="panel pending-stall" data-testid="pending-project">
            <header>
                <h2><a href=format!("/startups/{}", project.card.slug)>{project.card.name.clone()}</a></h2>
                <p class="muted">{facts}</p>
                <p class="muted">{tr(|t| t.submitted_by)}" "<strong>{project.card.presenter.clone()}</strong>" · "{format_vietnam_datetime(project.submitted_at)}</p>
            </header>
            <p class="lead">{project.card.pitch.clone()}</p>
            <div class="prose" inner_html=project.description_html.clone()></div>
            <ul>
                {project.team.iter().map(|m| view! { <li>{m.name.clone()}" — "{m.role.clone()}</li> }).collect_view()}
            </ul>
            {traction_list(tr(|t| t.project_traction), &project.traction, "pending-traction")}
            {traction_list(tr(|t| t.project_confidential), &project.confidential_traction, "pending-confidential")}
            {project.has_deck.then(|| view! { <p><a href=format!("/startups/{}/deck.pdf", project.card.slug)>{tr(|t| t.project_deck_download)}</a></p> })}
            {decision_forms("/api/decide_project", project.card.id, project.fingerprint.clone(), input)}
        </article>
    }
}

/// A project's traction figures under `heading`, when it has any.
fn traction_list(
    heading: &'static str,
    figures: &[crate::model::Traction],
    testid: &'static str,
) -> impl IntoView + use<> {
    (!figures.is_empty()).then(|| {
        let items = figures
            .iter()
            .map(|f| view! { <div><dt>{f.label.clone()}</dt><dd>{f.value.clone()}</dd></div> })
            .collect_view();
        view! {
            <h3>{heading}</h3>
            <dl class="facts" data-testid=testid>{items}</dl>
        }
    })
}

/// An investor profile waiting for approval.
#[component]
fn PendingInvestorCard(investor: PendingInvestor, input: InvalidInput) -> impl IntoView {
    view! {
        <article class="panel pending-stall" data-testid="pending-investor">
            <p class="muted">{tr(|t| t.submitted_by)}" "<strong>{investor.member.clone()}</strong>" ("{investor.member_email.clone()}") · "{format_vietnam_datetime(investor.submitted_at)}</p>
            <super::startups_page::InvestorCardView investor=investor.card.clone()/>
            {decision_forms("/api/decide_investor", investor.card.id, investor.fingerprint.clone(), input)}
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
            <Pictures urls=stall.logo.iter().chain(stall.cover.iter()).cloned().collect()/>
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
                    <input type="hidden" name="seen" value=stall.fingerprint.clone()/>
                    <input type="hidden" name="decision" value="approve"/>
                    <button type="submit" class="button button-primary">{tr(|t| t.approve)}</button>
                </form>
                <form class="form decision-reject" method="post" action="/api/decide_stall">
                    <input type="hidden" name="id" value=stall.id/>
                    <input type="hidden" name="seen" value=stall.fingerprint.clone()/>
                    <input type="hidden" name="decision" value="reject"/>
                    <TextAreaField spec=REASON input rows=3/>
                    <button type="submit" class="button button-ghost">{tr(|t| t.reject)}</button>
                </form>
            </div>
        </article>
    }
}

/// Thumbnails of what the item would show, larger on a click.
#[component]
fn Pictures(urls: Vec<String>) -> impl IntoView {
    (!urls.is_empty()).then(|| {
        view! {
            <ul class="moderation-pictures" data-testid="moderation-pictures">
                {urls
                    .into_iter()
                    .map(|url| {
                        let link = url.clone();
                        view! { <li><a href=link><img src=url alt="" width="120" height="120" loading="lazy"/></a></li> }
                    })
                    .collect_view()}
            </ul>
        }
    })
}

/// The label of a stall profile field, as its form names it.
fn stall_field_label(t: &Messages, field: &str) -> &'static str {
    match field {
        "name" => t.stall_field_name,
        "org_kind" => t.stall_field_org_kind,
        "sector_code" => t.stall_field_sector,
        "other_sectors" => t.stall_field_other_sectors,
        "province_code" => t.stall_field_province,
        "description" => t.stall_field_description,
        "address" => t.stall_field_address,
        "phone" => t.stall_field_phone,
        "email" => t.stall_field_email,
        "website" => t.stall_field_website,
        "contact_person" => t.stall_field_contact_person,
        "founded_year" => t.stall_field_founded_year,
        _ => t.stall_field_certifications,
    }
}

/// A change to an approved stall: each changed field as it is and as it would be, and the
/// pictures side by side.
#[component]
fn PendingStallEditCard(edit: PendingStallEdit, input: InvalidInput) -> impl IntoView {
    let i18n = use_i18n();
    let picture = |label: fn(&Messages) -> &'static str, change: Option<PictureChange>| {
        change.map(|c| {
            let shown = |url: Option<String>| match url {
                Some(url) => {
                    view! { <img src=url alt="" width="120" height="120" loading="lazy"/> }
                        .into_any()
                }
                None => view! { <span class="muted">{tr(|t| t.stall_edit_none)}</span> }.into_any(),
            };
            view! {
                <tr>
                    <th scope="row">{tr(label)}</th>
                    <td>{shown(c.now)}</td>
                    <td>{shown(c.proposed)}</td>
                </tr>
            }
        })
    };
    view! {
        <article class="panel pending-stall" data-testid="pending-stall-edit">
            <header>
                <h2><a href=format!("/stalls/{}", edit.slug)>{edit.name.clone()}</a></h2>
                <p class="muted">{tr(|t| t.submitted_by)}" "<strong>{edit.submitted_by.clone()}</strong>" · "{format_vietnam_datetime(edit.submitted_at)}</p>
            </header>
            <table class="stall-edit-changes">
                <thead>
                    <tr><th></th><th scope="col">{tr(|t| t.stall_edit_now)}</th><th scope="col">{tr(|t| t.stall_edit_proposed)}</th></tr>
                </thead>
                <tbody>
                    {edit.changes.iter().map(|(field, now, proposed)| {
                        let field = field.clone();
                        view! {
                            <tr>
                                <th scope="row">{move || stall_field_label(i18n.t(), &field)}</th>
                                <td class="stall-edit-now">{now.clone()}</td>
                                <td class="stall-edit-proposed">{proposed.clone()}</td>
                            </tr>
                        }
                    }).collect_view()}
                    {picture(|t| t.stall_logo, edit.logo.clone())}
                    {picture(|t| t.stall_cover, edit.cover.clone())}
                </tbody>
            </table>
            <div class="decision">
                <form method="post" action="/api/decide_stall_edit">
                    <input type="hidden" name="stall_id" value=edit.stall_id/>
                    <input type="hidden" name="seen" value=edit.fingerprint.clone()/>
                    <input type="hidden" name="decision" value="approve"/>
                    <button type="submit" class="button button-primary" data-testid="approve-stall-edit">{tr(|t| t.approve)}</button>
                </form>
                <form class="form decision-reject" method="post" action="/api/decide_stall_edit">
                    <input type="hidden" name="stall_id" value=edit.stall_id/>
                    <input type="hidden" name="seen" value=edit.fingerprint.clone()/>
                    <input type="hidden" name="decision" value="reject"/>
                    <TextAreaField spec=REASON input rows=3/>
                    <button type="submit" class="button button-ghost">{tr(|t| t.reject)}</button>
                </form>
            </div>
        </article>
    }
}
