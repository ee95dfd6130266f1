//! The top-level router: the REST API, uploads, the test kit's routes and
//! the static frontend. Configuration and state are `state.rs`.

use axum::extract::{Request, State};
use axum::middleware;
use axum::response::Response;
use axum::Router;

pub use crate::state::{build_state, AppState, Config, Shared};
use crate::{api, faults, static_files};

/// Loads the content and the comment store and builds the app.
pub fn build_app(config: Config) -> Result<Router, String> {
    Ok(router(build_state(config)?))
}

pub fn router(state: Shared) -> Router {
    let mut router = Router::new().fallback(dispatch);
    if state.config.test_control {
        router = router.layer(middleware::from_fn_with_state(
            state.clone(),
            faults::middleware,
        ));
    }
    router.with_state(state)
}

/// Paths are matched by hand: WordPress ignores trailing slashes and answers
/// `rest_no_route` for anything it does not know, which is simpler to mirror
/// here than with a route table.
async fn dispatch(State(state): State<Shared>, req: Request) -> Response {
    let path = req.uri().path();
    if state.config.api && (path == "/wp-json" || path.starts_with("/wp-json/")) {
        if state.config.test_control {
            if let Some(resp) = faults::answer_test_post(&state, &req) {
                return resp;
            }
        }
        return api::handle(state, req).await;
    }
    if path.starts_with("/wp-content/uploads/") {
        return static_files::uploads(state, req).await;
    }
    if state.config.test_control && path.starts_with("/__test/") {
        return faults::control(state, req).await;
    }
    static_files::site(state, req).await
}
