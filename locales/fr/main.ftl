# Texte des pages de Latchkey, en français.
# Format et ajout d’une langue : CONTRIBUTING.md.
# Chaque message peut utiliser { $product }, le nom du produit affiché sur les pages.

## Commun

skip-to-content = Aller au contenu
title-error-prefix = Erreur :
divider-or = ou
continue = Continuer
cancel = Annuler
switch-user = Se connecter avec un autre compte
language-label = Langue
language-change = Changer
password-min-hint = { $count ->
    [one] Au moins { $count } caractère.
   *[other] Au moins { $count } caractères.
}
password-too-short = { $count ->
    [one] Le mot de passe doit comporter au moins { $count } caractère.
   *[other] Le mot de passe doit comporter au moins { $count } caractères.
}
password-too-long = { $count ->
    [one] Le mot de passe doit comporter au plus { $count } caractère.
   *[other] Le mot de passe doit comporter au plus { $count } caractères.
}
totp-heading = Application d’authentification
device-unknown = Appareil inconnu
# Un appareil dans la liste des sessions, par exemple « Firefox 128 sous Linux ».
device-on = { $browser } sous { $os }

## Blocages : une phrase pour chaque facteur, avec le temps restant réel.

lockout = Trop de tentatives. Patientez { $wait }, puis réessayez.
wait-seconds = { $count ->
    [one] environ { $count } seconde
   *[other] environ { $count } secondes
}
wait-minutes = { $count ->
    [one] environ { $count } minute
   *[other] environ { $count } minutes
}
wait-hours = { $count ->
    [one] environ { $count } heure
   *[other] environ { $count } heures
}

## Page de connexion

login-title = Connexion
login-lead-app = pour accéder à { $app }
login-lead = avec votre compte { $product }
login-passkey-only = Cette application demande une clé d’accès. Connectez-vous avec votre clé d’accès pour continuer.
login-username = Nom d’utilisateur
login-password = Mot de passe
login-submit = Se connecter
login-passkey = Se connecter avec une clé d’accès
login-bad-credentials = Nom d’utilisateur ou mot de passe incorrect.
login-return-not-allowed = Cette adresse de retour n’est pas autorisée.
login-requires-passkey = Cette application exige une clé d’accès.
help-summary-login = Vous avez oublié votre mot de passe, ou perdu votre téléphone ou votre clé d’accès ?
help-summary-mfa = Vous avez perdu votre appareil et vos codes de récupération ?
help-ask-admin = Demandez un lien de récupération à votre administrateur : il vous permet de choisir un nouveau mot de passe et de configurer à nouveau votre connexion.
help-admin-contact = Votre administrateur :

## Deuxième étape

mfa-title = Deuxième étape
mfa-heading = Confirmez votre identité
mfa-lead = Connexion en tant que { $username } : plus qu’une étape.
mfa-use-passkey = Utiliser votre clé d’accès
mfa-code-label = Code de votre application d’authentification
mfa-verify = Vérifier
mfa-recovery-summary = Appareil perdu ? Utilisez un code de récupération
mfa-recovery-label = Code de récupération
mfa-recovery-submit = Utiliser le code de récupération
code-invalid = Ce code n’est pas valide.
code-invalid-retry = Ce code n’est pas valide. Réessayez.
code-not-digits = Un code ne contient que des chiffres : saisissez les 6 chiffres affichés par votre application.
code-wrong-length = { $count ->
    [one] Ce code contient { $count } chiffre ; ceux de votre application en ont 6. Saisissez les 6 chiffres que votre application affiche en ce moment.
   *[other] Ce code contient { $count } chiffres ; ceux de votre application en ont 6. Saisissez les 6 chiffres que votre application affiche en ce moment.
}
recovery-used-title = Code de récupération utilisé
recovery-used-message = { $count ->
    [one] Il vous reste { $count } code de récupération. S’il vous en reste peu, générez-en de nouveaux depuis la page de votre compte.
   *[other] Il vous reste { $count } codes de récupération. S’il vous en reste peu, générez-en de nouveaux depuis la page de votre compte.
}

## Autorisation

