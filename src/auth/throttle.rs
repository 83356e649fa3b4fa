//! Throttling with exponential backoff, keyed by account or client address.
//! After `free` failures each further failure doubles the lock, from
//! `base` seconds up to an hour.

use crate::db::{self, Db};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Policy {
    pub free: i64,
    pub base_seconds: i64,
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

pub async fn failure(db: &Db, key: &str, policy: Policy) -> sqlx::Result<()> {
    let failures = db::throttle::record_failure(db, key).await?;
    let lock = lock_seconds(policy, failures);
    if lock > 0 {
        db::throttle::lock_until(db, key, db::now() + lock).await?;
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
    Ok(())
}

/// Clears `key`'s failures; no statement when `status` saw none.
pub async fn success(db: &Db, status: &Status, key: &str) -> sqlx::Result<()> {
    if !status.has_failures(key) {
        return Ok(());
    }
    db::throttle::clear(db, key).await.map(|_| ())
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
}
