import { randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { startEmulator, type RunningEmulator } from "@elasticache-driver-kit/emulator";
import { createSharedCache, endpointClient, inventory, leftovers } from "./endpoint-inventory.js";
import { ReplicaPair } from "./replica-pair.js";
import { answerProblem, isColdFallback, RoundRobinCaller, type SoakAnswer } from "./round-robin-caller.js";
import { runLife, type LifeContext, type LifeResult } from "./soak-life.js";
import { planSoak, type LifePlan, type SoakPlan } from "./soak-plan.js";

export interface SoakOptions {
  /** Everything random in the run (inputs, chaos, timings) follows from it. */
  seed: number;
  /** How many resources live and die. Default 24. */
  resources?: number;
  /**
   * Bound on the lives, in ms from the first one's start: a life that has not ended by then fails
   * the run. Starting the endpoint and the replicas before, and the checks after, add at most about
   * a minute (bounded each). Default 240 000.
   */
  durationMs?: number;
  /** Bound on the driver requests of the run. Default 50 000. */
  maxRequests?: number;
  /** Lives start spread over this long, in ms. Default 700 per resource. */
  startSpreadMs?: number;
  /** How long Humanitec waits between two polls, in ms. Default 150. */
  pollMs?: number;
  /** How long the endpoint's creates, modifications and deletions take, in ms. */
  delays?: { createMs: number; modifyMs: number; deleteMs: number };
  /** Progress lines (chaos, lives ending); default none. */
  log?: (line: string) => void;
}

export interface SoakViolation {
  guresid?: string;
  problem: string;
}

export interface SoakReport {
  seed: number;
  passed: boolean;
  options: Required<Omit<SoakOptions, "log">>;
  startedAt: string;
  ms: number;
  requests: {
    sent: number;
    /** Requests a killed replica cut, sent again to the other one. */
    rerouted: number;
    byStatus: Record<string, number>;
    /** `503 RES-119` to a request without a cookie: the documented fallback when nothing is known. */
    coldFallbacks: number;
  };
  chaos: { plan: Omit<SoakPlan, "lives">; events: string[]; replicaStarts: [number, number] };
  lives: (LifeResult & { violations: string[] })[];
  violations: SoakViolation[];
  /** Objects the lives left in the endpoint. */
  leftovers: string[];
  /** How many handed-out passwords appear in the drivers' logs (never the passwords themselves). */
  secretsInLogs: number;
  /** Why the run stopped early, if it did (request budget, a replica that would not start, ...). */
  aborted?: string;
}

const SHARED = { cache: "soak-shared", userGroup: "soak-shared-users" };

/**
 * Two driver replicas with the same key against the local ElastiCache endpoint, on loopback only,
 * reached round-robin as Humanitec reaches a Deployment, while the endpoint throttles in windows and
 * the replicas are killed (SIGKILL) and started again mid-creation. Every life must end right: 200
 * with outputs that log in, both replicas agreeing; a rotation whose old password works until the
 * new one is handed out and the new one as soon as it is; 204 at the end; never a 5xx (but the
 * documented cold fallback), never a 4xx or 409 to a valid identical request. Afterwards the
 * endpoint must hold nothing the lives made, and no log a password.
 */
export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const settings: SoakReport["options"] = {
    seed: options.seed,
    resources: options.resources ?? 24,
    durationMs: options.durationMs ?? 240_000,
    maxRequests: options.maxRequests ?? 50_000,
    startSpreadMs: options.startSpreadMs ?? 700 * (options.resources ?? 24),
    pollMs: options.pollMs ?? 150,
    delays: options.delays ?? { createMs: 800, modifyMs: 300, deleteMs: 300 },
  };
  const log = options.log ?? (() => undefined);
  const started = Date.now();
  const plan = planSoak({
    seed: settings.seed,
    resources: settings.resources,
    startSpreadMs: settings.startSpreadMs,
    sharedCache: SHARED.cache,
  });
  const violations: SoakViolation[] = [];
  const byLife = new Map<string, string[]>();
  const byStatus: Record<string, number> = {};
  const passwords = new Set<string>();
  const events: string[] = [];
  let coldFallbacks = 0;
  let aborted: string | undefined;
  let lives: LifeResult[] = [];
  let left: string[] = [];
  let secretsInLogs = 0;
  let caller: RoundRobinCaller | undefined;
  let starts: [number, number] = [0, 0];

  const violate = (life: LifePlan | undefined, problem: string) => {
    violations.push({ ...(life ? { guresid: life.guresid } : {}), problem });
    if (life) byLife.set(life.guresid, [...(byLife.get(life.guresid) ?? []), problem]);
    log(`VIOLATION ${life?.guresid ?? ""}: ${problem}`);
  };

  const emulator = await startEmulator({ runtime: "process", host: "127.0.0.1", delays: settings.delays });
  const aws = endpointClient(emulator);
  try {
    await createSharedCache(aws, SHARED);
    const before = await inventory(aws);
    const pair = await ReplicaPair.start({
      ...emulator.env,
      HOST: "127.0.0.1",
      DRIVER_PROVISIONER: "elasticache",
      DRIVER_SECRET_KEY: randomBytes(32).toString("hex"),
      ELASTICACHE_SUBNET_GROUP: "default",
      DRIVER_STATUS_CACHE_MS: "100",
      DRIVER_LOG_LEVEL: "debug",
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    });
    try {
      caller = new RoundRobinCaller(pair, settings.maxRequests);
      const t0 = Date.now();
      const deadline = t0 + settings.durationMs;
      const ctx: LifeContext = {
        caller,
        pair,
        caPem: emulator.caPem,
        deadline,
        pollMs: settings.pollMs,
        record: (life: LifePlan, answer: SoakAnswer) => {
          byStatus[answer.status] = (byStatus[answer.status] ?? 0) + 1;
          if (isColdFallback(answer) && answerProblem(answer) === undefined) coldFallbacks += 1;
          const problem = answerProblem(answer);
          if (problem) violate(life, problem);
        },
        violate,
        handedOut: (password) => passwords.add(password),
      };
      const stopChaos = new AbortController();
      const chaos = runChaos(plan, pair, emulator, t0, stopChaos.signal, (event) => {
        events.push(`${((Date.now() - t0) / 1000).toFixed(1)} s: ${event}`);
        log(event);
      });
      lives = await Promise.all(
        plan.lives.map(async (life) => {
          await sleep(life.startAtMs);
          try {
            const result = await runLife(life, ctx);
            if (!result.ended) violate(life, `did not end within the run's ${settings.durationMs} ms`);
            log(
              `${life.guresid} (${life.deployment}) ${result.ended ? "ended" : "did NOT end"}: ${result.steps.join(", ")}`,
            );
            return result;
          } catch (error) {
            const message = error instanceof Error ? error.message : String(error);
            if (error instanceof Error && error.name === "RequestBudgetSpent") aborted = message;
            violate(life, `stopped: ${message}`);
            return {
              guresid: life.guresid,
              deployment: life.deployment,
              values: life.values,
              ended: false,
              steps: [],
              ms: 0,
            };
          }
        }),
      );
      stopChaos.abort();
      await chaos;
      emulator.faults.set({});
      await cleanUp(pair, caller, lives);
      left = await leftovers(aws, before, 15_000);
      for (const item of left) violate(undefined, `left in the endpoint: ${item}`);
      const logs = pair.logs();
      secretsInLogs = [...passwords].filter((password) =>
        logs.some((text) => text.includes(password)),
      ).length;
      if (secretsInLogs > 0)
        violate(undefined, `${secretsInLogs} handed-out passwords appear in the drivers' logs`);
      starts = pair.starts();
    } finally {
      await pair.close();
    }
  } catch (error) {
    aborted ??= error instanceof Error ? error.message : String(error);
    violate(undefined, `the run stopped: ${aborted}`);
  } finally {
    aws.destroy();
    await emulator.close();
  }
  return {
    seed: settings.seed,
    passed: violations.length === 0,
    options: settings,
    startedAt: new Date(started).toISOString(),
    ms: Date.now() - started,
    requests: { sent: caller?.sent ?? 0, rerouted: caller?.rerouted ?? 0, byStatus, coldFallbacks },
    chaos: {
      plan: { seed: plan.seed, throttleWindows: plan.throttleWindows, kills: plan.kills },
      events,
      replicaStarts: starts,
    },
    lives: lives.map((life) => ({ ...life, violations: byLife.get(life.guresid) ?? [] })),
    violations,
    leftovers: left,
    secretsInLogs,
    ...(aborted ? { aborted } : {}),
  };
}

