//! `/checkout`, the first step: contact, delivery address (a saved one or a new one) and
//! delivery method, beside a summary of the cart; "Continue to review" goes on to
//! `/checkout/review`. It works as a plain form post without JavaScript; a refused post comes
//! back with every message next to its field and the typed values kept.

use leptos::prelude::*;

use super::api::{CheckoutData, MethodView, SaveCheckoutDetails, checkout_view};
use crate::accounts::address_fields::AddressInput;
use crate::cart::page::EmptyCart;
use crate::cart::summary::TotalsTable;
use crate::catalog::money::format_price;
use crate::error::AppError;
use crate::ui::countries;
use crate::ui::form::{Field, FormError, SelectField, action_error, typed_or};
use crate::ui::loaded::{Loaded, load};
use crate::ui::seo::Seo;
use crate::ui::time::When;

/// `/checkout`.
#[component]
pub fn CheckoutPage() -> impl IntoView {
    let save = ServerAction::<SaveCheckoutDetails>::new();
    let error = action_error(save.value());
    let data = load(|| (), |_| checkout_view());
    view! {
        <Seo title="Checkout" description="Place your order." path="/checkout" noindex=true />
        <h1 class="mb-2 text-2xl font-bold">"Checkout"</h1>
        <Steps current=1 />
        <Loaded load=data let:view>
            {if view.cart.lines.is_empty() {
                view! { <EmptyCart /> }.into_any()
            } else {
                view! { <DetailsForm view=view save=save error=error /> }.into_any()
            }}
        </Loaded>
    }
}

