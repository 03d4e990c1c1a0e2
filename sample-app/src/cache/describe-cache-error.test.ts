import { ConnectionTimeoutError, SimpleError, SocketClosedUnexpectedlyError, TimeoutError } from "redis";
import { describe, expect, it } from "vitest";
import type { CacheEndpoint } from "./cache.js";
import { describeCacheError, isTransportSymptom } from "./describe-cache-error.js";

const plain: CacheEndpoint = { host: "cache.example", port: 6379, tls: false };
const tls: CacheEndpoint = { ...plain, tls: true };

const systemError = (code: string) => Object.assign(new Error(`connect ${code}`), { code });

describe("describeCacheError", () => {
  it.each([
    [
      "ECONNREFUSED",
      plain,
      systemError("ECONNREFUSED"),
      "unreachable",
      "Connection refused by cache.example:6379",
    ],
    ["ENOTFOUND", plain, systemError("ENOTFOUND"), "unreachable", "could not be resolved (ENOTFOUND)"],
    ["EHOSTUNREACH", plain, systemError("EHOSTUNREACH"), "unreachable", "No network route"],
    [
      "WRONGPASS",
      plain,
      new SimpleError("WRONGPASS invalid username-password pair"),
      "auth",
      "REDIS_PASSWORD",
    ],
    ["NOAUTH", plain, new SimpleError("NOAUTH HELLO must be called"), "auth", "Set REDIS_PASSWORD"],
    ["untrusted cert", tls, systemError("SELF_SIGNED_CERT_IN_CHAIN"), "tls", "Set REDIS_CA_CERTIFICATE"],
    ["wrong host name", tls, systemError("ERR_TLS_CERT_ALTNAME_INVALID"), "tls", "does not name host"],
    ["expired cert", tls, systemError("CERT_HAS_EXPIRED"), "tls", "not valid now"],
    ["TLS to plain", tls, systemError("ERR_SSL_WRONG_VERSION_NUMBER"), "tls", "Set REDIS_TLS=false"],
    ["connect timeout", plain, new ConnectionTimeoutError(), "timeout", "within 5000 ms"],
    ["command timeout", plain, new TimeoutError("Command timeout"), "timeout", "did not answer"],
    ["not Redis", plain, new Error('Unknown RESP type 72 "H"'), "protocol", "not in the Redis protocol"],
    ["NOPERM", plain, new SimpleError("NOPERM no permissions"), "rejected", "REDIS_KEY_PREFIX"],
    [
      "SELECT on a cluster",
      plain,
      new SimpleError("ERR SELECT is not allowed in cluster mode"),
      "rejected",
      "Remove the database number",
    ],
  ] as const)("%s → %s", (_title, endpoint, error, kind, text) => {
    const failure = describeCacheError(error, { endpoint, handshake: true, timeoutMs: 5000 });
    expect(failure.kind).toBe(kind);
    expect(failure.reason).toContain(text);
  });

  it("names TLS as the likely cause when a plain connection is dropped during the handshake", () => {
    const failure = describeCacheError(systemError("ECONNRESET"), { endpoint: plain, handshake: true });
    expect(failure).toMatchObject({ kind: "lost" });
    expect(failure.reason).toContain("If the server requires TLS, set REDIS_TLS=true");
  });

  it("reports a TLS mismatch once a probe saw what the server speaks", () => {
    const toTls = describeCacheError(systemError("ECONNRESET"), {
      endpoint: plain,
      handshake: true,
      serverTransport: "tls",
    });
    expect(toTls).toMatchObject({ kind: "tls" });
    expect(toTls.reason).toContain("requires TLS, but REDIS_TLS is off");

    const toPlain = describeCacheError(new ConnectionTimeoutError(), {
      endpoint: tls,
      handshake: true,
      serverTransport: "plain-redis",
    });
    expect(toPlain).toMatchObject({ kind: "tls" });
    expect(toPlain.reason).toContain("speaks plain (unencrypted) Redis");
  });

  it("ignores a probe result for errors TLS cannot cause", () => {
    const failure = describeCacheError(systemError("ECONNREFUSED"), {
      endpoint: plain,
      handshake: true,
      serverTransport: "tls",
    });
    expect(failure.kind).toBe("unreachable");
  });

  it("calls a dropped established connection lost", () => {
    const failure = describeCacheError(new SocketClosedUnexpectedlyError(), {
      endpoint: plain,
      handshake: false,
    });
    expect(failure).toEqual({
      kind: "lost",
      reason: "The connection to cache.example:6379 was lost; reconnecting.",
    });
  });

  it("brackets IPv6 hosts", () => {
    const failure = describeCacheError(systemError("ECONNREFUSED"), {
      endpoint: { host: "::1", port: 6379, tls: false },
      handshake: true,
    });
    expect(failure.reason).toContain("[::1]:6379");
  });
});

describe("isTransportSymptom", () => {
  it("is true for handshake timeouts and dropped connections only", () => {
    expect(isTransportSymptom(new ConnectionTimeoutError())).toBe(true);
    expect(isTransportSymptom(systemError("ECONNRESET"))).toBe(true);
    expect(isTransportSymptom(systemError("ECONNREFUSED"))).toBe(false);
    expect(isTransportSymptom(new SimpleError("WRONGPASS"))).toBe(false);
  });
});
