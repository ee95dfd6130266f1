use blog_core::chat::{ChatConfig, Position, ResolvedChat};
use leptos::html::{Button, Div};
use leptos::prelude::*;
use std::time::Duration;

use crate::transport::config;
use crate::transport::device_store::{keys, load_in, save_in, Scope};
use crate::ui::app_context::SiteName;
use crate::ui::carry_over;
use crate::ui::chat::events::dispatch;
use crate::ui::chat::qr_panel::QrPanel;

const DIALOG_ID: &str = "chat-window";

/// Reads and checks the chat settings; a disabled or misconfigured chat
/// renders nothing and says why in the console (for the site owner).
fn resolved_config() -> Option<ResolvedChat> {
    let raw = config::get().chat;
    let parsed: ChatConfig = if raw.is_null() {
        ChatConfig::default()
    } else {
        serde_json::from_value(raw).unwrap_or_else(|e| {
            web_sys::console::warn_1(&format!("chat config ignored ({e}); using defaults").into());
            ChatConfig::default()
        })
    };
    parsed
        .resolve()
        .inspect_err(|why| {
            web_sys::console::info_1(&format!("chat launcher hidden: {}", why.reason()).into())
        })
        .ok()
}

/// `path`: the address being read (the link names it, and follows it on
/// navigation).
#[component]
pub fn ChatWidget(#[prop(into)] path: Signal<String>) -> impl IntoView {
    resolved_config().map(|chat| {
        let note = noscript_note(&chat);
        view! { <Chat chat path /> {note} }
    })
}

/// In prerendered HTML only: without JavaScript there is no launcher, but a
/// plain link still reaches the same chat.
#[cfg(feature = "ssr")]
fn noscript_note(chat: &ResolvedChat) -> impl IntoView {
    let href = blog_core::chat::link::wa_me_link(&chat.phone, "");
    let who = chat.header_name("the author").to_string();
    view! {
        <noscript>
            <p class="noscript-note">
                "The chat needs JavaScript. You can also write to " {who} " on WhatsApp: "
                <a href=href.clone() rel="noopener noreferrer">{href.replace("https://", "")}</a>
            </p>
        </noscript>
    }
}

#[cfg(not(feature = "ssr"))]
fn noscript_note(_: &ResolvedChat) -> impl IntoView {}

