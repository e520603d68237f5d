//! The styling studio's pages: a person's photos and uploads (`/studio`, `/studio/images/{id}`),
//! their styling jobs (`/studio/jobs/{id}`), their results (`/studio/gallery`), the public
//! showcase (`/studio/showcase`), and the style catalog (`/studio/styles`,
//! `/studio/styles/{slug}`). Server components: nothing here ships WASM to the shopper; the
//! upload helper and live progress are islands of the studio's own package (`islands`).

pub mod gallery_page;
pub mod home_page;
mod islands;
pub mod job_page;
pub mod jobs_api;
pub mod params_choice;
pub mod photo_page;
pub mod photos_api;
pub mod result_panel;
pub mod results_api;
pub mod showcase_api;
pub mod showcase_pages;
pub mod styles_api;
pub mod styles_pages;
pub mod view;
