//! Branding from the configuration: the product name pages show, a logo,
//! a favicon and an accent colour. Read once at start; served under
//! content-hashed URLs as `immutable`, like the embedded assets.

use std::path::Path;
use std::sync::Arc;

use axum::Router;
use axum::extract::{Path as UrlPath, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use sha2::{Digest, Sha256};

use crate::app::AppState;
use crate::config::BrandingConfig;

/// Image files larger than this are refused at start: a logo is small.
pub const MAX_IMAGE_BYTES: u64 = 512 * 1024;

/// WCAG 2.x AA for normal text (1.4.3): the accent is the background of
/// the primary buttons, whose text is white.
pub const MIN_CONTRAST: f64 = 4.5;

/// What the pages need of the branding, ready to serve.
#[derive(Debug, Default)]
pub struct Branding {
    pub name: Arc<str>,
    pub logo: Option<File>,
    pub favicon: Option<File>,
    /// A stylesheet that sets the accent colour, when one is configured.
    pub css: Option<File>,
}

#[derive(Debug)]
pub struct File {
    /// `/branding/logo.<hash>.png`.
    pub url: String,
    name: String,
    mime: &'static str,
    bytes: Vec<u8>,
}

impl File {
    fn new(stem: &str, ext: &str, mime: &'static str, bytes: Vec<u8>) -> Self {
        let hash: String = Sha256::digest(&bytes)
            .iter()
            .take(5)
            .map(|b| format!("{b:02x}"))
            .collect();
        let name = format!("{stem}.{hash}.{ext}");
        File {
            url: format!("/branding/{name}"),
            name,
            mime,
            bytes,
        }
    }
}

/// An image's content type from its extension, if Latchkey serves that kind.
pub fn image_type(path: &Path) -> Option<(&'static str, &'static str)> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    Some(match ext.as_str() {
        "svg" => ("svg", "image/svg+xml"),
        "png" => ("png", "image/png"),
        "jpg" | "jpeg" => ("jpg", "image/jpeg"),
        "webp" => ("webp", "image/webp"),
        "ico" => ("ico", "image/x-icon"),
        _ => return None,
    })
}

impl Branding {
    /// Reads the configured files. The configuration was validated: the
    /// errors left are the file system's.
    pub fn load(config: &BrandingConfig) -> anyhow::Result<Self> {
        let image = |key: &str,
                     stem: &str,
                     path: &Option<std::path::PathBuf>|
         -> anyhow::Result<Option<File>> {
            let Some(path) = path else {
                return Ok(None);
            };
            let (ext, mime) = image_type(path).ok_or_else(|| {
                anyhow::anyhow!(
                    "branding.{key}: {} is not an SVG, PNG, JPEG, WebP or ICO file",
                    path.display()
                )
            })?;
            let bytes = std::fs::read(path).map_err(|e| {
                anyhow::anyhow!("branding.{key}: cannot read {}: {e}", path.display())
            })?;
            if bytes.len() as u64 > MAX_IMAGE_BYTES {
                anyhow::bail!(
                    "branding.{key}: {} is {} KiB; at most {} KiB",
                    path.display(),
                    bytes.len() / 1024,
                    MAX_IMAGE_BYTES / 1024
                );
            }
            Ok(Some(File::new(stem, ext, mime, bytes)))
        };
        let css = config.accent.as_deref().and_then(parse_hex).map(|accent| {
            File::new(
                "accent",
                "css",
                "text/css; charset=utf-8",
                accent_css(accent).into_bytes(),
            )
        });
        Ok(Branding {
            name: Arc::from(config.name.as_str()),
            logo: image("logo", "logo", &config.logo)?,
            favicon: image("favicon", "favicon", &config.favicon)?,
            css,
        })
    }
}

/// `#rrggbb` (or `#rgb`) as red, green and blue.
pub fn parse_hex(s: &str) -> Option<[u8; 3]> {
    let hex = s.strip_prefix('#')?;
    if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let full: String = match hex.len() {
        3 => hex.chars().flat_map(|c| [c, c]).collect(),
        6 => hex.to_string(),
        _ => return None,
    };
    let byte = |i: usize| u8::from_str_radix(&full[i..i + 2], 16).ok();
    Some([byte(0)?, byte(2)?, byte(4)?])
}

/// WCAG 2.x relative luminance.
fn luminance(c: [u8; 3]) -> f64 {
    let channel = |v: u8| {
        let s = f64::from(v) / 255.0;
        if s <= 0.04045 {
            s / 12.92
        } else {
            ((s + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(c[0]) + 0.7152 * channel(c[1]) + 0.0722 * channel(c[2])
}

/// The WCAG contrast ratio of two colours, from 1 to 21.
pub fn contrast(a: [u8; 3], b: [u8; 3]) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

/// A colour `amount` (0 to 1) of the way to black, for hover and active.
fn darker(c: [u8; 3], amount: f64) -> String {
    let d = |v: u8| (f64::from(v) * (1.0 - amount)).round() as u8;
    format!("#{:02x}{:02x}{:02x}", d(c[0]), d(c[1]), d(c[2]))
}

fn accent_css(c: [u8; 3]) -> String {
    let base = format!("#{:02x}{:02x}{:02x}", c[0], c[1], c[2]);
    let vars = format!(
        "--accent: {base}; --accent-hover: {}; --accent-active: {}; --focus: {base}; --on-accent: #ffffff;",
        darker(c, 0.12),
        darker(c, 0.24)
    );
    // Both themes: the button text stays white, which the check at start
    // holds the colour to.
    format!(
        "/* Latchkey branding: the configured accent colour. */\n:root {{ {vars} }}\n\
         @media (prefers-color-scheme: dark) {{ :root {{ {vars} }} }}\n"
    )
}

pub fn router() -> Router<AppState> {
    Router::new().route("/branding/{file}", get(serve))
}

async fn serve(State(state): State<AppState>, UrlPath(file): UrlPath<String>) -> Response {
    let b = &state.branding;
    let Some(f) = [&b.logo, &b.favicon, &b.css]
        .into_iter()
        .flatten()
        .find(|f| f.name == file)
    else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let mut resp = f.bytes.clone().into_response();
    let h = resp.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(f.mime));
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=31536000, immutable"),
    );
    // An SVG logo is shown as an image, never as a document that could
    // run script on this origin.
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'none'; style-src 'unsafe-inline'; sandbox"),
    );
    resp
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_follows_wcag() {
        let white = [255, 255, 255];
        assert!((contrast([0, 0, 0], white) - 21.0).abs() < 0.01);
        // The default accent passes; a yellow does not.
        assert!(contrast(parse_hex("#4338ca").unwrap(), white) >= MIN_CONTRAST);
        assert!(contrast(parse_hex("#ffcc00").unwrap(), white) < MIN_CONTRAST);
        assert_eq!(parse_hex("#abc"), Some([0xaa, 0xbb, 0xcc]));
        for bad in ["4338ca", "#4338c", "#zzzzzz", "#4338ca00", ""] {
            assert_eq!(parse_hex(bad), None, "{bad}");
        }
    }
}
