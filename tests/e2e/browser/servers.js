// The two servers of the browser test, as child processes: `latchkey serve`
// (plus CLI calls against the same database) and the e2eproject Django site
// (allauth configured the Paperless way) under `runserver`.
"use strict";

const { spawn, spawnSync } = require("node:child_process");
const fs = require("node:fs");
const net = require("node:net");
const path = require("node:path");

/** A TCP port free on 127.0.0.1 right now. */
function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The last lines of a log file, for error messages. */
function tail(file, lines = 60) {
  try {
    const all = fs.readFileSync(file, "utf8").split("\n");
    return all.slice(-lines).join("\n") || "(empty log)";
  } catch {
    return "(no log)";
  }
}

/**
 * Polls `url` until it answers 200; bounded by `timeoutMs`. Fails at once if
 * `proc` exits meanwhile.
 */
async function waitReady(name, proc, url, log, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let last = "no answer";
  while (Date.now() < deadline) {
    if (proc.exitCode !== null || proc.signalCode !== null) {
      throw new Error(
        `${name} exited (code ${proc.exitCode}, signal ${proc.signalCode}) before it was ready; log ${log}:\n${tail(log)}`,
      );
    }
    try {
      const resp = await fetch(url, { signal: AbortSignal.timeout(2000), redirect: "manual" });
      if (resp.status === 200) return;
      last = `HTTP ${resp.status}`;
    } catch (e) {
      last = e.cause?.code || e.name;
    }
    await sleep(100);
  }
  throw new Error(`${name}: ${url} not ready after ${timeoutMs / 1000}s (last: ${last}); log ${log}:\n${tail(log)}`);
}

/** Stops a child: SIGTERM, then SIGKILL after `graceMs`. */
async function stopProcess(proc, graceMs = 10000) {
  if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise((r) => proc.once("exit", r));
  proc.kill("SIGTERM");
  const timer = sleep(graceMs).then(() => "timeout");
  if ((await Promise.race([exited, timer])) === "timeout") {
    proc.kill("SIGKILL");
    await exited;
  }
}

/** The test SMTP server (tests/smtp/server.py, aiosmtpd) in plain mode:
 * every message it receives, parsed, in arrival order. */
class Smtp {
  constructor({ python, script, artifacts }) {
    this.python = python;
    this.script = script;
    this.log = path.join(artifacts, "smtp-server.log");
    this.messages = [];
    this.waiters = [];
  }

  async start() {
    const err = fs.openSync(this.log, "w");
    this.proc = spawn(this.python, [this.script, "plain"], { stdio: ["ignore", "pipe", err] });
    fs.closeSync(err);
    this.proc.on("error", () => {});
    let buffered = "";
    this.ready = new Promise((resolve, reject) => {
      this.proc.stdout.on("data", (chunk) => {
        buffered += chunk.toString("utf8");
        let nl;
        while ((nl = buffered.indexOf("\n")) >= 0) {
          const line = buffered.slice(0, nl);
          buffered = buffered.slice(nl + 1);
          let event;
          try {
            event = JSON.parse(line);
          } catch {
            continue;
          }
          if (event.event === "ready") {
            this.port = event.port;
            resolve();
          } else if (event.event === "message") {
            this.messages.push(event);
            this.waiters = this.waiters.filter((w) => !w());
          }
        }
      });
      this.proc.once("exit", (code) => reject(new Error(`the SMTP server exited (${code}); log ${this.log}:\n${tail(this.log)}`)));
    });
    await Promise.race([this.ready, sleep(30000).then(() => Promise.reject(new Error("the SMTP server did not start")))]);
  }

  /** The first message (after `since` messages) that `pred` accepts,
   * waiting up to `timeoutMs` for it. */
  next(pred, { since = 0, timeoutMs = 60000 } = {}) {
    return new Promise((resolve, reject) => {
      const find = () => {
        const m = this.messages.slice(since).find(pred);
        if (m) resolve(m);
        return Boolean(m);
      };
      if (find()) return;
      this.waiters.push(find);
      setTimeout(() => reject(new Error(`no matching message within ${timeoutMs / 1000}s; got ${JSON.stringify(this.messages.map((m) => [m.to, m.subject]))}`)), timeoutMs);
    });
  }

  /** Latchkey's [email] section for this server. */
  env() {
    return {
      LATCHKEY_EMAIL__HOST: "localhost",
      LATCHKEY_EMAIL__PORT: String(this.port),
      LATCHKEY_EMAIL__TLS: "none",
      LATCHKEY_EMAIL__FROM: "Latchkey <id@example.com>",
    };
  }

