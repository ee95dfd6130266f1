use blog_core::data::error::ApiError;
use leptos::prelude::*;
use leptos_meta::Title;

/// A failed load, said plainly, with a Retry that runs the request again.
/// It is announced (`role="alert"`).
/// `page`: the whole page failed, so its title is the page's one `h1`.
/// `focus`: Retry takes focus, so a keyboard user is not left on a dead page;
/// only for what replaces the page's content (a failed comments section must
/// not pull the reader away from the article). Implied by `page`.
#[component]
pub fn Problem(
    error: ApiError,
    on_retry: Callback<()>,
    #[prop(optional)] page: bool,
    #[prop(optional)] focus: bool,
) -> impl IntoView {
    let retry = NodeRef::<leptos::html::Button>::new();
    retry.on_load(move |button| {
        if page || focus {
            let _ = button.focus();
        }
    });
    view! {
        <div class="problem" role="alert">
            {if page {
                view! { <Title text="Something went wrong" /> <h1>"Something went wrong"</h1> }.into_any()
            } else {
                view! { <h2>"Something went wrong"</h2> }.into_any()
            }}
            <p>{error.reader_message()}</p>
            <button type="button" node_ref=retry on:click=move |_| on_retry.run(())>"Retry"</button>
        </div>
    }
}
