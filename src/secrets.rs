//! Sealing secrets at rest (signing private keys, TOTP secrets) with the
//! instance secret key: JWE compact, `dir` + A256GCM, the key id in the
//! header so that values sealed under a previous key still open after a
//! secret-key rotation.

use std::path::Path;

use josekit::jwe::{self, Dir, JweHeader};
use sha2::{Digest, Sha256};

#[derive(Debug, thiserror::Error)]
pub enum SealError {
    #[error("sealed value is not readable with any configured secret key")]
    UnknownKey,
    #[error("sealing failed: {0}")]
    Jose(#[from] josekit::JoseError),
    #[error("sealed value is not UTF-8")]
    Utf8,
}

struct Key {
    id: String,
    bytes: [u8; 32],
    /// A separate key for [`SecretBox::mac`], derived from `bytes`.
    mac: [u8; 32],
}

impl Key {
    /// Derives the AES key from the configured secret (any high-entropy string).
    fn from_secret(secret: &str) -> Self {
        let bytes: [u8; 32] = Sha256::digest(secret.trim().as_bytes()).into();
        let id = crate::crypto::b64url(&Sha256::digest(bytes)[..6]);
        let mac = hmac_sha256(&bytes, b"latchkey mac key");
        Self { id, bytes, mac }
    }
}

fn hmac_sha256(key: &[u8], msg: &[u8]) -> [u8; 32] {
    use hmac::{Hmac, Mac};
    // HMAC takes keys of any length (RFC 2104 2): this cannot fail.
    #[allow(clippy::expect_used)]
    let mut m = Hmac::<Sha256>::new_from_slice(key).expect("HMAC accepts any key length");
    m.update(msg);
    m.finalize().into_bytes().into()
}

pub struct SecretBox {
    current: Key,
    previous: Vec<Key>,
}

impl std::fmt::Debug for SecretBox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SecretBox(kid={})", self.current.id)
    }
}

impl SecretBox {
    pub fn new(current: &str, previous: &[String]) -> Self {
        Self {
            current: Key::from_secret(current),
            previous: previous.iter().map(|s| Key::from_secret(s)).collect(),
        }
    }

    /// Whether earlier keys are configured: a rotation is under way.
    pub fn rotating(&self) -> bool {
        !self.previous.is_empty()
    }

    pub fn seal(&self, plaintext: &str) -> Result<String, SealError> {
        let mut header = JweHeader::new();
        header.set_content_encryption("A256GCM");
        header.set_key_id(&self.current.id);
        let encrypter = Dir.encrypter_from_bytes(self.current.bytes)?;
        Ok(jwe::serialize_compact(
            plaintext.as_bytes(),
            &header,
            &encrypter,
        )?)
    }

    pub fn open(&self, sealed: &str) -> Result<String, SealError> {
        let kid = kid_of(sealed).ok_or(SealError::UnknownKey)?;
        let key = std::iter::once(&self.current)
            .chain(&self.previous)
            .find(|k| k.id == kid)
            .ok_or(SealError::UnknownKey)?;
        let decrypter = Dir.decrypter_from_bytes(key.bytes)?;
        let (bytes, _) = jwe::deserialize_compact(sealed, &decrypter)?;
        String::from_utf8(bytes).map_err(|_| SealError::Utf8)
    }

    /// HMAC-SHA256 of `msg` under the current key: for values the browser
    /// keeps and sends back, such as the signed CSRF cookie.
    pub fn mac(&self, msg: &[u8]) -> [u8; 32] {
        hmac_sha256(&self.current.mac, msg)
    }

    /// Whether `tag` is the MAC of `msg` under the current or a previous
    /// key, compared in constant time.
    pub fn verify_mac(&self, msg: &[u8], tag: &[u8]) -> bool {
        let mut ok = false;
        for key in std::iter::once(&self.current).chain(&self.previous) {
            ok |= crate::crypto::ct_eq_bytes(&hmac_sha256(&key.mac, msg), tag);
        }
        ok
    }

    /// True when `sealed` is not under the current key (needs re-sealing).
    pub fn is_stale(&self, sealed: &str) -> bool {
        kid_of(sealed).is_none_or(|k| k != self.current.id)
    }
}

/// The `kid` of a compact JWE's protected header.
fn kid_of(sealed: &str) -> Option<String> {
    use base64::Engine;
    let header = sealed.split('.').next()?;
    let json = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(header)
        .ok()?;
    let v: serde_json::Value = serde_json::from_slice(&json).ok()?;
    v.get("kid")?.as_str().map(str::to_string)
}

