import { spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalProvisioner } from "../src/provisioners/local/local-provisioner.js";
import { newGuresid, pollWhile202 } from "./support/http.js";

const REPO = path.resolve(import.meta.dirname, "../..");

/**
 * `pnpm driver` as a person runs it: in a terminal (a pseudo-terminal from util-linux `script`),
 * stopped with Ctrl-C typed on that terminal, which signals the whole foreground process group.
 */
async function driverInTerminal(stateDir: string, whileUp: (url: string) => Promise<void>) {
  const child = spawn("script", ["--quiet", "--flush", "--return", "--command", "pnpm driver", "/dev/null"], {
    cwd: REPO,
    env: { ...process.env, PORT: "0", LOCAL_RUNTIME: "process", LOCAL_STATE_DIR: stateDir, NO_COLOR: "1" },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let output = "";
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const up = new Promise<string>((resolve) => {
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const url = /Driver listening on (\S+) /.exec(output)?.[1];
      if (url) resolve(url);
    });
  });
  const exited = once(child, "exit") as Promise<[number | null, NodeJS.Signals | null]>;
  const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
  try {
    const url = await Promise.race([
      up,
      exited.then(() => Promise.reject(new Error(`exited early:\n${output}`))),
    ]);
    await whileUp(url);
    child.stdin.write("\x03");
    const [code] = await exited;
    return { code, output: output.replaceAll("\r", "") };
  } finally {
    clearTimeout(timer);
    if (child.exitCode === null) child.kill("SIGKILL");
  }
}

describe("the driver in a terminal", () => {
  let stateDir: string;
  beforeAll(async () => {
    stateDir = await mkdtemp(path.join(tmpdir(), "driver-terminal-"));
  });
  afterAll(async () => {
    // The resource created below keeps running by design: stop it.
    const provisioner = await LocalProvisioner.open({ runtime: "process", stateDir });
    await provisioner.stopAll();
    await rm(stateDir, { recursive: true, force: true });
  });

  it("prints where it listens, stops cleanly on Ctrl-C and names what keeps running", async () => {
    expect(spawnSync("pnpm", ["--version"]).status, "pnpm must be on the PATH").toBe(0);
    const id = newGuresid();
    const { code, output } = await driverInTerminal(stateDir, async (url) => {
      const { last } = await pollWhile202(`${url}${id}`, {
        method: "PUT",
        body: { type: "redis", driver: { values: { tls: false } } },
      });
      expect(last.status).toBe(200);
    });
    expect(output).toMatch(
      /^Driver listening on http:\/\/127\.0\.0\.1:\d+\/ \(provisioner local\/process\); Ctrl-C stops it\.$/m,
    );
    expect(output).toMatch(
      new RegExp(
        `^Driver stopped; 1 resource keeps running and the next start adopts it: ${id} \\(redis-server pid \\d+\\)\\.$`,
        "m",
      ),
    );
    expect(output).not.toMatch(/ELIFECYCLE|Command failed/);
    // The driver itself exits 0 (the stop line above is printed just before); pnpm, which also got the
    // Ctrl-C, then answers either 0 or 130, the shell's code for "ended by Ctrl-C", depending on which
    // of the two noticed the signal first (pnpm/pnpm#9626). Both are a clean stop; anything else is not.
    expect([0, 130]).toContain(code);
  });
});
