//! `/consent`: shown once per client and set of scopes, unless the client
//! is first-party. The form contract: a button `consent` = `allow` | `deny`,
//! and a hidden `req`, the id of the pending request the page shows.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect};
use axum::routing::get;
use axum::{Form, Router};
use serde::Deserialize;

use super::error::AppError;
use super::oauth_response::error_redirect;
use super::session::WebSession;
use super::{AppResult, authorize};
use crate::app::AppState;
use crate::db;
use crate::i18n::{Text as _, t};
use crate::oidc::authorize::ErrorRedirect;
use crate::oidc::{ErrorCode, OAuthError};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/consent", get(consent_get).post(consent_post))
        .route("/consent/switch", axum::routing::post(switch_user))
}

#[derive(Template, WebTemplate)]
#[template(path = "consent.html")]
struct ConsentPage {
    csrf: String,
    /// The pending request shown: the form acts on this one only (F9).
    req: String,
    app_name: String,
    username: String,
    /// Where the app lives: the redirect URI's origin.
    app_origin: String,
    scopes: Vec<String>,
}

/// `https://app.example:8443` from a redirect URI (the whole URI when it
/// has no web origin, such as a native app's custom scheme).
fn origin_of(uri: &str) -> String {
    match url::Url::parse(uri) {
        Ok(u) if u.origin().is_tuple() => u.origin().ascii_serialization(),
        Ok(u) => format!("{}:", u.scheme()),
        Err(_) => uri.to_string(),
    }
}

#[derive(Deserialize)]
struct ConsentForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    consent: String,
    #[serde(default)]
    req: String,
}

#[derive(Deserialize)]
struct ConsentQuery {
    req: Option<String>,
}

/// What each scope means, in the user's words.
pub(super) fn describe(scope: &str) -> Option<String> {
    let key = match scope {
        "profile" => "scope-profile",
        "email" => "scope-email",
        "groups" => "scope-groups",
        "offline_access" => "scope-offline-access",
        _ => return None,
    };
    Some(t(key))
}

async fn consent_get(
    State(state): State<AppState>,
    mut ws: WebSession,
    Query(q): Query<ConsentQuery>,
) -> AppResult {
    let id = match q.req.as_deref() {
        Some(id) => ws.data.pending.id_of(id).ok_or_else(authorize::gone)?,
        None => match ws.data.pending.latest_id() {
            Some(id) => id,
            None => return Ok(Redirect::to("/authorize/resume").into_response()),
        },
    }
    .to_string();
    let (Some(req), Some(login)) = (ws.data.pending.get(&id).cloned(), ws.login(&state).await?)
    else {
        return Ok(Redirect::to(&authorize::resume_url(&id)).into_response());
    };
    let client = db::clients::get(&state.db, &req.client_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let user = db::users::by_id(&state.db, login.user_id())
        .await?
        .ok_or(AppError::NotFound)?;
    let mut scopes = vec![t("scope-openid")];
    scopes.extend(req.scope.iter().filter_map(describe));
    Ok(ConsentPage {
        csrf: ws.csrf_token().await?,
        req: id,
        app_name: client.name,
        username: user.username,
        app_origin: origin_of(&req.redirect_uri),
        scopes,
    }
    .into_response())
}

async fn consent_post(
    State(state): State<AppState>,
    mut ws: WebSession,
    Form(form): Form<ConsentForm>,
) -> AppResult {
    ws.check_csrf(&form.csrf_token)?;
    // The request this page showed, not whichever came last (F9).
    let Some(id) = ws.data.pending.id_of(&form.req).map(str::to_string) else {
        return Err(authorize::gone());
    };
    let resume = Redirect::to(&authorize::resume_url(&id)).into_response();
    let (Some(req), Some(login)) = (ws.data.pending.get(&id).cloned(), ws.login(&state).await?)
    else {
        return Ok(resume);
    };
    // Consent only counts once the login is as strong as the client needs.
    let client = db::clients::get(&state.db, &req.client_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if authorize::second_factor_needed(&state, &client, &login) && !login.is_complete() {
        return Ok(resume);
    }
    match form.consent.as_str() {
        "allow" => {
            db::grants::save_consent(
                &state.db,
                login.user_id(),
                &req.client_id,
                &req.scope.to_string(),
            )
            .await?;
            // prompt=consent is satisfied now.
            if let Some(p) = ws.data.pending.get_mut(&id) {
                p.prompt.consent = false;
            }
            ws.keep().await?;
            Ok(resume)
        }
        "deny" => {
            ws.data.pending.remove(&id);
            ws.keep().await?;
            let e = ErrorRedirect {
                redirect_uri: req.redirect_uri,
                state: req.state,
                error: OAuthError::new(ErrorCode::AccessDenied, "the user denied access"),
            };
            Ok(error_redirect(&e, &state.config.issuer))
        }
        _ => Err(AppError::Malformed("consent must be allow or deny".into())),
    }
}

#[derive(Deserialize)]
struct SwitchForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    req: String,
}

/// "Not you?": ends this login but keeps the request the consent page
/// showed, so the next user signs in to the same app.
async fn switch_user(
    State(state): State<AppState>,
    mut ws: WebSession,
    Form(form): Form<SwitchForm>,
) -> AppResult {
    ws.check_csrf(&form.csrf_token)?;
    let Some(req) = ws.data.pending.get(&form.req).cloned() else {
        return Err(authorize::gone());
    };
    ws.logout(&state).await?;
    let id = ws.data.pending.push(req);
    ws.keep().await?;
    Ok(Redirect::to(&authorize::resume_url(&id)).into_response())
}

#[cfg(test)]
#[test]
fn app_origins() {
    assert_eq!(
        origin_of("https://paperless.example:8443/accounts/oidc/callback?x=1"),
        "https://paperless.example:8443"
    );
    assert_eq!(origin_of("https://app.example/cb"), "https://app.example");
    assert_eq!(origin_of("com.example.app:/cb"), "com.example.app:");
}
