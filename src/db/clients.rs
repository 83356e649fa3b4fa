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
