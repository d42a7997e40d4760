//! `/account/stalls/{id}/figures`: a stall's own figures for its members — views of its
//! listings per week, and for each listing its views, inquiries, introductions and how many
//! members saved it.

use leptos::prelude::*;
use leptos_meta::Title;

use super::statistics_page::ChartFigure;
use super::{PageRoute, use_id_param};
use crate::api::statistics::get_stall_figures;
use crate::components::chart::Sparkline;
use crate::error::AppError;
use crate::i18n::{tr, use_i18n};
use crate::model::statistics::{Period, StallFigures};

/// The page (the stall's members only; the server answers "not found" to anyone else).
pub struct StallFiguresRoute {
    data: Resource<Result<StallFigures, AppError>>,
}

impl PageRoute for StallFiguresRoute {
    fn data() -> Self {
        let id = use_id_param();
        Self {
            data: Resource::new(move || id.get(), get_stall_figures),
        }
    }

    fn view(this: Self) -> AnyView {
        view! {
            <Title text=tr(|t| t.stall_figures_title)/>
            {super::member_view(this.data, "/account/stalls", |data| view! { <FiguresView data/> })}
        }
        .into_any()
    }
}

#[component]
fn FiguresView(data: StallFigures) -> impl IntoView {
    let i18n = use_i18n();
    let (t, locale) = (i18n.t(), i18n.locale());
    let StallFigures {
        stall_id,
        stall_name,
        views,
        listings,
    } = data;
    let weeks = views.labels.clone();
    let totals = [
        (
            "views",
            t.stall_figures_views,
            listings.iter().map(|l| l.views).sum::<i64>(),
        ),
        (
            "views_30d",
            t.stall_figures_views_30d,
            listings.iter().map(|l| l.views_30d).sum(),
        ),
        (
            "inquiries",
            t.stall_figures_inquiries,
            listings.iter().map(|l| l.inquiries).sum(),
        ),
        (
            "introductions",
            t.stall_figures_introductions,
            listings.iter().map(|l| l.introductions).sum(),
        ),
        (
            "saved",
            t.stall_figures_saved,
            listings.iter().map(|l| l.saved).sum(),
        ),
    ];
    let rows = listings
        .into_iter()
        .map(|l| {
            let kind = if l.kind == "request" { t.series_request } else { t.series_offer };
            let label = format!("{}: {}", t.stall_figures_weekly, l.title);
            view! {
                <tr data-listing=l.slug.clone()>
                    <th scope="row">
                        <a href=format!("/listings/{}", l.slug)>{l.title.clone()}</a>
                        <span class="muted">" · "{kind}</span>
                    </th>
                    <td>{locale.format_count(l.views)}</td>
                    <td>{locale.format_count(l.views_30d)}</td>
                    <td class="sparkline-cell"><Sparkline values=l.weeks labels=weeks.clone() label/></td>
                    <td>{locale.format_count(l.inquiries)}</td>
                    <td>{locale.format_count(l.introductions)}</td>
                    <td>{locale.format_count(l.saved)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="container page">
            <nav class="breadcrumb" aria-label=t.breadcrumb>
                <a href="/account/stalls">{t.own_stalls_title}</a>
            </nav>
            <header class="page-header">
                <h1>{t.stall_figures_title}</h1>
                <p class="lead">{stall_name}" · "{t.stall_figures_lead}</p>
            </header>
            <div class="chart-grid">
                <dl class="counter-grid stats-figures figures-side">
                    {totals.into_iter().map(|(key, label, value)| view! {
                        <div class="counter" data-figure=key>
                            <dt>{label}</dt>
                            <dd data-value=value.to_string()>{locale.format_count(value)}</dd>
                        </div>
                    }).collect_view()}
                </dl>
                <ChartFigure chart=views period=Period::default() csv=false/>
            </div>
            <section class="stats-section">
                <h2>{t.stall_figures_listings}</h2>
                <div class="table-scroll">
                    <table class="data-table figures-table" data-testid="stall-figures" data-stall=stall_id.to_string()>
                        <thead><tr>
                            <th scope="col">{t.stall_figures_listing}</th>
                            <th scope="col">{t.stall_figures_views}</th>
                            <th scope="col">{t.stall_figures_views_30d}</th>
                            <th scope="col">{t.stall_figures_weekly}</th>
                            <th scope="col">{t.stall_figures_inquiries}</th>
                            <th scope="col">{t.stall_figures_introductions}</th>
                            <th scope="col">{t.stall_figures_saved}</th>
                        </tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            </section>
        </div>
    }
}
