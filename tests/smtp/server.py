"""A real SMTP server (aiosmtpd) for Latchkey's email tests, on a loopback
port of its own choosing.

    python server.py MODE [--ca-out FILE] [--user NAME --password PW]

MODE is one of
    plain     SMTP without TLS
    starttls  STARTTLS required before MAIL (and before AUTH)
    tls       TLS from the first byte (implicit TLS, "SMTPS")
    refuse    every recipient gets 451 (a temporary refusal: retry)
    reject    every recipient gets 550 (a permanent one: give up)
    hang      accepts connections and never says a word

For the TLS modes a throw-away certificate authority (trustme) issues a
certificate for localhost and 127.0.0.1; --ca-out writes its PEM, which
the client must trust. With --user, AUTH is required and checked.

Prints one JSON object per line on standard output, flushed:
    {"event": "ready", "port": N}
    {"event": "connect"}            (again after STARTTLS: a new protocol)
    {"event": "auth", "user": "...", "ok": true}
    {"event": "refused", "rcpt": "...", "code": 451}
    {"event": "message", "from": ..., "to": [...], "subject": ...,
     "text": ..., "html": ..., "headers": {...}}
"""

import argparse
import asyncio
import email
import email.policy
import json
import ssl
import sys

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


def emit(**event):
    sys.stdout.write(json.dumps(event) + "\n")
    sys.stdout.flush()


class Handler:
    def __init__(self, mode):
        self.mode = mode

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.mode == "refuse":
            emit(event="refused", rcpt=address, code=451)
            return "451 4.3.0 Mailbox busy, try again later"
        if self.mode == "reject":
            emit(event="refused", rcpt=address, code=550)
            return "550 5.1.1 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        msg = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        parts = {"text/plain": None, "text/html": None}
        for part in msg.walk():
            kind = part.get_content_type()
            if kind in parts and parts[kind] is None and not part.is_multipart():
                parts[kind] = part.get_content()
        emit(
            event="message",
            **{"from": envelope.mail_from},
            to=envelope.rcpt_tos,
            subject=str(msg["subject"]),
            text=parts["text/plain"],
            html=parts["text/html"],
            headers={k: str(v) for k, v in msg.items()},
            # Every part's content type, to catch remote images or stray parts.
            parts=[p.get_content_type() for p in msg.walk()],
        )
        return "250 2.0.0 Ok: queued as test-1"


class Server(SMTP):
    def connection_made(self, transport):
        emit(event="connect")
        super().connection_made(transport)


def authenticator(user, password):
    def check(server, session, envelope, mechanism, auth_data):
        if not isinstance(auth_data, LoginPassword):
            return AuthResult(success=False, handled=False)
        ok = auth_data.login.decode() == user and auth_data.password.decode() == password
        emit(event="auth", user=auth_data.login.decode(), ok=ok)
        # handled=False: aiosmtpd then answers 535 itself.
        return AuthResult(success=ok, handled=False)

    return check


async def hang(reader, writer):
    emit(event="connect")
    # Read and ignore everything; never greet.
    while await reader.read(1024):
        pass


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["plain", "starttls", "tls", "refuse", "reject", "hang"])
    parser.add_argument("--ca-out")
    parser.add_argument("--user")
    parser.add_argument("--password")
    args = parser.parse_args()
    loop = asyncio.get_running_loop()

    if args.mode == "hang":
        server = await asyncio.start_server(hang, "127.0.0.1", 0)
    else:
        context = None
        if args.mode in ("starttls", "tls"):
            import trustme

            ca = trustme.CA()
            cert = ca.issue_cert("localhost", "127.0.0.1")
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            cert.configure_cert(context)
            if args.ca_out:
                ca.cert_pem.write_to_path(args.ca_out)
        options = dict(hostname="localhost", ident="latchkey-test-smtp")
        if args.user:
            options.update(
                authenticator=authenticator(args.user, args.password or ""),
                auth_required=True,
                auth_require_tls=args.mode == "starttls",
            )
        if args.mode == "starttls":
            options.update(tls_context=context, require_starttls=True)
        handler = Handler(args.mode)

        def factory():
            return Server(handler, **options)

        ssl_context = context if args.mode == "tls" else None
        server = await loop.create_server(factory, "127.0.0.1", 0, ssl=ssl_context)

    emit(event="ready", port=server.sockets[0].getsockname()[1])
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        pass
