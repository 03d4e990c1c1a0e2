import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { ReadyBody, StatusBody } from "./http/api-types.js";
import { loadConfig } from "./config/load-config.js";
import { start } from "./start.js";
import type { StartOptions } from "./start.js";
import { call } from "./testing/http.js";
import { captureLogs } from "./testing/log-capture.js";
import type { LogCapture } from "./testing/log-capture.js";
import { startRedis } from "./testing/redis-process.js";
import { createTlsFixture } from "./testing/tls-fixture.js";
import { waitFor } from "./testing/wait-for.js";

const password = `pw-${randomBytes(12).toString("hex")}`;

/** Short delays so recovery is quick; the waits below are bounded polls, not timing assertions. */
const FAST: StartOptions["cache"] = {
  backoff: { initialMs: 50, maxMs: 500 },
  connectTimeoutMs: 1_000,
  pingTimeoutMs: 1_000,
};

async function startApp(env: NodeJS.ProcessEnv, logs: LogCapture) {
  return start(loadConfig({ PORT: "0", ...env }), { logger: logs.logger, cache: FAST });
}

function waitForReady(url: string, status: ReadyBody["status"], kind?: string) {
  return waitFor(`/readyz to report ${status}${kind ? ` (${kind})` : ""}`, async () => {
    const response = await call("GET", `${url}/readyz`);
    const body = response.body as ReadyBody;
    if (body.status !== status) return undefined;
    if (kind !== undefined && (body.status !== "unavailable" || body.kind !== kind)) return undefined;
    return { status: response.status, body };
  });
}

describe("when the cache fails", () => {
  it("keeps serving /healthz and the page while Redis is down, and recovers when it is back on the same port", async () => {
    const logs = captureLogs();
    await using redis = await startRedis({ password });
    await using app = await startApp(
      { REDIS_HOST: redis.host, REDIS_PORT: String(redis.port), REDIS_PASSWORD: password },
      logs,
    );
    await waitForReady(app.url, "ready");
    expect((await call("POST", `${app.url}/api/visits`)).body).toEqual({ visits: 1 });

    await redis.stop();
    const down = await waitForReady(app.url, "unavailable", "unreachable");
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ reason: expect.stringContaining("Connection refused by 127.0.0.1:") });

    expect((await call("GET", `${app.url}/healthz`)).status).toBe(200);
    expect((await call("GET", `${app.url}/`)).status).toBe(200);
    const visit = await call("POST", `${app.url}/api/visits`);
    expect(visit.status).toBe(503);
    expect(visit.headers.get("retry-after")).toBe("1");
    expect(visit.body).toEqual({
      error: "APP-150",
      message: expect.stringContaining("cache: Connection refused"),
    });
    const status = (await call("GET", `${app.url}/api/status`)).body as StatusBody;
    expect(status).toMatchObject({
      connection: { state: "disconnected", kind: "unreachable" },
      visits: null,
      latency_ms: null,
    });

    await redis.restart();
    const up = await waitForReady(app.url, "ready");
    expect(up.status).toBe(200);
    expect((await call("POST", `${app.url}/api/visits`)).body).toEqual({ visits: 1 });
    expect(logs.text()).not.toContain(password);
  });

  it("starts and serves /healthz when the cache is down from the start", async () => {
    const logs = captureLogs();
    const redis = await startRedis();
    await redis[Symbol.asyncDispose]();
    await using app = await startApp({ REDIS_HOST: redis.host, REDIS_PORT: String(redis.port) }, logs);

    expect((await call("GET", `${app.url}/healthz`)).body).toEqual({ status: "ok" });
    const down = await waitForReady(app.url, "unavailable", "unreachable");
    expect(down.status).toBe(503);
  });

  it("reports a wrong password as auth failed, without echoing it", async () => {
    const logs = captureLogs();
    const wrong = `wrong-${randomBytes(8).toString("hex")}`;
    await using redis = await startRedis({ password });
    await using app = await startApp(
      { REDIS_HOST: redis.host, REDIS_PORT: String(redis.port), REDIS_PASSWORD: wrong },
      logs,
    );
    const down = await waitForReady(app.url, "unavailable", "auth");
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ reason: expect.stringContaining("Authentication failed (WRONGPASS)") });

    const status = await call("GET", `${app.url}/api/status`);
    expect(status.body).toMatchObject({ connection: { state: "disconnected", kind: "auth" } });
    for (const text of [status.text, JSON.stringify(down.body), logs.text()]) {
      expect(text).not.toContain(wrong);
      expect(text).not.toContain(password);
    }
  });

  it("reports a missing password as authentication required (NOAUTH)", async () => {
    const logs = captureLogs();
    await using redis = await startRedis({ password });
    await using app = await startApp({ REDIS_HOST: redis.host, REDIS_PORT: String(redis.port) }, logs);
    const down = await waitForReady(app.url, "unavailable", "auth");
    expect(down.body).toMatchObject({ reason: expect.stringContaining("NOAUTH") });
  });
});

