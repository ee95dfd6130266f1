//! The generated blog's words (`--generate`, see `generate.rs`): titles,
//! sentences and paragraphs from a seeded generator, and a post's text as a
//! [`Text`], a seed and a length rendered again whenever it is read. Below
//! the content model, which stores a generated post's body as a `Text`.

use crate::html::{excerpt_of, strip_tags_into, EXCERPT_WORDS, HOME_TOKEN};

/// The first generated post's id (pages take 2–8, the data file's media
/// keep theirs below 100).
pub const FIRST_POST_ID: u64 = 100;
/// The newest generated post is published at this time (UTC).
pub const LAST_DATE: &str = "2025-06-30T18:00:00";
/// Posts are spread over this many years before [`LAST_DATE`].
pub const YEARS: i64 = 6;
/// How many comments the busy post gets.
pub const BUSY_POST_COMMENTS: usize = 240;

/// SplitMix64: tiny, fast and good enough for made-up prose.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        let mut rng = Rng(seed);
        rng.next_u64();
        rng
    }

    /// A generator for item `index` of a stream (`salt` tells streams apart).
    pub(crate) fn for_item(salt: u64, index: u64) -> Rng {
        Rng::new(salt.wrapping_mul(0x1000_0000_01B3) ^ index.wrapping_mul(0x9E37_79B9_7F4A_7C15))
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// 0 ≤ x < n (0 when n is 0).
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.next_u64() % n
        }
    }

    /// lo ≤ x ≤ hi.
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.below(hi.saturating_sub(lo) + 1)
    }

    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    pub fn pick<T: Copy>(&mut self, list: &[T]) -> T {
        list[self.below(list.len() as u64) as usize]
    }
}

pub(crate) const SALT_TEXT: u64 = 1;
pub(crate) const SALT_POST: u64 = 2;
pub(crate) const SALT_DATE: u64 = 3;
pub(crate) const SALT_COMMENTS: u64 = 4;
pub(crate) const SALT_PAGE: u64 = 5;

// ------------------------------------------------------------------ words

const OPENERS: &[&str] = &[
    "Sometimes",
    "Often",
    "In practice,",
    "Of course,",
    "Later,",
    "At first,",
    "Most days,",
    "Quietly,",
    "Still,",
    "For a while,",
    "In the end,",
    "Every so often,",
];

const SUBJECTS: &[&str] = &[
    "a client",
    "the therapist",
    "every session",
    "our attention",
    "a quiet morning",
    "the body",
    "everyone",
    "your breath",
    "a small habit",
    "the first question",
    "an old friend",
    "the waiting room",
    "a long walk",
    "the notebook",
    "this practice",
    "the family",
    "a tired mind",
    "the evening",
    "one honest sentence",
    "the group",
];

const VERBS: &[&str] = &[
    "notices",
    "returns to",
    "makes room for",
    "slows down",
    "softens",
    "carries",
    "asks about",
    "leans into",
    "forgets",
    "names",
    "holds",
    "remembers",
    "questions",
    "protects",
    "welcomes",
    "avoids",
    "describes",
    "untangles",
    "listens for",
    "rehearses",
];

const OBJECTS: &[&str] = &[
    "the feeling underneath",
    "an old habit",
    "the space between words",
    "a familiar worry",
    "the weight of the day",
    "what is already here",
    "the next small step",
    "a difficult conversation",
    "the story we tell",
    "an unfinished thought",
    "the pause before answering",
    "a kinder explanation",
    "the rhythm of the week",
    "the need for rest",
    "a boundary",
    "the moment of doubt",
    "the usual excuse",
    "a simple routine",
    "the part that hurts",
    "what comes next",
];

const ENDINGS: &[&str] = &[
    "before the next appointment",
    "without hurry",
    "in the waiting room",
    "over several weeks",
    "when nobody is watching",
    "at the end of the day",
    "more often than we admit",
    "with surprising ease",
    "for a few minutes",
    "long after the session",
    "on the way home",
    "in small ways",
    "without a plan",
    "again and again",
];

const JOINS: &[&str] = &[", and ", ", but ", "; ", ", while ", " because "];

const HEADINGS: &[&str] = &[
    "Where it starts",
    "What helps",
    "A small experiment",
    "What I tell clients",
    "Trying it at home",
    "When it does not work",
    "A note on patience",
    "What the research says",
    "Looking back",
    "One more thing",
];

const LINK_PHRASES: &[&str] = &[
    "an earlier note",
    "a post from before",
    "this older piece",
    "what I wrote then",
    "a related story",
];

