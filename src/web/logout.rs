//! `/logout`: OpenID Connect RP-Initiated Logout 1.0. Redirects only to a
//! `post_logout_redirect_uri` registered for the client, compared exactly.
//! Without a valid `id_token_hint` for the current user, the user confirms.

use askama::Template;
use askama_web::WebTemplate;
use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::HeaderMap;
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::{Form, Router};
use serde::Deserialize;

use super::error::AppError;
use super::oauth_response::redirect_with;
use super::session::WebSession;
use super::{AppResult, MessagePage, form_body};
use crate::app::AppState;
use crate::db::{self, clients::UriKind};
use crate::i18n::{Text as _, t};
use crate::oidc::OAuthError;
use crate::oidc::params::Params;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/logout", get(logout_get).post(logout_post))
        .route("/logout/confirm", post(logout_confirm))
}

#[derive(Template, WebTemplate)]
#[template(path = "logout.html")]
struct ConfirmPage {
    csrf: String,
    app_name: Option<String>,
    post_logout_redirect_uri: Option<String>,
    state: Option<String>,
    client_id: Option<String>,
}

/// A checked logout request.
struct LogoutRequest {
    client_id: Option<String>,
    /// Set only when registered for the client.
    redirect: Option<String>,
    state: Option<String>,
    hint_subject: Option<String>,
}

async fn logout_get(
    State(state): State<AppState>,
    ws: WebSession,
    RawQuery(q): RawQuery,
) -> AppResult {
    let params = Params::parse(q.unwrap_or_default().as_bytes())
        .map_err(|e| AppError::Malformed(e.to_string()))?;
    logout(&state, ws, params).await
}

async fn logout_post(
    State(state): State<AppState>,
    ws: WebSession,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult {
    let params = form_body(&headers, &body).map_err(AppError::BadRequest)?;
    logout(&state, ws, params).await
}

async fn check(state: &AppState, params: &Params) -> Result<LogoutRequest, AppError> {
    let bad = |m: &'static str| AppError::OAuth(OAuthError::invalid_request(m));
    let mut client_id = params.get("client_id").map(str::to_string);
    let mut hint_subject = None;
    if let Some(hint) = params.get("id_token_hint") {
        let claims = state
            .keys
            .verify(hint)
            .await
            .ok_or_else(|| bad("id_token_hint is not valid"))?;
        if claims.get("iss").and_then(|v| v.as_str()) != Some(state.config.issuer.as_str()) {
            return Err(bad("id_token_hint was not issued here"));
        }
        let aud = claims
            .get("aud")
            .and_then(|v| v.as_str())
            .map(str::to_string);
        if client_id.is_some() && aud != client_id {
            return Err(bad("client_id does not match id_token_hint"));
        }
        client_id = aud;
        hint_subject = claims
            .get("sub")
            .and_then(|v| v.as_str())
            .map(str::to_string);
    }
    let redirect = match params.get("post_logout_redirect_uri") {
        None => None,
        Some(uri) => {
            let cid = client_id
                .as_deref()
                .ok_or_else(|| bad("post_logout_redirect_uri needs id_token_hint or client_id"))?;
            let registered = db::clients::uris(&state.db, cid, UriKind::Logout).await?;
            if !registered.iter().any(|r| r == uri) {
                return Err(bad(
                    "post_logout_redirect_uri is not registered for this client",
                ));
            }
            Some(uri.to_string())
        }
    };
    Ok(LogoutRequest {
        client_id,
        redirect,
        state: params.get("state").map(str::to_string),
        hint_subject,
    })
}

async fn logout(state: &AppState, mut ws: WebSession, params: Params) -> AppResult {
    let req = check(state, &params).await?;
    let login = ws.login(state).await?;
    let Some(login) = login else {
        return finish(state, &mut ws, &req).await;
    };
    let user = db::users::by_id(&state.db, login.user_id()).await?;
    let hinted = req.hint_subject.is_some()
        && user.as_ref().map(|u| &u.subject) == req.hint_subject.as_ref();
    if hinted {
        return finish(state, &mut ws, &req).await;
    }
    let app_name = match &req.client_id {
        Some(id) => db::clients::get(&state.db, id).await?.map(|c| c.name),
        None => None,
    };
    Ok(ConfirmPage {
        csrf: ws.csrf_token().await?,
        app_name,
        post_logout_redirect_uri: req.redirect,
        state: req.state,
        client_id: req.client_id,
    }
    .into_response())
}

#[derive(Deserialize)]
struct ConfirmForm {
    #[serde(default)]
    csrf_token: String,
    post_logout_redirect_uri: Option<String>,
    state: Option<String>,
    client_id: Option<String>,
}

async fn logout_confirm(
    State(state): State<AppState>,
    mut ws: WebSession,
    Form(form): Form<ConfirmForm>,
) -> AppResult {
    ws.check_csrf(&form.csrf_token)?;
    let mut params = Vec::new();
    for (k, v) in [
        ("post_logout_redirect_uri", &form.post_logout_redirect_uri),
        ("state", &form.state),
        ("client_id", &form.client_id),
    ] {
        if let Some(v) = v {
            params.push((k, v.as_str()));
        }
    }
    let encoded = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(params)
        .finish();
    let params =
        Params::parse(encoded.as_bytes()).map_err(|e| AppError::Malformed(e.to_string()))?;
    let req = check(&state, &params).await?;
    finish(&state, &mut ws, &req).await
}

/// Ends the login. Deleting its record also revokes the grants bound to it
/// (every grant made without `offline_access`, with its access and refresh
/// tokens: OIDC Core 11), in the same statement (migration 0008).
async fn finish(state: &AppState, ws: &mut WebSession, req: &LogoutRequest) -> AppResult {
    ws.logout(state).await?;
    match &req.redirect {
        Some(uri) => Ok(redirect_with(uri, &[("state", req.state.as_deref())])),
        None => Ok(MessagePage {
            title: t("signed-out-title"),
            message: t("signed-out-message"),
            link: Some(("/login".into(), t("signed-out-again"))),
        }
        .into_response()),
    }
}
