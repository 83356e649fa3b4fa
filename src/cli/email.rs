//! `latchkey email …`

use clap::Subcommand;

use super::CliError;
use crate::app::AppState;
use crate::email::{Mailer, Rendered, SendError, letter};

#[derive(Debug, Subcommand)]
pub enum EmailCommand {
    /// Send a test message now and show the SMTP server's answer.
    ///
    /// Example: latchkey email test you@example.com
    Test {
        /// Where to send it.
        address: String,
    },
}

/// No `[email]` section: what to do about it.
pub fn not_configured() -> CliError {
    CliError(
        "email is not configured: add an [email] section with host and from (docs/configuration.md)"
            .into(),
    )
}

/// Sends at once (the CLI has no background) and records the outcome in
/// the audit trail, as the server's outbox does.
pub async fn send_audited(
    state: &AppState,
    mailer: &Mailer,
    to: &str,
    kind: &'static str,
    rendered: &Rendered,
) -> Result<String, SendError> {
    let result = match mailer.message(to, kind, None, rendered) {
        Ok(out) => mailer.send_now(&out.message).await,
        Err(e) => Err(e),
    };
    let (event, what) = match &result {
        Ok(answer) => ("email_sent", answer.clone()),
        Err(e) => ("email_failed", e.to_string()),
    };
    let detail = format!("{kind} to {to}: {what}");
    crate::audit::record(
        &state.db,
        crate::audit::Event {
            kind: event,
            detail: &detail,
            ..Default::default()
        },
    )
    .await;
    result
}

pub async fn run(state: &AppState, cmd: EmailCommand, json: bool) -> Result<(), CliError> {
    match cmd {
        EmailCommand::Test { address } => {
            let mailer = state.mailer.as_ref().ok_or_else(not_configured)?;
            crate::users::check_email(&address).map_err(CliError::from_display)?;
            let rendered = letter::test_message(state, state.config.default_lang()).await;
            let result = send_audited(state, mailer, &address, "test", &rendered).await;
            match result {
                Ok(answer) if json => {
                    println!(
                        "{}",
                        serde_json::json!({ "sent": true, "to": address, "server": mailer.server, "answer": answer })
                    );
                    Ok(())
                }
                Ok(answer) => {
                    println!("Sent to {address} through {}: {answer}", mailer.server);
                    Ok(())
                }
                Err(e) => Err(CliError(format!(
                    "could not send to {address} through {}: {e}",
                    mailer.server
                ))),
            }
        }
    }
}
