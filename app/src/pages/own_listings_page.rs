//! `/account/listings`: the member's offers and requests in every state, with what can be done to
//! each; `/account/listings/new` and `/account/listings/{id}/edit`: the listing form.

use super::PageRoute;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::{get_listing_draft, get_listing_editor, get_own_listings};
use crate::components::cards::{
    condition_label, ip_kind_label, listing_status_label, listing_type_label, province_name,
    sector_name, transfer_mode_label,
};
use crate::components::form::{
    Field, FieldSpec, FormAlert, SelectField, TextAreaField, invalid_input, use_form_error,
};
use crate::components::matches::ReasonChips;
use crate::domain::{
    CONDITIONS, Email, IP_KINDS, KINDS, LISTING_TYPES, PROVINCES, SECTORS, format_vietnam_datetime,
    listing_limits as limits,
};
use crate::error::{AppError, InvalidInput};
use crate::i18n::{Messages, tr, use_i18n};
use crate::model::{IncompleteDraft, ListingEditor, OwnListing, OwnListings};

/// The member's listings.
pub struct OwnListingsRoute {
    data: Resource<Result<OwnListings, AppError>>,
}

impl PageRoute for OwnListingsRoute {
    fn data() -> Self {
        Self {
            data: Resource::new(|| (), |_| get_own_listings()),
        }
    }

    fn view(this: Self) -> AnyView {
        view! {
            <Title text=tr(|t| t.own_listings_title)/>
            {super::member_view(this.data, "/account/listings", |own| view! { <OwnListingsView own/> })}
        }
        .into_any()
    }
}

