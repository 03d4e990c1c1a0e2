import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { REPO_ROOT } from "@elasticache-driver-kit/e2e";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/** A long-running command of the kit as `npm run -s <script>` starts it, and how to tell it is up. */
interface Server {
  readonly script: string;
  /** The variable that names its port. */
  readonly portVariable: string;
  readonly env: (stateDir: string) => NodeJS.ProcessEnv;
  /** Its base URL once the output shows it is listening. */
  readonly ready: (output: string) => string | undefined;
}

const SERVERS: readonly Server[] = [
  {
    script: "driver",
    portVariable: "PORT",
    env: (stateDir) => ({ LOCAL_RUNTIME: "process", LOCAL_STATE_DIR: stateDir, HOST: "127.0.0.1" }),
    ready: (output) => /"origin":"(http:[^"]+)"/.exec(output)?.[1],
  },
  {
    script: "sample-app",
    portVariable: "PORT",
    // It listens whether or not the cache answers; nothing listens on port 1.
    env: () => ({ REDIS_HOST: "127.0.0.1", REDIS_PORT: "1", HOST: "127.0.0.1" }),
    ready: (output) => /"address":"(http:[^"]+)"/.exec(output)?.[1],
  },
  {
    script: "emulator",
    portVariable: "EMULATOR_PORT",
    env: (stateDir) => ({ EMULATOR_STATE_ROOT: stateDir, EMULATOR_RUNTIME: "process" }),
    ready: (output) => /Local ElastiCache endpoint listening on (http:\S+)/.exec(output)?.[1],
  },
];

interface Run {
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  readonly output: () => string;
  readonly url: Promise<string>;
  readonly pid: number;
  closeOutput(): void;
}

/** `npm run -s <script>` in a process group of its own, as a terminal's foreground job. */
function run(server: Server, env: NodeJS.ProcessEnv): Run {
  const child = spawn("npm", ["run", "-s", server.script], {
    cwd: REPO_ROOT,
    env: { ...process.env, [server.portVariable]: "0", ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  const exited = once(child, "exit").then(([code, signal]) => ({
    code: code as number | null,
    signal: signal as NodeJS.Signals | null,
  }));
  const timer = setTimeout(() => child.pid !== undefined && process.kill(-child.pid, "SIGKILL"), 60_000);
  void exited.then(() => clearTimeout(timer));
  const url = new Promise<string>((resolve, reject) => {
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      const found = server.ready(output);
      if (found !== undefined) resolve(found);
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    void exited.then(() =>
      reject(new Error(`npm run ${server.script} exited before it listened:\n${output}`)),
    );
  });
  // A run that is meant to fail never listens; only a test that awaits the URL hears of it.
  url.catch(() => undefined);
  return {
    exited,
    output: () => output,
    url,
    pid: child.pid ?? -1,
    closeOutput: () => {
      child.stdout.destroy();
      child.stderr.destroy();
    },
  };
}

/** A loopback port some other program listens on. */
async function takenPort(): Promise<{ port: number; close: () => Promise<void> }> {
  const server = createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

let stateDir: string;
beforeAll(async () => {
  stateDir = await mkdtemp(path.join(tmpdir(), "long-running-"));
});
afterAll(async () => {
  await rm(stateDir, { recursive: true, force: true });
});

describe.each(SERVERS)("npm run $script", (server) => {
  it("exits 0 on Ctrl-C to its whole group (a requested stop)", async () => {
    const started = run(server, server.env(stateDir));
    await started.url;
    process.kill(-started.pid, "SIGINT");

    expect(await started.exited, started.output()).toEqual({ code: 0, signal: null });
  }, 60_000);

  it("exits 0 on SIGTERM with its output closed, without spinning on EPIPE", async () => {
    const started = run(server, server.env(stateDir));
    await started.url;
    started.closeOutput();
    const stopAsked = performance.now();
    process.kill(-started.pid, "SIGTERM");

    expect(await started.exited, started.output()).toEqual({ code: 0, signal: null });
    expect(performance.now() - stopAsked).toBeLessThan(10_000);
  }, 60_000);

  it(`with its port taken, says so, names ${server.portVariable} and 0, and exits 1`, async () => {
    const taken = await takenPort();
    try {
      const started = run(server, { ...server.env(stateDir), [server.portVariable]: String(taken.port) });

      expect((await started.exited).code).toBe(1);
      const output = started.output();
      expect(output).toContain(`port ${taken.port}: another program already uses it`);
      expect(output).toContain(server.portVariable);
      expect(output).toMatch(new RegExp(`${server.portVariable}=0|--port 0`));
    } finally {
      await taken.close();
    }
  }, 60_000);
});

describe.each(SERVERS.filter(({ script }) => script !== "emulator"))("npm run $script", (server) => {
  it("stops by itself, exit code 0, once a log line finds its stdout closed", async () => {
    const started = run(server, server.env(stateDir));
    const url = await started.url;
    started.closeOutput();
    // Every unknown path is a 404 logged at info: a line for the closed stdout.
    const poke = setInterval(() => void fetch(`${url}/no-such-page`).catch(() => undefined), 200);
    try {
      expect(await started.exited).toEqual({ code: 0, signal: null });
    } finally {
      clearInterval(poke);
    }
  }, 60_000);
});
