//! `/news`: science and technology news, newest first, by category and tag; `/news/{slug}`: one
//! article with its cover, the stalls and listings it names, related articles, share links and
//! what search engines and link previews read (OpenGraph, JSON-LD `NewsArticle`).

use leptos::prelude::*;
use leptos_meta::{Link, Meta};
use leptos_router::hooks::{use_params_map, use_query_map};

use super::browse_page::SearchNotes;
use super::videos_page::VideoPlayer;
use super::{Empty, LoadError, PageRoute};
use crate::api::{get_article, get_news};
use crate::components::cards::{ListingCardView, StallCardView, marked};
use crate::components::pagination::{Pagination, encode_component};
use crate::domain::{format_vietnam_date, vietnam_rfc3339};
use crate::error::AppError;
use crate::i18n::{tr, use_i18n};
use crate::model::{ArticleCard, ArticleView, ListingImage, NewsPage};
use crate::pages::not_found_page::NotFoundPage;
use crate::seo::{PageMeta, site_origin};

/// The news list's filters as in the URL.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct NewsQuery {
    category: Option<String>,
    tag: Option<String>,
    page: u32,
    /// Words to look for, as typed (empty: none).
    q: String,
}

impl NewsQuery {
    /// This list's address without its page.
    fn base(&self) -> String {
        let mut pairs = Vec::new();
        if !self.q.trim().is_empty() {
            pairs.push(format!("q={}", encode_component(self.q.trim())));
        }
        match (&self.category, &self.tag) {
            (_, Some(tag)) => pairs.push(format!("tag={}", encode_component(tag))),
            (Some(category), None) => {
                pairs.push(format!("category={}", encode_component(category)));
            }
            (None, None) => {}
        }
        if pairs.is_empty() {
            "/news".to_owned()
        } else {
            format!("/news?{}", pairs.join("&"))
        }
    }
}

/// `/news`.
pub struct NewsRoute {
    query: Memo<NewsQuery>,
    news: Resource<Result<NewsPage, AppError>>,
}

impl PageRoute for NewsRoute {
    fn data() -> Self {
        let map = use_query_map();
        let query = Memo::new(move |_| {
            let map = map.read();
            NewsQuery {
                category: map.get("category").filter(|c| !c.is_empty()),
                tag: map.get("tag").filter(|t| !t.is_empty()),
                page: map.get("page").and_then(|p| p.parse().ok()).unwrap_or(1),
                q: map.get("q").unwrap_or_default(),
            }
        });
        let news = Resource::new(
            move || query.get(),
            |q| {
                let words = (!q.q.trim().is_empty()).then_some(q.q);
                get_news(q.category, q.tag, Some(q.page), words)
            },
        );
        Self { query, news }
    }

    fn view(this: Self) -> AnyView {
        let (query, news) = (this.query, this.news);
        view! {
            <Suspense fallback=move || view! { <p class="container page loading">{tr(|t| t.loading)}</p> }>
                {move || Suspend::new(async move {
                    let query = query.get_untracked();
                    match news.await {
                        Ok(news) => view! { <NewsList query news/> }.into_any(),
                        Err(error) => view! { <div class="container page"><LoadError error/></div> }.into_any(),
                    }
                })}
            </Suspense>
        }
        .into_any()
    }
}

