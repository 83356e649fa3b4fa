//! The `latchkey` command line. Each subcommand is a small function over the
//! same library functions the web side uses; it works while the server runs.

mod client;
mod keys;
mod serve;
mod user;

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::app::AppState;
use crate::config::Config;

/// Latchkey: a small, self-hosted OpenID Connect provider.
#[derive(Debug, Parser)]
#[command(name = "latchkey", version, about, propagate_version = true)]
pub struct Cli {
    /// TOML configuration file (also LATCHKEY_CONFIG).
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the server (creates the database and keys on first start).
    Serve,
    /// Create or upgrade the database, then exit.
    Migrate,
    /// Manage users.
    #[command(subcommand)]
    User(user::UserCommand),
    /// Manage OIDC clients (applications).
    #[command(subcommand)]
    Client(client::ClientCommand),
    /// Manage token signing keys.
    #[command(subcommand)]
    Keys(keys::KeysCommand),
}

/// An error for the person at the terminal: printed as one line, exit 1.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct CliError(pub String);

impl CliError {
    pub fn from_display(e: impl std::fmt::Display) -> Self {
        CliError(e.to_string())
    }
}

impl From<anyhow::Error> for CliError {
    fn from(e: anyhow::Error) -> Self {
        CliError(format!("{e:#}"))
    }
}

impl From<sqlx::Error> for CliError {
    fn from(e: sqlx::Error) -> Self {
        CliError(format!("database error: {e}"))
    }
}

impl From<crate::config::ConfigError> for CliError {
    fn from(e: crate::config::ConfigError) -> Self {
        CliError(e.to_string())
    }
}

/// Loads the configuration and opens the database, as every command does.
async fn open(cli_config: Option<&std::path::Path>) -> Result<AppState, CliError> {
    let config = Config::load(cli_config)?;
    AppState::build(config).await.map_err(CliError::from)
}

pub async fn run(cli: Cli) -> Result<(), CliError> {
    let config_path = cli.config.as_deref();
    match cli.command {
        Command::Serve => serve::run(Config::load(config_path)?).await,
        Command::Migrate => {
            let state = open(config_path).await?;
            println!(
                "Database {} is up to date.",
                state.config.database.display()
            );
            Ok(())
        }
        Command::User(cmd) => user::run(&open(config_path).await?, cmd).await,
        Command::Client(cmd) => client::run(&open(config_path).await?, cmd).await,
        Command::Keys(cmd) => keys::run(&open(config_path).await?, cmd).await,
    }
}
