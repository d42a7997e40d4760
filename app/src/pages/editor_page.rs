//! The editorial desk (editors only; the server refuses everyone else): `/editor/articles` lists
//! every article in every state; `/editor/articles/new` and `/editor/articles/{id}/edit` write
//! one (draft, publish now, schedule, unpublish, cover picture, revision history);
//! `/editor/articles/{id}/preview` shows it as readers will.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::news_page::ArticlePage;
use super::{PageRoute, use_id_param, use_page_param};
use crate::api::{get_article_editor, get_article_preview, get_editor_desk};
use crate::components::form::{
    Field, FieldSpec, FormAlert, TextAreaField, field_error_text, invalid_input, use_form_error,
};
use crate::components::pagination::Pagination;
use crate::domain::article::{ArticleForm, limits};
use crate::domain::auction_setup::vietnam_datetime_input;
use crate::domain::format_vietnam_datetime;
use crate::error::{AppError, InvalidInput};
use crate::i18n::{Messages, tr, use_i18n};
use crate::model::{ArticleEditor, ArticleRevision, ArticleView, EditorDesk, ListingImage};

/// A status's name.
pub fn article_status_label(t: &Messages, status: &str) -> &'static str {
    match status {
        "scheduled" => t.article_status_scheduled,
        "published" => t.article_status_published,
        "unpublished" => t.article_status_unpublished,
        _ => t.article_status_draft,
    }
}

fn revision_action_label(t: &Messages, action: &str) -> &'static str {
    match action {
        "created" => t.article_action_created,
        "scheduled" => t.article_action_scheduled,
        "unscheduled" => t.article_action_unscheduled,
        "published" => t.article_action_published,
        "unpublished" => t.article_action_unpublished,
        _ => t.article_action_edited,
    }
}

/// A field's label, for the list of fields a revision changed.
fn field_label(t: &Messages, field: &str) -> &'static str {
    match field {
        "title" => t.article_field_title,
        "slug" => t.article_field_slug,
        "summary" => t.article_field_summary,
        "body" => t.article_field_body,
        "category" => t.article_field_category,
        "tags" => t.article_field_tags,
        "author_name" => t.article_field_author,
        "source_name" => t.article_field_source_name,
        "source_url" => t.article_field_source_url,
        "links" => t.article_field_links,
        "cover" => t.article_field_cover,
        _ => "",
    }
}

/// `/editor/articles`.
pub struct EditorDeskRoute {
    data: Resource<Result<EditorDesk, AppError>>,
}

impl PageRoute for EditorDeskRoute {
    fn data() -> Self {
        let page = use_page_param();
        Self {
            data: Resource::new(move || page.get(), |page| get_editor_desk(Some(page))),
        }
    }

    fn view(this: Self) -> AnyView {
        view! {
            <Title text=tr(|t| t.editor_desk_title)/>
            {super::member_view(this.data, "/editor/articles", |desk| view! { <DeskView desk/> })}
        }
        .into_any()
    }
}

