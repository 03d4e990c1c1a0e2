// A driver on the fake provisioner in a process of its own, for memory measurements. Run it with
// `node --expose-gc --import tsx` and an IPC channel (argument: extra environment as JSON): it sends `{ url }` once it listens, answers
// "heap" with the heap in use after full garbage collections, and "stop" by closing and exiting.
import { randomBytes } from "node:crypto";
import { setImmediate as tick } from "node:timers/promises";
import { Writable } from "node:stream";
import { loadConfig } from "../../src/config/load-config.js";
import { startDriver } from "../../src/start-driver.js";
import { registryWithFake } from "./fake-provisioner.js";

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc || !process.send) throw new Error("run with --expose-gc and an IPC channel");
const send = process.send.bind(process);

const env = JSON.parse(process.argv[2] ?? "{}") as NodeJS.ProcessEnv;
const config = loadConfig(
  {
    PORT: "0",
    DRIVER_PROVISIONER: "fake",
    DRIVER_SECRET_KEY: randomBytes(32).toString("hex"),
    DRIVER_LOG_LEVEL: "warn",
    ...env,
  },
  { registry: registryWithFake() },
);
const discard = new Writable({ write: (_chunk, _encoding, done) => done() });
const driver = await startDriver(config, { logDestination: discard });

process.on("message", (message) => {
  void (async () => {
    if (message === "heap") {
      for (let round = 0; round < 3; round += 1) {
        gc();
        await tick();
      }
      const { heapUsed, rss } = process.memoryUsage();
      send({ heapUsed, rss });
    } else if (message === "stop") {
      await driver.close();
      process.exit(0);
    }
  })();
});
send({ url: driver.url });
