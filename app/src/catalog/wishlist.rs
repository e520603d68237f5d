//! The wishlist button (on tiles and the product page: a plain form post, flipped in place by
//! `ui::in_place_form` when the WASM is there) and `/account/wishlist`.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use super::listing_page::ProductTile;
use super::wishlist_api::{AddToWishlist, RemoveFromWishlist, my_wishlist};
use crate::accounts::shell::AccountShell;
use crate::ui::loaded::{Loaded, load};
use crate::ui::seo::Seo;
use crate::ui::url::encode_component;

/// Save / saved toggle for one product. `saved` is `None` for anonymous visitors, who get a
/// link to sign in and come back.
#[component]
pub fn WishlistButton(slug: String, saved: Option<bool>) -> impl IntoView {
    let location = use_location();
    let here = format!(
        "{}{}",
        location.pathname.get_untracked(),
        location.search.get_untracked()
    );
    let Some(initial) = saved else {
        let href = format!("/login?next={}", encode_component(&here));
        return view! {
            <a href=href class="text-sm text-indigo-700" data-testid="wishlist-sign-in">"♡ Sign in to save"</a>
        }
        .into_any();
    };
    let add = ServerAction::<AddToWishlist>::new();
    let remove = ServerAction::<RemoveFromWishlist>::new();
    // Both forms, one hidden: with the WASM a success shows the other in place (`data-swap`,
    // see `ui::in_place_form`); without it the post comes back to this page.
    let (slug2, here2) = (slug.clone(), here.clone());
    view! {
        <div data-swap="">
            <ActionForm action=remove attr:data-in-place="" attr:hidden=!initial>
                <input type="hidden" name="slug" value=slug2 />
                <input type="hidden" name="next" value=here2 />
                <button type="submit" class="text-sm text-rose-700" data-testid="wishlist-remove">"♥ Saved"</button>
            </ActionForm>
            <ActionForm action=add attr:data-in-place="" attr:hidden=initial>
                <input type="hidden" name="slug" value=slug />
                <input type="hidden" name="next" value=here />
                <button type="submit" class="text-sm text-indigo-700" data-testid="wishlist-add">"♡ Save"</button>
            </ActionForm>
        </div>
    }
    .into_any()
}

/// `/account/wishlist`: the products the caller saved.
#[component]
pub fn WishlistPage() -> impl IntoView {
    let data = load(|| (), |_| my_wishlist());
    view! {
        <Seo title="Your wishlist" description="Products you saved." path="/account/wishlist" noindex=true />
        <Loaded load=data let:items>
            <AccountShell title="Your wishlist">
                {if items.is_empty() {
                    view! { <p class="text-stone-600" data-testid="wishlist-empty">"Nothing saved yet. Tap ♡ on any product to keep it here."</p> }.into_any()
                } else {
                    view! {
                        <ul class="grid grid-cols-2 gap-6 md:grid-cols-3" data-testid="wishlist">
                            {items.into_iter().map(|p| view! { <ProductTile product=p /> }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </AccountShell>
        </Loaded>
    }
}
