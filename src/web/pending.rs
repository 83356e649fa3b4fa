//! Pending authorization requests: a few per browser, each under its own
//! id, so that each tab's consent form acts on the request it shows (F9);
//! the caps on what a request may store; and the sealed cookie that
//! carries them while the visitor has no server-side session (F7).

use serde::{Deserialize, Serialize};

use crate::crypto;
use crate::oidc::OAuthError;
use crate::oidc::authorize::AuthRequest;
use crate::secrets::SecretBox;

/// Pending requests kept per browser: the most recent ones.
pub const MAX_PENDING: usize = 5;

/// `state`, `nonce` and `login_hint` together, as stored (JSON-escaped).
/// `id_token_hint` is not counted: it is verified and dropped, never
/// stored (and, like every parameter, at most 4 KiB: `oidc::params`).
pub const MAX_STORED_PARAM_BYTES: usize = 2048;

/// One authorization request and the id its pages carry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pending {
    pub id: String,
    pub request: AuthRequest,
}

/// The pending requests of one browser, most recent last.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct PendingRequests(Vec<Pending>);

/// What the session may hold: the list, or the single request (or null)
/// that sessions stored before requests had ids.
#[derive(Deserialize)]
#[serde(untagged)]
enum Stored {
    List(Vec<Pending>),
    Single(Option<Box<AuthRequest>>),
}

impl<'de> Deserialize<'de> for PendingRequests {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let mut p = Self::default();
        match Stored::deserialize(d)? {
            Stored::List(list) => p.0 = list,
            Stored::Single(Some(request)) => {
                p.push(*request);
            }
            Stored::Single(None) => {}
        }
        let excess = p.0.len().saturating_sub(MAX_PENDING);
        p.0.drain(..excess);
        Ok(p)
    }
}

impl PendingRequests {
    /// Adds a request as the most recent one and returns its id; the
    /// oldest beyond [`MAX_PENDING`] are forgotten.
    pub fn push(&mut self, request: AuthRequest) -> String {
        let id = crypto::b64url(&crypto::random_bytes::<16>());
        self.0.push(Pending {
            id: id.clone(),
            request,
        });
        let excess = self.0.len().saturating_sub(MAX_PENDING);
        self.0.drain(..excess);
        id
    }

    /// The index of the request with this id. The id comes from a form or
    /// a URL: every entry is compared, in constant time.
    fn position(&self, id: &str) -> Option<usize> {
        let mut found = None;
        for (i, p) in self.0.iter().enumerate() {
            if crypto::ct_eq(&p.id, id) {
                found = Some(i);
            }
        }
        found
    }

    pub fn get(&self, id: &str) -> Option<&AuthRequest> {
        self.position(id).map(|i| &self.0[i].request)
    }

    pub fn get_mut(&mut self, id: &str) -> Option<&mut AuthRequest> {
        self.position(id).map(|i| &mut self.0[i].request)
    }

    /// The stored id equal to `id` (so that what is echoed is ours).
    pub fn id_of(&self, id: &str) -> Option<&str> {
        self.position(id).map(|i| self.0[i].id.as_str())
    }

    pub fn remove(&mut self, id: &str) -> Option<AuthRequest> {
        self.position(id).map(|i| self.0.remove(i).request)
    }

    /// Makes a request the most recent one, the one the login, second
    /// factor and enrollment steps work on. True if the order changed.
    pub fn bump(&mut self, id: &str) -> bool {
        match self.position(id) {
            Some(i) if i + 1 < self.0.len() => {
                let p = self.0.remove(i);
                self.0.push(p);
                true
            }
            _ => false,
        }
    }

    pub fn latest_id(&self) -> Option<&str> {
        self.0.last().map(|p| p.id.as_str())
    }

    /// The most recent request: the one the login steps show and act on.
    /// (Named as `Option::as_ref` was when there was only one.)
    pub fn as_ref(&self) -> Option<&AuthRequest> {
        self.0.last().map(|p| &p.request)
    }

    /// The most recent request, mutable (see [`Self::as_ref`]).
    pub fn as_mut(&mut self) -> Option<&mut AuthRequest> {
        self.0.last_mut().map(|p| &mut p.request)
    }

