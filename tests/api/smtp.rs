//! A real SMTP server for the email tests: `tests/smtp/server.py`
//! (aiosmtpd) in its venv, which `tests/smtp/setup.sh` makes (and
//! `tests/run.sh` runs).

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use latchkey::config::{EmailConfig, EmailTls};
use serde_json::Value;

pub struct SmtpServer {
    pub port: u16,
    /// The throw-away CA that issued the server's certificate (TLS modes).
    pub ca: Option<PathBuf>,
    events: mpsc::Receiver<Value>,
    child: Child,
    _dir: tempfile::TempDir,
}

fn python() -> PathBuf {
    if let Some(p) = std::env::var_os("LK_TEST_SMTP_PYTHON") {
        return p.into();
    }
    let venv = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/smtp-venv/bin/python");
    assert!(
        venv.exists(),
        "no Python with aiosmtpd: run `eval \"$(bash tests/smtp/setup.sh)\"` first \
         (tests/run.sh does), or set LK_TEST_SMTP_PYTHON"
    );
    venv
}

impl SmtpServer {
    /// `mode`: plain, starttls, tls, refuse, reject or hang (see server.py).
    pub fn start(mode: &str, auth: Option<(&str, &str)>) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let ca = dir.path().join("ca.pem");
        let mut cmd = Command::new(python());
        cmd.arg(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/smtp/server.py"))
            .arg(mode)
            .arg("--ca-out")
            .arg(&ca);
        if let Some((user, password)) = auth {
            cmd.args(["--user", user, "--password", password]);
        }
        let mut child = cmd
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start tests/smtp/server.py");
        let stdout = child.stdout.take().unwrap();
        let (tx, events) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let Ok(v) = serde_json::from_str::<Value>(&line) else {
                    continue;
                };
                if tx.send(v).is_err() {
                    return;
                }
            }
        });
        let ready = events
            .recv_timeout(Duration::from_secs(30))
            .expect("the SMTP server said nothing");
        assert_eq!(ready["event"], "ready", "{ready}");
        let port = ready["port"].as_u64().unwrap() as u16;
        let tls = matches!(mode, "starttls" | "tls");
        Self {
            port,
            ca: tls.then_some(ca),
            events,
            child,
            _dir: dir,
        }
    }

    /// The next event of this kind (others are skipped), or a panic after
    /// `seconds`. It blocks its thread: async tests that use it run on the
    /// multi-threaded runtime, so that the server's tasks go on meanwhile.
    pub fn next(&self, kind: &str, seconds: u64) -> Value {
        let deadline = std::time::Instant::now() + Duration::from_secs(seconds);
        loop {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            match self.events.recv_timeout(left) {
                Ok(v) if v["event"] == kind => return v,
                Ok(_) => continue,
                Err(_) => panic!("no `{kind}` event from the SMTP server within {seconds} s"),
            }
        }
    }

    /// Events of this kind that arrived so far, without waiting.
    pub fn drain(&self, kind: &str) -> Vec<Value> {
        self.events
            .try_iter()
            .filter(|v| v["event"] == kind)
            .collect()
    }

    /// An `[email]` section for this server, quick to retry and give up.
    pub fn config(&self, tls: EmailTls) -> EmailConfig {
        EmailConfig {
            host: "localhost".into(),
            port: Some(self.port),
            username: None,
            password: None,
            password_file: None,
            from: "Latchkey <id@example.com>".into(),
            tls,
            ca_certificates: self.ca.clone(),
            timeout_seconds: 2,
            attempts: 3,
            retry_seconds: 0,
        }
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
