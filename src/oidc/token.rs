//! The token endpoint's grants (RFC 6749 4.1.3, 6; OIDC Core 3.1.3, 12):
//! each an ordered checklist, every failure a typed RFC error.

use serde::Serialize;
use serde_json::{Value, json};

use super::authorize::Amr;
use super::keys::Alg;
use super::params::Params;
use super::scope::Scope;
use super::{OAuthError, claims};
use crate::app::AppState;
use crate::audit;
use crate::crypto;
use crate::db::{self, clients::Client, grants::Grant};

#[derive(Debug, Serialize)]
pub struct TokenResponse {
    pub access_token: String,
    pub token_type: &'static str,
    pub expires_in: i64,
    pub scope: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id_token: Option<String>,
}

fn internal<E: std::fmt::Display>(e: E) -> OAuthError {
    tracing::error!(error = %e, "token endpoint failure");
    OAuthError::server_error()
}

/// What every refused code or refresh token is told. RFC 6749 5.2 names the
/// possible reasons in one sentence; which one applied goes to the log
/// only, so a client learns nothing about other clients' codes or about
/// the user (disabled, deleted, signed out).
pub const INVALID_GRANT: &str = "the authorization code or refresh token is invalid, expired, revoked or not issued to this client";

/// `invalid_grant` with [`INVALID_GRANT`]; `reason` is logged.
fn refused(client: &Client, reason: &str) -> OAuthError {
    tracing::info!(client_id = %client.client_id, reason, "token request refused: invalid_grant");
    OAuthError::invalid_grant(INVALID_GRANT)
}

/// `grant_type=authorization_code`. Everything is read before the write
/// lock is taken; the write transaction only marks the code used and stores
/// the tokens, and the id_token is signed after it commits.
pub async fn exchange_code(
    state: &AppState,
    client: &Client,
    params: &Params,
) -> Result<TokenResponse, OAuthError> {
    let code = params
        .get("code")
        .ok_or_else(|| OAuthError::invalid_request("code is missing"))?;
    let redirect_uri = params
        .get("redirect_uri")
        .ok_or_else(|| OAuthError::invalid_request("redirect_uri is missing"))?;
    let hash = crypto::digest(code);
    let row = db::grants::code(db::Exec::Writer(&state.db), &hash)
        .await
        .map_err(internal)?
        .ok_or_else(|| refused(client, "unknown authorization code"))?;
    if row.used_at.is_some() {
        return Err(replayed(state, client, &row.grant.id, Replay::Code).await);
    }
    let checks = (|| {
        if row.grant.client_id != client.client_id {
            return Err("code was issued to another client");
        }
        if row.expires_at <= db::now() {
            return Err("authorization code expired");
        }
        if row.grant_revoked_at.is_some() {
            return Err("the code's grant was revoked (its login ended)");
        }
        // RFC 6749 4.1.3: the same redirect_uri as in the authorization request.
        if row.redirect_uri != redirect_uri {
            return Err("redirect_uri does not match");
        }
        verify_pkce(row.code_challenge.as_deref(), params.get("code_verifier"))
    })();
    let subject = match checks {
        Ok(()) => subject(state, &row.grant).await?,
        Err(_) => None,
    };
    let (Ok(()), Some((user, groups))) = (checks, subject) else {
        // A code that fails a check is spent all the same.
        let spent = db::grants::use_code(&state.db, &hash)
            .await
            .map_err(internal)?;
        if !spent {
            return Err(replayed(state, client, &row.grant.id, Replay::Code).await);
        }
        return Err(refused(
            client,
            checks.err().unwrap_or("the user is disabled or deleted"),
        ));
    };
    let scope = Scope::parse_supported(&row.grant.scope);
    let stored = StoredTokens::new(Minted::new(state), user, groups, &scope);
    let spend = db::grants::Spend::Code(&hash);
    let detail = "grant_type=authorization_code";
    if !spend_and_issue(state, spend, client, &row.grant, &stored, detail).await? {
        return Err(replayed(state, client, &row.grant.id, Replay::Code).await);
    }
    sign_response(state, client, &row.grant, stored, true).await
}

enum Replay {
    Code,
    RefreshToken,
}

