//! The signing keys: generated on first start, kept in the database, cached
//! in memory as ready signers and a pre-rendered JWKS. Rotation (possibly by
//! the CLI in another process) is noticed within [`RELOAD_EVERY`].

use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use josekit::JoseError;
use josekit::jwk::alg::ed::EdCurve;
use josekit::jwk::{Jwk, JwkSet, KeyPair};
use josekit::jws::{ES256, EdDSA, JwsAlgorithm, JwsHeader, JwsSigner, JwsVerifier, RS256};
use josekit::jwt::{self, JwtPayload};
use serde_json::{Map, Value};

use crate::db::{self, Db, keys::KeyRow};
use crate::secrets::{SealError, SecretBox};

const RELOAD_EVERY: Duration = Duration::from_secs(5);

/// A JWS algorithm Latchkey signs id_tokens with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Alg {
    RS256,
    ES256,
    EdDSA,
}

impl Alg {
    pub const ALL: [Alg; 3] = [Alg::RS256, Alg::ES256, Alg::EdDSA];

    pub fn as_str(self) -> &'static str {
        match self {
            Alg::RS256 => "RS256",
            Alg::ES256 => "ES256",
            Alg::EdDSA => "EdDSA",
        }
    }

    pub fn parse(s: &str) -> Option<Alg> {
        Alg::ALL.into_iter().find(|a| a.as_str() == s)
    }
}

struct Loaded {
    version: (i64, i64),
    /// Unix time at which a waiting new key may start to sign
    /// ([`choose_signer`]): the ring reloads then. `i64::MAX` when none waits.
    recheck_at: i64,
    signers: HashMap<Alg, (String, Box<dyn JwsSigner>)>,
    verifiers: HashMap<String, Box<dyn JwsVerifier>>,
    jwks: Bytes,
}

pub struct KeyRing {
    db: Db,
    secrets: Arc<SecretBox>,
    /// Retired public keys stay published this long (the id_token lifetime).
    grace_seconds: i64,
    loaded: RwLock<(Arc<Loaded>, Instant)>,
    /// Set by [`KeyRing::invalidate`]: the next use reloads whatever the
    /// fingerprint says.
    stale: std::sync::atomic::AtomicBool,
}

