//! The audit trail: each security event is a row in `audit_events` and the
//! same structured log line. Callers never pass secrets, codes or passwords.

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
pub async fn record(db: impl Into<db::Exec<'_>>, e: Event<'_>) {
    announce(&e);
    if let Err(err) = db::audit::insert(db, &row(&e)).await {
        tracing::error!(error = %err, event = e.kind, "could not write the audit trail");
    }
}

/// The event's log line and metric, for an event whose row is written by
/// the caller's own statement batch ([`row`]).
pub fn announce(e: &Event<'_>) {
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
}

/// The event's `audit_events` row, timestamped now.
pub fn row(e: &Event<'_>) -> AuditRow {
    AuditRow {
        at: db::now(),
        event: e.kind.to_string(),
        username: e.user.map(str::to_string),
        client_id: e.client.map(str::to_string),
        ip: e.ip.map(str::to_string),
        detail: e.detail.to_string(),
    }
}

/// Records an event about a user known by id (the name is looked up).
pub async fn user_event(db: &Db, kind: &str, user_id: i64, detail: &str) {
    let name = db::users::by_id(db, user_id)
        .await
        .ok()
        .flatten()
        .map(|u| u.username);
    named_event(db, kind, name.as_deref(), detail).await;
}

/// Records an event about a user whose name the caller already has.
pub async fn named_event(db: &Db, kind: &str, username: Option<&str>, detail: &str) {
    record(
        db,
        Event {
            kind,
            user: username,
            detail,
            ..Default::default()
        },
    )
    .await;
}
