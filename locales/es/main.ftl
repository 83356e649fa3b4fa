# Los textos de las páginas de Latchkey, en español (de España y de América, con vocabulario neutro).
# Formato y cómo añadir un idioma: CONTRIBUTING.md.
# Cada mensaje puede usar { $product }, el nombre del producto que muestran las páginas.

## Común

skip-to-content = Ir al contenido
title-error-prefix = Error:
divider-or = o
continue = Continuar
cancel = Cancelar
switch-user = Iniciar sesión con otra cuenta
language-label = Idioma
language-change = Cambiar
password-min-hint = { $count ->
    [one] Al menos { $count } carácter.
   *[other] Al menos { $count } caracteres.
}
password-too-short = { $count ->
    [one] La contraseña debe tener al menos { $count } carácter.
   *[other] La contraseña debe tener al menos { $count } caracteres.
}
password-too-long = { $count ->
    [one] La contraseña debe tener como máximo { $count } carácter.
   *[other] La contraseña debe tener como máximo { $count } caracteres.
}
totp-heading = App de autenticación
device-unknown = Dispositivo desconocido
# Un dispositivo de la lista de sesiones, como «Firefox 128 en Linux».
device-on = { $browser } en { $os }

## Bloqueos: una sola frase para todos los factores, con el tiempo real que queda.

lockout = Demasiados intentos. Espera { $wait } y vuelve a intentarlo.
wait-seconds = { $count ->
    [one] aproximadamente { $count } segundo
   *[other] unos { $count } segundos
}
wait-minutes = { $count ->
    [one] aproximadamente { $count } minuto
   *[other] unos { $count } minutos
}
wait-hours = { $count ->
    [one] aproximadamente { $count } hora
   *[other] unas { $count } horas
}

## Página de inicio de sesión

login-title = Iniciar sesión
login-lead-app = para continuar en { $app }
login-lead = con tu cuenta de { $product }
login-passkey-only = Esta aplicación pide una llave de acceso. Inicia sesión con tu llave de acceso para continuar.
login-username = Nombre de usuario
login-password = Contraseña
login-submit = Iniciar sesión
login-passkey = Iniciar sesión con una llave de acceso
login-bad-credentials = El nombre de usuario o la contraseña no son correctos.
login-return-not-allowed = Esta dirección de retorno no está permitida.
login-requires-passkey = Esta aplicación requiere una llave de acceso.
help-summary-login = ¿Has olvidado tu contraseña o has perdido tu teléfono o tu llave de acceso?
help-summary-mfa = ¿Has perdido tu dispositivo y tus códigos de recuperación?
help-ask-admin = Pide a tu administrador un enlace de recuperación: con él podrás elegir una contraseña nueva y volver a configurar tu inicio de sesión.
help-admin-contact = Tu administrador:

## Segundo paso

mfa-title = Segundo paso
mfa-heading = Confirma que eres tú
mfa-lead = Has iniciado sesión como { $username }. Solo falta un paso.
mfa-use-passkey = Usar tu llave de acceso
mfa-code-label = Código de tu app de autenticación
mfa-verify = Verificar
mfa-recovery-summary = ¿Has perdido tu dispositivo? Usa un código de recuperación
mfa-recovery-label = Código de recuperación
mfa-recovery-submit = Usar código de recuperación
code-invalid = Ese código no es válido.
code-invalid-retry = Ese código no es válido. Vuelve a intentarlo.
code-not-digits = Un código solo tiene números: escribe los 6 dígitos que muestra tu app.
code-wrong-length = { $count ->
    [one] Ese código tiene { $count } dígito; los códigos de tu app tienen 6. Escribe los 6 dígitos que muestra tu app ahora.
   *[other] Ese código tiene { $count } dígitos; los códigos de tu app tienen 6. Escribe los 6 dígitos que muestra tu app ahora.
}
recovery-used-title = Código de recuperación usado
recovery-used-message = { $count ->
    [one] Te queda { $count } código de recuperación. Genera códigos nuevos desde la página de tu cuenta si te quedan pocos.
   *[other] Te quedan { $count } códigos de recuperación. Genera códigos nuevos desde la página de tu cuenta si te quedan pocos.
}

## Consentimiento

