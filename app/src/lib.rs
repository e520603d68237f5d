//! Daydream's user interface: the HTML shell, the route table, every page and the `#[server]`
//! functions. Compiled twice: natively with `ssr` (server rendering) and to WASM with `hydrate`.
//! Pages are server components; only the `#[island]`s (the parts a person interacts with) are
//! hydrated in the browser, so only they and what they call reach the WASM.
// Leptos views are nested types; the cart and checkout pages go deeper than the default 128.
#![recursion_limit = "256"]

pub mod accounts;
pub mod admin;
pub mod cart;
pub mod catalog;
pub mod checkout;
pub mod contact;
pub mod error;
#[cfg(feature = "ssr")]
mod error_conversions;
pub mod home;
pub mod orders;
pub mod pages;
pub mod projects;
#[cfg(feature = "ssr")]
pub mod server_context;
pub mod site;
pub mod studio;
pub mod ui;
pub mod waitlist;

use leptos::prelude::*;
use leptos_meta::{HashedStylesheet, MetaTags, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{SsrMode, path};

pub use error::AppError;

/// The HTML document around every page (rendered on the server only).
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    set_page_csp();
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="theme-color" content="#4f46e5" />
                <AutoReload options=options.clone() />
                <HydrationScripts options=options.clone() islands=true />
                <HashedStylesheet options id="leptos" />
                <link rel="icon" type="image/svg+xml" href="/favicon.svg" />
                <MetaTags />
            </head>
            <body class="min-h-screen bg-stone-50 text-stone-900 antialiased">
                <App />
            </body>
        </html>
    }
}

