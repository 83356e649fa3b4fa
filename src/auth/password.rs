//! argon2id hashing and verification on a fixed pool of one thread per
//! core: logins queue instead of exhausting memory. Each thread verifies in
//! one memory buffer of its own, allocated at its first login and reused,
//! so memory is bounded by cores × m_cost and a login never waits for 19 MiB
//! to be mapped and zeroed.

use std::sync::mpsc;
use std::sync::{Arc, Mutex, OnceLock};

use argon2::password_hash::phc::PasswordHash;
use argon2::{Algorithm, Argon2, Block, Params, PasswordHasher as _, Version};

use crate::config::PasswordPolicy;

type Job = Box<dyn FnOnce() + Send>;

#[derive(Clone)]
pub struct Passwords {
    params: Params,
    workers: mpsc::Sender<Job>,
    policy: PasswordPolicy,
    /// A hash of nothing, verified against for unknown users so that they
    /// take as long as known ones.
    dummy: Arc<OnceLock<String>>,
}

#[derive(Debug, thiserror::Error)]
pub enum PasswordError {
    #[error("password hashing failed: {0}")]
    Hash(String),
    #[error("the hashing task failed")]
    Join,
}

impl Passwords {
    pub fn new(policy: &PasswordPolicy) -> Result<Self, PasswordError> {
        let params = Params::new(policy.argon2_memory_kib, policy.argon2_iterations, 1, None)
            .map_err(|e| PasswordError::Hash(e.to_string()))?;
        let cores = std::thread::available_parallelism().map_or(1, usize::from);
        let (tx, rx) = mpsc::channel::<Job>();
        let rx = Arc::new(Mutex::new(rx));
        for i in 0..cores {
            let rx = rx.clone();
            std::thread::Builder::new()
                .name(format!("argon2-{i}"))
                .spawn(move || {
                    loop {
                        let job = rx.lock().unwrap_or_else(|p| p.into_inner()).recv();
                        match job {
                            Ok(job) => job(),
                            Err(_) => break, // every sender is gone
                        }
                    }
                })
                .map_err(|e| PasswordError::Hash(format!("cannot start hashing threads: {e}")))?;
        }
        Ok(Self {
            params,
            workers: tx,
            policy: policy.clone(),
            dummy: Arc::new(OnceLock::new()),
        })
    }

    fn argon2(&self) -> Argon2<'static> {
        Argon2::new(Algorithm::Argon2id, Version::V0x13, self.params.clone())
    }

    /// Checks a new password against the policy; the message is for the user.
    pub fn check_policy(&self, password: &str) -> Result<(), String> {
        let n = password.chars().count();
        if n < self.policy.min_length {
            return Err(format!(
                "The password must have at least {} characters.",
                self.policy.min_length
            ));
        }
        if n > self.policy.max_length {
            return Err(format!(
                "The password must have at most {} characters.",
                self.policy.max_length
            ));
        }
        Ok(())
    }

    pub async fn hash(&self, password: &str) -> Result<String, PasswordError> {
        let argon2 = self.argon2();
        let password = password.to_owned();
        self.run(move || {
            argon2
                .hash_password(password.as_bytes())
                .map(|h| h.to_string())
                .map_err(|e| PasswordError::Hash(e.to_string()))
        })
        .await?
    }

    /// Verifies `password` against `phc`; with `None` (unknown user, or no
    /// password set) it spends the same time and returns false.
    pub async fn verify(&self, password: &str, phc: Option<&str>) -> Result<bool, PasswordError> {
        let phc = match phc {
            Some(p) => p.to_owned(),
            None => self.dummy_hash().await?,
        };
        let known = phc_is_real(&phc, &self.dummy);
        let password = password.to_owned();
        let ok = self
            .run(move || MEMORY.with_borrow_mut(|m| verify_in(m, password.as_bytes(), &phc)))
            .await?;
        Ok(ok && known)
    }

    async fn dummy_hash(&self) -> Result<String, PasswordError> {
        if let Some(d) = self.dummy.get() {
            return Ok(d.clone());
        }
        let h = self.hash("latchkey-dummy-password").await?;
        Ok(self.dummy.get_or_init(|| h).clone())
    }

    async fn run<T: Send + 'static>(
        &self,
        f: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, PasswordError> {
        let (tx, rx) = tokio::sync::oneshot::channel();
        self.workers
            .send(Box::new(move || {
                let _ = tx.send(f());
            }))
            .map_err(|_| PasswordError::Join)?;
        rx.await.map_err(|_| PasswordError::Join)
    }
}

thread_local! {
    /// The argon2 working memory of this hashing thread.
    static MEMORY: std::cell::RefCell<Vec<Block>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Recomputes the hash in `phc` (with its own algorithm, version, params and
/// salt) inside `memory`, and compares the output in constant time.
fn verify_in(memory: &mut Vec<Block>, password: &[u8], phc: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(phc) else {
        return false;
    };
    let (Some(salt), Some(expected)) = (&parsed.salt, &parsed.hash) else {
        return false;
    };
    let (Ok(params), Ok(algorithm)) = (
        Params::try_from(&parsed),
        Algorithm::try_from(parsed.algorithm.as_str()),
    ) else {
        return false;
    };
    let version = match parsed.version.map(Version::try_from).transpose() {
        Ok(v) => v.unwrap_or_default(),
        Err(_) => return false,
    };
    let blocks = params.block_count();
    if memory.len() != blocks {
        // Stored hashes share the configured parameters, so this happens once
        // per thread (and again only after a parameter change).
        *memory = vec![Block::default(); blocks];
    }
    let mut out = vec![0u8; expected.len()];
    Argon2::new(algorithm, version, params)
        .hash_password_into_with_memory(password, salt, &mut out, &mut memory[..])
        .is_ok()
        && crate::crypto::ct_eq_bytes(&out, expected.as_bytes())
}

fn phc_is_real(phc: &str, dummy: &OnceLock<String>) -> bool {
    dummy.get().is_none_or(|d| d != phc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hash_verify_and_unknown_user() {
        let p = Passwords::new(&PasswordPolicy::default()).unwrap_or_else(|e| panic!("{e}"));
        let h = p.hash("correct horse").await.unwrap_or_default();
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(p.verify("correct horse", Some(&h)).await.unwrap_or(false));
        assert!(!p.verify("wrong", Some(&h)).await.unwrap_or(true));
        assert!(
            !p.verify("latchkey-dummy-password", None)
                .await
                .unwrap_or(true)
        );
        assert!(p.check_policy("short").is_err());
    }

    #[test]
    fn verifies_hashes_made_elsewhere_with_other_parameters() {
        let mut memory = Vec::new();
        for (m, t) in [(19456, 2), (8192, 3), (19456, 2)] {
            let params = Params::new(m, t, 1, None).unwrap_or_else(|e| panic!("{e}"));
            let phc = Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
                .hash_password(b"correct horse")
                .map(|h| h.to_string())
                .unwrap_or_default();
            assert!(verify_in(&mut memory, b"correct horse", &phc), "{phc}");
            assert!(!verify_in(&mut memory, b"correct horsf", &phc));
            assert_eq!(memory.len(), m as usize);
        }
        assert!(!verify_in(&mut memory, b"x", "$argon2id$v=19$garbage"));
        assert!(!verify_in(&mut memory, b"x", ""));
    }
}
