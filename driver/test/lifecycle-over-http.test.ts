import { afterAll, describe, expect, it } from "vitest";
import { call, inputData, newGuresid, pollWhile202 } from "./support/http.js";
import { connectionError, connectWithOutputs, type RedisOutputs } from "./support/redis-outputs.js";
import { runtimesUnderTest } from "./support/runtimes.js";
import { startTestDriver, type TestDriver } from "./support/test-driver.js";

const runtimes = await runtimesUnderTest();

describe.each(runtimes)("lifecycle over HTTP on the $name runtime", ({ env, skip }) => {
  const skipped = skip ? ` (skipped: ${skip})` : "";
  const drivers: TestDriver[] = [];
  const passwords: string[] = [];
  const start = async (extra: NodeJS.ProcessEnv = {}) => {
    const driver = await startTestDriver({ ...env, LOCAL_CREATE_DELAY_MS: "150", ...extra });
    drivers.push(driver);
    return driver;
  };

  afterAll(async () => {
    for (const driver of drivers) {
      await driver.close();
      for (const password of passwords) expect(driver.logs.text()).not.toContain(password);
    }
  });

  it.skipIf(skip)(`create → connect → repeat → delete → gone${skipped}`, async () => {
    const driver = await start();
    for (const tls of [true, false]) {
      const resource = `${driver.url}${newGuresid()}`;
      const put = { method: "PUT", body: inputData({ tls, username: tls ? "app" : undefined }) };

      const created = await pollWhile202(resource, put);
      expect(created.answers[0]?.status).toBe(202);
      expect(created.answers[0]?.body).toMatchObject({ status: "creating" });
      expect(created.last.status).toBe(200);
      const output = created.last.body as { id: string; resource: RedisOutputs };
      expect(output.id).toBe(resource.split("/").pop());
      expect(output.resource.values).toMatchObject({ host: "127.0.0.1", tls });
      expect(Number.isInteger(output.resource.values.port)).toBe(true);
      expect(output.resource.secrets.url.startsWith(tls ? "rediss://" : "redis://")).toBe(true);
      passwords.push(output.resource.secrets.password);

      const client = await connectWithOutputs(output.resource);
      await client.set("greeting", "hello");
      expect(await client.get("greeting")).toBe("hello");
      client.destroy();

      const again = await call(resource, put);
      expect(again.status).toBe(200);
      expect(again.body).toEqual(output);
      expect((await call(resource, { method: "GET" })).body).toEqual(output);

      const deleted = await pollWhile202(resource, { method: "DELETE" });
      expect(deleted.last.status).toBe(204);
      expect(deleted.last.text).toBe("");
      // The port is free again, and another test's Redis may have taken it by now: then its
      // certificate (another CA) or its passwords refuse this cache's outputs, which is just as gone.
      expect((await connectionError(output.resource)).message).toMatch(
        /ECONNREFUSED|closed|reset|ECONNRESET|certificate|WRONGPASS|NOAUTH/i,
      );
      const get = await call(resource, { method: "GET" });
      expect(get.status).toBe(404);
      expect(get.body).toMatchObject({ error: "RES-109" });
      expect((await call(resource, { method: "DELETE" })).status).toBe(204);
    }
  });

  it.skipIf(skip)(`rotates the password in place when auth_generation is raised${skipped}`, async () => {
    const driver = await start({ LOCAL_CREATE_DELAY_MS: "0" });
    const resource = `${driver.url}${newGuresid()}`;
    const first = await pollWhile202(resource, { method: "PUT", body: inputData({ tls: false }) });
    const before = (first.last.body as { resource: RedisOutputs }).resource;
    const rotated = await pollWhile202(resource, {
      method: "PUT",
      body: inputData({ tls: false, auth_generation: 1 }),
    });
    expect(rotated.last.status).toBe(200);
    const after = (rotated.last.body as { resource: RedisOutputs }).resource;
    passwords.push(before.secrets.password, after.secrets.password);
    expect(after.values).toEqual(before.values);
    expect(after.secrets.password).not.toBe(before.secrets.password);
    expect((await connectionError(before)).message).toMatch(/WRONGPASS|invalid username-password/i);
    const client = await connectWithOutputs(after);
    expect(await client.ping()).toBe("PONG");
    client.destroy();
    expect((await pollWhile202(resource, { method: "DELETE" })).last.status).toBe(204);
  });

  it.skipIf(skip)(
    `refuses a change that needs a replacement with a 400 naming the field${skipped}`,
    async () => {
      const driver = await start({ LOCAL_CREATE_DELAY_MS: "0" });
      const resource = `${driver.url}${newGuresid()}`;
      await pollWhile202(resource, { method: "PUT", body: inputData({ tls: false }) });
      const answer = await call(resource, { method: "PUT", body: inputData({ tls: true }) });
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({
        error: "RES-108",
        message: expect.stringMatching(/^driver\.values\.tls: changing/),
      });
      expect((await pollWhile202(resource, { method: "DELETE" })).last.status).toBe(204);
    },
  );
});
