# Latchkey's page text, English (the reference catalogue).
# Format and how to add a language: CONTRIBUTING.md.
# Every message may use { $product }, the product name pages show.

## Shared

skip-to-content = Skip to content
title-error-prefix = Error:
divider-or = or
continue = Continue
cancel = Cancel
switch-user = Sign in as someone else
language-label = Language
language-change = Change
password-min-hint = { $count ->
    [one] At least { $count } character.
   *[other] At least { $count } characters.
}
password-too-short = { $count ->
    [one] The password must have at least { $count } character.
   *[other] The password must have at least { $count } characters.
}
password-too-long = { $count ->
    [one] The password must have at most { $count } character.
   *[other] The password must have at most { $count } characters.
}
totp-heading = Authenticator app
device-unknown = Unknown device
# A device in the session list, such as "Firefox 128 on Linux".
device-on = { $browser } on { $os }

## Lockouts: one sentence for every factor, with the real time left.

lockout = Too many attempts. Wait { $wait }, then try again.
wait-seconds = { $count ->
    [one] about { $count } second
   *[other] about { $count } seconds
}
wait-minutes = { $count ->
    [one] about { $count } minute
   *[other] about { $count } minutes
}
wait-hours = { $count ->
    [one] about { $count } hour
   *[other] about { $count } hours
}

## Sign-in page

login-title = Sign in
login-lead-app = to continue to { $app }
login-lead = with your { $product } account
login-passkey-only = This application asks for a passkey. Sign in with your passkey to continue.
login-username = Username
login-password = Password
login-submit = Sign in
login-passkey = Sign in with a passkey
login-bad-credentials = Incorrect username or password.
login-return-not-allowed = This return address is not allowed.
login-requires-passkey = This application requires a passkey.
help-summary-login = Forgot your password, or lost your phone or passkey?
help-summary-mfa = Lost your device and your recovery codes?
help-ask-admin = Ask your administrator for a recovery link: it lets you set a new password and set up your sign-in again.
help-admin-contact = Your administrator:

## Second step

mfa-title = Second step
mfa-heading = Confirm it's you
mfa-lead = Signed in as { $username }. One more step.
mfa-use-passkey = Use your passkey
mfa-code-label = Code from your authenticator app
mfa-verify = Verify
mfa-recovery-summary = Lost your device? Use a recovery code
mfa-recovery-label = Recovery code
mfa-recovery-submit = Use recovery code
code-invalid = That code is not valid.
code-invalid-retry = That code is not valid. Try again.
code-not-digits = A code has only digits: enter the 6 digits your app shows.
code-wrong-length = { $count ->
    [one] That code has { $count } digit; codes from your app have 6. Enter all 6 digits your app shows now.
   *[other] That code has { $count } digits; codes from your app have 6. Enter all 6 digits your app shows now.
}
recovery-used-title = Recovery code used
recovery-used-message = { $count ->
    [one] You have { $count } recovery code left. Regenerate them from your account page if you are running low.
   *[other] You have { $count } recovery codes left. Regenerate them from your account page if you are running low.
}

## Consent

consent-title = Allow access
consent-heading = Allow access?
consent-lead = { $app } wants to sign you in as { $username } and see:
consent-origin = The app is at { $origin }. Allow only if that is the address you meant to visit.
consent-allow = Allow
consent-deny = Deny
consent-withdraw = You can withdraw this at any time from your account page.
consent-not-you = Not { $username }? Sign in as someone else
scope-openid = Your account identifier
scope-profile = Your name and username
scope-email = Your email address
scope-groups = The groups you belong to
scope-offline-access = Access while you are not signed in

## Second-factor setup

enroll-title = Set up a second factor
enroll-forced-heading = Protect your account
enroll-forced-lead = A second factor is required. Set one up to continue.
enroll-heading = Add a second factor
enroll-lead = Add a passkey, or set up (or replace) your authenticator app.
enroll-back = Back to your account
enroll-enter-again = Enter the code again
enroll-passkey = Passkey
enroll-passkey-hint = Use your device's fingerprint, face or screen lock, or a security key.
enroll-passkey-name = Name for this passkey
enroll-passkey-create = Create a passkey
enroll-totp-phone = On this phone? Open the app straight from here, or copy the key into it.
enroll-totp-open = Open in your authenticator app
enroll-totp-key = Or enter this key in the app:
enroll-totp-copy = Copy key
enroll-totp-computer = On a computer? Scan this code with an app such as Aegis, 2FAS, Google Authenticator or 1Password.
enroll-totp-qr-alt = QR code for your authenticator app
enroll-totp-code = Enter the 6-digit code to confirm
enroll-totp-submit = Confirm and turn on
enroll-code-invalid = That code is not valid. Check the app and try again.

