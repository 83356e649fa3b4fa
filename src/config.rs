//! Configuration: defaults, then a TOML file (`--config` or `LATCHKEY_CONFIG`),
//! then `LATCHKEY_*` environment variables (`__` separates nested keys), then
//! `LATCHKEY_*_FILE` variables whose file content becomes the value.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use serde::{Deserialize, Serialize};
use url::Url;

const ENV_PREFIX: &str = "LATCHKEY_";

/// Whether a second factor is required.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MfaPolicy {
    /// Every login needs a second factor; users without one must enroll.
    Required,
    /// Users who enrolled a factor must use it; others may log in with a password.
    Optional,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    #[serde(alias = "TEXT", alias = "Text")]
    Text,
    #[serde(alias = "JSON", alias = "Json")]
    Json,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// The issuer URL, used byte for byte as `iss` and in discovery.
    pub issuer: String,
    /// Address the HTTP server listens on.
    pub listen: SocketAddr,
    /// A SQLite database file (the default), or a `postgres://` URL for
    /// several instances over one database.
    pub database: Database,
    /// PostgreSQL only: connections each instance may open.
    pub database_max_connections: u32,
    /// Serve `/metrics` on this address (a private one, e.g. 127.0.0.1:9090).
    pub metrics_listen: Option<SocketAddr>,
    /// Also serve `/metrics` on the main (public) listener. Off by default:
    /// the counters describe logins and traffic, which outsiders need not see.
    pub metrics_public: bool,
    pub mfa: MfaPolicy,
    pub log_format: LogFormat,
    pub tokens: TokenConfig,
    pub session: SessionConfig,
    pub password: PasswordPolicy,
    pub webauthn: WebauthnConfig,
    /// Reverse proxies whose X-Forwarded-For / Forwarded headers are
    /// trusted for the client address (addresses or CIDR blocks).
    pub trusted_proxies: Vec<String>,
    /// Access rules for forward auth; first match wins, default deny.
    pub forward_auth: ForwardAuthConfig,
    /// Key that seals signing keys and TOTP secrets in the database. When
    /// unset, it is read from (or generated into) `secret.key` beside the
    /// database.
    pub secret_key: Option<SecretString>,
    /// Earlier secret keys, still accepted for reading during a rotation.
    pub previous_secret_keys: Vec<SecretString>,
    /// How users reach the administrator (an email address, a phone
    /// number, "the IT desk"), shown beside the sign-in pages' way out for
    /// a forgotten password or a lost second factor.
    pub admin_contact: Option<String>,
    /// The page language when neither the user's choice nor the browser's
    /// `Accept-Language` names a shipped one (`en`, `de`, `fr`, …).
    pub default_language: String,
    pub branding: BrandingConfig,
    /// SMTP for invitations, password resets, address confirmations and
    /// security notices. Without it the CLI prints links instead.
    pub email: Option<EmailConfig>,
}

/// How the connection to the SMTP server is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EmailTls {
    /// Plain connection upgraded with STARTTLS, which is required (port 587).
    Starttls,
    /// TLS from the first byte (port 465).
    Tls,
    /// No encryption: only for a relay on this machine.
    None,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EmailConfig {
    pub host: String,
    /// Defaults to 587 (starttls), 465 (tls) or 25 (none).
    #[serde(default)]
    pub port: Option<u16>,
    #[serde(default)]
    pub username: Option<String>,
    #[serde(default)]
    pub password: Option<SecretString>,
    /// A file holding the password (instead of `password`).
    #[serde(default)]
    pub password_file: Option<PathBuf>,
    /// The sender, `id@example.com` or `Example ID <id@example.com>`.
    pub from: String,
    #[serde(default = "default_email_tls")]
    pub tls: EmailTls,
    /// A PEM file of certificate authorities to trust besides the system's
    /// (a private CA).
    #[serde(default)]
    pub ca_certificates: Option<PathBuf>,
    /// Seconds one SMTP command may take before the attempt is abandoned.
    #[serde(default = "default_email_timeout")]
    pub timeout_seconds: u64,
    /// Attempts per message before it is given up (and audited).
    #[serde(default = "default_email_attempts")]
    pub attempts: u32,
    /// Wait before the first retry; each later one waits twice as long.
    #[serde(default = "default_email_retry")]
    pub retry_seconds: u64,
}

