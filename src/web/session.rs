//! The typed browser session. The cookie (tower-sessions) holds a
//! [`SessionData`]; who is logged in, and how, lives in `browser_sessions`,
//! so that logout and revocation take effect on the next request.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

use super::error::AppError;
use crate::app::AppState;
use crate::crypto;
use crate::db::{self, sessions::BrowserSession};
use crate::oidc::authorize::{Amr, AuthRequest};
use webauthn_rs::prelude::{
    DiscoverableAuthentication, PasskeyAuthentication, PasskeyRegistration,
};

const KEY: &str = "latchkey";

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct SessionData {
    /// Synchronizer token for every POST form.
    pub csrf: Option<String>,
    /// `browser_sessions.id` once the first factor passed.
    pub login: Option<String>,
    /// The authorization request being worked through.
    pub pending: Option<AuthRequest>,
    /// Second-factor failures in this login (limited per login).
    #[serde(default)]
    pub mfa_failures: u32,
    /// A TOTP secret shown for enrollment, not yet confirmed.
    pub totp_enrollment: Option<String>,
    /// Recovery codes to show once, right after they were made.
    pub fresh_recovery_codes: Option<Vec<String>>,
    /// WebAuthn ceremony state, kept server-side and used once.
    pub passkey_registration: Option<PasskeyRegistration>,
    pub passkey_authentication: Option<PasskeyAuthentication>,
    pub discoverable_authentication: Option<DiscoverableAuthentication>,
}

/// The logged-in user of this browser, as recorded server-side.
#[derive(Debug, Clone)]
pub struct Login {
    pub record: BrowserSession,
    pub amr: Vec<Amr>,
}

impl Login {
    pub fn user_id(&self) -> i64 {
        self.record.user_id
    }

    /// Both factors passed (or one that counts as both).
    pub fn is_complete(&self) -> bool {
        self.amr.contains(&Amr::Mfa)
    }
}

pub struct WebSession {
    session: Session,
    pub data: SessionData,
}

impl FromRequestParts<AppState> for WebSession {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let session = Session::from_request_parts(parts, state)
            .await
            .map_err(|(_, msg)| AppError::Internal(anyhow::anyhow!(msg)))?;
        let data = session
            .get::<SessionData>(KEY)
            .await
            .ok()
            .flatten()
            .unwrap_or_default();
        Ok(Self { session, data })
    }
}

impl WebSession {
    pub async fn save(&self) -> Result<(), AppError> {
        self.session
            .insert(KEY, &self.data)
            .await
            .map_err(AppError::internal)
    }

    /// The CSRF token for forms, created on first use (then saved).
    pub async fn csrf_token(&mut self) -> Result<String, AppError> {
        if let Some(t) = &self.data.csrf {
            return Ok(t.clone());
        }
        let t = crypto::random_token();
        self.data.csrf = Some(t.clone());
        self.save().await?;
        Ok(t)
    }

    /// Constant-time check of a submitted CSRF token.
    pub fn check_csrf(&self, submitted: &str) -> Result<(), AppError> {
        match &self.data.csrf {
            Some(t) if crypto::ct_eq(t, submitted) => Ok(()),
            _ => Err(AppError::Csrf),
        }
    }

    /// The current login, if its server-side record is still live.
    pub async fn login(&self, state: &AppState) -> Result<Option<Login>, AppError> {
        let Some(id) = &self.data.login else {
            return Ok(None);
        };
        let abs = state.config.session.absolute_hours * 3600;
        let Some(record) = db::sessions::live(&state.db, id).await? else {
            return Ok(None);
        };
        let now = db::now();
        if record.created_at + abs < now {
            db::sessions::delete(&state.db, id).await?;
            return Ok(None);
        }
        if now - record.last_seen_at > 60 {
            db::sessions::touch(&state.db, id).await?;
        }
        let amr = serde_json::from_str(&record.amr).unwrap_or_default();
        Ok(Some(Login { record, amr }))
    }

    /// Starts a login after the first factor (or a passwordless passkey):
    /// a new server-side record and a new session id (no fixation).
    pub async fn begin_login(
        &mut self,
        state: &AppState,
        user_id: i64,
        amr: &[Amr],
        user_agent: Option<String>,
    ) -> Result<(), AppError> {
        if let Some(old) = self.data.login.take() {
            db::sessions::delete(&state.db, &old).await?;
        }
        let now = db::now();
        let record = BrowserSession {
            id: crypto::random_token(),
            user_id,
            auth_time: now,
            amr: serde_json::to_string(amr).map_err(AppError::internal)?,
            user_agent,
            created_at: now,
            last_seen_at: now,
        };
        db::sessions::insert(&state.db, &record).await?;
        self.data.login = Some(record.id);
        self.data.csrf = Some(crypto::random_token());
        self.data.mfa_failures = 0;
        if let Some(p) = self.data.pending.as_mut() {
            p.fresh_login = true;
        }
        self.session.cycle_id().await.map_err(AppError::internal)?;
        self.save().await
    }

    /// Records a further factor on the current login and rotates the id.
    pub async fn upgrade_login(
        &mut self,
        state: &AppState,
        login: &Login,
        added: &[Amr],
    ) -> Result<(), AppError> {
        let mut amr = login.amr.clone();
        for a in added {
            if !amr.contains(a) {
                amr.push(*a);
            }
        }
        if !amr.contains(&Amr::Mfa) {
            amr.push(Amr::Mfa);
        }
        let json = serde_json::to_string(&amr).map_err(AppError::internal)?;
        db::sessions::upgrade(&state.db, &login.record.id, &json, db::now()).await?;
        self.data.csrf = Some(crypto::random_token());
        self.data.mfa_failures = 0;
        self.session.cycle_id().await.map_err(AppError::internal)?;
        self.save().await
    }

    /// Drops the login but keeps the pending authorization (start over).
    pub async fn logout_keep_request(&mut self, state: &AppState) -> Result<(), AppError> {
        let pending = self.data.pending.take();
        self.logout(state).await?;
        self.data.pending = pending;
        self.save().await
    }

    /// Ends the login here and everywhere this record is used.
    pub async fn logout(&mut self, state: &AppState) -> Result<(), AppError> {
        if let Some(id) = self.data.login.take() {
            db::sessions::delete(&state.db, &id).await?;
        }
        self.data = SessionData::default();
        self.session.flush().await.map_err(AppError::internal)
    }
}
