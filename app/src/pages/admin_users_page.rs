//! `/admin/users`: administrators find members, change their roles, log out compromised
//! accounts, and read the audit log.

use super::PageRoute;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::my_account_page::role_label;
use super::use_page_param;
use crate::api::list_users;
use crate::components::form::{FormAlert, use_form_error};
use crate::components::pagination::Pagination;
use crate::domain::{Role, format_vietnam_datetime};
use crate::error::AppError;
use crate::i18n::{tr, use_i18n};
use crate::model::{AuditEntry, MemberRow, MembersAdmin};

/// The members page (administrators only; the server refuses everyone else).
pub struct AdminUsersRoute {
    data: Resource<Result<MembersAdmin, AppError>>,
}

fn use_q() -> Memo<String> {
    let query = use_query_map();
    Memo::new(move |_| query.read().get("q").unwrap_or_default())
}

impl PageRoute for AdminUsersRoute {
    fn data() -> Self {
        let q = use_q();
        let page = use_page_param();
        Self {
            data: Resource::new(
                move || (q.get(), page.get()),
                |(q, page)| list_users(q, page),
            ),
        }
    }

    fn view(this: Self) -> AnyView {
        view! {
            <Title text=tr(|t| t.admin_users_title)/>
            {super::member_view(this.data, "/admin/users", |data| view! { <MembersView data/> })}
        }
        .into_any()
    }
}

