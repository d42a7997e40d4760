//! The live parts of an auction's bidding page.
//!
//! [`LiveAuction`] holds the auction's state for the page: the server renders it whole (so the
//! page works without JavaScript: bidding is a plain form and a reload shows the latest state);
//! once hydrated it follows the auction's stream (`/live/auctions/{id}`), ticks the countdown on
//! the server's clock and hands the state to the islands inside it — [`LiveBadge`],
//! [`BidHistory`] and [`BidPanel`] — through context, while the page around them stays inert
//! HTML. After a network loss the stream reconnects and its first message brings the auction
//! whole again.

use leptos::either::{Either, EitherOf3, EitherOf4};
use leptos::prelude::*;

use crate::domain::auction::Standing;
use crate::domain::{Vnd, format_vietnam_datetime};
use crate::error::AppError;
use crate::i18n::{Bidding, Locale};
#[cfg(feature = "hydrate")]
use crate::model::BidAccepted;
use crate::model::{AuctionLive, AuctionViewer};

/// Where an auction is in its life, at a given server time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    Pending,
    Cancelled,
    Upcoming,
    Open,
    /// Past its end; the server is deciding the result.
    Closing,
    Closed,
}

impl Phase {
    /// The phase of `live` at server time `now`.
    pub fn of(live: &AuctionLive, now: i64) -> Self {
        match live.status.as_str() {
            "pending" => Self::Pending,
            "closed" => Self::Closed,
            "approved" if now < live.starts_at => Self::Upcoming,
            "approved" if now < live.ends_at => Self::Open,
            "approved" => Self::Closing,
            _ => Self::Cancelled,
        }
    }
}

/// Time left as `2 ngày 03:04:05` / `03:04:05`.
pub fn countdown(t: &Bidding, ms: i64) -> String {
    let secs = (ms.max(0) + 999) / 1000;
    let (days, h, m, s) = (
        secs / 86_400,
        secs % 86_400 / 3600,
        secs % 3600 / 60,
        secs % 60,
    );
    if days > 0 {
        format!("{days} {} {h:02}:{m:02}:{s:02}", t.days)
    } else {
        format!("{h:02}:{m:02}:{s:02}")
    }
}

/// A bid's time of day in Vietnam, to the second.
pub fn clock_time(utc_ms: i64) -> String {
    let local = (utc_ms + 7 * 3_600_000).rem_euclid(86_400_000) / 1000;
    format!(
        "{:02}:{:02}:{:02}",
        local / 3600,
        local % 3600 / 60,
        local % 60
    )
}

/// The page's live state, shared by the islands of one bidding page: replaced whole by each
/// message of the stream and by each bid's answer.
#[derive(Clone, Copy)]
struct Live {
    locale: Locale,
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
    /// What stays put while the page is open: the viewer and the auction's fixed terms.
    fixed: StoredValue<Fixed>,
}

struct Fixed {
    logged_in: bool,
    is_seller: bool,
    /// Only approved bidders may bid, and the viewer is not one (yet).
    needs_registration: bool,
    starting_price: i64,
    /// The refusal a plain form post came back with (in the page's URL).
    refused: Option<AppError>,
}

impl Live {
    /// Whether a state after action `seq` is as new as the one shown, or newer: bid answers
    /// and stream messages arrive in either order.
    #[cfg(feature = "hydrate")]
    fn is_current(self, seq: i64) -> bool {
        seq >= self.auction.with_untracked(|a| a.seq)
    }

    fn t(self) -> &'static Bidding {
        self.locale.bidding()
    }

    fn fixed<R>(self, read: impl FnOnce(&Fixed) -> R) -> R {
        self.fixed.with_value(read)
    }
}

fn use_live() -> Live {
    expect_context::<Live>()
}

