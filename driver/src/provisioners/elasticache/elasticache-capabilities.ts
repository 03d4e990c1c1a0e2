import { defaultDriverInputs, type DriverInputs } from "../../inputs/driver-inputs.js";
import type { Capabilities, Operation, UnsupportedOption } from "../provisioner.js";
import { MANAGED_BY_TAG } from "./iam-policy.js";
import { ObservedDurations } from "./observed-durations.js";
import { AWS_TAGS_PER_RESOURCE, TAG_PREFIX, tagBudget } from "./spec-codec.js";

type Deployment = DriverInputs["deployment"];

/** Fields a running resource takes in place, per deployment; anything else is a new resource. */
const UPDATABLE: Record<Deployment, ReadonlySet<keyof DriverInputs>> = {
  "node-based": new Set([
    "node_type",
    "replicas",
    "engine_version",
    "auth_generation",
    "maxmemory_policy",
    "tags",
    "deletion_policy",
  ]),
  serverless: new Set(["engine_version", "auth_generation", "tags", "deletion_policy", "usage_limits"]),
  shared: new Set(["auth_generation", "tags", "deletion_policy"]),
};

/**
 * Typical durations in seconds (observed provisioning times: single node 6.5–12 min, replication
 * groups 8–16 min and 11–22 min with TLS/AUTH or Multi-AZ, serverless ≈ 5–6 min; a user in seconds).
 */
const SECONDS: Record<Deployment, Record<Operation, number>> = {
  "node-based": { create: 720, update: 600, delete: 420 },
  serverless: { create: 330, update: 60, delete: 300 },
  shared: { create: 60, update: 30, delete: 30 },
};

const AWS_TAG_TEXT = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
const DEFAULTS = defaultDriverInputs();

/** The sizing and engine fields a deployment decides itself, with why. */
const NOT_APPLICABLE: Record<
  Exclude<Deployment, "node-based">,
  Partial<Record<keyof DriverInputs, string>>
> = {
  serverless: {
    node_type: "a serverless cache has no nodes; it scales by itself",
    mode: "a serverless cache is always clustered behind one endpoint",
    shards: "a serverless cache scales its shards by itself",
    replicas: "a serverless cache manages its replicas by itself",
    maxmemory_policy: "a serverless cache has no parameter group; its eviction policy is fixed",
    at_rest_encryption: "a serverless cache always encrypts data at rest",
    username: undefined,
  },
  shared: {
    engine: "the shared cache's engine is used",
    engine_version: "the shared cache's engine version is used",
    node_type: "the shared cache's nodes are used",
    mode: "the shared cache's mode is used",
    shards: "the shared cache's shards are used",
    replicas: "the shared cache's replicas are used",
    maxmemory_policy: "the shared cache's eviction policy is used",
    at_rest_encryption: "the shared cache's encryption is used",
    username:
      "a shared deployment's user is named after the resource, so the users of one cache never collide",
    networking: "the shared cache's network is used",
    usage_limits: "the shared cache's limits apply",
  },
};

function differs(spec: DriverInputs, key: keyof DriverInputs): boolean {
  return JSON.stringify(spec[key]) !== JSON.stringify(DEFAULTS[key]);
}

