//! Rotating the instance secret key: the server restarts with a new
//! `secret_key` and the old one in `previous_secret_keys`, reseals what the
//! old key sealed, and nobody is locked out; then the old key can go.

use latchkey::config::{Config, Database, SecretString};
use latchkey::secrets::SecretBox;

use crate::helpers::*;
use crate::mfa_helpers::*;

const TOTP: &str = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
const OLD: &str = "old-secret-key-0123456789abcdef0123456789";
const NEW: &str = "new-secret-key-fedcba9876543210fedcba9876";

/// Everything sealed in the database: private signing keys and TOTP secrets.
async fn sealed_values(app: &TestApp) -> Vec<String> {
    let mut v: Vec<String> = latchkey::with_pool!(&app.state.db, |p| sqlx::query_scalar(
        "SELECT private_jwk FROM signing_keys ORDER BY kid"
    )
    .fetch_all(p)
    .await)
    .unwrap();
    v.extend(
        latchkey::with_pool!(&app.state.db, |p| sqlx::query_scalar::<_, String>(
            "SELECT secret FROM totp_credentials ORDER BY user_id"
        )
        .fetch_all(p)
        .await)
        .unwrap(),
    );
    assert!(v.len() >= 4, "three signing keys and a TOTP secret: {v:?}");
    v
}

/// A full login with password and TOTP, its code exchange, and the
/// id_token checked against the published keys.
async fn login(app: &TestApp, client: &TestClient, user: &str) -> String {
    let app = TestApp::attach(app.base.clone(), app.state.clone());
    let r = app.follow(app.authorize(client, &[]).await).await;
    assert_eq!(r.url().path(), "/login");
    let r = app.follow(app.submit_login(user, PASSWORD).await).await;
    assert_eq!(r.url().path(), "/login/mfa", "{user}");
    let r = app.submit_mfa("code", &totp_code(TOTP, now())).await;
    let r = app.follow(r).await;
    let url = url::Url::parse(&location(&r).expect("redirect to the client")).unwrap();
    let tokens = app.exchange(client, &query(&url, "code").unwrap()).await;
    let claims = app.verify_jwt(tokens["id_token"].as_str().unwrap()).await;
    assert_eq!(claims["preferred_username"], user);
    let jwks: serde_json::Value = app
        .api
        .get(app.url("/jwks.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    jwks.to_string()
}

fn keys(config: &mut Config, database: &Database, current: &str, previous: &[&str]) {
    config.database = database.clone();
    config.secret_key = Some(SecretString(current.into()));
    config.previous_secret_keys = previous
        .iter()
        .map(|k| SecretString(k.to_string()))
        .collect();
}

#[tokio::test]
async fn secret_key_rotation_reseals_and_locks_nobody_out() {
    let data = tempfile::tempdir().unwrap();
    // One database across the restarts below (a file, or a PostgreSQL one).
    let (database, _) = crate::backend::fresh(data.path()).await;

    // Before: everything sealed under the old key.
    let app = TestApp::spawn_with(|c| keys(c, &database, OLD, &[])).await;
    let client = app.add_client("rp").await;
    for name in ["alice", "bob", "carol"] {
        let user = app.add_user(name, &[]).await;
        let sealed = app.state.secrets.seal(TOTP).unwrap();
        latchkey::db::factors::set_totp(&app.state.db, user.id, &sealed, 0)
            .await
            .unwrap();
    }
    let jwks_before = login(&app, &client, "alice").await;
    let before = sealed_values(&app).await;
    let old_only = SecretBox::new(OLD, &[]);
    let new_only = SecretBox::new(NEW, &[]);
    assert!(before.iter().all(|v| old_only.open(v).is_ok()));
    assert!(before.iter().all(|v| new_only.open(v).is_err()));
    drop(app);

    // Restart with the new key, the old one as previous: resealed at start.
    let app = TestApp::spawn_with(|c| keys(c, &database, NEW, &[OLD])).await;
    let after = sealed_values(&app).await;
    assert!(after.iter().all(|v| new_only.open(v).is_ok()), "resealed");
    for (b, a) in before.iter().zip(&after) {
        assert_eq!(old_only.open(b).unwrap(), new_only.open(a).unwrap());
    }
    // Same signing keys (clients' caches stay valid), same TOTP secrets.
    assert_eq!(login(&app, &client, "bob").await, jwks_before);
    drop(app);

    // The old key is no longer needed.
    let app = TestApp::spawn_with(|c| keys(c, &database, NEW, &[])).await;
    assert_eq!(login(&app, &client, "carol").await, jwks_before);
    drop(app);

    // A wrong key is refused at start, and changes nothing at rest.
    let mut config = Config {
        issuer: "http://localhost:1".into(),
        ..Config::default()
    };
    keys(
        &mut config,
        &database,
        "a-third-key-that-never-sealed-anything-0",
        &[],
    );
    let err = latchkey::AppState::build(config)
        .await
        .err()
        .expect("refused");
    let err = format!("{err:#}");
    assert!(err.contains("previous_secret_keys"), "{err}");
    let db = latchkey::db::connect(&database, 2).await.unwrap();
    let still: Vec<String> = latchkey::with_pool!(&db, |p| sqlx::query_scalar(
        "SELECT secret FROM totp_credentials ORDER BY user_id"
    )
    .fetch_all(p)
    .await)
    .unwrap();
    assert!(still.iter().all(|v| new_only.open(v).is_ok()));
}
