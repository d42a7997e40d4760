use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use crate::i18n::tr;

/// What the service worker shows when a page cannot be fetched and is not cached.
#[component]
pub fn OfflinePage() -> impl IntoView {
    view! {
        <Title text=tr(|t| t.offline_title)/>
        <Meta name="robots" content="noindex"/>
        <div class="container page status-page" data-offline="true">
            <p class="status-code" aria-hidden="true">"⌁"</p>
            <h1>{tr(|t| t.offline_title)}</h1>
            <p class="lead">{tr(|t| t.offline_body)}</p>
            <p><a class="button button-primary" href="/">{tr(|t| t.back_home)}</a></p>
        </div>
    }
}