## Recovery codes

codes-heading = Save your recovery codes
codes-lead = If you lose your device, each code lets you sign in once. They are shown only now.
codes-copy = Copy codes
codes-download = Download (.txt)
codes-print = Print
codes-advice = Store them somewhere safe, such as a password manager or on paper.
codes-saved = I saved them, continue

## Enrollment link

enroll-link-title = Set your password
enroll-link-heading = Welcome, { $username }
enroll-link-lead = Choose a password. Next, you'll set up a second factor.
enroll-link-repeat = Repeat the password
enroll-link-invalid = This link is invalid, expired or already used. Ask your administrator for a new one.

## Account page

account-title = Your account
account-signed-in-as = Signed in as { $username }
account-nudge-passkey = You have one way to confirm it's you besides your password. Add another (a passkey), so that losing one device does not lock you out.
account-nudge-any = You have one way to confirm it's you besides your password. Add another (an authenticator app or a second passkey), so that losing one device does not lock you out.
account-fresh-check = Changing your password or sign-in methods needs a fresh check.
account-confirm-link = Confirm it's you first.
account-confirm-button = Confirm it's you
account-password = Password
account-current-password = Current password
account-new-password = New password
account-repeat-password = Repeat the new password
account-change-password = Change password
account-password-needs-check = To change your password, confirm your second factor first.
account-totp-on = On
account-totp-accepted = Codes from your authenticator app are accepted.
account-totp-replace = Replace
account-totp-none = Not set up.
account-totp-set-up = Set up an authenticator app
account-remove = Remove
account-passkeys = Passkeys
account-passkeys-none = No passkeys yet.
account-col-name = Name
account-col-used = Used
account-col-actions = Actions
account-passkey-synced = synced
account-passkey-added = added
account-passkey-last-used = last used
account-passkey-never = never
account-passkey-new-name = New name
account-passkey-rename = Rename
account-passkey-add = Add a passkey
account-recovery = Recovery codes
account-recovery-left = { $count ->
    [one] { $count } unused code left.
   *[other] { $count } unused codes left.
}
account-recovery-new = Make new codes
account-sessions = Where you're signed in
account-col-device = Device
account-col-signed-in = Signed in
account-col-last-active = Last active
account-this-device = this device
account-sign-out-this = Sign out this device
account-sign-out-that = Sign out that device
account-apps = Applications
account-apps-none = No application has access.
account-col-app = Application
account-col-access = Access
account-app-revoke = Revoke
account-sign-out-here = Sign out of { $product } here
account-wrong-current-password = The current password is not correct.
account-passwords-differ = The passwords do not match.
account-password-changed = Your password was changed. Other devices were signed out.
account-last-factor = This is your last second factor. Add another before removing it.
account-totp-removed = The authenticator app was removed. Other devices were signed out.
account-passkey-needs-name = A passkey needs a name.
account-passkey-renamed = The passkey was renamed.
account-passkey-removed = The passkey was removed. Other devices were signed out.
account-session-signed-out = That session was signed out.
account-app-revoked = The application's access was revoked.

## Confirmation steps

confirm-totp-title = Remove the authenticator app?
confirm-totp-message = Codes from your authenticator app will no longer sign you in, and your other devices will be signed out. To use an app again you will have to set it up from the start.
confirm-totp-button = Remove the authenticator app
confirm-passkey-title = Remove this passkey?
confirm-passkey-message = The passkey “{ $name }” will no longer sign you in, and your other devices will be signed out.
confirm-passkey-button = Remove the passkey
confirm-recovery-title = Make new recovery codes?
confirm-recovery-message = Your current recovery codes stop working at once, including any you printed or saved. You will see the new codes only once, on the next page.
confirm-session-title = Sign out this session?
confirm-session-message-this = { $device } is the device you are using now: you will be signed out here.
confirm-session-message-that = { $device } will be signed out and will need to sign in again.
confirm-session-button = Sign out the session
confirm-app-title = Revoke this application's access?
confirm-app-message = { $app } will lose access to your account and will ask for your permission again the next time you sign in to it.
confirm-app-button = Revoke access

## Sign out

logout-title = Sign out
logout-heading = Sign out?
logout-lead-app = { $app } asks to sign you out of { $product }.
logout-lead = You will be signed out of { $product } on this device.
logout-cancel = Cancel, stay signed in
signed-out-title = Signed out
signed-out-message = You are signed out of { $product }.
signed-out-again = Sign in again