consent-title = Permitir el acceso
consent-heading = ¿Permitir el acceso?
consent-lead = { $app } quiere iniciar sesión con tu cuenta { $username } y ver:
consent-origin = La app está en { $origin }. Permítelo solo si es la dirección que querías visitar.
consent-allow = Permitir
consent-deny = Denegar
consent-withdraw = Puedes retirar este permiso cuando quieras desde la página de tu cuenta.
consent-not-you = ¿No eres { $username }? Inicia sesión con otra cuenta
scope-openid = El identificador de tu cuenta
scope-profile = Tu nombre y tu nombre de usuario
scope-email = Tu dirección de correo electrónico
scope-groups = Los grupos a los que perteneces
scope-offline-access = Acceso aunque no tengas la sesión iniciada

## Configuración del segundo factor

enroll-title = Configurar un segundo factor
enroll-forced-heading = Protege tu cuenta
enroll-forced-lead = Se necesita un segundo factor. Configura uno para continuar.
enroll-heading = Añadir un segundo factor
enroll-lead = Añade una llave de acceso o configura (o reemplaza) tu app de autenticación.
enroll-back = Volver a tu cuenta
enroll-enter-again = Escribe el código otra vez
enroll-passkey = Llave de acceso
enroll-passkey-hint = Usa la huella digital, el reconocimiento facial o el bloqueo de pantalla de tu dispositivo, o una llave de seguridad.
enroll-passkey-name = Nombre de esta llave de acceso
enroll-passkey-create = Crear una llave de acceso
enroll-totp-phone = ¿Estás en este teléfono? Abre la app directamente desde aquí o copia la clave en ella.
enroll-totp-open = Abrir en tu app de autenticación
enroll-totp-key = O escribe esta clave en la app:
enroll-totp-copy = Copiar clave
enroll-totp-computer = ¿No estás en tu teléfono? Escanea este código con una app como Aegis, 2FAS, Google Authenticator o 1Password.
enroll-totp-qr-alt = Código QR para tu app de autenticación
enroll-totp-code = Escribe el código de 6 dígitos para confirmar
enroll-totp-submit = Confirmar y activar
enroll-code-invalid = Ese código no es válido. Revisa la app y vuelve a intentarlo.

## Códigos de recuperación

codes-heading = Guarda tus códigos de recuperación
codes-lead = Si pierdes tu dispositivo, cada código te permite iniciar sesión una vez. Solo se muestran ahora.
codes-copy = Copiar códigos
codes-download = Descargar (.txt)
codes-print = Imprimir
codes-advice = Guárdalos en un lugar seguro, como un gestor de contraseñas o en papel.
codes-saved = Ya están guardados, continuar

## Enlace de configuración

enroll-link-title = Elige tu contraseña
enroll-link-heading = Te damos la bienvenida, { $username }
enroll-link-lead = Elige una contraseña. Después, configurarás un segundo factor.
enroll-link-repeat = Repite la contraseña
enroll-link-invalid = Este enlace no es válido, ha caducado o ya se ha usado. Pide uno nuevo a tu administrador.

## Página de la cuenta

