//! Fresh databases for tests, cloned from a migrated template on a private cluster.
//!
//! The cluster lives in `target/test-postgres` (fsync off) and is shared by every test process;
//! the first process to need the template builds it under a file lock, the rest clone it.
//! `TEST_DATABASE_URL` (a server where the user may create databases) replaces the private
//! cluster when set.

use std::path::PathBuf;

use daydream::postgres::{Durability, PrivateCluster};
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};
use domain::db::migrations;
use tokio::sync::OnceCell;

/// One test's own database.
pub struct TestDatabase {
    pub url: String,
}

static CLUSTER: OnceCell<PrivateCluster> = OnceCell::const_new();

fn cluster_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/test-postgres")
}

async fn cluster() -> &'static PrivateCluster {
    CLUSTER
        .get_or_init(|| async {
            PrivateCluster::start(&cluster_dir(), Durability::Throwaway)
                .await
                .expect("the test PostgreSQL cluster starts")
        })
        .await
}

impl TestDatabase {
    /// A new database with the current schema and no rows.
    pub async fn new() -> Self {
        let cluster = cluster().await;
        let template = ensure_template(cluster).await;
        let name = format!("t_{}", uuid::Uuid::new_v4().simple());
        cluster
            .create_database(&name, Some(&template))
            .await
            .expect("cloning the template database");
        Self {
            url: cluster.connection_string(&name),
        }
    }
}

/// The template for the current migration set, built once across all test processes.
async fn ensure_template(cluster: &PrivateCluster) -> String {
    let template = format!("daydream_template_{}", migrations::fingerprint());
    let lock_path = cluster_dir().with_extension("template.lock");
    let lock = tokio::task::spawn_blocking(move || {
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(lock_path)
            .unwrap();
        nix::fcntl::Flock::lock(file, nix::fcntl::FlockArg::LockExclusive).unwrap()
    })
    .await
    .unwrap();

    let mut admin = AsyncPgConnection::establish(&cluster.connection_string("postgres"))
        .await
        .unwrap();
    let exists = diesel::sql_query(format!(
        "SELECT 1 FROM pg_database WHERE datname = '{template}'"
    ))
    .execute(&mut admin)
    .await
    .unwrap()
        == 1;
    if !exists {
        let building = format!("{template}_building");
        diesel::sql_query(format!("DROP DATABASE IF EXISTS \"{building}\""))
            .execute(&mut admin)
            .await
            .unwrap();
        cluster.create_database(&building, None).await.unwrap();
        daydream::database::migrate(&cluster.connection_string(&building))
            .await
            .expect("migrating the template database");
        diesel::sql_query(format!(
            "ALTER DATABASE \"{building}\" RENAME TO \"{template}\""
        ))
        .execute(&mut admin)
        .await
        .unwrap();
    }
    drop(lock);
    template
}
