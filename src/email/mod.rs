//! Email over SMTP (issue 15): address confirmations, invitations, reset
//! links and security notices.
//!
//! The server never sends while a request waits: a page puts the message
//! in the [`Outbox`], a bounded queue that a background task drains, with
//! retries. The CLI, which has no background, sends at once
//! ([`Mailer::send_now`]) and reports the server's answer.

pub mod letter;
pub mod notices;
mod outbox;

use std::time::Duration;

use lettre::message::{Mailbox, MultiPart};
use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
use lettre::transport::smtp::{AsyncSmtpTransport, authentication::Credentials};
use lettre::{AsyncTransport, Message, Tokio1Executor};

pub use letter::{Letter, Rendered};
pub use outbox::Outbox;

use crate::config::{ConfigError, EmailConfig, EmailTls};

/// A message ready to go, with what the audit trail says of it.
#[derive(Clone, Debug)]
pub struct Outgoing {
    pub to: String,
    /// The account it concerns, for the audit trail.
    pub user: Option<String>,
    /// What it is (`test`, `confirm_address`, …), for logs and the audit trail.
    pub kind: &'static str,
    pub message: Message,
}

#[derive(Debug, thiserror::Error)]
pub enum SendError {
    #[error("`{0}` is not an email address")]
    Address(String),
    #[error("cannot build the message: {0}")]
    Build(String),
    /// The server said no for good (5xx): retrying would not help.
    #[error("the server refused: {0}")]
    Permanent(String),
    /// A 4xx answer, a timeout or a lost connection: worth another try.
    #[error("{0}")]
    Transient(String),
}

impl SendError {
    pub fn is_permanent(&self) -> bool {
        !matches!(self, SendError::Transient(_))
    }
}

pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    timeout: Duration,
    pub attempts: u32,
    pub retry: Duration,
    /// `host:port`, for messages to the administrator.
    pub server: String,
}

impl Mailer {
    pub fn new(c: &EmailConfig) -> Result<Self, ConfigError> {
        let host = c.host.trim().trim_start_matches('[').trim_end_matches(']');
        let tls_parameters = || -> Result<TlsParameters, ConfigError> {
            let mut b = TlsParameters::builder(host.to_string());
            if let Some(path) = &c.ca_certificates {
                let pem = std::fs::read(path).map_err(|e| {
                    ConfigError(format!(
                        "key `email.ca_certificates`: cannot read {}: {e}",
                        path.display()
                    ))
                })?;
                let cert = Certificate::from_pem(&pem).map_err(|e| {
                    ConfigError(format!(
                        "key `email.ca_certificates`: {} is not a PEM certificate: {e}",
                        path.display()
                    ))
                })?;
                b = b.add_root_certificate(cert);
            }
            b.build()
                .map_err(|e| ConfigError(format!("key `email`: cannot set up TLS: {e}")))
        };
        let tls = match c.tls {
            // Required, never opportunistic: a STARTTLS that an attacker can
            // strip would hand them every reset link.
            EmailTls::Starttls => Tls::Required(tls_parameters()?),
            EmailTls::Tls => Tls::Wrapper(tls_parameters()?),
            EmailTls::None => Tls::None,
        };
        let timeout = Duration::from_secs(c.timeout_seconds);
        let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host)
            .port(c.port())
            .tls(tls)
            .timeout(Some(timeout));
        if let (Some(user), Some(password)) = (&c.username, c.password()?) {
            builder = builder.credentials(Credentials::new(user.clone(), password.0));
        }
        let from = c
            .from
            .parse::<Mailbox>()
            .map_err(|e| ConfigError(format!("key `email.from`: {e}")))?;
        Ok(Self {
            transport: builder.build(),
            from,
            timeout,
            attempts: c.attempts,
            retry: Duration::from_secs(c.retry_seconds),
            server: format!("{}:{}", c.host, c.port()),
        })
    }

    /// A multipart (plain text and HTML) message from the configured sender.
    pub fn message(
        &self,
        to: &str,
        kind: &'static str,
        user: Option<&str>,
        letter: &Rendered,
    ) -> Result<Outgoing, SendError> {
        let mailbox: Mailbox = to.parse().map_err(|_| SendError::Address(to.to_string()))?;
        let message = Message::builder()
            .from(self.from.clone())
            .to(mailbox)
            .subject(letter.subject.clone())
            // RFC 3834: an automatic message; no vacation replies to it.
            .header(AutoSubmitted)
            .multipart(MultiPart::alternative_plain_html(
                letter.text.clone(),
                letter.html.clone(),
            ))
            .map_err(|e| SendError::Build(e.to_string()))?;
        Ok(Outgoing {
            to: to.to_string(),
            user: user.map(str::to_string),
            kind,
            message,
        })
    }

    /// One attempt, now. Returns the server's answer (`250 …`).
    pub async fn send_now(&self, message: &Message) -> Result<String, SendError> {
        // lettre's timeout applies to each command; this bounds the whole
        // conversation (greeting, TLS, AUTH, MAIL, RCPT, DATA, QUIT).
        let whole = self.timeout * 8;
        match tokio::time::timeout(whole, self.transport.send(message.clone())).await {
            Err(_) => Err(SendError::Transient(format!(
                "no answer from {} within {} seconds",
                self.server,
                whole.as_secs()
            ))),
            Ok(Ok(response)) => {
                let text: Vec<&str> = response.message().collect();
                Ok(format!("{} {}", response.code(), text.join(" ")))
            }
            Ok(Err(e)) => Err(describe(&self.server, &e)),
        }
    }
}

/// lettre's error, phrased for an administrator, and sorted into "try
/// again" and "give up".
fn describe(server: &str, e: &lettre::transport::smtp::Error) -> SendError {
    // lettre's message repeats its sources; an answer from the server is
    // itself the message, anything else is best told by its root cause.
    let mut root: &dyn std::error::Error = e;
    while let Some(s) = root.source() {
        root = s;
    }
    let text = if let Some(code) = e.status() {
        format!("{code} {e}")
    } else if e.is_response() {
        e.to_string()
    } else {
        root.to_string()
    };
    if e.is_permanent() {
        SendError::Permanent(text)
    } else if e.is_timeout() {
        SendError::Transient(format!("{server} did not answer in time ({text})"))
    } else if e.is_tls() {
        // A certificate that does not verify stays wrong on a retry.
        SendError::Permanent(format!("TLS with {server} failed: {text}"))
    } else {
        SendError::Transient(text)
    }
}

/// `Auto-Submitted: auto-generated` (RFC 3834).
#[derive(Clone)]
struct AutoSubmitted;

impl lettre::message::header::Header for AutoSubmitted {
    fn name() -> lettre::message::header::HeaderName {
        lettre::message::header::HeaderName::new_from_ascii_str("Auto-Submitted")
    }
    fn parse(_: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(AutoSubmitted)
    }
    fn display(&self) -> lettre::message::header::HeaderValue {
        lettre::message::header::HeaderValue::new(Self::name(), "auto-generated".into())
    }
}
