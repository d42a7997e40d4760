//! Route components, one per file. They render on the server only: what a page needs in the
//! browser is an island (`crate::islands`).

/// Declares `$route`: a member's page for the thing whose id is in the URL (`{id}`), loaded by
/// `$fetch(id)` and drawn by `$render` through [`member_view`] (visitors are asked to log in and
/// come back to `$next`). With `title`, the browser tab is named before the data arrives. The
/// calling module imports what the expansion names (`PageRoute`, `Title`, …).
macro_rules! member_route {
    ($(#[$doc:meta])* $route:ident: $data:ty = $fetch:path, next $next:expr, $render:expr) => {
        member_route!(@define $(#[$doc])* $route, $data, $fetch, |this: $route| {
            super::member_view(this.data, $next, $render)
        });
    };
    ($(#[$doc:meta])* $route:ident: $data:ty = $fetch:path, title $title:expr, next $next:expr, $render:expr) => {
        member_route!(@define $(#[$doc])* $route, $data, $fetch, |this: $route| {
            view! {
                <Title text=tr($title)/>
                {super::member_view(this.data, $next, $render)}
            }
            .into_any()
        });
    };
    (@define $(#[$doc:meta])* $route:ident, $data:ty, $fetch:path, $view:expr) => {
        $(#[$doc])*
        pub struct $route {
            data: Resource<Result<$data, AppError>>,
        }

        impl PageRoute for $route {
            fn data() -> Self {
                let id = super::use_id_param();
                Self {
                    data: Resource::new(move || id.get(), $fetch),
                }
            }

            fn view(this: Self) -> AnyView {
                let view: fn($route) -> AnyView = $view;
                view(this)
            }
        }
    };
}

pub mod account_pages;
pub mod admin_page;
pub mod admin_users_page;
pub mod alerts_page;
pub mod auction_editor_page;
pub mod auction_page;
pub mod auctions_page;
pub mod booths_page;
pub mod browse_page;
pub mod calls_page;
pub mod connect_page;
pub mod editor_page;
pub mod events_page;
pub mod home_page;
pub mod inbox_page;
pub mod incubator_page;
pub mod introductions_page;
pub mod listing_images_page;
pub mod listing_page;
pub mod listings_page;
pub mod mentors_page;
pub mod moderation_page;
pub mod my_account_page;
pub mod news_page;
pub mod not_found_page;
pub mod notifications_page;
pub mod offline_page;
pub mod own_listings_page;
pub mod own_stalls_page;
pub mod own_startups_page;
pub mod search_page;
pub mod stall_figures_page;
pub mod stall_page;
pub mod stall_pictures_page;
pub mod stall_team_page;
pub mod stalls_page;
pub mod startup_intros_page;
pub mod startups_page;
pub mod statistics_page;
pub mod synonyms_page;
pub mod tickets_page;
pub mod videos_page;

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::components::pagination::Pagination;
use crate::error::AppError;
use crate::i18n::tr;
use crate::model::Page;

/// A page that starts loading its data before it builds its view: `data()` asks for what the
/// page shows (read on the server, never serialised into the page), `view()` draws it.
pub trait PageRoute: Sized {
    /// Starts the page's loads.
    fn data() -> Self;
    /// The page, drawn from what `data()` started.
    fn view(this: Self) -> AnyView;
    /// The route's view: the data, then the page.
    fn page() -> AnyView {
        Self::view(Self::data())
    }
}

/// The `page` query parameter, 1 when absent or malformed.
pub fn use_page_param() -> Memo<u32> {
    let query = use_query_map();
    Memo::new(move |_| {
        query
            .read()
            .get("page")
            .and_then(|p| p.parse().ok())
            .unwrap_or(1)
    })
}

/// The `{id}` in the URL; 0 (which finds nothing) when it is missing or not a number.
pub fn use_id_param() -> Memo<i64> {
    let params = leptos_router::hooks::use_params_map();
    Memo::new(move |_| {
        params
            .read()
            .get("id")
            .and_then(|id| id.parse().ok())
            .unwrap_or(0)
    })
}

/// A translated message where a list could not be loaded; the page answers with the error's
/// status (a 5xx when the database failed), so neither a cache nor a crawler keeps it.
#[component]
pub fn LoadError(error: AppError) -> impl IntoView {
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(error.status_code());
    }
    let message = crate::error_message(&error);
    view! { <p class="notice notice-error" role="alert">{message}</p> }
}

/// A centred "nothing here" note.
#[component]
pub fn Empty() -> impl IntoView {
    view! { <p class="empty">{crate::i18n::tr(|t| t.nothing_yet)}</p> }
}

/// One page of cards with links to the other pages (`base` plus `page=`), "nothing here" when
/// it is empty, or why it could not be loaded.
pub fn card_page<T, V>(
    result: Result<Page<T>, AppError>,
    base: String,
    grid_class: &str,
    card: impl Fn(T) -> V,
) -> AnyView
where
    V: IntoView + 'static,
{
    match result {
        Ok(result) if result.items.is_empty() => view! { <Empty/> }.into_any(),
        Ok(result) => {
            let (page, page_count) = (result.page, result.page_count());
            view! {
                <div class=format!("card-grid {grid_class}")>
                    {result.items.into_iter().map(card).collect_view()}
                </div>
                <Pagination base page page_count/>
            }
            .into_any()
        }
        Err(error) => view! { <LoadError error/> }.into_any(),
    }
}

/// The body of a member's page once its data loads: `render(data)`; a "log in" box for visitors
/// (coming back to `next` afterwards), "not found" for an id that is not theirs, the error
/// otherwise.
pub fn member_view<T, V>(
    data: Resource<Result<T, AppError>>,
    next: &'static str,
    render: fn(T) -> V,
) -> AnyView
where
    T: Clone + Send + Sync + Serialize + DeserializeOwned + 'static,
    V: IntoView + 'static,
{
    use my_account_page::LoginRequired;
    use not_found_page::NotFoundPage;
    view! {
        <Suspense fallback=move || view! { <p class="container page loading">{tr(|t| t.loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(value) => render(value).into_any(),
                    Err(AppError::Unauthorized) => view! { <LoginRequired next/> }.into_any(),
                    Err(AppError::NotFound | AppError::BadRequest(_)) => view! { <NotFoundPage/> }.into_any(),
                    Err(error) => view! { <div class="container page"><LoadError error/></div> }.into_any(),
                }
            })}
        </Suspense>
    }
    .into_any()
}
