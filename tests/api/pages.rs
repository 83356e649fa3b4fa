use crate::helpers::*;

#[tokio::test]
async fn every_page_forbids_framing_and_sets_security_headers() {
    let app = TestApp::spawn().await;
    for path in [
        "/login",
        "/authorize",
        "/.well-known/openid-configuration",
        "/nope",
        "/static/style.css",
    ] {
        let r = app.browser.get(app.url(path)).send().await.unwrap();
        let h = r.headers();
        assert_eq!(h["x-frame-options"], "DENY", "{path}");
        let csp = h["content-security-policy"].to_str().unwrap();
        assert!(csp.contains("frame-ancestors 'none'"), "{path}");
        assert!(!csp.contains("unsafe-inline"));
        assert_eq!(h["referrer-policy"], "no-referrer");
        assert_eq!(h["x-content-type-options"], "nosniff");
    }
}

#[tokio::test]
async fn login_page_works_without_javascript() {
    let app = TestApp::spawn().await;
    let r = app.browser.get(app.url("/login")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let html = r.text().await.unwrap();
    assert!(html.contains("name=\"username\""));
    assert!(html.contains("name=\"password\""));
    assert!(html.contains("method=\"post\""));
    csrf_from(&html);
    assert!(!html.contains("<script>"), "no inline script");
}

#[tokio::test]
async fn health_endpoints() {
    let app = TestApp::spawn().await;
    assert_eq!(
        app.api
            .get(app.url("/healthz"))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    let ready = app.api.get(app.url("/readyz")).send().await.unwrap();
    assert_eq!(ready.status(), 200);
    let backend = if crate::backend::is_postgres() {
        "postgres"
    } else {
        "sqlite"
    };
    assert_eq!(ready.text().await.unwrap(), format!("ready {backend}"));
}

/// RS256 signatures so far and their CPU seconds, from `/metrics`.
async fn signing(app: &TestApp) -> (u64, f64) {
    let text = app
        .api
        .get(app.url("/metrics"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let value = |name: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(&format!("{name}{{alg=\"RS256\"}} ")))
            .map_or(0.0, |v| v.parse::<f64>().unwrap())
    };
    (
        value("latchkey_signatures_total") as u64,
        value("latchkey_signing_cpu_seconds_total"),
    )
}

#[tokio::test]
async fn metrics_count_events_and_latency_and_requests_get_ids() {
    // /metrics is on the main listener only when asked for.
    let app = TestApp::spawn_with(|c| {
        c.mfa = latchkey::config::MfaPolicy::Optional;
        c.metrics_public = true;
    })
    .await;
    let client = app.add_client("app").await;
    app.add_user("alice", &[]).await;
    let code = app.code(&client, &[], "alice").await;
    // Other tests sign in this process too: the counters only grow.
    let before = signing(&app).await;
    app.exchange(&client, &code).await;
    let after = signing(&app).await;
    assert!(after.0 > before.0, "{before:?} {after:?}");
    assert!(after.1 > before.1, "{before:?} {after:?}");
    let r = app.api.get(app.url("/metrics")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert!(r.headers()["x-request-id"].to_str().unwrap().len() >= 32);
    let text = r.text().await.unwrap();
    assert!(
        text.contains("latchkey_events_total{event=\"token_issued\"}"),
        "{text}"
    );
    assert!(text.contains("latchkey_events_total{event=\"login_password_ok\"}"));
    assert!(text.contains(
        "latchkey_http_request_duration_seconds_count{route=\"/token\",method=\"POST\"}"
    ));
    assert!(text.contains("latchkey_db_pool_connections{state=\"open\"}"));
}
