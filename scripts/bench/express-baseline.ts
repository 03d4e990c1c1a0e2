import { once } from "node:events";
import type { AddressInfo } from "node:net";
import express from "express";

export interface ExpressBaseline extends AsyncDisposable {
  /** A resource URL on the baseline, answering PUT and GET as the driver does for a ready resource. */
  readonly url: string;
}

/**
 * The yardstick of the poll path: a bare Express 5 app that parses the same JSON body and sends a
 * JSON answer of the same size as the driver's, and does nothing else (no validation, cookie,
 * logging or lookup). What the driver adds per poll is the difference between the two.
 */
export async function startExpressBaseline(answer: string): Promise<ExpressBaseline> {
  const app = express();
  app.disable("x-powered-by");
  app.put("/:id", express.json(), (_req, res) => {
    res.type("application/json").send(answer);
  });
  app.get("/:id", (_req, res) => {
    res.type("application/json").send(answer);
  });
  const server = app.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/${"0".repeat(40)}`,
    async [Symbol.asyncDispose]() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
