//! Throttling of guesses, keyed by account, login or client address.
//!
//! Two kinds of key:
//! - a hard key (an account, a login, a client at an address) locks: after
//!   `free` failures each further failure doubles the lock, from `base`
//!   seconds up to an hour, and a locked key refuses attempts unchecked;
//! - an address key never refuses: it counts failures in a window, a
//!   success takes them off again, and while it is over its free count the
//!   hard keys it is paired with have no free failures (each failure locks
//!   them). So a shared address slows guessing there, but never keeps out a
//!   user whose own account is not being guessed at.
//!
//! Expensive checks (passwords, second factors) reserve first: the attempt
//! is counted before it is checked, in one statement, and a success takes
//! it back. So a burst of concurrent guesses is checked at most `free + 1`
//! times, however many arrive at once.

use crate::db::{self, Db};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Policy {
    pub free: i64,
    pub base_seconds: i64,
}

/// The free failures of an address key and its window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AddressPolicy {
    pub free: i64,
    pub window_seconds: i64,
}

const MAX_LOCK: i64 = 3600;

/// What the throttle holds for one or two keys, read in one statement.
#[derive(Debug)]
pub struct Status {
    rows: Vec<db::throttle::KeyedThrottle>,
    now: i64,
}

impl Status {
    /// Seconds still locked for any of the keys, if any.
    pub fn locked_for(&self) -> Option<i64> {
        self.rows
            .iter()
            .map(|t| t.locked_until - self.now)
            .filter(|s| *s > 0)
            .max()
    }

    fn has_failures(&self, key: &str) -> bool {
        self.rows.iter().any(|t| t.key == key)
    }
}

impl Status {
    /// A status from a row read along with something else (one key).
    pub fn of(row: Option<db::throttle::KeyedThrottle>) -> Status {
        Status {
            rows: row.into_iter().collect(),
            now: db::now(),
        }
    }
}

/// For cheap checks (a digest lookup): reads the keys' locks.
pub async fn status(db: &Db, first: &str, second: &str) -> sqlx::Result<Status> {
    Ok(Status {
        rows: db::throttle::get_pair(db, first, second).await?,
        now: db::now(),
    })
}

/// Seconds still locked for `key`, if any.
pub async fn locked_for(db: &Db, key: &str) -> sqlx::Result<Option<i64>> {
    Ok(status(db, key, key).await?.locked_for())
}

/// The lock a failure count earns: none within the free attempts.
pub fn lock_seconds(policy: Policy, failures: i64) -> i64 {
    let over = failures - policy.free;
    if over <= 0 {
        return 0;
    }
    let exp = u32::try_from(over - 1).unwrap_or(u32::MAX).min(20);
    policy
        .base_seconds
        .saturating_mul(1i64 << exp)
        .min(MAX_LOCK)
}

/// Counts a failure after a cheap check (see [`status`]).
pub async fn failure(db: &Db, key: &str, policy: Policy) -> sqlx::Result<()> {
    let failures = db::throttle::record_failure(db, key).await?;
    let lock = lock_seconds(policy, failures);
    if lock > 0 {
        db::throttle::lock_until(db, key, db::now() + lock).await?;
        audit_lockout(db, key, lock).await;
    }
    Ok(())
}

/// Clears `key`'s failures; no statement when `status` saw none.
pub async fn success(db: &Db, status: &Status, key: &str) -> sqlx::Result<()> {
    if !status.has_failures(key) {
        return Ok(());
    }
    db::throttle::clear(db, key).await.map(|_| ())
}

async fn audit_lockout(db: &Db, key: &str, lock: i64) {
    crate::audit::record(
        db,
        crate::audit::Event {
            kind: "lockout",
            detail: &format!("{key} for {lock}s"),
            ..Default::default()
        },
    )
    .await;
}

/// One key an attempt is charged to.
#[derive(Debug, Clone)]
pub struct Key {
    name: String,
    kind: Kind,
}

#[derive(Debug, Clone, Copy)]
enum Kind {
    /// Locks; `strict`: no free failures while the address key is busy;
    /// `audited`: a lock is an audited lockout.
    Hard {
        policy: Policy,
        strict: bool,
        audited: bool,
    },
    Address(AddressPolicy),
}

impl Key {
    /// A key that locks (an account, a client at an address).
    pub fn lock(name: String, policy: Policy) -> Self {
        Self {
            name,
            kind: Kind::Hard {
                policy,
                strict: false,
                audited: true,
            },
        }
    }

    /// An account key that loses its free failures while the address key
    /// of the same attempt is over its own.
    pub fn account(name: String, policy: Policy) -> Self {
        Self {
            name,
            kind: Kind::Hard {
                policy,
                strict: true,
                audited: true,
            },
        }
    }

