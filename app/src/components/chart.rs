//! Charts drawn on the server as SVG: stacked columns over time, stacked bars by category.
//!
//! No script draws them: they read without JavaScript and print as they look. Every column or
//! bar part carries its value in a `<title>` (the browser's hover text, and what a screen
//! reader reads) and in `data-tip` (for [`crate::islands::chart_tips::ChartTips`]); the chart
//! itself is an image labelled by its caption, its figures also in a table beside it.

use leptos::prelude::*;

use crate::i18n::{Locale, Messages, use_i18n};
use crate::model::statistics::{Axis, Chart, Shape, Unit};

/// The drawing's width in its own units; it scales to its box.
const WIDTH: f64 = 640.0;
/// Height of a chart of columns.
const COLUMNS_HEIGHT: f64 = 280.0;
/// Height of one bar and the gap under it.
const BAR_ROW: f64 = 26.0;
/// Room for the value axis' labels on the left of columns.
const VALUE_AXIS: f64 = 64.0;
/// Room for category names on the left of bars.
const CATEGORY_AXIS: f64 = 178.0;

/// A number of things or đồng in this language, short enough for an axis: "1,5 tỷ", "1.5 bn".
pub fn compact(locale: Locale, unit: Unit, n: i64) -> String {
    let (billion, million, thousand) = match locale {
        Locale::Vi => ("tỷ", "tr", "nghìn"),
        Locale::En => ("bn", "m", "k"),
    };
    let scaled = |value: f64, word: &str| {
        let text = if value >= 10.0 || value.fract() == 0.0 {
            format!("{value:.0}")
        } else {
            format!("{value:.1}")
        };
        let text = match locale {
            Locale::Vi => text.replace('.', ","),
            Locale::En => text,
        };
        format!("{text} {word}")
    };
    let a = n.abs() as f64;
    match unit {
        _ if a >= 1e9 => scaled(n as f64 / 1e9, billion),
        _ if a >= 1e6 => scaled(n as f64 / 1e6, million),
        Unit::Vnd if a >= 1e3 => scaled(n as f64 / 1e3, thousand),
        _ => locale.format_count(n),
    }
}

/// A value in full: "1.234", "1.500.000 ₫".
pub fn full(locale: Locale, unit: Unit, n: i64) -> String {
    match unit {
        Unit::Count => locale.format_count(n),
        Unit::Vnd => locale.format_vnd(n),
    }
}

/// The name of a row: a sector's or province's name, an event kind's, "T3/2026" or "Mar 2026",
/// or a year.
pub fn row_name(t: &Messages, locale: Locale, axis: Axis, label: &str) -> String {
    match axis {
        Axis::Sector | Axis::Province => axis
            .category_name(label, locale)
            .unwrap_or(label)
            .to_owned(),
        Axis::EventKind => crate::pages::events_page::kind_label(t, label).to_owned(),
        Axis::Stage => crate::pages::startups_page::stage_label(t, label).to_owned(),
        Axis::Year => label.to_owned(),
        Axis::Week => match label.split('-').collect::<Vec<_>>()[..] {
            [year, month, day] => format!("{day}/{month}/{year}"),
            _ => label.to_owned(),
        },
        Axis::Month => match label.split_once('-') {
            Some((year, month)) => format!("{} {year}", month_name(locale, month)),
            None => label.to_owned(),
        },
    }
}

/// "T3" or "Mar" for the month `03`.
fn month_name(locale: Locale, month: &str) -> String {
    const EN: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let m: usize = month.parse().unwrap_or(1);
    match locale {
        Locale::Vi => format!("T{m}"),
        Locale::En => EN[m.clamp(1, 12) - 1].to_owned(),
    }
}

/// A round step for about four gridlines up to `max`: 1, 2 or 5 times a power of ten.
pub fn nice_step(max: i64) -> i64 {
    let rough = (max.max(1) as f64 / 4.0).max(1.0);
    let power = 10f64.powf(rough.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * power)
        .find(|s| *s >= rough)
        .unwrap_or(10.0 * power);
    step.round() as i64
}

/// One chart's drawing. `series_name` names a series in the page's language; `caption_id` is
/// the id of the element naming the chart.
#[component]
pub fn ChartSvg(
    chart: Chart,
    series_name: fn(&Messages, &str) -> &'static str,
    caption_id: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let (t, locale) = (i18n.t(), i18n.locale());
    match chart.shape {
        Shape::Columns => columns(&chart, t, locale, series_name, caption_id).into_any(),
        Shape::Bars => bars(&chart, t, locale, series_name, caption_id).into_any(),
    }
}

