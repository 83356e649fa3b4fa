//! Second-factor helpers: TOTP codes from a known secret, enrollment through
//! the real pages, and a soft passkey driving the JSON ceremonies.

use reqwest::Response;
use serde_json::Value;
use url::Url;
use webauthn_authenticator_rs::WebauthnAuthenticator;
use webauthn_authenticator_rs::softpasskey::SoftPasskey;
use webauthn_rs::prelude::{
    CreationChallengeResponse, PublicKeyCredential, RequestChallengeResponse,
};

use crate::helpers::*;

pub type Authenticator = SoftPasskey;

/// A soft passkey that performs user verification.
pub fn authenticator() -> Authenticator {
    SoftPasskey::new(true)
}

/// The 6-digit code of `secret` at `time` (RFC 6238, SHA1, 30 s).
pub fn totp_code(secret: &str, time: u64) -> String {
    totp_rs::Builder::new()
        .with_secret(totp_rs::Secret::try_from_base32(secret).unwrap())
        .with_account_name("x")
        .build()
        .unwrap()
        .generate(time)
        .to_string()
}

pub fn now() -> u64 {
    latchkey::auth::totp::now()
}

pub fn attr(html: &str, selector: &str, attr: &str) -> Option<String> {
    let doc = scraper::Html::parse_document(html);
    let sel = scraper::Selector::parse(selector).unwrap();
    doc.select(&sel)
        .next()
        .and_then(|e| e.value().attr(attr))
        .map(str::to_string)
}

pub fn texts(html: &str, selector: &str) -> Vec<String> {
    let doc = scraper::Html::parse_document(html);
    let sel = scraper::Selector::parse(selector).unwrap();
    doc.select(&sel)
        .map(|e| e.text().collect::<String>())
        .collect()
}

pub struct Enrolled {
    pub secret: String,
    pub recovery_codes: Vec<String>,
}

impl TestApp {
    pub async fn page(&self, path: &str) -> (Url, String) {
        let r = self
            .follow(self.browser.get(self.url(path)).send().await.unwrap())
            .await;
        let url = r.url().clone();
        (url, r.text().await.unwrap())
    }

    /// Enrolls TOTP on /enroll (logged in) and saves the recovery codes.
    /// Confirms with the code of the current step.
    pub async fn enroll_totp(&self) -> Enrolled {
        let (url, html) = self.page("/enroll").await;
        assert_eq!(url.path(), "/enroll", "{html}");
        let uri = attr(&html, "a#otpauth-uri", "href").expect("otpauth link");
        let uri = Url::parse(&uri).unwrap();
        assert_eq!(uri.scheme(), "otpauth");
        let secret = query(&uri, "secret").unwrap();
        assert!(
            attr(&html, ".qr img", "src")
                .unwrap()
                .starts_with("data:image/svg+xml;base64,")
        );
        let r = self
            .browser
            .post(self.url("/enroll/totp"))
            .form(&[
                ("csrf_token", csrf_from(&html)),
                ("code", totp_code(&secret, now())),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(location(&r).as_deref(), Some("/enroll/recovery"));
        let (_, html) = self.page("/enroll/recovery").await;
        let recovery_codes = texts(&html, "#recovery-codes code");
        assert_eq!(recovery_codes.len(), 10);
        Enrolled {
            secret,
            recovery_codes,
        }
    }

    /// Continues past the recovery codes page. The codes are shown once,
    /// by the first GET; when that already happened, the page sends the
    /// browser on, as Continue does.
    pub async fn continue_after_codes(&self) -> Response {
        let r = self
            .browser
            .get(self.url("/enroll/recovery"))
            .send()
            .await
            .unwrap();
        if r.status().is_redirection() {
            return self.follow(r).await;
        }
        let html = r.text().await.unwrap();
        let r = self
            .browser
            .post(self.url("/enroll/recovery"))
            .form(&[("csrf_token", csrf_from(&html))])
            .send()
            .await
            .unwrap();
        self.follow(r).await
    }

    /// Submits the second-factor form (`code` or `recovery_code`).
    pub async fn submit_mfa(&self, field: &str, value: &str) -> Response {
        let (url, html) = self.page("/login/mfa").await;
        assert_eq!(url.path(), "/login/mfa", "{html}");
        self.browser
            .post(self.url("/login/mfa"))
            .form(&[("csrf_token", csrf_from(&html).as_str()), (field, value)])
            .send()
            .await
            .unwrap()
    }

    /// The CSRF token the pages give their script.
    pub async fn script_csrf(&self, path: &str) -> String {
        let (_, html) = self.page(path).await;
        attr(&html, "[data-csrf]", "data-csrf")
            .unwrap_or_else(|| panic!("no data-csrf on {path}: {html}"))
    }

    pub async fn json(&self, path: &str, csrf: &str, body: &Value) -> Response {
        self.browser
            .post(self.url(path))
            .header("x-csrf-token", csrf)
            .json(body)
            .send()
            .await
            .unwrap()
    }

    pub fn origin(&self) -> Url {
        Url::parse(&self.base).unwrap()
    }

    /// Registers a passkey through the JSON ceremony; returns the user handle.
    pub async fn register_passkey(&self, authn: &mut Authenticator, name: &str) -> Vec<u8> {
        let csrf = self.script_csrf("/enroll").await;
        let r = self
            .json("/webauthn/register/start", &csrf, &serde_json::json!({}))
            .await;
        assert_eq!(r.status(), 200);
        let options: CreationChallengeResponse = r.json().await.unwrap();
        let handle = options.public_key.user.id.to_vec();
        let credential = authn.do_registration(self.origin(), options).unwrap();
        let r = self
            .json(
                "/webauthn/register/finish",
                &csrf,
                &serde_json::json!({"name": name, "credential": credential}),
            )
            .await;
        assert_eq!(r.status(), 200, "{}", r.text().await.unwrap());
        handle
    }

    /// Starts a passkey login (`second_factor` or `passwordless`).
    pub async fn passkey_options(
        &self,
        page: &str,
        mode: &str,
    ) -> (String, RequestChallengeResponse) {
        let csrf = self.script_csrf(page).await;
        let r = self
            .json(
                "/webauthn/login/start",
                &csrf,
                &serde_json::json!({"mode": mode}),
            )
            .await;
        assert_eq!(r.status(), 200);
        (csrf, r.json().await.unwrap())
    }

    pub async fn finish_passkey(&self, csrf: &str, credential: &PublicKeyCredential) -> Response {
        self.json(
            "/webauthn/login/finish",
            csrf,
            &serde_json::to_value(credential).unwrap(),
        )
        .await
    }
}

/// Assertion helper: a JSON ceremony answer that redirects somewhere.
pub async fn redirect_of(r: Response) -> String {
    assert_eq!(r.status(), 200);
    let v: Value = r.json().await.unwrap();
    v["redirect"].as_str().unwrap().to_string()
}

/// Moves every login's last factor check (and its start) `seconds` into
/// the past, as if the session had been left alone that long.
pub async fn age_logins(app: &TestApp, seconds: i64) {
    latchkey::with_pool!(&app.state.db, |p| sqlx::query(
        "UPDATE browser_sessions SET auth_time = auth_time - $1, created_at = created_at - $2",
    )
    .bind(seconds)
    .bind(seconds)
    .execute(p)
    .await
    .map(|r| r.rows_affected()))
    .unwrap();
}
