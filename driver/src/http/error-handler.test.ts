import { once } from "node:events";
import type { AddressInfo } from "node:net";
import express from "express";
import pino from "pino";
import { pinoHttp } from "pino-http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DriverError } from "../errors.js";
import { errorHandler } from "./error-handler.js";

const failures: Record<string, unknown> = {
  driver: new DriverError("RES-101", "bad", { field: "driver.values.x", fix: "set it", details: { a: 1 } }),
  "parse-failed": Object.assign(new Error("Unexpected token"), { type: "entity.parse.failed" }),
  "too-large": Object.assign(new Error("request entity too large"), { type: "entity.too.large" }),
  charset: Object.assign(new Error("unsupported charset"), { type: "charset.unsupported" }),
  aborted: Object.assign(new Error("aborted"), { type: "request.aborted" }),
  unknown: new Error("connect ECONNREFUSED 10.0.0.1:6379 password=hunter2"),
};

describe("errorHandler", () => {
  let origin = "";
  let server: ReturnType<express.Express["listen"]>;

  beforeAll(async () => {
    const app = express();
    app.use(pinoHttp({ logger: pino({ level: "silent" }) }));
    app.get("/:kind", (req) => {
      throw failures[String(req.params.kind)];
    });
    app.use(errorHandler(1024));
    server = app.listen(0, "127.0.0.1");
    await once(server, "listening");
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it.each([
    ["driver", 400, "RES-101", "driver.values.x: bad. Fix: set it"],
    ["parse-failed", 400, "RES-100", "body: the body is not valid JSON"],
    ["too-large", 413, "RES-106", "body: the body is larger than 1024 bytes"],
    ["charset", 415, "RES-105", "content-type: unsupported body encoding or charset"],
    ["aborted", 400, "RES-100", "body: the body was cut short"],
  ])("maps %s to %i %s", async (kind, status, code, message) => {
    const response = await fetch(`${origin}/${kind}`);
    expect(response.status).toBe(status);
    const body = (await response.json()) as { error: string; message: string };
    expect(body.error).toBe(code);
    expect(body.message).toContain(message);
  });

  it("keeps details of a DriverError", async () => {
    expect(await (await fetch(`${origin}/driver`)).json()).toMatchObject({ details: { a: 1 } });
  });

  it("turns anything unknown into a 500 that leaks nothing", async () => {
    const response = await fetch(`${origin}/unknown`);
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(JSON.parse(text)).toMatchObject({ error: "RES-199", details: { request_id: expect.any(String) } });
    expect(text).not.toMatch(/ECONNREFUSED|hunter2|10\.0\.0\.1|at /);
  });
});
