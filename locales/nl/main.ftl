# Paginatekst van Latchkey, Nederlands (vertaald uit de Engelse catalogus).
# Opmaak en hoe je een taal toevoegt: CONTRIBUTING.md.
# Elk bericht mag { $product } gebruiken, de productnaam die de pagina's tonen.

## Algemeen

skip-to-content = Naar de inhoud
title-error-prefix = Fout:
divider-or = of
continue = Doorgaan
cancel = Annuleren
switch-user = Inloggen als iemand anders
language-label = Taal
language-change = Wijzigen
password-min-hint = { $count ->
    [one] Minstens { $count } teken.
   *[other] Minstens { $count } tekens.
}
password-too-short = { $count ->
    [one] Het wachtwoord moet uit minstens { $count } teken bestaan.
   *[other] Het wachtwoord moet uit minstens { $count } tekens bestaan.
}
password-too-long = { $count ->
    [one] Het wachtwoord mag uit maximaal { $count } teken bestaan.
   *[other] Het wachtwoord mag uit maximaal { $count } tekens bestaan.
}
totp-heading = Authenticator-app
device-unknown = Onbekend apparaat
# Een apparaat in de lijst met sessies, zoals "Firefox 128 op Linux".
device-on = { $browser } op { $os }

## Blokkeringen: één zin voor elke factor, met de echte resterende tijd.

lockout = Te veel pogingen. Wacht { $wait } en probeer het dan opnieuw.
wait-seconds = { $count ->
    [one] ongeveer { $count } seconde
   *[other] ongeveer { $count } seconden
}
wait-minutes = { $count ->
    [one] ongeveer { $count } minuut
   *[other] ongeveer { $count } minuten
}
wait-hours = { $count ->
    [one] ongeveer { $count } uur
   *[other] ongeveer { $count } uur
}

## Inlogpagina

login-title = Inloggen
login-lead-app = om door te gaan naar { $app }
login-lead = met je { $product }-account
login-passkey-only = Deze app vraagt om een toegangssleutel. Log in met je toegangssleutel om door te gaan.
login-username = Gebruikersnaam
login-password = Wachtwoord
login-submit = Inloggen
login-passkey = Inloggen met toegangssleutel
login-bad-credentials = Gebruikersnaam of wachtwoord is onjuist.
login-return-not-allowed = Dit terugkeeradres is niet toegestaan.
login-requires-passkey = Voor deze app is een toegangssleutel vereist.
help-summary-login = Wachtwoord vergeten, of je telefoon of toegangssleutel kwijt?
help-summary-mfa = Je apparaat en je herstelcodes kwijt?
help-ask-admin = Vraag je beheerder om een herstellink: daarmee kies je een nieuw wachtwoord en stel je het inloggen opnieuw in.
help-admin-contact = Je beheerder:

## Tweede stap

mfa-title = Tweede stap
mfa-heading = Bevestig dat jij het bent
mfa-lead = Ingelogd als { $username }. Nog één stap.
mfa-use-passkey = Toegangssleutel gebruiken
mfa-code-label = Code uit je authenticator-app
mfa-verify = Verifiëren
mfa-recovery-summary = Apparaat kwijt? Gebruik een herstelcode
mfa-recovery-label = Herstelcode
mfa-recovery-submit = Herstelcode gebruiken
code-invalid = Die code is niet geldig.
code-invalid-retry = Die code is niet geldig. Probeer het opnieuw.
code-not-digits = Een code bestaat alleen uit cijfers: voer de 6 cijfers in die je app laat zien.
code-wrong-length = { $count ->
    [one] Die code heeft { $count } cijfer; codes uit je app hebben er 6. Voer alle 6 cijfers in die je app nu laat zien.
   *[other] Die code heeft { $count } cijfers; codes uit je app hebben er 6. Voer alle 6 cijfers in die je app nu laat zien.
}
recovery-used-title = Herstelcode gebruikt
recovery-used-message = { $count ->
    [one] Je hebt nog { $count } herstelcode over. Maak nieuwe codes op je accountpagina als ze bijna op zijn.
   *[other] Je hebt nog { $count } herstelcodes over. Maak nieuwe codes op je accountpagina als ze bijna op zijn.
}

## Toestemming

