//! Hover values on the statistics' charts, and a period selector that applies itself.

use leptos::prelude::*;

/// Wraps the charts and their period form. Hydrated, a column or bar pointed at shows its value
/// (its `data-tip`) in a box beside the pointer instead of the browser's slow hover text, and
/// choosing a period in a `select[data-autosubmit]` sends its form at once (the form's button,
/// which the page needs without JavaScript, is then hidden by the `chart-live` class).
#[island(lazy)]
pub fn ChartTips(children: Children) -> impl IntoView {
    let tip = RwSignal::new(None::<(String, f64, f64)>);
    let live = RwSignal::new(false);
    let frame = NodeRef::<leptos::html::Div>::new();
    // Effects run in the browser only, once hydrated.
    Effect::new(move |_| live.set(true));
    let point = move |ev: leptos::ev::PointerEvent| {
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            let Some(frame) = frame.get_untracked() else {
                return;
            };
            let part = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|el| el.closest("[data-tip]").ok().flatten());
            let Some(part) = part else {
                tip.set(None);
                return;
            };
            // The browser's own hover text would show a second box a moment later.
            if let Ok(Some(title)) = part.query_selector("title") {
                title.remove();
            }
            let text = part.get_attribute("data-tip").unwrap_or_default();
            let rect = frame.get_bounding_client_rect();
            let x = f64::from(ev.client_x()) - rect.left();
            let y = f64::from(ev.client_y()) - rect.top();
            tip.set(Some((text, x, y)));
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (ev, frame);
    };
    let choose = move |ev: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            let select = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
                .filter(|s| s.has_attribute("data-autosubmit"));
            if let Some(form) = select.and_then(|s| s.form()) {
                let _ = form.request_submit();
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    };
    view! {
        <div class="chart-frame" class:chart-live=move || live.get() node_ref=frame
            on:pointermove=point on:pointerleave=move |_| tip.set(None) on:change=choose>
            {children()}
            {move || tip.get().map(|(text, x, y)| view! {
                // Placed through the CSSOM: the site's Content-Security-Policy refuses `style`
                // attributes.
                <div class="chart-tip" aria-hidden="true" style:left=format!("{x:.0}px") style:top=format!("{y:.0}px")>{text}</div>
            })}
        </div>
    }
}
