//! QR codes for the desktop "scan the code" panel, as a small standalone SVG.

use qrcodegen::{QrCode, QrCodeEcc};

/// Light modules around the symbol on each side (the QR spec's quiet zone).
pub const QUIET_ZONE: usize = 4;

/// Up to this version (57×57 modules) medium error correction is used; longer
/// texts drop to low so the modules stay big enough to scan from a screen.
const MEDIUM_MAX_VERSION: u8 = 10;

/// A rendered QR code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QrSvg {
    /// `<svg …>…</svg>`, without width/height: size it with CSS, ideally a
    /// whole multiple of `modules` CSS pixels.
    pub svg: String,
    /// Side of the viewBox in modules, quiet zone included.
    pub modules: usize,
}

fn encode(text: &str) -> Option<QrCode> {
    match QrCode::encode_text(text, QrCodeEcc::Medium) {
        Ok(qr) if qr.version().value() <= MEDIUM_MAX_VERSION => Some(qr),
        // Low (boosted back up when it fits the same version) is never bigger.
        _ => QrCode::encode_text(text, QrCodeEcc::Low).ok(),
    }
}

/// The module grid for `text`: (side, row-major dark flags), quiet zone
/// excluded. `None` when the text does not fit any QR version.
pub fn qr_matrix(text: &str) -> Option<(usize, Vec<bool>)> {
    let qr = encode(text)?;
    let size = qr.size();
    let cells = (0..size)
        .flat_map(|y| (0..size).map(move |x| (x, y)))
        .map(|(x, y)| qr.get_module(x, y))
        .collect();
    Some((size as usize, cells))
}

/// Renders `text` as an SVG QR code: black modules on a white background
/// (explicit colours, so it stays dark-on-light in dark mode), a 4-module
/// quiet zone inside the viewBox, and one `<path>` of horizontal runs.
/// `label` becomes the `aria-label` (XML-escaped). `None` when the text does
/// not fit any QR version.
pub fn qr_svg(text: &str, label: &str) -> Option<QrSvg> {
    let qr = encode(text)?;
    let size = qr.size();
    let n = size as usize + 2 * QUIET_ZONE;
    let mut s = String::with_capacity(300 + n * n * 2);
    s.push_str("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ");
    push_num(&mut s, n as i64);
    s.push(' ');
    push_num(&mut s, n as i64);
    s.push_str("\" shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"");
    push_xml_escaped(&mut s, label);
    s.push_str("\"><rect width=\"");
    push_num(&mut s, n as i64);
    s.push_str("\" height=\"");
    push_num(&mut s, n as i64);
    s.push_str("\" fill=\"#fff\"/><path fill=\"#000\" d=\"");
    // Each run of dark modules is `m dx dy h w v1 h-w z`; after `z` the pen is
    // back at the run's start, so the next move is relative to it.
    let mut pen: Option<(i64, i64)> = None;
    for y in 0..size {
        let mut x = 0;
        while x < size {
            if !qr.get_module(x, y) {
                x += 1;
                continue;
            }
            let start = x;
            while x < size && qr.get_module(x, y) {
                x += 1;
            }
            let (ax, ay) = (
                i64::from(start) + QUIET_ZONE as i64,
                i64::from(y) + QUIET_ZONE as i64,
            );
            match pen {
                None => {
                    s.push('M');
                    push_num(&mut s, ax);
                    s.push(' ');
                    push_num(&mut s, ay);
                }
                Some((px, py)) => {
                    s.push('m');
                    push_num(&mut s, ax - px);
                    s.push(' ');
                    push_num(&mut s, ay - py);
                }
            }
            pen = Some((ax, ay));
            let w = i64::from(x - start);
            s.push('h');
            push_num(&mut s, w);
            s.push_str("v1h");
            push_num(&mut s, -w);
            s.push('z');
        }
    }
    s.push_str("\"/></svg>");
    Some(QrSvg { svg: s, modules: n })
}

fn push_num(s: &mut String, v: i64) {
    if v < 0 {
        s.push('-');
    }
    let mut v = v.unsigned_abs();
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    for &b in &buf[i..] {
        s.push(b as char);
    }
}

fn push_xml_escaped(s: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => s.push_str("&amp;"),
            '<' => s.push_str("&lt;"),
            '>' => s.push_str("&gt;"),
            '"' => s.push_str("&quot;"),
            '\'' => s.push_str("&apos;"),
            c => s.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        let mut s = String::new();
        for v in [0, 7, 10, -3, 1234, -40] {
            push_num(&mut s, v);
            s.push(',');
        }
        assert_eq!(s, "0,7,10,-3,1234,-40,");
    }

    #[test]
    fn long_text_drops_to_low_ecc() {
        let short = encode("https://wa.me/919876543210").unwrap();
        assert_eq!(short.error_correction_level(), QrCodeEcc::Medium);
        let long = "x".repeat(400);
        let qr = encode(&long).unwrap();
        assert_eq!(qr.error_correction_level(), QrCodeEcc::Low);
        assert!(encode(&"x".repeat(5000)).is_none());
    }
}
