//! A prerendered page does not start the app by itself: the words are in
//! the HTML, and most readers only read. Trunk's shell starts it at once (its
//! module script, and preloads of the JS glue and the WASM); here those go,
//! and the bundle's addresses and SRI hashes stay in an inert JSON block that
//! the starter in index.html reads when the reader needs the app (the
//! comments come near, the comment form or the chat is used). The block also
//! names the two small parts where they serve the page: the comments'
//! (`ui::conversation`) and the chat's (`ui::chat_part`); then the starter
//! loads only the one the reader needs.

/// The id of the JSON block naming the app's bundle.
pub const APP_ELEMENT_ID: &str = "blog-app";

/// A bundle's JS glue and WASM, with their SRI hashes (empty when Trunk's
/// SRI is off).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bundle {
    pub js: String,
    pub js_integrity: String,
    pub wasm: String,
    pub wasm_integrity: String,
}

impl Bundle {
    fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "js": self.js,
            "jsIntegrity": self.js_integrity,
            "wasm": self.wasm,
            "wasmIntegrity": self.wasm_integrity,
        })
    }
}

/// The page without Trunk's loader and preloads, and the app's bundle they
/// named (the starter loads it on demand instead).
pub fn defer_app(page: &str) -> Result<(String, Bundle), String> {
    let mut page = page.to_string();
    let bundle = take_bundle(&mut page)?;
    take_loader(&mut page, &bundle.js)?;
    Ok((page, bundle))
}

/// The bundles of the parts of a prerendered page that load on their own:
/// the comments (`ui::conversation`, Trunk's `part.html`) and the chat
/// (`ui::chat_part`, `chat.html`). A build makes both or neither.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parts {
    pub comments: Bundle,
    pub chat: Bundle,
}

impl Parts {
    /// From the pages Trunk built the parts into, if the build made them.
    pub fn from_pages(comments: Option<&str>, chat: Option<&str>) -> Result<Option<Parts>, String> {
        match (comments, chat) {
            (Some(comments), Some(chat)) => Ok(Some(Parts {
                comments: take_bundle(&mut comments.to_string())?,
                chat: take_bundle(&mut chat.to_string())?,
            })),
            (None, None) => Ok(None),
            _ => Err("the build made one of the comments' and the chat's parts without the other: run make dist again".to_string()),
        }
    }
}

/// Whether the parts can serve a page whose rendered body is `body`:
/// everything but a password prompt, which only the whole app answers (it
/// renders the unlocked article).
pub fn part_serves(body: &str) -> bool {
    !body.contains(&format!(
        "id=\"{}\"",
        crate::ui::components::password_form::PASSWORD_FIELD_ID
    ))
}

/// The block the starter reads: the whole app's bundle, and the parts'
/// where they serve the page (the starter takes a part then, except for a
/// search, which the app shows); and when the chat cannot show, as the
/// app's `ChatConfig::resolve` says, for the config block as deployed now.
pub fn app_block(app: &Bundle, parts: Option<&Parts>) -> String {
    use blog_core::chat::config::{STARTER_REQUIRED, STARTER_SWITCH};
    use blog_core::data::query_address::{QUERY_ADDRESSES_FILE, QUERY_VARS};
    let mut json = app.to_json();
    if let Some(parts) = parts {
        json["part"] = parts.comments.to_json();
        json["chatPart"] = parts.chat.to_json();
    }
    json["chat"] = serde_json::json!({ "switch": STARTER_SWITCH, "required": STARTER_REQUIRED });
    // WordPress's plain addresses (`/?p=123`): which query variables the
    // starter looks up, and where (`blog_core::data::query_address`).
    json["query"] =
        serde_json::json!({ "vars": QUERY_VARS, "file": format!("/{QUERY_ADDRESSES_FILE}") });
    // `<` escaped: the block cannot close its own script element.
    let json = json.to_string().replace('<', "\\u003c");
    format!("<script type=\"application/json\" id=\"{APP_ELEMENT_ID}\">{json}</script>")
}

