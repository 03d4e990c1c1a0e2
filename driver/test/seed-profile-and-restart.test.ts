import { afterAll, describe, expect, it } from "vitest";
import { call, newGuresid, pollWhile202, inputData } from "./support/http.js";
import { connectWithOutputs, type RedisOutputs } from "./support/redis-outputs.js";
import { startTestDriver, type TestDriver } from "./support/test-driver.js";

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64");

describe("2020 profile: synchronous POST / and DELETE /{id}", () => {
  const drivers: TestDriver[] = [];
  afterAll(async () => {
    for (const driver of drivers) await driver.close();
  });

  it("creates within the bounded wait, answers repeats with the same resource and deletes", async () => {
    const driver = await startTestDriver({ LOCAL_RUNTIME: "process", LOCAL_CREATE_DELAY_MS: "200" });
    drivers.push(driver);
    const id = newGuresid();
    const body = {
      id,
      type: "redis",
      resource_params: {},
      driver_params: { tls: false },
      driver_secrets: {},
    };
    const created = await call(driver.seedUrl, { method: "POST", body });
    expect(created.status).toBe(200);
    const data = created.body as {
      type: string;
      data: RedisOutputs;
      driver_type: string;
      driver_data: unknown;
    };
    expect(data).toMatchObject({ type: "redis", driver_type: "elasticache-driver-kit/redis" });
    const client = await connectWithOutputs(data.data);
    expect(await client.ping()).toBe("PONG");
    client.destroy();
    expect((await call(driver.seedUrl, { method: "POST", body })).body).toEqual(created.body);
    const headers = {
      "humanitec-resource-type": "redis",
      "humanitec-driver-params": b64({ tls: false }),
      "humanitec-driver-secrets": b64({}),
    };
    expect((await call(`${driver.seedUrl}${id}`, { method: "DELETE", headers })).status).toBe(204);
    const unknown = await call(`${driver.seedUrl}${id}`, { method: "DELETE", headers });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ error: "RES-109" });
    expect(driver.logs.text()).not.toContain(data.data.secrets.password);
  });

  it("answers 400 asking for a retry when creation outlasts the wait, and the retry reuses the resource", async () => {
    const driver = await startTestDriver({
      LOCAL_RUNTIME: "process",
      LOCAL_CREATE_DELAY_MS: "700",
      DRIVER_SEED_WAIT_MS: "100",
    });
    drivers.push(driver);
    const id = newGuresid();
    const body = { id, type: "redis", driver_params: { tls: false } };
    const first = await call(driver.seedUrl, { method: "POST", body });
    expect(first.status).toBe(400);
    expect(first.body).toMatchObject({
      error: "RES-114",
      message: expect.stringMatching(/still creating.*repeat the same request/),
    });
    let answer = first;
    for (let attempt = 0; attempt < 100 && answer.status !== 200; attempt += 1)
      answer = await call(driver.seedUrl, { method: "POST", body });
    expect(answer.status).toBe(200);
    const listed = await (
      driver.provisioner as unknown as { listManaged(): Promise<{ guresid: string }[]> }
    ).listManaged();
    expect(listed.filter((entry) => entry.guresid === id)).toHaveLength(1);
  });

  it.each([
    ["a body without id", { type: "redis" }, 422, "RES-115", "id"],
    ["an array", [], 422, "RES-115", "body"],
    [
      "a misspelt driver param",
      { id: "abcdef", type: "redis", driver_params: { engnie: "redis" } },
      422,
      "RES-115",
      'driver_params.engnie: unknown key. Fix: did you mean "engine"?',
    ],
    [
      "a bad driver param value",
      { id: "abcdef", type: "redis", driver_params: { replicas: "x" } },
      422,
      "RES-115",
      "driver_params.replicas",
    ],
    ["another type", { id: "abcdef", type: "postgres" }, 400, "RES-104", "type: unsupported resource type"],
    ["an invalid id", { id: "Not_Valid", type: "redis" }, 400, "RES-103", "id: invalid resource id"],
  ])("rejects %s with %i %s", async (_name, body, status, code, mentions) => {
    const driver = drivers[0]!;
    const answer = await call(driver.seedUrl, { method: "POST", body });
    expect(answer.status).toBe(status);
    expect(answer.body).toMatchObject({ error: code });
    expect((answer.body as { message: string }).message).toContain(mentions);
  });

  it("rejects a body that is not JSON with 422", async () => {
    const answer = await call(drivers[0]!.seedUrl, {
      method: "POST",
      raw: '{"id": "abc',
      headers: { "content-type": "application/json" },
    });
    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({
      error: "RES-115",
      message: expect.stringContaining("body: the body is not valid JSON"),
    });
  });

  it("rejects undecodable DELETE headers with 422", async () => {
    const answer = await call(`${drivers[0]!.seedUrl}${newGuresid()}`, {
      method: "DELETE",
      headers: { "humanitec-driver-secrets": "%%%not-base64-json" },
    });
    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({
      error: "RES-115",
      message: expect.stringContaining("humanitec-driver-secrets"),
    });
  });
});

describe("a restarted driver", () => {
  it("adopts the running Redis and hands out the same outputs and password", async () => {
    const first = await startTestDriver({ LOCAL_RUNTIME: "process" }, { keepState: true });
    const id = newGuresid();
    const put = { method: "PUT", body: inputData({ tls: true }) };
    let second: TestDriver | undefined;
    try {
      const before = await pollWhile202(`${first.url}${id}`, put);
      expect(before.last.status).toBe(200);
      await first.close();
      second = await startTestDriver({ LOCAL_RUNTIME: "process" }, { stateDir: first.stateDir });
      const after = await call(`${second.url}${id}`, put);
      expect(after.status).toBe(200);
      expect(after.body).toEqual(before.last.body);
      const client = await connectWithOutputs((after.body as { resource: RedisOutputs }).resource);
      expect(await client.ping()).toBe("PONG");
      client.destroy();
      expect((await pollWhile202(`${second.url}${id}`, { method: "DELETE" })).last.status).toBe(204);
    } finally {
      await (
        second ?? (await startTestDriver({ LOCAL_RUNTIME: "process" }, { stateDir: first.stateDir }))
      ).close();
    }
  });
});
