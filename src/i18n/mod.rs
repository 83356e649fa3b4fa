//! Page text from the Fluent catalogues in `locales/` (CONTRIBUTING.md).
//!
//! Fluent rather than rust-i18n: its messages carry CLDR plural rules
//! (Polish has three forms where English has two) and let a translator
//! reorder a sentence around its arguments, which key-value catalogues
//! cannot.
//!
//! The language of a request is chosen once, by `web::language`, and held
//! in a task-local for the request; `t` and friends read it. Outside a
//! request (the CLI, unit tests) the text is English.

mod negotiate;

use std::borrow::Cow;
use std::collections::HashMap;

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader};

pub use negotiate::{negotiate, parse_accept_language};

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        // Isolation marks around arguments only help right-to-left
        // scripts, none of which ship yet; they would leak into titles.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// The shipped languages: code and the language's own name, for pickers.
pub const SHIPPED: &[(&str, &str)] = &[
    ("en", "English"),
    ("de", "Deutsch"),
    ("es", "Español"),
    ("fr", "Français"),
    ("it", "Italiano"),
    ("nl", "Nederlands"),
    ("pl", "Polski"),
    ("pt", "Português"),
];

/// One of `SHIPPED`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Lang(usize);

impl Lang {
    pub const ENGLISH: Lang = Lang(0);

    /// A shipped language by its code (`de`, `DE`, `de-AT` → German).
    pub fn parse(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?;
        SHIPPED
            .iter()
            .position(|(code, _)| code.eq_ignore_ascii_case(primary))
            .map(Lang)
    }

    pub fn code(self) -> &'static str {
        SHIPPED[self.0].0
    }

    pub fn name(self) -> &'static str {
        SHIPPED[self.0].1
    }

    pub fn all() -> impl Iterator<Item = Lang> {
        (0..SHIPPED.len()).map(Lang)
    }

    fn id(self) -> LanguageIdentifier {
        // The codes above are valid language identifiers.
        self.code().parse().unwrap_or_default()
    }
}

/// What a page needs to know of its request: the language, and the
/// local address to come back to after the language picker.
#[derive(Clone, Debug)]
pub struct PageContext {
    pub lang: Lang,
    pub here: String,
    /// The product name pages show (branding; "Latchkey" by default).
    pub product: std::sync::Arc<str>,
    /// Branding files' URLs, when configured.
    pub logo: Option<String>,
    pub favicon: Option<String>,
    pub accent_css: Option<String>,
}

tokio::task_local! {
    static CURRENT: PageContext;
}

/// Runs `f` with `context`'s language for every text it looks up.
pub async fn scope<F: std::future::Future>(context: PageContext, f: F) -> F::Output {
    CURRENT.scope(context, f).await
}

/// The language of the current request (English outside one).
pub fn current() -> Lang {
    CURRENT.try_with(|c| c.lang).unwrap_or(Lang::ENGLISH)
}

/// An argument of a message: text, or a number (which selects plurals).
#[derive(Clone, Debug)]
pub enum Arg {
    Text(String),
    Number(i64),
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Text(s.to_string())
    }
}
impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Text(s)
    }
}
impl From<&String> for Arg {
    fn from(s: &String) -> Self {
        Arg::Text(s.clone())
    }
}
impl From<&&str> for Arg {
    fn from(s: &&str) -> Self {
        Arg::Text(s.to_string())
    }
}
macro_rules! number_args {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Self {
                Arg::Number(i64::try_from(n).unwrap_or(i64::MAX))
            }
        }
        impl From<&$t> for Arg {
            fn from(n: &$t) -> Self {
                Arg::Number(i64::try_from(*n).unwrap_or(i64::MAX))
            }
        }
    )*};
}
number_args!(i64, i32, u32, u64, usize);

/// The product name of the current request's pages.
pub fn product() -> String {
    CURRENT
        .try_with(|c| c.product.to_string())
        .unwrap_or_else(|_| "Latchkey".into())
}

/// The text of `key` in `lang`, with `args`; every message may also use
/// `{ $product }`.
pub fn text_in(lang: Lang, key: &str, args: &[(&str, Arg)]) -> String {
    let id = lang.id();
    let product = ("product", Arg::Text(product()));
    let map: HashMap<Cow<'static, str>, FluentValue> = args
        .iter()
        .chain(std::iter::once(&product))
        .map(|(name, value)| {
            let v = match value {
                Arg::Text(s) => FluentValue::from(s.clone()),
                Arg::Number(n) => FluentValue::from(*n as f64),
            };
            (Cow::Owned(name.to_string()), v)
        })
        .collect();
    LOCALES.lookup_with_args(&id, key, &map)
}

