//! `/checkout/review`, the last step: what is ordered (with pictures), who it is for, where it
//! goes and how, the exact totals (taxed for the delivery country), the card and "Place order".
//! A plain form post without JavaScript; a refused card comes back with the reason next to it.

use leptos::prelude::*;

use super::page::{Section, Steps};
use super::review_api::{PlaceOrder, Review, ReviewData, checkout_review};
use crate::cart::page::EmptyCart;
use crate::cart::summary::TotalsTable;
use crate::catalog::money::format_price;
use crate::error::AppError;
use crate::ui::form::{Field, FormError, action_error};
use crate::ui::image::ProductPicture;
use crate::ui::loaded::{Loaded, load};
use crate::ui::seo::Seo;
use crate::ui::time::When;

/// `/checkout/review`.
#[component]
pub fn ReviewPage() -> impl IntoView {
    let place = ServerAction::<PlaceOrder>::new();
    let error = action_error(place.value());
    let data = load(|| (), |_| checkout_review());
    view! {
        <Seo title="Review your order" description="Check your order and pay." path="/checkout/review" noindex=true />
        <h1 class="mb-2 text-2xl font-bold">"Review and pay"</h1>
        <Steps current=2 />
        <Loaded load=data let:review>
            {match review {
                Review::EmptyCart => view! { <EmptyCart /> }.into_any(),
                Review::NeedsDetails => view! {
                    <div class="rounded-xl border border-stone-200 bg-white p-8 text-center" data-testid="needs-details">
                        <p class="mb-4 text-stone-600">"Tell us where your order goes first."</p>
                        <a href="/checkout" class="font-medium text-indigo-700">"Enter your delivery details"</a>
                    </div>
                }.into_any(),
                Review::Ready(data) => view! { <ReviewAndPay data=*data place=place error=error /> }.into_any(),
            }}
        </Loaded>
    }
}

/// The review and the payment form.
#[component]
fn ReviewAndPay(
    data: ReviewData,
    place: ServerAction<PlaceOrder>,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let totals = data.cart.totals.clone();
    let pay_label = format!(
        "Place order — pay {}",
        format_price(totals.total, &totals.currency)
    );
    let coupon = data
        .cart
        .coupon
        .as_ref()
        .filter(|c| c.refused.is_none())
        .map(|c| c.code.clone());
    let country = crate::ui::countries::name(&data.cart.tax_country)
        .unwrap_or(&data.cart.tax_country)
        .to_owned();
    let ready = data.cart.ready;
    let method_name = data.method_name.clone();
    view! {
        <div class="grid gap-8 lg:grid-cols-[1fr_22rem]">
            <div class="space-y-6">
                {data.held_until.clone().map(|at| view! {
                    <p class="text-sm text-stone-600" data-testid="held-until">
                        "Your items are held for you until " <When at=at /> "."
                    </p>
                })}
                <Section heading="Contact">
                    <p class="text-sm" data-testid="review-email">{data.email.clone()}</p>
                    <ChangeLink />
                </Section>
                <Section heading="Delivery">
                    <address class="text-sm not-italic" data-testid="review-address">
                        {data.ship_to.iter().map(|l| view! { <span class="block">{l.clone()}</span> }).collect_view()}
                    </address>
                    <p class="text-sm" data-testid="review-method">{data.method_name.clone()}</p>
                    <ChangeLink />
                </Section>
                <Section heading="Items">
                    <ul class="divide-y divide-stone-100" data-testid="review-lines">
                        {data.cart.lines.clone().into_iter().map(|l| {
                            let options = l.options.iter().map(|(k, v)| format!("{k}: {v}")).collect::<Vec<_>>().join(" · ");
                            view! {
                                <li class="flex items-center gap-4 py-2 text-sm">
                                    <ProductPicture image=l.image.clone() name=l.name.clone() sizes="56px" letter="text-xl"
                                        class="h-14 w-14 shrink-0 rounded-md bg-stone-100 object-cover" />
                                    <span class="flex-1">
                                        <span class="block font-medium">{format!("{} × {}", l.quantity, l.name)}</span>
                                        <span class="block text-stone-500">{options}</span>
                                        {l.problem.clone().map(|p| view! { <span class="block text-red-700">{p}</span> })}
                                    </span>
                                    <span class="font-medium">{format_price(l.line_cents, &l.currency)}</span>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                    <a class="text-sm font-medium text-indigo-700" href="/cart">"Edit cart"</a>
                </Section>
                <ActionForm action=place attr:class="space-y-6" attr:novalidate=true attr:data-testid="payment-form">
                    <input type="hidden" name="idempotency_key" value=data.idempotency_key.clone() />
                    <FormError error=error />
                    <Section heading="Payment">
                        <p class="rounded-md bg-amber-50 p-3 text-xs text-amber-900" data-testid="sandbox-note">
                            "Sandbox payments: use 4242 4242 4242 4242 (approved), 4000 0000 0000 0002 (declined) or 4000 0000 0000 0119 (the network fails), any future expiry and any 3 digits."
                        </p>
                        <Field label="Card number" name="card_number" autocomplete="cc-number" required=true error=error />
                        <div class="grid gap-4 sm:grid-cols-2">
                            <Field label="Expiry (MM/YY)" name="card_expiry" autocomplete="cc-exp" required=true error=error />
                            <Field label="Security code" name="card_cvc" autocomplete="cc-csc" required=true error=error />
                        </div>
                    </Section>
                    {if ready {
                        view! {
                            <button type="submit" class="w-full rounded-md bg-indigo-600 px-4 py-3 text-lg font-semibold text-white hover:bg-indigo-500" data-testid="place-order">
                                {pay_label}
                            </button>
                        }.into_any()
                    } else {
                        view! {
                            <p class="rounded-md bg-stone-100 p-3 text-sm" data-testid="not-ready">
                                "Some items cannot be bought as they are. " <a class="font-medium text-indigo-700" href="/cart">"Fix your cart"</a>
                            </p>
                        }.into_any()
                    }}
                </ActionForm>
            </div>
            <aside class="h-fit rounded-xl border border-stone-200 bg-white p-6 shadow-sm" aria-label="What you pay">
                <h2 class="mb-4 text-lg font-semibold">"What you pay"</h2>
                <TotalsTable totals=totals shipping_name=method_name coupon=coupon.unwrap_or_default() />
                <p class="mt-2 text-xs text-stone-500" data-testid="tax-note">
                    {format!("Tax at the rate for delivery to {country}.")}
                </p>
            </aside>
        </div>
    }
}

/// Back to the first step (the details are kept).
#[component]
fn ChangeLink() -> impl IntoView {
    view! { <a class="text-sm font-medium text-indigo-700" href="/checkout" data-testid="change-details">"Change"</a> }
}