/** Every option of `spec` the ElastiCache provisioner cannot honour, all at once. */
export function elasticacheUnsupported(spec: DriverInputs): UnsupportedOption[] {
  const problems: UnsupportedOption[] = [];
  const add = (field: string, problem: string, fix: string) =>
    problems.push({ field: `driver.values.${field}`, problem, fix });
  const deployment = spec.deployment;

  if (!spec.tls) {
    add(
      "tls",
      "ElastiCache takes a password (AUTH token or RBAC user) only with encryption in transit, and the driver never hands out a cache without one",
      "set tls to true, or remove it",
    );
  }
  if (deployment === "shared" && spec.shared_cache === undefined) {
    add(
      "shared_cache",
      'deployment "shared" needs the id of the existing replication group or serverless cache to share',
      "set shared_cache to that id",
    );
  }
  if (deployment !== "shared" && spec.shared_cache !== undefined) {
    add(
      "shared_cache",
      `shared_cache applies only to deployment "shared", not "${deployment}"`,
      'remove shared_cache, or set deployment to "shared"',
    );
  }
  if (deployment === "node-based" && spec.mode === "standalone" && spec.shards > 1) {
    add(
      "shards",
      `a standalone replication group has one shard, not ${spec.shards}`,
      'set mode to "cluster", or shards to 1',
    );
  }
  if (deployment !== "node-based") {
    for (const [key, why] of Object.entries(NOT_APPLICABLE[deployment])) {
      if (why && differs(spec, key as keyof DriverInputs)) {
        add(key, `${key} does not apply to deployment "${deployment}": ${why}`, `remove ${key}`);
      }
    }
  }
  if (
    deployment === "serverless" &&
    spec.engine_version !== undefined &&
    !/^\d+(\.0)?$/.test(spec.engine_version)
  ) {
    add(
      "engine_version",
      "a serverless cache takes a major engine version only",
      'give the major version, e.g. "8"',
    );
  }
  if (deployment === "node-based" && spec.usage_limits !== undefined) {
    add(
      "usage_limits",
      "usage_limits caps a serverless cache; a node-based one is bounded by its node_type, shards and replicas",
      'remove usage_limits, or set deployment to "serverless"',
    );
  }
  if (deployment === "serverless" && spec.networking?.port !== undefined) {
    add("networking.port", "a serverless cache always listens on port 6379", "remove networking.port");
  }
  if (deployment === "shared" && spec.deletion_policy === "snapshot") {
    add(
      "deletion_policy",
      "deleting a shared deployment removes only its user; the shared cache stays, so there is nothing to snapshot",
      'set deletion_policy to "delete"',
    );
  }
  for (const [key, value] of Object.entries(spec.tags ?? {})) {
    if (key.startsWith("aws:") || key.startsWith(TAG_PREFIX) || key === MANAGED_BY_TAG.key) {
      add(
        `tags.${key}`,
        `the tag key ${JSON.stringify(key)} is reserved (by AWS or by the driver)`,
        "use another tag key",
      );
    } else if (!AWS_TAG_TEXT.test(value)) {
      add(
        `tags.${key}`,
        "AWS tag values may hold only letters, digits, spaces and _ . : / = + - @",
        "remove the other characters from the value",
      );
    }
  }
  const budget = tagBudget(spec);
  if (budget.used > AWS_TAGS_PER_RESOURCE) {
    problems.push({
      field: "driver.values.tags",
      kind: "invalid-value",
      problem: `these inputs need ${budget.used} AWS tags on each object of the resource (${budget.userTags} of yours, ${budget.specChunks} recording the inputs, 4 of the driver's), and AWS allows ${AWS_TAGS_PER_RESOURCE}`,
      fix: `use fewer or shorter tag keys and values, so that at most ${AWS_TAGS_PER_RESOURCE} tags are needed`,
    });
  }
  return problems;
}

/** AWS's typical duration of an operation, in seconds. */
function typicalSeconds(operation: Operation, spec: DriverInputs): number {
  const base = SECONDS[spec.deployment][operation];
  // Replicas and shards add nodes that AWS creates (and deletes) one after another.
  const extra =
    spec.deployment === "node-based" && operation !== "update"
      ? 120 * Math.min(spec.replicas + spec.shards - 1, 5)
      : 0;
  return base + extra;
}

/**
 * What the ElastiCache provisioner declares about itself. Its estimates follow what it observed of
 * its backend (see ObservedDurations), starting from AWS's typical times.
 */
export function elasticacheCapabilitiesFor(observed: ObservedDurations): Capabilities {
  return {
    needsCloudCredentials: true,
    updatableFields: (spec) => UPDATABLE[spec.deployment],
    unsupported: elasticacheUnsupported,
    estimatedSeconds: (operation, spec) =>
      observed.estimate(spec.deployment, operation, typicalSeconds(operation, spec)),
    observed: (operation, spec, seconds) =>
      observed.record(spec.deployment, operation, seconds, typicalSeconds(operation, spec)),
  };
}

/** A driver process talks to one ElastiCache backend: what it observed holds for the process. */
export const elasticacheCapabilities: Capabilities = elasticacheCapabilitiesFor(new ObservedDurations());
