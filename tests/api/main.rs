#![allow(clippy::unwrap_used, clippy::expect_used)]

//! One integration binary: each module drives the real router over a real
//! socket with a throw-away SQLite file.

mod account_polish;
mod acr_values;
mod anonymous_sessions;
mod authorize;
mod backend;
mod branding;
mod cli;
mod cluster;
mod confirmations;
mod consent_binding;
mod copy_to;
mod discovery;
mod error_pages;
mod form_helpers;
mod forward_auth;
mod forward_auth_attacks;
mod fuzz;
mod hardening;
mod headers;
mod helpers;
mod languages;
mod load;
mod lockout_ux;
mod logout;
mod logout_consent_ux;
mod mfa;
mod mfa_helpers;
mod pages;
mod passkey;
mod pending_sign_in;
mod remember_device;
mod resets;
mod review;
mod scale_out;
mod secret_rotation;
mod session_store;
mod shutdown;
mod sign_in_help;
mod static_assets;
mod takeover;
mod throttle_races;
mod token;
mod userinfo;
