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
