//! The add-to-cart form of the product page: the chosen variant's SKU and a quantity. Without
//! JavaScript it posts and comes back to the product page with a confirmation; with it, the
//! same happens in place and the header's count follows.

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_query_map};

use super::api::AddToCart;
use crate::ui::form::action_error;

/// `path` with the query `search` (as in the address bar, `?…` or empty) minus any `added`
/// parameter, plus `added=1`.
fn return_path(path: &str, search: &str) -> String {
    let mut pairs: Vec<&str> = search
        .trim_start_matches('?')
        .split('&')
        .filter(|p| !p.is_empty() && *p != "added" && !p.starts_with("added="))
        .collect();
    pairs.push("added=1");
    format!("{path}?{}", pairs.join("&"))
}

/// Quantity and "Add to cart" for variant `sku` (`None`: nothing can be bought).
#[component]
pub fn AddToCartForm(sku: Option<String>, in_stock: bool) -> impl IntoView {
    let add = ServerAction::<AddToCart>::new();
    let error = action_error(add.value());
    let location = use_location();
    let query = use_query_map();
    let next = Memo::new(move |_| return_path(&location.pathname.get(), &location.search.get()));
    let added = move || query.read().get("added").is_some() && error.get().is_none();
    let message = move || {
        error.get().map(|e| {
            e.field_message("quantity")
                .map_or_else(|| e.to_string(), str::to_owned)
        })
    };
    let (Some(sku), true) = (sku, in_stock) else {
        return view! {
            <p class="mt-4 text-sm text-stone-600" data-testid="cannot-add">"This choice is sold out."</p>
        }
        .into_any();
    };
    view! {
        <ActionForm action=add attr:class="mt-4 flex flex-wrap items-end gap-3" attr:data-testid="add-to-cart">
            <input type="hidden" name="sku" value=sku />
            <input type="hidden" name="next" value=next />
            <div>
                <label for="quantity" class="block text-sm font-medium">"Quantity"</label>
                <input id="quantity" name="quantity" type="number" min="1" max="99" value="1"
                    aria-describedby="quantity-error"
                    class="w-20 rounded-md border border-stone-300 px-2 py-2" />
            </div>
            <button type="submit" class="rounded-md bg-indigo-600 px-5 py-2 font-medium text-white hover:bg-indigo-500">
                "Add to cart"
            </button>
            <p id="quantity-error" class="w-full text-sm text-red-700" role="alert" data-testid="quantity-error">{message}</p>
        </ActionForm>
        <Show when=added>
            <p role="status" class="mt-2 text-sm text-green-800" data-testid="added">
                "Added to your cart. " <a href="/cart" class="font-medium text-indigo-700">"View cart →"</a>
            </p>
        </Show>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::return_path;

    #[test]
    fn the_return_path_keeps_the_variant_and_marks_the_add_once() {
        assert_eq!(
            return_path("/products/tee", "?size=M&added=1"),
            "/products/tee?size=M&added=1"
        );
        assert_eq!(return_path("/products/tee", ""), "/products/tee?added=1");
        assert_eq!(
            return_path("/p", "?added&colour=Navy"),
            "/p?colour=Navy&added=1"
        );
    }
}
