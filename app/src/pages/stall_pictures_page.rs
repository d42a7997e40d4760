//! `/account/stalls/{id}/pictures`: a stall's logo and cover, as its members change them (plain
//! multipart forms, so they work without JavaScript).

use super::PageRoute;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::get_stall_pictures;
use crate::components::cards::StallLogo;
use crate::components::form::field_error_text;
use crate::error::AppError;
use crate::i18n::{MessageFn, Messages, tr, use_i18n};
use crate::islands::upload::UploadForm;
use crate::model::{ListingImage, StallPictures};

member_route!(
    /// A stall's logo and cover.
    StallPicturesRoute: StallPictures = get_stall_pictures,
    title |t| t.pictures_title,
    next "/account/stalls",
    |pictures| view! { <PicturesView pictures/> }
);

#[component]
fn PicturesView(pictures: StallPictures) -> impl IntoView {
    let query = use_query_map().read_untracked().clone();
    let done: Option<fn(&Messages) -> &'static str> = match query.get_str("done") {
        Some("saved") => Some(|t| t.done_picture_saved),
        Some("submitted") => Some(|t| t.done_stall_edit_submitted),
        Some("removed") => Some(|t| t.done_picture_removed),
        _ => None,
    };
    // Which form a refusal belongs to, what was wrong and with which file.
    let refused_for = query.get_str("picture").unwrap_or_default().to_owned();
    let error = query.get_str("error").map(str::to_owned);
    let file = query.get_str("file").unwrap_or_default().to_owned();
    let refusal = move |which: &str| {
        (refused_for == which)
            .then(|| error.clone())
            .flatten()
            .map(|code| (code, file.clone()))
    };
    let StallPictures {
        stall,
        logo_key,
        cover_key,
        waiting,
    } = pictures;
    view! {
        <div class="container page page-narrow-wide">
            <nav class="breadcrumb" aria-label=tr(|t| t.breadcrumb)>
                <a href="/account">{tr(|t| t.nav_account)}</a>
                <span aria-hidden="true">" › "</span>
                <a href="/account/stalls">{tr(|t| t.nav_my_stalls)}</a>
            </nav>
            <header class="page-header">
                <p class="muted">{stall.name.clone()}</p>
                <h1>{tr(|t| t.pictures_title)}</h1>
                <p class="lead">{tr(|t| t.pictures_lead)}</p>
            </header>
            {done.map(|message| view! { <p class="notice notice-success" role="status">{tr(message)}</p> })}
            {waiting.then(|| view! { <p class="notice" data-testid="edit-waiting">{tr(|t| t.stall_edit_waiting_note)}</p> })}
            <PictureForm stall_id=stall.id which="logo" title=|t| t.logo_title hint=|t| t.logo_hint
                removable=logo_key.is_some() refusal=refusal("logo")>
                <StallLogo name=stall.name.clone() logo_key=logo_key.clone() large=true/>
            </PictureForm>
            <PictureForm stall_id=stall.id which="cover" title=|t| t.cover_title hint=|t| t.cover_hint
                removable=cover_key.is_some() refusal=refusal("cover")>
                {match cover_key {
                    Some(key) => view! {
                        <img class="stall-cover-preview" src=ListingImage::media_url(&key) alt="" width="800" height="200"/>
                    }.into_any(),
                    None => view! { <p class="muted">{tr(|t| t.picture_none)}</p> }.into_any(),
                }}
            </PictureForm>
        </div>
    }
}

/// One picture: what it is now (`children`), a form to replace it, and a button to remove it.
#[component]
fn PictureForm(
    stall_id: i64,
    which: &'static str,
    title: MessageFn,
    hint: MessageFn,
    /// It has one now.
    removable: bool,
    /// The error code and file name of a refused upload of this picture.
    refusal: Option<(String, String)>,
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = format!("field-{which}");
    let note = format!("{id}-note");
    let invalid = refusal.is_some();
    view! {
        <section class="panel picture-panel" id=which data-testid=format!("picture-{which}")>
            <h2>{tr(title)}</h2>
            <div class="picture-preview">{children()}</div>
            <UploadForm action=format!("/uploads/stalls/{stall_id}/{which}") class="picture-form".to_owned()
                sending=i18n.t().upload_sending.to_owned() failed=i18n.t().upload_failed.to_owned()>
                <div class="field" class:field-invalid=invalid>
                    <label for=id.clone()>{tr(|t| t.picture_choose)}</label>
                    <input id=id type="file" name="picture" accept="image/jpeg,image/png,image/webp" required
                        aria-invalid=invalid.then_some("true") aria-describedby=note.clone()/>
                    {match refusal {
                        Some((code, file)) => view! {
                            <p class="field-error" id=note role="alert">
                                {(!file.is_empty()).then(|| format!("{file}: "))}
                                {move || field_error_text(i18n.t(), &code)}
                            </p>
                        }.into_any(),
                        None => view! { <p class="field-hint" id=note>{tr(hint)}</p> }.into_any(),
                    }}
                </div>
                <button type="submit" class="button button-primary">{tr(|t| t.picture_upload)}</button>
            </UploadForm>
            {removable.then(|| view! {
                <form method="post" action="/api/remove_stall_picture" class="picture-remove">
                    <input type="hidden" name="stall_id" value=stall_id/>
                    <input type="hidden" name="which" value=which/>
                    <button type="submit" class="button button-ghost button-small">{tr(|t| t.picture_remove)}</button>
                </form>
            })}
        </section>
    }
}
