//! `/account/introductions`: the introductions a member asked for and was asked for, each with
//! the two listings, its status and what the member may do next — accept or decline (with a
//! reason), mark met, deal or no deal, record the deal's outcome or confirm the other party's —
//! and, once connected, the other party's contact details and their conversation.

use super::PageRoute;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::{get_auction_deals, get_introductions};
use crate::components::form::{FormAlert, field_error_text, invalid_input, use_form_error};
use crate::domain::introductions::{DEAL_KINDS, DECLINE_REASONS};
use crate::domain::{format_vietnam_datetime, iso_date};
use crate::error::AppError;
use crate::i18n::{Messages, tr, use_i18n};
use crate::model::{AuctionDeal, DealOutcome, Introduction};

/// The member's introductions, and the auctions they sold or won.
type Dealings = (Vec<Introduction>, Vec<AuctionDeal>);

/// The member's introductions.
pub struct IntroductionsRoute {
    data: Resource<Result<Dealings, AppError>>,
}

impl PageRoute for IntroductionsRoute {
    fn data() -> Self {
        Self {
            data: Resource::new(
                || (),
                |()| async { Ok((get_introductions().await?, get_auction_deals().await?)) },
            ),
        }
    }

    fn view(this: Self) -> AnyView {
        view! {
            <Title text=tr(|t| t.intro_title)/>
            {super::member_view(this.data, "/account/introductions", |(items, auctions)| view! { <IntroductionsView items auctions/> })}
        }
        .into_any()
    }
}

pub fn status_label(t: &Messages, code: &str) -> &'static str {
    match code {
        "requested" => t.intro_status_requested,
        "accepted" => t.intro_status_accepted,
        "declined" => t.intro_status_declined,
        "met" => t.intro_status_met,
        "deal" => t.intro_status_deal,
        _ => t.intro_status_no_deal,
    }
}

pub fn reason_label(t: &Messages, code: &str) -> &'static str {
    match code {
        "not_available" => t.intro_decline_not_available,
        "not_a_fit" => t.intro_decline_not_a_fit,
        "price" => t.intro_decline_price,
        "timing" => t.intro_decline_timing,
        _ => t.intro_decline_other,
    }
}

fn deal_kind_label(t: &Messages, code: &str) -> &'static str {
    match code {
        "purchase" => t.deal_kind_purchase,
        "licence" => t.deal_kind_licence,
        "transfer" => t.deal_kind_transfer,
        _ => t.deal_kind_joint_venture,
    }
}

