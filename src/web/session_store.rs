//! The tower-sessions store: SQLite (`db::web_sessions`), with a bounded
//! in-process copy of recent records in front of it. Every write goes to
//! SQLite first (a restart loses nothing); reads of a record this process
//! wrote or read before answer from memory, which saves a statement on
//! every page of a login. Only this process writes these rows (the CLI
//! never does, and the purge removes only expired rows, which the copy
//! ignores too), so the copy cannot go stale. Several instances behind one
//! database would need sticky sessions or the SQLite store alone.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use async_trait::async_trait;
use time::OffsetDateTime;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, CachingSessionStore, SessionStore};

use crate::db::{self, Db};

/// At most this many records are kept in memory (a few MB); beyond it an
/// arbitrary one is dropped and read from SQLite again when next needed.
const CAPACITY: usize = 4096;

pub type Store = CachingSessionStore<Recent, Durable>;

pub fn store(db: Db) -> Store {
    CachingSessionStore::new(Recent::default(), Durable(db))
}

/// The session records in SQLite: the values as a JSON object, the expiry
/// in unix seconds.
#[derive(Debug, Clone)]
pub struct Durable(Db);

fn backend(e: impl std::fmt::Display) -> session_store::Error {
    session_store::Error::Backend(e.to_string())
}

fn encode(record: &Record) -> session_store::Result<String> {
    serde_json::to_string(&record.data).map_err(|e| session_store::Error::Encode(e.to_string()))
}

#[async_trait]
impl SessionStore for Durable {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        let data = encode(record)?;
        let expires = record.expiry_date.unix_timestamp();
        // A 128-bit random id is taken only by astronomical chance; a
        // new one is drawn then.
        while !db::web_sessions::insert_new(&self.0, &record.id.to_string(), &data, expires)
            .await
            .map_err(backend)?
        {
            record.id = Id::default();
        }
        Ok(())
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        let expires = record.expiry_date.unix_timestamp();
        db::web_sessions::upsert(&self.0, &record.id.to_string(), &encode(record)?, expires)
            .await
            .map_err(backend)
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        let Some((data, expires)) = db::web_sessions::live(&self.0, &id.to_string())
            .await
            .map_err(backend)?
        else {
            return Ok(None);
        };
        let data =
            serde_json::from_str(&data).map_err(|e| session_store::Error::Decode(e.to_string()))?;
        let expiry_date = OffsetDateTime::from_unix_timestamp(expires)
            .map_err(|e| session_store::Error::Decode(e.to_string()))?;
        Ok(Some(Record {
            id: *id,
            data,
            expiry_date,
        }))
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        db::web_sessions::delete(&self.0, &id.to_string())
            .await
            .map_err(backend)
    }
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
