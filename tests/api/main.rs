#![allow(clippy::unwrap_used, clippy::expect_used)]

//! One integration binary: each module drives the real router over a real
//! socket with a throw-away SQLite file.

mod anonymous_sessions;
mod authorize;
mod cli;
mod consent_binding;
mod discovery;
mod forward_auth;
mod fuzz;
mod hardening;
mod helpers;
mod load;
mod logout;
mod mfa;
mod mfa_helpers;
mod pages;
mod passkey;
mod secret_rotation;
mod session_store;
mod shutdown;
mod token;
mod userinfo;