/// RFC 6749 4.1.2, RFC 9700 4.5 and 4.14.2: a code used twice, or a rotated
/// refresh token used again, revokes the grant and every token it issued.
async fn replayed(state: &AppState, client: &Client, grant_id: &str, what: Replay) -> OAuthError {
    let (detail, answer) = match what {
        Replay::Code => (
            "authorization code replayed: grant revoked",
            "authorization code already used",
        ),
        Replay::RefreshToken => (
            "refresh token reused: grant revoked",
            "refresh token already used",
        ),
    };
    if let Err(e) = db::grants::revoke_grant(&state.db, grant_id).await {
        return internal(e);
    }
    audit::record(
        &state.db,
        audit::Event {
            kind: "token_revoked",
            client: Some(&client.client_id),
            detail,
            ..Default::default()
        },
    )
    .await;
    tracing::warn!(client_id = %client.client_id, "{detail}");
    refused(client, answer)
}

/// RFC 7636 4.6, and RFC 9700 2.1.1: a verifier without a stored challenge
/// is refused (PKCE downgrade).
fn verify_pkce(challenge: Option<&str>, verifier: Option<&str>) -> Result<(), &'static str> {
    match (challenge, verifier) {
        (None, None) => Ok(()),
        (None, Some(_)) => Err("code_verifier sent but no code_challenge was"),
        (Some(_), None) => Err("code_verifier is missing"),
        (Some(c), Some(v)) => {
            use sha2::Digest;
            let valid_form = (43..=128).contains(&v.len())
                && v.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-._~".contains(&b));
            if valid_form && crypto::ct_eq(&crypto::b64url(&sha2::Sha256::digest(v.as_bytes())), c)
            {
                Ok(())
            } else {
                Err("code_verifier does not match")
            }
        }
    }
}

/// The request's `refresh_token`, as read along with the client
/// ([`db::grants::client_and_refresh_token`]).
pub struct RefreshLookup {
    /// Its digest.
    pub hash: String,
    /// Its row, `None` when unknown.
    pub found: Option<db::grants::RefreshRead>,
    /// The new pair, minted before the read; its `now` is the one every
    /// check of this refresh uses.
    pub minted: Minted,
    /// The read already spent the token and stored `minted`
    /// ([`db::grants::SpeculativeRefresh`]).
    pub spent: bool,
}

impl RefreshLookup {
    /// What the read may store at once, for a request it could decide
    /// alone: a client secret to compare, and no `scope` parameter (a
    /// narrower scope is judged here).
    pub fn speculative(
        &self,
        state: &AppState,
        secret_digests: [String; 2],
    ) -> db::grants::SpeculativeRefresh {
        let session = &state.config.session;
        let m = &self.minted;
        db::grants::SpeculativeRefresh {
            now: m.now,
            secret_digests,
            created_after: m.now - session.absolute_hours * 3600,
            seen_after: m.now - session.idle_minutes * 60,
            access_hash: m.access_hash.clone(),
            access_expires_at: m.access_expires_at,
            refresh_hash: m.refresh_hash.clone(),
            refresh_expires_at: m.refresh_expires_at,
            event: TOKEN_ISSUED,
            detail: REFRESH_DETAIL,
        }
    }

    /// Fails closed when a check here refused what the read spent (the
    /// SQL and these checks disagree, which is a bug): the grant, with the
    /// pair just stored, is revoked.
    pub async fn disown(&self, state: &AppState) {
        let Some((row, _)) = self.found.as_ref().filter(|_| self.spent) else {
            return;
        };
        tracing::error!(
            grant = %row.grant.id,
            "a refresh stored in its first read was refused after it: grant revoked"
        );
        if let Err(e) = db::grants::revoke_grant(&state.db, &row.grant.id).await {
            tracing::error!(error = %e, "could not revoke the grant");
        }
    }
}

const TOKEN_ISSUED: &str = "token_issued";
const REFRESH_DETAIL: &str = "grant_type=refresh_token";

