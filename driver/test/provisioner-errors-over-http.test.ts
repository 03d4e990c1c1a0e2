import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ProvisionerError, type ProvisionerErrorKind } from "../src/provisioners/provisioner-errors.js";
import { call, inputData, newGuresid } from "./support/http.js";
import { startTestDriver, type TestDriver } from "./support/test-driver.js";

interface Case {
  kind: Exclude<ProvisionerErrorKind, "unavailable">;
  status: number;
  code: string;
  fix: RegExp;
}

const cases: Case[] = [
  { kind: "invalid-input", status: 400, code: "RES-101", fix: /correct the value/ },
  { kind: "unsupported", status: 400, code: "RES-112", fix: /remove the option/ },
  { kind: "conflict", status: 400, code: "RES-116", fix: /delete or rename the backend resource/ },
  { kind: "access-denied", status: 400, code: "RES-117", fix: /docs\/elasticache-iam\.md/ },
  { kind: "quota", status: 400, code: "RES-118", fix: /higher quota/ },
  { kind: "failed", status: 400, code: "RES-111", fix: /DELETE the resource and deploy again/ },
];

describe("typed provisioner errors over HTTP", () => {
  let driver: TestDriver;
  beforeAll(async () => {
    driver = await startTestDriver({ DRIVER_PROVISIONER: "fake", DRIVER_STATUS_CACHE_MS: "0" });
  });
  afterAll(async () => {
    await driver?.close();
  });
  const put = (id: string) => call(`${driver.url}${id}`, { method: "PUT", body: inputData() });

  it.each(cases)(
    "$kind → $status $code with the backend's words and a fix",
    async ({ kind, status, code, fix }) => {
      driver.fake.nextError = new ProvisionerError(kind, `the cloud said no (${kind})`, {
        backendError: "SomeFault",
        requestId: "req-123",
      });
      const answer = await put(newGuresid());
      expect(answer.status).toBe(status);
      expect(answer.body).toMatchObject({
        error: code,
        message: expect.stringContaining(`the cloud said no (${kind}). Fix: `),
        details: { backend_error: "SomeFault", backend_request_id: "req-123" },
      });
      expect((answer.body as { message: string }).message).toMatch(fix);
    },
  );

  it("names the field and the missing permission when the provisioner gives them", async () => {
    driver.fake.nextError = new ProvisionerError(
      "access-denied",
      "not authorized to perform CreateReplicationGroup",
      {
        permission: "elasticache:CreateReplicationGroup",
        field: "driver.secrets.account",
      },
    );
    const answer = await put(newGuresid());
    expect(answer.body).toMatchObject({
      error: "RES-117",
      message: expect.stringMatching(/^driver\.secrets\.account: not authorized/),
      details: { missing_permission: "elasticache:CreateReplicationGroup" },
    });
  });

  it("throttled while nothing is known: 503 with Retry-After; never a 5xx once the state is known", async () => {
    const id = newGuresid();
    driver.fake.nextError = new ProvisionerError("unavailable", "Rate exceeded", { retryAfterSeconds: 7 });
    const unknown = await put(id);
    expect(unknown.status).toBe(503);
    expect(unknown.headers.get("retry-after")).toBe("7");
    expect(unknown.body).toMatchObject({
      error: "RES-119",
      message: expect.stringContaining("Rate exceeded"),
    });

    expect((await put(id)).status).toBe(202);
    driver.fake.nextError = new ProvisionerError("unavailable", "Rate exceeded");
    const throttledPoll = await put(id);
    expect(throttledPoll.status).toBe(202);
    expect(throttledPoll.body).toMatchObject({ status: "creating" });

    driver.fake.finish(id);
    const ready = await put(id);
    expect(ready.status).toBe(200);
    driver.fake.nextError = new ProvisionerError("unavailable", "Rate exceeded");
    const throttledReady = await call(`${driver.url}${id}`, { method: "GET" });
    expect(throttledReady.status).toBe(200);
    expect(throttledReady.body).toEqual(ready.body);
  });

  it("a throttled create answers 202 and the repeat creates it", async () => {
    const fresh = newGuresid();
    // The describes succeed; the create after the second one is throttled.
    let describes = 0;
    const original = driver.fake.describe.bind(driver.fake);
    driver.fake.describe = async (...args) => {
      describes += 1;
      const state = await original(...args);
      if (describes === 2) driver.fake.nextError = new ProvisionerError("unavailable", "Throttling");
      return state;
    };
    try {
      const first = await put(fresh);
      expect(first.status).toBe(202);
      expect(first.body).toMatchObject({ status: "creating" });
      expect(driver.fake.calls.filter((entry) => entry.id === fresh)).toEqual([]);
      expect((await put(fresh)).status).toBe(202);
      expect(driver.fake.calls.filter((entry) => entry.id === fresh)).toEqual([
        expect.objectContaining({ step: "create" }),
      ]);
    } finally {
      driver.fake.describe = original;
    }
  });

  it("anything else a provisioner throws is a 500 RES-199 that shows none of its message", async () => {
    driver.fake.nextError = new Error("connect ECONNREFUSED 10.0.0.1:443 secret=hunter2-abcdef");
    const answer = await put(newGuresid());
    expect(answer.status).toBe(500);
    expect(answer.body).toMatchObject({ error: "RES-199", details: { request_id: expect.any(String) } });
    expect(answer.text).not.toMatch(/ECONNREFUSED|hunter2|10\.0\.0\.1/);
  });
});
