//! Pages in the reader's language (issue 14): the saved choice, then
//! `Accept-Language`, then the configured default; the picker saves the
//! choice on the device and on the account.

use latchkey::i18n::{Lang, text_in};
use reqwest::StatusCode;
use reqwest::header::{ACCEPT_LANGUAGE, CONTENT_LANGUAGE, SET_COOKIE};

use crate::helpers::*;
use crate::mfa_helpers::*;

fn lang(code: &str) -> Lang {
    Lang::parse(code).unwrap()
}

fn says(code: &str, key: &str) -> String {
    text_in(lang(code), key, &[])
}

/// The language a response saves on the device, if it does.
fn language_cookie(r: &reqwest::Response) -> Option<String> {
    r.headers()
        .get_all(SET_COOKIE)
        .iter()
        .filter_map(|c| c.to_str().ok()?.strip_prefix("latchkey_lang="))
        .map(|rest| rest.split(';').next().unwrap_or("").to_string())
        .next()
}

async fn login_page(app: &TestApp, accept: Option<&str>) -> (String, String, String) {
    let mut req = app.browser.get(app.url("/login"));
    if let Some(a) = accept {
        req = req.header(ACCEPT_LANGUAGE, a);
    }
    let r = req.send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let content_language = r.headers()[CONTENT_LANGUAGE].to_str().unwrap().to_string();
    let html = r.text().await.unwrap();
    let h1 = texts(&html, "h1").join("");
    (attr(&html, "html", "lang").unwrap(), content_language, h1)
}

#[tokio::test]
async fn the_browser_language_then_the_default_decide() {
    assert_ne!(says("de", "login-title"), says("en", "login-title"));
    let app = TestApp::spawn().await;
    let (html_lang, header, h1) = login_page(&app, Some("de-AT,de;q=0.9,en;q=0.5")).await;
    assert_eq!((html_lang.as_str(), header.as_str()), ("de", "de"));
    assert_eq!(h1, says("de", "login-title"));
    // Unknown languages fall through to the next, then to the default.
    let (html_lang, _, h1) = login_page(&app, Some("xx, pl;q=0.3")).await;
    assert_eq!((html_lang.as_str(), h1), ("pl", says("pl", "login-title")));
    let (html_lang, _, h1) = login_page(&app, None).await;
    assert_eq!((html_lang.as_str(), h1), ("en", says("en", "login-title")));
    // A hostile header is no error: it is ignored.
    let (html_lang, _, _) = login_page(&app, Some(&"q=;,".repeat(500))).await;
    assert_eq!(html_lang, "en");

    let app = TestApp::spawn_with(|c| {
        c.mfa = latchkey::config::MfaPolicy::Optional;
        c.default_language = "fr".into();
    })
    .await;
    let (html_lang, _, h1) = login_page(&app, Some("xx")).await;
    assert_eq!((html_lang.as_str(), h1), ("fr", says("fr", "login-title")));
    // Error pages too.
    let r = app
        .browser
        .get(app.url("/no-such-page"))
        .header(ACCEPT_LANGUAGE, "it")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let html = r.text().await.unwrap();
    assert_eq!(
        texts(&html, "h1").join(""),
        says("it", "error-not-found-title")
    );
}

#[tokio::test]
async fn an_unknown_default_language_is_refused_at_start() {
    let config = latchkey::Config {
        default_language: "klingon".into(),
        ..latchkey::Config::default()
    };
    let err = config.validate().unwrap_err().to_string();
    assert!(
        err.contains("default_language") && err.contains("de"),
        "{err}"
    );
}

#[tokio::test]
async fn the_picker_saves_the_choice_on_this_device() {
    let app = TestApp::spawn().await;
    let (_, html) = app.page("/login?req=abc").await;
    let back = attr(&html, "#language-picker input[name=back]", "value").unwrap();
    assert_eq!(back, "/login?req=abc");
    let options = texts(&html, "#language-select option");
    assert_eq!(options.len(), latchkey::i18n::SHIPPED.len(), "{options:?}");
    let csrf = csrf_from(&html);

    let choose = |lang: &str, back: &str, csrf: &str| {
        app.browser.post(app.url("/language")).form(&[
            ("csrf_token", csrf.to_string()),
            ("lang", lang.to_string()),
            ("back", back.to_string()),
        ])
    };
    // No CSRF token, no change.
    let r = choose("nl", "/login", "forged").send().await.unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    // Not a shipped language: a clear 400.
    let r = choose("xx", "/login", &csrf).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert_eq!(language_cookie(&r), None);

    let r = choose("nl", "/login?req=abc", &csrf).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&r).as_deref(), Some("/login?req=abc"));
    assert_eq!(language_cookie(&r).as_deref(), Some("nl"));
    let cookie = r
        .headers()
        .get_all(SET_COOKIE)
        .iter()
        .map(|c| c.to_str().unwrap())
        .find(|c| c.starts_with("latchkey_lang="))
        .unwrap();
    assert!(
        cookie.contains("SameSite=Lax") && cookie.contains("HttpOnly"),
        "{cookie}"
    );
    // The saved choice beats the browser's.
    let (html_lang, _, h1) = login_page(&app, Some("de")).await;
    assert_eq!((html_lang.as_str(), h1), ("nl", says("nl", "login-title")));
    // Back goes only to a page of this site.
    for evil in [
        "//evil.example/",
        "https://evil.example/",
        "/\\evil.example",
    ] {
        let r = choose("es", evil, &csrf).send().await.unwrap();
        assert_eq!(location(&r).as_deref(), Some("/account"), "{evil}");
    }
}

#[tokio::test]
async fn an_accounts_choice_follows_it_to_a_new_device() {
    let app = TestApp::spawn().await;
    app.add_user("alice", &[]).await;
    app.submit_login("alice", PASSWORD).await;
    let (url, html) = app.page("/account").await;
    assert_eq!(url.path(), "/account");
    let r = app
        .browser
        .post(app.url("/language"))
        .form(&[
            ("csrf_token", csrf_from(&html)),
            ("lang", "de".to_string()),
            ("back", "/account".to_string()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(location(&r).as_deref(), Some("/account"));
    let (_, html) = app.page("/account").await;
    assert_eq!(attr(&html, "html", "lang").as_deref(), Some("de"));
    assert_eq!(texts(&html, "h1").join(""), says("de", "account-title"));
    let user = latchkey::db::users::by_username(&app.state.db, "alice")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(user.locale.as_deref(), Some("de"));

    // Another device whose browser asks for French: after signing in, the
    // account's German wins.
    let app = app.with_new_browser();
    let (html_lang, _, _) = login_page(&app, Some("fr")).await;
    assert_eq!(html_lang, "fr");
    let r = app.submit_login("alice", PASSWORD).await;
    assert_eq!(language_cookie(&r).as_deref(), Some("de"));
    let r = app
        .browser
        .get(app.url("/account"))
        .header(ACCEPT_LANGUAGE, "fr")
        .send()
        .await
        .unwrap();
    let html = r.text().await.unwrap();
    assert_eq!(texts(&html, "h1").join(""), says("de", "account-title"));
}
