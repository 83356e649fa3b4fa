//! The server's queue of messages to send: bounded, drained by one
//! background task that hands each message to a delivery with retries.
//! A slow or dead SMTP server delays mail, never a page.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::{Semaphore, mpsc};

use super::{Mailer, Outgoing};
use crate::db::Db;

/// Messages waiting for a delivery slot. Beyond this, new ones are
/// dropped (and audited): memory stays bounded when the server is down.
const QUEUE: usize = 256;
/// Deliveries at once, each one SMTP connection.
const PARALLEL: usize = 4;

pub struct Outbox {
    tx: mpsc::Sender<Outgoing>,
    rx: Mutex<Option<mpsc::Receiver<Outgoing>>>,
    /// Messages queued or being delivered.
    pending: Arc<AtomicUsize>,
}

impl Default for Outbox {
    fn default() -> Self {
        let (tx, rx) = mpsc::channel(QUEUE);
        Self {
            tx,
            rx: Mutex::new(Some(rx)),
            pending: Arc::new(AtomicUsize::new(0)),
        }
    }
}

impl Outbox {
    /// Queues a message; returns at once. A full queue drops it, with an
    /// `email_dropped` audit row.
    pub fn enqueue(&self, db: &Db, out: Outgoing) {
        self.pending.fetch_add(1, Ordering::SeqCst);
        if let Err(e) = self.tx.try_send(out) {
            self.pending.fetch_sub(1, Ordering::SeqCst);
            let out = match e {
                mpsc::error::TrySendError::Full(o) | mpsc::error::TrySendError::Closed(o) => o,
            };
            tracing::warn!(kind = out.kind, "email queue is full; message dropped");
            let db = db.clone();
            tokio::spawn(async move {
                audit(&db, "email_dropped", &out, "the queue was full").await;
            });
        }
    }

    /// Messages queued or being delivered (each until its last attempt).
    pub fn pending(&self) -> usize {
        self.pending.load(Ordering::SeqCst)
    }

    /// Starts the background delivery, once (the server calls it).
    pub fn start(&self, mailer: Arc<Mailer>, db: Db) {
        let Some(mut rx) = self.rx.lock().ok().and_then(|mut rx| rx.take()) else {
            return;
        };
        let pending = self.pending.clone();
        tokio::spawn(async move {
            let slots = Arc::new(Semaphore::new(PARALLEL));
            while let Some(out) = rx.recv().await {
                let Ok(slot) = slots.clone().acquire_owned().await else {
                    return;
                };
                let (mailer, db, pending) = (mailer.clone(), db.clone(), pending.clone());
                tokio::spawn(async move {
                    deliver(&mailer, &db, out).await;
                    pending.fetch_sub(1, Ordering::SeqCst);
                    drop(slot);
                });
            }
        });
    }
}

/// Tries `attempts` times, waiting `retry`, then twice that, and so on,
/// between attempts; a permanent refusal ends it at once.
async fn deliver(mailer: &Mailer, db: &Db, out: Outgoing) {
    let mut wait = mailer.retry;
    let mut attempt = 1;
    loop {
        match mailer.send_now(&out.message).await {
            Ok(answer) => {
                audit(db, "email_sent", &out, &answer).await;
                return;
            }
            Err(e) if e.is_permanent() || attempt >= mailer.attempts => {
                tracing::warn!(kind = out.kind, attempt, error = %e, "email not delivered; giving up");
                let detail = format!("gave up after {attempt} attempt(s): {e}");
                audit(db, "email_failed", &out, &detail).await;
                return;
            }
            Err(e) => {
                tracing::warn!(kind = out.kind, attempt, error = %e, "email not delivered; will retry");
                tokio::time::sleep(wait).await;
                wait = (wait * 2).min(Duration::from_secs(3600));
                attempt += 1;
            }
        }
    }
}

async fn audit(db: &Db, kind: &str, out: &Outgoing, what: &str) {
    let detail = format!("{} to {}: {what}", out.kind, out.to);
    crate::audit::record(
        db,
        crate::audit::Event {
            kind,
            user: out.user.as_deref(),
            detail: &detail,
            ..Default::default()
        },
    )
    .await;
}
