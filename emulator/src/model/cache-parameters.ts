import { invalidValue } from "../protocol/aws-fault.js";

const EVICTION_POLICIES = [
  "volatile-lru",
  "allkeys-lru",
  "volatile-lfu",
  "allkeys-lfu",
  "volatile-random",
  "allkeys-random",
  "volatile-ttl",
  "noeviction",
];

/** Parameters this endpoint applies to its engines (with CONFIG SET), and what each accepts. */
const PARAMETERS: Readonly<Record<string, (value: string) => boolean>> = {
  "maxmemory-policy": (value) => EVICTION_POLICIES.includes(value),
  "maxmemory-samples": (value) => /^\d+$/.test(value) && Number(value) >= 1 && Number(value) <= 64,
  timeout: (value) => /^\d+$/.test(value),
  "tcp-keepalive": (value) => /^\d+$/.test(value),
  "notify-keyspace-events": (value) => /^[KEg$lshzxetmdnA]*$/.test(value),
  "slowlog-log-slower-than": (value) => /^-?\d+$/.test(value),
  "slowlog-max-len": (value) => /^\d+$/.test(value),
  "lfu-log-factor": (value) => /^\d+$/.test(value),
  "lfu-decay-time": (value) => /^\d+$/.test(value),
  // Not applied with CONFIG SET: it decides how the engine starts (cluster mode or not).
  "cluster-enabled": (value) => value === "yes" || value === "no",
};

/** Parameters that shape the engine at start and are never set on a running one. */
export const START_ONLY_PARAMETERS: ReadonlySet<string> = new Set(["cluster-enabled"]);

/** Families whose engines have a cluster mode, so a `default.<family>.cluster.on` group exists. */
export const CLUSTER_CAPABLE_FAMILIES = ["redis4.0", "redis5.0", "redis6.x", "redis7", "valkey7", "valkey8"];

export function checkParameter(family: string, name: string, value: string): void {
  const valid = PARAMETERS[name];
  if (!valid) {
    throw invalidValue(
      `Parameter ${name} is not modifiable in family ${family} on the local ElastiCache endpoint (supported: ${Object.keys(PARAMETERS).join(", ")}).`,
    );
  }
  if (!valid(value)) throw invalidValue(`"${value}" is not a valid value for parameter ${name}.`);
}

export const PARAMETER_GROUP_FAMILIES = [
  "memcached1.4",
  "memcached1.5",
  "memcached1.6",
  "redis2.6",
  "redis2.8",
  "redis3.2",
  "redis4.0",
  "redis5.0",
  "redis6.x",
  "redis7",
  "valkey7",
  "valkey8",
];
