import { describe, expect, it } from "vitest";
import { redactBody, redactHeaders, redactText, REDACTED } from "./redact.js";
import { containsSecret, leakedSources, sensitiveLeaves, uniqueSensitive } from "./secrets.js";

const SECRET = "s3cr3t-Password-value";

describe("containsSecret", () => {
  it("finds a secret in plain text", () => {
    expect(containsSecret(`prefix ${SECRET} suffix`, SECRET)).toBe(true);
  });

  it("finds a secret inside base64 or base64url, at any alignment", () => {
    for (const prefix of ["", "x", "xy", '{"password":"']) {
      const text = `${prefix}${SECRET}"}`;
      expect(containsSecret(Buffer.from(text).toString("base64"), SECRET)).toBe(true);
      expect(containsSecret(`v1.${Buffer.from(text).toString("base64url")}.sig`, SECRET)).toBe(true);
    }
  });

  it("finds an encoded secret embedded in a longer token", () => {
    const token = Buffer.concat([
      Buffer.from([1, 2, 3, 4, 5]),
      Buffer.from(SECRET),
      Buffer.from([9, 9]),
    ]).toString("base64");
    expect(containsSecret(`c1.${token}`, SECRET)).toBe(true);
  });

  it("finds a secret in hex, either case", () => {
    const hex = Buffer.from(`{"key":"${SECRET}"}`).toString("hex");
    expect(containsSecret(hex, SECRET)).toBe(true);
    expect(containsSecret(`x-${hex.toUpperCase()}`, SECRET)).toBe(true);
  });

  it("finds a URL-encoded secret, however the escapes are written", () => {
    const secret = "wJal/rXUt+nFEMI=K7MDENG";
    const encoded = encodeURIComponent(secret);
    expect(encoded).not.toContain(secret);
    expect(containsSecret(`a=1&key=${encoded}`, secret)).toBe(true);
    const lowerEscapes = encoded.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase());
    expect(containsSecret(`key=${lowerEscapes}`, secret)).toBe(true);
    expect(containsSecret(new URLSearchParams({ key: secret }).toString(), secret)).toBe(true);
    expect(containsSecret(`100% sure: ${secret.replace("/", "%2F")}`, secret)).toBe(true);
  });

  it("does not find what is not there", () => {
    expect(containsSecret(Buffer.from("nothing to see here at all").toString("base64"), SECRET)).toBe(false);
    expect(containsSecret("", SECRET)).toBe(false);
  });
});

describe("sensitive values", () => {
  it("takes credential leaves of at least six characters, skipping user names and CA certificates", () => {
    const leaves = sensitiveLeaves(
      {
        username: "default-user",
        password: SECRET,
        url: `redis://:${SECRET}@h:1`,
        short: "abc",
        ca_certificate: "-----BEGIN",
      },
      "returned",
    );
    expect(leaves.map((leaf) => leaf.source)).toEqual(["returned.password", "returned.url"]);
  });

  it("names the source of a leak, never the value", () => {
    const sensitive = uniqueSensitive(sensitiveLeaves({ account: { key: SECRET } }, "sent"));
    expect(leakedSources(`{"host":"${SECRET}"}`, sensitive)).toEqual(["sent.account.key"]);
  });
});

describe("redaction", () => {
  const sensitive = uniqueSensitive(
    sensitiveLeaves({ password: SECRET, url: `redis://:${SECRET}@h:1` }, "x"),
  );

  it("replaces secret members and known values in bodies, plain or base64", () => {
    const body = JSON.stringify({
      resource: { values: { host: "h", leaked: SECRET, encoded: Buffer.from(SECRET).toString("base64") } },
      driver: { secrets: { account: { key: "anything" } } },
    });
    const shown = redactBody(body, sensitive, 10_000) ?? "";
    expect(shown).not.toContain(SECRET);
    expect(shown).not.toContain("anything");
    expect(shown).not.toContain(Buffer.from(SECRET).toString("base64").slice(4, -4));
    expect(shown).toContain(REDACTED);
  });

  it("replaces hex and URL-encoded forms too", () => {
    const shown = redactText(
      `${Buffer.from(SECRET).toString("hex")} ${encodeURIComponent(`${SECRET}/`)}`,
      sensitive,
    );
    expect(shown).toBe(`${REDACTED} ${REDACTED}%2F`);
  });

  it("withholds credentials and cookies in headers but keeps their size", () => {
    expect(
      redactHeaders({
        authorization: "Bearer abc",
        "humanitec-driver-cookie": "xyz",
        accept: "application/json",
      }),
    ).toEqual({
      authorization: `${REDACTED} (10 bytes)`,
      "humanitec-driver-cookie": `${REDACTED} (3 bytes)`,
      accept: "application/json",
    });
  });

  it("cuts long bodies", () => {
    expect(redactBody("x".repeat(50), [], 10)).toBe(`${"x".repeat(10)}… (40 more characters)`);
  });
});
