import type { DriverInputs } from "../../inputs/driver-inputs.js";
import type { Capabilities } from "../provisioner.js";
import { localUnsupported } from "./local-limits.js";
import type { RuntimeKind } from "./redis-runtime.js";

/** Fields a local Redis takes in place: the password (ACL), the eviction policy, and what is only recorded. */
const UPDATABLE = new Set<keyof DriverInputs>([
  "node_type",
  "replicas",
  "auth_generation",
  "maxmemory_policy",
  "tags",
  "deletion_policy",
]);

/** Typical durations measured on a 2-core machine, in ms, before any artificial delay. */
const TYPICAL_MS = { process: 500, container: 3_000, update: 500, delete: 1_000 } as const;

export function localCapabilities(
  runtime: RuntimeKind,
  delays: { createDelayMs: number; deleteDelayMs: number },
): Capabilities {
  const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));
  return {
    needsCloudCredentials: false,
    updatableFields: () => UPDATABLE,
    unsupported: localUnsupported,
    estimatedSeconds: (operation) =>
      operation === "create"
        ? seconds(delays.createDelayMs + TYPICAL_MS[runtime])
        : operation === "delete"
          ? seconds(delays.deleteDelayMs + TYPICAL_MS.delete)
          : seconds(TYPICAL_MS.update),
  };
}
