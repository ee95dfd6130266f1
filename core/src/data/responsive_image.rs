//! The featured image as a responsive `<img>`: the sizes WordPress made on
//! upload become a `srcset`, so a phone fetches a phone-sized file, and the
//! intrinsic size reserves the image's box before it arrives.

use crate::data::models::Media;
use crate::rules::sanitize_policy::clean_url;

/// How wide the featured image is shown: the text column (about 40rem) or
/// the viewport on narrower screens. Written once, for the `sizes` attribute.
pub const FEATURED_SIZES: &str = "(max-width: 40rem) 100vw, 40rem";

/// WordPress leaves larger copies out of `srcset` (`max_srcset_image_width`).
const MAX_SRCSET_WIDTH: u32 = 2048;

/// What the `<img>` of a featured image carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResponsiveImage {
    pub src: String,
    /// `url 300w, url 1024w, …`; `None` when there is nothing to choose from.
    pub srcset: Option<String>,
    pub width: u32,
    pub height: u32,
    pub alt: String,
}

/// The featured image, or `None` when its URL is not one the policy allows.
///
/// Like `wp_calculate_image_srcset`, only copies of the same shape as the
/// full image are candidates (a square thumbnail of a landscape photo would
/// show a different picture), each width once, smallest first.
pub fn featured_image(media: &Media) -> Option<ResponsiveImage> {
    let src = clean_url(&media.source_url)?;
    let (width, height) = (media.media_details.width, media.media_details.height);
    let mut candidates: Vec<(u32, String)> = media
        .media_details
        .sizes
        .values()
        .filter(|s| {
            s.width > 0
                && s.width <= MAX_SRCSET_WIDTH
                && same_shape(width, height, s.width, s.height)
        })
        .filter_map(|s| Some((s.width, clean_url(&s.source_url)?)))
        .filter(|(_, url)| !url.contains([' ', ',']))
        .collect();
    candidates.sort_by_key(|(w, _)| *w);
    candidates.dedup_by_key(|(w, _)| *w);
    let srcset = (candidates.len() > 1).then(|| {
        candidates
            .iter()
            .map(|(w, url)| format!("{url} {w}w"))
            .collect::<Vec<_>>()
            .join(", ")
    });
    Some(ResponsiveImage {
        src,
        srcset,
        width,
        height,
        alt: media.alt_text.clone(),
    })
}

/// `wp_image_matches_ratio`: the same aspect ratio, give or take the pixel
/// WordPress's rounding of the smaller copy costs.
pub(crate) fn same_shape(w: u32, h: u32, sw: u32, sh: u32) -> bool {
    if w == 0 || h == 0 || sh == 0 {
        return false;
    }
    let (w, h, sw, sh) = (w as f64, h as f64, sw as f64, sh as f64);
    let scaled_height = sw * h / w;
    (scaled_height - sh).abs() <= 1.0 || ((sh * w / h) - sw).abs() <= 1.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::models::{MediaDetails, MediaSize};

    fn size(url: &str, width: u32, height: u32) -> MediaSize {
        MediaSize {
            source_url: url.into(),
            width,
            height,
        }
    }

    fn media(sizes: &[(&str, MediaSize)]) -> Media {
        Media {
            source_url: "https://cms.example.org/wp-content/uploads/h.jpg".into(),
            alt_text: "A harbour".into(),
            media_details: MediaDetails {
                width: 1600,
                height: 1067,
                sizes: sizes
                    .iter()
                    .map(|(n, s)| (n.to_string(), s.clone()))
                    .collect(),
            },
        }
    }

    #[test]
    fn same_shaped_sizes_become_a_srcset_smallest_first() {
        let m = media(&[
            (
                "thumbnail",
                size("https://cms.example.org/h-150x150.jpg", 150, 150),
            ),
            (
                "medium",
                size("https://cms.example.org/h-300x200.jpg", 300, 200),
            ),
            (
                "large",
                size("https://cms.example.org/h-1024x683.jpg", 1024, 683),
            ),
            ("full", size("https://cms.example.org/h.jpg", 1600, 1067)),
        ]);
        let img = featured_image(&m).unwrap();
        assert_eq!(
            img.srcset.as_deref(),
            Some("https://cms.example.org/h-300x200.jpg 300w, https://cms.example.org/h-1024x683.jpg 1024w, https://cms.example.org/h.jpg 1600w")
        );
        assert_eq!((img.width, img.height), (1600, 1067));
        assert_eq!(img.alt, "A harbour");
    }

    #[test]
    fn no_choice_no_srcset() {
        let img = featured_image(&media(&[(
            "full",
            size("https://cms.example.org/h.jpg", 1600, 1067),
        )]))
        .unwrap();
        assert_eq!(img.srcset, None);
        assert_eq!(featured_image(&media(&[])).unwrap().srcset, None);
    }

    #[test]
    fn unsafe_candidates_are_left_out_and_an_unsafe_source_is_no_image() {
        let m = media(&[
            ("medium", size("javascript:alert(1)", 300, 200)),
            (
                "medium_large",
                size("https://cms.example.org/a b.jpg", 768, 512),
            ),
            (
                "large",
                size("https://cms.example.org/h-1024x683.jpg", 1024, 683),
            ),
            ("full", size("https://cms.example.org/h.jpg", 1600, 1067)),
        ]);
        let srcset = featured_image(&m).unwrap().srcset.unwrap();
        assert!(
            !srcset.contains("javascript") && !srcset.contains("a b"),
            "{srcset}"
        );
        let mut bad = m.clone();
        bad.source_url = "javascript:alert(1)".into();
        assert_eq!(featured_image(&bad), None);
    }

    #[test]
    fn huge_copies_are_not_candidates() {
        let m = media(&[
            (
                "large",
                size("https://cms.example.org/h-1024x683.jpg", 1024, 683),
            ),
            (
                "2560",
                size("https://cms.example.org/h-2560.jpg", 2560, 1707),
            ),
            ("full", size("https://cms.example.org/h.jpg", 1600, 1067)),
        ]);
        assert!(!featured_image(&m).unwrap().srcset.unwrap().contains("2560"));
    }
}
