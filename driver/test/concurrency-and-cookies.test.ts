import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_COOKIE_LENGTH } from "../src/security/cookie-codec.js";
import { call, inputData, newGuresid, pollWhile202 } from "./support/http.js";
import { connectWithOutputs, type RedisOutputs } from "./support/redis-outputs.js";
import { startTestDriver, type TestDriver } from "./support/test-driver.js";

interface Managed {
  guresid: string;
}

describe("concurrency, conflicts and cookies (process runtime)", () => {
  let driver: TestDriver;
  const passwords: string[] = [];
  const managed = async () =>
    (await (driver.provisioner as unknown as { listManaged(): Promise<Managed[]> }).listManaged()) ?? [];

  beforeAll(async () => {
    driver = await startTestDriver({ LOCAL_RUNTIME: "process", LOCAL_CREATE_DELAY_MS: "400" });
  });
  afterAll(async () => {
    await driver?.close();
    for (const password of passwords) expect(driver.logs.text()).not.toContain(password);
  });

  it("20 concurrent PUTs for one new id create one Redis and get identical outputs", async () => {
    const id = newGuresid();
    const put = { method: "PUT", body: inputData({ tls: false }) };
    const first = await Promise.all(Array.from({ length: 20 }, () => call(`${driver.url}${id}`, put)));
    expect(first.map((answer) => answer.status)).toEqual(Array(20).fill(202));
    const ready = await Promise.all(
      Array.from({ length: 20 }, () => pollWhile202(`${driver.url}${id}`, put)),
    );
    const bodies = ready.map(({ last }) => last.body as { resource: RedisOutputs });
    expect(ready.every(({ last }) => last.status === 200)).toBe(true);
    expect(new Set(bodies.map((body) => JSON.stringify(body))).size).toBe(1);
    expect((await managed()).filter((entry) => entry.guresid === id)).toHaveLength(1);
    const outputs = bodies[0]!.resource;
    passwords.push(outputs.secrets.password);
    const client = await connectWithOutputs(outputs);
    expect(await client.ping()).toBe("PONG");
    client.destroy();
    expect((await pollWhile202(`${driver.url}${id}`, { method: "DELETE" })).last.status).toBe(204);
  });

  it("answers a different config during creation with 409 and a progress hint, then finishes the first", async () => {
    const id = newGuresid();
    const started = await call(`${driver.url}${id}`, { method: "PUT", body: inputData({ tls: false }) });
    expect(started.status).toBe(202);
    const conflict = await call(`${driver.url}${id}`, {
      method: "PUT",
      body: inputData({ tls: false, engine: "redis" }),
    });
    expect(conflict.status).toBe(409);
    expect(conflict.body).toMatchObject({
      status: "creating",
      current_time: expect.any(String),
      timeout: expect.any(String),
    });
    expect(conflict.headers.get("set-humanitec-driver-cookie")).toBeTruthy();
    const done = await pollWhile202(`${driver.url}${id}`, { method: "PUT", body: inputData({ tls: false }) });
    expect(done.last.status).toBe(200);
    passwords.push((done.last.body as { resource: RedisOutputs }).resource.secrets.password);
    expect((await pollWhile202(`${driver.url}${id}`, { method: "DELETE" })).last.status).toBe(204);
  });

  it("deletes during creation without orphaning the Redis", async () => {
    const id = newGuresid();
    expect(
      (await call(`${driver.url}${id}`, { method: "PUT", body: inputData({ tls: false }) })).status,
    ).toBe(202);
    const first = await call(`${driver.url}${id}`, { method: "DELETE" });
    expect(first.status).toBe(202);
    expect(first.body).toMatchObject({ status: "deleting" });
    expect(
      (await call(`${driver.url}${id}`, { method: "PUT", body: inputData({ tls: false }) })).status,
    ).toBe(409);
    expect((await pollWhile202(`${driver.url}${id}`, { method: "DELETE" })).last.status).toBe(204);
    expect((await managed()).filter((entry) => entry.guresid === id)).toEqual([]);
  });

  it("sets a small sealed cookie holding no secret, and works the same without, with a stale or a forged one", async () => {
    const id = newGuresid();
    const url = `${driver.url}${id}`;
    const put = (cookie?: string) =>
      call(url, {
        method: "PUT",
        body: inputData({ tls: false }),
        ...(cookie ? { headers: { "humanitec-driver-cookie": cookie } } : {}),
      });
    const creating = await put();
    const staleCookie = creating.headers.get("set-humanitec-driver-cookie") ?? "";
    expect(staleCookie.length).toBeGreaterThan(0);
    const ready = await pollWhile202(url, { method: "PUT", body: inputData({ tls: false }) });
    const outputs = (ready.last.body as { resource: RedisOutputs }).resource;
    passwords.push(outputs.secrets.password);
    const cookie = ready.last.headers.get("set-humanitec-driver-cookie") ?? "";
    expect(cookie.length).toBeLessThan(MAX_COOKIE_LENGTH);
    for (const secret of [outputs.secrets.password, outputs.secrets.url]) {
      expect(cookie).not.toContain(secret);
      expect(Buffer.from(cookie.slice(3), "base64url").toString("latin1")).not.toContain(secret);
    }
    for (const variant of [undefined, cookie, staleCookie, "c1.Zm9yZ2VkLWNvb2tpZS1kYXRh", "garbage"]) {
      const answer = await put(variant);
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual(ready.last.body);
    }
    expect(driver.logs.text()).toContain("ignoring driver cookie");
    expect((await pollWhile202(url, { method: "DELETE" })).last.status).toBe(204);
  });
});