consent-title = Toegang toestaan
consent-heading = Toegang toestaan?
consent-lead = { $app } wil je laten inloggen als { $username } en wil het volgende zien:
consent-origin = De app staat op { $origin }. Sta dit alleen toe als je dat adres wilde bezoeken.
consent-allow = Toestaan
consent-deny = Weigeren
consent-withdraw = Je kunt dit altijd intrekken op je accountpagina.
consent-not-you = Niet { $username }? Log in als iemand anders
scope-openid = De ID van je account
scope-profile = Je naam en gebruikersnaam
scope-email = Je e-mailadres
scope-groups = De groepen waar je lid van bent
scope-offline-access = Toegang terwijl je niet bent ingelogd

## Tweede factor instellen

enroll-title = Tweede factor instellen
enroll-forced-heading = Beveilig je account
enroll-forced-lead = Een tweede factor is verplicht. Stel er een in om door te gaan.
enroll-heading = Tweede factor toevoegen
enroll-lead = Voeg een toegangssleutel toe, of stel je authenticator-app in (of vervang deze).
enroll-back = Terug naar je account
enroll-enter-again = Voer de code opnieuw in
enroll-passkey = Toegangssleutel
enroll-passkey-hint = Gebruik de vingerafdruk, gezichtsherkenning of schermvergrendeling van je apparaat, of een beveiligingssleutel.
enroll-passkey-name = Naam voor deze toegangssleutel
enroll-passkey-create = Toegangssleutel maken
enroll-totp-phone = Op deze telefoon? Open de app direct vanaf hier, of kopieer de sleutel naar de app.
enroll-totp-open = Openen in authenticator-app
enroll-totp-key = Of voer deze sleutel in de app in:
enroll-totp-copy = Sleutel kopiëren
enroll-totp-computer = Op een computer? Scan deze code met een app zoals Aegis, 2FAS, Google Authenticator of 1Password.
enroll-totp-qr-alt = QR-code voor je authenticator-app
enroll-totp-code = Voer de 6-cijferige code in om te bevestigen
enroll-totp-submit = Bevestigen en aanzetten
enroll-code-invalid = Die code is niet geldig. Controleer de app en probeer het opnieuw.

## Herstelcodes

codes-heading = Bewaar je herstelcodes
codes-lead = Als je je apparaat kwijtraakt, kun je met elke code één keer inloggen. Je ziet ze alleen nu.
codes-copy = Codes kopiëren
codes-download = Downloaden (.txt)
codes-print = Afdrukken
codes-advice = Bewaar ze op een veilige plek, bijvoorbeeld in een wachtwoordmanager of op papier.
codes-saved = Ik heb ze bewaard, doorgaan

## Uitnodigingslink

enroll-link-title = Wachtwoord instellen
enroll-link-heading = Welkom, { $username }
enroll-link-lead = Kies een wachtwoord. Daarna stel je een tweede factor in.
enroll-link-repeat = Herhaal het wachtwoord
enroll-link-invalid = Deze link is ongeldig, verlopen of al gebruikt. Vraag je beheerder om een nieuwe.

## Accountpagina

