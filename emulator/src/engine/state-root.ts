import { randomBytes } from "node:crypto";
import { mkdir, readdir, rm } from "node:fs/promises";
import path from "node:path";
import { createRuntime, defaultProbes, resolveLocalOptions } from "@elasticache-driver-kit/driver/local";
import type { Logger } from "pino";

/** `run-<pid>-<random>`: the owner's pid is in the name, so a directory is never without one. */
const RUN_NAME = /^run-(\d+)-[0-9a-f]+$/;

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Stops whatever a dead run left running for `dir`, then removes the directory. */
async function cleanLeftovers(dir: string, logger: Logger): Promise<void> {
  const options = resolveLocalOptions({ stateDir: dir });
  const runtimes = [createRuntime("process", options)];
  if ((await defaultProbes.containerRuntime(10_000)) !== undefined)
    runtimes.push(createRuntime("container", options));
  for (const runtime of runtimes) {
    for (const { ref } of await runtime.list()) {
      logger.warn({ dir, ref }, "stopping an engine a previous emulator run left behind");
      await runtime.destroy(ref);
    }
  }
  await rm(dir, { recursive: true, force: true });
}

export interface StateDir {
  readonly dir: string;
  /** Removes the directory; call after every engine has stopped. */
  remove(): Promise<void>;
}

/**
 * A fresh state directory for this run under `root`. Runs whose process is gone (a crash, a
 * kill -9) are cleaned first: their engines are stopped and their directories removed, so a
 * restarted emulator starts empty and nothing is left running.
 */
export async function claimStateDir(root: string, logger: Logger): Promise<StateDir> {
  await mkdir(root, { recursive: true, mode: 0o700 });
  for (const name of await readdir(root)) {
    const pid = RUN_NAME.exec(name)?.[1];
    if (pid === undefined || processAlive(Number(pid))) continue;
    await cleanLeftovers(path.join(root, name), logger);
  }
  const dir = path.join(root, `run-${process.pid}-${randomBytes(4).toString("hex")}`);
  await mkdir(dir, { mode: 0o700 });
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
