//! `latchkey user …`

use std::io::{BufRead, IsTerminal};

use clap::Subcommand;

use super::CliError;
use crate::app::AppState;
use crate::db;
use crate::users::{self, AddUser};

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Add a user. The password is read from a prompt, or from standard
    /// input with --password-stdin; never from the command line.
    ///
    /// Example: echo "$PW" | latchkey user add alice --email alice@example.com --groups admins --password-stdin
    Add {
        username: String,
        #[arg(long)]
        email: String,
        /// Full name, e.g. "Alice Example".
        #[arg(long)]
        name: Option<String>,
        /// Comma-separated group names.
        #[arg(long, default_value = "")]
        groups: String,
        /// Read the password from the first line of standard input.
        #[arg(long)]
        password_stdin: bool,
        /// You vouch that the address is the user's: tokens say
        /// email_verified true. Without it the user confirms it first.
        #[arg(long)]
        email_verified: bool,
    },
    /// List users.
    List,
    /// Show one user.
    Show { username: String },
    /// Set a user's password (prompt, or --password-stdin). Their sessions
    /// end and every token issued to them is revoked.
    Passwd {
        username: String,
        #[arg(long)]
        password_stdin: bool,
    },
    /// Disable a user: logins are refused, sessions end and every token
    /// issued to them is revoked.
    Disable { username: String },
    /// Enable a disabled user.
    Enable { username: String },
    /// Delete a user and everything issued to them.
    Delete { username: String },
    /// Lift every lock on a user: the password and second-factor locks of
    /// the account and the code limits of its sign-ins in progress.
    ///
    /// Address counters are separate: latchkey unlock --address IP.
    Unlock { username: String },
    /// Remove the user's second factors and recovery codes; they must enroll
    /// again at their next login. Their sessions end and every token issued
    /// to them is revoked.
    ResetMfa { username: String },
    /// Print a one-time, short-lived link that lets the user set a password
    /// and enroll a new second factor (their old factors are replaced).
    ///
    /// Example: latchkey user enroll-link alice --minutes 60
    EnrollLink {
        username: String,
        /// How long the link stays valid.
        #[arg(long, default_value_t = 60, value_parser = clap::value_parser!(i64).range(1..=10080))]
        minutes: i64,
    },
    /// Mark a user's address as verified: you vouch that it is theirs.
    /// Applications that trust email_verified (django-allauth links a
    /// sign-in to the local account with the same verified address) then
    /// trust it too.
    VerifyEmail { username: String },
    /// Replace a user's groups.
    ///
    /// Example: latchkey user groups alice --set admins,staff
    Groups {
        username: String,
        /// Comma-separated group names; empty to remove all.
        #[arg(long)]
        set: String,
    },
}

impl UserCommand {
    /// What the command changes, in words, for the audit trail; `None` for
    /// one that only reads.
    pub fn audit_detail(&self) -> Option<String> {
        Some(match self {
            UserCommand::Add {
                username,
                email,
                groups,
                email_verified,
                ..
            } => {
                let groups = if groups.is_empty() { "none" } else { groups };
                let verified = if *email_verified {
                    "verified by the administrator"
                } else {
                    "unverified"
                };
                format!("added user {username} <{email}> ({verified}), groups: {groups}")
            }
            UserCommand::VerifyEmail { username } => {
                format!("vouched for the address of {username}")
            }
            UserCommand::List | UserCommand::Show { .. } => return None,
            UserCommand::Passwd { username, .. } => format!("set a new password for {username}"),
            UserCommand::Disable { username } => format!("disabled {username}"),
            UserCommand::Enable { username } => format!("enabled {username}"),
            UserCommand::Delete { username } => format!("deleted {username}"),
            UserCommand::Unlock { username } => format!("lifted the locks on {username}"),
            UserCommand::ResetMfa { username } => {
                format!("removed the second factors of {username}")
            }
            UserCommand::EnrollLink { username, minutes } => {
                format!("made an enrollment link for {username}, valid {minutes} minutes")
            }
            UserCommand::Groups { username, set } => {
                let set = if set.is_empty() { "none" } else { set };
                format!("set the groups of {username} to: {set}")
            }
        })
    }
}