/// Title templates: the title (`{a}` adjective, `{n}` noun) and its slug.
const TITLES: &[(&str, &str)] = &[
    ("On {a} {n}", "on-{a}-{n}"),
    ("Notes on {a} {n}", "notes-on-{a}-{n}"),
    ("Why <em>{a}</em> {n} matter", "why-{a}-{n}-matter"),
    (
        "What I&#8217;ve learned about {a} {n}",
        "what-ive-learned-about-{a}-{n}",
    ),
    ("A letter about {a} {n}", "a-letter-about-{a}-{n}"),
    ("Making room for {a} {n}", "making-room-for-{a}-{n}"),
    ("The case for {a} {n}", "the-case-for-{a}-{n}"),
    (
        "Five questions about {a} {n}",
        "five-questions-about-{a}-{n}",
    ),
    ("When {a} {n} help", "when-{a}-{n}-help"),
    ("Living with {a} {n}", "living-with-{a}-{n}"),
];

const ADJECTIVES: &[&str] = &[
    "quiet",
    "slow",
    "small",
    "difficult",
    "ordinary",
    "unfinished",
    "gentle",
    "honest",
    "early",
    "late",
    "long",
    "short",
    "shared",
    "private",
    "first",
    "last",
    "forgotten",
    "familiar",
    "anxious",
    "restless",
    "careful",
    "patient",
    "heavy",
    "light",
    "messy",
    "simple",
    "awkward",
    "kind",
    "tired",
    "hopeful",
];

const NOUNS: &[&str] = &[
    "mornings",
    "conversations",
    "habits",
    "boundaries",
    "routines",
    "questions",
    "silences",
    "goodbyes",
    "walks",
    "notebooks",
    "evenings",
    "letters",
    "pauses",
    "rituals",
    "worries",
    "beginnings",
    "endings",
    "apologies",
    "breaks",
    "lists",
    "promises",
    "mistakes",
    "visits",
    "weekends",
    "meals",
    "messages",
    "thresholds",
    "seasons",
    "memories",
    "plans",
    "doubts",
    "friendships",
    "arguments",
    "dreams",
    "chores",
    "commutes",
    "deadlines",
    "holidays",
    "mirrors",
    "gardens",
];

/// Distinct (template, adjective, noun) combinations: titles are unique up
/// to this many posts, then get ", part 2", ", part 3"…
pub(crate) const COMBINATIONS: u64 = (TITLES.len() * ADJECTIVES.len() * NOUNS.len()) as u64;
/// Coprime with [`COMBINATIONS`] (12,000 = 2^5·3·5^3): consecutive posts get
/// unrelated titles.
const TITLE_STRIDE: u64 = 7_919;

/// The title (as WordPress renders it) and slug of generated post `index`.
pub fn title_of(index: u64) -> (String, String) {
    let p = (index % COMBINATIONS) * TITLE_STRIDE % COMBINATIONS;
    let (t, rest) = (p % TITLES.len() as u64, p / TITLES.len() as u64);
    let (a, n) = (
        rest % ADJECTIVES.len() as u64,
        rest / ADJECTIVES.len() as u64,
    );
    let (title, slug) = TITLES[t as usize];
    let fill = |s: &str| {
        s.replace("{a}", ADJECTIVES[a as usize])
            .replace("{n}", NOUNS[n as usize])
    };
    let (mut title, mut slug) = (fill(title), fill(slug));
    let part = index / COMBINATIONS;
    if part > 0 {
        title.push_str(&format!(", part {}", part + 1));
        slug.push_str(&format!("-part-{}", part + 1));
    }
    (title, slug)
}

pub(crate) fn clause(rng: &mut Rng, out: &mut String) {
    out.push_str(rng.pick(SUBJECTS));
    out.push(' ');
    out.push_str(rng.pick(VERBS));
    out.push(' ');
    let object = rng.pick(OBJECTS);
    let tag = match rng.below(25) {
        0 => Some("em"),
        1 => Some("strong"),
        _ => None,
    };
    if let Some(tag) = tag {
        out.extend(["<", tag, ">", object, "</", tag, ">"]);
    } else {
        out.push_str(object);
    }
    if rng.chance(50) {
        out.push(' ');
        out.push_str(rng.pick(ENDINGS));
    }
}

/// One sentence (8 to 30 words), written to `out`.
pub(crate) fn sentence(rng: &mut Rng, out: &mut String) {
    let start = out.len();
    if rng.chance(30) {
        out.push_str(rng.pick(OPENERS));
        out.push(' ');
    }
    clause(rng, out);
    if rng.chance(35) {
        out.push_str(rng.pick(JOINS));
        clause(rng, out);
    }
    out.push('.');
    // The word lists are ASCII: capitalise the first letter in place.
    if let Some(first) = out.get_mut(start..start + 1) {
        first.make_ascii_uppercase();
    }
}

