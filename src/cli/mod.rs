//! The `latchkey` command line. Each subcommand is a small function over the
//! same library functions the web side uses; it works while the server runs.

mod client;
mod copy_to;
mod email;
mod invite;
mod keys;
mod ops;
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
    /// Print the result as JSON, for scripts (every command that prints one).
    #[arg(long, global = true)]
    pub json: bool,
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
    /// Invite people by email: they create their own account.
    #[command(subcommand)]
    Invite(invite::InviteCommand),
    /// Email delivery (the [email] section).
    #[command(subcommand)]
    Email(email::EmailCommand),
    /// Clear the throttle counters and locks of one client address.
    ///
    /// Its password, second-factor and enrollment-link counters, and the
    /// client-secret locks of every client at that address. Works while
    /// the server runs. To unlock a user: latchkey user unlock NAME.
    ///
    /// Example: latchkey unlock --address 203.0.113.7
    Unlock {
        /// The client address, as the audit log shows it (IPv4 or IPv6).
        #[arg(long, value_name = "IP")]
        address: std::net::IpAddr,
    },
    /// Show the audit trail.
    ///
    /// Example: latchkey audit --user alice --since 7d
    Audit {
        /// Only events about this user.
        #[arg(long)]
        user: Option<String>,
        /// Unix seconds, RFC 3339, or an age: 30m, 24h, 7d.
        #[arg(long)]
        since: Option<String>,
    },
    /// Write an online, consistent copy of the database to FILE.
    ///
    /// Example: latchkey backup /backups/latchkey-$(date +%F).sqlite
    Backup { file: std::path::PathBuf },
    /// Copy this SQLite database into an empty PostgreSQL database.
    ///
    /// Every table, in one transaction that is committed only when each
    /// table's row count matches; the SQLite file is only read. Stop the
    /// server first: what it writes during the copy is not copied.
    ///
    /// Give the URL on standard input when it holds a password, so that it
    /// stays out of the process list and the shell history:
    ///
    /// Example: latchkey copy-to postgres://latchkey@db.internal/latchkey
    ///
    /// Example: latchkey copy-to - < /run/secrets/latchkey-database-url
    CopyTo {
        /// A postgres:// URL, or - to read it from standard input.
        #[arg(value_name = "URL")]
        url: String,
    },
    /// Check the configuration and the database's integrity.
    Check,
    /// Exit 0 if the server answers on its listen address (for containers).
    Healthcheck,
    /// Show or check the configuration.
    #[command(subcommand)]
    Config(ops::ConfigCommand),
    /// Print shell completions.
    ///
    /// Example: latchkey completions bash > /etc/bash_completion.d/latchkey
    Completions { shell: clap_complete::Shell },
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

impl From<crate::db::maintenance::Unsupported> for CliError {
    fn from(e: crate::db::maintenance::Unsupported) -> Self {
        match e {
            crate::db::maintenance::Unsupported::Db(e) => e.into(),
            other => CliError(other.to_string()),
        }
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
    let json = cli.json;
    match cli.command {
        Command::Serve => serve::run(Config::load(config_path)?).await,
        Command::Migrate => {
            let state = open(config_path).await?;
            println!(
                "Database {} is up to date.",
                state.config.database.describe()
            );
            Ok(())
        }
        Command::User(cmd) => {
            let state = open(config_path).await?;
            let what = cmd.audit_detail();
            user::run(&state, cmd, json).await?;
            if let Some(what) = what {
                admin_audit(&state, "user", &what).await;
            }
            Ok(())
        }
        Command::Client(cmd) => {
            let state = open(config_path).await?;
            let what = cmd.audit_detail();
            client::run(&state, cmd, json).await?;
            if let Some(what) = what {
                admin_audit(&state, "client", &what).await;
            }
            Ok(())
        }
        Command::Keys(cmd) => {
            let state = open(config_path).await?;
            let what = cmd.audit_detail();
            keys::run(&state, cmd, json).await?;
            if let Some(what) = what {
                admin_audit(&state, "keys", &what).await;
            }
            Ok(())
        }
        Command::Invite(cmd) => {
            let state = open(config_path).await?;
            let what = cmd.audit_detail();
            invite::run(&state, cmd, json).await?;
            if let Some(what) = what {
                admin_audit(&state, "invite", &what).await;
            }
            Ok(())
        }
        Command::Email(cmd) => email::run(&open(config_path).await?, cmd, json).await,
        Command::Unlock { address } => {
            let state = open(config_path).await?;
            let lifted = crate::users::unlock_address(&state.db, address)
                .await
                .map_err(CliError::from_display)?;
            user::print_lifted(&format!("Address {address}"), &lifted, json);
            admin_audit(
                &state,
                "unlock",
                &format!("lifted the locks on address {address}"),
            )
            .await;
            Ok(())
        }
        Command::Audit { user, since } => {
            ops::audit(&open(config_path).await?, user, since, json).await
        }
        Command::Backup { file } => {
            let state = open(config_path).await?;
            ops::backup(&state, &file).await?;
            admin_audit(
                &state,
                "backup",
                &format!("backed up to {}", file.display()),
            )
            .await;
            Ok(())
        }
        Command::CopyTo { url } => copy_to::run(&Config::load(config_path)?, &url).await,
        Command::Check => ops::check(&open(config_path).await?).await,
        Command::Healthcheck => ops::healthcheck(&Config::load(config_path)?),
        Command::Config(ops::ConfigCommand::Show) => ops::config_show(&Config::load(config_path)?),
        Command::Config(ops::ConfigCommand::Check) => {
            Config::load(config_path)?;
            println!("Configuration is valid.");
            Ok(())
        }
        Command::Completions { shell } => {
            use clap::CommandFactory;
            clap_complete::generate(
                shell,
                &mut Cli::command(),
                "latchkey",
                &mut std::io::stdout(),
            );
            Ok(())
        }
    }
}

/// Every admin action that changes something goes into the audit trail.
async fn admin_audit(state: &AppState, area: &str, what: &str) {
    let kind = format!("admin_{area}");
    crate::audit::record(
        &state.db,
        crate::audit::Event {
            kind: &kind,
            detail: what,
            ..Default::default()
        },
    )
    .await;
}
