//! `latchkey copy-to URL`: the way from the SQLite default to PostgreSQL.

use super::CliError;
use crate::config::{Config, Database};

/// The URL from the argument, or from standard input for `-`.
fn target_url(arg: &str) -> Result<Database, CliError> {
    let (raw, from_argv) = if arg == "-" {
        let mut line = String::new();
        std::io::stdin()
            .read_line(&mut line)
            .map_err(|e| CliError(format!("cannot read the URL from standard input: {e}")))?;
        (line.trim().to_string(), false)
    } else {
        (arg.to_string(), true)
    };
    let target = Database::from(raw);
    if !matches!(target, Database::Postgres(_)) {
        return Err(CliError(
            "copy-to needs a postgres:// (or postgresql://) URL, or - to read one from standard input".into(),
        ));
    }
    if from_argv && target.has_password() {
        // Arguments are readable by every local user (ps, /proc).
        return Err(CliError(
            "the URL holds a password: give it on standard input instead (latchkey copy-to - < url-file), \
             so that it stays out of the process list and the shell history"
                .into(),
        ));
    }
    Ok(target)
}

#[cfg(feature = "postgres")]
pub async fn run(config: &Config, url: &str) -> Result<(), CliError> {
    use crate::db;
    let Some(path) = config.database.sqlite_path() else {
        return Err(CliError(format!(
            "copy-to copies a SQLite database, and `database` is {}",
            config.database.describe()
        )));
    };
    let target = target_url(url)?;
    let Database::Postgres(target_url) = &target else {
        return Err(CliError("copy-to needs a postgres:// URL".into()));
    };
    let mut source = db::copy::open_source(path)
        .await
        .map_err(CliError::from_display)?;
    let pool = db::postgres::connect(&target_url.0, 2)
        .await
        .map_err(|e| CliError(format!("cannot open {}: {e:#}", target.describe())))?;
    let copied = db::copy::sqlite_to_postgres(&mut source, &pool).await;
    pool.close().await;
    let copied = copied.map_err(CliError::from_display)?;
    let total: i64 = copied.iter().map(|c| c.rows).sum();
    println!(
        "Copied {total} rows from {} to {}; each table's row count matches:",
        path.display(),
        target.describe()
    );
    for c in &copied {
        println!("  {:<24} {:>8}", c.table, c.rows);
    }
    println!("The SQLite file is unchanged. Next, on every instance:");
    println!("  database = \"{}\"", target.describe());
    match (&config.secret_key, config.secret_key_file()) {
        (Some(_), _) => println!("  secret_key = the same secret_key as now"),
        (None, Some(file)) => println!(
            "  LATCHKEY_SECRET_KEY_FILE={} (a copy of that file on every instance: it opens the TOTP secrets and signing keys)",
            file.display()
        ),
        (None, None) => {}
    }
    tracing::info!(rows = total, target = %target.describe(), "copied the SQLite database to PostgreSQL");
    Ok(())
}

#[cfg(not(feature = "postgres"))]
pub async fn run(_config: &Config, url: &str) -> Result<(), CliError> {
    target_url(url)?;
    Err(CliError(
        "this build of Latchkey has no PostgreSQL support (the `postgres` feature)".into(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_on_the_command_line_is_refused() {
        assert!(target_url("postgres://lk:hunter2@db/latchkey").is_err());
        assert!(target_url("postgres://lk@db/latchkey?password=hunter2").is_err());
        assert!(target_url("postgres://lk@db/latchkey").is_ok());
        assert!(target_url("/var/lib/latchkey/latchkey.sqlite").is_err());
    }
}
