//! The real `latchkey` binary against a temp database.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

struct Cli {
    dir: tempfile::TempDir,
}

impl Cli {
    fn new() -> Self {
        Self {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_latchkey"));
        c.args(args)
            .env_remove("LATCHKEY_CONFIG")
            .env("LATCHKEY_DATABASE", self.dir.path().join("db.sqlite"))
            .env("LATCHKEY_ISSUER", "https://id.example.com")
            .env("LATCHKEY_LOG", "warn");
        c
    }

    fn run(&self, args: &[&str]) -> Output {
        self.cmd(args).output().unwrap()
    }

    fn run_stdin(&self, args: &[&str], stdin: &str) -> Output {
        let mut child = self
            .cmd(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(stdin.as_bytes())
            .unwrap();
        child.wait_with_output().unwrap()
    }

    fn json(&self, args: &[&str]) -> Value {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap()
    }
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn user_lifecycle_and_bad_input() {
    let cli = Cli::new();
    let add = [
        "user",
        "add",
        "alice",
        "--email",
        "alice@example.com",
        "--name",
        "Alice Example",
        "--groups",
        "admins,staff",
        "--password-stdin",
    ];
    let out = cli.run_stdin(&add, "correct horse battery\n");
    assert!(out.status.success(), "{}", stderr(&out));
    // Duplicate, short password, bad email, bad group: clear errors, no change.
    let out = cli.run_stdin(&add, "correct horse battery\n");
    assert!(!out.status.success());
    assert!(stderr(&out).contains("already exists"), "{}", stderr(&out));
    let out = cli.run_stdin(
        &[
            "user",
            "add",
            "bob",
            "--email",
            "bob@example.com",
            "--password-stdin",
        ],
        "short\n",
    );
    assert!(!out.status.success());
    assert!(stderr(&out).contains("at least"), "{}", stderr(&out));
    let out = cli.run_stdin(
        &[
            "user",
            "add",
            "bob",
            "--email",
            "not-an-email",
            "--password-stdin",
        ],
        "long enough pw\n",
    );
    assert!(stderr(&out).contains("invalid email"));
    let out = cli.run_stdin(
        &[
            "user",
            "add",
            "bob",
            "--email",
            "b@x.io",
            "--groups",
            "a b",
            "--password-stdin",
        ],
        "long enough pw\n",
    );
    assert!(stderr(&out).contains("invalid group"));
    // Without a terminal and without --password-stdin there is no prompt.
    let out = cli.run_stdin(&["user", "add", "bob", "--email", "b@x.io"], "");
    assert!(stderr(&out).contains("--password-stdin"));
    let list = cli.json(&["user", "list", "--json"]);
    assert_eq!(
        list.as_array().unwrap().len(),
        1,
        "failed adds changed nothing"
    );
    let alice = &list[0];
    assert_eq!(alice["username"], "alice");
    assert_eq!(alice["groups"], serde_json::json!(["admins", "staff"]));
    assert_ne!(alice["subject"], "alice");
    assert_eq!(alice["email_verified"], false, "nobody proved the address");
    let verified = cli.json(&["user", "verify-email", "alice", "--json"]);
    assert_eq!(verified["done"], "vouched for the address of alice");
    assert_eq!(verified["user"]["email_verified"], true);
    let out = cli.run_stdin(
        &[
            "user",
            "add",
            "carol",
            "--email",
            "carol@example.com",
            "--email-verified",
            "--password-stdin",
        ],
        "long enough pw\n",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        cli.json(&["user", "show", "carol", "--json"])["email_verified"],
        true
    );
    assert!(cli.run(&["user", "delete", "carol"]).status.success());
    let out = cli.run(&["user", "verify-email", "ghost"]);
    assert!(stderr(&out).contains("user 'ghost' does not exist"));
    let audit = cli.json(&["audit", "--json"]);
    let details: Vec<&str> = audit
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["detail"].as_str())
        .collect();
    assert!(
        details
            .contains(&"added user alice <alice@example.com> (unverified), groups: admins,staff")
            && details.contains(&"vouched for the address of alice"),
        "{details:?}"
    );

    let out = cli.run(&["user", "groups", "alice", "--set", "staff"]);
    assert!(out.status.success());
    assert_eq!(
        cli.json(&["user", "show", "alice", "--json"])["groups"],
        serde_json::json!(["staff"])
    );
    let out = cli.run_stdin(
        &["user", "passwd", "alice", "--password-stdin"],
        "another long password\n",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let out = cli.run_stdin(&["user", "passwd", "alice", "--password-stdin"], "tiny\n");
    assert!(!out.status.success());
    assert!(cli.run(&["user", "disable", "alice"]).status.success());
    assert_eq!(
        cli.json(&["user", "show", "alice", "--json"])["disabled"],
        true
    );
    assert!(cli.run(&["user", "enable", "alice"]).status.success());
    assert_eq!(
        cli.json(&["user", "show", "alice", "--json"])["disabled"],
        false
    );
    let out = cli.run(&["user", "disable", "ghost"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("user 'ghost' does not exist"));
    let deleted = cli.json(&["user", "delete", "alice", "--json"]);
    assert_eq!(deleted["done"], "deleted alice");
    assert_eq!(deleted["user"]["deleted"], true);
    assert_eq!(
        cli.json(&["user", "list", "--json"])
            .as_array()
            .unwrap()
            .len(),
        0
    );
}

#[test]
fn client_lifecycle_and_bad_input() {
    let cli = Cli::new();
    let out = cli.run(&[
        "client",
        "add",
        "paperless",
        "--name",
        "Paperless",
        "--redirect-uri",
        "https://p.example/accounts/oidc/latchkey/login/callback/",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let secret = text
        .lines()
        .find_map(|l| l.strip_prefix("client_secret: "))
        .unwrap()
        .to_string();
    assert!(secret.len() >= 43, "256 bits");
    assert!(
        secret
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    );
    // The secret is stored only as a digest: it never appears in the database file.
    let db = std::fs::read(cli.dir.path().join("db.sqlite")).unwrap();
    let wal = std::fs::read(cli.dir.path().join("db.sqlite-wal")).unwrap_or_default();
    for bytes in [&db, &wal] {
        assert!(!bytes.windows(secret.len()).any(|w| w == secret.as_bytes()));
    }
    for (args, msg) in [
        (
            vec![
                "client",
                "add",
                "paperless",
                "--redirect-uri",
                "https://x.example/cb",
            ],
            "already exists",
        ),
        (
            vec!["client", "add", "bad", "--redirect-uri", "not a uri"],
            "invalid redirect URI",
        ),
        (
            vec![
                "client",
                "add",
                "bad",
                "--redirect-uri",
                "http://x.example/cb",
            ],
            "--allow-insecure-http",
        ),
        (
            vec![
                "client",
                "add",
                "bad",
                "--redirect-uri",
                "https://x.example/cb#frag",
            ],
            "fragment",
        ),
        (
            vec![
                "client",
                "add",
                "bad:id",
                "--redirect-uri",
                "https://x.example/cb",
            ],
            "invalid client id",
        ),
    ] {
        let out = cli.run(&args);
        assert!(!out.status.success(), "{args:?}");
        assert!(stderr(&out).contains(msg), "{args:?}: {}", stderr(&out));
    }
    let out = cli.run(&[
        "client",
        "add",
        "lan",
        "--allow-insecure-http",
        "--redirect-uri",
        "http://paperless.lan:8000/cb/",
    ]);
    assert!(out.status.success());
    let out = cli.run(&[
        "client",
        "add",
        "app",
        "--public",
        "--redirect-uri",
        "com.example.app:/oauth",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stdout(&out).contains("client_secret"));
    let list = cli.json(&["client", "list", "--json"]);
    assert_eq!(list.as_array().unwrap().len(), 3);
    let show = cli.json(&["client", "show", "app", "--json"]);
    assert_eq!(show["type"], "public");
    assert_eq!(show["require_pkce"], true);
    let out = cli.run(&["client", "rotate-secret", "paperless"]);
    let new_secret = stdout(&out)
        .lines()
        .find_map(|l| l.strip_prefix("client_secret: "))
        .unwrap()
        .to_string();
    assert_ne!(new_secret, secret);
    // The same for scripts, as JSON.
    let rotated = cli.json(&["client", "rotate-secret", "paperless", "--json"]);
    assert_eq!(rotated["client_id"], "paperless");
    let newer = rotated["client_secret"].as_str().unwrap();
    assert!(newer.len() >= 32 && newer != new_secret, "{rotated}");
    let added = cli.json(&[
        "client",
        "add",
        "scripted",
        "--redirect-uri",
        "https://scripted.example/cb",
        "--json",
    ]);
    assert_eq!(added["client_id"], "scripted");
    assert!(
        added["client_secret"]
            .as_str()
            .is_some_and(|s| s.len() >= 32)
    );
    assert!(
        added["issuer"]
            .as_str()
            .is_some_and(|i| i.starts_with("http"))
    );
    let public = cli.json(&[
        "client",
        "add",
        "scripted-app",
        "--public",
        "--redirect-uri",
        "com.example.scripted:/oauth",
        "--json",
    ]);
    assert!(public["client_secret"].is_null(), "{public}");
    assert!(
        !cli.run(&["client", "rotate-secret", "app"])
            .status
            .success()
    );
    let out = cli.run(&[
        "client",
        "update",
        "paperless",
        "--add-redirect-uri",
        "https://docs.example/cb/",
        "--remove-redirect-uri",
        "https://p.example/accounts/oidc/latchkey/login/callback/",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        cli.json(&["client", "show", "paperless", "--json"])["redirect_uris"],
        serde_json::json!(["https://docs.example/cb/"])
    );
    let out = cli.run(&[
        "client",
        "update",
        "paperless",
        "--remove-redirect-uri",
        "https://docs.example/cb/",
    ]);
    assert!(stderr(&out).contains("at least one"), "{}", stderr(&out));
    let out = cli.run(&[
        "client",
        "update",
        "paperless",
        "--add-redirect-uri",
        "http://plain.example/cb",
    ]);
    assert!(!out.status.success());
    let updated = cli.json(&[
        "client",
        "update",
        "paperless",
        "--add-redirect-uri",
        "https://docs.example/cb2/",
        "--json",
    ]);
    assert!(
        updated["done"].as_str().unwrap().contains("paperless"),
        "{updated}"
    );
    assert_eq!(
        updated["client"]["redirect_uris"],
        serde_json::json!(["https://docs.example/cb/", "https://docs.example/cb2/"])
    );
    let removed = cli.json(&["client", "remove", "lan", "--json"]);
    assert_eq!(
        (&removed["client_id"], &removed["removed"]),
        (&"lan".into(), &true.into())
    );
    assert_eq!(removed["done"], "removed client lan");
    assert!(!cli.run(&["client", "remove", "lan"]).status.success());
    assert_eq!(
        cli.json(&["client", "list", "--json"])
            .as_array()
            .unwrap()
            .len(),
        4,
        "paperless, app, scripted and scripted-app"
    );
}

#[test]
fn keys_list_and_rotate() {
    let cli = Cli::new();
    let before = cli.json(&["keys", "list", "--json"]);
    assert_eq!(before.as_array().unwrap().len(), 3);
    assert!(cli.run(&["keys", "rotate"]).status.success());
    let after = cli.json(&["keys", "list", "--json"]);
    let rows = after.as_array().unwrap();
    assert_eq!(rows.len(), 6);
    assert_eq!(rows.iter().filter(|r| r["status"] == "active").count(), 3);
    assert_eq!(
        rows.iter()
            .filter(|r| r["status"] == "retired (still published)")
            .count(),
        3
    );
    assert!(!String::from_utf8_lossy(&cli.run(&["keys", "list"]).stdout).contains("\"d\""));
}

#[test]
fn broken_config_and_typos_fail_clearly() {
    let cli = Cli::new();
    let out = cli
        .cmd(&["user", "list"])
        .env("LATCHKEY_ISSUER", "not a url")
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(stderr(&out).contains("key `issuer`"), "{}", stderr(&out));
    let out = cli
        .cmd(&["user", "list"])
        .env("LATCHKEY_MFA", "sometimes")
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(stderr(&out).contains("mfa"), "{}", stderr(&out));
    let toml = cli.dir.path().join("bad.toml");
    std::fs::write(
        &toml,
        "issuer = \"https://id.example.com\"\nlisten_adress = \"x\"\n",
    )
    .unwrap();
    let out = cli.run(&["--config", toml.to_str().unwrap(), "user", "list"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("listen_adress"), "{}", stderr(&out));
    let out = cli.run(&["--config", "/nonexistent.toml", "user", "list"]);
    assert!(stderr(&out).contains("does not exist"));
    let out = cli.run(&["usr", "list"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("unrecognized subcommand"));
    // A _FILE secret source is read.
    let f = cli.dir.path().join("issuer.txt");
    std::fs::write(&f, "https://from-file.example\n").unwrap();
    let out = cli
        .cmd(&[
            "client",
            "add",
            "x",
            "--redirect-uri",
            "https://x.example/cb",
        ])
        .env_remove("LATCHKEY_ISSUER")
        .env("LATCHKEY_ISSUER_FILE", &f)
        .output()
        .unwrap();
    assert!(
        stdout(&out).contains("issuer: https://from-file.example"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn audit_backup_check_config_and_completions() {
    let cli = Cli::new();
    let out = cli.run_stdin(
        &[
            "user",
            "add",
            "alice",
            "--email",
            "a@example.com",
            "--password-stdin",
        ],
        "correct horse battery\n",
    );
    assert!(out.status.success());
    // The admin's terminal gets what was done, not a log dump of it.
    assert!(!stderr(&out).contains("INFO"), "{}", stderr(&out));
    assert!(!stderr(&out).contains("Add {"), "{}", stderr(&out));
    assert!(cli.run(&["user", "unlock", "alice"]).status.success());
    assert!(cli.run(&["user", "list"]).status.success());
    let link = cli.json(&["user", "enroll-link", "alice", "--minutes", "5", "--json"]);
    assert_eq!(link["username"], "alice");
    assert!(
        link["url"].as_str().unwrap().contains("/enroll/link"),
        "{link}"
    );
    assert!(link["expires_at"].as_i64().unwrap() > 0);
    let events = cli.json(&["audit", "--json", "--since", "1h"]);
    // Readable details, and nothing for a command that only reads.
    let details: Vec<&str> = events
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["event"] == "admin_user")
        .map(|e| e["detail"].as_str().unwrap())
        .collect();
    assert_eq!(
        details,
        [
            "added user alice <a@example.com> (unverified), groups: none",
            "lifted the locks on alice",
            "made an enrollment link for alice, valid 5 minutes"
        ],
        "{events:#}"
    );
    // Every change can answer in JSON: what was done, and the result.
    let grouped = cli.json(&["user", "groups", "alice", "--set", "admins", "--json"]);
    assert_eq!(grouped["done"], "set the groups of alice to: admins");
    assert_eq!(grouped["user"]["groups"], serde_json::json!(["admins"]));
    let disabled = cli.json(&["--json", "user", "disable", "alice"]);
    assert_eq!(disabled["user"]["disabled"], true, "{disabled}");
    let unlocked = cli.json(&["user", "unlock", "alice", "--json"]);
    assert!(
        unlocked["cleared"].is_array() && unlocked["locked"] == 0,
        "{unlocked}"
    );
    let rotated = cli.json(&["keys", "rotate", "--json"]);
    assert_eq!(
        rotated["new_keys"].as_array().map(Vec::len),
        Some(3),
        "{rotated}"
    );
    let enabled = cli.json(&["user", "enable", "alice", "--json"]);
    assert_eq!(enabled["user"]["disabled"], false, "{enabled}");
    let kinds: Vec<&str> = events
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["event"].as_str().unwrap())
        .collect();
    assert!(kinds.contains(&"admin_user"), "{kinds:?}");
    assert!(
        !serde_json::to_string(&events)
            .unwrap()
            .contains("correct horse"),
        "no password in the audit trail"
    );
    let out = cli.run(&["audit", "--since", "yesterday"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("invalid --since"));

    let backup = cli.dir.path().join("backup.sqlite");
    let out = cli.run(&["backup", backup.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("secret.key"));
    let out = cli.run(&["backup", backup.to_str().unwrap()]);
    assert!(!out.status.success(), "never overwrites");
    // The backup is a working database with the user in it.
    let copy = Command::new(env!("CARGO_BIN_EXE_latchkey"))
        .args(["user", "list", "--json"])
        .env("LATCHKEY_DATABASE", &backup)
        .env(
            "LATCHKEY_SECRET_KEY_FILE",
            cli.dir.path().join("secret.key"),
        )
        .env("LATCHKEY_LOG", "warn")
        .output()
        .unwrap();
    assert!(copy.status.success(), "{}", stderr(&copy));
    assert!(stdout(&copy).contains("alice"));
    let out = cli.run(&["check"]);
    assert!(out.status.success(), "{}", stderr(&out));

    let out = cli
        .cmd(&["config", "show"])
        .env(
            "LATCHKEY_SECRET_KEY",
            "s3cr3t-s3cr3t-s3cr3t-s3cr3t-s3cr3t-xx",
        )
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("issuer = \"https://id.example.com\""));
    assert!(!stdout(&out).contains("s3cr3t"));
    assert!(stdout(&out).contains("[redacted]"));
    assert!(cli.run(&["config", "check"]).status.success());
    let out = cli.run(&["completions", "bash"]);
    assert!(out.status.success() && stdout(&out).contains("latchkey"));
}

#[test]
fn healthcheck_follows_the_server() {
    let cli = Cli::new();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let listen = format!("127.0.0.1:{port}");
    let out = cli
        .cmd(&["healthcheck"])
        .env("LATCHKEY_LISTEN", &listen)
        .output()
        .unwrap();
    assert!(!out.status.success(), "down: non-zero");
    // Run from an empty directory: the binary needs no files beside it
    // (migrations, templates and static files are built in), as in the image.
    let empty = tempfile::tempdir().unwrap();
    let mut server = cli
        .cmd(&["serve"])
        .current_dir(empty.path())
        .env("LATCHKEY_LISTEN", &listen)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut healthy = false;
    for _ in 0..400 {
        let out = cli
            .cmd(&["healthcheck"])
            .env("LATCHKEY_LISTEN", &listen)
            .output()
            .unwrap();
        if out.status.success() {
            healthy = true;
            break;
        }
        assert!(server.try_wait().unwrap().is_none(), "server exited");
        std::thread::sleep(std::time::Duration::from_millis(25));
    }
    // SIGTERM: graceful shutdown, exit 0.
    let _ = Command::new("kill").arg(server.id().to_string()).status();
    let status = server.wait().unwrap();
    assert!(healthy, "healthcheck never succeeded");
    assert!(status.success(), "graceful shutdown exits 0: {status}");
}

#[test]
fn a_postgres_database_needs_a_shared_secret_key_and_its_password_never_shows() {
    let cli = Cli::new();
    let url = "postgres://latchkey:hunter2-db-password@db.example:5432/latchkey";
    let out = cli
        .cmd(&["config", "check"])
        .env("LATCHKEY_DATABASE", url)
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("key `secret_key`: required with a PostgreSQL database"),
        "{}",
        stderr(&out)
    );
    let out = cli
        .cmd(&["config", "show"])
        .env("LATCHKEY_DATABASE", url)
        .env(
            "LATCHKEY_SECRET_KEY",
            "s3cr3t-s3cr3t-s3cr3t-s3cr3t-s3cr3t-xx",
        )
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stdout(&out).contains("hunter2"), "{}", stdout(&out));
    assert!(
        stdout(&out).contains("db.example:5432/latchkey"),
        "{}",
        stdout(&out)
    );
}
