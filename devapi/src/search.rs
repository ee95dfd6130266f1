//! `search=` on posts and pages, as WordPress 6.1 does it for an anonymous
//! visitor (`WP_Query::parse_search`, checked against the real thing by the
//! contract test):
//!
//! 1. the REST argument goes through `sanitize_text_field` (no tags, no
//!    percent-encoded octets, collapsed white space): a search that is empty
//!    afterwards (`<script>…</script>`) is no search at all, every post
//!    answers;
//! 2. `stripslashes`, no line breaks;
//! 3. terms: quoted phrases and runs of characters other than tab, space,
//!    `"`, `,` and `+`; quotes trimmed; single letters and dashes and the
//!    stopwords (`the`, `about`…) dropped; when nothing is left, or more than
//!    nine terms, the whole string is one term;
//! 4. every term must occur (SQL `LIKE '%term%'`) in the raw title, the raw
//!    excerpt or the raw content (the block markup and HTML as stored, so
//!    `wp` finds every block-editor post); a term starting with `-` must
//!    occur in none of them;
//! 5. the comparison is MySQL's `utf8mb4_unicode_520_ci`, character by
//!    character: case-insensitive and accent-insensitive (`cafe` finds
//!    `café`, `σχετικα` finds `Σχετικά`), while other scripts and emoji match
//!    only themselves;
//! 6. password-protected posts are never found (`post_password = ''`).

use crate::html::sanitize_text_field;

/// `get_search_stopwords()` in English.
const STOPWORDS: &[&str] = &[
    "about", "an", "are", "as", "at", "be", "by", "com", "for", "from", "how", "in", "is", "it",
    "of", "on", "or", "that", "the", "this", "to", "was", "what", "when", "where", "who", "will",
    "with", "www",
];

/// One term of a search: folded characters, and whether it excludes.
#[derive(Debug, Clone, PartialEq)]
pub struct Term {
    pub text: String,
    pub exclude: bool,
    folded: Vec<char>,
}

/// A parsed search; `None` from [`Search::parse`] means no search.
#[derive(Debug, Clone)]
pub struct Search {
    pub terms: Vec<Term>,
    /// The whole (sanitised) search string, folded.
    sentence: Vec<char>,
    /// Whether the string has a `-` at the start of a word (no sentence
    /// ranking then).
    negative: bool,
    /// How many terms the split found, before dropping stopwords
    /// (`search_terms_count`).
    count: usize,
}

/// Longer searches (in bytes, after sanitising) are ignored: every post
/// answers, as WordPress 6.1 does.
pub const MAX_LENGTH: usize = 1600;

fn is_separator(c: char) -> bool {
    matches!(c, '\t' | ' ' | '"' | ',' | '+')
}

/// `preg_match_all( '/".*?("|$)|((?<=[\t ",+])|^)[^\t ",+]+/', … )`.
fn split_terms(s: &str) -> Vec<String> {
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '"' {
            let end = chars[i + 1..]
                .iter()
                .position(|&c| c == '"')
                .map_or(chars.len(), |p| i + 1 + p + 1);
            out.push(chars[i..end].iter().collect());
            i = end;
        } else if !is_separator(chars[i]) && (i == 0 || is_separator(chars[i - 1])) {
            let end = chars[i..]
                .iter()
                .position(|&c| is_separator(c))
                .map_or(chars.len(), |p| i + p);
            out.push(chars[i..end].iter().collect());
            i = end;
        } else {
            i += 1;
        }
    }
    out
}

/// `WP_Query::parse_search_terms`.
fn checked_terms(terms: Vec<String>) -> Vec<String> {
    let mut checked = Vec::new();
    for term in terms {
        let quoted = term.chars().count() >= 3 && term.starts_with('"') && term.ends_with('"');
        let term = if quoted {
            term.trim_matches(['"', '\''])
        } else {
            term.trim_matches(['"', '\'', ' '])
        };
        let single = term.len() == 1 && term.chars().all(|c| c.is_ascii_alphabetic() || c == '-');
        if term.is_empty() || single || STOPWORDS.contains(&term.to_lowercase().as_str()) {
            continue;
        }
        checked.push(term.to_string());
    }
    checked
}