/** Throttling windows and replica kills at their planned times, until the lives are done. */
async function runChaos(
  plan: SoakPlan,
  pair: ReplicaPair,
  emulator: RunningEmulator,
  t0: number,
  signal: AbortSignal,
  event: (text: string) => void,
): Promise<void> {
  const at = (ms: number) => sleep(Math.max(0, t0 + ms - Date.now()), undefined, { signal });
  const quietly = (task: Promise<void>) =>
    task.catch((error: unknown) => {
      if ((error as Error).name !== "AbortError") throw error;
    });
  await Promise.all([
    ...plan.throttleWindows.map((window) =>
      quietly(
        (async () => {
          await at(window.atMs);
          emulator.faults.set({ throttleEvery: window.every });
          event(
            `endpoint throttles every ${window.every === 2 ? "2nd" : `${window.every}rd`} call for ${window.forMs} ms`,
          );
          try {
            await sleep(window.forMs, undefined, { signal });
          } finally {
            emulator.faults.set({});
          }
        })(),
      ),
    ),
    ...plan.kills.map((kill) =>
      quietly(
        (async () => {
          await at(kill.atMs);
          // One replica down at a time: the other one carries every request meanwhile.
          await pair.running((1 - kill.replica) as 0 | 1);
          await pair.kill(kill.replica);
          event(`replica ${kill.replica} killed (SIGKILL)`);
          await sleep(kill.downMs).catch(() => undefined);
          await pair.restart(kill.replica);
          event(`replica ${kill.replica} started again`);
        })(),
      ),
    ),
  ]);
}

/** Deletes what lives that did not end left, without chaos, so the endpoint is clean for the check. */
async function cleanUp(pair: ReplicaPair, caller: RoundRobinCaller, lives: LifeResult[]): Promise<void> {
  await Promise.all([pair.restart(0), pair.restart(1)]);
  const until = Date.now() + 15_000;
  await Promise.all(
    lives
      .filter((life) => !life.ended)
      .map(async (life) => {
        while (Date.now() < until) {
          const answer = await caller
            .send("DELETE", life.guresid, undefined, undefined, until)
            .catch(() => undefined);
          if (answer?.status === 204) return;
          await sleep(200);
        }
      }),
  );
}
