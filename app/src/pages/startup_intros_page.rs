//! Investors meet projects: `/account/investor/matches` (the projects that fit an approved
//! investor's focus, explained), the introduction part of a project's page, the introductions
//! on `/account/startups`, and `/account/startups/introductions/{id}` (one introduction and the
//! conversation it opened).

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

use super::introductions_page::{reason_label, status_label};
use super::startups_page::ProjectCardView;
use super::{PageRoute, use_id_param};
use crate::api::{get_investor_matches, get_project_introduction};
use crate::components::form::{
    FieldSpec, FormAlert, TextAreaField, field_error_text, invalid_input, use_form_error,
};
use crate::components::matches::ReasonChips;
use crate::domain::format_vietnam_datetime;
use crate::domain::introductions::DECLINE_REASONS;
use crate::domain::matching::Reason;
use crate::error::AppError;
use crate::i18n::{Messages, tr, use_i18n};
use crate::model::{IntroThread, InvestorMatches, ProjectPage, StartupIntro};

const MESSAGE: FieldSpec = FieldSpec::text(
    "message",
    |t| t.startup_intro_message,
    10,
    crate::domain::startup_match::MESSAGE_CHARS,
)
.with_hint(|t| t.startup_intro_message_hint);
const BODY: FieldSpec = FieldSpec::text(
    "body",
    |t| t.startup_intro_reply,
    10,
    crate::domain::startup_match::MESSAGE_CHARS,
);

/// `/account/investor/matches`.
pub struct InvestorMatchesRoute {
    data: Resource<Result<InvestorMatches, AppError>>,
}

impl PageRoute for InvestorMatchesRoute {
    fn data() -> Self {
        Self {
            data: Resource::new(|| (), |_| get_investor_matches()),
        }
    }

    fn view(this: Self) -> AnyView {
        view! {
            <Title text=tr(|t| t.investor_matches_title)/>
            <Meta name="robots" content="noindex"/>
            {super::member_view(this.data, "/account/investor/matches", |page| view! { <InvestorMatchesView page/> })}
        }
        .into_any()
    }
}

/// A match's score and reasons.
fn why(score: f64, reasons: Vec<Reason>) -> impl IntoView {
    view! {
        <div class="match-why">
            <p class="match-score">{tr(|t| t.match_score)}" "<strong>{format!("{score:.1}")}</strong></p>
            <ReasonChips reasons/>
        </div>
    }
}

#[component]
fn InvestorMatchesView(page: InvestorMatches) -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t();
    let approved = page
        .investor
        .as_ref()
        .is_some_and(|i| i.status == "approved");
    let body = match (&page.investor, approved) {
        (None, _) => view! {
            <p>{t.investor_profile_lead}</p>
            <p><a class="button button-primary" href="/account/investor">{t.investor_become}</a></p>
        }
        .into_any(),
        (Some(_), false) => view! { <p class="notice">{t.project_investor_pending}</p> }.into_any(),
        (Some(_), true) if page.matches.is_empty() => {
            view! { <p class="empty">{t.investor_matches_none}</p> }.into_any()
        }
        (Some(_), true) => view! {
            <p class="muted" data-testid="matches-count">
                {format!(
                    "{} {} {}",
                    i18n.locale().format_count(page.matches.len() as i64),
                    t.investor_matches_of,
                    i18n.locale().format_count(page.considered),
                )}
            </p>
            <ol class="match-list">
                {page.matches.clone().into_iter().map(|m| {
                    let asked = m.introduction.clone();
                    let slug = m.card.slug.clone();
                    view! {
                        <li class="match" data-testid="project-match">
                            <ProjectCardView project=m.card/>
                            {why(m.score, m.reasons)}
                            {match asked {
                                Some(status) => view! {
                                    <p><span class=format!("badge badge-{status}") data-testid="match-introduction">{status_label(t, &status)}</span></p>
                                }.into_any(),
                                None => view! {
                                    <p><a class="button button-ghost button-small" href=format!("/startups/{slug}#introduction")>{t.startup_intro_ask}</a></p>
                                }.into_any(),
                            }}
                        </li>
                    }
                }).collect_view()}
            </ol>
        }
        .into_any(),
    };
    view! {
        <div class="container page investor-matches-page">
            <header class="page-header">
                <h1>{t.investor_matches_title}</h1>
                <p class="lead">{t.investor_matches_lead}</p>
            </header>
            {body}
        </div>
    }
}