consent-title = Autoriser l’accès
consent-heading = Autoriser l’accès ?
consent-lead = { $app } souhaite vous connecter en tant que { $username } et voir :
consent-origin = L’application se trouve à l’adresse { $origin }. N’autorisez l’accès que si c’est bien l’adresse que vous vouliez consulter.
consent-allow = Autoriser
consent-deny = Refuser
consent-withdraw = Vous pouvez retirer cette autorisation à tout moment depuis la page de votre compte.
consent-not-you = Vous n’êtes pas { $username } ? Connectez-vous avec un autre compte
scope-openid = L’identifiant de votre compte
scope-profile = Votre nom et votre nom d’utilisateur
scope-email = Votre adresse e-mail
scope-groups = Les groupes dont vous faites partie
scope-offline-access = L’accès même en votre absence

## Configuration du second facteur

enroll-title = Configurer un second facteur
enroll-forced-heading = Protégez votre compte
enroll-forced-lead = Un second facteur est obligatoire. Configurez-en un pour continuer.
enroll-heading = Ajouter un second facteur
enroll-lead = Ajoutez une clé d’accès, ou configurez (ou remplacez) votre application d’authentification.
enroll-back = Retour à votre compte
enroll-enter-again = Saisir le code à nouveau
enroll-passkey = Clé d’accès
enroll-passkey-hint = Utilisez l’empreinte digitale, la reconnaissance faciale ou le verrouillage de l’écran de votre appareil, ou une clé de sécurité.
enroll-passkey-name = Nom de cette clé d’accès
enroll-passkey-create = Créer une clé d’accès
enroll-totp-phone = Sur votre téléphone ? Ouvrez directement l’application depuis cette page, ou copiez-y la clé de configuration.
enroll-totp-open = Ouvrir dans votre application d’authentification
enroll-totp-key = Ou saisissez cette clé de configuration dans l’application :
enroll-totp-copy = Copier la clé
enroll-totp-computer = Sur un ordinateur ? Scannez ce code avec une application comme Aegis, 2FAS, Google Authenticator ou 1Password.
enroll-totp-qr-alt = Code QR pour votre application d’authentification
enroll-totp-code = Saisissez le code à 6 chiffres pour confirmer
enroll-totp-submit = Confirmer et activer
enroll-code-invalid = Ce code n’est pas valide. Vérifiez l’application et réessayez.

## Codes de récupération

codes-heading = Enregistrez vos codes de récupération
codes-lead = Si vous perdez votre appareil, chaque code vous permet de vous connecter une fois. Ils ne sont affichés qu’une seule fois, maintenant.
codes-copy = Copier les codes
codes-download = Télécharger (.txt)
codes-print = Imprimer
codes-advice = Conservez-les en lieu sûr, par exemple dans un gestionnaire de mots de passe ou sur papier.
codes-saved = Je les ai enregistrés, continuer

## Lien d’inscription

enroll-link-title = Choisir votre mot de passe
enroll-link-heading = Bienvenue, { $username }
enroll-link-lead = Choisissez un mot de passe. Vous configurerez ensuite un second facteur.
enroll-link-repeat = Confirmer le mot de passe
enroll-link-invalid = Ce lien n’est pas valide, a expiré ou a déjà été utilisé. Demandez-en un nouveau à votre administrateur.

## Page du compte

