//! `/auctions/{id}`: an auction's bidding page.
//!
//! The server renders it whole, so it works without JavaScript: bidding is a plain form, and a
//! reload shows the latest state. Once hydrated, the page listens to the auction's live stream
//! (`/live/auctions/{id}`): each bid, the price, the leader, an extension of the end and the close
//! arrive within a second without reloading; the countdown runs on the server's clock; forms
//! submit in place; after a network loss the stream reconnects and the first message brings the
//! auction whole again.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;
use leptos_router::{LazyRoute, lazy_route};

use super::LoadError;
use crate::api::{PlaceBid, get_auction};
use crate::codec::AsciiJson;
use crate::components::cards::format_vnd;
use crate::components::form::{Field, FieldSpec, field_error_text, invalid_input, use_form_error};
use crate::domain::auction::Standing;
use crate::domain::auction_setup::limits as auction_limits;
use crate::domain::{Vnd, format_vietnam_datetime};
use crate::error::AppError;
use crate::i18n::{Locale, Messages, tr, use_i18n};
use crate::model::{AuctionLive, AuctionPage};
use crate::pages::not_found_page::NotFoundPage;

/// The bidding page; its view is a wasm chunk of its own.
pub struct AuctionRoute {
    data: Resource<Result<AuctionPage, AppError>, AsciiJson>,
}

