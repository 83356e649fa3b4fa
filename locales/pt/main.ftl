# Textos das páginas do Latchkey, em português (do Brasil).
# Formato e como adicionar um idioma: CONTRIBUTING.md.
# Todas as mensagens podem usar { $product }, o nome do produto mostrado nas páginas.

## Comum

skip-to-content = Ir para o conteúdo
title-error-prefix = Erro:
divider-or = ou
continue = Continuar
cancel = Cancelar
switch-user = Entrar com outra conta
language-label = Idioma
language-change = Alterar
password-min-hint = { $count ->
    [one] Pelo menos { $count } caractere.
   *[other] Pelo menos { $count } caracteres.
}
password-too-short = { $count ->
    [one] A senha deve ter pelo menos { $count } caractere.
   *[other] A senha deve ter pelo menos { $count } caracteres.
}
password-too-long = { $count ->
    [one] A senha pode ter no máximo { $count } caractere.
   *[other] A senha pode ter no máximo { $count } caracteres.
}
totp-heading = App autenticador
device-unknown = Dispositivo desconhecido
# Um dispositivo na lista de sessões, como "Firefox 128 no Linux".
device-on = { $browser } no { $os }

## Bloqueios: uma frase para cada fator, com o tempo real restante.

lockout = Muitas tentativas. Aguarde { $wait } e tente novamente.
wait-seconds = { $count ->
    [one] cerca de { $count } segundo
   *[other] cerca de { $count } segundos
}
wait-minutes = { $count ->
    [one] cerca de { $count } minuto
   *[other] cerca de { $count } minutos
}
wait-hours = { $count ->
    [one] cerca de { $count } hora
   *[other] cerca de { $count } horas
}

## Página de login

login-title = Entrar
login-lead-app = para acessar { $app }
login-lead = com sua conta { $product }
login-passkey-only = Este app pede uma chave de acesso. Entre com sua chave de acesso para continuar.
login-username = Nome de usuário
login-password = Senha
login-submit = Entrar
login-passkey = Entrar com uma chave de acesso
login-bad-credentials = Nome de usuário ou senha incorretos.
login-return-not-allowed = Este endereço de retorno não é permitido.
login-requires-passkey = Este app exige uma chave de acesso.
help-summary-login = Esqueceu sua senha ou perdeu seu telefone ou sua chave de acesso?
help-summary-mfa = Perdeu seu dispositivo e seus códigos de recuperação?
help-ask-admin = Peça ao seu administrador um link de recuperação: com ele, você cria uma nova senha e configura de novo o acesso à sua conta.
help-admin-contact = Seu administrador:

## Segunda etapa

mfa-title = Segunda etapa
mfa-heading = Confirme que é você
mfa-lead = Você entrou como { $username }. Falta só mais uma etapa.
mfa-use-passkey = Usar sua chave de acesso
mfa-code-label = Código do app autenticador
mfa-verify = Verificar
mfa-recovery-summary = Perdeu seu dispositivo? Use um código de recuperação
mfa-recovery-label = Código de recuperação
mfa-recovery-submit = Usar código de recuperação
code-invalid = Esse código não é válido.
code-invalid-retry = Esse código não é válido. Tente novamente.
code-not-digits = Um código tem apenas números: insira os 6 dígitos que seu app mostra.
code-wrong-length = { $count ->
    [one] Esse código tem { $count } dígito; os códigos do seu app têm 6. Insira os 6 dígitos que seu app mostra agora.
   *[other] Esse código tem { $count } dígitos; os códigos do seu app têm 6. Insira os 6 dígitos que seu app mostra agora.
}
recovery-used-title = Código de recuperação usado
recovery-used-message = { $count ->
    [one] Códigos de recuperação restantes: { $count }. Se estiverem acabando, gere novos na página da sua conta.
   *[other] Restam { $count } códigos de recuperação. Se estiverem acabando, gere novos na página da sua conta.
}

## Consentimento

