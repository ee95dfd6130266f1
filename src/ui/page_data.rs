//! A page's data: taken from the response cache in the first render when it
//! is there (a prerendered page's seed, a page revisited with Back), fetched
//! otherwise. The first case never shows a skeleton, which is what lets the
//! app take over a prerendered page without a flash, and lets the same
//! component render to HTML at build time (where nothing is fetched).

use std::future::Future;

use leptos::prelude::*;

pub struct PageData<T: Send + Sync + 'static> {
    ready: StoredValue<Option<T>>,
    fetched: Option<LocalResource<T>>,
}

// By hand: a derive would ask `T: Copy`, but only handles are copied.
impl<T: Send + Sync + 'static> Clone for PageData<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: Send + Sync + 'static> Copy for PageData<T> {}

impl<T: Clone + Send + Sync + 'static> PageData<T> {
    /// `ready`: the value when the cache already has it; `fetch` runs only
    /// when it does not.
    pub fn new<Fut>(ready: Option<T>, fetch: impl Fn() -> Fut + 'static) -> Self
    where
        Fut: Future<Output = T> + 'static,
    {
        let fetched = ready.is_none().then(|| LocalResource::new(fetch));
        Self {
            ready: StoredValue::new(ready),
            fetched,
        }
    }

    /// The value, or `None` while it loads (tracked, like a resource).
    pub fn get(&self) -> Option<T> {
        self.ready
            .get_value()
            .or_else(|| self.fetched.and_then(|r| r.get()))
    }

    /// Runs the request again (Retry). A value from the cache is a success
    /// and is never retried.
    pub fn refetch(&self) {
        if let Some(r) = self.fetched {
            r.refetch();
        }
    }
}