/// On a project's page, for an approved investor: how it fits their focus, and the
/// introduction they asked for or the form to ask for one.
#[component]
pub fn ProjectIntroduction(page: ProjectPage) -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t();
    let error = use_form_error("ask_project_introduction");
    let input = invalid_input(error.as_ref());
    let fit = match page.fit {
        Some((score, reasons)) => view! {
            <p>{t.startup_intro_fits}</p>
            {why(score, reasons)}
        }
        .into_any(),
        None => {
            view! { <p class="muted" data-testid="no-fit">{t.startup_intro_no_fit}</p> }.into_any()
        }
    };
    let action = match page.introduction {
        Some(intro) => {
            let status = intro.status.clone();
            view! {
                <p data-testid="introduction-status">
                    <span class=format!("badge badge-{status}")>{status_label(t, &status)}</span>" "
                    <a href=format!("/account/startups/introductions/{}", intro.id)>{t.startup_intro_open}</a>
                </p>
            }
            .into_any()
        }
        None => view! {
            <form method="post" action="/api/ask_project_introduction" class="form-stack" data-testid="ask-introduction">
                <FormAlert error=error.clone()/>
                <input type="hidden" name="project_id" value=page.card.id/>
                <input type="hidden" name="slug" value=page.card.slug.clone()/>
                <TextAreaField spec=MESSAGE input=input.clone() rows=4/>
                <button type="submit" class="button button-primary">{t.startup_intro_ask}</button>
            </form>
        }
        .into_any(),
    };
    view! {
        <section class="panel" id="introduction" aria-labelledby="introduction-title" data-testid="project-introduction">
            <h2 id="introduction-title">{t.startup_intro_title}</h2>
            {fit}
            {action}
        </section>
    }
}

/// Accept, or decline with a reason: for one of the project's owners while it waits.
fn answer_forms(id: i64, t: &'static Messages) -> impl IntoView + use<> {
    let i18n = use_i18n();
    let error = use_form_error("answer_project_introduction");
    let input = invalid_input(error.as_ref());
    let ours = input.value_of("introduction_id") == Some(id.to_string().as_str());
    let reason_error = ours
        .then(|| input.error_for("reason").map(str::to_owned))
        .flatten();
    let reason_invalid = reason_error.is_some();
    view! {
        <div class="introduction-actions">
            <form method="post" action="/api/answer_project_introduction">
                <input type="hidden" name="id" value=id/>
                <input type="hidden" name="decision" value="accept"/>
                <button type="submit" class="button button-primary button-small" data-action="accept">{t.intro_accept}</button>
            </form>
            <details class="introduction-decline" open=reason_invalid>
                <summary>{t.intro_decline}</summary>
                <form method="post" action="/api/answer_project_introduction">
                    <input type="hidden" name="id" value=id/>
                    <input type="hidden" name="decision" value="decline"/>
                    <fieldset>
                        <legend>{t.intro_decline_why}</legend>
                        {DECLINE_REASONS.into_iter().map(|code| view! {
                            <label class="check"><input type="radio" name="reason" value=code/>" "{move || reason_label(i18n.t(), code)}</label>
                        }).collect_view()}
                        {reason_error.map(|code| view! { <p class="field-error" role="alert">{move || field_error_text(i18n.t(), &code)}</p> })}
                    </fieldset>
                    <button type="submit" class="button button-ghost button-small" data-action="decline">{t.intro_decline_submit}</button>
                </form>
            </details>
        </div>
    }
}

/// One introduction in a list: the project and the investor, its status, the message, and
/// what the member may do.
#[component]
fn IntroItem(intro: StartupIntro) -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t();
    let status = intro.status.clone();
    let waiting = intro.status == "requested" && !intro.investor_side;
    let accepted = intro.status == "accepted";
    view! {
        <li class="introduction" id=format!("introduction-{}", intro.id) data-testid="startup-introduction" data-status=intro.status.clone()>
            <div class="introduction-head">
                <span class="badge">{move || status_label(i18n.t(), &status)}</span>
                <span class="muted">
                    {if intro.investor_side { t.intro_you_asked } else { t.intro_asked_you }}" "
                    <strong>{if intro.investor_side { intro.project_name.clone() } else { intro.investor_name.clone() }}</strong>
                    " · "{format_vietnam_datetime(intro.created_at)}
                </span>
            </div>
            <p class="introduction-pair">
                <a href=format!("/startups/{}", intro.project_slug)>{intro.project_name.clone()}</a>
                " ⇄ "{intro.investor_name.clone()}
            </p>
            <blockquote class="introduction-message">{intro.message.clone()}</blockquote>
            {intro.decline_reason.clone().map(|code| view! { <p class="muted">{t.intro_declined_because}" "{move || reason_label(i18n.t(), &code)}</p> })}
            {waiting.then(|| answer_forms(intro.id, t))}
            {accepted.then(|| view! {
                <p><a class="button button-ghost button-small" href=format!("/account/startups/introductions/{}", intro.id)>{t.intro_conversation}</a></p>
            })}
        </li>
    }
}

