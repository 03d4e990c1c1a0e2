import { generateKeyPairSync } from "node:crypto";
import { decodeJwt, decodeProtectedHeader, jwtVerify } from "jose";
import { describe, expect, it } from "vitest";
import { operatorJwt } from "./credentials.js";

describe("operatorJwt", () => {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const pem = privateKey.export({ type: "pkcs1", format: "pem" }).toString();

  it("signs RS256 tokens with the kid and orgID a driver checks, valid for five minutes, reused", async () => {
    const credentials = operatorJwt({ privateKey: pem, kid: "k1", org: "acme" });
    const token = await credentials.bearer();
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: "RS256", kid: "k1" });
    const { payload } = await jwtVerify(token, publicKey, { algorithms: ["RS256"] });
    expect(payload.orgID).toBe("acme");
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(300);
    expect(await credentials.bearer()).toBe(token);
    expect(credentials.issued()).toEqual([token]);
    expect(decodeJwt(token).orgID).toBe("acme");
    expect(credentials.description).toBe("Operator JWT (kid k1, org acme)");
  });

  it("refuses a key that is not an RSA private key, without quoting it", () => {
    expect(() => operatorJwt({ privateKey: "not a key", kid: "k", org: "o" })).toThrow(
      "operatorJwt.privateKey (--jwt-key) is not a private key in PEM",
    );
    const ec = generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey.export({
      type: "pkcs8",
      format: "pem",
    });
    expect(() => operatorJwt({ privateKey: ec.toString(), kid: "k", org: "o" })).toThrow(
      /is a ec key; RS256 needs RSA/,
    );
  });
});
