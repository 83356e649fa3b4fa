# Testi delle pagine di Latchkey, in italiano.
# Formato e come aggiungere una lingua: CONTRIBUTING.md.
# Ogni messaggio può usare { $product }, il nome del prodotto mostrato nelle pagine.

## Comuni

skip-to-content = Vai al contenuto
title-error-prefix = Errore:
divider-or = oppure
continue = Continua
cancel = Annulla
switch-user = Accedi con un altro account
language-label = Lingua
language-change = Cambia
password-min-hint = { $count ->
    [one] Almeno { $count } carattere.
   *[other] Almeno { $count } caratteri.
}
password-too-short = { $count ->
    [one] La password deve avere almeno { $count } carattere.
   *[other] La password deve avere almeno { $count } caratteri.
}
password-too-long = { $count ->
    [one] La password può avere al massimo { $count } carattere.
   *[other] La password può avere al massimo { $count } caratteri.
}
totp-heading = App di autenticazione
device-unknown = Dispositivo sconosciuto
# Un dispositivo nell'elenco delle sessioni, ad esempio "Firefox 128 su Linux".
device-on = { $browser } su { $os }

## Blocchi: una frase per ogni fattore, con il tempo effettivo rimanente.

lockout = Troppi tentativi. Attendi { $wait }, poi riprova.
wait-seconds = { $count ->
    [one] circa { $count } secondo
   *[other] circa { $count } secondi
}
wait-minutes = { $count ->
    [one] circa { $count } minuto
   *[other] circa { $count } minuti
}
wait-hours = { $count ->
    [one] circa { $count } ora
   *[other] circa { $count } ore
}

## Pagina di accesso

login-title = Accedi
login-lead-app = per continuare su { $app }
login-lead = con il tuo account { $product }
login-passkey-only = Questa applicazione chiede una passkey. Accedi con la tua passkey per continuare.
login-username = Nome utente
login-password = Password
login-submit = Accedi
login-passkey = Accedi con una passkey
login-bad-credentials = Nome utente o password errati.
login-return-not-allowed = Questo indirizzo di ritorno non è consentito.
login-requires-passkey = Questa applicazione richiede una passkey.
help-summary-login = Hai dimenticato la password, o hai perso il telefono o la passkey?
help-summary-mfa = Hai perso il dispositivo e i codici di recupero?
help-ask-admin = Chiedi al tuo amministratore un link di recupero: potrai impostare una nuova password e configurare di nuovo l'accesso.
help-admin-contact = Il tuo amministratore:

## Secondo passaggio

mfa-title = Secondo passaggio
mfa-heading = Conferma che sei tu
mfa-lead = Hai eseguito l'accesso come { $username }. Manca solo un passaggio.
mfa-use-passkey = Usa la tua passkey
mfa-code-label = Codice dell'app di autenticazione
mfa-verify = Verifica
mfa-recovery-summary = Hai perso il dispositivo? Usa un codice di recupero
mfa-recovery-label = Codice di recupero
mfa-recovery-submit = Usa codice di recupero
code-invalid = Questo codice non è valido.
code-invalid-retry = Questo codice non è valido. Riprova.
code-not-digits = Un codice contiene solo cifre: inserisci le 6 cifre mostrate dalla tua app.
code-wrong-length = { $count ->
    [one] Questo codice ha { $count } cifra; i codici della tua app ne hanno 6. Inserisci tutte e 6 le cifre che l'app mostra ora.
   *[other] Questo codice ha { $count } cifre; i codici della tua app ne hanno 6. Inserisci tutte e 6 le cifre che l'app mostra ora.
}
recovery-used-title = Codice di recupero usato
recovery-used-message = { $count ->
    [one] Ti resta { $count } codice di recupero. Se stanno per finire, generane di nuovi dalla pagina del tuo account.
   *[other] Ti restano { $count } codici di recupero. Se stanno per finire, generane di nuovi dalla pagina del tuo account.
}

## Consenso

