//! SQL for `clients` and `client_redirect_uris`.

use sqlx::FromRow;

use super::{Exec, Tx, now, on};

#[derive(Debug, Clone, FromRow, serde::Serialize)]
pub struct Client {
    pub client_id: String,
    pub name: String,
    #[serde(skip)]
    pub secret_hash: Option<String>,
    pub first_party: bool,
    pub require_pkce: bool,
    pub id_token_alg: String,
    pub require_mfa: Option<bool>,
    pub created_at: i64,
}

impl Client {
    /// Public clients have no secret (RFC 6749 2.1).
    pub fn is_public(&self) -> bool {
        self.secret_hash.is_none()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UriKind {
    Login,
    Logout,
}

impl UriKind {
    fn as_str(self) -> &'static str {
        match self {
            UriKind::Login => "login",
            UriKind::Logout => "logout",
        }
    }
}

const COLUMNS: &str = "client_id, name, secret_hash, first_party, require_pkce, id_token_alg, require_mfa, created_at";

pub struct NewClient<'a> {
    pub client_id: &'a str,
    pub name: &'a str,
    pub secret_hash: Option<&'a str>,
    pub first_party: bool,
    pub require_pkce: bool,
    pub id_token_alg: &'a str,
    pub require_mfa: Option<bool>,
}

/// Inserts the client and its URIs; run inside a transaction.
pub async fn insert(
    tx: &mut Tx,
    c: &NewClient<'_>,
    redirect_uris: &[String],
    logout_uris: &[String],
) -> sqlx::Result<()> {
    on!(&mut *tx, |p| sqlx::query(
        "INSERT INTO clients (client_id, name, secret_hash, first_party, require_pkce, \
         id_token_alg, require_mfa, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(c.client_id)
    .bind(c.name)
    .bind(c.secret_hash)
    .bind(c.first_party)
    .bind(c.require_pkce)
    .bind(c.id_token_alg)
    .bind(c.require_mfa)
    .bind(now())
    .execute(p)
    .await
    .map(|r| r.rows_affected()))?;
    for (kind, uris) in [
        (UriKind::Login, redirect_uris),
        (UriKind::Logout, logout_uris),
    ] {
        for uri in uris {
            on!(&mut *tx, |p| {
                sqlx::query("INSERT INTO client_redirect_uris (client_id, kind, uri) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
                .bind(c.client_id)
                .bind(kind.as_str())
                .bind(uri)
.execute(p)
.await.map(|r| r.rows_affected())
            })?;
        }
    }
    Ok(())
}

pub async fn get(db: impl Into<Exec<'_>>, client_id: &str) -> sqlx::Result<Option<Client>> {
    on!(db, |p| sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM clients WHERE client_id = $1"
    ))
    .bind(client_id)
    .fetch_optional(p)
    .await)
}

#[derive(FromRow)]
pub(super) struct ClientAndThrottle {
    client_id: Option<String>,
    name: Option<String>,
    secret_hash: Option<String>,
    first_party: Option<bool>,
    require_pkce: Option<bool>,
    id_token_alg: Option<String>,
    require_mfa: Option<bool>,
    created_at: Option<i64>,
    throttle_key: Option<String>,
    locked_until: Option<i64>,
}

/// One row whether or not the client or the throttle row exists.
pub(super) const CLIENT_AND_THROTTLE: &str = "SELECT c.client_id, c.name, c.secret_hash, c.first_party, c.require_pkce, c.id_token_alg, \
            c.require_mfa, c.created_at, th.key AS throttle_key, th.locked_until \
     FROM (SELECT $1 AS id, $2 AS k) one \
     LEFT JOIN clients c ON c.client_id = one.id LEFT JOIN throttle th ON th.key = one.k";

/// The client `client_id`, if it exists, and the throttle row of `key`, if
/// any, in one statement: the token endpoint's first read.
pub async fn get_with_throttle(
    db: impl Into<Exec<'_>>,
    client_id: &str,
    key: &str,
) -> sqlx::Result<(Option<Client>, Option<super::throttle::KeyedThrottle>)> {
    let row: ClientAndThrottle = on!(db, |p| sqlx::query_as(CLIENT_AND_THROTTLE)
        .bind(client_id)
        .bind(key)
        .fetch_one(p)
        .await)?;
    Ok(row.split())
}

