//! TOTP (RFC 6238) with totp-rs: SHA1, 6 digits, 30 s steps, so that every
//! authenticator app works; ±1 step of skew; each step accepted once.

use base64::Engine;
use totp_rs::{Builder, Secret, Totp};

use crate::app::AppState;
use crate::db;

const ISSUER: &str = "Latchkey";

/// A fresh random secret (160 bits), base32.
pub fn new_secret() -> String {
    Secret::generate().to_base32()
}

fn build(secret_b32: &str, account: &str) -> Option<Totp> {
    Builder::new()
        .with_secret(Secret::try_from_base32(secret_b32).ok()?)
        .with_account_name(account)
        .with_issuer(Some(ISSUER))
        .build()
        .ok()
}

/// The `otpauth://` URI an authenticator app imports.
pub fn otpauth_uri(secret_b32: &str, account: &str) -> Option<String> {
    build(secret_b32, account)?.to_url().ok()
}

/// The QR code of the otpauth URI as an SVG data URI, rendered here (no
/// third party ever sees the secret).
pub fn qr_data_uri(secret_b32: &str, account: &str) -> Option<String> {
    let uri = otpauth_uri(secret_b32, account)?;
    let qr = qrcodegen::QrCode::encode_text(&uri, qrcodegen::QrCodeEcc::Medium).ok()?;
    Some(format!(
        "data:image/svg+xml;base64,{}",
        base64::engine::general_purpose::STANDARD.encode(qr_svg(&qr))
    ))
}

/// Dark modules as one path, with the 4-module quiet zone the spec asks for.
fn qr_svg(qr: &qrcodegen::QrCode) -> String {
    const BORDER: i32 = 4;
    let size = qr.size();
    let mut path = String::new();
    for y in 0..size {
        for x in 0..size {
            if qr.get_module(x, y) {
                path.push_str(&format!("M{} {}h1v1h-1z", x + BORDER, y + BORDER));
            }
        }
    }
    let dim = size + 2 * BORDER;
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {dim} {dim}\" \
         shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\
         <path d=\"{path}\" fill=\"#000\"/></svg>"
    )
}

/// The matching time step for `code` at `unix_time`, if any.
pub fn check(secret_b32: &str, code: &str, unix_time: u64) -> Option<i64> {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    build(secret_b32, "x")?
        .check(&code, unix_time)
        .and_then(|s| i64::try_from(s).ok())
}

/// Verifies the user's TOTP code at `unix_time`, refusing a step that was
/// already used (RFC 6238 5.2).
pub async fn verify(
    state: &AppState,
    user_id: i64,
    code: &str,
    unix_time: u64,
) -> anyhow::Result<bool> {
    let Some(row) = db::factors::totp(&state.db, user_id).await? else {
        return Ok(false);
    };
    let secret = state.secrets.open(&row.secret)?;
    let Some(step) = check(&secret, code, unix_time) else {
        return Ok(false);
    };
    Ok(db::factors::use_totp_step(&state.db, user_id, step).await?)
}

/// Now, as TOTP counts it.
pub fn now() -> u64 {
    u64::try_from(db::now()).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qr_code_is_an_svg_of_the_otpauth_uri() {
        let secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
        let uri = otpauth_uri(secret, "alice").unwrap();
        let qr = qrcodegen::QrCode::encode_text(&uri, qrcodegen::QrCodeEcc::Medium).unwrap();
        let data = qr_data_uri(secret, "alice").unwrap();
        let b64 = data.strip_prefix("data:image/svg+xml;base64,").unwrap();
        let svg = String::from_utf8(
            base64::engine::general_purpose::STANDARD
                .decode(b64)
                .unwrap(),
        )
        .unwrap();
        let dim = qr.size() + 8;
        assert!(svg.contains(&format!("viewBox=\"0 0 {dim} {dim}\"")));
        let dark = (0..qr.size())
            .flat_map(|y| (0..qr.size()).map(move |x| (x, y)))
            .filter(|&(x, y)| qr.get_module(x, y))
            .count();
        assert_eq!(svg.matches("h1v1h-1z").count(), dark);
    }

    // RFC 6238 appendix B secret ("12345678901234567890"), SHA1.
    const SECRET: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    #[test]
    fn rfc6238_vector_and_skew() {
        // T = 59 s: 94287082 (8 digits); the 6-digit code is its last six.
        assert_eq!(check(SECRET, "287082", 59), Some(1));
        // ±1 step of skew.
        assert_eq!(check(SECRET, "287082", 59 + 30), Some(1));
        assert_eq!(check(SECRET, "287082", 59 + 60), None);
        assert_eq!(check(SECRET, "287 082", 59), Some(1));
        assert_eq!(check(SECRET, "000000", 59), None);
        assert_eq!(check(SECRET, "abcdef", 59), None);
        assert!(
            otpauth_uri(SECRET, "alice")
                .is_some_and(|u| u.starts_with("otpauth://totp/Latchkey:alice?"))
        );
    }
}
