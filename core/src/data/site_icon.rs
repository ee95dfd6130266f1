//! The site icon (Settings → Site Identity): the `<head>` tags WordPress's
//! `wp_site_icon()` prints on every page, from the icon's media item
//! (`/wp/v2/media/<site_icon>`). Without them a blog loses its icon and
//! every browser asks for `/favicon.ico` instead.

use crate::data::models::{Media, MediaSize};
use crate::data::responsive_image::same_shape;
use crate::data::share_meta::escape_attr;
use crate::rules::sanitize_policy::clean_url;

/// The fields of the icon's media item the tags are made from.
pub const ICON_FIELDS: &str = "source_url,media_details";

/// The route of the icon's media item (`site_icon` of the REST index).
pub fn icon_route(site_icon: u64) -> String {
    format!("wp/v2/media/{site_icon}?_fields={ICON_FIELDS}")
}

/// What `wp_site_icon()` prints, in its order: the tab icon, the larger
/// icon Android uses, the home-screen icon of iOS, the Windows tile.
const TAGS: [(u32, Tag); 4] = [
    (32, Tag::Icon("32x32")),
    (192, Tag::Icon("192x192")),
    (180, Tag::AppleTouchIcon),
    (270, Tag::TileImage),
];

#[derive(Clone, Copy)]
enum Tag {
    Icon(&'static str),
    AppleTouchIcon,
    TileImage,
}

/// The icon's tags, one per line, or `""` when it has no usable address.
pub fn head_tags(icon: &Media) -> String {
    TAGS.iter()
        .filter_map(|(size, tag)| {
            let href = escape_attr(&icon_url(icon, *size)?);
            Some(match tag {
                Tag::Icon(sizes) => {
                    format!("<link rel=\"icon\" href=\"{href}\" sizes=\"{sizes}\">")
                }
                Tag::AppleTouchIcon => format!("<link rel=\"apple-touch-icon\" href=\"{href}\">"),
                Tag::TileImage => {
                    format!("<meta name=\"msapplication-TileImage\" content=\"{href}\">")
                }
            })
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The length of the `head_tags` tag `text` starts with, if it starts with
/// one (the prerenderer puts them into the app's shell, and takes them out
/// again before the next build puts the site's current ones in).
pub fn icon_tag_len(text: &str) -> Option<usize> {
    [
        "<link rel=\"icon\" ",
        "<link rel=\"apple-touch-icon\" ",
        "<meta name=\"msapplication-TileImage\" ",
    ]
    .iter()
    .any(|opener| text.starts_with(opener))
    .then(|| text.find('>').map(|end| end + 1))
    .flatten()
}

/// `get_site_icon_url($size)`: the copy `wp_get_attachment_image_url` picks
/// for a `size`×`size` box (`image_get_intermediate_size`): an exact copy,
/// else the smallest square copy at least that large, else the thumbnail
/// if it is wide enough, else the full image.
pub fn icon_url(icon: &Media, size: u32) -> Option<String> {
    // The REST API adds the full image to `sizes`; WordPress's metadata,
    // which the choice is made from, does not have it.
    let copies = || {
        icon.media_details
            .sizes
            .iter()
            .filter(|(name, _)| name.as_str() != "full")
            .map(|(_, copy)| copy)
    };
    let fits = |c: &&MediaSize| {
        (c.width == size && c.height == size)
            || (c.width >= size && c.height >= size && same_shape(size, size, c.width, c.height))
    };
    let chosen = copies()
        .filter(fits)
        .min_by_key(|c| c.width as u64 * c.height as u64)
        .or_else(|| {
            icon.media_details
                .sizes
                .get("thumbnail")
                .filter(|t| t.width >= size)
        });
    let url = chosen.map_or(icon.source_url.as_str(), |c| c.source_url.as_str());
    clean_url(url).filter(|u| !u.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::models::MediaDetails;

    fn icon(full: u32, copies: &[(&str, u32, u32)]) -> Media {
        let url =
            |w: u32, h: u32| format!("https://blog.example/wp-content/uploads/icon-{w}x{h}.png");
        let mut sizes: std::collections::BTreeMap<String, MediaSize> = copies
            .iter()
            .map(|(name, w, h)| {
                let copy = MediaSize {
                    source_url: url(*w, *h),
                    width: *w,
                    height: *h,
                };
                (name.to_string(), copy)
            })
            .collect();
        let full_url = "https://blog.example/wp-content/uploads/icon.png".to_string();
        sizes.insert(
            "full".into(),
            MediaSize {
                source_url: full_url.clone(),
                width: full,
                height: full,
            },
        );
        Media {
            source_url: full_url,
            media_details: MediaDetails {
                width: full,
                height: full,
                sizes,
            },
            ..Media::default()
        }
    }

    /// An icon cropped in the Customizer: WordPress made a copy for each tag.
    #[test]
    fn a_cropped_icon_has_a_copy_for_each_tag() {
        let cropped = icon(
            512,
            &[
                ("thumbnail", 150, 150),
                ("medium", 300, 300),
                ("site_icon-270", 270, 270),
                ("site_icon-192", 192, 192),
                ("site_icon-180", 180, 180),
                ("site_icon-32", 32, 32),
            ],
        );
        let u = "https://blog.example/wp-content/uploads/icon-";
        assert!(head_tags(&cropped)
            .lines()
            .all(|tag| icon_tag_len(tag) == Some(tag.len())));
        assert_eq!(
            icon_tag_len("<link rel=\"stylesheet\" href=\"/a.css\">"),
            None
        );
        assert_eq!(
            head_tags(&cropped),
            format!(
                "<link rel=\"icon\" href=\"{u}32x32.png\" sizes=\"32x32\">\n\
                 <link rel=\"icon\" href=\"{u}192x192.png\" sizes=\"192x192\">\n\
                 <link rel=\"apple-touch-icon\" href=\"{u}180x180.png\">\n\
                 <meta name=\"msapplication-TileImage\" content=\"{u}270x270.png\">"
            )
        );
    }

    /// A square image used as it was uploaded (the Customizer skips the
    /// crop): the smallest square copy large enough, else the full image.
    #[test]
    fn an_uncropped_icon_takes_the_smallest_copy_large_enough() {
        let plain = icon(512, &[("thumbnail", 150, 150), ("medium", 300, 300)]);
        let u = "https://blog.example/wp-content/uploads/icon";
        assert_eq!(icon_url(&plain, 32).unwrap(), format!("{u}-150x150.png"));
        assert_eq!(icon_url(&plain, 180).unwrap(), format!("{u}-300x300.png"));
        assert_eq!(icon_url(&plain, 270).unwrap(), format!("{u}-300x300.png"));
        let small = icon(200, &[("thumbnail", 150, 150)]);
        assert_eq!(icon_url(&small, 192).unwrap(), format!("{u}.png"));
    }

    /// Only copies of the box's shape count; a wide thumbnail (a theme's
    /// uncropped one) is still taken when it is wide enough, as WordPress does.
    #[test]
    fn a_copy_of_another_shape_is_not_a_candidate() {
        let wide = icon(600, &[("medium", 300, 200), ("thumbnail", 150, 100)]);
        let u = "https://blog.example/wp-content/uploads/icon";
        assert_eq!(icon_url(&wide, 192).unwrap(), format!("{u}.png"));
        assert_eq!(icon_url(&wide, 32).unwrap(), format!("{u}-150x100.png"));
    }

    #[test]
    fn an_unsafe_or_missing_address_gives_no_tag() {
        let mut bad = icon(512, &[]);
        bad.source_url = "javascript:alert(1)".into();
        bad.media_details.sizes.clear();
        assert_eq!(head_tags(&bad), "");
        assert_eq!(head_tags(&Media::default()), "");
        let mut quoted = icon(512, &[]);
        quoted.source_url = "https://blog.example/a\"b.png".into();
        quoted.media_details.sizes.clear();
        assert!(head_tags(&quoted).contains("a&quot;b.png"));
    }
}
