//! The diesel migrations, embedded in the binary and run at start.

use diesel_async::{AsyncMigrationHarness, AsyncPgConnection};
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};

/// Every migration under `migrations/`, compiled in.
pub const MIGRATIONS: EmbeddedMigrations = embed_migrations!("../../migrations");

/// A migration run that failed; the message names the migration.
#[derive(Debug, thiserror::Error)]
#[error("running database migrations failed: {0}")]
pub struct MigrationError(String);

/// Runs every pending migration on `conn` and returns how many ran.
///
/// Diesel's migration runner is synchronous; the harness bridges it with `block_in_place`, so
/// this must run on the multi-threaded tokio runtime (the server's and the tests').
pub fn run_pending(conn: AsyncPgConnection) -> Result<usize, MigrationError> {
    let mut harness = AsyncMigrationHarness::new(conn);
    harness
        .run_pending_migrations(MIGRATIONS)
        .map(|versions| versions.len())
        .map_err(|e| MigrationError(e.to_string()))
}

/// A short fingerprint of the embedded migration set: it changes whenever a migration is added,
/// so test template databases built from an older set are never reused.
pub fn fingerprint() -> String {
    use diesel::migration::MigrationSource;
    use diesel::pg::Pg;
    let names: Vec<String> = MigrationSource::<Pg>::migrations(&MIGRATIONS)
        .map(|all| all.iter().map(|m| m.name().to_string()).collect())
        .unwrap_or_default();
    format!(
        "{:016x}",
        crate::fingerprint::fnv1a(names.join("\n").as_bytes())
    )
}
