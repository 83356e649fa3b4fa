//! The files under `static/`, embedded in the binary so that Latchkey is one
//! file to deploy.
//!
//! Each file is also served under a content-hashed name
//! (`/static/style.3f2a1c9b04.css`), computed once at start from the
//! embedded bytes; pages link only to those names (through [`url`]), which
//! are cached for a year as `immutable`: a new build with a changed file
//! gets a new name, so browsers never keep a stale copy and never ask
//! again for an unchanged one. The plain names keep working for anything
//! outside the templates that links to them, with `no-cache` and an ETag,
//! so they are revalidated (a cheap 304) rather than kept stale after an
//! upgrade. A hashed name whose hash is not the current one is a 404.
//!
//! Only these assets are compressed (gzip, through tower-http). HTML pages
//! are not: they carry CSRF tokens and echo user input (a username, an
//! error), the mix a BREACH attack needs to read a secret from compressed
//! sizes.

use std::sync::LazyLock;

use axum::Router;
use axum::extract::Path;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use sha2::{Digest, Sha256};
use tower_http::compression::CompressionLayer;

use crate::app::AppState;

/// Name, content type, bytes. A CSS file may refer to files listed before
/// it with `url("name")`; those references are rewritten to hashed names.
const FILES: &[(&str, &str, &[u8])] = &[
    (
        "webauthn.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../static/webauthn.js"),
    ),
    (
        "pages.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../static/pages.js"),
    ),
    (
        "favicon.svg",
        "image/svg+xml",
        include_bytes!("../../static/favicon.svg"),
    ),
    (
        "passkey.svg",
        "image/svg+xml",
        include_bytes!("../../static/passkey.svg"),
    ),
    (
        "style.css",
        "text/css; charset=utf-8",
        include_bytes!("../../static/style.css"),
    ),
];

/// Hex digits of SHA-256 in a hashed name: 40 bits tell builds apart.
const HASH_LEN: usize = 10;

const IMMUTABLE: &str = "public, max-age=31536000, immutable";
const REVALIDATE: &str = "public, no-cache";

struct Asset {
    name: &'static str,
    /// `style.<hash>.css`.
    hashed: String,
    /// `/static/` plus the hashed name.
    url: String,
    mime: &'static str,
    bytes: Vec<u8>,
    /// Weak: the same validator covers the gzip and identity forms.
    etag: HeaderValue,
}

static ASSETS: LazyLock<Vec<Asset>> = LazyLock::new(build);

fn build() -> Vec<Asset> {
    let mut out: Vec<Asset> = Vec::with_capacity(FILES.len());
    for &(name, mime, raw) in FILES {
        let bytes = if mime.starts_with("text/css") {
            rewrite_css_urls(raw, &out)
        } else {
            raw.to_vec()
        };
        let hash = hex_prefix(&Sha256::digest(&bytes));
        let hashed = hashed_name(name, &hash);
        let url = format!("/static/{hashed}");
        // Hex digits and quotes only: always a valid header value.
        let etag = HeaderValue::from_str(&format!("W/\"{hash}\""))
            .unwrap_or_else(|_| HeaderValue::from_static("W/\"0\""));
        out.push(Asset {
            name,
            hashed,
            url,
            mime,
            bytes,
            etag,
        });
    }
    out
}

fn hex_prefix(digest: &[u8]) -> String {
    let mut s: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    s.truncate(HASH_LEN);
    s
}

/// `style.css` → `style.<hash>.css`.
fn hashed_name(name: &str, hash: &str) -> String {
    match name.rsplit_once('.') {
        Some((stem, ext)) => format!("{stem}.{hash}.{ext}"),
        None => format!("{name}.{hash}"),
    }
}

/// `url("passkey.svg")` → `url("/static/passkey.<hash>.svg")`, so a
/// stylesheet cached as immutable never points at a file that can change
/// under the same name.
fn rewrite_css_urls(raw: &[u8], earlier: &[Asset]) -> Vec<u8> {
    let mut css = String::from_utf8_lossy(raw).into_owned();
    for a in earlier {
        css = css.replace(
            &format!("url(\"{}\")", a.name),
            &format!("url(\"{}\")", a.url),
        );
    }
    css.into_bytes()
}

