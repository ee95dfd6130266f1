use blog_core::data::error::ApiError;
use leptos::prelude::*;

/// A failed load, said plainly, with a Retry that runs the request again.
/// It is announced (`role="alert"`) and Retry gets focus, so a keyboard or
/// screen-reader user is not left on a dead page.
#[component]
pub fn Problem(error: ApiError, on_retry: Callback<()>) -> impl IntoView {
    let retry = NodeRef::<leptos::html::Button>::new();
    retry.on_load(|button| {
        let _ = button.focus();
    });
    view! {
        <div class="problem" role="alert">
            <h2>"Something went wrong"</h2>
            <p>{error.reader_message()}</p>
            <button type="button" node_ref=retry on:click=move |_| on_retry.run(())>"Retry"</button>
        </div>
    }
}
