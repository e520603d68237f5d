//! `/admin/messages` (contact messages: filter by delivery status and handled, search) and
//! `/admin/messages/{id}` (the message, every mail it caused with its attempts, and the
//! actions: send the staff notice again, mark handled or open, reply by email).

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::admin::messages_api::{
    MarkHandled, MessageView, ReplyToMessage, ResendNotice, admin_message, admin_messages,
};
use crate::admin::table::{AdminTable, FilterForm};
use crate::ui::form::{FormError, TextAreaField, action_error};
use crate::ui::loaded::{Loaded, load};
use crate::ui::notice::Notice;
use crate::ui::paging::{Pager, page_param};
use crate::ui::seo::Seo;
use crate::ui::time::When;

/// The colour of a delivery status.
fn status_class(status: &str) -> &'static str {
    match status {
        "sent" => "rounded-full bg-green-100 px-2 text-xs text-green-800",
        "failed" => "rounded-full bg-red-100 px-2 text-xs text-red-800",
        _ => "rounded-full bg-amber-100 px-2 text-xs text-amber-800",
    }
}

/// `/admin/messages`.
#[component]
pub fn MessagesPage() -> impl IntoView {
    let query = use_query_map();
    let get = move |k: &str| query.read().get(k);
    let page = page_param();
    let list = load(
        move || (get("status"), get("handled"), get("q"), page()),
        |(status, handled, q, page)| admin_messages(status, handled, q, page),
    );
    let chosen = move |k: &'static str, v: &'static str| get(k).as_deref() == Some(v);
    view! {
        <Seo title="Messages" description="Contact messages." path="/admin/messages" noindex=true />
        <h1 class="mb-4 text-2xl font-bold">"Messages"</h1>
        <FilterForm action="/admin/messages" button="Filter">
            <label class="text-sm">
                "Delivery "
                <select name="status" class="rounded border border-stone-300 px-2 py-1">
                    <option value="">"Any"</option>
                    <option value="pending" selected=chosen("status", "pending")>"Pending"</option>
                    <option value="sent" selected=chosen("status", "sent")>"Sent"</option>
                    <option value="failed" selected=chosen("status", "failed")>"Failed"</option>
                </select>
            </label>
            <label class="text-sm">
                "State "
                <select name="handled" class="rounded border border-stone-300 px-2 py-1">
                    <option value="">"Any"</option>
                    <option value="open" selected=chosen("handled", "open")>"Open"</option>
                    <option value="handled" selected=chosen("handled", "handled")>"Handled"</option>
                </select>
            </label>
            <label class="text-sm">
                "Search "
                <input name="q" type="search" value=move || get("q").unwrap_or_default() class="rounded border border-stone-300 px-2 py-1" />
            </label>
        </FilterForm>
        <Loaded load=list let:list>
            <p class="mb-4 text-sm text-stone-600" data-testid="message-counts">
                {format!("{} open · {} pending · {} sent · {} failed", list.open, list.pending, list.sent, list.failed)}
            </p>
            <AdminTable testid="messages" headers=&["Written", "From", "Subject", "Delivery", "State"]>
                {list.paged.rows.into_iter().map(|m| view! {
                    <tr class="border-b border-stone-100 align-top" data-testid="message-row">
                        <td class="py-2"><When at=m.written.clone() /></td>
                        <td>{m.name.clone()}<br /><span class="text-stone-500">{m.email.clone()}</span></td>
                        <td><a class="text-indigo-700 hover:underline" href=format!("/admin/messages/{}", m.id)>{m.subject.clone()}</a></td>
                        <td>
                            <span class=status_class(&m.status) data-testid="message-status">{m.status.clone()}</span>
                            {m.error.clone().map(|e| view! { <p class="text-xs text-red-700">{e}</p> })}
                        </td>
                        <td>{if m.handled { "handled" } else { "open" }}{m.replied.then_some(", replied")}</td>
                    </tr>
                }).collect_view()}
            </AdminTable>
            <Pager page=list.paged.page has_next=list.paged.has_next />
        </Loaded>
    }
}