fn take_bundle(page: &mut String) -> Result<Bundle, String> {
    let (js, js_integrity) = take_link(page, "modulepreload", ".js")?;
    let (wasm, wasm_integrity) = take_link(page, "preload", ".wasm")?;
    Ok(Bundle {
        js,
        js_integrity,
        wasm,
        wasm_integrity,
    })
}

/// Removes the first `<link rel="{rel}" href="….{ext}" …>`; its href and
/// integrity (empty when Trunk's SRI is off).
fn take_link(page: &mut String, rel: &str, ext: &str) -> Result<(String, String), String> {
    let mut from = 0;
    while let Some(at) = page[from..].find("<link").map(|i| from + i) {
        let end = page[at..]
            .find('>')
            .map(|i| at + i + 1)
            .ok_or("an unclosed <link> in the shell")?;
        let tag = &page[at..end];
        let href = attr(tag, "href").unwrap_or_default();
        if attr(tag, "rel").as_deref() == Some(rel) && href.ends_with(ext) {
            let integrity = attr(tag, "integrity").unwrap_or_default();
            page.replace_range(at..end, "");
            return Ok((href, integrity));
        }
        from = end;
    }
    Err(format!(
        "the shell has no <link rel=\"{rel}\"> for the app's {ext} (is it Trunk's index.html?)"
    ))
}

/// Removes Trunk's inline module script, the one importing `js`.
fn take_loader(page: &mut String, js: &str) -> Result<(), String> {
    let mut from = 0;
    while let Some(at) = page[from..].find("<script").map(|i| from + i) {
        let end = page[at..]
            .find("</script>")
            .map(|i| at + i + "</script>".len())
            .ok_or("an unclosed <script> in the shell")?;
        let script = &page[at..end];
        if script.starts_with("<script type=\"module\"") && script.contains(js) {
            page.replace_range(at..end, "");
            return Ok(());
        }
        from = end;
    }
    Err(format!(
        "the shell has no module script importing {js} (Trunk's loader)"
    ))
}

