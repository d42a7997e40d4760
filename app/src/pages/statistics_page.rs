//! `/statistics`: the exchange in figures and charts, for everyone. Each chart is drawn on the
//! server ([`ChartSvg`]) with its figures in a table and a CSV file
//! (`/statistics/{chart}.csv?period=…`); the period form works without JavaScript.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::{LoadError, PageRoute};
use crate::api::statistics::get_statistics;
use crate::components::chart::{ChartSvg, compact, full, row_name};
use crate::domain::format_vietnam_datetime;
use crate::error::AppError;
use crate::i18n::{MessageFn, Messages, tr, use_i18n};
use crate::islands::chart_tips::ChartTips;
use crate::model::statistics::{Chart, Period, Statistics, Unit};
use crate::seo::PageMeta;

/// `/statistics`.
pub struct StatisticsRoute {
    figures: Resource<Result<Statistics, AppError>>,
}

impl PageRoute for StatisticsRoute {
    fn data() -> Self {
        let query = use_query_map();
        let period = Memo::new(move |_| Period::parse(query.read().get("period").as_deref()));
        let figures = Resource::new(
            move || period.get(),
            |p| get_statistics(Some(p.code().to_owned())),
        );
        Self { figures }
    }

    fn view(this: Self) -> AnyView {
        let figures = this.figures;
        view! {
            <Suspense fallback=move || view! { <p class="container page loading">{tr(|t| t.loading)}</p> }>
                {move || Suspend::new(async move {
                    match figures.await {
                        Ok(stats) => view! { <StatisticsView stats/> }.into_any(),
                        Err(error) => view! { <div class="container page"><LoadError error/></div> }.into_any(),
                    }
                })}
            </Suspense>
        }
        .into_any()
    }
}

/// A chart's title and note.
fn chart_words(t: &Messages, key: &str) -> (&'static str, &'static str) {
    match key {
        "listings-by-sector" => (t.chart_listings_by_sector, t.chart_listings_by_sector_note),
        "listings-by-province" => (
            t.chart_listings_by_province,
            t.chart_listings_by_province_note,
        ),
        "new-listings" => (t.chart_new_listings, t.chart_new_listings_note),
        "auctions" => (t.chart_auctions, t.chart_auctions_note),
        "auction-value" => (t.chart_auction_value, t.chart_auction_value_note),
        "connections" => (t.chart_connections, t.chart_connections_note),
        "deals" => (t.chart_deals, t.chart_deals_note),
        "deal-value" => (t.chart_deal_value, t.chart_deal_value_note),
        "events" => (t.chart_events, t.chart_events_note),
        "attendance" => (t.chart_attendance, t.chart_attendance_note),
        "visits" => (t.chart_visits, t.chart_visits_note),
        "signups" => (t.chart_signups, t.chart_signups_note),
        "stall-views" => (t.chart_stall_views, t.chart_stall_views_note),
        "startups-by-stage" => (t.chart_startups_by_stage, t.chart_startups_by_stage_note),
        "startup-funding" => (t.chart_startup_funding, t.chart_startup_funding_note),
        _ => ("", ""),
    }
}

/// A series' name (an event kind's for the events chart).
fn series_name(t: &Messages, key: &str) -> &'static str {
    match key {
        "offer" => t.series_offer,
        "request" => t.series_request,
        "cleared" => t.series_cleared,
        "unsold" => t.series_unsold,
        "accepted" => t.series_accepted,
        "asked" => t.series_asked,
        "deals" => t.series_deals,
        "value" => t.series_value,
        "people" => t.series_people,
        "views" => t.series_views,
        "members" => t.series_members,
        "raised" => t.series_raised,
        "grant" | "equity" | "loan" | "prize" => super::startups_page::funding_label(t, key),
        kind => super::events_page::kind_label(t, kind),
    }
}

/// A headline figure's name.
fn figure_name(t: &Messages, key: &str) -> &'static str {
    match key {
        "stalls" => t.fig_stalls,
        "offers" => t.fig_offers,
        "requests" => t.fig_requests,
        "auctions_held" => t.fig_auctions_held,
        "auctions_cleared" => t.fig_auctions_cleared,
        "auction_value" => t.fig_auction_value,
        "connections" => t.fig_connections,
        "deals" => t.fig_deals,
        "deal_value" => t.fig_deal_value,
        "events" => t.fig_events,
        "attendance" => t.fig_attendance,
        "visits" => t.fig_visits,
        "startups" => t.fig_startups,
        "funding_raised" => t.fig_funding_raised,
        _ => "",
    }
}

/// The page's sections and the charts in each.
const SECTIONS: [(MessageFn, &[&str]); 6] = [
    (
        |t| t.stats_section_catalogue,
        &["listings-by-sector", "listings-by-province", "new-listings"],
    ),
    (|t| t.stats_section_auctions, &["auctions", "auction-value"]),
    (
        |t| t.stats_section_connect,
        &["connections", "deals", "deal-value"],
    ),
    (|t| t.stats_section_events, &["events", "attendance"]),
    (
        |t| t.stats_section_startups,
        &["startups-by-stage", "startup-funding"],
    ),
    (|t| t.stats_section_visits, &["visits"]),
];