/// The text of a part's hover value: "T3/2026 · Chào bán: 1.234".
fn tip(row: &str, series: Option<&str>, value: &str) -> String {
    match series {
        Some(series) => format!("{row} · {series}: {value}"),
        None => format!("{row}: {value}"),
    }
}

/// The stacked parts of row `i`, each a `<rect>` with its hover value; `place` gives a part's
/// box `(x, y, width, height)` from the stack's total below it and with it.
fn parts(
    chart: &Chart,
    i: usize,
    row: &str,
    t: &'static Messages,
    locale: Locale,
    series_name: fn(&Messages, &str) -> &'static str,
    place: impl Fn(i64, i64) -> (f64, f64, f64, f64),
) -> AnyView {
    let stacked = chart.series.len() > 1;
    let mut base = 0;
    chart
        .series
        .iter()
        .enumerate()
        .filter_map(|(s, series)| {
            let v = series.values.get(i).copied().unwrap_or(0);
            if v <= 0 {
                return None;
            }
            let (x, y, width, height) = place(base, base + v);
            base += v;
            let text = tip(
                row,
                stacked.then(|| series_name(t, &series.key)),
                &full(locale, chart.unit, v),
            );
            let data_tip = text.clone();
            Some(view! {
                <rect class=format!("chart-s{s}") x=x y=y width=width height=height data-tip=data_tip>
                    <title>{text}</title>
                </rect>
            })
        })
        .collect_view()
        .into_any()
}

fn columns(
    chart: &Chart,
    t: &'static Messages,
    locale: Locale,
    series_name: fn(&Messages, &str) -> &'static str,
    caption_id: String,
) -> impl IntoView + use<> {
    let (top, bottom) = (12.0, 30.0);
    let plot_h = COLUMNS_HEIGHT - top - bottom;
    let plot_w = WIDTH - VALUE_AXIS - 8.0;
    let step = nice_step(chart.max_total());
    let ceiling = (chart.max_total() + step - 1) / step * step;
    let ceiling = ceiling.max(step);
    let y = move |v: i64| top + plot_h - plot_h * v as f64 / ceiling as f64;
    let n = chart.labels.len().max(1);
    let band = plot_w / n as f64;
    let bar_w = (band * 0.72).max(1.0);

    let grid = (0..=ceiling / step)
        .map(|k| {
            let v = k * step;
            let gy = y(v);
            view! {
                <line class="chart-gridline" x1=VALUE_AXIS x2=WIDTH - 8.0 y1=gy y2=gy/>
                <text class="chart-tick" x=VALUE_AXIS - 6.0 y=gy + 4.0 text-anchor="end">{compact(locale, chart.unit, v)}</text>
            }
        })
        .collect_view();
    // Label every column up to 12; beyond, each January (with its year) and the first column.
    let monthly = chart.axis == Axis::Month;
    let x_labels = chart
        .labels
        .iter()
        .enumerate()
        .filter_map(|(i, label)| {
            let text = if chart.axis == Axis::Week {
                // "07/12": day and month of the Monday.
                let parts: Vec<&str> = label.split('-').collect();
                match parts[..] {
                    [_, month, day] => format!("{day}/{month}"),
                    _ => label.clone(),
                }
            } else if !monthly {
                label.clone()
            } else {
                let (year, month) = label.split_once('-')?;
                if n <= 12 {
                    if month == "01" || i == 0 {
                        format!("{}/{}", month_name(locale, month), &year[2..])
                    } else {
                        month_name(locale, month)
                    }
                } else if month == "01" || i == 0 {
                    year.to_owned()
                } else {
                    return None;
                }
            };
            let x = VALUE_AXIS + band * (i as f64 + 0.5);
            Some(view! {
                <text class="chart-tick" x=x y=COLUMNS_HEIGHT - 10.0 text-anchor="middle">{text}</text>
            })
        })
        .collect_view();
    let parts = chart
        .labels
        .iter()
        .enumerate()
        .map(|(i, label)| {
            let row = row_name(t, locale, chart.axis, label);
            let x = VALUE_AXIS + band * i as f64 + (band - bar_w) / 2.0;
            parts(chart, i, &row, t, locale, series_name, move |from, to| {
                let (y0, y1) = (y(from), y(to));
                (x, y1, bar_w, (y0 - y1).max(0.5))
            })
        })
        .collect_view();
    view! {
        <svg class="chart-svg" viewBox=format!("0 0 {WIDTH} {COLUMNS_HEIGHT}") role="img" aria-labelledby=caption_id xmlns="http://www.w3.org/2000/svg">
            <g>{grid}</g>
            <g>{parts}</g>
            <line class="chart-axis" x1=VALUE_AXIS x2=WIDTH - 8.0 y1=top + plot_h y2=top + plot_h/>
            <g>{x_labels}</g>
        </svg>
    }
}