account-title = Je account
account-signed-in-as = Ingelogd als { $username }
account-nudge-passkey = Naast je wachtwoord heb je één manier om te bevestigen dat jij het bent. Voeg er nog een toe (een toegangssleutel), zodat je niet buitengesloten raakt als je een apparaat kwijtraakt.
account-nudge-any = Naast je wachtwoord heb je één manier om te bevestigen dat jij het bent. Voeg er nog een toe (een authenticator-app of een tweede toegangssleutel), zodat je niet buitengesloten raakt als je een apparaat kwijtraakt.
account-fresh-check = Om je wachtwoord of inlogmethoden te wijzigen, moet je opnieuw bevestigen dat jij het bent.
account-confirm-link = Bevestig eerst dat jij het bent.
account-confirm-button = Bevestig dat jij het bent
account-password = Wachtwoord
account-current-password = Huidig wachtwoord
account-new-password = Nieuw wachtwoord
account-repeat-password = Herhaal het nieuwe wachtwoord
account-change-password = Wachtwoord wijzigen
account-password-needs-check = Bevestig eerst je tweede factor om je wachtwoord te wijzigen.
account-totp-on = Aan
account-totp-accepted = Codes uit je authenticator-app worden geaccepteerd.
account-totp-replace = Vervangen
account-totp-none = Niet ingesteld.
account-totp-set-up = Authenticator-app instellen
account-remove = Verwijderen
account-passkeys = Toegangssleutels
account-passkeys-none = Nog geen toegangssleutels.
account-col-name = Naam
account-col-used = Gebruikt
account-col-actions = Acties
account-passkey-synced = gesynchroniseerd
account-passkey-added = toegevoegd
account-passkey-last-used = laatst gebruikt
account-passkey-never = nooit
account-passkey-new-name = Nieuwe naam
account-passkey-rename = Naam wijzigen
account-passkey-add = Toegangssleutel toevoegen
account-recovery = Herstelcodes
account-recovery-left = { $count ->
    [one] Nog { $count } ongebruikte code over.
   *[other] Nog { $count } ongebruikte codes over.
}
account-recovery-new = Nieuwe codes maken
account-sessions = Waar je bent ingelogd
account-col-device = Apparaat
account-col-signed-in = Ingelogd
account-col-last-active = Laatst actief
account-this-device = dit apparaat
account-sign-out-this = Dit apparaat uitloggen
account-sign-out-that = Dat apparaat uitloggen
account-apps = Apps
account-apps-none = Geen enkele app heeft toegang.
account-col-app = App
account-col-access = Toegang
account-app-revoke = Intrekken
account-sign-out-here = Hier uitloggen bij { $product }
account-wrong-current-password = Het huidige wachtwoord is onjuist.
account-passwords-differ = De wachtwoorden komen niet overeen.
account-password-changed = Je wachtwoord is gewijzigd. Op je andere apparaten ben je uitgelogd.
account-last-factor = Dit is je laatste tweede factor. Voeg eerst een andere toe voordat je deze verwijdert.
account-totp-removed = De authenticator-app is verwijderd. Op je andere apparaten ben je uitgelogd.
account-passkey-needs-name = Een toegangssleutel moet een naam hebben.
account-passkey-renamed = De naam van de toegangssleutel is gewijzigd.
account-passkey-removed = De toegangssleutel is verwijderd. Op je andere apparaten ben je uitgelogd.
account-session-signed-out = Die sessie is uitgelogd.
account-app-revoked = De toegang van de app is ingetrokken.

## Bevestigingsstappen

confirm-totp-title = Authenticator-app verwijderen?
confirm-totp-message = Met codes uit je authenticator-app kun je dan niet meer inloggen, en op je andere apparaten word je uitgelogd. Wil je later weer een app gebruiken, dan moet je die helemaal opnieuw instellen.
confirm-totp-button = Authenticator-app verwijderen
confirm-passkey-title = Deze toegangssleutel verwijderen?
confirm-passkey-message = Met de toegangssleutel “{ $name }” kun je dan niet meer inloggen, en op je andere apparaten word je uitgelogd.
confirm-passkey-button = Toegangssleutel verwijderen
confirm-recovery-title = Nieuwe herstelcodes maken?
confirm-recovery-message = Je huidige herstelcodes werken meteen niet meer, ook de codes die je hebt afgedrukt of opgeslagen. Je ziet de nieuwe codes maar één keer, op de volgende pagina.
confirm-session-title = Deze sessie uitloggen?
confirm-session-message-this = { $device } is het apparaat dat je nu gebruikt: je wordt hier uitgelogd.
confirm-session-message-that = { $device } wordt uitgelogd; daar moet je daarna opnieuw inloggen.
confirm-session-button = Sessie uitloggen
confirm-app-title = Toegang van deze app intrekken?
confirm-app-message = { $app } verliest de toegang tot je account en vraagt opnieuw om je toestemming als je de volgende keer bij deze app inlogt.
confirm-app-button = Toegang intrekken

## Uitloggen

logout-title = Uitloggen
logout-heading = Uitloggen?
logout-lead-app = { $app } vraagt om je uit te loggen bij { $product }.
logout-lead = Je wordt op dit apparaat uitgelogd bij { $product }.
logout-cancel = Annuleren, ingelogd blijven
signed-out-title = Uitgelogd
signed-out-message = Je bent uitgelogd bij { $product }.
signed-out-again = Opnieuw inloggen

## Foutpagina's

