//! `/account/inquiries`: the member's conversations with sellers and buyers;
//! `/account/inquiries/{id}`: one conversation with its reply form; `/account/watchlist`: the
//! listings the member saved.

use super::PageRoute;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::{get_conversation, get_inbox, get_watchlist};
use crate::components::cards::{listing_status_label, province_name};
use crate::components::form::{FieldSpec, FormAlert, TextAreaField, invalid_input, use_form_error};
use crate::domain::{MESSAGE_CHARS, format_vietnam_datetime};
use crate::error::AppError;
use crate::i18n::{tr, use_i18n};
use crate::model::{ChatMessage, Conversation, ConversationSide, InboxEntry, WatchedListing};

/// The member's inbox.
pub struct InboxRoute {
    data: Resource<Result<Vec<InboxEntry>, AppError>>,
}

impl PageRoute for InboxRoute {
    fn data() -> Self {
        Self {
            data: Resource::new(|| (), |_| get_inbox()),
        }
    }

    fn view(this: Self) -> AnyView {
        view! {
            <Title text=tr(|t| t.inbox_title)/>
            {super::member_view(this.data, "/account/inquiries", |entries| view! { <InboxView entries/> })}
        }
        .into_any()
    }
}

#[component]
fn InboxView(entries: Vec<InboxEntry>) -> impl IntoView {
    view! {
        <div class="container page">
            <nav class="breadcrumb" aria-label=tr(|t| t.breadcrumb)>
                <a href="/account">{tr(|t| t.nav_account)}</a>
            </nav>
            <header class="page-header">
                <h1>{tr(|t| t.inbox_title)}</h1>
                <p class="lead">{tr(|t| t.inbox_lead)}</p>
            </header>
            {if entries.is_empty() {
                view! { <p class="empty">{tr(|t| t.inbox_empty)}</p> }.into_any()
            } else {
                view! {
                    <ul class="inbox">
                        {entries.into_iter().map(|entry| view! { <InboxLine entry/> }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
        </div>
    }
}

#[component]
fn InboxLine(entry: InboxEntry) -> impl IntoView {
    let unread = entry.unread;
    let has_unread = unread > 0;
    let side = match entry.side {
        ConversationSide::Inquirer => tr(|t| t.side_inquirer),
        ConversationSide::Listing => tr(|t| t.side_listing),
    };
    view! {
        <li class="inbox-line" class:inbox-unread=has_unread data-testid="inbox-line">
            <a class="inbox-link" href=format!("/account/inquiries/{}", entry.id)>
                <span class="inbox-head">
                    <strong class="inbox-party">{entry.other_party}</strong>
                    <span class="muted inbox-time">{format_vietnam_datetime(entry.last_message_at)}</span>
                </span>
                <span class="inbox-title">
                    <span class="badge">{side}</span>" "{entry.listing_title}
                </span>
                <span class="muted inbox-excerpt">{entry.excerpt}</span>
            </a>
            {(unread > 0).then(|| {
                let i18n = use_i18n();
                view! {
                    <span class="unread-count" data-testid="unread-count"
                        aria-label=move || format!("{unread} {}", i18n.t().inbox_unread)>{unread}</span>
                }
            })}
        </li>
    }
}

member_route!(
    /// One conversation.
    ConversationRoute: Conversation = get_conversation,
    next "/account/inquiries",
    |conversation| view! { <ConversationView conversation/> }
);

const REPLY: FieldSpec =
    FieldSpec::text("body", |t| t.reply_title, MESSAGE_CHARS.0, MESSAGE_CHARS.1);

#[component]
fn ConversationView(conversation: Conversation) -> impl IntoView {
    let error = use_form_error("/reply_inquiry");
    let input = invalid_input(error.as_ref());
    let other = match conversation.side {
        ConversationSide::Inquirer => conversation.seller_name.clone(),
        ConversationSide::Listing => conversation.inquirer_name.clone(),
    };
    let open = conversation.listing_status == "published";
    let listing_href = format!("/listings/{}", conversation.listing_slug);
    let title = conversation.listing_title.clone();
    let seller_name = conversation.seller_name.clone();
    let last_read = conversation.last_read_id;
    let unread = conversation
        .messages
        .iter()
        .filter(|m| !m.mine && m.id > last_read)
        .count();
    let newest = conversation.messages.last().map_or(0, |m| m.id);
    view! {
        <Title text=title.clone()/>
        <div class="container page page-narrow-wide">
            <nav class="breadcrumb" aria-label=tr(|t| t.breadcrumb)>
                <a href="/account">{tr(|t| t.nav_account)}</a>
                <span aria-hidden="true">" › "</span>
                <a href="/account/inquiries">{tr(|t| t.inbox_title)}</a>
            </nav>
            <header class="page-header">
                <p class="muted">{tr(|t| t.conversation_title)}</p>
                <h1>
                    {if open {
                        view! { <a href=listing_href>{title}</a> }.into_any()
                    } else {
                        view! { <span>{title}</span> }.into_any()
                    }}
                </h1>
                <p class="lead">{tr(|t| t.conversation_with)}" "<strong data-testid="conversation-other">{other}</strong></p>
            </header>
            {(!open).then(|| view! { <p class="notice">{tr(|t| t.conversation_closed_note)}</p> })}
            // Reading changes nothing by itself (a GET): this form marks what was shown read,
            // sent by the page's script at once, or by the member's click without scripts.
            {(unread > 0).then(|| view! {
                <form class="unread-bar" method="post" action="/api/mark_conversation_read" data-auto-post="" data-testid="mark-conversation-read">
                    <input type="hidden" name="id" value=conversation.id/>
                    <input type="hidden" name="up_to" value=newest/>
                    <span><strong>{unread}</strong>" "{tr(|t| t.conversation_new_messages)}</span>
                    <button type="submit" class="button button-ghost">{tr(|t| t.conversation_mark_read)}</button>
                </form>
            })}
            <ol class="thread" aria-live="polite">
                {conversation
                    .messages
                    .into_iter()
                    .map(|message| {
                        let new = !message.mine && message.id > last_read;
                        view! { <MessageBubble message seller_name=seller_name.clone() new/> }
                    })
                    .collect_view()}
            </ol>
            <section class="panel reply-panel" id="reply">
                <FormAlert error/>
                <form class="form" method="post" action="/api/reply_inquiry">
                    <input type="hidden" name="conversation_id" value=conversation.id/>
                    <TextAreaField spec=REPLY input rows=4/>
                    <button type="submit" class="button button-primary">{tr(|t| t.reply_submit)}</button>
                </form>
            </section>
        </div>
    }
}

#[component]
fn MessageBubble(message: ChatMessage, seller_name: String, new: bool) -> impl IntoView {
    let ChatMessage {
        id,
        author_name,
        mine,
        side,
        body,
        created_at,
    } = message;
    let for_listing = side == ConversationSide::Listing && !seller_name.is_empty();
    view! {
        <li class="message" class:message-mine=mine class:message-new=new id=format!("m{id}") data-testid="message">
            <p class="message-meta">
                {new.then(|| view! { <span class="badge badge-accent">{tr(|t| t.message_new)}</span>" "})}
                <strong>{if mine { view! { {tr(|t| t.you)} }.into_any() } else { view! { {author_name} }.into_any() }}</strong>
                {for_listing.then(|| view! { " · "{tr(|t| t.for_side)}" "{seller_name}})}
                " · "<time>{format_vietnam_datetime(created_at)}</time>
            </p>
            // Text only: whatever was typed is shown as typed, line breaks kept by CSS.
            <p class="message-body">{body}</p>
        </li>
    }
}

/// The member's watchlist.
pub struct WatchlistRoute {
    data: Resource<Result<Vec<WatchedListing>, AppError>>,
}

impl PageRoute for WatchlistRoute {
    fn data() -> Self {
        Self {
            data: Resource::new(|| (), |_| get_watchlist()),
        }
    }

    fn view(this: Self) -> AnyView {
        view! {
            <Title text=tr(|t| t.watchlist_title)/>
            {super::member_view(this.data, "/account/watchlist", |saved| view! { <WatchlistView saved/> })}
        }
        .into_any()
    }
}

#[component]
fn WatchlistView(saved: Vec<WatchedListing>) -> impl IntoView {
    view! {
        <div class="container page">
            <nav class="breadcrumb" aria-label=tr(|t| t.breadcrumb)>
                <a href="/account">{tr(|t| t.nav_account)}</a>
            </nav>
            <header class="page-header">
                <h1>{tr(|t| t.watchlist_title)}</h1>
                <p class="lead">{tr(|t| t.watchlist_lead)}</p>
            </header>
            {if saved.is_empty() {
                view! { <p class="empty">{tr(|t| t.watchlist_empty)}</p> }.into_any()
            } else {
                view! {
                    <ul class="own-stalls">
                        {saved.into_iter().map(|listing| view! { <WatchedLine listing/> }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
        </div>
    }
}

#[component]
fn WatchedLine(listing: WatchedListing) -> impl IntoView {
    let i18n = use_i18n();
    let WatchedListing {
        id,
        slug,
        kind,
        title,
        summary,
        status,
        price_vnd,
        province_code,
        stall_name,
        saved_at,
        ..
    } = listing;
    let shown = status == "published";
    let details = move || {
        let (locale, t) = (i18n.locale(), i18n.t());
        let price =
            price_vnd.map_or_else(|| t.price_negotiable.to_owned(), |p| locale.format_vnd(p));
        let kind = if kind == "offer" {
            t.kind_offer
        } else {
            t.kind_request
        };
        let mut parts = vec![
            kind.to_owned(),
            price,
            province_name(locale, &province_code).to_owned(),
        ];
        if let Some(stall) = &stall_name {
            parts.push(stall.clone());
        }
        parts.join(" · ")
    };
    let status_text = move || {
        let t = i18n.t();
        format!(
            "{} · {}",
            t.watchlist_unavailable,
            listing_status_label(t, &status)
        )
    };
    view! {
        <li class="panel own-stall" data-testid="watched-listing">
            <div class="own-stall-head">
                <h2>
                    {if shown {
                        view! { <a href=format!("/listings/{slug}")>{title}</a> }.into_any()
                    } else {
                        view! { <span>{title}</span> }.into_any()
                    }}
                </h2>
                {(!shown).then(|| view! { <span class="badge badge-status-closed">{status_text}</span> })}
            </div>
            <p class="muted">{details}</p>
            <p>{summary}</p>
            <div class="own-stall-actions">
                <span class="muted">{tr(|t| t.saved_on)}" "{format_vietnam_datetime(saved_at)}</span>
                <form class="inline-form" method="post" action="/api/set_watched">
                    <input type="hidden" name="listing_id" value=id/>
                    <input type="hidden" name="action" value="forget"/>
                    <input type="hidden" name="next" value="/account/watchlist"/>
                    <button type="submit" class="button button-ghost button-small">{tr(|t| t.watch_forget)}</button>
                </form>
            </div>
        </li>
    }
}
