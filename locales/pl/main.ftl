# Teksty stron Latchkey, polski.
# Format i sposób dodawania języka: CONTRIBUTING.md.
# Każdy komunikat może używać { $product }, czyli nazwy produktu widocznej na stronach.

## Wspólne

skip-to-content = Przejdź do treści
title-error-prefix = Błąd:
divider-or = lub
continue = Dalej
cancel = Anuluj
switch-user = Zaloguj się jako ktoś inny
language-label = Język
language-change = Zmień
password-min-hint = { $count ->
    [one] Co najmniej { $count } znak.
    [few] Co najmniej { $count } znaki.
    [many] Co najmniej { $count } znaków.
   *[other] Co najmniej { $count } znaku.
}
password-too-short = { $count ->
    [one] Hasło musi mieć co najmniej { $count } znak.
    [few] Hasło musi mieć co najmniej { $count } znaki.
    [many] Hasło musi mieć co najmniej { $count } znaków.
   *[other] Hasło musi mieć co najmniej { $count } znaku.
}
password-too-long = { $count ->
    [one] Hasło może mieć najwyżej { $count } znak.
    [few] Hasło może mieć najwyżej { $count } znaki.
    [many] Hasło może mieć najwyżej { $count } znaków.
   *[other] Hasło może mieć najwyżej { $count } znaku.
}
totp-heading = Aplikacja uwierzytelniająca
device-unknown = Nieznane urządzenie
# Urządzenie na liście sesji, np. „Firefox 128 w systemie Linux”.
device-on = { $browser } w systemie { $os }

## Blokady: jedno zdanie dla każdego składnika, z faktycznym pozostałym czasem.

lockout = Zbyt wiele prób. Odczekaj { $wait } i spróbuj ponownie.
wait-seconds = { $count ->
    [one] około { $count } sekundy
    [few] około { $count } sekund
    [many] około { $count } sekund
   *[other] około { $count } sekundy
}
wait-minutes = { $count ->
    [one] około { $count } minuty
    [few] około { $count } minut
    [many] około { $count } minut
   *[other] około { $count } minuty
}
wait-hours = { $count ->
    [one] około { $count } godziny
    [few] około { $count } godzin
    [many] około { $count } godzin
   *[other] około { $count } godziny
}

## Strona logowania

login-title = Zaloguj się
login-lead-app = aby przejść do aplikacji { $app }
login-lead = za pomocą konta { $product }
login-passkey-only = Ta aplikacja prosi o klucz dostępu. Zaloguj się kluczem dostępu, aby kontynuować.
login-username = Nazwa użytkownika
login-password = Hasło
login-submit = Zaloguj się
login-passkey = Zaloguj się kluczem dostępu
login-bad-credentials = Nieprawidłowa nazwa użytkownika lub hasło.
login-return-not-allowed = Ten adres powrotu jest niedozwolony.
login-requires-passkey = Ta aplikacja wymaga klucza dostępu.
help-summary-login = Nie pamiętasz hasła albo nie masz już telefonu lub klucza dostępu?
help-summary-mfa = Nie masz już urządzenia ani kodów odzyskiwania?
help-ask-admin = Poproś administratora o link odzyskiwania: pozwoli ci ustawić nowe hasło i od nowa skonfigurować logowanie.
help-admin-contact = Twój administrator:

## Drugi krok

