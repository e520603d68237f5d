//! `/cart`: the lines at current prices with quantity and remove forms, each line's stock
//! problem flagged, the coupon form, the totals and the way to checkout (an island).

use leptos::either::Either;
use leptos::prelude::*;

use super::api::{
    ApplyCoupon, CartLineView, CartView, HoldView, RemoveCartLine, RemoveCoupon, UpdateCartLine,
    my_cart,
};
use super::summary::TotalsTable;
use crate::catalog::money::format_price;
use crate::error::AppError;
use crate::ui::form::{FormError, action_error};
use crate::ui::image::ProductPicture;
use crate::ui::loaded::{Loaded, load};
use crate::ui::seo::Seo;
use crate::ui::time::When;

/// `/cart`.
#[component]
pub fn CartPage() -> impl IntoView {
    let data = load(|| (), |_| my_cart());
    view! {
        <Seo title="Your cart" description="The items in your cart." path="/cart" noindex=true />
        <h1 class="mb-6 text-2xl font-bold">"Your cart"</h1>
        <Loaded load=data let:cart>
            <CartContents initial=cart />
        </Loaded>
    }
}

/// The lines, the coupon and the totals, starting from the cart the server read with the page:
/// an island, so quantity changes, removals and coupons update the cart (and the header's
/// count) in place; without the WASM they are plain posts.
#[island]
fn CartContents(initial: CartView) -> impl IntoView {
    crate::ui::carried_error::adopt_in_island();
    let update = ServerAction::<UpdateCartLine>::new();
    let remove = ServerAction::<RemoveCartLine>::new();
    let apply = ServerAction::<ApplyCoupon>::new();
    let unapply = ServerAction::<RemoveCoupon>::new();
    let update_error = action_error(update.value());
    let coupon_error = action_error(apply.value());
    let cart = RwSignal::new(initial);
    // After each finished change: read the cart again, and tell the header when lines moved.
    Effect::new(move |seen: Option<(usize, usize)>| {
        let lines = update.version().get() + remove.version().get();
        let coupons = apply.version().get() + unapply.version().get();
        if let Some((seen_lines, seen_coupons)) = seen
            && (seen_lines, seen_coupons) != (lines, coupons)
        {
            leptos::task::spawn_local(async move {
                if let Ok(now) = my_cart().await {
                    cart.set(now);
                }
            });
            if seen_lines != lines {
                crate::ui::header_counts::announce_counts_changed();
            }
        }
        (lines, coupons)
    });
    move || {
        let cart = cart.get();
        // `Either`s rather than `into_any` in this island: `AnyView` brings its async hydration
        // code into the WASM.
        if cart.lines.is_empty() {
            Either::Left(view! { <EmptyCart /> })
        } else {
            Either::Right(
                view! { <FullCart cart=cart update=update remove=remove apply=apply unapply=unapply update_error=update_error coupon_error=coupon_error /> },
            )
        }
    }
}

