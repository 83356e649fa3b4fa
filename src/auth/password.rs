//! argon2id hashing and verification on a fixed pool of one thread per
//! core: logins queue instead of exhausting memory, and the queue is bounded
//! (a flood gets "busy" at once instead of making every login wait behind
//! it). Each thread verifies in
//! one memory buffer of its own, allocated at its first login and reused,
//! so memory is bounded by cores × m_cost and a login never waits for 19 MiB
//! to be mapped and zeroed.

use std::sync::mpsc;
use std::sync::{Arc, Mutex};

use argon2::password_hash::phc::PasswordHash;
use argon2::{Algorithm, Argon2, Block, Params, PasswordHasher as _, Version};

use crate::config::PasswordPolicy;

type Job = Box<dyn FnOnce() + Send>;

/// Checks that may wait for a hashing thread, per thread: at ~25 ms each,
/// a login waits at most ~0.2 s in the queue before the threads take it.
const QUEUED_PER_THREAD: usize = 8;

#[derive(Clone)]
pub struct Passwords {
    params: Params,
    workers: mpsc::SyncSender<Job>,
    policy: PasswordPolicy,
    /// A hash of nothing, verified against for unknown users so that they
    /// take as long as known ones. Made at start: a first unknown user
    /// that paid for it would stand out.
    dummy: Arc<str>,
}

#[derive(Debug, thiserror::Error)]
pub enum PasswordError {
    #[error("password hashing failed: {0}")]
    Hash(String),
    #[error("the hashing task failed")]
    Join,
    /// Every hashing thread is busy and the queue is full: try later.
    #[error("the password hashing queue is full")]
    Busy,
}

impl Passwords {
    pub fn new(policy: &PasswordPolicy) -> Result<Self, PasswordError> {
        let params = Params::new(policy.argon2_memory_kib, policy.argon2_iterations, 1, None)
            .map_err(|e| PasswordError::Hash(e.to_string()))?;
        let cores = std::thread::available_parallelism().map_or(1, usize::from);
        let (tx, rx) = mpsc::sync_channel::<Job>(cores * QUEUED_PER_THREAD);
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
        let argon2 = Argon2::new(Algorithm::Argon2id, Version::V0x13, params.clone());
        let dummy = argon2
            .hash_password(b"latchkey-dummy-password")
            .map_err(|e| PasswordError::Hash(e.to_string()))?
            .to_string();
        Ok(Self {
            params,
            workers: tx,
            policy: policy.clone(),
            dummy: dummy.into(),
        })
    }

    fn argon2(&self) -> Argon2<'static> {
        Argon2::new(Algorithm::Argon2id, Version::V0x13, self.params.clone())
    }

    /// Checks a new password against the policy; the message is for the user.
    pub fn check_policy(&self, password: &str) -> Result<(), String> {
        let n = password.chars().count();
        if n < self.policy.min_length {
            return Err(crate::i18n::t1(
                "password-too-short",
                "count",
                self.policy.min_length,
            ));
        }
        if n > self.policy.max_length {
            return Err(crate::i18n::t1(
                "password-too-long",
                "count",
                self.policy.max_length,
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
        let phc = phc.unwrap_or(&*self.dummy).to_owned();
        let known = *phc != *self.dummy;
        let password = password.to_owned();
        let ok = self
            .run(move || MEMORY.with_borrow_mut(|m| verify_in(m, password.as_bytes(), &phc)))
            .await?;
        Ok(ok && known)
    }

    async fn run<T: Send + 'static>(
        &self,
        f: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, PasswordError> {
        self.submit(f)?.await.map_err(|_| PasswordError::Join)
    }

    /// Queues `f` for a hashing thread, or refuses at once when the queue
    /// is full.
    fn submit<T: Send + 'static>(
        &self,
        f: impl FnOnce() -> T + Send + 'static,
    ) -> Result<tokio::sync::oneshot::Receiver<T>, PasswordError> {
        let (tx, rx) = tokio::sync::oneshot::channel();
        self.workers
            .try_send(Box::new(move || {
                let _ = tx.send(f());
            }))
            .map_err(|e| match e {
                mpsc::TrySendError::Full(_) => PasswordError::Busy,
                mpsc::TrySendError::Disconnected(_) => PasswordError::Join,
            })?;
        Ok(rx)
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
    fn the_dummy_hash_is_made_at_start() {
        let p = Passwords::new(&PasswordPolicy::default()).unwrap_or_else(|e| panic!("{e}"));
        assert!(p.dummy.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
    }

    #[tokio::test]
    async fn a_full_queue_refuses_at_once() {
        let p = Passwords::new(&PasswordPolicy::default()).unwrap_or_else(|e| panic!("{e}"));
        let cores = std::thread::available_parallelism().map_or(1, usize::from);
        // Jobs that hold their thread until released.
        let (release, gate) = std::sync::mpsc::channel::<()>();
        let gate = Arc::new(Mutex::new(gate));
        let mut queued = Vec::new();
        let busy = loop {
            let gate = gate.clone();
            match p.submit(move || {
                let _ = gate.lock().map(|g| g.recv());
            }) {
                Ok(rx) => queued.push(rx),
                Err(e) => break e,
            }
            assert!(queued.len() <= cores * (QUEUED_PER_THREAD + 1), "unbounded");
        };
        assert!(matches!(busy, PasswordError::Busy), "{busy}");
        assert!(queued.len() >= cores * QUEUED_PER_THREAD);
        for _ in 0..queued.len() {
            let _ = release.send(());
        }
        for rx in queued {
            assert!(rx.await.is_ok());
        }
        // Drained, it takes work again.
        let h = p.hash("correct horse").await.unwrap_or_default();
        assert!(p.verify("correct horse", Some(&h)).await.unwrap_or(false));
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
