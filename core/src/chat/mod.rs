//! The floating WhatsApp chat widget's pure logic (the Joinchat replacement):
//! configuration and its validation ([`config`]), wa.me links ([`link`]) and
//! the desktop QR code as SVG ([`qr`]). The Leptos UI only renders what these
//! return.

pub mod config;
pub mod link;
pub mod qr;

pub use config::{AutoOpen, ChatConfig, ChatDisabled, Position, ResolvedChat};
pub use link::{fill_message, normalize_phone, percent_encode, wa_me_link, PhoneError};
pub use qr::{qr_matrix, qr_svg, QrSvg};
