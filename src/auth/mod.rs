//! Credential checks: passwords and second factors, plus throttling.

pub mod passkey;
pub mod password;
pub mod recovery;
pub mod throttle;
pub mod totp;

use crate::db::{self, Db};
use crate::secrets::SecretBox;

/// Whether the user has enrolled any second factor.
pub async fn has_factor(db: &Db, user_id: i64) -> sqlx::Result<bool> {
    db::factors::has_any(db, user_id).await
}

/// Re-seals values sealed under a previous secret key with the current one,
/// so that the previous key can be dropped after one start. Without previous
/// keys only the signing keys are checked (a wrong key stops the start
/// here); the TOTP table, one row per user, is read only during a rotation.
pub async fn reseal_secrets(db: &Db, secrets: &SecretBox) -> anyhow::Result<()> {
    let unreadable = |e: crate::secrets::SealError| {
        anyhow::anyhow!(
            "{e}: start with the key that sealed it as secret_key, or list that key in \
             previous_secret_keys"
        )
    };
    for key in db::keys::all(db).await? {
        if secrets.is_stale(&key.private_jwk) {
            let plain = secrets.open(&key.private_jwk).map_err(unreadable)?;
            db::keys::set_private(db, &key.kid, &secrets.seal(&plain)?).await?;
        }
    }
    if !secrets.rotating() {
        return Ok(());
    }
    for t in db::factors::all_totp(db).await? {
        if secrets.is_stale(&t.secret) {
            let plain = secrets.open(&t.secret).map_err(unreadable)?;
            db::factors::reseal_totp(db, t.user_id, &secrets.seal(&plain)?).await?;
        }
    }
    Ok(())
}
