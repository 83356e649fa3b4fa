//! `latchkey keys …`

use clap::Subcommand;

use super::CliError;
use crate::app::AppState;
use crate::db;
use crate::oidc::keys::{self, Alg};

#[derive(Debug, Subcommand)]
pub enum KeysCommand {
    /// List signing keys (public information only).
    List,
    /// Add new signing keys. Old public keys stay in the JWKS until every
    /// token they signed has expired, so nobody is locked out.
    Rotate,
}

impl KeysCommand {
    /// What the command changes, in words, for the audit trail.
    pub fn audit_detail(&self) -> Option<String> {
        match self {
            KeysCommand::List => None,
            KeysCommand::Rotate => Some("rotated the signing keys".into()),
        }
    }
}

pub async fn run(state: &AppState, cmd: KeysCommand, json: bool) -> Result<(), CliError> {
    match cmd {
        KeysCommand::List => {
            let rows = db::keys::all(&state.db).await?;
            let published_after = db::now() - state.config.tokens.id_token_seconds;
            let status = |r: &db::keys::KeyRow| match r.retired_at {
                None => "active",
                Some(t) if t > published_after => "retired (still published)",
                Some(_) => "retired",
            };
            if json {
                let v: Vec<_> = rows
                    .iter()
                    .map(|r| serde_json::json!({"kid": r.kid, "alg": r.alg, "status": status(r), "created_at": r.created_at, "retired_at": r.retired_at}))
                    .collect();
                println!("{}", serde_json::Value::Array(v));
            } else {
                println!("{:<18} {:<7} STATUS", "KID", "ALG");
                for r in &rows {
                    println!("{:<18} {:<7} {}", r.kid, r.alg, status(r));
                }
            }
        }
        KeysCommand::Rotate => {
            let mut new = Vec::new();
            for alg in Alg::ALL {
                let kid = keys::rotate(&state.db, &state.secrets, alg)
                    .await
                    .map_err(CliError::from_display)?;
                if !json {
                    println!("New {} key: {kid}", alg.as_str());
                }
                new.push(serde_json::json!({ "alg": alg.as_str(), "kid": kid }));
            }
            if json {
                let v = serde_json::json!({ "done": "rotated the signing keys", "new_keys": new });
                println!("{v}");
                return Ok(());
            }
            println!(
                "Old keys stay published for {} s; a running server picks up the new keys within seconds.",
                state.config.tokens.id_token_seconds
            );
        }
    }
    Ok(())
}