fn default_email_tls() -> EmailTls {
    EmailTls::Starttls
}
fn default_email_timeout() -> u64 {
    15
}
fn default_email_attempts() -> u32 {
    5
}
fn default_email_retry() -> u64 {
    30
}

impl EmailConfig {
    pub fn port(&self) -> u16 {
        self.port.unwrap_or(match self.tls {
            EmailTls::Starttls => 587,
            EmailTls::Tls => 465,
            EmailTls::None => 25,
        })
    }

    /// The password, read from `password_file` when that is set.
    pub fn password(&self) -> Result<Option<SecretString>, ConfigError> {
        match (&self.password, &self.password_file) {
            (Some(_), Some(_)) => Err(ConfigError(
                "key `email.password`: give password or password_file, not both".into(),
            )),
            (Some(p), None) => Ok(Some(p.clone())),
            (None, Some(path)) => std::fs::read_to_string(path)
                .map(|p| Some(SecretString(p.trim_end_matches(['\n', '\r']).to_string())))
                .map_err(|e| {
                    ConfigError(format!(
                        "key `email.password_file`: cannot read {}: {e}",
                        path.display()
                    ))
                }),
            (None, None) => Ok(None),
        }
    }

    fn validate(&self) -> Result<(), ConfigError> {
        let host = self.host.trim();
        if host.is_empty() || host.contains(['/', ' ', ':']) && !host.starts_with('[') {
            return Err(ConfigError(
                "key `email.host`: a host name or address, without scheme or port".into(),
            ));
        }
        if self.from.parse::<lettre::message::Mailbox>().is_err() {
            return Err(ConfigError(format!(
                "key `email.from`: `{}` is not an address (id@example.com or \"Name <id@example.com>\")",
                self.from
            )));
        }
        let password = self.password()?;
        if self.username.is_some() != password.is_some() {
            return Err(ConfigError(
                "key `email.username`: give both username and password (or password_file), or neither".into(),
            ));
        }
        let loopback = matches!(host, "localhost" | "127.0.0.1" | "::1" | "[::1]");
        if self.tls == EmailTls::None && self.username.is_some() && !loopback {
            // The password and every reset link would cross the network in clear.
            return Err(ConfigError(
                "key `email.tls`: \"none\" with a password is only allowed to a relay on this machine; use \"starttls\" or \"tls\"".into(),
            ));
        }
        if let Some(ca) = self.ca_certificates.as_ref().filter(|ca| !ca.is_file()) {
            return Err(ConfigError(format!(
                "key `email.ca_certificates`: {} does not exist",
                ca.display()
            )));
        }
        if !(1..=300).contains(&self.timeout_seconds) {
            return Err(ConfigError(
                "key `email.timeout_seconds`: from 1 to 300".into(),
            ));
        }
        if !(1..=20).contains(&self.attempts) {
            return Err(ConfigError("key `email.attempts`: from 1 to 20".into()));
        }
        if self.retry_seconds > 3600 {
            return Err(ConfigError(
                "key `email.retry_seconds`: at most 3600".into(),
            ));
        }
        Ok(())
    }
}

/// What the pages show as the product: a name, a logo, a favicon and an
/// accent colour. The defaults are Latchkey's own.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct BrandingConfig {
    pub name: String,
    /// An SVG, PNG, JPEG or WebP file shown beside the name.
    pub logo: Option<PathBuf>,
    /// An SVG, PNG or ICO file.
    pub favicon: Option<PathBuf>,
    /// `#rrggbb`: the primary buttons' colour. It must keep their white
    /// text readable (WCAG AA, 4.5:1).
    pub accent: Option<String>,
}

