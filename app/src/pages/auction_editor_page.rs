//! `/account/listings/{id}/auction`: putting one of the member's published offers up for
//! auction. The seller sets the rules; a moderator approves the auction before it opens.

use super::PageRoute;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::get_auction_editor;
use crate::components::form::{Field, FieldSpec, FormAlert, invalid_input, use_form_error};
use crate::domain::auction_setup::limits;
use crate::error::{AppError, InvalidInput};
use crate::i18n::{tr, use_i18n};
use crate::model::AuctionEditor;

member_route!(
    /// The auction form of one of the member's offers.
    AuctionEditorRoute: AuctionEditor = get_auction_editor,
    next "/account/listings",
    |editor| view! { <AuctionEditorView editor/> }
);

const STARTING_PRICE: FieldSpec =
    FieldSpec::text("starting_price", |t| t.field_starting_price, 0, 24)
        .with_hint(|t| t.field_starting_price_hint);
const STEP: FieldSpec =
    FieldSpec::text("step", |t| t.field_step, 0, 24).with_hint(|t| t.field_step_hint);
const RESERVE: FieldSpec =
    FieldSpec::text("reserve", |t| t.field_reserve, 0, 24).with_hint(|t| t.field_reserve_hint);
const BUY_NOW: FieldSpec =
    FieldSpec::text("buy_now", |t| t.field_buy_now, 0, 24).with_hint(|t| t.field_buy_now_hint);
const STARTS_AT: FieldSpec = FieldSpec::text("starts_at", |t| t.field_starts_at, 0, 20)
    .of_kind("datetime-local")
    .with_hint(|t| t.field_times_hint);
const ENDS_AT: FieldSpec = FieldSpec::text("ends_at", |t| t.field_ends_at, 0, 20)
    .of_kind("datetime-local")
    .with_hint(|t| t.field_ends_at_hint);
const SOFT_CLOSE: FieldSpec = FieldSpec::text("soft_close_minutes", |t| t.field_soft_close, 0, 3)
    .of_kind("number")
    .with_hint(|t| t.field_soft_close_hint);
const DEPOSIT: FieldSpec =
    FieldSpec::text("deposit", |t| t.field_deposit, 0, 24).with_hint(|t| t.field_deposit_hint);

#[component]
fn AuctionEditorView(editor: AuctionEditor) -> impl IntoView {
    let i18n = use_i18n();
    let error = use_form_error("/submit_auction");
    // After a refused post, what was posted; else the stored or suggested rules.
    let input = match &error {
        Some(_) => invalid_input(error.as_ref()),
        None => {
            let f = &editor.form;
            InvalidInput::new(
                Vec::new(),
                &[
                    ("starting_price", f.starting_price.as_str()),
                    ("step", f.step.as_str()),
                    ("reserve", f.reserve.as_str()),
                    ("buy_now", f.buy_now.as_str()),
                    ("starts_at", f.starts_at.as_str()),
                    ("ends_at", f.ends_at.as_str()),
                    ("soft_close_minutes", f.soft_close_minutes.as_str()),
                    (
                        "requires_approval",
                        f.requires_approval.as_deref().unwrap_or_default(),
                    ),
                    ("deposit", f.deposit.as_str()),
                ],
            )
        }
    };
    let approval = matches!(
        input.value_of("requires_approval"),
        Some("yes" | "on" | "true")
    );
    let listing_href = format!("/listings/{}", editor.listing_slug);
    let asking = editor.price_vnd.map(|price| {
        view! {
            <p class="muted">{tr(|t| t.auction_setup_asking)}" "<strong>{move || i18n.locale().format_vnd(price)}</strong></p>
        }
    });
    let body = match (&editor.existing, editor.listing_status.as_str()) {
        (Some((id, _)), _) => view! {
            <p class="notice" data-testid="auction-exists">
                {tr(|t| t.auction_setup_exists)}" "
                <a href=format!("/auctions/{id}")>{tr(|t| t.auction_open_page)}</a>
            </p>
        }
        .into_any(),
        (None, status) if status != "published" => view! {
            <p class="notice notice-error" data-testid="auction-not-published">{tr(|t| t.auction_setup_not_published)}</p>
        }
        .into_any(),
        (None, _) => view! {
            {editor.rejection_reason.clone().map(|reason| view! {
                <div class="notice notice-error" data-testid="auction-refused">
                    <p><strong>{tr(|t| t.rejection_reason_label)}</strong>" "{reason}</p>
                    <p>{tr(|t| t.auction_setup_refused)}</p>
                </div>
            })}
            <FormAlert error banner_fields=&["listing_id"]/>
            <form class="form listing-form auction-form" method="post" action="/api/submit_auction">
                <input type="hidden" name="listing_id" value=editor.listing_id/>
                <fieldset class="form-columns">
                    <legend>{tr(|t| t.auction_setup_prices)}</legend>
                    <div class="form-wide">
                        <Field spec=STARTING_PRICE input=input.clone()/>
                        {asking}
                    </div>
                    <Field spec=STEP input=input.clone() optional=true/>
                    <Field spec=RESERVE input=input.clone() optional=true/>
                    <Field spec=BUY_NOW input=input.clone() optional=true/>
                </fieldset>
                <fieldset class="form-columns">
                    <legend>{tr(|t| t.auction_setup_time)}</legend>
                    <Field spec=STARTS_AT input=input.clone()/>
                    <Field spec=ENDS_AT input=input.clone()/>
                    <Field spec=SOFT_CLOSE input=input.clone() optional=true/>
                </fieldset>
                <fieldset class="form-columns">
                    <legend>{tr(|t| t.auction_setup_bidders)}</legend>
                    <div class="field field-check form-wide">
                        <label class="check" for="field-requires_approval">
                            <input type="checkbox" id="field-requires_approval" name="requires_approval" value="yes" checked=approval/>
                            " "{tr(|t| t.field_requires_approval)}
                        </label>
                        <p class="field-hint">{tr(|t| t.field_requires_approval_hint)}</p>
                    </div>
                    <Field spec=DEPOSIT input=input.clone() optional=true/>
                </fieldset>
                <div class="form-actions">
                    <button type="submit" class="button button-primary" data-testid="submit-auction">{tr(|t| t.auction_submit)}</button>
                    <a class="button button-ghost" href="/account/listings">{tr(|t| t.bidding.cancel)}</a>
                </div>
            </form>
        }
        .into_any(),
    };
    let limits_note = move || {
        i18n.t()
            .auction_setup_lead
            .replace("{min}", &(limits::MIN_DURATION_MS / 3_600_000).to_string())
            .replace("{max}", &(limits::MAX_DURATION_MS / 86_400_000).to_string())
    };
    view! {
        <Title text=format!("{} · {}", i18n.t().auction_setup_title, editor.title)/>
        <div class="container page page-form" data-testid="auction-editor">
            <nav class="breadcrumb" aria-label=tr(|t| t.breadcrumb)>
                <a href="/account">{tr(|t| t.nav_account)}</a>
                <span aria-hidden="true">" › "</span>
                <a href="/account/listings">{tr(|t| t.nav_my_listings)}</a>
            </nav>
            <header class="page-header">
                <h1>{tr(|t| t.auction_setup_title)}</h1>
                <p class="lead"><a href=listing_href>{editor.title.clone()}</a></p>
                <p class="muted">{limits_note}</p>
            </header>
            {body}
        </div>
    }
}
