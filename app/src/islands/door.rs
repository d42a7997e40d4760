//! The door of an event: tickets checked in by the phone's camera or by typed code, and kept in
//! a queue while the connection is lost, sent when it returns.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::model::CheckInResult;

/// The door's words in the page's language (the island holds no translations of its own).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DoorWords {
    pub code: String,
    pub submit: String,
    pub counts: String,
    pub done: String,
    pub already: String,
    pub other_event: String,
    pub no_seat: String,
    pub unknown: String,
    pub invalid: String,
    pub scan: String,
    pub stop: String,
    pub no_camera: String,
    pub queued: String,
    pub sent: String,
}

impl DoorWords {
    fn outcome(&self, outcome: &str) -> &str {
        match outcome {
            "done" => &self.done,
            "already" => &self.already,
            "other_event" => &self.other_event,
            "no_seat" => &self.no_seat,
            "unknown" => &self.unknown,
            "queued" => &self.queued,
            _ => &self.invalid,
        }
    }
}

/// What the door shows.
#[derive(Clone, Copy)]
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
struct Door {
    event_id: i64,
    counts: RwSignal<(i64, i64)>,
    last: RwSignal<Option<CheckInResult>>,
    queued: RwSignal<usize>,
}

/// The check-in desk: a form to type a ticket's code (a plain form without JavaScript, the
/// answer coming back in the page's address as `last`), a camera scanner where the browser can
/// read QR codes, the count of tickets checked in against seats taken, and what the last ticket
/// gave. Check-ins that cannot reach the server wait in the browser's storage and go when the
/// connection returns.
#[island(lazy)]
pub fn CheckInDoor(
    event_id: i64,
    confirmed: i64,
    checked_in: i64,
    words: DoorWords,
    last: Option<CheckInResult>,
) -> impl IntoView {
    let door = Door {
        event_id,
        counts: RwSignal::new((checked_in, confirmed)),
        last: RwSignal::new(last),
        queued: RwSignal::new(0),
    };
    let scanning = RwSignal::new(false);
    let no_camera = RwSignal::new(false);
    let video = NodeRef::<leptos::html::Video>::new();
    let input = NodeRef::<leptos::html::Input>::new();
    #[cfg(feature = "hydrate")]
    queue::start(door);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        #[cfg(feature = "hydrate")]
        if super::take_submission(&ev).is_some()
            && let Some(field) = input.get_untracked()
        {
            let code = field.value();
            field.set_value("");
            let _ = field.focus();
            queue::send(door, code, wasm_bindgen_futures::js_sys::Date::now() as i64);
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (ev, input);
    };
    let on_scan = move |_| {
        #[cfg(feature = "hydrate")]
        if scanning.get_untracked() {
            camera::stop(video);
            scanning.set(false);
        } else if camera::start(door, video, scanning) {
            scanning.set(true);
        } else {
            no_camera.set(true);
        }
    };
    let words = StoredValue::new(words);
    let result = move || {
        door.last.get().map(|r| {
            let class = match r.outcome.as_str() {
                "done" => "door-result door-ok",
                "queued" => "door-result door-queued",
                _ => "door-result door-refused",
            };
            let text = words.with_value(|w| w.outcome(&r.outcome).to_owned());
            let at = r.at.map(crate::domain::format_vietnam_datetime);
            view! {
                <div class=class role="status" data-testid="door-result" data-outcome=r.outcome.clone()>
                    <p class="door-outcome">{text}{at.map(|at| format!(" {at}"))}</p>
                    <p class="door-ticket"><code>{r.code.clone()}</code></p>
                    {(!r.name.is_empty()).then(|| view! {
                        <p class="door-holder"><strong>{r.name.clone()}</strong>
                        {(!r.organisation.is_empty()).then(|| format!(" · {}", r.organisation))}</p>
                    })}
                </div>
            }
        })
    };
    view! {
        <div class="door" data-testid="check-in-door">
            <p class="door-counts">
                <span>{words.with_value(|w| w.counts.clone())}</span>" "
                <strong data-testid="door-count">{move || door.counts.get().0}</strong>
                " / "<span data-testid="door-confirmed">{move || door.counts.get().1}</span>
            </p>
            {result}
            {move || (door.queued.get() > 0).then(|| view! {
                <p class="notice" role="status" data-testid="door-queued">
                    {words.with_value(|w| w.queued.clone())}": "{door.queued.get()}
                </p>
            })}
            <form class="form door-form" method="post" action="/api/check_in_ticket" on:submit=on_submit>
                <input type="hidden" name="event_id" value=event_id/>
                <div class="field">
                    <label for="door-code">{words.with_value(|w| w.code.clone())}</label>
                    <input id="door-code" name="code" type="text" required=true autocomplete="off"
                        autocapitalize="characters" spellcheck="false" maxlength="200" autofocus=true
                        placeholder="K7M2-9QXD-4FZA" node_ref=input/>
                </div>
                <button type="submit" class="button button-primary button-block">{words.with_value(|w| w.submit.clone())}</button>
            </form>
            <div class="door-camera">
                <button type="button" class="button button-ghost button-block door-scan" on:click=on_scan data-testid="door-scan">
                    {move || words.with_value(|w| if scanning.get() { w.stop.clone() } else { w.scan.clone() })}
                </button>
                {move || no_camera.get().then(|| view! { <p class="field-hint">{words.with_value(|w| w.no_camera.clone())}</p> })}
                <video node_ref=video class="door-video" class:door-video-on=move || scanning.get() muted=true playsinline=true aria-hidden="true"></video>
            </div>
        </div>
    }
}