consent-title = Consenti l'accesso
consent-heading = Consentire l'accesso?
consent-lead = { $app } vuole farti accedere come { $username } e vedere:
consent-origin = L'app si trova su { $origin }. Consenti solo se è l'indirizzo che volevi visitare.
consent-allow = Consenti
consent-deny = Rifiuta
consent-withdraw = Puoi revocare il consenso in qualsiasi momento dalla pagina del tuo account.
consent-not-you = Non sei { $username }? Accedi con un altro account
scope-openid = L'identificativo del tuo account
scope-profile = Il tuo nome e il tuo nome utente
scope-email = Il tuo indirizzo email
scope-groups = I gruppi di cui fai parte
scope-offline-access = Accesso anche in tua assenza

## Configurazione del secondo fattore

enroll-title = Configura un secondo fattore
enroll-forced-heading = Proteggi il tuo account
enroll-forced-lead = È richiesto un secondo fattore. Configurane uno per continuare.
enroll-heading = Aggiungi un secondo fattore
enroll-lead = Aggiungi una passkey, oppure configura (o sostituisci) la tua app di autenticazione.
enroll-back = Torna al tuo account
enroll-enter-again = Inserisci di nuovo il codice
enroll-passkey = Passkey
enroll-passkey-hint = Usa l'impronta digitale, il riconoscimento del volto o il blocco schermo del tuo dispositivo, oppure una chiave di sicurezza.
enroll-passkey-name = Nome della passkey
enroll-passkey-create = Crea una passkey
enroll-totp-phone = Sei sul telefono? Apri l'app direttamente da qui, oppure copia la chiave nell'app.
enroll-totp-open = Apri nell'app di autenticazione
enroll-totp-key = Oppure inserisci questa chiave nell'app:
enroll-totp-copy = Copia chiave
enroll-totp-computer = Sei su un computer? Scansiona questo codice con un'app come Aegis, 2FAS, Google Authenticator o 1Password.
enroll-totp-qr-alt = Codice QR per la tua app di autenticazione
enroll-totp-code = Inserisci il codice a 6 cifre per confermare
enroll-totp-submit = Conferma e attiva
enroll-code-invalid = Questo codice non è valido. Controlla l'app e riprova.

## Codici di recupero

codes-heading = Salva i tuoi codici di recupero
codes-lead = Se perdi il dispositivo, ogni codice ti permette di accedere una volta. Vengono mostrati solo ora.
codes-copy = Copia codici
codes-download = Scarica (.txt)
codes-print = Stampa
codes-advice = Conservali in un posto sicuro, ad esempio in un gestore di password o su carta.
codes-saved = Li ho salvati, continua

## Link di registrazione

enroll-link-title = Imposta la password
enroll-link-heading = Ti diamo il benvenuto, { $username }
enroll-link-lead = Scegli una password. Poi configurerai un secondo fattore.
enroll-link-repeat = Ripeti la password
enroll-link-invalid = Questo link non è valido, è scaduto o è già stato usato. Chiedine uno nuovo al tuo amministratore.

## Pagina dell'account