#[component]
fn OwnListingsView(own: OwnListings) -> impl IntoView {
    let OwnListings { drafts, listings } = own;
    let done: Option<fn(&Messages) -> &'static str> =
        match use_query_map().read_untracked().get("done").as_deref() {
            Some("submitted" | "submit") => Some(|t| t.done_listing_submitted),
            Some("drafted") => Some(|t| t.done_listing_drafted),
            Some("draft_kept") => Some(|t| t.done_draft_kept),
            Some("draft_deleted") => Some(|t| t.done_draft_deleted),
            Some("renew") => Some(|t| t.done_listing_renewed),
            Some("close_sold" | "close_withdrawn") => Some(|t| t.done_listing_closed),
            Some("auction_submitted") => Some(|t| t.done_auction_submitted),
            _ => None,
        };
    let error = use_form_error("/listing_action");
    let has_drafts = !drafts.is_empty();
    view! {
        <div class="container page">
            <header class="page-header page-header-actions">
                <div>
                    <h1>{tr(|t| t.own_listings_title)}</h1>
                    <p class="lead">{tr(|t| t.own_listings_lead)}</p>
                </div>
                <a class="button button-primary" href="/account/listings/new">{tr(|t| t.post_listing)}</a>
            </header>
            {done.map(|message| view! { <p class="notice notice-success" role="status">{tr(message)}</p> })}
            <FormAlert error banner_fields=&["action"]/>
            {has_drafts.then(|| view! {
                <section class="incomplete-drafts" aria-labelledby="incomplete-drafts-title">
                    <h2 id="incomplete-drafts-title" class="moderation-heading">{tr(|t| t.incomplete_drafts_title)}</h2>
                    <ul class="own-stalls">
                        {drafts.into_iter().map(|draft| view! { <IncompleteDraftLine draft/> }).collect_view()}
                    </ul>
                </section>
            })}
            {if listings.is_empty() && !has_drafts {
                view! { <p class="empty">{tr(|t| t.own_listings_empty)}</p> }.into_any()
            } else {
                view! {
                    <ul class="own-stalls">
                        {listings.into_iter().map(|listing| view! { <OwnListingLine listing/> }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
        </div>
    }
}

/// A new listing saved before it was complete: how much is left, continue or throw it away.
#[component]
fn IncompleteDraftLine(draft: IncompleteDraft) -> impl IntoView {
    let i18n = use_i18n();
    let IncompleteDraft {
        id,
        title,
        kind,
        updated_at,
        problems,
    } = draft;
    let kind_label = move || match kind.as_str() {
        "offer" => i18n.t().kind_offer,
        "request" => i18n.t().kind_request,
        _ => "",
    };
    view! {
        <li class="panel own-stall" data-testid="incomplete-draft">
            <div class="own-stall-head">
                <h3>{title}</h3>
                <span class="badge badge-status-draft">{tr(|t| t.draft_incomplete_badge)}</span>
            </div>
            <p class="muted">
                {kind_label}" · "{tr(|t| t.draft_saved_label)}" "{format_vietnam_datetime(updated_at)}
                " · "<strong>{move || i18n.locale().format_count(problems as i64)}</strong>" "{tr(|t| t.draft_problems_label)}
            </p>
            <div class="own-stall-actions">
                <a class="button button-primary button-small" href=format!("/account/listings/drafts/{id}")>{tr(|t| t.continue_draft)}</a>
                <form class="inline-form" method="post" action="/api/delete_listing_draft">
                    <input type="hidden" name="id" value=id/>
                    <button type="submit" class="button button-ghost button-small">{tr(|t| t.delete_draft)}</button>
                </form>
            </div>
        </li>
    }
}

/// One button posting `action` for listing `id`.
#[component]
fn ActionButton(
    id: i64,
    action: &'static str,
    label: fn(&Messages) -> &'static str,
) -> impl IntoView {
    view! {
        <form class="inline-form" method="post" action="/api/listing_action">
            <input type="hidden" name="id" value=id/>
            <input type="hidden" name="action" value=action/>
            <button type="submit" class="button button-ghost button-small">{tr(label)}</button>
        </form>
    }
}

#[component]
fn OwnListingLine(listing: OwnListing) -> impl IntoView {
    let i18n = use_i18n();
    let OwnListing {
        id,
        slug,
        kind,
        title,
        status,
        rejection_reason,
        close_reason,
        expires_at,
        created_at,
        stall_name,
        auction,
        matches,
    } = listing;
    let auctionable = kind == "offer" && status == "published";
    let kind_is_offer = kind == "offer";
    let auction_link = match auction {
        Some((auction_id, auction_status)) if auction_status != "cancelled" => {
            let label = move || {
                let t = i18n.t();
                let state = match auction_status.as_str() {
                    "pending" => t.auction_status_pending,
                    "closed" => t.auction_status_closed,
                    _ => t.auction_status_running,
                };
                format!("{} · {state}", t.nav_auctions)
            };
            Some(view! {
                <a class="button button-ghost button-small" href=format!("/auctions/{auction_id}") data-testid="own-auction-link">{label}</a>
            }.into_any())
        }
        Some(_) if auctionable => Some(view! {
            <a class="button button-ghost button-small" href=format!("/account/listings/{id}/auction") data-testid="put-up-for-auction">{tr(|t| t.auction_resubmit)}</a>
        }.into_any()),
        None if auctionable => Some(view! {
            <a class="button button-ghost button-small" href=format!("/account/listings/{id}/auction") data-testid="put-up-for-auction">{tr(|t| t.put_up_for_auction)}</a>
        }.into_any()),
        _ => None,
    };
    let badge_class = format!("badge badge-status-{status}");
    let status_text = {
        let (status, close_reason) = (status.clone(), close_reason.clone());
        move || {
            let t = i18n.t();
            let label = listing_status_label(t, &status);
            match close_reason.as_deref() {
                Some("sold") if status == "closed" => format!("{label} ({})", t.closed_sold),
                Some("withdrawn") if status == "closed" => {
                    format!("{label} ({})", t.closed_withdrawn)
                }
                _ => label.to_owned(),
            }
        }
    };
    let kind_label = move || {
        if kind == "offer" {
            i18n.t().kind_offer
        } else {
            i18n.t().kind_request
        }
    };
    let who = stall_name.unwrap_or_default();
    let editable = !matches!(status.as_str(), "closed" | "expired");
    let (submit, renew, sold, withdraw) = (
        matches!(status.as_str(), "draft" | "rejected"),
        matches!(status.as_str(), "published" | "expired"),
        matches!(status.as_str(), "published" | "expired"),
        status != "closed",
    );
    view! {
        <li class="panel own-stall" data-testid="own-listing">
            <div class="own-stall-head">
                <h2>{title}</h2>
                <span class=badge_class data-testid="listing-status">{status_text}</span>
            </div>
            <p class="muted">
                {kind_label}
                {(!who.is_empty()).then(|| format!(" · {who}"))}
                " · "{format_vietnam_datetime(created_at)}
                {expires_at.filter(|_| status == "published").map(|at| view! { " · "{tr(|t| t.spec_expires)}" "{format_vietnam_datetime(at - 60_000)} })}
            </p>
            {rejection_reason.filter(|_| status == "rejected").map(|reason| view! {
                <p class="notice notice-error own-stall-reason"><strong>{tr(|t| t.rejection_reason_label)}</strong>" "{reason}</p>
            })}
            {(!matches.is_empty()).then(|| view! {
                <div class="own-matches" data-testid="own-matches">
                    <p class="connect-label">{if kind_is_offer { tr(|t| t.matches_for_offer) } else { tr(|t| t.matches_for_request) }}</p>
                    <ul>
                        {matches.into_iter().map(|m| view! {
                            <li>
                                <a href=format!("/listings/{}", m.listing.slug)>{m.listing.title.clone()}</a>
                                " "<span class="reason-chip">{tr(|t| t.match_score)}" "{format!("{:.1}", m.score)}</span>
                                <ReasonChips reasons=m.reasons.into_iter().take(3).collect()/>
                            </li>
                        }).collect_view()}
                    </ul>
                </div>
            })}
            <div class="own-stall-actions">
                {editable.then(|| view! {
                    <a class="button button-ghost button-small" href=format!("/account/listings/{id}/edit")>{tr(|t| t.edit)}</a>
                    <a class="button button-ghost button-small" href=format!("/account/listings/{id}/images")>{tr(|t| t.images_title)}</a>
                })}
                {(status == "published").then(|| view! {
                    <a class="button button-ghost button-small" href=format!("/listings/{slug}")>{tr(|t| t.view_public)}</a>
                })}
                {auction_link}
                {submit.then(|| view! { <ActionButton id action="submit" label=|t| t.action_submit/> })}
                {renew.then(|| view! { <ActionButton id action="renew" label=|t| t.action_renew/> })}
                {sold.then(|| view! { <ActionButton id action="close_sold" label=|t| t.action_close_sold/> })}
                {withdraw.then(|| view! { <ActionButton id action="close_withdrawn" label=|t| t.action_close_withdrawn/> })}
            </div>
        </li>
    }
}

member_route!(
    /// `/account/listings/new` (`id` 0) and `/account/listings/{id}/edit`.
    ListingEditorRoute: ListingEditor = get_listing_editor,
    next "/account/listings/new",
    |editor| view! { <ListingFormView editor/> }
);

member_route!(
    /// `/account/listings/drafts/{id}`: the form refilled from an incomplete draft.
    ListingDraftRoute: ListingEditor = get_listing_draft,
    next "/account/listings",
    |editor| view! { <ListingFormView editor/> }
);

const KIND: FieldSpec = FieldSpec::text("kind", |t| t.field_kind, 0, 10);
const TYPE: FieldSpec = FieldSpec::text("listing_type", |t| t.field_listing_type, 0, 20);
const TITLE: FieldSpec =
    FieldSpec::text("title", |t| t.field_title, limits::TITLE.0, limits::TITLE.1);
const SUMMARY: FieldSpec = FieldSpec::text(
    "summary",
    |t| t.field_summary,
    limits::SUMMARY.0,
    limits::SUMMARY.1,
)
.with_hint(|t| t.field_summary_hint);
const DESCRIPTION: FieldSpec = FieldSpec::text(
    "description",
    |t| t.field_description,
    limits::DESCRIPTION.0,
    limits::DESCRIPTION.1,
)
.with_hint(|t| t.field_description_hint);
const SECTOR: FieldSpec = FieldSpec::text("sector_code", |t| t.field_sector, 0, 40);
const PROVINCE: FieldSpec = FieldSpec::text("province_code", |t| t.field_province, 0, 40);
const PRICE: FieldSpec =
    FieldSpec::text("price_vnd", |t| t.field_price, 0, 30).with_hint(|t| t.field_price_hint);
const BUDGET_MIN: FieldSpec = FieldSpec::text("budget_min_vnd", |t| t.field_budget_min, 0, 30);
const BUDGET_MAX: FieldSpec = FieldSpec::text("budget_max_vnd", |t| t.field_budget_max, 0, 30)
    .with_hint(|t| t.field_budget_hint);
const QUANTITY: FieldSpec = FieldSpec::text("quantity", |t| t.field_quantity, 0, 14);
const UNIT: FieldSpec = FieldSpec::text("unit", |t| t.field_unit, 0, limits::UNIT.1);
const CONDITION: FieldSpec = FieldSpec::text("condition", |t| t.field_condition, 0, 10);
const ORIGIN: FieldSpec = FieldSpec::text(
    "origin_country",
    |t| t.field_origin,
    0,
    limits::SHORT_TEXT.1,
);
const MANUFACTURER: FieldSpec = FieldSpec::text(
    "manufacturer",
    |t| t.field_manufacturer,
    0,
    limits::SHORT_TEXT.1,
);
const WARRANTY: FieldSpec =
    FieldSpec::text("warranty", |t| t.field_warranty, 0, limits::SHORT_TEXT.1);
const TRL: FieldSpec = FieldSpec::text("trl", |t| t.field_trl, 0, 1).of_kind("number");
const IP_KIND: FieldSpec = FieldSpec::text("ip_kind", |t| t.field_ip_kind, 0, 20);
const IP_NUMBER: FieldSpec =
    FieldSpec::text("ip_number", |t| t.field_ip_number, 0, limits::IP_NUMBER.1);
const CERTIFICATIONS: FieldSpec =
    FieldSpec::text("certifications", |t| t.field_certifications, 0, 400)
        .with_hint(|t| t.stall_field_certifications_hint);
const EXPIRES_ON: FieldSpec = FieldSpec::text("expires_on", |t| t.field_expires_on, 0, 10)
    .of_kind("date")
    .with_hint(|t| t.field_expires_on_hint);
const SELLER_NAME: FieldSpec = FieldSpec::text(
    "seller_name",
    |t| t.field_seller_name,
    0,
    limits::SELLER_NAME.1,
)
.autocomplete("name")
.with_hint(|t| t.field_seller_hint);
const SELLER_PHONE: FieldSpec = FieldSpec::text("seller_phone", |t| t.field_seller_phone, 0, 20)
    .of_kind("tel")
    .autocomplete("tel");
const SELLER_EMAIL: FieldSpec =
    FieldSpec::text("seller_email", |t| t.field_seller_email, 0, Email::MAX_LEN)
        .of_kind("email")
        .autocomplete("email");

/// A check box refilled from what was submitted (`on`).
#[component]
fn CheckField(
    name: &'static str,
    label: fn(&Messages) -> &'static str,
    input: InvalidInput,
) -> impl IntoView {
    let checked = input.value_of(name) == Some("on");
    let id = format!("field-{name}");
    let label_for = id.clone();
    view! {
        <label class="check" for=label_for>
            <input type="checkbox" id=id name=name checked=checked/>
            " "{tr(label)}
        </label>
    }
}

#[component]
fn ListingFormView(mut editor: ListingEditor) -> impl IntoView {
    let i18n = use_i18n();
    let error = use_form_error("/save_listing");
    if editor.id == 0 && editor.draft_id == 0 {
        // A new listing may start from a search that found nothing: "post a request to buy"
        // carries its kind and words.
        let query = use_query_map();
        let query = query.read_untracked();
        if let Some(kind) = query
            .get("kind")
            .filter(|k| crate::domain::KINDS.contains(&k.as_str()))
        {
            editor.form.kind = kind;
        }
        if let Some(title) = query.get("title") {
            editor.form.title = title.chars().take(limits::TITLE.1).collect();
        }
    }
    // After a refused post, what was posted; else the stored form, with what an incomplete
    // draft still lacks marked.
    let input = match &error {
        Some(_) => invalid_input(error.as_ref()),
        None => InvalidInput::new(editor.draft_problems.clone(), &editor.form.typed()),
    };
    let incomplete = editor.draft_id != 0;
    let is_new = editor.id == 0;
    let title: fn(&Messages) -> &'static str = if is_new {
        |t| t.new_listing_title
    } else {
        |t| t.edit_listing_title
    };
    let status_note = match editor.status.as_str() {
        "published" | "pending" => Some(view! { <p class="notice">{tr(|t| t.listing_published_note)}</p> }.into_any()),
        "rejected" => Some(
            view! {
                <div class="notice notice-error">
                    <p><strong>{tr(|t| t.rejection_reason_label)}</strong>" "{editor.rejection_reason.clone()}</p>
                    <p>{tr(|t| t.listing_rejected_note)}</p>
                </div>
            }
            .into_any(),
        ),
        _ => None,
    };
    let stall_choice = input.value_of("stall_id").unwrap_or_default().to_owned();
    let stall_error = input.error_for("stall_id").map(str::to_owned);
    let stall_invalid = stall_error.is_some();
    let stalls = editor.stalls.clone();
    let draftable = is_new || editor.status == "draft";
    view! {
        <Title text=tr(title)/>
        <div class="container page page-form">
            <nav class="breadcrumb" aria-label=tr(|t| t.breadcrumb)>
                <a href="/account">{tr(|t| t.nav_account)}</a>
                <span aria-hidden="true">" › "</span>
                <a href="/account/listings">{tr(|t| t.nav_my_listings)}</a>
            </nav>
            <header class="page-header">
                <h1>{tr(title)}</h1>
                {is_new.then(|| view! { <p class="lead">{tr(|t| t.new_listing_lead)}</p> })}
            </header>
            {status_note}
            {incomplete.then(|| view! { <p class="notice" data-testid="draft-incomplete-note">{tr(|t| t.draft_incomplete_note)}</p> })}
            <FormAlert error/>
            <form class="form listing-form" method="post" action="/api/save_listing">
                <input type="hidden" name="id" value=editor.id/>
                {incomplete.then(|| view! { <input type="hidden" name="draft_id" value=editor.draft_id/> })}
                <fieldset class="form-columns">
                    <legend>{tr(|t| t.section_basics)}</legend>
                    <SelectField spec=KIND input=input.clone() values=KINDS.to_vec()
                        label_of=|t, _, code| if code == "offer" { t.kind_offer } else { t.kind_request }/>
                    <SelectField spec=TYPE input=input.clone() values=LISTING_TYPES.to_vec()
                        label_of=|t, _, code| listing_type_label(t, code)/>
                    <div class="field form-wide" class:field-invalid=stall_invalid>
                        <label for="field-stall_id">{tr(|t| t.field_stall)}</label>
                        <select id="field-stall_id" name="stall_id">
                            <option value="" selected=stall_choice.is_empty()>{tr(|t| t.independent_option)}</option>
                            {stalls.into_iter().map(|(id, name)| {
                                let value = id.to_string();
                                let selected = value == stall_choice;
                                view! { <option value=value selected=selected>{name}</option> }
                            }).collect_view()}
                        </select>
                        {stall_error.map(|code| view! {
                            <p class="field-error">{move || crate::components::form::field_error_text(i18n.t(), &code)}</p>
                        })}
                    </div>
                    <div class="form-wide"><Field spec=TITLE input=input.clone()/></div>
                    <div class="form-wide"><Field spec=SUMMARY input=input.clone()/></div>
                    <div class="form-wide"><TextAreaField spec=DESCRIPTION input=input.clone() rows=10/></div>
                    <SelectField spec=SECTOR input=input.clone() values=SECTORS.iter().map(|s| s.code).collect()
                        label_of=|_, locale, code| sector_name(locale, code)/>
                    <SelectField spec=PROVINCE input=input.clone() values=PROVINCES.iter().map(|p| p.code).collect()
                        label_of=|_, locale, code| province_name(locale, code)/>
                </fieldset>
                <fieldset class="form-columns">
                    <legend>{tr(|t| t.section_price)}</legend>
                    <Field spec=PRICE input=input.clone() optional=true/>
                    <div class="field field-check"><CheckField name="negotiable" label=|t| t.field_negotiable input=input.clone()/></div>
                    <Field spec=BUDGET_MIN input=input.clone() optional=true/>
                    <Field spec=BUDGET_MAX input=input.clone() optional=true/>
                    <Field spec=QUANTITY input=input.clone() optional=true/>
                    <Field spec=UNIT input=input.clone() optional=true/>
                </fieldset>
                <fieldset class="form-columns">
                    <legend>{tr(|t| t.section_details)}</legend>
                    <OptionalSelect spec=CONDITION input=input.clone() values=CONDITIONS.to_vec() label_of=|t, _, code| condition_label(t, code)/>
                    <Field spec=ORIGIN input=input.clone() optional=true/>
                    <Field spec=MANUFACTURER input=input.clone() optional=true/>
                    <Field spec=WARRANTY input=input.clone() optional=true/>
                    <div class="form-wide"><Field spec=CERTIFICATIONS input=input.clone() optional=true/></div>
                    <Field spec=EXPIRES_ON input=input.clone() optional=true/>
                </fieldset>
                <fieldset class="form-columns">
                    <legend>{tr(|t| t.section_technology)}</legend>
                    <Field spec=TRL input=input.clone() optional=true/>
                    <OptionalSelect spec=IP_KIND input=input.clone() values=IP_KINDS.to_vec() label_of=|t, _, code| ip_kind_label(t, code)/>
                    <Field spec=IP_NUMBER input=input.clone() optional=true/>
                    <div class="field form-wide">
                        <span class="field-label">{tr(|t| t.field_transfer)}</span>
                        <div class="checks">
                            {[("transfer_sale", "sale"), ("transfer_licence", "licence"), ("transfer_joint_venture", "joint_venture"), ("transfer_consulting", "consulting")]
                                .into_iter()
                                .map(|(name, code)| {
                                    let checked = input.value_of(name) == Some("on");
                                    let id = format!("field-{name}");
                                    let label_for = id.clone();
                                    view! {
                                        <label class="check" for=label_for>
                                            <input type="checkbox" id=id name=name checked=checked/>
                                            " "{move || transfer_mode_label(i18n.t(), code)}
                                        </label>
                                    }
                                })
                                .collect_view()}
                        </div>
                    </div>
                </fieldset>
                <fieldset class="form-columns">
                    <legend>{tr(|t| t.section_seller)}</legend>
                    <div class="form-wide"><Field spec=SELLER_NAME input=input.clone() optional=true/></div>
                    <Field spec=SELLER_PHONE input=input.clone() optional=true/>
                    <Field spec=SELLER_EMAIL input optional=true/>
                </fieldset>
                <div class="form-actions">
                    <button type="submit" name="then" value="review" class="button button-primary button-large">{tr(|t| t.send_for_review)}</button>
                    {draftable.then(|| view! {
                        <button type="submit" name="then" value="draft" class="button button-ghost button-large">{tr(|t| t.save_draft)}</button>
                    })}
                    <a class="button button-ghost button-large" href="/account/listings">{tr(|t| t.cancel)}</a>
                </div>
            </form>
        </div>
    }
}

/// A `<select>` whose first choice is "not said" (empty), for optional details.
#[component]
fn OptionalSelect(
    spec: FieldSpec,
    input: InvalidInput,
    values: Vec<&'static str>,
    label_of: crate::components::form::ChoiceLabel,
) -> impl IntoView {
    let i18n = use_i18n();
    let current = input.value_of(spec.name).unwrap_or_default().to_owned();
    let id = format!("field-{}", spec.name);
    let error = input.error_for(spec.name).map(str::to_owned);
    let invalid = error.is_some();
    view! {
        <div class="field" class:field-invalid=invalid>
            <label for=id.clone()>{tr(spec.label)}</label>
            <select id=id name=spec.name>
                <option value="" selected=current.is_empty()>{tr(|t| t.not_said)}</option>
                {values.into_iter().filter(|v| !v.is_empty()).map(|value| view! {
                    <option value=value selected=current == value>{move || label_of(i18n.t(), i18n.locale(), value)}</option>
                }).collect_view()}
            </select>
            {error.map(|code| view! { <p class="field-error">{move || crate::components::form::field_error_text(i18n.t(), &code)}</p> })}
        </div>
    }
}
