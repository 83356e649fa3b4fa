//! `latchkey invite …`

use clap::Subcommand;

use super::CliError;
use crate::app::AppState;
use crate::db::invitations::Invitation;
use crate::{db, invitations, users};

#[derive(Debug, Subcommand)]
pub enum InviteCommand {
    /// Invite someone: a single-use link to create their account (their
    /// address counts as verified once they use it). It is emailed when
    /// email is configured, and printed otherwise.
    ///
    /// Example: latchkey invite create --email bob@example.com --groups staff --expires 3d
    Create {
        #[arg(long)]
        email: String,
        /// Comma-separated group names.
        #[arg(long, default_value = "")]
        groups: String,
        /// The username, chosen by you; otherwise the invitee picks one.
        #[arg(long)]
        username: Option<String>,
        /// How long the link works: 30m, 24h, 7d (at most 30d).
        #[arg(long, default_value = "7d")]
        expires: String,
    },
    /// List invitations, newest first.
    List,
    /// Revoke an open invitation: its link stops working.
    ///
    /// Example: latchkey invite revoke 3
    Revoke { id: i64 },
}

impl InviteCommand {
    pub fn audit_detail(&self) -> Option<String> {
        Some(match self {
            InviteCommand::Create {
                email,
                groups,
                username,
                expires,
            } => {
                let groups = if groups.is_empty() { "none" } else { groups };
                let username = username.as_deref().unwrap_or("their choice");
                format!("invited {email} (username: {username}, groups: {groups}), for {expires}")
            }
            InviteCommand::List => return None,
            InviteCommand::Revoke { id } => format!("revoked invitation {id}"),
        })
    }
}

fn status(i: &Invitation, now: i64) -> &'static str {
    if i.used_at.is_some() {
        "used"
    } else if i.revoked_at.is_some() {
        "revoked"
    } else if i.expires_at <= now {
        "expired"
    } else {
        "open"
    }
}

fn invitation_json(i: &Invitation, now: i64) -> serde_json::Value {
    serde_json::json!({
        "id": i.id,
        "email": i.email,
        "username": i.username,
        "groups": i.group_list(),
        "status": status(i, now),
        "created_at": i.created_at,
        "expires_at": i.expires_at,
    })
}

pub async fn run(state: &AppState, cmd: InviteCommand, json: bool) -> Result<(), CliError> {
    let err = CliError::from_display;
    let done = cmd.audit_detail();
    match cmd {
        InviteCommand::Create {
            email,
            groups,
            username,
            expires,
        } => {
            let seconds = super::ops::parse_age(&expires).ok_or_else(|| {
                CliError(format!(
                    "invalid --expires '{expires}': use an age like 30m, 24h or 7d"
                ))
            })?;
            let groups = users::parse_groups(&groups).map_err(err)?;
            let created = invitations::create(state, &email, username.as_deref(), &groups, seconds)
                .await
                .map_err(err)?;
            let sent = match &state.mailer {
                None => None,
                Some(mailer) => {
                    let rendered = invitations::letter(
                        state,
                        &created.invitation,
                        &created.url,
                        state.config.default_lang(),
                    )
                    .await;
                    Some(
                        super::email::send_audited(state, mailer, &email, "invitation", &rendered)
                            .await,
                    )
                }
            };
            let emailed = matches!(sent, Some(Ok(_)));
            let now = db::now();
            if json {
                let mut v = serde_json::json!({
                    "done": done,
                    "invitation": invitation_json(&created.invitation, now),
                    "emailed": emailed,
                });
                // The link only when nobody else will deliver it.
                if !emailed {
                    v["url"] = created.url.clone().into();
                }
                if let Some(Err(e)) = &sent {
                    v["email_error"] = e.to_string().into();
                }
                println!("{v}");
                return Ok(());
            }
            let until = db::utc_text(created.invitation.expires_at);
            match sent {
                Some(Ok(answer)) => println!(
                    "Invitation {} emailed to {email} (the server answered: {answer}). It works once, until {until}.",
                    created.invitation.id
                ),
                Some(Err(e)) => {
                    eprintln!("Could not email the invitation: {e}");
                    println!("{}", created.url);
                    eprintln!("Send this link to {email} yourself. It works once, until {until}.");
                }
                None => {
                    println!("{}", created.url);
                    eprintln!(
                        "Email is not configured: send this link to {email} yourself. It works once, until {until}."
                    );
                }
            }
        }
        InviteCommand::List => {
            let list = db::invitations::list(&state.db).await?;
            let now = db::now();
            if json {
                let v: Vec<_> = list.iter().map(|i| invitation_json(i, now)).collect();
                println!("{}", serde_json::Value::Array(v));
            } else if list.is_empty() {
                println!("No invitations. Invite someone with `latchkey invite create --email …`.");
            } else {
                println!(
                    "{:<5} {:<32} {:<16} {:<16} {:<8} EXPIRES",
                    "ID", "EMAIL", "USERNAME", "GROUPS", "STATUS"
                );
                for i in &list {
                    println!(
                        "{:<5} {:<32} {:<16} {:<16} {:<8} {}",
                        i.id,
                        i.email,
                        i.username.as_deref().unwrap_or("-"),
                        if i.groups.is_empty() { "-" } else { &i.groups },
                        status(i, now),
                        db::utc_text(i.expires_at)
                    );
                }
            }
        }
        InviteCommand::Revoke { id } => {
            if !db::invitations::revoke(&state.db, id, db::now()).await? {
                return Err(CliError(format!(
                    "there is no open invitation {id} (see `latchkey invite list`)"
                )));
            }
            if json {
                let i = db::invitations::by_id(&state.db, id).await?;
                let v = i.map(|i| invitation_json(&i, db::now()));
                println!("{}", serde_json::json!({ "done": done, "invitation": v }));
            } else {
                println!("Invitation {id} revoked; its link no longer works.");
            }
        }
    }
    Ok(())
}
