// A real `latchkey serve` as a child process, plus CLI calls against its
// database, for the openid-client end-to-end test.

import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

/** A TCP port free on 127.0.0.1 right now. */
export function freePort() {
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

/** The last lines of a log file, for error messages. */
function tail(file, lines = 40) {
  try {
    return fs.readFileSync(file, "utf8").split("\n").slice(-lines).join("\n") || "(empty log)";
  } catch {
    return "(no log)";
  }
}

export class Latchkey {
  /**
   * @param {object} o
   * @param {string} o.bin     the latchkey binary
   * @param {string} o.workdir a fresh temporary directory (database, log)
   */
  constructor({ bin, workdir }) {
    this.bin = bin;
    this.workdir = workdir;
    this.log = path.join(workdir, "latchkey-serve.log");
    this.proc = null;
  }

  /** Starts `latchkey serve` and waits (bounded) for GET /healthz = 200. */
  async start({ timeoutMs = 120_000 } = {}) {
    this.port = await freePort();
    this.issuer = `http://localhost:${this.port}`;
    // Latchkey rejects unknown LATCHKEY_* keys, so none of ours (LATCHKEY_BIN)
    // is passed on: exactly the four settings below.
    const env = Object.fromEntries(
      Object.entries(process.env).filter(([k]) => !k.startsWith("LATCHKEY_")),
    );
    Object.assign(env, {
      LATCHKEY_ISSUER: this.issuer,
      LATCHKEY_LISTEN: `127.0.0.1:${this.port}`,
      LATCHKEY_DATABASE: path.join(this.workdir, "latchkey.sqlite"),
      // Password-only logins: this test is about the protocol, not MFA.
      LATCHKEY_MFA: "optional",
      NO_COLOR: "1",
    });
    this.env = env;
    const out = fs.openSync(this.log, "w");
    this.proc = spawn(this.bin, ["serve"], { env, stdio: ["ignore", out, out] });
    fs.closeSync(out);
    this.proc.on("error", () => {}); // surfaced through exitCode below

    const url = `http://127.0.0.1:${this.port}/healthz`;
    const deadline = Date.now() + timeoutMs;
    let last = "no answer";
    while (Date.now() < deadline) {
      if (this.proc.exitCode !== null || this.proc.signalCode !== null) {
        throw new Error(
          `latchkey serve exited (code ${this.proc.exitCode}, signal ${this.proc.signalCode}) ` +
            `before it was ready; log:\n${tail(this.log)}`,
        );
      }
      try {
        const r = await fetch(url, { signal: AbortSignal.timeout(2000), redirect: "manual" });
        if (r.status === 200) return;
        last = `HTTP ${r.status}`;
      } catch (e) {
        last = e.cause?.code || e.name;
      }
      await sleep(100);
    }
    throw new Error(`${url} not ready after ${timeoutMs / 1000}s (last: ${last}); log:\n${tail(this.log)}`);
  }

  /** `latchkey ARGS...` with the server's environment; returns stdout. */
  cli(args, stdin = "") {
    const r = spawnSync(this.bin, args, { env: this.env, input: stdin, encoding: "utf8", timeout: 120_000 });
    if (r.status !== 0) {
      throw new Error(
        `\`latchkey ${args.join(" ")}\` failed (status ${r.status}, ${r.error || "no spawn error"})\n` +
          `stdout: ${r.stdout}\nstderr: ${r.stderr}`,
      );
    }
    return r.stdout;
  }

  /** Registers a client; returns its secret (confidential) or undefined (public). */
  addClient(clientId, args) {
    const out = this.cli(["client", "add", clientId, ...args]);
    return /^client_secret: (\S+)$/m.exec(out)?.[1];
  }

  /** The last lines of the server log (for failure messages). */
  logTail(lines) {
    return tail(this.log, lines);
  }

  /** SIGTERM, then SIGKILL after `graceMs`. */
  async stop(graceMs = 10_000) {
    const p = this.proc;
    if (!p || p.exitCode !== null || p.signalCode !== null) return;
    const exited = new Promise((r) => p.once("exit", r));
    p.kill("SIGTERM");
    if ((await Promise.race([exited, sleep(graceMs).then(() => "timeout")])) === "timeout") {
      p.kill("SIGKILL");
      await exited;
    }
  }
}
