// RFC 6238 TOTP (RFC 4226 HOTP over a time step) with node:crypto, and the
// otpauth:// URI an authenticator app scans. No dependencies.
"use strict";

const crypto = require("node:crypto");

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** RFC 4648 base32 (no padding needed, case-insensitive) -> Buffer. */
function base32Decode(text) {
  const clean = text.replace(/[\s=]/g, "").toUpperCase();
  let bits = 0;
  let value = 0;
  const out = [];
  for (const ch of clean) {
    const idx = BASE32.indexOf(ch);
    if (idx < 0) throw new Error(`invalid base32 character ${JSON.stringify(ch)}`);
    value = (value << 5) | idx;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** RFC 4226 HOTP value for `counter`. */
function hotp(key, counter, digits = 6, algorithm = "sha1") {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const mac = crypto.createHmac(algorithm, key).update(msg).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const bin = (mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** digits;
  return String(bin).padStart(digits, "0");
}

/** An authenticator app holding one TOTP secret. */
class Totp {
  constructor({ secret, digits = 6, period = 30, algorithm = "SHA1" }) {
    this.key = base32Decode(secret);
    this.digits = digits;
    this.period = period;
    this.algorithm = algorithm.toLowerCase();
    if (this.key.length === 0) throw new Error("empty TOTP secret");
  }

  /** Reads an otpauth://totp/... URI (what the enrolment QR code holds). */
  static fromUri(uri) {
    if (!uri || !uri.startsWith("otpauth://totp/")) {
      throw new Error(`not an otpauth://totp/ URI: ${JSON.stringify(uri)}`);
    }
    const params = new URL(uri).searchParams;
    const secret = params.get("secret");
    if (!secret) throw new Error(`otpauth URI has no secret: ${uri}`);
    return new Totp({
      secret,
      digits: Number(params.get("digits") || 6),
      period: Number(params.get("period") || 30),
      algorithm: params.get("algorithm") || "SHA1",
    });
  }

  step(ms = Date.now()) {
    return Math.floor(ms / 1000 / this.period);
  }

  codeAt(step) {
    return hotp(this.key, step, this.digits, this.algorithm);
  }

  /** Milliseconds until step `step` begins (<= 0 if it has begun). */
  msUntilStep(step, nowMs = Date.now()) {
    return step * this.period * 1000 - nowMs;
  }

  /** A code that matches no step within `window` of now (for a wrong-code test). */
  wrongCode(window = 3) {
    const now = this.step();
    const valid = new Set();
    for (let s = now - window; s <= now + window; s++) valid.add(this.codeAt(s));
    for (let n = 0; ; n++) {
      const candidate = String(n).padStart(this.digits, "0");
      if (!valid.has(candidate)) return candidate;
    }
  }
}

module.exports = { base32Decode, hotp, Totp };
