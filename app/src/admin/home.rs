//! `/admin`: the staff home page, linking to every admin area that exists.

use leptos::prelude::*;

use crate::admin::api::overview;
use crate::ui::loaded::{Loaded, load};
use crate::ui::seo::Seo;

/// The admin areas built so far: title, path, what it is for.
const AREAS: [(&str, &str, &str); 16] = [
    (
        "Orders",
        "/admin/orders",
        "Every order: filter by status, date or customer; ship, cancel, refund.",
    ),
    (
        "Coupons",
        "/admin/coupons",
        "Discount codes: percent or amount, minimum, dates, usage limits.",
    ),
    (
        "Shipping and tax",
        "/admin/shipping",
        "Delivery methods and prices, free-shipping thresholds, tax rates by country.",
    ),
    (
        "Products",
        "/admin/products",
        "The catalog: create and edit products, variants and pictures; publish or archive.",
    ),
    (
        "Categories",
        "/admin/categories",
        "The category tree: add, rename, move under another parent, reorder.",
    ),
    (
        "Brands",
        "/admin/brands",
        "The brands the products carry: add, rename, describe.",
    ),
    (
        "Reviews",
        "/admin/reviews",
        "The moderation queue: approve or reject what shoppers wrote.",
    ),
    (
        "Customers",
        "/admin/customers",
        "Accounts: search; admins change role, plan and disabled.",
    ),
    (
        "Mail",
        "/admin/mail",
        "The dev mailbox: every message the site wrote (development only, admins only).",
    ),
    (
        "Jobs",
        "/admin/jobs",
        "Background jobs: status, attempts, runtime, errors; retry the dead ones.",
    ),
    (
        "Studio styles",
        "/admin/styles",
        "The style catalog: categories, styles and their before/after examples.",
    ),
    (
        "Studio jobs",
        "/admin/studio-jobs",
        "Styling jobs (filter, retry, cancel), usage charts, the OpenAI circuit and AI calls, the showcase queue.",
    ),
    (
        "Client projects",
        "/admin/projects",
        "The dashboard's clients, their people, projects, milestones and tasks.",
    ),
    (
        "Messages",
        "/admin/messages",
        "The contact form: delivery state, resend, mark handled, reply by email.",
    ),
    (
        "Waitlist",
        "/admin/waitlist",
        "Who waits: search, CSV export, invite the next people.",
    ),
    (
        "Audit log",
        "/admin/audit",
        "Every change staff made: who, what, before and after.",
    ),
];

/// Staff home.
#[component]
pub fn AdminHomePage() -> impl IntoView {
    let figures = load(|| (), |_| overview());
    view! {
        <Seo title="Admin" description="Daydream administration." path="/admin" noindex=true />
        <Loaded load=figures let:o>
                        <h1 class="text-2xl font-bold">"Admin"</h1>
                        <p class="mt-1 text-stone-600">"Signed in as " {o.staff_name.clone()}</p>
                        {o.sandbox_payments.then(|| view! {
                            <p role="alert" class="mt-4 rounded-lg border border-amber-300 bg-amber-50 p-4 text-amber-900" data-testid="sandbox-warning">
                                "Payments go through the sandbox provider: no money is taken. "
                                "DAYDREAM_ALLOW_SANDBOX_PAYMENTS is set in production; configure a real payment provider before selling."
                            </p>
                        })}
                        <dl class="mt-6 grid gap-4 sm:grid-cols-2" data-testid="admin-figures">
                            <div class="rounded-lg border border-stone-200 bg-white p-4">
                                <dt class="text-sm text-stone-600">"Emails written"</dt>
                                <dd class="text-2xl font-semibold">{o.emails}</dd>
                            </div>
                            <div class="rounded-lg border border-stone-200 bg-white p-4">
                                <dt class="text-sm text-stone-600">"Reviews waiting for moderation"</dt>
                                <dd class="text-2xl font-semibold" data-testid="pending-reviews">{o.pending_reviews}</dd>
                            </div>
                            <div class="rounded-lg border border-stone-200 bg-white p-4">
                                <dt class="text-sm text-stone-600">"Dead background jobs"</dt>
                                <dd class="text-2xl font-semibold">{o.dead_jobs}</dd>
                            </div>
                        </dl>
                        <ul class="mt-8 grid gap-4 sm:grid-cols-2">
                            {AREAS
                                .iter()
                                .filter(|(_, href, _)| o.mailbox || *href != "/admin/mail")
                                .map(|(title, href, text)| view! {
                                    <li class="rounded-lg border border-stone-200 bg-white p-4">
                                        <a class="font-semibold text-indigo-700" href=*href>{*title}</a>
                                        <p class="mt-1 text-sm text-stone-600">{*text}</p>
                                    </li>
                                })
                                .collect_view()}
                        </ul>
        </Loaded>
    }
}