## Error pages

authorize-gone = This sign-in request is no longer pending. Go back to the application and sign in again.
error-to-account = Go to your account
error-details = Details for your administrator
error-bad-request = This did not work
error-malformed-title = This link or form is incomplete
error-malformed-message = { $product } could not read this request: part of it is missing or malformed, so nothing was done. If you followed a link, it may have been cut short: go back and try again.
error-oauth-title = This sign-in link does not work
error-oauth-message = The application sent you here with a sign-in request that { $product } cannot accept, so it cannot send you back to that application. Go back to the application and start the sign-in again; if it happens again, its settings in { $product } need fixing: tell your administrator.
error-csrf-title = This page has expired
error-csrf-message = The form was open for too long, or it was sent from another window or site, so nothing was changed. Go back, reload the page and try again.
error-not-found-title = Page not found
error-not-found-message = There is no page at this address. Check the link you followed, or go to your account.
error-busy-title = { $product } is busy
error-busy-message = Too many sign-ins are being checked at once, so yours was not checked. Try again in a moment.
error-internal-title = Something went wrong
error-internal-message = { $product } could not finish this request. Try again in a moment; if it keeps happening, tell your administrator (the server log has the cause).

## Passkey answers (shown by the page's script)

passkey-session-expired = Your session has expired. Reload the page.
passkey-bad-request = This request could not be used. Reload the page and try again.
passkey-not-found = Not found.
passkey-busy = Busy. Try again.
passkey-failed = The passkey could not be verified.
passkey-confirm-first = Sign in again to add a passkey, then try once more.
passkey-start-again = Start again.
passkey-not-registered = The passkey could not be registered.
passkey-already = This passkey is already registered.
passkey-sign-in-first = Sign in first.
passkey-none = You have no passkey.

## The pages' scripts

js-copied = Copied.
js-copy-failed = Could not copy. Select the text and copy it by hand.
js-show-password = Show password
js-hide-password = Hide password
js-caps-lock = Caps Lock is on.
# The first lines of the downloaded recovery-codes file.
js-codes-file = { $product } recovery codes. Each code signs you in once.
js-passkey-closed = The passkey prompt was closed or timed out. Try again.
js-passkey-exists = This device already holds a passkey for your account. Use it to sign in, or add one on another device.
js-passkey-failed = The passkey could not be used. Try again, or use another way to sign in.
js-passkey-unsupported = This browser does not support passkeys.
js-passkey-name = Passkey
js-request-failed = The request failed. Try again.
js-went-wrong = Something went wrong. Try again.
language-unknown = That language is not available.
account-language-hint = The language of these pages, on every device you sign in on.
login-remember = { $count ->
    [one] Keep me signed in on this device for { $count } day
   *[other] Keep me signed in on this device for { $count } days
}
login-remember-hint = Only on a device that is yours. Other devices still ask for your password and second factor.

## Email: every message
email-greeting = Hello { $name },
email-footer = { $product } at { $issuer } sent this message automatically; replies are not read.

## Email: `latchkey email test`
email-test-subject = { $product }: test message
email-test-greeting = Hello,
email-test-body = This is a test message from { $product } at { $issuer }. If you can read it, email delivery works.

## Account page: email address
account-email = Email address
account-email-verified = Verified
account-email-unverified = Not verified
account-email-pending = A confirmation link went to { $address }. It becomes your address once you open that link.
account-email-new = Address
account-email-hint = We send a link to this address. Your address only changes once you open it.
account-email-send = Send confirmation link
account-email-ask-admin = To change your address, ask your administrator.
account-email-invalid = That is not an email address.
account-email-already = That address is already yours and verified.
account-email-unavailable = This server cannot send email. To change your address, ask your administrator.
account-email-sent = We sent a confirmation link to { $address }. Open it to make it your address.

## Email: confirm an address
email-confirm-subject = Confirm your email address for { $product }
email-confirm-body = Someone, hopefully you, asked to use this address for the account { $username } at { $product }.
email-confirm-action = Confirm this address
email-confirm-ignore = If you did not ask for this, ignore this message: nothing changes.

## Page: confirm an address (from the emailed link)
email-confirm-title = Confirm your email address
email-confirm-lead = Use { $address } as the address of the account { $username }?
email-confirm-button = Confirm address
email-confirm-invalid = This confirmation link is invalid, expired or already used. Ask for a new one on your account page.
email-confirm-taken = Another account already uses this address, so it cannot be confirmed for this one. Ask your administrator.
email-confirmed-title = Address confirmed
email-confirmed-body = { $address } is now the verified address of { $username }.
email-confirmed-continue = Go to your account

