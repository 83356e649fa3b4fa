"""Runs the real Latchkey binary: `latchkey serve` as a child process, and CLI calls.

The server and the CLI share one environment (issuer, listen address, SQLite
file, MFA policy), so CLI calls made while the server runs change the data the
server sees, as an admin would do it.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from pathlib import Path

import requests


class LatchkeyError(Exception):
    """Latchkey could not be started or a CLI call failed."""


def free_loopback_port() -> int:
    """A TCP port that is free on 127.0.0.1 right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _die_with_parent() -> None:
    """preexec_fn: have Linux send SIGTERM to the server if the test process dies,
    so a killed or timed-out scenario never leaves a server behind."""
    try:
        import ctypes

        PR_SET_PDEATHSIG = 1
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):
        pass  # not Linux/glibc: stop() still ends the server on normal exits


class Latchkey:
    """One Latchkey instance with its own port and database in `workdir`."""

    def __init__(self, binary: str, workdir: Path, mfa: str) -> None:
        self.binary = binary
        self.port = free_loopback_port()
        self.issuer = f"http://localhost:{self.port}"
        # Latchkey refuses unknown LATCHKEY_* keys (typo protection), so the
        # harness's own variables (LATCHKEY_BIN) are not passed on.
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("LATCHKEY_")}
        self.env.update(
            LATCHKEY_ISSUER=self.issuer,
            LATCHKEY_LISTEN=f"127.0.0.1:{self.port}",
            LATCHKEY_DATABASE=str(workdir / "latchkey.sqlite"),
            LATCHKEY_MFA=mfa,
        )
        self.log_path = workdir / "latchkey-serve.log"
        self._log = None
        self.proc: subprocess.Popen | None = None

    def start(self, ready_timeout: float = 30.0, poll_interval: float = 0.05) -> None:
        """Start `latchkey serve` and wait until GET /healthz answers 200.

        The wait is bounded (ready_timeout / poll_interval tries). Its default is
        generous because a debug build may generate an RSA signing key on its
        first start, which is slow without optimisations.
        """
        self._log = open(self.log_path, "wb")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(
            [self.binary, "serve"],
            env=self.env,
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            preexec_fn=_die_with_parent,  # noqa: PLW1509 - no threads run yet
        )
        url = f"{self.issuer}/healthz"
        last_error = "no answer"
        for _ in range(int(ready_timeout / poll_interval)):
            code = self.proc.poll()
            if code is not None:
                raise LatchkeyError(f"`latchkey serve` exited with code {code} before it was ready")
            try:
                resp = requests.get(url, timeout=1)
                if resp.status_code == 200:
                    return
                last_error = f"HTTP {resp.status_code}"
            except requests.RequestException as exc:
                last_error = type(exc).__name__
            time.sleep(poll_interval)
        raise LatchkeyError(f"{url} not ready after {ready_timeout:.0f}s (last: {last_error})")

    def cli(self, *args: str, stdin: str | None = None, timeout: float = 60) -> str:
        """Run `latchkey ARGS...` against the same database; return its stdout."""
        result = subprocess.run(
            [self.binary, *args],
            check=False,
            env=self.env,
            input=stdin if stdin is not None else "",
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if result.returncode != 0:
            raise LatchkeyError(
                f"`latchkey {' '.join(args)}` exited with code {result.returncode}\n"
                f"stdout: {result.stdout.strip()}\nstderr: {result.stderr.strip()}"
            )
        return result.stdout

    def stop(self) -> None:
        """Terminate the server (SIGTERM, then SIGKILL after 10 s)."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        if self._log is not None:
            self._log.close()
            self._log = None

    def log_tail(self, max_lines: int = 200) -> str:
        """The last lines the server printed (stdout and stderr)."""
        try:
            lines = self.log_path.read_text(errors="replace").splitlines()
        except OSError:
            return "(no server log)"
        return "\n".join(lines[-max_lines:]) or "(server printed nothing)"
