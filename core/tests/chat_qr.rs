//! QR SVG round trip: the SVG path is parsed back into a module grid, compared
//! with the encoder's matrix and decoded with an independent decoder (rqrr).

use blog_core::chat::link::{fill_message, wa_me_link};
use blog_core::chat::qr::{qr_matrix, qr_svg, QUIET_ZONE};

/// A parsed SVG: side in modules (viewBox) and row-major dark flags.
struct Grid {
    n: usize,
    dark: Vec<bool>,
}

impl Grid {
    fn at(&self, x: usize, y: usize) -> bool {
        self.dark[y * self.n + x]
    }
}

fn attr<'a>(tag: &'a str, name: &str) -> &'a str {
    let key = format!(" {name}=\"");
    let start = tag
        .find(&key)
        .unwrap_or_else(|| panic!("no {name} in {tag}"))
        + key.len();
    let len = tag[start..].find('"').expect("closing quote");
    &tag[start..start + len]
}

/// Parses what `qr_svg` writes: one white rect and one black path made of
/// `M|m x y h w v1 h-w z` runs. Panics on anything else, and on overlaps.
fn parse_svg(svg: &str) -> Grid {
    assert!(
        svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" "),
        "{svg}"
    );
    assert!(svg.ends_with("</svg>"));
    let open = &svg[..svg.find('>').unwrap() + 1];
    let vb: Vec<usize> = attr(open, "viewBox")
        .split(' ')
        .map(|v| v.parse().unwrap())
        .collect();
    assert_eq!(vb[..2], [0, 0]);
    assert_eq!(vb[2], vb[3]);
    let n = vb[2];
    assert_eq!(attr(open, "shape-rendering"), "crispEdges");
    assert_eq!(attr(open, "role"), "img");

    assert_eq!(svg.matches("<rect").count(), 1);
    assert_eq!(svg.matches("<path").count(), 1);
    let rect = &svg[svg.find("<rect").unwrap()..];
    let rect = &rect[..rect.find("/>").unwrap()];
    assert_eq!(attr(rect, "width"), n.to_string());
    assert_eq!(attr(rect, "height"), n.to_string());
    assert_eq!(attr(rect, "fill"), "#fff");
    assert!(
        !rect.contains(" x=") && !rect.contains(" y="),
        "rect starts at 0,0"
    );
    let path = &svg[svg.find("<path").unwrap()..];
    let path = &path[..path.find("/>").unwrap()];
    assert_eq!(attr(path, "fill"), "#000");
    let d = attr(path, "d");

    // Tokenise into commands and integers.
    #[derive(Debug, PartialEq)]
    enum Tok {
        Cmd(char),
        Num(i64),
    }
    let mut toks = Vec::new();
    let b = d.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i] as char;
        if c.is_ascii_alphabetic() {
            toks.push(Tok::Cmd(c));
            i += 1;
        } else if c == ' ' || c == ',' {
            i += 1;
        } else {
            let start = i;
            i += 1;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            toks.push(Tok::Num(
                d[start..i]
                    .parse()
                    .unwrap_or_else(|_| panic!("number at {start}")),
            ));
        }
    }

    let mut dark = vec![false; n * n];
    let mut it = toks.into_iter();
    let num = |it: &mut std::vec::IntoIter<Tok>| match it.next() {
        Some(Tok::Num(v)) => v,
        other => panic!("expected number, got {other:?}"),
    };
    let mut pen: Option<(i64, i64)> = None;
    while let Some(tok) = it.next() {
        let (x, y) = match (tok, pen) {
            (Tok::Cmd('M'), _) => (num(&mut it), num(&mut it)),
            (Tok::Cmd('m'), Some((px, py))) => (px + num(&mut it), py + num(&mut it)),
            (Tok::Cmd('m'), None) => panic!("relative move first"),
            (t, _) => panic!("expected move, got {t:?}"),
        };
        pen = Some((x, y));
        assert_eq!(it.next(), Some(Tok::Cmd('h')));
        let w = num(&mut it);
        assert!(w > 0);
        assert_eq!(it.next(), Some(Tok::Cmd('v')));
        assert_eq!(num(&mut it), 1);
        assert_eq!(it.next(), Some(Tok::Cmd('h')));
        assert_eq!(num(&mut it), -w);
        assert_eq!(it.next(), Some(Tok::Cmd('z')));
        assert!(
            x >= 0 && y >= 0 && x + w <= n as i64 && y < n as i64,
            "run inside viewBox"
        );
        for cx in x..x + w {
            let cell = &mut dark[y as usize * n + cx as usize];
            assert!(!*cell, "overlapping runs at {cx},{y}");
            *cell = true;
        }
    }
    Grid { n, dark }
}

/// Decodes the grid with rqrr, drawn at `scale` pixels per module.
fn decode(grid: &Grid, scale: usize) -> String {
    let px = grid.n * scale;
    let mut img = rqrr::PreparedImage::prepare_from_greyscale(px, px, |x, y| {
        if grid.at(x / scale, y / scale) {
            0
        } else {
            255
        }
    });
    let grids = img.detect_grids();
    assert_eq!(grids.len(), 1, "exactly one QR code found");
    grids[0].decode().expect("decodes").1
}