## Email: how long a link works
link-expires-hours = { $count ->
    [one] The link works once, for { $count } hour.
   *[other] The link works once, for { $count } hours.
}
link-expires-minutes = { $count ->
    [one] The link works once, for { $count } minute.
   *[other] The link works once, for { $count } minutes.
}
link-expires-days = { $count ->
    [one] The link works once, for { $count } day.
   *[other] The link works once, for { $count } days.
}

## Email: an invitation
invite-email-subject = You are invited to { $product }
invite-email-body = You have been invited to create an account at { $product } ({ $issuer }). You choose your password, then set up a second way to sign in.
invite-email-action = Accept the invitation
invite-email-ignore = If you did not expect this invitation, ignore this message.

## Page: accept an invitation
invite-title = Create your account
invite-lead = You were invited with the address { $address }. Choose how you will sign in.
invite-username-preset = Your username is { $username }.
invite-username-hint = Up to 64 letters, digits and the characters . _ @ -
invite-username-invalid = A username is 1 to 64 letters, digits and the characters . _ @ -
invite-username-taken = That username is taken. Choose another.
invite-submit = Create account
invite-invalid = This invitation link is invalid, expired, revoked or already used. Ask whoever invited you for a new one.

## Sign-in page: forgotten password
login-forgot = Forgot your password?

## Pages: password reset
reset-title = Reset your password
reset-lead = Enter your username or your email address. If it belongs to an account with a verified address, we email that address a link.
reset-who = Username or email address
reset-send = Send reset link
reset-factor-note = You will need your second factor too: a code from your authenticator app, a passkey or a recovery code.
reset-sent = Check your email.
reset-sent-detail = { $count ->
    [one] If the account exists and has a verified address, a link is on its way. It works for { $count } minute.
   *[other] If the account exists and has a verified address, a link is on its way. It works for { $count } minutes.
}
reset-back = Back to sign-in
reset-invalid = This reset link is invalid, expired or already used. Ask for a new one on the sign-in page.
reset-factor-heading = Prove it is you
reset-factor-lead = To choose a new password for { $username }, use one of your second factors.
reset-no-factor = This account has no second factor, so its password cannot be reset by email.
reset-factor-first = Prove it is you with your second factor first.
reset-password-heading = Choose a new password
reset-password-lead = The new password for { $username }. Every other session and app sign-in ends.
reset-password-submit = Set password
reset-done-title = Password changed
reset-done-body = Your password was changed and every other session ended. Sign in with the new password.
reset-done-sign-in = Sign in

## Email: password reset
reset-email-subject = Reset your { $product } password
reset-email-body = Someone, hopefully you, asked to reset the password of { $username } at { $product }.
reset-email-factor = After you open the link, you prove it is you with your second factor (an authenticator code, a passkey or a recovery code), then choose a new password.
reset-email-action = Choose a new password
reset-email-ignore = If you did not ask for this, ignore this message: your password stays as it is.
reset-email-no-factor = Your account has no second factor, so its password cannot be reset by email. Ask your administrator for a recovery link.

## Account page: notifications
account-notifications = Security notifications
account-notifications-hint = We email you when your password, your second factors or your recovery codes change. Those messages always go.
account-notifications-new-device = Also email me when someone signs in from a new device
account-notifications-save = Save
account-notifications-saved = Your notification settings were saved.

## Email: security notices
notice-method-totp = an authenticator app
notice-method-passkey = a passkey
notice-when = When: { $time }
notice-wasnt-me = This wasn't me: review my account
notice-wasnt-me-hint = If this wasn't you, open your account page, sign out the sessions you do not know and change your password.
notice-new-device-subject = New sign-in to { $product }
notice-new-device-body = Someone signed in to your account from a new device: { $device }, address { $address }.
notice-new-device-off = You can turn off these messages for new devices on your account page.
notice-factor-added-subject = A second factor was added to your { $product } account
notice-factor-added-body = A second factor was added to your account: { $method }.
notice-factor-removed-subject = A second factor was removed from your { $product } account
notice-factor-removed-body = A second factor was removed from your account: { $method }.
notice-password-subject = Your { $product } password was changed
notice-password-body = The password of your account was changed. Your other sessions were signed out.
notice-recovery-subject = New recovery codes for your { $product } account
notice-recovery-body = New recovery codes were made for your account. The old ones no longer work.