/// A cart with lines.
#[component]
fn FullCart(
    cart: CartView,
    update: ServerAction<UpdateCartLine>,
    remove: ServerAction<RemoveCartLine>,
    apply: ServerAction<ApplyCoupon>,
    unapply: ServerAction<RemoveCoupon>,
    update_error: Signal<Option<AppError>>,
    coupon_error: Signal<Option<AppError>>,
) -> impl IntoView {
    let ready = cart.ready;
    let coupon_code = cart
        .coupon
        .as_ref()
        .filter(|c| c.refused.is_none())
        .map(|c| c.code.clone());
    view! {
        <div class="grid gap-8 lg:grid-cols-[1fr_20rem]">
            <section aria-label="Items">
                {match cart.hold.clone() {
                    HoldView::Expired(at) => Some(Either::Left(view! {
                        <p role="status" class="mb-4 rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900" data-testid="hold-expired">
                            "Your reservation ran out at " <When at=at /> ": these items are no longer held for you."
                        </p>
                    })),
                    HoldView::Until(at) => Some(Either::Right(view! {
                        <p class="mb-4 text-sm text-stone-600" data-testid="hold-until">
                            "Held for you until " <When at=at /> "."
                        </p>
                    })),
                    HoldView::None => None,
                }}
                <FormError error=update_error />
                <ul class="divide-y divide-stone-200 rounded-xl border border-stone-200 bg-white" data-testid="cart-lines">
                    {cart.lines.into_iter().map(|line| view! {
                        <CartLine line=line update=update remove=remove error=update_error />
                    }).collect_view()}
                </ul>
            </section>
            <aside class="h-fit rounded-xl border border-stone-200 bg-white p-6 shadow-sm" aria-label="Summary">
                <h2 class="mb-4 text-lg font-semibold">"Summary"</h2>
                <CouponBox coupon=cart.coupon.clone() apply=apply unapply=unapply error=coupon_error />
                <TotalsTable totals=cart.totals.clone() shipping_name=cart.shipping_name.clone().unwrap_or_default() coupon=coupon_code.unwrap_or_default() />
                <p class="mt-2 text-xs text-stone-500">
                    {format!("Tax shown for delivery to {}; the final amount follows your address.", crate::ui::countries::name(&cart.tax_country).unwrap_or(&cart.tax_country))}
                </p>
                {if ready {
                    Either::Left(view! {
                        <a href="/checkout" class="mt-6 block rounded-md bg-indigo-600 px-4 py-3 text-center font-medium text-white hover:bg-indigo-500" data-testid="to-checkout">
                            "Check out"
                        </a>
                    })
                } else {
                    Either::Right(view! {
                        <p class="mt-6 rounded-md bg-stone-100 p-3 text-sm text-stone-700" data-testid="not-ready">
                            "Fix the marked items to check out."
                        </p>
                    })
                }}
            </aside>
        </div>
    }
}

/// The empty cart's message, also shown by the checkout steps when there is nothing to buy.
#[component]
pub fn EmptyCart() -> impl IntoView {
    view! {
        <div class="rounded-xl border border-stone-200 bg-white p-8 text-center" data-testid="empty-cart">
            <p class="mb-4 text-stone-600">"Your cart is empty."</p>
            <a href="/products" class="font-medium text-indigo-700">"Browse the shop"</a>
        </div>
    }
}

/// Below this many units available to the cart (stock less other checkouts' holds), a line
/// says how many there really are.
const LOW_AVAILABILITY: i32 = 10;

