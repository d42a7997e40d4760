//! `/account/notifications`: the notification centre — what happened to the member's auctions
//! (outbid, ending soon, won, lost, their own auction ended) and the new listings their alerts
//! found, newest first, the unread ones marked until they say they have read them.

use super::PageRoute;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::get_notifications;
use crate::domain::format_vietnam_datetime;
use crate::error::AppError;
use crate::i18n::{Locale, Messages, tr, use_i18n};
use crate::model::{Notification, NotificationCentre};

/// The member's notifications.
pub struct NotificationsRoute {
    data: Resource<Result<NotificationCentre, AppError>>,
}

impl PageRoute for NotificationsRoute {
    fn data() -> Self {
        Self {
            data: Resource::new(|| (), |_| get_notifications()),
        }
    }

    fn view(this: Self) -> AnyView {
        view! {
            <Title text=tr(|t| t.notifications_title)/>
            {super::member_view(this.data, "/account/notifications", |centre| view! { <CentreView centre/> })}
        }
        .into_any()
    }
}

/// What a notification says (on this page and in its push).
pub fn notification_text(t: &Messages, locale: Locale, n: &Notification) -> String {
    let money = |amount: Option<i64>| amount.map(|a| locale.format_vnd(a)).unwrap_or_default();
    match n.kind.as_str() {
        "outbid" => format!("{} {}", t.notification_outbid, money(n.amount)),
        "ending_soon" => format!("{} {}", t.notification_ending_soon, money(n.amount)),
        "won" => format!("{} {}", t.notification_won, money(n.amount)),
        "lost" => t.notification_lost.to_owned(),
        "alert" => format!(
            "{} “{}”",
            t.notification_alert,
            n.detail.as_deref().unwrap_or_default()
        ),
        "match" => format!(
            "{} “{}”",
            t.notification_match,
            n.detail.as_deref().unwrap_or_default()
        ),
        _ => match n.amount {
            Some(price) => format!("{} {}", t.notification_ended_sold, locale.format_vnd(price)),
            None => t.notification_ended_unsold.to_owned(),
        },
    }
}

#[component]
fn CentreView(centre: NotificationCentre) -> impl IntoView {
    let i18n = use_i18n();
    let done = use_query_map().read_untracked().get("done").as_deref() == Some("read");
    let NotificationCentre { items, unread } = centre;
    let newest = items.first().map(|n| n.id);
    view! {
        <div class="container page">
            <nav class="breadcrumb" aria-label=tr(|t| t.breadcrumb)>
                <a href="/account">{tr(|t| t.nav_account)}</a>
            </nav>
            <header class="page-header page-header-actions">
                <div>
                    <h1>{tr(|t| t.notifications_title)}</h1>
                    <p class="lead">{tr(|t| t.notifications_lead)}</p>
                </div>
                {newest.filter(|_| unread > 0).map(|up_to| view! {
                    <form method="post" action="/api/mark_notifications_read">
                        <input type="hidden" name="up_to" value=up_to/>
                        <button type="submit" class="button button-ghost" data-testid="mark-read">{tr(|t| t.notifications_mark_read)}</button>
                    </form>
                })}
            </header>
            {done.then(|| view! { <p class="notice notice-success" role="status">{tr(|t| t.done_notifications_read)}</p> })}
            {if items.is_empty() {
                view! { <p class="empty">{tr(|t| t.notifications_empty)}</p> }.into_any()
            } else {
                view! {
                    <ul class="notification-list" data-testid="notifications">
                        {items.into_iter().map(|n| {
                            let text = {
                                let n = n.clone();
                                move || notification_text(i18n.t(), i18n.locale(), &n)
                            };
                            view! {
                                <li class="notification" class:notification-unread=n.unread data-kind=n.kind.clone() data-testid="notification">
                                    <a class="notification-link" href=n.link.clone()>
                                        <span class="notification-title">{n.title.clone()}</span>
                                        <span class="notification-text">{text}</span>
                                    </a>
                                    <span class="muted notification-time">{format_vietnam_datetime(n.created_at)}</span>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
        </div>
    }
}