#[component]
fn NewsList(query: NewsQuery, news: NewsPage) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.locale();
    let current = news
        .categories
        .iter()
        .find(|c| Some(&c.slug) == query.category.as_ref())
        .cloned();
    let heading = match (&news.tag, &current) {
        (Some(tag), _) => format!("{}: {}", i18n.t().news_tag, tag.label),
        (None, Some(category)) => category.name(locale).to_owned(),
        (None, None) => i18n.t().news_title.to_owned(),
    };
    let searching = news.search.is_some();
    let heading = if searching {
        format!("{} «{}»", i18n.t().news_results_for, query.q.trim())
    } else {
        heading
    };
    let search = news.search.clone().unwrap_or_default();
    let terms = search.highlight.clone();
    let notes = searching.then(|| {
        view! {
            <SearchNotes left_out=search.left_out corrections=search.corrections widened=search.widened/>
        }
    });
    let everywhere = (searching && (query.category.is_some() || query.tag.is_some())).then(|| {
        let href = format!("/news?q={}", encode_component(query.q.trim()));
        view! { <p><a href=href>{tr(|t| t.news_search_everywhere)}</a></p> }
    });
    let path = query.base();
    let description = i18n.t().news_lead;
    let (total, page, page_count) = (
        news.articles.total,
        news.articles.page,
        news.articles.page_count(),
    );
    let base = query.base();
    let no_filter = query.category.is_none() && query.tag.is_none();
    // The feeds follow the whole news or the category shown.
    let feed_query = current
        .as_ref()
        .map(|c| format!("?category={}", c.slug))
        .unwrap_or_default();
    let (rss, atom) = (
        format!("/news.rss{feed_query}"),
        format!("/news.atom{feed_query}"),
    );
    view! {
        <PageMeta title=heading.clone() description path/>
        <Link rel="alternate" type_="application/rss+xml" title=heading.clone() href=rss.clone()/>
        <Link rel="alternate" type_="application/atom+xml" title=heading.clone() href=atom.clone()/>
        <div class="container page news-page">
            <header class="page-header page-header-actions">
                <div>
                    <h1>{heading}</h1>
                    <p class="lead">{tr(|t| t.news_lead)}</p>
                </div>
                <p class="feed-links">
                    <a class="button button-ghost button-small" href=rss data-testid="news-rss">"RSS"</a>
                    <a class="button button-ghost button-small" href=atom>"Atom"</a>
                </p>
            </header>
            <form class="news-search" action="/news" method="get" role="search">
                <label class="visually-hidden" for="news-q">{tr(|t| t.news_search_label)}</label>
                <input id="news-q" type="search" name="q" value=query.q.clone()
                    maxlength=crate::domain::MAX_QUERY_CHARS placeholder=tr(|t| t.news_search_placeholder)/>
                {query.category.clone().filter(|_| query.tag.is_none()).map(|c| view! { <input type="hidden" name="category" value=c/> })}
                {query.tag.clone().map(|t| view! { <input type="hidden" name="tag" value=t/> })}
                <button type="submit" class="button button-primary">{tr(|t| t.search_button)}</button>
            </form>
            <nav class="chip-nav" aria-label=tr(|t| t.news_categories)>
                <a class="chip" href="/news" aria-current=no_filter.then_some("page")>{tr(|t| t.news_all)}</a>
                {news.categories.iter().map(|c| {
                    let active = current.as_ref().is_some_and(|cur| cur.slug == c.slug) && query.tag.is_none();
                    view! {
                        <a class="chip" href=format!("/news?category={}", c.slug) aria-current=active.then_some("page")>
                            {c.name(locale).to_owned()}
                        </a>
                    }
                }).collect_view()}
                <a class="chip chip-video" href="/videos" data-testid="news-videos">{tr(|t| t.nav_videos)}</a>
            </nav>
            <h2 class="results-count" data-testid="news-count">
                {move || {
                    let (locale, t) = (i18n.locale(), i18n.t());
                    let suffix = if searching { t.news_found_suffix } else { t.news_count_suffix };
                    if total > crate::domain::search::COUNT_CAP {
                        format!("{} {} {suffix}", t.results_count_more, locale.format_count(crate::domain::search::COUNT_CAP))
                    } else {
                        format!("{} {suffix}", locale.format_count(total))
                    }
                }}
            </h2>
            {notes}
            {if news.articles.items.is_empty() && searching {
                view! { <p class="empty" data-testid="news-nothing-found">{tr(|t| t.news_nothing_found)}</p>{everywhere} }.into_any()
            } else if news.articles.items.is_empty() {
                view! { <Empty/> }.into_any()
            } else {
                let categories = news.categories.clone();
                view! {
                    <div class="card-grid news-grid">
                        {news.articles.items.into_iter().map(|article| {
                            let category = categories.iter().find(|c| c.slug == article.category)
                                .map(|c| c.name(locale).to_owned()).unwrap_or_default();
                            let terms = terms.clone();
                            view! { <ArticleCardView article category terms/> }
                        }).collect_view()}
                    </div>
                    {everywhere}
                    <Pagination base page page_count/>
                }
                .into_any()
            }}
        </div>
    }
}

