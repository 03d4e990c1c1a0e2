import type { CacheConsumer, StartConsumer } from "@elasticache-driver-kit/e2e";
import { describe, expect, it } from "vitest";
import { startFakeDriver } from "../../test/support/fake-driver.js";
import type { EmulatedCloud } from "./emulated-cloud.js";
import { localUp, type LocalUpSeams, type UpDriver } from "./local-up.js";

/**
 * The seams of `up` with stand-ins: a loopback driver answering the contract, a consumer that is
 * ready while the cache exists, and an endpoint that only records its life.
 */
function seams(
  log: string[],
  options: { driverFails?: boolean; createPolls?: number; onPut?: () => void; runsClusters?: boolean } = {},
) {
  let cacheExists = false;
  const envs: { driver?: NodeJS.ProcessEnv; app?: NodeJS.ProcessEnv; putBodies: unknown[] } = {
    putBodies: [],
  };
  const startDriver = async (env: NodeJS.ProcessEnv): Promise<UpDriver> => {
    envs.driver = env;
    if (options.driverFails)
      throw new Error("driver exited with 1 before it was ready: DRIVER_PROVISIONER: unknown");
    const server = await startFakeDriver({
      createPolls: options.createPolls ?? 1,
      onPutBody: (body) => envs.putBodies.push(body),
      onRequest: (method) => {
        if (method === "PUT") {
          cacheExists = true;
          options.onPut?.();
        }
        if (method === "DELETE") cacheExists = false;
        log.push(`driver ${method}`);
      },
    });
    log.push("driver started");
    return {
      url: `${server.url}/`,
      pid: process.pid,
      provisioner: "fake",
      output: () => '{"level":50,"msg":"a driver complaint"}',
      dispose: async () => {
        await server.close();
        log.push("driver stopped");
        return [];
      },
    };
  };
  const consumer = (appEnv: NodeJS.ProcessEnv): StartConsumer => {
    envs.app = appEnv;
    return () => {
      let visits = 0;
      const close = () => {
        log.push("app stopped");
        return Promise.resolve();
      };
      const app: CacheConsumer = {
        description: "sample app at http://127.0.0.1:1",
        url: "http://127.0.0.1:1",
        readiness: () =>
          Promise.resolve(
            cacheExists ? { ready: true, status: 200 } : { ready: false, status: 503, reason: "gone" },
          ),
        visit: () => Promise.resolve(++visits),
        close,
        [Symbol.asyncDispose]: close,
      };
      log.push("app started");
      return Promise.resolve(app);
    };
  };
  const startEmulatedCloud = (): Promise<EmulatedCloud> => {
    log.push("endpoint started");
    const close = () => {
      log.push("endpoint stopped");
      return Promise.resolve();
    };
    return Promise.resolve({
      description: "local ElastiCache endpoint at http://127.0.0.1:4575",
      driverEnv: {
        AWS_REGION: "us-east-1",
        AWS_ENDPOINT_URL_ELASTICACHE: "http://127.0.0.1:4575",
        AWS_ACCESS_KEY_ID: "test",
      },
      appEnv: { NODE_EXTRA_CA_CERTS: "/tmp/emulator-ca.pem" },
      runsClusters: options.runsClusters ?? true,
      close,
      [Symbol.asyncDispose]: close,
    });
  };
  return { envs, seams: { startDriver, consumer, startEmulatedCloud } satisfies LocalUpSeams };
}