#[component]
fn StatisticsView(stats: Statistics) -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t();
    let period = stats.period;
    let path = if period == Period::default() {
        "/statistics".to_owned()
    } else {
        format!("/statistics?period={}", period.code())
    };
    let updated = t
        .stats_updated
        .replace("{time}", &format_vietnam_datetime(stats.computed_at));
    let period_name = |p: Period| match p {
        Period::Year => t.stats_period_12m,
        Period::ThreeYears => t.stats_period_36m,
        Period::All => t.stats_period_all,
    };
    view! {
        <PageMeta title=t.stats_title description=t.stats_description path/>
        <div class="container page">
            <header class="page-header">
                <h1>{t.stats_title}</h1>
                <p class="lead">{t.stats_lead}</p>
                <p class="muted" data-testid="stats-updated">{updated}</p>
            </header>
            <ChartTips>
                <form class="stats-period" method="get" action="/statistics">
                    <label for="stats-period">{t.stats_period}</label>
                    <select id="stats-period" name="period" data-autosubmit="">
                        {Period::ALL.into_iter().map(|p| view! {
                            <option value=p.code() selected=p == period>{period_name(p)}</option>
                        }).collect_view()}
                    </select>
                    <button type="submit" class="button button-ghost button-small period-submit">{t.stats_apply}</button>
                </form>
                <StatisticsBody stats/>
            </ChartTips>
        </div>
    }
}

/// The headline figures and every chart of `stats`, by section.
#[component]
pub fn StatisticsBody(stats: Statistics) -> impl IntoView {
    let i18n = use_i18n();
    let (t, locale) = (i18n.t(), i18n.locale());
    let period = stats.period;
    let figures = stats
        .figures
        .iter()
        .map(|f| {
            let shown = match f.unit {
                Unit::Count => locale.format_count(f.value),
                Unit::Vnd => format!("{} ₫", compact(locale, f.unit, f.value)),
            };
            view! {
                <div class="counter" data-figure=f.key.clone()>
                    <dt>{figure_name(t, &f.key)}</dt>
                    <dd data-value=f.value.to_string() title=full(locale, f.unit, f.value)>{shown}</dd>
                </div>
            }
        })
        .collect_view();
    let sections = SECTIONS
        .iter()
        .map(|(title, keys)| {
            let charts = keys
                .iter()
                .filter_map(|key| stats.chart(key).cloned())
                .map(|chart| view! { <ChartFigure chart period/> })
                .collect_view();
            view! {
                <section class="stats-section">
                    <h2>{title(t)}</h2>
                    <div class="chart-grid">{charts}</div>
                </section>
            }
        })
        .collect_view();
    view! {
        <section aria-label=t.stats_figures>
            <dl class="counter-grid stats-figures">{figures}</dl>
        </section>
        {sections}
    }
}

/// One chart: caption, legend, drawing, table and (with `csv`) its CSV file's link.
#[component]
pub fn ChartFigure(
    chart: Chart,
    period: Period,
    #[prop(default = true)] csv: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t();
    let (title, note) = chart_words(t, &chart.key);
    let caption_id = format!("chart-{}-title", chart.key);
    let csv = csv.then(|| format!("/statistics/{}.csv?period={}", chart.key, period.code()));
    let legend = (chart.series.len() > 1).then(|| {
        view! {
            <ul class="chart-legend">
                {chart.series.iter().enumerate().map(|(i, s)| view! {
                    <li><span class=format!("chart-swatch chart-s{i}") aria-hidden="true"></span>{series_name(t, &s.key)}</li>
                }).collect_view()}
            </ul>
        }
    });
    let table = chart_table(&chart, title);
    let drawing = if chart.is_empty() {
        view! { <p class="empty chart-empty">{t.stats_empty}</p> }.into_any()
    } else {
        view! { <ChartSvg chart=chart.clone() series_name caption_id=caption_id.clone()/> }
            .into_any()
    };
    view! {
        <figure class="chart" id=format!("chart-{}", chart.key) data-chart=chart.key.clone()>
            <figcaption>
                <h3 id=caption_id>{title}</h3>
                <p class="muted">{note}</p>
            </figcaption>
            {legend}
            {drawing}
            <details class="chart-table">
                <summary>{t.stats_show_table}</summary>
                {table}
            </details>
            {csv.map(|href| view! {
                <p class="chart-actions">
                    <a href=href download="" data-testid="chart-csv">{t.stats_csv}</a>
                </p>
            })}
        </figure>
    }
}

/// The chart's figures as a table: a row per label, a column per series, and their total
/// when there are several.
fn chart_table(chart: &Chart, title: &'static str) -> impl IntoView + use<> {
    let i18n = use_i18n();
    let (t, locale) = (i18n.t(), i18n.locale());
    let several = chart.series.len() > 1;
    let head = chart
        .series
        .iter()
        .map(|s| view! { <th scope="col">{series_name(t, &s.key)}</th> })
        .collect_view();
    let rows = chart
        .labels
        .iter()
        .enumerate()
        .map(|(i, label)| {
            let cells = chart
                .series
                .iter()
                .map(|s| view! { <td>{full(locale, chart.unit, s.values.get(i).copied().unwrap_or(0))}</td> })
                .collect_view();
            let total = several.then(|| view! { <td>{full(locale, chart.unit, chart.total(i))}</td> });
            view! {
                <tr>
                    <th scope="row">{row_name(t, locale, chart.axis, label)}</th>
                    {cells}
                    {total}
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll">
            <table class="data-table">
                <caption class="visually-hidden">{title}</caption>
                <thead><tr><td></td>{head}{several.then(|| view! { <th scope="col">{t.stats_total}</th> })}</tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
