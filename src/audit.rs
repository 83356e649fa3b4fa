//! The audit trail: each security event is a row in `audit_events` and the
//! same structured log line. Callers never pass secrets, codes or passwords.

use sqlx::SqliteExecutor;

use crate::db::{self, Db, audit::AuditRow};

#[derive(Debug, Clone, Copy, Default)]
pub struct Event<'a> {
    pub kind: &'a str,
    pub user: Option<&'a str>,
    pub client: Option<&'a str>,
    pub ip: Option<&'a str>,
    pub detail: &'a str,
}

/// Records an event, on the pool or inside a caller's transaction (one
/// commit for the change and its trail). A failure to write is logged, never
/// fatal: the request that caused the event goes on.
pub async fn record<'c>(db: impl SqliteExecutor<'c>, e: Event<'_>) {
    crate::metrics::event(e.kind);
    tracing::info!(
        target: "latchkey::audit",
        event = e.kind,
        user = e.user,
        client_id = e.client,
        ip = e.ip,
        detail = e.detail,
        "audit"
    );
    let row = AuditRow {
        at: db::now(),
        event: e.kind.to_string(),
        username: e.user.map(str::to_string),
        client_id: e.client.map(str::to_string),
        ip: e.ip.map(str::to_string),
        detail: e.detail.to_string(),
    };
    if let Err(err) = db::audit::insert(db, &row).await {
        tracing::error!(error = %err, event = e.kind, "could not write the audit trail");
    }
}

/// Records an event about a user known by id (the name is looked up).
pub async fn user_event(db: &Db, kind: &str, user_id: i64, detail: &str) {
    let name = db::users::by_id(db, user_id)
        .await
        .ok()
        .flatten()
        .map(|u| u.username);
    record(
        db,
        Event {
            kind,
            user: name.as_deref(),
            detail,
            ..Default::default()
        },
    )
    .await;
}
