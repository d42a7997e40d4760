//! `/videos`: the exchange's video gallery; `/videos/{slug}`: one video, played from the media
//! store (seekable by range requests) or, for one hosted on YouTube, shown as its poster until
//! the reader asks for it (`?play=1`, the one response whose policy lets the frame load).
//! `/editor/videos…`: the editors' list and form, where the clip, poster and captions are
//! uploaded.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

use super::news_page::ArticleCardView;
use super::{Empty, LoadError, PageRoute, use_id_param, use_page_param};
use crate::api::{get_video, get_video_desk, get_video_editor, get_videos};
use crate::components::form::{
    Field, FieldSpec, FormAlert, TextAreaField, field_error_text, invalid_input, use_form_error,
};
use crate::components::pagination::Pagination;
use crate::domain::video::limits;
use crate::domain::{format_vietnam_date, format_vietnam_datetime, vietnam_rfc3339};
use crate::error::{AppError, InvalidInput};
use crate::i18n::{Locale, Messages, tr, use_i18n};
use crate::model::{ListingImage, VideoDesk, VideoEditor, VideoGallery, VideoPage, VideoView};
use crate::pages::not_found_page::NotFoundPage;
use crate::seo::{PageMeta, site_origin};

/// A video's address.
fn video_path(video: &VideoView) -> String {
    format!("/videos/{}", video.slug)
}

/// A video played where it stands: a clip from the media store with its poster and captions
/// (nothing loads before the reader presses play), or a YouTube video as its poster linking to
/// its page with `?play=1` — or, when `play` is set (on that page), the YouTube frame itself.
#[component]
pub fn VideoPlayer(video: VideoView, #[prop(default = false)] play: bool) -> impl IntoView {
    let i18n = use_i18n();
    let poster = video.poster_key.as_deref().map(ListingImage::media_url);
    if video.is_youtube() {
        let embed = video.youtube_embed().unwrap_or_default();
        if play {
            return view! {
                <div class="video-frame" id="player">
                    <iframe src=embed title=video.title.clone()
                        allow="autoplay; encrypted-media; picture-in-picture; fullscreen"
                        allowfullscreen=true referrerpolicy="strict-origin-when-cross-origin"></iframe>
                </div>
            }
            .into_any();
        }
        let href = format!("{}?play=1#player", video_path(&video));
        return view! {
            <div class="video-frame video-frame-poster" id="player">
                <a class="video-poster" href=href data-testid="video-youtube-poster">
                    {poster.map(|src| view! { <img src=src alt="" width="1200" height="675" decoding="async" loading="lazy"/> })}
                    <span class="video-play" aria-hidden="true"></span>
                    <span class="video-poster-label">{tr(|t| t.video_youtube_play)}<span class="visually-hidden">": "{video.title.clone()}</span></span>
                </a>
            </div>
            <p class="field-hint video-notice">{tr(|t| t.video_youtube_notice)}</p>
        }
        .into_any();
    }
    let Some(key) = video.media_key.clone() else {
        return view! { <p class="notice">{tr(|t| t.video_no_clip_yet)}</p> }.into_any();
    };
    let src = ListingImage::media_url(&key);
    let media_type = video.media_type.clone().unwrap_or_default();
    // The captions in the reader's language are shown at once; the other can be chosen.
    let locale = i18n.locale();
    let track = |key: Option<String>, lang: &'static str, label: &'static str| {
        key.map(|key| {
            let default = (lang == "vi") == (locale == Locale::Vi);
            view! { <track kind="captions" srclang=lang label=label src=ListingImage::media_url(&key) default=default/> }
        })
    };
    view! {
        <div class="video-frame" id="player">
            <video controls=true preload="none" playsinline=true poster=poster width="1280" height="720"
                data-testid="video-player">
                <source src=src.clone() type=media_type/>
                {track(video.captions_vi.clone(), "vi", "Tiếng Việt")}
                {track(video.captions_en.clone(), "en", "English")}
                <p>{tr(|t| t.video_no_support)}" "<a href=src download="">{tr(|t| t.video_download)}</a></p>
            </video>
        </div>
    }
    .into_any()
}

