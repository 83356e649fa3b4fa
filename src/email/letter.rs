//! What a message says, and its plain-text and HTML forms. Every message
//! has one shape (a greeting, paragraphs, at most one button, closing
//! notes), so one pair of templates renders them all, in the recipient's
//! language and the configured branding, with no remote images.

use askama::Template;

use crate::app::AppState;
use crate::i18n::{self, Lang, PageContext};

/// A message's content, in the language it was composed in.
#[derive(Debug, Clone, Default)]
pub struct Letter {
    pub subject: String,
    pub greeting: String,
    pub lines: Vec<String>,
    /// A button: its label and the link (also written out in full).
    pub action: Option<(String, String)>,
    /// Notes after the button: expiry, "if this wasn't you".
    pub after: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Rendered {
    pub subject: String,
    pub text: String,
    pub html: String,
}

#[derive(Template)]
#[template(path = "email/letter.txt")]
struct TextForm<'a> {
    letter: &'a Letter,
    footer: &'a str,
}

#[derive(Template)]
#[template(path = "email/letter.html")]
struct HtmlForm<'a> {
    letter: &'a Letter,
    footer: &'a str,
    product: &'a str,
    lang: &'static str,
    accent: &'a str,
}

/// The default accent of the pages (static/style.css).
const ACCENT: &str = "#4338ca";

/// Composes a message in `lang`: `compose` looks its text up with
/// `i18n::t` and friends, as pages do.
pub async fn write(state: &AppState, lang: Lang, compose: impl FnOnce() -> Letter) -> Rendered {
    let context = PageContext {
        lang,
        here: "/account".into(),
        product: state.branding.name.clone(),
        logo: None,
        favicon: None,
        accent_css: None,
    };
    let issuer = state.config.issuer.clone();
    let accent = state
        .config
        .branding
        .accent
        .clone()
        .unwrap_or_else(|| ACCENT.into());
    i18n::scope(context, async move {
        let letter = compose();
        let footer = i18n::t1("email-footer", "issuer", issuer.as_str());
        render(&letter, &footer, &i18n::product(), lang.code(), &accent)
    })
    .await
}

fn render(
    letter: &Letter,
    footer: &str,
    product: &str,
    lang: &'static str,
    accent: &str,
) -> Rendered {
    // Both templates are plain data substitution; they cannot fail on
    // their inputs, but a failure must not lose the message's meaning.
    let text = TextForm { letter, footer }
        .render()
        .unwrap_or_else(|_| fallback_text(letter, footer));
    let html = HtmlForm {
        letter,
        footer,
        product,
        lang,
        accent,
    }
    .render()
    .unwrap_or_else(|_| format!("<pre>{}</pre>", escape_html(&text)));
    Rendered {
        subject: letter.subject.clone(),
        text,
        html,
    }
}

fn fallback_text(letter: &Letter, footer: &str) -> String {
    let mut out = vec![letter.greeting.clone()];
    out.extend(letter.lines.iter().cloned());
    if let Some((label, url)) = &letter.action {
        out.push(format!("{label}: {url}"));
    }
    out.extend(letter.after.iter().cloned());
    out.push(footer.to_string());
    out.join("\n\n")
}

fn escape_html(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Who a message greets: the user's full name, else their username.
pub fn greeting(name: &str) -> String {
    i18n::t1("email-greeting", "name", name)
}

/// The language for mail to a user: their choice, else the default.
pub fn language_of(state: &AppState, user: &crate::db::users::User) -> Lang {
    user.locale
        .as_deref()
        .and_then(Lang::parse)
        .unwrap_or_else(|| state.config.default_lang())
}

/// The message of `latchkey email test`.
pub async fn test_message(state: &AppState, lang: Lang) -> Rendered {
    let issuer = state.config.issuer.clone();
    write(state, lang, || Letter {
        subject: i18n::t("email-test-subject"),
        greeting: i18n::t("email-test-greeting"),
        lines: vec![i18n::t1("email-test-body", "issuer", issuer.as_str())],
        ..Letter::default()
    })
    .await
}
