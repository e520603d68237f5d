//! Which code runs for which job name.

use std::collections::HashMap;
use std::sync::Arc;

use futures::future::BoxFuture;

use super::{Job, JobContext};

type Handler = Arc<
    dyn Fn(serde_json::Value, JobContext) -> BoxFuture<'static, anyhow::Result<()>> + Send + Sync,
>;

/// Maps job names to the code that runs them.
#[derive(Clone, Default)]
pub struct Registry {
    handlers: HashMap<&'static str, Handler>,
}

impl Registry {
    /// An empty registry (tests register exactly the jobs they exercise).
    pub fn new() -> Self {
        Self::default()
    }

    /// Every job Daydream has.
    pub fn daydream() -> Self {
        Self::new()
            .register::<super::delete_expired_sessions::DeleteExpiredSessions>()
            .register::<super::prune_finished_jobs::PruneFinishedJobs>()
            .register::<super::purge_sent_mail::PurgeSentMail>()
            .register::<super::deliver_email::DeliverEmail>()
            .register::<super::process_media::ProcessMedia>()
            .register::<super::draw_demo_images::DrawDemoImages>()
            .register::<super::import_products::ImportProducts>()
            .register::<super::embed_products::EmbedProducts>()
            .register::<super::refund_payment::RefundPayment>()
            .register::<super::release_stock_holds::ReleaseStockHolds>()
            .register::<super::count_sales::CountSales>()
            .register::<super::run_studio_job::RunStudioJob>()
            .register::<super::draw_style_examples::DrawStyleExamples>()
            .register::<super::count_style_popularity::CountStylePopularity>()
            .register::<super::generate_reports::GenerateReports>()
            .register::<super::clean_studio_media::CleanStudioMedia>()
            .register::<super::render_prints::RenderPrints>()
            .register::<super::invite_waitlist::InviteWaitlist>()
    }

    /// Adds job type `J`.
    pub fn register<J: Job>(mut self) -> Self {
        let handler: Handler = Arc::new(|payload, ctx| {
            Box::pin(async move {
                let job: J = serde_json::from_value(payload)
                    .map_err(|e| anyhow::anyhow!("payload does not decode as {}: {e}", J::NAME))?;
                job.run(&ctx).await
            })
        });
        self.handlers.insert(J::NAME, handler);
        self
    }

    /// The handler for `name`, if registered.
    pub(crate) fn get(&self, name: &str) -> Option<&Handler> {
        self.handlers.get(name)
    }

    /// The registered names, sorted.
    pub fn names(&self) -> Vec<&'static str> {
        let mut names: Vec<_> = self.handlers.keys().copied().collect();
        names.sort_unstable();
        names
    }
}