/// Holds one auction's live state for the islands in `children` (the rest of the page, rendered
/// on the server). Only public auctions have a stream: one awaiting approval is seen by its
/// seller's side and moderators, on reload.
#[island(lazy)]
pub fn LiveAuction(
    live: AuctionLive,
    viewer: AuctionViewer,
    watchers: i64,
    starting_price: i64,
    needs_registration: bool,
    locale: Locale,
    /// The refusal a plain form post came back with, if any.
    refused: Option<AppError>,
    children: Children,
) -> impl IntoView {
    let (now, auction) = (RwSignal::new(live.server_now), RwSignal::new(live));
    let state = Live {
        locale,
        now,
        auction,
        phase: Memo::new(move |_| auction.with(|a| Phase::of(a, now.get()))),
        standing: RwSignal::new(viewer.standing),
        my_max: RwSignal::new(viewer.my_max),
        watchers: RwSignal::new(watchers),
        connected: RwSignal::new(None),
        bid_key: RwSignal::new(viewer.bid_key),
        fixed: StoredValue::new(Fixed {
            logged_in: viewer.logged_in,
            is_seller: viewer.is_seller,
            needs_registration,
            starting_price,
            refused,
        }),
    };
    provide_context(state);
    // Once the islands inside have hydrated from the state as rendered: the clock and the
    // stream change it.
    #[cfg(feature = "hydrate")]
    if matches!(
        auction.with_untracked(|a| a.status.clone()).as_str(),
        "approved" | "closed"
    ) {
        let owner = Owner::current();
        super::when_hydrated(move || match owner {
            Some(owner) => owner.with(|| stream::start(state)),
            None => stream::start(state),
        });
    }
    children()
}

/// "Live" once the stream is open; "reconnecting" while it is lost; nothing without JavaScript.
#[island(lazy)]
pub fn LiveBadge() -> impl IntoView {
    let live = use_live();
    let t = live.t();
    move || {
        live.connected.get().map(|on| {
            view! {
                <span class=if on { "live-dot" } else { "live-lost" } data-testid=on.then_some("live-on")
                    role=(!on).then_some("status")>
                    {if on { t.live } else { t.reconnecting }}
                </span>
            }
        })
    }
}