authorize-gone = Dit inlogverzoek is niet meer actief. Ga terug naar de app en log opnieuw in.
error-to-account = Naar je account
error-details = Details voor je beheerder
error-bad-request = Dit is niet gelukt
error-malformed-title = Deze link of dit formulier is onvolledig
error-malformed-message = { $product } kan dit verzoek niet lezen: een deel ontbreekt of is ongeldig, dus er is niets gedaan. Als je een link hebt gevolgd, is die misschien afgekapt: ga terug en probeer het opnieuw.
error-oauth-title = Deze inloglink werkt niet
error-oauth-message = De app heeft je hierheen gestuurd met een inlogverzoek dat { $product } niet kan accepteren, dus je kunt niet worden teruggestuurd naar die app. Ga terug naar de app en begin opnieuw met inloggen. Gebeurt het weer, dan moeten de instellingen van de app in { $product } worden aangepast: laat het je beheerder weten.
error-csrf-title = Deze pagina is verlopen
error-csrf-message = Het formulier stond te lang open, of is verstuurd vanuit een ander venster of een andere site, dus er is niets gewijzigd. Ga terug, laad de pagina opnieuw en probeer het nog eens.
error-not-found-title = Pagina niet gevonden
error-not-found-message = Er is geen pagina op dit adres. Controleer de link die je hebt gevolgd, of ga naar je account.
error-busy-title = { $product } heeft het druk
error-busy-message = Er worden te veel inlogpogingen tegelijk gecontroleerd, dus die van jou is niet gecontroleerd. Probeer het zo opnieuw.
error-internal-title = Er is iets misgegaan
error-internal-message = { $product } kan dit verzoek niet afronden. Probeer het zo opnieuw; blijft het gebeuren, laat het dan je beheerder weten (de oorzaak staat in het serverlogboek).

## Antwoorden bij toegangssleutels (getoond door het script van de pagina)

passkey-session-expired = Je sessie is verlopen. Laad de pagina opnieuw.
passkey-bad-request = Dit verzoek kan niet worden gebruikt. Laad de pagina opnieuw en probeer het nog eens.
passkey-not-found = Niet gevonden.
passkey-busy = Even druk. Probeer het opnieuw.
passkey-failed = De toegangssleutel kan niet worden geverifieerd.
passkey-confirm-first = Log opnieuw in om een toegangssleutel toe te voegen en probeer het dan nog een keer.
passkey-start-again = Begin opnieuw.
passkey-not-registered = De toegangssleutel kan niet worden geregistreerd.
passkey-already = Deze toegangssleutel is al geregistreerd.
passkey-sign-in-first = Log eerst in.
passkey-none = Je hebt geen toegangssleutel.

## De scripts van de pagina's

js-copied = Gekopieerd.
js-copy-failed = Kopiëren is niet gelukt. Selecteer de tekst en kopieer die zelf.
js-show-password = Wachtwoord tonen
js-hide-password = Wachtwoord verbergen
js-caps-lock = Caps Lock staat aan.
# De eerste regels van het gedownloade bestand met herstelcodes.
js-codes-file = Herstelcodes voor { $product }. Met elke code kun je één keer inloggen.
js-passkey-closed = Het venster voor de toegangssleutel is gesloten of verlopen. Probeer het opnieuw.
js-passkey-exists = Op dit apparaat staat al een toegangssleutel voor je account. Gebruik die om in te loggen, of voeg er een toe op een ander apparaat.
js-passkey-failed = De toegangssleutel kan niet worden gebruikt. Probeer het opnieuw, of log op een andere manier in.
js-passkey-unsupported = Deze browser ondersteunt geen toegangssleutels.
js-passkey-name = Toegangssleutel
js-request-failed = Het verzoek is mislukt. Probeer het opnieuw.
js-went-wrong = Er is iets misgegaan. Probeer het opnieuw.
language-unknown = Die taal is niet beschikbaar.
account-language-hint = De taal van deze pagina's, op elk apparaat waarop je inlogt.
login-remember = { $count ->
    [one] Op dit apparaat { $count } dag ingelogd blijven
   *[other] Op dit apparaat { $count } dagen ingelogd blijven
}
login-remember-hint = Alleen op een apparaat dat van jou is. Andere apparaten vragen nog steeds om je wachtwoord en tweede factor.

## E-mail: elk bericht
email-greeting = Hallo { $name },
email-footer = Dit bericht is automatisch verstuurd door { $product } op { $issuer }; antwoorden worden niet gelezen.

