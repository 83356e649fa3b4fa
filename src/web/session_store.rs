//! The tower-sessions store: the database (`db::web_sessions`), with, on
//! SQLite, a bounded in-process copy of recent records in front of it.
//! Every write goes to the database first (a restart loses nothing); reads
//! of a record this process wrote or read before answer from memory, which
//! saves a statement on every page of a login. On SQLite only this process
//! writes these rows (the CLI never does, and the purge removes only
//! expired rows, which the copy ignores too), so the copy cannot go stale.
//! On PostgreSQL several instances share the rows, and any copy could be
//! stale (a rotated CSRF token, a spent passkey challenge): the copy is off
//! and every read goes to the database.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use async_trait::async_trait;
use time::OffsetDateTime;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, CachingSessionStore, SessionStore};

use crate::db::{self, Db};

/// The in-memory copy's bounds: records and bytes (of their JSON). A record
/// larger than `MAX_RECORD_BYTES` is left to SQLite; beyond the bounds an
/// arbitrary record is dropped and read from SQLite again when next needed.
const CAPACITY: usize = 4096;
const BUDGET_BYTES: usize = 8 << 20;
const MAX_RECORD_BYTES: usize = 16 << 10;

pub type Store = CachingSessionStore<Recent, Durable>;

pub fn store(db: Db) -> Store {
    let recent = match db {
        Db::Sqlite(_) => Recent::default(),
        #[cfg(feature = "postgres")]
        Db::Postgres(_) => Recent::off(),
    };
    CachingSessionStore::new(recent, Durable(db))
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
        // new one is drawn then, a few times at most.
        for _ in 0..3 {
            let id = record.id.to_string();
            if db::web_sessions::insert_new(&self.0, &id, &data, expires)
                .await
                .map_err(backend)?
            {
                return Ok(());
            }
            record.id = Id::default();
        }
        Err(backend("no free session id"))
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

/// Recently used session records, bounded in count and in bytes.
#[derive(Debug, Clone)]
pub struct Recent {
    held: Arc<Mutex<Held>>,
    /// Off: holds nothing, so every load reads the database.
    on: bool,
}

impl Default for Recent {
    fn default() -> Self {
        Self {
            held: Arc::default(),
            on: true,
        }
    }
}

#[derive(Debug, Default)]
struct Held {
    records: HashMap<Id, (Record, usize)>,
    bytes: usize,
}

impl Held {
    fn remove(&mut self, id: &Id) {
        if let Some((_, size)) = self.records.remove(id) {
            self.bytes -= size;
        }
    }
}

impl Recent {
    /// A copy that keeps nothing, for a database other instances share.
    pub fn off() -> Self {
        Self {
            held: Arc::default(),
            on: false,
        }
    }

    fn put(&self, record: &Record) {
        if !self.on {
            return;
        }
        let size = serde_json::to_vec(&record.data).map_or(usize::MAX, |v| v.len());
        let mut held = self.held.lock().unwrap_or_else(PoisonError::into_inner);
        held.remove(&record.id);
        if size > MAX_RECORD_BYTES {
            return;
        }
        let fits = |h: &Held| h.records.len() < CAPACITY && h.bytes + size <= BUDGET_BYTES;
        if !fits(&held) {
            let now = OffsetDateTime::now_utc();
            let expired: Vec<Id> = held
                .records
                .iter()
                .filter(|(_, (r, _))| r.expiry_date <= now)
                .map(|(id, _)| *id)
                .collect();
            for id in &expired {
                held.remove(id);
            }
        }
        while !fits(&held) {
            let Some(victim) = held.records.keys().next().copied() else {
                break;
            };
            held.remove(&victim);
        }
        held.records.insert(record.id, (record.clone(), size));
        held.bytes += size;
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.held
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .records
            .len()
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
        let held = self.held.lock().unwrap_or_else(PoisonError::into_inner);
        Ok(held
            .records
            .get(id)
            .map(|(r, _)| r)
            .filter(|r| r.expiry_date > OffsetDateTime::now_utc())
            .cloned())
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        self.held
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

    fn with_value(id: i128, bytes: usize) -> Record {
        let mut r = record(id, time::Duration::hours(1));
        r.data
            .insert("k".into(), serde_json::Value::String("x".repeat(bytes)));
        r
    }

    fn held(recent: &Recent, id: i128) -> bool {
        recent.held.lock().unwrap().records.contains_key(&Id(id))
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
        assert!(!held(&recent, -1));
        assert!((0..CAPACITY as i128 - 1).all(|i| held(&recent, i)));
        // Still full, nothing expired: one arbitrary record goes.
        recent.put(&record(1_000_001, live));
        assert_eq!(recent.len(), CAPACITY);
        assert!(held(&recent, 1_000_001));
    }

    #[tokio::test]
    async fn large_records_are_left_to_sqlite_and_bytes_are_bounded() {
        let recent = Recent::default();
        recent.put(&with_value(1, 100));
        assert!(held(&recent, 1));
        // Saved again too large: the stale small copy must not stay.
        recent.put(&with_value(1, MAX_RECORD_BYTES + 1));
        assert!(!held(&recent, 1));
        assert!(recent.load(&Id(1)).await.unwrap().is_none());
        // Many records near the limit: the byte budget holds.
        for i in 0..(2 * BUDGET_BYTES / MAX_RECORD_BYTES) as i128 {
            recent.put(&with_value(i, MAX_RECORD_BYTES - 20));
        }
        let bytes = recent.held.lock().unwrap().bytes;
        assert!(bytes <= BUDGET_BYTES, "{bytes}");
        assert!(recent.len() >= BUDGET_BYTES / MAX_RECORD_BYTES - 1);
        assert!(held(
            &recent,
            (2 * BUDGET_BYTES / MAX_RECORD_BYTES) as i128 - 1
        ));
    }

    #[tokio::test]
    async fn an_expired_record_is_not_served() {
        let recent = Recent::default();
        recent.put(&record(7, -time::Duration::seconds(1)));
        assert!(recent.load(&Id(7)).await.unwrap().is_none());
    }
}