/// `/admin/messages/{id}`.
#[component]
pub fn MessagePage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let resend = ServerAction::<ResendNotice>::new();
    let handle = ServerAction::<MarkHandled>::new();
    let reply = ServerAction::<ReplyToMessage>::new();
    let errors = [
        action_error(resend.value()),
        action_error(handle.value()),
        action_error(reply.value()),
    ];
    let message = load(
        move || {
            (
                id(),
                resend.version().get(),
                handle.version().get(),
                reply.version().get(),
            )
        },
        |(id, ..)| admin_message(id),
    );
    let query = use_query_map();
    let notice = {
        let q = query.read_untracked();
        if q.get("replied").is_some() {
            Some("The answer is on its way; the message is marked handled.")
        } else if q.get("resent").is_some() {
            Some("The notice is queued again.")
        } else {
            None
        }
    };
    view! {
        <Seo title="Message" description="A contact message." path="/admin/messages" noindex=true />
        <p class="mb-4 text-sm"><a class="text-indigo-700" href="/admin/messages">"← All messages"</a></p>
        {notice.map(|text| view! { <Notice text=text /> })}
        <Loaded load=message let:m>
            {message_view(m, resend, handle, reply, errors)}
        </Loaded>
    }
}

type Errors = [Signal<Option<crate::error::AppError>>; 3];

fn message_view(
    m: MessageView,
    resend: ServerAction<ResendNotice>,
    handle: ServerAction<MarkHandled>,
    reply: ServerAction<ReplyToMessage>,
    [resend_error, handle_error, reply_error]: Errors,
) -> impl IntoView {
    let (resend_id, handle_id, reply_id) = (m.row.id.clone(), m.row.id.clone(), m.row.id.clone());
    let handled = m.row.handled;
    view! {
        <article class="max-w-3xl" data-testid="message">
            <h1 class="text-2xl font-bold">{m.row.subject.clone()}</h1>
            <p class="mt-1 text-sm text-stone-600">
                {format!("From {} <{}> · from {} · ", m.row.name, m.row.email, m.client_ip)}
                <When at=m.row.written.clone() />
            </p>
            <p class="mt-2 text-sm">
                "Staff notice: "
                <span class=status_class(&m.row.status) data-testid="message-status">{m.row.status.clone()}</span>
                {m.sent_at.clone().map(|at| view! { " · sent " <When at=at /> })}
                {m.row.error.clone().map(|e| view! { <span class="ml-2 text-red-700" data-testid="message-error">{e}</span> })}
                " · "
                <span data-testid="message-handled">{if handled { "handled" } else { "open" }}</span>
            </p>
            <div class="mt-4 whitespace-pre-wrap rounded-lg border border-stone-200 bg-white p-4" data-testid="message-body">{m.message.clone()}</div>
            <div class="mt-4 flex flex-wrap gap-3">
                {(m.row.status != "sent").then(move || view! {
                        <ActionForm action=resend>
                            <input type="hidden" name="id" value=resend_id />
                            <button type="submit" class="rounded-md border border-stone-300 px-3 py-1 text-sm" data-testid="resend-notice">"Send the notice again"</button>
                        </ActionForm>
                })}
                <ActionForm action=handle>
                    <input type="hidden" name="id" value=handle_id />
                    <input type="hidden" name="handled" value=if handled { "0" } else { "1" } />
                    <button type="submit" class="rounded-md border border-stone-300 px-3 py-1 text-sm" data-testid="toggle-handled">
                        {if handled { "Open again" } else { "Mark handled" }}
                    </button>
                </ActionForm>
            </div>
            <FormError error=resend_error />
            <FormError error=handle_error />
            <section class="mt-8" aria-labelledby="reply-title">
                <h2 id="reply-title" class="text-lg font-semibold">{format!("Reply to {}", m.row.email)}</h2>
                <ActionForm action=reply attr:class="mt-2 space-y-3" attr:data-testid="reply-form">
                    <FormError error=reply_error />
                    <input type="hidden" name="id" value=reply_id />
                    <TextAreaField label="Your answer" name="reply" rows=6 required=true hint="Sent by email with their message quoted; marks the message handled." error=reply_error />
                    <button type="submit" class="rounded-md bg-indigo-600 px-4 py-2 font-medium text-white" data-testid="send-reply">"Send the answer"</button>
                </ActionForm>
            </section>
            <section class="mt-8" aria-labelledby="deliveries-title">
                <h2 id="deliveries-title" class="text-lg font-semibold">"Mail and delivery attempts"</h2>
                <AdminTable testid="deliveries" headers=&["Written", "Kind", "To", "Status", "Attempts", "Last error"]>
                    {m.deliveries.into_iter().map(|d| view! {
                        <tr class="border-b border-stone-100 align-top" data-testid="delivery">
                            <td class="py-2"><When at=d.written.clone() /></td>
                            <td>{d.kind.clone()}</td>
                            <td>{d.to.clone()}</td>
                            <td><span class=status_class(&d.status)>{d.status.clone()}</span></td>
                            <td>{d.attempts}</td>
                            <td class="text-xs text-red-700">{d.last_error.clone().unwrap_or_default()}</td>
                        </tr>
                    }).collect_view()}
                </AdminTable>
            </section>
        </article>
    }
}