#[lazy_route]
impl LazyRoute for AuctionRoute {
    fn data() -> Self {
        let id = super::use_id_param();
        Self {
            data: Resource::new_with_options(move || id.get(), get_auction, false),
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

/// Where an auction is in its life, at a given server time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    Pending,
    Cancelled,
    Upcoming,
    Open,
    /// Past its end; the server is deciding the result.
    Closing,
    Closed,
}

fn phase(live: &AuctionLive, now: i64) -> Phase {
    match live.status.as_str() {
        "pending" => Phase::Pending,
        "closed" => Phase::Closed,
        "approved" if now < live.starts_at => Phase::Upcoming,
        "approved" if now < live.ends_at => Phase::Open,
        "approved" => Phase::Closing,
        _ => Phase::Cancelled,
    }
}

/// Time left as `2 ngày 03:04:05` / `03:04:05`.
fn countdown(t: &Messages, ms: i64) -> String {
    let secs = (ms.max(0) + 999) / 1000;
    let (days, h, m, s) = (
        secs / 86_400,
        secs % 86_400 / 3600,
        secs % 3600 / 60,
        secs % 60,
    );
    if days > 0 {
        format!("{days} {} {h:02}:{m:02}:{s:02}", t.auction_days)
    } else {
        format!("{h:02}:{m:02}:{s:02}")
    }
}

/// A bid's time of day in Vietnam, to the second.
fn clock_time(utc_ms: i64) -> String {
    let local = (utc_ms + 7 * 3_600_000).rem_euclid(86_400_000) / 1000;
    format!(
        "{:02}:{:02}:{:02}",
        local / 3600,
        local % 3600 / 60,
        local % 60
    )
}

/// The page's live state: replaced whole by each message of the stream and by each bid's answer.
#[derive(Clone, Copy)]
struct Live {
    auction: RwSignal<AuctionLive>,
    standing: RwSignal<Standing>,
    my_max: RwSignal<Option<i64>>,
    watchers: RwSignal<i64>,
    /// `None` until the stream first opens (and always without JavaScript).
    connected: RwSignal<Option<bool>>,
    /// The server's clock now, ticking once hydrated.
    now: RwSignal<i64>,
    bid_key: RwSignal<String>,
    /// Where the auction is now; changes only when it moves on.
    phase: Memo<Phase>,
}

#[component]
fn AuctionView(page: AuctionPage) -> impl IntoView {
    let i18n = use_i18n();
    let id = page.live.id;
    let (now, auction) = (
        RwSignal::new(page.live.server_now),
        RwSignal::new(page.live.clone()),
    );
    let live = Live {
        now,
        auction,
        phase: Memo::new(move |_| auction.with(|a| phase(a, now.get()))),
        standing: RwSignal::new(page.viewer.standing),
        my_max: RwSignal::new(page.viewer.my_max),
        watchers: RwSignal::new(page.watchers),
        connected: RwSignal::new(None),
        bid_key: RwSignal::new(page.viewer.bid_key.clone()),
    };
    // Only public auctions have a live stream (one awaiting approval is seen by its seller's
    // side and moderators, on reload).
    #[cfg(feature = "hydrate")]
    if matches!(page.live.status.as_str(), "approved" | "closed") {
        stream::start(id, live);
    }

    let place = ServerAction::<PlaceBid>::new();
    let url_error = use_form_error("/place_bid");
    // The latest submission's refusal: answered in place once hydrated, through the URL without.
    let error = Memo::new(move |_| match place.value().get() {
        Some(Err(error)) => Some(error),
        Some(Ok(_)) => None,
        None => url_error.clone(),
    });
    let accepted = RwSignal::new(false);
    Effect::new(move |_| {
        if let Some(Ok(answer)) = place.value().get() {
            live.auction.set(answer.live);
            live.standing.set(answer.viewer.standing);
            live.my_max.set(answer.viewer.my_max);
            live.bid_key.set(answer.viewer.bid_key);
            accepted.set(true);
        }
    });
    Effect::new(move |_| {
        if place.pending().get() {
            accepted.set(false);
        }
    });

    let title = page.title.clone();
    let listing_href = format!("/listings/{}", page.listing_slug);
    view! {
        <Title text=format!("{} · {}", i18n.t().nav_auctions, title)/>
        <Meta name="description" content=page.summary.clone()/>
        <div class="container page auction-page" data-testid="auction-page" data-auction=id>
            <nav class="breadcrumb" aria-label="breadcrumb">
                <a href="/auctions">{tr(|t| t.nav_auctions)}</a>" › "<span>{page.title.clone()}</span>
            </nav>
            <header class="auction-header">
                <p class="card-eyebrow">
                    <span class="tag tag-live">{tr(|t| t.auction_eyebrow)}</span>
                    <LiveBadge live/>
                </p>
                <h1 class="listing-title">{page.title.clone()}</h1>
                <p class="lead">{page.summary.clone()}</p>
                <p class="auction-seller">
                    <span class="muted">{tr(|t| t.auction_seller)}": "</span>
                    {match page.stall_slug.clone() {
                        Some(slug) => view! { <a href=format!("/stalls/{slug}")>{page.seller.clone()}</a> }.into_any(),
                        None => view! { <span>{page.seller.clone()}</span> }.into_any(),
                    }}
                    " · "<a href=listing_href.clone()>{tr(|t| t.auction_see_listing)}</a>
                </p>
            </header>
            <div class="listing-layout auction-layout">
                <div class="auction-main">
                    {page.image_url.clone().map(|src| view! {
                        <a class="auction-image" href=listing_href.clone()>
                            <img src=src alt=page.title.clone() width="480" height="360"/>
                        </a>
                    })}
                    <History live/>
                    {move || (live.phase.get() == Phase::Closed).then(|| view! {
                        <p><a class="button button-ghost" href=format!("/auctions/{id}/log.csv") download data-testid="export-csv">{tr(|t| t.auction_export_csv)}</a></p>
                    })}
                </div>
                <aside class="auction-side">
                    <section class="side-card bid-panel" id="bid" aria-live="polite">
                        <PhaseBanner live/>
                        <div class="price-box">
                            <p class="price-label">{move || if live.phase.get() == Phase::Closed { i18n.t().auction_sold_for } else { i18n.t().current_price }}</p>
                            <p class="price-value auction-price" data-testid="auction-price">
                                {move || live.auction.with(|a| match (live.phase.get(), a.sold_price) {
                                    (Phase::Closed, None) => "—".to_owned(),
                                    (Phase::Closed, Some(price)) => format_vnd(i18n.locale(), price),
                                    _ => format_vnd(i18n.locale(), a.price),
                                })}
                            </p>
                        </div>
                        <Facts live starting_price=page.starting_price/>
                        <StandingBox live/>
                        {move || accepted.get().then(|| view! {
                            <p class="notice notice-success" data-testid="bid-accepted">{tr(|t| t.auction_bid_placed)}</p>
                        })}
                        <BidForms live place error id logged_in=page.viewer.logged_in is_seller=page.viewer.is_seller
                            needs_registration=page.requires_approval && page.viewer.registration.as_deref() != Some("approved")/>
                        {page.requires_approval.then(|| view! {
                            <RegistrationBox live id deposit=page.deposit.unwrap_or_default()
                                registration=page.viewer.registration.clone() refusal_reason=page.viewer.refusal_reason.clone()
                                logged_in=page.viewer.logged_in is_seller=page.viewer.is_seller/>
                        })}
                    </section>
                </aside>
            </div>
        </div>
    }
}

/// "Live" once the stream is open; "reconnecting" while it is lost; nothing without JavaScript.
#[component]
fn LiveBadge(live: Live) -> impl IntoView {
    move || match live.connected.get() {
        Some(true) => Some(
            view! { <span class="live-dot" data-testid="live-on">{tr(|t| t.auction_live)}</span> }
                .into_any(),
        ),
        Some(false) => Some(
            view! { <span class="live-lost" role="status">{tr(|t| t.auction_reconnecting)}</span> }
                .into_any(),
        ),
        None => None,
    }
}

/// The countdown, or what the auction is waiting for, or that it has ended.
#[component]
fn PhaseBanner(live: Live) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let t = i18n.t();
        let now = live.now.get();
        live.auction.with(|a| match phase(a, now) {
            Phase::Pending => view! { <p class="phase phase-pending">{t.auction_pending}</p> }.into_any(),
            Phase::Cancelled => view! { <p class="phase phase-ended">{t.auction_cancelled}</p> }.into_any(),
            Phase::Upcoming => view! {
                <div class="phase phase-upcoming">
                    <p class="phase-label">{t.auction_starts_in}</p>
                    <p class="countdown" data-testid="countdown">{countdown(t, a.starts_at - now)}</p>
                    <p class="muted">{t.auction_starts_at}" "{format_vietnam_datetime(a.starts_at)}</p>
                </div>
            }.into_any(),
            Phase::Open => {
                let soon = a.ends_at - now <= a.soft_close_ms.max(60_000);
                view! {
                    <div class="phase phase-open" class:phase-soon=soon>
                        <p class="phase-label">{t.auction_ends_in}</p>
                        <p class="countdown" data-testid="countdown" data-ends-at=a.ends_at>{countdown(t, a.ends_at - now)}</p>
                        <p class="muted">{t.ends_at}" "{format_vietnam_datetime(a.ends_at)}</p>
                        {a.extended.then(|| view! { <p class="tag tag-live" data-testid="extended">{t.auction_extended}</p> })}
                    </div>
                }.into_any()
            }
            Phase::Closing => view! { <p class="phase phase-ended" data-testid="auction-closing">{t.auction_ending}</p> }.into_any(),
            Phase::Closed => view! {
                <div class="phase phase-ended" data-testid="auction-ended">
                    <p class="phase-label">{t.auction_ended}</p>
                    {match &a.winner {
                        Some(winner) => view! { <p>{t.auction_winner}": "<strong data-testid="auction-winner">{winner.clone()}</strong></p> }.into_any(),
                        None => view! { <p data-testid="auction-no-sale">{t.auction_no_sale}</p> }.into_any(),
                    }}
                </div>
            }.into_any(),
        })
    }
}