consent-title = Permitir acesso
consent-heading = Permitir acesso?
consent-lead = { $app } quer fazer seu login como { $username } e ver:
consent-origin = O app está em { $origin }. Permita somente se esse for o endereço que você queria acessar.
consent-allow = Permitir
consent-deny = Recusar
consent-withdraw = Você pode retirar essa permissão a qualquer momento na página da sua conta.
consent-not-you = Não é { $username }? Entre com outra conta
scope-openid = O identificador da sua conta
scope-profile = Seu nome e nome de usuário
scope-email = Seu endereço de e-mail
scope-groups = Os grupos dos quais você faz parte
scope-offline-access = Acesso mesmo quando sua sessão não estiver ativa

## Configuração do segundo fator

enroll-title = Configurar um segundo fator
enroll-forced-heading = Proteja sua conta
enroll-forced-lead = É necessário um segundo fator. Configure um para continuar.
enroll-heading = Adicionar um segundo fator
enroll-lead = Adicione uma chave de acesso ou configure (ou substitua) seu app autenticador.
enroll-back = Voltar para sua conta
enroll-enter-again = Inserir o código novamente
enroll-passkey = Chave de acesso
enroll-passkey-hint = Use a impressão digital, o reconhecimento facial ou o bloqueio de tela do seu dispositivo, ou uma chave de segurança.
enroll-passkey-name = Nome desta chave de acesso
enroll-passkey-create = Criar chave de acesso
enroll-totp-phone = Usando um telefone? Abra o app direto daqui ou copie a chave de configuração para ele.
enroll-totp-open = Abrir no app autenticador
enroll-totp-key = Ou insira esta chave de configuração no app:
enroll-totp-copy = Copiar chave
enroll-totp-computer = Usando um computador? Escaneie este código com um app como Aegis, 2FAS, Google Authenticator ou 1Password.
enroll-totp-qr-alt = Código QR para seu app autenticador
enroll-totp-code = Insira o código de 6 dígitos para confirmar
enroll-totp-submit = Confirmar e ativar
enroll-code-invalid = Esse código não é válido. Confira o app e tente novamente.

## Códigos de recuperação

codes-heading = Guarde seus códigos de recuperação
codes-lead = Se você perder seu dispositivo, cada código permite entrar uma vez. Eles só são mostrados agora.
codes-copy = Copiar códigos
codes-download = Baixar (.txt)
codes-print = Imprimir
codes-advice = Guarde-os em um lugar seguro, como um gerenciador de senhas ou em papel.
codes-saved = Já guardei, continuar

## Link de cadastro

enroll-link-title = Defina sua senha
enroll-link-heading = Boas-vindas, { $username }
enroll-link-lead = Escolha uma senha. Em seguida, você vai configurar um segundo fator.
enroll-link-repeat = Repita a senha
enroll-link-invalid = Este link é inválido, expirou ou já foi usado. Peça um novo ao seu administrador.

## Página da conta

