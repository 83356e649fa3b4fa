//! Issue 14 item 13: pages link to content-hashed static files, served as
//! `immutable` and gzip-compressed when asked; the plain names revalidate
//! with an ETag; a wrong hash is a 404; pages themselves are not
//! compressed (BREACH).

use std::collections::BTreeSet;
use std::io::Read;

use reqwest::StatusCode;
use scraper::{Html, Selector};

use crate::helpers::*;
use crate::mfa_helpers::attr;

const PLAIN: [&str; 5] = [
    "style.css",
    "favicon.svg",
    "webauthn.js",
    "pages.js",
    "passkey.svg",
];

/// `/static/style.0123456789.css` → `Some("style.css")`.
fn plain_name(url: &str) -> Option<String> {
    let file = url.strip_prefix("/static/")?;
    let mut parts = file.split('.');
    let (stem, hash, ext) = (parts.next()?, parts.next()?, parts.next()?);
    let hashed = parts.next().is_none()
        && hash.len() == 10
        && hash
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    hashed.then(|| format!("{stem}.{ext}"))
}

/// Every `/static/` link in a page; each must be a hashed name.
fn static_links(page: &str, html: &str) -> BTreeSet<String> {
    for name in PLAIN {
        assert!(
            !html.contains(&format!("/static/{name}")),
            "{page} links to the unhashed {name}"
        );
    }
    let doc = Html::parse_document(html);
    let mut out = BTreeSet::new();
    for (sel, at) in [("link", "href"), ("script", "src"), ("img", "src")] {
        for el in doc.select(&Selector::parse(&format!("{sel}[{at}]")).unwrap()) {
            let v = el.value().attr(at).unwrap();
            if v.contains("static") {
                assert!(plain_name(v).is_some(), "{page}: {v} is not a hashed name");
                out.insert(v.to_string());
            }
        }
    }
    assert!(
        out.iter().any(|u| u.contains("/style.")),
        "{page} has the stylesheet: {out:?}"
    );
    // Written as is, not entity-escaped.
    assert!(html.contains("href=\"/static/style."), "{page}");
    out
}

fn file_bytes(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/static/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn header<'a>(r: &'a reqwest::Response, name: &str) -> Option<&'a str> {
    r.headers().get(name).map(|v| v.to_str().unwrap())
}

async fn get(app: &TestApp, path: &str, encoding: &str) -> reqwest::Response {
    app.api
        .get(app.url(path))
        .header("accept-encoding", encoding)
        .send()
        .await
        .unwrap()
}

/// The pages of a sign-in to a third-party app, then the account and
/// enrollment pages; with their HTML.
async fn pages(app: &TestApp) -> Vec<(&'static str, String)> {
    let client = app
        .add_client_with("wiki", |c| {
            c.first_party = false;
            c.name = Some("Wiki");
        })
        .await;
    app.add_user("alice", &[]).await;
    let mut out = Vec::new();
    let r = app.follow(app.authorize(&client, &[]).await).await;
    assert_eq!(r.url().path(), "/login");
    out.push(("/login", r.text().await.unwrap()));
    let r = app.follow(app.submit_login("alice", PASSWORD).await).await;
    assert_eq!(r.url().path(), "/consent");
    out.push(("/consent", r.text().await.unwrap()));
    for path in ["/account", "/enroll", "/nope"] {
        let r = app.browser.get(app.url(path)).send().await.unwrap();
        assert_eq!(r.url().path(), path);
        out.push((path, r.text().await.unwrap()));
    }
    out
}

