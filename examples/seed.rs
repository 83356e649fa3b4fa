//! Seeds a Latchkey database for the scaling runs of `scripts/bench.sh`
//! (docs/benchmarks.md): N users `{prefix}0..` sharing one password and one
//! TOTP secret, each with a group, a browser session, and a grant holding an
//! access and a refresh token; plus N/100 extra clients. Uses the library's
//! store, so the rows are exactly what the server itself writes.
//!
//!   LATCHKEY_CONFIG=… seed N PREFIX PASSWORD TOTP_SECRET_BASE32
//!
//! Hashing runs once (the same argon2id string for every user), so 100 000
//! users take seconds, not the hour `latchkey user add` would.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use latchkey::db::{self, grants::Grant, sessions::BrowserSession, users::NewUser};
use latchkey::{AppState, Config, crypto};

const BATCH: usize = 5_000;

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [n, prefix, password, totp] = &args[..] else {
        eprintln!("usage: seed N PREFIX PASSWORD TOTP_SECRET_BASE32");
        std::process::exit(2);
    };
    let n: usize = n.parse().expect("N is a number");
    let config = Config::load(None).expect("configuration");
    let state = AppState::build(config).await.expect("database and keys");
    let hash = state.passwords.hash(password).await.expect("argon2id");
    let sealed = state.secrets.seal(totp).expect("seal");
    let started = std::time::Instant::now();

    for batch in (0..n).collect::<Vec<_>>().chunks(BATCH) {
        let mut tx = db::begin_write(&state.db).await.unwrap();
        for &i in batch {
            let username = format!("{prefix}{i}");
            let email = format!("{username}@example.com");
            let id = db::users::insert(
                &mut tx,
                &NewUser {
                    subject: &crypto::random_token(),
                    username: &username,
                    email: &email,
                    name: Some("Seeded User"),
                    given_name: None,
                    family_name: None,
                    password_hash: Some(&hash),
                    email_verified: true,
                },
            )
            .await
            .unwrap();
            db::users::set_groups(&mut tx, id, &["staff".to_string()])
                .await
                .unwrap();
            db::factors::set_totp(&mut tx, id, &sealed, 0)
                .await
                .unwrap();
            let now = db::now();
            db::sessions::insert(
                &mut tx,
                &BrowserSession {
                    id: crypto::digest(&crypto::random_token()),
                    forward_id: Some(crypto::digest(&crypto::random_token())),
                    user_id: id,
                    auth_time: now,
                    amr: r#"["pwd","otp","mfa"]"#.into(),
                    user_agent: None,
                    created_at: now,
                    last_seen_at: now,
                    remembered_until: None,
                },
            )
            .await
            .unwrap();
            let grant = Grant {
                id: crypto::random_token(),
                client_id: "bench".into(),
                user_id: id,
                scope: "openid profile email".into(),
                nonce: None,
                auth_time: now,
                amr: r#"["pwd","otp","mfa"]"#.into(),
                acr: "mfa".into(),
                session_ref: None,
                created_at: now,
            };
            db::grants::insert_grant(&mut tx, &grant).await.unwrap();
            let (access, refresh) = (crypto::random_token(), crypto::random_token());
            db::grants::insert_access_token(
                &mut tx,
                &crypto::digest(&access),
                &grant.id,
                &grant.scope,
                now + 3600,
            )
            .await
            .unwrap();
            db::grants::insert_refresh_token(
                &mut tx,
                &crypto::digest(&refresh),
                &grant.id,
                &grant.scope,
                now + 86_400,
            )
            .await
            .unwrap();
        }
        tx.commit().await.unwrap();
    }
    let redirect = vec!["https://app.example/cb".to_string()];
    for i in 0..n / 100 {
        latchkey::clients::add(
            &state.db,
            &latchkey::clients::AddClient {
                client_id: &format!("seed-client-{i}"),
                name: None,
                redirect_uris: &redirect,
                post_logout_redirect_uris: &[],
                public: false,
                first_party: true,
                require_pkce: false,
                allow_insecure_http: false,
                id_token_alg: latchkey::oidc::keys::Alg::RS256,
                require_mfa: None,
            },
        )
        .await
        .unwrap();
    }
    println!("seed.users {n}");
    println!("seed.clients {}", n / 100);
    println!("seed.seconds {:.1}", started.elapsed().as_secs_f64());
}
