use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use crate::i18n::tr;

/// Shown for any path no route matches, with status 404.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <Title text=tr(|t| t.not_found_title)/>
        <Meta name="robots" content="noindex"/>
        <div class="container page status-page">
            <p class="status-code" aria-hidden="true">"404"</p>
            <h1>{tr(|t| t.not_found_title)}</h1>
            <p class="lead">{tr(|t| t.not_found_body)}</p>
            <p><a class="button button-primary" href="/">{tr(|t| t.back_home)}</a></p>
        </div>
    }
}