## E-mail: `latchkey email test`
email-test-subject = { $product }: testbericht
email-test-greeting = Hallo,
email-test-body = Dit is een testbericht van { $product } op { $issuer }. Kun je dit lezen, dan werkt het versturen van e-mail.

## Accountpagina: e-mailadres
account-email = E-mailadres
account-email-verified = Geverifieerd
account-email-unverified = Niet geverifieerd
account-email-pending = Er is een bevestigingslink gestuurd naar { $address }. Zodra je die link opent, wordt dit je adres.
account-email-new = Adres
account-email-hint = We sturen een link naar dit adres. Je adres verandert pas als je die link opent.
account-email-send = Bevestigingslink sturen
account-email-ask-admin = Vraag je beheerder om je adres te wijzigen.
account-email-invalid = Dat is geen e-mailadres.
account-email-already = Dat adres is al van jou en is geverifieerd.
account-email-unavailable = Deze server kan geen e-mail versturen. Vraag je beheerder om je adres te wijzigen.
account-email-sent = We hebben een bevestigingslink gestuurd naar { $address }. Open die link om dit je adres te maken.

## E-mail: een adres bevestigen
email-confirm-subject = Bevestig je e-mailadres voor { $product }
email-confirm-body = Iemand, hopelijk jij, wil dit adres gebruiken voor het account { $username } bij { $product }.
email-confirm-action = Dit adres bevestigen
email-confirm-ignore = Heb je hier niet om gevraagd, negeer dan dit bericht: er verandert niets.

## Pagina: een adres bevestigen (via de gemailde link)
email-confirm-title = Bevestig je e-mailadres
email-confirm-lead = { $address } gebruiken als adres van het account { $username }?
email-confirm-button = Adres bevestigen
email-confirm-invalid = Deze bevestigingslink is ongeldig, verlopen of al gebruikt. Vraag een nieuwe aan op je accountpagina.
email-confirm-taken = Een ander account gebruikt dit adres al, dus het kan niet voor dit account worden bevestigd. Vraag het je beheerder.
email-confirmed-title = Adres bevestigd
email-confirmed-body = { $address } is nu het geverifieerde adres van { $username }.
email-confirmed-continue = Naar je account

## E-mail: hoe lang een link werkt
link-expires-hours = { $count ->
    [one] De link werkt één keer en is { $count } uur geldig.
   *[other] De link werkt één keer en is { $count } uur geldig.
}
link-expires-minutes = { $count ->
    [one] De link werkt één keer en is { $count } minuut geldig.
   *[other] De link werkt één keer en is { $count } minuten geldig.
}
link-expires-days = { $count ->
    [one] De link werkt één keer en is { $count } dag geldig.
   *[other] De link werkt één keer en is { $count } dagen geldig.
}

## E-mail: een uitnodiging
invite-email-subject = Je bent uitgenodigd voor { $product }
invite-email-body = Je bent uitgenodigd om een account aan te maken bij { $product } ({ $issuer }). Je kiest zelf je wachtwoord en stelt daarna een tweede manier van inloggen in.
invite-email-action = Uitnodiging accepteren
invite-email-ignore = Had je deze uitnodiging niet verwacht, negeer dan dit bericht.

## Pagina: een uitnodiging accepteren
invite-title = Maak je account aan
invite-lead = Je bent uitgenodigd met het adres { $address }. Kies hoe je wilt inloggen.
invite-username-preset = Je gebruikersnaam is { $username }.
invite-username-hint = Maximaal 64 letters, cijfers en de tekens . _ @ -
invite-username-invalid = Een gebruikersnaam bestaat uit 1 tot 64 letters, cijfers en de tekens . _ @ -
invite-username-taken = Die gebruikersnaam is al bezet. Kies een andere.
invite-submit = Account aanmaken
invite-invalid = Deze uitnodigingslink is ongeldig, verlopen, ingetrokken of al gebruikt. Vraag degene die je heeft uitgenodigd om een nieuwe.

## Inlogpagina: wachtwoord vergeten
login-forgot = Wachtwoord vergeten?

