//! The authorization endpoint's logic (OIDC Core 3.1.2, RFC 6749 4.1): request
//! validation and the pure decision of what the user must do next.

use serde::{Deserialize, Serialize};
use url::Url;

use super::params::Params;
use super::scope::Scope;
use super::{ErrorCode, OAuthError};
use crate::db::clients::Client;

/// RFC 8176 authentication method references.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Amr {
    Pwd,
    Otp,
    Hwk,
    User,
    Mfa,
}

/// `acr` values (documented in the README).
pub const ACR_PASSWORD: &str = "pwd";
pub const ACR_MFA: &str = "mfa";
/// Phishing-resistant (a passkey was used), as in OpenID EAP ACR values.
pub const ACR_PHISHING_RESISTANT: &str = "phr";

/// Phishing-resistant and hardware-protected: asked for like `phr`, never
/// claimed (Latchkey does not tell device-bound passkeys from synced ones).
pub const ACR_PHISHING_RESISTANT_HARDWARE: &str = "phrh";

/// The `acr` a login with these methods earns.
pub fn acr_for(amr: &[Amr]) -> &'static str {
    acr_name(level_of(amr))
}

/// The `acr` classes as levels: each includes the ones below it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum AcrLevel {
    Pwd,
    Mfa,
    Phr,
}

/// The level a login with these methods reached.
pub fn level_of(amr: &[Amr]) -> AcrLevel {
    if amr.contains(&Amr::Hwk) {
        AcrLevel::Phr
    } else if amr.contains(&Amr::Mfa) {
        AcrLevel::Mfa
    } else {
        AcrLevel::Pwd
    }
}

fn acr_name(level: AcrLevel) -> &'static str {
    match level {
        AcrLevel::Pwd => ACR_PASSWORD,
        AcrLevel::Mfa => ACR_MFA,
        AcrLevel::Phr => ACR_PHISHING_RESISTANT,
    }
}

/// The level an `acr` value asks for; `None` for values Latchkey does not know.
pub fn level_named(acr: &str) -> Option<AcrLevel> {
    match acr {
        ACR_PASSWORD => Some(AcrLevel::Pwd),
        ACR_MFA => Some(AcrLevel::Mfa),
        ACR_PHISHING_RESISTANT | ACR_PHISHING_RESISTANT_HARDWARE => Some(AcrLevel::Phr),
        _ => None,
    }
}

/// What the requested `acr` values demand of every login, whoever the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AcrDemand {
    /// Nothing beyond the MFA policy.
    None,
    /// A second factor, even where the policy would not ask for one.
    SecondFactor,
    /// A passkey.
    Passkey,
}

/// OIDC Core 3.1.2.1: `acr_values` is a voluntary list in order of
/// preference, so a user meets it with the first value their factors can
/// reach (a TOTP-only user asked for `phr mfa` signs in with TOTP); only a
/// list whose sole acceptable level is `phr` demands a passkey. OIDC Core
/// 5.5.1.1: an essential `acr` must come back as one of its values, so
/// the weakest of them is a hard floor.
pub fn acr_demand(values: &[String], essential: bool) -> AcrDemand {
    let floor = values.iter().filter_map(|v| level_named(v)).min();
    match floor {
        Some(AcrLevel::Phr) => AcrDemand::Passkey,
        Some(AcrLevel::Mfa) if essential => AcrDemand::SecondFactor,
        _ => AcrDemand::None,
    }
}

/// The id_token's `acr`: never more than the login reached. When the
/// reached level is not one the client listed, the strongest listed level
/// it includes is named instead (so an essential request gets one of its
/// values back, OIDC Core 5.5.1.1); `phrh` is never claimed.
pub fn acr_claim(values: &[String], amr: &[Amr]) -> &'static str {
    let reached = level_of(amr);
    let listed = || {
        values
            .iter()
            .filter(|v| v.as_str() != ACR_PHISHING_RESISTANT_HARDWARE)
            .filter_map(|v| level_named(v))
    };
    if values.is_empty() || listed().any(|l| l == reached) {
        return acr_name(reached);
    }
    acr_name(listed().filter(|l| *l <= reached).max().unwrap_or(reached))
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Prompt {
    pub none: bool,
    pub login: bool,
    pub consent: bool,
}

