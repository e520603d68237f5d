//! The add-to-cart forms: the product page's (the chosen variant and a quantity) and a listing
//! tile's (one of a product's only variant). Without JavaScript they post and come back to the
//! same page with a confirmation next to the form that posted; with it, the same happens in
//! place and the header's count follows.

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_query_map};

use super::api::AddToCart;
use crate::error::AppError;
use crate::ui::form::action_error;

/// `path` with the query `search` (as in the address bar, `?…` or empty) minus any `added`
/// parameter, plus `added=<sku>`: the page comes back saying which form added.
fn return_path(path: &str, search: &str, sku: &str) -> String {
    let mut pairs: Vec<&str> = search
        .trim_start_matches('?')
        .split('&')
        .filter(|p| !p.is_empty() && *p != "added" && !p.starts_with("added="))
        .collect();
    let added = format!("added={}", crate::ui::url::encode_component(sku));
    pairs.push(&added);
    format!("{path}?{}", pairs.join("&"))
}

/// What an add-to-cart form for one SKU needs: its action, its error message (the last add's,
/// if it was for this SKU: every add form on a page reads the same error back from the URL
/// after a no-JS post), where to come back to, and whether the page came back from its add.
struct AddForm<M, A> {
    add: ServerAction<AddToCart>,
    message: M,
    next: Memo<String>,
    added: A,
}

/// The pieces of the add form for `sku`.
fn add_form(
    sku: String,
) -> AddForm<
    impl Fn() -> Option<String> + Send + Sync + 'static,
    impl Fn() -> bool + Send + Sync + 'static,
> {
    let add = ServerAction::<AddToCart>::new();
    let error: Signal<Option<AppError>> = action_error(add.value());
    let location = use_location();
    let query = use_query_map();
    let (mine, back, done) = (sku.clone(), sku.clone(), sku);
    AddForm {
        add,
        message: move || {
            error
                .get()
                .filter(|e| e.typed::<String>().is_none_or(|s| s == mine))
                .map(|e| {
                    e.field_message("quantity")
                        .map_or_else(|| e.to_string(), str::to_owned)
                })
        },
        next: Memo::new(move |_| {
            return_path(&location.pathname.get(), &location.search.get(), &back)
        }),
        added: move || query.read().get("added").as_deref() == Some(done.as_str()),
    }
}

/// Quantity and "Add to cart" for variant `sku` (`None`: nothing can be bought).
#[component]
pub fn AddToCartForm(sku: Option<String>, in_stock: bool) -> impl IntoView {
    let (Some(sku), true) = (sku, in_stock) else {
        return view! {
            <p class="mt-4 text-sm text-stone-600" data-testid="cannot-add">"This choice is sold out."</p>
        }
        .into_any();
    };
    let AddForm {
        add,
        message,
        next,
        added,
    } = add_form(sku.clone());
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

/// A listing tile's "Add to cart": one of the product's only variant `sku`.
#[component]
pub fn QuickAddButton(sku: String, name: String) -> impl IntoView {
    let AddForm {
        add,
        message,
        next,
        added,
    } = add_form(sku.clone());
    let label = format!("Add {name} to cart");
    view! {
        <ActionForm action=add attr:class="mt-2" attr:data-testid="quick-add">
            <input type="hidden" name="sku" value=sku />
            <input type="hidden" name="next" value=next />
            <button type="submit" aria-label=label
                class="rounded-md border border-indigo-600 px-3 py-1 text-sm font-medium text-indigo-700 hover:bg-indigo-50">
                "Add to cart"
            </button>
            <p class="text-xs text-red-700" role="alert" data-testid="quick-add-error">{message}</p>
        </ActionForm>
        <Show when=added>
            <p role="status" class="text-xs text-green-800" data-testid="added">
                "Added. " <a href="/cart" class="font-medium text-indigo-700">"View cart →"</a>
            </p>
        </Show>
    }
}

#[cfg(test)]
mod tests {
    use super::return_path;

    #[test]
    fn the_return_path_keeps_the_variant_and_marks_the_add_once() {
        assert_eq!(
            return_path("/products/tee", "?size=M&added=TEE-M", "TEE-L"),
            "/products/tee?size=M&added=TEE-L"
        );
        assert_eq!(
            return_path("/products/tee", "", "TEE-M"),
            "/products/tee?added=TEE-M"
        );
        assert_eq!(
            return_path("/p", "?added&colour=Navy", "A B&C"),
            "/p?colour=Navy&added=A%20B%26C"
        );
    }
}
