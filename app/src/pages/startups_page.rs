//! The startup showcase: `/startups` (projects narrowed by sector, stage, funding kind and
//! province, found by words), `/startups/{slug}` (a project, its confidential part behind the
//! investors' acceptance of its terms) and `/investors` (the approved investors).

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

use super::{Empty, LoadError, PageRoute};
use crate::api::{get_investors, get_project, get_startups};
use crate::components::cards::{marked, province_name, sector_name};
use crate::components::pagination::{Pagination, encode_component};
use crate::domain::startup::{FundingKind, InvestorKind, Stage};
use crate::domain::{PROVINCES, SECTORS, format_vietnam_datetime};
use crate::error::AppError;
use crate::i18n::{Locale, Messages, tr, use_i18n};
use crate::model::{
    InvestorCard, InvestorsPage, ListingImage, ProjectCard, ProjectPage, ProjectQuery, Standing,
    StartupsPage,
};
use crate::pages::not_found_page::NotFoundPage;
use crate::seo::PageMeta;

/// A stage, in words.
pub fn stage_label(t: &Messages, code: &str) -> &'static str {
    match Stage::parse(code) {
        Some(Stage::Idea) => t.stage_idea,
        Some(Stage::Prototype) => t.stage_prototype,
        Some(Stage::Pilot) => t.stage_pilot,
        Some(Stage::Revenue) => t.stage_revenue,
        Some(Stage::Scaling) | None => t.stage_scaling,
    }
}

/// A kind of funding, in words.
pub fn funding_label(t: &Messages, code: &str) -> &'static str {
    match FundingKind::parse(code) {
        Some(FundingKind::Grant) => t.funding_grant,
        Some(FundingKind::Equity) => t.funding_equity,
        Some(FundingKind::Loan) => t.funding_loan,
        Some(FundingKind::Prize) | None => t.funding_prize,
    }
}

/// A kind of investor, in words.
pub fn investor_kind_label(t: &Messages, code: &str) -> &'static str {
    match InvestorKind::parse(code) {
        Some(InvestorKind::Angel) => t.investor_angel,
        Some(InvestorKind::Fund) => t.investor_fund,
        Some(InvestorKind::Corporate) => t.investor_corporate,
        Some(InvestorKind::Public) | None => t.investor_public,
    }
}

/// A project's review status, in words.
pub fn project_status_label(t: &Messages, status: &str) -> &'static str {
    match status {
        "published" => t.project_status_published,
        "rejected" => t.project_status_rejected,
        "withdrawn" => t.project_status_withdrawn,
        _ => t.project_status_pending,
    }
}

/// A project as the showcase lists it.
#[component]
pub fn ProjectCardView(
    project: ProjectCard,
    #[prop(optional)] terms: Vec<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let (locale, t) = (i18n.locale(), i18n.t());
    let p = &project;
    view! {
        <article class="card project-card" data-testid="project-card">
            {p.cover_thumb.as_deref().map(|key| view! {
                <img class="card-thumb" src=ListingImage::media_url(key) alt="" loading="lazy" decoding="async" width="480" height="360"/>
            })}
            <p class="card-eyebrow">
                <span class=format!("tag tag-stage tag-stage-{}", p.stage)>{stage_label(t, &p.stage)}</span>
                <span>{sector_name(locale, &p.sector_code)}</span>
            </p>
            <h3 class="card-title"><a class="card-link" href=format!("/startups/{}", p.slug)>{marked(&p.name, &terms)}</a></h3>
            <p class="card-summary">{marked(&p.pitch, &terms)}</p>
            <p class="card-price">
                <span class="card-price-label">{t.project_seeks}": "</span>
                {locale.format_vnd(p.funding_sought)}" · "{funding_label(t, &p.funding_kind)}
            </p>
            <p class="card-meta">
                <span class="card-seller">{p.presenter.clone()}</span>
                <span>{province_name(locale, &p.province_code)}</span>
            </p>
        </article>
    }
}