impl BrandingConfig {
    fn validate(&self) -> Result<(), ConfigError> {
        let n = self.name.trim().chars().count();
        if n == 0 || n > 40 || self.name.chars().any(char::is_control) {
            return Err(ConfigError(
                "key `branding.name`: 1 to 40 characters, on one line".into(),
            ));
        }
        if let Some(accent) = &self.accent {
            let Some(rgb) = crate::web::branding::parse_hex(accent) else {
                return Err(ConfigError(format!(
                    "key `branding.accent`: `{accent}` is not a colour; write it as #rrggbb"
                )));
            };
            let ratio = crate::web::branding::contrast(rgb, [255, 255, 255]);
            if ratio < crate::web::branding::MIN_CONTRAST {
                return Err(ConfigError(format!(
                    "key `branding.accent`: white button text on {accent} has a contrast of {ratio:.2}:1; \
                     WCAG AA needs at least {}:1, so pick a darker colour",
                    crate::web::branding::MIN_CONTRAST
                )));
            }
        }
        for (key, path) in [("logo", &self.logo), ("favicon", &self.favicon)] {
            let Some(path) = path else { continue };
            if crate::web::branding::image_type(path).is_none() {
                return Err(ConfigError(format!(
                    "key `branding.{key}`: {} is not an .svg, .png, .jpg, .webp or .ico file",
                    path.display()
                )));
            }
            if !path.is_file() {
                return Err(ConfigError(format!(
                    "key `branding.{key}`: {} does not exist",
                    path.display()
                )));
            }
        }
        Ok(())
    }
}

