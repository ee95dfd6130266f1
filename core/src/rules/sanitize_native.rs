//! The sanitiser natively, for the build-time prerender (feature
//! `native-html`, never in the browser's download): the walk of
//! `sanitize_walk`, the one the app runs over the browser's `DOMParser`
//! tree, run here over an html5ever tree and written out as HTML text. It
//! lives here, below the app's components and the prerenderer, which both
//! call it.
//!
//! The aim is byte-for-byte the `innerHTML` the browser gives for the
//! fragment its walk builds, so a prerendered page and the app agree.

use crate::rules::defuse_handlers::defuse_event_handlers;
use crate::rules::sanitize_policy::{media_origins, Source};
use crate::rules::sanitize_walk::{walk, Attrs, Context, Sink, Tree};
use html5ever::tendril::TendrilSink;
use html5ever::tree_builder::TreeBuilderOpts;
use html5ever::{ns, parse_document, Attribute, ParseOpts};
use markup5ever_rcdom::{Handle, NodeData, RcDom};

/// Elements the HTML serialisation writes without content or end tag.
const VOID: &[&str] = &[
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img", "input",
    "keygen", "link", "meta", "param", "source", "track", "wbr",
];

/// Sanitises `html` to the HTML text of what the browser walk would insert.
/// `own_host` is what `location.host` would be; `embed_hosts` should be empty
/// for comments, as the browser path makes it.
pub fn sanitize_to_html(
    html: &str,
    source: Source,
    own_host: &str,
    embed_hosts: &[String],
) -> String {
    // The browser's parser gets the defused text, so this one must too: the
    // pass can change the tree, not only attribute names.
    let dom = parse(&defuse_event_handlers(html));
    let Some(body) = body_of(&dom) else {
        return String::new();
    };
    let cx = Context {
        own_host,
        source,
        embed_hosts,
    };
    let mut out = Output::default();
    walk(
        &Html5ever,
        &Node {
            handle: body,
            index: 0,
        },
        &cx,
        &mut out,
    );
    out.html
}

/// Parses as `DOMParser` does with `text/html`: a whole document, with
/// scripting disabled (its document has no browsing context), so
/// `<noscript>` content is markup rather than text.
fn parse(html: &str) -> RcDom {
    let opts = ParseOpts {
        tree_builder: TreeBuilderOpts {
            scripting_enabled: false,
            ..Default::default()
        },
        ..Default::default()
    };
    parse_document(RcDom::default(), opts).one(html)
}

/// `document.body`: the first `body` or `frameset` child of the root `html`.
fn body_of(dom: &RcDom) -> Option<Handle> {
    let root = first_child(&dom.document, |name| name == "html")?;
    first_child(&root, |name| name == "body" || name == "frameset")
}

fn first_child(parent: &Handle, wanted: impl Fn(&str) -> bool) -> Option<Handle> {
    let children = parent.children.borrow();
    children
        .iter()
        .find(|node| match &node.data {
            NodeData::Element { name, .. } => name.ns == ns!(html) && wanted(&name.local),
            _ => false,
        })
        .cloned()
}

/// `getAttribute`: the first attribute with that qualified name.
fn get_attribute<'a>(attrs: &'a [Attribute], name: &str) -> Option<&'a str> {
    attrs
        .iter()
        .find(|a| qualified_name(a) == name)
        .map(|a| &*a.value)
}

/// An attribute's name as `getAttributeNames` lists it. The parser gives
/// HTML elements plain lowercase names; a prefix only comes with foreign ones.
fn qualified_name(attr: &Attribute) -> String {
    match &attr.name.prefix {
        Some(prefix) => format!("{prefix}:{}", attr.name.local),
        None => attr.name.local.to_string(),
    }
}

/// html5ever's tree (`markup5ever_rcdom`), as the walk reads it.
struct Html5ever;

/// A node and its place among its parent's children (so that the next
/// sibling is found without a search).
#[derive(Clone)]
struct Node {
    handle: Handle,
    index: usize,
}

impl Node {
    fn child(parent: &Handle, index: usize) -> Option<Node> {
        let handle = parent.children.borrow().get(index)?.clone();
        Some(Node { handle, index })
    }
}

fn parent_of(node: &Handle) -> Option<Handle> {
    let weak = node.parent.take();
    let parent = weak.as_ref().and_then(|w| w.upgrade());
    node.parent.set(weak);
    parent
}

impl Tree for Html5ever {
    type Node = Node;

    fn first_child(&self, node: &Node) -> Option<Node> {
        Node::child(&node.handle, 0)
    }

    fn next_sibling(&self, node: &Node) -> Option<Node> {
        Node::child(&parent_of(&node.handle)?, node.index + 1)
    }

