use crate::helpers::*;
use serde_json::Value;

#[tokio::test]
async fn discovery_advertises_what_is_supported() {
    let app = TestApp::spawn().await;
    let r = app
        .api
        .get(app.url("/.well-known/openid-configuration"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert!(is_json(&r));
    let d: Value = r.json().await.unwrap();
    assert_eq!(d["issuer"], app.base.as_str());
    for (k, path) in [
        ("authorization_endpoint", "/authorize"),
        ("token_endpoint", "/token"),
        ("userinfo_endpoint", "/userinfo"),
        ("jwks_uri", "/jwks.json"),
        ("end_session_endpoint", "/logout"),
        ("revocation_endpoint", "/revoke"),
        ("introspection_endpoint", "/introspect"),
    ] {
        assert_eq!(d[k], app.url(path).as_str(), "{k}");
    }
    assert_eq!(d["response_types_supported"], serde_json::json!(["code"]));
    assert_eq!(
        d["code_challenge_methods_supported"],
        serde_json::json!(["S256"])
    );
    let methods = d["token_endpoint_auth_methods_supported"]
        .as_array()
        .unwrap();
    assert!(
        methods.contains(&"client_secret_basic".into())
            && methods.contains(&"client_secret_post".into())
    );
    assert!(
        d["id_token_signing_alg_values_supported"]
            .as_array()
            .unwrap()
            .contains(&"RS256".into())
    );
    assert_eq!(d["authorization_response_iss_parameter_supported"], true);
    // Every advertised endpoint answers (not 404).
    for k in ["userinfo_endpoint", "jwks_uri"] {
        let s = app
            .api
            .get(d[k].as_str().unwrap())
            .send()
            .await
            .unwrap()
            .status();
        assert_ne!(s, 404, "{k}");
    }
}

#[tokio::test]
async fn jwks_has_public_keys_only_each_with_kid() {
    let app = TestApp::spawn().await;
    let r = app.api.get(app.url("/jwks.json")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let jwks: Value = r.json().await.unwrap();
    let keys = jwks["keys"].as_array().unwrap();
    let mut algs: Vec<&str> = keys.iter().map(|k| k["alg"].as_str().unwrap()).collect();
    algs.sort_unstable();
    assert_eq!(algs, ["ES256", "EdDSA", "RS256"]);
    for k in keys {
        assert!(k["kid"].as_str().is_some_and(|s| !s.is_empty()));
        assert_eq!(k["use"], "sig");
        for private in ["d", "p", "q", "dp", "dq", "qi"] {
            assert!(
                k.get(private).is_none(),
                "private member {private} published"
            );
        }
    }
}

#[tokio::test]
async fn rotation_keeps_the_old_key_published() {
    let app = TestApp::spawn().await;
    let client = app.add_client("app").await;
    app.add_user("alice", &[]).await;
    let code = app.code(&client, &[], "alice").await;
    let old = app.exchange(&client, &code).await["id_token"]
        .as_str()
        .unwrap()
        .to_string();
    latchkey::oidc::keys::rotate(
        &app.state.db,
        &app.state.secrets,
        latchkey::oidc::keys::Alg::RS256,
    )
    .await
    .unwrap();
    app.state.keys.invalidate();
    let kid = |t: &str| {
        josekit::jwt::decode_header(t)
            .unwrap()
            .claim("kid")
            .unwrap()
            .as_str()
            .unwrap()
            .to_string()
    };
    let id_token = || async {
        let code = app.code(&client, &[], "alice").await;
        app.exchange(&client, &code).await["id_token"]
            .as_str()
            .unwrap()
            .to_string()
    };
    // Published first: the JWKS lists the new key while the old one still
    // signs, so no instance signs with a key another does not yet publish.
    let waiting = id_token().await;
    assert_eq!(
        kid(&waiting),
        kid(&old),
        "the old key signs while the new one is published"
    );
    let jwks = app
        .api
        .get(app.url("/jwks.json"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let active: Vec<String> = latchkey::with_pool!(&app.state.db, |p| sqlx::query_scalar(
        "SELECT kid FROM signing_keys WHERE alg = 'RS256' AND retired_at IS NULL"
    )
    .fetch_all(p)
    .await)
    .unwrap();
    assert_eq!(active.len(), 1);
    assert!(
        jwks.contains(&active[0]),
        "the new key is published at once"
    );
    // Once the publication delay has passed (moved into the past here).
    latchkey::with_pool!(&app.state.db, |p| sqlx::query(
        "UPDATE signing_keys SET created_at = created_at - $1 WHERE retired_at IS NULL"
    )
    .bind(latchkey::oidc::keys::PUBLISH_BEFORE_SIGNING)
    .execute(p)
    .await
    .map(|_| ()))
    .unwrap();
    app.state.keys.invalidate();
    let new = id_token().await;
    assert_eq!(kid(&new), active[0], "then new tokens use the new key");
    // Both verify against the published JWKS.
    app.verify_jwt(&old).await;
    app.verify_jwt(&new).await;
}