describe("up (local modes)", () => {
  it("--emulated-cloud starts the endpoint first, runs the driver in elasticache mode against it, gives the app its CA, and stops the driver before the endpoint", async () => {
    const log: string[] = [];
    const { envs, seams: s } = seams(log);
    const lines: string[] = [];
    const code = await localUp({
      once: true,
      emulatedCloud: true,
      interrupt: new AbortController().signal,
      write: (l) => lines.push(l),
      seams: s,
    });

    expect(code).toBe(0);
    expect(envs.driver).toEqual({
      AWS_REGION: "us-east-1",
      AWS_ENDPOINT_URL_ELASTICACHE: "http://127.0.0.1:4575",
      AWS_ACCESS_KEY_ID: "test",
      DRIVER_PROVISIONER: "elasticache",
    });
    expect(envs.app).toEqual({ NODE_EXTRA_CA_CERTS: "/tmp/emulator-ca.pem" });
    expect(log[0]).toBe("endpoint started");
    expect(log.slice(-2)).toEqual(["driver stopped", "endpoint stopped"]);
    expect(log.indexOf("driver DELETE")).toBeGreaterThan(log.indexOf("app started"));
    expect(lines).toContainEqual(
      expect.stringContaining("▶ Up: the sample app's page is http://127.0.0.1:1/"),
    );
    expect(lines.at(-1)).toContain("OK: created, connected, counted, deleted");
  });

  it.each([
    [undefined, { deployment: "node-based" }],
    ["node-based", { deployment: "node-based" }],
    ["serverless", { deployment: "serverless" }],
    ["cluster", { deployment: "node-based", mode: "cluster", shards: 2 }],
  ] as const)(
    "--emulated-cloud --deployment %s PUTs the cache with the inputs %j",
    async (deployment, values) => {
      const { envs, seams: s } = seams([]);
      const lines: string[] = [];
      const code = await localUp({
        once: true,
        emulatedCloud: true,
        ...(deployment ? { deployment } : {}),
        interrupt: new AbortController().signal,
        write: (l) => lines.push(l),
        seams: s,
      });
      expect(code).toBe(0);
      expect(envs.putBodies.length).toBeGreaterThan(0);
      for (const body of envs.putBodies) expect(body).toMatchObject({ driver: { values } });
      expect(lines).toContainEqual(expect.stringContaining(`driver inputs: ${JSON.stringify(values)}`));
    },
  );

  it.each([
    ["serverless", false, true],
    ["cluster", false, true],
    ["cluster", true, false],
    ["node-based", false, false],
  ] as const)(
    "--emulated-cloud --deployment %s on engines that run clusters: %s; a note that they are plain Redis: %s",
    async (deployment, runsClusters, noted) => {
      const { seams: s } = seams([], { runsClusters });
      const lines: string[] = [];
      const code = await localUp({
        once: true,
        emulatedCloud: true,
        deployment,
        interrupt: new AbortController().signal,
        write: (l) => lines.push(l),
        seams: s,
      });
      expect(code).toBe(0);
      const note = lines.filter((line) => line.includes("EMULATOR_RUNTIME=process"));
      expect(note).toHaveLength(noted ? 1 : 0);
      if (noted) expect(note[0]).toContain(`not the Redis Cluster a ${deployment} cache is on AWS`);
    },
  );

  it("without a flag runs the local provisioner with LOCAL_RUNTIME, and no endpoint", async () => {
    const log: string[] = [];
    const { envs, seams: s } = seams(log);
    const code = await localUp({
      once: true,
      emulatedCloud: false,
      interrupt: new AbortController().signal,
      write: () => {},
      localRuntime: "process",
      seams: s,
    });
    expect(code).toBe(0);
    expect(envs.driver).toEqual({ LOCAL_RUNTIME: "process" });
    expect(log).not.toContain("endpoint started");
  });

  it("stops the endpoint when the driver cannot start, with the driver's reason", async () => {
    const log: string[] = [];
    const { seams: s } = seams(log, { driverFails: true });
    const lines: string[] = [];
    const code = await localUp({
      once: true,
      emulatedCloud: true,
      interrupt: new AbortController().signal,
      write: (l) => lines.push(l),
      seams: s,
    });
    expect(code).toBe(1);
    expect(log).toEqual(["endpoint started", "endpoint stopped"]);
    expect(lines).toContainEqual(
      "FAILED: driver exited with 1 before it was ready: DRIVER_PROVISIONER: unknown",
    );
  });

  it("serves until Ctrl-C, then deletes the cache, watches the app see it go and stops everything", async () => {
    const log: string[] = [];
    const { seams: s } = seams(log);
    const interrupt = new AbortController();
    const lines: string[] = [];
    const write = (line: string) => {
      lines.push(line);
      if (line.includes("Ctrl-C deletes the cache"))
        setTimeout(() => interrupt.abort(new Error("SIGINT")), 50);
    };
    const code = await localUp({
      once: false,
      emulatedCloud: false,
      interrupt: interrupt.signal,
      write,
      seams: s,
    });

    expect(code).toBe(0);
    expect(log.indexOf("driver DELETE")).toBeGreaterThan(log.lastIndexOf("driver PUT"));
    expect(log.slice(-2)).toEqual(["app stopped", "driver stopped"]);
    expect(lines).toContainEqual(expect.stringContaining("readiness after the delete: 503"));
  });

  it.each([
    { once: false, code: 0, last: "Stopped on request before everything was up" },
    { once: true, code: 130, last: "Interrupted before the check finished" },
  ])(
    "answers a Ctrl-C before it is up (once: $once) with $code, after deleting the cache and stopping the driver",
    async ({ once, code: expected, last }) => {
      const log: string[] = [];
      const interrupt = new AbortController();
      const { seams: s } = seams(log, {
        createPolls: 1_000,
        onPut: () => interrupt.abort(new Error("SIGINT")),
      });
      const lines: string[] = [];
      const code = await localUp({
        once,
        emulatedCloud: false,
        interrupt: interrupt.signal,
        write: (l) => lines.push(l),
        seams: s,
      });

      expect(code).toBe(expected);
      expect(log).toContain("driver DELETE");
      expect(log.at(-1)).toBe("driver stopped");
      expect(lines).toContainEqual(
        expect.stringContaining("cleanup: the resource was deleted after the failure"),
      );
      expect(lines.at(-1)).toContain(last);
      expect(lines.join("\n")).not.toContain("OK: created");
    },
  );
});