/// A video in a list: its poster, title and date.
#[component]
pub fn VideoCardView(video: VideoView) -> impl IntoView {
    let shown_at = video.published_at.unwrap_or(video.updated_at);
    view! {
        <article class="card video-card">
            <div class="video-card-thumb">
                {video.poster_thumb.as_deref().map(|key| view! {
                    <img class="card-thumb" src=ListingImage::media_url(key) alt="" loading="lazy" decoding="async" width="480" height="360"/>
                })}
                <span class="video-play video-play-small" aria-hidden="true"></span>
            </div>
            {video.is_youtube().then(|| view! { <p class="card-eyebrow"><span class="tag">{tr(|t| t.video_source_youtube)}</span></p> })}
            <h3 class="card-title"><a class="card-link" href=video_path(&video)>{video.title.clone()}</a></h3>
            <p class="card-meta">
                <time datetime=vietnam_rfc3339(shown_at)>{format_vietnam_date(shown_at)}</time>
            </p>
        </article>
    }
}

/// `/videos`.
pub struct VideosRoute {
    page: Memo<u32>,
    videos: Resource<Result<VideoGallery, AppError>>,
}

impl PageRoute for VideosRoute {
    fn data() -> Self {
        let page = use_page_param();
        Self {
            page,
            videos: Resource::new(move || page.get(), |page| get_videos(Some(page))),
        }
    }

    fn view(this: Self) -> AnyView {
        let (page, videos) = (this.page, this.videos);
        view! {
            <Suspense fallback=move || view! { <p class="container page loading">{tr(|t| t.loading)}</p> }>
                {move || Suspend::new(async move {
                    let page = page.get_untracked();
                    match videos.await {
                        Ok(gallery) => view! { <Gallery gallery page/> }.into_any(),
                        Err(error) => view! { <div class="container page"><LoadError error/></div> }.into_any(),
                    }
                })}
            </Suspense>
        }
        .into_any()
    }
}

#[component]
fn Gallery(gallery: VideoGallery, page: u32) -> impl IntoView {
    let i18n = use_i18n();
    let path = if page > 1 {
        format!("/videos?page={page}")
    } else {
        "/videos".to_owned()
    };
    let (page, page_count) = (gallery.videos.page, gallery.videos.page_count());
    view! {
        <PageMeta title=i18n.t().videos_title description=i18n.t().videos_lead path/>
        <div class="container page">
            <nav class="breadcrumb" aria-label=tr(|t| t.breadcrumb)>
                <a href="/">{tr(|t| t.nav_home)}</a>
                <span aria-hidden="true">" › "</span>
                <a href="/news">{tr(|t| t.nav_news)}</a>
            </nav>
            <header class="page-header">
                <h1>{tr(|t| t.videos_title)}</h1>
                <p class="lead">{tr(|t| t.videos_lead)}</p>
            </header>
            {if gallery.videos.items.is_empty() {
                view! { <Empty/> }.into_any()
            } else {
                view! {
                    <h2 class="visually-hidden">{tr(|t| t.video_all)}</h2>
                    <div class="card-grid video-grid" data-testid="video-gallery">
                        {gallery.videos.items.into_iter().map(|video| view! { <VideoCardView video/> }).collect_view()}
                    </div>
                    <Pagination base="/videos" page page_count/>
                }
                .into_any()
            }}
        </div>
    }
}

/// `/videos/{slug}`.
pub struct VideoRoute {
    video: Resource<Result<VideoPage, AppError>>,
}

impl PageRoute for VideoRoute {
    fn data() -> Self {
        let params = use_params_map();
        let slug = Memo::new(move |_| params.read().get("slug").unwrap_or_default());
        Self {
            video: Resource::new(move || slug.get(), get_video),
        }
    }