#[tokio::test]
async fn pages_link_only_to_hashed_static_files_served_immutable_and_gzipped() {
    let app = TestApp::spawn().await;
    let mut links = BTreeSet::new();
    for (page, html) in pages(&app).await {
        links.extend(static_links(page, &html));
    }
    // The stylesheet's own image reference is hashed too.
    let css_url = links.iter().find(|u| u.contains("/style.")).unwrap();
    let css = get(&app, css_url, "identity").await.text().await.unwrap();
    let passkey = css
        .split("url(\"")
        .skip(1)
        .map(|s| s.split('"').next().unwrap().to_string())
        .find(|u| u.contains("passkey"))
        .expect("the passkey icon in the stylesheet");
    assert!(plain_name(&passkey).is_some(), "{passkey}");
    links.insert(passkey.clone());
    let names: BTreeSet<String> = links.iter().filter_map(|u| plain_name(u)).collect();
    assert_eq!(names, PLAIN.iter().map(|s| s.to_string()).collect());

    for url in &links {
        let name = plain_name(url).unwrap();
        let mut expected = file_bytes(&name);
        if name == "style.css" {
            expected = String::from_utf8(expected)
                .unwrap()
                .replace("url(\"passkey.svg\")", &format!("url(\"{passkey}\")"))
                .into_bytes();
        }
        let r = get(&app, url, "identity").await;
        assert_eq!(r.status(), StatusCode::OK, "{url}");
        assert_eq!(
            header(&r, "cache-control"),
            Some("public, max-age=31536000, immutable"),
            "{url}"
        );
        assert_eq!(header(&r, "content-encoding"), None, "{url}");
        assert_eq!(header(&r, "x-content-type-options"), Some("nosniff"));
        assert_eq!(r.bytes().await.unwrap().as_ref(), expected, "{url}");

        let r = get(&app, url, "gzip").await;
        assert_eq!(r.status(), StatusCode::OK, "{url}");
        assert_eq!(header(&r, "content-encoding"), Some("gzip"), "{url}");
        assert!(
            header(&r, "vary").is_some_and(|v| v.to_ascii_lowercase().contains("accept-encoding")),
            "{url}"
        );
        assert_eq!(
            header(&r, "cache-control"),
            Some("public, max-age=31536000, immutable")
        );
        assert!(header(&r, "content-security-policy").is_some());
        let gz = r.bytes().await.unwrap();
        let mut plain = Vec::new();
        flate2::read::GzDecoder::new(gz.as_ref())
            .read_to_end(&mut plain)
            .unwrap();
        assert_eq!(plain, expected, "{url}");
        if name == "style.css" {
            assert!(gz.len() * 2 < plain.len(), "the stylesheet shrinks");
        }
    }
}

#[tokio::test]
async fn a_wrong_or_unknown_hash_is_not_found() {
    let app = TestApp::spawn().await;
    let r = app.browser.get(app.url("/login")).send().await.unwrap();
    let html = r.text().await.unwrap();
    let css = attr(&html, "link[rel=stylesheet]", "href").unwrap();
    assert_eq!(get(&app, &css, "gzip").await.status(), StatusCode::OK);
    let (stem, _) = css.split_once('.').unwrap();
    for path in [
        format!("{stem}.0000000000.css"),
        format!("{stem}.deadbeef.css"),
        format!("{stem}..css"),
        css.replace(".css", ".js"),
        format!("{css}.gz"),
        "/static/nope.0123456789.css".to_string(),
        "/static/nope.css".to_string(),
    ] {
        let r = get(&app, &path, "gzip").await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND, "{path}");
    }
}

#[tokio::test]
async fn plain_names_still_work_and_revalidate_with_an_etag() {
    let app = TestApp::spawn().await;
    let r = get(&app, "/static/style.css", "identity").await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(header(&r, "cache-control"), Some("public, no-cache"));
    let etag = header(&r, "etag").unwrap().to_string();
    assert!(etag.starts_with("W/\""), "{etag}");
    let r = app
        .api
        .get(app.url("/static/style.css"))
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_MODIFIED);
    assert_eq!(header(&r, "etag"), Some(etag.as_str()));
    let r = app
        .api
        .get(app.url("/static/style.css"))
        .header("if-none-match", "W/\"0000000000\"")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
}

#[tokio::test]
async fn pages_are_not_compressed_even_when_asked() {
    let app = TestApp::spawn().await;
    for path in ["/login", "/nope"] {
        let r = get(&app, path, "gzip, br").await;
        assert!(
            header(&r, "content-type").unwrap().starts_with("text/html"),
            "{path}"
        );
        assert_eq!(header(&r, "content-encoding"), None, "{path}");
        assert_eq!(header(&r, "cache-control"), Some("no-store"), "{path}");
    }
}