/// The introductions on `/account/startups`.
#[component]
pub fn IntroductionsList(introductions: Vec<StartupIntro>) -> impl IntoView {
    let t = use_i18n().t();
    view! {
        <section class="panel" id="introductions" aria-labelledby="introductions-title">
            <h2 id="introductions-title">{t.startup_intros_title}</h2>
            {if introductions.is_empty() {
                view! { <p class="empty">{t.startup_intros_none}</p> }.into_any()
            } else {
                view! {
                    <ul class="introduction-list" data-testid="startup-introductions">
                        {introductions.into_iter().map(|intro| view! { <IntroItem intro/> }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
        </section>
    }
}

/// `/account/startups/introductions/{id}`.
pub struct IntroThreadRoute {
    data: Resource<Result<IntroThread, AppError>>,
}

impl PageRoute for IntroThreadRoute {
    fn data() -> Self {
        let id = use_id_param();
        Self {
            data: Resource::new(move || id.get(), get_project_introduction),
        }
    }

    fn view(this: Self) -> AnyView {
        view! {
            <Title text=tr(|t| t.startup_intro_title)/>
            <Meta name="robots" content="noindex"/>
            {super::member_view(this.data, "/account/startups", |thread| view! { <IntroThreadView thread/> })}
        }
        .into_any()
    }
}

#[component]
fn IntroThreadView(thread: IntroThread) -> impl IntoView {
    let t = use_i18n().t();
    let done: Option<&'static str> = match use_query_map().read_untracked().get("done").as_deref() {
        Some("accepted") => Some(t.startup_intro_done_accepted),
        Some("declined") => Some(t.startup_intro_done_declined),
        _ => None,
    };
    let error = use_form_error("post_introduction_message");
    let input = invalid_input(error.as_ref());
    let IntroThread {
        intro,
        messages,
        contact,
    } = thread;
    let id = intro.id;
    let accepted = intro.status == "accepted";
    let last = messages.len().saturating_sub(1);
    view! {
        <div class="container page intro-thread-page">
            <p class="breadcrumb"><a href="/account/startups#introductions">{t.own_startups_title}</a></p>
            <header class="page-header">
                <h1>{intro.project_name.clone()}" ⇄ "{intro.investor_name.clone()}</h1>
            </header>
            {done.map(|message| view! { <p class="notice notice-success" role="status">{message}</p> })}
            <ul class="introduction-list"><IntroItem intro/></ul>
            {contact.map(|(name, email)| view! {
                <p class="introduction-contact" data-testid="introduction-contact">
                    <strong>{name}</strong>" · "<a href=format!("mailto:{email}")>{email.clone()}</a>
                </p>
            })}
            {accepted.then(|| view! {
                <section class="panel" aria-labelledby="conversation-title">
                    <h2 id="conversation-title">{t.intro_conversation}</h2>
                    <ol class="thread" data-testid="intro-messages">
                        {messages.into_iter().enumerate().map(|(i, m)| view! {
                            <li class="message" class:message-mine=m.mine id=(i == last).then_some("message-last")>
                                <p class="message-meta"><strong>{m.author}</strong>" · "{format_vietnam_datetime(m.created_at)}</p>
                                <p class="message-body">{m.body}</p>
                            </li>
                        }).collect_view()}
                    </ol>
                    <form method="post" action="/api/post_introduction_message" class="form-stack" data-testid="intro-reply">
                        <FormAlert error=error.clone()/>
                        <input type="hidden" name="id" value=id/>
                        <TextAreaField spec=BODY input=input.clone() rows=4/>
                        <button type="submit" class="button button-primary">{t.startup_intro_send}</button>
                    </form>
                </section>
            })}
        </div>
    }
}
