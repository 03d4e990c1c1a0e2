import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { call, inputData, newGuresid, pollWhile202 } from "./support/http.js";
import { startTestDriver, type TestDriver } from "./support/test-driver.js";

describe("a repeated poll body over HTTP", () => {
  let driver: TestDriver;
  beforeAll(async () => {
    driver = await startTestDriver({ DRIVER_PROVISIONER: "fake", FAKE_AUTO_FINISH_MS: "20" });
  });
  afterAll(async () => {
    await driver?.close();
  });

  it("is answered from the parsed-body cache: a text seen before is not parsed as JSON again", async () => {
    const url = `${driver.url}${newGuresid()}`;
    const text = JSON.stringify(inputData({ tls: false }));
    const put = (raw: string) => ({ method: "PUT", raw, headers: { "content-type": "application/json" } });
    const ready = await pollWhile202(url, put(text));
    expect(ready.last.status).toBe(200);

    const jsonParse = vi.spyOn(JSON, "parse");
    try {
      const parsedTexts = (body: string) => jsonParse.mock.calls.filter(([argument]) => argument === body);
      const again = await call(url, put(text));
      expect(again.status).toBe(200);
      expect(again.body).toEqual(ready.last.body);
      expect(parsedTexts(text)).toEqual([]);
      // Another text, even one that means the same, is parsed (once) and answered alike.
      const spaced = ` ${text}`;
      expect((await call(url, put(spaced))).body).toEqual(ready.last.body);
      expect(parsedTexts(spaced)).toHaveLength(1);
    } finally {
      jsonParse.mockRestore();
    }
    expect((await pollWhile202(url, { method: "DELETE" })).last.status).toBe(204);
  });
});