/// Words of generated markup (a link's `<a href` counts one more: close
/// enough for a length).
pub(crate) fn words(s: &str) -> usize {
    s.split_whitespace().count()
}

/// A paragraph of 3–6 sentences, written to `out`; with `link`, one of
/// them is a link to that post.
pub(crate) fn paragraph(rng: &mut Rng, link: Option<u64>, out: &mut String) {
    let count = rng.range(3, 6);
    let at = link.map(|target| (target, rng.below(count)));
    for i in 0..count {
        if i > 0 {
            out.push(' ');
        }
        match at {
            Some((target, n)) if n == i => {
                let (_, slug) = title_of(target);
                out.extend([
                    "I wrote about this in <a href=\"",
                    HOME_TOKEN,
                    "/",
                    &slug,
                    "/\">",
                    rng.pick(LINK_PHRASES),
                    "</a>.",
                ]);
            }
            _ => sentence(rng, out),
        }
    }
}

/// A block of generated content.
enum Block {
    Paragraph(String),
    Heading(&'static str),
}

/// The blocks of a [`Text`]: paragraphs until the length is reached, now
/// and then a heading before one.
struct Blocks {
    rng: Rng,
    text: Text,
    count: usize,
    paragraphs: usize,
    /// Whether the heading before the next paragraph was decided.
    heading_done: bool,
}

impl Iterator for Blocks {
    type Item = Block;

    fn next(&mut self) -> Option<Block> {
        if self.count >= usize::from(self.text.words) {
            return None;
        }
        if !self.heading_done {
            self.heading_done = true;
            if self.paragraphs > 0
                && self.paragraphs.is_multiple_of(4)
                && self.text.words > 500
                && self.rng.chance(60)
            {
                return Some(Block::Heading(self.rng.pick(HEADINGS)));
            }
        }
        self.heading_done = false;
        let link = (self.paragraphs == 1).then_some(self.text.link).flatten();
        let mut p = String::with_capacity(800);
        paragraph(&mut self.rng, link.map(u64::from), &mut p);
        self.count += words(&p);
        self.paragraphs += 1;
        Some(Block::Paragraph(p))
    }
}

/// A post's generated text: a seed and a length, rendered on demand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Text {
    seed: u64,
    /// About this many words.
    words: u16,
    /// A link, in the second paragraph, to this generated post (an index).
    link: Option<u32>,
}

impl Text {
    pub fn new(seed: u64, words: u16, link: Option<u32>) -> Text {
        Text { seed, words, link }
    }

    /// The blocks, made one at a time (an excerpt needs only the first).
    fn blocks(&self) -> Blocks {
        Blocks {
            rng: Rng::for_item(SALT_TEXT, self.seed),
            text: *self,
            count: 0,
            paragraphs: 0,
            heading_done: false,
        }
    }

    /// `content.rendered` as WordPress 6.1 renders these blocks
    /// ([`HOME_TOKEN`] for the site's address).
    pub fn rendered(&self) -> String {
        let mut out = String::with_capacity(usize::from(self.words) * 8);
        for (i, block) in self.blocks().enumerate() {
            if i > 0 {
                out.push_str("\n\n");
            }
            match block {
                Block::Paragraph(p) => out.extend(["\n<p>", &p, "</p>\n"]),
                Block::Heading(h) => out.extend(["\n<h2>", h, "</h2>\n"]),
            }
        }
        out
    }

    /// `excerpt.rendered`: what [`crate::html::auto_excerpt`] makes of
    /// [`Text::rendered`], without rendering it all.
    pub fn excerpt(&self) -> String {
        let mut text = String::new();
        for block in self.blocks() {
            match block {
                Block::Paragraph(p) => strip_tags_into(&p, &mut text),
                Block::Heading(h) => text.push_str(h),
            }
            text.push('\n');
            if words(&text) > EXCERPT_WORDS {
                break;
            }
        }
        let words: Vec<&str> = text.split_whitespace().collect();
        excerpt_of(&words)
    }

    /// `post_content`: the block markup the editor saved.
    pub fn raw(&self) -> String {
        let mut out = String::with_capacity(usize::from(self.words) * 9);
        for (i, block) in self.blocks().enumerate() {
            if i > 0 {
                out.push_str("\n\n");
            }
            match block {
                Block::Paragraph(p) => out.extend([
                    "<!-- wp:paragraph -->\n<p>",
                    &p,
                    "</p>\n<!-- /wp:paragraph -->",
                ]),
                Block::Heading(h) => out.extend([
                    "<!-- wp:heading -->\n<h2>",
                    h,
                    "</h2>\n<!-- /wp:heading -->",
                ]),
            }
        }
        out
    }
}
