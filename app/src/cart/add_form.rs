//! The add-to-cart forms: the product page's (the chosen variant and a quantity, shown by the
//! variant picker's island) and a listing tile's (one of a product's only variant). Without JavaScript they post and come back to the
//! same page with a confirmation next to the form that posted; with it they are islands that
//! add in place and tell the header to count again.

use leptos::prelude::*;

use super::api::AddToCart;
use crate::error::AppError;

/// `path` with the query `search` (as in the address bar, `?…` or empty) minus any `added`
/// parameter, plus `added=<sku>`: the page comes back saying which form added.
pub fn return_path(path: &str, search: &str, sku: &str) -> String {
    let mut pairs: Vec<&str> = search
        .trim_start_matches('?')
        .split('&')
        .filter(|p| !p.is_empty() && *p != "added" && !p.starts_with("added="))
        .collect();
    let added = format!("added={}", crate::ui::url::encode_component(sku));
    pairs.push(&added);
    format!("{path}?{}", pairs.join("&"))
}

/// What an add form for one SKU learns from the request, on the server: where a plain post
/// comes back to, whether the page came back from this form's add, and the refused add's
/// message if it was this SKU's (every add form on a page reads the same carried error).
pub struct FromRequest {
    pub next: String,
    pub added: bool,
    pub error: Option<String>,
}

/// Reads [`FromRequest`] for `sku` (and sets a refused add's 4xx status on the response).
pub fn from_request(sku: &str) -> FromRequest {
    let location = leptos_router::hooks::use_location();
    let query = leptos_router::hooks::use_query_map();
    let carried = crate::ui::form::action_error(ServerAction::<AddToCart>::new().value());
    let error = carried
        .get_untracked()
        .filter(|e| e.typed::<String>().is_none_or(|s| s == sku))
        .map(|e| describe(&e));
    FromRequest {
        next: return_path(
            &location.pathname.get_untracked(),
            &location.search.get_untracked(),
            sku,
        ),
        added: query.read_untracked().get("added").as_deref() == Some(sku),
        error,
    }
}

/// An add's refusal as the form shows it.
fn describe(e: &AppError) -> String {
    e.field_message("quantity")
        .map_or_else(|| e.to_string(), str::to_owned)
}

/// Inside an island: the add action, its message (the server's until the first add here) and
/// whether the last add went through; a successful add tells the header to count again.
fn live_add(
    added: bool,
    error: Option<String>,
) -> (
    ServerAction<AddToCart>,
    impl Fn() -> Option<String> + Send + Sync + 'static,
    ReadSignal<bool>,
) {
    let add = ServerAction::<AddToCart>::new();
    let (done, set_done) = signal(added);
    Effect::new(move |_| match add.value().get() {
        Some(Ok(())) => {
            set_done.set(true);
            crate::ui::header_counts::announce_counts_changed();
        }
        Some(Err(_)) => set_done.set(false),
        None => {}
    });
    let message = move || {
        if add.version().get() == 0 {
            error.clone()
        } else {
            add.value()
                .get()
                .and_then(Result::err)
                .map(|e| describe(&e))
        }
    };
    (add, message, done)
}

/// The product page's add form for variant `sku`, live (the variant picker rewrites its `sku`
/// input when another variant is picked).
#[island]
pub fn AddToCartIsland(
    sku: String,
    next: String,
    added: bool,
    error: Option<String>,
) -> impl IntoView {
    let (add, message, done) = live_add(added, error);
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
        <Show when=move || done.get()>
            <p role="status" class="mt-2 text-sm text-green-800" data-testid="added">
                "Added to your cart. " <a href="/cart" class="font-medium text-indigo-700">"View cart →"</a>
            </p>
        </Show>
    }
}

/// A listing tile's "Add to cart": one of the product's only variant `sku`.
#[component]
pub fn QuickAddButton(sku: String, name: String) -> impl IntoView {
    let FromRequest { next, added, error } = from_request(&sku);
    view! { <QuickAddIsland sku name next added error /> }
}

/// A listing tile's add form, live.
#[island]
fn QuickAddIsland(
    sku: String,
    name: String,
    next: String,
    added: bool,
    error: Option<String>,
) -> impl IntoView {
    let (add, message, done) = live_add(added, error);
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
        <Show when=move || done.get()>
            <p role="status" class="text-xs text-green-800" data-testid="added">
                "Added. " <a href="/cart" class="font-medium text-indigo-700">"View cart →"</a>
            </p>
        </Show>
    }
}
