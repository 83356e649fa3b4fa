# Die Seitentexte von Latchkey, Deutsch.
# Format und wie man eine Sprache hinzufügt: CONTRIBUTING.md.
# Jede Nachricht kann { $product } verwenden, den Produktnamen, den die Seiten zeigen.

## Allgemein

skip-to-content = Zum Inhalt springen
title-error-prefix = Fehler:
divider-or = oder
continue = Weiter
cancel = Abbrechen
switch-user = Mit anderem Konto anmelden
language-label = Sprache
language-change = Ändern
password-min-hint = { $count ->
    [one] Mindestens { $count } Zeichen.
   *[other] Mindestens { $count } Zeichen.
}
password-too-short = { $count ->
    [one] Das Passwort muss mindestens { $count } Zeichen lang sein.
   *[other] Das Passwort muss mindestens { $count } Zeichen lang sein.
}
password-too-long = { $count ->
    [one] Das Passwort darf höchstens { $count } Zeichen lang sein.
   *[other] Das Passwort darf höchstens { $count } Zeichen lang sein.
}
totp-heading = Authenticator-App
device-unknown = Unbekanntes Gerät
# Ein Gerät in der Sitzungsliste, etwa „Firefox 128 unter Linux“.
device-on = { $browser } unter { $os }

## Sperren: ein Satz für jeden Faktor, mit der tatsächlich verbleibenden Zeit.

lockout = Zu viele Versuche. Bitte warten Sie { $wait } und versuchen Sie es dann erneut.
wait-seconds = { $count ->
    [one] etwa { $count } Sekunde
   *[other] etwa { $count } Sekunden
}
wait-minutes = { $count ->
    [one] etwa { $count } Minute
   *[other] etwa { $count } Minuten
}
wait-hours = { $count ->
    [one] etwa { $count } Stunde
   *[other] etwa { $count } Stunden
}

## Anmeldeseite

login-title = Anmelden
login-lead-app = Weiter zu { $app }
login-lead = Mit Ihrem Konto bei { $product }
login-passkey-only = Diese Anwendung verlangt einen Passkey. Melden Sie sich mit Ihrem Passkey an, um fortzufahren.
login-username = Benutzername
login-password = Passwort
login-submit = Anmelden
login-passkey = Mit Passkey anmelden
login-bad-credentials = Benutzername oder Passwort ist falsch.
login-return-not-allowed = Diese Rücksprungadresse ist nicht zulässig.
login-requires-passkey = Diese Anwendung verlangt einen Passkey.
help-summary-login = Passwort vergessen? Smartphone oder Passkey verloren?
help-summary-mfa = Gerät und Wiederherstellungscodes verloren?
help-ask-admin = Bitten Sie Ihren Administrator um einen Wiederherstellungslink: Damit können Sie ein neues Passwort festlegen und Ihre Anmeldung neu einrichten.
help-admin-contact = Ihr Administrator:

## Zweiter Schritt

mfa-title = Zweiter Schritt
mfa-heading = Bestätigen Sie Ihre Identität
mfa-lead = Angemeldet als { $username }. Noch ein Schritt.
mfa-use-passkey = Passkey verwenden
mfa-code-label = Code aus Ihrer Authenticator-App
mfa-verify = Bestätigen
mfa-recovery-summary = Gerät verloren? Wiederherstellungscode verwenden
mfa-recovery-label = Wiederherstellungscode
mfa-recovery-submit = Code verwenden
code-invalid = Dieser Code ist ungültig.
code-invalid-retry = Dieser Code ist ungültig. Bitte versuchen Sie es erneut.
code-not-digits = Ein Code besteht nur aus Ziffern: Geben Sie die 6 Ziffern ein, die Ihre App anzeigt.
code-wrong-length = { $count ->
    [one] Dieser Code hat { $count } Ziffer, Codes aus Ihrer App haben 6. Geben Sie alle 6 Ziffern ein, die Ihre App gerade anzeigt.
   *[other] Dieser Code hat { $count } Ziffern, Codes aus Ihrer App haben 6. Geben Sie alle 6 Ziffern ein, die Ihre App gerade anzeigt.
}
recovery-used-title = Wiederherstellungscode verwendet
recovery-used-message = { $count ->
    [one] Sie haben noch { $count } Wiederherstellungscode. Wenn die Codes knapp werden, erstellen Sie auf Ihrer Kontoseite neue.
   *[other] Sie haben noch { $count } Wiederherstellungscodes. Wenn die Codes knapp werden, erstellen Sie auf Ihrer Kontoseite neue.
}

