//! `/connect`: supply meets demand. The newest requests to buy, each with the offers that fit it
//! best and why, narrowed by sector and province (in the URL, so the form works without
//! JavaScript and a view can be shared).

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

use super::{Empty, LoadError, use_page_param};
use crate::api::get_connect_feed;
use crate::components::cards::{ListingCardView, province_name, sector_name};
use crate::components::matches::MatchView;
use crate::components::pagination::{Pagination, query_string};
use crate::domain::{PROVINCES, SECTORS};
use crate::i18n::{Locale, MessageFn, tr, use_i18n};
use crate::model::ConnectFeed;
use crate::model::{ConnectFigures, FigureRow};
use crate::pages::browse_page::FilterSelect;

#[component]
pub fn ConnectPage() -> impl IntoView {
    let query = use_query_map();
    let page = use_page_param();
    let filters = Memo::new(move |_| {
        let q = query.read();
        (
            q.get("sector").unwrap_or_default(),
            q.get("province").unwrap_or_default(),
        )
    });
    let feed = Resource::new(
        move || (filters.get(), page.get()),
        |((sector, province), page)| get_connect_feed(sector, province, page),
    );
    view! {
        <Title text=tr(|t| t.nav_connect)/>
        <Meta name="description" content=tr(|t| t.connect_intro)/>
        <div class="container page">
            <header class="page-header">
                <h1>{tr(|t| t.nav_connect)}</h1>
                <p class="lead">{tr(|t| t.connect_intro)}</p>
            </header>
            <Suspense fallback=move || view! { <p class="loading">{tr(|t| t.loading)}</p> }>
                {move || Suspend::new(async move {
                    match feed.await {
                        Ok(feed) => view! { <FeedView feed/> }.into_any(),
                        Err(error) => view! { <LoadError error/> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn FeedView(feed: ConnectFeed) -> impl IntoView {
    let i18n = use_i18n();
    let ConnectFeed {
        requests,
        sector,
        province,
        figures,
    } = feed;
    let (page, page_count) = (requests.page, requests.page_count());
    let pairs: Vec<(&str, &str)> = [("sector", sector.as_str()), ("province", province.as_str())]
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .collect();
    let base = if pairs.is_empty() {
        "/connect".to_owned()
    } else {
        format!("/connect?{}", query_string(&pairs))
    };
    view! {
        <ConnectFiguresView figures/>
        <form class="connect-filters" method="get" action="/connect">
            <FilterSelect name="sector" label=|t| t.field_sector current=sector.clone()
                values=SECTORS.iter().map(|s| s.code).collect() label_of=|_, locale, code| sector_name(locale, code)/>
            <FilterSelect name="province" label=|t| t.field_province current=province.clone()
                values=PROVINCES.iter().map(|p| p.code).collect() label_of=|_, locale, code| province_name(locale, code)/>
            <button type="submit" class="button button-primary">{tr(|t| t.connect_filter)}</button>
        </form>
        {if requests.items.is_empty() {
            view! { <Empty/> }.into_any()
        } else {
            view! {
                <ol class="connect-feed">
                    {requests.items.into_iter().map(|item| {
                        let request_id = item.request.id;
                        let next = format!("/listings/{}", item.request.slug);
                        view! {
                            <li class="connect-item" data-testid="connect-item">
                                <div class="connect-request">
                                    <h2 class="connect-label">{tr(|t| t.connect_request_label)}</h2>
                                    <ListingCardView listing=item.request/>
                                </div>
                                <div class="connect-offers">
                                    <h2 class="connect-label">{tr(|t| t.connect_offers_label)}</h2>
                                    {if item.offers.is_empty() {
                                        view! { <p class="muted">{move || i18n.t().matches_none}</p> }.into_any()
                                    } else {
                                        item.offers.into_iter().map(|found| view! {
                                            <MatchView found listing_id=request_id next=next.clone() member=false/>
                                        }).collect_view().into_any()
                                    }}
                                </div>
                            </li>
                        }
                    }).collect_view()}
                </ol>
                <Pagination base page page_count/>
            }
            .into_any()
        }}
    }
}

/// The exchange's supply–demand figures: connections made, deals both parties confirmed and their
/// value, by sector, province and year. No party is named.
#[component]
fn ConnectFiguresView(figures: ConnectFigures) -> impl IntoView {
    let i18n = use_i18n();
    let ConnectFigures {
        connections,
        deals,
        value,
        by_sector,
        by_province,
        by_year,
    } = figures;
    let table =
        move |caption: MessageFn, rows: Vec<FigureRow>, label: fn(Locale, &str) -> String| {
            view! {
                <table class="figure-table">
                    <caption>{tr(caption)}</caption>
                    <thead><tr>
                        <th scope="col"></th>
                        <th scope="col">{tr(|t| t.figures_deals)}</th>
                        <th scope="col">{tr(|t| t.figures_value)}</th>
                    </tr></thead>
                    <tbody>
                        {rows.into_iter().take(6).map(|row| {
                            let key = row.key.clone();
                            view! {
                                <tr>
                                    <th scope="row">{move || label(i18n.locale(), &key)}</th>
                                    <td>{move || i18n.locale().format_count(row.deals)}</td>
                                    <td>{move || i18n.locale().format_vnd(row.value)}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            }
        };
    view! {
        <section class="connect-figures" aria-labelledby="connect-figures" data-testid="connect-figures">
            <h2 id="connect-figures">{tr(|t| t.figures_title)}</h2>
            <div class="figure-tiles">
                <p class="figure-tile"><strong data-testid="figure-connections">{move || i18n.locale().format_count(connections)}</strong>{tr(|t| t.figures_connections)}</p>
                <p class="figure-tile"><strong data-testid="figure-deals">{move || i18n.locale().format_count(deals)}</strong>{tr(|t| t.figures_deals_confirmed)}</p>
                <p class="figure-tile"><strong>{move || i18n.locale().format_vnd(value)}</strong>{tr(|t| t.figures_value_total)}</p>
            </div>
            {(deals > 0).then(|| view! {
                <div class="figure-tables">
                    {table(|t| t.figures_by_sector, by_sector, |locale, code| sector_name(locale, code).to_owned())}
                    {table(|t| t.figures_by_province, by_province, |locale, code| province_name(locale, code).to_owned())}
                    {table(|t| t.figures_by_year, by_year, |_, year| year.to_owned())}
                </div>
            })}
            <p class="muted">{tr(|t| t.figures_note)}</p>
        </section>
    }
}