/// PHP's `stripslashes`.
fn stripslashes(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('0') => out.push('\0'),
                Some(next) => out.push(next),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

impl Search {
    /// The `search` argument as WordPress reads it; `None` when it leaves no
    /// search (absent, blank, or only markup).
    pub fn parse(raw: &str) -> Option<Search> {
        let s = sanitize_text_field(raw);
        if s.is_empty() || s.len() > MAX_LENGTH {
            return None;
        }
        let s = stripslashes(&s).replace(['\r', '\n'], "");
        if s.is_empty() {
            return None;
        }
        let split = split_terms(&s);
        let count = split.len().max(1);
        let mut terms = if split.is_empty() {
            vec![s.clone()]
        } else {
            checked_terms(split)
        };
        if terms.is_empty() || terms.len() > 9 {
            terms = vec![s.clone()];
        }
        let negative = s
            .char_indices()
            .any(|(i, c)| c == '-' && (i == 0 || s[..i].ends_with(char::is_whitespace)));
        Some(Search {
            sentence: fold(&s),
            negative,
            count,
            terms: terms
                .into_iter()
                .map(|t| {
                    let (exclude, text) = match t.strip_prefix('-') {
                        Some(rest) => (true, rest.to_string()),
                        None => (false, t),
                    };
                    Term {
                        folded: fold(&text),
                        text,
                        exclude,
                    }
                })
                .collect(),
        })
    }

    /// Whether a post with these raw fields is found.
    pub fn matches(&self, title: &str, excerpt: &str, content: &str) -> bool {
        let fields = [fold(title), fold(excerpt), fold(content)];
        self.terms.iter().all(|term| {
            let found = fields.iter().any(|f| contains(f, &term.folded));
            found != term.exclude
        })
    }
}

impl Search {
    /// `orderby=relevance`: the rank of `WP_Query::parse_search_order`
    /// (lower first; posts of one rank then by date). One term: title
    /// matches first. Several: the whole string in the title, all terms in
    /// the title (under seven terms), any term in the title (two to six),
    /// the whole string in the excerpt, then in the content.
    pub fn rank(&self, title: &str, excerpt: &str, content: &str) -> u8 {
        let title = fold(title);
        let wanted: Vec<&Term> = self.terms.iter().filter(|t| !t.exclude).collect();
        if self.count <= 1 {
            return match wanted.first() {
                Some(t) if contains(&title, &t.folded) => 0,
                _ => 1,
            };
        }
        let sentence = !self.negative;
        if sentence && contains(&title, &self.sentence) {
            return 1;
        }
        if wanted.len() < 7 {
            if wanted.iter().all(|t| contains(&title, &t.folded)) {
                return 2;
            }
            if wanted.len() > 1 && wanted.iter().any(|t| contains(&title, &t.folded)) {
                return 3;
            }
        }
        if sentence && contains(&fold(excerpt), &self.sentence) {
            return 4;
        }
        if sentence && contains(&fold(content), &self.sentence) {
            return 5;
        }
        6
    }
}

fn contains(haystack: &[char], needle: &[char]) -> bool {
    needle.is_empty() || haystack.windows(needle.len()).any(|w| w == needle)
}

/// Characters that `utf8mb4_unicode_520_ci` weighs as another letter at
/// the primary level (accents, tonos, case ignored): per block, one
/// character per code point, the lowercase base letter or `·` for "itself,
/// lowercased". Generated from MariaDB 10.11 (`'ő' LIKE 'o' COLLATE
/// utf8mb4_unicode_520_ci` for every letter of each block): Latin-1
/// Supplement to Latin Extended-B, Greek, Cyrillic, Latin Extended
/// Additional, Greek Extended.
const FOLDS: &[(u32, &str)] = &[
    (
        0x00C0,
        concat!(
            "aaaaaa·ceeeeiiiidnooooo·ouuuuy··",
            "aaaaaa·ceeeeiiiidnooooo·ouuuuy·y",
            "aaaaaaccccccccddddeeeeeeeeeegggg",
            "gggghhhhiiiiiiiii···jjkk·lllllll",
            "lllnnnnnn···oooooo··rrrrrrssssss",
            "sstttt··uuuuuuuuuuuuwwyyyzzzzzzs",
            "································",
            "oo·············uu···············",
            "·············aaiioouuuuuuuuuu·aa",
            "aa····ggkkoooo··j···gg··nnaa··oo",
            "aaaaeeeeiiiioooorrrruuuusstt··hh",
            "······aaeeooooooooyy············",
            "················",
        ),
    ),
    (
        0x0370,
        concat!(
            "··········ι···········α·εηι·ο·υω",
            "ι·························ιυαεηι",
            "υ·················σ·······ιυουω·",
            "βθυυυφπ·························",
            "κρσ··ε···σ······",
        ),
    ),
    (
        0x0400,
        concat!(
            "ее···········и··················",
            "································",
            "················ее···········и··",
        ),
    ),
    (
        0x1E00,
        concat!(
            "aabbbbbbccddddddddddeeeeeeeeeeff",
            "gghhhhhhhhhhiiiikkkkkkllllllllmm",
            "mmmmnnnnnnnnoooooooopppprrrrrrrr",
            "ssssssssssttttttttuuuuuuuuuuvvvv",
            "wwwwwwwwwwxxxxyyzzzzzzhtwy·s····",
            "aaaaaaaaaaaaaaaaaaaaaaaaeeeeeeee",
            "eeeeeeeeiiiioooooooooooooooooooo",
            "oooouuuuuuuuuuuuuuyyyyyyyy······",
        ),
    ),
    (
        0x1F00,
        concat!(
            "ααααααααααααααααεεεεεε··εεεεεε··",
            "ηηηηηηηηηηηηηηηηιιιιιιιιιιιιιιιι",
            "οοοοοο··οοοοοο··υυυυυυυυ·υ·υ·υ·υ",
            "ωωωωωωωωωωωωωωωωααεεηηιιοουυωω··",
            "ααααααααααααααααηηηηηηηηηηηηηηηη",
            "ωωωωωωωωωωωωωωωωααααα·ααααααα·ι·",
            "··ηηη·ηηεεηηη···ιιιι··ιιιιιι····",
            "υυυυρρυυυυυυρ·····ωωω·ωωοοωωω···",
        ),
    ),
];

/// The base letter of an accented Latin letter (`é` → `e`), if it has one.
pub fn latin_base(c: char) -> Option<char> {
    let code = c as u32;
    let (start, bases) = FOLDS.first()?;
    let base = bases.chars().nth(code.checked_sub(*start)? as usize)?;
    let base = (base != '·').then_some(base)?;
    // Keep the case: remove_accents turns É into E.
    Some(if c.is_uppercase() {
        base.to_ascii_uppercase()
    } else {
        base
    })
}

/// One character as `utf8mb4_unicode_520_ci` weighs it at the primary
/// level: lowercase, without accents; fullwidth Latin as ASCII. Other
/// scripts and emoji match only themselves.
fn fold_char(c: char) -> char {
    // Most text is ASCII: no table to look at (a search reads every post).
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let code = c as u32;
    if (0xFF21..=0xFF3A).contains(&code) || (0xFF41..=0xFF5A).contains(&code) {
        return char::from_u32(code - 0xFF21 + 0x41).map_or(c, |a| a.to_ascii_lowercase());
    }
    let lower = || c.to_lowercase().next().unwrap_or(c);
    for (start, bases) in FOLDS {
        if code >= *start && code < start + bases.chars().count() as u32 {
            return match bases.chars().nth((code - start) as usize) {
                Some('·') | None => lower(),
                Some(base) => base,
            };
        }
    }
    lower()
}

fn fold(s: &str) -> Vec<char> {
    s.chars().map(fold_char).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(q: &str) -> Vec<(String, bool)> {
        Search::parse(q)
            .map(|s| s.terms.into_iter().map(|t| (t.text, t.exclude)).collect())
            .unwrap_or_default()
    }

    #[test]
    fn folds_as_mariadb_does() {
        for (c, base) in [
            ('É', 'e'),
            ('ç', 'c'),
            ('ñ', 'n'),
            ('Ł', 'l'),
            ('ß', 'ß'),
            ('ž', 'z'),
            ('Ő', 'o'),
            ('ı', 'ı'),
            ('Ά', 'α'),
            ('ς', 'σ'),
            ('Ё', 'е'),
            ('й', 'й'),
            ('Ａ', 'a'),
            ('ḿ', 'm'),
            ('🌿', '🌿'),
        ] {
            assert_eq!(fold_char(c), base, "{c}");
        }
    }

    #[test]
    fn terms_like_wordpress() {
        let t = |v: &[(&str, bool)]| -> Vec<(String, bool)> {
            v.iter().map(|(s, e)| (s.to_string(), *e)).collect()
        };
        assert_eq!(
            terms("slow reading"),
            t(&[("slow", false), ("reading", false)])
        );
        assert_eq!(terms("\"slow reading\""), t(&[("slow reading", false)]));
        assert_eq!(
            terms("slow -reading"),
            t(&[("slow", false), ("reading", true)])
        );
        assert_eq!(
            terms("reading,writing+habits"),
            t(&[("reading", false), ("writing", false), ("habits", false)])
        );
        // Only stopwords or single letters: the whole string.
        assert_eq!(terms("the"), t(&[("the", false)]));
        assert_eq!(terms("a"), t(&[("a", false)]));
        assert_eq!(terms("-"), t(&[("", true)]));
        assert_eq!(terms("\""), t(&[("\"", false)]));
        assert_eq!(terms("\"near the clinic"), t(&[("near the clinic", false)]));
        // Markup is stripped; nothing left is no search.
        assert_eq!(terms("<em>slow</em>"), t(&[("slow", false)]));
        assert!(Search::parse("<script>alert(1)</script>").is_none());
        assert!(Search::parse("   ").is_none());
        assert_eq!(terms("a < b"), t(&[("&lt;", false)]));
        // Ten terms or more: one sentence.
        let long = "one two three four five six seven eight nine ten";
        assert_eq!(terms(long), t(&[(long, false)]));
        assert_eq!(terms("slow\\reading"), t(&[("slowreading", false)]));
        assert_eq!(terms("x%20y"), t(&[("xy", false)]));
        // Past 1,600 bytes, no search at all.
        assert!(Search::parse(&"x".repeat(1600)).is_some());
        assert!(Search::parse(&"x".repeat(1601)).is_none());
        assert!(Search::parse(&"é".repeat(801)).is_none());
    }

    #[test]
    fn matching_folds_case_and_accents() {
        let s = Search::parse("CAFE").unwrap();
        assert!(s.matches("", "", "a menu at a café"));
        let s = Search::parse("σχετικα").unwrap();
        assert!(s.matches("Σχετικά", "", ""));
        let s = Search::parse("🌱").unwrap();
        assert!(!s.matches("", "", "a café 🌿"));
        let s = Search::parse("-reading slow").unwrap();
        assert!(s.matches("Slow", "", "walking"));
        assert!(!s.matches("Slow", "", "reading"));
        let s = Search::parse("-").unwrap();
        assert!(!s.matches("anything", "", ""));
    }
}