## Zustimmung

consent-title = Zugriff erlauben
consent-heading = Zugriff erlauben?
consent-lead = { $app } möchte Sie als { $username } anmelden und Folgendes sehen:
consent-origin = Die App befindet sich unter { $origin }. Erlauben Sie den Zugriff nur, wenn Sie diese Adresse besuchen wollten.
consent-allow = Erlauben
consent-deny = Ablehnen
consent-withdraw = Sie können diese Erlaubnis jederzeit auf Ihrer Kontoseite widerrufen.
consent-not-you = Nicht { $username }? Mit anderem Konto anmelden
scope-openid = Ihre Kontokennung
scope-profile = Ihr Name und Benutzername
scope-email = Ihre E-Mail-Adresse
scope-groups = Die Gruppen, denen Sie angehören
scope-offline-access = Zugriff, während Sie nicht angemeldet sind

## Einrichtung des zweiten Faktors

enroll-title = Zweiten Faktor einrichten
enroll-forced-heading = Schützen Sie Ihr Konto
enroll-forced-lead = Ein zweiter Faktor ist erforderlich. Richten Sie einen ein, um fortzufahren.
enroll-heading = Zweiten Faktor hinzufügen
enroll-lead = Fügen Sie einen Passkey hinzu oder richten Sie Ihre Authenticator-App ein (oder ersetzen Sie sie).
enroll-back = Zurück zu Ihrem Konto
enroll-enter-again = Code erneut eingeben
enroll-passkey = Passkey
enroll-passkey-hint = Nutzen Sie Fingerabdruck, Gesichtserkennung oder Displaysperre Ihres Geräts oder einen Sicherheitsschlüssel.
enroll-passkey-name = Name für diesen Passkey
enroll-passkey-create = Passkey erstellen
enroll-totp-phone = Auf diesem Smartphone? Öffnen Sie die App direkt von hier aus oder kopieren Sie den Schlüssel in die App.
enroll-totp-open = In Authenticator-App öffnen
enroll-totp-key = Oder geben Sie diesen Schlüssel in der App ein:
enroll-totp-copy = Schlüssel kopieren
enroll-totp-computer = Am Computer? Scannen Sie diesen Code mit einer App wie Aegis, 2FAS, Google Authenticator oder 1Password.
enroll-totp-qr-alt = QR-Code für Ihre Authenticator-App
enroll-totp-code = Geben Sie zur Bestätigung den 6-stelligen Code ein
enroll-totp-submit = Bestätigen und aktivieren
enroll-code-invalid = Dieser Code ist ungültig. Prüfen Sie die App und versuchen Sie es erneut.

## Wiederherstellungscodes

codes-heading = Speichern Sie Ihre Wiederherstellungscodes
codes-lead = Falls Sie Ihr Gerät verlieren, können Sie sich mit jedem Code einmal anmelden. Die Codes werden nur jetzt angezeigt.
codes-copy = Codes kopieren
codes-download = Herunterladen (.txt)
codes-print = Drucken
codes-advice = Bewahren Sie sie an einem sicheren Ort auf, etwa in einem Passwort-Manager oder auf Papier.
codes-saved = Gespeichert, weiter

## Einrichtungslink

enroll-link-title = Passwort festlegen
enroll-link-heading = Willkommen, { $username }
enroll-link-lead = Wählen Sie ein Passwort. Danach richten Sie einen zweiten Faktor ein.
enroll-link-repeat = Passwort wiederholen
enroll-link-invalid = Dieser Link ist ungültig, abgelaufen oder wurde bereits verwendet. Bitten Sie Ihren Administrator um einen neuen.

## Kontoseite