mfa-title = Drugi krok
mfa-heading = Potwierdź, że to ty
mfa-lead = Zalogowano jako { $username }. Jeszcze jeden krok.
mfa-use-passkey = Użyj klucza dostępu
mfa-code-label = Kod z aplikacji uwierzytelniającej
mfa-verify = Zweryfikuj
mfa-recovery-summary = Nie masz urządzenia? Użyj kodu odzyskiwania
mfa-recovery-label = Kod odzyskiwania
mfa-recovery-submit = Użyj kodu odzyskiwania
code-invalid = Ten kod jest nieprawidłowy.
code-invalid-retry = Ten kod jest nieprawidłowy. Spróbuj ponownie.
code-not-digits = Kod składa się tylko z cyfr: wpisz 6 cyfr widocznych w aplikacji.
code-wrong-length = { $count ->
    [one] Ten kod ma { $count } cyfrę, a kody z aplikacji mają 6 cyfr. Wpisz wszystkie 6 cyfr, które aplikacja teraz pokazuje.
    [few] Ten kod ma { $count } cyfry, a kody z aplikacji mają 6 cyfr. Wpisz wszystkie 6 cyfr, które aplikacja teraz pokazuje.
    [many] Ten kod ma { $count } cyfr, a kody z aplikacji mają 6 cyfr. Wpisz wszystkie 6 cyfr, które aplikacja teraz pokazuje.
   *[other] Ten kod ma { $count } cyfry, a kody z aplikacji mają 6 cyfr. Wpisz wszystkie 6 cyfr, które aplikacja teraz pokazuje.
}
recovery-used-title = Użyto kodu odzyskiwania
recovery-used-message = { $count ->
    [one] Został ci { $count } kod odzyskiwania. Gdy zaczyna ich brakować, wygeneruj nowe na stronie swojego konta.
    [few] Zostały ci { $count } kody odzyskiwania. Gdy zaczyna ich brakować, wygeneruj nowe na stronie swojego konta.
    [many] Zostało ci { $count } kodów odzyskiwania. Gdy zaczyna ich brakować, wygeneruj nowe na stronie swojego konta.
   *[other] Zostało ci { $count } kodu odzyskiwania. Gdy zaczyna ich brakować, wygeneruj nowe na stronie swojego konta.
}

## Zgoda

consent-title = Zezwól na dostęp
consent-heading = Zezwolić na dostęp?
consent-lead = Aplikacja { $app } chce zalogować cię jako { $username } i uzyskać dostęp do tych danych:
consent-origin = Aplikacja działa pod adresem { $origin }. Zezwól tylko wtedy, gdy to adres, na który chcesz przejść.
consent-allow = Zezwól
consent-deny = Odmów
consent-withdraw = Możesz to w każdej chwili cofnąć na stronie swojego konta.
consent-not-you = Nie jesteś użytkownikiem { $username }? Zaloguj się jako ktoś inny
scope-openid = Identyfikator twojego konta
scope-profile = Imię i nazwisko oraz nazwa użytkownika
scope-email = Twój adres e-mail
scope-groups = Grupy, do których należysz
scope-offline-access = Dostęp również po wylogowaniu

## Konfiguracja drugiego składnika

enroll-title = Skonfiguruj drugi składnik
enroll-forced-heading = Chroń swoje konto
enroll-forced-lead = Drugi składnik jest wymagany. Skonfiguruj go, aby kontynuować.
enroll-heading = Dodaj drugi składnik
enroll-lead = Dodaj klucz dostępu albo skonfiguruj (lub zastąp) aplikację uwierzytelniającą.
enroll-back = Wróć do konta
enroll-enter-again = Wpisz kod ponownie
enroll-passkey = Klucz dostępu
enroll-passkey-hint = Użyj odcisku palca, rozpoznawania twarzy lub blokady ekranu urządzenia albo klucza bezpieczeństwa.
enroll-passkey-name = Nazwa tego klucza dostępu
enroll-passkey-create = Utwórz klucz dostępu
enroll-totp-phone = Używasz tego telefonu? Otwórz aplikację bezpośrednio stąd albo skopiuj do niej klucz.
enroll-totp-open = Otwórz w aplikacji uwierzytelniającej
enroll-totp-key = Lub wpisz w aplikacji ten klucz konfiguracyjny:
enroll-totp-copy = Kopiuj klucz
enroll-totp-computer = Używasz komputera? Zeskanuj ten kod aplikacją, np. Aegis, 2FAS, Google Authenticator lub 1Password.
enroll-totp-qr-alt = Kod QR dla aplikacji uwierzytelniającej
enroll-totp-code = Wpisz 6-cyfrowy kod, aby potwierdzić
enroll-totp-submit = Potwierdź i włącz
enroll-code-invalid = Ten kod jest nieprawidłowy. Sprawdź aplikację i spróbuj ponownie.

## Kody odzyskiwania