    fn view(this: Self) -> AnyView {
        let video = this.video;
        let play = use_query_map().read_untracked().get("play").as_deref() == Some("1");
        view! {
            <Suspense fallback=move || view! { <p class="container page loading">{tr(|t| t.loading)}</p> }>
                {move || Suspend::new(async move {
                    match video.await {
                        Ok(page) => view! { <VideoPageView page play/> }.into_any(),
                        Err(AppError::NotFound) => view! { <NotFoundPage/> }.into_any(),
                        Err(error) => view! { <div class="container page"><LoadError error/></div> }.into_any(),
                    }
                })}
            </Suspense>
        }
        .into_any()
    }
}

#[component]
fn VideoPageView(page: VideoPage, play: bool) -> impl IntoView {
    let video = page.video;
    let path = video_path(&video);
    let origin = site_origin();
    let poster_url = video
        .poster_key
        .as_deref()
        .map(|key| format!("{origin}{}", ListingImage::media_url(key)));
    let description = if video.description.is_empty() {
        video.title.clone()
    } else {
        video.description.clone()
    };
    let shown_at = video.published_at.unwrap_or(video.updated_at);
    let (articles, more) = (page.articles, page.more);
    view! {
        <PageMeta title=video.title.clone() description=description path kind="video.other"/>
        {poster_url.map(|url| view! { <Meta property="og:image" content=url/> })}
        <div class="container page video-page">
            <nav class="breadcrumb" aria-label=tr(|t| t.breadcrumb)>
                <a href="/">{tr(|t| t.nav_home)}</a>
                <span aria-hidden="true">" › "</span>
                <a href="/videos">{tr(|t| t.nav_videos)}</a>
            </nav>
            <article class="video-main">
                <h1 class="article-title">{video.title.clone()}</h1>
                <p class="article-meta">
                    <span>{tr(|t| t.news_published)}" "<time datetime=vietnam_rfc3339(shown_at)>{format_vietnam_date(shown_at)}</time></span>
                </p>
                <VideoPlayer video=video.clone() play/>
                {(!video.description.is_empty()).then(|| view! { <p class="lead video-description">{video.description.clone()}</p> })}
            </article>
            {(!articles.is_empty()).then(|| view! {
                <section class="home-section" data-testid="video-articles">
                    <h2>{tr(|t| t.video_in_articles)}</h2>
                    <div class="card-grid news-grid">
                        {articles.into_iter().map(|article| view! { <ArticleCardView article category=String::new()/> }).collect_view()}
                    </div>
                </section>
            })}
            {(!more.is_empty()).then(|| view! {
                <section class="home-section">
                    <div class="section-header">
                        <h2>{tr(|t| t.video_more)}</h2>
                        <a href="/videos">{tr(|t| t.video_all)}</a>
                    </div>
                    <div class="card-grid video-grid">
                        {more.into_iter().map(|video| view! { <VideoCardView video/> }).collect_view()}
                    </div>
                </section>
            })}
        </div>
    }
}

/// A video's state's name.
fn status_label(t: &Messages, status: &str) -> &'static str {
    if status == "published" {
        t.article_status_published
    } else {
        t.article_status_draft
    }
}

/// `/editor/videos`.
pub struct VideoDeskRoute {
    data: Resource<Result<VideoDesk, AppError>>,
}

impl PageRoute for VideoDeskRoute {
    fn data() -> Self {
        let page = use_page_param();
        Self {
            data: Resource::new(move || page.get(), |page| get_video_desk(Some(page))),
        }
    }

    fn view(this: Self) -> AnyView {
        view! {
            <Title text=tr(|t| t.editor_videos_title)/>
            {super::member_view(this.data, "/editor/videos", |desk| view! { <VideoDeskView desk/> })}
        }
        .into_any()
    }
}

