//! Issue 14, item 4: the sign-in pages always offer a way forward for a
//! forgotten password or a lost second factor, naming the administrator's
//! contact from the configuration.

use latchkey::config::MfaPolicy;

use crate::helpers::*;
use crate::mfa_helpers::*;

const CONTACT: &str = "Sam <it@example.com>";

#[tokio::test]
async fn login_and_second_factor_pages_say_how_to_get_a_recovery_link() {
    let app = TestApp::spawn_with(|c| {
        c.mfa = MfaPolicy::Required;
        c.admin_contact = Some(CONTACT.into());
    })
    .await;
    app.add_user("alice", &[]).await;
    let (_, html) = app.page("/login").await;
    let help = texts(&html, "#sign-in-help");
    assert_eq!(help.len(), 1, "{html}");
    assert!(help[0].contains("Forgot your password"), "{}", help[0]);
    assert!(help[0].contains("recovery link"), "{}", help[0]);
    // The contact is shown as text, escaped like everything else.
    assert!(help[0].contains(CONTACT), "{}", help[0]);
    assert!(html.contains("Sam &lt;it@example.com&gt;") || html.contains("Sam &#60;"));

    // The second-factor page too, for a lost phone and lost codes.
    app.follow(app.submit_login("alice", PASSWORD).await).await;
    app.enroll_totp().await;
    app.continue_after_codes().await;
    let app = app.with_new_browser();
    app.follow(app.submit_login("alice", PASSWORD).await).await;
    let (url, html) = app.page("/login/mfa").await;
    assert_eq!(url.path(), "/login/mfa");
    let help = texts(&html, "#sign-in-help");
    assert_eq!(help.len(), 1, "{html}");
    assert!(help[0].contains("recovery link") && help[0].contains(CONTACT));
}

#[tokio::test]
async fn without_a_contact_the_way_out_still_says_what_to_do() {
    let app = TestApp::spawn().await;
    let (_, html) = app.page("/login").await;
    let help = texts(&html, "#sign-in-help");
    assert_eq!(help.len(), 1);
    assert!(help[0].contains("Ask your administrator for a recovery link"));
    assert!(!help[0].contains("Your administrator:"));
}

#[test]
fn a_contact_on_several_lines_is_a_config_error() {
    let config = latchkey::Config {
        admin_contact: Some("it@example.com\nclick here".into()),
        ..latchkey::Config::default()
    };
    let e = config.validate().unwrap_err();
    assert!(e.0.contains("admin_contact"), "{}", e.0);
}
