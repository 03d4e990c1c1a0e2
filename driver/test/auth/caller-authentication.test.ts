import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, inputData, newGuresid, type Answer } from "../support/http.js";
import { startTestDriver, type TestDriver } from "../support/test-driver.js";
import {
  operatorKey,
  publicKeyAsHmacSecret,
  signOperatorToken,
  tamperedToken,
  unsignedToken,
} from "./operator-tokens.js";

const SECRET = "Zq8pW3nV6tY1rX4mK7cJ0bH2gF5dS9aL";
const TOKEN = "shared-token-0123456789";
const ORG = "acme-platform";
const FAKE = { DRIVER_PROVISIONER: "fake", FAKE_AUTO_FINISH_MS: "0" };
const put = (url: string, headers: Record<string, string> = {}) =>
  call(url, { method: "PUT", body: inputData(), headers });
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** Authenticated: the fake provisioner answers 200, 202 or 204, whatever it is doing. */
const expectAccepted = (answer: Answer) => {
  expect([200, 202, 204]).toContain(answer.status);
};

const expectRejected = (answer: Answer) => {
  expect(answer.status).toBe(401);
  expect(answer.body).toMatchObject({
    error: "RES-110",
    message: expect.stringContaining("no accepted credentials"),
  });
};

describe("secret target path", () => {
  let driver: TestDriver;
  beforeAll(async () => {
    driver = await startTestDriver({ ...FAKE, DRIVER_AUTH_PATH_SECRET: SECRET, DRIVER_BASE_PATH: "/redis" });
  });
  afterAll(async () => {
    await driver?.close();
  });

  it("serves the contract under the secret, and its URL carries it", async () => {
    expect(driver.url).toBe(`${driver.origin}/${SECRET}/redis/`);
    const id = newGuresid();
    expectAccepted(await put(`${driver.url}${id}`));
    expectAccepted(await call(`${driver.url}${id}`, { method: "GET" }));
    expect(
      (await call(`${driver.seedUrl}`, { method: "POST", body: { id: newGuresid(), type: "redis" } })).status,
    ).toBe(200);
    expectAccepted(await call(`${driver.url}${id}`, { method: "DELETE" }));
  });

  it("answers a wrong or missing secret exactly as an unknown path", async () => {
    const unknown = await put(`${driver.origin}/nowhere/redis/${newGuresid()}`);
    expect(unknown.status).toBe(404);
    const oneOff = `${SECRET.slice(0, -1)}${SECRET.at(-1) === "a" ? "b" : "a"}`;
    for (const prefix of [
      oneOff,
      SECRET.toLowerCase(),
      SECRET.toUpperCase(),
      `${SECRET}x`,
      SECRET.slice(1),
      "",
    ]) {
      const answer = await put(`${driver.origin}/${prefix}${prefix ? "/" : ""}redis/${newGuresid()}`);
      expect(answer.status, prefix).toBe(404);
      expect(answer.body, prefix).toMatchObject({
        error: "RES-109",
        message: expect.stringMatching(/^no route for PUT /),
      });
      expect(Object.keys(answer.body as object).sort()).toEqual(Object.keys(unknown.body as object).sort());
      expect(answer.text).not.toContain(SECRET);
    }
    // A bearer token is no way around it when the path is the only mode.
    expect((await put(`${driver.origin}/redis/${newGuresid()}`, bearer(TOKEN))).status).toBe(404);
  });

  it("never shows the secret: not in errors, hints, the OpenAPI document or a log line", async () => {
    const answers = [
      await put(`${driver.url}NOT-A-VALID-ID`),
      await call(`${driver.url}${newGuresid()}`, { method: "PATCH", body: {} }),
      await call(`${driver.url}${newGuresid()}/extra`, { method: "GET" }),
      await call(`${driver.origin}/openapi.json`, { method: "GET" }),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([400, 405, 404, 200]);
    for (const answer of answers) {
      expect(answer.text).not.toContain(SECRET);
      expect(JSON.stringify([...answer.headers])).not.toContain(SECRET);
    }
    expect(driver.logs.text()).not.toContain(SECRET);
    expect(driver.logs.text()).toContain("no route for");
  });
});

describe("Operator JWT", () => {
  const current = operatorKey("key-2026");
  const previous = operatorKey("key-2025");
  const stranger = operatorKey("key-2026");
  let driver: TestDriver;
  beforeAll(async () => {
    driver = await startTestDriver({
      ...FAKE,
      DRIVER_AUTH_JWT_KEYS: `${current.kid}=${current.publicPem},${previous.kid}=${previous.publicPem}`,
      DRIVER_AUTH_JWT_ORG: ORG,
      DRIVER_AUTH_JWT_CLOCK_SKEW_S: "30",
      DRIVER_AUTH_JWT_MAX_TTL_S: "600",
    });
  });
  afterAll(async () => {
    await driver?.close();
  });
  const url = () => `${driver.url}${newGuresid()}`;

  it("accepts RS256 tokens of the organisation from every configured key", async () => {
    expectAccepted(await put(url(), bearer(await signOperatorToken(current, { orgID: ORG }))));
    expectAccepted(await put(url(), bearer(await signOperatorToken(previous, { orgID: ORG }))));
    // Within the clock skew an expired token still passes.
    const justExpired = await signOperatorToken(
      current,
      { orgID: ORG },
      { expiresIn: Math.floor(Date.now() / 1000) - 10 },
    );
    expectAccepted(await put(url(), bearer(justExpired)));
  });

  it("accepts a token valid for the configured maximum lifetime and refuses one without exp or valid longer, naming why", async () => {
    expectAccepted(
      await put(url(), bearer(await signOperatorToken(current, { orgID: ORG }, { expiresIn: "10m" }))),
    );
    for (const [options, reason] of [
      [{ expiresIn: null }, "jwt: no exp claim (the token would never expire)"],
      [{ expiresIn: "1h" }, "jwt: exp is 3600 s after iat, beyond the 600 s the driver accepts"],
    ] as const) {
      const answer = await put(url(), bearer(await signOperatorToken(current, { orgID: ORG }, options)));
      expectRejected(answer);
      expect((answer.body as { message: string }).message).toContain(reason);
    }
  });

  it.each([
    ["no token", async () => ""],
    ["alg none", async () => unsignedToken({ orgID: ORG }, current.kid)],
    ["HS256 keyed with the public key", () => publicKeyAsHmacSecret(current, { orgID: ORG })],
    ["an unknown kid", () => signOperatorToken(current, { orgID: ORG }, { kid: "key-1999" })],
    ["no kid", () => signOperatorToken(current, { orgID: ORG }, { kid: null })],
    ["a key that is not configured, under a known kid", () => signOperatorToken(stranger, { orgID: ORG })],
    [
      "a tampered payload",
      async () => tamperedToken(await signOperatorToken(current, { orgID: "other" }), { orgID: ORG }),
    ],
    ["another organisation", () => signOperatorToken(current, { orgID: "someone-else" })],
    ["no orgID claim", () => signOperatorToken(current, { sub: "operator" })],
    [
      "an expired token",
      () => signOperatorToken(current, { orgID: ORG }, { expiresIn: Math.floor(Date.now() / 1000) - 120 }),
    ],
    [
      "a token not valid yet",
      () => signOperatorToken(current, { orgID: ORG }, { notBefore: Math.floor(Date.now() / 1000) + 120 }),
    ],
    ["the shared-token style", async () => TOKEN],
  ])("refuses %s with 401, logged once with its reason", async (_name, make) => {
    const token = await make();
    const answer = await put(url(), token ? bearer(token) : {});
    expectRejected(answer);
    expect(answer.headers.get("www-authenticate")).toMatch(/^Bearer/);
    if (token) expect(driver.logs.text()).not.toContain(token);
  });
});

describe("source allow-list", () => {
  let drivers: TestDriver[] = [];
  const start = async (env: NodeJS.ProcessEnv) => {
    const driver = await startTestDriver({ ...FAKE, ...env });
    drivers.push(driver);
    return driver;
  };
  afterAll(async () => {
    for (const driver of drivers) await driver.close();
    drivers = [];
  });

  it("accepts a caller whose own address is allowed", async () => {
    const driver = await start({ DRIVER_AUTH_SOURCES: "127.0.0.0/8" });
    expectAccepted(await put(`${driver.url}${newGuresid()}`));
  });

  it("refuses other addresses, and a spoofed X-Forwarded-For changes nothing without a trusted proxy", async () => {
    const driver = await start({ DRIVER_AUTH_SOURCES: "10.0.0.0/8" });
    expectRejected(await put(`${driver.url}${newGuresid()}`));
    const spoofed = await put(`${driver.url}${newGuresid()}`, { "x-forwarded-for": "10.1.2.3" });
    expectRejected(spoofed);
    expect((spoofed.body as { message: string }).message).toContain("127.0.0.1 is not allowed");
  });

  it("believes X-Forwarded-For only from a trusted proxy", async () => {
    const trusted = await start({
      DRIVER_AUTH_SOURCES: "10.0.0.0/8",
      DRIVER_TRUSTED_PROXIES: "127.0.0.1/32",
    });
    expectAccepted(await put(`${trusted.url}${newGuresid()}`, { "x-forwarded-for": "10.1.2.3" }));
    expectRejected(await put(`${trusted.url}${newGuresid()}`, { "x-forwarded-for": "192.0.2.7" }));
    const untrusted = await start({
      DRIVER_AUTH_SOURCES: "10.0.0.0/8",
      DRIVER_TRUSTED_PROXIES: "192.0.2.0/24",
    });
    expectRejected(await put(`${untrusted.url}${newGuresid()}`, { "x-forwarded-for": "10.1.2.3" }));
  });
});

describe("combined modes: any one accepting is enough", () => {
  const key = operatorKey("combined");
  let driver: TestDriver;
  beforeAll(async () => {
    driver = await startTestDriver({
      ...FAKE,
      DRIVER_AUTH_PATH_SECRET: SECRET,
      DRIVER_AUTH_TOKEN: TOKEN,
      DRIVER_AUTH_JWT_KEYS: `${key.kid}=${key.publicPem}`,
      DRIVER_AUTH_JWT_ORG: ORG,
    });
  });
  afterAll(async () => {
    await driver?.close();
  });

  it("accepts the secret path alone, the token alone or the JWT alone", async () => {
    expectAccepted(await put(`${driver.url}${newGuresid()}`));
    expectAccepted(await put(`${driver.origin}/${newGuresid()}`, bearer(TOKEN)));
    const jwt = await signOperatorToken(key, { orgID: ORG });
    expectAccepted(await put(`${driver.origin}/${newGuresid()}`, bearer(jwt)));
  });

  it("refuses a caller none accepts with 401 naming each mode's reason, and a wrong token even beside a bad JWT", async () => {
    const answer = await put(`${driver.origin}/${newGuresid()}`, bearer("wrong-token-0123456789"));
    expectRejected(answer);
    expect((answer.body as { message: string }).message).toMatch(
      /path: .*jwt: .*token: invalid bearer token/,
    );
    expectRejected(
      await put(`${driver.origin}/${newGuresid()}`, bearer(await signOperatorToken(key, { orgID: "x" }))),
    );
    expect(driver.logs.text()).not.toContain(SECRET);
    expect(driver.logs.text()).not.toContain(TOKEN);
  });
});
