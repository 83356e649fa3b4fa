//! Back-channel endpoints: `/token`, `/userinfo`, `/revoke` (RFC 7009) and
//! `/introspect` (RFC 7662). JSON in, JSON out, never cached.

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde_json::json;

use super::client_ip::ClientIp;
use super::form_body;
use super::oauth_response::{JsonError, json_no_store};
use crate::app::AppState;
use crate::audit;
use crate::auth::throttle::{self, Policy};
use crate::crypto;
use crate::db::{self, clients::Client};
use crate::oidc::client_auth;
use crate::oidc::params::Params;
use crate::oidc::scope::Scope;
use crate::oidc::{ErrorCode, OAuthError, claims, token};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/token", post(token_post))
        .route("/userinfo", get(userinfo).post(userinfo))
        .route("/revoke", post(revoke_post))
        .route("/introspect", post(introspect_post))
}

fn server_error<E: std::fmt::Display>(e: E) -> JsonError {
    tracing::error!(error = %e, "back-channel failure");
    JsonError(OAuthError::server_error())
}

/// Parses the form body and authenticates the client.
/// Client authentication failures: ten free per client at one address,
/// then 10 s doubling; a success clears them. (Per client and address: a
/// guesser elsewhere, or at a shared address guessing another client, locks
/// no one else out. The check is a digest comparison, cheap enough to
/// count after it.)
const CLIENT_POLICY: Policy = Policy {
    free: 10,
    base_seconds: 10,
};

async fn authenticated(
    state: &AppState,
    ip: ClientIp,
    headers: &HeaderMap,
    body: &Bytes,
) -> Result<(Params, Client), JsonError> {
    let (params, client, _) = authenticated_reading(state, ip, headers, body, false).await?;
    Ok((params, client))
}

/// [`authenticated`]; for a `/token` request (`token_request`) the reads
/// run on the write connection, since a write follows, and a
/// `grant_type=refresh_token` request's token is read along with the
/// client in one round trip (used only once the client is authenticated).
/// On SQLite that round trip also rotates the token when the database
/// finds every condition met (`token::RefreshLookup::speculative`); a
/// refusal here of what it spent revokes the grant.
async fn authenticated_reading(
    state: &AppState,
    ip: ClientIp,
    headers: &HeaderMap,
    body: &Bytes,
    token_request: bool,
) -> Result<(Params, Client, Option<token::RefreshLookup>), JsonError> {
    let params = form_body(headers, body).map_err(OAuthError::invalid_request)?;
    let presented = client_auth::presented(headers, &params)?;
    let key = format!("client:{}@{}", presented.client_id(), ip.key());
    let refresh_hash = params
        .get("refresh_token")
        .filter(|_| token_request && params.get("grant_type") == Some("refresh_token"))
        .map(crypto::digest);
    let ((found, row), token) = match refresh_hash {
        Some(hash) => {
            let mut lookup = token::RefreshLookup {
                hash,
                found: None,
                minted: token::Minted::new(state),
                spent: false,
            };
            let speculative = presented
                .secret()
                .filter(|_| params.get("scope").is_none())
                .map(|secret| lookup.speculative(state, client_auth::secret_digests(secret)));
            let read = db::grants::client_and_refresh_token(
                &state.db,
                presented.client_id(),
                &key,
                &lookup.hash,
                speculative,
            )
            .await
            .map_err(server_error)?;
            lookup.found = read.token;
            lookup.spent = read.spent;
            (read.client, Some(lookup))
        }
        None => {
            let reader = if token_request {
                db::Exec::Writer(&state.db)
            } else {
                db::Exec::Pool(&state.db)
            };
            let read = db::clients::get_with_throttle(reader, presented.client_id(), &key)
                .await
                .map_err(server_error)?;
            (read, None)
        }
    };
    let authenticated = authenticate_counted(state, ip, &presented, &key, found, row).await;
    match authenticated {
        Ok(client) => Ok((params, client, token)),
        Err(e) => {
            if let Some(lookup) = &token {
                lookup.disown(state).await;
            }
            Err(e)
        }
    }
}

/// The throttle, then the client's credentials; a failure is counted
/// against `key` and audited, a success clears earlier failures.
async fn authenticate_counted(
    state: &AppState,
    ip: ClientIp,
    presented: &client_auth::Presented,
    key: &str,
    found: Option<Client>,
    row: Option<db::throttle::KeyedThrottle>,
) -> Result<Client, JsonError> {
    let throttled = throttle::Status::of(row);
    if throttled.locked_for().is_some() {
        return Err(OAuthError::new(
            ErrorCode::InvalidClient,
            "too many failed attempts; try again later",
        )
        .into());
    }
    match client_auth::authenticate(&state.db, presented, found).await {
        Ok(client) => {
            throttle::success(&state.db, &throttled, key)
                .await
                .map_err(server_error)?;
            Ok(client)
        }
        Err(e) => {
            if e.error == ErrorCode::InvalidClient {
                throttle::failure(&state.db, key, CLIENT_POLICY)
                    .await
                    .map_err(server_error)?;
                let ip_str = ip.0.map(|i| i.to_string());
                let event = audit::Event {
                    kind: "client_auth_failed",
                    client: Some(presented.client_id()),
                    ip: ip_str.as_deref(),
                    ..Default::default()
                };
                audit::record(&state.db, event).await;
            }
            Err(e.into())
        }
    }
}

