import { once } from "node:events";
import type { AddressInfo } from "node:net";
import express from "express";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DriverError } from "../errors.js";
import { errorHandler } from "./error-handler.js";
import { requestLogger } from "./request-logger.js";

const bodyParserFailure = (type: string, message = type) => Object.assign(new Error(message), { type });

const failures: Record<string, unknown> = {
  driver: new DriverError("RES-101", "bad", { field: "driver.values.x", fix: "set it", details: { a: 1 } }),
  "no-details": new DriverError("RES-109", "resource x is not provisioned", { fix: "PUT it", details: {} }),
  throttled: new DriverError("RES-119", "the backend is throttling", { retryAfterSeconds: 7 }),
  "too-large": bodyParserFailure("entity.too.large", "request entity too large"),
  charset: bodyParserFailure("charset.unsupported"),
  encoding: bodyParserFailure("encoding.unsupported"),
  aborted: bodyParserFailure("request.aborted"),
  "size-invalid": bodyParserFailure("request.size.invalid"),
  "other-body-failure": bodyParserFailure("stream.not.readable"),
  unknown: new Error("connect ECONNREFUSED 10.0.0.1:6379 password=hunter2"),
  // Other libraries' 4xx failures (the router's percent-decoding, zlib's inflation) carry a status.
  "status-400": Object.assign(new Error("incorrect header check"), { status: 400 }),
  "status-code-499": Object.assign(new Error("whatever"), { statusCode: 499 }),
  "status-399": Object.assign(new Error("whatever"), { status: 399 }),
  "status-500": Object.assign(new Error("whatever"), { status: 500 }),
  "uri-400": Object.assign(new URIError("URI malformed"), { status: 400 }),
};

/** An app whose routes throw the failures above, with the error handler last. */
async function serve(withRequestLogger: boolean) {
  const app = express();
  if (withRequestLogger) app.use(requestLogger(pino({ level: "silent" })));
  app.get("/:kind", (req) => {
    throw failures[String(req.params.kind)];
  });
  app.use(errorHandler(1024));
  const server = app.listen(0, "127.0.0.1");
  await once(server, "listening");
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe("errorHandler", () => {
  let served: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => {
    served = await serve(true);
  });
  afterAll(() => served?.close());
  const get = (kind: string) => fetch(`${served.origin}/${kind}`, { signal: AbortSignal.timeout(10_000) });

  it.each([
    ["driver", 400, "RES-101", "driver.values.x: bad. Fix: set it"],
    [
      "too-large",
      413,
      "RES-106",
      "body: the body is larger than 1024 bytes. Fix: send only InputData; driver inputs are small",
    ],
    [
      "charset",
      415,
      "RES-105",
      "content-type: unsupported body encoding or charset. Fix: send UTF-8 JSON without content encoding",
    ],
    [
      "encoding",
      415,
      "RES-105",
      "content-type: unsupported body encoding or charset. Fix: send UTF-8 JSON without content encoding",
    ],
    ["aborted", 400, "RES-100", "body: the body was cut short. Fix: send the whole body"],
    ["size-invalid", 400, "RES-100", "body: the body was cut short. Fix: send the whole body"],
  ])("maps %s to %i %s", async (kind, status, code, message) => {
    const response = await get(kind);
    expect(response.status).toBe(status);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({
      error: code,
      message,
      ...(kind === "driver" ? { details: { a: 1 } } : {}),
    });
  });

  it("leaves out empty details", async () => {
    const response = await get("no-details");
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: "RES-109",
      message: "resource x is not provisioned. Fix: PUT it",
    });
  });

  it("tells a throttled caller when to retry, and only then", async () => {
    const throttled = await get("throttled");
    expect(throttled.status).toBe(503);
    expect(throttled.headers.get("retry-after")).toBe("7");
    expect((await get("driver")).headers.get("retry-after")).toBeNull();
  });

  it.each(["unknown", "other-body-failure"])(
    "turns anything else (%s) into a 500 that leaks nothing",
    async (kind) => {
      const response = await get(kind);
      expect(response.status).toBe(500);
      const text = await response.text();
      const body = JSON.parse(text) as { error: string; message: string; details: { request_id: string } };
      expect(body).toEqual({
        error: "RES-199",
        message: "internal error; the driver's log has the details under this request id",
        details: { request_id: expect.stringMatching(/^\S+$/) },
      });
      expect(text).not.toMatch(/ECONNREFUSED|hunter2|10\.0\.0\.1|stream\.not\.readable|at /);
    },
  );
});

describe("errorHandler without a request logger", () => {
  it("still answers known and unknown failures", async () => {
    const served = await serve(false);
    try {
      const known = await fetch(`${served.origin}/driver`, { signal: AbortSignal.timeout(10_000) });
      expect(known.status).toBe(400);
      const unknown = await fetch(`${served.origin}/unknown`, { signal: AbortSignal.timeout(10_000) });
      expect(unknown.status).toBe(500);
      expect(await unknown.json()).toMatchObject({ error: "RES-199", details: { request_id: "" } });
    } finally {
      await served.close();
    }
  });
});

describe("errorHandler on other libraries' 4xx failures", () => {
  let served: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => {
    served = await serve(true);
  });
  afterAll(() => served?.close());

  it.each([
    [
      "status-400",
      {},
      400,
      "RES-120",
      "the request could not be read. Fix: send an HTTP/1.1 request with a JSON body, as the OpenAPI document at GET /openapi.json describes",
    ],
    [
      "status-code-499",
      {},
      400,
      "RES-120",
      "the request could not be read. Fix: send an HTTP/1.1 request with a JSON body, as the OpenAPI document at GET /openapi.json describes",
    ],
    [
      "uri-400",
      {},
      400,
      "RES-103",
      "path: the path is not valid percent-encoding. Fix: write each escaped byte as % and two hex digits; a GUResID needs no escaping",
    ],
    [
      "status-400",
      { "content-encoding": "gzip" },
      400,
      "RES-120",
      'content-encoding: the body is not valid "gzip" data. Fix: compress the body with the encoding the header names, or send plain JSON without Content-Encoding',
    ],
    [
      "status-400",
      { "content-encoding": "IDENTITY" },
      400,
      "RES-120",
      "the request could not be read. Fix: send an HTTP/1.1 request with a JSON body, as the OpenAPI document at GET /openapi.json describes",
    ],
  ])("maps %s (headers %j) to %i %s", async (kind, headers, status, code, message) => {
    const response = await fetch(`${served.origin}/${kind}`, {
      headers,
      signal: AbortSignal.timeout(10_000),
    });
    expect(response.status).toBe(status);
    expect(await response.json()).toEqual({ error: code, message });
  });

  it.each(["status-399", "status-500"])(
    "leaves a status outside 400-499 (%s) to the 500 path",
    async (kind) => {
      const response = await fetch(`${served.origin}/${kind}`, { signal: AbortSignal.timeout(10_000) });
      expect(response.status).toBe(500);
      expect(await response.json()).toMatchObject({ error: "RES-199" });
    },
  );
});
