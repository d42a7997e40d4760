//! Every page is a lazy route: its view is compiled into its own wasm chunk, which the browser
//! fetches for the pages it visits (the server names the chunks a page needs in its `<head>`), so
//! the bundle every visitor downloads first holds only the shell, the router and the header.
//!
//! These wrap pages whose data is loaded inside their view; pages with a `data()` half of their
//! own (listing, stall) live with their views.

use leptos::prelude::*;
use leptos_router::{LazyRoute, lazy_route};

/// Declares `$route`, a lazy route rendering the component `$page`.
macro_rules! lazy_page {
    ($(#[$doc:meta])* $route:ident => $page:path) => {
        $(#[$doc])*
        pub struct $route;

        #[lazy_route]
        impl LazyRoute for $route {
            fn data() -> Self {
                Self
            }

            fn view(_this: Self) -> AnyView {
                view! { <$page/> }.into_any()
            }
        }
    };
}

lazy_page!(
    /// `/`
    HomeRoute => super::home_page::HomePage
);
lazy_page!(
    /// `/stalls`
    StallsRoute => super::stalls_page::StallsPage
);
lazy_page!(
    /// `/offers`
    OffersRoute => super::listings_page::OffersPage
);
lazy_page!(
    /// `/requests`
    RequestsRoute => super::listings_page::RequestsPage
);
lazy_page!(
    /// `/auctions`
    AuctionsRoute => super::auctions_page::AuctionsPage
);
lazy_page!(
    /// `/search`
    SearchRoute => super::search_page::SearchPage
);
lazy_page!(
    /// `/login`
    LoginRoute => super::account_pages::LoginPage
);
lazy_page!(
    /// `/register`
    RegisterRoute => super::account_pages::RegisterPage
);
lazy_page!(
    /// `/forgot-password`
    ForgotPasswordRoute => super::account_pages::ForgotPasswordPage
);
lazy_page!(
    /// `/reset-password`
    ResetPasswordRoute => super::account_pages::ResetPasswordPage
);