codes-heading = Zapisz kody odzyskiwania
codes-lead = Jeśli stracisz urządzenie, każdy kod pozwoli ci zalogować się jeden raz. Są widoczne tylko teraz.
codes-copy = Kopiuj kody
codes-download = Pobierz (.txt)
codes-print = Drukuj
codes-advice = Przechowuj je w bezpiecznym miejscu, np. w menedżerze haseł lub na papierze.
codes-saved = Kody zapisane, dalej

## Link konfiguracyjny

enroll-link-title = Ustaw hasło
enroll-link-heading = Witaj, { $username }
enroll-link-lead = Wybierz hasło. Potem skonfigurujesz drugi składnik.
enroll-link-repeat = Powtórz hasło
enroll-link-invalid = Ten link jest nieprawidłowy, wygasł lub został już użyty. Poproś administratora o nowy.

## Strona konta

account-title = Twoje konto
account-signed-in-as = Zalogowano jako { $username }
account-nudge-passkey = Oprócz hasła masz tylko jeden sposób potwierdzenia tożsamości. Dodaj kolejny (klucz dostępu), aby utrata jednego urządzenia nie odcięła cię od konta.
account-nudge-any = Oprócz hasła masz tylko jeden sposób potwierdzenia tożsamości. Dodaj kolejny (aplikację uwierzytelniającą lub drugi klucz dostępu), aby utrata jednego urządzenia nie odcięła cię od konta.
account-fresh-check = Zmiana hasła lub metod logowania wymaga ponownego potwierdzenia tożsamości.
account-confirm-link = Najpierw potwierdź, że to ty.
account-confirm-button = Potwierdź, że to ty
account-password = Hasło
account-current-password = Obecne hasło
account-new-password = Nowe hasło
account-repeat-password = Powtórz nowe hasło
account-change-password = Zmień hasło
account-password-needs-check = Aby zmienić hasło, najpierw potwierdź swoją tożsamość drugim składnikiem.
account-totp-on = Włączona
account-totp-accepted = Kody z aplikacji uwierzytelniającej są akceptowane.
account-totp-replace = Zastąp
account-totp-none = Nie skonfigurowano.
account-totp-set-up = Skonfiguruj aplikację uwierzytelniającą
account-remove = Usuń
account-passkeys = Klucze dostępu
account-passkeys-none = Nie masz jeszcze kluczy dostępu.
account-col-name = Nazwa
account-col-used = Użycie
account-col-actions = Działania
account-passkey-synced = synchronizowany
account-passkey-added = dodano:
account-passkey-last-used = ostatnie użycie:
account-passkey-never = nigdy
account-passkey-new-name = Nowa nazwa
account-passkey-rename = Zmień nazwę
account-passkey-add = Dodaj klucz dostępu
account-recovery = Kody odzyskiwania
account-recovery-left = { $count ->
    [one] Został { $count } niewykorzystany kod.
    [few] Zostały { $count } niewykorzystane kody.
    [many] Zostało { $count } niewykorzystanych kodów.
   *[other] Zostało { $count } niewykorzystanego kodu.
}
account-recovery-new = Wygeneruj nowe kody
account-sessions = Zalogowane urządzenia
account-col-device = Urządzenie
account-col-signed-in = Zalogowano
account-col-last-active = Ostatnia aktywność
account-this-device = to urządzenie
account-sign-out-this = Wyloguj to urządzenie
account-sign-out-that = Wyloguj urządzenie
account-apps = Aplikacje
account-apps-none = Żadna aplikacja nie ma dostępu.
account-col-app = Aplikacja
account-col-access = Dostęp
account-app-revoke = Cofnij dostęp
account-sign-out-here = Wyloguj się tutaj z { $product }
account-wrong-current-password = Obecne hasło jest nieprawidłowe.
account-passwords-differ = Hasła nie są takie same.
account-password-changed = Hasło zostało zmienione. Inne urządzenia zostały wylogowane.
account-last-factor = To twój ostatni drugi składnik. Zanim go usuniesz, dodaj inny.
account-totp-removed = Aplikacja uwierzytelniająca została usunięta. Inne urządzenia zostały wylogowane.
account-passkey-needs-name = Klucz dostępu musi mieć nazwę.
account-passkey-renamed = Nazwa klucza dostępu została zmieniona.
account-passkey-removed = Klucz dostępu został usunięty. Inne urządzenia zostały wylogowane.
account-session-signed-out = Sesja została wylogowana.
account-app-revoked = Dostęp aplikacji został cofnięty.

