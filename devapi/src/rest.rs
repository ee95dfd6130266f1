//! The REST plumbing every handler shares: what a handler knows of its
//! request (`Ctx`), `_fields` applied to an answer, a collection's body and
//! its `prev`/`next` links. Below the handlers; the route table is `api.rs`.

use axum::http::HeaderMap;
use serde::Serialize;

use crate::fields::{self, Shape};
use crate::query::Params;
use crate::state::Shared;
use crate::wp::Rest;

/// What a handler needs to know about the request.
pub struct Ctx {
    pub state: Shared,
    /// The content as it was when the request came in.
    pub site: std::sync::Arc<crate::content::Site>,
    /// `http://host:port`, for absolute links.
    pub origin: String,
    pub params: Params,
    pub headers: HeaderMap,
    pub client_ip: String,
}

impl Ctx {
    /// `http://host/wp-json/<route>`.
    pub fn api_url(&self, route: &str) -> String {
        format!("{}/wp-json/{route}", self.origin)
    }

    /// `http://host/<path>` on the site itself.
    pub fn home_url(&self, path: &str) -> String {
        format!("{}/{path}", self.origin)
    }
}

/// Applies `_fields` to a successful answer (see [`crate::fields`]).
pub fn apply_fields(ctx: &Ctx, mut rest: Rest, shape: Shape) -> Rest {
    if rest.status.as_u16() >= 400 {
        return rest;
    }
    if let Some(fields) = ctx.params.get("_fields") {
        let shape = if rest.total.is_some() {
            Shape::Collection
        } else {
            shape
        };
        if let Some(body) = fields::apply(&rest.body, fields, shape, ctx.params.has("_embed")) {
            rest.body = body;
        }
    }
    rest
}

/// Serialises a list of items (`_fields` is applied to every answer in
/// `api::handle`).
pub fn items_json<T: Serialize>(_ctx: &Ctx, items: &[T]) -> Vec<u8> {
    serde_json::to_vec(items).unwrap_or_default()
}

/// `prev`/`next` links for a collection page.
pub fn pagination_link(
    ctx: &Ctx,
    route: &str,
    list_params: &[&str],
    page: usize,
    max_pages: usize,
) -> Option<String> {
    let base = ctx.api_url(route);
    let mut links = Vec::new();
    if page > 1 {
        // Past the end, `prev` is the last page (0 when there is none).
        let prev = (page - 1).min(max_pages);
        links.push(format!(
            "<{}>; rel=\"prev\"",
            ctx.params.page_url(&base, list_params, prev)
        ));
    }
    if max_pages > page {
        links.push(format!(
            "<{}>; rel=\"next\"",
            ctx.params.page_url(&base, list_params, page + 1)
        ));
    }
    (!links.is_empty()).then(|| links.join(", "))
}
