//! Operations commands: `audit`, `backup`, `check`, `healthcheck`,
//! `config show|check`, `completions`.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

use clap::Subcommand;

use super::CliError;
use crate::app::AppState;
use crate::config::{Config, SecretString};
use crate::db;

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print the effective configuration (TOML), secrets redacted.
    Show,
    /// Check the configuration and exit (0 when valid).
    Check,
}

/// `--since` values: unix seconds, RFC 3339, or an age like 30m, 24h, 7d.
pub fn parse_since(s: &str) -> Result<i64, CliError> {
    let bad = || {
        CliError(format!(
            "invalid --since '{s}': use unix seconds, RFC 3339 (2026-01-31T12:00:00Z) or an age like 30m, 24h, 7d"
        ))
    };
    if let Ok(n) = s.parse::<i64>() {
        return Ok(n);
    }
    if let Ok(t) = time::OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339) {
        return Ok(t.unix_timestamp());
    }
    Ok(db::now() - parse_age(s).ok_or_else(bad)?)
}

/// `30m`, `24h`, `7d` (or `90s`) in seconds.
pub fn parse_age(s: &str) -> Option<i64> {
    let (num, unit) = s.split_at(s.len().saturating_sub(1));
    let n: i64 = num.parse().ok().filter(|n| *n >= 0)?;
    let unit = match unit {
        "s" => 1,
        "m" => 60,
        "h" => 3600,
        "d" => 86_400,
        _ => return None,
    };
    n.checked_mul(unit)
}

pub async fn audit(
    state: &AppState,
    user: Option<String>,
    since: Option<String>,
    json: bool,
) -> Result<(), CliError> {
    let since = since.as_deref().map(parse_since).transpose()?.unwrap_or(0);
    let rows = db::audit::list(&state.db, user.as_deref(), since, 10_000).await?;
    if json {
        println!(
            "{}",
            serde_json::to_string(&rows).map_err(CliError::from_display)?
        );
        return Ok(());
    }
    let format = time::macros::format_description!("[year]-[month]-[day] [hour]:[minute]:[second]");
    for r in rows {
        let at = time::OffsetDateTime::from_unix_timestamp(r.at)
            .ok()
            .and_then(|t| t.format(&format).ok())
            .unwrap_or_default();
        println!(
            "{at}  {:<22} user={} client={} ip={} {}",
            r.event,
            r.username.as_deref().unwrap_or("-"),
            r.client_id.as_deref().unwrap_or("-"),
            r.ip.as_deref().unwrap_or("-"),
            r.detail
        );
    }
    Ok(())
}

pub async fn backup(state: &AppState, file: &std::path::Path) -> Result<(), CliError> {
    if file.exists() {
        return Err(CliError(format!(
            "{} already exists; choose a new file name",
            file.display()
        )));
    }
    let path = file
        .to_str()
        .ok_or_else(|| CliError("the backup path must be valid UTF-8".into()))?;
    db::maintenance::backup_into(&state.db, path).await?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(file, std::fs::Permissions::from_mode(0o600))
            .map_err(CliError::from_display)?;
    }
    println!("Backup written to {} (mode 0600).", file.display());
    if let (None, Some(key_file)) = (&state.config.secret_key, state.config.secret_key_file()) {
        println!(
            "Keep a copy of {} with it: the backup's signing keys and TOTP secrets are sealed with that key.",
            key_file.display()
        );
    }
    Ok(())
}

pub async fn check(state: &AppState) -> Result<(), CliError> {
    let problems = db::maintenance::integrity_check(&state.db).await?;
    if problems.is_empty() {
        println!(
            "Configuration valid; database {} passed the integrity check; keys open with the secret key.",
            state.config.database.describe()
        );
        Ok(())
    } else {
        Err(CliError(format!(
            "integrity check failed: {}",
            problems.join("; ")
        )))
    }
}

/// GET /healthz on the configured listen address; exit status tells.
pub fn healthcheck(config: &Config) -> Result<(), CliError> {
    let mut addr = config.listen;
    if addr.ip().is_unspecified() {
        addr = match addr {
            SocketAddr::V4(_) => SocketAddr::from(([127, 0, 0, 1], addr.port())),
            SocketAddr::V6(_) => SocketAddr::from((std::net::Ipv6Addr::LOCALHOST, addr.port())),
        };
    }
    let timeout = Duration::from_secs(3);
    let down = |e: std::io::Error| CliError(format!("Latchkey is not answering on {addr}: {e}"));
    let mut stream = TcpStream::connect_timeout(&addr, timeout).map_err(down)?;
    stream.set_read_timeout(Some(timeout)).map_err(down)?;
    stream
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        .map_err(down)?;
    let mut buf = Vec::new();
    stream.take(4096).read_to_end(&mut buf).map_err(down)?;
    let text = String::from_utf8_lossy(&buf);
    if text.starts_with("HTTP/1.1 200") {
        println!("ok");
        Ok(())
    } else {
        Err(CliError(format!(
            "unhealthy: {}",
            text.lines().next().unwrap_or("no answer")
        )))
    }
}

pub fn config_show(config: &Config) -> Result<(), CliError> {
    let mut shown = config.clone();
    let redact = |k: &mut SecretString| k.0 = "[redacted]".into();
    shown.secret_key.iter_mut().for_each(redact);
    shown.previous_secret_keys.iter_mut().for_each(redact);
    if let Some(email) = &mut shown.email {
        email.password.iter_mut().for_each(redact);
    }
    if let crate::config::Database::Postgres(url) = &mut shown.database {
        url.0 = config.database.describe();
    }
    print!(
        "{}",
        toml::to_string(&shown).map_err(CliError::from_display)?
    );
    Ok(())
}
