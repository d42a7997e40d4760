//! The exchange in figures, for everyone.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::statistics::Statistics;

/// `/statistics` for a period (`12m`, `36m` or `all`; anything else is the default, 36
/// months), read at most once per the cache's lifetime however many ask.
#[server(endpoint = "get_statistics", input = server_fn::codec::GetUrl)]
pub async fn get_statistics(period: Option<String>) -> Result<Statistics, AppError> {
    let ctx = crate::server_context::server_context()?;
    let period = crate::model::statistics::Period::parse(period.as_deref());
    let mut figures = (*statistics(&ctx, period).await?).clone();
    // Views counted since the last write to the database, as the home page does.
    if let Some(visits) = figures.figures.iter_mut().find(|f| f.key == "visits") {
        visits.value += ctx.visits.pending();
    }
    Ok(figures)
}

/// The figures for `period` from the server's cache, read when stale.
#[cfg(feature = "ssr")]
pub async fn statistics(
    ctx: &crate::server_context::ServerContext,
    period: crate::model::statistics::Period,
) -> Result<std::sync::Arc<Statistics>, AppError> {
    let db = &ctx.db;
    let figures = ctx
        .statistics
        .get_or_read(period, || {
            crate::db::statistics::statistics(db, period, crate::db::now_ms())
        })
        .await?;
    Ok(figures)
}

/// `/admin`, administrators only: the moderators' backlog, the outbox, auctions closing today,
/// sign-ups and searches that found nothing, then the public statistics.
#[server(endpoint = "get_operations", input = server_fn::codec::GetUrl)]
pub async fn get_operations() -> Result<crate::model::statistics::Operations, AppError> {
    use crate::domain::Role;
    use crate::model::statistics::Period;

    crate::api::accounts::require_role(Role::Admin)?;
    let ctx = crate::server_context::server_context()?;
    let mut operations = crate::db::operations::operations(&ctx.db, crate::db::now_ms()).await?;
    operations.statistics = Some((*statistics(&ctx, Period::default()).await?).clone());
    Ok(operations)
}

/// A stall's own figures (`/account/stalls/{id}/figures`), for its members only: anyone else
/// gets "not found".
#[server(endpoint = "get_stall_figures", input = server_fn::codec::GetUrl)]
pub async fn get_stall_figures(
    id: i64,
) -> Result<crate::model::statistics::StallFigures, AppError> {
    let user = crate::api::accounts::require_user()?;
    let ctx = crate::server_context::server_context()?;
    let stall = crate::db::stalls::own_stall(&ctx.db, user.id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut figures =
        crate::db::operations::stall_figures(&ctx.db, stall.id, crate::db::now_ms()).await?;
    figures.stall_name = stall.name;
    Ok(figures)
}