#[component]
fn DeskView(desk: EditorDesk) -> impl IntoView {
    let i18n = use_i18n();
    let done = use_query_map()
        .read_untracked()
        .get("done")
        .filter(|d| d == "category_added")
        .map(|_| tr(|t| t.done_category_added));
    let error = use_form_error("/add_article_category");
    let category_input = invalid_input(error.as_ref());
    let (page, page_count) = (desk.articles.page, desk.articles.page_count());
    let categories = desk.categories.clone();
    view! {
        <div class="container page">
            <header class="page-header page-header-actions">
                <div>
                    <h1>{tr(|t| t.editor_desk_title)}</h1>
                    <p class="lead">{tr(|t| t.editor_desk_lead)}</p>
                </div>
                <div class="header-actions">
                    <a class="button button-ghost" href="/editor/events">{tr(|t| t.editor_events_title)}</a>
                    <a class="button button-ghost" href="/editor/videos">{tr(|t| t.editor_videos_title)}</a>
                    <a class="button button-primary" href="/editor/articles/new">{tr(|t| t.editor_new_article)}</a>
                </div>
            </header>
            {done.map(|message| view! { <p class="notice notice-success" role="status">{message}</p> })}
            <p class="desk-counts" data-testid="desk-counts">
                {desk.counts.into_iter().map(|(status, n)| view! {
                    <span class="badge">{move || format!("{}: {}", article_status_label(i18n.t(), &status), i18n.locale().format_count(n))}</span>
                }).collect_view()}
            </p>
            {if desk.articles.items.is_empty() {
                view! { <super::Empty/> }.into_any()
            } else {
                view! {
                    <div class="table-wrap">
                        <table class="data-table" data-testid="desk-articles">
                            <thead>
                                <tr>
                                    <th scope="col">{tr(|t| t.editor_col_title)}</th>
                                    <th scope="col">{tr(|t| t.article_field_category)}</th>
                                    <th scope="col">{tr(|t| t.editor_col_status)}</th>
                                    <th scope="col">{tr(|t| t.editor_col_updated)}</th>
                                    <th scope="col"><span class="visually-hidden">{tr(|t| t.editor_edit)}</span></th>
                                </tr>
                            </thead>
                            <tbody>
                                {desk.articles.items.into_iter().map(|a| {
                                    let category = categories.iter().find(|c| c.slug == a.category)
                                        .map(|c| c.name(i18n.locale()).to_owned()).unwrap_or_default();
                                    let status = a.status.clone();
                                    let badge = format!("badge badge-{status}");
                                    let when = a.publish_at.filter(|_| a.status == "scheduled");
                                    view! {
                                        <tr>
                                            <td><a href=format!("/editor/articles/{}/edit", a.id)>{a.title}</a></td>
                                            <td>{category}</td>
                                            <td>
                                                <span class=badge>{move || article_status_label(i18n.t(), &status)}</span>
                                                {when.map(|at| view! { " "<small>{format_vietnam_datetime(at)}</small> })}
                                            </td>
                                            <td>{format_vietnam_datetime(a.updated_at)}</td>
                                            <td class="table-actions">
                                                <a href=format!("/editor/articles/{}/preview", a.id)>{tr(|t| t.editor_preview)}</a>
                                            </td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                    <Pagination base="/editor/articles" page page_count/>
                }
                .into_any()
            }}
            <section class="panel" aria-labelledby="category-add-title">
                <h2 id="category-add-title">{tr(|t| t.category_add)}</h2>
                <p class="chip-nav">
                    {desk.categories.into_iter().map(|c| view! {
                        <a class="chip" href=format!("/news?category={}", c.slug)>{c.name(i18n.locale()).to_owned()}</a>
                    }).collect_view()}
                </p>
                <FormAlert error=error.clone()/>
                <form class="form" method="post" action="/api/add_article_category">
                    <Field spec=CATEGORY_VI input=category_input.clone()/>
                    <Field spec=CATEGORY_EN input=category_input optional=true/>
                    <button type="submit" class="button button-ghost">{tr(|t| t.category_add)}</button>
                </form>
            </section>
        </div>
    }
}

const CATEGORY_VI: FieldSpec = FieldSpec::text(
    "name_vi",
    |t| t.category_name_vi,
    limits::CATEGORY_NAME.0,
    limits::CATEGORY_NAME.1,
);
const CATEGORY_EN: FieldSpec = FieldSpec::text(
    "name_en",
    |t| t.category_name_en,
    0,
    limits::CATEGORY_NAME.1,
);

const TITLE: FieldSpec = FieldSpec::text(
    "title",
    |t| t.article_field_title,
    limits::TITLE.0,
    limits::TITLE.1,
);
const SLUG: FieldSpec = FieldSpec::text("slug", |t| t.article_field_slug, 0, 120)
    .with_hint(|t| t.article_field_slug_hint);
const SUMMARY: FieldSpec = FieldSpec::text(
    "summary",
    |t| t.article_field_summary,
    limits::SUMMARY.0,
    limits::SUMMARY.1,
);
const BODY: FieldSpec = FieldSpec::text(
    "body",
    |t| t.article_field_body,
    limits::BODY.0,
    limits::BODY.1,
)
.with_hint(|t| t.article_field_body_hint);
const TAGS: FieldSpec = FieldSpec::text("tags", |t| t.article_field_tags, 0, limits::TAGS_TEXT)
    .with_hint(|t| t.article_field_tags_hint);
const AUTHOR: FieldSpec = FieldSpec::text(
    "author_name",
    |t| t.article_field_author,
    limits::AUTHOR.0,
    limits::AUTHOR.1,
);
const SOURCE_NAME: FieldSpec = FieldSpec::text(
    "source_name",
    |t| t.article_field_source_name,
    0,
    limits::SOURCE_NAME,
);
const SOURCE_URL: FieldSpec =
    FieldSpec::text("source_url", |t| t.article_field_source_url, 0, 200).of_kind("url");
const LINKS: FieldSpec = FieldSpec::text("links", |t| t.article_field_links, 0, limits::LINKS_TEXT)
    .with_hint(|t| t.article_field_links_hint);
const PUBLISH_AT: FieldSpec = FieldSpec::text("publish_at", |t| t.article_field_publish_at, 0, 20)
    .of_kind("datetime-local")
    .with_hint(|t| t.article_field_publish_at_hint);

/// `/editor/articles/new` and `/editor/articles/{id}/edit`.
pub struct ArticleEditorRoute {
    data: Resource<Result<ArticleEditor, AppError>>,
}

impl PageRoute for ArticleEditorRoute {
    fn data() -> Self {
        let id = use_id_param();
        Self {
            data: Resource::new(move || id.get(), get_article_editor),
        }
    }

    fn view(this: Self) -> AnyView {
        view! {
            <Title text=tr(|t| t.editor_edit_article)/>
            {super::member_view(this.data, "/editor/articles", |editor| view! { <EditorView editor/> })}
        }
        .into_any()
    }
}

#[component]
fn EditorView(editor: ArticleEditor) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let (done, upload_error) = {
        let q = query.read_untracked();
        let done: Option<fn(&Messages) -> &'static str> = match q.get("done").as_deref() {
            Some("saved" | "cover") => Some(|t| t.done_article_saved),
            Some("published") => Some(|t| t.done_article_published),
            Some("scheduled") => Some(|t| t.done_article_scheduled),
            Some("unpublished") => Some(|t| t.done_article_unpublished),
            Some("unchanged") => Some(|t| t.done_article_unchanged),
            _ => None,
        };
        (done, q.get("error"))
    };
    let error = use_form_error("/save_article");
    let action_error = use_form_error("/article_action");
    let input = match &error {
        Some(_) => invalid_input(error.as_ref()),
        None => {
            let form = ArticleForm {
                publish_at: editor
                    .publish_at
                    .map(vietnam_datetime_input)
                    .unwrap_or_default(),
                ..editor.form.clone()
            };
            InvalidInput::new(Vec::new(), &form.typed())
        }
    };
    let id = editor.id;
    let is_new = id == 0;
    let status = editor.status.clone();
    let published = status == "published";
    let category = input.value_of("category").unwrap_or_default().to_owned();
    let category_error = input.error_for("category").map(str::to_owned);
    let category_invalid = category_error.is_some();
    let heading = if is_new {
        tr(|t| t.editor_new_article)
    } else {
        tr(|t| t.editor_edit_article)
    };
    let scheduled_for = editor.publish_at.filter(|_| status == "scheduled");
    view! {
        <div class="container page page-form article-editor">
            <nav class="breadcrumb" aria-label=tr(|t| t.breadcrumb)>
                <a href="/editor/articles">{tr(|t| t.editor_desk_title)}</a>
            </nav>
            <header class="page-header page-header-actions">
                <div>
                    <h1>{heading}</h1>
                    {(!is_new).then(|| {
                        let status = status.clone();
                        let badge = format!("badge badge-{status}");
                        view! {
                            <p>
                                <span class=badge data-testid="article-status">
                                    {move || article_status_label(i18n.t(), &status)}
                                </span>
                                {scheduled_for.map(|at| view! {
                                    " "{tr(|t| t.article_scheduled_for)}" "<strong>{format_vietnam_datetime(at)}</strong>
                                })}
                            </p>
                        }
                    })}
                </div>
                {(!is_new).then(|| view! {
                    <div class="header-actions">
                        <a class="button button-ghost" href=format!("/editor/articles/{id}/preview")>{tr(|t| t.editor_preview)}</a>
                        {published.then(|| view! {
                            <a class="button button-ghost" href=format!("/news/{}", editor.form.slug)>{tr(|t| t.editor_view_public)}</a>
                        })}
                    </div>
                })}
            </header>
            {done.map(|message| view! { <p class="notice notice-success" role="status">{tr(message)}</p> })}
            <FormAlert error=error.clone()/>
            <FormAlert error=action_error/>
            <form class="form panel" method="post" action="/api/save_article" data-testid="article-form">
                <input type="hidden" name="id" value=id/>
                <Field spec=TITLE input=input.clone()/>
                <Field spec=SLUG input=input.clone() optional=true/>
                <div class="field" class:field-invalid=category_invalid>
                    <label for="field-category">{tr(|t| t.article_field_category)}</label>
                    <select id="field-category" name="category" required=true
                        aria-invalid=category_invalid.then_some("true")
                        aria-describedby=category_invalid.then_some("field-category-note")>
                        {category.is_empty().then(|| view! { <option value="" selected=true>{tr(|t| t.choose)}</option> })}
                        {editor.categories.iter().map(|c| view! {
                            <option value=c.slug.clone() selected=c.slug == category>{c.name(i18n.locale()).to_owned()}</option>
                        }).collect_view()}
                    </select>
                    {category_error.map(|code| view! {
                        <p class="field-error" id="field-category-note">{move || field_error_text(i18n.t(), &code)}</p>
                    })}
                </div>
                <TextAreaField spec=SUMMARY input=input.clone() rows=3/>
                <TextAreaField spec=BODY input=input.clone() rows=18/>
                <Field spec=TAGS input=input.clone() optional=true/>
                <Field spec=AUTHOR input=input.clone()/>
                <div class="field-row">
                    <Field spec=SOURCE_NAME input=input.clone() optional=true/>
                    <Field spec=SOURCE_URL input=input.clone() optional=true/>
                </div>
                <TextAreaField spec=LINKS input=input.clone() rows=4/>
                <Field spec=PUBLISH_AT input=input.clone() optional=true/>
                <div class="form-actions">
                    <button type="submit" name="intent" value="draft" class="button button-ghost">
                        {if published { tr(|t| t.article_save) } else { tr(|t| t.article_save_draft) }}
                    </button>
                    <button type="submit" name="intent" value="schedule" class="button button-ghost">{tr(|t| t.article_schedule)}</button>
                    {(!published).then(|| view! {
                        <button type="submit" name="intent" value="publish" class="button button-primary">{tr(|t| t.article_publish_now)}</button>
                    })}
                </div>
            </form>
            {(!is_new).then(|| view! {
                <section class="panel" aria-labelledby="cover-title">
                    <h2 id="cover-title">{tr(|t| t.article_field_cover)}</h2>
                    {editor.cover_key.as_deref().map(|key| view! {
                        <img class="article-cover-preview" src=ListingImage::media_url(key) alt="" width="480" height="270"/>
                    })}
                    <form class="form" method="post" action=format!("/uploads/articles/{id}/cover") enctype="multipart/form-data">
                        <div class="field" class:field-invalid=upload_error.is_some()>
                            <label for="field-picture">{tr(|t| t.article_cover_upload)}</label>
                            <input id="field-picture" type="file" name="picture" accept="image/jpeg,image/png,image/webp" required=true/>
                            {upload_error.clone().map(|code| view! {
                                <p class="field-error" role="alert">{move || field_error_text(i18n.t(), &code)}</p>
                            })}
                        </div>
                        <button type="submit" class="button button-ghost">{tr(|t| t.article_cover_upload)}</button>
                    </form>
                </section>
                <section class="panel" aria-labelledby="state-title">
                    <h2 id="state-title" class="visually-hidden">{tr(|t| t.editor_col_status)}</h2>
                    <form method="post" action="/api/article_action" class="inline-form">
                        <input type="hidden" name="id" value=id/>
                        {if matches!(status.as_str(), "published" | "scheduled") {
                            view! { <button type="submit" name="action" value="unpublish" class="button button-danger">{tr(|t| t.article_unpublish)}</button> }.into_any()
                        } else {
                            view! { <button type="submit" name="action" value="publish" class="button button-ghost">{tr(|t| t.article_republish)}</button> }.into_any()
                        }}
                    </form>
                </section>
                <RevisionList revisions=editor.revisions.clone()/>
            })}
            {is_new.then(|| view! { <p class="field-hint">{tr(|t| t.article_cover_after_save)}</p> })}
        </div>
    }
}

#[component]
fn RevisionList(revisions: Vec<ArticleRevision>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="panel" aria-labelledby="history-title" data-testid="article-history">
            <h2 id="history-title">{tr(|t| t.article_history)}</h2>
            {if revisions.is_empty() {
                view! { <p>{tr(|t| t.article_history_empty)}</p> }.into_any()
            } else {
                view! {
                    <ol class="revision-list">
                        {revisions.into_iter().map(|r| {
                            let who = r.editor_name.clone();
                            let changed = r.changed.clone();
                            let action = r.action.clone();
                            view! {
                                <li>
                                    <time>{format_vietnam_datetime(r.created_at)}</time>" · "
                                    <strong>{move || revision_action_label(i18n.t(), &action)}</strong>" · "
                                    {match who {
                                        Some(name) => view! { <span>{name}</span> }.into_any(),
                                        None => view! { <span>{tr(|t| t.article_by_server)}</span> }.into_any(),
                                    }}
                                    {(!changed.is_empty()).then(|| view! {
                                        <span class="revision-fields">" — "{tr(|t| t.article_changed_fields)}": "
                                            {move || changed.split(',').map(|f| field_label(i18n.t(), f)).collect::<Vec<_>>().join(", ")}
                                        </span>
                                    })}
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                }
                .into_any()
            }}
        </section>
    }
}

/// `/editor/articles/{id}/preview`.
pub struct ArticlePreviewRoute {
    data: Resource<Result<ArticleView, AppError>>,
}

impl PageRoute for ArticlePreviewRoute {
    fn data() -> Self {
        let id = use_id_param();
        Self {
            data: Resource::new(move || id.get(), get_article_preview),
        }
    }

    fn view(this: Self) -> AnyView {
        super::member_view(this.data, "/editor/articles", |article| {
            view! { <ArticlePage article preview=true/> }
        })
    }
}
