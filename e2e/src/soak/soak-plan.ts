import { SeededRandom } from "./seeded-random.js";

export type Deployment = "node-based" | "serverless" | "shared";

/** One resource's life: created (maybe deleted during creation), checked, maybe rotated, deleted. */
export interface LifePlan {
  index: number;
  guresid: string;
  deployment: Deployment;
  /** `driver.values` of the first PUT. */
  values: Record<string, unknown>;
  /** When the life starts, from the start of the run. */
  startAtMs: number;
  /** The first PUT goes to both replicas at once (identical). */
  concurrentFirstPut: boolean;
  /** Once ready, `auth_generation` is raised while a client keeps reconnecting. */
  rotate: boolean;
  /** DELETE right after the first 202, without waiting for the creation. */
  deleteDuringCreation: boolean;
}

export interface ThrottleWindow {
  atMs: number;
  forMs: number;
  /** Every Nth API call is throttled meanwhile. */
  every: number;
}

export interface ReplicaKill {
  atMs: number;
  replica: 0 | 1;
  /** How long the replica stays down before it is started again. */
  downMs: number;
}

export interface SoakPlan {
  seed: number;
  lives: LifePlan[];
  throttleWindows: ThrottleWindow[];
  kills: ReplicaKill[];
}

export interface PlanOptions {
  seed: number;
  resources: number;
  /** Lives start spread over this long. */
  startSpreadMs: number;
  /** The name of the existing cache `shared` lives join. */
  sharedCache: string;
}

/** The inputs a life may have; every deployment and the options that take extra AWS parts. */
const VARIANTS: readonly { deployment: Deployment; values: Record<string, unknown> }[] = [
  { deployment: "node-based", values: {} },
  { deployment: "serverless", values: {} },
  { deployment: "shared", values: {} },
  { deployment: "node-based", values: { username: "app" } },
  { deployment: "serverless", values: { username: "app" } },
  { deployment: "shared", values: {} },
  { deployment: "node-based", values: { maxmemory_policy: "allkeys-lru" } },
];

/**
 * The whole run, from the seed alone: which lives, with which inputs and chaos, and when the
 * endpoint throttles and which replica is killed. Throttling windows and kills fall inside the time
 * lives are being created, where they hurt most.
 */
export function planSoak(options: PlanOptions): SoakPlan {
  const random = new SeededRandom(options.seed);
  const offset = random.int(0, VARIANTS.length - 1);
  const deleteOffset = random.int(0, 4);
  const rotateOffset = random.int(0, 1);
  const lives: LifePlan[] = [];
  for (let index = 0; index < options.resources; index++) {
    const variant = VARIANTS[(index + offset) % VARIANTS.length] ?? VARIANTS[0];
    if (!variant) throw new RangeError("no variants");
    const values: Record<string, unknown> = { deployment: variant.deployment, ...variant.values };
    if (variant.deployment === "shared") values.shared_cache = options.sharedCache;
    // Every fifth life is deleted during its creation and every other one of the rest rotated, so
    // even a short run has both.
    const deleteDuringCreation = (index + deleteOffset) % 5 === 0;
    lives.push({
      index,
      guresid: `soak-${index}-${random.hex(12)}`,
      deployment: variant.deployment,
      values,
      startAtMs:
        Math.round((options.startSpreadMs * index) / Math.max(1, options.resources)) + random.int(0, 300),
      concurrentFirstPut: random.chance(0.6),
      rotate: !deleteDuringCreation && (index + rotateOffset) % 2 === 0,
      deleteDuringCreation,
    });
  }
  const throttleWindows: ThrottleWindow[] = [];
  for (let at = random.int(200, 800); at < options.startSpreadMs + 4_000; at += random.int(2_500, 5_000)) {
    // Every 2nd call now and then: past the SDK's own retries for some calls, as a busy account sees.
    throttleWindows.push({ atMs: at, forMs: random.int(1_000, 2_500), every: random.pick([2, 3, 3]) });
  }
  // One kill per replica, the second after the first replica is back: both lose creations in flight.
  const first = random.int(0, 1) as 0 | 1;
  const kills: ReplicaKill[] = [0.3, 0.7].map((share, index) => ({
    atMs: Math.round(options.startSpreadMs * share) + random.int(0, 500),
    replica: (index === 0 ? first : 1 - first) as 0 | 1,
    downMs: random.int(500, 1_500),
  }));
  return { seed: options.seed, lives, throttleWindows, kills };
}