#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("database: {0}")]
    Db(#[from] sqlx::Error),
    #[error("key material: {0}")]
    Jose(#[from] josekit::JoseError),
    #[error("no active {0} key")]
    Missing(&'static str),
    #[error(transparent)]
    Seal(#[from] SealError),
}

impl KeyRing {
    /// Loads the keys, generating any missing algorithm's key first.
    pub async fn load(
        db: Db,
        grace_seconds: i64,
        secrets: Arc<SecretBox>,
    ) -> Result<Self, KeyError> {
        let have: Vec<String> = db::keys::published(&db, i64::MAX)
            .await?
            .into_iter()
            .map(|k| k.alg)
            .collect();
        for alg in Alg::ALL {
            if !have.iter().any(|a| a == alg.as_str()) {
                // Instances starting together on an empty database: one
                // key gets in, and the others load it.
                db::keys::insert_first(&db, &generate(alg, &secrets)?).await?;
            }
        }
        let loaded = load_from_db(&db, grace_seconds, &secrets).await?;
        Ok(Self {
            db,
            secrets,
            grace_seconds,
            loaded: RwLock::new((Arc::new(loaded), Instant::now())),
            stale: std::sync::atomic::AtomicBool::new(false),
        })
    }

    async fn current(&self) -> Result<Arc<Loaded>, KeyError> {
        let (loaded, at) = {
            let guard = self.loaded.read().unwrap_or_else(|p| p.into_inner());
            (guard.0.clone(), guard.1)
        };
        let forced = self.stale.swap(false, std::sync::atomic::Ordering::SeqCst);
        if at.elapsed() < RELOAD_EVERY && !forced {
            return Ok(loaded);
        }
        let version = db::keys::version(&self.db).await?;
        let fresh = if version == loaded.version && db::now() < loaded.recheck_at && !forced {
            loaded
        } else {
            Arc::new(load_from_db(&self.db, self.grace_seconds, &self.secrets).await?)
        };
        *self.loaded.write().unwrap_or_else(|p| p.into_inner()) = (fresh.clone(), Instant::now());
        Ok(fresh)
    }

    /// Forces the next use to reload (after an in-process rotation).
    pub fn invalidate(&self) {
        self.stale.store(true, std::sync::atomic::Ordering::SeqCst);
    }

    /// The JWKS document: public keys only.
    pub async fn jwks(&self) -> Result<Bytes, KeyError> {
        Ok(self.current().await?.jwks.clone())
    }

    /// Signs a JWT with the active key of `alg`, `kid` in the header.
    pub async fn sign(&self, alg: Alg, claims: Map<String, Value>) -> Result<String, KeyError> {
        let loaded = self.current().await?;
        let (kid, signer) = loaded
            .signers
            .get(&alg)
            .ok_or(KeyError::Missing(alg.as_str()))?;
        let mut header = JwsHeader::new();
        header.set_token_type("JWT");
        header.set_key_id(kid);
        let payload = JwtPayload::from_map(claims)?;
        let timed = Timed {
            alg,
            inner: signer.as_ref(),
        };
        Ok(jwt::encode_with_signer(&payload, &header, &timed)?)
    }

    /// Verifies a JWT we signed (any published key) and returns its claims.
    /// Time claims are not checked here; callers decide (an expired
    /// id_token_hint is still a valid hint, OIDC Core 3.1.2.1).
    pub async fn verify(&self, token: &str) -> Option<Map<String, Value>> {
        let loaded = self.current().await.ok()?;
        let header = jwt::decode_header(token).ok()?;
        let kid = header.claim("kid")?.as_str()?;
        let verifier = loaded.verifiers.get(kid)?;
        if header.claim("alg")?.as_str()? != verifier.algorithm().name() {
            return None;
        }
        let (payload, _) = jwt::decode_with_verifier(token, verifier.as_ref()).ok()?;
        Some(payload.claims_set().clone())
    }
}

/// A signer that counts the CPU time of the signature itself (not of the
/// JSON and base64 around it) in `/metrics`: the floor under every token
/// answer, measured where it is spent.
#[derive(Debug)]
struct Timed<'a> {
    alg: Alg,
    inner: &'a dyn JwsSigner,
}

impl JwsSigner for Timed<'_> {
    fn algorithm(&self) -> &dyn JwsAlgorithm {
        self.inner.algorithm()
    }

    fn key_id(&self) -> Option<&str> {
        self.inner.key_id()
    }

    fn signature_len(&self) -> usize {
        self.inner.signature_len()
    }

    fn sign(&self, message: &[u8]) -> Result<Vec<u8>, JoseError> {
        let start = crate::metrics::thread_cpu();
        let signature = self.inner.sign(message);
        let cpu = crate::metrics::thread_cpu().saturating_sub(start);
        crate::metrics::signature(self.alg.as_str(), cpu);
        signature
    }

    /// A clone signs untimed: josekit does not clone to encode.
    fn box_clone(&self) -> Box<dyn JwsSigner> {
        self.inner.box_clone()
    }
}

/// Adds a fresh key for `alg`; the previous one is retired but stays published.
pub async fn rotate(db: &Db, secrets: &SecretBox, alg: Alg) -> Result<String, KeyError> {
    let row = generate(alg, secrets)?;
    let kid = row.kid.clone();
    let mut tx = crate::db::begin_write(db).await?;
    db::keys::replace_active(&mut tx, &row).await?;
    tx.commit().await?;
    Ok(kid)
}

/// How long a new key is published before it signs: every instance
/// reloads within [`RELOAD_EVERY`], so by then each one's JWKS lists it,
/// and no relying party sees a `kid` that another instance does not yet
/// publish.
pub const PUBLISH_BEFORE_SIGNING: i64 = 2 * RELOAD_EVERY.as_secs() as i64;

/// Which key of one algorithm signs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignWith<'a> {
    /// The active key.
    Active(&'a str),
    /// The previous key, until `until` (unix seconds), while the new
    /// active key is being published.
    Previous { kid: &'a str, until: i64 },
}

/// The active key once it has been published for
/// [`PUBLISH_BEFORE_SIGNING`]; the newest retired (still published) key
/// before that; the active key at once when there is no other (a first
/// start). `rows` are one algorithm's published keys.
pub fn choose_signer<'a>(rows: &[&'a KeyRow], now: i64) -> Option<SignWith<'a>> {
    let active = rows
        .iter()
        .filter(|r| r.retired_at.is_none())
        .max_by_key(|r| (r.created_at, r.kid.as_str()))?;
    let ready_at = active.created_at.saturating_add(PUBLISH_BEFORE_SIGNING);
    let previous = rows
        .iter()
        .filter(|r| r.retired_at.is_some())
        .max_by_key(|r| (r.created_at, r.kid.as_str()));
    match previous {
        Some(p) if now < ready_at => Some(SignWith::Previous {
            kid: &p.kid,
            until: ready_at,
        }),
        _ => Some(SignWith::Active(&active.kid)),
    }
}

