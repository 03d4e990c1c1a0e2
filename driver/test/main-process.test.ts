import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const MAIN = path.resolve(import.meta.dirname, "../src/main.ts");

/** Runs the driver's entry point; resolves when it exits or, with `stopWhen`, after SIGTERM. */
async function runMain(env: NodeJS.ProcessEnv, stopWhen?: RegExp, args: string[] = []) {
  const child = spawn(process.execPath, ["--import", "tsx", MAIN, ...args], {
    env: { ...process.env, PORT: "0", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
    if (stopWhen?.test(stdout)) child.kill("SIGTERM");
  });
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
  const [code] = (await once(child, "exit")) as [number | null];
  clearTimeout(timer);
  return { code, stdout, stderr };
}

describe("the driver's entry point", () => {
  let stateDir: string;
  beforeAll(async () => {
    stateDir = await mkdtemp(path.join(tmpdir(), "driver-main-"));
  });
  afterAll(async () => {
    await rm(stateDir, { recursive: true, force: true });
  });

  it("refuses to start on a bad configuration, listing every problem", async () => {
    const { code, stderr } = await runMain({ PORT: "eighty", HOST: "0.0.0.0", LOCAL_RUNTIME: "vm" });
    expect(code).toBe(1);
    expect(stderr).toContain("Invalid driver configuration:");
    expect(stderr).toMatch(/- PORT: /);
    expect(stderr).toMatch(/- LOCAL_RUNTIME: /);
  });

  it("refuses to start without a Redis runtime and says what to install", async () => {
    const { code, stderr } = await runMain({
      LOCAL_RUNTIME: "process",
      LOCAL_REDIS_SERVER: "/nonexistent/redis-server",
      LOCAL_STATE_DIR: stateDir,
    });
    expect(code).toBe(1);
    expect(stderr).toMatch(/redis-server/);
    expect(stderr).toMatch(/Fix: .*apt-get install redis-server/);
  });

  it("answers --help with the variables it reads, and starts nothing", async () => {
    const { code, stdout } = await runMain({}, undefined, ["--help"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: pnpm driver/);
    expect(stdout).toMatch(/^ {2}DRIVER_REQUEST_TIMEOUT_MS +how long a client may take/m);
    expect(stdout).toMatch(/^ {2}LOCAL_RUNTIME +auto: /m);
    expect(stdout).not.toContain("driver listening");
  });

  it("refuses an unknown argument and points to --help", async () => {
    const { code, stderr } = await runMain({}, undefined, ["--port", "80"]);
    expect(code).toBe(2);
    expect(stderr).toContain("Unknown option '--port'");
    expect(stderr).toContain("--help");
  });

  it("starts, logs the provisioner it picked, and stops gracefully on SIGTERM", async () => {
    const { code, stdout } = await runMain(
      {
        LOCAL_RUNTIME: "process",
        LOCAL_STATE_DIR: stateDir,
        DRIVER_AUTH_TOKEN: "start-stop-token-0123456789",
      },
      /"msg":"driver listening"/,
    );
    expect(code).toBe(0);
    expect(stdout).toMatch(/"provisioner":"local\/process"/);
    expect(stdout).toMatch(/"msg":"driver stopped"/);
    expect(stdout).not.toContain("start-stop-token-0123456789");
    // Not a terminal: nothing but JSON lines.
    for (const line of stdout.split("\n").filter(Boolean)) expect(line).toMatch(/^\{.*\}$/);
  });
});
