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
