//! `TestApp`: the real router on a real port over a fresh database, plus helpers to drive it.

use std::collections::HashMap;
use std::net::SocketAddr;

use daydream::config::Config;
use daydream::database::Database;
use daydream::state::AppState;
use domain::db::{DbPool, PooledConn, build_pool};
use domain::jobs::runner::Outcome;
use domain::jobs::{JobContext, JobRow, Registry, Runner, RunnerConfig};
use secrecy::SecretString;
use tokio_util::sync::CancellationToken;

use super::test_database::TestDatabase;

/// A running Daydream on 127.0.0.1 with its own database.
pub struct TestApp {
    pub addr: SocketAddr,
    pub state: AppState,
    client: reqwest::Client,
    shutdown: CancellationToken,
}

/// Options for a `TestApp`.
#[derive(Default)]
pub struct TestAppBuilder {
    env: HashMap<String, String>,
    unreachable_database: bool,
}

impl TestApp {
    /// Starts building a test app.
    #[expect(
        clippy::new_ret_no_self,
        reason = "builder entry point, as in crates.io's TestApp"
    )]
    pub fn new() -> TestAppBuilder {
        TestAppBuilder::default()
    }

    /// A default app, started.
    pub async fn start() -> Self {
        Self::new().build().await
    }

    /// `http://127.0.0.1:<port>` + `path`.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// The HTTP client (keeps cookies, never follows redirects).
    pub fn client(&self) -> &reqwest::Client {
        &self.client
    }

    /// GET `path` as a browser does (accepting HTML).
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .header("accept", "text/html")
            .send()
            .await
            .unwrap()
    }

    /// GET `path` and return status and body.
    pub async fn get_text(&self, path: &str) -> (u16, String) {
        let response = self.get(path).await;
        let status = response.status().as_u16();
        (status, response.text().await.unwrap())
    }

    /// POSTs a form as a browser without JavaScript does (same-origin, accepting HTML, coming
    /// from page `from`). Redirects are not followed.
    pub async fn post_form(
        &self,
        path: &str,
        from: &str,
        form: &[(&str, &str)],
    ) -> reqwest::Response {
        self.post_form_as(&self.client, path, from, form).await
    }

    /// As [`Self::post_form`], from another browser (`client`, e.g. `people::browser()`).
    pub async fn post_form_as(
        &self,
        client: &reqwest::Client,
        path: &str,
        from: &str,
        form: &[(&str, &str)],
    ) -> reqwest::Response {
        client
            .post(self.url(path))
            .header("origin", self.url(""))
            .header("referer", self.url(from))
            .header("accept", "text/html")
            .form(form)
            .send()
            .await
            .unwrap()
    }

    /// POSTs a form as the WASM client calls a server function (no HTML accepted).
    pub async fn post_api(&self, path: &str, form: &[(&str, &str)]) -> reqwest::Response {
        self.client
            .post(self.url(path))
            .header("origin", self.url(""))
            .header("accept", "application/json")
            .form(form)
            .send()
            .await
            .unwrap()
    }

    /// Every message in the outbox, newest first.
    pub async fn sent_emails(&self) -> Vec<domain::email::EmailRow> {
        domain::email::outbox::list(&mut *self.conn().await, None, 100, 0)
            .await
            .unwrap()
    }

    /// The first link to `path` in the newest message to `to`, as a site-relative URL.
    pub async fn link_in_email(&self, to: &str, path: &str) -> String {
        let emails = domain::email::outbox::list(&mut *self.conn().await, Some(to), 1, 0)
            .await
            .unwrap();
        let body = &emails.first().expect("an email was sent").text_body;
        let start = body
            .find(&self.url(path))
            .expect("the link is in the email");
        let link: String = body[start..]
            .chars()
            .take_while(|c| !c.is_whitespace())
            .collect();
        link.trim_start_matches(&self.url("")).to_owned()
    }

    /// The app's database pool.
    pub fn pool(&self) -> &DbPool {
        &self.state.services.pool
    }

    /// A connection to the app's database.
    pub async fn conn(&self) -> PooledConn {
        self.state.services.pool.get().await.unwrap()
    }

    /// What this app's jobs run with (to run one job directly).
    pub fn job_context(&self) -> JobContext {
        daydream::serve::job_context(&self.state)
    }

    /// A runner for `registry` on this app's database (one worker, short lease for tests).
    pub fn runner(&self, registry: Registry, config: RunnerConfig) -> Runner {
        Runner::new(self.job_context(), registry, config)
    }

    /// Runs every due job with all of Daydream's jobs registered; returns what ran.
    pub async fn run_pending_jobs(&self) -> Vec<(JobRow, Outcome)> {
        daydream::serve::job_runner(&self.state)
            .run_until_empty()
            .await
            .unwrap()
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        self.shutdown.cancel();
    }
}

impl TestAppBuilder {
    /// Sets a configuration variable as if it were in the environment.
    pub fn with_env(mut self, key: &str, value: &str) -> Self {
        self.env.insert(key.to_owned(), value.to_owned());
        self
    }

    /// Points the app at a database that refuses connections (for readiness tests).
    pub fn with_unreachable_database(mut self) -> Self {
        self.unreachable_database = true;
        self
    }

    /// Starts the app.
    pub async fn build(mut self) -> TestApp {
        domain::tls::install_crypto_provider();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let database = if self.unreachable_database {
            None
        } else {
            Some(TestDatabase::new().await)
        };
        let url = database.as_ref().map_or_else(
            // Port 9 (discard) on loopback: nothing listens, connections are refused at once.
            || "host=127.0.0.1 port=9 user=nobody dbname=nothing connect_timeout=1".to_owned(),
            |d| d.url.clone(),
        );
        self.env.insert("LEPTOS_SITE_ADDR".into(), addr.to_string());
        self.env.insert("DATABASE_URL".into(), url.clone());
        self.env
            .entry("DAYDREAM_ENV".into())
            .or_insert_with(|| "development".into());
        self.env
            .entry("DATABASE_POOL_SIZE".into())
            .or_insert_with(|| "4".into());
        self.env
            .entry("DATABASE_TIMEOUT_SECONDS".into())
            .or_insert_with(|| "2".into());
        self.env
            .entry("DAYDREAM_DATA_DIR".into())
            .or_insert_with(|| {
                std::env::temp_dir()
                    .join(format!("daydream-test-{}", uuid::Uuid::new_v4().simple()))
                    .to_string_lossy()
                    .into_owned()
            });
        let config = Config::from_sources(None, &self.env).unwrap();
        // The pool as the server builds it: size and wait from the configuration (`with_env`).
        let pool = build_pool(&url, config.database.pool_size, config.database.timeout).unwrap();
        let db = Database {
            pool,
            url: SecretString::from(url),
            cluster: None,
        };
        let limits = daydream::serve::connection_limits(&config);
        let state = daydream::serve::state(config, &db).unwrap();
        let router = daydream::http::router(state.clone());
        let shutdown = CancellationToken::new();
        let stop = shutdown.clone();
        tokio::spawn(daydream::http::listener::serve(
            listener,
            router,
            limits,
            async move { stop.cancelled().await },
        ));
        let client = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        TestApp {
            addr,
            state,
            client,
            shutdown,
        }
    }
}