    /// A cap on one login's attempts: after `attempts - 1` free failures
    /// the login waits (`base_seconds`, doubling), with no audited lockout
    /// (the account key, counted with it, audits its own).
    pub fn cap(name: String, attempts: i64, base_seconds: i64) -> Self {
        Self {
            name,
            kind: Kind::Hard {
                policy: Policy {
                    free: attempts - 1,
                    base_seconds,
                },
                strict: false,
                audited: false,
            },
        }
    }

    /// A client address: counts, slows, never refuses by itself.
    pub fn address(name: String, policy: AddressPolicy) -> Self {
        Self {
            name,
            kind: Kind::Address(policy),
        }
    }

    fn claim(&self) -> db::throttle::Claim<'_> {
        match self.kind {
            Kind::Hard { policy, strict, .. } => db::throttle::Claim {
                key: &self.name,
                free: policy.free,
                base: policy.base_seconds,
                window: 0,
                strict,
            },
            Kind::Address(a) => db::throttle::Claim {
                key: &self.name,
                free: a.free,
                base: 0,
                window: a.window_seconds.max(1),
                strict: false,
            },
        }
    }
}

/// An attempt counted on its keys before being checked; end it with
/// [`Attempt::failed`], [`Attempt::succeeded`] or [`Attempt::refund`].
/// Dropped without any of them, it stays counted as a failure.
#[must_use]
#[derive(Debug)]
pub struct Attempt {
    keys: Vec<Key>,
    /// Per key: the lock this attempt set, if it fails (unix seconds, or 0).
    locks: Vec<i64>,
    at: i64,
}

/// Counts an attempt on `keys` before it is checked: `None` (nothing
/// counted) while a hard key is locked.
pub async fn reserve(db: &Db, keys: Vec<Key>) -> sqlx::Result<Option<Attempt>> {
    Ok(try_reserve(db, keys).await?.ok())
}

/// As [`reserve`], but a refusal says how long the lock still holds.
pub async fn try_reserve(db: &Db, keys: Vec<Key>) -> sqlx::Result<Result<Attempt, Locked>> {
    let at = db::now();
    let claims: Vec<_> = keys.iter().map(Key::claim).collect();
    let rows = db::throttle::reserve(db, at, MAX_LOCK, &claims).await?;
    if rows.len() != keys.len() {
        let hard: Vec<&str> = keys
            .iter()
            .filter(|k| matches!(k.kind, Kind::Hard { .. }))
            .map(|k| k.name.as_str())
            .collect();
        let until = db::throttle::latest_lock(db, &hard).await?;
        // A lock lifted in between still refused this attempt: say 1 s.
        return Ok(Err(Locked {
            seconds: (until - db::now()).max(1),
        }));
    }
    let locks = keys
        .iter()
        .map(|k| {
            rows.iter()
                .find(|r| r.key == k.name)
                .map_or(0, |r| r.locked_until)
        })
        .collect();
    Ok(Ok(Attempt { keys, locks, at }))
}

/// An attempt refused unchecked: a key is locked for `seconds` more.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Locked {
    pub seconds: i64,
}

impl Attempt {
    /// Seconds of the longest lock this attempt set, now that it failed
    /// (`None`: the next attempt is let through).
    pub fn locked_for(&self) -> Option<i64> {
        self.keys
            .iter()
            .zip(&self.locks)
            .filter(|(k, _)| matches!(k.kind, Kind::Hard { .. }))
            .map(|(_, lock)| *lock - self.at)
            .filter(|s| *s > 0)
            .max()
    }

    /// The check failed: the attempt stays counted; locks it set are
    /// audited.
    pub async fn failed(&self, db: &Db) {
        for (k, lock) in self.keys.iter().zip(&self.locks) {
            if let Kind::Hard { audited: true, .. } = k.kind
                && *lock > self.at
            {
                audit_lockout(db, &k.name, *lock - self.at).await;
            }
        }
    }

    /// The check passed: hard keys are cleared (the owner proved it), and
    /// an address key loses this attempt and one earlier failure.
    pub async fn succeeded(&self, db: &Db) -> sqlx::Result<()> {
        let keys: Vec<_> = self
            .keys
            .iter()
            .map(|k| match k.kind {
                Kind::Hard { .. } => (k.name.as_str(), i64::MAX, true),
                Kind::Address(_) => (k.name.as_str(), 2, false),
            })
            .collect();
        db::throttle::refund(db, &keys).await
    }