    /// Takes all requests, leaving none.
    pub fn take(&mut self) -> Self {
        std::mem::take(self)
    }

    pub fn clear(&mut self) {
        self.0.clear();
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    fn drop_oldest(&mut self) {
        if !self.0.is_empty() {
            self.0.remove(0);
        }
    }
}

/// The length of a value as stored (a JSON string, without its quotes).
fn stored_len(v: Option<&str>) -> usize {
    v.and_then(|s| serde_json::to_string(s).ok())
        .map_or(0, |j| j.len().saturating_sub(2))
}

/// Refuses requests whose free-form parameters would make large session
/// records (F7). RFC 6749 sets no limit; `invalid_request` (4.1.2.1) is
/// the error for a request the server will not process as sent.
pub fn check_caps(req: &AuthRequest) -> Result<(), OAuthError> {
    let stored: usize = [
        req.state.as_deref(),
        req.nonce.as_deref(),
        req.login_hint.as_deref(),
    ]
    .into_iter()
    .map(stored_len)
    .sum();
    if stored > MAX_STORED_PARAM_BYTES {
        return Err(OAuthError::invalid_request(
            "state, nonce and login_hint are too long (2048 bytes in all)",
        ));
    }
    Ok(())
}

/// How long a session without a login lives: pending requests in the
/// cookie, and server-side records made before the login.
pub const ANONYMOUS_MINUTES: i64 = 15;

/// Browsers keep cookies up to 4096 bytes with name and attributes.
const MAX_COOKIE_VALUE: usize = 3800;

/// What the sealed cookie carries for a visitor without a server-side
/// session: the pending requests and a forward-auth return URL.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Carried {
    /// Unix seconds when written.
    at: i64,
    #[serde(default)]
    pub pending: PendingRequests,
    #[serde(default)]
    pub return_to: Option<String>,
    /// The request the sign-in page was opened for (issue 14, item 2).
    #[serde(default)]
    pub login_for: Option<String>,
}

