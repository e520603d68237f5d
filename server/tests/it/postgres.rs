//! The private PostgreSQL cluster: created on first start, data kept across restarts, stopped
//! cleanly, with its socket moved to a short path when the folder is too deep for one.

use daydream::postgres::{Durability, PrivateCluster};
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};

#[derive(diesel::QueryableByName)]
struct Note {
    #[diesel(sql_type = diesel::sql_types::Text)]
    body: String,
}

#[tokio::test(flavor = "multi_thread")]
async fn a_cluster_is_created_reused_and_stopped() {
    // Deep enough that the socket cannot live in the folder itself.
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../target/test-clusters")
        .join(format!(
            "a-rather-long-folder-name-{}",
            uuid::Uuid::new_v4().simple()
        ))
        .join("postgres");

    let cluster = PrivateCluster::start(&dir, Durability::Throwaway)
        .await
        .unwrap();
    assert!(cluster.started_here());
    assert!(dir.join("PG_VERSION").exists(), "initdb ran");
    assert!(
        cluster.connection_string("x").contains("/daydream-pg-"),
        "long paths put the socket under the temp dir: {}",
        cluster.connection_string("x")
    );
    cluster.ensure_database("notes").await.unwrap();
    cluster.ensure_database("notes").await.unwrap(); // idempotent
    let mut conn = AsyncPgConnection::establish(&cluster.connection_string("notes"))
        .await
        .unwrap();
    diesel::sql_query("CREATE TABLE notes (body TEXT NOT NULL)")
        .execute(&mut conn)
        .await
        .unwrap();
    diesel::sql_query("INSERT INTO notes VALUES ('kept')")
        .execute(&mut conn)
        .await
        .unwrap();
    drop(conn);

    // A second start while it runs attaches instead of starting another server.
    let attached = PrivateCluster::start(&dir, Durability::Throwaway)
        .await
        .unwrap();
    assert!(!attached.started_here());
    attached.stop().await.unwrap();
    assert!(cluster.is_running().await, "only the starter stops it");

    cluster.stop().await.unwrap();
    assert!(!cluster.is_running().await);
    assert!(!dir.join("postmaster.pid").exists(), "clean shutdown");

    let again = PrivateCluster::start(&dir, Durability::Throwaway)
        .await
        .unwrap();
    assert!(again.started_here());
    let mut conn = AsyncPgConnection::establish(&again.connection_string("notes"))
        .await
        .unwrap();
    let notes: Vec<Note> = diesel::sql_query("SELECT body FROM notes")
        .load(&mut conn)
        .await
        .unwrap();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].body, "kept");
    drop(conn);
    again.stop().await.unwrap();
    std::fs::remove_dir_all(dir.parent().unwrap()).ok();
}
