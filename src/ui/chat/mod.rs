//! The chat launcher (what Joinchat does, usable by keyboard and screen
//! reader): a floating button, a non-modal dialog with the greeting and a
//! call-to-action to WhatsApp, and on desktops a QR code of the same link.

pub mod events;
pub mod qr_panel;
pub mod widget;
