import type { HeldEnd } from "../faults/fault-injector.js";
import type { QueryParams } from "../protocol/query-params.js";

/**
 * The request parameters that name resources: only these reach the log, so no secret (AuthToken,
 * Passwords, tags) ever does, whatever a request carries.
 */
const KEY_PARAMS = [
  "ReplicationGroupId",
  "ServerlessCacheName",
  "CacheClusterId",
  "UserId",
  "UserName",
  "UserGroupId",
  "CacheParameterGroupName",
  "CacheSubnetGroupName",
  "SnapshotName",
  "ServerlessCacheSnapshotName",
  "FinalSnapshotName",
  "FinalSnapshotIdentifier",
  "ResourceName",
  "SourceIdentifier",
] as const;
const KEY_LIST_PARAMS = [
  "UserIds",
  "UserIdsToAdd",
  "UserIdsToRemove",
  "UserGroupIds",
  "UserGroupIdsToAdd",
  "UserGroupIdsToRemove",
] as const;

export type RequestKeys = Record<string, string | readonly string[]>;

/** The resource ids a request names. */
export function requestKeys(params: QueryParams): RequestKeys {
  const keys: RequestKeys = {};
  for (const name of KEY_PARAMS) {
    const value = params.string(name);
    if (value !== undefined) keys[name] = value;
  }
  for (const name of KEY_LIST_PARAMS) {
    const values = params.list(name);
    if (values !== undefined) keys[name] = values;
  }
  return keys;
}

/** One API call as `GET /_emulator/requests` lists it. */
export interface RequestRecord {
  /** Increases by one per call, from 1. */
  seq: number;
  /** When the call arrived (ISO 8601) and how long its answer took. */
  at: string;
  durationMs: number;
  requestId: string;
  action: string;
  keys: RequestKeys;
  status: number;
  /** `ok`, or the fault code answered. */
  outcome: string;
  /** A fault the endpoint injected: `throttled`, `denied`, or `held` (then `heldMs`, `releasedBy`). */
  injected?: "throttled" | "denied" | "held";
  heldMs?: number;
  releasedBy?: HeldEnd;
}

/** The last API calls, oldest first; the oldest go once `capacity` is reached. */
export class RequestLog {
  readonly #records: RequestRecord[] = [];
  #seq = 0;

  constructor(private readonly capacity = 10_000) {}

  /** The next sequence number, taken when a call arrives (so the log orders calls by arrival). */
  nextSeq(): number {
    this.#seq += 1;
    return this.#seq;
  }

  add(record: RequestRecord): void {
    // Answers can finish out of order (a held call); the log stays in order of arrival.
    let index = this.#records.length;
    while (index > 0 && (this.#records[index - 1]?.seq ?? 0) > record.seq) index -= 1;
    this.#records.splice(index, 0, record);
    if (this.#records.length > this.capacity) this.#records.splice(0, this.#records.length - this.capacity);
  }

  /** The calls answered, of `action` when given, with a sequence number above `since` when given. */
  list(filter: { action?: string | undefined; since?: number | undefined } = {}): RequestRecord[] {
    return this.#records.filter(
      (record) =>
        (filter.action === undefined || record.action === filter.action) &&
        (filter.since === undefined || record.seq > filter.since),
    );
  }

  clear(): void {
    this.#records.length = 0;
  }
}
