//! A short-lived memory of forward-auth lookups. Reverse proxies ask about
//! every request a browser makes; without this each asks SQLite again.
//!
//! Entries live `forward_auth.cache_seconds`. Changes made by this process
//! (logout, session revocation, second-factor upgrade) call
//! [`IdentityCache::invalidate`], which also refuses results of lookups that
//! were in flight when it ran, so a logout can never be undone by a racing
//! lookup. On SQLite, changes from another process (the CLI) apply when
//! entries expire; on PostgreSQL the identity listener
//! ([`crate::app::spawn_identity_listener`]) hears them, and other
//! instances' changes, at once.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::db::sessions::ForwardIdentity;
use crate::oidc::authorize::Amr;

/// At most this many sessions are remembered; past it the cache starts over.
const CAPACITY: usize = 10_000;

/// A session as forward auth uses it, with its amr already read.
#[derive(Debug)]
pub struct CachedIdentity {
    pub identity: ForwardIdentity,
    /// The login completed its second factor (or a passkey).
    pub complete: bool,
    pub groups: Vec<String>,
}

impl CachedIdentity {
    pub fn new(identity: ForwardIdentity) -> Self {
        let complete =
            serde_json::from_str::<Vec<Amr>>(&identity.amr).is_ok_and(|a| a.contains(&Amr::Mfa));
        let groups = identity
            .groups
            .as_deref()
            .map(|g| g.split(',').map(str::to_string).collect())
            .unwrap_or_default();
        Self {
            identity,
            complete,
            groups,
        }
    }
}

#[derive(Default)]
struct Entries {
    generation: u64,
    map: HashMap<String, (Instant, Arc<CachedIdentity>)>,
}

pub struct IdentityCache {
    ttl: Duration,
    entries: Mutex<Entries>,
}

/// Taken before a lookup, handed back with its result.
#[derive(Debug, Clone, Copy)]
pub struct Ticket(u64);

impl IdentityCache {
    pub fn new(ttl: Duration) -> Self {
        Self {
            ttl,
            entries: Mutex::default(),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Entries> {
        // A panic while holding this lock leaves only a map behind: keep going.
        self.entries.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The remembered session for `key` (a login-token digest), if fresh;
    /// otherwise a ticket for storing the result of a lookup.
    pub fn get(&self, key: &str) -> Result<Arc<CachedIdentity>, Ticket> {
        let e = self.lock();
        match e.map.get(key) {
            Some((at, ident)) if at.elapsed() < self.ttl => Ok(ident.clone()),
            _ => Err(Ticket(e.generation)),
        }
    }

    /// Remembers a lookup, unless an invalidation happened since its ticket.
    pub fn put(&self, key: String, ticket: Ticket, ident: Arc<CachedIdentity>) {
        if self.ttl.is_zero() {
            return;
        }
        let mut e = self.lock();
        if e.generation != ticket.0 {
            return;
        }
        if e.map.len() >= CAPACITY {
            let ttl = self.ttl;
            e.map.retain(|_, (at, _)| at.elapsed() < ttl);
            if e.map.len() >= CAPACITY {
                e.map.clear();
            }
        }
        e.map.insert(key, (Instant::now(), ident));
    }

    /// Forgets everything: called after any change to sessions or users.
    pub fn invalidate(&self) {
        let mut e = self.lock();
        e.generation += 1;
        e.map.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ident(amr: &str, groups: Option<&str>) -> Arc<CachedIdentity> {
        Arc::new(CachedIdentity::new(ForwardIdentity {
            id: "d".into(),
            amr: amr.into(),
            created_at: 0,
            last_seen_at: 0,
            remembered_until: None,
            username: "alice".into(),
            email: "a@example.test".into(),
            name: None,
            given_name: None,
            family_name: None,
            groups: groups.map(str::to_string),
        }))
    }

    #[test]
    fn reads_amr_and_groups_once() {
        let i = ident(r#"["pwd","otp","mfa"]"#, Some("admins,staff"));
        assert!(i.complete);
        assert_eq!(i.groups, ["admins", "staff"]);
        let i = ident(r#"["pwd"]"#, None);
        assert!(!i.complete);
        assert!(i.groups.is_empty());
    }

    #[test]
    fn invalidation_refuses_lookups_that_started_before_it() {
        let cache = IdentityCache::new(Duration::from_secs(60));
        let Err(ticket) = cache.get("k") else {
            panic!("empty cache answered")
        };
        cache.invalidate();
        cache.put("k".into(), ticket, ident("[]", None));
        assert!(cache.get("k").is_err(), "a stale lookup was remembered");

        let Err(ticket) = cache.get("k") else {
            panic!("empty cache answered")
        };
        cache.put("k".into(), ticket, ident("[]", None));
        assert!(cache.get("k").is_ok());
        cache.invalidate();
        assert!(cache.get("k").is_err());
    }

    #[test]
    fn zero_ttl_remembers_nothing() {
        let cache = IdentityCache::new(Duration::ZERO);
        let Err(ticket) = cache.get("k") else {
            panic!("empty cache answered")
        };
        cache.put("k".into(), ticket, ident("[]", None));
        assert!(cache.get("k").is_err());
    }
}