fn query_of(map: &leptos_router::params::ParamsMap) -> ProjectQuery {
    let get = |name: &str| map.get(name).unwrap_or_default();
    ProjectQuery {
        q: get("q"),
        sector: get("sector"),
        stage: get("stage"),
        funding: get("funding"),
        province: get("province"),
        page: map.get("page").and_then(|p| p.parse().ok()).unwrap_or(1),
    }
}

/// The showcase's address with `query`'s filters and words, without a page.
fn base_of(query: &ProjectQuery) -> String {
    let pairs: Vec<String> = [
        ("q", &query.q),
        ("sector", &query.sector),
        ("stage", &query.stage),
        ("funding", &query.funding),
        ("province", &query.province),
    ]
    .into_iter()
    .filter(|(_, v)| !v.is_empty())
    .map(|(k, v)| format!("{k}={}", encode_component(v)))
    .collect();
    if pairs.is_empty() {
        "/startups".to_owned()
    } else {
        format!("/startups?{}", pairs.join("&"))
    }
}

/// `/startups`.
pub struct StartupsRoute {
    data: Resource<Result<StartupsPage, AppError>>,
}

impl PageRoute for StartupsRoute {
    fn data() -> Self {
        let map = use_query_map();
        let query = Memo::new(move |_| query_of(&map.read()));
        Self {
            data: Resource::new(move || query.get(), get_startups),
        }
    }

    fn view(this: Self) -> AnyView {
        let data = this.data;
        view! {
            <Suspense fallback=move || view! { <p class="container page loading">{tr(|t| t.loading)}</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(page) => view! { <StartupsView page/> }.into_any(),
                        Err(AppError::BadRequest(_)) => view! { <NotFoundPage/> }.into_any(),
                        Err(error) => view! { <div class="container page"><LoadError error/></div> }.into_any(),
                    }
                })}
            </Suspense>
        }
        .into_any()
    }
}