#[component]
fn Facts(live: Live, starting_price: i64) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let (locale, t) = (i18n.locale(), i18n.t());
        live.auction.with(|a| {
            let open = matches!(live.phase.get(), Phase::Open | Phase::Upcoming);
            view! {
                <dl class="facts">
                    <div><dt>{t.auction_bid_count}</dt><dd data-testid="bid-count">{locale.format_count(a.bid_count)}</dd></div>
                    <div><dt>{t.auction_leader}</dt><dd data-testid="auction-leader">{a.leader.clone().unwrap_or_else(|| "—".into())}</dd></div>
                    {open.then(|| view! {
                        <div><dt>{t.auction_min_next}</dt><dd data-testid="min-next">{format_vnd(locale, a.min_next)}</dd></div>
                    })}
                    <div><dt>{t.auction_step}</dt><dd>{format_vnd(locale, a.step)}</dd></div>
                    <div><dt>{t.auction_starting_price}</dt><dd>{format_vnd(locale, starting_price)}</dd></div>
                    {a.reserve_met.map(|met| view! {
                        <div>
                            <dt>{if met { "✓" } else { "•" }}</dt>
                            <dd class:reserve-met=met data-testid="reserve">{if met { t.auction_reserve_met } else { t.auction_reserve_not_met }}</dd>
                        </div>
                    })}
                    {(a.soft_close_ms > 0).then(|| view! {
                        <div title=t.auction_soft_close>
                            <dt>{t.auction_soft_close_label}</dt>
                            <dd>{format!("{} {}", a.soft_close_ms / 60_000, t.auction_minutes)}</dd>
                        </div>
                    })}
                    <div><dt>{t.auction_watching}</dt><dd data-testid="watchers">{format!("{} {}", locale.format_count(live.watchers.get()), t.auction_watchers)}</dd></div>
                </dl>
            }
        })
    }
}

