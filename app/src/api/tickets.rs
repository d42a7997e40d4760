//! Registering for an event: the form on its page, the mailed confirmation, the ticket with its
//! QR code, cancelling (which moves the waiting list up), and checking tickets in at the door.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::{CheckInDesk, CheckInResult, TicketPage};

/// Registers for event `event_id`. A member is registered at once (name and address from their
/// account; organisation and phone optional) and taken to their ticket; a visitor gives name,
/// organisation, phone and e-mail and is mailed a link that confirms it. When the event is full
/// the registration joins the waiting list. Refused beside its field with everything typed: a
/// closed registration (after the deadline, or the event started), an address already
/// registered.
#[server(endpoint = "register_for_event")]
pub async fn register_for_event(
    event_id: i64,
    name: Option<String>,
    organisation: String,
    phone: String,
    email: Option<String>,
) -> Result<(), AppError> {
    use crate::db::registrations::{self, NewRegistration, RegisterError};
    use crate::db::{accounts, now_ms, outbox};
    use crate::domain::registration::RegistrationForm;
    use crate::error::{FieldError, InvalidInput};

    let form = RegistrationForm {
        name: name.unwrap_or_default(),
        organisation,
        phone,
        email: email.unwrap_or_default(),
    };
    let typed = form.typed();
    let refuse = |errors: Vec<FieldError>| AppError::Invalid(InvalidInput::new(errors, &typed));
    let ctx = crate::server_context::server_context()?;
    let user = crate::session::current_user();
    let account = match &user {
        Some(user) => Some(
            accounts::account(&ctx.db, user.id)
                .await?
                .ok_or(AppError::Unauthorized)?,
        ),
        None => None,
    };
    let registrant = form
        .validate(
            account
                .as_ref()
                .map(|a| (a.display_name.as_str(), a.email.as_str())),
        )
        .map_err(refuse)?;
    if account.is_none() {
        // A visitor's registration mails an address a stranger typed: as many as sign-ups.
        if let Err(wait) = ctx.register_limiter.check(crate::rate_limit::client_ip()) {
            return Err(AppError::TooManyRequests {
                retry_after_secs: crate::rate_limit::retry_secs(wait),
                input: InvalidInput::new(Vec::new(), &typed),
            });
        }
    }
    let locale = crate::i18n::request_locale();
    let ticket_code = crate::auth::new_ticket_code();
    let (cancel_token, cancel_hash) = crate::auth::new_session_token();
    let confirm = account.is_none().then(crate::auth::new_session_token);
    let now = now_ms();
    let new = NewRegistration {
        user_id: user.as_ref().map(|u| u.id),
        registrant: &registrant,
        locale: locale.code(),
        ticket_code: &ticket_code,
        confirm_hash: confirm.as_ref().map(|(_, hash)| hash.as_str()),
        cancel_hash: &cancel_hash,
    };
    let _turn = crate::db::dialect::write_turn(&ctx.db).await;
    let mut tx = ctx.db.begin().await?;
    let registered = match registrations::register(&mut tx, event_id, &new, now).await {
        Ok(registered) => registered,
        Err(RegisterError::NoEvent) => return Err(AppError::NotFound),
        Err(RegisterError::Closed) => {
            return Err(refuse(vec![FieldError::new(
                "event",
                "registration_closed",
            )]));
        }
        Err(RegisterError::Already) => {
            let field = if account.is_some() { "event" } else { "email" };
            return Err(refuse(vec![FieldError::new(field, "already_registered")]));
        }
        Err(RegisterError::Db(e)) => return Err(e.into()),
    };
    let place = registered.event.place();
    let event = registered.event.mention(&place);
    let origin = &ctx.public_url;
    let mail = match &confirm {
        Some((token, _)) => crate::mail::registration_confirm(
            locale,
            &registrant.email,
            &registrant.name,
            origin,
            &event,
            token,
        ),
        None => crate::mail::registration_ticket(
            locale,
            &registrant.email,
            &registrant.name,
            origin,
            &event,
            (&registered.ticket_code, &cancel_token),
            seat_of(&registered.status),
        ),
    };
    outbox::enqueue(&mut tx, &mail, now).await?;
    crate::db::audit::record(
        &mut tx,
        user.as_ref().map(|u| u.id),
        "event_registered",
        ("event", event_id),
        &registered.status,
        now,
    )
    .await?;
    tx.commit().await?;
    ctx.outbox_wake.notify_one();
    if confirm.is_some() {
        leptos_axum::redirect(&format!(
            "/events/{}?done=check_mail#register",
            registered.event.slug
        ));
    } else {
        leptos_axum::redirect(&format!(
            "/tickets/{}?done={}",
            registered.ticket_code, registered.status
        ));
    }
    Ok(())
}

#[cfg(feature = "ssr")]
fn seat_of(status: &str) -> crate::mail::Seat {
    match status {
        "waiting" => crate::mail::Seat::Waiting,
        _ => crate::mail::Seat::Taken,
    }
}

