# syntax=docker/dockerfile:1
#
# Latchkey container image: one binary on Debian slim, run as an
# unprivileged user, state (SQLite database + secret.key) in the /data volume.
#
#   docker build -t latchkey .
#   docker run -d --name latchkey -p 8080:8080 -v latchkey-data:/data \
#     -e LATCHKEY_ISSUER=https://auth.example.com latchkey
#   docker exec -it latchkey latchkey user add alice --email alice@example.com
#
# Templates, migrations and static files are compiled into the binary, so the
# runtime stage needs nothing from the source tree.

############################ build ############################
FROM rust:1.95-bookworm AS builder

# OpenSSL headers for josekit / webauthn-rs (linked dynamically to libssl3).
RUN apt-get update \
 && apt-get install -y --no-install-recommends pkg-config libssl-dev \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /src
COPY . .

# BuildKit cache mounts keep the crate registry and the target directory
# between builds; the binary is copied out of the cached target dir.
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    --mount=type=cache,target=/usr/local/cargo/git \
    --mount=type=cache,target=/src/target \
    cargo build --release --locked \
 && install -m 0755 target/release/latchkey /usr/local/bin/latchkey

############################ runtime ##########################
FROM debian:bookworm-slim

RUN apt-get update \
 && apt-get install -y --no-install-recommends libssl3 ca-certificates \
 && rm -rf /var/lib/apt/lists/*

# Fixed uid/gid so bind-mounted data directories can be chowned beforehand:
#   install -d -o 10001 -g 10001 -m 0700 ./latchkey-data
RUN groupadd --system --gid 10001 latchkey \
 && useradd --system --uid 10001 --gid latchkey --home-dir /data \
      --no-create-home --shell /usr/sbin/nologin latchkey \
 && install -d -o latchkey -g latchkey -m 0700 /data

COPY --from=builder /usr/local/bin/latchkey /usr/local/bin/latchkey

# The database and the generated secret.key live side by side in /data:
# back them up together (see docs/configuration.md).
WORKDIR /data
VOLUME /data

# Set LATCHKEY_ISSUER to the public https URL at run time; everything else
# can stay at its default. NO_COLOR keeps ANSI escapes out of `docker logs`.
ENV LATCHKEY_DATABASE=/data/latchkey.sqlite \
    LATCHKEY_LISTEN=0.0.0.0:8080 \
    NO_COLOR=1

EXPOSE 8080

USER latchkey:latchkey

# `latchkey healthcheck` GETs /healthz on the configured listen address and
# exits 0 (healthy) or 1.
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
  CMD ["latchkey", "healthcheck"]

ENTRYPOINT ["latchkey"]
CMD ["serve"]
