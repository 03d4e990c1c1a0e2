import { createRuntime } from "./create-runtime.js";
import { resolveOptions } from "./local-provisioner-options.js";
import { defaultProbes } from "./select-runtime.js";

export interface ManagedInstances {
  /** Pids of redis-server processes whose config lies in the state dir. */
  processes: number[];
  /** Ids of containers labelled with the state dir (empty when no container engine answers). */
  containers: string[];
}

/**
 * What runs on this machine for `stateDir`, found by looking at processes and containers rather
 * than at records, so tests can assert that nothing was left behind.
 */
export async function listManagedInstances(
  stateDir: string,
  probeTimeoutMs = 2_000,
): Promise<ManagedInstances> {
  const options = resolveOptions({ stateDir });
  const processes = (await createRuntime("process", options).list()).flatMap(({ ref }) =>
    ref.kind === "process" ? [ref.pid] : [],
  );
  const engine = await defaultProbes.containerRuntime(probeTimeoutMs);
  const containers =
    engine === undefined
      ? []
      : (await createRuntime("container", options).list()).flatMap(({ ref }) =>
          ref.kind === "container" ? [ref.containerId] : [],
        );
  return { processes, containers };
}
