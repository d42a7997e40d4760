use leptos::prelude::*;

use crate::error::AppError;

/// The stall's owner invites a colleague by e-mail address: the mail carries a link that makes
/// the account with that address a member of the stall. Inviting the same address again sends
/// a new link (the old one stops working). A stall sends at most
/// [`stall_limits::INVITATION_MAILS_PER_DAY`] invitation mails in 24 hours, new links included.
#[server(endpoint = "invite_to_stall")]
pub async fn invite_to_stall(stall_id: i64, email: String) -> Result<(), AppError> {
    use crate::db::{audit, now_ms, outbox, stall_team};
    use crate::domain::{Email, stall_limits};
    use crate::error::{FieldError, InvalidInput};

    let user = crate::api::accounts::require_user()?;
    let ctx = crate::server_context::server_context()?;
    let stall = super::owned_stall(&ctx.db, stall_id, user.id).await?;
    let refuse = |code: &str| {
        AppError::Invalid(InvalidInput::new(
            vec![FieldError::new("email", code)],
            &[("email", &email)],
        ))
    };
    let address = Email::parse(&email).map_err(refuse)?;
    if stall_team::is_member_email(&ctx.db, stall_id, address.as_str()).await? {
        return Err(refuse("already_member"));
    }
    let now = now_ms();
    let open = stall_team::open_invitations(&ctx.db, stall_id, now).await?;
    let renewing = open.iter().any(|i| i.email == address.as_str());
    if !renewing && open.len() >= stall_limits::OPEN_INVITATIONS {
        return Err(refuse("too_many_invitations"));
    }
    let (token, token_hash) = crate::auth::new_session_token();
    let mail = crate::mail::stall_invitation(
        crate::i18n::request_locale(),
        address.as_str(),
        &user.display_name,
        &stall.name,
        &ctx.public_url,
        &token,
    );
    let expires = now + stall_limits::INVITATION_DAYS * 24 * 3_600_000;
    let mut tx = ctx.db.begin().await?;
    // The invitation is written first: on SQLite a transaction that read before writing fails at
    // once ("database is locked") when another write lands in between, where one that starts by
    // writing waits its turn.
    stall_team::invite(
        &mut tx,
        stall_id,
        address.as_str(),
        &token_hash,
        user.id,
        now,
        expires,
    )
    .await?;
    // Every invitation is in the audit log: the day's count, read where the new one is written
    // (a refusal rolls the invitation back).
    let mailed_today = audit::count_since(
        &mut tx,
        "stall_member_invited",
        ("stall", stall_id),
        now - 24 * 3_600_000,
    )
    .await?;
    if mailed_today >= stall_limits::INVITATION_MAILS_PER_DAY {
        return Err(refuse("too_many_invitation_mails"));
    }
    audit::record(
        &mut tx,
        Some(user.id),
        "stall_member_invited",
        ("stall", stall_id),
        address.as_str(),
        now,
    )
    .await?;
    outbox::enqueue(&mut tx, &mail, now).await?;
    tx.commit().await?;
    ctx.outbox_wake.notify_one();
    leptos_axum::redirect(&format!("/account/stalls/{stall_id}/team?done=invited"));
    Ok(())
}
