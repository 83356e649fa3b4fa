//! Client authentication at the token, revocation and introspection
//! endpoints (RFC 6749 2.3): `client_secret_basic`, `client_secret_post`, and
//! `none` for public clients. Secrets are compared as SHA-256 digests in
//! constant time: no password hashing on this path.

use axum::http::HeaderMap;
use axum::http::header::AUTHORIZATION;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;

use super::params::Params;
use super::{ErrorCode, OAuthError};
use crate::crypto;
use crate::db::{self, Db, clients::Client};

/// Credentials as the client presented them.
#[derive(Debug, PartialEq, Eq)]
pub enum Presented {
    Basic {
        id: String,
        secret: String,
    },
    Post {
        id: String,
        secret: String,
    },
    /// A public client names itself only.
    IdOnly {
        id: String,
    },
}

impl Presented {
    pub fn client_id(&self) -> &str {
        match self {
            Presented::Basic { id, .. } | Presented::Post { id, .. } | Presented::IdOnly { id } => {
                id
            }
        }
    }

    /// The client secret, unless the client presented only its id.
    pub fn secret(&self) -> Option<&str> {
        match self {
            Presented::Basic { secret, .. } | Presented::Post { secret, .. } => Some(secret),
            Presented::IdOnly { .. } => None,
        }
    }
}

fn invalid_client(msg: &'static str) -> OAuthError {
    OAuthError::new(ErrorCode::InvalidClient, msg)
}

/// Reads the credentials from the `Authorization` header or the body.
pub fn presented(headers: &HeaderMap, params: &Params) -> Result<Presented, OAuthError> {
    let basic = match headers.get(AUTHORIZATION) {
        None => None,
        Some(v) => {
            let v = v
                .to_str()
                .map_err(|_| invalid_client("malformed Authorization header"))?;
            match v.split_once(' ') {
                Some((scheme, rest)) if scheme.eq_ignore_ascii_case("basic") => Some(
                    parse_basic(rest.trim())
                        .ok_or_else(|| invalid_client("malformed Basic credentials"))?,
                ),
                _ => return Err(invalid_client("unsupported Authorization scheme")),
            }
        }
    };
    let body_id = params.get("client_id");
    let body_secret = params.get("client_secret");
    match (basic, body_id, body_secret) {
        // RFC 6749 2.3: a client must not use more than one method.
        (Some(_), _, Some(_)) => Err(OAuthError::invalid_request(
            "more than one client authentication method",
        )),
        (Some((id, secret)), body_id, None) => {
            if body_id.is_some_and(|b| b != id) {
                return Err(OAuthError::invalid_request(
                    "client_id does not match the credentials",
                ));
            }
            Ok(Presented::Basic { id, secret })
        }
        (None, Some(id), Some(secret)) => Ok(Presented::Post {
            id: id.into(),
            secret: secret.into(),
        }),
        (None, Some(id), None) => Ok(Presented::IdOnly { id: id.into() }),
        (None, None, _) => Err(invalid_client("client authentication is required")),
    }
}

/// `base64(id:secret)`. RFC 6749 2.3.1 form-encodes both parts first; many
/// clients (allauth among them) do not, so both readings are accepted.
fn parse_basic(b64: &str) -> Option<(String, String)> {
    let raw = STANDARD.decode(b64).ok()?;
    let raw = String::from_utf8(raw).ok()?;
    let (id, secret) = raw.split_once(':')?;
    if id.is_empty() {
        return None;
    }
    Some((id.to_string(), secret.to_string()))
}

fn form_decode(s: &str) -> String {
    form_urlencoded::parse(format!("x={s}").as_bytes())
        .next()
        .map(|(_, v)| v.into_owned())
        .unwrap_or_default()
}

/// Digests of a presented secret as sent and form-decoded (RFC 6749
/// 2.3.1), the same twice when decoding changes nothing: either may match.
pub fn secret_digests(secret: &str) -> [String; 2] {
    let plain = crypto::digest(secret);
    let decoded = if secret.contains(['%', '+']) {
        crypto::digest(&form_decode(secret))
    } else {
        plain.clone()
    };
    [plain, decoded]
}

/// Authenticates the client, `found` being the row of
/// `presented.client_id()` already read (with its throttle row); every
/// failure is `invalid_client` (RFC 6749 5.2).
pub async fn authenticate(
    db: &Db,
    presented: &Presented,
    found: Option<Client>,
) -> Result<Client, OAuthError> {
    let id = presented.client_id();
    let mut client = found;
    if client.is_none() && matches!(presented, Presented::Basic { .. }) && id.contains(['%', '+']) {
        client = db::clients::get(db, &form_decode(id))
            .await
            .map_err(|_| OAuthError::server_error())?;
    }
    let Some(client) = client else {
        return Err(invalid_client("client authentication failed"));
    };
    let ok = match (presented, &client.secret_hash) {
        (Presented::IdOnly { .. }, None) => true,
        (Presented::Basic { secret, .. } | Presented::Post { secret, .. }, Some(hash)) => {
            let [plain, decoded] = secret_digests(secret);
            crypto::ct_eq(&plain, hash) || crypto::ct_eq(&decoded, hash)
        }
        _ => false,
    };
    if ok {
        Ok(client)
    } else {
        Err(invalid_client("client authentication failed"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(v: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        if let Ok(v) = v.parse() {
            h.insert(AUTHORIZATION, v);
        }
        h
    }

    #[test]
    fn basic_and_post_are_read_and_mixing_is_refused() {
        let none = Params::default();
        let basic = headers(&format!("Basic {}", STANDARD.encode("app:s3cr%t")));
        assert_eq!(
            presented(&basic, &none),
            Ok(Presented::Basic {
                id: "app".into(),
                secret: "s3cr%t".into()
            })
        );
        let body = Params::parse(b"client_id=app&client_secret=x").unwrap_or_default();
        assert!(matches!(
            presented(&HeaderMap::new(), &body),
            Ok(Presented::Post { .. })
        ));
        assert_eq!(
            presented(&basic, &body).map_err(|e| e.error),
            Err(ErrorCode::InvalidRequest)
        );
        assert_eq!(
            presented(&headers("Basic !!!"), &none).map_err(|e| e.error),
            Err(ErrorCode::InvalidClient)
        );
        assert_eq!(form_decode("a%3Ab+c"), "a:b c");
    }
}
