//! The tower-sessions store: SQLite, with a bounded in-process copy of
//! recent records in front of it. Every write goes to SQLite first (a
//! restart loses nothing); reads of a record this process wrote or read
//! before answer from memory, which saves a statement on every page of a
//! login. Only this process writes `tower_sessions` rows (the CLI never
//! does, and the purge removes only expired rows, which the copy ignores
//! too), so the copy cannot go stale. Several instances behind one
//! database would need sticky sessions or the plain SQLite store.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use async_trait::async_trait;
use time::OffsetDateTime;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, CachingSessionStore, SessionStore};
use tower_sessions_sqlx_store::SqliteStore;

use crate::db::Db;

/// At most this many records are kept in memory (a few MB); beyond it an
/// arbitrary one is dropped and read from SQLite again when next needed.
const CAPACITY: usize = 4096;

pub type Store = CachingSessionStore<Recent, SqliteStore>;

pub fn store(db: Db) -> Store {
    CachingSessionStore::new(Recent::default(), SqliteStore::new(db))
}

/// Recently used session records, bounded.
#[derive(Debug, Clone, Default)]
pub struct Recent(Arc<Mutex<HashMap<Id, Record>>>);

impl Recent {
    fn put(&self, record: &Record) {
        let mut map = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        if map.len() >= CAPACITY && !map.contains_key(&record.id) {
            let now = OffsetDateTime::now_utc();
            map.retain(|_, r| r.expiry_date > now);
            if map.len() >= CAPACITY
                && let Some(victim) = map.keys().next().copied()
            {
                map.remove(&victim);
            }
        }
        map.insert(record.id, record.clone());
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.0.lock().unwrap_or_else(PoisonError::into_inner).len()
    }
}

#[async_trait]
impl SessionStore for Recent {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        // The id was already made unique by SQLite (`create` there first).
        self.put(record);
        Ok(())
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        self.put(record);
        Ok(())
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        let map = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        Ok(map
            .get(id)
            .filter(|r| r.expiry_date > OffsetDateTime::now_utc())
            .cloned())
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .remove(id);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(id: i128, expires_in: time::Duration) -> Record {
        Record {
            id: Id(id),
            data: Default::default(),
            expiry_date: OffsetDateTime::now_utc() + expires_in,
        }
    }

    #[tokio::test]
    async fn stays_bounded_and_drops_expired_records_first() {
        let recent = Recent::default();
        let live = time::Duration::hours(1);
        recent.put(&record(-1, -time::Duration::seconds(1)));
        for i in 0..CAPACITY as i128 - 1 {
            recent.put(&record(i, live));
        }
        assert_eq!(recent.len(), CAPACITY);
        // Full: the expired record makes room, no live one is dropped.
        recent.put(&record(1_000_000, live));
        assert_eq!(recent.len(), CAPACITY);
        let held = |id| recent.0.lock().unwrap().contains_key(&Id(id));
        assert!(!held(-1));
        assert!((0..CAPACITY as i128 - 1).all(held));
        // Still full, nothing expired: one arbitrary record goes.
        recent.put(&record(1_000_001, live));
        assert_eq!(recent.len(), CAPACITY);
        assert!(held(1_000_001));
    }

    #[tokio::test]
    async fn an_expired_record_is_not_served() {
        let recent = Recent::default();
        recent.put(&record(7, -time::Duration::seconds(1)));
        assert!(recent.load(&Id(7)).await.unwrap().is_none());
    }
}
