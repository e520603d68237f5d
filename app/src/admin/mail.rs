//! `/admin/mail`: the dev mailbox — every message in the outbox, readable by staff, with
//! working links (how a new user completes sign-up locally without an SMTP server).

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::admin::api::{mail_list, mail_message};
use crate::admin::table::AdminTable;
use crate::ui::loaded::{Loaded, load};
use crate::ui::paging::{Pager, page_param};
use crate::ui::seo::Seo;

/// The list of messages.
#[component]
pub fn MailboxPage() -> impl IntoView {
    let page = page_param();
    let messages = load(page, mail_list);
    view! {
        <Seo title="Mail" description="The outbox." path="/admin/mail" noindex=true />
        <Loaded load=messages let:paged>
                        <h1 class="mb-6 text-2xl font-bold">"Mail"</h1>
                        <p class="mb-4 text-sm text-stone-600">
                            "Every message the site has written. Without SMTP_URL nothing leaves the server: read it here."
                        </p>
                        <AdminTable testid="mail-list" headers=&["To", "Subject", "Status", "Written"]>
                                {paged.rows
                                    .into_iter()
                                    .map(|m| view! {
                                        <tr class="border-b border-stone-100">
                                            <td class="py-2">{m.to.clone()}</td>
                                            <td>
                                                <a class="text-indigo-700 hover:underline" href=format!("/admin/mail/{}", m.id)>
                                                    {m.subject.clone()}
                                                </a>
                                            </td>
                                            <td>{m.status.clone()}</td>
                                            <td><time datetime=m.created_at.clone()>{m.created_at.clone()}</time></td>
                                        </tr>
                                    })
                                    .collect_view()}
                            </AdminTable>
            <Pager page=paged.page has_next=paged.has_next />
        </Loaded>
    }
}

/// One message, its links clickable.
#[component]
pub fn MailMessagePage() -> impl IntoView {
    let params = use_params_map();
    let message = load(
        move || params.read().get("id").unwrap_or_default(),
        mail_message,
    );
    view! {
        <Seo title="Mail" description="A message in the outbox." path="/admin/mail" noindex=true />
        <Loaded load=message let:m>
                        <p class="mb-4 text-sm"><a class="text-indigo-700" href="/admin/mail">"← All mail"</a></p>
                        <h1 class="text-2xl font-bold" data-testid="mail-subject">{m.summary.subject.clone()}</h1>
                        <p class="mt-1 text-sm text-stone-600">"To " {m.summary.to.clone()} " · " {m.summary.status.clone()}</p>
                        {m.last_error.clone().map(|e| view! { <p role="alert" class="mt-2 text-sm text-red-700">{e}</p> })}
                        <div class="mt-6 whitespace-pre-wrap rounded-lg border border-stone-200 bg-white p-6 font-mono text-sm" data-testid="mail-body">
                            {linkify(&m.text_body)}
                        </div>
        </Loaded>
    }
}

/// The text with every `http(s)://` URL made a link.
fn linkify(text: &str) -> Vec<AnyView> {
    let mut out = Vec::new();
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push("\n".into_any());
        }
        for (j, word) in line.split(' ').enumerate() {
            if j > 0 {
                out.push(" ".into_any());
            }
            if word.starts_with("http://") || word.starts_with("https://") {
                out.push(view! { <a class="text-indigo-700 underline" href=word.to_owned()>{word.to_owned()}</a> }.into_any());
            } else {
                out.push(word.to_owned().into_any());
            }
        }
    }
    out
}
