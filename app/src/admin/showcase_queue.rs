//! The showcase's queue on `/admin/studio-jobs`: results their owners asked to share, oldest
//! first, each with its picture (a signed address: staff see what they approve) and two real
//! forms, approve (it shows in `/studio/showcase` at once) or decline (back to private).
//! Staff only; every decision is audited.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::ui::form::{FormError, action_error};
use crate::ui::loaded::{Loaded, load};

/// One result waiting for a decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Waiting {
    pub id: String,
    pub title: String,
    pub style: Option<String>,
    pub picture_url: String,
}

/// The results waiting for staff (staff only).
#[server(prefix = "/api", endpoint = "admin_showcase_queue")]
pub async fn admin_showcase_queue() -> Result<Vec<Waiting>, AppError> {
    use domain::studio::results::{self, Showcase};
    crate::accounts::auth::require_staff().await?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    let waiting = results::in_showcase(&mut conn, Showcase::Submitted, 50, 0).await?;
    Ok(waiting
        .into_iter()
        .map(|r| Waiting {
            id: r.id.to_string(),
            title: r.title(),
            style: r.style_name.clone(),
            picture_url: crate::studio::photos_api::signed::sized(
                &ctx.services,
                r.media_id,
                &r.content_type,
                &r.variant_widths,
                600,
            ),
        })
        .collect())
}

/// Approves (`approve`) or declines a result waiting for the showcase (staff only, audited).
#[server(prefix = "/api", endpoint = "admin_decide_showcase")]
pub async fn decide_showcase(id: String, approve: bool) -> Result<(), AppError> {
    use domain::studio::results::{self, ShowcaseError};
    let staff = crate::accounts::auth::require_staff().await?;
    let id = uuid::Uuid::parse_str(id.trim()).map_err(|_| AppError::NotFound)?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    results::decide(&mut conn, staff.id, id, approve)
        .await
        .map_err(|e| match e {
            ShowcaseError::NotSubmitted => AppError::conflict(e.to_string()),
            _ => AppError::NotFound,
        })?;
    leptos_axum::redirect("/admin/studio-jobs");
    Ok(())
}

/// The queue, with a form per result.
#[component]
pub fn ShowcaseQueue() -> impl IntoView {
    let data = load(|| (), |()| admin_showcase_queue());
    let decide = ServerAction::<DecideShowcase>::new();
    let error = action_error(decide.value());
    view! {
        <h2 class="mb-2 mt-8 text-xl font-semibold">"Waiting for the showcase"</h2>
        <FormError error=error />
        <Loaded load=data let:waiting>
            {if waiting.is_empty() {
                view! { <p class="text-sm text-stone-600" data-testid="showcase-queue-empty">"Nothing waiting."</p> }.into_any()
            } else {
                view! {
                    <ul class="grid gap-4 sm:grid-cols-2 lg:grid-cols-4" data-testid="showcase-queue">
                        {waiting.into_iter().map(|w| {
                            let (approve_id, decline_id) = (w.id.clone(), w.id.clone());
                            view! {
                                <li class="rounded-lg border border-stone-200 p-3" data-testid="showcase-waiting" data-result-id=w.id.clone()>
                                    <img src=w.picture_url alt=w.title.clone() class="aspect-square w-full rounded object-cover" />
                                    <p class="mt-2 font-medium">{w.title}</p>
                                    <p class="text-sm text-stone-600">{w.style}</p>
                                    <div class="mt-2 flex gap-2">
                                        <ActionForm action=decide>
                                            <input type="hidden" name="id" value=approve_id />
                                            <input type="hidden" name="approve" value="true" />
                                            <button type="submit" class="rounded-md bg-green-700 px-3 py-1 text-sm font-medium text-white" data-testid="approve-showcase">"Approve"</button>
                                        </ActionForm>
                                        <ActionForm action=decide>
                                            <input type="hidden" name="id" value=decline_id />
                                            <input type="hidden" name="approve" value="false" />
                                            <button type="submit" class="rounded-md border border-stone-300 px-3 py-1 text-sm font-medium" data-testid="decline-showcase">"Decline"</button>
                                        </ActionForm>
                                    </div>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </Loaded>
    }
}
