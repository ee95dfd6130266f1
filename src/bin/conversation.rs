//! Entry point of the interactive part of prerendered pages
//! (`ui::conversation`): the comments and the chat, without the app around
//! them. Trunk builds it from `part.html`.

fn main() {
    blog::boot(blog::ui::conversation::start);
}
