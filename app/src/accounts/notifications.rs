//! `/account/notifications`: what happened to the caller's orders (and more later), newest
//! first, with mark-read buttons.

use leptos::prelude::*;

use super::notifications_api::{MarkNotificationsRead, my_notifications};
use super::shell::AccountShell;
use crate::ui::loaded::{Loaded, load};
use crate::ui::seo::Seo;
use crate::ui::time::When;

/// `/account/notifications`.
#[component]
pub fn NotificationsPage() -> impl IntoView {
    let mark = ServerAction::<MarkNotificationsRead>::new();
    let data = load(move || mark.version().get(), |_| my_notifications());
    view! {
        <Seo title="Notifications" description="Your notifications." path="/account/notifications" noindex=true />
        <Loaded load=data let:list>
            <AccountShell title="Notifications">
                {if list.is_empty() {
                    view! { <p class="text-stone-600" data-testid="no-notifications">"Nothing new."</p> }.into_any()
                } else {
                    let unread = list.iter().any(|n| !n.read);
                    view! {
                        {unread.then(|| view! {
                            <ActionForm action=mark attr:class="mb-4">
                                <button type="submit" class="text-sm font-medium text-indigo-700" data-testid="mark-all-read">"Mark all as read"</button>
                            </ActionForm>
                        })}
                        <ul class="divide-y divide-stone-200 rounded-xl border border-stone-200 bg-white" data-testid="notifications">
                            {list.into_iter().map(|n| view! {
                                <li class="flex items-start justify-between gap-4 p-4" data-testid="notification" data-read=n.read.to_string()>
                                    <div>
                                        <a href=n.link.clone() class=if n.read { "font-medium" } else { "font-semibold text-indigo-800" }>{n.title.clone()}</a>
                                        <p class="text-sm text-stone-600">{n.body.clone()}</p>
                                        <p class="text-xs text-stone-500"><When at=n.at.clone() /></p>
                                    </div>
                                    {(!n.read).then(|| view! {
                                        <ActionForm action=mark>
                                            <input type="hidden" name="id" value=n.id.to_string() />
                                            <button type="submit" class="text-sm text-indigo-700">"Mark read"</button>
                                        </ActionForm>
                                    })}
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </AccountShell>
        </Loaded>
    }
}
