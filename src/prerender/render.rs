//! Renders one page with the app's own `App` component (Leptos SSR), from
//! the responses in its seed: the same first render the browser will make.

use blog_core::data::seed::PageSeed;
use futures::StreamExt;
use leptos::prelude::*;
use leptos_meta::ServerMetaContext;
use leptos_router::location::RequestUrl;

use crate::transport::{cache, seed};
use crate::ui::app::App;

/// A rendered page: what leptos_meta collected for `<head>` (title,
/// description) and the body's HTML.
pub struct Rendered {
    pub head: String,
    pub body: String,
}

/// Call once before rendering: SSR runs a few futures to completion.
pub fn init() {
    let _ = any_spawner::Executor::init_futures_executor();
}

pub fn render(path: &str, page_seed: &PageSeed) -> Rendered {
    cache::clear();
    seed::seed_cache(page_seed.clone());
    let owner = Owner::new();
    let rendered = owner.with(|| {
        provide_context(RequestUrl::new(path));
        let (meta, meta_output) = ServerMetaContext::new();
        provide_context(meta);
        // As Leptos's server integrations do: the head is filled from the
        // stream's first chunk while the rendered app (and the signals its
        // title reads) is still alive.
        let app = view! { <App /> }.to_html_stream_in_order();
        let chunks = futures::executor::block_on(async move {
            let page = futures::stream::once(async { "<head></head>".to_string() }).chain(app);
            let chunks: Vec<String> = meta_output
                .inject_meta_context(Box::pin(page))
                .await
                .collect()
                .await;
            chunks
        });
        let (head, body) = chunks.split_first().expect("the head chunk");
        let head = head
            .trim_start_matches("<head>")
            .trim_end_matches("</head>")
            .to_string();
        let body = body.concat();
        Rendered { head, body }
    });
    drop(owner);
    rendered
}