    fn parent(&self, node: &Node) -> Option<Node> {
        let handle = parent_of(&node.handle)?;
        let index = parent_of(&handle)
            .and_then(|up| {
                up.children
                    .borrow()
                    .iter()
                    .position(|c| std::rc::Rc::ptr_eq(c, &handle))
            })
            .unwrap_or(0);
        Some(Node { handle, index })
    }

    fn text(&self, node: &Node) -> Option<String> {
        match &node.handle.data {
            NodeData::Text { contents } => Some(contents.borrow().to_string()),
            _ => None,
        }
    }

    fn html_tag(&self, node: &Node) -> Option<String> {
        match &node.handle.data {
            NodeData::Element { name, .. } if name.ns == ns!(html) => {
                Some(name.local.to_ascii_lowercase().to_string())
            }
            _ => None,
        }
    }

    fn attr(&self, node: &Node, name: &str) -> Option<String> {
        match &node.handle.data {
            NodeData::Element { attrs, .. } => {
                get_attribute(&attrs.borrow(), name).map(str::to_string)
            }
            _ => None,
        }
    }

    fn attr_names(&self, node: &Node) -> Vec<String> {
        match &node.handle.data {
            NodeData::Element { attrs, .. } => attrs.borrow().iter().map(qualified_name).collect(),
            _ => Vec::new(),
        }
    }

    fn text_content(&self, node: &Node) -> String {
        let mut out = String::new();
        let mut stack = vec![node.handle.clone()];
        while let Some(n) = stack.pop() {
            match &n.data {
                NodeData::Text { contents } => out.push_str(&contents.borrow()),
                NodeData::Element { .. } => {
                    stack.extend(n.children.borrow().iter().rev().cloned());
                }
                _ => {}
            }
        }
        out
    }
}

/// HTML text written as the HTML fragment serialisation algorithm would.
#[derive(Default)]
struct Output {
    html: String,
    /// Just after a `<pre>` start tag (nothing written inside yet).
    after_pre: bool,
}

impl Sink for Output {
    /// Also notes where its images and media load from, for the
    /// Content-Security-Policy (`take_media_origins`).
    fn open(&mut self, tag: &str, attrs: &Attrs) {
        for (name, value) in &attrs.0 {
            MEDIA_ORIGINS.with(|m| m.borrow_mut().extend(media_origins(tag, name, value)));
        }
        self.html.push('<');
        self.html.push_str(tag);
        for (name, value) in &attrs.0 {
            self.html.push(' ');
            self.html.push_str(name);
            self.html.push_str("=\"");
            escape(value, true, &mut self.html);
            self.html.push('"');
        }
        self.html.push('>');
        self.after_pre = matches!(tag, "pre" | "listing" | "textarea");
    }

    /// A void element has no end tag (and the parser never gives it
    /// children).
    fn close(&mut self, tag: &str) {
        if VOID.contains(&tag) {
            return;
        }
        self.after_pre = false;
        self.html.push_str("</");
        self.html.push_str(tag);
        self.html.push('>');
    }

    fn text(&mut self, text: &str) {
        // The parser drops one newline right after `<pre>`. The browser's
        // serialisation no longer adds one back (whatwg/html#1815), but this
        // text is parsed again when the page loads: without the extra
        // newline, a leading one in the walk's DOM would be lost there.
        if std::mem::take(&mut self.after_pre) && text.starts_with('\n') {
            self.html.push('\n');
        }
        escape(text, false, &mut self.html);
    }
}