/// Reads the key file beside the database, creating it (mode 0600) with a
/// fresh random key on first start. The key is written to a file of its
/// own and then hard-linked into place, which fails if the name exists: so
/// the key file appears whole or not at all, and of several processes that
/// start at once (the server, the CLI) one creates it and the others read it.
pub fn load_or_create_key_file(path: &Path) -> std::io::Result<String> {
    match read_key_file(path)? {
        Some(key) => return Ok(key),
        None if path.exists() => return Err(empty_key_file()),
        None => {}
    }
    let dir = match path.parent().filter(|d| !d.as_os_str().is_empty()) {
        Some(dir) => {
            std::fs::create_dir_all(dir)?;
            dir.to_path_buf()
        }
        None => std::path::PathBuf::from("."),
    };
    let key = crate::crypto::random_token();
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let draft = dir.join(format!(
        ".{name}.{}.{}",
        std::process::id(),
        &crate::crypto::random_token()[..12]
    ));
    let mut published = write_draft(&draft, &key).and_then(|()| std::fs::hard_link(&draft, path));
    let _ = std::fs::remove_file(&draft);
    if let Err(e) = &published
        && matches!(
            e.kind(),
            std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::Unsupported
        )
    {
        // A file system without hard links (EPERM): create it in place,
        // where a reader racing the write may see it empty and must retry.
        published = write_draft(path, &key);
    }
    match published {
        Ok(()) => {
            // The new name is durable only once its directory is.
            #[cfg(unix)]
            std::fs::File::open(&dir)?.sync_all()?;
            Ok(key)
        }
        // Another process published its key first: use theirs.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            read_key_file(path)?.ok_or_else(empty_key_file)
        }
        Err(e) => Err(e),
    }
}

/// The key in the file, `None` when the file is missing or blank.
fn read_key_file(path: &Path) -> std::io::Result<Option<String>> {
    match std::fs::read_to_string(path) {
        Ok(s) => Ok(Some(s.trim().to_string()).filter(|k| !k.is_empty())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// An empty key file: one being written in place (a file system without
/// hard links), or left by a first start of an older release that was
/// interrupted. Its key was never used, but replacing it here could race
/// another process that is doing the same.
fn empty_key_file() -> std::io::Error {
    std::io::Error::other(
        "the key file is empty: another process may be creating it (start again), \
         or an interrupted first start left it (it holds no key: delete it, then start again)",
    )
}

/// Creates `file` (it must not exist) with `key`, mode 0600, on disk.
fn write_draft(file: &Path, key: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut f = options.open(file)?;
    writeln!(f, "{key}")?;
    f.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_file_is_created_once_whole_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("data").join("secret.key");
        let handles: Vec<_> = (0..8)
            .map(|_| {
                let path = path.clone();
                std::thread::spawn(move || load_or_create_key_file(&path).unwrap())
            })
            .collect();
        let keys: Vec<String> = handles.into_iter().map(|h| h.join().unwrap()).collect();
        assert!(keys.iter().all(|k| k == &keys[0] && k.len() >= 32));
        assert_eq!(load_or_create_key_file(&path).unwrap(), keys[0]);
        assert_eq!(std::fs::read_to_string(&path).unwrap().trim(), keys[0]);
        // No draft is left behind.
        let names: Vec<_> = std::fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["secret.key"]);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }

    #[test]
    fn an_empty_key_file_is_refused_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("secret.key");
        std::fs::write(&path, "\n").unwrap();
        let e = load_or_create_key_file(&path).unwrap_err();
        assert!(e.to_string().contains("empty"), "{e}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "\n");
    }

    #[test]
    fn seal_open_and_rotate() {
        let old = SecretBox::new("old secret key material", &[]);
        let sealed = old.seal("JBSWY3DPEHPK3PXP").unwrap_or_default();
        assert!(!sealed.contains("JBSWY3DPEHPK3PXP"));
        assert_eq!(old.open(&sealed).ok().as_deref(), Some("JBSWY3DPEHPK3PXP"));
        let new = SecretBox::new(
            "new secret key material",
            &["old secret key material".into()],
        );
        assert!(new.is_stale(&sealed));
        assert_eq!(new.open(&sealed).ok().as_deref(), Some("JBSWY3DPEHPK3PXP"));
        let other = SecretBox::new("unrelated", &[]);
        assert!(other.open(&sealed).is_err());
        assert!(other.open("garbage").is_err());
    }

    #[test]
    fn macs_verify_under_current_and_previous_keys_only() {
        let old = SecretBox::new("old secret key material", &[]);
        let tag = old.mac(b"csrf:abc");
        assert!(old.verify_mac(b"csrf:abc", &tag));
        assert!(!old.verify_mac(b"csrf:abd", &tag));
        assert!(!old.verify_mac(b"csrf:abc", &tag[..31]));
        let new = SecretBox::new(
            "new secret key material",
            &["old secret key material".into()],
        );
        assert!(new.verify_mac(b"csrf:abc", &tag));
        assert_ne!(new.mac(b"csrf:abc"), tag);
        assert!(!SecretBox::new("unrelated", &[]).verify_mac(b"csrf:abc", &tag));
    }
}
