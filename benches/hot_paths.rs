//! Criterion micro-benchmarks of Latchkey's hot paths (issue 6).
//!
//! Run: `CARGO_TARGET_DIR=/work/bench-target cargo bench --bench hot_paths`
//! (one: `… --bench hot_paths -- refresh_batch`)
//! Short measurement windows (3 s, 20 samples) keep the whole run to a few
//! minutes; on a shared 2-core machine expect a few percent of noise.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use latchkey::config::{Config, MfaPolicy};
use latchkey::forward_auth::{AccessRule, Policy, Viewer, decide, rule_for};
use latchkey::oidc::discovery;
use latchkey::oidc::keys::Alg;
use latchkey::{AppState, auth};
use serde_json::{Map, Value, json};

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

fn config(dir: &std::path::Path) -> Config {
    Config {
        issuer: "https://auth.example.com".into(),
        database: latchkey::config::Database::Sqlite(dir.join("latchkey.sqlite")),
        mfa: MfaPolicy::Optional,
        ..Config::default()
    }
}

fn claims() -> Map<String, Value> {
    let now = latchkey::db::now();
    let v = json!({
        "iss": "https://auth.example.com",
        "sub": "42",
        "aud": "paperless",
        "exp": now + 600,
        "iat": now,
        "auth_time": now,
        "nonce": "n-0S6_WzA2Mj",
        "amr": ["pwd", "otp"],
        "acr": "mfa",
        "at_hash": "77QmUPtjPfzWtF2AnpK9RQ",
        "azp": "paperless",
        "preferred_username": "alice",
        "name": "Alice Example",
        "email": "alice@example.com",
        "email_verified": true,
        "groups": ["family", "admins"],
    });
    match v {
        Value::Object(m) => m,
        _ => unreachable!(),
    }
}

fn signing_and_jwks(c: &mut Criterion) {
    let rt = runtime();
    let dir = tempfile::tempdir().unwrap();
    let state = rt.block_on(AppState::build(config(dir.path()))).unwrap();
    let mut g = c.benchmark_group("id_token_sign");
    for alg in Alg::ALL {
        g.bench_function(alg.as_str(), |b| {
            b.iter(|| {
                rt.block_on(state.keys.sign(alg, black_box(claims())))
                    .unwrap()
            })
        });
    }
    g.finish();
    c.bench_function("jwks_from_keyring", |b| {
        b.iter(|| rt.block_on(state.keys.jwks()).unwrap())
    });
    let cfg = state.config.clone();
    c.bench_function("discovery_document_render", |b| {
        b.iter(|| discovery::document(black_box(&cfg)))
    });
}

fn passwords(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let policy = latchkey::config::PasswordPolicy::default();
    let p = auth::password::Passwords::new(&policy).unwrap();
    let hash = rt.block_on(p.hash("correct horse battery")).unwrap();
    let mut g = c.benchmark_group("argon2id");
    // ~20-50 ms per verify: 10 samples is the criterion minimum.
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(5));
    g.bench_function("verify_default_params_m19456_t2_p1", |b| {
        b.iter(|| {
            assert!(
                rt.block_on(p.verify("correct horse battery", Some(&hash)))
                    .unwrap()
            )
        })
    });
    g.finish();
}

fn totp(c: &mut Criterion) {
    // RFC 6238 appendix B secret.
    const SECRET: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
    let t = 1_700_000_000u64;
    let code = totp_rs::Builder::new()
        .with_secret(totp_rs::Secret::try_from_base32(SECRET).unwrap())
        .with_account_name("x")
        .build()
        .unwrap()
        .generate(t)
        .to_string();
    c.bench_function("totp_check_hit", |b| {
        b.iter(|| auth::totp::check(black_box(SECRET), black_box(&code), t).unwrap())
    });
    c.bench_function("totp_check_miss", |b| {
        b.iter(|| auth::totp::check(black_box(SECRET), black_box("000000"), t))
    });
}

fn rules() -> Vec<AccessRule> {
    let mut rules = Vec::new();
    for i in 0..18 {
        rules.push(AccessRule {
            host: format!("app{i}.example.com"),
            path: "/".into(),
            policy: Policy::Mfa,
            groups: vec![format!("group{i}")],
            case_insensitive: false,
        });
    }
    rules.push(AccessRule {
        host: "*.example.com".into(),
        path: "/static/".into(),
        policy: Policy::Bypass,
        groups: vec![],
        case_insensitive: false,
    });
    rules.push(AccessRule {
        host: "*.example.com".into(),
        path: "/".into(),
        policy: Policy::Mfa,
        groups: vec![],
        case_insensitive: false,
    });
    rules
}

