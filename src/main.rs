//! Entry point: a panic safety net, the deployment config, the responses a
//! prerendered page carries (`blog::boot`), then the app.

fn main() {
    blog::boot(blog::ui::takeover::start);
}
