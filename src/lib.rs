//! Latchkey: a small, self-hosted OpenID Connect provider.

/// Application state and server life cycle.
pub mod app;
/// The audit trail.
pub mod audit;
/// Password and second-factor checks.
pub mod auth;
/// The admin command line.
pub mod cli;
/// Client registration rules shared by the CLI and tests.
pub mod clients;
/// Layered configuration.
pub mod config;
/// Random tokens, digests, constant-time comparison.
pub mod crypto;
/// The store: all SQL.
pub mod db;
/// SMTP delivery and the messages Latchkey sends.
pub mod email;
/// Forward-auth access rules and decisions.
pub mod forward_auth;
/// Page text in the reader's language.
pub mod i18n;
/// A short-lived memory of forward-auth session lookups.
pub mod identity_cache;
/// Invitations: accounts the invitee creates from an emailed link.
pub mod invitations;
/// Prometheus metrics.
pub mod metrics;
/// OpenID Connect protocol logic.
pub mod oidc;
/// Sealing secrets at rest with the instance key.
pub mod secrets;
/// User management shared by the CLI and the account pages.
pub mod users;
/// HTTP routes, pages and sessions.
pub mod web;

pub use app::AppState;
pub use config::Config;