account-title = Sua conta
account-signed-in-as = Você entrou como { $username }
account-nudge-passkey = Além da sua senha, você tem só uma forma de confirmar que é você. Adicione outra (uma chave de acesso) para não perder o acesso à conta se perder um dispositivo.
account-nudge-any = Além da sua senha, você tem só uma forma de confirmar que é você. Adicione outra (um app autenticador ou uma segunda chave de acesso) para não perder o acesso à conta se perder um dispositivo.
account-fresh-check = Para alterar sua senha ou suas formas de login, é preciso uma nova confirmação.
account-confirm-link = Primeiro, confirme que é você.
account-confirm-button = Confirmar que é você
account-password = Senha
account-current-password = Senha atual
account-new-password = Nova senha
account-repeat-password = Repita a nova senha
account-change-password = Alterar senha
account-password-needs-check = Para alterar sua senha, confirme primeiro seu segundo fator.
account-totp-on = Ativado
account-totp-accepted = Os códigos do seu app autenticador são aceitos.
account-totp-replace = Substituir
account-totp-none = Não configurado.
account-totp-set-up = Configurar app autenticador
account-remove = Remover
account-passkeys = Chaves de acesso
account-passkeys-none = Nenhuma chave de acesso ainda.
account-col-name = Nome
account-col-used = Uso
account-col-actions = Ações
account-passkey-synced = sincronizada
account-passkey-added = adicionada em
account-passkey-last-used = último uso:
account-passkey-never = nunca
account-passkey-new-name = Novo nome
account-passkey-rename = Renomear
account-passkey-add = Adicionar chave de acesso
account-recovery = Códigos de recuperação
account-recovery-left = { $count ->
    [one] Códigos não usados restantes: { $count }.
   *[other] Restam { $count } códigos não usados.
}
account-recovery-new = Gerar novos códigos
account-sessions = Dispositivos conectados
account-col-device = Dispositivo
account-col-signed-in = Entrou em
account-col-last-active = Última atividade
account-this-device = este dispositivo
account-sign-out-this = Desconectar este dispositivo
account-sign-out-that = Desconectar esse dispositivo
account-apps = Apps
account-apps-none = Nenhum app tem acesso.
account-col-app = App
account-col-access = Acesso
account-app-revoke = Revogar
account-sign-out-here = Sair da conta { $product } aqui
account-wrong-current-password = A senha atual não está correta.
account-passwords-differ = As senhas não coincidem.
account-password-changed = Sua senha foi alterada. Os outros dispositivos foram desconectados.
account-last-factor = Este é seu último segundo fator. Adicione outro antes de removê-lo.
account-totp-removed = O app autenticador foi removido. Os outros dispositivos foram desconectados.
account-passkey-needs-name = A chave de acesso precisa de um nome.
account-passkey-renamed = A chave de acesso foi renomeada.
account-passkey-removed = A chave de acesso foi removida. Os outros dispositivos foram desconectados.
account-session-signed-out = Essa sessão foi encerrada.
account-app-revoked = O acesso do app foi revogado.

## Etapas de confirmação

confirm-totp-title = Remover o app autenticador?
confirm-totp-message = Os códigos do seu app autenticador não vão mais permitir que você entre, e seus outros dispositivos serão desconectados. Para usar um app de novo, você terá que configurá-lo do zero.
confirm-totp-button = Remover app autenticador
confirm-passkey-title = Remover esta chave de acesso?
confirm-passkey-message = A chave de acesso “{ $name }” não vai mais permitir que você entre, e seus outros dispositivos serão desconectados.
confirm-passkey-button = Remover chave de acesso
confirm-recovery-title = Gerar novos códigos de recuperação?
confirm-recovery-message = Seus códigos de recuperação atuais param de funcionar imediatamente, inclusive os que você imprimiu ou guardou. Você verá os novos códigos só uma vez, na próxima página.
confirm-session-title = Encerrar esta sessão?
confirm-session-message-this = { $device } é o dispositivo que você está usando agora: você vai sair da sua conta aqui.
confirm-session-message-that = { $device } será desconectado e precisará entrar de novo.
confirm-session-button = Encerrar sessão
confirm-app-title = Revogar o acesso deste app?
confirm-app-message = { $app } perderá o acesso à sua conta e pedirá sua permissão de novo na próxima vez que você entrar nele.
confirm-app-button = Revogar acesso

## Sair

logout-title = Sair
logout-heading = Sair?
logout-lead-app = { $app } pede que você saia da sua conta { $product }.
logout-lead = Você vai sair da sua conta { $product } neste dispositivo.
logout-cancel = Cancelar, manter a sessão
signed-out-title = Você saiu
signed-out-message = Você saiu da sua conta { $product }.
signed-out-again = Entrar de novo

## Páginas de erro

