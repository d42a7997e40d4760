use leptos::prelude::*;

use crate::error::AppError;
use crate::model::MembersAdmin;

/// Administrators only: one page of members whose address or name contains `q`, and the
/// latest audit log entries.
#[server(endpoint = "list_users", input = server_fn::codec::GetUrl)]
pub async fn list_users(q: String, page: u32) -> Result<MembersAdmin, AppError> {
    use crate::api::catalogue::{PER_PAGE, clamp_page};
    use crate::db::{accounts, audit};
    use crate::domain::Role;
    use crate::model::{AuditEntry, MemberRow, Page};

    /// Audit entries shown beside the list.
    const AUDIT_ENTRIES: i64 = 20;

    let admin = super::require_role(Role::Admin)?;
    let ctx = crate::server_context::server_context()?;
    let page = clamp_page(page);
    let offset = i64::from((page - 1) * PER_PAGE);
    let q: String = q.chars().take(100).collect();
    let ((users, total), audit) = tokio::try_join!(
        accounts::list_users(&ctx.db, &q, i64::from(PER_PAGE), offset),
        audit::recent(&ctx.db, AUDIT_ENTRIES),
    )?;
    Ok(MembersAdmin {
        members: Page {
            items: users
                .into_iter()
                .map(|u| MemberRow {
                    id: u.id,
                    email: u.email,
                    display_name: u.display_name,
                    role: Role::parse(&u.role).unwrap_or(Role::Member),
                    created_at: u.created_at,
                })
                .collect(),
            page,
            per_page: PER_PAGE,
            total,
        },
        viewer_id: admin.id,
        audit: audit
            .into_iter()
            .map(|a| AuditEntry {
                actor: a.actor_name,
                action: a.action,
                subject: format!("{}:{}", a.subject_kind, a.subject_id),
                detail: a.detail,
                created_at: a.created_at,
            })
            .collect(),
    })
}