account-title = Tu cuenta
account-signed-in-as = Has iniciado sesión como { $username }
account-nudge-passkey = Además de tu contraseña, solo tienes una forma de confirmar que eres tú. Añade otra (una llave de acceso) para no quedarte sin acceso si pierdes un dispositivo.
account-nudge-any = Además de tu contraseña, solo tienes una forma de confirmar que eres tú. Añade otra (una app de autenticación o una segunda llave de acceso) para no quedarte sin acceso si pierdes un dispositivo.
account-fresh-check = Para cambiar tu contraseña o tus métodos de inicio de sesión, tienes que volver a verificar tu identidad.
account-confirm-link = Primero, confirma que eres tú.
account-confirm-button = Confirmar que eres tú
account-password = Contraseña
account-current-password = Contraseña actual
account-new-password = Contraseña nueva
account-repeat-password = Repite la contraseña nueva
account-change-password = Cambiar contraseña
account-password-needs-check = Para cambiar tu contraseña, primero confirma tu segundo factor.
account-totp-on = Activada
account-totp-accepted = Se aceptan los códigos de tu app de autenticación.
account-totp-replace = Reemplazar
account-totp-none = Sin configurar.
account-totp-set-up = Configurar una app de autenticación
account-remove = Quitar
account-passkeys = Llaves de acceso
account-passkeys-none = Todavía no tienes llaves de acceso.
account-col-name = Nombre
account-col-used = Uso
account-col-actions = Acciones
account-passkey-synced = sincronizada
account-passkey-added = añadida:
account-passkey-last-used = último uso:
account-passkey-never = nunca
account-passkey-new-name = Nombre nuevo
account-passkey-rename = Cambiar nombre
account-passkey-add = Añadir una llave de acceso
account-recovery = Códigos de recuperación
account-recovery-left = { $count ->
    [one] Te queda { $count } código sin usar.
   *[other] Te quedan { $count } códigos sin usar.
}
account-recovery-new = Generar códigos nuevos
account-sessions = Dónde has iniciado sesión
account-col-device = Dispositivo
account-col-signed-in = Inicio de sesión
account-col-last-active = Última actividad
account-this-device = este dispositivo
account-sign-out-this = Cerrar sesión en este dispositivo
account-sign-out-that = Cerrar sesión en ese dispositivo
account-apps = Aplicaciones
account-apps-none = Ninguna aplicación tiene acceso.
account-col-app = Aplicación
account-col-access = Acceso
account-app-revoke = Revocar
account-sign-out-here = Cerrar sesión de { $product } aquí
account-wrong-current-password = La contraseña actual no es correcta.
account-passwords-differ = Las contraseñas no coinciden.
account-password-changed = Se ha cambiado tu contraseña. Se ha cerrado la sesión en tus otros dispositivos.
account-last-factor = Es tu último segundo factor. Añade otro antes de quitarlo.
account-totp-removed = Se ha quitado la app de autenticación. Se ha cerrado la sesión en tus otros dispositivos.
account-passkey-needs-name = La llave de acceso necesita un nombre.
account-passkey-renamed = Se ha cambiado el nombre de la llave de acceso.
account-passkey-removed = Se ha quitado la llave de acceso. Se ha cerrado la sesión en tus otros dispositivos.
account-session-signed-out = Se ha cerrado esa sesión.
account-app-revoked = Se ha revocado el acceso de la aplicación.

## Pasos de confirmación

confirm-totp-title = ¿Quitar la app de autenticación?
confirm-totp-message = Los códigos de tu app de autenticación ya no te permitirán iniciar sesión y se cerrará la sesión en tus otros dispositivos. Para volver a usar una app, tendrás que configurarla desde el principio.
confirm-totp-button = Quitar la app de autenticación
confirm-passkey-title = ¿Quitar esta llave de acceso?
confirm-passkey-message = La llave de acceso «{ $name }» ya no te permitirá iniciar sesión y se cerrará la sesión en tus otros dispositivos.
confirm-passkey-button = Quitar la llave de acceso
confirm-recovery-title = ¿Generar códigos de recuperación nuevos?
confirm-recovery-message = Tus códigos de recuperación actuales dejarán de funcionar de inmediato, también los que hayas impreso o guardado. Verás los códigos nuevos una sola vez, en la página siguiente.
confirm-session-title = ¿Cerrar esta sesión?
confirm-session-message-this = { $device } es el dispositivo que estás usando ahora: se cerrará tu sesión aquí.
confirm-session-message-that = Se cerrará la sesión en { $device } y habrá que volver a iniciarla.
confirm-session-button = Cerrar la sesión
confirm-app-title = ¿Revocar el acceso de esta aplicación?
confirm-app-message = { $app } perderá el acceso a tu cuenta y volverá a pedirte permiso la próxima vez que inicies sesión en ella.
confirm-app-button = Revocar el acceso

## Cerrar sesión

logout-title = Cerrar sesión
logout-heading = ¿Cerrar sesión?
logout-lead-app = { $app } pide cerrar tu sesión de { $product }.
logout-lead = Se cerrará tu sesión de { $product } en este dispositivo.
logout-cancel = Cancelar y mantener la sesión
signed-out-title = Sesión cerrada
signed-out-message = Has cerrado la sesión de { $product }.
signed-out-again = Volver a iniciar sesión

## Páginas de error

