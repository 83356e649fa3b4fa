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

/// Seconds still locked for `key`, if any.
pub async fn locked_for(db: &Db, key: &str) -> sqlx::Result<Option<i64>> {
    let now = db::now();
    Ok(db::throttle::get(db, key)
        .await?
        .map(|t| t.locked_until - now)
        .filter(|s| *s > 0))
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

pub async fn success(db: &Db, key: &str) -> sqlx::Result<()> {
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
