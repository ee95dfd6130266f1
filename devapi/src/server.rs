//! The accept loop. Hyper is driven directly (instead of `axum::serve`) so
//! that a response marked [`AbortConnection`] closes the connection without
//! an answer (the `reset` fault), and so that the client address reaches the
//! handlers for WordPress's per-IP comment flood check.

use std::future::Future;
use std::net::SocketAddr;

use axum::extract::ConnectInfo;
use axum::Router;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tower::ServiceExt;

use crate::test_kit_state::AbortConnection;

/// Serves `app` on `listener` until `shutdown` resolves; connections still
/// open then are dropped with the runtime.
pub async fn serve(listener: TcpListener, app: Router, shutdown: impl Future<Output = ()>) {
    tokio::pin!(shutdown);
    loop {
        let (stream, remote) = tokio::select! {
            _ = &mut shutdown => return,
            accepted = listener.accept() => match accepted {
                Ok(conn) => conn,
                Err(e) => {
                    // e.g. too many open files: back off instead of spinning.
                    eprintln!("devapi: accept failed: {e}");
                    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                    continue;
                }
            },
        };
        let app = app.clone();
        tokio::spawn(async move {
            let service = hyper::service::service_fn(move |mut req: hyper::Request<Incoming>| {
                req.extensions_mut()
                    .insert(ConnectInfo::<SocketAddr>(remote));
                let app = app.clone();
                async move {
                    let resp = app
                        .oneshot(req)
                        .await
                        .unwrap_or_else(|never| match never {});
                    if resp.extensions().get::<AbortConnection>().is_some() {
                        // Hyper drops the connection when the service fails.
                        Err(AbortConnection)
                    } else {
                        Ok(resp)
                    }
                }
            });
            let _ = http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}
