//! WordPress dates (`2023-03-14T11:00:00`, the site's local time) shown as
//! "14 March 2023", without a date library in the download.

pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// `2023-03-14T11:00:00` → `14 March 2023`; anything unreadable → `None`.
pub fn format_date(iso: &str) -> Option<String> {
    let date = iso.get(..10)?;
    let mut parts = date.split('-');
    let year: u32 = parts.next()?.parse().ok()?;
    let month: usize = parts.next()?.parse().ok()?;
    let day: u32 = parts.next()?.parse().ok()?;
    let name = MONTHS.get(month.checked_sub(1)?)?;
    (1..=31)
        .contains(&day)
        .then(|| format!("{day} {name} {year}"))
}

/// The machine-readable part for `<time datetime>`: the date itself.
pub fn datetime_attr(iso: &str) -> &str {
    iso.get(..10).unwrap_or(iso)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_wordpress_dates() {
        assert_eq!(
            format_date("2023-03-14T11:00:00").as_deref(),
            Some("14 March 2023")
        );
        assert_eq!(
            format_date("2024-12-01T00:00:00").as_deref(),
            Some("1 December 2024")
        );
        assert_eq!(format_date("2023-03-14").as_deref(), Some("14 March 2023"));
    }

    #[test]
    fn rejects_what_is_not_a_date() {
        for bad in [
            "",
            "2023",
            "2023-13-01T00:00:00",
            "2023-00-10",
            "2023-01-32",
            "abcd-ef-ghij",
            "2023-1é-01",
        ] {
            assert_eq!(format_date(bad), None, "{bad}");
        }
        assert_eq!(datetime_attr("2023-03-14T11:00:00"), "2023-03-14");
        assert_eq!(datetime_attr("x"), "x");
    }
}