/// The confirmation link's button: confirms the visitor's registration (a seat, or the waiting
/// list when the event filled meanwhile), mails the ticket with its cancel link, and goes to
/// the ticket. A link never sent or replaced by a newer one, or for an event whose
/// registration has closed, is refused on the page.
#[server(endpoint = "confirm_ticket")]
pub async fn confirm_ticket(token: String) -> Result<(), AppError> {
    use crate::db::registrations::{self, RegisterError};
    use crate::db::{now_ms, outbox};
    use crate::error::{FieldError, InvalidInput};

    let refuse = |code: &str| {
        AppError::Invalid(InvalidInput::new(
            vec![FieldError::new("token", code)],
            &[("token", "")],
        ))
    };
    let ctx = crate::server_context::server_context()?;
    let hash = crate::auth::session_token_hash(token.trim());
    let now = now_ms();
    let (cancel_token, cancel_hash) = crate::auth::new_session_token();
    let _turn = crate::db::dialect::write_turn(&ctx.db).await;
    // It reads the registration before locking the event: a write from the start.
    let mut tx = crate::db::dialect::begin_write(&ctx.db).await?;
    let (registered, recipient) = match registrations::confirm(&mut tx, &hash, now).await {
        Ok(Some(confirmed)) => confirmed,
        Ok(None) => return Err(refuse("confirm_link_invalid")),
        Err(RegisterError::Closed) => return Err(refuse("registration_closed")),
        Err(RegisterError::NoEvent) => return Err(AppError::NotFound),
        Err(RegisterError::Already) => return Err(refuse("already_registered")),
        Err(RegisterError::Db(e)) => return Err(e.into()),
    };
    if let Some(to) = &recipient {
        // The ticket mail carries a cancel link: its secret replaces the one made at
        // registration, which no mail carried.
        registrations::set_cancel_hash(&mut tx, registered.id, &cancel_hash).await?;
        let place = registered.event.place();
        let mail = crate::mail::registration_ticket(
            crate::i18n::Locale::from_code(&to.locale).unwrap_or_default(),
            &to.email,
            &to.name,
            &ctx.public_url,
            &registered.event.mention(&place),
            (&registered.ticket_code, &cancel_token),
            seat_of(&registered.status),
        );
        outbox::enqueue(&mut tx, &mail, now).await?;
    }
    tx.commit().await?;
    if recipient.is_some() {
        ctx.outbox_wake.notify_one();
    }
    leptos_axum::redirect(&format!(
        "/tickets/{}?done={}",
        registered.ticket_code, registered.status
    ));
    Ok(())
}

/// `/tickets/{code}`: a ticket (its QR code once confirmed), and whether `cancel` (the mailed
/// link's secret) or the member looking may cancel it. Unknown codes are not found.
#[server(endpoint = "get_ticket", input = server_fn::codec::GetUrl)]
pub async fn get_ticket(code: String, cancel: Option<String>) -> Result<TicketPage, AppError> {
    use crate::db::registrations;
    use crate::domain::registration::parse_ticket_code;

    let code = parse_ticket_code(&code).ok_or(AppError::NotFound)?;
    let ctx = crate::server_context::server_context()?;
    let viewer = crate::session::current_user().map(|u| u.id);
    let mut ticket = registrations::ticket(&ctx.db, &code, viewer, crate::db::now_ms())
        .await?
        .ok_or(AppError::NotFound)?;
    if let Some(token) = cancel.filter(|t| !t.is_empty()) {
        let holder = registrations::holder(&ctx.db, &code).await?;
        ticket.may_cancel |=
            holder.is_some_and(|h| h.cancel_hash == crate::auth::session_token_hash(token.trim()));
    }
    if ticket.status == "confirmed" {
        ticket.qr_svg = Some(qr_svg(&format!("{}/tickets/{code}", ctx.public_url)));
    }
    Ok(ticket)
}

/// `text` as a QR code: SVG markup to put in a page, black on white, scaling to its box.
#[cfg(feature = "ssr")]
pub fn qr_svg(text: &str) -> String {
    use qrcode::render::svg;
    let code = qrcode::QrCode::with_error_correction_level(text.as_bytes(), qrcode::EcLevel::M)
        .expect("a ticket's address fits in a QR code");
    let svg = code
        .render::<svg::Color<'_>>()
        .min_dimensions(240, 240)
        .dark_color(svg::Color("#000000"))
        .light_color(svg::Color("#ffffff"))
        .build();
    // The renderer starts with an XML declaration, which has no place inside HTML.
    let start = svg.find("<svg").unwrap_or(0);
    svg[start..].to_owned()
}