account-title = Ihr Konto
account-signed-in-as = Angemeldet als { $username }
account-nudge-passkey = Neben Ihrem Passwort haben Sie nur eine Möglichkeit, Ihre Identität zu bestätigen. Fügen Sie eine weitere hinzu (einen Passkey), damit Sie sich nicht aussperren, wenn Sie ein Gerät verlieren.
account-nudge-any = Neben Ihrem Passwort haben Sie nur eine Möglichkeit, Ihre Identität zu bestätigen. Fügen Sie eine weitere hinzu (eine Authenticator-App oder einen zweiten Passkey), damit Sie sich nicht aussperren, wenn Sie ein Gerät verlieren.
account-fresh-check = Um Ihr Passwort oder Ihre Anmeldemethoden zu ändern, ist eine erneute Prüfung nötig.
account-confirm-link = Bestätigen Sie zuerst Ihre Identität.
account-confirm-button = Identität bestätigen
account-password = Passwort
account-current-password = Aktuelles Passwort
account-new-password = Neues Passwort
account-repeat-password = Neues Passwort wiederholen
account-change-password = Passwort ändern
account-password-needs-check = Um Ihr Passwort zu ändern, bestätigen Sie zuerst Ihren zweiten Faktor.
account-totp-on = Aktiv
account-totp-accepted = Codes aus Ihrer Authenticator-App werden akzeptiert.
account-totp-replace = Ersetzen
account-totp-none = Nicht eingerichtet.
account-totp-set-up = Authenticator-App einrichten
account-remove = Entfernen
account-passkeys = Passkeys
account-passkeys-none = Noch keine Passkeys.
account-col-name = Name
account-col-used = Verwendung
account-col-actions = Aktionen
account-passkey-synced = synchronisiert
account-passkey-added = Hinzugefügt:
account-passkey-last-used = Zuletzt verwendet:
account-passkey-never = nie
account-passkey-new-name = Neuer Name
account-passkey-rename = Umbenennen
account-passkey-add = Passkey hinzufügen
account-recovery = Wiederherstellungscodes
account-recovery-left = { $count ->
    [one] Noch { $count } unbenutzter Code.
   *[other] Noch { $count } unbenutzte Codes.
}
account-recovery-new = Neue Codes erstellen
account-sessions = Wo Sie angemeldet sind
account-col-device = Gerät
account-col-signed-in = Angemeldet seit
account-col-last-active = Zuletzt aktiv
account-this-device = dieses Gerät
account-sign-out-this = Dieses Gerät abmelden
account-sign-out-that = Gerät abmelden
account-apps = Anwendungen
account-apps-none = Keine Anwendung hat Zugriff.
account-col-app = Anwendung
account-col-access = Zugriff
account-app-revoke = Widerrufen
account-sign-out-here = Hier von { $product } abmelden
account-wrong-current-password = Das aktuelle Passwort ist falsch.
account-passwords-differ = Die Passwörter stimmen nicht überein.
account-password-changed = Ihr Passwort wurde geändert. Ihre anderen Geräte wurden abgemeldet.
account-last-factor = Dies ist Ihr letzter zweiter Faktor. Fügen Sie einen weiteren hinzu, bevor Sie ihn entfernen.
account-totp-removed = Die Authenticator-App wurde entfernt. Ihre anderen Geräte wurden abgemeldet.
account-passkey-needs-name = Ein Passkey braucht einen Namen.
account-passkey-renamed = Der Passkey wurde umbenannt.
account-passkey-removed = Der Passkey wurde entfernt. Ihre anderen Geräte wurden abgemeldet.
account-session-signed-out = Das Gerät wurde abgemeldet.
account-app-revoked = Der Zugriff der Anwendung wurde widerrufen.

## Bestätigungsschritte