account-title = Votre compte
account-signed-in-as = Session ouverte en tant que { $username }
account-nudge-passkey = En plus de votre mot de passe, vous n’avez qu’un seul moyen de confirmer votre identité. Ajoutez-en un autre (une clé d’accès) pour garder l’accès à votre compte même si vous perdez un appareil.
account-nudge-any = En plus de votre mot de passe, vous n’avez qu’un seul moyen de confirmer votre identité. Ajoutez-en un autre (une application d’authentification ou une deuxième clé d’accès) pour garder l’accès à votre compte même si vous perdez un appareil.
account-fresh-check = Pour modifier votre mot de passe ou vos méthodes de connexion, une nouvelle vérification est nécessaire.
account-confirm-link = Confirmez d’abord votre identité.
account-confirm-button = Confirmer votre identité
account-password = Mot de passe
account-current-password = Mot de passe actuel
account-new-password = Nouveau mot de passe
account-repeat-password = Confirmer le nouveau mot de passe
account-change-password = Changer le mot de passe
account-password-needs-check = Pour changer votre mot de passe, confirmez d’abord votre second facteur.
account-totp-on = Activée
account-totp-accepted = Les codes de votre application d’authentification sont acceptés.
account-totp-replace = Remplacer
account-totp-none = Non configurée.
account-totp-set-up = Configurer une application d’authentification
account-remove = Supprimer
account-passkeys = Clés d’accès
account-passkeys-none = Aucune clé d’accès pour l’instant.
account-col-name = Nom
account-col-used = Utilisation
account-col-actions = Actions
account-passkey-synced = synchronisée
account-passkey-added = ajoutée le
account-passkey-last-used = dernière utilisation :
account-passkey-never = jamais
account-passkey-new-name = Nouveau nom
account-passkey-rename = Renommer
account-passkey-add = Ajouter une clé d’accès
account-recovery = Codes de récupération
account-recovery-left = { $count ->
    [one] Il reste { $count } code inutilisé.
   *[other] Il reste { $count } codes inutilisés.
}
account-recovery-new = Générer de nouveaux codes
account-sessions = Appareils connectés
account-col-device = Appareil
account-col-signed-in = Connexion
account-col-last-active = Dernière activité
account-this-device = cet appareil
account-sign-out-this = Déconnecter cet appareil
account-sign-out-that = Déconnecter l’appareil
account-apps = Applications
account-apps-none = Aucune application n’a accès à votre compte.
account-col-app = Application
account-col-access = Accès
account-app-revoke = Révoquer
account-sign-out-here = Se déconnecter de { $product } sur cet appareil
account-wrong-current-password = Le mot de passe actuel est incorrect.
account-passwords-differ = Les mots de passe ne correspondent pas.
account-password-changed = Votre mot de passe a été modifié. Vos autres appareils ont été déconnectés.
account-last-factor = C’est le seul second facteur qui vous reste. Ajoutez-en un autre avant de le supprimer.
account-totp-removed = L’application d’authentification a été supprimée. Vos autres appareils ont été déconnectés.
account-passkey-needs-name = Une clé d’accès doit avoir un nom.
account-passkey-renamed = La clé d’accès a été renommée.
account-passkey-removed = La clé d’accès a été supprimée. Vos autres appareils ont été déconnectés.
account-session-signed-out = Cette session a été déconnectée.
account-app-revoked = L’accès de l’application a été révoqué.

## Étapes de confirmation

confirm-totp-title = Supprimer l’application d’authentification ?
confirm-totp-message = Les codes de votre application d’authentification ne permettront plus de vous connecter, et vos autres appareils seront déconnectés. Pour utiliser à nouveau une application, vous devrez la configurer depuis le début.
confirm-totp-button = Supprimer l’application d’authentification
confirm-passkey-title = Supprimer cette clé d’accès ?
confirm-passkey-message = La clé d’accès « { $name } » ne permettra plus de vous connecter, et vos autres appareils seront déconnectés.
confirm-passkey-button = Supprimer la clé d’accès
confirm-recovery-title = Générer de nouveaux codes de récupération ?
confirm-recovery-message = Vos codes de récupération actuels cessent immédiatement de fonctionner, y compris ceux que vous avez imprimés ou enregistrés. Vous ne verrez les nouveaux codes qu’une seule fois, sur la page suivante.
confirm-session-title = Déconnecter cette session ?
confirm-session-message-this = { $device } est l’appareil que vous utilisez en ce moment : il sera déconnecté.
confirm-session-message-that = { $device } sera déconnecté et devra se reconnecter.
confirm-session-button = Déconnecter la session
confirm-app-title = Révoquer l’accès de cette application ?
confirm-app-message = { $app } perdra l’accès à votre compte et vous redemandera votre autorisation la prochaine fois que vous vous y connecterez.
confirm-app-button = Révoquer l’accès

## Déconnexion

logout-title = Déconnexion
logout-heading = Se déconnecter ?
logout-lead-app = { $app } demande à vous déconnecter de { $product }.
logout-lead = Cela vous déconnectera de { $product } sur cet appareil.
logout-cancel = Annuler, rester connecté
signed-out-title = Déconnexion effectuée
signed-out-message = La déconnexion de { $product } est terminée.
signed-out-again = Se reconnecter

## Pages d’erreur

