//! `latchkey email …`

use clap::Subcommand;

use super::CliError;
use crate::app::AppState;
use crate::email::letter;

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

pub async fn run(state: &AppState, cmd: EmailCommand, json: bool) -> Result<(), CliError> {
    match cmd {
        EmailCommand::Test { address } => {
            let mailer = state.mailer.as_ref().ok_or_else(not_configured)?;
            crate::users::check_email(&address).map_err(CliError::from_display)?;
            let rendered = letter::test_message(state, state.config.default_lang()).await;
            let out = mailer
                .message(&address, "test", None, &rendered)
                .map_err(CliError::from_display)?;
            let result = mailer.send_now(&out.message).await;
            let detail = match &result {
                Ok(answer) => format!("test to {address}: {answer}"),
                Err(e) => format!("test to {address}: {e}"),
            };
            let kind = if result.is_ok() {
                "email_sent"
            } else {
                "email_failed"
            };
            crate::audit::record(
                &state.db,
                crate::audit::Event {
                    kind,
                    detail: &detail,
                    ..Default::default()
                },
            )
            .await;
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