confirm-totp-title = Authenticator-App entfernen?
confirm-totp-message = Mit Codes aus Ihrer Authenticator-App können Sie sich dann nicht mehr anmelden, und Ihre anderen Geräte werden abgemeldet. Um wieder eine App zu nutzen, müssen Sie sie ganz neu einrichten.
confirm-totp-button = Authenticator-App entfernen
confirm-passkey-title = Diesen Passkey entfernen?
confirm-passkey-message = Mit dem Passkey „{ $name }“ können Sie sich dann nicht mehr anmelden, und Ihre anderen Geräte werden abgemeldet.
confirm-passkey-button = Passkey entfernen
confirm-recovery-title = Neue Wiederherstellungscodes erstellen?
confirm-recovery-message = Ihre bisherigen Wiederherstellungscodes werden sofort ungültig, auch ausgedruckte oder gespeicherte. Die neuen Codes sehen Sie nur einmal, auf der nächsten Seite.
confirm-session-title = Dieses Gerät abmelden?
confirm-session-message-this = { $device } ist das Gerät, das Sie gerade verwenden: Sie werden hier abgemeldet.
confirm-session-message-that = { $device } wird abgemeldet. Dort müssen Sie sich dann erneut anmelden.
confirm-session-button = Gerät abmelden
confirm-app-title = Zugriff dieser Anwendung widerrufen?
confirm-app-message = { $app } verliert den Zugriff auf Ihr Konto und bittet Sie bei Ihrer nächsten Anmeldung dort erneut um Ihre Erlaubnis.
confirm-app-button = Zugriff widerrufen

## Abmelden

logout-title = Abmelden
logout-heading = Abmelden?
logout-lead-app = { $app } möchte Sie von { $product } abmelden.
logout-lead = Sie werden auf diesem Gerät von { $product } abgemeldet.
logout-cancel = Angemeldet bleiben
signed-out-title = Abgemeldet
signed-out-message = Sie sind von { $product } abgemeldet.
signed-out-again = Erneut anmelden

## Fehlerseiten

authorize-gone = Diese Anmeldeanfrage ist nicht mehr offen. Kehren Sie zur Anwendung zurück und melden Sie sich erneut an.
error-to-account = Zu Ihrem Konto
error-details = Details für Ihren Administrator
error-bad-request = Das hat nicht funktioniert
error-malformed-title = Dieser Link oder dieses Formular ist unvollständig
error-malformed-message = { $product } konnte diese Anfrage nicht lesen: Ein Teil fehlt oder ist fehlerhaft, deshalb wurde nichts ausgeführt. Falls Sie einem Link gefolgt sind, wurde er vielleicht abgeschnitten: Gehen Sie zurück und versuchen Sie es erneut.
error-oauth-title = Dieser Anmeldelink funktioniert nicht
error-oauth-message = Die Anwendung hat Sie mit einer Anmeldeanfrage hierher geschickt, die { $product } nicht annehmen kann. Deshalb können Sie von hier nicht zu dieser Anwendung zurückgeleitet werden. Kehren Sie zur Anwendung zurück und starten Sie die Anmeldung neu. Passiert das wieder, müssen ihre Einstellungen in { $product } korrigiert werden: Wenden Sie sich an Ihren Administrator.
error-csrf-title = Diese Seite ist abgelaufen
error-csrf-message = Das Formular war zu lange geöffnet oder wurde aus einem anderen Fenster oder von einer anderen Website gesendet, deshalb wurde nichts geändert. Gehen Sie zurück, laden Sie die Seite neu und versuchen Sie es erneut.
error-not-found-title = Seite nicht gefunden
error-not-found-message = Unter dieser Adresse gibt es keine Seite. Prüfen Sie den Link, dem Sie gefolgt sind, oder gehen Sie zu Ihrem Konto.
error-busy-title = { $product } ist ausgelastet
error-busy-message = Gerade werden zu viele Anmeldungen gleichzeitig geprüft, deshalb wurde Ihre nicht geprüft. Versuchen Sie es gleich noch einmal.
error-internal-title = Etwas ist schiefgelaufen
error-internal-message = { $product } konnte diese Anfrage nicht abschließen. Versuchen Sie es gleich noch einmal. Wenn das Problem bestehen bleibt, wenden Sie sich an Ihren Administrator (die Ursache steht im Serverprotokoll).

## Passkey-Antworten (vom Skript der Seite angezeigt)

passkey-session-expired = Ihre Sitzung ist abgelaufen. Laden Sie die Seite neu.
passkey-bad-request = Diese Anfrage konnte nicht verarbeitet werden. Laden Sie die Seite neu und versuchen Sie es erneut.
passkey-not-found = Nicht gefunden.
passkey-busy = Ausgelastet. Bitte versuchen Sie es erneut.
passkey-failed = Der Passkey konnte nicht überprüft werden.
passkey-confirm-first = Melden Sie sich erneut an, um einen Passkey hinzuzufügen, und versuchen Sie es dann noch einmal.
passkey-start-again = Bitte beginnen Sie von vorn.
passkey-not-registered = Der Passkey konnte nicht registriert werden.
passkey-already = Dieser Passkey ist bereits registriert.
passkey-sign-in-first = Bitte melden Sie sich zuerst an.
passkey-none = Sie haben keinen Passkey.

