//! The signing keys: generated on first start, kept in the database, cached
//! in memory as ready signers and a pre-rendered JWKS. Rotation (possibly by
//! the CLI in another process) is noticed within [`RELOAD_EVERY`].

use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use josekit::jwk::alg::ed::EdCurve;
use josekit::jwk::{Jwk, JwkSet, KeyPair};
use josekit::jws::{ES256, EdDSA, JwsHeader, JwsSigner, JwsVerifier, RS256};
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
                rotate(&db, &secrets, alg).await?;
            }
        }
        let loaded = load_from_db(&db, grace_seconds, &secrets).await?;
        Ok(Self {
            db,
            secrets,
            grace_seconds,
            loaded: RwLock::new((Arc::new(loaded), Instant::now())),
        })
    }

    async fn current(&self) -> Result<Arc<Loaded>, KeyError> {
        let (loaded, at) = {
            let guard = self.loaded.read().unwrap_or_else(|p| p.into_inner());
            (guard.0.clone(), guard.1)
        };
        if at.elapsed() < RELOAD_EVERY {
            return Ok(loaded);
        }
        let version = db::keys::version(&self.db).await?;
        let fresh = if version == loaded.version {
            loaded
        } else {
            Arc::new(load_from_db(&self.db, self.grace_seconds, &self.secrets).await?)
        };
        *self.loaded.write().unwrap_or_else(|p| p.into_inner()) = (fresh.clone(), Instant::now());
        Ok(fresh)
    }

    /// Forces the next use to reload (after an in-process rotation).
    pub fn invalidate(&self) {
        let mut guard = self.loaded.write().unwrap_or_else(|p| p.into_inner());
        guard.1 = Instant::now() - RELOAD_EVERY;
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
        Ok(jwt::encode_with_signer(&payload, &header, signer.as_ref())?)
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

/// Adds a fresh key for `alg`; the previous one is retired but stays published.
pub async fn rotate(db: &Db, secrets: &SecretBox, alg: Alg) -> Result<String, KeyError> {
    let row = generate(alg, secrets)?;
    let kid = row.kid.clone();
    let mut tx = crate::db::begin_write(db).await?;
    db::keys::replace_active(&mut tx, &row).await?;
    tx.commit().await?;
    Ok(kid)
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
    let mut signers = HashMap::new();
    let mut verifiers = HashMap::new();
    let mut set = JwkSet::new();
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
        if row.retired_at.is_none() && !signers.contains_key(&alg) {
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
        signers,
        verifiers,
        jwks: Bytes::from(set.to_string()),
    })
}
