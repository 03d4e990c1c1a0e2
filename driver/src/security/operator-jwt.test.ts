import { createPublicKey } from "node:crypto";
import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import {
  operatorKey,
  publicKeyAsHmacSecret,
  signOperatorToken,
  tamperedToken,
  unsignedToken,
} from "../../test/auth/operator-tokens.js";
import { verifyOperatorJwt } from "./operator-jwt.js";

const key = operatorKey("k1");
const other = operatorKey("k2");
const settings = {
  keys: new Map([[key.kid, createPublicKey(key.publicPem)]]),
  org: "acme",
  clockSkewSeconds: 5,
  maxTtlSeconds: 3_600,
};
const now = () => Math.floor(Date.now() / 1000);

/** Each way a token can be wrong, and the reason the driver gives (logged, never a secret). */
describe("verifyOperatorJwt", () => {
  it("accepts an RS256 token of a known key for the organisation", async () => {
    expect(await verifyOperatorJwt(await signOperatorToken(key, { orgID: "acme" }), settings)).toEqual({
      ok: true,
    });
  });

  it("accepts a token whose lifetime is the maximum, with or without iat", async () => {
    for (const issuedAt of [now(), null]) {
      const token = await signOperatorToken(key, { orgID: "acme" }, { issuedAt, expiresIn: now() + 3_600 });
      expect(await verifyOperatorJwt(token, settings)).toEqual({ ok: true });
    }
  });

  it.each([
    [
      "without exp",
      () => signOperatorToken(key, { orgID: "acme" }, { expiresIn: null }),
      "no exp claim (the token would never expire)",
    ],
    [
      "valid for longer than the maximum lifetime",
      () => signOperatorToken(key, { orgID: "acme" }, { expiresIn: "2h" }),
      "exp is 7200 s after iat, beyond the 3600 s the driver accepts (DRIVER_AUTH_JWT_MAX_TTL_S)",
    ],
    [
      "without iat and an exp beyond the maximum lifetime from now",
      () => signOperatorToken(key, { orgID: "acme" }, { issuedAt: null, expiresIn: now() + 7_200 }),
      "exp is 7200 s after now, beyond the 3600 s the driver accepts (DRIVER_AUTH_JWT_MAX_TTL_S)",
    ],
    [
      "issued long ago for long, though it expires soon",
      () => signOperatorToken(key, { orgID: "acme" }, { issuedAt: now() - 36_000, expiresIn: now() + 600 }),
      "exp is 36600 s after iat, beyond the 3600 s the driver accepts (DRIVER_AUTH_JWT_MAX_TTL_S)",
    ],
    [
      "whose iat lies ahead, stretching its lifetime",
      () =>
        signOperatorToken(key, { orgID: "acme" }, { issuedAt: now() + 36_000, expiresIn: now() + 37_800 }),
      "exp is 37800 s after now, beyond the 3600 s the driver accepts (DRIVER_AUTH_JWT_MAX_TTL_S)",
    ],
    [
      "expired",
      () => signOperatorToken(key, { orgID: "acme" }, { expiresIn: Math.floor(Date.now() / 1000) - 60 }),
      "expired",
    ],
    [
      "not yet valid",
      () => signOperatorToken(key, { orgID: "acme" }, { notBefore: Math.floor(Date.now() / 1000) + 600 }),
      "claim nbf is not valid (check_failed)",
    ],
    [
      "signed with HS256 and the public key",
      () => publicKeyAsHmacSecret(key, { orgID: "acme" }),
      "algorithm not allowed (only RS256)",
    ],
    [
      "unsigned (alg none)",
      () => Promise.resolve(unsignedToken({ orgID: "acme" }, key.kid)),
      "algorithm not allowed (only RS256)",
    ],
    [
      "changed after signing",
      async () => tamperedToken(await signOperatorToken(key, { orgID: "acme" }), { orgID: "evil" }),
      "signature does not verify",
    ],
    [
      "signed by another key under a known kid",
      () => signOperatorToken(other, { orgID: "acme" }, { kid: "k1" }),
      "signature does not verify",
    ],
    ["not a JWT", () => Promise.resolve("not-a-token"), "malformed token"],
    ["of an unknown key id", () => signOperatorToken(other, { orgID: "acme" }), "unknown key id (kid)"],
    [
      "without a key id",
      () => signOperatorToken(key, { orgID: "acme" }, { kid: null }),
      "no key id (kid) in the header",
    ],
    ["without orgID", () => signOperatorToken(key, {}), "no orgID claim"],
    [
      "of another organisation",
      () => signOperatorToken(key, { orgID: "umbrella" }),
      "orgID is another organisation",
    ],
    [
      "with a critical header the driver does not know",
      () =>
        new SignJWT({ orgID: "acme" })
          .setProtectedHeader({ alg: "RS256", kid: "k1", crit: ["exp-ext"], "exp-ext": true })
          .setExpirationTime("5m")
          .sign(key.privateKey, { crit: { "exp-ext": true } }),
      "unsupported token",
    ],
  ])("refuses a token %s", async (_name, make, reason) => {
    expect(await verifyOperatorJwt(await make(), settings)).toEqual({ ok: false, reason });
  });
});