impl Carried {
    pub fn new(
        pending: PendingRequests,
        return_to: Option<String>,
        login_for: Option<String>,
    ) -> Self {
        Self {
            at: crate::db::now(),
            pending,
            return_to,
            login_for,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.pending.is_empty() && self.return_to.is_none()
    }

    /// The sealed cookie value, dropping the oldest requests until it fits;
    /// `None` if even one request does not (the caller keeps it server-side).
    pub fn seal(mut self, secrets: &SecretBox) -> Option<String> {
        loop {
            let json = serde_json::to_string(&self).ok()?;
            // 4/3 for base64 and about 120 bytes of JWE around it.
            if json.len() * 4 / 3 + 120 <= MAX_COOKIE_VALUE {
                let sealed = secrets.seal(&json).ok()?;
                if sealed.len() <= MAX_COOKIE_VALUE {
                    return Some(sealed);
                }
            }
            if self.pending.len() <= 1 {
                return None;
            }
            self.pending.drop_oldest();
        }
    }

    /// Opens a cookie value; anything unreadable or too old is nothing.
    pub fn open(secrets: &SecretBox, sealed: &str, now: i64) -> Option<Self> {
        if sealed.len() > MAX_COOKIE_VALUE {
            return None;
        }
        let json = secrets.open(sealed).ok()?;
        let carried: Self = serde_json::from_str(&json).ok()?;
        let age = now - carried.at;
        (0..=ANONYMOUS_MINUTES * 60)
            .contains(&age)
            .then_some(carried)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::oidc::authorize::Prompt;
    use crate::oidc::scope::Scope;

    fn request(client: &str) -> AuthRequest {
        AuthRequest {
            client_id: client.into(),
            client_name: "Trusted Wiki".into(),
            redirect_uri: format!("https://{client}.example/cb"),
            scope: Scope::parse_supported("openid"),
            state: Some("s".into()),
            nonce: None,
            code_challenge: None,
            prompt: Prompt::default(),
            max_age: None,
            id_token_hint: None,
            hint_subject: None,
            login_hint: None,
            wants_phishing_resistant: false,
            acr_values: Vec::new(),
            acr_essential: false,
            fresh_login: false,
        }
    }

    #[test]
    fn requests_are_found_by_id_and_bounded() {
        let mut p = PendingRequests::default();
        let ids: Vec<String> = (0..7).map(|i| p.push(request(&format!("c{i}")))).collect();
        assert_eq!(p.len(), MAX_PENDING);
        assert!(p.get(&ids[0]).is_none() && p.get(&ids[1]).is_none());
        assert_eq!(p.get(&ids[2]).map(|r| r.client_id.as_str()), Some("c2"));
        assert_eq!(p.as_ref().map(|r| r.client_id.as_str()), Some("c6"));
        assert!(p.get("").is_none() && p.get("nope").is_none());
        assert!(p.bump(&ids[3]));
        assert!(!p.bump(&ids[3]), "already the most recent");
        assert_eq!(p.latest_id(), Some(ids[3].as_str()));
        assert_eq!(p.remove(&ids[3]).map(|r| r.client_id), Some("c3".into()));
        assert_eq!(p.latest_id(), Some(ids[6].as_str()));
        assert_ne!(ids[5], ids[6]);
    }

    #[test]
    fn sessions_stored_before_ids_still_load() {
        let old = serde_json::to_value(Some(request("wiki"))).unwrap();
        let p: PendingRequests = serde_json::from_value(old).unwrap();
        assert_eq!(p.as_ref().map(|r| r.client_id.as_str()), Some("wiki"));
        assert!(p.latest_id().is_some());
        let p: PendingRequests = serde_json::from_value(serde_json::Value::Null).unwrap();
        assert!(p.is_empty());
        let mut list = PendingRequests::default();
        let id = list.push(request("a"));
        let back: PendingRequests =
            serde_json::from_value(serde_json::to_value(&list).unwrap()).unwrap();
        assert_eq!(back.latest_id(), Some(id.as_str()));
    }

    #[test]
    fn caps_count_what_is_stored() {
        let mut r = request("c");
        r.state = Some("x".repeat(1000));
        r.nonce = Some("y".repeat(1000));
        assert!(check_caps(&r).is_ok());
        r.login_hint = Some("z".repeat(49));
        assert!(check_caps(&r).is_err());
        // Escaped characters count as stored.
        let mut r = request("c");
        r.state = Some("\"".repeat(1100));
        assert!(check_caps(&r).is_err());
    }

    #[test]
    fn the_cookie_opens_only_with_the_key_and_in_time() {
        let key = SecretBox::new("a secret key for tests", &[]);
        let mut p = PendingRequests::default();
        let id = p.push(request("wiki"));
        let sealed = Carried::new(p, None, None).seal(&key).unwrap();
        let now = crate::db::now();
        let back = Carried::open(&key, &sealed, now).unwrap();
        assert!(back.pending.get(&id).is_some());
        assert!(Carried::open(&key, &sealed, now + ANONYMOUS_MINUTES * 60 + 1).is_none());
        assert!(Carried::open(&SecretBox::new("other", &[]), &sealed, now).is_none());
        assert!(Carried::open(&key, "garbage", now).is_none());
    }

    #[test]
    fn the_cookie_stays_small_dropping_the_oldest_requests() {
        let key = SecretBox::new("a secret key for tests", &[]);
        let mut p = PendingRequests::default();
        let mut last = String::new();
        for i in 0..MAX_PENDING {
            let mut r = request(&format!("c{i}"));
            r.state = Some("s".repeat(MAX_STORED_PARAM_BYTES / 2));
            last = p.push(r);
        }
        let sealed = Carried::new(p, None, None).seal(&key).unwrap();
        assert!(sealed.len() <= MAX_COOKIE_VALUE);
        let back = Carried::open(&key, &sealed, crate::db::now()).unwrap();
        assert!(back.pending.len() < MAX_PENDING);
        assert!(back.pending.get(&last).is_some(), "the newest is kept");
        // A request at the cap fits on its own.
        let mut p = PendingRequests::default();
        let mut r = request("c");
        r.state = Some("s".repeat(MAX_STORED_PARAM_BYTES));
        p.push(r);
        assert!(Carried::new(p, None, None).seal(&key).is_some());
    }
}
