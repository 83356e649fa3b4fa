//! `TestApp`: the real application on 127.0.0.1:0 with a temp database.

#![allow(dead_code)]

use std::collections::HashMap;

use josekit::jwk::JwkSet;
use josekit::jws::{ES256, EdDSA, RS256};
use josekit::jwt;
use latchkey::clients::{self, AddClient};
use latchkey::config::{Config, MfaPolicy};
use latchkey::oidc::keys::Alg;
use latchkey::users::{self, AddUser};
use latchkey::{AppState, app};
use reqwest::header::{CONTENT_TYPE, LOCATION};
use reqwest::{Response, StatusCode};
use serde_json::{Map, Value};
use sha2::Digest;
use tempfile::TempDir;
use url::Url;

pub const PASSWORD: &str = "correct horse battery";
pub const REDIRECT: &str = "https://app.example/callback/";

pub struct TestApp {
    pub base: String,
    pub state: AppState,
    /// A browser: cookies kept, redirects not followed.
    pub browser: reqwest::Client,
    /// A back-channel client without cookies.
    pub api: reqwest::Client,
    pub dir: TempDir,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

pub struct TestClient {
    pub id: String,
    pub secret: Option<String>,
    pub redirect: String,
}

/// Host names the forward-auth tests use; they all mean this machine.
pub const TEST_HOSTS: [&str; 2] = ["auth.example.test", "paperless.example.test"];

pub fn browser() -> reqwest::Client {
    let mut b = reqwest::Client::builder();
    for h in TEST_HOSTS {
        b = b.resolve(h, std::net::SocketAddr::from(([127, 0, 0, 1], 0)));
    }
    b.cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

impl TestApp {
    pub async fn spawn() -> Self {
        Self::spawn_with(|c| c.mfa = MfaPolicy::Optional).await
    }

    pub async fn spawn_with(tweak: impl FnOnce(&mut Config)) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let (database, secret_key) = crate::backend::fresh(dir.path()).await;
        let mut config = Config {
            issuer: format!("http://localhost:{port}"),
            listen: listener.local_addr().unwrap(),
            database,
            secret_key,
            ..Config::default()
        };
        tweak(&mut config);
        config.validate().unwrap();
        let state = AppState::build(config).await.unwrap();
        let (tx, rx) = tokio::sync::oneshot::channel();
        app::spawn_identity_listener(state.clone());
        app::spawn_outbox(&state);
        let serve_state = state.clone();
        tokio::spawn(async move {
            app::serve(serve_state, listener, async {
                let _ = rx.await;
            })
            .await
            .unwrap();
        });
        Self {
            base: state.config.issuer.clone(),
            state,
            browser: browser(),
            api: {
                let mut b = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none());
                for h in TEST_HOSTS {
                    b = b.resolve(h, std::net::SocketAddr::from(([127, 0, 0, 1], 0)));
                }
                b.build().unwrap()
            },
            dir,
            shutdown: Some(tx),
        }
    }