  async stop() {
    await stopProcess(this.proc, 2000);
  }
}

class Latchkey {
  constructor({ bin, workdir, artifacts, mfa }) {
    this.bin = bin;
    this.workdir = workdir;
    this.mfa = mfa;
    this.extraEnv = {};
    this.log = path.join(artifacts, "latchkey-serve.log");
    this.proc = null;
  }

  async start() {
    this.port = await freePort();
    this.origin = `http://localhost:${this.port}`;
    // Latchkey refuses unknown LATCHKEY_* keys, so none of ours (LATCHKEY_BIN) is passed on.
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("LATCHKEY_")));
    Object.assign(env, {
      LATCHKEY_ISSUER: this.origin,
      LATCHKEY_LISTEN: `127.0.0.1:${this.port}`,
      LATCHKEY_DATABASE: path.join(this.workdir, "latchkey.sqlite"),
      LATCHKEY_MFA: this.mfa,
      NO_COLOR: "1", // plain log lines
      ...this.extraEnv,
    });
    this.env = env;
    const out = fs.openSync(this.log, "w");
    this.proc = spawn(this.bin, ["serve"], { env, stdio: ["ignore", out, out] });
    fs.closeSync(out);
    this.proc.on("error", () => {}); // reported through exitCode / waitReady
    // Generous: a debug build may make its RSA signing key on first start.
    await waitReady("latchkey serve", this.proc, `http://127.0.0.1:${this.port}/healthz`, this.log, 120000);
  }

  /** `latchkey ARGS...` against the same database; returns stdout. */
  cli(args, stdin = "") {
    const r = spawnSync(this.bin, args, { env: this.env, input: stdin, encoding: "utf8", timeout: 120000 });
    if (r.status !== 0) {
      throw new Error(
        `\`latchkey ${args.join(" ")}\` failed (status ${r.status}, ${r.error || "no spawn error"})\nstdout: ${r.stdout}\nstderr: ${r.stderr}`,
      );
    }
    return r.stdout;
  }

  async stop() {
    await stopProcess(this.proc);
  }
}

class Django {
  constructor({ python, projectDir, workdir, artifacts }) {
    this.python = python;
    this.projectDir = projectDir;
    this.workdir = workdir;
    this.log = path.join(artifacts, "django-runserver.log");
    this.proc = null;
  }

  async pickPort() {
    this.port = await freePort();
    this.origin = `http://localhost:${this.port}`;
    return this.port;
  }

  /** Environment of e2eproject, configured as Paperless reads it. */
  configure(providers) {
    this.env = {
      ...process.env,
      PYTHONPATH: this.projectDir,
      PYTHONDONTWRITEBYTECODE: "1", // keep the source tree clean
      PYTHONUNBUFFERED: "1",
      DJANGO_SETTINGS_MODULE: "e2eproject.settings",
      E2E_DJANGO_DB: path.join(this.workdir, "django.sqlite3"),
      PAPERLESS_SOCIALACCOUNT_PROVIDERS: JSON.stringify(providers),
      PAPERLESS_ACCOUNT_DEFAULT_HTTP_PROTOCOL: "http",
      PAPERLESS_SOCIAL_AUTO_SIGNUP: "true",
      PAPERLESS_SOCIAL_ACCOUNT_SYNC_GROUPS: "true",
    };
  }

  /** `python -m django ARGS...` (e2eproject has no manage.py); returns stdout. */
  manage(args) {
    const r = spawnSync(this.python, ["-m", "django", ...args], {
      env: this.env,
      cwd: this.workdir,
      encoding: "utf8",
      timeout: 120000,
    });
    if (r.status !== 0) {
      throw new Error(`\`django ${args.join(" ")}\` failed (status ${r.status})\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
    }
    return r.stdout;
  }

  shell(code) {
    return this.manage(["shell", "--no-imports", "--verbosity", "0", "-c", code]).trim();
  }

  async start() {
    this.manage(["migrate", "--verbosity", "0", "--no-input"]);
    const out = fs.openSync(this.log, "w");
    this.proc = spawn(this.python, ["-m", "django", "runserver", `127.0.0.1:${this.port}`, "--noreload"], {
      env: this.env,
      cwd: this.workdir,
      stdio: ["ignore", out, out],
    });
    fs.closeSync(out);
    this.proc.on("error", () => {});
    await waitReady("django runserver", this.proc, `http://127.0.0.1:${this.port}/`, this.log, 60000);
  }

  async stop() {
    await stopProcess(this.proc);
  }
}

module.exports = { Latchkey, Django, Smtp, freePort, sleep, tail, stopProcess };