/// The latest bids, newest first; the bid log to download once the auction is over.
#[island(lazy)]
pub fn BidHistory() -> impl IntoView {
    let live = use_live();
    let (t, locale) = (live.t(), live.locale);
    let id = live.auction.with_untracked(|a| a.id);
    view! {
        <section class="auction-history">
            <h2>{t.history}</h2>
            {move || live.auction.with(|a| {
                if a.history.is_empty() {
                    return Either::Left(view! { <p class="empty" data-testid="no-bids">{t.no_bids}</p> });
                }
                Either::Right(view! {
                    <table class="history-table" data-testid="bid-history">
                        <thead>
                            <tr><th scope="col">{t.bidder}</th><th scope="col">{t.amount}</th><th scope="col">{t.time}</th></tr>
                        </thead>
                        <tbody>
                            {a.history.iter().map(|line| view! {
                                <tr>
                                    <td>{line.bidder.clone()}{line.automatic.then(|| view! { " "<span class="tag">{t.auto}</span> })}</td>
                                    <td class="num">{locale.format_vnd(line.amount)}</td>
                                    <td><time>{clock_time(line.at)}</time></td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                })
            })}
        </section>
        {move || (live.phase.get() == Phase::Closed).then(|| view! {
            <p><a class="button button-ghost" href=format!("/auctions/{id}/log.csv") download data-testid="export-csv">{t.export_csv}</a></p>
        })}
    }
}

/// The bidding panel: where the auction stands, the viewer's own standing and the bid forms.
/// On an auction for registered bidders only (`registration`), `children` (rendered on the
/// server: the registration box) show while the auction is upcoming or open.
#[island(lazy)]
pub fn BidPanel(registration: bool, children: Children) -> impl IntoView {
    let live = use_live();
    let (t, locale) = (live.t(), live.locale);
    let place = BidSender::new();
    // The latest submission's refusal: answered in place once hydrated, through the URL without.
    let error = Memo::new(move |_| match place.answer.get() {
        Some(Err(error)) => Some(error),
        Some(Ok(())) => None,
        None => live.fixed(|f| f.refused.clone()),
    });
    let accepted =
        Memo::new(move |_| !place.pending.get() && matches!(place.answer.get(), Some(Ok(()))));
    let registering = move || matches!(live.phase.get(), Phase::Upcoming | Phase::Open);
    view! {
        <section class="side-card bid-panel" id="bid" aria-live="polite">
            <PhaseBanner live/>
            <div class="price-box">
                <p class="price-label">{move || if live.phase.get() == Phase::Closed { t.sold_for } else { t.current_price }}</p>
                <p class="price-value auction-price" data-testid="auction-price">
                    {move || live.auction.with(|a| match (live.phase.get(), a.sold_price) {
                        (Phase::Closed, None) => "—".to_owned(),
                        (Phase::Closed, Some(price)) => locale.format_vnd(price),
                        _ => locale.format_vnd(a.price),
                    })}
                </p>
            </div>
            <Facts live/>
            <StandingBox live/>
            {move || accepted.get().then(|| view! {
                <p class="notice notice-success" data-testid="bid-accepted">{t.bid_placed}</p>
            })}
            <BidForms live place error/>
            {registration.then(|| view! {
                <div class="registration-slot" hidden=move || !registering()>{children()}</div>
            })}
        </section>
    }
}

/// The countdown, or what the auction is waiting for, or that it has ended.
#[component]
fn PhaseBanner(live: Live) -> impl IntoView {
    let t = live.t();
    move || {
        let now = live.now.get();
        live.auction.with(|a| match Phase::of(a, now) {
            phase @ (Phase::Pending | Phase::Cancelled | Phase::Closing) => {
                let (class, text, test_id) = match phase {
                    Phase::Pending => ("phase phase-pending", t.pending, None),
                    Phase::Cancelled => ("phase phase-ended", t.cancelled, None),
                    _ => ("phase phase-ended", t.ending, Some("auction-closing")),
                };
                EitherOf3::A(view! { <p class=class data-testid=test_id>{text}</p> })
            }
            phase @ (Phase::Upcoming | Phase::Open) => {
                let open = phase == Phase::Open;
                let at = if open { a.ends_at } else { a.starts_at };
                let soon = open && a.ends_at - now <= a.soft_close_ms.max(60_000);
                EitherOf3::B(view! {
                    <div class=if open { "phase phase-open" } else { "phase phase-upcoming" } class:phase-soon=soon>
                        <p class="phase-label">{if open { t.ends_in } else { t.starts_in }}</p>
                        <p class="countdown" data-testid="countdown" data-ends-at=open.then_some(a.ends_at)>{countdown(t, at - now)}</p>
                        <p class="muted">{if open { t.ends_at } else { t.starts_at }}" "{format_vietnam_datetime(at)}</p>
                        {(open && a.extended).then(|| view! { <p class="tag tag-live" data-testid="extended">{t.extended}</p> })}
                    </div>
                })
            }
            Phase::Closed => EitherOf3::C(view! {
                <div class="phase phase-ended" data-testid="auction-ended">
                    <p class="phase-label">{t.ended}</p>
                    {match &a.winner {
                        Some(winner) => Either::Left(view! { <p>{t.winner}": "<strong data-testid="auction-winner">{winner.clone()}</strong></p> }),
                        None => Either::Right(view! { <p data-testid="auction-no-sale">{t.no_sale}</p> }),
                    }}
                </div>
            }),
        })
    }
}

#[component]
fn Facts(live: Live) -> impl IntoView {
    let (t, locale) = (live.t(), live.locale);
    let starting_price = live.fixed(|f| f.starting_price);
    move || {
        live.auction.with(|a| {
            let open = matches!(live.phase.get(), Phase::Open | Phase::Upcoming);
            view! {
                <dl class="facts">
                    <div><dt>{t.bid_count}</dt><dd data-testid="bid-count">{locale.format_count(a.bid_count)}</dd></div>
                    <div><dt>{t.leader}</dt><dd data-testid="auction-leader">{a.leader.clone().unwrap_or_else(|| "—".into())}</dd></div>
                    {open.then(|| view! {
                        <div><dt>{t.min_next}</dt><dd data-testid="min-next">{locale.format_vnd(a.min_next)}</dd></div>
                    })}
                    <div><dt>{t.step}</dt><dd>{locale.format_vnd(a.step)}</dd></div>
                    <div><dt>{t.starting_price}</dt><dd>{locale.format_vnd(starting_price)}</dd></div>
                    {a.reserve_met.map(|met| view! {
                        <div>
                            <dt>{if met { "✓" } else { "•" }}</dt>
                            <dd class:reserve-met=met data-testid="reserve">{if met { t.reserve_met } else { t.reserve_not_met }}</dd>
                        </div>
                    })}
                    {(a.soft_close_ms > 0).then(|| view! {
                        <div title=t.soft_close>
                            <dt>{t.soft_close_label}</dt>
                            <dd>{format!("{} {}", a.soft_close_ms / 60_000, t.minutes)}</dd>
                        </div>
                    })}
                    <div><dt>{t.watching}</dt><dd data-testid="watchers">{format!("{} {}", locale.format_count(live.watchers.get()), t.watchers)}</dd></div>
                </dl>
            }
        })
    }
}

/// The viewer's own standing and hidden maximum.
#[component]
fn StandingBox(live: Live) -> impl IntoView {
    let (t, locale) = (live.t(), live.locale);
    move || {
        let standing = live.standing.get();
        let (class, text) = match standing {
            Standing::None => return None,
            Standing::Leading => ("standing standing-leading", t.you_leading),
            Standing::Outbid => ("standing standing-outbid", t.you_outbid),
            Standing::Won => ("standing standing-won", t.you_won),
            Standing::Lost => ("standing standing-lost", t.you_lost),
        };
        Some(view! {
            <div class=class data-testid="standing" data-standing=standing.code()>
                <p class="standing-text">{text}</p>
                {live.my_max.get().map(|max| view! {
                    <p class="muted">{t.your_max}": "<strong data-testid="my-max">{locale.format_vnd(max)}</strong></p>
                })}
            </div>
        })
    }
}

/// Where the bid forms post (the `place_bid` server function); plain forms without JavaScript.
const PLACE_BID: &str = "/api/place_bid";

/// The bid forms' submissions, sent in place once hydrated.
#[derive(Clone, Copy)]
struct BidSender {
    /// A bid is on its way.
    pending: RwSignal<bool>,
    /// How the latest one was answered; the accepted auction is in the page's state.
    answer: RwSignal<Option<Result<(), AppError>>>,
}

impl BidSender {
    fn new() -> Self {
        Self {
            pending: RwSignal::new(false),
            answer: RwSignal::new(None),
        }
    }

    /// Sends the submitted bid form itself and puts the answer in place: the auction as it
    /// stands after the bid, and the viewer's standing; or why it was refused. One at a time.
    fn submit(self, live: Live, ev: leptos::ev::SubmitEvent) {
        #[cfg(feature = "hydrate")]
        {
            let Some(form) = super::take_submission(&ev) else {
                return;
            };
            if self.pending.get_untracked() {
                return;
            }
            self.pending.set(true);
            leptos::task::spawn_local(async move {
                let answer = super::http::submit::<BidAccepted>(&form).await;
                self.pending.set(false);
                self.answer.set(Some(answer.map(|accepted| {
                    // The stream may already have brought a later state than this answer's.
                    if live.is_current(accepted.live.seq) {
                        live.auction.set(accepted.live);
                        live.standing.set(accepted.viewer.standing);
                        live.my_max.set(accepted.viewer.my_max);
                    }
                    live.bid_key.set(accepted.viewer.bid_key);
                })));
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (live, ev);
    }
}

/// What a refused bid says, next to the forms.
fn refusal_text(t: &Bidding, locale: Locale, error: &AppError, min_next: i64) -> Option<String> {
    let text = match error {
        AppError::Invalid(input) => match input.error_for("max")? {
            "bid_confirm" => return None,
            "bid_below_minimum" => {
                return Some(format!(
                    "{} ({}: {})",
                    t.bid_below_minimum,
                    t.min_next,
                    locale.format_vnd(min_next)
                ));
            }
            "bid_above_highest" => t.bid_above_highest,
            "bid_not_started" => t.bid_not_started,
            "bid_ended" => t.bid_ended,
            "bid_own_auction" => t.bid_own_auction,
            "bid_not_whole_steps" => t.bid_not_whole_steps,
            "bid_not_above_own_maximum" => t.bid_not_above_own_maximum,
            "bid_buy_now_unavailable" => t.bid_buy_now_unavailable,
            "bid_not_open" => t.bid_not_open,
            "bid_not_registered" => t.bid_not_registered,
            "required" => t.amount_required,
            "not_a_number" => t.amount_not_a_number,
            "too_large" => t.amount_too_large,
            _ => t.error_retry,
        },
        AppError::Unauthorized => t.error_log_in,
        AppError::TooManyRequests { .. } => t.error_too_many,
        _ => t.error_retry,
    };
    Some(text.to_owned())
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
fn BidForms(live: Live, place: BidSender, error: Memo<Option<AppError>>) -> impl IntoView {
    let (t, locale) = (live.t(), live.locale);
    let id = live.auction.with_untracked(|a| a.id);
    let (logged_in, is_seller, needs_registration) =
        live.fixed(|f| (f.logged_in, f.is_seller, f.needs_registration));
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
    let pending = move || place.pending.get();
    let submit = move |ev: leptos::ev::SubmitEvent| place.submit(live, ev);
    move || match gate.get() {
        Gate::Shut => None,
        Gate::LogIn => Some(EitherOf4::A(view! {
            <a class="button button-primary button-large button-block" href=format!("/login?next=/auctions/{id}") data-testid="login-to-bid">
                {t.login_to_bid}
            </a>
        })),
        Gate::Seller => Some(EitherOf4::B(
            view! { <p class="muted" data-testid="own-auction">{t.own}</p> },
        )),
        Gate::Confirm(kind, amount) => {
            let text = if kind == "buy_now" {
                let price = live
                    .auction
                    .with_untracked(|a| a.buy_now)
                    .unwrap_or_default();
                format!("{} {}.", t.confirm_buy_now, locale.format_vnd(price))
            } else {
                let max = Vnd::parse(&amount).map(Vnd::amount).unwrap_or_default();
                format!("{} {}.", t.confirm_max, locale.format_vnd(max))
            };
            Some(EitherOf4::C(view! {
                <div class="confirm-box" role="alertdialog" aria-labelledby="confirm-title" data-testid="confirm-bid">
                    <h2 class="side-title" id="confirm-title">{t.confirm_title}</h2>
                    <p>{text}</p>
                    <form method="post" action=PLACE_BID on:submit=submit>
                        {hidden(if kind == "buy_now" { "buy_now" } else { "max" })}
                        <input type="hidden" name="max" value=amount/>
                        <input type="hidden" name="confirmed" value="yes"/>
                        <div class="form-actions">
                            <button type="submit" class="button button-primary" data-testid="confirm-submit" disabled=pending>{t.confirm}</button>
                            <a class="button button-ghost" href=format!("/auctions/{id}#bid") data-testid="confirm-cancel"
                                on:click=move |ev| {
                                    if place.answer.with_untracked(Option::is_some) {
                                        ev.prevent_default();
                                        place.answer.set(None);
                                    }
                                }>{t.cancel}</a>
                        </div>
                    </form>
                </div>
            }))
        }
        Gate::Bid => {
            let typed = error.with_untracked(|e| match e {
                Some(AppError::Invalid(input)) => input.value_of("max").map(str::to_owned),
                _ => None,
            });
            Some(EitherOf4::D(view! {
                <div class="bid-forms">
                    {move || refusal().map(|text| view! { <p class="field-error" role="alert" data-testid="bid-error">{text}</p> })}
                    <p class="side-title">{t.quick_bid}</p>
                    <div class="quick-bids">
                        {[1, 2].into_iter().map(|steps| {
                            let amount = move || min_next() + (steps - 1) * step();
                            view! {
                                <form method="post" action=PLACE_BID on:submit=submit>
                                    {hidden("quick")}
                                    <input type="hidden" name="max" value=amount/>
                                    <button type="submit" class="button button-ghost quick-bid" data-testid=format!("quick-bid-{steps}") disabled=pending>
                                        <span class="quick-steps">{format!("+{steps}")}</span>
                                        <span>{move || locale.format_vnd(amount())}</span>
                                    </button>
                                </form>
                            }
                        }).collect_view()}
                    </div>
                    <form method="post" action=PLACE_BID on:submit=submit>
                        {hidden("max")}
                        <div class="field">
                            <label for="bid-max">{t.max_label}</label>
                            <input id="bid-max" name="max" type="text" inputmode="numeric" autocomplete="off" required
                                placeholder=move || locale.format_count(min_next()) value=typed
                                aria-describedby="bid-max-hint" data-testid="bid-max"/>
                            <p class="field-hint" id="bid-max-hint">{t.max_hint}</p>
                        </div>
                        <button type="submit" class="button button-primary button-large button-block" data-testid="place-max" disabled=pending>
                            {t.place_bid}
                        </button>
                    </form>
                    {move || live.auction.with(|a| a.buy_now).map(|price| view! {
                        <form method="post" action=PLACE_BID on:submit=submit>
                            {hidden("buy_now")}
                            <button type="submit" class="button button-ghost button-block buy-now" data-testid="buy-now">
                                {format!("{} · {}", t.buy_now, locale.format_vnd(price))}
                            </button>
                        </form>
                    })}
                    <noscript><p class="muted">{t.reload_note}</p></noscript>
                </div>
            }))
        }
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
    /// server's clock.
    pub fn start(live: Live) {
        let id = live.auction.with_untracked(|a| a.id);
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
                    if !live.is_current(auction.seq) {
                        return;
                    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countdowns_show_days_only_when_there_are_some() {
        let t = Locale::En.bidding();
        assert_eq!(countdown(t, 3_723_000), "01:02:03");
        assert_eq!(countdown(t, 90_061_000), format!("1 {} 01:01:01", t.days));
        // A part of a second left still shows as one.
        assert_eq!(countdown(t, 1), "00:00:01");
        assert_eq!(countdown(t, -5_000), "00:00:00");
    }

    #[test]
    fn bid_times_are_vietnam_time() {
        // 2026-12-04 17:30:05 UTC is 00:30:05 the next day in Vietnam (UTC+7).
        assert_eq!(clock_time(1_796_405_405_000), "00:30:05");
    }

    #[test]
    fn refusals_name_the_minimum_and_confirmation_is_not_a_refusal() {
        use crate::error::{FieldError, InvalidInput};
        let t = Locale::Vi.bidding();
        let refused = |code: &str| {
            AppError::Invalid(InvalidInput::new(
                vec![FieldError::new("max", code)],
                &[("max", "1000")],
            ))
        };
        let below = refusal_text(t, Locale::Vi, &refused("bid_below_minimum"), 1_500_000)
            .expect("a refusal");
        assert!(below.contains("1.500.000 ₫"), "{below}");
        assert_eq!(
            refusal_text(t, Locale::Vi, &refused("bid_confirm"), 0),
            None
        );
        assert_eq!(
            refusal_text(t, Locale::Vi, &AppError::Unauthorized, 0).as_deref(),
            Some(t.error_log_in)
        );
    }
}
