//! `/auctions/{id}`: an auction's bidding page.
//!
//! The server renders it whole, so it works without JavaScript: bidding is a plain form, and a
//! reload shows the latest state. What changes while the page is open — the price, the history,
//! the countdown, the viewer's standing and the bid forms — are islands
//! (`crate::islands::auction`) inside [`LiveAuction`], which follows the auction's live stream
//! once hydrated; the rest of the page is plain HTML.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

use super::{LoadError, PageRoute};
use crate::api::get_auction;
use crate::components::form::{Field, FieldSpec, invalid_input, use_form_error};
use crate::domain::auction_setup::limits as auction_limits;
use crate::error::AppError;
use crate::i18n::{tr, use_i18n};
use crate::islands::auction::{BidHistory, BidPanel, LiveAuction, LiveBadge};
use crate::model::AuctionPage;
use crate::pages::not_found_page::NotFoundPage;

/// The bidding page.
pub struct AuctionRoute {
    data: Resource<Result<AuctionPage, AppError>>,
}

impl PageRoute for AuctionRoute {
    fn data() -> Self {
        let id = super::use_id_param();
        Self {
            data: Resource::new(move || id.get(), get_auction),
        }
    }

    fn view(this: Self) -> AnyView {
        let data = this.data;
        view! {
            <Suspense fallback=move || view! { <p class="container page loading">{tr(|t| t.loading)}</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(page) => view! { <AuctionView page/> }.into_any(),
                        Err(AppError::NotFound | AppError::BadRequest(_)) => view! { <NotFoundPage/> }.into_any(),
                        Err(error) => view! { <div class="container page"><LoadError error/></div> }.into_any(),
                    }
                })}
            </Suspense>
        }
        .into_any()
    }
}

#[component]
fn AuctionView(page: AuctionPage) -> impl IntoView {
    let i18n = use_i18n();
    let AuctionPage {
        live,
        listing_slug,
        title,
        summary,
        image_url,
        seller,
        stall_slug,
        starting_price,
        watchers,
        viewer,
        requires_approval,
        deposit,
    } = page;
    let id = live.id;
    let needs_registration =
        requires_approval && viewer.registration.as_deref() != Some("approved");
    let registration = requires_approval.then(|| {
        view! {
            <RegistrationBox id deposit=deposit.unwrap_or_default()
                registration=viewer.registration.clone() refusal_reason=viewer.refusal_reason.clone()
                logged_in=viewer.logged_in is_seller=viewer.is_seller/>
        }
    });
    let listing_href = format!("/listings/{listing_slug}");
    view! {
        <Title text=format!("{} · {}", i18n.t().nav_auctions, title)/>
        <Meta name="description" content=summary.clone()/>
        <LiveAuction live viewer watchers starting_price needs_registration locale=i18n.locale()
            refused=use_form_error("/place_bid")>
            <div class="container page auction-page" data-testid="auction-page" data-auction=id>
                <nav class="breadcrumb" aria-label=tr(|t| t.breadcrumb)>
                    <a href="/auctions">{tr(|t| t.nav_auctions)}</a>" › "<span>{title.clone()}</span>
                </nav>
                <header class="auction-header">
                    <p class="card-eyebrow">
                        <span class="tag tag-live">{tr(|t| t.auction_eyebrow)}</span>
                        <LiveBadge/>
                    </p>
                    <h1 class="listing-title">{title.clone()}</h1>
                    <p class="lead">{summary}</p>
                    <p class="auction-seller">
                        <span class="muted">{tr(|t| t.auction_seller)}": "</span>
                        {match stall_slug {
                            Some(slug) => view! { <a href=format!("/stalls/{slug}")>{seller}</a> }.into_any(),
                            None => view! { <span>{seller}</span> }.into_any(),
                        }}
                        " · "<a href=listing_href.clone()>{tr(|t| t.auction_see_listing)}</a>
                    </p>
                </header>
                <div class="listing-layout auction-layout">
                    <div class="auction-main">
                        {image_url.map(|src| view! {
                            <a class="auction-image" href=listing_href.clone()>
                                <img src=src alt=title.clone() width="480" height="360" fetchpriority="high"/>
                            </a>
                        })}
                        <BidHistory/>
                    </div>
                    <aside class="auction-side">
                        <BidPanel registration=requires_approval>{registration}</BidPanel>
                    </aside>
                </div>
            </div>
        </LiveAuction>
    }
}

const DEPOSIT_REF: FieldSpec = FieldSpec::text(
    "deposit_ref",
    |t| t.field_deposit_ref,
    auction_limits::DEPOSIT_REF.0,
    auction_limits::DEPOSIT_REF.1,
)
.with_hint(|t| t.field_deposit_ref_hint);
const PHONE: FieldSpec = FieldSpec::text("phone", |t| t.field_bidder_phone, 8, 20)
    .of_kind("tel")
    .autocomplete("tel");

/// On an auction that admits approved bidders only: the deposit it asks for and where the
/// viewer stands — the registration form, waiting for a moderator, refused (with why, and the
/// form again) or approved. The bid panel shows it while the auction is upcoming or open.
#[component]
fn RegistrationBox(
    id: i64,
    deposit: i64,
    registration: Option<String>,
    refusal_reason: Option<String>,
    logged_in: bool,
    is_seller: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = use_form_error("/register_bidder");
    let input = invalid_input(error.as_ref());
    let done = use_query_map().read_untracked().get("done").as_deref() == Some("registered");
    let t = i18n.t();
    let intro = t
        .auction_register_lead
        .replace("{deposit}", &i18n.locale().format_vnd(deposit));
    let state = match registration.as_deref() {
        _ if !logged_in || is_seller => None,
        Some("approved") => Some(view! {
            <p class="notice notice-success" data-testid="registration-approved">{t.auction_registration_approved}</p>
        }.into_any()),
        Some("pending") => Some(view! {
            <p class="notice" data-testid="registration-pending">
                {done.then_some(t.done_registered)}" "{t.auction_registration_pending}
            </p>
        }.into_any()),
        status => {
            let refused = (status == Some("refused")).then(|| view! {
                <p class="notice notice-error" data-testid="registration-refused">
                    <strong>{t.auction_registration_refused}</strong>" "{refusal_reason.clone()}
                </p>
            });
            Some(view! {
                {refused}
                <form class="form register-form" method="post" action="/api/register_bidder" data-testid="register-form">
                    <input type="hidden" name="auction_id" value=id/>
                    <Field spec=DEPOSIT_REF input=input.clone()/>
                    <Field spec=PHONE input=input.clone()/>
                    <button type="submit" class="button button-primary button-block" data-testid="register-submit">{t.auction_register_submit}</button>
                </form>
            }.into_any())
        }
    };
    view! {
        <div class="register-box" data-testid="registration">
            <p class="side-title">{t.auction_register_title}</p>
            <p class="muted">{intro}</p>
            {state}
        </div>
    }
}
