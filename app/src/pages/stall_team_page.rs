//! `/account/stalls/{id}/team`: who acts for a stall, and its owner's invitations;
//! `/stall-invitation?token=…`: the page an invitation mail links to.

use super::PageRoute;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

use super::LoadError;
use crate::api::{get_invitation, get_stall_team};
use crate::components::form::{Field, FieldSpec, FormAlert, invalid_input, use_form_error};
use crate::components::pagination::encode_component;
use crate::domain::{Email, format_vietnam_datetime};
use crate::error::AppError;
use crate::i18n::{Messages, tr, use_i18n};
use crate::model::{InvitationView, OpenInvitation, StallTeam, TeamMember};

const INVITE_EMAIL: FieldSpec = FieldSpec {
    name: "email",
    label: |t| t.team_invite_email,
    kind: "email",
    autocomplete: "off",
    min_length: None,
    max_length: Email::MAX_LEN as u32,
    hint: Some(|t| t.team_invite_help),
};

member_route!(
    /// A stall's team, for its members.
    StallTeamRoute: StallTeam = get_stall_team,
    title |t| t.team_title,
    next "/account/stalls",
    |team| view! { <TeamView team/> }
);

#[component]
fn TeamView(team: StallTeam) -> impl IntoView {
    let done: Option<fn(&Messages) -> &'static str> =
        match use_query_map().read_untracked().get("done").as_deref() {
            Some("invited") => Some(|t| t.done_invited),
            Some("cancelled") => Some(|t| t.done_invitation_cancelled),
            Some("removed") => Some(|t| t.done_member_removed),
            _ => None,
        };
    let error = use_form_error("/invite_to_stall");
    let input = invalid_input(error.as_ref());
    let StallTeam {
        stall,
        viewer_id,
        members,
        invitations,
    } = team;
    let owner = stall.role == "owner";
    let stall_id = stall.id;
    view! {
        <div class="container page page-narrow-wide">
            <nav class="breadcrumb" aria-label=tr(|t| t.breadcrumb)>
                <a href="/account">{tr(|t| t.nav_account)}</a>
                <span aria-hidden="true">" › "</span>
                <a href="/account/stalls">{tr(|t| t.nav_my_stalls)}</a>
            </nav>
            <header class="page-header">
                <p class="muted">{stall.name.clone()}</p>
                <h1>{tr(|t| t.team_title)}</h1>
                <p class="lead">{tr(|t| t.team_lead)}</p>
            </header>
            {done.map(|message| view! { <p class="notice notice-success" role="status">{tr(message)}</p> })}
            <ul class="team-list panel" aria-label=tr(|t| t.team_title)>
                {members.into_iter().map(|member| view! {
                    <TeamMemberLine member stall_id owner_view=owner viewer_id/>
                }).collect_view()}
            </ul>
            {if owner {
                view! {
                    <section class="panel team-invite" id="invite">
                        <h2>{tr(|t| t.team_invite_title)}</h2>
                        <FormAlert error/>
                        <form class="form team-invite-form" method="post" action="/api/invite_to_stall">
                            <input type="hidden" name="stall_id" value=stall_id/>
                            <Field spec=INVITE_EMAIL input/>
                            <button type="submit" class="button button-primary">{tr(|t| t.team_invite_submit)}</button>
                        </form>
                    </section>
                    {(!invitations.is_empty()).then(|| view! {
                        <section class="team-invitations">
                            <h2>{tr(|t| t.team_invitations_title)}</h2>
                            <ul class="team-list panel">
                                {invitations.into_iter().map(|invitation| view! { <InvitationLine invitation stall_id/> }).collect_view()}
                            </ul>
                        </section>
                    })}
                }
                .into_any()
            } else {
                view! { <p class="muted">{tr(|t| t.team_owner_manages)}</p> }.into_any()
            }}
        </div>
    }
}

#[component]
fn TeamMemberLine(
    member: TeamMember,
    stall_id: i64,
    owner_view: bool,
    viewer_id: i64,
) -> impl IntoView {
    let i18n = use_i18n();
    let is_owner = member.role == "owner";
    let me = member.user_id == viewer_id;
    // The owner removes members; a member can leave. Nobody removes the owner.
    let action: Option<fn(&Messages) -> &'static str> = match (is_owner, me, owner_view) {
        (true, _, _) => None,
        (false, true, _) => Some(|t| t.team_leave),
        (false, false, true) => Some(|t| t.team_remove),
        (false, false, false) => None,
    };
    view! {
        <li class="team-member" data-testid="team-member">
            <div>
                <strong>{member.display_name.clone()}</strong>
                {me.then(|| view! { " ("{tr(|t| t.you)}")" })}
                <br/>
                <span class="muted">{member.email.clone()}</span>
            </div>
            <div class="team-member-meta">
                <span class="badge">{move || if is_owner { i18n.t().role_owner } else { i18n.t().role_stall_member }}</span>
                <span class="muted">{tr(|t| t.team_joined)}" "{format_vietnam_datetime(member.created_at)}</span>
                {action.map(|label| view! {
                    <form method="post" action="/api/remove_stall_member">
                        <input type="hidden" name="stall_id" value=stall_id/>
                        <input type="hidden" name="user_id" value=member.user_id/>
                        <button type="submit" class="button button-ghost button-small">{tr(label)}</button>
                    </form>
                })}
            </div>
        </li>
    }
}

