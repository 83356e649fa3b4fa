//! WebAuthn (webauthn-rs): the relying party built from the config, and the
//! user handle derived from the user's opaque subject.

use sha2::{Digest, Sha256};
use url::Url;
use webauthn_rs::prelude::{Uuid, Webauthn, WebauthnBuilder};

use crate::config::Config;

/// RP ID and origin default to the issuer's host and origin.
pub fn build(config: &Config) -> anyhow::Result<Webauthn> {
    let issuer = Url::parse(&config.issuer)?;
    let origin = match &config.webauthn.origin {
        Some(o) => Url::parse(o)?,
        None => Url::parse(&issuer.origin().ascii_serialization())?,
    };
    let rp_id = match &config.webauthn.rp_id {
        Some(id) => id.clone(),
        None => issuer
            .host_str()
            .ok_or_else(|| anyhow::anyhow!("the issuer has no host"))?
            .to_string(),
    };
    Ok(WebauthnBuilder::new(&rp_id, &origin)?
        .rp_name("Latchkey")
        .build()?)
}

/// The WebAuthn user handle: stable, opaque, not the username.
pub fn user_handle(subject: &str) -> Uuid {
    let d = Sha256::digest(subject.as_bytes());
    let mut b = [0u8; 16];
    b.copy_from_slice(&d[..16]);
    Uuid::from_bytes(b)
}