#[cfg(feature = "hydrate")]
mod queue {
    //! Sending check-ins, and keeping those that could not be sent.

    use leptos::prelude::*;

    use super::Door;
    use crate::error::AppError;
    use crate::model::CheckInResult;

    /// Check-ins waiting for the connection, per event, in the browser's storage (a reload or
    /// a closed tab keeps them): `[code, scanned at]` pairs.
    fn key(event_id: i64) -> String {
        format!("techx-door-{event_id}")
    }

    fn storage() -> Option<web_sys::Storage> {
        window().local_storage().ok().flatten()
    }

    fn read(event_id: i64) -> Vec<(String, i64)> {
        storage()
            .and_then(|s| s.get_item(&key(event_id)).ok().flatten())
            .and_then(|json| serde_json::from_str(&json).ok())
            .unwrap_or_default()
    }

    fn write(event_id: i64, items: &[(String, i64)]) {
        if let Some(s) = storage() {
            let _ = match items.is_empty() {
                true => s.remove_item(&key(event_id)),
                false => s.set_item(
                    &key(event_id),
                    &serde_json::to_string(items).unwrap_or_default(),
                ),
            };
        }
    }

    /// Shows what is queued, and sends it when the connection returns (and every 10 s while
    /// anything waits, as `online` is not always told).
    pub fn start(door: Door) {
        door.queued.set(read(door.event_id).len());
        let flush = move || leptos::task::spawn_local(flush(door));
        let listener = window_event_listener_untyped("online", move |_| flush());
        let timer = set_interval_with_handle(
            move || {
                if door.queued.get_untracked() > 0 {
                    flush();
                }
            },
            std::time::Duration::from_secs(10),
        );
        on_cleanup(move || {
            listener.remove();
            if let Ok(timer) = timer {
                timer.clear();
            }
        });
        flush();
    }

    /// One ticket to check in, typed or scanned at `at`.
    pub fn send(door: Door, code: String, at: i64) {
        leptos::task::spawn_local(async move {
            if door.queued.get_untracked() > 0 {
                // Keep the order: behind what waits.
                enqueue(door, code, at);
                flush(door).await;
                return;
            }
            match post(door, &code, at).await {
                Ok(result) => show(door, result),
                Err(AppError::Internal) => enqueue(door, code, at),
                Err(_) => show_refused(door, code),
            }
        });
    }

    async fn post(door: Door, code: &str, at: i64) -> Result<CheckInResult, AppError> {
        crate::islands::http::post(
            "/api/check_in_ticket",
            &[
                ("event_id", &door.event_id.to_string()),
                ("code", code),
                ("scanned_at", &at.to_string()),
            ],
        )
        .await
    }

    fn show(door: Door, result: CheckInResult) {
        door.counts.set((result.checked_in, result.confirmed));
        door.last.set(Some(result));
    }

    fn show_refused(door: Door, code: String) {
        door.last.set(Some(CheckInResult {
            outcome: "invalid".into(),
            code,
            name: String::new(),
            organisation: String::new(),
            at: None,
            checked_in: door.counts.get_untracked().0,
            confirmed: door.counts.get_untracked().1,
        }));
    }

    fn enqueue(door: Door, code: String, at: i64) {
        let mut items = read(door.event_id);
        items.push((code.clone(), at));
        write(door.event_id, &items);
        door.queued.set(items.len());
        let mut shown = CheckInResult {
            outcome: "queued".into(),
            code,
            name: String::new(),
            organisation: String::new(),
            at: None,
            checked_in: 0,
            confirmed: 0,
        };
        (shown.checked_in, shown.confirmed) = door.counts.get_untracked();
        door.last.set(Some(shown));
    }

    thread_local! {
        /// A flush is under way: another (the timer, `online`, a new scan) leaves it to finish,
        /// so no check-in is sent twice nor one dropped unsent.
        static FLUSHING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    }

    /// Sends what waits, in order, until the connection fails again.
    async fn flush(door: Door) {
        if FLUSHING.with(|f| f.replace(true)) {
            return;
        }
        send_queued(door).await;
        FLUSHING.with(|f| f.set(false));
    }

