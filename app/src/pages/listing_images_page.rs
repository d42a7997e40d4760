//! `/account/listings/{id}/images`: a listing's pictures as its poster manages them: add (a plain
//! multipart form, so it works without JavaScript) and remove.

use super::PageRoute;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::get_listing_images;
use crate::components::form::field_error_text;
use crate::domain::listing_limits::{IMAGE_MB, IMAGES};
use crate::error::AppError;
use crate::i18n::{Messages, tr, use_i18n};
use crate::islands::upload::UploadForm;
use crate::model::{ListingImage, ListingImages};

member_route!(
    /// The pictures of one of the member's listings.
    ListingImagesRoute: ListingImages = get_listing_images,
    title |t| t.images_title,
    next "/account/listings",
    |listing| view! { <ImagesView listing/> }
);

#[component]
fn ImagesView(listing: ListingImages) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map().read_untracked().clone();
    let done: Option<fn(&Messages) -> &'static str> = match query.get_str("done") {
        Some("uploaded") => Some(|t| t.done_images_uploaded),
        Some("uploaded_review") => Some(|t| t.done_images_uploaded_review),
        Some("removed") => Some(|t| t.done_image_removed),
        Some("moved") => Some(|t| t.done_image_moved),
        _ => None,
    };
    let error = query.get_str("error").map(str::to_owned);
    let file = query.get_str("file").unwrap_or_default().to_owned();
    let invalid = error.is_some();
    let ListingImages {
        id,
        slug,
        title,
        status,
        images,
    } = listing;
    let room = IMAGES.saturating_sub(images.len());
    let count = images.len();
    let hint = move || {
        let t = i18n.t();
        t.images_hint
            .replace("{max}", &IMAGES.to_string())
            .replace("{mb}", &IMAGE_MB.to_string())
    };
    view! {
        <div class="container page">
            <nav class="breadcrumb" aria-label=tr(|t| t.breadcrumb)>
                <a href="/account">{tr(|t| t.nav_account)}</a>
                <span aria-hidden="true">" › "</span>
                <a href="/account/listings">{tr(|t| t.nav_my_listings)}</a>
            </nav>
            <header class="page-header page-header-actions">
                <div>
                    <h1>{tr(|t| t.images_title)}</h1>
                    <p class="lead">{title}</p>
                </div>
                <div class="own-stall-actions">
                    <a class="button button-ghost" href=format!("/account/listings/{id}/edit")>{tr(|t| t.edit)}</a>
                    {(status == "published").then(|| view! {
                        <a class="button button-ghost" href=format!("/listings/{slug}")>{tr(|t| t.view_public)}</a>
                    })}
                </div>
            </header>
            {done.map(|message| view! { <p class="notice notice-success" role="status">{tr(message)}</p> })}
            {(status == "published").then(|| view! { <p class="notice">{tr(|t| t.images_review_note)}</p> })}
            {if images.is_empty() {
                view! { <p class="empty">{tr(|t| t.images_empty)}</p> }.into_any()
            } else {
                view! {
                    <ul class="image-grid">
                        {images.into_iter().enumerate().map(|(index, image)| {
                            view! { <ImageTile listing_id=id image index count/> }
                        }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
            <section class="panel upload-panel">
                <h2>{tr(|t| t.images_add)}</h2>
                {if room == 0 {
                    view! {
                        {error.map(|code| view! {
                            <p class="notice notice-error" role="alert" data-testid="image-error">
                                {(!file.is_empty()).then(|| format!("{file}: "))}
                                {move || field_error_text(i18n.t(), &code)}
                            </p>
                        })}
                        <p class="muted">{tr(|t| t.images_full)}</p>
                    }
                    .into_any()
                } else {
                    view! {
                        <UploadForm action=format!("/uploads/listings/{id}/images") class=String::new()
                            sending=i18n.t().upload_sending.to_owned() failed=i18n.t().upload_failed.to_owned()>
                            <div class="field" class:field-invalid=invalid>
                                <label for="field-images">{tr(|t| t.field_images)}</label>
                                <input id="field-images" type="file" name="images" multiple
                                    accept="image/jpeg,image/png,image/webp"
                                    aria-invalid=invalid.then_some("true")
                                    aria-describedby="field-images-note"/>
                                {match error {
                                    Some(code) => view! {
                                        <p class="field-error" id="field-images-note" role="alert" data-testid="image-error">
                                            {(!file.is_empty()).then(|| format!("{file}: "))}
                                            {move || field_error_text(i18n.t(), &code)}
                                        </p>
                                    }.into_any(),
                                    None => view! { <p class="field-hint" id="field-images-note">{hint}</p> }.into_any(),
                                }}
                            </div>
                            <button type="submit" class="button button-primary">{tr(|t| t.images_upload)}</button>
                        </UploadForm>
                    }
                    .into_any()
                }}
            </section>
        </div>
    }
}

/// One picture (the `index`-th of `count`): open it, move it, make it the cover, remove it.
#[component]
fn ImageTile(listing_id: i64, image: ListingImage, index: usize, count: usize) -> impl IntoView {
    let image_id = image.id;
    let mover = move |to: &'static str,
                      label: fn(&Messages) -> &'static str,
                      title: fn(&Messages) -> &'static str| {
        view! {
            <form method="post" action="/api/move_listing_image">
                <input type="hidden" name="listing_id" value=listing_id/>
                <input type="hidden" name="image_id" value=image_id/>
                <input type="hidden" name="to" value=to/>
                <button type="submit" class="button button-ghost button-small" aria-label=tr(title)>{tr(label)}</button>
            </form>
        }
    };
    view! {
        <li class="image-tile" data-testid="listing-image">
            <a href=image.url.clone()>
                <img src=image.thumb_url alt="" loading="lazy" width="240" height="180"/>
            </a>
            {(index == 0).then(|| view! { <span class="badge" data-testid="cover-badge">{tr(|t| t.images_cover_badge)}</span> })}
            <div class="image-tile-actions">
                {(index > 0).then(|| mover("earlier", |t| t.images_earlier, |t| t.images_earlier_label))}
                {(index + 1 < count).then(|| mover("later", |t| t.images_later, |t| t.images_later_label))}
                {(index > 0).then(|| mover("first", |t| t.images_make_cover, |t| t.images_make_cover))}
                <form method="post" action="/api/delete_listing_image">
                    <input type="hidden" name="listing_id" value=listing_id/>
                    <input type="hidden" name="image_id" value=image_id/>
                    <button type="submit" class="button button-ghost button-small">{tr(|t| t.images_remove)}</button>
                </form>
            </div>
        </li>
    }
}
