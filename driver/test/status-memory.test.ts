import { fork, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { Agent, request } from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newGuresid } from "./support/http.js";

const PROBE = path.resolve(import.meta.dirname, "support/heap-probe-driver.ts");
const CACHE_ENTRIES = 1_000;
/**
 * Well past the cache's size and past the first requests' own growth (code compiled, buffers
 * sized: about 3 MiB over the first 10,000 requests either way), so only what each id leaves
 * behind is measured.
 */
const WARM_UP = 10_000;
const MEASURED = 20_000;
const CONCURRENCY = 16;

interface Heap {
  heapUsed: number;
  rss: number;
}

/** The next IPC message of `child`, bounded in time. */
async function nextMessage<T>(child: ChildProcess, timeoutMs = 30_000): Promise<T> {
  const [message] = (await once(child, "message", { signal: AbortSignal.timeout(timeoutMs) })) as [T];
  return message;
}

/** `count` GETs of never-seen ids, `CONCURRENCY` at a time over keep-alive connections. */
async function getUniqueIds(url: string, agent: Agent, count: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next += 1;
      const status = await new Promise<number>((resolve, reject) => {
        const req = request(`${url}${newGuresid()}`, { agent, timeout: 10_000 }, (res) => {
          res.resume();
          res.on("end", () => resolve(res.statusCode ?? 0));
        });
        req.on("timeout", () => req.destroy(new Error("no answer within 10 s")));
        req.on("error", reject).end();
      });
      if (status !== 404) throw new Error(`GET of an unknown id answered ${status}`);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

describe("memory under a stream of unique resource ids", () => {
  let child: ChildProcess;
  let url: string;
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });

  beforeAll(async () => {
    child = fork(PROBE, [JSON.stringify({ DRIVER_STATUS_CACHE_ENTRIES: String(CACHE_ENTRIES) })], {
      execArgv: ["--expose-gc", "--import", "tsx"],
      env: { ...process.env, NODE_OPTIONS: "" },
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    ({ url } = await nextMessage<{ url: string }>(child));
  });
  afterAll(async () => {
    agent.destroy();
    if (child?.exitCode === null) {
      const exited = once(child, "exit");
      child.send("stop");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    }
  });

  it(`stays flat over ${MEASURED} GETs of ids never seen before`, async () => {
    await getUniqueIds(url, agent, WARM_UP);
    child.send("heap");
    const before = await nextMessage<Heap>(child);
    await getUniqueIds(url, agent, MEASURED);
    child.send("heap");
    const after = await nextMessage<Heap>(child);
    const growth = after.heapUsed - before.heapUsed;
    console.log(
      `heap after GC: ${(before.heapUsed / 2 ** 20).toFixed(1)} → ${(after.heapUsed / 2 ** 20).toFixed(1)} MiB; ` +
        `rss ${(before.rss / 2 ** 20).toFixed(0)} → ${(after.rss / 2 ** 20).toFixed(0)} MiB`,
    );
    // Measured: a status cache remembering every id grows the heap ~4.7 MiB over this stretch
    // (about 250 bytes an id); the bounded one less than 1 MiB.
    expect(growth).toBeLessThan(2.5 * 2 ** 20);
  }, 300_000);
});