/// A validated authorization request, kept in the session while the user logs in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuthRequest {
    pub client_id: String,
    /// The client's display name when the request was made (for the pages).
    #[serde(default)]
    pub client_name: String,
    pub redirect_uri: String,
    pub scope: Scope,
    pub state: Option<String>,
    pub nonce: Option<String>,
    pub code_challenge: Option<String>,
    pub prompt: Prompt,
    pub max_age: Option<i64>,
    pub id_token_hint: Option<String>,
    /// The `sub` of a verified `id_token_hint`.
    pub hint_subject: Option<String>,
    pub login_hint: Option<String>,
    /// A passkey login is required: `phr` is the only acceptable level
    /// (see [`acr_demand`]).
    pub wants_phishing_resistant: bool,
    /// The known `acr` values asked for, in order of preference (from an
    /// essential `acr` claim request, else `acr_values`).
    #[serde(default)]
    pub acr_values: Vec<String>,
    /// The `claims` parameter asked for `acr` as essential, with values.
    #[serde(default)]
    pub acr_essential: bool,
    /// Set once the user has logged in while this request was pending
    /// (what `prompt=login` asks for).
    pub fresh_login: bool,
}

/// Why a request is refused, and where to say so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rejection {
    /// No trustworthy redirect URI: tell the user at Latchkey (RFC 6749 4.1.2.1).
    Page(OAuthError),
    /// Send the error back to the client.
    Redirect(ErrorRedirect),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorRedirect {
    pub redirect_uri: String,
    pub state: Option<String>,
    pub error: OAuthError,
}

/// Validates an authorization request against its client (`None`: unknown).
pub fn validate(
    params: &Params,
    client: Option<&Client>,
    registered: &[String],
) -> Result<AuthRequest, Rejection> {
    let page = |code, msg: &'static str| Rejection::Page(OAuthError::new(code, msg));
    let Some(client_id) = params.get("client_id") else {
        return Err(page(ErrorCode::InvalidRequest, "client_id is missing"));
    };
    let Some(client) = client.filter(|c| c.client_id == client_id) else {
        return Err(page(ErrorCode::InvalidClient, "unknown client"));
    };
    // OIDC Core 3.1.2.1: redirect_uri is required.
    let Some(redirect_uri) = params.get("redirect_uri") else {
        return Err(page(ErrorCode::InvalidRequest, "redirect_uri is missing"));
    };
    if !registered
        .iter()
        .any(|r| redirect_uri_matches(r, redirect_uri, client.is_public()))
    {
        return Err(page(
            ErrorCode::InvalidRequest,
            "redirect_uri is not registered for this client",
        ));
    }
    let state = params.get("state").map(str::to_string);
    let fail = |code, msg: &'static str| {
        Rejection::Redirect(ErrorRedirect {
            redirect_uri: redirect_uri.to_string(),
            state: state.clone(),
            error: OAuthError::new(code, msg),
        })
    };

    // OIDC Core 6: request objects are not supported.
    if params.has("request") {
        return Err(fail(
            ErrorCode::RequestNotSupported,
            "request objects are not supported",
        ));
    }
    if params.has("request_uri") {
        return Err(fail(
            ErrorCode::RequestUriNotSupported,
            "request_uri is not supported",
        ));
    }
    if params.has("registration") {
        return Err(fail(
            ErrorCode::RegistrationNotSupported,
            "registration is not supported",
        ));
    }
    match params.get("response_type") {
        None => return Err(fail(ErrorCode::InvalidRequest, "response_type is missing")),
        Some("code") => {}
        Some(_) => {
            return Err(fail(
                ErrorCode::UnsupportedResponseType,
                "only response_type=code is supported",
            ));
        }
    }
    if params.get("response_mode").is_some_and(|m| m != "query") {
        return Err(fail(
            ErrorCode::InvalidRequest,
            "only response_mode=query is supported",
        ));
    }
    let scope = Scope::parse_supported(params.get("scope").unwrap_or(""));
    if !scope.contains("openid") {
        return Err(fail(ErrorCode::InvalidScope, "scope must include openid"));
    }
    let prompt = parse_prompt(params.get("prompt"))
        .ok_or_else(|| fail(ErrorCode::InvalidRequest, "prompt=none cannot be combined"))?;
    let max_age = match params.get("max_age") {
        None => None,
        Some(v) => Some(v.parse::<i64>().ok().filter(|m| *m >= 0).ok_or_else(|| {
            fail(
                ErrorCode::InvalidRequest,
                "max_age must be a non-negative integer",
            )
        })?),
    };
    let code_challenge =
        check_pkce(params, client).map_err(|msg| fail(ErrorCode::InvalidRequest, msg))?;
    let (acr_values, acr_essential) =
        requested_acr(params).map_err(|msg| fail(ErrorCode::InvalidRequest, msg))?;
    if acr_essential && acr_values.is_empty() {
        // OIDC Core 5.5.1.1: an essential requirement that cannot be met
        // is a failed authentication.
        return Err(fail(
            ErrorCode::AccessDenied,
            "none of the essential acr values is supported",
        ));
    }
    let wants_phishing_resistant = acr_demand(&acr_values, acr_essential) == AcrDemand::Passkey;

    Ok(AuthRequest {
        client_id: client.client_id.clone(),
        client_name: client.name.clone(),
        redirect_uri: redirect_uri.to_string(),
        scope,
        state,
        nonce: params.get("nonce").map(str::to_string),
        code_challenge,
        prompt,
        max_age,
        id_token_hint: params.get("id_token_hint").map(str::to_string),
        hint_subject: None,
        login_hint: params.get("login_hint").map(str::to_string),
        wants_phishing_resistant,
        acr_values,
        acr_essential,
        fresh_login: false,
    })
}