authorize-gone = Este pedido de login não está mais pendente. Volte ao app e entre de novo.
error-to-account = Ir para sua conta
error-details = Detalhes para o seu administrador
error-bad-request = Não deu certo
error-malformed-title = Este link ou formulário está incompleto
error-malformed-message = { $product } não conseguiu ler este pedido: falta uma parte dele ou ela está malformada, então nada foi feito. Se você seguiu um link, ele pode ter sido cortado: volte e tente novamente.
error-oauth-title = Este link de login não funciona
error-oauth-message = O app enviou você para cá com um pedido de login que { $product } não pode aceitar, então não há como levar você de volta para esse app. Volte ao app e comece o login de novo. Se isso se repetir, a configuração do app em { $product } precisa ser corrigida: avise seu administrador.
error-csrf-title = Esta página expirou
error-csrf-message = O formulário ficou aberto por tempo demais ou foi enviado de outra janela ou site, então nada foi alterado. Volte, recarregue a página e tente novamente.
error-not-found-title = Página não encontrada
error-not-found-message = Não há nenhuma página neste endereço. Confira o link que você seguiu ou vá para sua conta.
error-busy-title = { $product } está ocupado
error-busy-message = Há muitos logins sendo verificados ao mesmo tempo, então o seu não foi verificado. Tente novamente em instantes.
error-internal-title = Algo deu errado
error-internal-message = { $product } não conseguiu concluir este pedido. Tente novamente em instantes. Se continuar acontecendo, avise seu administrador (o log do servidor mostra a causa).

## Respostas das chaves de acesso (mostradas pelo script da página)

passkey-session-expired = Sua sessão expirou. Recarregue a página.
passkey-bad-request = Não foi possível usar este pedido. Recarregue a página e tente novamente.
passkey-not-found = Não encontrado.
passkey-busy = Sistema ocupado. Tente novamente.
passkey-failed = Não foi possível verificar a chave de acesso.
passkey-confirm-first = Entre de novo para adicionar uma chave de acesso e tente mais uma vez.
passkey-start-again = Comece de novo.
passkey-not-registered = Não foi possível registrar a chave de acesso.
passkey-already = Esta chave de acesso já está registrada.
passkey-sign-in-first = Entre primeiro.
passkey-none = Você não tem nenhuma chave de acesso.

## Os scripts das páginas

js-copied = Copiado.
js-copy-failed = Não foi possível copiar. Selecione o texto e copie manualmente.
js-show-password = Mostrar senha
js-hide-password = Ocultar senha
js-caps-lock = O Caps Lock está ativado.
# As primeiras linhas do arquivo de códigos de recuperação baixado.
js-codes-file = { $product }: códigos de recuperação. Cada código permite entrar uma vez.
js-passkey-closed = A janela da chave de acesso foi fechada ou o tempo esgotou. Tente novamente.
js-passkey-exists = Este dispositivo já tem uma chave de acesso para sua conta. Use-a para entrar ou adicione uma em outro dispositivo.
js-passkey-failed = Não foi possível usar a chave de acesso. Tente novamente ou use outra forma de entrar.
js-passkey-unsupported = Este navegador não é compatível com chaves de acesso.
js-passkey-name = Chave de acesso
js-request-failed = O pedido falhou. Tente novamente.
js-went-wrong = Algo deu errado. Tente novamente.
language-unknown = Esse idioma não está disponível.
account-language-hint = O idioma destas páginas, em todos os dispositivos em que você entrar.
login-remember = { $count ->
    [one] Manter a sessão ativa neste dispositivo por { $count } dia
   *[other] Manter a sessão ativa neste dispositivo por { $count } dias
}
login-remember-hint = Só em um dispositivo que seja seu. Outros dispositivos continuam pedindo sua senha e seu segundo fator.

## E-mail: todas as mensagens
email-greeting = Olá, { $name },
email-footer = Esta mensagem foi enviada automaticamente por { $product } em { $issuer }; as respostas não são lidas.