/// The viewer's own standing and hidden maximum.
#[component]
fn StandingBox(live: Live) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let (locale, t) = (i18n.locale(), i18n.t());
        let (class, text) = match live.standing.get() {
            Standing::None => return None,
            Standing::Leading => ("standing standing-leading", t.auction_you_leading),
            Standing::Outbid => ("standing standing-outbid", t.auction_you_outbid),
            Standing::Won => ("standing standing-won", t.auction_you_won),
            Standing::Lost => ("standing standing-lost", t.auction_you_lost),
        };
        Some(view! {
            <div class=class data-testid="standing" data-standing=format!("{:?}", live.standing.get()).to_lowercase()>
                <p class="standing-text">{text}</p>
                {live.my_max.get().map(|max| view! {
                    <p class="muted">{t.auction_your_max}": "<strong data-testid="my-max">{format_vnd(locale, max)}</strong></p>
                })}
            </div>
        })
    }
}

/// What a refused bid says, next to the forms.
fn refusal_text(t: &Messages, locale: Locale, error: &AppError, min_next: i64) -> Option<String> {
    match error {
        AppError::Invalid(input) => match input.error_for("max")? {
            "bid_confirm" => None,
            "bid_below_minimum" => Some(format!(
                "{} ({}: {})",
                t.field_bid_below_minimum,
                t.auction_min_next,
                format_vnd(locale, min_next)
            )),
            code => Some(field_error_text(t, code).to_owned()),
        },
        other => Some(crate::error_message(other).to_owned()),
    }
}

/// What the bidding part of the panel shows.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Gate {
    /// Not open for bids (the banner says why).
    Shut,
    LogIn,
    Seller,
    /// A binding bid waiting for its confirmation: its kind and the amount typed.
    Confirm(String, String),
    Bid,
}

