use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use crate::i18n::use_i18n;

/// What the service worker shows when a page cannot be fetched and is not cached.
#[component]
pub fn OfflinePage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=move || i18n.t().offline_title/>
        <Meta name="robots" content="noindex"/>
        <div class="container page status-page" data-offline="true">
            <p class="status-code" aria-hidden="true">"⌁"</p>
            <h1>{move || i18n.t().offline_title}</h1>
            <p class="lead">{move || i18n.t().offline_body}</p>
            <p><a class="button button-primary" href="/">{move || i18n.t().back_home}</a></p>
        </div>
    }
}
