//! `/admin`: what administrators watch to keep the exchange running — the moderators'
//! backlog and how fast they decide, the mail outbox, auctions closing today, sign-ups per week
//! and the searches that found nothing — above the exchange's public statistics.

use leptos::prelude::*;
use leptos_meta::Title;

use super::PageRoute;
use super::statistics_page::{ChartFigure, StatisticsBody};
use crate::api::statistics::get_operations;
use crate::domain::{format_vietnam_date, format_vietnam_datetime};
use crate::error::AppError;
use crate::i18n::{Locale, Messages, tr, use_i18n};
use crate::islands::chart_tips::ChartTips;
use crate::model::statistics::{Backlog, Operations, OutboxState, Period};

/// `/admin` (administrators only; the server refuses everyone else).
pub struct AdminRoute {
    data: Resource<Result<Operations, AppError>>,
}

impl PageRoute for AdminRoute {
    fn data() -> Self {
        Self {
            data: Resource::new(|| (), |_| get_operations()),
        }
    }

    fn view(this: Self) -> AnyView {
        view! {
            <Title text=tr(|t| t.admin_title)/>
            {super::member_view(this.data, "/admin", |data| view! { <OperationsView data/> })}
        }
        .into_any()
    }
}

/// A span of time in words: "3 giờ 20 phút", "2 d 4 h".
pub fn duration(locale: Locale, ms: i64) -> String {
    let minutes = (ms / 60_000).max(0);
    let (days, hours, mins) = (minutes / 1440, minutes / 60 % 24, minutes % 60);
    let (d, h, m) = match locale {
        Locale::Vi => ("ngày", "giờ", "phút"),
        Locale::En => ("d", "h", "min"),
    };
    if days > 0 {
        format!("{days} {d} {hours} {h}")
    } else if hours > 0 {
        format!("{hours} {h} {mins} {m}")
    } else {
        format!("{mins} {m}")
    }
}

fn queue_name(t: &Messages, kind: &str) -> &'static str {
    match kind {
        "stalls" => t.queue_stalls,
        "stall_edits" => t.queue_stall_edits,
        "listings" => t.queue_listings,
        "auctions" => t.queue_auctions,
        "booths" => t.queue_booths,
        "projects" => t.moderation_projects,
        "investors" => t.moderation_investors,
        _ => "",
    }
}

