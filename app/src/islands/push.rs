//! The button that turns push notifications on or off for the device the member is using.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The switch's words, in the page's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PushWords {
    pub turn_on: String,
    pub turn_off: String,
    pub on_here: String,
    pub off_here: String,
    pub unsupported: String,
    pub denied: String,
    pub failed: String,
    pub needs_js: String,
}

/// Where the device stands.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Not known yet (on the server, and until the browser has answered).
    Unknown,
    /// The browser cannot receive pushes (no service worker or Push API: an old browser, an
    /// iPhone before the site is added to the Home Screen).
    Unsupported,
    /// The member blocked notifications for the site.
    Denied,
    Off,
    On,
    /// Asking the browser or the server.
    Busy,
    Failed,
}

/// Turns push notifications on for this device (asking the browser's permission, subscribing
/// with the server's VAPID key `vapid_key` and sending the subscription to the server) or off.
/// `known` are the push addresses the server has for the member's devices: this device is on
/// when its subscription is among them. Without JavaScript it says that it needs it; the list of
/// devices beside it still removes any of them.
#[island(lazy)]
pub fn PushSwitch(vapid_key: String, known: Vec<String>, words: PushWords) -> impl IntoView {
    let state = RwSignal::new(State::Unknown);
    #[cfg(feature = "hydrate")]
    {
        let known = known.clone();
        Effect::new(move |_| {
            let known = known.clone();
            leptos::task::spawn_local(async move { state.set(browser::current(&known).await) });
        });
    }
    let vapid_key = StoredValue::new(vapid_key);
    #[cfg(not(feature = "hydrate"))]
    let _ = (&known, vapid_key);
    let toggle = move |_| {
        #[cfg(feature = "hydrate")]
        {
            let vapid_key = vapid_key.get_value();
            let was = state.get_untracked();
            state.set(State::Busy);
            leptos::task::spawn_local(async move {
                let now = match was {
                    State::On => browser::turn_off().await,
                    _ => browser::turn_on(&vapid_key).await,
                };
                state.set(now);
            });
        }
    };
    let words = StoredValue::new(words);
    let word = move |pick: fn(&PushWords) -> &String| words.with_value(|w| pick(w).clone());
    view! {
        <div class="push-switch" data-testid="push-switch" data-state=move || format!("{:?}", state.get()).to_lowercase()>
            <p class="push-state" aria-live="polite">
                {move || match state.get() {
                    State::Unknown => word(|w| &w.needs_js),
                    State::Unsupported => word(|w| &w.unsupported),
                    State::Denied => word(|w| &w.denied),
                    State::Off | State::Busy => word(|w| &w.off_here),
                    State::On => word(|w| &w.on_here),
                    State::Failed => word(|w| &w.failed),
                }}
            </p>
            {move || matches!(state.get(), State::Off | State::On | State::Busy | State::Failed | State::Denied).then(|| view! {
                <button type="button" class="button" class:button-primary=move || state.get() != State::On
                    class:button-ghost=move || state.get() == State::On
                    disabled=move || state.get() == State::Busy on:click=toggle data-testid="push-toggle">
                    {move || if state.get() == State::On { word(|w| &w.turn_off) } else { word(|w| &w.turn_on) }}
                </button>
            })}
        </div>
    }
}

/// The browser's side: its service worker's push subscription.
#[cfg(feature = "hydrate")]
mod browser {
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;
    use web_sys::js_sys;

    use super::State;

    /// Whether the browser has a service worker and the Push API at all.
    fn supported() -> bool {
        let window = leptos::prelude::window();
        js_sys::Reflect::has(&window.navigator(), &JsValue::from_str("serviceWorker"))
            .unwrap_or(false)
            && js_sys::Reflect::has(&window, &JsValue::from_str("PushManager")).unwrap_or(false)
            && js_sys::Reflect::has(&window, &JsValue::from_str("Notification")).unwrap_or(false)
    }

    async fn push_manager() -> Result<web_sys::PushManager, JsValue> {
        let container = leptos::prelude::window().navigator().service_worker();
        let registration: web_sys::ServiceWorkerRegistration =
            JsFuture::from(container.ready()?).await?.dyn_into()?;
        registration.push_manager()
    }

    async fn subscription() -> Result<Option<web_sys::PushSubscription>, JsValue> {
        let found = JsFuture::from(push_manager().await?.get_subscription()?).await?;
        Ok(found.dyn_into().ok())
    }

    /// Where this device stands: on when its subscription is one the server knows.
    pub async fn current(known: &[String]) -> State {
        if !supported() {
            return State::Unsupported;
        }
        if web_sys::Notification::permission() == web_sys::NotificationPermission::Denied {
            return State::Denied;
        }
        match subscription().await {
            Ok(Some(s)) if known.contains(&s.endpoint()) => State::On,
            Ok(_) => State::Off,
            Err(_) => State::Unsupported,
        }
    }

    /// Asks permission, subscribes and tells the server.
    pub async fn turn_on(vapid_key: &str) -> State {
        if !supported() {
            return State::Unsupported;
        }
        let asked = match web_sys::Notification::request_permission() {
            Ok(promise) => JsFuture::from(promise).await.ok(),
            Err(_) => None,
        };
        if asked.and_then(|p| p.as_string()).as_deref() != Some("granted") {
            return State::Denied;
        }
        match subscribe(vapid_key).await {
            Ok(()) => State::On,
            Err(_) => State::Failed,
        }
    }

    async fn subscribe(vapid_key: &str) -> Result<(), JsValue> {
        #[derive(serde::Deserialize)]
        struct Keys {
            p256dh: String,
            auth: String,
        }
        #[derive(serde::Deserialize)]
        struct Subscription {
            endpoint: String,
            keys: Keys,
        }
        let manager = push_manager().await?;
        let options = web_sys::PushSubscriptionOptionsInit::new();
        options.set_user_visible_only(true);
        options.set_application_server_key(&JsValue::from_str(vapid_key));
        let subscribed: web_sys::PushSubscription =
            JsFuture::from(manager.subscribe_with_options(&options)?)
                .await?
                .dyn_into()?;
        let json = js_sys::JSON::stringify(&subscribed.to_json()?.into())?
            .as_string()
            .unwrap_or_default();
        let read: Subscription =
            serde_json::from_str(&json).map_err(|e| JsValue::from_str(&e.to_string()))?;
        crate::islands::http::post::<()>(
            "/api/push_subscribe",
            &[
                ("endpoint", &read.endpoint),
                ("p256dh", &read.keys.p256dh),
                ("auth", &read.keys.auth),
            ],
        )
        .await
        .map_err(|_| {
            // The server refused it: the browser's subscription would only go to waste.
            let _ = subscribed.unsubscribe();
            JsValue::from_str("refused")
        })
    }

    /// Unsubscribes and tells the server.
    pub async fn turn_off() -> State {
        let Ok(Some(subscription)) = subscription().await else {
            return State::Off;
        };
        let endpoint = subscription.endpoint();
        if let Ok(promise) = subscription.unsubscribe() {
            let _ = JsFuture::from(promise).await;
        }
        match crate::islands::http::post::<()>("/api/push_unsubscribe", &[("endpoint", &endpoint)])
            .await
        {
            Ok(()) => State::Off,
            Err(_) => State::Failed,
        }
    }
}