#[component]
fn MembersView(data: MembersAdmin) -> impl IntoView {
    let i18n = use_i18n();
    let q = use_q().get_untracked();
    let page = data.members.page;
    let return_to = if q.is_empty() {
        format!("/admin/users?page={page}")
    } else {
        format!(
            "/admin/users?q={}&page={page}",
            crate::components::pagination::encode_component(&q)
        )
    };
    let base = if q.is_empty() {
        "/admin/users".to_owned()
    } else {
        format!(
            "/admin/users?q={}",
            crate::components::pagination::encode_component(&q)
        )
    };
    let error = use_form_error("/set_user_role");
    let (page_count, total) = (data.members.page_count(), data.members.total);
    let viewer = data.viewer_id;
    view! {
        <div class="container page admin-page">
            <header class="page-header">
                <h1>{tr(|t| t.admin_users_title)}</h1>
                <p class="lead">{tr(|t| t.admin_users_lead)}</p>
            </header>
            <FormAlert error banner_fields=&["role"]/>
            <form class="filter-bar" method="get" action="/admin/users" role="search">
                <label for="member-search">{tr(|t| t.admin_search_label)}</label>
                <input id="member-search" type="search" name="q" value=q maxlength="100"/>
                <button type="submit" class="button button-primary">{tr(|t| t.admin_search_submit)}</button>
            </form>
            <p class="muted">{move || format!("{} {}", i18n.locale().format_count(total), i18n.t().members_total_suffix)}</p>
            <div class="table-wrap">
                <table class="data-table">
                    <thead>
                        <tr>
                            <th scope="col">{tr(|t| t.col_member)}</th>
                            <th scope="col">{tr(|t| t.col_role)}</th>
                            <th scope="col">{tr(|t| t.col_joined)}</th>
                            <th scope="col"><span class="visually-hidden">{tr(|t| t.session_revoke)}</span></th>
                        </tr>
                    </thead>
                    <tbody>
                        {data.members.items.into_iter().map(|member| {
                            let is_viewer = member.id == viewer;
                            view! { <MemberLine member is_viewer return_to=return_to.clone()/> }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <Pagination base page page_count/>
            <section class="panel audit-log">
                <h2>{tr(|t| t.audit_title)}</h2>
                <ol class="audit-list">
                    {data.audit.into_iter().map(|entry| view! { <AuditLine entry/> }).collect_view()}
                </ol>
            </section>
        </div>
    }
}

#[component]
fn MemberLine(member: MemberRow, is_viewer: bool, return_to: String) -> impl IntoView {
    let i18n = use_i18n();
    let role = member.role;
    let role_cell = if is_viewer {
        view! {
            <span class="badge">{move || role_label(i18n.t(), role)}</span>
            " "<span class="muted">{tr(|t| t.you_label)}</span>
        }
        .into_any()
    } else {
        let select_id = format!("role-{}", member.id);
        view! {
            <form class="inline-form role-form" method="post" action="/api/set_user_role">
                <input type="hidden" name="user_id" value=member.id/>
                <input type="hidden" name="return_to" value=return_to.clone()/>
                <label class="visually-hidden" for=select_id.clone()>{tr(|t| t.col_role)}</label>
                <select id=select_id name="role">
                    {Role::ALL.into_iter().map(|option| view! {
                        <option value=option.code() selected=option == role>{move || role_label(i18n.t(), option)}</option>
                    }).collect_view()}
                </select>
                <button type="submit" class="button button-ghost button-small">{tr(|t| t.set_role_submit)}</button>
            </form>
        }
        .into_any()
    };
    view! {
        <tr data-testid="member-row">
            <td>
                <strong>{member.display_name}</strong>
                <br/>
                <span class="muted">{member.email}</span>
            </td>
            <td>{role_cell}</td>
            <td>{format_vietnam_datetime(member.created_at)}</td>
            <td>
                {(!is_viewer).then(|| view! {
                    <form class="inline-form" method="post" action="/api/revoke_user_sessions">
                        <input type="hidden" name="user_id" value=member.id/>
                        <input type="hidden" name="return_to" value=return_to/>
                        <button type="submit" class="button button-ghost button-small">{tr(|t| t.revoke_sessions_submit)}</button>
                    </form>
                })}
            </td>
        </tr>
    }
}

#[component]
fn AuditLine(entry: AuditEntry) -> impl IntoView {
    let i18n = use_i18n();
    let AuditEntry {
        actor,
        action,
        subject,
        detail,
        created_at,
    } = entry;
    let text = move || {
        let t = i18n.t();
        let actor = actor.clone().unwrap_or_else(|| t.audit_system.to_owned());
        let verb = match action.as_str() {
            "role_changed" => t.audit_role_changed,
            "sessions_revoked" => t.audit_sessions_revoked,
            "stall_submitted" => t.audit_stall_submitted,
            "stall_resubmitted" => t.audit_stall_resubmitted,
            "stall_edited" => t.audit_stall_edited,
            "stall_approved" => t.audit_stall_approved,
            "stall_rejected" => t.audit_stall_rejected,
            "stall_member_invited" => t.audit_stall_member_invited,
            "stall_invitation_cancelled" => t.audit_stall_invitation_cancelled,
            "stall_invitation_accepted" => t.audit_stall_invitation_accepted,
            "stall_invitation_declined" => t.audit_stall_invitation_declined,
            "stall_member_removed" => t.audit_stall_member_removed,
            "stall_member_left" => t.audit_stall_member_left,
            "stall_picture_changed" => t.audit_stall_picture_changed,
            "stall_picture_removed" => t.audit_stall_picture_removed,
            "listing_submitted" => t.audit_listing_submitted,
            "listing_drafted" => t.audit_listing_drafted,
            "listing_approved" => t.audit_listing_approved,
            "listing_rejected" => t.audit_listing_rejected,
            "listing_submit" => t.audit_listing_submit,
            "listing_renew" => t.audit_listing_renew,
            "listing_close_sold" => t.audit_listing_close_sold,
            "listing_close_withdrawn" => t.audit_listing_close_withdrawn,
            "listing_images_added" => t.audit_listing_images_added,
            "listing_image_removed" => t.audit_listing_image_removed,
            other => other,
        };
        let detail = if detail.is_empty() {
            String::new()
        } else {
            format!(" ({detail})")
        };
        let subject = subject
            .split_once(':')
            .map_or_else(|| subject.clone(), |(_, id)| format!("#{id}"));
        format!("{actor} {verb} {subject}{detail}")
    };
    view! {
        <li>
            <time class="muted">{format_vietnam_datetime(created_at)}</time>
            " "
            <span>{text}</span>
        </li>
    }
}
