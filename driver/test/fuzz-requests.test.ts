import { request, Agent, type IncomingHttpHeaders } from "node:http";
import { gzipSync } from "node:zlib";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ERROR_CODES } from "../src/errors.js";
import { startTestDriver, type TestDriver } from "./support/test-driver.js";

/** Requests per run: a few hundred in the normal suite, e.g. `FUZZ_RUNS=20000` for a long run. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const TOKEN = "fuzz-suite-token-0123456789abcdef";
/** Planted in the account of some bodies: it must never come back in clear. */
const ACCOUNT_SECRET = "fuzzSecretAccessKey0123456789+planted/XYZ";
const SECRET_KEY_NAME = "plantedSecretKeyName0123";

interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Buffer | undefined;
}

interface FuzzAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

const printable = (maxLength: number) => fc.string({ unit: "grapheme-ascii", maxLength });

const guresid = fc.oneof(
  fc.stringMatching(/^[0-9a-f]{40}$/),
  fc.constantFrom("healthz", "readyz", "metrics", "openapi.json", "2020", "a", "-a-", "ABC"),
  fc.stringMatching(/^[a-z0-9%._~-]{0,140}$/),
  printable(60).map(encodeURIComponent),
  fc.constantFrom("%zz", "abc%zz", "%e0%80", "%", "%%", "%c0%af", "..%2f..%2fetc", "%00"),
);

const path = fc.oneof(
  guresid.map((id) => `/${id}`),
  guresid.map((id) => `/2020/${id}`),
  fc.constantFrom("/", "/2020", "/2020/", "/healthz", "/readyz", "/openapi.json", "//", "/a/b/c", "/?a=%zz"),
  fc.webPath().map((webPath) => (webPath.startsWith("/") ? webPath : `/${webPath}`)),
);

const account = fc.record(
  {
    aws_access_key_id: fc.oneof(fc.constant("AKIAFUZZEXAMPLE0000"), fc.jsonValue()),
    aws_secret_access_key: fc.oneof(fc.constant(ACCOUNT_SECRET), fc.jsonValue()),
    aws_session_token: fc.oneof(fc.constant(`${ACCOUNT_SECRET}-session`), fc.jsonValue()),
    role_arn: fc.oneof(fc.constant("arn:aws:iam::123456789012:role/fuzz"), fc.jsonValue()),
    // A key name under driver.secrets may itself be a secret: it must not come back either.
    [SECRET_KEY_NAME]: fc.constant(1),
  },
  { requiredKeys: [] },
);

const value = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom("valkey", "redis", 0, 1, 6, -1, true, "x"),
);

const knownValues = fc.record(
  {
    engine: value,
    engine_version: value,
    node_type: value,
    mode: value,
    replicas: value,
    tls: value,
    username: value,
    tags: fc.oneof(fc.dictionary(printable(20), printable(20), { maxKeys: 5 }), value),
    networking: fc.oneof(fc.record({ port: value, subnet_group: value }, { requiredKeys: [] }), value),
    deletion_policy: value,
  },
  { requiredKeys: [] },
);

/** Known inputs, some with bad values, and now and then keys the driver does not know. */
const driverValues = fc
  .tuple(knownValues, fc.dictionary(printable(12), value, { maxKeys: 2 }))
  .map(([known, unknown]) => ({ ...unknown, ...known }));

const inputData = fc.record(
  {
    type: fc.oneof(fc.constant("redis"), fc.jsonValue({ maxDepth: 1 })),
    resource: fc.oneof(fc.constant(null), fc.jsonValue({ maxDepth: 2 })),
    driver: fc.oneof(
      fc.record(
        { values: driverValues, secrets: fc.record({ account }, { requiredKeys: [] }) },
        { requiredKeys: [] },
      ),
      fc.jsonValue({ maxDepth: 2 }),
    ),
    id: printable(20),
    driver_params: driverValues,
    driver_secrets: fc.record({ account }, { requiredKeys: [] }),
  },
  { requiredKeys: ["type"] },
);

const deeplyNested = fc
  .tuple(fc.integer({ min: 100, max: 20_000 }), fc.constantFrom("engine", "tags", "replicas"))
  .map(
    ([depth, key]) =>
      `{"type":"redis","driver":{"values":{"${key}":${"[".repeat(depth)}${"]".repeat(depth)}}}}`,
  );

const body = fc.oneof(
  fc.constant(undefined),
  inputData.map((data) => Buffer.from(JSON.stringify(data))),
  fc.json({ maxDepth: 4 }).map((text) => Buffer.from(text)),
  deeplyNested.map((text) => Buffer.from(text)),
  printable(200).map((text) => Buffer.from(text)),
  fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
  inputData.map((data) => gzipSync(JSON.stringify(data))),
);

