//! Client registration rules, shared by the admin CLI and tests.

use url::Url;

use crate::crypto;
use crate::db::{
    self, Db,
    clients::{Client, NewClient},
};
use crate::oidc::keys::Alg;

#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    #[error("{0}")]
    Invalid(String),
    #[error("client '{0}' does not exist")]
    NotFound(String),
    #[error("client '{0}' already exists")]
    Exists(String),
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

pub struct AddClient<'a> {
    pub client_id: &'a str,
    pub name: Option<&'a str>,
    pub redirect_uris: &'a [String],
    pub post_logout_redirect_uris: &'a [String],
    pub public: bool,
    pub first_party: bool,
    pub require_pkce: bool,
    pub allow_insecure_http: bool,
    pub id_token_alg: Alg,
    pub require_mfa: Option<bool>,
}

/// Client ids travel un-encoded in Basic credentials (allauth does not
/// form-encode them), so they are restricted to URL-safe characters.
pub fn check_client_id(id: &str) -> Result<(), ClientError> {
    let ok = (1..=64).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b));
    if ok {
        Ok(())
    } else {
        Err(ClientError::Invalid(format!(
            "invalid client id '{id}': use 1-64 letters, digits, '.', '_' or '-'"
        )))
    }
}

fn is_loopback(url: &Url) -> bool {
    matches!(url.host_str(), Some("127.0.0.1" | "[::1]" | "localhost"))
}

/// RFC 6749 3.1.2 (absolute, no fragment), RFC 9700 2.1 and RFC 8252 7.
pub fn check_redirect_uri(
    uri: &str,
    public: bool,
    allow_insecure_http: bool,
) -> Result<(), ClientError> {
    let bad = |why: &str| ClientError::Invalid(format!("invalid redirect URI '{uri}': {why}"));
    let url = Url::parse(uri).map_err(|e| bad(&e.to_string()))?;
    if url.fragment().is_some() {
        return Err(bad("it must not contain a fragment"));
    }
    match url.scheme() {
        "https" => Ok(()),
        "http" if is_loopback(&url) || allow_insecure_http => Ok(()),
        "http" => Err(bad(
            "plain http is allowed only for loopback addresses; pass --allow-insecure-http to allow it anyway",
        )),
        "javascript" | "data" | "file" | "vbscript" => Err(bad("this scheme is never allowed")),
        // RFC 8252 7.1: private-use schemes, reverse-domain style, for native apps.
        s if public && s.contains('.') => Ok(()),
        _ if public => Err(bad(
            "a private-use scheme must be reverse-domain style, e.g. com.example.app",
        )),
        _ => Err(bad(
            "only https (or loopback http) is allowed for confidential clients",
        )),
    }
}

/// Registers a client; returns it with its secret (shown once), if confidential.
pub async fn add(db: &Db, c: &AddClient<'_>) -> Result<(Client, Option<String>), ClientError> {
    check_client_id(c.client_id)?;
    if c.redirect_uris.is_empty() {
        return Err(ClientError::Invalid(
            "at least one --redirect-uri is required".into(),
        ));
    }
    for uri in c.redirect_uris.iter().chain(c.post_logout_redirect_uris) {
        check_redirect_uri(uri, c.public, c.allow_insecure_http)?;
    }
    let secret = (!c.public).then(crypto::random_token);
    let hash = secret.as_deref().map(crypto::digest);
    let mut tx = crate::db::begin_write(db).await?;
    db::clients::insert(
        &mut tx,
        &NewClient {
            client_id: c.client_id,
            name: c.name.unwrap_or(c.client_id),
            secret_hash: hash.as_deref(),
            first_party: c.first_party,
            require_pkce: c.require_pkce || c.public,
            id_token_alg: c.id_token_alg.as_str(),
            require_mfa: c.require_mfa,
        },
        c.redirect_uris,
        c.post_logout_redirect_uris,
    )
    .await
    .map_err(|e| {
        if db::is_unique_violation(&e) {
            ClientError::Exists(c.client_id.into())
        } else {
            e.into()
        }
    })?;
    tx.commit().await?;
    let client = find(db, c.client_id).await?;
    Ok((client, secret))
}