/// Whether `lang`'s own catalogue (not the English fallback) has `key`.
/// Every argument a message may take is given, so that only a missing
/// message (not a missing argument) fails.
pub fn has_own(lang: Lang, key: &str) -> bool {
    let names = [
        "address", "app", "browser", "device", "issuer", "method", "minutes", "name", "origin",
        "os", "time", "product", "username", "wait",
    ];
    let mut args: HashMap<&str, FluentValue> =
        names.iter().map(|n| (*n, FluentValue::from("x"))).collect();
    args.insert("count", FluentValue::from(2.0));
    LOCALES
        .lookup_single_language(&lang.id(), key, Some(&args))
        .is_ok()
}

/// The text of `key` in the request's language.
pub fn t(key: &str) -> String {
    text_in(current(), key, &[])
}

pub fn t1(key: &str, name: &str, value: impl Into<Arg>) -> String {
    text_in(current(), key, &[(name, value.into())])
}

pub fn t2(key: &str, n1: &str, v1: impl Into<Arg>, n2: &str, v2: impl Into<Arg>) -> String {
    text_in(current(), key, &[(n1, v1.into()), (n2, v2.into())])
}

/// Like `t1`, as HTML: the message is escaped and the argument's value is
/// escaped and wrapped in `<strong>` (`mark` "strong") or in the app-name
/// span (`mark` "app"). For sentences that emphasise a name wherever the
/// language puts it.
pub fn h1(key: &str, name: &str, value: &str, mark: &str) -> String {
    marked(key, &[(name, value, mark)])
}

pub fn h2(key: &str, n1: &str, v1: &str, m1: &str, n2: &str, v2: &str, m2: &str) -> String {
    marked(key, &[(n1, v1, m1), (n2, v2, m2)])
}

fn marked(key: &str, args: &[(&str, &str, &str)]) -> String {
    // Private-use characters stand in for the values, so that the
    // message can be escaped whole and the values put in afterwards.
    let holder = |i: usize| format!("\u{E000}{i}\u{E001}");
    let with: Vec<(&str, Arg)> = args
        .iter()
        .enumerate()
        .map(|(i, (name, _, _))| (*name, Arg::Text(holder(i))))
        .collect();
    let mut html = escape(&text_in(current(), key, &with));
    for (i, (_, value, mark)) in args.iter().enumerate() {
        let (open, close) = match *mark {
            "app" => ("<span class=\"app-name\">", "</span>"),
            _ => ("<strong>", "</strong>"),
        };
        html = html.replace(&holder(i), &format!("{open}{}{close}", escape(value)));
    }
    html
}

/// HTML-escapes text for element content and quoted attributes.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Page text for askama templates: `{{ t("key") }}` in a template calls
/// these on the page, which needs `use crate::i18n::Text as _;` in scope.
pub trait Text {
    fn t(&self, key: &str) -> String {
        t(key)
    }
    fn t1(&self, key: &str, name: &str, value: impl Into<Arg>) -> String {
        t1(key, name, value)
    }
    fn t2(&self, key: &str, n1: &str, v1: impl Into<Arg>, n2: &str, v2: impl Into<Arg>) -> String {
        t2(key, n1, v1, n2, v2)
    }
    /// Use with `|safe`: see `h1`.
    fn h1(&self, key: &str, name: &str, value: &str, mark: &str) -> String {
        h1(key, name, value, mark)
    }
    #[allow(clippy::too_many_arguments)]
    fn h2(&self, key: &str, n1: &str, v1: &str, m1: &str, n2: &str, v2: &str, m2: &str) -> String {
        h2(key, n1, v1, m1, n2, v2, m2)
    }
    fn product(&self) -> String {
        product()
    }
    /// The configured logo's URL, if any.
    fn logo(&self) -> Option<String> {
        CURRENT.try_with(|c| c.logo.clone()).ok().flatten()
    }
    /// The favicon's URL: the configured one, else Latchkey's.
    fn favicon(&self) -> String {
        CURRENT
            .try_with(|c| c.favicon.clone())
            .ok()
            .flatten()
            .unwrap_or_else(|| crate::web::assets::url("favicon.svg"))
    }
    /// The accent stylesheet's URL, when an accent is configured.
    fn accent_css(&self) -> Option<String> {
        CURRENT.try_with(|c| c.accent_css.clone()).ok().flatten()
    }
    /// The `<html lang>` of the page.
    fn lang(&self) -> &'static str {
        current().code()
    }
    /// Where the language picker returns to.
    fn here(&self) -> String {
        CURRENT
            .try_with(|c| c.here.clone())
            .unwrap_or_else(|_| "/account".into())
    }
    /// The languages for the picker, with the current one marked.
    fn languages(&self) -> Vec<(&'static str, &'static str, bool)> {
        let now = current();
        Lang::all()
            .map(|l| (l.code(), l.name(), l == now))
            .collect()
    }
}

impl<T: askama::Template> Text for T {}

#[cfg(test)]
mod tests;