    /// Not checked after all (the server was busy, or the check only
    /// proved something else): as if it had not been counted.
    pub async fn refund(&self, db: &Db) -> sqlx::Result<()> {
        let keys: Vec<_> = self
            .keys
            .iter()
            .zip(&self.locks)
            .map(|(k, lock)| (k.name.as_str(), 1, *lock > self.at))
            .collect();
        db::throttle::refund(db, &keys).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_and_caps() {
        let p = Policy {
            free: 5,
            base_seconds: 30,
        };
        assert_eq!(lock_seconds(p, 5), 0);
        assert_eq!(lock_seconds(p, 6), 30);
        assert_eq!(lock_seconds(p, 7), 60);
        assert_eq!(lock_seconds(p, 8), 120);
        assert_eq!(lock_seconds(p, 40), MAX_LOCK);
    }

    async fn db() -> (tempfile::TempDir, Db) {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let db = db::connect(
            &crate::config::Database::Sqlite(dir.path().join("t.sqlite")),
            1,
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"));
        (dir, db)
    }

    const ACCOUNT: Policy = Policy {
        free: 2,
        base_seconds: 30,
    };
    const ADDRESS: AddressPolicy = AddressPolicy {
        free: 3,
        window_seconds: 900,
    };

    fn keys() -> Vec<Key> {
        vec![
            Key::address("ip".into(), ADDRESS),
            Key::account("acct".into(), ACCOUNT),
        ]
    }

    async fn failures(db: &Db, key: &str) -> i64 {
        crate::with_pool!(db, |p| sqlx::query_scalar(
            "SELECT failures FROM throttle WHERE key = $1"
        )
        .bind(key)
        .fetch_optional(p)
        .await)
        .ok()
        .flatten()
        .unwrap_or(0)
    }

    #[tokio::test]
    async fn reserve_counts_first_and_refuses_once_locked() {
        let (_dir, db) = db().await;
        // Two free failures; the third attempt is let through, locked ahead.
        for i in 1..=3 {
            let a = reserve(&db, keys()).await.ok().flatten();
            let a = a.unwrap_or_else(|| panic!("attempt {i} refused"));
            assert_eq!(a.locks[1] > a.at, i == 3, "attempt {i}");
            a.failed(&db).await;
        }
        assert!(reserve(&db, keys()).await.ok().flatten().is_none());
        assert_eq!(failures(&db, "acct").await, 3, "a refusal counts nothing");
        assert_eq!(failures(&db, "ip").await, 3);
        // A success (once unlocked) clears the account, decays the address.
        crate::with_pool!(&db, |p| sqlx::query("UPDATE throttle SET locked_until = 0")
            .execute(p)
            .await
            .map(|_| ()))
        .ok();
        let a = reserve(&db, keys()).await.ok().flatten();
        assert!(a.is_some());
        if let Some(a) = a {
            a.succeeded(&db).await.ok();
        }
        assert_eq!(failures(&db, "acct").await, 0);
        assert_eq!(failures(&db, "ip").await, 2, "4 counted, 2 off");
    }

    #[tokio::test]
    async fn a_busy_address_takes_the_free_failures_of_accounts_only() {
        let (_dir, db) = db().await;
        for i in 0..4 {
            let k = vec![
                Key::address("ip".into(), ADDRESS),
                Key::account(format!("other{i}"), ACCOUNT),
            ];
            if let Ok(Some(a)) = reserve(&db, k).await {
                a.failed(&db).await;
            }
        }
        // The address is over its 3: a fresh account is still let in, but
        // its first attempt locks it ahead (lifted by a success).
        let a = reserve(&db, keys()).await.ok().flatten();
        let a = a.unwrap_or_else(|| panic!("a fresh account is never refused"));
        assert!(a.locks[1] > a.at);
        a.refund(&db).await.ok();
        assert_eq!(failures(&db, "acct").await, 0);
        assert_eq!(failures(&db, "ip").await, 4);
        assert!(
            reserve(&db, keys()).await.ok().flatten().is_some(),
            "refund unlocked"
        );
        // A window that ended starts again.
        crate::with_pool!(&db, |p| sqlx::query(
            "UPDATE throttle SET window_start = window_start - 901, locked_until = 0"
        )
        .execute(p)
        .await
        .map(|_| ()))
        .ok();
        let a = reserve(&db, keys()).await.ok().flatten();
        assert!(a.as_ref().is_some_and(|a| a.locks[1] == 0));
        assert_eq!(failures(&db, "ip").await, 1);
    }

    #[tokio::test]
    async fn concurrent_reservations_let_through_free_plus_one() {
        let (_dir, db) = db().await;
        let tasks: Vec<_> = (0..40)
            .map(|_| {
                let db = db.clone();
                tokio::spawn(async move {
                    let k = vec![Key::lock("acct".into(), ACCOUNT)];
                    reserve(&db, k).await.ok().flatten().is_some()
                })
            })
            .collect();
        let mut let_through = 0;
        for t in tasks {
            if t.await.unwrap_or(false) {
                let_through += 1;
            }
        }
        assert_eq!(let_through, 3);
    }
}