#[component]
fn IntroductionsView(items: Vec<Introduction>, auctions: Vec<AuctionDeal>) -> impl IntoView {
    let done = use_query_map().read_untracked().get("done").is_some();
    view! {
        <div class="container page introductions-page">
            <nav class="breadcrumb" aria-label=tr(|t| t.breadcrumb)>
                <a href="/account">{tr(|t| t.nav_account)}</a>
            </nav>
            <header class="page-header">
                <h1>{tr(|t| t.intro_title)}</h1>
                <p class="lead">{tr(|t| t.intro_lead)}</p>
            </header>
            {done.then(|| view! { <p class="notice notice-success" role="status">{tr(|t| t.intro_done)}</p> })}
            <FormAlert error=use_form_error("/move_introduction") banner_fields=&["action", "reason"]/>
            <FormAlert error=use_form_error("/confirm_deal") banner_fields=&["deal"]/>
            {if items.is_empty() {
                view! {
                    <p class="empty">{tr(|t| t.intro_empty)}</p>
                    <p><a class="button button-primary" href="/connect">{tr(|t| t.nav_connect)}</a></p>
                }.into_any()
            } else {
                view! {
                    <ul class="introduction-list" data-testid="introductions">
                        {items.into_iter().map(|item| view! { <IntroductionRow item/> }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {(!auctions.is_empty()).then(|| view! {
                <section class="auction-deals" aria-labelledby="auction-deals">
                    <h2 id="auction-deals">{tr(|t| t.auction_deals_heading)}</h2>
                    <p class="muted">{tr(|t| t.auction_deals_lead)}</p>
                    <ul class="introduction-list" data-testid="auction-deals">
                        {auctions.into_iter().map(|item| view! { <AuctionDealRow item/> }).collect_view()}
                    </ul>
                </section>
            })}
        </div>
    }
}

#[component]
fn IntroductionRow(item: Introduction) -> impl IntoView {
    let i18n = use_i18n();
    let Introduction {
        id,
        status,
        decline_reason,
        message,
        asked_by_me,
        conversation_id,
        created_at,
        updated_at: _,
        request,
        offer,
        other_name,
        other_email,
        other_phone,
        deal,
    } = item;
    let status_code = status.clone();
    let move_form = |action: &'static str, label: crate::i18n::MessageFn| {
        view! {
            <form method="post" action="/api/move_introduction">
                <input type="hidden" name="id" value=id/>
                <input type="hidden" name="action" value=action/>
                <button type="submit" class="button button-ghost button-small" data-action=action>{tr(label)}</button>
            </form>
        }
    };
    let answer = (status == "requested" && !asked_by_me).then(|| view! {
        <div class="introduction-actions">
            <form method="post" action="/api/move_introduction">
                <input type="hidden" name="id" value=id/>
                <input type="hidden" name="action" value="accept"/>
                <button type="submit" class="button button-primary button-small" data-action="accept">{tr(|t| t.intro_accept)}</button>
            </form>
            <details class="introduction-decline">
                <summary>{tr(|t| t.intro_decline)}</summary>
                <form method="post" action="/api/move_introduction">
                    <input type="hidden" name="id" value=id/>
                    <input type="hidden" name="action" value="decline"/>
                    <fieldset>
                        <legend>{tr(|t| t.intro_decline_why)}</legend>
                        {DECLINE_REASONS.into_iter().map(|code| view! {
                            <label class="check"><input type="radio" name="reason" value=code required=true/>" "{move || reason_label(i18n.t(), code)}</label>
                        }).collect_view()}
                    </fieldset>
                    <button type="submit" class="button button-ghost button-small">{tr(|t| t.intro_decline_submit)}</button>
                </form>
            </details>
        </div>
    });
    let onward = matches!(status.as_str(), "accepted" | "met").then(|| {
        view! {
            <div class="introduction-actions">
                {(status == "accepted").then(|| move_form("met", |t| t.intro_mark_met))}
                {move_form("deal", |t| t.intro_mark_deal)}
                {move_form("no_deal", |t| t.intro_mark_no_deal)}
            </div>
        }
    });
    let contact = other_email.map(|email| view! {
        <p class="introduction-contact" data-testid="introduction-contact">
            <strong>{other_name.clone()}</strong>" · "<a href=format!("mailto:{email}")>{email.clone()}</a>
            {other_phone.map(|phone| view! { " · "<a href=format!("tel:{phone}")>{phone.clone()}</a> })}
            {conversation_id.map(|c| view! { " · "<a href=format!("/account/inquiries/{c}")>{tr(|t| t.intro_conversation)}</a> })}
        </p>
    });
    let deal_view = match (status.as_str(), deal) {
        ("deal", None) => Some(
            view! { <DealForm action="/record_deal" field="id" id value=String::new() date=String::new()/> }
                .into_any(),
        ),
        (_, Some(deal)) => Some(view! { <DealView deal/> }.into_any()),
        _ => None,
    };
    view! {
        <li class="introduction" id=format!("introduction-{id}") data-testid="introduction" data-status=status_code>
            <div class="introduction-head">
                <span class="badge">{move || status_label(i18n.t(), &status)}</span>
                <span class="muted">
                    {if asked_by_me { tr(|t| t.intro_you_asked) } else { tr(|t| t.intro_asked_you) }}" "
                    <strong>{other_name}</strong>" · "{format_vietnam_datetime(created_at)}
                </span>
            </div>
            <p class="introduction-pair">
                <span class="tag tag-kind tag-request">{tr(|t| t.kind_request)}</span>" "
                <a href=format!("/listings/{}", request.1)>{request.0}</a>
                " ⇄ "
                <span class="tag tag-kind tag-offer">{tr(|t| t.kind_offer)}</span>" "
                <a href=format!("/listings/{}", offer.1)>{offer.0}</a>
            </p>
            <blockquote class="introduction-message">{message}</blockquote>
            {decline_reason.map(|code| view! { <p class="muted">{tr(|t| t.intro_declined_because)}" "{move || reason_label(i18n.t(), &code)}</p> })}
            {contact}
            {answer}
            {onward}
            {deal_view}
        </li>
    }
}

/// A recorded deal: what it was, whether it counts yet, and for the other party the button that
/// confirms it.
#[component]
fn DealView(deal: DealOutcome) -> impl IntoView {
    let i18n = use_i18n();
    let d = deal;
    let kind = d.kind.clone();
    let summary = move || {
        format!(
            "{} · {} · {}",
            deal_kind_label(i18n.t(), &kind),
            i18n.locale().format_vnd(d.value),
            iso_date(d.day)
        )
    };
    let confirm = (!d.recorded_by_me && !d.confirmed).then(|| view! {
        <form class="inline-form" method="post" action="/api/confirm_deal">
            <input type="hidden" name="deal" value=d.id/>
            <label class="check"><input type="checkbox" name="named" value="1"/>" "{tr(|t| t.deal_named)}</label>
            <button type="submit" class="button button-primary button-small" data-testid="confirm-deal">{tr(|t| t.deal_confirm)}</button>
        </form>
    });
    view! {
        <div class="introduction-deal" data-testid="deal">
            <p><strong>{tr(|t| t.deal_title)}</strong>" "{summary}" "
                <span class="badge" class:badge-muted=!d.confirmed>
                    {if d.confirmed { tr(|t| t.deal_confirmed) } else { tr(|t| t.deal_waiting) }}
                </span>
            </p>
            {confirm}
        </div>
    }
}

/// An auction the member sold or won: the hammer price, the other party, and its deal outcome
/// (the form to record it, or the recorded one).
#[component]
fn AuctionDealRow(item: AuctionDeal) -> impl IntoView {
    let i18n = use_i18n();
    let AuctionDeal {
        auction_id,
        title,
        listing_slug,
        sold_price,
        closed_at,
        sold_by_me,
        other_name,
        deal,
    } = item;
    let deal_view = match deal {
        None => view! {
            <DealForm action="/record_auction_deal" field="auction" id=auction_id value=sold_price.to_string()
                date=iso_date(crate::domain::vietnam_day(closed_at))/>
        }
        .into_any(),
        Some(deal) => view! { <DealView deal/> }.into_any(),
    };
    view! {
        <li class="introduction" id=format!("auction-{auction_id}") data-testid="auction-deal">
            <div class="introduction-head">
                <span class="badge">{if sold_by_me { tr(|t| t.auction_deal_sold) } else { tr(|t| t.auction_deal_won) }}</span>
                <span class="muted">
                    {if sold_by_me { tr(|t| t.auction_deal_buyer) } else { tr(|t| t.auction_deal_seller) }}" "
                    <strong>{other_name}</strong>" · "{format_vietnam_datetime(closed_at)}
                </span>
            </div>
            <p class="introduction-pair">
                <a href=format!("/auctions/{auction_id}")>{title}</a>" · "
                <span>{tr(|t| t.auction_deal_hammer)}" "{move || i18n.locale().format_vnd(sold_price)}</span>" · "
                <a href=format!("/listings/{listing_slug}")>{tr(|t| t.auction_see_listing)}</a>
            </p>
            {deal_view}
        </li>
    }
}

/// What the deal was: kind, value, date, and whether the member agrees to be named; sent to
/// server function `action` with the introduction's or auction's `id` as `field`, the value and
/// date starting at `value` and `date`. Refused, it comes back refilled with the errors by their
/// fields.
#[component]
fn DealForm(
    action: &'static str,
    field: &'static str,
    id: i64,
    value: String,
    date: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = use_form_error(action);
    let input = invalid_input(error.as_ref());
    let mine = input.value_of(field) == Some(id.to_string().as_str());
    let input = if mine { input } else { Default::default() };
    let err = |field: &'static str| {
        input.error_for(field).map(|code| {
            let code = code.to_owned();
            view! { <p class="field-error">{move || field_error_text(i18n.t(), &code)}</p> }
        })
    };
    let (kind_error, value_error, date_error) = (err("kind"), err("value"), err("date"));
    let (kind_bad, value_bad, date_bad) = (
        kind_error.is_some(),
        value_error.is_some(),
        date_error.is_some(),
    );
    let kind = input.value_of("kind").unwrap_or("purchase").to_owned();
    let value = input.value_of("value").map(str::to_owned).unwrap_or(value);
    let date = input.value_of("date").map(str::to_owned).unwrap_or(date);
    view! {
        <form class="deal-form" method="post" action=format!("/api{action}") data-testid="deal-form">
            <p class="muted">{tr(|t| t.deal_lead)}</p>
            <input type="hidden" name=field value=id/>
            <div class="field" class:field-invalid=kind_bad>
                <label for=format!("deal-kind-{field}-{id}")>{tr(|t| t.deal_kind)}</label>
                <select id=format!("deal-kind-{field}-{id}") name="kind">
                    {DEAL_KINDS.into_iter().map(|code| view! {
                        <option value=code selected=kind == code>{move || deal_kind_label(i18n.t(), code)}</option>
                    }).collect_view()}
                </select>
                {kind_error}
            </div>
            <div class="field" class:field-invalid=value_bad>
                <label for=format!("deal-value-{field}-{id}")>{tr(|t| t.deal_value)}</label>
                <input id=format!("deal-value-{field}-{id}") name="value" type="text" inputmode="numeric" value=value required=true/>
                {value_error}
            </div>
            <div class="field" class:field-invalid=date_bad>
                <label for=format!("deal-date-{field}-{id}")>{tr(|t| t.deal_date)}</label>
                <input id=format!("deal-date-{field}-{id}") name="date" type="date" value=date required=true/>
                {date_error}
            </div>
            <label class="check"><input type="checkbox" name="named" value="1"/>" "{tr(|t| t.deal_named)}</label>
            <button type="submit" class="button button-primary">{tr(|t| t.deal_record)}</button>
        </form>
    }
}