/// Known `acr` values asked for, in order, and whether they are essential:
/// an essential `acr` in the `claims` parameter (OIDC Core 5.5.1.1) wins,
/// then voluntary values there, then `acr_values` (OIDC Core 3.1.2.1).
/// Unknown values are dropped: voluntary ones need not be met, and an
/// essential list left empty is refused by the caller.
fn requested_acr(params: &Params) -> Result<(Vec<String>, bool), &'static str> {
    let known = |vals: &mut dyn Iterator<Item = &str>| {
        let mut out: Vec<String> = Vec::new();
        for v in vals {
            if level_named(v).is_some() && !out.iter().any(|o| o == v) {
                out.push(v.to_string());
            }
        }
        out
    };
    let from_param = known(&mut params.get("acr_values").unwrap_or("").split(' '));
    let Some(raw) = params.get("claims") else {
        return Ok((from_param, false));
    };
    let claims: serde_json::Value =
        serde_json::from_str(raw).map_err(|_| "claims is not valid JSON")?;
    if !claims.is_object() {
        return Err("claims must be a JSON object");
    }
    let acr = &claims["id_token"]["acr"];
    let essential = acr["essential"].as_bool() == Some(true);
    let mut asked: Vec<&str> = acr["values"]
        .as_array()
        .map(|a| a.iter().filter_map(|v| v.as_str()).collect())
        .unwrap_or_default();
    if let Some(v) = acr["value"].as_str() {
        asked.insert(0, v);
    }
    if asked.is_empty() {
        // No values: any acr will do (we always send one).
        return Ok((from_param, false));
    }
    let values = known(&mut asked.into_iter());
    if essential {
        Ok((values, true))
    } else if from_param.is_empty() {
        Ok((values, false))
    } else {
        Ok((from_param, false))
    }
}

/// `prompt` values (OIDC Core 3.1.2.1); `None` when `none` is combined.
fn parse_prompt(raw: Option<&str>) -> Option<Prompt> {
    let mut p = Prompt::default();
    let mut count = 0;
    for v in raw.unwrap_or("").split(' ').filter(|v| !v.is_empty()) {
        count += 1;
        match v {
            "none" => p.none = true,
            "login" => p.login = true,
            "consent" => p.consent = true,
            _ => {} // select_account and unknown values: one account, nothing to select.
        }
    }
    if p.none && count > 1 { None } else { Some(p) }
}