/// One `<select>` of the showcase's filters.
fn filter_select(
    name: &'static str,
    label: fn(&Messages) -> &'static str,
    any: fn(&Messages) -> &'static str,
    current: String,
    options: Vec<(&'static str, String)>,
) -> impl IntoView {
    let id = format!("startups-{name}");
    view! {
        <div class="field">
            <label for=id.clone()>{tr(label)}</label>
            <select id=id name=name>
                <option value="" selected=current.is_empty()>{tr(any)}</option>
                {options.into_iter().map(|(code, text)| {
                    let selected = current == code;
                    view! { <option value=code selected=selected>{text}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

#[component]
fn StartupsView(page: StartupsPage) -> impl IntoView {
    let i18n = use_i18n();
    let (locale, t) = (i18n.locale(), i18n.t());
    let query = page.query.clone();
    let base = base_of(&query);
    let (current, page_count) = (page.projects.page, page.projects.page_count());
    let sectors = SECTORS
        .iter()
        .map(|s| (s.code, sector_name(locale, s.code).to_owned()))
        .collect();
    let stages = Stage::ALL
        .iter()
        .map(|s| (s.code(), stage_label(t, s.code()).to_owned()))
        .collect();
    let kinds = FundingKind::ALL
        .iter()
        .map(|k| (k.code(), funding_label(t, k.code()).to_owned()))
        .collect();
    let provinces = PROVINCES
        .iter()
        .map(|p| {
            let name = match locale {
                Locale::Vi => p.name_vi,
                Locale::En => p.name_en,
            };
            (p.code, name.to_owned())
        })
        .collect();
    let total = page.projects.total;
    let found = format!("{} {}", locale.format_count(total), t.startups_found);
    let lead = format!(
        "{} {} · {} {}",
        locale.format_count(page.all_projects),
        t.startups_projects_count,
        locale.format_count(page.investors),
        t.startups_investors_count
    );
    let terms = page.terms.clone();
    view! {
        <PageMeta title=t.startups_title description=t.startups_lead path=base.clone()/>
        <div class="container page startups-page">
            <header class="page-header page-header-actions">
                <div>
                    <h1>{t.startups_title}</h1>
                    <p class="lead">{t.startups_lead}</p>
                    <p class="muted" data-testid="startups-counts">{lead}</p>
                </div>
                <p class="feed-links">
                    <a class="button button-primary" href="/account/startups/new">{t.startups_present}</a>
                    <a class="button button-ghost" href="/investors">{t.investors_title}</a>
                    <a class="button button-ghost" href="/calls">{t.calls_link}</a>
                    <a class="button button-ghost" href="/mentors">{t.mentors_link}</a>
                    <a class="button button-ghost" href="/incubator">{t.incubator_link}</a>
                </p>
            </header>
            <form class="panel startups-filter" action="/startups" method="get" role="search">
                <div class="field startups-words">
                    <label for="startups-q">{t.startups_search_label}</label>
                    <input id="startups-q" type="search" name="q" value=query.q.clone() maxlength=crate::domain::MAX_QUERY_CHARS/>
                </div>
                {filter_select("sector", |t| t.field_sector, |t| t.startups_any_sector, query.sector.clone(), sectors)}
                {filter_select("stage", |t| t.startup_field_stage, |t| t.startups_any_stage, query.stage.clone(), stages)}
                {filter_select("funding", |t| t.startup_field_funding_kind, |t| t.startups_any_funding, query.funding.clone(), kinds)}
                {filter_select("province", |t| t.field_province, |t| t.startups_any_province, query.province.clone(), provinces)}
                <div class="form-actions">
                    <button type="submit" class="button button-primary">{t.startups_filter_button}</button>
                </div>
            </form>
            <h2 class="found-heading" data-testid="startups-found">{found}</h2>
            {if page.projects.items.is_empty() {
                view! { <Empty/> }.into_any()
            } else {
                view! {
                    <div class="card-grid" data-testid="projects">
                        {page.projects.items.into_iter().map(|project| view! { <ProjectCardView project terms=terms.clone()/> }).collect_view()}
                    </div>
                    <Pagination base page=current page_count/>
                }
                .into_any()
            }}
        </div>
    }
}

/// `/startups/{slug}`.
pub struct ProjectRoute {
    data: Resource<Result<ProjectPage, AppError>>,
}

impl PageRoute for ProjectRoute {
    fn data() -> Self {
        let params = use_params_map();
        let slug = Memo::new(move |_| params.read().get("slug").unwrap_or_default());
        Self {
            data: Resource::new(move || slug.get(), get_project),
        }
    }

    fn view(this: Self) -> AnyView {
        let data = this.data;
        view! {
            <Suspense fallback=move || view! { <p class="container page loading">{tr(|t| t.loading)}</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(page) => view! { <ProjectView page/> }.into_any(),
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
fn ProjectView(page: ProjectPage) -> impl IntoView {
    let i18n = use_i18n();
    let (locale, t) = (i18n.locale(), i18n.t());
    let query = use_query_map();
    let play = query.read_untracked().get("play").as_deref() == Some("1");
    let accepted_now = query.read_untracked().get("done").as_deref() == Some("accepted");
    let asked_now = query.read_untracked().get("done").as_deref() == Some("introduction_asked");
    let card = page.card.clone();
    let path = format!("/startups/{}", card.slug);
    let published = page.status == "published";
    let facts = [
        (
            t.field_sector,
            sector_name(locale, &card.sector_code).to_owned(),
        ),
        (
            t.field_province,
            province_name(locale, &card.province_code).to_owned(),
        ),
        (
            t.startup_field_stage,
            stage_label(t, &card.stage).to_owned(),
        ),
        (t.startup_field_trl, card.trl.to_string()),
        (
            t.startup_field_funding_sought,
            format!(
                "{} · {}",
                locale.format_vnd(card.funding_sought),
                funding_label(t, &card.funding_kind)
            ),
        ),
        (
            t.startup_field_funding_raised,
            locale.format_vnd(card.funding_raised),
        ),
    ];
    let presenter = match &card.stall_slug {
        Some(slug) => {
            view! { <a href=format!("/stalls/{slug}")>{card.presenter.clone()}</a> }.into_any()
        }
        None => view! { <span>{card.presenter.clone()}</span> }.into_any(),
    };
    view! {
        <PageMeta title=card.name.clone() description=card.pitch.clone() path=path.clone()/>
        {(!published).then(|| view! { <Meta name="robots" content="noindex"/> })}
        <div class="container page project-page">
            <nav class="breadcrumb" aria-label=t.breadcrumb>
                <a href="/startups">{t.startups_title}</a>
            </nav>
            {(!published).then(|| {
                let status = page.status.clone();
                view! { <p class="notice" data-testid="project-status">{project_status_label(t, &status)}</p> }
            })}
            {accepted_now.then(|| view! { <p class="notice notice-success" role="status">{t.done_terms_accepted}</p> })}
            {asked_now.then(|| view! { <p class="notice notice-success" role="status">{t.done_introduction_asked}</p> })}
            <header class="page-header">
                <p class="card-eyebrow"><span class=format!("tag tag-stage tag-stage-{}", card.stage)>{stage_label(t, &card.stage)}</span></p>
                <h1>{card.name.clone()}</h1>
                <p class="lead">{card.pitch.clone()}</p>
                <p class="muted">{t.project_presented_by}" "{presenter}</p>
            </header>
            <div class="project-layout">
                <div class="project-main">
                    {page.cover_key.as_deref().map(|key| view! {
                        <img class="project-cover" src=ListingImage::media_url(key) alt="" width="1200" height="675"/>
                    })}
                    <section aria-labelledby="project-about">
                        <h2 id="project-about">{t.project_about}</h2>
                        <div class="prose" inner_html=page.description_html.clone()></div>
                    </section>
                    {page.video.clone().map(|id| {
                        if play {
                            view! {
                                <div class="video-frame" id="video">
                                    <iframe src=format!("https://www.youtube-nocookie.com/embed/{id}?autoplay=1") title=card.name.clone()
                                        allow="autoplay; encrypted-media; picture-in-picture; fullscreen"
                                        allowfullscreen=true referrerpolicy="strict-origin-when-cross-origin"></iframe>
                                </div>
                            }.into_any()
                        } else {
                            view! {
                                <p id="video"><a class="button button-ghost" href=format!("{path}?play=1#video") data-testid="project-video">{t.project_watch_video}</a></p>
                                <p class="field-hint video-notice">{t.video_youtube_notice}</p>
                            }.into_any()
                        }
                    })}
                    <section aria-labelledby="project-team">
                        <h2 id="project-team">{t.project_team}</h2>
                        <ul class="project-team" data-testid="project-team">
                            {page.team.iter().map(|m| view! {
                                <li>
                                    <strong>{m.name.clone()}</strong>" — "{m.role.clone()}
                                    {m.member.clone().map(|_| view! { <span class="tag">{t.project_team_member}</span> })}
                                </li>
                            }).collect_view()}
                        </ul>
                    </section>
                    {(!page.traction.is_empty()).then(|| view! {
                        <section aria-labelledby="project-traction">
                            <h2 id="project-traction">{t.project_traction}</h2>
                            <dl class="facts" data-testid="project-traction">
                                {page.traction.iter().map(|f| view! { <div><dt>{f.label.clone()}</dt><dd>{f.value.clone()}</dd></div> }).collect_view()}
                            </dl>
                        </section>
                    })}
                    <ConfidentialPart page=page.clone()/>
                    {(published && matches!(page.standing, Standing::Investor | Standing::Accepted))
                        .then(|| view! { <super::startup_intros_page::ProjectIntroduction page=page.clone()/> })}
                    {(page.standing == Standing::Owner).then(|| view! { <ViewsLog page=page.clone()/> })}
                </div>
                <aside class="project-aside panel">
                    <dl class="facts">
                        {facts.into_iter().map(|(label, value)| view! { <div><dt>{label}</dt><dd>{value}</dd></div> }).collect_view()}
                    </dl>
                    {(page.standing == Standing::Owner).then(|| view! {
                        <p><a class="button button-ghost" href=format!("/account/startups/{}/edit", card.id)>{t.project_edit}</a></p>
                    })}
                </aside>
            </div>
        </div>
    }
}

/// The confidential figures and the pitch deck: shown to the owners and to investors who
/// accepted the terms; otherwise what the viewer must do to see them.
#[component]
fn ConfidentialPart(page: ProjectPage) -> impl IntoView {
    let t = use_i18n().t();
    if page.confidential_count == 0 && !page.has_deck {
        return ().into_any();
    }
    let deck_href = format!("/startups/{}/deck.pdf", page.card.slug);
    let next = encode_component(&format!("/startups/{}", page.card.slug));
    let body = match page.standing {
        Standing::Owner | Standing::Accepted => view! {
            {page.accepted_at.map(|at| view! { <p class="muted" data-testid="terms-accepted">{t.project_terms_accepted_at}" "{format_vietnam_datetime(at)}</p> })}
            {(!page.confidential.is_empty()).then(|| view! {
                <dl class="facts" data-testid="project-confidential">
                    {page.confidential.iter().map(|f| view! { <div><dt>{f.label.clone()}</dt><dd>{f.value.clone()}</dd></div> }).collect_view()}
                </dl>
            })}
            {page.has_deck.then(|| view! {
                <p><a class="button button-primary" href=deck_href.clone() data-testid="project-deck">{t.project_deck_download}</a></p>
            })}
        }
        .into_any(),
        Standing::Investor => view! {
            <p>{t.project_terms_text}</p>
            <form method="post" action="/api/accept_project_terms">
                <input type="hidden" name="id" value=page.card.id/>
                <input type="hidden" name="slug" value=page.card.slug.clone()/>
                <button type="submit" class="button button-primary" data-testid="accept-terms">{t.project_accept_terms}</button>
            </form>
        }
        .into_any(),
        Standing::UnapprovedInvestor => view! { <p>{t.project_investor_pending}</p> }.into_any(),
        Standing::Member => view! {
            <p>{t.project_only_investors}</p>
            <p><a class="button button-ghost" href="/account/investor">{t.investor_become}</a></p>
        }
        .into_any(),
        Standing::Visitor => view! {
            <p>{t.project_only_investors}</p>
            <p><a class="button button-ghost" href=format!("/login?next={next}")>{t.login}</a></p>
        }
        .into_any(),
    };
    let count = page.confidential_count;
    view! {
        <section class="panel project-confidential" id="confidential" aria-labelledby="confidential-title" data-testid="confidential">
            <h2 id="confidential-title">{t.project_confidential}</h2>
            <p class="muted">
                {move || format!("{} {}", use_i18n().locale().format_count(count), t.project_confidential_count)}
                {page.has_deck.then(|| format!(" · {}", t.project_has_deck))}
            </p>
            {body}
        </section>
    }
    .into_any()
}

/// The owners' log of who looked at the confidential material.
#[component]
fn ViewsLog(page: ProjectPage) -> impl IntoView {
    let t = use_i18n().t();
    view! {
        <section class="panel" aria-labelledby="views-title" data-testid="confidential-views">
            <h2 id="views-title">{t.project_views_title}</h2>
            {if page.views.is_empty() {
                view! { <p class="empty">{t.project_views_none}</p> }.into_any()
            } else {
                view! {
                    <div class="table-wrap"><table class="data-table">
                        <thead><tr><th scope="col">{t.project_views_who}</th><th scope="col">{t.project_views_what}</th><th scope="col">{t.project_views_when}</th></tr></thead>
                        <tbody>
                            {page.views.iter().map(|v| view! {
                                <tr>
                                    <td>{v.investor.clone()}</td>
                                    <td>{if v.what == "deck" { t.project_views_deck } else { t.project_views_detail }}</td>
                                    <td>{format_vietnam_datetime(v.viewed_at)}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table></div>
                }
                .into_any()
            }}
        </section>
    }
}

/// `/investors`.
pub struct InvestorsRoute {
    data: Resource<Result<InvestorsPage, AppError>>,
}

impl PageRoute for InvestorsRoute {
    fn data() -> Self {
        Self {
            data: Resource::new(|| (), |_| get_investors()),
        }
    }

    fn view(this: Self) -> AnyView {
        let data = this.data;
        view! {
            <Title text=tr(|t| t.investors_title)/>
            <Suspense fallback=move || view! { <p class="container page loading">{tr(|t| t.loading)}</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(page) => view! { <InvestorsView page/> }.into_any(),
                        Err(error) => view! { <div class="container page"><LoadError error/></div> }.into_any(),
                    }
                })}
            </Suspense>
        }
        .into_any()
    }
}

#[component]
fn InvestorsView(page: InvestorsPage) -> impl IntoView {
    let t = use_i18n().t();
    view! {
        <PageMeta title=t.investors_title description=t.investors_lead path="/investors"/>
        <div class="container page investors-page">
            <nav class="breadcrumb" aria-label=t.breadcrumb>
                <a href="/startups">{t.startups_title}</a>
            </nav>
            <header class="page-header page-header-actions">
                <div>
                    <h1>{t.investors_title}</h1>
                    <p class="lead">{t.investors_lead}</p>
                </div>
                <p><a class="button button-ghost" href="/account/investor">{t.investor_become}</a></p>
            </header>
            {if page.investors.is_empty() {
                view! { <Empty/> }.into_any()
            } else {
                view! {
                    <div class="card-grid" data-testid="investors">
                        {page.investors.into_iter().map(|investor| view! { <InvestorCardView investor/> }).collect_view()}
                    </div>
                }
                .into_any()
            }}
        </div>
    }
}

/// An investor and their focus.
#[component]
pub fn InvestorCardView(investor: InvestorCard) -> impl IntoView {
    let i18n = use_i18n();
    let (locale, t) = (i18n.locale(), i18n.t());
    let any = |list: &[String], name: &dyn Fn(&str) -> String| {
        if list.is_empty() {
            t.investor_focus_any.to_owned()
        } else {
            list.iter().map(|c| name(c)).collect::<Vec<_>>().join(", ")
        }
    };
    let sectors = any(&investor.sectors, &|c| sector_name(locale, c).to_owned());
    let stages = any(&investor.stages, &|c| stage_label(t, c).to_owned());
    let provinces = any(&investor.provinces, &|c| {
        province_name(locale, c).to_owned()
    });
    let ticket = format!(
        "{} – {}",
        locale.format_vnd(investor.ticket_min),
        locale.format_vnd(investor.ticket_max)
    );
    view! {
        <article class="card investor-card" id=format!("investor-{}", investor.slug) data-testid="investor-card">
            <p class="card-eyebrow"><span class="tag">{investor_kind_label(t, &investor.kind)}</span></p>
            <h3 class="card-title">{investor.name.clone()}</h3>
            <p class="card-summary">{investor.about.clone()}</p>
            <dl class="facts facts-compact">
                <div><dt>{t.investor_field_ticket}</dt><dd>{ticket}</dd></div>
                <div><dt>{t.investor_field_sectors}</dt><dd>{sectors}</dd></div>
                <div><dt>{t.investor_field_stages}</dt><dd>{stages}</dd></div>
                <div><dt>{t.investor_field_provinces}</dt><dd>{provinces}</dd></div>
            </dl>
            {(!investor.portfolio.is_empty()).then(|| view! { <p class="muted"><strong>{t.investor_field_portfolio}": "</strong>{investor.portfolio.clone()}</p> })}
            {investor.website.clone().map(|url| view! { <p><a href=url.clone() rel="nofollow noopener" target="_blank">{url.clone()}</a></p> })}
        </article>
    }
}