fn forward_auth(c: &mut Criterion) {
    let rules = rules();
    let groups = vec!["family".to_string(), "group17".to_string()];
    let viewer = Viewer {
        complete: true,
        groups: &groups,
    };
    let mut g = c.benchmark_group("forward_auth_decision_20_rules");
    g.bench_function("first_rule", |b| {
        b.iter(|| {
            let r = rule_for(black_box(&rules), "app0.example.com", "/documents/12");
            decide(r, Some(viewer))
        })
    });
    g.bench_function("rule_18_of_20", |b| {
        b.iter(|| {
            let r = rule_for(
                black_box(&rules),
                "app17.example.com",
                "/api/documents/?page=2",
            );
            decide(r, Some(viewer))
        })
    });
    g.bench_function("wildcard_last_rule_dotsegments", |b| {
        b.iter(|| {
            let r = rule_for(
                black_box(&rules),
                "Other.Example.com",
                "/a/./b/../%61dmin/x",
            );
            decide(r, Some(viewer))
        })
    });
    g.bench_function("no_match", |b| {
        b.iter(|| {
            let r = rule_for(black_box(&rules), "evil.test", "/");
            decide(r, Some(viewer))
        })
    });
    g.finish();
}

/// A database with one user (in two groups), one confidential client and
/// one offline grant, for [`refresh_batch`].
async fn refresh_db(dir: &std::path::Path) -> (latchkey::db::Db, i64) {
    use latchkey::db::{self, clients::NewClient, grants::Grant, users::NewUser};
    let database = latchkey::config::Database::Sqlite(dir.join("latchkey.sqlite"));
    let db = db::connect(&database, 4).await.unwrap();
    let user = db::users::insert(
        &db,
        &NewUser {
            subject: "sub-1",
            username: "alice",
            email: "alice@example.com",
            name: Some("Alice"),
            given_name: None,
            family_name: None,
            password_hash: None,
            email_verified: true,
        },
    )
    .await
    .unwrap();
    let mut tx = db::begin_write(&db).await.unwrap();
    db::users::set_groups(&mut tx, user, &["family".into(), "admins".into()])
        .await
        .unwrap();
    let secret = latchkey::crypto::digest("s3cret");
    db::clients::insert(
        &mut tx,
        &NewClient {
            client_id: "app",
            name: "App",
            secret_hash: Some(&secret),
            first_party: true,
            require_pkce: false,
            id_token_alg: "RS256",
            require_mfa: None,
        },
        &[],
        &[],
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let now = db::now();
    db::grants::insert_grant(
        &db,
        &Grant {
            id: "g1".into(),
            client_id: "app".into(),
            user_id: user,
            scope: "openid offline_access".into(),
            nonce: None,
            auth_time: now,
            amr: "[\"pwd\"]".into(),
            acr: "0".into(),
            session_ref: None,
            created_at: now,
        },
    )
    .await
    .unwrap();
    (db, now)
}

/// The store's side of one refresh on SQLite: the batch that reads the
/// client, its throttle row and the token, spends the token and stores the
/// new pair with its audit row (`db::grants::client_and_refresh_token`),
/// one at a time, so each runs alone. Wall time, which includes the
/// hand-off to the write connection's thread and back.
fn refresh_batch(c: &mut Criterion) {
    use latchkey::crypto::digest;
    use latchkey::db::grants::{
        SpeculativeRefresh, client_and_refresh_token, insert_refresh_token,
    };
    let rt = runtime();
    let dir = tempfile::tempdir().unwrap();
    let (db, now) = rt.block_on(refresh_db(dir.path()));
    let mut minted = 0u64;
    c.bench_function("refresh_batch_sqlite", |b| {
        b.iter_custom(|iters| {
            // Fresh tokens for this sample, written before the clock starts.
            let tokens: Vec<String> = (0..iters)
                .map(|_| {
                    minted += 1;
                    format!("refresh-{minted}")
                })
                .collect();
            rt.block_on(async {
                for t in &tokens {
                    insert_refresh_token(
                        &db,
                        &digest(t),
                        "g1",
                        "openid offline_access",
                        now + 3600,
                    )
                    .await
                    .unwrap();
                }
            });
            let start = std::time::Instant::now();
            rt.block_on(async {
                for t in &tokens {
                    let read = client_and_refresh_token(
                        &db,
                        "app",
                        "client:app",
                        &digest(t),
                        Some(SpeculativeRefresh {
                            now,
                            secret_digests: [digest("s3cret"), digest("s3cret")],
                            created_after: now - 3600,
                            seen_after: now - 3600,
                            access_hash: digest(&format!("access-{t}")),
                            access_expires_at: now + 600,
                            refresh_hash: digest(&format!("next-{t}")),
                            refresh_expires_at: now + 3600,
                            event: "token_issued",
                            detail: "grant_type=refresh_token",
                        }),
                    )
                    .await
                    .unwrap();
                    assert!(read.spent);
                }
            });
            start.elapsed()
        })
    });
}

fn short() -> Criterion {
    Criterion::default()
        .sample_size(20)
        .measurement_time(Duration::from_secs(3))
        .warm_up_time(Duration::from_secs(1))
}

criterion_group! {
    name = benches;
    config = short();
    targets = signing_and_jwks, passwords, totp, forward_auth, refresh_batch
}
criterion_main!(benches);
