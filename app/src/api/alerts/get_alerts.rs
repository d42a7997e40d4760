use leptos::prelude::*;

use crate::error::AppError;
use crate::model::AlertsPage;

/// The member's saved searches and how they hear of offers fitting their requests.
#[server(endpoint = "get_alerts", input = server_fn::codec::GetUrl)]
pub async fn get_alerts() -> Result<AlertsPage, AppError> {
    use crate::db::alerts;

    let user = crate::api::accounts::require_user()?;
    let ctx = crate::server_context::server_context()?;
    let (searches, match_alerts) = tokio::try_join!(
        alerts::list(&ctx.db, user.id),
        alerts::match_alerts(&ctx.db, user.id),
    )?;
    let open_requests = alerts::open_requests(&ctx.db, user.id).await?;
    Ok(AlertsPage {
        searches,
        match_alerts,
        open_requests,
    })
}
