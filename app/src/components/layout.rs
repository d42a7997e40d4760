use leptos::prelude::*;

use super::header::Header;
use crate::i18n::tr;

/// Header, main content and footer around every page.
#[component]
pub fn Layout(children: Children) -> impl IntoView {
    view! {
        <a class="skip-link" href="#main">{tr(|t| t.skip_to_content)}</a>
        <Header/>
        <main id="main" class="main">{children()}</main>
        <Footer/>
    }
}

/// Site footer: what the exchange is and how to reach it.
#[component]
fn Footer() -> impl IntoView {
    view! {
        <footer class="site-footer">
            <div class="container footer-grid">
                <div>
                    <p class="footer-brand">{tr(|t| t.site_name)}</p>
                    <p>{tr(|t| t.footer_about)}</p>
                </div>
                <div>
                    <p class="footer-heading">{tr(|t| t.footer_contact)}</p>
                    <p>{tr(|t| t.footer_address)}</p>
                    <p><a href="mailto:lienhe@techx.vn">"lienhe@techx.vn"</a>" · "<a href="tel:+842923000000">"0292 3000 000"</a></p>
                </div>
            </div>
            <div class="container footer-legal">{tr(|t| t.footer_rights)}</div>
        </footer>
    }
}
