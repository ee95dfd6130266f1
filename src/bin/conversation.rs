//! Entry point of the comments' part of prerendered pages
//! (`ui::conversation`): the comments without the app or the chat around
//! them. Trunk builds it from the `part` page
//! `scripts/part-pages.mjs` writes.

fn main() {
    blog::boot(blog::ui::conversation::start);
}