authorize-gone = Cette demande de connexion n’est plus en attente. Retournez dans l’application et reconnectez-vous.
error-to-account = Accéder à votre compte
error-details = Détails pour votre administrateur
error-bad-request = Cela n’a pas fonctionné
error-malformed-title = Ce lien ou ce formulaire est incomplet
error-malformed-message = { $product } n’a pas pu lire cette demande : une partie manque ou est mal formée, rien n’a donc été fait. Si vous avez suivi un lien, il a peut-être été tronqué : revenez en arrière et réessayez.
error-oauth-title = Ce lien de connexion ne fonctionne pas
error-oauth-message = L’application vous a envoyé ici avec une demande de connexion que { $product } ne peut pas accepter ; il ne peut donc pas vous renvoyer vers cette application. Retournez dans l’application et recommencez la connexion. Si le problème se reproduit, les paramètres de l’application dans { $product } doivent être corrigés : prévenez votre administrateur.
error-csrf-title = Cette page a expiré
error-csrf-message = Le formulaire est resté ouvert trop longtemps, ou il a été envoyé depuis une autre fenêtre ou un autre site ; rien n’a donc été modifié. Revenez en arrière, rechargez la page et réessayez.
error-not-found-title = Page introuvable
error-not-found-message = Il n’y a aucune page à cette adresse. Vérifiez le lien que vous avez suivi, ou accédez à votre compte.
error-busy-title = { $product } est surchargé
error-busy-message = Trop de connexions sont vérifiées en même temps ; la vôtre n’a donc pas été vérifiée. Réessayez dans un instant.
error-internal-title = Une erreur s’est produite
error-internal-message = { $product } n’a pas pu traiter cette demande. Réessayez dans un instant ; si le problème persiste, prévenez votre administrateur (le journal du serveur en indique la cause).

## Réponses liées aux clés d’accès (affichées par le script de la page)

passkey-session-expired = Votre session a expiré. Rechargez la page.
passkey-bad-request = Cette demande n’a pas pu être utilisée. Rechargez la page et réessayez.
passkey-not-found = Introuvable.
passkey-busy = Serveur occupé. Réessayez.
passkey-failed = La clé d’accès n’a pas pu être vérifiée.
passkey-confirm-first = Reconnectez-vous pour ajouter une clé d’accès, puis réessayez.
passkey-start-again = Recommencez.
passkey-not-registered = La clé d’accès n’a pas pu être enregistrée.
passkey-already = Cette clé d’accès est déjà enregistrée.
passkey-sign-in-first = Connectez-vous d’abord.
passkey-none = Vous n’avez aucune clé d’accès.

## Scripts des pages

js-copied = Copié.
js-copy-failed = Impossible de copier. Sélectionnez le texte et copiez-le manuellement.
js-show-password = Afficher le mot de passe
js-hide-password = Masquer le mot de passe
js-caps-lock = La touche Verr. Maj est activée.
# Les premières lignes du fichier de codes de récupération téléchargé.
js-codes-file = Codes de récupération { $product }. Chaque code vous permet de vous connecter une fois.
js-passkey-closed = La fenêtre de la clé d’accès a été fermée ou a expiré. Réessayez.
js-passkey-exists = Cet appareil contient déjà une clé d’accès pour votre compte. Utilisez-la pour vous connecter, ou ajoutez-en une sur un autre appareil.
js-passkey-failed = La clé d’accès n’a pas pu être utilisée. Réessayez, ou connectez-vous d’une autre manière.
js-passkey-unsupported = Ce navigateur ne prend pas en charge les clés d’accès.
js-passkey-name = Clé d’accès
js-request-failed = La demande a échoué. Réessayez.
js-went-wrong = Une erreur s’est produite. Réessayez.
language-unknown = Cette langue n’est pas disponible.
account-language-hint = La langue de ces pages, sur tous les appareils où vous vous connectez.
login-remember = { $count ->
    [one] Rester connecté sur cet appareil pendant { $count } jour
   *[other] Rester connecté sur cet appareil pendant { $count } jours
}
login-remember-hint = Uniquement sur un appareil qui vous appartient. Les autres appareils vous demanderont toujours votre mot de passe et votre second facteur.

## E-mail : tous les messages
email-greeting = Bonjour { $name },
email-footer = Ce message a été envoyé automatiquement par { $product } ({ $issuer }) ; les réponses ne sont pas lues.

## E-mail : `latchkey email test`
email-test-subject = { $product } : message de test
email-test-greeting = Bonjour,
email-test-body = Ceci est un message de test envoyé par { $product } ({ $issuer }). Si vous pouvez le lire, l’envoi des e-mails fonctionne.

