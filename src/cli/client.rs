//! `latchkey client …`

use clap::{Subcommand, ValueEnum};

use super::CliError;
use crate::app::AppState;
use crate::clients::{self, AddClient};
use crate::db::{self, clients::UriKind};
use crate::oidc::keys::Alg;

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum AlgArg {
    #[value(name = "RS256")]
    Rs256,
    #[value(name = "ES256")]
    Es256,
    #[value(name = "EdDSA")]
    EdDsa,
}

impl From<AlgArg> for Alg {
    fn from(a: AlgArg) -> Self {
        match a {
            AlgArg::Rs256 => Alg::RS256,
            AlgArg::Es256 => Alg::ES256,
            AlgArg::EdDsa => Alg::EdDSA,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum MfaArg {
    /// Follow the global `mfa` setting.
    Default,
    Required,
    Optional,
}

#[derive(Debug, Subcommand)]
pub enum ClientCommand {
    /// Register a client. A confidential client's secret is printed once.
    ///
    /// Example: latchkey client add paperless --name Paperless --redirect-uri https://paperless.example.com/accounts/oidc/latchkey/login/callback/
    Add {
        client_id: String,
        /// Exact redirect URI; repeat for several.
        #[arg(long = "redirect-uri", required = true)]
        redirect_uris: Vec<String>,
        /// Where RP-initiated logout may return to; repeatable.
        #[arg(long = "post-logout-redirect-uri")]
        post_logout_redirect_uris: Vec<String>,
        /// Display name shown on the login and consent pages.
        #[arg(long)]
        name: Option<String>,
        /// A public client (mobile or desktop app): no secret, PKCE required.
        #[arg(long)]
        public: bool,
        /// Trusted first-party app: no consent screen.
        #[arg(long)]
        first_party: bool,
        /// Require PKCE from this confidential client too.
        #[arg(long)]
        require_pkce: bool,
        /// Allow plain-http redirect URIs on non-loopback hosts (unsafe outside a LAN).
        #[arg(long)]
        allow_insecure_http: bool,
        /// id_token signing algorithm.
        #[arg(long, value_enum, default_value = "RS256")]
        id_token_alg: AlgArg,
        /// Second-factor policy for this client.
        #[arg(long, value_enum, default_value = "default")]
        mfa: MfaArg,
    },
    /// List clients.
    List,
    /// Show one client.
    Show { client_id: String },
    /// Change a client's name or redirect URIs; its secret and tokens stay.
    ///
    /// Example: latchkey client update paperless --add-redirect-uri https://docs.example.com/accounts/oidc/latchkey/login/callback/
    Update {
        client_id: String,
        #[arg(long)]
        name: Option<String>,
        #[arg(long = "add-redirect-uri")]
        add_redirect_uris: Vec<String>,
        #[arg(long = "remove-redirect-uri")]
        remove_redirect_uris: Vec<String>,
        #[arg(long = "add-post-logout-redirect-uri")]
        add_logout_uris: Vec<String>,
        #[arg(long = "remove-post-logout-redirect-uri")]
        remove_logout_uris: Vec<String>,
        /// Allow plain-http redirect URIs on non-loopback hosts.
        #[arg(long)]
        allow_insecure_http: bool,
    },
    /// Remove a client and revoke everything issued to it.
    Remove { client_id: String },
    /// Replace a confidential client's secret; the old one stops working.
    RotateSecret { client_id: String },
}

impl ClientCommand {
    /// What the command changes, in words, for the audit trail; `None` for
    /// one that only reads.
    pub fn audit_detail(&self) -> Option<String> {
        let list = |v: &[String]| {
            if v.is_empty() {
                "none".to_string()
            } else {
                v.join(" ")
            }
        };
        Some(match self {
            ClientCommand::Add {
                client_id,
                redirect_uris,
                public,
                first_party,
                ..
            } => format!(
                "registered {} client {client_id}{}, redirect URIs: {}",
                if *public { "public" } else { "confidential" },
                if *first_party {
                    " (first party, no consent)"
                } else {
                    ""
                },
                list(redirect_uris)
            ),
            ClientCommand::List | ClientCommand::Show { .. } => return None,
            ClientCommand::Update {
                client_id,
                name,
                add_redirect_uris,
                remove_redirect_uris,
                add_logout_uris,
                remove_logout_uris,
                ..
            } => {
                let mut changes = Vec::new();
                if let Some(n) = name {
                    changes.push(format!("name {n:?}"));
                }
                for (what, v) in [
                    ("added redirect URIs", add_redirect_uris),
                    ("removed redirect URIs", remove_redirect_uris),
                    ("added logout URIs", add_logout_uris),
                    ("removed logout URIs", remove_logout_uris),
                ] {
                    if !v.is_empty() {
                        changes.push(format!("{what} {}", v.join(" ")));
                    }
                }
                format!("updated client {client_id}: {}", changes.join("; "))
            }
            ClientCommand::Remove { client_id } => format!("removed client {client_id}"),
            ClientCommand::RotateSecret { client_id } => {
                format!("rotated the secret of client {client_id}")
            }
        })
    }
}

/// Runs a client command; with `json`, the result goes to standard
/// output as one JSON value (`{"done": what changed, "client": …}` for a
/// change; `client add` and `rotate-secret` add the secret).
pub async fn run(state: &AppState, cmd: ClientCommand, json: bool) -> Result<(), CliError> {
    let db = &state.db;
    let err = CliError::from_display;
    let done = cmd.audit_detail();
    match cmd {
        ClientCommand::Add {
            client_id,
            redirect_uris,
            post_logout_redirect_uris,
            name,
            public,
            first_party,
            require_pkce,
            allow_insecure_http,
            id_token_alg,
            mfa,
        } => {
            let (client, secret) = clients::add(
                db,
                &AddClient {
                    client_id: &client_id,
                    name: name.as_deref(),
                    redirect_uris: &redirect_uris,
                    post_logout_redirect_uris: &post_logout_redirect_uris,
                    public,
                    first_party,
                    require_pkce,
                    allow_insecure_http,
                    id_token_alg: id_token_alg.into(),
                    require_mfa: match mfa {
                        MfaArg::Default => None,
                        MfaArg::Required => Some(true),
                        MfaArg::Optional => Some(false),
                    },
                },
            )
            .await
            .map_err(err)?;
            if json {
                let v = serde_json::json!({
                    "done": done,
                    "issuer": state.config.issuer,
                    "client_id": client.client_id,
                    "client_secret": secret,
                    "client": client_json(state, &client).await?,
                });
                println!("{v}");
                return Ok(());
            }
            println!("Client '{}' added.", client.client_id);
            println!("issuer: {}", state.config.issuer);
            println!("client_id: {}", client.client_id);
            match secret {
                Some(s) => {
                    println!("client_secret: {s}");
                    println!("The secret is shown only this once: store it now.");
                }
                None => println!("Public client: no secret; PKCE (S256) is required."),
            }
        }
        ClientCommand::List => {
            let list = db::clients::list(db).await?;
            if json {
                let mut out = Vec::new();
                for c in &list {
                    out.push(client_json(state, c).await?);
                }
                println!("{}", serde_json::Value::Array(out));
            } else if list.is_empty() {
                println!("No clients yet. Add one with `latchkey client add`.");
            } else {
                println!(
                    "{:<24} {:<24} {:<12} REDIRECT URIS",
                    "CLIENT ID", "NAME", "TYPE"
                );
                for c in &list {
                    let uris = db::clients::uris(db, &c.client_id, UriKind::Login)
                        .await?
                        .join(" ");
                    let kind = if c.is_public() {
                        "public"
                    } else {
                        "confidential"
                    };
                    println!("{:<24} {:<24} {:<12} {}", c.client_id, c.name, kind, uris);
                }
            }
        }
        ClientCommand::Show { client_id } => {
            let c = clients::find(db, &client_id).await.map_err(err)?;
            let v = client_json(state, &c).await?;
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
        ClientCommand::Update {
            client_id,
            name,
            add_redirect_uris,
            remove_redirect_uris,
            add_logout_uris,
            remove_logout_uris,
            allow_insecure_http,
        } => {
            let c = clients::update(
                db,
                &client_id,
                &clients::UpdateClient {
                    name: name.as_deref(),
                    add_redirect_uris: &add_redirect_uris,
                    remove_redirect_uris: &remove_redirect_uris,
                    add_logout_uris: &add_logout_uris,
                    remove_logout_uris: &remove_logout_uris,
                    allow_insecure_http,
                },
            )
            .await
            .map_err(err)?;
            if json {
                let v =
                    serde_json::json!({ "done": done, "client": client_json(state, &c).await? });
                println!("{v}");
                return Ok(());
            }
            println!("Client '{}' updated.", c.client_id);
        }
        ClientCommand::Remove { client_id } => {
            let c = clients::find(db, &client_id).await.map_err(err)?;
            db::clients::delete(db, &c.client_id).await?;
            if json {
                let v =
                    serde_json::json!({ "done": done, "client_id": c.client_id, "removed": true });
                println!("{v}");
                return Ok(());
            }
            println!(
                "Client '{}' removed; its tokens no longer work.",
                c.client_id
            );
        }
        ClientCommand::RotateSecret { client_id } => {
            let secret = clients::rotate_secret(db, &client_id).await.map_err(err)?;
            if json {
                let v = serde_json::json!({ "done": done, "client_id": client_id, "client_secret": secret });
                println!("{v}");
                return Ok(());
            }
            println!("client_id: {client_id}");
            println!("client_secret: {secret}");
            println!("The old secret no longer works. The new one is shown only this once.");
        }
    }
    Ok(())
}

async fn client_json(
    state: &AppState,
    c: &db::clients::Client,
) -> Result<serde_json::Value, CliError> {
    let redirect = db::clients::uris(&state.db, &c.client_id, UriKind::Login).await?;
    let logout = db::clients::uris(&state.db, &c.client_id, UriKind::Logout).await?;
    Ok(serde_json::json!({
        "client_id": c.client_id,
        "name": c.name,
        "type": if c.is_public() { "public" } else { "confidential" },
        "redirect_uris": redirect,
        "post_logout_redirect_uris": logout,
        "first_party": c.first_party,
        "require_pkce": c.require_pkce,
        "id_token_alg": c.id_token_alg,
        "require_mfa": c.require_mfa,
        "created_at": c.created_at,
    }))
}
