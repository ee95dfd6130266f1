//! DOM events a site can wire to its own analytics. The app itself sends
//! nothing anywhere.

/// `blog:chat-open`, `blog:chat-close`, `blog:chat-start`.
pub fn dispatch(name: &str, link: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let detail = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&detail, &"link".into(), &link.into());
    let init = web_sys::CustomEventInit::new();
    init.set_detail(&detail);
    if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = window.dispatch_event(&event);
    }
}
