//! Entry point of the chat's part of prerendered pages (`ui::chat_part`):
//! the chat without the app or the comments around it. Trunk builds it from
//! the `chat` page `scripts/part-pages.mjs` writes.

fn main() {
    blog::boot(blog::ui::chat_part::start);
}