impl ClientAndThrottle {
    pub(super) fn split(self) -> (Option<Client>, Option<super::throttle::KeyedThrottle>) {
        let row = self;
        let throttle = match (row.throttle_key, row.locked_until) {
            (Some(key), Some(locked_until)) => {
                Some(super::throttle::KeyedThrottle { key, locked_until })
            }
            _ => None,
        };
        // Every column but the nullable ones is set exactly when the client exists.
        let client = match (
            row.client_id,
            row.name,
            row.first_party,
            row.require_pkce,
            row.id_token_alg,
            row.created_at,
        ) {
            (
                Some(client_id),
                Some(name),
                Some(first_party),
                Some(require_pkce),
                Some(id_token_alg),
                Some(created_at),
            ) => Some(Client {
                client_id,
                name,
                secret_hash: row.secret_hash,
                first_party,
                require_pkce,
                id_token_alg,
                require_mfa: row.require_mfa,
                created_at,
            }),
            _ => None,
        };
        (client, throttle)
    }
}

pub async fn list(db: impl Into<Exec<'_>>) -> sqlx::Result<Vec<Client>> {
    on!(db, |p| sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM clients ORDER BY client_id"
    ))
    .fetch_all(p)
    .await)
}

#[derive(FromRow)]
struct ClientWithUris {
    #[sqlx(flatten)]
    client: Client,
    /// A JSON array of URIs, sorted.
    uris: String,
}

/// A client with its URIs of one kind, in one statement (every
/// authorization request needs both).
pub async fn with_uris(
    db: impl Into<Exec<'_>>,
    client_id: &str,
    kind: UriKind,
) -> sqlx::Result<Option<(Client, Vec<String>)>> {
    let exec = db.into();
    // A JSON array, as a URI may hold any separator.
    let uris = if exec.is_sqlite() {
        "json_group_array(uri ORDER BY uri)"
    } else {
        "coalesce(json_agg(uri ORDER BY uri), '[]')::text"
    };
    let sql = format!(
        "SELECT client_id, name, secret_hash, first_party, require_pkce, id_token_alg, \
                require_mfa, created_at, \
                (SELECT {uris} FROM client_redirect_uris u \
                 WHERE u.client_id = clients.client_id AND u.kind = $1) AS uris \
         FROM clients WHERE client_id = $2"
    );
    let row: Option<ClientWithUris> = on!(exec, |p| sqlx::query_as(&sql)
        .bind(kind.as_str())
        .bind(client_id)
        .fetch_optional(p)
        .await)?;
    row.map(|r| Ok((r.client, super::json_strings(&r.uris)?)))
        .transpose()
}

pub async fn uris(
    db: impl Into<Exec<'_>>,
    client_id: &str,
    kind: UriKind,
) -> sqlx::Result<Vec<String>> {
    on!(db, |p| sqlx::query_scalar(
        "SELECT uri FROM client_redirect_uris WHERE client_id = $1 AND kind = $2 ORDER BY uri",
    )
    .bind(client_id)
    .bind(kind.as_str())
    .fetch_all(p)
    .await)
}

pub async fn set_secret_hash(
    db: impl Into<Exec<'_>>,
    client_id: &str,
    hash: &str,
) -> sqlx::Result<bool> {
    let r = on!(db, |p| sqlx::query(
        "UPDATE clients SET secret_hash = $1 WHERE client_id = $2 AND secret_hash IS NOT NULL",
    )
    .bind(hash)
    .bind(client_id)
    .execute(p)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(r == 1)
}

pub async fn delete(db: impl Into<Exec<'_>>, client_id: &str) -> sqlx::Result<bool> {
    let r = on!(db, |p| sqlx::query(
        "DELETE FROM clients WHERE client_id = $1"
    )
    .bind(client_id)
    .execute(p)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(r == 1)
}

pub async fn add_uri(
    db: impl Into<Exec<'_>>,
    client_id: &str,
    kind: UriKind,
    uri: &str,
) -> sqlx::Result<()> {
    on!(db, |p| {
        sqlx::query(
        "INSERT INTO client_redirect_uris (client_id, kind, uri) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
    )
    .bind(client_id)
    .bind(kind.as_str())
    .bind(uri)
.execute(p)
.await.map(|r| r.rows_affected())
    })?;
    Ok(())
}

pub async fn remove_uri(
    db: impl Into<Exec<'_>>,
    client_id: &str,
    kind: UriKind,
    uri: &str,
) -> sqlx::Result<bool> {
    let r = on!(db, |p| sqlx::query(
        "DELETE FROM client_redirect_uris WHERE client_id = $1 AND kind = $2 AND uri = $3",
    )
    .bind(client_id)
    .bind(kind.as_str())
    .bind(uri)
    .execute(p)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(r == 1)
}

pub async fn set_name(db: impl Into<Exec<'_>>, client_id: &str, name: &str) -> sqlx::Result<()> {
    on!(db, |p| sqlx::query(
        "UPDATE clients SET name = $1 WHERE client_id = $2"
    )
    .bind(name)
    .bind(client_id)
    .execute(p)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}
