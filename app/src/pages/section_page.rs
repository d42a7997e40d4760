use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use crate::i18n::{Messages, tr, use_i18n};

/// Sections whose features arrive in later releases; each page says what it will hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Connect,
    News,
    Startups,
}

impl Section {
    fn title(self, t: &Messages) -> &'static str {
        match self {
            Self::Connect => t.nav_connect,
            Self::News => t.nav_news,
            Self::Startups => t.nav_startups,
        }
    }

    fn intro(self, t: &Messages) -> &'static str {
        match self {
            Self::Connect => t.connect_intro,
            Self::News => t.news_intro,
            Self::Startups => t.startups_intro,
        }
    }
}

/// The landing page of a section: its purpose, and where to go meanwhile.
#[component]
pub fn SectionPage(section: Section) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=move || section.title(i18n.t())/>
        <Meta name="description" content=move || section.intro(i18n.t())/>
        <div class="container page">
            <header class="page-header">
                <h1>{move || section.title(i18n.t())}</h1>
                <p class="lead">{move || section.intro(i18n.t())}</p>
            </header>
            <div class="notice">
                <p>{tr(|t| t.section_opening_soon)}</p>
                <p class="notice-actions">
                    <a class="button button-primary" href="/offers">{tr(|t| t.hero_cta_offers)}</a>
                    <a class="button button-ghost" href="/stalls">{tr(|t| t.nav_stalls)}</a>
                </p>
            </div>
        </div>
    }
}