/// Cancels ticket `code`: by the member holding it, or with `token`, the cancel link's secret.
/// A seat freed goes to the first on the waiting list, who is mailed their ticket at once.
#[server(endpoint = "cancel_ticket")]
pub async fn cancel_ticket(code: String, token: Option<String>) -> Result<(), AppError> {
    use crate::db::{now_ms, registrations};
    use crate::domain::registration::parse_ticket_code;
    use crate::error::{FieldError, InvalidInput};

    let code = parse_ticket_code(&code).ok_or(AppError::NotFound)?;
    let ctx = crate::server_context::server_context()?;
    let holder = registrations::holder(&ctx.db, &code)
        .await?
        .ok_or(AppError::NotFound)?;
    let user = crate::session::current_user();
    let own = user.as_ref().is_some_and(|u| Some(u.id) == holder.user_id);
    let by_link = token
        .as_deref()
        .is_some_and(|t| holder.cancel_hash == crate::auth::session_token_hash(t.trim()));
    if !own && !by_link {
        return Err(AppError::Invalid(InvalidInput::new(
            vec![FieldError::new("token", "cancel_link_invalid")],
            &[("token", "")],
        )));
    }
    let now = now_ms();
    let _turn = crate::db::dialect::write_turn(&ctx.db).await;
    let mut tx = ctx.db.begin().await?;
    let cancelled = registrations::cancel(&mut tx, holder.event_id, holder.id, now).await?;
    let mut moved_up = 0;
    if cancelled {
        crate::db::audit::record(
            &mut tx,
            user.as_ref().map(|u| u.id),
            "event_registration_cancelled",
            ("event", holder.event_id),
            &holder.status,
            now,
        )
        .await?;
        moved_up =
            registrations::fill_free_seats(&mut tx, holder.event_id, &ctx.public_url, now).await?;
    }
    tx.commit().await?;
    if moved_up > 0 {
        ctx.outbox_wake.notify_one();
    }
    leptos_axum::redirect(&format!("/tickets/{code}?done=cancelled"));
    Ok(())
}

/// Editors and moderators only: the door of event `slug` (not a draft), with its counts.
#[server(endpoint = "get_check_in", input = server_fn::codec::GetUrl)]
pub async fn get_check_in(slug: String) -> Result<CheckInDesk, AppError> {
    crate::api::accounts::require_role(crate::domain::Role::Editor)?;
    let ctx = crate::server_context::server_context()?;
    let event = crate::db::events::card_by_slug(&ctx.db, &slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let (confirmed, checked_in) = crate::db::registrations::door_counts(&ctx.db, event.id).await?;
    Ok(CheckInDesk {
        event,
        confirmed,
        checked_in,
    })
}

/// Editors and moderators only: checks ticket `code` (typed, or read from its QR code) in at
/// event `event_id`, once. `scanned_at` is when a check-in queued offline was scanned (kept
/// when within the last hour). Answers what it found, and the door's counts; a plain form is
/// sent back to the door with the answer in its address.
#[server(endpoint = "check_in_ticket")]
pub async fn check_in_ticket(
    event_id: i64,
    code: String,
    scanned_at: Option<i64>,
) -> Result<CheckInResult, AppError> {
    use crate::db::registrations::{self, CheckIn};
    use crate::domain::registration::{display_ticket_code, parse_ticket_code};

    let user = crate::api::accounts::require_role(crate::domain::Role::Editor)?;
    let ctx = crate::server_context::server_context()?;
    let event = crate::db::events::card_by_id(&ctx.db, event_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let now = crate::db::now_ms();
    let at = scanned_at
        .filter(|at| (now - 3_600_000..=now).contains(at))
        .unwrap_or(now);
    let mut result = CheckInResult {
        outcome: "invalid".into(),
        code: code.trim().chars().take(40).collect(),
        name: String::new(),
        organisation: String::new(),
        at: None,
        checked_in: 0,
        confirmed: 0,
    };
    if let Some(code) = parse_ticket_code(&code) {
        result.code = display_ticket_code(&code);
        result.outcome =
            match registrations::check_in(&ctx.db, event_id, &code, user.id, at).await? {
                CheckIn::Done { name, organisation } => {
                    result.name = name;
                    result.organisation = organisation;
                    "done"
                }
                CheckIn::Already { name, at } => {
                    result.name = name;
                    result.at = Some(at);
                    "already"
                }
                CheckIn::OtherEvent => "other_event",
                CheckIn::NoSeat { .. } => "no_seat",
                CheckIn::Unknown => "unknown",
            }
            .into();
    }
    let (confirmed, checked_in) = registrations::door_counts(&ctx.db, event_id).await?;
    result.confirmed = confirmed;
    result.checked_in = checked_in;
    if crate::api::is_plain_form_post() {
        let mut to = format!(
            "/events/{}/check-in?outcome={}&code={}",
            event.slug,
            result.outcome,
            crate::components::pagination::encode_component(&result.code)
        );
        if !result.name.is_empty() {
            to.push_str(&format!(
                "&name={}",
                crate::components::pagination::encode_component(&result.name)
            ));
        }
        leptos_axum::redirect(&to);
    }
    Ok(result)
}
