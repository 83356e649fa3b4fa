//! `/authorize` (GET and POST) and `/authorize/resume`: validate the request,
//! keep it among the session's pending requests under a new id, and send
//! the user through each step (login → second factor → consent) until a
//! code is issued.

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Query, RawQuery, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use serde::Deserialize;

use super::error::AppError;
use super::oauth_response::{error_redirect, redirect_with};
use super::pending;
use super::session::{Login, WebSession};
use super::{AppResult, form_body};
use crate::app::AppState;
use crate::crypto;
use crate::db::{
    self,
    clients::{Client, UriKind},
    grants::Grant,
};
use crate::oidc::authorize::{
    self, AuthRequest, ErrorRedirect, LoginFacts, Next, Rejection, Situation,
};
use crate::oidc::params::Params;
use crate::oidc::scope::Scope;
use crate::oidc::{ErrorCode, OAuthError};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/authorize", get(authorize_get).post(authorize_post))
        .route("/authorize/resume", get(resume_get))
}

async fn authorize_get(
    State(state): State<AppState>,
    ws: WebSession,
    RawQuery(q): RawQuery,
) -> AppResult {
    let params = Params::parse(q.unwrap_or_default().as_bytes())
        .map_err(|e| AppError::Malformed(e.to_string()))?;
    start(&state, ws, params).await
}