## Page du compte : adresse e-mail
account-email = Adresse e-mail
account-email-verified = Vérifiée
account-email-unverified = Non vérifiée
account-email-pending = Un lien de confirmation a été envoyé à { $address }. Cette adresse deviendra la vôtre dès que vous aurez ouvert ce lien.
account-email-new = Adresse
account-email-hint = Nous envoyons un lien à cette adresse. Votre adresse ne change qu’une fois ce lien ouvert.
account-email-send = Envoyer le lien de confirmation
account-email-ask-admin = Pour changer votre adresse, adressez-vous à votre administrateur.
account-email-invalid = Ce n’est pas une adresse e-mail valide.
account-email-already = Cette adresse est déjà la vôtre, et elle est vérifiée.
account-email-unavailable = Ce serveur ne peut pas envoyer d’e-mails. Pour changer votre adresse, adressez-vous à votre administrateur.
account-email-sent = Nous avons envoyé un lien de confirmation à { $address }. Ouvrez-le pour en faire votre adresse.

## E-mail : confirmer une adresse
email-confirm-subject = Confirmez votre adresse e-mail pour { $product }
email-confirm-body = Quelqu’un (vous, espérons-le) a demandé à utiliser cette adresse pour le compte { $username } sur { $product }.
email-confirm-action = Confirmer cette adresse
email-confirm-ignore = Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : rien ne sera modifié.

## Page : confirmer une adresse (depuis le lien reçu par e-mail)
email-confirm-title = Confirmez votre adresse e-mail
email-confirm-lead = Utiliser { $address } comme adresse du compte { $username } ?
email-confirm-button = Confirmer l’adresse
email-confirm-invalid = Ce lien de confirmation n’est pas valide, a expiré ou a déjà été utilisé. Demandez-en un nouveau depuis la page de votre compte.
email-confirm-taken = Un autre compte utilise déjà cette adresse : elle ne peut donc pas être confirmée pour celui-ci. Adressez-vous à votre administrateur.
email-confirmed-title = Adresse confirmée
email-confirmed-body = { $address } est désormais l’adresse vérifiée de { $username }.
email-confirmed-continue = Accéder à votre compte

## E-mail : durée de validité d’un lien
link-expires-hours = { $count ->
    [one] Le lien n’est utilisable qu’une fois, pendant { $count } heure.
    [many] Le lien n’est utilisable qu’une fois, pendant { $count } d’heures.
   *[other] Le lien n’est utilisable qu’une fois, pendant { $count } heures.
}
link-expires-minutes = { $count ->
    [one] Le lien n’est utilisable qu’une fois, pendant { $count } minute.
    [many] Le lien n’est utilisable qu’une fois, pendant { $count } de minutes.
   *[other] Le lien n’est utilisable qu’une fois, pendant { $count } minutes.
}
link-expires-days = { $count ->
    [one] Le lien n’est utilisable qu’une fois, pendant { $count } jour.
    [many] Le lien n’est utilisable qu’une fois, pendant { $count } de jours.
   *[other] Le lien n’est utilisable qu’une fois, pendant { $count } jours.
}

## E-mail : une invitation
invite-email-subject = Invitation à rejoindre { $product }
invite-email-body = On vous invite à créer un compte sur { $product } ({ $issuer }). Vous choisirez votre mot de passe, puis configurerez un second moyen de connexion.
invite-email-action = Accepter l’invitation
invite-email-ignore = Si vous ne vous attendiez pas à cette invitation, ignorez ce message.

## Page : accepter une invitation
invite-title = Créer votre compte
invite-lead = Votre invitation a été envoyée à l’adresse { $address }. Choisissez comment vous vous connecterez.
invite-username-preset = Votre nom d’utilisateur est { $username }.
invite-username-hint = Jusqu’à 64 lettres, chiffres et caractères . _ @ -
invite-username-invalid = Un nom d’utilisateur comporte de 1 à 64 lettres, chiffres et caractères . _ @ -
invite-username-taken = Ce nom d’utilisateur est déjà pris. Choisissez-en un autre.
invite-submit = Créer le compte
invite-invalid = Ce lien d’invitation n’est pas valide, a expiré, a été révoqué ou a déjà été utilisé. Demandez-en un nouveau à la personne qui vous a invité.

## Page de connexion : mot de passe oublié
login-forgot = Mot de passe oublié ?