    async fn send_queued(door: Door) {
        loop {
            let items = read(door.event_id);
            let Some((code, at)) = items.first().cloned() else {
                door.queued.set(0);
                return;
            };
            match post(door, &code, at).await {
                Err(AppError::Internal) => return,
                Ok(result) => show(door, result),
                Err(_) => show_refused(door, code),
            }
            // Read again: a scan may have joined the queue meanwhile.
            let mut items = read(door.event_id);
            if !items.is_empty() {
                items.remove(0);
            }
            write(door.event_id, &items);
            door.queued.set(items.len());
        }
    }
}

#[cfg(feature = "hydrate")]
mod camera {
    //! Reading tickets' QR codes with the camera, where the browser has a `BarcodeDetector`.

    use leptos::prelude::*;
    use wasm_bindgen::JsCast;
    use wasm_bindgen::prelude::*;
    use wasm_bindgen_futures::{JsFuture, js_sys};

    use super::Door;

    #[wasm_bindgen]
    extern "C" {
        type BarcodeDetector;
        #[wasm_bindgen(constructor, catch)]
        fn new(options: &JsValue) -> Result<BarcodeDetector, JsValue>;
        #[wasm_bindgen(method)]
        fn detect(this: &BarcodeDetector, source: &JsValue) -> js_sys::Promise;
    }

    thread_local! {
        static TIMER: std::cell::Cell<Option<IntervalHandle>> = const { std::cell::Cell::new(None) };
    }

    /// Opens the back camera into `video` and reads QR codes from it five times a second;
    /// `false` when the browser cannot read them.
    pub fn start(
        door: Door,
        video: NodeRef<leptos::html::Video>,
        scanning: RwSignal<bool>,
    ) -> bool {
        let has_detector =
            js_sys::Reflect::has(&window(), &JsValue::from_str("BarcodeDetector")).unwrap_or(false);
        let Some(devices) = has_detector
            .then(|| window().navigator().media_devices().ok())
            .flatten()
        else {
            return false;
        };
        let options = js_sys::Object::new();
        let formats = js_sys::Array::of1(&JsValue::from_str("qr_code"));
        let _ = js_sys::Reflect::set(&options, &"formats".into(), &formats);
        let Ok(detector) = BarcodeDetector::new(&options) else {
            return false;
        };
        let constraints = web_sys::MediaStreamConstraints::new();
        let facing = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&facing, &"facingMode".into(), &"environment".into());
        constraints.set_video(&facing);
        let Ok(asked) = devices.get_user_media_with_constraints(&constraints) else {
            return false;
        };
        leptos::task::spawn_local(async move {
            let Ok(stream) = JsFuture::from(asked).await else {
                scanning.set(false);
                return;
            };
            let Some(element) = video.get_untracked() else {
                return;
            };
            element.set_src_object(stream.dyn_ref::<web_sys::MediaStream>());
            let _ = element.play();
            let detector = send_wrapper::SendWrapper::new(detector);
            let last_read = std::rc::Rc::new(std::cell::RefCell::new((String::new(), 0.0)));
            let timer = set_interval_with_handle(
                move || {
                    let Some(element) = video.get_untracked() else {
                        return;
                    };
                    let found = JsFuture::from(detector.detect(&element));
                    let last_read = last_read.clone();
                    leptos::task::spawn_local(async move {
                        let Ok(codes) = found.await else {
                            return;
                        };
                        let codes: js_sys::Array = codes.unchecked_into();
                        let Some(text) = codes.iter().find_map(|code| {
                            js_sys::Reflect::get(&code, &"rawValue".into())
                                .ok()
                                .and_then(|v| v.as_string())
                        }) else {
                            return;
                        };
                        let now = js_sys::Date::now();
                        let mut last = last_read.borrow_mut();
                        // A ticket held up to the camera is read many times a second: once.
                        if last.0 == text && now - last.1 < 4_000.0 {
                            return;
                        }
                        *last = (text.clone(), now);
                        super::queue::send(door, text, now as i64);
                    });
                },
                std::time::Duration::from_millis(200),
            );
            if let Ok(timer) = timer {
                TIMER.with(|t| t.set(Some(timer)));
            }
        });
        true
    }

    /// Stops reading and turns the camera off.
    pub fn stop(video: NodeRef<leptos::html::Video>) {
        if let Some(timer) = TIMER.with(std::cell::Cell::take) {
            timer.clear();
        }
        if let Some(element) = video.get_untracked() {
            if let Some(stream) = element.src_object() {
                for track in stream.get_tracks().iter() {
                    if let Ok(track) = track.dyn_into::<web_sys::MediaStreamTrack>() {
                        track.stop();
                    }
                }
            }
            element.set_src_object(None);
        }
    }
}
