//! Islands' calls to server functions, through the browser's own `fetch`.
//!
//! The calls are the ones a plain form or link makes (a urlencoded form POSTed to
//! `/api/{name}`, or a GET with the arguments in the query), asking for JSON instead of a
//! redirect. Going through `fetch` directly rather than server_fn's client keeps its encoders
//! (serde_qs and the request plumbing, a fifth of the module) out of the browser's code.

use serde::de::DeserializeOwned;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::error::AppError;

/// Submits `form` to its `action` as the browser would (urlencoded), and reads the answer.
pub async fn submit<T: DeserializeOwned>(form: &web_sys::HtmlFormElement) -> Result<T, AppError> {
    let data = web_sys::FormData::new_with_form(form).map_err(|_| AppError::Internal)?;
    let body = web_sys::UrlSearchParams::new_with_str_sequence_sequence(&data)
        .map_err(|_| AppError::Internal)?;
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    init.set_body(&body);
    call(&form.action(), init).await
}

/// POSTs `fields` to `path` as a urlencoded form, and reads the answer.
pub async fn post<T: DeserializeOwned>(path: &str, fields: &[(&str, &str)]) -> Result<T, AppError> {
    let body = web_sys::UrlSearchParams::new().map_err(|_| AppError::Internal)?;
    for (name, value) in fields {
        body.append(name, value);
    }
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    init.set_body(&body);
    call(path, init).await
}

/// GETs `path` (its query already encoded), and reads the answer.
pub async fn get<T: DeserializeOwned>(path: &str) -> Result<T, AppError> {
    call(path, web_sys::RequestInit::new()).await
}

/// The server function's JSON answer: its value, or the error it returned (`Internal` when the
/// request did not get through or the answer does not read).
async fn call<T: DeserializeOwned>(url: &str, init: web_sys::RequestInit) -> Result<T, AppError> {
    let headers = web_sys::Headers::new().map_err(|_| AppError::Internal)?;
    headers
        .set("Accept", "application/json")
        .map_err(|_| AppError::Internal)?;
    init.set_headers(&headers);
    let response: web_sys::Response =
        JsFuture::from(leptos::prelude::window().fetch_with_str_and_init(url, &init))
            .await
            .and_then(JsCast::dyn_into)
            .map_err(|_| AppError::Internal)?;
    let text = match response.text() {
        Ok(text) => JsFuture::from(text).await.ok().and_then(|t| t.as_string()),
        Err(_) => None,
    }
    .ok_or(AppError::Internal)?;
    if response.ok() {
        serde_json::from_str(&text).map_err(|_| AppError::Internal)
    } else {
        Err(serde_json::from_str(&text).unwrap_or(AppError::Internal))
    }
}
