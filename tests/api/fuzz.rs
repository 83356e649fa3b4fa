//! Randomized property tests on the request parsers: whatever the bytes,
//! they return a value or an error, never panic. A fixed-seed generator
//! keeps failures reproducible; the case count is bounded.

use axum::http::{HeaderMap, HeaderValue, header::AUTHORIZATION};
use latchkey::oidc::authorize;
use latchkey::oidc::client_auth;
use latchkey::oidc::params::Params;

/// xorshift64*: small, deterministic, good enough to shake parsers.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// Bytes biased towards the characters parsers care about.
    fn bytes(&mut self, max: usize) -> Vec<u8> {
        const SPECIAL: &[u8] = b"=&%+:;,./?#[]{}\"\\ \t\r\n\0\xff\xc3\x28azAZ09-_~";
        let len = self.below(max + 1);
        (0..len)
            .map(|_| {
                if self.below(3) == 0 {
                    (self.next() & 0xff) as u8
                } else {
                    SPECIAL[self.below(SPECIAL.len())]
                }
            })
            .collect()
    }

    fn text(&mut self, max: usize) -> String {
        String::from_utf8_lossy(&self.bytes(max)).into_owned()
    }
}

const CASES: usize = 3000;

#[test]
fn oauth_parameters_and_authorize_validation_never_panic() {
    let mut rng = Rng(0x5eed_1a7c_4e11_0001);
    let keys = [
        "client_id",
        "redirect_uri",
        "response_type",
        "scope",
        "state",
        "nonce",
        "code_challenge",
        "code_challenge_method",
        "prompt",
        "max_age",
        "response_mode",
        "request",
        "acr_values",
        "id_token_hint",
    ];
    let client = latchkey::db::clients::Client {
        client_id: "app".into(),
        name: "App".into(),
        secret_hash: None,
        first_party: true,
        require_pkce: true,
        id_token_alg: "RS256".into(),
        require_mfa: None,
        created_at: 0,
    };
    let registered = vec![
        "http://127.0.0.1/cb".to_string(),
        "https://app.example/cb".to_string(),
    ];
    for _ in 0..CASES {
        let raw = rng.bytes(300);
        let _ = Params::parse(&raw);
        // Structured: known keys with hostile values.
        let mut q = form_urlencoded::Serializer::new(String::new());
        q.append_pair("client_id", "app");
        for _ in 0..rng.below(8) {
            q.append_pair(keys[rng.below(keys.len())], &rng.text(80));
        }
        if let Ok(p) = Params::parse(q.finish().as_bytes()) {
            let _ = authorize::validate(&p, Some(&client), &registered);
        }
        let _ = authorize::redirect_uri_matches(&registered[0], &rng.text(60), true);
    }
}

#[test]
fn basic_credentials_never_panic() {
    let mut rng = Rng(0x5eed_1a7c_4e11_0002);
    use base64::Engine;
    for _ in 0..CASES {
        let mut h = HeaderMap::new();
        let inner = rng.bytes(80);
        let value = match rng.below(3) {
            0 => format!(
                "Basic {}",
                base64::engine::general_purpose::STANDARD.encode(&inner)
            ),
            1 => format!("Basic {}", String::from_utf8_lossy(&inner)),
            _ => String::from_utf8_lossy(&inner).into_owned(),
        };
        if let Ok(v) = HeaderValue::from_bytes(value.as_bytes()) {
            h.insert(AUTHORIZATION, v);
        }
        let body = Params::parse(&rng.bytes(100)).unwrap_or_default();
        let _ = client_auth::presented(&h, &body);
    }
}

#[test]
fn forward_auth_paths_and_return_urls_never_panic() {
    let mut rng = Rng(0x5eed_1a7c_4e11_0003);
    let rules = vec![latchkey::forward_auth::AccessRule {
        host: "*.example.com".into(),
        path: "/admin/".into(),
        policy: latchkey::forward_auth::Policy::Mfa,
        groups: vec!["admins".into()],
        case_insensitive: false,
    }];
    for _ in 0..CASES {
        let p = rng.text(120);
        let normal = latchkey::forward_auth::normalize_path(&p);
        assert!(normal.starts_with('/'), "{p:?} -> {normal:?}");
        assert!(
            !normal.contains("/../") && !normal.contains("//"),
            "{p:?} -> {normal:?}"
        );
        let _ = latchkey::forward_auth::rule_for(&rules, &rng.text(30), &p);
        let _ = latchkey::forward_auth::allowed_return_url(&rules, &rng.text(80));
    }
}

#[test]
fn webauthn_json_never_panics() {
    let mut rng = Rng(0x5eed_1a7c_4e11_0004);
    let template = r#"{"id":"X","rawId":"X","type":"public-key","response":{"clientDataJSON":"X","attestationObject":"X","authenticatorData":"X","signature":"X"}}"#;
    for _ in 0..CASES {
        let junk = rng.text(40);
        let doc = template.replacen('X', &junk, 1 + rng.below(5));
        let _ = serde_json::from_str::<webauthn_rs::prelude::PublicKeyCredential>(&doc);
        let _ = serde_json::from_str::<webauthn_rs::prelude::RegisterPublicKeyCredential>(&doc);
        let _ =
            serde_json::from_slice::<webauthn_rs::prelude::PublicKeyCredential>(&rng.bytes(200));
    }
}

#[test]
fn config_files_never_panic() {
    let mut rng = Rng(0x5eed_1a7c_4e11_0005);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fuzz.toml");
    let lines = [
        "issuer = ",
        "listen = ",
        "mfa = ",
        "[tokens]\ncode_seconds = ",
        "[[forward_auth.rules]]\nhost = ",
        "trusted_proxies = ",
        "[password]\nmin_length = ",
    ];
    for _ in 0..300 {
        let mut text = String::new();
        for _ in 0..rng.below(4) {
            text.push_str(lines[rng.below(lines.len())]);
            text.push_str(&rng.text(20));
            text.push('\n');
        }
        std::fs::write(&path, &text).unwrap();
        if let Err(e) = latchkey::Config::load(Some(&path)) {
            assert!(e.to_string().starts_with("invalid configuration:"), "{e}");
        }
    }
}