## Potwierdzenia

confirm-totp-title = Usunąć aplikację uwierzytelniającą?
confirm-totp-message = Kody z aplikacji uwierzytelniającej przestaną służyć do logowania, a twoje pozostałe urządzenia zostaną wylogowane. Aby znów korzystać z aplikacji, trzeba będzie skonfigurować ją od nowa.
confirm-totp-button = Usuń aplikację uwierzytelniającą
confirm-passkey-title = Usunąć ten klucz dostępu?
confirm-passkey-message = Klucz dostępu „{ $name }” przestanie służyć do logowania, a twoje pozostałe urządzenia zostaną wylogowane.
confirm-passkey-button = Usuń klucz dostępu
confirm-recovery-title = Wygenerować nowe kody odzyskiwania?
confirm-recovery-message = Obecne kody odzyskiwania od razu przestaną działać, także te wydrukowane lub zapisane. Nowe kody zobaczysz tylko raz, na następnej stronie.
confirm-session-title = Wylogować tę sesję?
confirm-session-message-this = { $device } to urządzenie, którego teraz używasz: wylogujesz się tutaj.
confirm-session-message-that = { $device } – to urządzenie zostanie wylogowane i trzeba będzie ponownie się na nim zalogować.
confirm-session-button = Wyloguj sesję
confirm-app-title = Cofnąć dostęp tej aplikacji?
confirm-app-message = Aplikacja { $app } straci dostęp do twojego konta i przy następnym logowaniu do niej ponownie poprosi cię o zgodę.
confirm-app-button = Cofnij dostęp

## Wylogowanie

logout-title = Wyloguj się
logout-heading = Wylogować się?
logout-lead-app = Aplikacja { $app } prosi o wylogowanie cię z { $product }.
logout-lead = Wylogujesz się z { $product } na tym urządzeniu.
logout-cancel = Anuluj, nie wylogowuj
signed-out-title = Wylogowano
signed-out-message = Wylogowano cię z { $product }.
signed-out-again = Zaloguj się ponownie

## Strony błędów

authorize-gone = To żądanie logowania nie jest już aktywne. Wróć do aplikacji i zaloguj się ponownie.
error-to-account = Przejdź do konta
error-details = Szczegóły dla administratora
error-bad-request = Nie udało się
error-malformed-title = Ten link lub formularz jest niekompletny
error-malformed-message = Usłudze { $product } nie udało się odczytać tego żądania: brakuje jego części lub jest uszkodzone, więc nic nie zostało zrobione. Jeśli użyto linku, mógł on zostać ucięty: wróć i spróbuj ponownie.
error-oauth-title = Ten link logowania nie działa
error-oauth-message = Aplikacja przekierowała cię tutaj z żądaniem logowania, którego { $product } nie może przyjąć, więc nie może też odesłać cię z powrotem do tej aplikacji. Wróć do aplikacji i zacznij logowanie od nowa. Jeśli to się powtórzy, trzeba poprawić ustawienia tej aplikacji w { $product }: powiadom administratora.
error-csrf-title = Ta strona wygasła
error-csrf-message = Formularz był otwarty zbyt długo albo został wysłany z innego okna lub innej witryny, więc nic nie zostało zmienione. Wróć, odśwież stronę i spróbuj ponownie.
error-not-found-title = Nie znaleziono strony
error-not-found-message = Pod tym adresem nie ma żadnej strony. Sprawdź link albo przejdź do swojego konta.
error-busy-title = Usługa { $product } jest przeciążona
error-busy-message = Zbyt wiele logowań jest sprawdzanych jednocześnie, więc twoje nie zostało sprawdzone. Spróbuj ponownie za chwilę.
error-internal-title = Coś poszło nie tak
error-internal-message = Usłudze { $product } nie udało się dokończyć tego żądania. Spróbuj ponownie za chwilę. Jeśli problem się powtarza, powiadom administratora (przyczyna jest w logu serwera).

## Odpowiedzi dotyczące kluczy dostępu (pokazywane przez skrypt strony)

