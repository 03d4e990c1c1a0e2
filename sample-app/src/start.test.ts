import { randomBytes } from "node:crypto";
import { createClient } from "redis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "./config/load-config.js";
import { MAX_VALUE_BYTES } from "./http/key-rules.js";
import { start } from "./start.js";
import type { RunningApp } from "./start.js";
import { call } from "./testing/http.js";
import { captureLogs } from "./testing/log-capture.js";
import { startRedis } from "./testing/redis-process.js";
import type { RedisProcess } from "./testing/redis-process.js";
import { waitFor } from "./testing/wait-for.js";

const password = `pw-${randomBytes(12).toString("hex")}`;
const logs = captureLogs();
let redis: RedisProcess | undefined;
let app: RunningApp | undefined;

function appUrl(path: string): string {
  if (!app) throw new Error("the app did not start");
  return `${app.url}${path}`;
}

beforeAll(async () => {
  redis = await startRedis({ password });
  const config = loadConfig({
    REDIS_HOST: redis.host,
    REDIS_PORT: String(redis.port),
    REDIS_PASSWORD: password,
    PORT: "0",
  });
  app = await start(config, { logger: logs.logger });
  await waitFor("the cache to be ready", async () => {
    const ready = await call("GET", appUrl("/readyz"));
    return ready.status === 200 ? ready : undefined;
  });
});

afterAll(async () => {
  await app?.close();
  await redis?.[Symbol.asyncDispose]();
});

describe("sample app with a password-protected Redis", () => {
  it("counts visits 1, 2, 3", async () => {
    const counts = [];
    for (let i = 0; i < 3; i++) {
      const response = await call("POST", appUrl("/api/visits"));
      expect(response.status).toBe(200);
      counts.push(response.body);
    }
    expect(counts).toEqual([{ visits: 1 }, { visits: 2 }, { visits: 3 }]);
    expect((await call("GET", appUrl("/api/visits"))).body).toEqual({ visits: 3 });
  });

  it("stores a value under the key prefix and reads it back", async () => {
    const put = await call("PUT", appUrl("/api/keys/greeting"), { body: { value: "hello, cache" } });
    expect(put.status).toBe(200);
    expect(put.body).toEqual({ key: "greeting", value: "hello, cache" });
    expect((await call("GET", appUrl("/api/keys/greeting"))).body).toEqual({
      key: "greeting",
      value: "hello, cache",
    });

    const direct = createClient({ socket: { port: redis?.port, host: "127.0.0.1" }, password });
    await direct.connect();
    try {
      expect(await direct.get("sample-app:kv:greeting")).toBe("hello, cache");
    } finally {
      direct.destroy();
    }
  });

  it("accepts a value of exactly the size limit", async () => {
    const value = "v".repeat(MAX_VALUE_BYTES);
    expect((await call("PUT", appUrl("/api/keys/big"), { body: { value } })).status).toBe(200);
  });

  it.each([
    [
      "a key that was never stored",
      "GET",
      "/api/keys/never-stored",
      {},
      404,
      "APP-104",
      "nothing is stored under",
    ],
    [
      "an invalid key",
      "PUT",
      "/api/keys/has%20space",
      { body: { value: "x" } },
      400,
      "APP-101",
      "key: must be",
    ],
    [
      "malformed JSON",
      "PUT",
      "/api/keys/k",
      { body: "{value:", contentType: "application/json" },
      400,
      "APP-100",
      "not valid JSON",
    ],
    [
      "a text body",
      "PUT",
      "/api/keys/k",
      { body: "x", contentType: "text/plain" },
      415,
      "APP-105",
      "Content-Type: must be application/json",
    ],
    ["a missing value", "PUT", "/api/keys/k", { body: {} }, 400, "APP-102", "value: required"],
    [
      "a number value",
      "PUT",
      "/api/keys/k",
      { body: { value: 7 } },
      400,
      "APP-102",
      "value: must be a string",
    ],
    [
      "an unknown field",
      "PUT",
      "/api/keys/k",
      { body: { value: "x", ttl: 1 } },
      400,
      "APP-102",
      'unknown field "ttl"',
    ],
    [
      "a value over the size limit",
      "PUT",
      "/api/keys/k",
      { body: { value: "v".repeat(MAX_VALUE_BYTES + 1) } },
      413,
      "APP-103",
      "value: 65537 bytes is more than the limit",
    ],
    [
      "a body over the request limit",
      "PUT",
      "/api/keys/k",
      { body: { value: "v".repeat(8 * MAX_VALUE_BYTES) } },
      413,
      "APP-103",
      "body: too large",
    ],
    ["an unknown route", "GET", "/api/nothing", {}, 404, "APP-106", "no such route"],
  ] as const)("answers %s with a clear error", async (_title, method, path, options, status, code, text) => {
    const response = await call(method, appUrl(path), options);
    expect(response.status).toBe(status);
    expect(response.body).toEqual({ error: code, message: expect.stringContaining(text) });
  });

  it("reports ready with the PING latency on /readyz", async () => {
    const response = await call("GET", appUrl("/readyz"));
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: "ready", latency_ms: expect.any(Number) });
  });

  it("shows endpoint, connection, counter and latency on /api/status, without the password", async () => {
    const response = await call("GET", appUrl("/api/status"));
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.body).toEqual({
      endpoint: { host: "127.0.0.1", port: redis?.port, tls: false },
      // redis-server without cluster-enabled: INFO cluster says so, and the app keeps one connection.
      client: "standalone",
      connection: { state: "connected", since: expect.any(String) },
      visits: 3,
      latency_ms: expect.any(Number),
      checked_at: expect.any(String),
    });
    expect(response.text).not.toContain(password);
  });

  it("serves the page with stable element ids and no secret", async () => {
    const page = await call("GET", appUrl("/"));
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(page.headers.get("content-security-policy")).toContain("default-src 'self'");
    for (const id of [
      "connection-state",
      "connection-reason",
      "endpoint",
      "client",
      "visits",
      "increment",
      "latency",
    ]) {
      expect(page.text).toContain(`id="${id}"`);
    }
    expect(page.text).not.toContain(password);
    const script = await call("GET", appUrl("/app.js"));
    expect(script.status).toBe(200);
    expect(script.text).toContain("api/status");
  });

  it("logs JSON lines with the configuration redacted and never the password", () => {
    const lines = logs.lines();
    expect(lines.find((line) => line.msg === "starting")).toMatchObject({
      config: { redis: { password: "[redacted]" } },
    });
    expect(lines.some((line) => line.msg === "cache connected")).toBe(true);
    expect(logs.text()).not.toContain(password);
  });
});