## Die Skripte der Seiten

js-copied = Kopiert.
js-copy-failed = Kopieren nicht möglich. Markieren Sie den Text und kopieren Sie ihn manuell.
js-show-password = Passwort anzeigen
js-hide-password = Passwort ausblenden
js-caps-lock = Die Feststelltaste ist aktiviert.
# Die ersten Zeilen der heruntergeladenen Datei mit den Wiederherstellungscodes.
js-codes-file = Wiederherstellungscodes für { $product }. Mit jedem Code können Sie sich einmal anmelden.
js-passkey-closed = Die Passkey-Abfrage wurde geschlossen oder ist abgelaufen. Bitte versuchen Sie es erneut.
js-passkey-exists = Auf diesem Gerät ist bereits ein Passkey für Ihr Konto gespeichert. Melden Sie sich damit an oder fügen Sie auf einem anderen Gerät einen hinzu.
js-passkey-failed = Der Passkey konnte nicht verwendet werden. Versuchen Sie es erneut oder melden Sie sich auf andere Weise an.
js-passkey-unsupported = Dieser Browser unterstützt keine Passkeys.
js-passkey-name = Passkey
js-request-failed = Die Anfrage ist fehlgeschlagen. Bitte versuchen Sie es erneut.
js-went-wrong = Etwas ist schiefgelaufen. Bitte versuchen Sie es erneut.
language-unknown = Diese Sprache ist nicht verfügbar.
account-language-hint = Die Sprache dieser Seiten – auf jedem Gerät, auf dem Sie sich anmelden.
login-remember = { $count ->
    [one] Auf diesem Gerät { $count } Tag angemeldet bleiben
   *[other] Auf diesem Gerät { $count } Tage angemeldet bleiben
}
login-remember-hint = Nur auf einem Gerät, das Ihnen gehört. Auf anderen Geräten werden weiterhin Passwort und zweiter Faktor abgefragt.

## E-Mail: jede Nachricht
email-greeting = Hallo { $name },
email-footer = Diese Nachricht wurde automatisch von { $product } bei { $issuer } gesendet; Antworten werden nicht gelesen.

## E-Mail: `latchkey email test`
email-test-subject = { $product }: Testnachricht
email-test-greeting = Hallo,
email-test-body = Dies ist eine Testnachricht von { $product } bei { $issuer }. Wenn Sie sie lesen können, funktioniert der E-Mail-Versand.

## Kontoseite: E-Mail-Adresse
account-email = E-Mail-Adresse
account-email-verified = Bestätigt
account-email-unverified = Nicht bestätigt
account-email-pending = Ein Bestätigungslink wurde an { $address } gesendet. Sobald Sie diesen Link öffnen, wird dies Ihre Adresse.
account-email-new = Adresse
account-email-hint = Wir senden einen Link an diese Adresse. Ihre Adresse ändert sich erst, wenn Sie ihn öffnen.
account-email-send = Bestätigungslink senden
account-email-ask-admin = Um Ihre Adresse zu ändern, wenden Sie sich an Ihren Administrator.
account-email-invalid = Das ist keine E-Mail-Adresse.
account-email-already = Diese Adresse gehört bereits Ihnen und ist bestätigt.
account-email-unavailable = Dieser Server kann keine E-Mails senden. Um Ihre Adresse zu ändern, wenden Sie sich an Ihren Administrator.
account-email-sent = Wir haben einen Bestätigungslink an { $address } gesendet. Öffnen Sie ihn, damit dies Ihre Adresse wird.

## E-Mail: Adresse bestätigen
email-confirm-subject = Bestätigen Sie Ihre E-Mail-Adresse für { $product }
email-confirm-body = Jemand, hoffentlich Sie, möchte diese Adresse für das Konto { $username } bei { $product } verwenden.
email-confirm-action = Diese Adresse bestätigen
email-confirm-ignore = Falls Sie das nicht angefordert haben, ignorieren Sie diese Nachricht: Es ändert sich nichts.