passkey-session-expired = Sesja wygasła. Odśwież stronę.
passkey-bad-request = Nie można użyć tego żądania. Odśwież stronę i spróbuj ponownie.
passkey-not-found = Nie znaleziono.
passkey-busy = Serwer jest zajęty. Spróbuj ponownie.
passkey-failed = Nie udało się zweryfikować klucza dostępu.
passkey-confirm-first = Zaloguj się ponownie, aby dodać klucz dostępu, a potem spróbuj jeszcze raz.
passkey-start-again = Zacznij od nowa.
passkey-not-registered = Nie udało się zarejestrować klucza dostępu.
passkey-already = Ten klucz dostępu jest już zarejestrowany.
passkey-sign-in-first = Najpierw się zaloguj.
passkey-none = Nie masz klucza dostępu.

## Skrypty stron

js-copied = Skopiowano.
js-copy-failed = Nie udało się skopiować. Zaznacz tekst i skopiuj go ręcznie.
js-show-password = Pokaż hasło
js-hide-password = Ukryj hasło
js-caps-lock = Caps Lock jest włączony.
# Pierwsze wiersze pobieranego pliku z kodami odzyskiwania.
js-codes-file = Kody odzyskiwania { $product }. Każdy kod pozwala zalogować się jeden raz.
js-passkey-closed = Okno klucza dostępu zostało zamknięte lub upłynął limit czasu. Spróbuj ponownie.
js-passkey-exists = To urządzenie ma już klucz dostępu do twojego konta. Zaloguj się nim albo dodaj klucz dostępu na innym urządzeniu.
js-passkey-failed = Nie udało się użyć klucza dostępu. Spróbuj ponownie lub zaloguj się w inny sposób.
js-passkey-unsupported = Ta przeglądarka nie obsługuje kluczy dostępu.
js-passkey-name = Klucz dostępu
js-request-failed = Żądanie nie powiodło się. Spróbuj ponownie.
js-went-wrong = Coś poszło nie tak. Spróbuj ponownie.
language-unknown = Ten język jest niedostępny.
account-language-hint = Język tych stron na każdym urządzeniu, na którym się logujesz.
login-remember = { $count ->
    [one] Nie wylogowuj mnie na tym urządzeniu przez { $count } dzień
    [few] Nie wylogowuj mnie na tym urządzeniu przez { $count } dni
    [many] Nie wylogowuj mnie na tym urządzeniu przez { $count } dni
   *[other] Nie wylogowuj mnie na tym urządzeniu przez { $count } dnia
}
login-remember-hint = Tylko na własnym urządzeniu. Inne urządzenia nadal będą prosić o hasło i drugi składnik.

## E-mail: każda wiadomość
email-greeting = Witaj, { $name }!
email-footer = Usługa { $product } pod adresem { $issuer } wysłała tę wiadomość automatycznie. Odpowiedzi nie są czytane.

## E-mail: `latchkey email test`
email-test-subject = { $product }: wiadomość testowa
email-test-greeting = Witaj!
email-test-body = To jest wiadomość testowa od usługi { $product } pod adresem { $issuer }. Jeśli możesz ją przeczytać, wysyłanie e-maili działa.

## Strona konta: adres e-mail
account-email = Adres e-mail
account-email-verified = Zweryfikowany
account-email-unverified = Niezweryfikowany
account-email-pending = Wysłaliśmy link potwierdzający na adres { $address }. Ten adres stanie się twoim, gdy otworzysz link.
account-email-new = Adres
account-email-hint = Wyślemy link na ten adres. Twój adres zmieni się dopiero po otwarciu tego linku.
account-email-send = Wyślij link potwierdzający
account-email-ask-admin = Aby zmienić adres, poproś administratora.
account-email-invalid = To nie jest adres e-mail.
account-email-already = To już twój zweryfikowany adres.
account-email-unavailable = Ten serwer nie może wysyłać e-maili. Aby zmienić adres, poproś administratora.
account-email-sent = Wysłaliśmy link potwierdzający na adres { $address }. Otwórz ten link, aby ustawić ten adres jako swój.