authorize-gone = Esta solicitud de inicio de sesión ya no está pendiente. Vuelve a la aplicación e inicia sesión de nuevo.
error-to-account = Ir a tu cuenta
error-details = Detalles para tu administrador
error-bad-request = Esto no ha funcionado
error-malformed-title = Este enlace o formulario está incompleto
error-malformed-message = { $product } no ha podido leer esta solicitud: falta una parte o no tiene el formato correcto, así que no se ha hecho nada. Si has seguido un enlace, puede que esté incompleto: vuelve atrás e inténtalo de nuevo.
error-oauth-title = Este enlace de inicio de sesión no funciona
error-oauth-message = La aplicación te ha enviado aquí con una solicitud de inicio de sesión que { $product } no puede aceptar, así que no puede devolverte a esa aplicación. Vuelve a la aplicación e inicia sesión de nuevo; si vuelve a pasar, hay que corregir su configuración en { $product }: avisa a tu administrador.
error-csrf-title = Esta página ha caducado
error-csrf-message = El formulario ha estado abierto demasiado tiempo o se ha enviado desde otra ventana u otro sitio, así que no se ha cambiado nada. Vuelve atrás, recarga la página e inténtalo de nuevo.
error-not-found-title = No se ha encontrado la página
error-not-found-message = No hay ninguna página en esta dirección. Revisa el enlace que has seguido o ve a tu cuenta.
error-busy-title = { $product } está ocupado
error-busy-message = Se están comprobando demasiados inicios de sesión a la vez, así que el tuyo no se ha comprobado. Vuelve a intentarlo en un momento.
error-internal-title = Algo ha salido mal
error-internal-message = { $product } no ha podido completar esta solicitud. Vuelve a intentarlo en un momento; si sigue pasando, avisa a tu administrador (el registro del servidor indica la causa).

## Respuestas sobre llaves de acceso (las muestra el script de la página)

passkey-session-expired = Tu sesión ha caducado. Recarga la página.
passkey-bad-request = No se ha podido usar esta solicitud. Recarga la página e inténtalo de nuevo.
passkey-not-found = No se ha encontrado.
passkey-busy = Ocupado. Vuelve a intentarlo.
passkey-failed = No se ha podido verificar la llave de acceso.
passkey-confirm-first = Vuelve a iniciar sesión para añadir una llave de acceso y luego inténtalo otra vez.
passkey-start-again = Empieza de nuevo.
passkey-not-registered = No se ha podido registrar la llave de acceso.
passkey-already = Esta llave de acceso ya está registrada.
passkey-sign-in-first = Primero, inicia sesión.
passkey-none = No tienes ninguna llave de acceso.

## Los scripts de las páginas

js-copied = Copiado.
js-copy-failed = No se ha podido copiar. Selecciona el texto y cópialo a mano.
js-show-password = Mostrar contraseña
js-hide-password = Ocultar contraseña
js-caps-lock = Bloq Mayús está activado.
# Las primeras líneas del archivo descargado con los códigos de recuperación.
js-codes-file = Códigos de recuperación de { $product }. Cada código te permite iniciar sesión una vez.
js-passkey-closed = Se ha cerrado la ventana de la llave de acceso o se ha agotado el tiempo. Vuelve a intentarlo.
js-passkey-exists = Este dispositivo ya tiene una llave de acceso para tu cuenta. Úsala para iniciar sesión o añade una en otro dispositivo.
js-passkey-failed = No se ha podido usar la llave de acceso. Vuelve a intentarlo o inicia sesión de otra forma.
js-passkey-unsupported = Este navegador no admite llaves de acceso.
js-passkey-name = Llave de acceso
js-request-failed = La solicitud ha fallado. Vuelve a intentarlo.
js-went-wrong = Algo ha salido mal. Vuelve a intentarlo.
language-unknown = Ese idioma no está disponible.
account-language-hint = El idioma de estas páginas en todos los dispositivos en los que inicies sesión.
login-remember = { $count ->
    [one] Mantener la sesión iniciada en este dispositivo durante { $count } día
   *[other] Mantener la sesión iniciada en este dispositivo durante { $count } días
}
login-remember-hint = Solo en un dispositivo que sea tuyo. Los demás dispositivos seguirán pidiendo tu contraseña y tu segundo factor.

## Correo: todos los mensajes
email-greeting = Hola, { $name }:
email-footer = { $product } en { $issuer } ha enviado este mensaje automáticamente; las respuestas no se leen.

## Correo: `latchkey email test`
email-test-subject = { $product }: mensaje de prueba
email-test-greeting = Hola:
email-test-body = Este es un mensaje de prueba de { $product } en { $issuer }. Si puedes leerlo, el envío de correo funciona.