impl Default for BrandingConfig {
    fn default() -> Self {
        Self {
            name: "Latchkey".into(),
            logo: None,
            favicon: None,
            accent: None,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ForwardAuthConfig {
    pub rules: Vec<crate::forward_auth::AccessRule>,
    /// How long a looked-up session may answer forward-auth checks from
    /// memory. Changes made in this process apply at once; changes from the
    /// CLI (disable, groups) apply within this time. 0 turns the cache off.
    pub cache_seconds: u64,
}

impl Default for ForwardAuthConfig {
    fn default() -> Self {
        Self {
            rules: Vec::new(),
            cache_seconds: 5,
        }
    }
}

/// Where the data lives. A value starting with `postgres://` or
/// `postgresql://` is a PostgreSQL URL (its password stays out of `Debug`
/// and `config show`); anything else is a SQLite file's path.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "String", into = "String")]
pub enum Database {
    Sqlite(PathBuf),
    Postgres(SecretString),
}

impl From<String> for Database {
    fn from(s: String) -> Self {
        let lower = s.to_ascii_lowercase();
        if lower.starts_with("postgres://") || lower.starts_with("postgresql://") {
            Database::Postgres(SecretString(s))
        } else {
            Database::Sqlite(PathBuf::from(s))
        }
    }
}

impl From<Database> for String {
    fn from(d: Database) -> Self {
        match d {
            Database::Sqlite(p) => p.to_string_lossy().into_owned(),
            Database::Postgres(url) => url.0,
        }
    }
}

impl Database {
    /// The SQLite file, when the database is one.
    pub fn sqlite_path(&self) -> Option<&Path> {
        match self {
            Database::Sqlite(p) => Some(p),
            Database::Postgres(_) => None,
        }
    }

    /// Whether a PostgreSQL URL carries a password (in the user part or a
    /// `password=` parameter); an unparsable URL might.
    pub fn has_password(&self) -> bool {
        match self {
            Database::Sqlite(_) => false,
            Database::Postgres(url) => Url::parse(&url.0).map_or(true, |u| {
                u.password().is_some()
                    || u.query_pairs()
                        .any(|(k, _)| k.eq_ignore_ascii_case("password"))
            }),
        }
    }

    /// For people: the path, or the URL with any password replaced.
    pub fn describe(&self) -> String {
        match self {
            Database::Sqlite(p) => p.display().to_string(),
            Database::Postgres(url) => redact_url(&url.0),
        }
    }
}

/// The URL without its password (in the user part or a `password=`
/// parameter); an unparsable URL is hidden whole.
fn redact_url(raw: &str) -> String {
    let Ok(mut url) = Url::parse(raw) else {
        return "postgres://[unparsable URL, redacted]".into();
    };
    if url.password().is_some() {
        let _ = url.set_password(Some("[redacted]"));
    }
    let pairs: Vec<(String, String)> = url
        .query_pairs()
        .map(|(k, v)| {
            let v = if k.eq_ignore_ascii_case("password") {
                "[redacted]".to_string()
            } else {
                v.into_owned()
            };
            (k.into_owned(), v)
        })
        .collect();
    if !pairs.is_empty() {
        url.query_pairs_mut().clear().extend_pairs(pairs);
    }
    url.to_string()
}

impl std::fmt::Debug for Database {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.describe())
    }
}

/// A string that never shows in logs or `Debug` output.
#[derive(Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(transparent)]
pub struct SecretString(pub String);

impl std::fmt::Debug for SecretString {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("[redacted]")
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct TokenConfig {
    /// Authorization code lifetime; at most 60 s.
    pub code_seconds: i64,
    pub access_token_seconds: i64,
    pub id_token_seconds: i64,
    pub refresh_token_seconds: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SessionConfig {
    /// A session ends after this long without a request.
    pub idle_minutes: i64,
    /// A session ends this long after login, however active.
    pub absolute_hours: i64,
    /// Cookie `Secure` flag; defaults to true whenever the issuer is https.
    pub cookie_secure: Option<bool>,
    /// Cookie `Domain`, to share the login across subdomains.
    pub cookie_domain: Option<String>,
    /// "Remember this device" on the sign-in page keeps a login this many
    /// days, whatever the idle and absolute limits; 0 removes the option.
    pub remember_days: i64,
}

/// The times that decide whether a login still counts.
#[derive(Debug, Clone, Copy)]
pub struct LoginTimes {
    pub created_at: i64,
    pub last_seen_at: i64,
    pub remembered_until: Option<i64>,
}

impl SessionConfig {
    /// A login counts while within the idle and absolute limits; a
    /// remembered one, once both factors are done (`complete`), until its
    /// own end instead. A half-done remembered login keeps the short limits:
    /// a password alone is never kept for weeks.
    pub fn login_alive(&self, t: LoginTimes, complete: bool, now: i64) -> bool {
        match t.remembered_until {
            Some(until) if complete => now <= until,
            _ => {
                t.created_at + self.absolute_hours * 3600 >= now
                    && t.last_seen_at + self.idle_minutes * 60 >= now
            }
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PasswordPolicy {
    pub min_length: usize,
    pub max_length: usize,
    /// argon2id memory in KiB (OWASP minimum: 19456).
    pub argon2_memory_kib: u32,
    /// argon2id iterations (OWASP minimum with 19 MiB: 2).
    pub argon2_iterations: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
pub struct WebauthnConfig {
    /// Relying-party id; defaults to the issuer's host.
    pub rp_id: Option<String>,
    /// Allowed origin; defaults to the issuer's origin.
    pub origin: Option<String>,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            issuer: "http://localhost:8080".into(),
            listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
            database: Database::Sqlite(PathBuf::from("data/latchkey.sqlite")),
            database_max_connections: 8,
            metrics_listen: None,
            metrics_public: false,
            mfa: MfaPolicy::Required,
            log_format: LogFormat::Text,
            tokens: TokenConfig::default(),
            session: SessionConfig::default(),
            password: PasswordPolicy::default(),
            webauthn: WebauthnConfig::default(),
            trusted_proxies: Vec::new(),
            forward_auth: ForwardAuthConfig::default(),
            secret_key: None,
            previous_secret_keys: Vec::new(),
            admin_contact: None,
            default_language: "en".into(),
            branding: BrandingConfig::default(),
            email: None,
        }
    }
}

impl Default for TokenConfig {
    fn default() -> Self {
        Self {
            code_seconds: 60,
            access_token_seconds: 600,
            id_token_seconds: 600,
            refresh_token_seconds: 30 * 24 * 3600,
        }
    }
}

impl Default for SessionConfig {
    fn default() -> Self {
        Self {
            idle_minutes: 60,
            absolute_hours: 12,
            cookie_secure: None,
            cookie_domain: None,
            remember_days: 30,
        }
    }
}

impl Default for PasswordPolicy {
    fn default() -> Self {
        Self {
            min_length: 10,
            max_length: 256,
            argon2_memory_kib: 19456,
            argon2_iterations: 2,
        }
    }
}

/// A configuration problem, phrased for one line of output.
#[derive(Debug, thiserror::Error)]
#[error("invalid configuration: {0}")]
pub struct ConfigError(pub String);

impl Config {
    /// The configured default page language.
    pub fn default_lang(&self) -> crate::i18n::Lang {
        crate::i18n::Lang::parse(&self.default_language).unwrap_or(crate::i18n::Lang::ENGLISH)
    }

    /// Loads the layered configuration. `file` overrides `LATCHKEY_CONFIG`.
    pub fn load(file: Option<&Path>) -> Result<Self, ConfigError> {
        let file = file
            .map(Path::to_path_buf)
            .or_else(|| std::env::var_os("LATCHKEY_CONFIG").map(PathBuf::from));
        let mut figment = Figment::from(Serialized::defaults(Config::default()));
        if let Some(path) = &file {
            if !path.is_file() {
                return Err(ConfigError(format!(
                    "config file {} does not exist",
                    path.display()
                )));
            }
            figment = figment.merge(Toml::file(path));
        }
        figment = figment.merge(Env::prefixed(ENV_PREFIX).split("__").filter(|k| {
            let k = k.as_str().to_ascii_lowercase();
            !matches!(k.as_str(), "config" | "log") && !k.ends_with("_file")
        }));
        for (key, value) in file_secrets()? {
            figment = figment.merge((key, value));
        }
        let config: Config = figment
            .extract()
            .map_err(|e| ConfigError(describe_figment_error(&e)))?;
        config.validate()?;
        Ok(config)
    }

    /// Checks what serde cannot: URLs, bounds and policy minimums.
    pub fn validate(&self) -> Result<(), ConfigError> {
        let issuer = self.issuer_url()?;
        if issuer.query().is_some() || issuer.fragment().is_some() {
            // OIDC Discovery 3: the issuer has no query or fragment.
            return Err(ConfigError(
                "key `issuer`: must not have a query or fragment".into(),
            ));
        }
        if let Database::Postgres(url) = &self.database {
            if self.secret_key.is_none() {
                // Each instance would make its own key and open none of the
                // others' sealed values.
                return Err(ConfigError(
                    "key `secret_key`: required with a PostgreSQL database, the same on every instance \
                     (set secret_key or LATCHKEY_SECRET_KEY_FILE; `openssl rand -base64 48` makes one)"
                        .into(),
                ));
            }
            if Url::parse(&url.0).is_err() {
                return Err(ConfigError(
                    "key `database`: not a valid postgres:// URL".into(),
                ));
            }
            if !(1..=1000).contains(&self.database_max_connections) {
                return Err(ConfigError(
                    "key `database_max_connections`: must be between 1 and 1000".into(),
                ));
            }
        }
        let t = &self.tokens;
        if !(1..=60).contains(&t.code_seconds) {
            return Err(ConfigError(
                "key `tokens.code_seconds`: must be between 1 and 60".into(),
            ));
        }
        for (key, v) in [
            ("tokens.access_token_seconds", t.access_token_seconds),
            ("tokens.id_token_seconds", t.id_token_seconds),
            ("tokens.refresh_token_seconds", t.refresh_token_seconds),
            ("session.idle_minutes", self.session.idle_minutes),
            ("session.absolute_hours", self.session.absolute_hours),
        ] {
            if v <= 0 {
                return Err(ConfigError(format!("key `{key}`: must be positive")));
            }
        }
        let p = &self.password;
        if p.min_length < 8 || p.max_length < p.min_length || p.max_length > 4096 {
            return Err(ConfigError(
                "key `password.min_length`: must be at least 8 and not above password.max_length (at most 4096)".into(),
            ));
        }
        if p.argon2_memory_kib < 19456 || p.argon2_iterations < 2 {
            return Err(ConfigError(
                "key `password.argon2_memory_kib`: argon2id needs at least 19456 KiB and 2 iterations (OWASP)".into(),
            ));
        }
        if self.session.cookie_secure == Some(false) && issuer.scheme() == "https" {
            return Err(ConfigError(
                "key `session.cookie_secure`: cannot be false when the issuer is https".into(),
            ));
        }
        if self
            .secret_key
            .as_ref()
            .is_some_and(|k| k.0.trim().len() < 32)
        {
            return Err(ConfigError(
                "key `secret_key`: must be at least 32 characters of random data".into(),
            ));
        }
        if self
            .admin_contact
            .as_ref()
            .is_some_and(|c| c.chars().count() > 200 || c.chars().any(char::is_control))
        {
            return Err(ConfigError(
                "key `admin_contact`: at most 200 characters, on one line".into(),
            ));
        }
        if crate::i18n::Lang::parse(&self.default_language)
            .is_none_or(|l| l.code() != self.default_language)
        {
            let shipped: Vec<&str> = crate::i18n::SHIPPED.iter().map(|(c, _)| *c).collect();
            return Err(ConfigError(format!(
                "key `default_language`: `{}` is not a shipped language; use one of {}",
                self.default_language,
                shipped.join(", ")
            )));
        }
        self.branding.validate()?;
        if let Some(email) = &self.email {
            email.validate()?;
        }
        if !(0..=400).contains(&self.session.remember_days) {
            return Err(ConfigError(
                "key `session.remember_days`: from 0 (no \"remember this device\") to 400 days"
                    .into(),
            ));
        }
        for p in &self.trusted_proxies {
            if crate::web::client_ip::parse_cidr(p).is_none() {
                return Err(ConfigError(format!(
                    "key `trusted_proxies`: `{p}` is not an IP address or CIDR block"
                )));
            }
        }
        if issuer.path() != "/" {
            return Err(ConfigError(
                "key `issuer`: must not have a path or a trailing slash (serve Latchkey at the root of its own host)".into(),
            ));
        }
        if self.issuer.ends_with('/') {
            return Err(ConfigError(
                "key `issuer`: must not end with a slash (it is compared byte for byte)".into(),
            ));
        }
        for (i, rule) in self.forward_auth.rules.iter().enumerate() {
            if rule.host.is_empty()
                || rule.host.contains(['/', ' ', ':'])
                || !rule.path.starts_with('/')
            {
                return Err(ConfigError(format!(
                    "key `forward_auth.rules[{i}]`: host must be a host name (or *.domain) and path must start with /"
                )));
            }
        }
        if let Some(origin) = &self.webauthn.origin {
            Url::parse(origin)
                .map_err(|e| ConfigError(format!("key `webauthn.origin`: not a URL ({e})")))?;
        }
        Ok(())
    }

    pub fn issuer_url(&self) -> Result<Url, ConfigError> {
        let url = Url::parse(&self.issuer)
            .map_err(|e| ConfigError(format!("key `issuer`: not a URL ({e})")))?;
        if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
            return Err(ConfigError(
                "key `issuer`: must be an http or https URL with a host".into(),
            ));
        }
        Ok(url)
    }

    /// An endpoint URL under the issuer.
    pub fn endpoint(&self, path: &str) -> String {
        format!("{}{}", self.issuer.trim_end_matches('/'), path)
    }

    /// Where the generated secret key lives when none is configured:
    /// beside a SQLite file. PostgreSQL has none: its instances share a
    /// configured `secret_key`.
    pub fn secret_key_file(&self) -> Option<PathBuf> {
        self.database
            .sqlite_path()
            .map(|p| p.with_file_name("secret.key"))
    }

    pub fn cookie_secure(&self) -> bool {
        self.session
            .cookie_secure
            .unwrap_or_else(|| self.issuer.starts_with("https://"))
    }
}

/// `LATCHKEY_FOO__BAR_FILE=/path` sets `foo.bar` to the file's content.
fn file_secrets() -> Result<Vec<(String, String)>, ConfigError> {
    let mut out = Vec::new();
    for (name, path) in std::env::vars() {
        let Some(key) = name
            .strip_prefix(ENV_PREFIX)
            .and_then(|k| k.strip_suffix("_FILE"))
        else {
            continue;
        };
        let value = std::fs::read_to_string(&path)
            .map_err(|e| ConfigError(format!("{name}: cannot read {path}: {e}")))?;
        out.push((
            key.to_ascii_lowercase().replace("__", "."),
            value.trim_end_matches(['\n', '\r']).to_string(),
        ));
    }
    Ok(out)
}

fn describe_figment_error(e: &figment::Error) -> String {
    let key = e.path.join(".");
    let mut kind = e.kind.to_string();
    if let figment::error::Kind::UnknownField(field, _) = &e.kind {
        kind = format!("unknown key `{field}`");
    }
    if key.is_empty() {
        kind
    } else {
        format!("key `{key}`: {kind}")
    }
}