fn read_password(from_stdin: bool) -> Result<String, CliError> {
    if from_stdin {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .map_err(|e| CliError(format!("cannot read the password from standard input: {e}")))?;
        return Ok(line.trim_end_matches(['\n', '\r']).to_string());
    }
    if !std::io::stdin().is_terminal() {
        return Err(CliError(
            "no terminal to prompt for a password: pass --password-stdin and pipe it in".into(),
        ));
    }
    let first = rpassword::prompt_password("Password: ").map_err(CliError::from_display)?;
    let second = rpassword::prompt_password("Repeat password: ").map_err(CliError::from_display)?;
    if first != second {
        return Err(CliError(
            "the passwords do not match; nothing was changed".into(),
        ));
    }
    Ok(first)
}

/// Runs a user command; with `json`, the result goes to standard output
/// as one JSON value: `{"done": what changed, "user": …}` for a change.
pub async fn run(state: &AppState, cmd: UserCommand, json: bool) -> Result<(), CliError> {
    let db = &state.db;
    let err = CliError::from_display;
    let done = cmd.audit_detail();
    let changed = |user: serde_json::Value| {
        println!("{}", serde_json::json!({ "done": done, "user": user }));
    };
    match cmd {
        UserCommand::Add {
            username,
            email,
            name,
            groups,
            password_stdin,
            email_verified,
        } => {
            // Validate everything cheap before asking for a password.
            users::check_username(&username).map_err(err)?;
            users::check_email(&email).map_err(err)?;
            let groups = users::parse_groups(&groups).map_err(err)?;
            if db::users::by_username(db, &username).await?.is_some() {
                return Err(CliError(format!("user '{username}' already exists")));
            }
            let password = read_password(password_stdin)?;
            let user = users::add(
                db,
                &state.passwords,
                &AddUser {
                    username: &username,
                    email: &email,
                    name: name.as_deref(),
                    groups: &groups,
                    password: Some(&password),
                    email_verified,
                    invitation: None,
                },
            )
            .await
            .map_err(err)?;
            if json {
                changed(user_json(state, &user).await?);
                return Ok(());
            }
            println!("User '{}' added.", user.username);
            if !user.email_verified {
                println!(
                    "Their address counts as unverified until they confirm it; if you know it is theirs: latchkey user verify-email {}",
                    user.username
                );
            }
            println!(
                "Next: add a client with `latchkey client add`, then sign in at {}/login",
                state.config.issuer
            );
        }
        UserCommand::List => {
            let list = db::users::list(db).await?;
            if json {
                let mut out = Vec::new();
                for u in &list {
                    out.push(user_json(state, u).await?);
                }
                println!("{}", serde_json::Value::Array(out));
            } else if list.is_empty() {
                println!("No users yet. Add one with `latchkey user add`.");
            } else {
                println!("{:<24} {:<32} {:<8} GROUPS", "USERNAME", "EMAIL", "STATUS");
                for u in &list {
                    let groups = db::users::groups(db, u.id).await?.join(",");
                    let status = if u.disabled { "disabled" } else { "active" };
                    println!(
                        "{:<24} {:<32} {:<8} {}",
                        u.username, u.email, status, groups
                    );
                }
            }
        }
        UserCommand::Show { username } => {
            let u = users::find(db, &username).await.map_err(err)?;
            let v = user_json(state, &u).await?;
            if json {
                println!("{v}");
            } else if let Some(map) = v.as_object() {
                for (k, v) in map {
                    println!(
                        "{k}: {}",
                        v.as_str().map_or_else(|| v.to_string(), str::to_string)
                    );
                }
            }
        }
        UserCommand::Passwd {
            username,
            password_stdin,
        } => {
            let u = users::find(db, &username).await.map_err(err)?;
            let password = read_password(password_stdin)?;
            users::reset_password(db, &state.passwords, &u, &password)
                .await
                .map_err(err)?;
            if json {
                changed(user_json(state, &u).await?);
                return Ok(());
            }
            println!(
                "Password for '{}' changed; their sessions have ended and their tokens are revoked.",
                u.username
            );
        }
        UserCommand::Disable { username } => {
            let u = users::find(db, &username).await.map_err(err)?;
            users::set_disabled(db, &u, true).await.map_err(err)?;
            if json {
                changed(user_json(state, &users::find(db, &username).await.map_err(err)?).await?);
                return Ok(());
            }
            println!(
                "User '{}' disabled; their sessions have ended and their tokens are revoked.",
                u.username
            );
        }
        UserCommand::Enable { username } => {
            let u = users::find(db, &username).await.map_err(err)?;
            users::set_disabled(db, &u, false).await.map_err(err)?;
            if json {
                changed(user_json(state, &users::find(db, &username).await.map_err(err)?).await?);
                return Ok(());
            }
            println!("User '{}' enabled.", u.username);
        }
        UserCommand::Delete { username } => {
            let u = users::find(db, &username).await.map_err(err)?;
            db::users::delete(db, u.id).await?;
            if json {
                changed(serde_json::json!({ "username": u.username, "deleted": true }));
                return Ok(());
            }
            println!("User '{}' deleted.", u.username);
        }
        UserCommand::Unlock { username } => {
            let u = users::find(db, &username).await.map_err(err)?;
            let lifted = users::unlock(db, &u).await.map_err(err)?;
            print_lifted(&format!("'{}'", u.username), &lifted, json);
            if lifted.is_empty() && !json {
                println!("Address counters are separate: latchkey unlock --address IP.");
            }
        }
        UserCommand::ResetMfa { username } => {
            let u = users::find(db, &username).await.map_err(err)?;
            users::reset_mfa(db, &u).await.map_err(err)?;
            if json {
                changed(user_json(state, &u).await?);
                return Ok(());
            }
            println!(
                "Second factors of '{}' removed, sessions ended, tokens revoked; they must enroll again at their next login.",
                u.username
            );
        }
        UserCommand::EnrollLink { username, minutes } => {
            let u = users::find(db, &username).await.map_err(err)?;
            let url = crate::web::enroll_link::create(state, &u, minutes)
                .await
                .map_err(err)?;
            if json {
                let v = serde_json::json!({
                    "username": u.username,
                    "url": url,
                    "expires_at": db::now() + minutes * 60,
                });
                println!("{v}");
                return Ok(());
            }
            println!("{url}");
            eprintln!(
                "This link works once and expires in {minutes} minutes. Send it to {} privately.",
                u.username
            );
        }
        UserCommand::VerifyEmail { username } => {
            let u = users::find(db, &username).await.map_err(err)?;
            users::verify_email(db, &u).await.map_err(err)?;
            if json {
                changed(user_json(state, &users::find(db, &username).await.map_err(err)?).await?);
                return Ok(());
            }
            println!(
                "The address of '{}' ({}) is now verified.",
                u.username, u.email
            );
        }
        UserCommand::Groups { username, set } => {
            let u = users::find(db, &username).await.map_err(err)?;
            let groups = users::parse_groups(&set).map_err(err)?;
            users::set_groups(db, &u, &groups).await.map_err(err)?;
            if json {
                changed(user_json(state, &u).await?);
                return Ok(());
            }
            println!(
                "Groups of '{}': {}",
                u.username,
                if groups.is_empty() {
                    "(none)".into()
                } else {
                    groups.join(",")
                }
            );
        }
    }
    Ok(())
}

