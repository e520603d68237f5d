//! The wishlist button (on tiles and the product page) and `/account/wishlist`.

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
    // Follows the last answered action, so the button flips in place with JavaScript.
    let is_saved = Memo::new(move |_| {
        let added = add.version().get();
        let removed = remove.version().get();
        match (add.value().get(), remove.value().get()) {
            _ if added == 0 && removed == 0 => initial,
            (Some(Ok(())), _) if added >= removed => true,
            (_, Some(Ok(()))) => false,
            _ => initial,
        }
    });
    view! {
        {move || {
            let (slug, here) = (slug.clone(), here.clone());
            if is_saved.get() {
                view! {
                    <ActionForm action=remove>
                        <input type="hidden" name="slug" value=slug />
                        <input type="hidden" name="next" value=here />
                        <button type="submit" class="text-sm text-rose-700" data-testid="wishlist-remove">"♥ Saved"</button>
                    </ActionForm>
                }
                    .into_any()
            } else {
                view! {
                    <ActionForm action=add>
                        <input type="hidden" name="slug" value=slug />
                        <input type="hidden" name="next" value=here />
                        <button type="submit" class="text-sm text-indigo-700" data-testid="wishlist-add">"♡ Save"</button>
                    </ActionForm>
                }
                    .into_any()
            }
        }}
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