/// The value of `name="…"` in one tag (Trunk writes double quotes).
fn attr(tag: &str, name: &str) -> Option<String> {
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    let len = tag[start..].find('"')?;
    Some(tag[start..start + len].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What Trunk 0.21 writes into the shell (release, SRI on).
    const TRUNK: &str = "<head>\n<script>early()</script>\n<link rel=\"stylesheet\" href=\"/main-1.css\" integrity=\"sha384-c\"/>\n\n<script type=\"module\">\nimport init, * as bindings from '/blog-2.js';\nconst wasm = await init({ module_or_path: '/blog-2_bg.wasm' });\n</script>\n  <link rel=\"modulepreload\" href=\"/blog-2.js\" crossorigin=\"anonymous\" integrity=\"sha384-j\"><link rel=\"preload\" href=\"/blog-2_bg.wasm\" crossorigin=\"anonymous\" integrity=\"sha384-w\" as=\"fetch\" type=\"application/wasm\"></head>";

    #[test]
    fn trunks_loader_and_preloads_make_way_for_the_bundle_block() {
        let (page, app) = defer_app(TRUNK).unwrap();
        let block = app_block(&app, None);
        assert!(!page.contains("import init"), "{page}");
        assert!(!page.contains("modulepreload"), "{page}");
        assert!(!page.contains(".wasm"), "{page}");
        // Everything else stays: the early loader, the stylesheet.
        assert!(page.contains("<script>early()</script>"));
        assert!(
            page.contains("<link rel=\"stylesheet\" href=\"/main-1.css\" integrity=\"sha384-c\"/>")
        );
        let json = block
            .strip_prefix("<script type=\"application/json\" id=\"blog-app\">")
            .and_then(|b| b.strip_suffix("</script>"))
            .unwrap();
        let bundle: serde_json::Value = serde_json::from_str(json).unwrap();
        assert_eq!(
            bundle,
            serde_json::json!({
                "js": "/blog-2.js", "jsIntegrity": "sha384-j", "wasm": "/blog-2_bg.wasm", "wasmIntegrity": "sha384-w",
                "chat": {"switch": "enabled", "required": ["phone"]},
                "query": {"vars": ["p", "page_id", "cat", "tag", "author", "m"], "file": "/query-addresses.json"},
            })
        );
    }

    #[test]
    fn without_sri_the_integrity_is_empty() {
        let plain = TRUNK
            .replace(" integrity=\"sha384-j\"", "")
            .replace(" integrity=\"sha384-w\"", "");
        let (_, app) = defer_app(&plain).unwrap();
        let block = app_block(&app, None);
        assert!(block.contains("\"jsIntegrity\":\"\""), "{block}");
        assert!(block.contains("\"wasmIntegrity\":\"\""), "{block}");
    }

    #[test]
    fn the_parts_are_named_beside_the_app_where_they_serve_the_page() {
        let (_, app) = defer_app(TRUNK).unwrap();
        let comments = TRUNK.replace("blog-2", "conversation-3");
        let chat = TRUNK.replace("blog-2", "chat-4");
        let parts = Parts::from_pages(Some(&comments), Some(&chat))
            .unwrap()
            .unwrap();
        assert_eq!(parts.comments.wasm, "/conversation-3_bg.wasm");
        assert_eq!(Parts::from_pages(None, None), Ok(None));
        assert!(Parts::from_pages(Some(&comments), None).is_err());
        let block = app_block(&app, Some(&parts));
        let json = &block[block.find('>').unwrap() + 1..block.len() - "</script>".len()];
        let named: serde_json::Value = serde_json::from_str(json).unwrap();
        assert_eq!(named["js"], "/blog-2.js");
        assert_eq!(named["part"]["js"], "/conversation-3.js");
        assert_eq!(named["part"]["wasmIntegrity"], "sha384-w");
        assert_eq!(named["chatPart"]["wasm"], "/chat-4_bg.wasm");
        assert!(part_serves("<article><p>text</p></article>"));
        let prompt = format!(
            "<form><input id=\"{}\"></form>",
            crate::ui::components::password_form::PASSWORD_FIELD_ID
        );
        assert!(!part_serves(&prompt));
    }

    #[test]
    fn a_shell_that_is_not_trunks_is_refused() {
        assert!(defer_app("<head><script>early()</script></head>").is_err());
        // Preloads without the loader: the page would never start the app.
        let no_loader = TRUNK
            .replace("import init", "import nothing")
            .replace("/blog-2.js';", "';");
        assert!(defer_app(&no_loader).is_err());
    }

    /// The starter in index.html names what Rust writes and reads.
    #[test]
    fn the_starter_uses_the_names_rust_uses() {
        let index = include_str!("../../index.html");
        for name in [
            format!("getElementById(\"{APP_ELEMENT_ID}\")"),
            format!(
                "getElementById(\"{}\")",
                crate::ui::carry_over::PRERENDERED_ID
            ),
            format!("\"{}\"", crate::ui::carry_over::OPEN_CHAT_ATTR),
            "\"data-show-delay\"".to_string(),
            // The chat config's keys (`ChatConfig`, camelCase).
            "app.chat".to_string(),
            "live.showDelayMs".to_string(),
            "live.autoOpenDelayMs".to_string(),
            "app.part".to_string(),
            "app.chatPart".to_string(),
            "bundle.jsIntegrity".to_string(),
            "bundle.wasmIntegrity".to_string(),
        ] {
            assert!(
                index.contains(&name),
                "index.html's starter does not use {name}"
            );
        }
        // ...and those keys are the ones the app's chat config reads.
        let chat: blog_core::chat::ChatConfig = serde_json::from_str(
            r#"{"enabled": false, "phone": "+1 555", "showDelayMs": 5, "autoOpenDelayMs": 7}"#,
        )
        .unwrap();
        assert!(!chat.enabled);
        assert_eq!(chat.phone, "+1 555");
        assert_eq!(chat.show_delay_ms, 5);
        assert_eq!(chat.auto_open_delay_ms, Some(7));
    }
}