#[component]
fn InvitationLine(invitation: OpenInvitation, stall_id: i64) -> impl IntoView {
    view! {
        <li class="team-member" data-testid="invitation">
            <div>
                <strong>{invitation.email.clone()}</strong>
                <br/>
                <span class="muted">
                    {tr(|t| t.team_invited_by)}" "{invitation.invited_by_name.clone()}" · "
                    {format_vietnam_datetime(invitation.created_at)}" · "
                    {tr(|t| t.team_expires)}" "{format_vietnam_datetime(invitation.expires_at)}
                </span>
            </div>
            <form method="post" action="/api/cancel_stall_invitation">
                <input type="hidden" name="stall_id" value=stall_id/>
                <input type="hidden" name="invitation_id" value=invitation.id/>
                <button type="submit" class="button button-ghost button-small">{tr(|t| t.team_cancel_invitation)}</button>
            </form>
        </li>
    }
}

/// The page an invitation mail links to: who invites to which stall, and the way to answer.
pub struct InvitationRoute {
    token: Memo<String>,
    data: Resource<Result<InvitationView, AppError>>,
}

impl PageRoute for InvitationRoute {
    fn data() -> Self {
        let query = use_query_map();
        let token = Memo::new(move |_| query.read().get("token").unwrap_or_default());
        Self {
            token,
            data: Resource::new(move || token.get(), get_invitation),
        }
    }

    fn view(this: Self) -> AnyView {
        let (token, data) = (this.token, this.data);
        view! {
            <Title text=tr(|t| t.invitation_title)/>
            // The token is a secret: keep the page out of search engines and referrers.
            <Meta name="robots" content="noindex"/>
            <Meta name="referrer" content="no-referrer"/>
            <div class="container page page-narrow">
                <Suspense fallback=move || view! { <p class="loading">{tr(|t| t.loading)}</p> }>
                    {move || Suspend::new(async move {
                        match data.await {
                            Ok(invitation) => view! { <InvitationCard invitation token=token.get_untracked()/> }.into_any(),
                            Err(AppError::NotFound) => view! {
                                <section class="account-card">
                                    <h1>{tr(|t| t.invitation_title)}</h1>
                                    <p class="notice notice-error">{tr(|t| t.invitation_not_found)}</p>
                                </section>
                            }.into_any(),
                            Err(error) => view! { <LoadError error/> }.into_any(),
                        }
                    })}
                </Suspense>
            </div>
        }
        .into_any()
    }
}

#[component]
fn InvitationCard(invitation: InvitationView, token: String) -> impl IntoView {
    let error = use_form_error("/answer_invitation");
    let here = format!("/stall-invitation?token={}", encode_component(&token));
    let next = encode_component(&here);
    let stall = if invitation.stall_public {
        view! { <a href=format!("/stalls/{}", invitation.stall_slug)>{invitation.stall_name.clone()}</a> }.into_any()
    } else {
        view! { <strong>{invitation.stall_name.clone()}</strong> }.into_any()
    };
    let body = match (invitation.state.as_str(), invitation.logged_in, invitation.for_viewer) {
        ("open", _, _) if invitation.already_member => {
            view! { <p class="notice">{tr(|t| t.invitation_already_member)}</p> }.into_any()
        }
        ("open", true, true) => view! {
            <FormAlert error/>
            <div class="form-actions invitation-actions">
                <form method="post" action="/api/answer_invitation">
                    <input type="hidden" name="token" value=token.clone()/>
                    <input type="hidden" name="answer" value="accept"/>
                    <button type="submit" class="button button-primary button-large">{tr(|t| t.invitation_accept)}</button>
                </form>
                <form method="post" action="/api/answer_invitation">
                    <input type="hidden" name="token" value=token.clone()/>
                    <input type="hidden" name="answer" value="decline"/>
                    <button type="submit" class="button button-ghost button-large">{tr(|t| t.invitation_decline)}</button>
                </form>
            </div>
        }
        .into_any(),
        ("open", true, false) => {
            view! { <p class="notice notice-error" role="alert">{tr(|t| t.invitation_wrong_account)}</p> }.into_any()
        }
        ("open", false, _) => view! {
            <p>{tr(|t| t.invitation_log_in)}</p>
            <p class="form-actions invitation-actions">
                <a class="button button-primary button-large" href=format!("/login?next={next}")>{tr(|t| t.login)}</a>
                <a class="button button-ghost button-large" href=format!("/register?next={next}")>{tr(|t| t.register)}</a>
            </p>
        }
        .into_any(),
        (state, _, _) => {
            let message: fn(&Messages) -> &'static str = match state {
                "expired" => |t| t.invitation_expired,
                "cancelled" => |t| t.invitation_cancelled,
                _ => |t| t.invitation_answered,
            };
            view! { <p class="notice">{tr(message)}</p> }.into_any()
        }
    };
    view! {
        <section class="account-card invitation-card">
            <h1>{tr(|t| t.invitation_title)}</h1>
            <p class="lead">
                <strong>{invitation.invited_by_name.clone()}</strong>" "{tr(|t| t.invitation_invites)}" "{stall}"."
            </p>
            <p class="muted">{tr(|t| t.invitation_explain)}</p>
            <p class="muted">{tr(|t| t.invitation_sent_to)}" "<strong data-testid="invited-email">{invitation.email.clone()}</strong></p>
            {body}
        </section>
    }
}
