import { spawn } from "node:child_process";
import { once } from "node:events";
import { listManagedInstances } from "@elasticache-driver-kit/driver/local";
import { REPO_ROOT } from "@elasticache-driver-kit/e2e";
import { describe, expect, it } from "vitest";

/** Runs `up --once` as a user does (a process of its own) and collects what it printed. */
async function upOnce(): Promise<{ code: number | null; output: string; ms: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/up.ts", "--once"], {
    cwd: REPO_ROOT,
    env: process.env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const timer = setTimeout(() => child.kill("SIGINT"), 80_000);
  const [code] = (await once(child, "exit")) as [number | null];
  clearTimeout(timer);
  return { code, output, ms: performance.now() - started };
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

describe("npm run up -- --once", () => {
  it("brings up Redis, the driver and the sample app, checks them as Humanitec and a user would, and leaves nothing running", async () => {
    const { code, output, ms } = await upOnce();
    console.log(`up --once took ${Math.round(ms)} ms`);

    expect(code, output).toBe(0);
    const driver = /listening at (http:\/\/127\.0\.0\.1:\d+\/) \(pid (\d+), (local\/\w+)\)/.exec(output);
    const stateDir = /state in (\S+)/.exec(output)?.[1];
    const page = /the sample app's page is (http:\/\/127\.0\.0\.1:\d+)\//.exec(output)?.[1];
    expect(driver, output).not.toBeNull();
    expect(stateDir, output).toBeDefined();
    expect(page, output).toBeDefined();
    expect(output).toMatch(/PUT → 200/);
    expect(output).toContain("visit counted: 2");
    expect(output).toMatch(/DELETE → 204/);
    expect(output).toContain("Down: stopped the driver; nothing is left running");
    expect(output).toContain("OK: created, connected, counted, deleted, and the app saw the cache go.");

    expect(alive(Number(driver?.[2]))).toBe(false);
    expect(await refused(`${driver?.[1]}healthz`)).toBe(true);
    expect(await refused(`${page}/healthz`)).toBe(true);
    expect(await listManagedInstances(stateDir ?? "")).toEqual({ processes: [], containers: [] });
  }, 90_000);
});
