import type { DriverInputs } from "../../inputs/driver-inputs.js";
import type { RunningInstance } from "./redis-runtime.js";
import type { ResourceRecord } from "./state-store.js";

export type Phase = "creating" | "available" | "updating" | "deleting" | "failed";

/** What the provisioner holds in memory for one resource. */
export interface ResourceEntry {
  record: ResourceRecord;
  /** The desired spec: during an update already the new one. */
  spec: DriverInputs;
  phase: Phase;
  since: Date;
  reason: string;
  instance: RunningInstance | undefined;
  /** Aborted by a delete: a create that is still waiting gives up. */
  cancelCreate: AbortController;
  /** Aborted by close() and stopAll(): background work stops where it stands. */
  halt: AbortController;
  /** The resource's operations, run one after the other. */
  work: Promise<void>;
}

export function newEntry(record: ResourceRecord, phase: Phase): ResourceEntry {
  return {
    record,
    spec: record.spec,
    phase,
    since: new Date(),
    reason: "",
    instance: undefined,
    cancelCreate: new AbortController(),
    halt: new AbortController(),
    work: Promise.resolve(),
  };
}