/// Quick bids, the maximum-bid form with its confirmation step, and buy-now; or why the viewer
/// cannot bid. The forms are built once per state of the gate, so a new bid arriving while the
/// viewer types does not touch what they typed.
#[component]
fn BidForms(
    live: Live,
    place: ServerAction<PlaceBid>,
    error: Memo<Option<AppError>>,
    id: i64,
    logged_in: bool,
    is_seller: bool,
    /// Only approved bidders may bid, and the viewer is not one (yet).
    needs_registration: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let gate = Memo::new(move |_| {
        if live.phase.get() != Phase::Open {
            return Gate::Shut;
        }
        if !logged_in {
            return Gate::LogIn;
        }
        if is_seller {
            return Gate::Seller;
        }
        if needs_registration {
            // The registration box below says what to do.
            return Gate::Shut;
        }
        error.with(|e| match e {
            Some(AppError::Invalid(input)) if input.error_for("max") == Some("bid_confirm") => {
                Gate::Confirm(
                    input.value_of("kind").unwrap_or("max").to_owned(),
                    input.value_of("max").unwrap_or_default().to_owned(),
                )
            }
            _ => Gate::Bid,
        })
    });
    let refusal = move || {
        let (t, locale) = (i18n.t(), i18n.locale());
        let min_next = live.auction.with(|a| a.min_next);
        error.with(|e| {
            e.as_ref()
                .and_then(|e| refusal_text(t, locale, e, min_next))
        })
    };
    let hidden = move |kind: &'static str| {
        view! {
            <input type="hidden" name="auction_id" value=id/>
            <input type="hidden" name="kind" value=kind/>
            <input type="hidden" name="key" value=move || live.bid_key.get()/>
        }
    };
    let min_next = move || live.auction.with(|a| a.min_next);
    let step = move || live.auction.with(|a| a.step);
    move || {
        let t = i18n.t();
        let locale = i18n.locale();
        match gate.get() {
            Gate::Shut => None,
            Gate::LogIn => Some(view! {
                <a class="button button-primary button-large button-block" href=format!("/login?next=/auctions/{id}") data-testid="login-to-bid">
                    {t.auction_login_to_bid}
                </a>
            }.into_any()),
            Gate::Seller => Some(view! { <p class="muted" data-testid="own-auction">{t.auction_own}</p> }.into_any()),
            Gate::Confirm(kind, amount) => {
                let text = if kind == "buy_now" {
                    let price = live.auction.with_untracked(|a| a.buy_now).unwrap_or_default();
                    format!("{} {}.", t.auction_confirm_buy_now, format_vnd(locale, price))
                } else {
                    let max = Vnd::parse(&amount).map(Vnd::amount).unwrap_or_default();
                    format!("{} {}.", t.auction_confirm_max, format_vnd(locale, max))
                };
                Some(view! {
                    <div class="confirm-box" role="alertdialog" aria-labelledby="confirm-title" data-testid="confirm-bid">
                        <h2 class="side-title" id="confirm-title">{t.auction_confirm_title}</h2>
                        <p>{text}</p>
                        <ActionForm action=place>
                            {hidden(if kind == "buy_now" { "buy_now" } else { "max" })}
                            <input type="hidden" name="max" value=amount/>
                            <input type="hidden" name="confirmed" value="yes"/>
                            <div class="form-actions">
                                <button type="submit" class="button button-primary" data-testid="confirm-submit" disabled=move || place.pending().get()>{t.auction_confirm}</button>
                                <a class="button button-ghost" href=format!("/auctions/{id}#bid") data-testid="confirm-cancel"
                                    on:click=move |ev| {
                                        if place.value().with_untracked(Option::is_some) {
                                            ev.prevent_default();
                                            place.value().set(None);
                                        }
                                    }>{t.auction_cancel}</a>
                            </div>
                        </ActionForm>
                    </div>
                }.into_any())
            }
            Gate::Bid => {
                let typed = error.with_untracked(|e| match e {
                    Some(AppError::Invalid(input)) => input.value_of("max").map(str::to_owned),
                    _ => None,
                });
                Some(view! {
                    <div class="bid-forms">
                        {move || refusal().map(|text| view! { <p class="field-error" role="alert" data-testid="bid-error">{text}</p> })}
                        <p class="side-title">{t.auction_quick_bid}</p>
                        <div class="quick-bids">
                            {[1, 2].into_iter().map(|steps| {
                                let amount = move || min_next() + (steps - 1) * step();
                                view! {
                                    <ActionForm action=place>
                                        {hidden("quick")}
                                        <input type="hidden" name="max" value=amount/>
                                        <button type="submit" class="button button-ghost quick-bid" data-testid=format!("quick-bid-{steps}") disabled=move || place.pending().get()>
                                            <span class="quick-steps">{format!("+{steps}")}</span>
                                            <span>{move || format_vnd(i18n.locale(), amount())}</span>
                                        </button>
                                    </ActionForm>
                                }
                            }).collect_view()}
                        </div>
                        <ActionForm action=place>
                            {hidden("max")}
                            <div class="field">
                                <label for="bid-max">{t.auction_max_label}</label>
                                <input id="bid-max" name="max" type="text" inputmode="numeric" autocomplete="off" required
                                    placeholder=move || i18n.locale().format_count(min_next()) value=typed
                                    aria-describedby="bid-max-hint" data-testid="bid-max"/>
                                <p class="field-hint" id="bid-max-hint">{t.auction_max_hint}</p>
                            </div>
                            <button type="submit" class="button button-primary button-large button-block" data-testid="place-max" disabled=move || place.pending().get()>
                                {t.auction_place_bid}
                            </button>
                        </ActionForm>
                        {move || live.auction.with(|a| a.buy_now).map(|price| view! {
                            <ActionForm action=place>
                                {hidden("buy_now")}
                                <button type="submit" class="button button-ghost button-block buy-now" data-testid="buy-now">
                                    {format!("{} · {}", i18n.t().auction_buy_now, format_vnd(i18n.locale(), price))}
                                </button>
                            </ActionForm>
                        })}
                        <noscript><p class="muted">{t.auction_reload_note}</p></noscript>
                    </div>
                }.into_any())
            }
        }
    }
}

