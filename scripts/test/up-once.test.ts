import { spawn } from "node:child_process";
import { once } from "node:events";
import { listManagedInstances } from "@elasticache-driver-kit/driver/local";
import { REPO_ROOT } from "@elasticache-driver-kit/e2e";
import { describe, expect, it } from "vitest";
import { portRefused } from "./support/port-refused.js";

/**
 * Runs `up` as a user does (a process of its own) and collects what it printed. `interruptWhen`
 * sends the Ctrl-C (SIGINT) once the output shows that text.
 */
async function up(
  args: string[],
  interruptWhen?: string,
  options: { viaKit?: boolean; env?: NodeJS.ProcessEnv } = {},
): Promise<{ code: number | null; output: string; ms: number }> {
  const started = performance.now();
  // Through the kit entry (`npm run up`), in a process group of its own as a terminal's foreground
  // job is, and interrupted as a terminal's Ctrl-C does it: the whole group at once.
  const entry = options.viaKit ? ["scripts/kit.mjs", "up"] : ["--import", "tsx", "scripts/up.ts"];
  const child = spawn(process.execPath, [...entry, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: options.viaKit ?? false,
  });
  const interrupt = () =>
    options.viaKit && child.pid !== undefined ? process.kill(-child.pid, "SIGINT") : child.kill("SIGINT");
  let output = "";
  let interrupted = false;
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    if (interruptWhen !== undefined && !interrupted && output.includes(interruptWhen)) {
      interrupted = true;
      interrupt();
    }
  };
  child.stdout.on("data", collect);
  child.stderr.on("data", collect);
  // A run that hangs is stopped the way a user would, so it still cleans up before the test fails.
  const timer = setTimeout(interrupt, 80_000);
  const [code] = (await once(child, "exit")) as [number | null];
  clearTimeout(timer);
  return { code, output, ms: performance.now() - started };
}

/** What was running, from the output; and a check that none of it still is. */
async function expectNothingLeft(output: string): Promise<void> {
  const driver = /listening at (http:\/\/127\.0\.0\.1:\d+\/) \(pid (\d+), ([\w/]+)\)/.exec(output);
  const stateDir = /state in (\S+)/.exec(output)?.[1];
  const page = /the sample app's page is (http:\/\/127\.0\.0\.1:\d+)\//.exec(output)?.[1];
  expect(driver, output).not.toBeNull();
  expect(stateDir, output).toBeDefined();
  expect(page, output).toBeDefined();
  expect(alive(Number(driver?.[2]))).toBe(false);
  expect(await refused(`${driver?.[1]}healthz`)).toBe(true);
  expect(await refused(`${page}/healthz`)).toBe(true);
  expect(await listManagedInstances(stateDir ?? "")).toEqual({ processes: [], containers: [] });
  // The cache's own port (from the outputs line): its Redis is gone too, whoever ran it.
  const cache = /outputs: values: host ([\w.-]+), port (\d+)/.exec(output);
  expect(cache, output).not.toBeNull();
  expect(await portRefused(cache?.[1] ?? "", Number(cache?.[2]))).toBe(true);
}

const refused = (url: string) =>
  fetch(url, { signal: AbortSignal.timeout(5_000) }).then(
    () => false,
    () => true,
  );

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== "ESRCH";
  }
}

describe("npm run up", () => {
  it("--once brings up Redis, the driver and the sample app, checks them as Humanitec and a user would, and leaves nothing running", async () => {
    const { code, output, ms } = await up(["--once"]);
    console.log(`up --once took ${Math.round(ms)} ms`);

    expect(code, output).toBe(0);
    expect(output).toMatch(/PUT → 200/);
    expect(output).toContain("visit counted: 2");
    expect(output).toMatch(/DELETE → 204/);
    expect(output).toContain("Down: stopped the driver; nothing is left running");
    expect(output).toContain("OK: created, connected, counted, deleted, and the app saw the cache go.");
    await expectNothingLeft(output);
  }, 90_000);

  it("--once --emulated-cloud does the same through the elasticache provisioner and the local ElastiCache endpoint", async () => {
    const { code, output } = await up(["--once", "--emulated-cloud"]);

    expect(code, output).toBe(0);
    expect(output).toMatch(/listening at \S+ \(pid \d+, elasticache\)/);
    expect(output).toMatch(/outputs: values: host [\w.-]+, port \d+, tls true/);
    expect(output).toContain("the sample app connects with a standalone client");
    expect(output).toContain("visit counted: 2");
    expect(output).toContain(
      "Down: stopped the driver and the local ElastiCache endpoint; nothing is left running",
    );
    expect(output).toContain("OK: created, connected, counted, deleted, and the app saw the cache go.");
    await expectNothingLeft(output);
    const endpoint = /local ElastiCache endpoint at (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
    expect(await refused(`${endpoint}/`)).toBe(true);
  }, 90_000);

  it.each([
    ["serverless", /"deployment":"serverless"/],
    ["cluster", /"mode":"cluster","shards":2/],
  ])(
    "--once --emulated-cloud --deployment %s: the sample app counts on a Redis Cluster with a cluster-aware client",
    async (deployment, inputs) => {
      // Only the process runtime runs these caches as Redis Clusters (a container engine runs one
      // plain Redis per cache, and up says so).
      const { code, output } = await up(
        ["--once", "--emulated-cloud", "--deployment", deployment],
        undefined,
        {
          env: { EMULATOR_RUNTIME: "process" },
        },
      );

      expect(code, output).toBe(0);
      expect(output).toMatch(inputs);
      expect(output).toMatch(/outputs: values: host [\w.-]+, port \d+, tls true/);
      // The app says which client it chose: a cluster-aware one, as these deployments need.
      expect(output).toContain("the sample app connects with a cluster client");
      expect(output).toContain("visit counted: 2");
      expect(output).toContain(
        "Down: stopped the driver and the local ElastiCache endpoint; nothing is left running",
      );
      expect(output).toContain("OK: created, connected, counted, deleted, and the app saw the cache go.");
      await expectNothingLeft(output);
    },
    90_000,
  );

  it("through npm run up's entry, a terminal's Ctrl-C to the whole group is one interruption that cleans up", async () => {
    const { code, output } = await up([], "Ctrl-C deletes the cache and stops everything.", { viaKit: true });

    expect(code, output).toBe(0);
    expect(output.match(/SIGINT: stopping/g)).toHaveLength(1);
    expect(output).toContain("OK: created, connected, counted, deleted, and the app saw the cache go.");
    await expectNothingLeft(output);
  }, 90_000);

  it("serves until Ctrl-C, then deletes the cache and stops everything", async () => {
    const { code, output } = await up([], "Ctrl-C deletes the cache and stops everything.");

    expect(code, output).toBe(0);
    expect(output).toContain("SIGINT: stopping; removing what was created");
    expect(output.indexOf("SIGINT: stopping")).toBeLessThan(output.indexOf("DELETE → 204"));
    expect(output).toContain("OK: created, connected, counted, deleted, and the app saw the cache go.");
    await expectNothingLeft(output);
  }, 90_000);
});
