#![allow(clippy::unwrap_used)]

use super::*;

fn client(public: bool) -> Client {
    Client {
        client_id: "app".into(),
        name: "App".into(),
        secret_hash: (!public).then(|| "h".into()),
        first_party: false,
        require_pkce: public,
        id_token_alg: "RS256".into(),
        require_mfa: None,
        created_at: 0,
    }
}

fn request() -> AuthRequest {
    let p = Params::parse(
        b"client_id=app&redirect_uri=https%3A%2F%2Fa%2Fcb&response_type=code&scope=openid",
    )
    .unwrap();
    validate(&p, Some(&client(false)), &["https://a/cb".into()]).unwrap()
}

const AMR_PWD: &[Amr] = &[Amr::Pwd];
const AMR_MFA: &[Amr] = &[Amr::Pwd, Amr::Otp, Amr::Mfa];

fn situation(amr: &'static [Amr]) -> Situation<'static> {
    Situation {
        login: Some(LoginFacts {
            subject: "s",
            auth_time: 100,
            amr,
        }),
        second_factor_needed: false,
        has_factor: false,
        consented: true,
    }
}

#[test]
fn steps_follow_the_login_state() {
    let req = request();
    let anon = Situation {
        login: None,
        ..situation(AMR_PWD)
    };
    assert_eq!(next(&req, &anon, 100), Next::Login);
    assert_eq!(next(&req, &situation(AMR_PWD), 100), Next::IssueCode);
    let needs = Situation {
        second_factor_needed: true,
        ..situation(AMR_PWD)
    };
    assert_eq!(next(&req, &needs, 100), Next::Enroll);
    assert_eq!(
        next(
            &req,
            &Situation {
                has_factor: true,
                ..needs
            },
            100
        ),
        Next::SecondFactor
    );
    let done = Situation {
        second_factor_needed: true,
        has_factor: true,
        ..situation(AMR_MFA)
    };
    assert_eq!(next(&req, &done, 100), Next::IssueCode);
    assert_eq!(
        next(
            &req,
            &Situation {
                consented: false,
                ..done
            },
            100
        ),
        Next::Consent
    );
}

#[test]
fn prompt_none_never_shows_a_page() {
    let mut req = request();
    req.prompt.none = true;
    let anon = Situation {
        login: None,
        ..situation(AMR_PWD)
    };
    assert!(matches!(next(&req, &anon, 100), Next::Fail(e) if e.error == ErrorCode::LoginRequired));
    let needs = Situation {
        second_factor_needed: true,
        ..situation(AMR_PWD)
    };
    assert!(
        matches!(next(&req, &needs, 100), Next::Fail(e) if e.error == ErrorCode::InteractionRequired)
    );
    let consent = Situation {
        consented: false,
        ..situation(AMR_PWD)
    };
    assert!(
        matches!(next(&req, &consent, 100), Next::Fail(e) if e.error == ErrorCode::ConsentRequired)
    );
}

#[test]
fn max_age_prompt_login_hint_and_acr_force_login() {
    let mut req = request();
    req.max_age = Some(10);
    assert_eq!(next(&req, &situation(AMR_PWD), 110), Next::IssueCode);
    assert_eq!(next(&req, &situation(AMR_PWD), 111), Next::Login);
    // max_age=0: a login for this request, even one that ended a second
    // before the check.
    let mut req = request();
    req.max_age = Some(0);
    assert_eq!(next(&req, &situation(AMR_PWD), 100), Next::Login);
    req.fresh_login = true;
    assert_eq!(next(&req, &situation(AMR_PWD), 101), Next::IssueCode);
    let mut req = request();
    req.max_age = Some(10);
    req.fresh_login = true;
    assert_eq!(next(&req, &situation(AMR_PWD), 111), Next::Login);
    let mut req = request();
    req.prompt.login = true;
    assert_eq!(next(&req, &situation(AMR_PWD), 100), Next::Login);
    req.fresh_login = true;
    assert_eq!(next(&req, &situation(AMR_PWD), 100), Next::IssueCode);
    let mut req = request();
    req.hint_subject = Some("other".into());
    assert_eq!(next(&req, &situation(AMR_PWD), 100), Next::Login);
    let mut req = request();
    req.wants_phishing_resistant = true;
    assert_eq!(next(&req, &situation(AMR_MFA), 100), Next::Login);
    assert_eq!(
        next(&req, &situation(&[Amr::Hwk, Amr::User, Amr::Mfa]), 100),
        Next::IssueCode
    );
}

#[test]
fn redirect_uris_match_exactly_except_public_loopback_ports() {
    assert!(redirect_uri_matches("https://a/cb", "https://a/cb", false));
    assert!(!redirect_uri_matches(
        "https://a/cb",
        "https://a/cb/",
        false
    ));
    assert!(!redirect_uri_matches("https://a/cb", "https://A/cb", false));
    assert!(!redirect_uri_matches(
        "http://127.0.0.1/cb",
        "http://127.0.0.1:9999/cb",
        false
    ));
    assert!(redirect_uri_matches(
        "http://127.0.0.1/cb",
        "http://127.0.0.1:9999/cb",
        true
    ));
    assert!(!redirect_uri_matches(
        "http://127.0.0.1/cb",
        "http://127.0.0.1:9999/other",
        true
    ));
    assert!(!redirect_uri_matches(
        "http://127.0.0.1/cb",
        "http://evil:9999/cb",
        true
    ));
}

#[test]
fn acr_reflects_the_methods() {
    assert_eq!(acr_for(&[Amr::Pwd]), ACR_PASSWORD);
    assert_eq!(acr_for(AMR_MFA), ACR_MFA);
    assert_eq!(
        acr_for(&[Amr::Hwk, Amr::User, Amr::Mfa]),
        ACR_PHISHING_RESISTANT
    );
}

fn request_with(extra: &str) -> Result<AuthRequest, Rejection> {
    let raw = format!(
        "client_id=app&redirect_uri=https%3A%2F%2Fa%2Fcb&response_type=code&scope=openid&{extra}"
    );
    let p = Params::parse(raw.as_bytes()).unwrap();
    validate(&p, Some(&client(false)), &["https://a/cb".into()])
}

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

const AMR_PASSKEY: &[Amr] = &[Amr::Hwk, Amr::User, Amr::Mfa];

#[test]
fn acr_values_are_voluntary_and_only_a_sole_phr_demands_a_passkey() {
    // OIDC Core 3.1.2.1: all three advertised values, in any order, strand nobody.
    for list in [
        &["pwd", "mfa", "phr"][..],
        &["phr", "mfa"],
        &["phr", "pwd"],
        &["mfa"],
    ] {
        assert_eq!(
            acr_demand(&strings(list), false),
            AcrDemand::None,
            "{list:?}"
        );
    }
    assert_eq!(acr_demand(&strings(&["phr"]), false), AcrDemand::Passkey);
    assert_eq!(
        acr_demand(&strings(&["phrh", "phr"]), false),
        AcrDemand::Passkey
    );
    assert_eq!(acr_demand(&[], false), AcrDemand::None);
    // OIDC Core 5.5.1.1: essential values are a floor, the weakest of them.
    assert_eq!(
        acr_demand(&strings(&["phr", "mfa"]), true),
        AcrDemand::SecondFactor
    );
    assert_eq!(acr_demand(&strings(&["phr"]), true), AcrDemand::Passkey);
    assert_eq!(acr_demand(&strings(&["pwd", "phr"]), true), AcrDemand::None);
}

#[test]
fn the_acr_claim_never_exceeds_the_login_and_names_a_listed_value_when_it_can() {
    let none: Vec<String> = Vec::new();
    assert_eq!(acr_claim(&none, AMR_PWD), ACR_PASSWORD);
    assert_eq!(acr_claim(&none, AMR_MFA), ACR_MFA);
    assert_eq!(acr_claim(&none, AMR_PASSKEY), ACR_PHISHING_RESISTANT);
    // The level reached, when listed.
    assert_eq!(
        acr_claim(&strings(&["pwd", "mfa", "phr"]), AMR_MFA),
        ACR_MFA
    );
    assert_eq!(acr_claim(&strings(&["phr", "mfa"]), AMR_PWD), ACR_PASSWORD);
    // Else the strongest listed level the login includes.
    assert_eq!(acr_claim(&strings(&["mfa"]), AMR_PASSKEY), ACR_MFA);
    assert_eq!(acr_claim(&strings(&["pwd", "mfa"]), AMR_PASSKEY), ACR_MFA);
    // phrh is never claimed.
    assert_eq!(
        acr_claim(&strings(&["phrh"]), AMR_PASSKEY),
        ACR_PHISHING_RESISTANT
    );
}

#[test]
fn requested_acr_comes_from_acr_values_or_an_essential_claims_request() {
    let r = request_with("acr_values=pwd+mfa+phr").unwrap();
    assert_eq!(r.acr_values, strings(&["pwd", "mfa", "phr"]));
    assert!(!r.acr_essential && !r.wants_phishing_resistant);
    let r = request_with("acr_values=phrh+urn%3Aunknown").unwrap();
    assert!(
        r.wants_phishing_resistant,
        "phrh is the only acceptable value"
    );
    let essential = "claims=%7B%22id_token%22%3A%7B%22acr%22%3A%7B%22essential%22%3Atrue%2C%22values%22%3A%5B%22phr%22%5D%7D%7D%7D";
    let r = request_with(&format!("acr_values=pwd&{essential}")).unwrap();
    assert_eq!(r.acr_values, strings(&["phr"]));
    assert!(r.acr_essential && r.wants_phishing_resistant);
    // One value, voluntary: like acr_values.
    let r = request_with(
        "claims=%7B%22id_token%22%3A%7B%22acr%22%3A%7B%22value%22%3A%22mfa%22%7D%7D%7D",
    )
    .unwrap();
    assert_eq!((r.acr_values, r.acr_essential), (strings(&["mfa"]), false));
    // Essential with nothing Latchkey can claim: a failed authentication.
    let unknown = "claims=%7B%22id_token%22%3A%7B%22acr%22%3A%7B%22essential%22%3Atrue%2C%22values%22%3A%5B%22loa4%22%5D%7D%7D%7D";
    assert!(matches!(
        request_with(unknown),
        Err(Rejection::Redirect(e)) if e.error.error == ErrorCode::AccessDenied
    ));
    assert!(matches!(
        request_with("claims=%5B1%5D"),
        Err(Rejection::Redirect(e)) if e.error.error == ErrorCode::InvalidRequest
    ));
}

#[test]
fn an_essential_mfa_floor_needs_a_second_factor_whatever_the_policy() {
    let mut req = request();
    req.acr_values = strings(&["mfa", "phr"]);
    assert_eq!(
        next(&req, &situation(AMR_PWD), 100),
        Next::IssueCode,
        "voluntary"
    );
    req.acr_essential = true;
    assert_eq!(next(&req, &situation(AMR_PWD), 100), Next::Enroll);
    let with_totp = Situation {
        has_factor: true,
        ..situation(AMR_PWD)
    };
    assert_eq!(next(&req, &with_totp, 100), Next::SecondFactor);
    assert_eq!(next(&req, &situation(AMR_MFA), 100), Next::IssueCode);
}