    /// A second instance of this app: its own server, pool and in-process
    /// state on the same database and configuration (the issuer included),
    /// seen by this app's browser (one cookie jar for both, as behind a
    /// load balancer).
    pub async fn instance(&self) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let mut config = self.state.config.clone();
        config.listen = listener.local_addr().unwrap();
        let state = AppState::build(config).await.unwrap();
        let (tx, rx) = tokio::sync::oneshot::channel();
        app::spawn_identity_listener(state.clone());
        app::spawn_outbox(&state);
        let serve_state = state.clone();
        tokio::spawn(async move {
            app::serve(serve_state, listener, async {
                let _ = rx.await;
            })
            .await
            .unwrap();
        });
        // This app's host name (so its cookies go along), on the new port.
        let mut base = url::Url::parse(&self.base).unwrap();
        base.set_port(Some(port)).unwrap();
        Self {
            base: base.as_str().trim_end_matches('/').to_string(),
            state,
            browser: self.browser.clone(),
            api: self.api.clone(),
            dir: tempfile::tempdir().unwrap(),
            shutdown: Some(tx),
        }
    }

    /// Another view of a running app (for concurrent tasks): same server,
    /// its own browser; shutting down stays with the original.
    pub fn attach(base: String, state: AppState) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let mut api = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none());
        for h in TEST_HOSTS {
            api = api.resolve(h, std::net::SocketAddr::from(([127, 0, 0, 1], 0)));
        }
        let api = api.build().unwrap();
        Self {
            base,
            state,
            browser: browser(),
            api,
            dir,
            shutdown: None,
        }
    }

    /// The same server, seen from a new browser (no cookies).
    pub fn with_new_browser(mut self) -> Self {
        self.browser = browser();
        self
    }

    /// The admin CLI on this app's database (and, on PostgreSQL, its
    /// secret key, through the environment as an operator would).
    pub fn cli(&self) -> std::process::Command {
        let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_latchkey"));
        c.env_remove("LATCHKEY_CONFIG")
            .env(
                "LATCHKEY_DATABASE",
                String::from(self.state.config.database.clone()),
            )
            .env("LATCHKEY_LOG", "warn");
        if let Some(key) = &self.state.config.secret_key {
            c.env("LATCHKEY_SECRET_KEY", &key.0);
        }
        c
    }

    /// The SQLite file, for the tests of what only SQLite has (file
    /// permissions, `VACUUM INTO`); `None` on PostgreSQL.
    pub fn sqlite_file(&self) -> Option<std::path::PathBuf> {
        self.state
            .config
            .database
            .sqlite_path()
            .map(|p| p.to_path_buf())
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    pub async fn add_user(&self, username: &str, groups: &[&str]) -> latchkey::db::users::User {
        let groups: Vec<String> = groups.iter().map(|g| g.to_string()).collect();
        users::add(
            &self.state.db,
            &self.state.passwords,
            &AddUser {
                username,
                email: &format!("{username}@example.com"),
                name: Some("Alice Example"),
                groups: &groups,
                password: Some(PASSWORD),
                email_verified: true,
                invitation: None,
            },
        )
        .await
        .unwrap()
    }

    pub async fn add_client_with(
        &self,
        id: &str,
        tweak: impl FnOnce(&mut AddClient<'_>),
    ) -> TestClient {
        let redirects = vec![REDIRECT.to_string()];
        let logout = vec!["https://app.example/logged-out".to_string()];
        let mut c = AddClient {
            client_id: id,
            name: Some("Test App"),
            redirect_uris: &redirects,
            post_logout_redirect_uris: &logout,
            public: false,
            first_party: true,
            require_pkce: false,
            allow_insecure_http: false,
            id_token_alg: Alg::RS256,
            require_mfa: None,
        };
        tweak(&mut c);
        let redirect = c.redirect_uris[0].clone();
        let (_, secret) = clients::add(&self.state.db, &c).await.unwrap();
        TestClient {
            id: id.into(),
            secret,
            redirect,
        }
    }

    pub async fn add_client(&self, id: &str) -> TestClient {
        self.add_client_with(id, |_| {}).await
    }

    /// GET /authorize with `client_id`, `redirect_uri`, `response_type=code`,
    /// `scope` and `state` filled in unless overridden; `None` removes a key.
    pub async fn authorize(&self, client: &TestClient, extra: &[(&str, Option<&str>)]) -> Response {
        let mut params: Vec<(String, String)> = vec![
            ("client_id".into(), client.id.clone()),
            ("redirect_uri".into(), client.redirect.clone()),
            ("response_type".into(), "code".into()),
            ("scope".into(), "openid profile email groups".into()),
            ("state".into(), "st-123".into()),
        ];
        for (k, v) in extra {
            params.retain(|(pk, _)| pk != k);
            if let Some(v) = v {
                params.push((k.to_string(), v.to_string()));
            }
        }
        let q = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(&params)
            .finish();
        self.browser
            .get(self.url(&format!("/authorize?{q}")))
            .send()
            .await
            .unwrap()
    }

    /// Follows same-origin redirects; returns the first response that is not
    /// one, or the first redirect that leaves Latchkey.
    pub async fn follow(&self, mut resp: Response) -> Response {
        for _ in 0..10 {
            let Some(loc) = location(&resp) else {
                return resp;
            };
            let next = resp.url().join(&loc).unwrap();
            if !next.as_str().starts_with(&self.base) {
                return resp;
            }
            resp = self.browser.get(next.as_str()).send().await.unwrap();
        }
        panic!("redirect loop");
    }

    /// Logs out of Latchkey through the logout form (the CSRF token comes
    /// from the account page, or the login page it sends a lost session to).
    pub async fn logout(&self) {
        let r = self.browser.get(self.url("/account")).send().await.unwrap();
        let page = self.follow(r).await.text().await.unwrap();
        let r = self
            .browser
            .post(self.url("/logout/confirm"))
            .form(&[("csrf_token", csrf_from(&page))])
            .send()
            .await
            .unwrap();
        assert!(r.status().is_redirection() || r.status().is_success());
    }

    /// Submits the password form on the login page.
    pub async fn submit_login(&self, username: &str, password: &str) -> Response {
        let page = self
            .browser
            .get(self.url("/login"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        let csrf = csrf_from(&page);
        self.browser
            .post(self.url("/login"))
            .form(&[
                ("csrf_token", csrf.as_str()),
                ("username", username),
                ("password", password),
            ])
            .send()
            .await
            .unwrap()
    }

    /// Runs authorize → login → (consent) and returns the redirect back to the client.
    pub async fn login_flow(
        &self,
        client: &TestClient,
        extra: &[(&str, Option<&str>)],
        username: &str,
    ) -> Url {
        let resp = self.follow(self.authorize(client, extra).await).await;
        let resp = if resp.url().path() == "/login" {
            let r = self.submit_login(username, PASSWORD).await;
            assert_eq!(r.status(), StatusCode::SEE_OTHER, "login failed");
            self.follow(r).await
        } else {
            resp
        };
        let resp = if resp.url().path() == "/consent" {
            let page = resp.text().await.unwrap();
            let r = self
                .browser
                .post(self.url("/consent"))
                .form(&[
                    ("csrf_token", csrf_from(&page).as_str()),
                    (
                        "req",
                        input_value(&page, "req").unwrap_or_default().as_str(),
                    ),
                    ("consent", "allow"),
                ])
                .send()
                .await
                .unwrap();
            self.follow(r).await
        } else {
            resp
        };
        let loc = location(&resp)
            .unwrap_or_else(|| panic!("no redirect from {}: {}", resp.url(), resp.status()));
        Url::parse(&loc).unwrap()
    }

    /// Logs in and returns the authorization code.
    pub async fn code(
        &self,
        client: &TestClient,
        extra: &[(&str, Option<&str>)],
        username: &str,
    ) -> String {
        let url = self.login_flow(client, extra, username).await;
        query(&url, "code").unwrap_or_else(|| panic!("no code in {url}"))
    }

    /// POST /token with client_secret_post (or client_id only for public clients).
    pub async fn token(&self, client: &TestClient, params: &[(&str, &str)]) -> Response {
        let mut form: Vec<(&str, &str)> = params.to_vec();
        form.push(("client_id", &client.id));
        if let Some(s) = &client.secret {
            form.push(("client_secret", s));
        }
        self.api
            .post(self.url("/token"))
            .form(&form)
            .send()
            .await
            .unwrap()
    }

    /// GET /userinfo with a bearer access token.
    pub async fn userinfo(&self, access_token: &str) -> Response {
        self.api
            .get(self.url("/userinfo"))
            .bearer_auth(access_token)
            .send()
            .await
            .unwrap()
    }

    /// Redeems a code at the token endpoint, whatever the answer.
    pub async fn redeem(&self, client: &TestClient, code: &str) -> Response {
        self.token(
            client,
            &[
                ("grant_type", "authorization_code"),
                ("code", code),
                ("redirect_uri", &client.redirect),
            ],
        )
        .await
    }

    pub async fn exchange(&self, client: &TestClient, code: &str) -> Value {
        let r = self.redeem(client, code).await;
        assert_eq!(r.status(), 200);
        r.json().await.unwrap()
    }

    /// Verifies a JWT against the published JWKS; returns its claims.
    pub async fn verify_jwt(&self, token: &str) -> Map<String, Value> {
        let jwks = self
            .api
            .get(self.url("/jwks.json"))
            .send()
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap();
        let set = JwkSet::from_bytes(&jwks).unwrap();
        let header = jwt::decode_header(token).unwrap();
        let kid = header.claim("kid").unwrap().as_str().unwrap().to_string();
        let alg = header.claim("alg").unwrap().as_str().unwrap().to_string();
        let jwk = set
            .get(&kid)
            .into_iter()
            .next()
            .unwrap_or_else(|| panic!("kid {kid} not in JWKS"));
        let (payload, _) = match alg.as_str() {
            "RS256" => jwt::decode_with_verifier(token, &RS256.verifier_from_jwk(jwk).unwrap()),
            "ES256" => jwt::decode_with_verifier(token, &ES256.verifier_from_jwk(jwk).unwrap()),
            "EdDSA" => jwt::decode_with_verifier(token, &EdDSA.verifier_from_jwk(jwk).unwrap()),
            other => panic!("unexpected alg {other}"),
        }
        .unwrap();
        payload.claims_set().clone()
    }
}

pub fn location(resp: &Response) -> Option<String> {
    resp.headers()
        .get(LOCATION)
        .map(|v| v.to_str().unwrap().to_string())
}

pub fn query(url: &Url, key: &str) -> Option<String> {
    url.query_pairs()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.into_owned())
}

pub fn query_map(url: &Url) -> HashMap<String, String> {
    url.query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// The value of the hidden `csrf_token` input on a page.
pub fn csrf_from(html: &str) -> String {
    input_value(html, "csrf_token").unwrap_or_else(|| panic!("no csrf_token in page:\n{html}"))
}

pub fn input_value(html: &str, name: &str) -> Option<String> {
    let doc = scraper::Html::parse_document(html);
    let sel = scraper::Selector::parse(&format!("input[name=\"{name}\"]")).unwrap();
    doc.select(&sel)
        .next()
        .and_then(|e| e.value().attr("value"))
        .map(str::to_string)
}

pub fn is_json(resp: &Response) -> bool {
    resp.headers()
        .get(CONTENT_TYPE)
        .is_some_and(|v| v.to_str().unwrap().starts_with("application/json"))
}

/// A PKCE verifier and its S256 challenge.
pub fn pkce_pair() -> (String, String) {
    let verifier = latchkey::crypto::random_token() + "-._~";
    let challenge = latchkey::crypto::b64url(&sha2::Sha256::digest(verifier.as_bytes()));
    (verifier, challenge)
}

/// `latchkey serve` on `port` with the database `db`, quiet, configured
/// only by the environment.
pub fn serve_command(db: &std::path::Path, port: u16) -> std::process::Command {
    let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_latchkey"));
    c.arg("serve")
        .env_remove("LATCHKEY_CONFIG")
        .env("LATCHKEY_DATABASE", db)
        .env("LATCHKEY_LISTEN", format!("127.0.0.1:{port}"))
        .env("LATCHKEY_ISSUER", format!("http://localhost:{port}"))
        .env("LATCHKEY_LOG", "warn")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    c
}