/// `grant_type=refresh_token`: rotates the refresh token (RFC 9700 4.14.2).
/// `lookup` is `None` exactly when the request has no `refresh_token`.
pub async fn refresh(
    state: &AppState,
    client: &Client,
    params: &Params,
    lookup: Option<RefreshLookup>,
) -> Result<TokenResponse, OAuthError> {
    let mut lookup =
        lookup.ok_or_else(|| OAuthError::invalid_request("refresh_token is missing"))?;
    let now = lookup.minted.now;
    let checked = match lookup.found.take() {
        Some(found) => refresh_checks(state, client, params, found, now).await,
        None => Err(refused(client, "unknown refresh token")),
    };
    let (grant, user, groups, scope) = match checked {
        Ok(c) => c,
        Err(e) => {
            lookup.disown(state).await;
            return Err(e);
        }
    };
    let RefreshLookup {
        hash,
        minted,
        spent,
        ..
    } = lookup;
    let stored = StoredTokens::new(minted, user, groups, &scope);
    if spent {
        audit::announce(&issued_event(client, &stored, REFRESH_DETAIL));
    } else {
        let spend = db::grants::Spend::RefreshToken(&hash);
        if !spend_and_issue(state, spend, client, &grant, &stored, REFRESH_DETAIL).await? {
            // Rotated by a concurrent request since it was read.
            return Err(replayed(state, client, &grant.id, Replay::RefreshToken).await);
        }
    }
    sign_response(state, client, &grant, stored, false).await
}

/// Every check of a refresh, at `now`, on the token's row: the grant, its
/// user and groups, and the scope to issue.
async fn refresh_checks(
    state: &AppState,
    client: &Client,
    params: &Params,
    (row, subject): db::grants::RefreshRead,
    now: i64,
) -> Result<(Grant, db::users::User, Vec<String>, Scope), OAuthError> {
    if row.grant.client_id != client.client_id {
        return Err(refused(
            client,
            "refresh token was issued to another client",
        ));
    }
    if row.used_at.is_some() {
        // Reuse of a rotated token: the chain may be stolen, revoke it all.
        return Err(replayed(state, client, &row.grant.id, Replay::RefreshToken).await);
    }
    if !row.is_active(now) {
        return Err(refused(client, "refresh token is expired or revoked"));
    }
    if !bound_login_alive(state, &row, now) {
        return Err(refused(
            client,
            "the login this refresh token is bound to has ended",
        ));
    }
    let granted = Scope::parse_supported(&row.token_scope);
    // RFC 6749 6: a narrower scope may be asked for, never a wider one.
    let scope = match params.get("scope") {
        None => granted,
        Some(s) => {
            let asked = Scope::parse_supported(s);
            if !asked.is_subset(&granted) || s.split(' ').any(|v| !asked.contains(v)) {
                return Err(OAuthError::new(
                    super::ErrorCode::InvalidScope,
                    "scope exceeds the original grant",
                ));
            }
            asked
        }
    };
    let (user, groups) = subject
        .filter(|(u, _)| !u.disabled)
        .ok_or_else(|| refused(client, "the user is disabled or deleted"))?;
    Ok((row.grant, user, groups, scope))
}

/// OIDC Core 11: without `offline_access` a refresh token is bound to the
/// login that made its grant, and is good only while that login is: its
/// row exists (deleting it revokes the grant too) and is within the
/// session's idle and absolute lifetimes, as the pages judge it. For rows
/// from [`db::grants::refresh_token`], which reads the login.
pub fn bound_login_alive(state: &AppState, row: &db::grants::TokenRow, now: i64) -> bool {
    if row.grant.session_ref.is_none() {
        return true;
    }
    match (row.session_created_at, row.session_last_seen_at) {
        (Some(created_at), Some(last_seen_at)) => {
            let times = crate::config::LoginTimes {
                created_at,
                last_seen_at,
                remembered_until: row.session_remembered_until,
            };
            // A grant is only made for a complete login.
            state.config.session.login_alive(times, true, now)
        }
        _ => false,
    }
}

/// The grant's user, if still enabled, and their groups.
async fn subject(
    state: &AppState,
    grant: &Grant,
) -> Result<Option<(db::users::User, Vec<String>)>, OAuthError> {
    Ok(
        db::users::with_groups(db::Exec::Writer(&state.db), grant.user_id)
            .await
            .map_err(internal)?
            .filter(|(u, _)| !u.disabled),
    )
}

/// Tokens written under a grant, waiting for their id_token.
struct StoredTokens {
    user: db::users::User,
    groups: Vec<String>,
    scope: Scope,
    minted: Minted,
}

impl StoredTokens {
    fn new(minted: Minted, user: db::users::User, groups: Vec<String>, scope: &Scope) -> Self {
        StoredTokens {
            user,
            groups,
            scope: scope.clone(),
            minted,
        }
    }
}

