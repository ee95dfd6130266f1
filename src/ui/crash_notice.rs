//! Should the app ever panic (the release build aborts), the reader gets a
//! sentence and a way out instead of a page that silently stopped working.
//! Plain DOM calls: the reactive system may be what broke.

/// Puts a notice at the top of the page, once.
pub fn show() {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if doc.get_element_by_id("crash-notice").is_some() {
        return;
    }
    let (Ok(notice), Ok(text), Ok(link), Some(body)) = (
        doc.create_element("div"),
        doc.create_element("p"),
        doc.create_element("a"),
        doc.body(),
    ) else {
        return;
    };
    let _ = notice.set_attribute("id", "crash-notice");
    let _ = notice.set_attribute("class", "crash-notice");
    let _ = notice.set_attribute("role", "alert");
    text.set_text_content(Some(
        "Sorry, this page stopped working. Reload it to continue: \
         anything you typed in the comment form is kept.",
    ));
    let href = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_else(|| "/".to_string());
    let _ = link.set_attribute("href", &href);
    link.set_text_content(Some("Reload the page"));
    let _ = notice.append_child(&text);
    let _ = notice.append_child(&link);
    let _ = body.prepend_with_node_1(&notice);
}