## E-mail: `latchkey email test`
email-test-subject = { $product }: mensagem de teste
email-test-greeting = Olá,
email-test-body = Esta é uma mensagem de teste de { $product } em { $issuer }. Se você consegue lê-la, o envio de e-mails está funcionando.

## Página da conta: endereço de e-mail
account-email = Endereço de e-mail
account-email-verified = Verificado
account-email-unverified = Não verificado
account-email-pending = Um link de confirmação foi enviado para { $address }. Ele passa a ser seu endereço assim que você abrir esse link.
account-email-new = Endereço
account-email-hint = Enviaremos um link para este endereço. Seu endereço só muda depois que você abrir o link.
account-email-send = Enviar link de confirmação
account-email-ask-admin = Para alterar seu endereço, peça ao seu administrador.
account-email-invalid = Esse não é um endereço de e-mail válido.
account-email-already = Esse endereço já é seu e está verificado.
account-email-unavailable = Este servidor não pode enviar e-mails. Para alterar seu endereço, peça ao seu administrador.
account-email-sent = Enviamos um link de confirmação para { $address }. Abra-o para que ele passe a ser seu endereço.

## E-mail: confirmar um endereço
email-confirm-subject = { $product }: confirme seu endereço de e-mail
email-confirm-body = Alguém, provavelmente você, pediu para usar este endereço na conta { $username } em { $product }.
email-confirm-action = Confirmar este endereço
email-confirm-ignore = Se não foi você que pediu, ignore esta mensagem: nada será alterado.

## Página: confirmar um endereço (pelo link enviado por e-mail)
email-confirm-title = Confirme seu endereço de e-mail
email-confirm-lead = Usar { $address } como endereço da conta { $username }?
email-confirm-button = Confirmar endereço
email-confirm-invalid = Este link de confirmação é inválido, expirou ou já foi usado. Peça um novo na página da sua conta.
email-confirm-taken = Outra conta já usa este endereço, então ele não pode ser confirmado para esta. Fale com seu administrador.
email-confirmed-title = Endereço confirmado
email-confirmed-body = { $address } agora é o endereço verificado de { $username }.
email-confirmed-continue = Ir para sua conta

## E-mail: por quanto tempo um link funciona
link-expires-hours = { $count ->
    [one] O link só pode ser usado uma vez e vale por { $count } hora.
   *[other] O link só pode ser usado uma vez e vale por { $count } horas.
}
link-expires-minutes = { $count ->
    [one] O link só pode ser usado uma vez e vale por { $count } minuto.
   *[other] O link só pode ser usado uma vez e vale por { $count } minutos.
}
link-expires-days = { $count ->
    [one] O link só pode ser usado uma vez e vale por { $count } dia.
   *[other] O link só pode ser usado uma vez e vale por { $count } dias.
}

## E-mail: um convite
invite-email-subject = Você recebeu um convite para { $product }
invite-email-body = Você recebeu um convite para criar uma conta em { $product } ({ $issuer }). Você escolhe sua senha e, em seguida, configura uma segunda forma de entrar.
invite-email-action = Aceitar o convite
invite-email-ignore = Se você não esperava este convite, ignore esta mensagem.

## Página: aceitar um convite
invite-title = Crie sua conta
invite-lead = O convite foi enviado para o endereço { $address }. Escolha como você vai entrar.
invite-username-preset = Seu nome de usuário é { $username }.
invite-username-hint = Até 64 letras, números e os caracteres . _ @ -
invite-username-invalid = Um nome de usuário tem de 1 a 64 letras, números e os caracteres . _ @ -
invite-username-taken = Esse nome de usuário já está em uso. Escolha outro.
invite-submit = Criar conta
invite-invalid = Este link de convite é inválido, expirou, foi revogado ou já foi usado. Peça um novo a quem convidou você.

## Página de login: senha esquecida
login-forgot = Esqueceu sua senha?

