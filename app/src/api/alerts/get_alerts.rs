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
    let session = crate::session::request_token_hash();
    let (open_requests, vapid, devices) = tokio::try_join!(
        alerts::open_requests(&ctx.db, user.id),
        crate::db::push::vapid(&ctx.db),
        crate::db::push::devices(&ctx.db, user.id, session.as_deref()),
    )?;
    Ok(AlertsPage {
        searches,
        match_alerts,
        open_requests,
        push: crate::model::PushSettings {
            vapid_key: vapid.public,
            devices,
        },
    })
}