describe("with TLS", () => {
  it("connects when REDIS_CA_CERTIFICATE holds the CA that signed the server certificate", async () => {
    const logs = captureLogs();
    await using tls = await createTlsFixture();
    await using redis = await startRedis({ password, tls });
    await using app = await startApp(
      {
        REDIS_HOST: redis.host,
        REDIS_PORT: String(redis.port),
        REDIS_PASSWORD: password,
        REDIS_TLS: "true",
        REDIS_CA_CERTIFICATE: tls.caPem,
      },
      logs,
    );
    expect((await waitForReady(app.url, "ready")).status).toBe(200);
    expect((await call("POST", `${app.url}/api/visits`)).body).toEqual({ visits: 1 });
    expect((await call("GET", `${app.url}/api/status`)).body).toMatchObject({ endpoint: { tls: true } });
    expect(logs.text()).not.toContain(password);
  });

  it("reports an untrusted server certificate as a TLS failure naming REDIS_CA_CERTIFICATE", async () => {
    const logs = captureLogs();
    await using tls = await createTlsFixture();
    await using redis = await startRedis({ password, tls });
    await using app = await startApp(
      { REDIS_HOST: redis.host, REDIS_PORT: String(redis.port), REDIS_PASSWORD: password, REDIS_TLS: "true" },
      logs,
    );
    const down = await waitForReady(app.url, "unavailable", "tls");
    expect(down.body).toMatchObject({ reason: expect.stringContaining("is not trusted") });
    expect(down.body).toMatchObject({ reason: expect.stringContaining("REDIS_CA_CERTIFICATE") });
  });

  it("reports a TLS mismatch when the client is plain and the server requires TLS", async () => {
    const logs = captureLogs();
    await using tls = await createTlsFixture();
    await using redis = await startRedis({ password, tls });
    await using app = await startApp(
      { REDIS_HOST: redis.host, REDIS_PORT: String(redis.port), REDIS_PASSWORD: password },
      logs,
    );
    const down = await waitForReady(app.url, "unavailable", "tls");
    expect(down.body).toMatchObject({
      reason: expect.stringContaining("requires TLS, but REDIS_TLS is off"),
    });
  });

  it("reports a TLS mismatch when the client uses TLS and the server is plain", async () => {
    const logs = captureLogs();
    await using redis = await startRedis({ password });
    await using app = await startApp(
      { REDIS_HOST: redis.host, REDIS_PORT: String(redis.port), REDIS_PASSWORD: password, REDIS_TLS: "true" },
      logs,
    );
    const down = await waitForReady(app.url, "unavailable", "tls");
    expect(down.body).toMatchObject({ reason: expect.stringContaining("speaks plain (unencrypted) Redis") });
    expect(logs.text()).not.toContain(password);
  });
});