#[component]
fn OperationsView(data: Operations) -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t();
    let Operations {
        now,
        backlog,
        outbox,
        closing_today,
        signups,
        misses,
        statistics,
    } = data;
    let _ = now;
    view! {
        <div class="container page admin-page">
            <ChartTips>
            <header class="page-header">
                <h1>{t.admin_title}</h1>
                <p class="lead">{t.admin_lead}</p>
                <p class="feed-links">
                    <a class="button button-ghost button-small" href="/moderation">{t.nav_moderation}</a>
                    <a class="button button-ghost button-small" href="/admin/users">{t.nav_admin}</a>
                    <a class="button button-ghost button-small" href="/statistics">{t.nav_statistics}</a>
                </p>
            </header>
            <div class="ops-grid">
                <BacklogPanel backlog/>
                <OutboxPanel outbox/>
            </div>
            <section class="panel ops-panel" data-testid="ops-closing">
                <h2>{t.admin_closing}</h2>
                {if closing_today.is_empty() {
                    view! { <p class="empty">{t.admin_closing_none}</p> }.into_any()
                } else {
                    let locale = i18n.locale();
                    view! {
                        <div class="table-scroll">
                            <table class="data-table">
                                <thead><tr>
                                    <th scope="col">{t.col_auction}</th>
                                    <th scope="col">{t.col_ends}</th>
                                    <th scope="col">{t.col_price}</th>
                                    <th scope="col">{t.col_bids}</th>
                                </tr></thead>
                                <tbody>
                                    {closing_today.into_iter().map(|a| view! {
                                        <tr>
                                            <th scope="row"><a href=format!("/auctions/{}", a.id)>{a.title}</a></th>
                                            <td>{format_vietnam_datetime(a.ends_at)}</td>
                                            <td>{locale.format_vnd(a.price_vnd)}</td>
                                            <td>{a.bids}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }.into_any()
                }}
            </section>
            <div class="ops-grid">
                <ChartFigure chart=signups period=Period::default() csv=false/>
                <section class="panel ops-panel" data-testid="ops-misses">
                    <h2>{t.admin_misses}</h2>
                    <p class="muted">{t.admin_misses_note}</p>
                    {if misses.is_empty() {
                        view! { <p class="empty">{t.admin_misses_none}</p> }.into_any()
                    } else {
                        view! {
                            <table class="data-table">
                                <thead><tr>
                                    <th scope="col">{t.col_words}</th>
                                    <th scope="col">{t.col_times}</th>
                                    <th scope="col">{t.col_last}</th>
                                </tr></thead>
                                <tbody>
                                    {misses.into_iter().map(|m| view! {
                                        <tr>
                                            <th scope="row"><a href=format!("/search?q={}", crate::components::pagination::encode_component(&m.words))>{m.words.clone()}</a></th>
                                            <td>{m.times}</td>
                                            <td>{format_vietnam_date(m.last_day * 86_400_000)}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        }.into_any()
                    }}
                </section>
            </div>
            {statistics.map(|stats| view! {
                <section class="ops-public">
                    <h2>{t.admin_public}</h2>
                    <p><a href="/statistics">{t.admin_see_statistics}" →"</a></p>
                    <StatisticsBody stats/>
                </section>
            })}
            </ChartTips>
        </div>
    }
}

#[component]
fn BacklogPanel(backlog: Vec<Backlog>) -> impl IntoView {
    let i18n = use_i18n();
    let (t, locale) = (i18n.t(), i18n.locale());
    view! {
        <section class="panel ops-panel" data-testid="ops-backlog">
            <h2>{t.admin_backlog}</h2>
            <div class="table-scroll">
                <table class="data-table">
                    <thead><tr>
                        <th scope="col">{t.admin_queue}</th>
                        <th scope="col">{t.admin_waiting}</th>
                        <th scope="col">{t.admin_oldest}</th>
                        <th scope="col">{t.admin_decided}</th>
                        <th scope="col">{t.admin_median}</th>
                    </tr></thead>
                    <tbody>
                        {backlog.into_iter().map(|b| view! {
                            <tr data-queue=b.kind.clone()>
                                <th scope="row">{queue_name(t, &b.kind)}</th>
                                <td data-value=b.waiting.to_string()>{locale.format_count(b.waiting)}</td>
                                <td>{b.oldest_at.map(format_vietnam_datetime).unwrap_or_else(|| "–".to_owned())}</td>
                                <td>{locale.format_count(b.decided)}</td>
                                <td>{b.median_ms.map(|ms| duration(locale, ms)).unwrap_or_else(|| "–".to_owned())}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

#[component]
fn OutboxPanel(outbox: OutboxState) -> impl IntoView {
    let i18n = use_i18n();
    let (t, locale) = (i18n.t(), i18n.locale());
    let items = [
        (
            "pending",
            t.outbox_pending,
            locale.format_count(outbox.pending),
        ),
        (
            "failed",
            t.outbox_failed,
            locale.format_count(outbox.failed),
        ),
        (
            "sent_day",
            t.outbox_sent_day,
            locale.format_count(outbox.sent_day),
        ),
        (
            "oldest",
            t.outbox_oldest,
            outbox
                .oldest_pending_at
                .map(format_vietnam_datetime)
                .unwrap_or_else(|| "–".to_owned()),
        ),
    ];
    view! {
        <section class="panel ops-panel" data-testid="ops-outbox">
            <h2>{t.admin_outbox}</h2>
            <dl class="ops-figures">
                {items.into_iter().map(|(key, label, value)| {
                    let alert = key == "failed" && outbox.failed > 0;
                    view! {
                        <div data-outbox=key class:ops-alert=alert>
                            <dt>{label}</dt>
                            <dd>{value}</dd>
                        </div>
                    }
                }).collect_view()}
            </dl>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_in_each_language() {
        assert_eq!(duration(Locale::Vi, 200 * 60_000), "3 giờ 20 phút");
        assert_eq!(duration(Locale::En, (52 * 60 + 5) * 60_000), "2 d 4 h");
        assert_eq!(duration(Locale::En, 59_999), "0 min");
    }
}
