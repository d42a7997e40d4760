//! The notification bell in the header of every page a member sees.

use leptos::prelude::*;

/// The notification centre as a bell, with how many notifications are unread — live once
/// hydrated: the count follows `/live/notifications`, so an outbid or a won auction shows at once
/// on every page the member has open. `title` and `unread_word` are the bell's words in the
/// page's language; `children` is its picture, rendered on the server.
#[island]
pub fn NotificationBell(
    unread: i64,
    title: String,
    unread_word: String,
    children: Children,
) -> impl IntoView {
    let count = RwSignal::new(unread);
    #[cfg(feature = "hydrate")]
    follow(count);
    let label = move || match count.get() {
        0 => title.clone(),
        n => format!("{title} ({n} {unread_word})"),
    };
    view! {
        <a class="header-inbox header-bell" href="/account/notifications" aria-label=label.clone() title=label data-testid="header-bell">
            {children()}
            {move || (count.get() > 0).then(|| view! { <span class="unread-count" data-testid="bell-unread">{count.get()}</span> })}
        </a>
    }
}

/// Follows `/live/notifications` into `count` until the page goes.
#[cfg(feature = "hydrate")]
fn follow(count: RwSignal<i64>) {
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;

    let Ok(source) = web_sys::EventSource::new("/live/notifications") else {
        return;
    };
    let on_unread =
        Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            #[derive(serde::Deserialize)]
            struct Unread {
                unread: i64,
            }
            if let Some(unread) = event
                .data()
                .as_string()
                .and_then(|data| serde_json::from_str::<Unread>(&data).ok())
            {
                count.set(unread.unread);
            }
        });
    let _ = source.add_event_listener_with_callback("unread", on_unread.as_ref().unchecked_ref());
    let kept = send_wrapper::SendWrapper::new((source, on_unread));
    on_cleanup(move || {
        let (source, _) = &*kept;
        source.close();
        drop(kept);
    });
}
