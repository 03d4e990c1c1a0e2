import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import express from "express";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requestLogger } from "./request-logger.js";

describe("requestLogger", () => {
  const lines: Record<string, unknown>[] = [];
  let origin: string;
  let close: () => Promise<void>;

  beforeAll(async () => {
    const logger = pino({ level: "debug" }, { write: (line: string) => lines.push(JSON.parse(line)) });
    const app = express();
    app.use(requestLogger(logger, (path) => path.replace("/hidden-secret", "/[secret]")));
    app.get("/hidden-secret/ok", (_req, res) => {
      res.json({ ok: true });
    });
    app.get("/slow", async (_req, res) => {
      await sleep(2_000);
      if (!res.destroyed) res.json({ late: true });
    });
    app.get("/fails", () => {
      throw new Error("boom");
    });
    const server = app.listen(0, "127.0.0.1");
    await once(server, "listening");
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    };
  });
  afterAll(() => close?.());

  const linesOf = (id: string) => lines.filter((line) => line.reqId === id);

  it("logs a success at debug with the shown path, never the secret, under the caller's id", async () => {
    const response = await fetch(`${origin}/hidden-secret/ok?x=1`, {
      headers: { "x-request-id": "req-ok-1" },
    });
    expect(response.headers.get("x-request-id")).toBe("req-ok-1");
    await response.json();
    await sleep(50);
    expect(linesOf("req-ok-1")).toEqual([
      expect.objectContaining({
        level: 20,
        msg: "request completed",
        req: { id: "req-ok-1", method: "GET", path: "/[secret]/ok" },
        res: { status: 200 },
      }),
    ]);
    expect(JSON.stringify(lines)).not.toContain("hidden-secret");
  });

  it("logs a server error at error", async () => {
    await (await fetch(`${origin}/fails`, { headers: { "x-request-id": "req-fails-1" } })).text();
    await sleep(50);
    expect(linesOf("req-fails-1")).toEqual([expect.objectContaining({ level: 50, res: { status: 500 } })]);
  });

  it("logs a request the caller gave up on before the answer", async () => {
    await fetch(`${origin}/slow`, {
      headers: { "x-request-id": "req-gone-1" },
      signal: AbortSignal.timeout(200),
    }).catch(() => undefined);
    await sleep(300);
    expect(linesOf("req-gone-1")).toEqual([
      expect.objectContaining({
        level: 30,
        msg: "request aborted",
        req: expect.objectContaining({ path: "/slow" }),
      }),
    ]);
  });
});