## Pages : réinitialisation du mot de passe
reset-title = Réinitialiser votre mot de passe
reset-lead = Saisissez votre nom d’utilisateur ou votre adresse e-mail. S’ils correspondent à un compte dont l’adresse est vérifiée, nous enverrons un lien à cette adresse.
reset-who = Nom d’utilisateur ou adresse e-mail
reset-send = Envoyer le lien de réinitialisation
reset-factor-note = Vous aurez aussi besoin de votre second facteur : un code de votre application d’authentification, une clé d’accès ou un code de récupération.
reset-sent = Consultez vos e-mails.
reset-sent-detail = { $count ->
    [one] Si le compte existe et que son adresse est vérifiée, un lien vient de lui être envoyé. Il reste valable { $count } minute.
    [many] Si le compte existe et que son adresse est vérifiée, un lien vient de lui être envoyé. Il reste valable { $count } de minutes.
   *[other] Si le compte existe et que son adresse est vérifiée, un lien vient de lui être envoyé. Il reste valable { $count } minutes.
}
reset-back = Retour à la connexion
reset-invalid = Ce lien de réinitialisation n’est pas valide, a expiré ou a déjà été utilisé. Demandez-en un nouveau depuis la page de connexion.
reset-factor-heading = Confirmez votre identité
reset-factor-lead = Pour choisir un nouveau mot de passe pour { $username }, utilisez l’un de vos seconds facteurs.
reset-no-factor = Ce compte n’a aucun second facteur : son mot de passe ne peut donc pas être réinitialisé par e-mail.
reset-factor-first = Confirmez d’abord votre identité avec votre second facteur.
reset-password-heading = Choisissez un nouveau mot de passe
reset-password-lead = Le nouveau mot de passe de { $username }. Toutes les autres sessions et les connexions des applications prendront fin.
reset-password-submit = Enregistrer le mot de passe
reset-done-title = Mot de passe modifié
reset-done-body = Votre mot de passe a été modifié et toutes les autres sessions ont été déconnectées. Connectez-vous avec le nouveau mot de passe.
reset-done-sign-in = Se connecter

## E-mail : réinitialisation du mot de passe
reset-email-subject = Réinitialisez votre mot de passe { $product }
reset-email-body = Quelqu’un (vous, espérons-le) a demandé la réinitialisation du mot de passe de { $username } sur { $product }.
reset-email-factor = Après avoir ouvert le lien, vous confirmerez votre identité avec votre second facteur (un code de votre application d’authentification, une clé d’accès ou un code de récupération), puis vous choisirez un nouveau mot de passe.
reset-email-action = Choisir un nouveau mot de passe
reset-email-ignore = Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : votre mot de passe reste inchangé.
reset-email-no-factor = Votre compte n’a aucun second facteur : son mot de passe ne peut donc pas être réinitialisé par e-mail. Demandez un lien de récupération à votre administrateur.

## Page du compte : notifications
account-notifications = Notifications de sécurité
account-notifications-hint = Nous vous envoyons un e-mail lorsque votre mot de passe, vos seconds facteurs ou vos codes de récupération changent. Ces messages sont toujours envoyés.
account-notifications-new-device = M’envoyer aussi un e-mail lorsque quelqu’un se connecte depuis un nouvel appareil
account-notifications-save = Enregistrer
account-notifications-saved = Vos paramètres de notification ont été enregistrés.

## E-mail : alertes de sécurité
notice-method-totp = une application d’authentification
notice-method-passkey = une clé d’accès
notice-when = Date : { $time }
notice-wasnt-me = Ce n’était pas moi : vérifier mon compte
notice-wasnt-me-hint = Si ce n’était pas vous, ouvrez la page de votre compte, déconnectez les sessions que vous ne reconnaissez pas et changez votre mot de passe.
notice-new-device-subject = Nouvelle connexion à { $product }
notice-new-device-body = Quelqu’un s’est connecté à votre compte depuis un nouvel appareil : { $device }, adresse { $address }.
notice-new-device-off = Vous pouvez désactiver ces messages pour les nouveaux appareils depuis la page de votre compte.
notice-factor-added-subject = Un second facteur a été ajouté à votre compte { $product }
notice-factor-added-body = Un second facteur a été ajouté à votre compte : { $method }.
notice-factor-removed-subject = Un second facteur a été supprimé de votre compte { $product }
notice-factor-removed-body = Un second facteur a été supprimé de votre compte : { $method }.
notice-password-subject = Le mot de passe de votre compte { $product } a été modifié
notice-password-body = Le mot de passe de votre compte a été modifié. Vos autres sessions ont été déconnectées.
notice-recovery-subject = Nouveaux codes de récupération pour votre compte { $product }
notice-recovery-body = De nouveaux codes de récupération ont été générés pour votre compte. Les anciens ne fonctionnent plus.
