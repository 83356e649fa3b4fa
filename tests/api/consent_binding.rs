//! F9: each pending authorization request has its own id; the consent form
//! carries it and the POST acts on that request only, so several tabs work
//! at once and a background navigation cannot redirect an "Allow".

use reqwest::StatusCode;
use url::Url;

use crate::helpers::*;

/// A third-party client (consent asked) with its own name and redirect URI.
async fn third_party(app: &TestApp, id: &str, name: &'static str) -> TestClient {
    let uris: &'static [String] =
        Box::leak(vec![format!("https://{id}.example/cb")].into_boxed_slice());
    app.add_client_with(id, |c| {
        c.first_party = false;
        c.name = Some(name);
        c.redirect_uris = uris;
    })
    .await
}

/// Starts an authorization in "a tab" and returns its consent page.
async fn consent_page(app: &TestApp, client: &TestClient) -> String {
    let r = app.follow(app.authorize(client, &[]).await).await;
    assert_eq!(r.url().path(), "/consent");
    r.text().await.unwrap()
}

async fn submit(app: &TestApp, page: &str, choice: &str) -> reqwest::Response {
    let form = [
        ("csrf_token", csrf_from(page)),
        ("req", input_value(page, "req").unwrap_or_default()),
        ("consent", choice.to_string()),
    ];
    let r = app
        .browser
        .post(app.url("/consent"))
        .form(&form)
        .send()
        .await
        .unwrap();
    app.follow(r).await
}

fn redirect(r: &reqwest::Response) -> Url {
    Url::parse(&location(r).unwrap_or_else(|| panic!("no redirect: {}", r.status()))).unwrap()
}

#[tokio::test]
async fn allow_on_the_trusted_wiki_page_sends_the_code_to_the_wiki() {
    let app = TestApp::spawn().await;
    let wiki = third_party(&app, "wiki", "Trusted Wiki").await;
    let other = third_party(&app, "other", "Other App").await;
    app.add_user("alice", &[]).await;
    app.submit_login("alice", PASSWORD).await;

    // The tab the user looks at.
    let wiki_page = consent_page(&app, &wiki).await;
    assert!(wiki_page.contains("Trusted Wiki"));
    // A background navigation (another tab, or a page the user visits)
    // starts another request in the same browser.
    let other_page = consent_page(&app, &other).await;
    assert!(other_page.contains("Other App"));

    // "Allow" on the Trusted Wiki page: the code goes to the wiki.
    let r = submit(&app, &wiki_page, "allow").await;
    let to = redirect(&r);
    assert!(to.as_str().starts_with(&wiki.redirect), "code sent to {to}");
    let code = query(&to, "code").expect("a code");
    let t = app.exchange(&wiki, &code).await;
    assert_eq!(
        app.verify_jwt(t["id_token"].as_str().unwrap()).await["aud"],
        "wiki"
    );
    // The other tab still works, for its own client.
    let r = submit(&app, &other_page, "allow").await;
    let to = redirect(&r);
    assert!(to.as_str().starts_with(&other.redirect), "{to}");
    app.exchange(&other, &query(&to, "code").unwrap()).await;
    assert_ne!(
        input_value(&wiki_page, "req"),
        input_value(&other_page, "req")
    );
}

#[tokio::test]
async fn deny_in_one_tab_leaves_the_other_request_pending() {
    let app = TestApp::spawn().await;
    let wiki = third_party(&app, "wiki", "Trusted Wiki").await;
    let other = third_party(&app, "other", "Other App").await;
    app.add_user("alice", &[]).await;
    app.submit_login("alice", PASSWORD).await;
    let wiki_page = consent_page(&app, &wiki).await;
    let other_page = consent_page(&app, &other).await;

    let to = redirect(&submit(&app, &other_page, "deny").await);
    assert!(to.as_str().starts_with(&other.redirect));
    assert_eq!(query(&to, "error").as_deref(), Some("access_denied"));
    let to = redirect(&submit(&app, &wiki_page, "allow").await);
    assert!(to.as_str().starts_with(&wiki.redirect));
    assert!(query(&to, "code").is_some());
    // Both are finished now: replaying either form finds no request.
    let r = submit(&app, &wiki_page, "allow").await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert!(location(&r).is_none());
}

#[tokio::test]
async fn a_consent_without_a_pending_request_id_is_refused() {
    let app = TestApp::spawn().await;
    let wiki = third_party(&app, "wiki", "Trusted Wiki").await;
    app.add_user("alice", &[]).await;
    app.submit_login("alice", PASSWORD).await;
    let page = consent_page(&app, &wiki).await;
    for req in [None, Some(""), Some("not-a-pending-request")] {
        let mut form = vec![
            ("csrf_token", csrf_from(&page)),
            ("consent", "allow".into()),
        ];
        if let Some(r) = req {
            form.push(("req", r.to_string()));
        }
        let r = app
            .browser
            .post(app.url("/consent"))
            .form(&form)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::BAD_REQUEST, "{req:?}");
    }
    let r = app
        .browser
        .get(app.url("/authorize/resume?req=not-a-pending-request"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    // The real one still completes.
    let to = redirect(&submit(&app, &page, "allow").await);
    assert!(query(&to, "code").is_some());
}

#[tokio::test]
async fn the_five_most_recent_requests_are_kept() {
    let app = TestApp::spawn().await;
    app.add_user("alice", &[]).await;
    app.submit_login("alice", PASSWORD).await;
    let mut tabs = Vec::new();
    for i in 0..6 {
        let c = third_party(&app, &format!("c{i}"), "Some App").await;
        let page = consent_page(&app, &c).await;
        tabs.push((c, page));
    }
    // The oldest was forgotten; the next oldest still works.
    let r = submit(&app, &tabs[0].1, "allow").await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let to = redirect(&submit(&app, &tabs[1].1, "allow").await);
    assert!(to.as_str().starts_with(&tabs[1].0.redirect), "{to}");
}

#[tokio::test]
async fn a_tab_that_needs_a_login_again_gets_its_own_request() {
    // Two anonymous tabs: the first one's request survives the second one,
    // and logging in continues the most recent; the first tab's resume URL
    // then finishes the first.
    let app = TestApp::spawn().await;
    let wiki = third_party(&app, "wiki", "Trusted Wiki").await;
    let other = third_party(&app, "other", "Other App").await;
    app.add_user("alice", &[]).await;
    let r = app.follow(app.authorize(&wiki, &[]).await).await;
    assert_eq!(r.url().path(), "/login");
    // The first tab's page carries its request.
    let wiki_req = input_value(&r.text().await.unwrap(), "req").expect("the form's request");
    let r = app.follow(app.authorize(&other, &[]).await).await;
    assert_eq!(r.url().path(), "/login");
    let r = app.follow(app.submit_login("alice", PASSWORD).await).await;
    assert_eq!(r.url().path(), "/consent");
    let other_page = r.text().await.unwrap();
    assert!(other_page.contains("Other App"));
    let to = redirect(&submit(&app, &other_page, "allow").await);
    assert!(to.as_str().starts_with(&other.redirect));
    // Back in the first tab: the wiki's request is still pending, and its
    // id (not "the latest") resumes it.
    let resume = format!("/authorize/resume?req={wiki_req}");
    let r = app
        .follow(app.browser.get(app.url(&resume)).send().await.unwrap())
        .await;
    assert_eq!(r.url().path(), "/consent");
    let wiki_page = r.text().await.unwrap();
    assert!(wiki_page.contains("Trusted Wiki"));
    let to = redirect(&submit(&app, &wiki_page, "allow").await);
    assert!(to.as_str().starts_with(&wiki.redirect));
}