/// RFC 7636 4.3 and RFC 9700 2.1.1: S256 only; required for public clients
/// and for clients registered with `require_pkce`.
fn check_pkce(params: &Params, client: &Client) -> Result<Option<String>, &'static str> {
    let challenge = params.get("code_challenge");
    let method = params.get("code_challenge_method");
    match (challenge, method) {
        (None, Some(_)) => Err("code_challenge_method without code_challenge"),
        (None, None) if client.is_public() || client.require_pkce => {
            Err("PKCE (code_challenge with S256) is required for this client")
        }
        (None, None) => Ok(None),
        // Absent method means `plain` (RFC 7636 4.3), which is refused.
        (Some(_), None | Some("plain")) => Err("code_challenge_method must be S256"),
        (Some(_), Some(m)) if m != "S256" => Err("code_challenge_method must be S256"),
        (Some(c), Some(_)) => {
            // RFC 7636 4.2: base64url of a SHA-256 digest is 43 characters.
            let ok = c.len() == 43
                && c.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
            if ok {
                Ok(Some(c.to_string()))
            } else {
                Err("code_challenge is malformed")
            }
        }
    }
}

/// Exact string comparison (RFC 9700 2.1), except that a public client's
/// loopback redirect may use any port (RFC 8252 7.3).
pub fn redirect_uri_matches(registered: &str, requested: &str, public: bool) -> bool {
    if registered == requested {
        return true;
    }
    if !public {
        return false;
    }
    let (Ok(reg), Ok(req)) = (Url::parse(registered), Url::parse(requested)) else {
        return false;
    };
    let loopback = matches!(reg.host_str(), Some("127.0.0.1" | "[::1]"));
    loopback
        && reg.scheme() == "http"
        && req.scheme() == "http"
        && reg.host_str() == req.host_str()
        && reg.path() == req.path()
        && reg.query() == req.query()
        && req.fragment().is_none()
        && req.username().is_empty()
        && req.password().is_none()
}

/// What the browser session has proven.
#[derive(Debug, Clone, Copy)]
pub struct LoginFacts<'a> {
    pub subject: &'a str,
    pub auth_time: i64,
    pub amr: &'a [Amr],
}

/// Everything `next` needs to know besides the request.
#[derive(Debug, Clone, Copy)]
pub struct Situation<'a> {
    pub login: Option<LoginFacts<'a>>,
    /// The policy (global, per client, or the user's own factors) asks for a
    /// second factor.
    pub second_factor_needed: bool,
    pub has_factor: bool,
    /// First-party client, or the user already consented to these scopes.
    pub consented: bool,
}

/// The next step of a pending authorization.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Next {
    Login,
    SecondFactor,
    Enroll,
    Consent,
    IssueCode,
    Fail(OAuthError),
}

/// Decides the next step. Pure: all inputs are in the arguments.
pub fn next(req: &AuthRequest, s: &Situation<'_>, now: i64) -> Next {
    let needs_login = match s.login {
        None => true,
        Some(l) => {
            (req.prompt.login && !req.fresh_login)
                // OIDC Core 3.1.2.1: max_age forces re-authentication when
                // exceeded; 0 asks for a login for this request, which a
                // fresh login is, whichever second it ended in.
                || req.max_age.is_some_and(|m| match (m, req.fresh_login) {
                    (0, fresh) => !fresh,
                    (m, _) => now - l.auth_time > m,
                })
                || req.hint_subject.as_deref().is_some_and(|h| h != l.subject)
                || (req.wants_phishing_resistant && !l.amr.contains(&Amr::Hwk))
        }
    };
    if needs_login {
        // OIDC Core 3.1.2.6: prompt=none must not show a page.
        return if req.prompt.none {
            Next::Fail(OAuthError::new(
                ErrorCode::LoginRequired,
                "the user is not logged in",
            ))
        } else {
            Next::Login
        };
    }
    let has_second = s.login.is_some_and(|l| l.amr.contains(&Amr::Mfa));
    let second_factor_needed = s.second_factor_needed
        || acr_demand(&req.acr_values, req.acr_essential) == AcrDemand::SecondFactor;
    if second_factor_needed && !has_second {
        return if req.prompt.none {
            Next::Fail(OAuthError::new(
                ErrorCode::InteractionRequired,
                "a second factor is required",
            ))
        } else if s.has_factor {
            Next::SecondFactor
        } else {
            Next::Enroll
        };
    }
    if req.prompt.consent || !s.consented {
        return if req.prompt.none {
            Next::Fail(OAuthError::new(
                ErrorCode::ConsentRequired,
                "consent is required",
            ))
        } else {
            Next::Consent
        };
    }
    Next::IssueCode
}

#[cfg(test)]
mod tests;
