import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  jsonLogField,
  startProcess,
  type StartedProcess,
  type StartProcessOptions,
} from "./started-process.js";

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

export interface DriverProcess extends StartedProcess {
  /** Base URL of the v0.9 routes, ending in `/`. */
  readonly url: string;
  /** Base URL of the 2020 profile, ending in `/`. */
  readonly seedUrl: string;
  readonly origin: string;
}

/** Starts the driver (driver/src/main.ts) as its own process on a free loopback port. */
export async function startDriverProcess(
  env: NodeJS.ProcessEnv,
  timeoutMs = 20_000,
  options: Pick<StartProcessOptions, "ownProcessGroup"> & {
    /** Run the output of `tsc -b driver` (driver/dist), as the image does, instead of the sources. */
    compiled?: boolean;
    /** Node.js options before the entry point, e.g. `--cpu-prof` (not allowed in NODE_OPTIONS). */
    nodeArgs?: readonly string[];
  } = {},
): Promise<DriverProcess> {
  const { compiled = false, nodeArgs = [], ...processOptions } = options;
  const { process, ready } = await startProcess({
    name: "driver",
    command: globalThis.process.execPath,
    args: [
      ...nodeArgs,
      ...(compiled
        ? [path.join(REPO_ROOT, "driver/dist/src/main.js")]
        : ["--import", "tsx", path.join(REPO_ROOT, "driver/src/main.ts")]),
    ],
    cwd: REPO_ROOT,
    env: { ...globalThis.process.env, PORT: "0", HOST: "127.0.0.1", ...env },
    readyWhen: (line) => jsonLogField(line, "driver listening", "origin"),
    timeoutMs,
    ...processOptions,
  });
  const base =
    env.DRIVER_BASE_PATH && env.DRIVER_BASE_PATH !== "/" ? env.DRIVER_BASE_PATH.replace(/\/+$/, "") : "";
  const seed = (env.DRIVER_SEED_BASE_PATH ?? "/2020").replace(/\/+$/, "");
  // Path authentication: the target carries the secret; the driver never logs it, so add it here.
  const secret = env.DRIVER_AUTH_PATH_SECRET ? `/${env.DRIVER_AUTH_PATH_SECRET}` : "";
  return Object.assign(process, {
    url: `${ready}${secret}${base}/`,
    seedUrl: `${ready}${secret}${seed}/`,
    origin: ready,
  });
}