/// A new random access and refresh token, their digests and lifetimes,
/// not stored yet.
pub struct Minted {
    access_token: String,
    refresh_token: String,
    access_hash: String,
    refresh_hash: String,
    now: i64,
    access_expires_at: i64,
    refresh_expires_at: i64,
}

impl Minted {
    pub fn new(state: &AppState) -> Self {
        let t = &state.config.tokens;
        let now = db::now();
        let (access_token, refresh_token) = (crypto::random_token(), crypto::random_token());
        Minted {
            access_hash: crypto::digest(&access_token),
            refresh_hash: crypto::digest(&refresh_token),
            access_token,
            refresh_token,
            now,
            access_expires_at: now + t.access_token_seconds,
            refresh_expires_at: now + t.refresh_token_seconds,
        }
    }
}

/// The audit event of a pair issued to `client`.
fn issued_event<'a>(client: &'a Client, t: &'a StoredTokens, detail: &'a str) -> audit::Event<'a> {
    audit::Event {
        kind: TOKEN_ISSUED,
        user: Some(&t.user.username),
        client: Some(&client.client_id),
        detail,
        ..Default::default()
    }
}

/// Spends the code or refresh token and stores the pair minted for it with
/// its audit row: one transaction, one round trip. Signing waits until
/// after the commit, so the write lock is never held across RSA.
async fn spend_and_issue(
    state: &AppState,
    spend: db::grants::Spend<'_>,
    client: &Client,
    grant: &Grant,
    t: &StoredTokens,
    detail: &str,
) -> Result<bool, OAuthError> {
    let scope = t.scope.to_string();
    let event = issued_event(client, t, detail);
    let m = &t.minted;
    let tokens = db::grants::NewTokens {
        grant_id: &grant.id,
        scope: &scope,
        access_hash: &m.access_hash,
        access_expires_at: m.access_expires_at,
        refresh_hash: &m.refresh_hash,
        refresh_expires_at: m.refresh_expires_at,
    };
    let issued = db::grants::spend_and_issue(&state.db, spend, &tokens, &audit::row(&event))
        .await
        .map_err(internal)?;
    if issued {
        audit::announce(&event);
    }
    Ok(issued)
}

/// Signs the id_token (OIDC Core 2, 3.1.3.6) and assembles the response.
async fn sign_response(
    state: &AppState,
    client: &Client,
    grant: &Grant,
    stored: StoredTokens,
    with_nonce: bool,
) -> Result<TokenResponse, OAuthError> {
    let t = &state.config.tokens;
    let now = stored.minted.now;
    let alg = Alg::parse(&client.id_token_alg).unwrap_or(Alg::RS256);
    let amr: Vec<Amr> = serde_json::from_str(&grant.amr).unwrap_or_default();
    let mut c = claims::user_claims(&stored.user, &stored.groups, &stored.scope);
    c.insert("iss".into(), json!(state.config.issuer));
    c.insert("aud".into(), json!(client.client_id));
    c.insert("azp".into(), json!(client.client_id));
    c.insert("iat".into(), json!(now));
    c.insert("exp".into(), json!(now + t.id_token_seconds));
    c.insert("auth_time".into(), json!(grant.auth_time));
    c.insert("amr".into(), json!(amr));
    c.insert("acr".into(), json!(grant.acr));
    c.insert(
        "at_hash".into(),
        json!(claims::at_hash(&stored.minted.access_token, alg)),
    );
    if with_nonce && let Some(n) = &grant.nonce {
        c.insert("nonce".into(), Value::String(n.clone()));
    }
    let id_token = state.keys.sign(alg, c).await.map_err(internal)?;
    Ok(TokenResponse {
        access_token: stored.minted.access_token,
        token_type: "Bearer",
        expires_in: t.access_token_seconds,
        scope: stored.scope.to_string(),
        refresh_token: Some(stored.minted.refresh_token),
        id_token: Some(id_token),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pkce_rfc7636_appendix_b() {
        let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
        let challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
        assert!(verify_pkce(Some(challenge), Some(verifier)).is_ok());
        assert!(verify_pkce(Some(challenge), Some("x".repeat(43).as_str())).is_err());
        assert!(verify_pkce(Some(challenge), None).is_err());
        assert!(verify_pkce(None, Some(verifier)).is_err());
        assert!(verify_pkce(None, None).is_ok());
    }
}
