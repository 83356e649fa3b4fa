//! The `latchkey` binary: parse the command line, set up logging, run.

use clap::Parser;
use latchkey::cli::{Cli, run};

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    // The log format may come from the config file; a broken config is
    // reported by the command itself.
    let json = latchkey::Config::load(cli.config.as_deref())
        .is_ok_and(|c| c.log_format == latchkey::config::LogFormat::Json);
    // The server logs its events; an admin command tells its person what
    // it did on standard output, and its audit row goes to the database,
    // so its own log shows only warnings and errors (LATCHKEY_LOG overrides).
    let serving = matches!(cli.command, latchkey::cli::Command::Serve);
    init_tracing(json, if serving { "info" } else { "warn" });
    match run(cli).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

fn init_tracing(json: bool, default_level: &str) {
    use std::io::IsTerminal;
    use tracing_subscriber::EnvFilter;
    let filter =
        EnvFilter::try_from_env("LATCHKEY_LOG").unwrap_or_else(|_| EnvFilter::new(default_level));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(std::io::stderr().is_terminal())
        .with_writer(std::io::stderr);
    if json {
        builder.json().init();
    } else {
        builder.init();
    }
}