#[component]
fn VideoDeskView(desk: VideoDesk) -> impl IntoView {
    let i18n = use_i18n();
    let (page, page_count) = (desk.videos.page, desk.videos.page_count());
    view! {
        <div class="container page">
            <nav class="breadcrumb" aria-label=tr(|t| t.breadcrumb)>
                <a href="/editor/articles">{tr(|t| t.editor_desk_title)}</a>
            </nav>
            <header class="page-header page-header-actions">
                <div>
                    <h1>{tr(|t| t.editor_videos_title)}</h1>
                    <p class="lead">{tr(|t| t.editor_videos_lead)}</p>
                </div>
                <a class="button button-primary" href="/editor/videos/new">{tr(|t| t.editor_new_video)}</a>
            </header>
            {if desk.videos.items.is_empty() {
                view! { <Empty/> }.into_any()
            } else {
                view! {
                    <div class="table-wrap">
                        <table class="data-table" data-testid="desk-videos">
                            <thead>
                                <tr>
                                    <th scope="col">{tr(|t| t.editor_col_title)}</th>
                                    <th scope="col">{tr(|t| t.video_clip)}</th>
                                    <th scope="col">{tr(|t| t.editor_col_status)}</th>
                                    <th scope="col">{tr(|t| t.editor_col_updated)}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {desk.videos.items.into_iter().map(|v| {
                                    let status = v.status.clone();
                                    let badge = format!("badge badge-{status}");
                                    let source = if v.is_youtube() {
                                        "YouTube".to_owned()
                                    } else {
                                        v.media_type.clone().map(|t| t.trim_start_matches("video/").to_uppercase()).unwrap_or_else(|| "—".to_owned())
                                    };
                                    view! {
                                        <tr>
                                            <td><a href=format!("/editor/videos/{}/edit", v.id)>{v.title}</a></td>
                                            <td>{source}</td>
                                            <td><span class=badge>{move || status_label(i18n.t(), &status)}</span></td>
                                            <td>{format_vietnam_datetime(v.updated_at)}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                    <Pagination base="/editor/videos" page page_count/>
                }
                .into_any()
            }}
        </div>
    }
}

const TITLE: FieldSpec = FieldSpec::text(
    "title",
    |t| t.video_field_title,
    limits::TITLE.0,
    limits::TITLE.1,
);
const SLUG: FieldSpec = FieldSpec::text("slug", |t| t.video_field_slug, 0, 120)
    .with_hint(|t| t.article_field_slug_hint);
const DESCRIPTION: FieldSpec = FieldSpec::text(
    "description",
    |t| t.video_field_description,
    0,
    limits::DESCRIPTION.1,
);
const YOUTUBE: FieldSpec =
    FieldSpec::text("youtube", |t| t.video_field_youtube, 0, limits::YOUTUBE)
        .of_kind("url")
        .with_hint(|t| t.video_field_youtube_hint);

/// `/editor/videos/new` and `/editor/videos/{id}/edit`.
pub struct VideoEditorRoute {
    data: Resource<Result<VideoEditor, AppError>>,
}

impl PageRoute for VideoEditorRoute {
    fn data() -> Self {
        let id = use_id_param();
        Self {
            data: Resource::new(move || id.get(), get_video_editor),
        }
    }

    fn view(this: Self) -> AnyView {
        view! {
            <Title text=tr(|t| t.editor_edit_video)/>
            {super::member_view(this.data, "/editor/videos", |editor| view! { <VideoEditorView editor/> })}
        }
        .into_any()
    }
}

/// Which upload form a refusal (`?error=…&upload=…`) belongs to.
#[derive(Clone, Copy, PartialEq, Eq)]
enum UploadForm {
    Clip,
    Poster,
    CaptionsVi,
    CaptionsEn,
}

impl UploadForm {
    fn parse(name: &str) -> Option<Self> {
        match name {
            "clip" => Some(Self::Clip),
            "poster" => Some(Self::Poster),
            "captions-vi" => Some(Self::CaptionsVi),
            "captions-en" => Some(Self::CaptionsEn),
            _ => None,
        }
    }

    fn path(self) -> &'static str {
        match self {
            Self::Clip => "clip",
            Self::Poster => "poster",
            Self::CaptionsVi => "captions-vi",
            Self::CaptionsEn => "captions-en",
        }
    }
}

#[component]
fn VideoEditorView(editor: VideoEditor) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let (done, upload_error) = {
        let q = query.read_untracked();
        let done: Option<fn(&Messages) -> &'static str> = match q.get("done").as_deref() {
            Some("saved") => Some(|t| t.done_video_saved),
            Some("published") => Some(|t| t.done_video_published),
            Some("unpublished") => Some(|t| t.done_video_unpublished),
            Some("clip") => Some(|t| t.done_video_clip),
            Some("poster") => Some(|t| t.done_video_poster),
            Some("captions") => Some(|t| t.done_video_captions),
            _ => None,
        };
        let upload_error = q
            .get("upload")
            .and_then(|u| UploadForm::parse(&u))
            .zip(q.get("error"));
        (done, upload_error)
    };
    let error = use_form_error("/save_video");
    let action_error = use_form_error("/video_action");
    let input = match &error {
        Some(_) => invalid_input(error.as_ref()),
        None => InvalidInput::new(Vec::new(), &editor.form.typed()),
    };
    let id = editor.id;
    let video = editor.video.clone();
    let published = video.as_ref().is_some_and(|v| v.status == "published");
    let heading = if video.is_none() {
        tr(|t| t.editor_new_video)
    } else {
        tr(|t| t.editor_edit_video)
    };
    view! {
        <div class="container page page-form video-editor">
            <nav class="breadcrumb" aria-label=tr(|t| t.breadcrumb)>
                <a href="/editor/videos">{tr(|t| t.editor_videos_title)}</a>
            </nav>
            <header class="page-header page-header-actions">
                <div>
                    <h1>{heading}</h1>
                    {video.clone().map(|v| {
                        let status = v.status.clone();
                        let badge = format!("badge badge-{status}");
                        view! { <p><span class=badge data-testid="video-status">{move || status_label(i18n.t(), &status)}</span></p> }
                    })}
                </div>
                {video.clone().filter(|v| v.status == "published").map(|v| view! {
                    <div class="header-actions">
                        <a class="button button-ghost" href=video_path(&v)>{tr(|t| t.video_view_public)}</a>
                    </div>
                })}
            </header>
            {done.map(|message| view! { <p class="notice notice-success" role="status">{tr(message)}</p> })}
            <FormAlert error=error.clone()/>
            <FormAlert error=action_error/>
            <form class="form panel" method="post" action="/api/save_video" data-testid="video-form">
                <input type="hidden" name="id" value=id/>
                <Field spec=TITLE input=input.clone()/>
                <Field spec=SLUG input=input.clone() optional=true/>
                <TextAreaField spec=DESCRIPTION input=input.clone() rows=4/>
                <Field spec=YOUTUBE input=input.clone() optional=true/>
                <div class="form-actions">
                    <button type="submit" class="button button-primary">
                        {if published { tr(|t| t.article_save) } else { tr(|t| t.article_save_draft) }}
                    </button>
                </div>
            </form>
            {match video {
                None => view! { <p class="field-hint">{tr(|t| t.video_upload_after_save)}</p> }.into_any(),
                Some(video) => view! {
                    <UploadPanels video=video.clone() upload_error=upload_error.clone()/>
                    <section class="panel" aria-labelledby="video-state-title">
                        <h2 id="video-state-title" class="visually-hidden">{tr(|t| t.editor_col_status)}</h2>
                        <form method="post" action="/api/video_action" class="inline-form">
                            <input type="hidden" name="id" value=id/>
                            {if video.status == "published" {
                                view! { <button type="submit" name="action" value="unpublish" class="button button-danger">{tr(|t| t.video_unpublish)}</button> }.into_any()
                            } else {
                                view! { <button type="submit" name="action" value="publish" class="button button-primary">{tr(|t| t.video_publish)}</button> }.into_any()
                            }}
                        </form>
                        <p class="field-hint">{tr(|t| t.video_attach_hint)}" "<code>{video_path(&video)}</code></p>
                    </section>
                }
                .into_any(),
            }}
        </div>
    }
}

/// The upload forms of a saved video: clip (not for a YouTube one), poster, and captions in
/// each language (not for a YouTube one), each with its refusal beside its file field.
#[component]
fn UploadPanels(
    video: VideoView,
    /// The form a refusal belongs to, and its code.
    upload_error: Option<(UploadForm, String)>,
) -> impl IntoView {
    let id = video.id;
    let error_for = |form: UploadForm| {
        upload_error
            .as_ref()
            .filter(|(f, _)| *f == form)
            .map(|(_, code)| code.clone())
    };
    let upload = |form: UploadForm,
                  field: &'static str,
                  label: fn(&Messages) -> &'static str,
                  button: fn(&Messages) -> &'static str,
                  accept: &'static str,
                  hint: Option<fn(&Messages) -> &'static str>| {
        let i18n = use_i18n();
        let error = error_for(form);
        let invalid = error.is_some();
        let input_id = format!("field-{}", form.path());
        let note_id = format!("{input_id}-note");
        view! {
            <form class="form" method="post" action=format!("/uploads/videos/{id}/{}", form.path())
                enctype="multipart/form-data" data-testid=format!("upload-{}", form.path())>
                <div class="field" class:field-invalid=invalid>
                    <label for=input_id.clone()>{tr(label)}</label>
                    <input id=input_id type="file" name=field accept=accept required=true
                        aria-invalid=invalid.then_some("true")
                        aria-describedby=invalid.then(|| note_id.clone())/>
                    {hint.map(|hint| view! { <p class="field-hint">{tr(hint)}</p> })}
                    {error.map(|code| view! {
                        <p class="field-error" id=note_id role="alert">{move || field_error_text(i18n.t(), &code)}</p>
                    })}
                </div>
                <button type="submit" class="button button-ghost">{tr(button)}</button>
            </form>
        }
    };
    let youtube = video.is_youtube();
    view! {
        {(!youtube).then(|| view! {
            <section class="panel" aria-labelledby="clip-title">
                <h2 id="clip-title">{tr(|t| t.video_clip)}</h2>
                <VideoPlayer video=video.clone()/>
                {video.media_bytes.map(|bytes| view! {
                    <p class="field-hint">{format!("{} · {:.1} MB", video.media_type.clone().unwrap_or_default(), bytes as f64 / 1_048_576.0)}</p>
                })}
                {upload(UploadForm::Clip, "clip", |t| t.video_clip, |t| t.video_clip_upload, "video/mp4,video/webm", Some(|t| t.video_clip_hint))}
            </section>
        })}
        <section class="panel" aria-labelledby="poster-title">
            <h2 id="poster-title">{tr(|t| t.video_poster)}</h2>
            {video.poster_key.as_deref().map(|key| view! {
                <img class="article-cover-preview" src=ListingImage::media_url(key) alt="" width="480" height="270"/>
            })}
            {upload(UploadForm::Poster, "picture", |t| t.video_poster, |t| t.video_poster_upload, "image/jpeg,image/png,image/webp", None)}
        </section>
        {(!youtube).then(|| view! {
            <section class="panel" aria-labelledby="captions-title">
                <h2 id="captions-title">{tr(|t| t.video_captions)}</h2>
                <dl class="facts">
                    <div>
                        <dt>{tr(|t| t.video_captions_vi)}</dt>
                        <dd>{match video.captions_vi.as_deref() {
                            Some(key) => view! { <a href=ListingImage::media_url(key)>"WebVTT"</a> }.into_any(),
                            None => view! { <span>{tr(|t| t.video_captions_none)}</span> }.into_any(),
                        }}</dd>
                    </div>
                    <div>
                        <dt>{tr(|t| t.video_captions_en)}</dt>
                        <dd>{match video.captions_en.as_deref() {
                            Some(key) => view! { <a href=ListingImage::media_url(key)>"WebVTT"</a> }.into_any(),
                            None => view! { <span>{tr(|t| t.video_captions_none)}</span> }.into_any(),
                        }}</dd>
                    </div>
                </dl>
                {upload(UploadForm::CaptionsVi, "captions", |t| t.video_captions_vi, |t| t.video_captions_upload, ".vtt,text/vtt", None)}
                {upload(UploadForm::CaptionsEn, "captions", |t| t.video_captions_en, |t| t.video_captions_upload, ".vtt,text/vtt", None)}
            </section>
        })}
    }
}