/// The application: layout and routes.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let carried_error = ui::carried_error::provide_carried_error();
    view! {
        {carried_error}
        <Router>
            <ui::layout::Layout>
                <Routes fallback=pages::not_found::NotFound>
                    <Route path=path!("/") view=home::HomePage ssr=SsrMode::Async />
                    <Route path=path!("/products") view=catalog::listing_page::ProductsPage ssr=SsrMode::Async />
                    <Route path=path!("/products/:slug") view=catalog::product_page::ProductPage ssr=SsrMode::Async />
                    <Route path=path!("/categories/:slug") view=catalog::listing_page::CategoryPage ssr=SsrMode::Async />
                    <Route path=path!("/brands/:slug") view=catalog::listing_page::BrandPage ssr=SsrMode::Async />
                    <Route path=path!("/cart") view=cart::page::CartPage ssr=SsrMode::Async />
                    <Route path=path!("/checkout") view=checkout::page::CheckoutPage ssr=SsrMode::Async />
                    <Route path=path!("/checkout/review") view=checkout::review_page::ReviewPage ssr=SsrMode::Async />
                    <Route path=path!("/orders") view=orders::pages::OrdersPage ssr=SsrMode::Async />
                    <Route path=path!("/orders/:number") view=orders::pages::OrderPage ssr=SsrMode::Async />
                    <Route
                        path=path!("/account/notifications")
                        view=accounts::notifications::NotificationsPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/signup") view=accounts::pages::SignupPage />
                    <Route path=path!("/login") view=accounts::pages::LoginPage />
                    <Route path=path!("/logout") view=accounts::pages::LogoutPage />
                    <Route path=path!("/verify-email") view=accounts::pages::VerifyEmailPage />
                    <Route path=path!("/forgot-password") view=accounts::pages::ForgotPasswordPage />
                    <Route
                        path=path!("/reset-password")
                        view=accounts::pages::ResetPasswordPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/verify-email/resend")
                        view=accounts::pages::ResendVerificationPage
                    />
                    <Route
                        path=path!("/account/cancel-email-change")
                        view=accounts::pages::CancelEmailChangePage
                    />
                    <Route
                        path=path!("/account")
                        view=accounts::profile_pages::AccountPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/account/wishlist")
                        view=catalog::wishlist::WishlistPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/account/preferences")
                        view=accounts::profile_pages::PreferencesPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/account/addresses")
                        view=accounts::address_pages::AddressesPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/account/addresses/new")
                        view=accounts::address_pages::NewAddressPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/account/addresses/:id")
                        view=accounts::address_pages::EditAddressPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/admin") view=admin::home::AdminHomePage ssr=SsrMode::Async />
                    <Route path=path!("/admin/mail") view=admin::mail::MailboxPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/orders") view=admin::orders::pages::OrdersPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/orders/:number") view=admin::orders::pages::OrderPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/coupons") view=admin::checkout::coupons::CouponsPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/coupons/:id") view=admin::checkout::coupons::CouponPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/shipping") view=admin::checkout::shipping::ShippingPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/shipping/:id") view=admin::checkout::shipping::ShippingMethodPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/jobs") view=admin::jobs::JobsPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/studio-jobs") view=admin::studio_jobs::StudioJobsPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/styles") view=admin::styles::pages::StylesAdminPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/styles/:id") view=admin::styles::pages::StyleEditorPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/audit") view=admin::audit::AuditPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/reviews") view=admin::reviews::pages::ReviewsPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/products") view=admin::products::list::ProductsPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/categories") view=admin::taxonomy::categories::CategoriesPage ssr=SsrMode::Async />
                    <Route
                        path=path!("/admin/categories/:id")
                        view=|| view! { <admin::taxonomy::editor::NamedEditorPage kind=admin::taxonomy::api::Taxon::Category /> }
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/admin/brands") view=admin::taxonomy::brands::BrandsPage ssr=SsrMode::Async />
                    <Route
                        path=path!("/admin/brands/:id")
                        view=|| view! { <admin::taxonomy::editor::NamedEditorPage kind=admin::taxonomy::api::Taxon::Brand /> }
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/admin/imports/:id") view=admin::products::imports::ImportPage ssr=SsrMode::Async />
                    <Route
                        path=path!("/admin/products/:id")
                        view=admin::products::editor::ProductEditorPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/admin/customers")
                        view=admin::customers::CustomersPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/contact") view=contact::page::ContactPage ssr=SsrMode::Async />
                    <Route path=path!("/waitlist") view=waitlist::page::WaitlistPage ssr=SsrMode::Async />
                    <Route path=path!("/waitlist/confirm/:token") view=waitlist::page::WaitlistConfirmPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/projects") view=admin::projects::overview::ProjectsAdminPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/projects/new") view=admin::projects::editor::ProjectEditorPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/projects/clients/:id") view=admin::projects::client_page::ClientAdminPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/projects/tasks/:id") view=admin::projects::task_page::TaskAdminPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/projects/:id") view=admin::projects::editor::ProjectEditorPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/messages") view=admin::messages::MessagesPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/messages/:id") view=admin::messages::MessagePage ssr=SsrMode::Async />
                    <Route path=path!("/admin/waitlist") view=admin::waitlist::WaitlistAdminPage ssr=SsrMode::Async />
                    <Route path=path!("/dashboard") view=projects::dashboard_page::DashboardPage ssr=SsrMode::Async />
                    <Route path=path!("/dashboard/projects/:id") view=projects::project_page::ProjectPage ssr=SsrMode::Async />
                    <Route path=path!("/dashboard/people") view=projects::people_page::PeoplePage ssr=SsrMode::Async />
                    <Route path=path!("/dashboard/join/:token") view=projects::people_page::JoinPage ssr=SsrMode::Async />
                    <Route path=path!("/studio") view=studio::home_page::StudioPage ssr=SsrMode::Async />
                    <Route path=path!("/studio/styles") view=studio::styles_pages::StylesPage ssr=SsrMode::Async />
                    <Route path=path!("/studio/styles/:slug") view=studio::styles_pages::StylePage ssr=SsrMode::Async />
                    <Route path=path!("/studio/images/:id") view=studio::photo_page::PhotoPage ssr=SsrMode::Async />
                    <Route path=path!("/studio/jobs/:id") view=studio::job_page::JobPage ssr=SsrMode::Async />
                    <Route path=path!("/studio/gallery") view=studio::gallery_page::GalleryPage ssr=SsrMode::Async />
                    <Route path=path!("/studio/showcase") view=studio::showcase_pages::ShowcasePage ssr=SsrMode::Async />
                    <Route path=path!("/studio/showcase/:id") view=studio::showcase_pages::ShowcaseItemPage ssr=SsrMode::Async />
                    <Route
                        path=path!("/admin/mail/:id")
                        view=admin::mail::MailMessagePage
                        ssr=SsrMode::Async
                    />
                </Routes>
            </ui::layout::Layout>
        </Router>
    }
}

/// Sends this page's Content-Security-Policy: scripts only from our origin or carrying this
/// response's nonce (Leptos puts it on its hydration script).
#[cfg(feature = "ssr")]
fn set_page_csp() {
    let (Some(nonce), Some(response)) = (
        leptos::nonce::use_nonce(),
        use_context::<leptos_axum::ResponseOptions>(),
    ) else {
        return;
    };
    let policy = format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; \
         font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; \
         frame-ancestors 'none'"
    );
    if let Ok(value) = http::HeaderValue::from_str(&policy) {
        response.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
    }
}
