//! `/admin/coupons` (every coupon with its use count, and a form for a new one) and
//! `/admin/coupons/{id}` (edit one).

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::admin::checkout::api::{SaveCoupon, admin_coupons};
use crate::admin::checkout::fields::CouponInput;
use crate::admin::table::AdminTable;
use crate::error::AppError;
use crate::ui::form::{Field, FormError, SelectField, Submit, action_error, typed_or};
use crate::ui::loaded::{Loaded, load};
use crate::ui::notice::Notice;
use crate::ui::seo::Seo;

/// `/admin/coupons`.
#[component]
pub fn CouponsPage() -> impl IntoView {
    let save = ServerAction::<SaveCoupon>::new();
    let error = action_error(save.value());
    let list = load(move || save.version().get(), |_| admin_coupons());
    let query = use_query_map();
    view! {
        <Seo title="Coupons" description="Coupons." path="/admin/coupons" noindex=true />
        <h1 class="mb-4 text-2xl font-bold">"Coupons"</h1>
        <Show when=move || query.read().get("saved").is_some()>
            <Notice text="The coupon is saved." />
        </Show>
        <Loaded load=list let:coupons>
            <AdminTable testid="coupons" headers=&["Code", "Discount", "Terms", "Used", ""]>
                {coupons.into_iter().map(|c| view! {
                    <tr class="border-b border-stone-100" data-testid="coupon-row">
                        <td class="py-2 font-mono font-semibold">{c.input.code.clone()}</td>
                        <td>{c.summary.clone()}{(!c.input.active).then_some(" (off)")}</td>
                        <td class="text-stone-600">{terms(&c.input)}</td>
                        <td>{c.times_used}{(!c.input.usage_limit.is_empty()).then(|| format!(" / {}", c.input.usage_limit))}</td>
                        <td><a class="text-indigo-700" href=format!("/admin/coupons/{}", c.id)>"Edit"</a></td>
                    </tr>
                }).collect_view()}
            </AdminTable>
        </Loaded>
        <section class="mt-8 max-w-xl rounded-xl border border-stone-200 bg-white p-6" aria-labelledby="new-coupon">
            <h2 id="new-coupon" class="mb-4 text-lg font-semibold">"New coupon"</h2>
            <CouponForm id=None initial=typed_or(error, CouponInput { kind: "percent".to_owned(), active: true, ..CouponInput::default() }) save=save error=error />
        </section>
    }
}

/// The conditions of a coupon in a few words.
fn terms(c: &CouponInput) -> String {
    let mut parts = Vec::new();
    if !c.min_subtotal.is_empty() {
        parts.push(format!("from €{}", c.min_subtotal));
    }
    if !c.starts.is_empty() {
        parts.push(format!("from {}", c.starts));
    }
    if !c.ends.is_empty() {
        parts.push(format!("until {}", c.ends));
    }
    if !c.per_user_limit.is_empty() {
        parts.push(format!("{} per customer", c.per_user_limit));
    }
    if parts.is_empty() {
        "—".to_owned()
    } else {
        parts.join(", ")
    }
}

/// `/admin/coupons/{id}`.
#[component]
pub fn CouponPage() -> impl IntoView {
    let save = ServerAction::<SaveCoupon>::new();
    let error = action_error(save.value());
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|i| i.parse::<i64>().ok());
    let list = load(move || save.version().get(), |_| admin_coupons());
    view! {
        <Seo title="Edit coupon" description="Coupon." path="/admin/coupons" noindex=true />
        <p class="mb-4 text-sm"><a class="text-indigo-700" href="/admin/coupons">"← All coupons"</a></p>
        <Loaded load=list let:coupons>
            {match coupons.into_iter().find(|c| Some(c.id) == id()) {
                Some(c) => view! {
                    <h1 class="mb-4 text-2xl font-bold">{format!("Coupon {}", c.input.code)}</h1>
                    <p class="mb-4 text-sm text-stone-600">{format!("Used {} times.", c.times_used)}</p>
                    <div class="max-w-xl rounded-xl border border-stone-200 bg-white p-6">
                        <CouponForm id=Some(c.id) initial=typed_or(error, c.input.clone()) save=save error=error />
                    </div>
                }.into_any(),
                None => view! { <crate::ui::error_page::ErrorPage error=AppError::NotFound /> }.into_any(),
            }}
        </Loaded>
    }
}

/// The coupon fields.
#[component]
fn CouponForm(
    id: Option<i64>,
    initial: CouponInput,
    save: ServerAction<SaveCoupon>,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let kinds = vec![
        ("percent".to_owned(), "Percent off".to_owned()),
        ("fixed".to_owned(), "Amount off".to_owned()),
    ];
    view! {
        <ActionForm action=save attr:class="space-y-4" attr:novalidate=true attr:data-testid="coupon-form">
            {id.map(|id| view! { <input type="hidden" name="id" value=id.to_string() /> })}
            <FormError error=error />
            <Field label="Code" name="code" value=initial.code required=true hint="Shoppers type it in the cart; any case." error=error />
            <Field label="Description (optional)" name="description" value=initial.description error=error />
            <div class="grid gap-4 sm:grid-cols-2">
                <SelectField label="Kind" name="kind" options=kinds selected=initial.kind error=error />
                <Field label="Percent or amount" name="amount" value=initial.amount required=true error=error />
            </div>
            <Field label="Minimum subtotal (optional)" name="min_subtotal" value=initial.min_subtotal hint="e.g. 50.00" error=error />
            <div class="grid gap-4 sm:grid-cols-2">
                <Field label="Starts (optional)" name="starts" kind="date" value=initial.starts error=error />
                <Field label="Ends (optional)" name="ends" kind="date" value=initial.ends error=error />
            </div>
            <div class="grid gap-4 sm:grid-cols-2">
                <Field label="Total uses (optional)" name="usage_limit" value=initial.usage_limit error=error />
                <Field label="Uses per customer (optional)" name="per_user_limit" value=initial.per_user_limit error=error />
            </div>
            <label class="flex items-center gap-2 text-sm">
                <input type="checkbox" name="active" value="1" checked=initial.active class="accent-indigo-600" />
                "Active"
            </label>
            <Submit label="Save coupon" />
        </ActionForm>
    }
}