async fn token_post(
    State(state): State<AppState>,
    ip: ClientIp,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, JsonError> {
    let (params, client, found) = authenticated_reading(&state, ip, &headers, &body, true).await?;
    let response = match params.get("grant_type") {
        Some("authorization_code") => token::exchange_code(&state, &client, &params).await?,
        Some("refresh_token") => token::refresh(&state, &client, &params, found).await?,
        Some(_) => {
            return Err(OAuthError::new(
                ErrorCode::UnsupportedGrantType,
                "grant_type is not supported",
            )
            .into());
        }
        None => return Err(OAuthError::invalid_request("grant_type is missing").into()),
    };
    Ok(json_no_store(&response))
}

/// The bearer token from the header, or from a form body (RFC 6750 2.1, 2.2).
fn bearer(headers: &HeaderMap, body: &Bytes) -> Result<String, JsonError> {
    let missing = || {
        JsonError(OAuthError::new(
            ErrorCode::InvalidToken,
            "an access token is required",
        ))
    };
    if let Some(v) = headers.get(header::AUTHORIZATION) {
        let v = v.to_str().map_err(|_| missing())?;
        return match v.split_once(' ') {
            Some((scheme, t)) if scheme.eq_ignore_ascii_case("bearer") && !t.trim().is_empty() => {
                Ok(t.trim().to_string())
            }
            _ => Err(missing()),
        };
    }
    if !body.is_empty() {
        let params = form_body(headers, body).map_err(OAuthError::invalid_request)?;
        if let Some(t) = params.get("access_token") {
            return Ok(t.to_string());
        }
    }
    Err(missing())
}

async fn userinfo(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, JsonError> {
    let token = bearer(&headers, &body)?;
    let invalid = || {
        JsonError(OAuthError::new(
            ErrorCode::InvalidToken,
            "the access token is invalid or expired",
        ))
    };
    let row = db::grants::access_token(&state.db, &crypto::digest(&token))
        .await
        .map_err(server_error)?
        .filter(|r| r.is_active(db::now()))
        .ok_or_else(invalid)?;
    let scope = Scope::parse_supported(&row.token_scope);
    if !scope.contains("openid") {
        return Err(OAuthError::new(
            ErrorCode::InsufficientScope,
            "the token lacks the openid scope",
        )
        .into());
    }
    let (user, groups) = db::users::with_groups(&state.db, row.grant.user_id)
        .await
        .map_err(server_error)?
        .filter(|(u, _)| !u.disabled)
        .ok_or_else(invalid)?;
    Ok(json_no_store(&claims::user_claims(&user, &groups, &scope)))
}

async fn revoke_post(
    State(state): State<AppState>,
    ip: ClientIp,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, JsonError> {
    let (params, client) = authenticated(&state, ip, &headers, &body).await?;
    let token = params
        .get("token")
        .ok_or_else(|| OAuthError::invalid_request("token is missing"))?;
    let hash = crypto::digest(token);
    // RFC 7009 2.1: the hint only speeds up the lookup; try both kinds.
    if let Some(r) = db::grants::refresh_token(&state.db, &hash)
        .await
        .map_err(server_error)?
    {
        if r.grant.client_id == client.client_id {
            // Revoking a refresh token revokes its whole grant (RFC 7009 2.1).
            db::grants::revoke_grant(&state.db, &r.grant.id)
                .await
                .map_err(server_error)?;
        }
    } else if let Some(r) = db::grants::access_token(&state.db, &hash)
        .await
        .map_err(server_error)?
        && r.grant.client_id == client.client_id
    {
        db::grants::revoke_access_token(&state.db, &hash)
            .await
            .map_err(server_error)?;
    }
    audit::record(
        &state.db,
        audit::Event {
            kind: "token_revoked",
            client: Some(&client.client_id),
            detail: "revocation endpoint",
            ..Default::default()
        },
    )
    .await;
    // RFC 7009 2.2: 200 whether or not the token was known.
    Ok(json_no_store(&json!({})))
}

async fn introspect_post(
    State(state): State<AppState>,
    ip: ClientIp,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, JsonError> {
    let (params, client) = authenticated(&state, ip, &headers, &body).await?;
    if client.is_public() {
        return Err(
            OAuthError::new(ErrorCode::InvalidClient, "public clients cannot introspect").into(),
        );
    }
    let token = params
        .get("token")
        .ok_or_else(|| OAuthError::invalid_request("token is missing"))?;
    let hash = crypto::digest(token);
    let now = db::now();
    let (row, kind) = match db::grants::access_token(&state.db, &hash)
        .await
        .map_err(server_error)?
    {
        Some(r) => (Some(r), "access_token"),
        None => (
            db::grants::refresh_token(&state.db, &hash)
                .await
                .map_err(server_error)?,
            "refresh_token",
        ),
    };
    // Only the client a token was issued to learns about it.
    let Some(row) = row.filter(|r| {
        r.is_active(now)
            && r.grant.client_id == client.client_id
            && (kind != "refresh_token" || token::bound_login_alive(&state, r, now))
    }) else {
        return Ok(json_no_store(&json!({ "active": false })));
    };
    let user = db::users::by_id(&state.db, row.grant.user_id)
        .await
        .map_err(server_error)?;
    let Some(user) = user.filter(|u| !u.disabled) else {
        return Ok(json_no_store(&json!({ "active": false })));
    };
    Ok(json_no_store(&json!({
        "active": true,
        "scope": row.token_scope,
        "client_id": row.grant.client_id,
        "username": user.username,
        "token_type": if kind == "access_token" { "Bearer" } else { "refresh_token" },
        "exp": row.expires_at,
        "iat": row.grant.created_at,
        "sub": user.subject,
        "aud": row.grant.client_id,
        "iss": state.config.issuer,
    })))
}

impl IntoResponse for crate::oidc::token::TokenResponse {
    fn into_response(self) -> Response {
        json_no_store(&self)
    }
}