## Seite: Adresse bestätigen (über den Link aus der E-Mail)
email-confirm-title = E-Mail-Adresse bestätigen
email-confirm-lead = { $address } als Adresse des Kontos { $username } verwenden?
email-confirm-button = Adresse bestätigen
email-confirm-invalid = Dieser Bestätigungslink ist ungültig, abgelaufen oder wurde bereits verwendet. Fordern Sie auf Ihrer Kontoseite einen neuen an.
email-confirm-taken = Ein anderes Konto verwendet diese Adresse bereits, daher kann sie für dieses Konto nicht bestätigt werden. Wenden Sie sich an Ihren Administrator.
email-confirmed-title = Adresse bestätigt
email-confirmed-body = { $address } ist jetzt die bestätigte Adresse von { $username }.
email-confirmed-continue = Zu Ihrem Konto

## E-Mail: wie lange ein Link gültig ist
link-expires-hours = { $count ->
    [one] Der Link ist { $count } Stunde lang gültig und kann einmal verwendet werden.
   *[other] Der Link ist { $count } Stunden lang gültig und kann einmal verwendet werden.
}
link-expires-minutes = { $count ->
    [one] Der Link ist { $count } Minute lang gültig und kann einmal verwendet werden.
   *[other] Der Link ist { $count } Minuten lang gültig und kann einmal verwendet werden.
}
link-expires-days = { $count ->
    [one] Der Link ist { $count } Tag lang gültig und kann einmal verwendet werden.
   *[other] Der Link ist { $count } Tage lang gültig und kann einmal verwendet werden.
}

## E-Mail: eine Einladung
invite-email-subject = Sie sind zu { $product } eingeladen
invite-email-body = Sie wurden eingeladen, ein Konto bei { $product } ({ $issuer }) zu erstellen. Sie wählen Ihr Passwort und richten danach eine zweite Anmeldemethode ein.
invite-email-action = Einladung annehmen
invite-email-ignore = Falls Sie diese Einladung nicht erwartet haben, ignorieren Sie diese Nachricht.

## Seite: Einladung annehmen
invite-title = Konto erstellen
invite-lead = Sie wurden mit der Adresse { $address } eingeladen. Legen Sie fest, wie Sie sich anmelden.
invite-username-preset = Ihr Benutzername ist { $username }.
invite-username-hint = Bis zu 64 Buchstaben, Ziffern und die Zeichen . _ @ -
invite-username-invalid = Ein Benutzername besteht aus 1 bis 64 Buchstaben, Ziffern und den Zeichen . _ @ -
invite-username-taken = Dieser Benutzername ist bereits vergeben. Wählen Sie einen anderen.
invite-submit = Konto erstellen
invite-invalid = Dieser Einladungslink ist ungültig, abgelaufen, widerrufen oder wurde bereits verwendet. Bitten Sie die Person, die Sie eingeladen hat, um einen neuen.

## Anmeldeseite: Passwort vergessen
login-forgot = Passwort vergessen?

## Seiten: Passwort zurücksetzen
reset-title = Passwort zurücksetzen
reset-lead = Geben Sie Ihren Benutzernamen oder Ihre E-Mail-Adresse ein. Gehört die Angabe zu einem Konto mit bestätigter Adresse, senden wir einen Link an diese Adresse.
reset-who = Benutzername oder E-Mail-Adresse
reset-send = Link zum Zurücksetzen senden
reset-factor-note = Sie benötigen außerdem Ihren zweiten Faktor: einen Code aus Ihrer Authenticator-App, einen Passkey oder einen Wiederherstellungscode.
reset-sent = Sehen Sie in Ihren E-Mails nach.
reset-sent-detail = { $count ->
    [one] Falls das Konto existiert und eine bestätigte Adresse hat, ist ein Link unterwegs. Er ist { $count } Minute lang gültig.
   *[other] Falls das Konto existiert und eine bestätigte Adresse hat, ist ein Link unterwegs. Er ist { $count } Minuten lang gültig.
}
reset-back = Zurück zur Anmeldung
reset-invalid = Dieser Link zum Zurücksetzen ist ungültig, abgelaufen oder wurde bereits verwendet. Fordern Sie auf der Anmeldeseite einen neuen an.
reset-factor-heading = Bestätigen Sie Ihre Identität
reset-factor-lead = Um ein neues Passwort für { $username } zu wählen, verwenden Sie einen Ihrer zweiten Faktoren.
reset-no-factor = Dieses Konto hat keinen zweiten Faktor, daher kann sein Passwort nicht per E-Mail zurückgesetzt werden.
reset-factor-first = Bestätigen Sie zuerst mit Ihrem zweiten Faktor Ihre Identität.
reset-password-heading = Neues Passwort wählen
reset-password-lead = Das neue Passwort für { $username }. Alle anderen Geräte und Anwendungen werden abgemeldet.
reset-password-submit = Passwort festlegen
reset-done-title = Passwort geändert
reset-done-body = Ihr Passwort wurde geändert und alle anderen Geräte wurden abgemeldet. Melden Sie sich mit dem neuen Passwort an.
reset-done-sign-in = Anmelden