fn generate(alg: Alg, secrets: &SecretBox) -> Result<KeyRow, KeyError> {
    let (mut private, mut public) = match alg {
        Alg::RS256 => {
            let kp = RS256.generate_key_pair(2048)?;
            (kp.to_jwk_key_pair(), kp.to_jwk_public_key())
        }
        Alg::ES256 => {
            let kp = ES256.generate_key_pair()?;
            (kp.to_jwk_key_pair(), kp.to_jwk_public_key())
        }
        Alg::EdDSA => {
            let kp = EdDSA.generate_key_pair(EdCurve::Ed25519)?;
            (kp.to_jwk_key_pair(), kp.to_jwk_public_key())
        }
    };
    let kid = crate::crypto::b64url(&crate::crypto::random_bytes::<12>());
    for jwk in [&mut private, &mut public] {
        jwk.set_key_id(&kid);
        jwk.set_algorithm(alg.as_str());
        jwk.set_key_use("sig");
    }
    Ok(KeyRow {
        kid,
        alg: alg.as_str().to_string(),
        private_jwk: secrets.seal(&private.to_string())?,
        public_jwk: public.to_string(),
        created_at: db::now(),
        retired_at: None,
    })
}

async fn load_from_db(
    db: &Db,
    grace_seconds: i64,
    secrets: &SecretBox,
) -> Result<Loaded, KeyError> {
    let version = db::keys::version(db).await?;
    let rows = db::keys::published(db, db::now() - grace_seconds).await?;
    let now = db::now();
    let mut signers = HashMap::new();
    let mut verifiers = HashMap::new();
    let mut set = JwkSet::new();
    let mut recheck_at = i64::MAX;
    let mut sign_with: HashMap<Alg, String> = HashMap::new();
    for alg in Alg::ALL {
        let of_alg: Vec<&KeyRow> = rows.iter().filter(|r| r.alg == alg.as_str()).collect();
        match choose_signer(&of_alg, now) {
            Some(SignWith::Active(kid)) => {
                sign_with.insert(alg, kid.to_string());
            }
            Some(SignWith::Previous { kid, until }) => {
                sign_with.insert(alg, kid.to_string());
                recheck_at = recheck_at.min(until);
            }
            None => {}
        }
    }
    for row in rows {
        let Some(alg) = Alg::parse(&row.alg) else {
            continue;
        };
        let public = Jwk::from_bytes(row.public_jwk.as_bytes())?;
        let verifier: Box<dyn JwsVerifier> = match alg {
            Alg::RS256 => Box::new(RS256.verifier_from_jwk(&public)?),
            Alg::ES256 => Box::new(ES256.verifier_from_jwk(&public)?),
            Alg::EdDSA => Box::new(EdDSA.verifier_from_jwk(&public)?),
        };
        verifiers.insert(row.kid.clone(), verifier);
        if sign_with.get(&alg) == Some(&row.kid) && !signers.contains_key(&alg) {
            let private = Jwk::from_bytes(secrets.open(&row.private_jwk)?.as_bytes())?;
            let signer: Box<dyn JwsSigner> = match alg {
                Alg::RS256 => Box::new(RS256.signer_from_jwk(&private)?),
                Alg::ES256 => Box::new(ES256.signer_from_jwk(&private)?),
                Alg::EdDSA => Box::new(EdDSA.signer_from_jwk(&private)?),
            };
            signers.insert(alg, (row.kid.clone(), signer));
        }
        set.push_key(public);
    }
    Ok(Loaded {
        version,
        recheck_at,
        signers,
        verifiers,
        jwks: Bytes::from(set.to_string()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(kid: &str, created_at: i64, retired_at: Option<i64>) -> KeyRow {
        KeyRow {
            kid: kid.into(),
            alg: "RS256".into(),
            private_jwk: String::new(),
            public_jwk: String::new(),
            created_at,
            retired_at,
        }
    }

    #[test]
    fn a_new_key_signs_only_once_every_instance_publishes_it() {
        let old = key("old", 100, Some(1000));
        let new = key("new", 1000, None);
        let rows = [&new, &old];
        assert_eq!(
            choose_signer(&rows, 1000),
            Some(SignWith::Previous {
                kid: "old",
                until: 1000 + PUBLISH_BEFORE_SIGNING
            })
        );
        assert_eq!(
            choose_signer(&rows, 1000 + PUBLISH_BEFORE_SIGNING - 1),
            Some(SignWith::Previous {
                kid: "old",
                until: 1000 + PUBLISH_BEFORE_SIGNING
            })
        );
        assert_eq!(
            choose_signer(&rows, 1000 + PUBLISH_BEFORE_SIGNING),
            Some(SignWith::Active("new"))
        );
    }

    #[test]
    fn a_first_key_signs_at_once_and_no_key_signs_nothing() {
        let only = key("only", 1000, None);
        assert_eq!(
            choose_signer(&[&only], 1000),
            Some(SignWith::Active("only"))
        );
        let retired = key("gone", 10, Some(20));
        assert_eq!(choose_signer(&[&retired], 1000), None);
        assert_eq!(choose_signer(&[], 1000), None);
    }
}