fn round_trip(text: &str) -> Grid {
    let qr = qr_svg(text, "Scan the code").expect("fits");
    let grid = parse_svg(&qr.svg);
    assert_eq!(grid.n, qr.modules);

    // Same modules as the encoder's matrix, shifted by the quiet zone.
    let (size, matrix) = qr_matrix(text).unwrap();
    assert_eq!(grid.n, size + 2 * QUIET_ZONE);
    assert_eq!((size - 17) % 4, 0, "QR sides are 21, 25, …");
    for y in 0..grid.n {
        for x in 0..grid.n {
            let inside = (QUIET_ZONE..QUIET_ZONE + size).contains(&x)
                && (QUIET_ZONE..QUIET_ZONE + size).contains(&y);
            let want = inside && matrix[(y - QUIET_ZONE) * size + (x - QUIET_ZONE)];
            assert_eq!(grid.at(x, y), want, "module {x},{y}");
        }
    }

    // Quiet zone: first/last 4 rows and columns are light.
    for i in 0..grid.n {
        for q in (0..QUIET_ZONE).chain(grid.n - QUIET_ZONE..grid.n) {
            assert!(!grid.at(i, q), "row {q} col {i} must be light");
            assert!(!grid.at(q, i), "col {q} row {i} must be light");
        }
    }
    // The finder pattern's corner sits right inside the quiet zone.
    assert!(grid.at(QUIET_ZONE, QUIET_ZONE));

    assert_eq!(decode(&grid, 4), text);
    grid
}

const PHONE: &str = "919876543210";

#[test]
fn bare_link() {
    round_trip(&wa_me_link(PHONE, ""));
}

#[test]
fn typical_link() {
    let msg = fill_message(
        "Hi! I have a question about “{title}”: {url}",
        "Getting started with Rust & WebAssembly",
        "https://blog.example.com/2024/05/getting-started-with-rust-webassembly/",
    );
    let link = wa_me_link(PHONE, &msg);
    let grid = round_trip(&link);
    let svg = qr_svg(&link, "Scan the code").unwrap();
    println!(
        "typical link: {} chars, QR {}x{} modules (with quiet zone), SVG {} bytes",
        link.len(),
        grid.n,
        grid.n,
        svg.svg.len()
    );
    assert!(svg.svg.len() < 12_000, "SVG stays small: {}", svg.svg.len());
}

#[test]
fn link_with_emoji_newlines_and_reserved() {
    let msg =
        "Hello 👋🏽 from the blog!\nLine two: a&b=c?d#e+f 100%\n\n¿Qué tal? — “quoted” 日本語 🚀";
    round_trip(&wa_me_link(PHONE, msg));
}

#[test]
fn long_link_uses_low_ecc_and_still_decodes() {
    let msg = "I read your article and have a few questions about it. 🤔\n".repeat(8);
    let link = wa_me_link(PHONE, &msg);
    assert!(link.len() > 700, "{}", link.len());
    round_trip(&link);
}

#[test]
fn plain_unicode_text_round_trips() {
    // Not a link: byte mode with raw UTF-8 (no ECI), read back as UTF-8;
    // and a text qrcodegen puts in alphanumeric mode.
    round_trip("Grüße 👋 “quoted”\nline two");
    round_trip("ABC123");
}

#[test]
fn too_long_text_gives_none() {
    let text = "x".repeat(3000);
    assert!(qr_svg(&text, "x").is_none());
    assert!(qr_matrix(&text).is_none());
}

#[test]
fn aria_label_is_escaped() {
    let svg = qr_svg("https://wa.me/15551234567", r#"Scan <me> & "you" 'all'"#)
        .unwrap()
        .svg;
    assert!(
        svg.contains(r#"aria-label="Scan &lt;me&gt; &amp; &quot;you&quot; &apos;all&apos;""#),
        "{svg}"
    );
    let label_free = svg.replace(
        r#"Scan &lt;me&gt; &amp; &quot;you&quot; &apos;all&apos;"#,
        "",
    );
    assert!(!label_free.contains('\''));
    assert_eq!(label_free.matches('<').count(), 4, "svg, rect, path, /svg");
}

#[test]
fn svg_shape() {
    let svg = qr_svg("https://wa.me/15551234567", "QR").unwrap();
    assert_eq!(svg.modules, 25 + 8, "25 bytes need version 2 at medium ECC");
    assert!(svg.svg.starts_with(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 33 33\" shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"QR\"><rect width=\"33\" height=\"33\" fill=\"#fff\"/><path fill=\"#000\" d=\"M4 4h7v1h-7z"
    ), "{}", svg.svg);
    assert!(svg.svg.ends_with("z\"/></svg>"));
    assert!(!svg.svg.contains('\n'));
}
