use leptos::prelude::*;

use crate::error::AppError;

/// Records what introduction `id` (moved to "deal") ended in: `kind` (one of
/// `domain::introductions::DEAL_KINDS`), `value` in đồng, `date` (`YYYY-MM-DD`, not in the
/// future), and whether the member agrees to be `named` in the public figures. The other party
/// confirms it before it counts.
#[server(endpoint = "record_deal")]
pub async fn record_deal(
    id: i64,
    kind: String,
    value: String,
    date: String,
    named: Option<String>,
) -> Result<(), AppError> {
    use crate::db::introductions::DealSubject;
    record(
        DealSubject::Introduction(id),
        (&kind, &value, &date),
        named.is_some(),
    )
    .await
}

/// Records what sold auction `auction` ended in, as its seller or winner: as [`record_deal`], the
/// value being what was paid in the end. The other party confirms it before it counts.
#[server(endpoint = "record_auction_deal")]
pub async fn record_auction_deal(
    auction: i64,
    kind: String,
    value: String,
    date: String,
    named: Option<String>,
) -> Result<(), AppError> {
    use crate::db::introductions::DealSubject;
    record(
        DealSubject::Auction(auction),
        (&kind, &value, &date),
        named.is_some(),
    )
    .await
}

/// Checks and records the outcome of `subject` for the member, then back to their
/// introductions; refused, the form's field (`id` or `auction`) and what was typed come back.
#[cfg(feature = "ssr")]
async fn record(
    subject: crate::db::introductions::DealSubject,
    (kind, value, date): (&str, &str, &str),
    named: bool,
) -> Result<(), AppError> {
    use crate::db::introductions::{self, DealError, DealSubject};
    use crate::db::now_ms;
    use crate::domain::introductions::check_deal;
    use crate::error::{FieldError, InvalidInput};

    let user = crate::api::accounts::require_user()?;
    let ctx = crate::server_context::server_context()?;
    let (field, id, anchor) = match subject {
        DealSubject::Introduction(id) => ("id", id, "introduction"),
        DealSubject::Auction(id) => ("auction", id, "auction"),
    };
    let id_text = id.to_string();
    let typed = [
        (field, id_text.as_str()),
        ("kind", kind),
        ("value", value),
        ("date", date),
    ];
    let now = now_ms();
    let deal = check_deal(kind, value, date, crate::domain::vietnam_day(now))
        .map_err(|errors| AppError::Invalid(InvalidInput::new(errors, &typed)))?;
    match introductions::record_deal(&ctx.db, user.id, subject, deal, named, now).await {
        Ok(_) => {}
        Err(DealError::NotFound) => return Err(AppError::NotFound),
        Err(DealError::NotNow) => {
            return Err(AppError::Invalid(InvalidInput::new(
                vec![FieldError::new("kind", "introduction_not_now")],
                &typed,
            )));
        }
        Err(DealError::Db(e)) => return Err(e.into()),
    }
    leptos_axum::redirect(&format!(
        "/account/introductions?done=deal_recorded#{anchor}-{id}"
    ));
    Ok(())
}

/// The other party confirms deal outcome `deal` (it counts from then), saying whether they agree
/// to be `named`.
#[server(endpoint = "confirm_deal")]
pub async fn confirm_deal(deal: i64, named: Option<String>) -> Result<(), AppError> {
    use crate::db::introductions::{self, DealError};
    use crate::error::{FieldError, InvalidInput};

    let user = crate::api::accounts::require_user()?;
    let ctx = crate::server_context::server_context()?;
    match introductions::confirm_deal(&ctx.db, user.id, deal, named.is_some(), crate::db::now_ms())
        .await
    {
        Ok(()) => {}
        Err(DealError::NotFound) => return Err(AppError::NotFound),
        Err(DealError::NotNow) => {
            return Err(AppError::Invalid(InvalidInput::new(
                vec![FieldError::new("deal", "introduction_not_now")],
                &[],
            )));
        }
        Err(DealError::Db(e)) => return Err(e.into()),
    }
    leptos_axum::redirect("/account/introductions?done=deal_confirmed");
    Ok(())
}