## Páginas: redefinição de senha
reset-title = Redefina sua senha
reset-lead = Insira seu nome de usuário ou seu endereço de e-mail. Se ele pertencer a uma conta com endereço verificado, enviaremos um link para esse endereço.
reset-who = Nome de usuário ou endereço de e-mail
reset-send = Enviar link de redefinição
reset-factor-note = Você também vai precisar do seu segundo fator: um código do seu app autenticador, uma chave de acesso ou um código de recuperação.
reset-sent = Confira seu e-mail.
reset-sent-detail = { $count ->
    [one] Se a conta existir e tiver um endereço verificado, um link está a caminho. Ele vale por { $count } minuto.
   *[other] Se a conta existir e tiver um endereço verificado, um link está a caminho. Ele vale por { $count } minutos.
}
reset-back = Voltar para o login
reset-invalid = Este link de redefinição é inválido, expirou ou já foi usado. Peça um novo na página de login.
reset-factor-heading = Confirme que é você
reset-factor-lead = Para escolher uma nova senha para { $username }, use um dos seus segundos fatores.
reset-no-factor = Esta conta não tem segundo fator, então a senha dela não pode ser redefinida por e-mail.
reset-factor-first = Primeiro, confirme que é você com seu segundo fator.
reset-password-heading = Escolha uma nova senha
reset-password-lead = A nova senha de { $username }. Todas as outras sessões e logins em apps serão encerrados.
reset-password-submit = Definir senha
reset-done-title = Senha alterada
reset-done-body = Sua senha foi alterada e todas as outras sessões foram encerradas. Entre com a nova senha.
reset-done-sign-in = Entrar

## E-mail: redefinição de senha
reset-email-subject = Redefina a senha da sua conta { $product }
reset-email-body = Alguém, provavelmente você, pediu para redefinir a senha de { $username } em { $product }.
reset-email-factor = Depois de abrir o link, você confirma que é você com seu segundo fator (um código do app autenticador, uma chave de acesso ou um código de recuperação) e, em seguida, escolhe uma nova senha.
reset-email-action = Escolher uma nova senha
reset-email-ignore = Se não foi você que pediu, ignore esta mensagem: sua senha continua a mesma.
reset-email-no-factor = Sua conta não tem segundo fator, então a senha dela não pode ser redefinida por e-mail. Peça ao seu administrador um link de recuperação.

## Página da conta: notificações
account-notifications = Notificações de segurança
account-notifications-hint = Enviamos um e-mail para você quando sua senha, seus segundos fatores ou seus códigos de recuperação mudam. Essas mensagens são sempre enviadas.
account-notifications-new-device = Também me avisar por e-mail quando alguém entrar de um dispositivo novo
account-notifications-save = Salvar
account-notifications-saved = Suas configurações de notificação foram salvas.

## E-mail: avisos de segurança
notice-method-totp = um app autenticador
notice-method-passkey = uma chave de acesso
notice-when = Quando: { $time }
notice-wasnt-me = Não fui eu: revisar minha conta
notice-wasnt-me-hint = Se não foi você, abra a página da sua conta, encerre as sessões que você não reconhece e altere sua senha.
notice-new-device-subject = Novo login na sua conta { $product }
notice-new-device-body = Alguém entrou na sua conta de um dispositivo novo: { $device }, endereço { $address }.
notice-new-device-off = Você pode desativar esses avisos de dispositivos novos na página da sua conta.
notice-factor-added-subject = Um segundo fator foi adicionado à sua conta { $product }
notice-factor-added-body = Um segundo fator foi adicionado à sua conta: { $method }.
notice-factor-removed-subject = Um segundo fator foi removido da sua conta { $product }
notice-factor-removed-body = Um segundo fator foi removido da sua conta: { $method }.
notice-password-subject = A senha da sua conta { $product } foi alterada
notice-password-body = A senha da sua conta foi alterada. Suas outras sessões foram encerradas.
notice-recovery-subject = Novos códigos de recuperação para sua conta { $product }
notice-recovery-body = Novos códigos de recuperação foram gerados para sua conta. Os antigos não funcionam mais.
