//! The studio's islands on its pages: rendered here and hydrated by the studio's WASM package
//! (`<PackageScript>`), never the shopper's. The browser's build of the app never renders
//! pages, so there these are empty.

use leptos::prelude::*;

/// The upload form's preview and progress bar.
#[cfg(feature = "ssr")]
pub fn upload_helper() -> impl IntoView + use<> {
    use crate::ui::package_script::{Package, PackageScript};
    view! {
        <studio_islands::UploadHelper />
        <PackageScript package=Package::Studio />
    }
}

/// The upload form's preview and progress bar.
#[cfg(not(feature = "ssr"))]
pub fn upload_helper() -> impl IntoView + use<> {}

/// Live progress of job `id`.
#[cfg(feature = "ssr")]
pub fn job_progress(id: String) -> impl IntoView + use<> {
    use crate::ui::package_script::{Package, PackageScript};
    view! {
        <studio_islands::JobProgress id=id />
        <PackageScript package=Package::Studio />
    }
}

/// Live progress of job `id`.
#[cfg(not(feature = "ssr"))]
pub fn job_progress(id: String) -> impl IntoView + use<> {
    let _ = id;
}

/// The before/after comparison of a result; the page adds [`studio_package`] once.
#[cfg(feature = "ssr")]
pub fn compare_slider(
    before: String,
    after: String,
    size: (i32, i32),
    alt: String,
) -> impl IntoView + use<> {
    view! {
        <studio_islands::CompareSlider before=before after=after width=size.0 height=size.1 alt=alt />
    }
}

/// The studio's package, once per page, for islands rendered without it.
pub fn studio_package() -> impl IntoView + use<> {
    use crate::ui::package_script::{Package, PackageScript};
    view! { <PackageScript package=Package::Studio /> }
}

/// The before/after comparison of a result; the page adds [`studio_package`] once.
#[cfg(not(feature = "ssr"))]
pub fn compare_slider(
    before: String,
    after: String,
    size: (i32, i32),
    alt: String,
) -> impl IntoView + use<> {
    let _ = (before, after, size, alt);
}