## Página de la cuenta: dirección de correo electrónico
account-email = Dirección de correo electrónico
account-email-verified = Verificada
account-email-unverified = Sin verificar
account-email-pending = Se ha enviado un enlace de confirmación a { $address }. Pasará a ser tu dirección cuando abras ese enlace.
account-email-new = Dirección
account-email-hint = Enviaremos un enlace a esta dirección. Tu dirección solo cambiará cuando lo abras.
account-email-send = Enviar enlace de confirmación
account-email-ask-admin = Para cambiar tu dirección, pídeselo a tu administrador.
account-email-invalid = Esa no es una dirección de correo electrónico.
account-email-already = Esa dirección ya es la tuya y está verificada.
account-email-unavailable = Este servidor no puede enviar correos. Para cambiar tu dirección, pídeselo a tu administrador.
account-email-sent = Hemos enviado un enlace de confirmación a { $address }. Ábrelo para que pase a ser tu dirección.

## Correo: confirmar una dirección
email-confirm-subject = Confirma tu dirección de correo electrónico para { $product }
email-confirm-body = Alguien (esperamos que tú) ha pedido usar esta dirección para la cuenta { $username } en { $product }.
email-confirm-action = Confirmar esta dirección
email-confirm-ignore = Si no lo has pedido tú, ignora este mensaje: no cambiará nada.

## Página: confirmar una dirección (desde el enlace del correo)
email-confirm-title = Confirma tu dirección de correo electrónico
email-confirm-lead = ¿Usar { $address } como dirección de la cuenta { $username }?
email-confirm-button = Confirmar dirección
email-confirm-invalid = Este enlace de confirmación no es válido, ha caducado o ya se ha usado. Pide uno nuevo desde la página de tu cuenta.
email-confirm-taken = Otra cuenta ya usa esta dirección, así que no se puede confirmar para esta. Consúltalo con tu administrador.
email-confirmed-title = Dirección confirmada
email-confirmed-body = { $address } es ahora la dirección verificada de { $username }.
email-confirmed-continue = Ir a tu cuenta

## Correo: cuánto tiempo funciona un enlace
link-expires-hours = { $count ->
    [one] El enlace solo se puede usar una vez y caduca en { $count } hora.
    [many] El enlace solo se puede usar una vez y caduca en { $count } de horas.
   *[other] El enlace solo se puede usar una vez y caduca en { $count } horas.
}
link-expires-minutes = { $count ->
    [one] El enlace solo se puede usar una vez y caduca en { $count } minuto.
    [many] El enlace solo se puede usar una vez y caduca en { $count } de minutos.
   *[other] El enlace solo se puede usar una vez y caduca en { $count } minutos.
}
link-expires-days = { $count ->
    [one] El enlace solo se puede usar una vez y caduca en { $count } día.
    [many] El enlace solo se puede usar una vez y caduca en { $count } de días.
   *[other] El enlace solo se puede usar una vez y caduca en { $count } días.
}

## Correo: una invitación
invite-email-subject = Te han invitado a { $product }
invite-email-body = Te han invitado a crear una cuenta en { $product } ({ $issuer }). Elegirás tu contraseña y después configurarás una segunda forma de iniciar sesión.
invite-email-action = Aceptar la invitación
invite-email-ignore = Si no esperabas esta invitación, ignora este mensaje.

## Página: aceptar una invitación
invite-title = Crea tu cuenta
invite-lead = Te han invitado con la dirección { $address }. Elige cómo vas a iniciar sesión.
invite-username-preset = Tu nombre de usuario es { $username }.
invite-username-hint = Hasta 64 letras, dígitos y los caracteres . _ @ -
invite-username-invalid = El nombre de usuario debe tener de 1 a 64 letras, dígitos y los caracteres . _ @ -
invite-username-taken = Ese nombre de usuario ya está en uso. Elige otro.
invite-submit = Crear cuenta
invite-invalid = Este enlace de invitación no es válido, ha caducado, se ha revocado o ya se ha usado. Pide uno nuevo a quien te invitó.

## Página de inicio de sesión: contraseña olvidada
login-forgot = ¿Has olvidado tu contraseña?