/// One line: picture, name, options, price, quantity form, remove, problem.
#[component]
fn CartLine(
    line: CartLineView,
    update: ServerAction<UpdateCartLine>,
    remove: ServerAction<RemoveCartLine>,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let sku = line.sku.clone();
    let mine = {
        let sku = sku.clone();
        move || {
            error
                .get()
                .filter(|e| e.typed::<(String, i32)>().is_some_and(|(s, _)| s == sku))
                .and_then(|e| e.field_message("quantity").map(str::to_owned))
        }
    };
    let options = line
        .options
        .iter()
        .map(|(k, v)| format!("{k}: {v}"))
        .collect::<Vec<_>>()
        .join(" · ");
    let input_id = match &line.result {
        Some(result) => format!("qty-{}-{result}", line.sku),
        None => format!("qty-{}", line.sku),
    };
    let (update_result, remove_result) = (line.result.clone(), line.result.clone());
    let label_for = input_id.clone();
    let href = format!("/products/{}", line.slug);
    let (remove_sku, update_sku) = (sku.clone(), sku.clone());
    view! {
        <li class="flex flex-wrap items-start gap-4 p-4" data-testid="cart-line" data-sku=sku.clone() data-result=line.result.clone()>
            <a href=href.clone() class="shrink-0" tabindex="-1" aria-hidden="true" data-testid="line-picture">
                <ProductPicture image=line.image.clone() name=line.name.clone() sizes="80px" letter="text-2xl"
                    class="h-20 w-20 rounded-md bg-stone-100 object-cover" />
            </a>
            <div class="min-w-48 flex-1">
                <a href=href class="font-medium hover:text-indigo-700">{line.name.clone()}</a>
                <p class="text-sm text-stone-500">{options}</p>
                <p class="text-sm text-stone-500">{format!("SKU {}", line.sku)}</p>
                <p class="text-sm">{format_price(line.unit_cents, &line.currency)}" each"</p>
                {line.problem.clone().map(|p| view! {
                    <p class="mt-1 text-sm font-medium text-red-700" data-testid="line-problem">{p}</p>
                })}
                {(line.problem.is_none() && line.available <= LOW_AVAILABILITY).then(|| view! {
                    <p class="mt-1 text-sm text-amber-800" data-testid="line-available">
                        {format!("Only {} available now.", line.available)}
                    </p>
                })}
            </div>
            <ActionForm action=update attr:class="flex items-end gap-2">
                <input type="hidden" name="sku" value=update_sku />
                {update_result.map(|r| view! { <input type="hidden" name="result" value=r /> })}
                <div>
                    <label for=label_for class="block text-xs text-stone-600">"Quantity"</label>
                    <input id=input_id name="quantity" type="number" min="0" max="99" value=line.quantity.to_string()
                        class="w-20 rounded-md border border-stone-300 px-2 py-1" />
                </div>
                <button type="submit" class="rounded-md border border-stone-300 px-3 py-1 text-sm hover:bg-stone-50">"Update"</button>
            </ActionForm>
            <ActionForm action=remove>
                <input type="hidden" name="sku" value=remove_sku />
                {remove_result.map(|r| view! { <input type="hidden" name="result" value=r /> })}
                <button type="submit" class="py-1 text-sm text-red-700" data-testid="remove-line">"Remove"</button>
            </ActionForm>
            <p class="w-24 text-right font-medium" data-testid="line-total">{format_price(line.line_cents, &line.currency)}</p>
            <p class="w-full text-sm text-red-700" role="alert" data-testid="line-error">{mine}</p>
        </li>
    }
}

/// The coupon form, or the applied coupon with a remove button.
#[component]
fn CouponBox(
    coupon: Option<super::api::CouponView>,
    apply: ServerAction<ApplyCoupon>,
    unapply: ServerAction<RemoveCoupon>,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let message = move || {
        error
            .get()
            .and_then(|e| e.field_message("code").map(str::to_owned))
    };
    view! {
        <div class="mb-4">
            {coupon.map(|c| view! {
                <div class="mb-3 flex items-center justify-between rounded-md bg-stone-50 p-2 text-sm" data-testid="applied-coupon">
                    <span>
                        <span class="font-mono font-semibold">{c.code.clone()}</span>
                        {(!c.description.is_empty()).then(|| format!(" — {}", c.description))}
                        {c.refused.clone().map(|r| view! { <span class="block text-red-700" data-testid="coupon-refused">{r}</span> })}
                    </span>
                    <ActionForm action=unapply>
                        <button type="submit" class="text-red-700">"Remove"</button>
                    </ActionForm>
                </div>
            })}
            <ActionForm action=apply attr:class="flex items-start gap-2">
                <div class="flex-1">
                    <label for="code" class="sr-only">"Coupon code"</label>
                    <input id="code" name="code" placeholder="Coupon code" autocomplete="off"
                        aria-describedby="code-error"
                        class="w-full rounded-md border border-stone-300 px-2 py-1 uppercase" />
                    <p id="code-error" class="text-sm text-red-700" data-testid="code-error">{message}</p>
                </div>
                <button type="submit" class="rounded-md border border-stone-300 px-3 py-1 text-sm hover:bg-stone-50">"Apply"</button>
            </ActionForm>
        </div>
    }
}
