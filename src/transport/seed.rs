//! Puts the responses a prerendered page carries into the cache before the
//! app's first render (`blog_core::data::seed`), so that render is the page
//! already on screen and asks the API for nothing.

use blog_core::data::seed::{parse_seed, PageSeed, SEED_ELEMENT_ID};

use crate::transport::cache::{self, CachedResponse};
use crate::transport::config;

/// Seeds the cache from the page's seed block, if it has one (it was
/// prerendered).
pub fn load_from_page() {
    let Some(text) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(SEED_ELEMENT_ID))
        .and_then(|el| el.text_content())
    else {
        return;
    };
    seed_cache(parse_seed(&text));
}

/// Keys each seeded route by the URL the app will request it with.
pub fn seed_cache(seed: PageSeed) {
    let config = config::get();
    for (route, response) in seed {
        cache::put(
            &config.endpoint(&route),
            CachedResponse {
                paging: response.paging,
                body: response.body,
            },
        );
    }
}