fn bars(
    chart: &Chart,
    t: &'static Messages,
    locale: Locale,
    series_name: fn(&Messages, &str) -> &'static str,
    caption_id: String,
) -> impl IntoView + use<> {
    let rows = chart.labels.len();
    let height = BAR_ROW * rows as f64 + 8.0;
    // Room on the right for the total printed after the longest bar.
    let plot_w = WIDTH - CATEGORY_AXIS - 64.0;
    let max = chart.max_total().max(1);
    let x = move |v: i64| CATEGORY_AXIS + plot_w * v as f64 / max as f64;
    let body = chart
        .labels
        .iter()
        .enumerate()
        .map(|(i, label)| {
            let row = row_name(t, locale, chart.axis, label);
            let top = 4.0 + BAR_ROW * i as f64;
            let parts = parts(chart, i, &row, t, locale, series_name, move |from, to| {
                let (x0, x1) = (x(from), x(to));
                (x0, top, (x1 - x0).max(0.5), BAR_ROW - 8.0)
            });
            let total = chart.total(i);
            view! {
                <text class="chart-category" x=CATEGORY_AXIS - 8.0 y=top + 13.0 text-anchor="end">{row}</text>
                {parts}
                <text class="chart-value" x=x(total) + 6.0 y=top + 13.0>{compact(locale, chart.unit, total)}</text>
            }
        })
        .collect_view();
    view! {
        <svg class="chart-svg" viewBox=format!("0 0 {WIDTH} {height}") role="img" aria-labelledby=caption_id xmlns="http://www.w3.org/2000/svg">
            <line class="chart-axis" x1=CATEGORY_AXIS x2=CATEGORY_AXIS y1=0 y2=height/>
            {body}
        </svg>
    }
}

/// A listing's views per week as a row of small bars (96 × 24), each with its week and value
/// in a `<title>`; `labels` are the weeks' Mondays (`YYYY-MM-DD`).
#[component]
pub fn Sparkline(values: Vec<i64>, labels: Vec<String>, label: String) -> impl IntoView {
    let i18n = use_i18n();
    let (t, locale) = (i18n.t(), i18n.locale());
    let max = values.iter().copied().max().unwrap_or(0).max(1);
    let n = values.len().max(1) as f64;
    let band = 96.0 / n;
    let bars = values
        .iter()
        .zip(&labels)
        .enumerate()
        .map(|(i, (v, week))| {
            let h = (22.0 * *v as f64 / max as f64).max(if *v > 0 { 1.5 } else { 0.5 });
            let text = format!(
                "{}: {}",
                row_name(t, locale, Axis::Week, week),
                locale.format_count(*v)
            );
            view! {
                <rect class="chart-s0" x=i as f64 * band + 0.5 y=23.0 - h width=(band - 1.0).max(1.0) height=h>
                    <title>{text}</title>
                </rect>
            }
        })
        .collect_view();
    view! {
        <svg class="sparkline" viewBox="0 0 96 24" width="96" height="24" role="img" aria-label=label xmlns="http://www.w3.org/2000/svg">
            {bars}
        </svg>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_are_round() {
        assert_eq!(nice_step(0), 1);
        assert_eq!(nice_step(7), 2);
        assert_eq!(nice_step(40), 10);
        assert_eq!(nice_step(1_234), 500);
        assert_eq!(nice_step(9_000_000_000), 5_000_000_000);
    }

    #[test]
    fn compact_numbers_read_in_each_language() {
        assert_eq!(compact(Locale::Vi, Unit::Vnd, 1_500_000_000), "1,5 tỷ");
        assert_eq!(compact(Locale::En, Unit::Vnd, 1_500_000_000), "1.5 bn");
        assert_eq!(compact(Locale::Vi, Unit::Vnd, 250_000_000), "250 tr");
        assert_eq!(compact(Locale::En, Unit::Count, 1_200), "1,200");
        assert_eq!(compact(Locale::Vi, Unit::Count, 3_000_000), "3 tr");
    }
}