account-title = Il tuo account
account-signed-in-as = Hai eseguito l'accesso come { $username }
account-nudge-passkey = Oltre alla password, hai un solo modo per confermare che sei tu. Aggiungine un altro (una passkey), così perdere un dispositivo non ti impedirà di accedere.
account-nudge-any = Oltre alla password, hai un solo modo per confermare che sei tu. Aggiungine un altro (un'app di autenticazione o una seconda passkey), così perdere un dispositivo non ti impedirà di accedere.
account-fresh-check = Per cambiare la password o i metodi di accesso serve una nuova verifica.
account-confirm-link = Prima conferma che sei tu.
account-confirm-button = Conferma che sei tu
account-password = Password
account-current-password = Password attuale
account-new-password = Nuova password
account-repeat-password = Ripeti la nuova password
account-change-password = Cambia password
account-password-needs-check = Per cambiare la password, prima conferma il secondo fattore.
account-totp-on = Attiva
account-totp-accepted = I codici della tua app di autenticazione vengono accettati.
account-totp-replace = Sostituisci
account-totp-none = Non configurata.
account-totp-set-up = Configura un'app di autenticazione
account-remove = Rimuovi
account-passkeys = Passkey
account-passkeys-none = Ancora nessuna passkey.
account-col-name = Nome
account-col-used = Utilizzo
account-col-actions = Azioni
account-passkey-synced = sincronizzata
account-passkey-added = aggiunta
account-passkey-last-used = ultimo utilizzo
account-passkey-never = mai
account-passkey-new-name = Nuovo nome
account-passkey-rename = Rinomina
account-passkey-add = Aggiungi una passkey
account-recovery = Codici di recupero
account-recovery-left = { $count ->
    [one] Ti resta { $count } codice non usato.
   *[other] Ti restano { $count } codici non usati.
}
account-recovery-new = Genera nuovi codici
account-sessions = Dove hai eseguito l'accesso
account-col-device = Dispositivo
account-col-signed-in = Accesso
account-col-last-active = Ultima attività
account-this-device = questo dispositivo
account-sign-out-this = Esci da questo dispositivo
account-sign-out-that = Disconnetti quel dispositivo
account-apps = Applicazioni
account-apps-none = Nessuna applicazione ha accesso.
account-col-app = Applicazione
account-col-access = Accesso
account-app-revoke = Revoca
account-sign-out-here = Esci da { $product } qui
account-wrong-current-password = La password attuale non è corretta.
account-passwords-differ = Le password non corrispondono.
account-password-changed = La password è stata cambiata. Gli altri dispositivi sono stati disconnessi.
account-last-factor = Questo è il tuo ultimo secondo fattore. Aggiungine un altro prima di rimuoverlo.
account-totp-removed = L'app di autenticazione è stata rimossa. Gli altri dispositivi sono stati disconnessi.
account-passkey-needs-name = Una passkey deve avere un nome.
account-passkey-renamed = La passkey è stata rinominata.
account-passkey-removed = La passkey è stata rimossa. Gli altri dispositivi sono stati disconnessi.
account-session-signed-out = La sessione è stata chiusa.
account-app-revoked = L'accesso dell'applicazione è stato revocato.

## Passaggi di conferma

confirm-totp-title = Rimuovere l'app di autenticazione?
confirm-totp-message = I codici della tua app di autenticazione non ti permetteranno più di accedere e gli altri tuoi dispositivi verranno disconnessi. Per usare di nuovo un'app dovrai configurarla da capo.
confirm-totp-button = Rimuovi l'app di autenticazione
confirm-passkey-title = Rimuovere questa passkey?
confirm-passkey-message = La passkey “{ $name }” non ti permetterà più di accedere e gli altri tuoi dispositivi verranno disconnessi.
confirm-passkey-button = Rimuovi la passkey
confirm-recovery-title = Generare nuovi codici di recupero?
confirm-recovery-message = I tuoi codici di recupero attuali smetteranno subito di funzionare, compresi quelli che hai stampato o salvato. Vedrai i nuovi codici una sola volta, nella pagina successiva.
confirm-session-title = Chiudere questa sessione?
confirm-session-message-this = { $device } è il dispositivo che stai usando ora: uscirai dall'account su questo dispositivo.
confirm-session-message-that = { $device } verrà disconnesso e dovrà accedere di nuovo.
confirm-session-button = Chiudi la sessione
confirm-app-title = Revocare l'accesso di questa applicazione?
confirm-app-message = { $app } perderà l'accesso al tuo account e ti chiederà di nuovo il permesso la prossima volta che accederai.
confirm-app-button = Revoca l'accesso

## Uscita

logout-title = Esci
logout-heading = Vuoi uscire?
logout-lead-app = { $app } chiede di farti uscire da { $product }.
logout-lead = Uscirai da { $product } su questo dispositivo.
logout-cancel = Annulla, non uscire
signed-out-title = Uscita completata
signed-out-message = Hai chiuso la sessione di { $product }.
signed-out-again = Accedi di nuovo

## Pagine di errore

authorize-gone = Questa richiesta di accesso non è più attiva. Torna all'applicazione e accedi di nuovo.
error-to-account = Vai al tuo account
error-details = Dettagli per il tuo amministratore
error-bad-request = Non ha funzionato
error-malformed-title = Questo link o modulo è incompleto
error-malformed-message = { $product } non è riuscito a leggere questa richiesta: una parte manca o non è valida, quindi non è stato fatto nulla. Se hai seguito un link, potrebbe essere stato troncato: torna indietro e riprova.
error-oauth-title = Questo link di accesso non funziona
error-oauth-message = L'applicazione ti ha mandato qui con una richiesta di accesso che { $product } non può accettare, quindi non può rimandarti a quell'applicazione. Torna all'applicazione e ricomincia l'accesso; se succede di nuovo, le sue impostazioni in { $product } vanno corrette: avvisa il tuo amministratore.
error-csrf-title = Questa pagina è scaduta
error-csrf-message = Il modulo è rimasto aperto troppo a lungo, oppure è stato inviato da un'altra finestra o da un altro sito, quindi non è stato modificato nulla. Torna indietro, ricarica la pagina e riprova.
error-not-found-title = Pagina non trovata
error-not-found-message = Non c'è nessuna pagina a questo indirizzo. Controlla il link che hai seguito, oppure vai al tuo account.
error-busy-title = { $product } è occupato
error-busy-message = Ci sono troppi accessi da verificare nello stesso momento, quindi il tuo non è stato verificato. Riprova tra poco.
error-internal-title = Qualcosa è andato storto
error-internal-message = { $product } non è riuscito a completare questa richiesta. Riprova tra poco; se continua a succedere, avvisa il tuo amministratore (la causa è nel log del server).

## Risposte sulle passkey (mostrate dallo script della pagina)

passkey-session-expired = La sessione è scaduta. Ricarica la pagina.
passkey-bad-request = Non è stato possibile usare questa richiesta. Ricarica la pagina e riprova.
passkey-not-found = Non trovato.
passkey-busy = Servizio occupato. Riprova.
passkey-failed = Non è stato possibile verificare la passkey.
passkey-confirm-first = Accedi di nuovo per aggiungere una passkey, poi riprova.
passkey-start-again = Ricomincia.
passkey-not-registered = Non è stato possibile registrare la passkey.
passkey-already = Questa passkey è già registrata.
passkey-sign-in-first = Prima accedi.
passkey-none = Non hai nessuna passkey.

## Gli script delle pagine

js-copied = Copiato.
js-copy-failed = Impossibile copiare. Seleziona il testo e copialo manualmente.
js-show-password = Mostra password
js-hide-password = Nascondi password
js-caps-lock = Il tasto Bloc Maiusc è attivo.
# Le prime righe del file scaricato con i codici di recupero.
js-codes-file = Codici di recupero di { $product }. Ogni codice ti permette di accedere una volta.
js-passkey-closed = La richiesta della passkey è stata chiusa o è scaduta. Riprova.
js-passkey-exists = Questo dispositivo contiene già una passkey per il tuo account. Usala per accedere, oppure aggiungine una su un altro dispositivo.
js-passkey-failed = Non è stato possibile usare la passkey. Riprova, oppure accedi in un altro modo.
js-passkey-unsupported = Questo browser non supporta le passkey.
js-passkey-name = Passkey
js-request-failed = La richiesta non è riuscita. Riprova.
js-went-wrong = Qualcosa è andato storto. Riprova.
language-unknown = Questa lingua non è disponibile.
account-language-hint = La lingua di queste pagine, su ogni dispositivo da cui accedi.
login-remember = { $count ->
    [one] Mantieni l'accesso su questo dispositivo per { $count } giorno
   *[other] Mantieni l'accesso su questo dispositivo per { $count } giorni
}
login-remember-hint = Solo su un dispositivo tuo. Gli altri dispositivi chiederanno comunque la password e il secondo fattore.

## Email: tutti i messaggi
email-greeting = Ciao { $name },
email-footer = Questo messaggio è stato inviato automaticamente da { $product } su { $issuer }; le risposte non vengono lette.

## Email: `latchkey email test`
email-test-subject = { $product }: messaggio di prova
email-test-greeting = Ciao,
email-test-body = Questo è un messaggio di prova di { $product } su { $issuer }. Se riesci a leggerlo, l'invio delle email funziona.

## Pagina dell'account: indirizzo email
account-email = Indirizzo email
account-email-verified = Verificato
account-email-unverified = Non verificato
account-email-pending = Abbiamo inviato un link di conferma a { $address }. Diventerà il tuo indirizzo quando aprirai quel link.
account-email-new = Indirizzo
account-email-hint = Ti invieremo un link a questo indirizzo. Il tuo indirizzo cambierà solo quando lo aprirai.
account-email-send = Invia link di conferma
account-email-ask-admin = Per cambiare il tuo indirizzo, chiedi al tuo amministratore.
account-email-invalid = Questo non è un indirizzo email.
account-email-already = Questo indirizzo è già tuo ed è verificato.
account-email-unavailable = Questo server non può inviare email. Per cambiare il tuo indirizzo, chiedi al tuo amministratore.
account-email-sent = Abbiamo inviato un link di conferma a { $address }. Aprilo per renderlo il tuo indirizzo.

## Email: conferma di un indirizzo
email-confirm-subject = Conferma il tuo indirizzo email per { $product }
email-confirm-body = Qualcuno, speriamo tu, ha chiesto di usare questo indirizzo per l'account { $username } su { $product }.
email-confirm-action = Conferma questo indirizzo
email-confirm-ignore = Se non l'hai chiesto tu, ignora questo messaggio: non cambierà nulla.

## Pagina: conferma di un indirizzo (dal link ricevuto via email)
email-confirm-title = Conferma il tuo indirizzo email
email-confirm-lead = Usare { $address } come indirizzo dell'account { $username }?
email-confirm-button = Conferma indirizzo
email-confirm-invalid = Questo link di conferma non è valido, è scaduto o è già stato usato. Chiedine uno nuovo dalla pagina del tuo account.
email-confirm-taken = Questo indirizzo è già usato da un altro account, quindi non può essere confermato per questo. Chiedi al tuo amministratore.
email-confirmed-title = Indirizzo confermato
email-confirmed-body = { $address } ora è l'indirizzo verificato di { $username }.
email-confirmed-continue = Vai al tuo account

## Email: per quanto tempo funziona un link
link-expires-hours = { $count ->
    [one] Il link si può usare una sola volta ed è valido per { $count } ora.
   *[other] Il link si può usare una sola volta ed è valido per { $count } ore.
}
link-expires-minutes = { $count ->
    [one] Il link si può usare una sola volta ed è valido per { $count } minuto.
   *[other] Il link si può usare una sola volta ed è valido per { $count } minuti.
}
link-expires-days = { $count ->
    [one] Il link si può usare una sola volta ed è valido per { $count } giorno.
   *[other] Il link si può usare una sola volta ed è valido per { $count } giorni.
}

## Email: un invito
invite-email-subject = Hai ricevuto un invito per { $product }
invite-email-body = Hai ricevuto un invito a creare un account su { $product } ({ $issuer }). Sceglierai la tua password, poi configurerai un secondo modo per accedere.
invite-email-action = Accetta l'invito
invite-email-ignore = Se non ti aspettavi questo invito, ignora questo messaggio.

## Pagina: accettare un invito
invite-title = Crea il tuo account
invite-lead = Hai ricevuto un invito all'indirizzo { $address }. Scegli come accederai.
invite-username-preset = Il tuo nome utente è { $username }.
invite-username-hint = Fino a 64 lettere, cifre e i caratteri . _ @ -
invite-username-invalid = Un nome utente è composto da 1 a 64 lettere, cifre e i caratteri . _ @ -
invite-username-taken = Questo nome utente è già in uso. Scegline un altro.
invite-submit = Crea account
invite-invalid = Questo link di invito non è valido, è scaduto, è stato revocato o è già stato usato. Chiedine uno nuovo a chi ti ha invitato.

## Pagina di accesso: password dimenticata
login-forgot = Hai dimenticato la password?

## Pagine: reimpostazione della password
reset-title = Reimposta la password
reset-lead = Inserisci il tuo nome utente o il tuo indirizzo email. Se appartiene a un account con un indirizzo verificato, invieremo un link a quell'indirizzo.
reset-who = Nome utente o indirizzo email
reset-send = Invia link di reimpostazione
reset-factor-note = Ti servirà anche il secondo fattore: un codice dell'app di autenticazione, una passkey o un codice di recupero.
reset-sent = Controlla la tua email.
reset-sent-detail = { $count ->
    [one] Se l'account esiste e ha un indirizzo verificato, il link è in arrivo. È valido per { $count } minuto.
   *[other] Se l'account esiste e ha un indirizzo verificato, il link è in arrivo. È valido per { $count } minuti.
}
reset-back = Torna all'accesso
reset-invalid = Questo link di reimpostazione non è valido, è scaduto o è già stato usato. Chiedine uno nuovo dalla pagina di accesso.
reset-factor-heading = Conferma che sei tu
reset-factor-lead = Per scegliere una nuova password per { $username }, usa uno dei tuoi secondi fattori.
reset-no-factor = Questo account non ha un secondo fattore, quindi la sua password non può essere reimpostata via email.
reset-factor-first = Prima conferma che sei tu con il tuo secondo fattore.
reset-password-heading = Scegli una nuova password
reset-password-lead = La nuova password per { $username }. Tutte le altre sessioni e gli accessi delle applicazioni verranno chiusi.
reset-password-submit = Imposta password
reset-done-title = Password cambiata
reset-done-body = La password è stata cambiata e tutte le altre sessioni sono state chiuse. Accedi con la nuova password.
reset-done-sign-in = Accedi

## Email: reimpostazione della password
reset-email-subject = Reimposta la tua password di { $product }
reset-email-body = Qualcuno, speriamo tu, ha chiesto di reimpostare la password di { $username } su { $product }.
reset-email-factor = Dopo aver aperto il link, confermerai che sei tu con il tuo secondo fattore (un codice dell'app di autenticazione, una passkey o un codice di recupero), poi sceglierai una nuova password.
reset-email-action = Scegli una nuova password
reset-email-ignore = Se non l'hai chiesto tu, ignora questo messaggio: la tua password resterà invariata.
reset-email-no-factor = Il tuo account non ha un secondo fattore, quindi la sua password non può essere reimpostata via email. Chiedi al tuo amministratore un link di recupero.

## Pagina dell'account: notifiche
account-notifications = Notifiche di sicurezza
account-notifications-hint = Ti inviamo un'email quando cambiano la tua password, i tuoi secondi fattori o i tuoi codici di recupero. Questi messaggi vengono sempre inviati.
account-notifications-new-device = Inviami un'email anche quando qualcuno accede da un nuovo dispositivo
account-notifications-save = Salva
account-notifications-saved = Le impostazioni delle notifiche sono state salvate.

## Email: avvisi di sicurezza
notice-method-totp = un'app di autenticazione
notice-method-passkey = una passkey
notice-when = Quando: { $time }
notice-wasnt-me = Non ero io: controlla il mio account
notice-wasnt-me-hint = Se non eri tu, apri la pagina del tuo account, chiudi le sessioni che non riconosci e cambia la password.
notice-new-device-subject = Nuovo accesso a { $product }
notice-new-device-body = Qualcuno ha eseguito l'accesso al tuo account da un nuovo dispositivo: { $device }, indirizzo { $address }.
notice-new-device-off = Puoi disattivare questi messaggi per i nuovi dispositivi dalla pagina del tuo account.
notice-factor-added-subject = È stato aggiunto un secondo fattore al tuo account { $product }
notice-factor-added-body = È stato aggiunto un secondo fattore al tuo account: { $method }.
notice-factor-removed-subject = È stato rimosso un secondo fattore dal tuo account { $product }
notice-factor-removed-body = È stato rimosso un secondo fattore dal tuo account: { $method }.
notice-password-subject = La tua password di { $product } è stata cambiata
notice-password-body = La password del tuo account è stata cambiata. Le altre sessioni sono state chiuse.
notice-recovery-subject = Nuovi codici di recupero per il tuo account { $product }
notice-recovery-body = Sono stati generati nuovi codici di recupero per il tuo account. Quelli vecchi non funzionano più.
