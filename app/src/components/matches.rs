//! Matches between offers and requests: a listing's card with the reasons it fits, each a chip
//! with its weight, and a way for a member to hide it.

use leptos::prelude::*;

use super::cards::{ListingCardView, province_name, sector_name, transfer_mode_label};
use super::form::{field_error_text, invalid_input, use_form_error};
use crate::domain::matching::{HIDE_REASONS, Reason};
use crate::i18n::{Locale, Messages, tr, use_i18n};
use crate::model::ListingMatch;

/// What a reason says, in words.
pub fn reason_text(t: &Messages, locale: Locale, reason: &Reason) -> String {
    let d = reason.detail.as_str();
    match reason.code.as_str() {
        "sector" => format!("{} {}", t.match_same_sector, sector_name(locale, d)),
        "type" => t.match_same_type.to_owned(),
        "words" => format!("{} {d}", t.match_words),
        "budget" => t.match_within_budget.to_owned(),
        "over_budget" => format!("{} {d}%", t.match_over_budget),
        "trl" => format!("TRL {d} {}", t.match_trl_ok),
        "trl_below" => format!("TRL {d} {}", t.match_trl_below),
        "transfer" => format!("{} {}", t.match_transfer, transfer_mode_label(t, d)),
        "province" => format!("{} {}", t.match_same_province, province_name(locale, d)),
        "near" => format!("{} {}", t.match_near, province_name(locale, d)),
        "certificate" => format!("{} {d}", t.match_certificate),
        // A project against an investor's focus (`domain::startup_match`).
        "any_sector" => t.match_any_sector.to_owned(),
        "stage" => format!(
            "{} {}",
            t.match_stage,
            crate::pages::startups_page::stage_label(t, d)
        ),
        "any_stage" => t.match_any_stage.to_owned(),
        "ticket" => t.match_ticket.to_owned(),
        "ticket_over" => format!("{} {d}%", t.match_ticket_over),
        "ticket_under" => t.match_ticket_under.to_owned(),
        "province_focus" => format!("{} {}", t.match_province_focus, province_name(locale, d)),
        "any_province" => t.match_any_province.to_owned(),
        "funding" => format!(
            "{} {}",
            t.match_funding,
            crate::pages::startups_page::funding_label(t, d)
        ),
        _ => d.to_owned(),
    }
}

/// A hiding reason in words.
fn hide_reason_label(t: &Messages, code: &str) -> &'static str {
    match code {
        "too_far" => t.hide_too_far,
        "price" => t.hide_price,
        "already_known" => t.hide_already_known,
        _ => t.hide_not_relevant,
    }
}

/// The reasons a match fits, as chips with their weights, best first.
#[component]
pub fn ReasonChips(reasons: Vec<Reason>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ul class="reason-chips" aria-label=tr(|t| t.match_reasons)>
            {reasons.into_iter().map(|reason| {
                let negative = reason.weight < 0.0;
                let code = reason.code.clone();
                let weight = if negative { format!("{:.1}", reason.weight) } else { format!("+{:.1}", reason.weight) };
                view! {
                    <li class="reason-chip" class:reason-chip-against=negative data-reason=code>
                        {move || reason_text(i18n.t(), i18n.locale(), &reason)}
                        " "<span class="reason-weight">{weight}</span>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

/// One match: the listing's card, its score and reasons, and, for a member, a form to hide it
/// from `listing_id`'s list (posting back to `next`); for the listing's own side (`ask`), a form
/// to ask the match's poster for an introduction.
#[component]
pub fn MatchView(
    found: ListingMatch,
    listing_id: i64,
    next: String,
    member: bool,
    #[prop(optional)] ask: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let match_id = found.listing.id;
    let score = found.score;
    view! {
        <div class="match" data-testid="match">
            <ListingCardView listing=found.listing/>
            <div class="match-why">
                <p class="match-score">{tr(|t| t.match_score)}" "<strong>{format!("{score:.1}")}</strong></p>
                <ReasonChips reasons=found.reasons/>
                {ask.then(|| {
                    // A refused ask comes back to its own match: open, refilled, with the error.
                    let input = invalid_input(use_form_error("/ask_introduction").as_ref());
                    let refused = input.value_of("match_id") == Some(match_id.to_string().as_str());
                    let message = refused.then(|| input.value_of("message").unwrap_or_default().to_owned());
                    let code = refused.then(|| input.errors.first().map(|e| e.code.clone())).flatten();
                    view! {
                        <details class="match-ask" open=refused>
                            <summary>{tr(|t| t.intro_ask)}</summary>
                            <form method="post" action="/api/ask_introduction" data-testid="ask-introduction">
                                <input type="hidden" name="listing_id" value=listing_id/>
                                <input type="hidden" name="match_id" value=match_id/>
                                <label for=format!("ask-{match_id}")>{tr(|t| t.intro_ask_message)}</label>
                                <textarea id=format!("ask-{match_id}") name="message" rows="3" minlength="10"
                                    maxlength=crate::domain::introductions::MESSAGE_CHARS required=true
                                    aria-invalid=code.is_some().then_some("true")>{message}</textarea>
                                {match code {
                                    Some(code) => view! { <p class="field-error" role="alert" data-testid="ask-error">{move || field_error_text(i18n.t(), &code)}</p> }.into_any(),
                                    None => view! { <p class="field-hint">{tr(|t| t.intro_ask_hint)}</p> }.into_any(),
                                }}
                                <button type="submit" class="button button-primary button-small">{tr(|t| t.intro_ask_submit)}</button>
                            </form>
                        </details>
                    }
                })}
                {member.then(|| view! {
                    <details class="match-hide">
                        <summary>{tr(|t| t.match_hide)}</summary>
                        <form method="post" action="/api/hide_match">
                            <input type="hidden" name="listing_id" value=listing_id/>
                            <input type="hidden" name="match_id" value=match_id/>
                            <input type="hidden" name="next" value=next/>
                            <fieldset class="match-hide-reasons">
                                <legend>{tr(|t| t.match_hide_why)}</legend>
                                {HIDE_REASONS.into_iter().enumerate().map(|(i, code)| view! {
                                    <label class="check">
                                        <input type="radio" name="reason" value=code checked=i == 0/>
                                        " "{move || hide_reason_label(i18n.t(), code)}
                                    </label>
                                }).collect_view()}
                            </fieldset>
                            <button type="submit" class="button button-ghost">{tr(|t| t.match_hide_submit)}</button>
                        </form>
                    </details>
                })}
            </div>
        </div>
    }
}
