//! Picture upload forms that show how far the upload has got.

use leptos::prelude::*;

/// A multipart upload form around its fields (`children`, rendered on the server). Without
/// JavaScript it is a plain form. Hydrated, it sends the same request itself so it can show the
/// share sent so far — pictures from a phone over mobile data take a while — and then goes
/// where the server's answer went (the page with what happened, or with the refusal). `sending`
/// and `failed` are its words in the page's language.
#[island(lazy)]
pub fn UploadForm(
    action: String,
    /// Extra classes on the form.
    class: String,
    sending: String,
    failed: String,
    children: Children,
) -> impl IntoView {
    // Percent sent while an upload is under way.
    let sent = RwSignal::new(None::<u32>);
    let lost = RwSignal::new(false);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        #[cfg(feature = "hydrate")]
        send::start(ev, sent, lost);
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    };
    view! {
        <form class=format!("form {class}") class:uploading=move || sent.get().is_some() method="post" action=action
            enctype="multipart/form-data" on:submit=on_submit>
            {children()}
            {move || sent.get().map(|percent| view! {
                <div class="upload-progress" role="status" data-testid="upload-progress">
                    <progress max="100" value=percent></progress>
                    <span>{format!("{sending} {percent} %")}</span>
                </div>
            })}
            {move || lost.get().then(|| view! { <p class="field-error" role="alert">{failed.clone()}</p> })}
        </form>
    }
}

#[cfg(feature = "hydrate")]
mod send {
    use leptos::prelude::*;
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;

    /// Sends the submitted form with `XMLHttpRequest`, whose upload reports progress (`fetch`
    /// does not), into `sent`; follows the answer's final address, or sets `lost` if the
    /// request did not get through (the form and the chosen files stay as they were).
    pub fn start(ev: leptos::ev::SubmitEvent, sent: RwSignal<Option<u32>>, lost: RwSignal<bool>) {
        let Some(form) = crate::islands::take_submission(&ev) else {
            return;
        };
        if sent.get_untracked().is_some() {
            return;
        }
        let (Ok(data), Ok(request)) = (
            web_sys::FormData::new_with_form(&form),
            web_sys::XmlHttpRequest::new(),
        ) else {
            // Let the browser send it as a plain form.
            let _ = form.submit();
            return;
        };
        if request.open("POST", &form.action()).is_err() {
            let _ = form.submit();
            return;
        }
        lost.set(false);
        sent.set(Some(0));
        let on_progress =
            Closure::<dyn Fn(web_sys::ProgressEvent)>::new(move |event: web_sys::ProgressEvent| {
                if event.length_computable() && event.total() > 0.0 {
                    let percent = (event.loaded() / event.total() * 100.0).floor();
                    sent.set(Some(percent.clamp(0.0, 100.0) as u32));
                }
            });
        let answered = request.clone();
        let on_done = Closure::<dyn Fn()>::new(move || {
            let status = answered.status().unwrap_or(0);
            let url = answered.response_url();
            if (200..400).contains(&status) && !url.is_empty() {
                // Keep the bar full while the page with the outcome loads.
                sent.set(Some(100));
                let _ = window().location().assign(&url);
            } else {
                sent.set(None);
                lost.set(true);
            }
        });
        let on_failed = Closure::<dyn Fn()>::new(move || {
            sent.set(None);
            lost.set(true);
        });
        if let Ok(upload) = request.upload() {
            upload.set_onprogress(Some(on_progress.as_ref().unchecked_ref()));
        }
        request.set_onload(Some(on_done.as_ref().unchecked_ref()));
        request.set_onerror(Some(on_failed.as_ref().unchecked_ref()));
        request.set_onabort(Some(on_failed.as_ref().unchecked_ref()));
        if request.send_with_opt_form_data(Some(&data)).is_err() {
            sent.set(None);
            lost.set(true);
            return;
        }
        // The handlers live as long as the page: one upload leaves the page when it is done.
        on_progress.forget();
        on_done.forget();
        on_failed.forget();
    }
}