#[component]
fn Chat(chat: ResolvedChat, path: Signal<String>) -> impl IntoView {
    let SiteName(site) = expect_context::<SiteName>();
    let scope = if chat.cookieless {
        Scope::Tab
    } else {
        Scope::Device
    };

    let visible = RwSignal::new(false);
    let open = RwSignal::new(false);
    let desktop = RwSignal::new(false);
    let typing = RwSignal::new(false);
    let unread = RwSignal::new(false);
    let link = RwSignal::new(String::new());
    let launcher = NodeRef::<Button>::new();
    let dialog = NodeRef::<Div>::new();

    // The link names the page being read: computed whenever the window
    // opens (the page has its title by then) and on navigation.
    let chat_for_link = chat.clone();
    let refresh_link = move || {
        let url = window().location().href().unwrap_or_default();
        link.set(chat_for_link.link(&document().title(), &url));
    };
    let refresh = refresh_link.clone();
    Effect::new(move |_| {
        path.track();
        let refresh = refresh.clone();
        request_animation_frame(refresh);
    });

    // Start-up, browser-only: media queries, storage, timers, listeners.
    let start = chat.clone();
    let refresh_auto = refresh_link.clone();
    Effect::new(move |ran: Option<()>| {
        if ran.is_some() {
            return;
        }
        desktop.set(matches("(hover: hover) and (pointer: fine)"));
        let views = load_in::<u32>(scope, keys::CHAT_VIEWS).unwrap_or(0) + 1;
        save_in(scope, keys::CHAT_VIEWS, &views);
        unread.set(start.badge && load_in::<bool>(scope, keys::CHAT_SEEN) != Some(true));
        // A prerendered page showed its own launcher before the app started
        // (index.html's starter): it stays, rather than blink out and wait again.
        if carry_over::launcher_was_shown() {
            visible.set(true);
        } else {
            set_timeout(
                move || visible.set(true),
                Duration::from_millis(start.show_delay_ms.into()),
            );
        }
        let closed_before = load_in::<bool>(scope, keys::CHAT_CLOSED) == Some(true);
        if let (Some(delay), false) = (start.auto_open_delay(views), closed_before) {
            let refresh_auto = refresh_auto.clone();
            set_timeout(
                move || {
                    if !open.get_untracked() {
                        refresh_auto();
                        open.set(true);
                        dispatch("blog:chat-open", &link.get_untracked());
                    }
                },
                Duration::from_millis(delay.max(start.show_delay_ms).into()),
            );
        }
        // On a phone the launcher steps aside while the visitor types
        // elsewhere, so it never covers the keyboard or the comment form.
        let on_focus = window_event_listener(leptos::ev::focusin, move |ev| {
            typing.set(is_text_field_outside(ev.target(), dialog))
        });
        let on_blur = window_event_listener(leptos::ev::focusout, move |_| typing.set(false));
        // Listeners live as long as the app: the widget is never unmounted.
        std::mem::forget((on_focus, on_blur));
    });

    let show = move || {
        refresh_link();
        open.set(true);
        unread.set(false);
        save_in(scope, keys::CHAT_SEEN, &true);
        dispatch("blog:chat-open", &link.get_untracked());
        request_animation_frame(move || {
            if let Some(el) = dialog.get() {
                let _ = el.focus();
            }
        });
    };
    let close = move || {
        open.set(false);
        save_in(scope, keys::CHAT_CLOSED, &true);
        dispatch("blog:chat-close", &link.get_untracked());
        if let Some(button) = launcher.get() {
            let _ = button.focus();
        }
    };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" {
            ev.prevent_default();
            close();
        }
    };

    let header = chat.header_name("").to_string();
    let greeting = chat.greeting.clone();
    let button_text = chat.button_text.clone();
    let caption = chat.qr_caption.clone();
    let tooltip = chat.tooltip.clone();
    let side = match chat.position {
        Position::Left => "chat chat-left",
        Position::Right => "chat chat-right",
    };
    // Read by index.html's starter on a prerendered page, before the app
    // runs (unless the live config block says otherwise).
    let show_delay = chat.show_delay_ms;

    view! {
        <div class=side data-show-delay=show_delay class:chat-visible=move || visible.get() && (desktop.get() || !typing.get()) class:chat-open=move || open.get()>
            <div
                class="chat-window"
                id=DIALOG_ID
                role="dialog"
                aria-labelledby="chat-title"
                tabindex="-1"
                node_ref=dialog
                hidden=move || !open.get()
                on:keydown=on_keydown
            >
                <div class="chat-header">
                    <p class="chat-title" id="chat-title">
                        {move || if header.is_empty() { site.get() } else { header.clone() }}
                    </p>
                    <button type="button" class="chat-close" aria-label="Close chat" on:click=move |_| close()>
                        <span aria-hidden="true">"×"</span>
                    </button>
                </div>
                <div class="chat-body">
                    <ul class="chat-bubbles" aria-label="Messages">
                        {greeting.into_iter().map(|line| view! { <li class="chat-bubble">{line}</li> }).collect_view()}
                    </ul>
                    <a
                        class="chat-cta"
                        href=move || link.get()
                        target="_blank"
                        rel="noopener noreferrer"
                        on:click=move |_| dispatch("blog:chat-start", &link.get_untracked())
                    >
                        {button_text.clone()}
                        <span class="visually-hidden">" (opens WhatsApp in a new tab)"</span>
                    </a>
                    {move || desktop.get().then(|| view! { <QrPanel link=link.into() caption=caption.clone() /> })}
                </div>
            </div>
            <button
                type="button"
                class="chat-launcher"
                node_ref=launcher
                aria-label="Open chat"
                aria-expanded=move || open.get().to_string()
                aria-controls=DIALOG_ID
                aria-describedby="chat-tooltip"
                on:click=move |_| if open.get_untracked() { close() } else { show() }
            >
                <svg viewBox="0 0 24 24" width="28" height="28" aria-hidden="true" focusable="false">
                    <path fill="currentColor" d="M12 2a10 10 0 0 0-8.6 15.1L2 22l5-1.3A10 10 0 1 0 12 2Zm0 18.2a8.2 8.2 0 0 1-4.2-1.2l-.3-.2-3 .8.8-2.9-.2-.3A8.2 8.2 0 1 1 12 20.2Zm4.5-6.1c-.2-.1-1.5-.7-1.7-.8s-.4-.1-.6.1-.7.8-.8 1-.3.2-.5.1a6.7 6.7 0 0 1-3.3-2.9c-.3-.4.3-.4.8-1.3a.5.5 0 0 0 0-.5l-.8-1.9c-.2-.5-.4-.4-.6-.4h-.5a1 1 0 0 0-.7.3 3 3 0 0 0-.9 2.2 5.1 5.1 0 0 0 1.1 2.7 11.7 11.7 0 0 0 4.5 4c1.7.7 2.3.8 3.2.6a2.7 2.7 0 0 0 1.8-1.2 2.2 2.2 0 0 0 .1-1.2c0-.1-.2-.2-.4-.3Z" />
                </svg>
                {move || unread.get().then(|| view! { <span class="chat-badge" aria-hidden="true">"1"</span> })}
            </button>
            <span class="chat-tooltip" id="chat-tooltip" role="tooltip">
                {tooltip}
                {move || unread.get().then_some(" (1 new message)")}
            </span>
        </div>
    }
}

fn matches(query: &str) -> bool {
    window()
        .match_media(query)
        .ok()
        .flatten()
        .is_some_and(|m| m.matches())
}

/// Whether focus went to a text field that is not part of the chat.
fn is_text_field_outside(target: Option<web_sys::EventTarget>, dialog: NodeRef<Div>) -> bool {
    use wasm_bindgen::JsCast;
    let Some(el) = target.and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else {
        return false;
    };
    let tag = el.tag_name().to_ascii_lowercase();
    let text_input = match tag.as_str() {
        "textarea" | "select" => true,
        "input" => !matches!(
            el.get_attribute("type").as_deref(),
            Some("checkbox" | "radio" | "button" | "submit" | "reset")
        ),
        _ => el.has_attribute("contenteditable"),
    };
    let inside = dialog
        .get_untracked()
        .is_some_and(|d| d.contains(Some(&el)));
    text_input && !inside
}
