//! Branding (issue 14): the product name, a logo, a favicon and an accent
//! colour from the configuration; an unreadable accent is refused at start.

use reqwest::StatusCode;
use reqwest::header::{CACHE_CONTROL, CONTENT_TYPE};

use crate::helpers::*;
use crate::mfa_helpers::*;

/// A 1×1 PNG.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
    0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x60, 0x60, 0x60, 0xf8,
    0x0f, 0x00, 0x01, 0x04, 0x01, 0x00, 0x5f, 0xe5, 0xc3, 0x4b, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45,
    0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

async fn fetch(app: &TestApp, path: &str) -> reqwest::Response {
    let r = app.api.get(app.url(path)).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{path}");
    assert!(
        r.headers()[CACHE_CONTROL]
            .to_str()
            .unwrap()
            .contains("immutable"),
        "{path}"
    );
    r
}

#[tokio::test]
async fn the_configured_name_logo_favicon_and_accent_are_shown() {
    let files = tempfile::tempdir().unwrap();
    let logo = files.path().join("logo.png");
    let favicon = files.path().join("favicon.svg");
    std::fs::write(&logo, PNG).unwrap();
    std::fs::write(&favicon, "<svg xmlns=\"http://www.w3.org/2000/svg\"/>").unwrap();
    let app = TestApp::spawn_with(|c| {
        c.mfa = latchkey::config::MfaPolicy::Optional;
        c.branding.name = "Family Docs".into();
        c.branding.logo = Some(logo.clone());
        c.branding.favicon = Some(favicon.clone());
        c.branding.accent = Some("#0b6e4f".into());
    })
    .await;
    let (_, html) = app.page("/login").await;
    assert_eq!(texts(&html, ".brand-name").join(""), "Family Docs");
    assert!(texts(&html, "title").join("").ends_with("· Family Docs"));
    assert!(
        texts(&html, ".lead").join("").contains("Family Docs"),
        "{html}"
    );
    assert!(!html.contains("Latchkey"), "the product name leaks: {html}");

    let src = attr(&html, "img.brand-logo", "src").unwrap();
    let r = fetch(&app, &src).await;
    assert_eq!(r.headers()[CONTENT_TYPE], "image/png");
    assert_eq!(r.bytes().await.unwrap().as_ref(), PNG);

    let icon = attr(&html, "link[rel=icon]", "href").unwrap();
    let r = fetch(&app, &icon).await;
    assert_eq!(r.headers()[CONTENT_TYPE], "image/svg+xml");

    let sheets: Vec<String> = {
        let doc = scraper::Html::parse_document(&html);
        let sel = scraper::Selector::parse("link[rel=stylesheet]").unwrap();
        doc.select(&sel)
            .filter_map(|e| e.value().attr("href").map(str::to_string))
            .collect()
    };
    let accent = sheets.iter().find(|h| h.starts_with("/branding/")).unwrap();
    let css = fetch(&app, accent).await.text().await.unwrap();
    assert!(css.contains("--accent: #0b6e4f;"), "{css}");
    // A name that is not one of the files is a 404.
    let r = app
        .api
        .get(app.url("/branding/logo.png"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_defaults_stay_latchkeys_own() {
    let app = TestApp::spawn().await;
    let (_, html) = app.page("/login").await;
    assert_eq!(texts(&html, ".brand-name").join(""), "Latchkey");
    assert!(attr(&html, "img.brand-logo", "src").is_none());
    assert!(attr(&html, "svg.brand-icon", "viewBox").is_some());
    assert!(!html.contains("/branding/"));
}

#[tokio::test]
async fn an_accent_without_contrast_and_other_mistakes_are_refused_at_start() {
    let refused = |tweak: &dyn Fn(&mut latchkey::config::BrandingConfig)| {
        let mut config = latchkey::Config::default();
        tweak(&mut config.branding);
        config.validate().unwrap_err().to_string()
    };
    let yellow = refused(&|b| b.accent = Some("#ffcc00".into()));
    assert!(
        yellow.contains("branding.accent") && yellow.contains("contrast"),
        "{yellow}"
    );
    assert!(refused(&|b| b.accent = Some("green".into())).contains("#rrggbb"));
    assert!(refused(&|b| b.name = "  ".into()).contains("branding.name"));
    assert!(refused(&|b| b.logo = Some("/nonexistent/logo.png".into())).contains("does not exist"));
    assert!(refused(&|b| b.favicon = Some("icon.gif".into())).contains(".svg"));
    // A dark enough colour passes.
    let mut ok = latchkey::Config::default();
    ok.branding.accent = Some("#1d4ed8".into());
    ok.validate().unwrap();
}