/// The URL pages link to for a file under `static/`: its hashed name.
/// Templates call it as `{{ crate::web::assets::url("style.css") }}`.
/// A name that is not embedded gives its plain path, which is a 404 (and
/// fails the tests that check every page's links).
pub fn url(name: &str) -> String {
    ASSETS
        .iter()
        .find(|a| a.name == name)
        .map_or_else(|| format!("/static/{name}"), |a| a.url.clone())
}

pub fn router() -> Router<AppState> {
    // Gzip only: the assets are text (CSS, JS, SVG) and gzip is what every
    // browser accepts; brotli would add a large codec to the build for a
    // few hundred bytes. The default predicate skips bodies under 32
    // bytes and raster images.
    Router::new()
        .route("/static/{file}", get(asset))
        .layer(CompressionLayer::new().gzip(true))
}

async fn asset(Path(file): Path<String>, headers: HeaderMap) -> Response {
    if let Some(a) = ASSETS.iter().find(|a| a.hashed == file) {
        return respond(a, IMMUTABLE);
    }
    let Some(a) = ASSETS.iter().find(|a| a.name == file) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    if not_modified(&headers, &a.etag) {
        let mut resp = StatusCode::NOT_MODIFIED.into_response();
        let h = resp.headers_mut();
        h.insert(header::ETAG, a.etag.clone());
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static(REVALIDATE));
        return resp;
    }
    let mut resp = respond(a, REVALIDATE);
    resp.headers_mut().insert(header::ETAG, a.etag.clone());
    resp
}

fn respond(a: &'static Asset, cache: &'static str) -> Response {
    let mut resp = a.bytes.as_slice().into_response();
    let h = resp.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(a.mime));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    resp
}

/// RFC 9110 13.1.2: If-None-Match uses the weak comparison, so `W/"x"` and
/// `"x"` both match; `*` matches any current representation.
fn not_modified(headers: &HeaderMap, etag: &HeaderValue) -> bool {
    let ours = strip_weak(etag.as_bytes());
    headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .flat_map(|v| v.as_bytes().split(|&b| b == b','))
        .map(<[u8]>::trim_ascii)
        .any(|tag| tag == b"*" || strip_weak(tag) == ours)
}

fn strip_weak(tag: &[u8]) -> &[u8] {
    tag.strip_prefix(b"W/").unwrap_or(tag)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_has_a_distinct_hashed_url() {
        let urls: std::collections::HashSet<&str> = ASSETS.iter().map(|a| a.url.as_str()).collect();
        assert_eq!(urls.len(), FILES.len());
        for a in ASSETS.iter() {
            let (stem, ext) = a.name.rsplit_once('.').unwrap();
            let rest = a.url.strip_prefix("/static/").unwrap();
            let hash = rest
                .strip_prefix(&format!("{stem}."))
                .and_then(|r| r.strip_suffix(&format!(".{ext}")))
                .unwrap();
            assert_eq!(hash.len(), HASH_LEN);
            assert!(hash.bytes().all(|b| b.is_ascii_hexdigit()));
            assert_eq!(url(a.name), a.url);
        }
    }

    #[test]
    fn the_stylesheet_links_to_hashed_images() {
        let css = ASSETS.iter().find(|a| a.name == "style.css").unwrap();
        let css = std::str::from_utf8(&css.bytes).unwrap();
        assert!(!css.contains("url(\"passkey.svg\")"));
        assert!(css.contains(&format!("url(\"{}\")", url("passkey.svg"))));
    }

    #[test]
    fn if_none_match_uses_weak_comparison() {
        let etag = HeaderValue::from_static("W/\"abc\"");
        let mut h = HeaderMap::new();
        assert!(!not_modified(&h, &etag));
        h.insert(
            header::IF_NONE_MATCH,
            HeaderValue::from_static("\"x\", \"abc\""),
        );
        assert!(not_modified(&h, &etag));
        h.insert(header::IF_NONE_MATCH, HeaderValue::from_static("W/\"abd\""));
        assert!(!not_modified(&h, &etag));
        h.insert(header::IF_NONE_MATCH, HeaderValue::from_static("*"));
        assert!(not_modified(&h, &etag));
    }
}