## E-mail: potwierdzenie adresu
email-confirm-subject = Potwierdź swój adres e-mail w usłudze { $product }
email-confirm-body = Ktoś, miejmy nadzieję, że ty, poprosił o użycie tego adresu dla konta { $username } w usłudze { $product }.
email-confirm-action = Potwierdź ten adres
email-confirm-ignore = Jeśli to nie była twoja prośba, zignoruj tę wiadomość: nic się nie zmieni.

## Strona: potwierdzenie adresu (z linku w e-mailu)
email-confirm-title = Potwierdź swój adres e-mail
email-confirm-lead = Użyć adresu { $address } jako adresu konta { $username }?
email-confirm-button = Potwierdź adres
email-confirm-invalid = Ten link potwierdzający jest nieprawidłowy, wygasł lub został już użyty. Poproś o nowy na stronie swojego konta.
email-confirm-taken = Ten adres jest już używany przez inne konto, więc nie można go potwierdzić dla tego konta. Poproś o pomoc administratora.
email-confirmed-title = Adres potwierdzony
email-confirmed-body = Adres { $address } jest teraz zweryfikowanym adresem konta { $username }.
email-confirmed-continue = Przejdź do konta

## E-mail: jak długo działa link
link-expires-hours = { $count ->
    [one] Link jest jednorazowy i działa przez { $count } godzinę.
    [few] Link jest jednorazowy i działa przez { $count } godziny.
    [many] Link jest jednorazowy i działa przez { $count } godzin.
   *[other] Link jest jednorazowy i działa przez { $count } godziny.
}
link-expires-minutes = { $count ->
    [one] Link jest jednorazowy i działa przez { $count } minutę.
    [few] Link jest jednorazowy i działa przez { $count } minuty.
    [many] Link jest jednorazowy i działa przez { $count } minut.
   *[other] Link jest jednorazowy i działa przez { $count } minuty.
}
link-expires-days = { $count ->
    [one] Link jest jednorazowy i działa przez { $count } dzień.
    [few] Link jest jednorazowy i działa przez { $count } dni.
    [many] Link jest jednorazowy i działa przez { $count } dni.
   *[other] Link jest jednorazowy i działa przez { $count } dnia.
}

## E-mail: zaproszenie
invite-email-subject = Masz zaproszenie do usługi { $product }
invite-email-body = Zaproszono cię do utworzenia konta w usłudze { $product } ({ $issuer }). Wybierzesz hasło, a potem skonfigurujesz drugi sposób logowania.
invite-email-action = Przyjmij zaproszenie
invite-email-ignore = Jeśli nie spodziewasz się tego zaproszenia, zignoruj tę wiadomość.

## Strona: przyjęcie zaproszenia
invite-title = Utwórz konto
invite-lead = Zaproszenie zostało wysłane na adres { $address }. Wybierz, jak będziesz się logować.
invite-username-preset = Twoja nazwa użytkownika to { $username }.
invite-username-hint = Do 64 znaków: litery, cyfry oraz . _ @ -
invite-username-invalid = Nazwa użytkownika musi mieć od 1 do 64 znaków: liter, cyfr oraz . _ @ -
invite-username-taken = Ta nazwa użytkownika jest zajęta. Wybierz inną.
invite-submit = Utwórz konto
invite-invalid = Ten link z zaproszeniem jest nieprawidłowy, wygasł, został cofnięty lub został już użyty. Poproś osobę, która cię zaprosiła, o nowy.

## Strona logowania: zapomniane hasło
login-forgot = Nie pamiętasz hasła?

