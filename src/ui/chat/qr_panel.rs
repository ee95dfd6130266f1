use blog_core::chat::qr_svg;
use leptos::prelude::*;

/// "Scan the code": the same wa.me link as a QR code, for a desktop visitor
/// to continue on their phone. The SVG is generated in Rust from the link;
/// it carries no outside markup (the label is XML-escaped), so it is set as
/// the container's HTML.
#[component]
pub fn QrPanel(link: Signal<String>, caption: String) -> impl IntoView {
    let label = format!("{caption}: a QR code that opens this chat on your phone");
    let svg = Memo::new(move |_| {
        qr_svg(&link.get(), &label)
            .map(|q| q.svg)
            .unwrap_or_default()
    });
    view! {
        <figure class="chat-qr">
            <div class="chat-qr-code" inner_html=move || svg.get()></div>
            <figcaption>{caption}</figcaption>
        </figure>
    }
}