/// The latest bids, newest first.
#[component]
fn History(live: Live) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="auction-history">
            <h2>{tr(|t| t.auction_history)}</h2>
            {move || {
                let (locale, t) = (i18n.locale(), i18n.t());
                live.auction.with(|a| {
                    if a.history.is_empty() {
                        return view! { <p class="empty" data-testid="no-bids">{t.auction_no_bids}</p> }.into_any();
                    }
                    view! {
                        <table class="history-table" data-testid="bid-history">
                            <thead>
                                <tr><th scope="col">{t.auction_bidder}</th><th scope="col">{t.auction_amount}</th><th scope="col">{t.auction_time}</th></tr>
                            </thead>
                            <tbody>
                                {a.history.iter().map(|line| view! {
                                    <tr>
                                        <td>{line.bidder.clone()}{line.automatic.then(|| view! { " "<span class="tag">{t.auction_auto}</span> })}</td>
                                        <td class="num">{format_vnd(locale, line.amount)}</td>
                                        <td><time>{clock_time(line.at)}</time></td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any()
                })
            }}
        </section>
    }
}

/// The live stream and the ticking clock, in the browser only.
#[cfg(feature = "hydrate")]
mod stream {
    use leptos::prelude::*;
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;

    use super::Live;
    use crate::model::AuctionFrame;

    fn device_now() -> i64 {
        web_sys::js_sys::Date::now() as i64
    }

    /// Opens `/live/auctions/{id}` and keeps `live` in step with it; ticks `live.now` by the
    /// server's clock. Both stop when the page is left.
    pub fn start(id: i64, live: Live) {
        // Server time minus this device's time, from each message's `server_now`.
        let offset = StoredValue::new(live.now.get_untracked() - device_now());
        let tick = set_interval_with_handle(
            move || live.now.set(device_now() + offset.get_value()),
            std::time::Duration::from_millis(250),
        )
        .ok();
        let Ok(source) = web_sys::EventSource::new(&format!("/live/auctions/{id}")) else {
            return;
        };
        let on_auction =
            Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
                let Some(data) = event.data().as_string() else {
                    return;
                };
                let Ok(frame) = serde_json::from_str::<AuctionFrame>(&data) else {
                    return;
                };
                if let Some(auction) = frame.live {
                    offset.set_value(auction.server_now - device_now());
                    live.now.set(auction.server_now);
                    live.auction.set(auction);
                }
                live.standing.set(frame.standing);
                live.my_max.set(frame.my_max);
                live.watchers.set(frame.watchers);
            });
        let on_watchers =
            Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
                #[derive(serde::Deserialize)]
                struct Count {
                    watchers: i64,
                }
                if let Some(count) = event
                    .data()
                    .as_string()
                    .and_then(|data| serde_json::from_str::<Count>(&data).ok())
                {
                    live.watchers.set(count.watchers);
                }
            });
        let on_open = Closure::<dyn Fn()>::new(move || live.connected.set(Some(true)));
        let on_error = Closure::<dyn Fn()>::new(move || live.connected.set(Some(false)));
        let _ =
            source.add_event_listener_with_callback("auction", on_auction.as_ref().unchecked_ref());
        let _ = source
            .add_event_listener_with_callback("watchers", on_watchers.as_ref().unchecked_ref());
        source.set_onopen(Some(on_open.as_ref().unchecked_ref()));
        source.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        let kept =
            send_wrapper::SendWrapper::new((source, on_auction, on_watchers, on_open, on_error));
        on_cleanup(move || {
            if let Some(tick) = tick {
                tick.clear();
            }
            let (source, ..) = &*kept;
            source.close();
            drop(kept);
        });
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
/// form again) or approved.
#[component]
fn RegistrationBox(
    live: Live,
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
    move || {
        if !matches!(live.phase.get(), Phase::Upcoming | Phase::Open) {
            return None;
        }
        let t = i18n.t();
        let intro = t
            .auction_register_lead
            .replace("{deposit}", &format_vnd(i18n.locale(), deposit));
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
        Some(view! {
            <div class="register-box" data-testid="registration">
                <p class="side-title">{t.auction_register_title}</p>
                <p class="muted">{intro}</p>
                {state}
            </div>
        })
    }
}
