//! Security notices by email (issue 15): a sign-in from a new device, a
//! second factor added or removed, the password changed, new recovery
//! codes. Each says when, and links to the account page for "this wasn't
//! me". Only verified addresses get them (an unproved address may be
//! someone else's); the new-device notice can be turned off.

use crate::app::AppState;
use crate::db;
use crate::db::users::User;
use crate::email::{Letter, letter};
use crate::i18n::{t, t1, t2};

/// What happened to the account.
#[derive(Debug, Clone)]
pub enum Notice {
    /// A sign-in from a browser that never signed in as this user before.
    NewDevice {
        device: String,
        ip: String,
    },
    FactorAdded {
        passkey: bool,
    },
    FactorRemoved {
        passkey: bool,
    },
    PasswordChanged,
    RecoveryCodes,
}

impl Notice {
    fn kind(&self) -> &'static str {
        match self {
            Notice::NewDevice { .. } => "notice_new_device",
            Notice::FactorAdded { .. } => "notice_factor_added",
            Notice::FactorRemoved { .. } => "notice_factor_removed",
            Notice::PasswordChanged => "notice_password_changed",
            Notice::RecoveryCodes => "notice_recovery_codes",
        }
    }
}

fn method(passkey: bool) -> String {
    t(if passkey {
        "notice-method-passkey"
    } else {
        "notice-method-totp"
    })
}

/// Queues the notice for `user_id`, when email is configured, the address
/// is verified and (for a new device) the user wants it.
pub async fn send(state: &AppState, user_id: i64, notice: Notice) {
    if state.mailer.is_none() {
        return;
    }
    let user = match db::users::by_id(&state.db, user_id).await {
        Ok(Some(u)) => u,
        Ok(None) => return,
        Err(e) => {
            tracing::warn!(error = %e, "cannot look up the user for a notice");
            return;
        }
    };
    if !user.email_verified || user.disabled {
        return;
    }
    if matches!(notice, Notice::NewDevice { .. }) && !user.notify_new_device {
        return;
    }
    let rendered = compose(state, &user, &notice).await;
    state.send_mail(&user.email, notice.kind(), Some(&user.username), &rendered);
}

/// The notice's message, in the user's language.
pub async fn compose(state: &AppState, user: &User, notice: &Notice) -> letter::Rendered {
    let name = crate::oidc::claims::display_name(user);
    let account = format!("{}/account", state.config.issuer);
    let when = db::utc_text(db::now());
    letter::write(state, letter::language_of(state, user), || {
        let (subject, body) = match notice {
            Notice::NewDevice { device, ip } => (
                t("notice-new-device-subject"),
                t2(
                    "notice-new-device-body",
                    "device",
                    device.as_str(),
                    "address",
                    ip.as_str(),
                ),
            ),
            Notice::FactorAdded { passkey } => (
                t("notice-factor-added-subject"),
                t1("notice-factor-added-body", "method", method(*passkey)),
            ),
            Notice::FactorRemoved { passkey } => (
                t("notice-factor-removed-subject"),
                t1("notice-factor-removed-body", "method", method(*passkey)),
            ),
            Notice::PasswordChanged => (t("notice-password-subject"), t("notice-password-body")),
            Notice::RecoveryCodes => (t("notice-recovery-subject"), t("notice-recovery-body")),
        };
        let mut after = vec![t("notice-wasnt-me-hint")];
        if matches!(notice, Notice::NewDevice { .. }) {
            after.push(t("notice-new-device-off"));
        }
        Letter {
            subject,
            greeting: letter::greeting(&name),
            lines: vec![body, t1("notice-when", "time", when.as_str())],
            action: Some((t("notice-wasnt-me"), account)),
            after,
        }
    })
    .await
}
