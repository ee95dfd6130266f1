//! Futures that start each in a task of its own, for a render that would
//! otherwise make one long task.
//!
//! Leptos runs an effect's first pass, and a resource's first poll, in a
//! future it spawns; `wasm-bindgen-futures` polls those in microtasks, that
//! is at the end of the task that rendered them. When a part of a
//! prerendered page renders the comments section, or the chat, that would
//! make one long task of the render and every effect under it (restoring
//! the device's draft, starting the refresh, reading the chat's state).
//! Spawned within `apart`, each such future is first polled from a timer
//! of its own, so the page can answer input between them; once started, a
//! future is woken as before. Everywhere else (the app, and
//! a part after it has rendered) futures are spawned as Leptos does. A
//! rendered piece goes into the page only after those timers (a step of
//! its own, `part_attach::in_turn`): by then each has run, so what the
//! reader does there is answered at once.

use std::cell::Cell;
use std::time::Duration;

use any_spawner::{CustomExecutor, Executor, PinnedFuture, PinnedLocalFuture};
use leptos::prelude::set_timeout;

thread_local! {
    static APART: Cell<bool> = const { Cell::new(false) };
}

struct OwnTasks;

impl CustomExecutor for OwnTasks {
    fn spawn(&self, fut: PinnedFuture<()>) {
        self.spawn_local(fut);
    }

    fn spawn_local(&self, fut: PinnedLocalFuture<()>) {
        if APART.with(Cell::get) {
            set_timeout(
                move || wasm_bindgen_futures::spawn_local(fut),
                Duration::ZERO,
            );
        } else {
            wasm_bindgen_futures::spawn_local(fut);
        }
    }

    fn poll_local(&self) {}
}

/// Makes this the page's executor: before anything is mounted (mounting
/// sets Leptos's own, which this one is outside `apart`).
pub fn init() {
    let _ = Executor::init_custom_executor(OwnTasks);
}

/// Runs `render`; each future it spawns starts in a task of its own (once
/// `init` has run).
pub fn apart<T>(render: impl FnOnce() -> T) -> T {
    APART.with(|apart| apart.set(true));
    let rendered = render();
    APART.with(|apart| apart.set(false));
    rendered
}