const headers = fc.record(
  {
    "content-type": fc.constantFrom(
      "application/json",
      "application/json; charset=utf-8",
      "application/vnd.api+json",
      "application/json; charset=latin1",
      "application/json; charset=bogus",
      "text/plain",
      "multipart/form-data; boundary=x",
      "",
    ),
    "content-encoding": fc.constantFrom(
      "gzip",
      "deflate",
      "br",
      "identity",
      "compress",
      "GZIP",
      "gzip, br",
      "",
    ),
    authorization: fc.oneof(
      fc.constant(`Bearer ${TOKEN}`),
      fc.constantFrom("Bearer wrong-token-0123456789", "Bearer ", "Basic dXNlcjpwYXNz", ""),
      printable(80),
    ),
    "humanitec-driver-cookie": fc.oneof(
      printable(200),
      fc.base64String({ maxLength: 200 }).map((s) => `c1.${s}`),
    ),
    "humanitec-driver-params": fc.oneof(
      printable(80),
      fc.json().map((j) => Buffer.from(j).toString("base64")),
    ),
    "humanitec-driver-secrets": fc.oneof(
      printable(80),
      fc.record({ account }).map((secrets) => Buffer.from(JSON.stringify(secrets)).toString("base64")),
    ),
    "humanitec-resource-type": fc.constantFrom("redis", "postgres", ""),
    "x-request-id": printable(150),
    accept: fc.constantFrom("application/json", "*/*", "text/html"),
  },
  { requiredKeys: [] },
);

// Mostly authenticated, so requests get past the token check and reach validation.
const fuzzRequest: fc.Arbitrary<FuzzRequest> = fc
  .record({
    method: fc.constantFrom("PUT", "PUT", "PUT", "GET", "DELETE", "POST", "PATCH", "OPTIONS", "HEAD"),
    path,
    headers,
    authenticated: fc.boolean(),
    body,
  })
  .map(({ method, path, headers, authenticated, body }) => ({
    method,
    path,
    headers: authenticated ? { ...headers, authorization: `Bearer ${TOKEN}` } : headers,
    body,
  }));

function send(origin: string, agent: Agent, fuzz: FuzzRequest): Promise<FuzzAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${origin}${fuzz.path}`,
      {
        method: fuzz.method,
        // Node's client sends a GET or DELETE body without a length unless told one.
        headers:
          fuzz.body === undefined
            ? fuzz.headers
            : { ...fuzz.headers, "content-length": String(fuzz.body.length) },
        agent,
        timeout: 10_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString("utf8"),
          }),
        );
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error("no answer within 10 s")));
    req.on("error", reject);
    req.end(fuzz.body);
  });
}

describe("fuzzed requests", () => {
  let driver: TestDriver;
  let agent: Agent;
  let secrets: string[];
  beforeAll(async () => {
    driver = await startTestDriver({
      DRIVER_PROVISIONER: "fake",
      FAKE_AUTO_FINISH_MS: "20",
      DRIVER_AUTH_TOKEN: TOKEN,
      DRIVER_SEED_WAIT_MS: "200",
      DRIVER_LOG_LEVEL: "info",
    });
    agent = new Agent({ keepAlive: true, maxSockets: 1 });
    secrets = [TOKEN, ACCOUNT_SECRET, SECRET_KEY_NAME, driver.env.DRIVER_SECRET_KEY ?? TOKEN];
  });
  afterAll(async () => {
    agent?.destroy();
    await driver?.close();
  });

  it(
    `never answer 5xx, a stack trace or a secret, and always the documented error shape (${RUNS} requests)`,
    async () => {
      await fc.assert(
        fc.asyncProperty(fuzzRequest, async (fuzz) => {
          const answer = await send(driver.origin, agent, fuzz);
          expect(answer.status, answer.text).toBeGreaterThanOrEqual(200);
          expect(answer.status, answer.text).toBeLessThan(500);
          const everything = `${JSON.stringify(answer.headers)}\n${answer.text}`;
          expect(everything).not.toMatch(/\n\s+at |node_modules|Error: |RangeError|TypeError/);
          for (const secret of secrets) expect(everything).not.toContain(secret);
          if (answer.status < 400 || fuzz.method === "HEAD") return;
          expect(answer.headers["content-type"]).toMatch(/^application\/json/);
          const error = JSON.parse(answer.text) as Record<string, unknown>;
          expect(
            Object.keys(error)
              .filter((key) => key !== "details")
              .sort(),
          ).toEqual(["error", "message"]);
          const code = error.error as keyof typeof ERROR_CODES;
          expect(ERROR_CODES[code]?.status, `${code} answered with ${answer.status}`).toBe(answer.status);
          expect(typeof error.message).toBe("string");
          expect(error.message).not.toBe("");
        }),
        { numRuns: RUNS },
      );
      expect((await fetch(`${driver.origin}/healthz`)).status).toBe(200);
      expect(driver.logs.text()).not.toContain('"msg":"unexpected error"');
    },
    Math.max(60_000, RUNS * 20),
  );
});
