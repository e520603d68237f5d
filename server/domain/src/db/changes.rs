//! Changes as they happen, for pages watching a record (a styling job, a client's project): one
//! PostgreSQL connection per server instance and channel LISTENs (every change of a record
//! NOTIFYs its id on the channel when it commits), and hands each id to every local subscriber
//! through a broadcast channel. So a write on any instance reaches a browser connected to any
//! other. The listener
//! starts with the first subscriber and reconnects by itself after a lost connection; a
//! subscriber that missed something (before the listener was up, or lagging) re-reads the job
//! on its own timer, so nothing is ever waited on for ever.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use futures::StreamExt;
use tokio::sync::broadcast;
use uuid::Uuid;

use crate::db::DbPool;

/// How many changes a slow subscriber may fall behind before it is told it lagged.
const BACKLOG: usize = 1024;
/// The wait before listening again after the connection was lost.
const RECONNECT: Duration = Duration::from_secs(1);

/// The instance's hub of one channel's changes; cheap to clone.
#[derive(Clone)]
pub struct ChangeHub {
    channel: &'static str,
    tx: broadcast::Sender<Uuid>,
    pool: DbPool,
    started: Arc<AtomicBool>,
}

impl ChangeHub {
    /// A hub of `channel` that listens through a connection taken from `pool` (once someone
    /// subscribes).
    pub fn new(pool: DbPool, channel: &'static str) -> Self {
        Self {
            channel,
            tx: broadcast::channel(BACKLOG).0,
            pool,
            started: Arc::new(AtomicBool::new(false)),
        }
    }

    /// The ids of records as they change, from now on.
    pub fn subscribe(&self) -> broadcast::Receiver<Uuid> {
        let rx = self.tx.subscribe();
        if !self.started.swap(true, Ordering::AcqRel) {
            tokio::spawn(listen(self.pool.clone(), self.channel, self.tx.clone()));
        }
        rx
    }
}

/// Listens for ever, reconnecting after a loss.
async fn listen(pool: DbPool, channel: &'static str, tx: broadcast::Sender<Uuid>) {
    loop {
        match listen_once(&pool, channel, &tx).await {
            Ok(()) => tracing::warn!(channel, "the changes connection closed; listening again"),
            Err(e) => {
                tracing::warn!(channel, error = %e, "the changes listener failed; listening again")
            }
        }
        tokio::time::sleep(RECONNECT).await;
    }
}

/// Takes a connection out of the pool (it is held for good), LISTENs, and forwards every
/// notification until the connection ends.
async fn listen_once(
    pool: &DbPool,
    channel: &'static str,
    tx: &broadcast::Sender<Uuid>,
) -> anyhow::Result<()> {
    use diesel_async::RunQueryDsl;
    let pooled = pool.get().await?;
    let mut conn = diesel_async::pooled_connection::deadpool::Object::take(pooled);
    diesel::sql_query(format!("LISTEN {channel}"))
        .execute(&mut conn)
        .await?;
    tracing::debug!(channel, "listening for changes");
    let mut notifications = std::pin::pin!(conn.notifications_stream());
    while let Some(notification) = notifications.next().await {
        let notification = notification?;
        if let Ok(id) = Uuid::parse_str(&notification.payload) {
            // No subscriber at the moment is fine.
            let _ = tx.send(id);
        }
    }
    Ok(())
}