async fn authorize_post(
    State(state): State<AppState>,
    ws: WebSession,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult {
    let params = form_body(&headers, &body).map_err(AppError::BadRequest)?;
    start(&state, ws, params).await
}

async fn start(state: &AppState, mut ws: WebSession, params: Params) -> AppResult {
    let found = match params.get("client_id") {
        Some(id) => db::clients::with_uris(&state.db, id, UriKind::Login).await?,
        None => None,
    };
    let (client, registered) = match found {
        Some((c, uris)) => (Some(c), uris),
        None => (None, Vec::new()),
    };
    let mut req = match authorize::validate(&params, client.as_ref(), &registered) {
        Ok(r) => r,
        Err(Rejection::Page(e)) => {
            // Neither the user nor the client learns more than this page says;
            // the admin finds the details here.
            tracing::warn!(
                client_id = params.get("client_id").unwrap_or("-"),
                redirect_uri = params.get("redirect_uri").unwrap_or("-"),
                error = %e,
                "authorization request refused"
            );
            return Err(AppError::OAuth(e));
        }
        Err(Rejection::Redirect(e)) => return Ok(error_redirect(&e, &state.config.issuer)),
    };
    // The redirect URI is verified: errors from here go back to the client.
    if let Err(e) = pending::check_caps(&req) {
        return Ok(fail(state, &req, e));
    }
    // The hint is only needed for its subject: it is not stored.
    if let Some(hint) = req.id_token_hint.take() {
        match hint_subject(state, &hint).await {
            Some(sub) => req.hint_subject = Some(sub),
            None => {
                return Ok(fail(
                    state,
                    &req,
                    OAuthError::invalid_request("id_token_hint is not valid"),
                ));
            }
        }
    }
    let id = ws.data.pending.push(req);
    ws.data.return_to = None;
    // No server-side row for a visitor without one (F7).
    ws.keep().await?;
    match client {
        Some(client) => resume_with(state, ws, client, &id).await,
        None => resume(state, ws, Some(&id)).await,
    }
}

/// The `sub` of an id_token we issued (expired ones are fine as hints).
pub async fn hint_subject(state: &AppState, token: &str) -> Option<String> {
    let claims = state.keys.verify(token).await?;
    if claims.get("iss")?.as_str()? != state.config.issuer {
        return None;
    }
    claims.get("sub")?.as_str().map(str::to_string)
}

#[derive(Deserialize)]
struct ResumeQuery {
    /// The pending request to continue; the most recent one if absent.
    req: Option<String>,
}

async fn resume_get(
    State(state): State<AppState>,
    ws: WebSession,
    Query(q): Query<ResumeQuery>,
) -> AppResult {
    resume(&state, ws, q.req.as_deref()).await
}

/// Where a step continues a pending request: `/authorize/resume?req=ID`.
pub fn resume_url(id: &str) -> String {
    format!(
        "/authorize/resume?{}",
        form_urlencoded::Serializer::new(String::new())
            .append_pair("req", id)
            .finish()
    )
}

/// The page for an id that names no pending request (finished, replaced
/// by newer ones, or expired).
pub fn gone() -> AppError {
    AppError::BadRequest(crate::i18n::t("authorize-gone"))
}

/// Runs the next step of a pending authorization: `id`'s, else the most
/// recent one, else a forward-auth return URL.
pub async fn resume(state: &AppState, mut ws: WebSession, id: Option<&str>) -> AppResult {
    let id = match id {
        Some(id) => ws.data.pending.id_of(id).ok_or_else(gone)?.to_string(),
        // The request whose sign-in this is, never merely the latest one: an
        // abandoned app sign-in must not take over a later visit.
        None => match ws
            .data
            .login_for
            .as_deref()
            .and_then(|id| ws.data.pending.id_of(id))
        {
            Some(id) => id.to_string(),
            None => return resume_return_to(state, ws).await,
        },
    };
    let Some(client_id) = ws.data.pending.get(&id).map(|r| r.client_id.clone()) else {
        return Err(gone());
    };
    let Some(client) = db::clients::get(&state.db, &client_id).await? else {
        ws.data.pending.remove(&id);
        ws.keep().await?;
        return Err(AppError::OAuth(OAuthError::new(
            ErrorCode::InvalidClient,
            "the application was removed",
        )));
    };
    resume_with(state, ws, client, &id).await
}

/// [`resume`] of request `id`, with its client already read.
async fn resume_with(state: &AppState, mut ws: WebSession, client: Client, id: &str) -> AppResult {
    let Some(req) = ws.data.pending.get(id).cloned() else {
        return Err(gone());
    };
    let login = ws.login(state).await?;
    let situation = Situation {
        login: login.as_ref().map(|l| LoginFacts {
            subject: &l.subject,
            auth_time: l.record.auth_time,
            amr: &l.amr,
        }),
        second_factor_needed: login
            .as_ref()
            .is_some_and(|l| second_factor_needed(state, &client, l)),
        has_factor: login.as_ref().is_some_and(Login::has_factor),
        consented: match &login {
            Some(l) => consented(state, &client, l.user_id(), &req.scope).await?,
            None => false,
        },
    };
    let next = authorize::next(&req, &situation, db::now());
    let step = match next {
        // The id goes with the session (`login_for`), not the URL.
        Next::Login => "/login",
        Next::SecondFactor => "/login/mfa",
        Next::Enroll => "/enroll",
        // The consent page names its request: each tab shows its own (F9).
        Next::Consent => return Ok(Redirect::to(&consent_url(id)).into_response()),
        Next::Fail(e) => {
            ws.data.pending.remove(id);
            ws.keep().await?;
            return Ok(fail(state, &req, e));
        }
        Next::IssueCode => {
            let Some(login) = login else {
                return Err(AppError::internal("code issuance without a login"));
            };
            ws.data.pending.remove(id);
            ws.keep().await?;
            return issue_code(state, &req, &login).await;
        }
    };
    // The login steps work on this request, and resume it when done.
    let bumped = ws.data.pending.bump(id);
    if bumped || ws.data.login_for.as_deref() != Some(id) {
        ws.data.login_for = Some(id.to_string());
        ws.keep().await?;
    }
    Ok(Redirect::to(step).into_response())
}

fn consent_url(id: &str) -> String {
    format!(
        "/consent?{}",
        form_urlencoded::Serializer::new(String::new())
            .append_pair("req", id)
            .finish()
    )
}

/// Without a pending authorization: back to a forward-auth URL once both
/// factors are done (forward auth always asks for them), else the account.
async fn resume_return_to(state: &AppState, mut ws: WebSession) -> AppResult {
    let Some(target) = ws.data.return_to.clone() else {
        return Ok(Redirect::to("/account").into_response());
    };
    let Some(login) = ws.login(state).await? else {
        return Ok(Redirect::to("/login").into_response());
    };
    if !login.is_complete() {
        let next = if login.has_factor() {
            "/login/mfa"
        } else {
            "/enroll"
        };
        return Ok(Redirect::to(next).into_response());
    }
    ws.data.return_to = None;
    ws.keep().await?;
    Ok(Redirect::to(&target).into_response())
}

/// The global policy, the client's override, or the user's own factors.
pub fn second_factor_needed(state: &AppState, client: &Client, login: &Login) -> bool {
    let policy = client
        .require_mfa
        .unwrap_or(state.config.mfa == crate::config::MfaPolicy::Required);
    policy || login.has_factor()
}

async fn consented(
    state: &AppState,
    client: &Client,
    user_id: i64,
    scope: &Scope,
) -> Result<bool, AppError> {
    if client.first_party {
        return Ok(true);
    }
    let granted = db::grants::consent(&state.db, user_id, &client.client_id).await?;
    Ok(granted.is_some_and(|g| scope.is_subset(&Scope::parse_supported(&g))))
}

fn fail(state: &AppState, req: &AuthRequest, error: OAuthError) -> Response {
    let e = ErrorRedirect {
        redirect_uri: req.redirect_uri.clone(),
        state: req.state.clone(),
        error,
    };
    error_redirect(&e, &state.config.issuer)
}

/// Creates the grant and its single-use code, and returns to the client.
async fn issue_code(state: &AppState, req: &AuthRequest, login: &Login) -> AppResult {
    let grant = Grant {
        id: crypto::random_token(),
        client_id: req.client_id.clone(),
        user_id: login.user_id(),
        scope: req.scope.to_string(),
        nonce: req.nonce.clone(),
        auth_time: login.record.auth_time,
        amr: login.record.amr.clone(),
        acr: authorize::acr_claim(&req.acr_values, &login.amr).to_string(),
        // OIDC Core 11: only offline access outlives the login.
        session_ref: (!req.scope.contains("offline_access")).then(|| login.record.id.clone()),
        created_at: db::now(),
    };
    let code = crypto::random_token();
    let new_code = db::grants::NewCode {
        code_hash: &crypto::digest(&code),
        redirect_uri: &req.redirect_uri,
        code_challenge: req.code_challenge.as_deref(),
        expires_at: grant.created_at + state.config.tokens.code_seconds,
    };
    db::grants::insert_grant_and_code(&state.db, &grant, &new_code).await?;
    Ok(redirect_with(
        &req.redirect_uri,
        &[
            ("code", Some(&code)),
            ("state", req.state.as_deref()),
            ("iss", Some(&state.config.issuer)),
        ],
    ))
}
