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