## Strony: resetowanie hasła
reset-title = Zresetuj hasło
reset-lead = Wpisz nazwę użytkownika lub adres e-mail. Jeśli pasuje do konta ze zweryfikowanym adresem, wyślemy link na ten adres.
reset-who = Nazwa użytkownika lub adres e-mail
reset-send = Wyślij link resetujący
reset-factor-note = Potrzebny będzie też drugi składnik: kod z aplikacji uwierzytelniającej, klucz dostępu lub kod odzyskiwania.
reset-sent = Sprawdź pocztę e-mail.
reset-sent-detail = { $count ->
    [one] Jeśli konto istnieje i ma zweryfikowany adres, link jest już w drodze. Działa przez { $count } minutę.
    [few] Jeśli konto istnieje i ma zweryfikowany adres, link jest już w drodze. Działa przez { $count } minuty.
    [many] Jeśli konto istnieje i ma zweryfikowany adres, link jest już w drodze. Działa przez { $count } minut.
   *[other] Jeśli konto istnieje i ma zweryfikowany adres, link jest już w drodze. Działa przez { $count } minuty.
}
reset-back = Wróć do logowania
reset-invalid = Ten link resetujący jest nieprawidłowy, wygasł lub został już użyty. Poproś o nowy na stronie logowania.
reset-factor-heading = Potwierdź, że to ty
reset-factor-lead = Aby ustawić nowe hasło dla konta { $username }, użyj jednego ze swoich drugich składników.
reset-no-factor = To konto nie ma drugiego składnika, więc jego hasła nie można zresetować e-mailem.
reset-factor-first = Najpierw potwierdź swoją tożsamość drugim składnikiem.
reset-password-heading = Wybierz nowe hasło
reset-password-lead = Nowe hasło dla konta { $username }. Wszystkie inne sesje i logowania w aplikacjach zostaną zakończone.
reset-password-submit = Ustaw hasło
reset-done-title = Hasło zostało zmienione
reset-done-body = Hasło zostało zmienione, a wszystkie inne sesje zakończone. Zaloguj się nowym hasłem.
reset-done-sign-in = Zaloguj się

## E-mail: resetowanie hasła
reset-email-subject = Zresetuj hasło do usługi { $product }
reset-email-body = Ktoś, miejmy nadzieję, że ty, poprosił o zresetowanie hasła konta { $username } w usłudze { $product }.
reset-email-factor = Po otwarciu linku potwierdzisz swoją tożsamość drugim składnikiem (kodem z aplikacji uwierzytelniającej, kluczem dostępu lub kodem odzyskiwania), a potem wybierzesz nowe hasło.
reset-email-action = Wybierz nowe hasło
reset-email-ignore = Jeśli to nie była twoja prośba, zignoruj tę wiadomość: twoje hasło pozostanie bez zmian.
reset-email-no-factor = Twoje konto nie ma drugiego składnika, więc jego hasła nie można zresetować e-mailem. Poproś administratora o link odzyskiwania.

## Strona konta: powiadomienia
account-notifications = Powiadomienia o bezpieczeństwie
account-notifications-hint = Wysyłamy ci e-mail, gdy zmienia się twoje hasło, drugie składniki lub kody odzyskiwania. Te wiadomości są wysyłane zawsze.
account-notifications-new-device = Powiadamiaj mnie też e-mailem, gdy ktoś zaloguje się z nowego urządzenia
account-notifications-save = Zapisz
account-notifications-saved = Ustawienia powiadomień zostały zapisane.

## E-mail: powiadomienia o bezpieczeństwie
notice-method-totp = aplikacja uwierzytelniająca
notice-method-passkey = klucz dostępu
notice-when = Kiedy: { $time }
notice-wasnt-me = To nie ja: sprawdź moje konto
notice-wasnt-me-hint = Jeśli to nie ty, otwórz stronę swojego konta, wyloguj nieznane ci sesje i zmień hasło.
notice-new-device-subject = Nowe logowanie do usługi { $product }
notice-new-device-body = Ktoś zalogował się na twoje konto z nowego urządzenia: { $device }, adres { $address }.
notice-new-device-off = Wiadomości o nowych urządzeniach możesz wyłączyć na stronie swojego konta.
notice-factor-added-subject = Do twojego konta { $product } dodano drugi składnik
notice-factor-added-body = Do twojego konta dodano drugi składnik: { $method }.
notice-factor-removed-subject = Z twojego konta { $product } usunięto drugi składnik
notice-factor-removed-body = Z twojego konta usunięto drugi składnik: { $method }.
notice-password-subject = Hasło do twojego konta { $product } zostało zmienione
notice-password-body = Hasło do twojego konta zostało zmienione. Pozostałe sesje zostały wylogowane.
notice-recovery-subject = Nowe kody odzyskiwania do twojego konta { $product }
notice-recovery-body = Dla twojego konta wygenerowano nowe kody odzyskiwania. Stare kody już nie działają.
