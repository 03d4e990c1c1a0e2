import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, inputData, newGuresid, pollWhile202 } from "./support/http.js";
import { startTestDriver, type TestDriver } from "./support/test-driver.js";

describe("routing under a base path", () => {
  let driver: TestDriver;
  beforeAll(async () => {
    driver = await startTestDriver({
      DRIVER_PROVISIONER: "fake",
      FAKE_AUTO_FINISH_MS: "20",
      DRIVER_BASE_PATH: "/redis/",
    });
  });
  afterAll(async () => {
    await driver?.close();
  });

  it("serves {base}/{guresid}, also when the target was registered with a trailing slash", async () => {
    expect(driver.url).toBe(`${driver.origin}/redis/`);
    const id = newGuresid();
    const put = { method: "PUT", body: inputData({ tls: false }) };
    const ready = await pollWhile202(`${driver.origin}/redis//${id}`, put);
    expect(ready.last.status).toBe(200);
    expect((await call(`${driver.origin}/redis/${id}`, put)).body).toEqual(ready.last.body);
    expect((await pollWhile202(`${driver.origin}/redis/${id}/`, { method: "DELETE" })).last.status).toBe(204);
  });

  it("answers paths outside the base with 404 and where resources live", async () => {
    const answer = await call(`${driver.origin}/${newGuresid()}`, { method: "PUT", body: inputData() });
    expect(answer.status).toBe(404);
    expect(answer.body).toMatchObject({
      error: "RES-109",
      message: expect.stringContaining("/redis/{guresid}"),
    });
  });

  it("keeps health and the OpenAPI document open and at the root", async () => {
    expect((await call(`${driver.origin}/healthz`, { method: "GET" })).body).toEqual({ status: "ok" });
    expect((await call(`${driver.origin}/readyz`, { method: "GET" })).status).toBe(200);
    const openapi = await call(`${driver.origin}/openapi.json`, { method: "GET" });
    expect(Object.keys((openapi.body as { paths: object }).paths)).toEqual(["/redis/{guresid}"]);
  });

  it("tells how long the driver took in Server-Timing", async () => {
    const answer = await call(`${driver.origin}/healthz`, { method: "GET" });
    expect(answer.headers.get("server-timing")).toMatch(/^app;dur=\d+\.\d{2}$/);
    expect(answer.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});