## Pagina's: wachtwoord opnieuw instellen
reset-title = Wachtwoord opnieuw instellen
reset-lead = Voer je gebruikersnaam of je e-mailadres in. Hoort dat bij een account met een geverifieerd adres, dan sturen we een link naar dat adres.
reset-who = Gebruikersnaam of e-mailadres
reset-send = Resetlink sturen
reset-factor-note = Je hebt ook je tweede factor nodig: een code uit je authenticator-app, een toegangssleutel of een herstelcode.
reset-sent = Controleer je e-mail.
reset-sent-detail = { $count ->
    [one] Als het account bestaat en een geverifieerd adres heeft, is er een link onderweg. Die is { $count } minuut geldig.
   *[other] Als het account bestaat en een geverifieerd adres heeft, is er een link onderweg. Die is { $count } minuten geldig.
}
reset-back = Terug naar inloggen
reset-invalid = Deze resetlink is ongeldig, verlopen of al gebruikt. Vraag een nieuwe aan op de inlogpagina.
reset-factor-heading = Bevestig dat jij het bent
reset-factor-lead = Gebruik een van je tweede factoren om een nieuw wachtwoord te kiezen voor { $username }.
reset-no-factor = Dit account heeft geen tweede factor, dus het wachtwoord kan niet via e-mail opnieuw worden ingesteld.
reset-factor-first = Bevestig eerst met je tweede factor dat jij het bent.
reset-password-heading = Kies een nieuw wachtwoord
reset-password-lead = Het nieuwe wachtwoord voor { $username }. Alle andere sessies worden beëindigd, ook bij apps.
reset-password-submit = Wachtwoord instellen
reset-done-title = Wachtwoord gewijzigd
reset-done-body = Je wachtwoord is gewijzigd en alle andere sessies zijn beëindigd. Log in met je nieuwe wachtwoord.
reset-done-sign-in = Inloggen

## E-mail: wachtwoord opnieuw instellen
reset-email-subject = Stel je wachtwoord voor { $product } opnieuw in
reset-email-body = Iemand, hopelijk jij, heeft gevraagd om het wachtwoord van { $username } bij { $product } opnieuw in te stellen.
reset-email-factor = Nadat je de link hebt geopend, bevestig je met je tweede factor (een code uit je authenticator-app, een toegangssleutel of een herstelcode) dat jij het bent. Daarna kies je een nieuw wachtwoord.
reset-email-action = Nieuw wachtwoord kiezen
reset-email-ignore = Heb je hier niet om gevraagd, negeer dan dit bericht: je wachtwoord blijft zoals het is.
reset-email-no-factor = Je account heeft geen tweede factor, dus het wachtwoord kan niet via e-mail opnieuw worden ingesteld. Vraag je beheerder om een herstellink.

## Accountpagina: meldingen
account-notifications = Beveiligingsmeldingen
account-notifications-hint = We sturen je een e-mail als je wachtwoord, je tweede factoren of je herstelcodes veranderen. Die berichten worden altijd verstuurd.
account-notifications-new-device = Stuur me ook een e-mail als iemand inlogt vanaf een nieuw apparaat
account-notifications-save = Opslaan
account-notifications-saved = Je instellingen voor meldingen zijn opgeslagen.

## E-mail: beveiligingsmeldingen
notice-method-totp = een authenticator-app
notice-method-passkey = een toegangssleutel
notice-when = Wanneer: { $time }
notice-wasnt-me = Dit was ik niet: mijn account controleren
notice-wasnt-me-hint = Was jij dit niet? Open dan je accountpagina, log de sessies uit die je niet herkent en wijzig je wachtwoord.
notice-new-device-subject = Nieuwe inlog op je { $product }-account
notice-new-device-body = Iemand heeft op je account ingelogd vanaf een nieuw apparaat: { $device }, adres { $address }.
notice-new-device-off = Je kunt deze berichten over nieuwe apparaten uitzetten op je accountpagina.
notice-factor-added-subject = Er is een tweede factor toegevoegd aan je { $product }-account
notice-factor-added-body = Er is een tweede factor aan je account toegevoegd: { $method }.
notice-factor-removed-subject = Er is een tweede factor verwijderd van je { $product }-account
notice-factor-removed-body = Er is een tweede factor van je account verwijderd: { $method }.
notice-password-subject = Je wachtwoord voor { $product } is gewijzigd
notice-password-body = Het wachtwoord van je account is gewijzigd. Op je andere apparaten ben je uitgelogd.
notice-recovery-subject = Nieuwe herstelcodes voor je { $product }-account
notice-recovery-body = Er zijn nieuwe herstelcodes gemaakt voor je account. De oude werken niet meer.
