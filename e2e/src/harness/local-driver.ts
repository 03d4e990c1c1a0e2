import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { startDriverProcess, type DriverProcess } from "./driver-process.js";
import { jsonLogField } from "./started-process.js";
import { removeLeftoverInstances } from "./remove-leftover-instances.js";

export interface LocalDriver extends DriverProcess {
  /** The local provisioner's state dir: a fresh temporary directory. */
  readonly stateDir: string;
  /** The provisioner the driver chose, from its start-up log: "local/process" or "local/container". */
  readonly provisioner: string | undefined;
  /**
   * Stops the driver, then every Redis still running for the state dir, then removes the dir.
   * Resolves with the Redis instances that were still running (none after a clean run).
   */
  dispose(): Promise<string[]>;
}

export interface LocalDriverOptions {
  /** See `StartProcessOptions.ownProcessGroup`. */
  readonly ownProcessGroup?: boolean;
  /** How long the driver may take to listen, in ms (default 20 000). */
  readonly startTimeoutMs?: number;
  /** Run the compiled driver (driver/dist, built by `tsc -b driver`) instead of its sources. */
  readonly compiled?: boolean;
  /** Node.js options for the driver's process, before its entry point (e.g. `--cpu-prof`). */
  readonly nodeArgs?: readonly string[];
}

/**
 * The driver as a process with the local provisioner on a fresh temporary state dir. Disposing it
 * (`await using`) leaves nothing behind: no driver, no Redis, no state dir.
 */
export async function startLocalDriver(
  env: NodeJS.ProcessEnv = {},
  options: LocalDriverOptions = {},
): Promise<LocalDriver> {
  const stateDir = await mkdtemp(path.join(tmpdir(), "kit-driver-state-"));
  let driver: DriverProcess;
  try {
    driver = await startDriverProcess({ ...env, LOCAL_STATE_DIR: stateDir }, options.startTimeoutMs, {
      ownProcessGroup: options.ownProcessGroup ?? false,
      compiled: options.compiled ?? false,
      nodeArgs: options.nodeArgs ?? [],
    });
  } catch (error) {
    await rm(stateDir, { recursive: true, force: true });
    throw error;
  }
  const provisioner = driver
    .output()
    .split("\n")
    .map((line) => jsonLogField(line, "driver listening", "provisioner"))
    .find((name) => name !== undefined);
  let disposing: Promise<string[]> | undefined;
  const dispose = () => {
    disposing ??= (async () => {
      try {
        await driver.close();
        return await removeLeftoverInstances(stateDir);
      } finally {
        await rm(stateDir, { recursive: true, force: true });
      }
    })();
    return disposing;
  };
  return Object.assign(driver, {
    stateDir,
    provisioner,
    dispose,
    [Symbol.asyncDispose]: async () => {
      await dispose();
    },
  });
}
