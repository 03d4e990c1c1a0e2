import { mkdtemp, rm, symlink, unlink } from "node:fs/promises";
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, inputData, newGuresid, pollWhile202 } from "../support/http.js";
import { startTestDriver } from "../support/test-driver.js";

const realRedisServer = execFileSync("sh", ["-c", "command -v redis-server"]).toString().trim();

describe("readiness reflects the backend", () => {
  let binDir: string;
  beforeAll(async () => {
    binDir = await mkdtemp(path.join(tmpdir(), "ready-bin-"));
  });
  afterAll(async () => {
    await rm(binDir, { recursive: true, force: true });
  });

  it("turns 503 with the reason when the local runtime disappears, and back when it returns", async () => {
    const binary = path.join(binDir, "redis-server");
    await symlink(realRedisServer, binary);
    await using driver = await startTestDriver({
      LOCAL_RUNTIME: "process",
      LOCAL_REDIS_SERVER: binary,
      DRIVER_READY_CHECK_MS: "0",
    });
    expect(await call(`${driver.origin}/readyz`, { method: "GET" })).toMatchObject({
      status: 200,
      body: { status: "ready" },
    });
    await unlink(binary);
    const down = await call(`${driver.origin}/readyz`, { method: "GET" });
    expect(down).toMatchObject({
      status: 503,
      body: { status: "not ready", reason: expect.stringContaining(binary) },
    });
    expect((await call(`${driver.origin}/healthz`, { method: "GET" })).status).toBe(200);
    await symlink(realRedisServer, binary);
    expect((await call(`${driver.origin}/readyz`, { method: "GET" })).status).toBe(200);
  });

  it("turns 503 when the backend denies access, and shares one check between probes", async () => {
    await using driver = await startTestDriver({
      DRIVER_PROVISIONER: "fake",
      DRIVER_READY_CHECK_MS: "60000",
    });
    let checks = 0;
    let problem: string | undefined =
      "the backend denied access: not authorized to DescribeCacheSubnetGroups";
    driver.fake.checkReady = async () => {
      checks += 1;
      return problem;
    };
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => call(`${driver.origin}/readyz`, { method: "GET" })),
    );
    expect(answers.every((answer) => answer.status === 503)).toBe(true);
    expect(answers[0]?.body).toMatchObject({ reason: expect.stringContaining("denied access") });
    expect(checks).toBe(1);
    problem = undefined;
    expect((await call(`${driver.origin}/readyz`, { method: "GET" })).status).toBe(503);
  });
});

describe("a request id from the answer header through every log line of a create", () => {
  it("carries the caller's X-Request-Id into the lifecycle's and the provisioner's lines", async () => {
    await using driver = await startTestDriver({ LOCAL_RUNTIME: "process" });
    const id = newGuresid();
    const requestId = "trace-create-0001";
    const first = await call(`${driver.url}${id}`, {
      method: "PUT",
      body: inputData({ tls: false }),
      headers: { "x-request-id": requestId },
    });
    expect(first.status).toBe(202);
    expect(first.headers.get("x-request-id")).toBe(requestId);
    const done = await pollWhile202(`${driver.url}${id}`, { method: "PUT", body: inputData({ tls: false }) });
    expect(done.last.status).toBe(200);

    const lines = driver.logs.lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const traced = lines.filter((line) => line.reqId === requestId);
    const messages = traced.map((line) => line.msg);
    expect(messages).toEqual(
      expect.arrayContaining(["creating resource", "resource available", "request completed"]),
    );
    // Every line about this create carries the id: the lifecycle's and the provisioner's.
    const aboutCreate = lines.filter((line) =>
      ["creating resource", "resource available"].includes(String(line.msg)),
    );
    expect(aboutCreate.every((line) => line.reqId === requestId)).toBe(true);
    await pollWhile202(`${driver.url}${id}`, { method: "DELETE" });
  });

  it("replaces an id that is too long or holds odd characters with a generated one", async () => {
    await using driver = await startTestDriver({ DRIVER_PROVISIONER: "fake" });
    for (const bad of ["x".repeat(129), "has spaces", "new\\nline"]) {
      const answer = await call(`${driver.url}${newGuresid()}`, {
        method: "GET",
        headers: { "x-request-id": bad },
      });
      expect(answer.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});