## E-Mail: Passwort zurücksetzen
reset-email-subject = Setzen Sie Ihr Passwort für { $product } zurück
reset-email-body = Jemand, hoffentlich Sie, möchte das Passwort von { $username } bei { $product } zurücksetzen.
reset-email-factor = Nachdem Sie den Link geöffnet haben, bestätigen Sie Ihre Identität mit Ihrem zweiten Faktor (einem Code aus der Authenticator-App, einem Passkey oder einem Wiederherstellungscode) und wählen dann ein neues Passwort.
reset-email-action = Neues Passwort wählen
reset-email-ignore = Falls Sie das nicht angefordert haben, ignorieren Sie diese Nachricht: Ihr Passwort bleibt unverändert.
reset-email-no-factor = Ihr Konto hat keinen zweiten Faktor, daher kann sein Passwort nicht per E-Mail zurückgesetzt werden. Bitten Sie Ihren Administrator um einen Wiederherstellungslink.

## Kontoseite: Benachrichtigungen
account-notifications = Sicherheitsbenachrichtigungen
account-notifications-hint = Wir benachrichtigen Sie per E-Mail, wenn sich Ihr Passwort, Ihre zweiten Faktoren oder Ihre Wiederherstellungscodes ändern. Diese Nachrichten werden immer gesendet.
account-notifications-new-device = Mich auch per E-Mail benachrichtigen, wenn sich jemand von einem neuen Gerät aus anmeldet
account-notifications-save = Speichern
account-notifications-saved = Ihre Benachrichtigungseinstellungen wurden gespeichert.

## E-Mail: Sicherheitshinweise
notice-method-totp = eine Authenticator-App
notice-method-passkey = ein Passkey
notice-when = Zeitpunkt: { $time }
notice-wasnt-me = Das war ich nicht: mein Konto prüfen
notice-wasnt-me-hint = Falls Sie das nicht waren, öffnen Sie Ihre Kontoseite, melden Sie die Geräte ab, die Sie nicht kennen, und ändern Sie Ihr Passwort.
notice-new-device-subject = Neue Anmeldung bei { $product }
notice-new-device-body = Jemand hat sich von einem neuen Gerät aus bei Ihrem Konto angemeldet: { $device }, Adresse { $address }.
notice-new-device-off = Sie können diese Nachrichten zu neuen Geräten auf Ihrer Kontoseite abschalten.
notice-factor-added-subject = Ihrem Konto bei { $product } wurde ein zweiter Faktor hinzugefügt
notice-factor-added-body = Ihrem Konto wurde ein zweiter Faktor hinzugefügt: { $method }.
notice-factor-removed-subject = Von Ihrem Konto bei { $product } wurde ein zweiter Faktor entfernt
notice-factor-removed-body = Von Ihrem Konto wurde ein zweiter Faktor entfernt: { $method }.
notice-password-subject = Ihr Passwort für { $product } wurde geändert
notice-password-body = Das Passwort Ihres Kontos wurde geändert. Ihre anderen Geräte wurden abgemeldet.
notice-recovery-subject = Neue Wiederherstellungscodes für Ihr Konto bei { $product }
notice-recovery-body = Für Ihr Konto wurden neue Wiederherstellungscodes erstellt. Die bisherigen sind nicht mehr gültig.