/// The details form and the cart's summary.
#[component]
fn DetailsForm(
    view: CheckoutData,
    save: ServerAction<SaveCheckoutDetails>,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let typed = typed_or(error, view.remembered.clone().unwrap_or_default());
    let default_address = view
        .addresses
        .iter()
        .find(|a| a.is_default)
        .map(|a| a.id.clone());
    let chosen_address = if typed.address_id.is_empty() {
        default_address.unwrap_or_else(|| "new".to_owned())
    } else {
        typed.address_id.clone()
    };
    let chosen_method = if typed.shipping_method.is_empty() {
        view.methods
            .first()
            .map(|m| m.code.clone())
            .unwrap_or_default()
    } else {
        typed.shipping_method.clone()
    };
    let ready = view.cart.ready;
    let has_saved = !view.addresses.is_empty();
    let message = move |field: &'static str| {
        move || {
            error
                .get()
                .and_then(|e| e.field_message(field).map(str::to_owned))
        }
    };
    let summary_totals = view
        .methods
        .iter()
        .find(|m| m.code == chosen_method)
        .map(|m| m.totals.clone())
        .unwrap_or(view.cart.totals.clone());
    let summary_method = view
        .methods
        .iter()
        .find(|m| m.code == chosen_method)
        .map(|m| m.name.clone())
        .unwrap_or_default();
    let coupon_code = view
        .cart
        .coupon
        .as_ref()
        .filter(|c| c.refused.is_none())
        .map(|c| c.code.clone())
        .unwrap_or_default();
    let signed_in_email = view.email.clone();
    let signed_in = signed_in_email.is_some();
    view! {
        <div class="grid gap-8 lg:grid-cols-[1fr_22rem]">
            <ActionForm action=save attr:class="space-y-6" attr:novalidate=true attr:data-testid="checkout-form">
                <FormError error=error />
                {view.held_until.clone().map(|at| view! {
                    <p class="text-sm text-stone-600" data-testid="held-until">
                        "Your items are held for you until " <When at=at /> "."
                    </p>
                })}
                <Section heading="Contact">
                    {match signed_in_email {
                        Some(email) => view! {
                            <p class="text-sm" data-testid="signed-in-as">"Signed in as " <strong>{email}</strong></p>
                        }.into_any(),
                        None => view! {
                            <Field label="Email" name="email" kind="email" autocomplete="email" required=true
                                value=typed.email.clone() hint="For the confirmation and updates on your order." error=error />
                            <p class="text-sm text-stone-600">
                                "Have an account? " <a class="font-medium text-indigo-700" href="/login?next=%2Fcheckout">"Sign in"</a>
                                " to use your saved addresses."
                            </p>
                        }.into_any(),
                    }}
                </Section>
                <Section heading="Delivery address">
                    {has_saved.then(|| view! {
                        <fieldset class="space-y-2">
                            <legend class="sr-only">"Saved addresses"</legend>
                            {view.addresses.clone().into_iter().map(|a| {
                                let id = format!("address-{}", a.id);
                                let label_for = id.clone();
                                let checked = a.id == chosen_address;
                                let line = format!("{}, {}, {} {}, {}", a.fields.full_name, a.fields.line1,
                                    a.fields.postal_code, a.fields.city,
                                    countries::name(&a.fields.country).unwrap_or(&a.fields.country));
                                view! {
                                    <label for=label_for class="flex items-start gap-2 text-sm">
                                        <input id=id type="radio" name="address_id" value=a.id.clone() checked=checked class="mt-1 accent-indigo-600" />
                                        <span>{line}</span>
                                    </label>
                                }
                            }).collect_view()}
                            <label for="address-new" class="flex items-center gap-2 text-sm">
                                <input id="address-new" type="radio" name="address_id" value="new" checked=chosen_address == "new" class="accent-indigo-600" />
                                "A new address (fill in below)"
                            </label>
                        </fieldset>
                    })}
                    <NewAddress initial=typed.address.clone() error=error />
                    {signed_in.then(|| view! {
                        <label class="flex items-center gap-2 text-sm">
                            <input type="checkbox" name="save_address" value="1" checked=typed.save_address class="accent-indigo-600" />
                            "Save this address to my account"
                        </label>
                    })}
                </Section>
                <Section heading="Delivery method">
                    <fieldset class="space-y-2" aria-describedby="shipping_method-error">
                        <legend class="sr-only">"Delivery method"</legend>
                        {view.methods.clone().into_iter().map(|m| view! { <MethodChoice method=m chosen=chosen_method.clone() /> }).collect_view()}
                    </fieldset>
                    <p id="shipping_method-error" class="text-sm text-red-700" data-testid="shipping_method-error">{message("shipping_method")}</p>
                </Section>
                {if ready {
                    view! {
                        <button type="submit" class="w-full rounded-md bg-indigo-600 px-4 py-3 text-lg font-semibold text-white hover:bg-indigo-500" data-testid="to-review">
                            "Continue to review"
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
            <aside class="h-fit rounded-xl border border-stone-200 bg-white p-6 shadow-sm" aria-label="Review your order">
                <h2 class="mb-4 text-lg font-semibold">"Your order"</h2>
                <ul class="mb-4 space-y-2 text-sm" data-testid="review-lines">
                    {view.cart.lines.clone().into_iter().map(|l| view! {
                        <li class="flex justify-between gap-2">
                            <span>{format!("{} × {}", l.quantity, l.name)}
                                {l.problem.clone().map(|p| view! { <span class="block text-red-700">{p}</span> })}
                            </span>
                            <span>{format_price(l.line_cents, &l.currency)}</span>
                        </li>
                    }).collect_view()}
                </ul>
                <TotalsTable totals=summary_totals.clone() shipping_name=summary_method coupon=coupon_code />
                <p class="mt-2 text-xs text-stone-500">
                    "Tax follows the delivery country: the next step shows the exact total before you pay. "
                    <a class="text-indigo-700" href="/cart">"Edit cart"</a>
                </p>
            </aside>
        </div>
    }
}

/// Where the shopper is in the checkout: 1 details, 2 review and pay.
#[component]
pub fn Steps(current: u8) -> impl IntoView {
    let step = move |n: u8, label: &'static str| {
        let class = if n == current {
            "font-semibold text-indigo-700"
        } else {
            "text-stone-500"
        };
        view! {
            <li class=class aria-current=(n == current).then_some("step")>{format!("{n}. {label}")}</li>
        }
    };
    view! {
        <ol class="mb-6 flex gap-6 text-sm" aria-label="Checkout steps" data-testid="checkout-steps">
            {step(1, "Details")}
            {step(2, "Review and pay")}
        </ol>
    }
}

/// A titled part of a form.
#[component]
pub fn Section(heading: &'static str, children: Children) -> impl IntoView {
    view! {
        <fieldset class="space-y-4 rounded-xl border border-stone-200 bg-white p-6 shadow-sm">
            <legend class="px-1 text-lg font-semibold">{heading}</legend>
            {children()}
        </fieldset>
    }
}

/// The new-address fields.
#[component]
fn NewAddress(initial: AddressInput, error: Signal<Option<AppError>>) -> impl IntoView {
    let countries: Vec<(String, String)> = countries::all()
        .map(|(code, name)| (code.to_owned(), name.to_owned()))
        .collect();
    view! {
        <div class="space-y-4" data-testid="new-address">
            <Field label="Full name" name="full_name" autocomplete="shipping name" value=initial.full_name error=error />
            <Field label="Street and number" name="line1" autocomplete="shipping address-line1" value=initial.line1 error=error />
            <Field label="Flat, floor, building (optional)" name="line2" autocomplete="shipping address-line2" value=initial.line2 error=error />
            <div class="grid gap-4 sm:grid-cols-2">
                <Field label="Postal code" name="postal_code" autocomplete="shipping postal-code" value=initial.postal_code error=error />
                <Field label="Town or city" name="city" autocomplete="shipping address-level2" value=initial.city error=error />
            </div>
            <Field label="State, county or region (optional)" name="region" autocomplete="shipping address-level1" value=initial.region error=error />
            <SelectField label="Country" name="country" options=countries autocomplete="shipping country" selected=initial.country error=error />
            <Field label="Phone (optional, for the courier)" name="phone" kind="tel" autocomplete="shipping tel" value=initial.phone error=error />
        </div>
    }
}

/// One delivery method as a radio choice with its price for this cart.
#[component]
fn MethodChoice(method: MethodView, chosen: String) -> impl IntoView {
    let id = format!("shipping-{}", method.code);
    let label_for = id.clone();
    let price = if method.shipping_cents == 0 {
        "Free".to_owned()
    } else {
        format_price(method.shipping_cents, &method.totals.currency)
    };
    let free = method
        .free_over_cents
        .filter(|_| method.shipping_cents > 0)
        .map(|f| format!(" · free over {}", format_price(f, &method.totals.currency)));
    view! {
        <label for=label_for class="flex items-center justify-between gap-2 rounded-md border border-stone-200 p-3 text-sm has-[:checked]:border-indigo-600">
            <span class="flex items-center gap-2">
                <input id=id type="radio" name="shipping_method" value=method.code.clone() checked=method.code == chosen class="accent-indigo-600" />
                <span>
                    <span class="font-medium">{method.name.clone()}</span>
                    <span class="block text-stone-500">{method.days.clone()}{free}</span>
                </span>
            </span>
            <span class="font-medium">{price}</span>
        </label>
    }
}
