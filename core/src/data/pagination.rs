//! WordPress's collection headers: `X-WP-Total` and `X-WP-TotalPages`.

use serde::{Deserialize, Serialize};

/// Where a page of a collection sits.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paging {
    pub total: u32,
    pub total_pages: u32,
}

impl Paging {
    /// Reads the two header values; a missing or garbled header counts as
    /// unknown (0), which callers treat as "no further pages".
    pub fn from_headers(total: Option<&str>, total_pages: Option<&str>) -> Self {
        let read = |v: Option<&str>| v.and_then(|s| s.trim().parse::<u32>().ok()).unwrap_or(0);
        Paging {
            total: read(total),
            total_pages: read(total_pages),
        }
    }

    pub fn has_next(&self, page: u32) -> bool {
        page < self.total_pages
    }

    pub fn has_prev(&self, page: u32) -> bool {
        page > 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_headers() {
        let p = Paging::from_headers(Some("120"), Some("2"));
        assert_eq!(
            p,
            Paging {
                total: 120,
                total_pages: 2
            }
        );
        assert!(p.has_next(1));
        assert!(!p.has_next(2));
        assert!(p.has_prev(2));
        assert!(!p.has_prev(1));
    }

    #[test]
    fn garbled_or_missing_headers_mean_unknown() {
        for (a, b) in [
            (None, None),
            (Some("x"), Some("-1")),
            (Some(""), Some(" 3 ")),
        ] {
            let p = Paging::from_headers(a, b);
            assert_eq!(p.total, 0);
            assert!(p.total_pages == 0 || p.total_pages == 3);
        }
        assert!(!Paging::default().has_next(1));
    }
}
