import { spawn } from "node:child_process";
import { chmod, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

export const REPO = path.resolve(import.meta.dirname, "../..");

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end, bounded by `timeoutMs` (then killed), and returns what it printed. */
export function run(
  command: string,
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number } = {},
): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd ?? REPO,
      env: options.env ?? process.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 60_000);
    child.on("error", reject);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/**
 * A directory of stand-in programs (shell scripts) to put alone on the PATH, so the kit meets the
 * machine a test describes: no redis-server, an apt-get that finds the dpkg lock held, ...
 */
export interface FakeBin extends AsyncDisposable {
  readonly dir: string;
  add(name: string, script: string): Promise<void>;
}

export async function fakeBin(): Promise<FakeBin> {
  const dir = await mkdtemp(path.join(tmpdir(), "kit-bin-"));
  await symlink(process.execPath, path.join(dir, "node"));
  return {
    dir,
    async add(name, script) {
      const file = path.join(dir, name);
      await writeFile(file, `#!/bin/sh\n${script}\n`);
      await chmod(file, 0o755);
    },
    async [Symbol.asyncDispose]() {
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * `node scripts/kit.mjs ...` with only `bin` on the PATH, no container engine in sight, and none of
 * the settings CI gives the real run (a second Node pass would run the real tests from here).
 */
export function runKit(
  bin: FakeBin,
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
): Promise<Finished> {
  const { DOCKER_HOST: _docker, LOCAL_REDIS_SERVER: _redis, KIT_ALSO_NODE: _alsoNode, ...rest } = process.env;
  return run(process.execPath, [path.join(REPO, "scripts/kit.mjs"), ...args], {
    env: { ...rest, PATH: bin.dir, ...env },
  });
}