/// The first articles holding the words `q` (the site-wide search offers them beside the
/// listings), with a way to all of them; nothing when none does.
#[component]
pub fn RelatedNews(q: Memo<String>) -> impl IntoView {
    let i18n = use_i18n();
    let news = Resource::new(
        move || q.get(),
        |q| async move {
            if crate::domain::search_words(&q).is_empty() {
                return Ok(None);
            }
            get_news(None, None, Some(1), Some(q)).await.map(Some)
        },
    );
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let found = match news.await {
                    Ok(Some(found)) if !found.articles.items.is_empty() => found,
                    _ => return ().into_any(),
                };
                let terms = found.search.map(|s| s.highlight).unwrap_or_default();
                let total = found.articles.total;
                let all = format!("/news?q={}", encode_component(q.get_untracked().trim()));
                view! {
                    <section class="related-news" aria-labelledby="related-news-heading" data-testid="related-news">
                        <h2 id="related-news-heading">{tr(|t| t.search_articles_heading)}</h2>
                        <ul>
                            {found.articles.items.into_iter().take(3).map(|article| view! {
                                <li>
                                    <a href=format!("/news/{}", article.slug)>{marked(&article.title, &terms)}</a>
                                    " "<time datetime=vietnam_rfc3339(article.published_at)>{format_vietnam_date(article.published_at)}</time>
                                </li>
                            }).collect_view()}
                        </ul>
                        <a class="button button-ghost button-small" href=all data-testid="related-news-all">
                            {move || {
                                let (locale, t) = (i18n.locale(), i18n.t());
                                let count = if total > crate::domain::search::COUNT_CAP {
                                    format!("{}+", locale.format_count(crate::domain::search::COUNT_CAP))
                                } else {
                                    locale.format_count(total)
                                };
                                format!("{} {count} {}", t.search_articles_all, t.news_count_suffix)
                            }}
                        </a>
                    </section>
                }
                .into_any()
            })}
        </Suspense>
    }
}

/// An article in a list: cover, category, title, summary, date and reading time; the words of
/// a search (`terms`) are highlighted.
#[component]
pub fn ArticleCardView(
    article: ArticleCard,
    category: String,
    #[prop(optional)] terms: Vec<String>,
) -> impl IntoView {
    view! {
        <article class="card article-card">
            {article.cover_thumb.as_deref().map(|key| view! {
                <img class="card-thumb" src=ListingImage::media_url(key) alt="" loading="lazy" decoding="async" width="480" height="360"/>
            })}
            {(!category.is_empty()).then(|| view! { <p class="card-eyebrow"><span class="tag">{category}</span></p> })}
            <h3 class="card-title"><a class="card-link" href=format!("/news/{}", article.slug)>{marked(&article.title, &terms)}</a></h3>
            <p class="card-summary">{marked(&article.summary, &terms)}</p>
            <p class="card-meta">
                <time datetime=vietnam_rfc3339(article.published_at)>{format_vietnam_date(article.published_at)}</time>
                <span>{format!("{} ", article.reading_minutes)}{tr(|t| t.news_minutes_read)}</span>
            </p>
        </article>
    }
}

/// `/news/{slug}`.
pub struct ArticleRoute {
    article: Resource<Result<ArticleView, AppError>>,
}

impl PageRoute for ArticleRoute {
    fn data() -> Self {
        let params = use_params_map();
        let slug = Memo::new(move |_| params.read().get("slug").unwrap_or_default());
        Self {
            article: Resource::new(move || slug.get(), get_article),
        }
    }

    fn view(this: Self) -> AnyView {
        let article = this.article;
        view! {
            <Suspense fallback=move || view! { <p class="container page loading">{tr(|t| t.loading)}</p> }>
                {move || Suspend::new(async move {
                    match article.await {
                        Ok(article) => view! { <ArticlePage article preview=false/> }.into_any(),
                        Err(AppError::NotFound) => view! { <NotFoundPage/> }.into_any(),
                        Err(error) => view! { <div class="container page"><LoadError error/></div> }.into_any(),
                    }
                })}
            </Suspense>
        }
        .into_any()
    }
}

