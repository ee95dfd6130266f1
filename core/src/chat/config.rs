//! The chat widget's configuration (key `"chat"` of the site config) and its
//! validation into what the UI renders.

use std::fmt;

use serde::{Deserialize, Deserializer};

use super::link::{fill_message, normalize_phone, wa_me_link, PhoneError};

/// Which bottom corner the launcher sits in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Position {
    #[default]
    Right,
    Left,
}

/// The chat widget's settings as written in the deployment's JSON config.
/// Every field is optional; unknown fields are ignored.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ChatConfig {
    /// Master switch (default `true`).
    pub enabled: bool,
    /// WhatsApp number in international format, as a person writes it
    /// (`"+91 98765 43210"`); a JSON number is accepted too.
    #[serde(deserialize_with = "string_or_number")]
    pub phone: String,
    /// Header name (person or business); empty means the site's name.
    pub name: String,
    /// Greeting bubbles shown in the chat window, in order.
    pub greeting: Vec<String>,
    /// Launcher label.
    pub button_text: String,
    /// Launcher tooltip.
    pub tooltip: String,
    /// Caption over the desktop QR code.
    pub qr_caption: String,
    /// Prefilled message template; `{title}` and `{url}` are the current page's.
    pub message: String,
    pub position: Position,
    /// Delay before the launcher appears.
    pub show_delay_ms: u32,
    /// Open the chat window by itself after this delay; `None` = never.
    pub auto_open_delay_ms: Option<u32>,
    /// Auto-open only from this page view on (1 = the first page).
    pub auto_open_after_views: u32,
    /// Store nothing in the browser (no view count, no "already opened").
    pub cookieless: bool,
    /// Show a notification badge on the launcher until the chat is opened.
    pub badge: bool,
}

/// Default greeting bubbles.
pub const DEFAULT_GREETING: [&str; 2] =
    ["Hello! Thank you for reaching out.", "How can we help you?"];
/// Default prefilled message.
pub const DEFAULT_MESSAGE: &str = "Hi! I have a question about “{title}”: {url}";

impl Default for ChatConfig {
    fn default() -> Self {
        ChatConfig {
            enabled: true,
            phone: String::new(),
            name: String::new(),
            greeting: DEFAULT_GREETING.iter().map(|s| (*s).to_owned()).collect(),
            button_text: "Open chat".to_owned(),
            tooltip: "Chat with us".to_owned(),
            qr_caption: "Scan the code".to_owned(),
            message: DEFAULT_MESSAGE.to_owned(),
            position: Position::Right,
            show_delay_ms: 3000,
            auto_open_delay_ms: None,
            auto_open_after_views: 1,
            cookieless: false,
            badge: false,
        }
    }
}

fn string_or_number<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    struct V;
    impl serde::de::Visitor<'_> for V {
        type Value = String;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a phone number string")
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<String, E> {
            Ok(v.to_owned())
        }
        fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<String, E> {
            Ok(v.to_string())
        }
        fn visit_unit<E: serde::de::Error>(self) -> Result<String, E> {
            Ok(String::new())
        }
    }
    d.deserialize_any(V)
}

/// Why the widget is not shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChatDisabled {
    /// `enabled: false`.
    Disabled,
    /// No phone number configured.
    MissingPhone,
    /// The configured phone number is unusable.
    InvalidPhone(PhoneError),
}

impl ChatDisabled {
    /// A sentence for logs.
    pub fn reason(&self) -> &'static str {
        match self {
            ChatDisabled::Disabled => "chat widget disabled in the config",
            ChatDisabled::MissingPhone => "chat widget off: no phone number configured",
            ChatDisabled::InvalidPhone(e) => e.message(),
        }
    }
}

impl fmt::Display for ChatDisabled {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let ChatDisabled::InvalidPhone(_) = self {
            f.write_str("chat widget off: ")?;
        }
        f.write_str(self.reason())
    }
}

impl std::error::Error for ChatDisabled {}

/// When the window opens by itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AutoOpen {
    pub delay_ms: u32,
    /// At least 1.
    pub after_views: u32,
}

/// A validated configuration: what the UI renders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedChat {
    /// Normalised digits for wa.me (see [`normalize_phone`]).
    pub phone: String,
    /// Trimmed; empty means "use the site name" (see [`ResolvedChat::header_name`]).
    pub name: String,
    /// Trimmed, blank entries dropped.
    pub greeting: Vec<String>,
    pub button_text: String,
    pub tooltip: String,
    pub qr_caption: String,
    /// Message template (see [`ResolvedChat::link`]).
    pub message: String,
    pub position: Position,
    pub show_delay_ms: u32,
    pub auto_open: Option<AutoOpen>,
    pub cookieless: bool,
    pub badge: bool,
}

/// The part of [`ChatConfig::resolve`] a prerendered page's starter
/// (`index.html`) applies, before the app loads, to the config block as
/// deployed now (it can change after the build): the key whose `false`
/// turns the chat off, and the keys that must not be blank. Handed to it as
/// data (`#blog-app`), so the rule is written here only;
/// `tests/vectors/chat-shown.json` holds both to the same cases.
pub const STARTER_SWITCH: &str = "enabled";
pub const STARTER_REQUIRED: &[&str] = &["phone"];

impl ChatConfig {
    /// Validates the config; `Err` says why the widget must not be shown.
    pub fn resolve(&self) -> Result<ResolvedChat, ChatDisabled> {
        if !self.enabled {
            return Err(ChatDisabled::Disabled);
        }
        if self.phone.trim().is_empty() {
            return Err(ChatDisabled::MissingPhone);
        }
        let phone = normalize_phone(&self.phone).map_err(ChatDisabled::InvalidPhone)?;
        Ok(ResolvedChat {
            phone,
            name: self.name.trim().to_owned(),
            greeting: self
                .greeting
                .iter()
                .map(|g| g.trim())
                .filter(|g| !g.is_empty())
                .map(str::to_owned)
                .collect(),
            button_text: self.button_text.clone(),
            tooltip: self.tooltip.clone(),
            qr_caption: self.qr_caption.clone(),
            message: self.message.clone(),
            position: self.position,
            show_delay_ms: self.show_delay_ms,
            auto_open: self.auto_open_delay_ms.map(|delay_ms| AutoOpen {
                delay_ms,
                after_views: self.auto_open_after_views.max(1),
            }),
            cookieless: self.cookieless,
            badge: self.badge,
        })
    }
}

impl ResolvedChat {
    /// The header title: the configured name, else `site_name`.
    pub fn header_name<'a>(&'a self, site_name: &'a str) -> &'a str {
        if self.name.is_empty() {
            site_name
        } else {
            &self.name
        }
    }

    /// The wa.me link for a page: the message template filled with the page's
    /// title and URL, percent-encoded.
    pub fn link(&self, title: &str, url: &str) -> String {
        wa_me_link(&self.phone, &fill_message(&self.message, title, url))
    }

    /// The delay after which to open the window by itself on this page, if any.
    /// `page_views` counts this page (1 = first page of the visit/history). In
    /// cookieless mode nothing is counted, so the count is taken as 1.
    pub fn auto_open_delay(&self, page_views: u32) -> Option<u32> {
        let auto = self.auto_open?;
        let views = if self.cookieless { 1 } else { page_views };
        (views >= auto.after_views).then_some(auto.delay_ms)
    }
}