## Páginas: restablecer la contraseña
reset-title = Restablece tu contraseña
reset-lead = Escribe tu nombre de usuario o tu dirección de correo electrónico. Si pertenece a una cuenta con una dirección verificada, enviaremos un enlace a esa dirección.
reset-who = Nombre de usuario o dirección de correo electrónico
reset-send = Enviar enlace
reset-factor-note = También necesitarás tu segundo factor: un código de tu app de autenticación, una llave de acceso o un código de recuperación.
reset-sent = Revisa tu correo.
reset-sent-detail = { $count ->
    [one] Si la cuenta existe y tiene una dirección verificada, recibirás un enlace en breve. Caduca en { $count } minuto.
    [many] Si la cuenta existe y tiene una dirección verificada, recibirás un enlace en breve. Caduca en { $count } de minutos.
   *[other] Si la cuenta existe y tiene una dirección verificada, recibirás un enlace en breve. Caduca en { $count } minutos.
}
reset-back = Volver al inicio de sesión
reset-invalid = Este enlace para restablecer la contraseña no es válido, ha caducado o ya se ha usado. Pide uno nuevo en la página de inicio de sesión.
reset-factor-heading = Confirma que eres tú
reset-factor-lead = Para elegir una contraseña nueva para { $username }, usa uno de tus segundos factores.
reset-no-factor = Esta cuenta no tiene ningún segundo factor, así que su contraseña no se puede restablecer por correo.
reset-factor-first = Primero, confirma que eres tú con tu segundo factor.
reset-password-heading = Elige una contraseña nueva
reset-password-lead = La contraseña nueva para { $username }. Se cerrarán todas las demás sesiones, también en las aplicaciones.
reset-password-submit = Establecer contraseña
reset-done-title = Contraseña cambiada
reset-done-body = Se ha cambiado tu contraseña y se han cerrado todas las demás sesiones. Inicia sesión con la contraseña nueva.
reset-done-sign-in = Iniciar sesión

## Correo: restablecer la contraseña
reset-email-subject = Restablece tu contraseña de { $product }
reset-email-body = Alguien (esperamos que tú) ha pedido restablecer la contraseña de { $username } en { $product }.
reset-email-factor = Después de abrir el enlace, confirmarás que eres tú con tu segundo factor (un código de tu app de autenticación, una llave de acceso o un código de recuperación) y luego elegirás una contraseña nueva.
reset-email-action = Elegir una contraseña nueva
reset-email-ignore = Si no lo has pedido tú, ignora este mensaje: tu contraseña seguirá siendo la misma.
reset-email-no-factor = Tu cuenta no tiene ningún segundo factor, así que su contraseña no se puede restablecer por correo. Pide a tu administrador un enlace de recuperación.

## Página de la cuenta: notificaciones
account-notifications = Notificaciones de seguridad
account-notifications-hint = Te enviamos un correo cuando cambian tu contraseña, tus segundos factores o tus códigos de recuperación. Esos mensajes se envían siempre.
account-notifications-new-device = Enviarme también un correo cuando alguien inicie sesión desde un dispositivo nuevo
account-notifications-save = Guardar
account-notifications-saved = Se ha guardado tu configuración de notificaciones.

## Correo: avisos de seguridad
notice-method-totp = una app de autenticación
notice-method-passkey = una llave de acceso
notice-when = Fecha y hora: { $time }
notice-wasnt-me = No he sido yo: revisar mi cuenta
notice-wasnt-me-hint = Si no has sido tú, abre la página de tu cuenta, cierra las sesiones que no reconozcas y cambia tu contraseña.
notice-new-device-subject = Nuevo inicio de sesión en { $product }
notice-new-device-body = Alguien ha iniciado sesión en tu cuenta desde un dispositivo nuevo: { $device }, desde la dirección { $address }.
notice-new-device-off = Puedes desactivar estos avisos de dispositivos nuevos en la página de tu cuenta.
notice-factor-added-subject = Se ha añadido un segundo factor a tu cuenta de { $product }
notice-factor-added-body = Se ha añadido un segundo factor a tu cuenta: { $method }.
notice-factor-removed-subject = Se ha quitado un segundo factor de tu cuenta de { $product }
notice-factor-removed-body = Se ha quitado un segundo factor de tu cuenta: { $method }.
notice-password-subject = Se ha cambiado tu contraseña de { $product }
notice-password-body = Se ha cambiado la contraseña de tu cuenta. Se han cerrado tus otras sesiones.
notice-recovery-subject = Nuevos códigos de recuperación para tu cuenta de { $product }
notice-recovery-body = Se han generado códigos de recuperación nuevos para tu cuenta. Los anteriores ya no funcionan.
