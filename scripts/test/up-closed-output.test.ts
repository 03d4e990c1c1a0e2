import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { REPO_ROOT } from "@elasticache-driver-kit/e2e";
import { afterEach, describe, expect, it } from "vitest";
import { MARK_VARIABLE, markedProcesses } from "./support/marked-processes.js";
import { portRefused } from "./support/port-refused.js";

/**
 * `npm run up` as a user runs it with a log: its output (stdout and stderr) through a pipe whose
 * reader goes away first, as `npm run up 2>&1 | tee up.log` does on Ctrl-C or `| head` does at
 * once. The run is a process group of its own, like a terminal's foreground job; every process it
 * starts carries a mark in its environment, and its temporary files go to a directory of the test.
 */
async function upThroughClosingPipe(options: {
  /** Close the pipe once the output shows this text. */
  closeWhen: string;
  /** Then send SIGINT to the whole group, as a terminal's Ctrl-C does. */
  interrupt: boolean;
  tmp: string;
  mark: string;
  /** Flags of up, e.g. --emulated-cloud. */
  args?: readonly string[];
}): Promise<{ code: number | null; signal: NodeJS.Signals | null; seen: string }> {
  const child = spawn("npm", ["run", "up", ...(options.args?.length ? ["--", ...options.args] : [])], {
    cwd: REPO_ROOT,
    env: { ...process.env, [MARK_VARIABLE]: options.mark, TMPDIR: options.tmp },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const exited = once(child, "exit") as Promise<[number | null, NodeJS.Signals | null]>;
  let seen = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`"${options.closeWhen}" not seen:\n${seen}`)), 60_000);
    const collect = (chunk: Buffer) => {
      seen += chunk.toString();
      if (!seen.includes(options.closeWhen)) return;
      clearTimeout(timer);
      resolve();
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    void exited.then(() => reject(new Error(`up exited before "${options.closeWhen}":\n${seen}`)));
  }).catch(async (error: unknown) => {
    if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, "SIGINT");
    await exited;
    throw error;
  });
  // The reader goes away: every later write of up (and of the kit and npm) fails with EPIPE.
  child.stdout.destroy();
  child.stderr.destroy();
  if (options.interrupt && child.pid !== undefined) process.kill(-child.pid, "SIGINT");
  const timer = setTimeout(() => child.pid !== undefined && process.kill(-child.pid, "SIGKILL"), 60_000);
  const [code, signal] = await exited;
  clearTimeout(timer);
  return { code, signal, seen };
}

/** Processes still running, with a little time for those already on their way out. */
async function leftRunning(mark: string): Promise<string[]> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const left = await markedProcesses(mark);
    if (left.length === 0 || Date.now() > deadline) return left.map((p) => `${p.pid} ${p.command}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * What is left in the run's temporary directory. tsx's compile cache (tsx-<uid>) stays by design,
 * and so does the local ElastiCache endpoint's state root (elasticache-emulator), but not its
 * run's directory inside.
 */
async function leftFiles(dir: string): Promise<string[]> {
  const left: string[] = [];
  for (const name of await readdir(dir)) {
    if (/^tsx-\d+$/.test(name)) continue;
    if (name === "elasticache-emulator") {
      left.push(...(await readdir(path.join(dir, name))).map((run) => `${name}/${run}`));
    } else left.push(name);
  }
  return left;
}

const linux = process.platform === "linux";
let tmp: string | undefined;
let mark: string | undefined;

afterEach(async () => {
  // Whatever a failed run left is stopped here, so no test leaves a process behind.
  for (const { pid } of mark ? await markedProcesses(mark) : []) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe.skipIf(!linux)(
  `npm run up with its output through a pipe that closes${linux ? "" : " (skipped: not Linux: /proc is needed)"}`,
  () => {
    it.each([
      { mode: "the local provisioner", args: [], servers: 3 },
      // The endpoint runs inside up: it and the Redis behind the cache must go too.
      { mode: "--emulated-cloud", args: ["--emulated-cloud"], servers: 4 },
    ])(
      "on Ctrl-C to the whole group (npm run up 2>&1 | tee up.log), with $mode, exits 0 and leaves no process, port or state directory",
      async ({ args, servers }) => {
        tmp = await mkdtemp(path.join(tmpdir(), "up-closed-output-"));
        mark = randomUUID();
        const { code, signal, seen } = await upThroughClosingPipe({
          closeWhen: "Ctrl-C deletes the cache and stops everything.",
          interrupt: true,
          tmp,
          mark,
          args,
        });

        expect({ code, signal }, seen).toEqual({ code: 0, signal: null });
        expect(await leftRunning(mark)).toEqual([]);
        expect(await leftFiles(tmp)).toEqual([]);
        const ports = [
          ...seen.matchAll(
            /(?:listening at|page is|endpoint at) http:\/\/127\.0\.0\.1:(\d+)|outputs: values: host [\w.-]+, port (\d+)/g,
          ),
        ].map((match) => Number(match[1] ?? match[2]));
        expect(ports, seen).toHaveLength(servers);
        for (const port of ports) expect(await portRefused("127.0.0.1", port)).toBe(true);
      },
      120_000,
    );

    it("without Ctrl-C (npm run up | head), stops by itself once a line finds the pipe closed, exits 0 and leaves nothing", async () => {
      tmp = await mkdtemp(path.join(tmpdir(), "up-closed-output-"));
      mark = randomUUID();
      const { code, signal, seen } = await upThroughClosingPipe({
        closeWhen: "▶ Driver (",
        interrupt: false,
        tmp,
        mark,
      });

      expect({ code, signal }, seen).toEqual({ code: 0, signal: null });
      expect(await leftRunning(mark)).toEqual([]);
      expect(await leftFiles(tmp)).toEqual([]);
    }, 120_000);
  },
);
