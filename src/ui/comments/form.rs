//! The comment form: WordPress's fields and words, checked in the browser
//! before anything is sent, errors shown the GOV.UK way (a summary that
//! links to the fields, and a message at each field).

use blog_core::rules::comment_validation::Field;
use leptos::html::{Div, Textarea};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::ui::comments::form_state::FormState;

#[component]
pub fn CommentForm() -> impl IntoView {
    let form = expect_context::<FormState>();
    let summary = NodeRef::<Div>::new();
    let comment_box = NodeRef::<Textarea>::new();

    // A reply form takes focus where the visitor will type.
    comment_box.on_load(move |el| {
        if form.reply_to.with_untracked(Option::is_some) {
            let _ = el.focus();
        }
    });
    // The summary takes focus whenever a submit finds problems.
    Effect::new(move |_| {
        if form.focus_summary.get() > 0 {
            if let Some(el) = summary.get() {
                let _ = el.focus();
            }
        }
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form.submit(bring_into_view);
    };

    let title = move || match form.reply_to.get() {
        Some(target) => format!("Leave a Reply to {}", target.author),
        None => "Leave a Comment".to_string(),
    };
    let has_summary =
        move || form.errors.with(|e| !e.is_empty()) || form.problem.with(Option::is_some);

    view! {
        <div class="comment-respond" id="respond">
            <h3 id="reply-title" class="comment-reply-title">
                {title}
                {move || form.reply_to.get().map(|target| view! {
                    " "
                    <button type="button" class="link-button cancel-reply" on:click=move |_| {
                        form.retarget(None);
                        focus_by_id(&format!("reply-to-{}", target.id));
                    }>"Cancel reply"</button>
                })}
            </h3>
            <form class="comment-form" novalidate=true on:submit=on_submit aria-labelledby="reply-title">
                <div class="error-summary" tabindex="-1" node_ref=summary hidden=move || !has_summary() aria-labelledby="error-summary-title">
                    <div role="alert">
                        <h4 id="error-summary-title">{move || if form.problem.with(Option::is_some) && form.errors.with(Vec::is_empty) { "Your comment was not posted" } else { "There is a problem" }}</h4>
                        <ul>
                            {move || form.errors.get().into_iter().map(|e| {
                                view! { <li><a href=format!("#{}", e.field.id()) on:click=move |ev| { ev.prevent_default(); focus_by_id(e.field.id()); }>{e.message.clone()}</a></li> }
                            }).collect_view()}
                            {move || form.problem.get().map(|p| {
                                let retry = p.retry;
                                let text = p.message.clone();
                                match p.field {
                                    Some(field) => view! { <li><a href=format!("#{}", field.id()) on:click=move |ev| { ev.prevent_default(); focus_by_id(field.id()); }>{text}</a></li> }.into_any(),
                                    None => view! { <li>{text}{retry.then_some(" Your comment is still here: send it again when you are ready.")}</li> }.into_any(),
                                }
                            })}
                        </ul>
                    </div>
                </div>
                <p class="comment-notes">
                    <span id="email-notes">"Your email address will not be published."</span>
                    " "
                    <span class="required-field-message">"Required fields are marked " <span class="required" aria-hidden="true">"*"</span></span>
                </p>
                <FieldBlock field=Field::Content label="Comment" required=true>
                    <textarea
                        id="comment" name="comment" rows="6" required=true node_ref=comment_box
                        aria-invalid=move || form.error_for(Field::Content).is_some().to_string()
                        aria-describedby=move || form.error_for(Field::Content).map(|_| "comment-error")
                        prop:value=move || form.content.get()
                        on:input=move |ev| { form.content.set(event_target_value(&ev)); form.recheck(Field::Content); }
                    ></textarea>
                </FieldBlock>
                <FieldBlock field=Field::Name label="Name" required=true>
                    <TextInput field=Field::Name value=form.name kind="text" autocomplete="name" maxlength=245 required=true />
                </FieldBlock>
                <FieldBlock field=Field::Email label="Email" required=true>
                    <TextInput field=Field::Email value=form.email kind="email" autocomplete="email" maxlength=100 required=true notes="email-notes" />
                </FieldBlock>
                <FieldBlock field=Field::Url label="Website" required=false>
                    <TextInput field=Field::Url value=form.url kind="url" autocomplete="url" maxlength=200 required=false />
                </FieldBlock>
                <p class="comment-form-cookies-consent">
                    <input
                        id="wp-comment-cookies-consent" name="wp-comment-cookies-consent" type="checkbox"
                        prop:checked=move || form.remember.get()
                        on:change=move |ev| form.remember.set(event_target_checked(&ev))
                    />
                    <label for="wp-comment-cookies-consent">"Save my name, email, and website in this browser for the next time I comment."</label>
                </p>
                <p class="form-submit">
                    // Prerendered, the form cannot post until the app starts:
                    // a disabled default button also stops Enter from submitting
                    // it as a plain GET (which would put the email in the URL).
                    <button type="submit" class="submit" disabled=cfg!(feature = "ssr") aria-disabled=move || form.posting.get().to_string()>
                        {move || if form.posting.get() { "Posting…" } else { "Post Comment" }}
                    </button>
                </p>
                <p class="visually-hidden" role="status" aria-live="polite">{move || form.status.get()}</p>
            </form>
        </div>
    }
}

/// A label, the field's error (when it has one), and the field.
#[component]
fn FieldBlock(
    field: Field,
    label: &'static str,
    required: bool,
    children: Children,
) -> impl IntoView {
    let form = expect_context::<FormState>();
    let error_id = format!("{}-error", field.id());
    view! {
        <p class="field" class:has-error=move || form.error_for(field).is_some()>
            <label for=field.id()>
                {label}
                {required.then(|| view! { " " <span class="required" aria-hidden="true">"*"</span> })}
            </label>
            {move || form.error_for(field).map(|message| view! {
                <span class="field-error" id=error_id.clone()>
                    <span class="visually-hidden">"Error: "</span>
                    {message}
                </span>
            })}
            {children()}
        </p>
    }
}

/// A one-line field bound to its value in the form state: its error state
/// and description follow the field's error; typing re-checks it once the
/// form has been submitted. One component for all three, so one copy of
/// this wiring in the download.
#[component]
fn TextInput(
    field: Field,
    value: RwSignal<String>,
    kind: &'static str,
    autocomplete: &'static str,
    maxlength: u32,
    required: bool,
    /// Another description the field always has (the email's privacy note).
    #[prop(optional)]
    notes: Option<&'static str>,
) -> impl IntoView {
    let form = expect_context::<FormState>();
    let error_id = format!("{}-error", field.id());
    let described_by = move || {
        let error = form.error_for(field).map(|_| error_id.clone());
        match (error, notes) {
            (Some(e), Some(n)) => Some(format!("{e} {n}")),
            (e, n) => e.or(n.map(str::to_string)),
        }
    };
    view! {
        <input
            id=field.id() name=field.id() type=kind autocomplete=autocomplete required=required
            maxlength=maxlength.to_string() inputmode=(kind == "url").then_some("url")
            aria-invalid=move || form.error_for(field).is_some().to_string()
            aria-describedby=described_by
            prop:value=move || value.get()
            on:input=move |ev| { value.set(event_target_value(&ev)); form.recheck(field); }
        />
    }
}

fn focus_by_id(id: &str) {
    let id = id.to_string();
    request_animation_frame(move || {
        if let Some(el) = document()
            .get_element_by_id(&id)
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = el.focus();
        }
    });
}

/// Scrolls a new comment into view and gives it focus, once it is rendered;
/// falls back to the comment it replies to.
fn bring_into_view(anchor: String, replied_to: u64) {
    request_animation_frame(move || {
        let doc = document();
        let el = doc
            .get_element_by_id(&anchor)
            .or_else(|| doc.get_element_by_id(&format!("comment-{replied_to}")));
        if let Some(el) = el.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
            el.scroll_into_view();
            let _ = el.focus();
        }
    });
}
