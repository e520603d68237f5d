//! The axum router: Leptos pages and server functions, operations endpoints, static files, and
//! the middleware stack around them.

pub mod body_limit;
pub mod catalog_export;
pub mod client_ip;
pub mod csrf;
pub mod form_errors;
pub mod health;
pub mod listener;
pub mod metrics;
pub mod private_media;
pub mod project_events;
pub mod project_files;
pub mod report_files;
pub mod security_headers;
pub mod server_fn_status;
pub mod showcase_media;
pub mod signed_in;
pub mod sitemap;
pub mod static_files;
pub mod studio_download;
pub mod studio_events;
pub mod studio_partial;
pub mod waitlist_export;

use app::server_context::ServerContext;
use app::site::SiteOrigin;
use app::{App, shell};
use axum::Router;
use axum::routing::get;
use http::HeaderName;
use leptos::prelude::provide_context;
use leptos_axum::{LeptosRoutes, generate_route_list};
use tower::ServiceBuilder;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

use crate::state::AppState;

/// Header carrying each request's id (set when the client sent none, echoed in the response).
pub const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// Builds the whole application router.
pub fn router(state: AppState) -> Router {
    let context = {
        let ctx = ServerContext {
            services: state.services.clone(),
            development: state.config.environment == crate::config::Environment::Development,
            sandbox_in_production: state.config.environment
                == crate::config::Environment::Production
                && state.config.allow_sandbox_payments,
            session_max_age: state.config.sessions.max_age,
        };
        let origin = SiteOrigin(state.config.public_url.clone());
        move || {
            provide_context(ctx.clone());
            provide_context(origin.clone());
            provide_context(app::accounts::auth::RequestUser::default());
        }
    };
    let options = state.leptos_options.clone();
    let routes = generate_route_list(App);

    // Unknown paths: a file under the site root (favicon, robots), else the 404 page. Not
    // Leptos' `file_and_error_handler`: it serves files inside the reactive owner the worker
    // thread last rendered a page in, and so takes that page's headers and status.
    let not_found = leptos_axum::render_app_async_with_context(context.clone(), {
        let options = options.clone();
        move || shell(options.clone())
    });
    let pages: Router<AppState> = Router::new()
        .leptos_routes_with_context(&state, routes, context, move || shell(options.clone()))
        .fallback_service(static_files::site_root_service(&state, not_found));

    Router::new()
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .route("/metrics", get(metrics::render))
        .route("/robots.txt", get(sitemap::robots))
        .route("/sitemap.xml", get(sitemap::index))
        .route("/sitemaps/{file}", get(sitemap::file))
        .route("/admin/products/export.csv", get(catalog_export::export))
        .route("/admin/waitlist.csv", get(waitlist_export::export))
        .nest_service("/pkg", static_files::pkg_service(&state))
        .nest_service("/media", static_files::media_service(&state))
        .route("/private/media/{id}/{file}", get(private_media::serve))
        .route("/studio/jobs/{id}/events", get(studio_events::stream))
        .route(
            "/dashboard/projects/{id}/events",
            get(project_events::stream),
        )
        .route("/dashboard/files/{id}", get(project_files::download))
        .route("/dashboard/reports/{id}", get(report_files::html))
        .route("/dashboard/reports/{id}/csv", get(report_files::csv))
        .route("/studio/jobs/{id}/partial", get(studio_partial::serve))
        .route(
            "/studio/gallery/{id}/download",
            get(studio_download::download),
        )
        .route("/studio/showcase/{id}/{file}", get(showcase_media::serve))
        .merge(pages)
        .layer(axum::middleware::from_fn(form_errors::keep_in_session))
        .layer(crate::sessions::layer(
            state.services.pool.clone(),
            &state.config,
        ))
        .layer(axum::middleware::from_fn_with_state(
            csrf::PublicOrigin(state.config.public_url.clone()),
            csrf::check_origin,
        ))
        .layer(axum::middleware::from_fn_with_state(
            body_limit::BodyLimits {
                default: state.config.http.body_limit,
                upload: state.config.http.upload_limit,
            },
            body_limit::limit,
        ))
        .layer(axum::middleware::from_fn(
            server_fn_status::map_error_status,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            metrics::track_requests,
        ))
        .layer(
            ServiceBuilder::new()
                .layer(SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid))
                .layer(
                    TraceLayer::new_for_http()
                        .make_span_with(make_request_span)
                        .on_request(())
                        .on_response(
                            tower_http::trace::DefaultOnResponse::new()
                                .level(tracing::Level::INFO)
                                .latency_unit(tower_http::LatencyUnit::Millis),
                        ),
                )
                .layer(PropagateRequestIdLayer::new(REQUEST_ID))
                .layer(CatchPanicLayer::custom(server_fn_status::panic_response))
                .layer(axum::middleware::from_fn_with_state(
                    security_headers::Https(state.config.is_https()),
                    security_headers::add,
                ))
                .layer(CompressionLayer::new())
                .layer(TimeoutLayer::with_status_code(
                    http::StatusCode::REQUEST_TIMEOUT,
                    state.config.http.request_timeout,
                )),
        )
        .layer(axum::middleware::from_fn_with_state(
            client_ip::TrustedProxies(std::sync::Arc::new(
                state.config.http.trusted_proxies.clone(),
            )),
            client_ip::resolve,
        ))
        .with_state(state)
}

/// The span every log line of a request is written in: method, path and request id.
fn make_request_span(request: &http::Request<axum::body::Body>) -> tracing::Span {
    let request_id = request
        .headers()
        .get(REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-");
    tracing::info_span!(
        "request",
        request.id = %request_id,
        http.method = %request.method(),
        http.path = %request.uri().path(),
    )
}
