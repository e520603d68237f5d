//! Images on pages: `ImageView` (the files of one stored image) and `ResponsiveImage`, a
//! `<picture>` offering WebP and JPEG copies by width (`srcset`/`sizes`), with its width and
//! height set so nothing shifts while it loads, and lazy loading unless it is the page's main
//! image.

use leptos::either::Either;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One stored image as a page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImageView {
    /// The fallback source (a mid-sized JPEG, or the master until the copies exist).
    pub src: String,
    /// `url 150w, url 600w, ...` of the WebP copies (empty until they exist).
    pub srcset_webp: String,
    /// The same for the JPEG copies.
    pub srcset_jpeg: String,
    pub width: i32,
    pub height: i32,
    pub alt: String,
}

#[cfg(feature = "ssr")]
impl From<&domain::media::ImageRef> for ImageView {
    fn from(image: &domain::media::ImageRef) -> Self {
        let widths = &image.variant_widths;
        let set = |ext: &str| {
            widths
                .iter()
                .map(|w| format!("{} {w}w", image.variant_url(*w, ext)))
                .collect::<Vec<_>>()
                .join(", ")
        };
        // The 600 px copy is a good default; the largest made when the image is narrower.
        let fallback = widths
            .iter()
            .copied()
            .filter(|w| *w <= 600)
            .max()
            .or_else(|| widths.iter().copied().min());
        Self {
            src: fallback.map_or_else(|| image.original_url(), |w| image.variant_url(w, "jpg")),
            srcset_webp: set("webp"),
            srcset_jpeg: set("jpg"),
            width: image.width,
            height: image.height,
            alt: image.alt.clone(),
        }
    }
}

/// A responsive image. `sizes` tells the browser how wide it is drawn; `eager` for the one
/// image above the fold that should not wait.
#[component]
pub fn ResponsiveImage(
    image: ImageView,
    sizes: &'static str,
    #[prop(optional)] eager: bool,
    #[prop(optional)] class: &'static str,
) -> impl IntoView {
    let has_copies = !image.srcset_webp.is_empty();
    view! {
        <picture>
            {has_copies.then(|| view! { <source type="image/webp" srcset=image.srcset_webp.clone() sizes=sizes /> })}
            <img
                src=image.src.clone()
                srcset=has_copies.then(|| image.srcset_jpeg.clone())
                sizes=has_copies.then_some(sizes)
                width=image.width
                height=image.height
                alt=image.alt.clone()
                loading=if eager { "eager" } else { "lazy" }
                fetchpriority=eager.then_some("high")
                decoding="async"
                class=class
            />
        </picture>
    }
}

/// A product's picture, or the first letter of its name on a soft gradient until it has one.
/// `class` sizes and shapes both (e.g. `aspect-square w-full rounded-lg`).
#[component]
pub fn ProductPicture(
    image: Option<ImageView>,
    name: String,
    sizes: &'static str,
    class: &'static str,
    /// Tailwind text size of the initial shown while there is no picture.
    #[prop(default = "text-5xl")]
    letter: &'static str,
) -> impl IntoView {
    // `Either`, not `into_any`: this is drawn inside the cart's island, and `AnyView` brings
    // its async hydration code into the WASM.
    match image {
        Some(image) => Either::Left(view! {
            <ResponsiveImage image=image sizes=sizes class=class />
        }),
        None => {
            let initial = name.chars().next().unwrap_or('•').to_string();
            Either::Right(view! {
                <div class=format!("flex items-center justify-center bg-gradient-to-br from-stone-100 to-stone-200 font-bold text-stone-400 {letter} {class}") aria-hidden="true">
                    {initial}
                </div>
            })
        }
    }
}
