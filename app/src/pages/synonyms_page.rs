//! `/moderation/synonyms`: moderators keep the sets of words and folk names a search treats as
//! one ("drone = flycam = máy bay không người lái"), so buyers find what they mean whichever word
//! they use.

use super::PageRoute;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::connect::synonyms::SYNONYMS_CHARS;
use crate::api::get_synonyms;
use crate::components::form::{
    Field, FieldSpec, FormAlert, field_error_text, invalid_input, use_form_error,
};
use crate::error::AppError;
use crate::i18n::{tr, use_i18n};
use crate::model::SynonymSet;

/// The page (moderators only; the server refuses everyone else).
pub struct SynonymsRoute {
    data: Resource<Result<Vec<SynonymSet>, AppError>>,
}

impl PageRoute for SynonymsRoute {
    fn data() -> Self {
        Self {
            data: Resource::new(|| (), |()| get_synonyms()),
        }
    }

    fn view(this: Self) -> AnyView {
        view! {
            <Title text=tr(|t| t.synonyms_title)/>
            {super::member_view(this.data, "/moderation/synonyms", |sets| view! { <SynonymsView sets/> })}
        }
        .into_any()
    }
}

const PHRASES: FieldSpec = FieldSpec::text("phrases", |t| t.synonyms_new, 3, SYNONYMS_CHARS)
    .with_hint(|t| t.synonyms_hint);

#[component]
fn SynonymsView(sets: Vec<SynonymSet>) -> impl IntoView {
    let i18n = use_i18n();
    let error = use_form_error("/save_synonyms");
    let input = invalid_input(error.as_ref());
    // A refused change to an existing set comes back to its own row; a refused new set to the
    // form for new ones.
    let refused_id: i64 = input
        .value_of("id")
        .and_then(|v| v.parse().ok())
        .unwrap_or(-1);
    let new_input = if refused_id == 0 {
        input.clone()
    } else {
        Default::default()
    };
    view! {
        <div class="container page">
            <header class="page-header">
                <h1>{tr(|t| t.synonyms_title)}</h1>
                <p class="lead">{tr(|t| t.synonyms_lead)}</p>
            </header>
            <FormAlert error=error.clone() banner_fields=&["id"]/>
            <ul class="synonym-list" data-testid="synonym-list">
                {sets.into_iter().map(|set| {
                    let refused = refused_id == set.id;
                    let value = if refused { input.value_of("phrases").unwrap_or_default().to_owned() } else { set.phrases.clone() };
                    let code = refused.then(|| input.error_for("phrases").unwrap_or_default().to_owned());
                    let field_id = format!("synonyms-{}", set.id);
                    view! {
                        <li class="synonym-row" class:field-invalid=refused>
                            <form class="inline-form synonym-form" method="post" action="/api/save_synonyms">
                                <input type="hidden" name="id" value=set.id/>
                                <label class="visually-hidden" for=field_id.clone()>{tr(|t| t.synonyms_set)}</label>
                                <input id=field_id type="text" name="phrases" value=value required maxlength=SYNONYMS_CHARS
                                    aria-invalid=refused.then_some("true")/>
                                <button type="submit" class="button button-ghost button-small">{tr(|t| t.synonyms_save)}</button>
                            </form>
                            <form class="inline-form" method="post" action="/api/delete_synonyms">
                                <input type="hidden" name="id" value=set.id/>
                                <button type="submit" class="button button-ghost button-small">{tr(|t| t.synonyms_delete)}</button>
                            </form>
                            {code.map(|code| view! { <p class="field-error">{move || field_error_text(i18n.t(), &code)}</p> })}
                        </li>
                    }
                }).collect_view()}
            </ul>
            <form class="panel stack-form" method="post" action="/api/save_synonyms" data-testid="synonym-new">
                <input type="hidden" name="id" value="0"/>
                <Field spec=PHRASES input=new_input/>
                <button type="submit" class="button button-primary">{tr(|t| t.synonyms_add)}</button>
            </form>
        </div>
    }
}