/// The JSON-LD `NewsArticle` of an article, safe inside a `<script>` element.
fn news_article_json(article: &ArticleView, origin: &str, site: &str) -> String {
    let url = format!("{origin}/news/{}", article.slug);
    let mut json = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "description": article.summary,
        "mainEntityOfPage": url,
        "articleSection": article.category.name_vi,
        "keywords": article.tags.iter().map(|t| t.label.as_str()).collect::<Vec<_>>().join(", "),
        "author": { "@type": "Person", "name": article.author_name },
        "publisher": { "@type": "Organization", "name": site },
        "dateModified": vietnam_rfc3339(article.updated_at),
    });
    if let Some(at) = article.published_at {
        json["datePublished"] = vietnam_rfc3339(at).into();
    }
    if let Some(key) = &article.cover_key {
        json["image"] = format!("{origin}{}", ListingImage::media_url(key)).into();
    }
    // `</script>` inside a string would end the element.
    json.to_string().replace('<', "\\u003c")
}

/// An article as readers see it; `preview` marks an editor's look at any state.
#[component]
pub fn ArticlePage(article: ArticleView, preview: bool) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.locale();
    let origin = site_origin();
    let path = format!("/news/{}", article.slug);
    let url = format!("{origin}{path}");
    let json_ld = news_article_json(&article, &origin, i18n.t().site_name);
    let cover_url = article
        .cover_key
        .as_deref()
        .map(|key| format!("{origin}{}", ListingImage::media_url(key)));
    let shown_at = article.published_at.unwrap_or(article.updated_at);
    let category_name = article.category.name(locale).to_owned();
    let share = encode_component(&url);
    let share_title = encode_component(&article.title);
    let related = article.related.clone();
    let (listings, stalls) = (article.listings.clone(), article.stalls.clone());
    let has_side = !listings.is_empty() || !stalls.is_empty();
    view! {
        <PageMeta title=article.title.clone() description=article.summary.clone() path kind="article"/>
        {cover_url.clone().map(|url| view! { <Meta property="og:image" content=url/> })}
        {article.published_at.map(|at| view! { <Meta property="article:published_time" content=vietnam_rfc3339(at)/> })}
        <script type="application/ld+json" inner_html=json_ld></script>
        <div class="container page article-page">
            {preview.then(|| view! { <p class="notice" role="status" data-testid="preview-banner">{tr(|t| t.news_preview_banner)}</p> })}
            <nav class="breadcrumb" aria-label=tr(|t| t.breadcrumb)>
                <a href="/">{tr(|t| t.nav_home)}</a>
                <span aria-hidden="true">" › "</span>
                <a href="/news">{tr(|t| t.nav_news)}</a>
                <span aria-hidden="true">" › "</span>
                <a href=format!("/news?category={}", article.category.slug)>{category_name.clone()}</a>
            </nav>
            <div class=if has_side { "article-layout" } else { "article-layout article-layout-single" }>
                <article class="article-main">
                    <p class="card-eyebrow"><span class="tag">{category_name}</span></p>
                    <h1 class="article-title">{article.title.clone()}</h1>
                    <p class="article-meta">
                        <span>{tr(|t| t.news_published)}" "<time datetime=vietnam_rfc3339(shown_at)>{format_vietnam_date(shown_at)}</time></span>
                        <span>{tr(|t| t.news_by)}" "<strong>{article.author_name.clone()}</strong></span>
                        <span>{format!("{} ", article.reading_minutes)}{tr(|t| t.news_minutes_read)}</span>
                    </p>
                    <p class="lead article-summary">{article.summary.clone()}</p>
                    {article.cover_key.as_deref().map(|key| view! {
                        <img class="article-cover" src=ListingImage::media_url(key) alt="" width="1200" height="675" decoding="async"/>
                    })}
                    <div class="prose article-body" inner_html=article.body_html.clone()></div>
                    {article.videos.iter().map(|video| view! {
                        <figure class="article-video" data-testid="article-video">
                            <VideoPlayer video=video.clone()/>
                            <figcaption><a href=format!("/videos/{}", video.slug)>{video.title.clone()}</a></figcaption>
                        </figure>
                    }).collect_view()}
                    {article.source_name.clone().map(|name| {
                        let link = article.source_url.clone();
                        view! {
                            <p class="article-source">{tr(|t| t.news_source)}": "
                                {match link {
                                    Some(href) => view! { <a href=href rel="nofollow noopener" target="_blank">{name}</a> }.into_any(),
                                    None => view! { <span>{name}</span> }.into_any(),
                                }}
                            </p>
                        }
                    })}
                    {(!article.tags.is_empty()).then(|| view! {
                        <p class="article-tags">
                            <span class="visually-hidden">{tr(|t| t.news_tags)}": "</span>
                            {article.tags.iter().map(|tag| view! {
                                <a class="chip" href=format!("/news?tag={}", tag.tag)>{format!("#{}", tag.label)}</a>
                            }).collect_view()}
                        </p>
                    })}
                    <p class="article-share">
                        <span>{tr(|t| t.news_share)}": "</span>
                        <a class="button button-ghost button-small" href=format!("https://www.facebook.com/sharer/sharer.php?u={share}")
                            rel="noopener" target="_blank">"Facebook"<span class="visually-hidden">{tr(|t| t.news_share_facebook)}</span></a>
                        <a class="button button-ghost button-small" href=format!("https://zalo.me/share?url={share}")
                            rel="noopener" target="_blank">"Zalo"<span class="visually-hidden">{tr(|t| t.news_share_zalo)}</span></a>
                        <a class="button button-ghost button-small" href=format!("mailto:?subject={share_title}&body={share}")>
                            "E-mail"<span class="visually-hidden">{tr(|t| t.news_share_email)}</span></a>
                    </p>
                </article>
                {has_side.then(|| view! {
                    <aside class="article-side">
                        {(!stalls.is_empty()).then(|| view! {
                            <section data-testid="article-stalls">
                                <h2 class="side-title">{tr(|t| t.news_stalls)}</h2>
                                <div class="card-stack">
                                    {stalls.into_iter().map(|stall| view! { <StallCardView stall/> }).collect_view()}
                                </div>
                            </section>
                        })}
                        {(!listings.is_empty()).then(|| view! {
                            <section data-testid="article-listings">
                                <h2 class="side-title">{tr(|t| t.news_listings)}</h2>
                                <div class="card-stack">
                                    {listings.into_iter().map(|listing| view! { <ListingCardView listing/> }).collect_view()}
                                </div>
                            </section>
                        })}
                    </aside>
                })}
            </div>
            {(!related.is_empty()).then(|| view! {
                <section class="home-section" data-testid="related-articles">
                    <h2>{tr(|t| t.news_related)}</h2>
                    <div class="card-grid news-grid">
                        {related.into_iter().map(|article| view! { <ArticleCardView article category=String::new()/> }).collect_view()}
                    </div>
                </section>
            })}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_ld_cannot_end_its_script_element() {
        let article = ArticleView {
            id: 1,
            slug: "a".into(),
            title: "</script><script>alert(1)</script>".into(),
            summary: String::new(),
            body_html: String::new(),
            category: crate::model::ArticleCategory {
                slug: "su-kien".into(),
                name_vi: "Sự kiện".into(),
                name_en: "Events".into(),
            },
            tags: vec![],
            author_name: "A".into(),
            source_name: None,
            source_url: None,
            cover_key: Some("articles/1/c.webp".into()),
            status: "published".into(),
            published_at: Some(0),
            publish_at: None,
            updated_at: 0,
            reading_minutes: 1,
            listings: vec![],
            stalls: vec![],
            related: vec![],
            videos: vec![],
        };
        let json = news_article_json(&article, "https://techx.vn", "techx");
        assert!(!json.contains("</script"));
        let parsed: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(parsed["headline"], article.title);
        assert_eq!(parsed["@type"], "NewsArticle");
        assert_eq!(parsed["datePublished"], "1970-01-01T07:00:00+07:00");
        assert_eq!(parsed["image"], "https://techx.vn/media/articles/1/c.webp");
    }
}
