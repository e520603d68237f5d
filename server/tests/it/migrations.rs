//! Every migration can be reverted and applied again (`diesel migration redo` for all of them).

use diesel_async::{AsyncConnection, AsyncMigrationHarness, AsyncPgConnection};
use diesel_migrations::MigrationHarness;
use domain::db::migrations::MIGRATIONS;

use crate::util::test_database::TestDatabase;

#[tokio::test(flavor = "multi_thread")]
async fn all_migrations_revert_and_reapply() {
    let db = TestDatabase::new().await;
    let conn = AsyncPgConnection::establish(&db.url).await.unwrap();
    let mut harness = AsyncMigrationHarness::new(conn);
    let applied = harness.applied_migrations().unwrap().len();
    assert!(applied >= 3, "the template is migrated");
    let reverted = harness.revert_all_migrations(MIGRATIONS).unwrap();
    assert_eq!(reverted.len(), applied);
    assert!(harness.applied_migrations().unwrap().is_empty());
    let reapplied = harness.run_pending_migrations(MIGRATIONS).unwrap();
    assert_eq!(reapplied.len(), applied);
}
