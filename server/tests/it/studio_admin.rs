//! `/admin/studio-jobs` as staff use it and as others try it: the job list filtered by state,
//! kind, style and person; a failed job retried for its owner without taking from their
//! quota, a waiting one cancelled (both audited, both refused to a customer); the usage charts
//! drawn from the real jobs.

use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use domain::accounts::Role;
use domain::db::schema::audit_log;
use domain::studio::job_state::JobState;
use domain::studio::jobs::{self, Change};
use domain::studio::usage::{DailyLimits, used_today};

use crate::util::TestApp;
use crate::util::people::{another_customer, api_status, location, sign_in_new};
use crate::util::studio::{person_with_photo, style_job};

async fn audited(app: &TestApp, action: &str, id: &str) -> i64 {
    audit_log::table
        .filter(audit_log::action.eq(action))
        .filter(audit_log::subject_id.eq(id))
        .count()
        .get_result(&mut *app.conn().await)
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn staff_filter_retry_and_cancel_jobs_and_see_the_figures() {
    let app = TestApp::start().await;
    let (ana, photo) = person_with_photo(&app, "ana@example.com").await;
    let limits = DailyLimits {
        free: 5,
        premium: 100,
    };
    let mut ids = Vec::new();
    for style in ["pencil-sketch", "vintage", "vintage"] {
        ids.push(
            jobs::submit(
                &mut *app.conn().await,
                limits,
                false,
                &ana,
                &style_job(photo, style),
            )
            .await
            .unwrap(),
        );
    }
    // The first runs and fails; the second finishes; the third waits.
    let mut conn = app.conn().await;
    jobs::move_to(&mut conn, ids[0], JobState::Running, Change::default())
        .await
        .unwrap();
    let failed = Change {
        error: Some("The engine gave up.".into()),
        ..Change::default()
    };
    jobs::move_to(&mut conn, ids[0], JobState::Failed, failed)
        .await
        .unwrap();
    drop(conn);
    assert_eq!(
        used_today(&mut *app.conn().await, ana.id).await.unwrap().1,
        2,
        "refunded"
    );
    let (failed_id, waiting_id) = (ids[0].to_string(), ids[2].to_string());

    sign_in_new(&app, "sam@example.com", Role::Staff).await;
    let (status, all) = app.get_text("/admin/studio-jobs").await;
    assert_eq!(status, 200);
    assert_eq!(all.matches("data-testid=\"studio-job\"").count(), 3);
    assert!(all.contains("quality medium"), "the parameters are shown");
    assert!(all.contains("The engine gave up."));
    let (_, vintage) = app.get_text("/admin/studio-jobs?style=vintage").await;
    assert_eq!(vintage.matches("data-testid=\"studio-job\"").count(), 2);
    let (_, nobody) = app.get_text("/admin/studio-jobs?user=nobody%25").await;
    assert_eq!(nobody.matches("data-testid=\"studio-job\"").count(), 0);
    let (_, ana_jobs) = app
        .get_text("/admin/studio-jobs?user=ANA%40&kind=style&state=failed")
        .await;
    assert_eq!(ana_jobs.matches("data-testid=\"studio-job\"").count(), 1);
    assert!(ana_jobs.contains(&failed_id));

    // The figures: three local jobs today, one failed.
    assert!(all.contains("data-testid=\"chart-jobs\""));
    assert!(
        all.contains("Local engine 3 jobs"),
        "the bar's label counts the jobs"
    );
    assert!(all.contains("Failed, % of jobs 33.3 %"));

    // A customer may do neither.
    let eve = another_customer(&app, "eve@example.com").await;
    assert_eq!(
        api_status(
            &app,
            &eve,
            "/api/admin_retry_studio_job",
            &[("id", &failed_id)]
        )
        .await,
        403
    );
    assert_eq!(
        api_status(
            &app,
            &eve,
            "/api/admin_cancel_studio_job",
            &[("id", &waiting_id)]
        )
        .await,
        403
    );

    // Staff retry the failure: queued again, the person's quota untouched; audited.
    let r = app
        .post_form(
            "/api/admin_retry_studio_job",
            "/admin/studio-jobs",
            &[("id", &failed_id)],
        )
        .await;
    assert_eq!(location(&r), "/admin/studio-jobs");
    let job = jobs::get(&mut *app.conn().await, ids[0])
        .await
        .unwrap()
        .unwrap();
    assert_eq!(job.state, JobState::Pending);
    assert_eq!(
        used_today(&mut *app.conn().await, ana.id).await.unwrap().1,
        2
    );
    assert_eq!(audited(&app, "studio_job.retry", &failed_id).await, 1);
    assert_eq!(
        api_status(
            &app,
            app.client(),
            "/api/admin_retry_studio_job",
            &[("id", &waiting_id)]
        )
        .await,
        409,
        "only a failed job is retried"
    );

    // Staff cancel the waiting one: cancelled at once, its quota given back; audited.
    let r = app
        .post_form(
            "/api/admin_cancel_studio_job",
            "/admin/studio-jobs",
            &[("id", &waiting_id)],
        )
        .await;
    assert_eq!(location(&r), "/admin/studio-jobs");
    let job = jobs::get(&mut *app.conn().await, ids[2])
        .await
        .unwrap()
        .unwrap();
    assert_eq!(job.state, JobState::Cancelled);
    assert_eq!(
        used_today(&mut *app.conn().await, ana.id).await.unwrap().1,
        1
    );
    assert_eq!(audited(&app, "studio_job.cancel", &waiting_id).await, 1);

    // The retried job runs to the end.
    app.run_pending_jobs().await;
    let job = jobs::get(&mut *app.conn().await, ids[0])
        .await
        .unwrap()
        .unwrap();
    assert_eq!(job.state, JobState::Done);
}