async fn user_json(state: &AppState, u: &db::users::User) -> Result<serde_json::Value, CliError> {
    let groups = db::users::groups(&state.db, u.id).await?;
    Ok(serde_json::json!({
        "username": u.username,
        "email": u.email,
        "email_verified": u.email_verified,
        "name": u.name,
        "subject": u.subject,
        "groups": groups,
        "disabled": u.disabled,
        "has_password": u.password_hash.is_some(),
        "second_factor": crate::auth::has_factor(&state.db, u.id).await?,
        "created_at": u.created_at,
    }))
}

/// What an unlock cleared, one line each; honest when it was nothing.
/// With `json`: `{"cleared": [...], "locked": N}`.
pub fn print_lifted(whom: &str, lifted: &[users::Lifted], json: bool) {
    if json {
        let cleared: Vec<String> = lifted.iter().map(ToString::to_string).collect();
        let locked = lifted.iter().filter(|l| l.locked_for.is_some()).count();
        println!(
            "{}",
            serde_json::json!({ "cleared": cleared, "locked": locked })
        );
        return;
    }
    if lifted.is_empty() {
        println!("{whom}: nothing to clear (no failures and no lock).");
        return;
    }
    let locks = lifted.iter().filter(|l| l.locked_for.is_some()).count();
    println!(
        "{whom}: cleared {} throttle record{} ({locks} locked):",
        lifted.len(),
        if lifted.len() == 1 { "" } else { "s" }
    );
    for l in lifted {
        println!("  {l}");
    }
}
