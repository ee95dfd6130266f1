//! WordPress's password prompt for a protected post or page. The password
//! goes only into the one request that unlocks it (`wordpress::unlock`):
//! never into storage, the address or the cache. A wrong password or a
//! failed request says so and keeps what was typed.

use blog_core::data::models::Post;
use blog_core::data::singular::Singular;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::transport::wordpress;

/// The password field's id (one prompt a page), which the takeover knows:
/// what was typed before the app started moves into the app's field.
pub const PASSWORD_FIELD_ID: &str = "post-password";

/// WordPress's code for a password that does not match.
const WRONG_PASSWORD: &str = "rest_post_incorrect_password";

#[component]
/// `on_unlock`: the post with its content, and the password that opened it
/// (its comments are read with it).
pub fn PasswordForm(item: Singular, on_unlock: Callback<(Post, String)>) -> impl IntoView {
    let password = RwSignal::new(String::new());
    let message = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let item = StoredValue::new(item);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let typed = password.get_untracked();
        if typed.is_empty() {
            message.set(Some("Enter the password to read this.".into()));
            return;
        }
        busy.set(true);
        message.set(None);
        spawn_local(async move {
            let result = wordpress::unlock(&item.get_value(), &typed).await;
            busy.set(false);
            match result {
                Ok(post) if !post.content.rendered.is_empty() || !post.is_protected() => {
                    on_unlock.run((post, typed))
                }
                Ok(_) => message.set(Some(wrong())),
                Err(e) if e.code() == Some(WRONG_PASSWORD) => message.set(Some(wrong())),
                Err(e) => message.set(Some(e.reader_message())),
            }
        });
    };
    view! {
        // `post`: should the form ever be sent without the app, the password
        // is not put into an address.
        <form class="post-password-form" method="post" on:submit=on_submit novalidate=true>
            <p>"This content is password protected. To view it please enter your password below:"</p>
            <noscript><p class="noscript-note">"Entering the password needs JavaScript."</p></noscript>
            <p class="post-password-field">
                <label for=PASSWORD_FIELD_ID>"Password"</label>
                <input
                    id=PASSWORD_FIELD_ID
                    type="password"
                    name="post_password"
                    autocomplete="current-password"
                    prop:value=move || password.get()
                    on:input=move |ev| password.set(event_target_value(&ev))
                    aria-invalid=move || message.get().is_some().then_some("true")
                    aria-describedby="post-password-message"
                />
                <button type="submit" aria-disabled=move || busy.get().then_some("true")>
                    {move || if busy.get() { "Checking…" } else { "Enter" }}
                </button>
            </p>
            <p id="post-password-message" class="post-password-message" role="alert">
                {move || message.get()}
            </p>
        </form>
    }
}

fn wrong() -> String {
    "That password is not right. Check it and try again.".to_string()
}