pub async fn find(db: &Db, client_id: &str) -> Result<Client, ClientError> {
    db::clients::get(db, client_id)
        .await?
        .ok_or_else(|| ClientError::NotFound(client_id.into()))
}

/// Replaces a confidential client's secret; the old one stops working at once.
pub async fn rotate_secret(db: &Db, client_id: &str) -> Result<String, ClientError> {
    let client = find(db, client_id).await?;
    if client.is_public() {
        return Err(ClientError::Invalid(format!(
            "client '{client_id}' is public and has no secret"
        )));
    }
    let secret = crypto::random_token();
    db::clients::set_secret_hash(db, client_id, &crypto::digest(&secret)).await?;
    Ok(secret)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redirect_uri_rules() {
        assert!(check_redirect_uri("https://app.example/cb/", false, false).is_ok());
        assert!(check_redirect_uri("http://127.0.0.1:8000/cb", false, false).is_ok());
        assert!(check_redirect_uri("http://app.example/cb", false, false).is_err());
        assert!(check_redirect_uri("http://app.example/cb", false, true).is_ok());
        assert!(check_redirect_uri("https://app.example/cb#x", false, false).is_err());
        assert!(check_redirect_uri("com.example.app:/cb", true, false).is_ok());
        assert!(check_redirect_uri("com.example.app:/cb", false, false).is_err());
        assert!(check_redirect_uri("javascript:alert(1)", true, true).is_err());
        assert!(check_redirect_uri("not a url", false, false).is_err());
    }
}

/// Changes to a registered client; the secret and tokens are untouched.
#[derive(Debug, Default)]
pub struct UpdateClient<'a> {
    pub name: Option<&'a str>,
    pub add_redirect_uris: &'a [String],
    pub remove_redirect_uris: &'a [String],
    pub add_logout_uris: &'a [String],
    pub remove_logout_uris: &'a [String],
    pub allow_insecure_http: bool,
}

pub async fn update(db: &Db, client_id: &str, u: &UpdateClient<'_>) -> Result<Client, ClientError> {
    use crate::db::clients::UriKind;
    let client = find(db, client_id).await?;
    for uri in u.add_redirect_uris.iter().chain(u.add_logout_uris) {
        check_redirect_uri(uri, client.is_public(), u.allow_insecure_http)?;
    }
    let current = db::clients::uris(db, client_id, UriKind::Login).await?;
    for uri in u.remove_redirect_uris {
        if !current.contains(uri) {
            return Err(ClientError::Invalid(format!(
                "'{uri}' is not a redirect URI of '{client_id}'"
            )));
        }
    }
    let remaining = current.len() + u.add_redirect_uris.len();
    if remaining <= u.remove_redirect_uris.len() && u.add_redirect_uris.is_empty() {
        return Err(ClientError::Invalid(
            "a client keeps at least one redirect URI".into(),
        ));
    }
    let mut tx = crate::db::begin_write(db).await?;
    if let Some(name) = u.name {
        db::clients::set_name(&mut tx, client_id, name).await?;
    }
    for uri in u.add_redirect_uris {
        db::clients::add_uri(&mut tx, client_id, UriKind::Login, uri).await?;
    }
    for uri in u.remove_redirect_uris {
        db::clients::remove_uri(&mut tx, client_id, UriKind::Login, uri).await?;
    }
    for uri in u.add_logout_uris {
        db::clients::add_uri(&mut tx, client_id, UriKind::Logout, uri).await?;
    }
    for uri in u.remove_logout_uris {
        db::clients::remove_uri(&mut tx, client_id, UriKind::Logout, uri).await?;
    }
    tx.commit().await?;
    find(db, client_id).await
}