/// Escapes as the HTML serialisation does. `<` and `>` in attribute values
/// too: current browsers do (Chrome 138, Firefox 140, Safari 26, after
/// whatwg/html e21bd3b), and html5ever's own serialiser agrees.
fn escape(text: &str, in_attribute: bool, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '\u{a0}' => out.push_str("&nbsp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if in_attribute => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::sanitize_policy::{
        attr_kind, element_rule, embed_attr_kind, ElementRule, EMBED_SANDBOX,
    };
    use crate::rules::sanitize_walk::MAX_DEPTH;
    use html5ever::serialize::{serialize, SerializeOpts};
    use markup5ever_rcdom::SerializableHandle;

    const OWN: &str = "blog.example";

    fn hosts() -> Vec<String> {
        vec!["www.youtube-nocookie.com".to_string()]
    }

    fn post(html: &str) -> String {
        sanitize_to_html(html, Source::Post, OWN, &hosts())
    }

    /// html5ever's own serialisation of `html` reparsed: an independent
    /// reference for what the browser's `innerHTML` gives for the same tree.
    fn reserialised(html: &str) -> String {
        // Keep the document: dropping it empties every node under it.
        let dom = parse(html);
        let body = body_of(&dom).expect("a body");
        let mut bytes = Vec::new();
        serialize(
            &mut bytes,
            &SerializableHandle::from(body),
            SerializeOpts::default(),
        )
        .expect("serialises");
        String::from_utf8(bytes).expect("utf-8")
    }

    const WORDPRESS: &str = r#"<h2 class="wp-block-heading" id="intro">Intro</h2>
<p style="color:red">Hello <strong>world</strong> &amp; <em>friends</em>.<br>Two&nbsp;lines.</p>
<ul class="wp-block-list"><li>One</li><li><a href="https://example.org/x" target="_blank" rel="noreferrer noopener">Out</a></li></ul>
<ol start="3" reversed><li value="5">Five</li></ol>
<figure class="wp-block-image size-large"><img decoding="async" loading="lazy" width="1024" height="683" src="https://blog.example/wp-content/uploads/cat-1024x683.jpg" alt="A cat" class="wp-image-42" srcset="https://blog.example/wp-content/uploads/cat-1024x683.jpg 1024w, https://blog.example/wp-content/uploads/cat-300x200.jpg 300w" sizes="(max-width: 1024px) 100vw, 1024px" /><figcaption class="wp-element-caption">A <a href="/about/">cat</a></figcaption></figure>
<blockquote class="wp-block-quote" cite="https://example.org/q"><p>Quoted</p><cite>Someone</cite></blockquote>
<pre class="wp-block-code"><code>fn main() {
    println!("&lt;hi&gt; &amp; bye");
}</code></pre>
<table><tr><th scope="col">H</th></tr></table>
<p><img src="/a.png"><font color="red">old</font> <time datetime="2024-01-01">New Year</time></p>"#;

    const WORDPRESS_CLEAN: &str = r#"<h2 class="wp-block-heading">Intro</h2>
<p>Hello <strong>world</strong> &amp; <em>friends</em>.<br>Two&nbsp;lines.</p>
<ul class="wp-block-list"><li>One</li><li><a href="https://example.org/x" rel="noopener">Out</a></li></ul>
<ol start="3" reversed=""><li value="5">Five</li></ol>
<figure class="wp-block-image size-large"><img decoding="async" loading="lazy" width="1024" height="683" src="https://blog.example/wp-content/uploads/cat-1024x683.jpg" alt="A cat" class="wp-image-42" srcset="https://blog.example/wp-content/uploads/cat-1024x683.jpg 1024w, https://blog.example/wp-content/uploads/cat-300x200.jpg 300w" sizes="(max-width: 1024px) 100vw, 1024px"><figcaption class="wp-element-caption">A <a href="/about/">cat</a></figcaption></figure>
<blockquote class="wp-block-quote" cite="https://example.org/q"><p>Quoted</p><cite>Someone</cite></blockquote>
<pre class="wp-block-code" tabindex="0"><code>fn main() {
    println!("&lt;hi&gt; &amp; bye");
}</code></pre>
<table tabindex="0"><tbody><tr><th scope="col">H</th></tr></tbody></table>
<p><img src="/a.png" loading="lazy" decoding="async" alt="">old <time datetime="2024-01-01">New Year</time></p>"#;

    #[test]
    fn a_title_keeps_inline_formatting_only() {
        let title = r#"Why <em>slow</em> <a href="/x">reading</a> <img src=x onerror=alert(1)><script>alert(1)</script><p>helps</p>"#;
        assert_eq!(
            sanitize_to_html(title, Source::Title, OWN, &[]),
            "Why <em>slow</em> reading helps"
        );
        let frame = r#"<iframe src="https://www.youtube.com/embed/x"></iframe>T"#;
        let hosts = ["www.youtube.com".to_string()];
        assert_eq!(sanitize_to_html(frame, Source::Title, OWN, &hosts), "T");
    }

    #[test]
    fn wordpress_post_survives() {
        let out = post(WORDPRESS);
        assert_eq!(out, WORDPRESS_CLEAN);
        // Reparsed and written by html5ever, the same text: the string is
        // what the browser serialises for the tree it would build.
        assert_eq!(reserialised(&out), out);
    }

    #[test]
    fn dangerous_content_is_removed() {
        let cases = [
            ("<p>a<script>alert(1)</script>b</p>", "<p>ab</p>"),
            ("<p>x</p><style>p{}</style>", "<p>x</p>"),
            (
                r#"<img src="x.png" onerror="alert(1)" alt="">"#,
                r#"<img src="x.png" alt="" loading="lazy" decoding="async">"#,
            ),
            (r#"<p onclick="x()" style="color:red">p</p>"#, "<p>p</p>"),
            (r#"<a href="javascript:alert(1)">x</a>"#, "<a>x</a>"),
            (r#"<a href=" JaVa&#x09;script:alert(1)">x</a>"#, "<a>x</a>"),
            (
                r#"<a href="data:text/html,<script>alert(1)</script>">x</a>"#,
                "<a>x</a>",
            ),
            (
                r#"<img src="data:image/svg+xml,x" alt="d">"#,
                r#"<img alt="d" loading="lazy" decoding="async">"#,
            ),
            ("<svg><g><text>t</text></g></svg>s", "s"),
            ("<math><mi>x</mi></math>m", "m"),
            (
                r#"<iframe srcdoc="<script>alert(1)</script>"></iframe>i"#,
                "i",
            ),
            (
                "<form><input name=a value=b><button>go</button></form>f",
                "f",
            ),
            (r#"<object data="x.swf"></object><embed src="x.swf">o"#, "o"),
            (r#"<base href="https://evil.example/"><p>b</p>"#, "<p>b</p>"),
            (
                r#"<meta http-equiv="refresh" content="0;url=https://x/"><p>m</p>"#,
                "<p>m</p>",
            ),
        ];
        for (input, want) in cases {
            assert_eq!(post(input), want, "{input}");
        }
    }

    #[test]
    fn a_frame_from_another_host_is_a_link_card() {
        let input = r#"<figure class="wp-block-embed"><div class="wp-block-embed__wrapper"><iframe title="Sea &amp; sky" src="https://maps.example/embed?a=1&amp;b=2" onload="x()"></iframe></div></figure>"#;
        assert_eq!(
            post(input),
            concat!(
                r#"<figure class="wp-block-embed"><div class="wp-block-embed__wrapper">"#,
                r#"<a class="embed-card" href="https://maps.example/embed?a=1&amp;b=2" rel="noopener">"#,
                r#"<span class="embed-card-title">Sea &amp; sky</span><span class="embed-card-host">maps.example</span></a>"#,
                r#"</div></figure>"#
            )
        );
        assert_eq!(post(r#"<iframe src="javascript:alert(1)"></iframe>"#), "");
        assert_eq!(
            sanitize_to_html(input, Source::Comment, OWN, &[]),
            r#"<figure class="wp-block-embed"><div class="wp-block-embed__wrapper"></div></figure>"#
        );
    }

    #[test]
    fn image_only_links_get_a_name_from_their_caption_title_or_file() {
        let gallery = r#"<figure class="wp-block-image size-large"><a href="https://blog.example/h.jpg"><img src="https://blog.example/h-1024x683.jpg" alt="" class="wp-image-21"/></a><figcaption class="wp-element-caption">The <em>harbour</em>  at dawn</figcaption></figure>"#;
        assert!(
            post(gallery).contains(
                r#"<a href="https://blog.example/h.jpg" aria-label="The harbour at dawn">"#
            ),
            "{}",
            post(gallery)
        );
        let classic = r#"<div class="wp-caption alignleft"><a href="/x/"><img src="/u/boat.png"></a><p class="wp-caption-text">A boat</p></div>"#;
        assert!(
            post(classic).contains(r#"<a href="/x/" aria-label="A boat">"#),
            "{}",
            post(classic)
        );
        let shortcode = r#"<div class="gallery"><figure class="gallery-item"><div class="gallery-icon landscape"><a href="/a/"><img src="/u/a.jpg" alt=""></a></div><figcaption class="wp-caption-text gallery-caption">Pier</figcaption></figure></div>"#;
        assert!(
            post(shortcode).contains(r#"aria-label="Pier""#),
            "{}",
            post(shortcode)
        );
        let titled = r#"<p><a href="/b/"><img src="/u/b.jpg" title="Bay"></a></p>"#;
        assert!(
            post(titled).contains(r#"aria-label="Bay""#),
            "{}",
            post(titled)
        );
        let bare = r#"<p><a href="/c/"><img src="/u/2022/06/cliffs-300x200.jpg"></a></p>"#;
        assert!(
            post(bare).contains(r#"aria-label="cliffs-300x200""#),
            "{}",
            post(bare)
        );
        // A link with a name already gets none.
        for named in [
            r#"<a href="/d/"><img src="/u/d.jpg" alt="Dunes"></a>"#,
            r#"<a href="/e/">Eel <img src="/u/e.jpg"></a>"#,
            r#"<a href="/f/">Text</a>"#,
        ] {
            assert!(!post(named).contains("aria-label"), "{}", post(named));
        }
    }

    #[test]
    fn media_keep_their_sources_and_get_controls() {
        assert_eq!(
            post(
                r#"<figure class="wp-block-video"><video autoplay src="https://blog.example/v.mp4" poster="/p.jpg" onplay="x()" muted playsinline></video></figure>"#
            ),
            r#"<figure class="wp-block-video"><video src="https://blog.example/v.mp4" poster="/p.jpg" muted="" playsinline="" controls="" preload="metadata"></video></figure>"#
        );
        assert_eq!(
            post(
                r#"<audio src="/a.mp3" preload="auto"><track src="/a.vtt" kind="captions" srclang="en"></audio>"#
            ),
            r#"<audio src="/a.mp3" controls="" preload="metadata"><track src="/a.vtt" kind="captions" srclang="en"></audio>"#
        );
        assert_eq!(
            post(
                r#"<picture><source srcset="https://cdn.example/a.webp 1x" type="image/webp"><img src="https://cdn.example/a.jpg" alt="A" loading="eager"></picture>"#
            ),
            r#"<picture><source srcset="https://cdn.example/a.webp 1x" type="image/webp"><img src="https://cdn.example/a.jpg" alt="A" loading="eager" decoding="async"></picture>"#
        );
        assert_eq!(post("<pre>x</pre>"), r#"<pre tabindex="0">x</pre>"#);
    }

    #[test]
    fn inline_layout_reaches_the_page_as_classes() {
        let columns = r#"<div class="wp-block-columns"><div class="wp-block-column" style="flex-basis:33.33%"><p>a</p></div><div class="wp-block-column" style="flex-basis:66.66%;color:red"><p>b</p></div></div>"#;
        assert_eq!(
            post(columns),
            r#"<div class="wp-block-columns"><div class="wp-block-column blog-basis-33"><p>a</p></div><div class="wp-block-column blog-basis-66"><p>b</p></div></div>"#
        );
        assert_eq!(
            post(r#"<div style="height:100px" aria-hidden="true" class="wp-block-spacer"></div>"#),
            r#"<div class="wp-block-spacer blog-height-100"></div>"#
        );
        assert_eq!(
            sanitize_to_html(columns, Source::Comment, OWN, &[]),
            r#"<div class="wp-block-columns"><div class="wp-block-column"><p>a</p></div><div class="wp-block-column"><p>b</p></div></div>"#
        );
    }

    #[test]
    fn media_origins_are_collected_for_the_policy() {
        take_media_origins();
        post(
            r#"<img src="https://Uploads.example/a.jpg" srcset="https://cdn.example/a-300.jpg 300w, /b.jpg 600w"><a href="https://elsewhere.example/">x</a><img src="javascript:alert(1)">"#,
        );
        let found: Vec<String> = take_media_origins().into_iter().collect();
        assert_eq!(
            found,
            vec!["https://cdn.example", "https://uploads.example"]
        );
        assert!(take_media_origins().is_empty());
    }

    #[test]
    fn allowed_iframe_is_rebuilt_sandboxed() {
        let input = r#"<iframe title="Video" width="560" height="315px" src="https://www.youtube-nocookie.com/embed/abc?rel=0&amp;x=1" frameborder="0" allow="autoplay; camera" srcdoc="<script>x</script>" allowfullscreen><p>fallback</p></iframe>"#;
        let want = concat!(
            r#"<iframe width="560" title="Video" sandbox="allow-scripts allow-same-origin allow-presentation allow-popups" "#,
            r#"loading="lazy" referrerpolicy="strict-origin-when-cross-origin" allow="fullscreen; picture-in-picture" "#,
            r#"src="https://www.youtube-nocookie.com/embed/abc?rel=0&amp;x=1"></iframe>"#,
        );
        assert_eq!(post(input), want);
        // Comments get no embed hosts, so no embeds.
        assert_eq!(sanitize_to_html(input, Source::Comment, OWN, &[]), "");
    }

    #[test]
    fn deep_nesting_is_flattened_without_recursion() {
        let n = 10_000;
        let input = format!("{}x{}", "<div>".repeat(n), "</div>".repeat(n));
        // A small stack: the walk must not grow with the depth.
        let out = std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(move || post(&input))
            .expect("spawns")
            .join()
            .expect("no stack overflow");
        let depth = MAX_DEPTH as usize;
        assert_eq!(
            out,
            format!("{}x{}", "<div>".repeat(depth), "</div>".repeat(depth))
        );
    }

    #[test]
    fn comments_and_doctypes_are_dropped() {
        assert_eq!(
            post("<!DOCTYPE html><p>a<!-- secret -->b</p><!--[if IE]>c<![endif]--><?php x ?>"),
            "<p>ab</p>"
        );
    }

    #[test]
    fn text_and_attributes_are_escaped() {
        assert_eq!(
            post("<p>1 &lt; 2 &amp;&amp; 3 > 2 \"q\" '\u{a0}'</p>"),
            "<p>1 &lt; 2 &amp;&amp; 3 &gt; 2 \"q\" '&nbsp;'</p>"
        );
        assert_eq!(
            post(r#"<abbr title="a &quot;b&quot; <c> &amp; d&nbsp;'e'">x</abbr>"#),
            r#"<abbr title="a &quot;b&quot; &lt;c&gt; &amp; d&nbsp;'e'">x</abbr>"#
        );
        assert_eq!(post("a < b"), "a &lt; b");
    }

    #[test]
    fn links_get_the_policy_rel() {
        let external = r#"<a href="https://other.example/" rel="me" target="_blank">x</a>"#;
        assert_eq!(
            post(external),
            r#"<a href="https://other.example/" rel="noopener">x</a>"#
        );
        assert_eq!(
            sanitize_to_html(external, Source::Comment, OWN, &[]),
            r#"<a href="https://other.example/" rel="nofollow ugc noopener">x</a>"#
        );
        assert_eq!(
            post(r#"<a href="https://blog.example/p/">x</a>"#),
            r#"<a href="https://blog.example/p/">x</a>"#
        );
        assert_eq!(post("<a>x</a>"), "<a>x</a>");
    }

    #[test]
    fn attributes_keep_source_order_and_first_duplicate() {
        assert_eq!(
            post(r#"<IMG ALT="b" Class="c" SRC="/x.png" class="dup" TITLE="t">"#),
            r#"<img alt="b" class="c" src="/x.png" title="t" loading="lazy" decoding="async">"#
        );
    }

    #[test]
    fn pre_keeps_a_leading_newline_through_a_reparse() {
        // The parser eats the first newline; the second is content.
        let out = post("<pre>\n\ncode</pre>");
        assert_eq!(out, "<pre tabindex=\"0\">\n\ncode</pre>");
        // Loaded again it is the walk's tree, whose innerHTML has one newline.
        assert_eq!(reserialised(&out), "<pre tabindex=\"0\">\ncode</pre>");
        // The same where the newline comes from an unwrapped element.
        assert_eq!(
            post("<pre><font>\nx</font></pre>"),
            "<pre tabindex=\"0\">\n\nx</pre>"
        );
        assert_eq!(post("<pre>\nx</pre>"), "<pre tabindex=\"0\">x</pre>");
    }

    #[test]
    fn frameset_documents_have_no_content() {
        assert_eq!(post("<frameset><frame src=x></frameset>"), "");
    }

    #[test]
    fn unwrapping_can_nest_what_a_reparse_would_not() {
        // `marquee` (unwrapped) was what let the inner `p` nest. The text is
        // still the `innerHTML` of the walk's tree, but a page load parses it
        // as two paragraphs and an empty third.
        assert_eq!(
            post("<p>a<marquee><p>b</p></marquee></p>"),
            "<p>a<p>b</p></p>"
        );
    }

    #[test]
    fn content_after_an_inline_style_survives() {
        assert_eq!(post("<style>p{}</style><p>x</p>"), "<p>x</p>");
    }

    /// Why `html` would be unsafe to put in the page, read as a browser
    /// would parse it again; empty when it is safe.
    fn problems(html: &str) -> Vec<String> {
        let mut found = Vec::new();
        let lower = html.to_ascii_lowercase();
        for needle in ["<script", "javascript:"] {
            if lower.contains(needle) {
                found.push(format!("text contains {needle}"));
            }
        }
        let dom = parse(html);
        let body = body_of(&dom).expect("a body");
        let mut stack = body.children.borrow().clone();
        while let Some(node) = stack.pop() {
            stack.extend(node.children.borrow().iter().cloned());
            match &node.data {
                NodeData::Element { name, attrs, .. } => {
                    element_problems(name, &attrs.borrow(), &mut found)
                }
                NodeData::Comment { .. } => found.push("comment".into()),
                _ => {}
            }
        }
        found
    }

    fn element_problems(name: &html5ever::QualName, attrs: &[Attribute], found: &mut Vec<String>) {
        let tag = &*name.local;
        if name.ns != ns!(html) {
            found.push(format!("foreign element {tag}"));
        }
        let embed = tag == "iframe";
        if embed && get_attribute(attrs, "sandbox") != Some(EMBED_SANDBOX) {
            found.push("iframe without the sandbox".into());
        }
        if !embed && element_rule(tag, Source::Post) != ElementRule::Keep {
            found.push(format!("element {tag}"));
        }
        for attr in attrs {
            let attr_name = qualified_name(attr);
            let added = match tag {
                "a" => matches!(&*attr_name, "rel" | "aria-label"),
                "img" => matches!(&*attr_name, "loading" | "decoding"),
                "audio" | "video" => matches!(&*attr_name, "controls" | "preload"),
                "pre" | "table" => attr_name == "tabindex",
                "iframe" => matches!(
                    &*attr_name,
                    "sandbox" | "loading" | "referrerpolicy" | "allow" | "src"
                ),
                _ => false,
            };
            let allowed = if embed {
                embed_attr_kind(&attr_name).is_some()
            } else {
                attr_kind(tag, &attr_name).is_some()
            };
            if attr_name.starts_with("on") || !(allowed || added) {
                found.push(format!("attribute {attr_name} on {tag}"));
            }
            for url in attr.value.split(',') {
                // How a browser reads a scheme: leading controls and spaces
                // and any tab or newline do not count.
                let url: String = url
                    .trim_start_matches(|c: char| c <= ' ')
                    .chars()
                    .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
                    .collect::<String>()
                    .to_ascii_lowercase();
                let url_attr = matches!(&*attr_name, "href" | "src" | "srcset" | "cite" | "poster");
                if url_attr
                    && ["javascript:", "data:", "vbscript:"]
                        .iter()
                        .any(|s| url.starts_with(s))
                {
                    found.push(format!("{attr_name}={}", attr.value));
                }
            }
        }
    }

    #[test]
    fn the_safety_check_can_fail() {
        assert!(problems("<p class=x>ok <a href=/a rel=noopener>a</a></p>").is_empty());
        for unsafe_html in [
            "<img src=x onerror=alert(1)>",
            "<p onclick=x>p</p>",
            "<a href=' \tjava\nscript:x'>a</a>",
            "<img srcset='a.png 1x, data:x 2x'>",
            "<svg></svg>",
            "<form></form>",
            "<iframe src=https://www.youtube-nocookie.com/embed/x></iframe>",
            "<p>x<!-- c --></p>",
            "<p>&lt;script&gt;</p><script></script>",
            "<p style=x>p</p>",
        ] {
            assert!(!problems(unsafe_html).is_empty(), "{unsafe_html}");
        }
    }

    /// From tests/e2e/xss-corpus.mjs (`{B}` filled in).
    const XSS: &[&str] = &[
        "<script>alert(1)</script>",
        "<SCRIPT>alert(2)</SCRIPT>",
        "<script src=https://xssbeacon.invalid/5?nc=",
        "<script/src=data:,alert(4)></script>",
        "hello<script>prompt(5)",
        "<scr<script>ipt>alert(7)</scr</script>ipt>",
        "<<script>alert(9);//<</script>",
        "<table><tr><td><script>alert(10)</script></td></tr></table>",
        "<img src=x onerror=alert(20)>",
        "<img/src=x/onerror=alert(22)>",
        "<img src=x onerror\n=alert(24)>",
        "<IMG SRC=x OnErRoR=confirm(25)>",
        "<img src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\" onload=alert(26)>",
        "<body onload=alert(27)>",
        "<svg/onload=prompt(30)>",
        "<details open ontoggle=alert(31)><summary>s</summary>x</details>",
        "<input autofocus onfocus=alert(32)>",
        "<a href=\"#\" autofocus onfocus=alert(36)>x</a>",
        "<video><source onerror=alert(37)></video>",
        "<x-foo tabindex=0 autofocus onfocus=alert(53)>x</x-foo>",
        "<style>@keyframes x{}</style><p style=animation-name:x onanimationstart=alert(55)>a</p>",
        "<img \"\"\"><script>alert(57)</script>\">",
        "<a href=\"javascript:alert(60)\">x</a>",
        "<a href=\"vbscript:msgbox(62)\">x</a>",
        "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCg2NCk8L3NjcmlwdD4=\">x</a>",
        "<img srcset=\"a.jpg 1x, javascript:alert(67) 2x\">",
        "<blockquote cite=\"javascript:alert(68)\">q</blockquote>",
        "<a href=\"view-source:javascript:alert(69)\">x</a>",
        "<map name=m><area href=\"javascript:alert(77)\" shape=rect coords=0,0,9,9></map>",
        "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(80)\">x</a>",
        "<a href=&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A;alert(82)>x</a>",
        "<a href=\"java&Tab;script:alert(84)\">x</a>",
        "<a href=\"jav\rascript:alert(88)\">x</a>",
        "<img src=\"jav&#x0A;ascript:alert(90);\">",
        "<a href=\" &#14;  javascript:alert(92)\">x</a>",
        "<a href=\"\u{1}javascript:alert(93)\">x</a>",
        "<a href=\"java\u{0}script:alert(95)\">x</a>",
        "<a href='&#xA0javascript:alert(96)'>x</a>",
        "<a href='&#x200B;javascript:alert(99)'>x</a>",
        "<img src=\"\r\ndata:image/svg+xml,<svg onload=alert(102)>\">",
        "<a href=\"  DATA:text/html,<script>alert(106)</script>\">x</a>",
        "<a href=\"javascript\t:alert(107)\">x</a>",
        "<svg></p><style><a id=\"</style><img src=x onerror=alert(110)>\"></svg>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(111)></style></mglyph></table></mtext></math>",
        "<math><annotation-xml encoding=\"text/html\"><style><img src=x onerror=alert(112)></style></annotation-xml></math>",
        "<svg><foreignObject><p><style><p title=\"</style><img src=x onerror=alert(113)>\"></style></foreignObject></svg>",
        "<noscript><p title=\"</noscript><img src=x onerror=alert(114)>\"></noscript>",
        "<textarea>t</textarea><!--</textarea><img src=x onerror=alert(116)>-->",
        "<style><img src=\"</style><img src=x onerror=alert(117)//\">",
        "<iframe><img title=\"</iframe><img src=x onerror=alert(122)>\"></iframe>",
        "<listing>&lt;img src=x onerror=alert(123)&gt;</listing>",
        "<form><math><mtext></form><form><mglyph><style></math><img src=x onerror=alert(126)>",
        "<select><template><img src=x onerror=alert(128)></template></select>",
        "<!--><img src=x onerror=alert(130)>-->",
        "<? x=\"><img src=x onerror=alert(132)>\">",
        "<img src=x id/=' onerror=alert(134)//'>",
        "<plaintext><img src=x onerror=alert(136)>",
        "<svg:script>alert(139)</svg:script>",
        "<option><style></option></select><b><img src=x onerror=alert(140)></style></option>",
        "<img src=`x`onerror=alert(144)>",
        "<scr\u{0}ipt>alert(151)</scr\u{0}ipt>",
        "<img\u{c}src=x\u{c}onerror=alert(152)>",
        "<image src=x onerror=alert(155)>",
        "<iframe srcdoc=\"<script>parent.alert(160)</script>\"></iframe>",
        "<iframe src=\"data:text/html,<script>alert(163)</script>\"></iframe>",
        "<iframe src=\"https://www.youtube-nocookie.com/embed/x\" srcdoc=\"<script>x</script>\" onload=alert(1)></iframe>",
        "<frameset onload=alert(164)><frame src=x></frameset>",
        "<object data=\"data:text/html,<script>alert(170)</script>\"></object>",
        "<embed src=\"data:image/svg+xml,<svg onload=alert(172)>\">",
        "<base href=\"javascript:alert(180)//\"><a href=\"/x\">x</a>",
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(190)\">",
        "<form><button formaction=\"javascript:alert(201)\" autofocus>x</button></form>",
        "<p formaction=\"javascript:alert(205)\">p</p>",
        "<svg><a><animate attributeName=\"href\" values=\"javascript:alert(211)\"/><text y=20>x</text></a></svg>",
        "<a id=defaultView></a><a id=defaultView name=x href=\"javascript:alert(230)\"></a>",
        "<p id=\"blog-config\">{\"apiBase\":\"https://xssbeacon.invalid/1\"}</p>",
        "<ul><li style=\"list-style-image:url(javascript:alert(241))\">x</li></ul>",
        "<div><template shadowrootmode=\"open\"><img src=x onerror=alert(251)></template></div>",
        "<p is=\"x-evil\" onclick=\"alert(254)\">p</p>",
        "<img srcset=\"https://xssbeacon.invalid/1 1x, javascript:x 2x\">",
    ];

    #[test]
    fn xss_payloads_come_out_safe() {
        for payload in XSS {
            let out = post(payload);
            let found = problems(&out);
            assert!(found.is_empty(), "{payload:?} -> {out:?}: {found:?}");
        }
    }

    #[test]
    fn xss_payloads_nested_deep_come_out_safe() {
        // Past MAX_DEPTH everything is unwrapped: still nothing unsafe.
        for payload in XSS {
            let input = format!("{}{payload}", "<div>".repeat(90));
            let out = post(&input);
            let found = problems(&out);
            assert!(found.is_empty(), "{payload:?} -> {out:?}: {found:?}");
        }
    }
}

// --- The page's context, set once per build by the prerenderer. ---

thread_local! {
    /// Every origin a sanitised page loads images or media from.
    static MEDIA_ORIGINS: std::cell::RefCell<std::collections::BTreeSet<String>> =
        const { std::cell::RefCell::new(std::collections::BTreeSet::new()) };
    static CONTEXT: std::cell::RefCell<(String, Vec<String>)> =
        const { std::cell::RefCell::new((String::new(), Vec::new())) };
}

/// The published site's host (links to it are not "external") and the
/// configured embed hosts, as the browser would know them.
pub fn set_page_context(own_host: String, embed_hosts: Vec<String>) {
    CONTEXT.with(|c| *c.borrow_mut() = (own_host, embed_hosts));
}

/// The origins the content sanitised so far loads images and media from
/// (for the Content-Security-Policy), emptied.
pub fn take_media_origins() -> std::collections::BTreeSet<String> {
    MEDIA_ORIGINS.with(|m| std::mem::take(&mut *m.borrow_mut()))
}

/// `SafeHtml` at build time: this page's HTML through the policy.
pub fn sanitize_for_page(html: &str, source: Source) -> String {
    CONTEXT.with(|c| {
        let (own_host, embed_hosts) = &*c.borrow();
        let embed_hosts: &[String] = match source {
            Source::Post => embed_hosts,
            Source::Comment | Source::Title => &[],
        };
        sanitize_to_html(html, source, own_host, embed_hosts)
    })
}
