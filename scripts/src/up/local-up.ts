import {
  describeLifecycleStep,
  lifecycleProblems,
  runLifecycleFlow,
  sampleAppConsumer,
  startLocalDriver,
  type LifecycleStep,
  type StartConsumer,
} from "@elasticache-driver-kit/e2e";
import { Progress } from "../progress/progress.js";
import { driverComplaints } from "./driver-complaints.js";
import { startEmulatedCloud, type EmulatedCloud, type StartEmulatedCloud } from "./emulated-cloud.js";
import { EMULATED_DEPLOYMENTS, type EmulatedDeployment } from "./emulated-deployment.js";

/** The parts of a started driver `up` uses; `startLocalDriver` gives one. */
export interface UpDriver {
  readonly url: string;
  readonly pid: number;
  readonly provisioner: string | undefined;
  /** The local provisioner's state dir, when it has one. */
  readonly stateDir?: string;
  output(): string;
  /** Stops the driver and whatever Redis it left; resolves with what was still running. */
  dispose(): Promise<string[]>;
}

/** Where `up` meets processes and endpoints; tests replace them, production uses the defaults. */
export interface LocalUpSeams {
  readonly startDriver: (env: NodeJS.ProcessEnv) => Promise<UpDriver>;
  readonly startEmulatedCloud: StartEmulatedCloud;
  readonly consumer: (appEnv: NodeJS.ProcessEnv) => StartConsumer;
}

export const DEFAULT_LOCAL_UP_SEAMS: LocalUpSeams = {
  // Own process groups: a Ctrl-C reaches only `up`, so the driver is still there to delete the cache.
  startDriver: (env) => startLocalDriver(env, { ownProcessGroup: true }),
  startEmulatedCloud,
  consumer: (env) => sampleAppConsumer({ ownProcessGroup: true, env }),
};

export interface LocalUpOptions {
  /** Delete and stop everything right after the check instead of serving until Ctrl-C. */
  readonly once: boolean;
  /** The driver in elasticache mode against the local ElastiCache endpoint. */
  readonly emulatedCloud: boolean;
  /** What the emulated cloud creates (default node-based); see emulated-deployment.ts. */
  readonly deployment?: EmulatedDeployment;
  /** The first Ctrl-C: while serving it starts the teardown, before that it aborts and cleans up. */
  readonly interrupt: AbortSignal;
  readonly write: (line: string) => void;
  /** `LOCAL_RUNTIME` for the local provisioner (default `auto`). */
  readonly localRuntime?: string;
  /** How long the cache may take to be created and deleted, in ms (default 120 000). */
  readonly timeoutMs?: number;
  readonly seams?: LocalUpSeams;
  readonly progress?: Progress;
}

/**
 * The embedded default: a driver (local provisioner, or elasticache against a local endpoint), one
 * cache created the way Humanitec creates it (PUT repeated until 200), the sample app on its
 * outputs, connected and counting. It serves until Ctrl-C (or at once with `once`), then deletes
 * the cache, watches the app see it go, and stops everything it started. Resolves with the exit
 * code: 0 when all of that worked, and for a requested stop (Ctrl-C, SIGTERM, a closed output) that
 * left nothing running, also before it was up; 1 when something failed or was left running; 130
 * when `once` was interrupted, as its check did not run to its end.
 */
export async function localUp(options: LocalUpOptions): Promise<number> {
  const seams = options.seams ?? DEFAULT_LOCAL_UP_SEAMS;
  const progress = options.progress ?? new Progress({ write: options.write });
  const say = (line: string) => progress.note(line);
  const flow = new AbortController();
  let serving: (() => void) | undefined;
  const onInterrupt = () => (serving ? serving() : flow.abort(options.interrupt.reason));
  options.interrupt.addEventListener("abort", onInterrupt, { once: true });

  let cloud: EmulatedCloud | undefined;
  let driver: UpDriver | undefined;
  let code = 1;
  let stoppedEarly = false;
  try {
    let driverEnv: NodeJS.ProcessEnv = { LOCAL_RUNTIME: options.localRuntime ?? "auto" };
    let appEnv: NodeJS.ProcessEnv = {};
    if (options.emulatedCloud) {
      cloud = await progress.step("Local ElastiCache endpoint", () => seams.startEmulatedCloud());
      say(cloud.description);
      if (!cloud.runsClusters && (options.deployment === "serverless" || options.deployment === "cluster")) {
        say(
          `note: these engines run one plain Redis per cache, not the Redis Cluster a ${options.deployment} cache is on AWS; EMULATOR_RUNTIME=process (redis-server) runs it as one`,
        );
      }
      driverEnv = { ...cloud.driverEnv, DRIVER_PROVISIONER: "elasticache" };
      appEnv = { ...cloud.appEnv };
    }
    flow.signal.throwIfAborted();
    const what = options.emulatedCloud
      ? "elasticache provisioner"
      : `local provisioner, LOCAL_RUNTIME=${String(driverEnv.LOCAL_RUNTIME)}`;
    driver = await progress.step(`Driver (${what})`, () => seams.startDriver(driverEnv));
    say(`listening at ${driver.url} (pid ${driver.pid}, ${driver.provisioner ?? "provisioner not logged"})`);
    if (driver.stateDir) say(`state in ${driver.stateDir}`);

    const started = driver;
    let lastLine = "";
    let section: string | undefined;
    const onStep = (step: LifecycleStep) => {
      const heading = HEADINGS[step.step]?.(started.url);
      if (heading !== undefined && heading !== section) progress.heading(heading);
      section = heading ?? section;
      const line = describeLifecycleStep(step);
      if (line !== lastLine) say(line);
      lastLine = line;
    };
    const values = options.emulatedCloud ? EMULATED_DEPLOYMENTS[options.deployment ?? "node-based"] : {};
    progress.heading(`Cache: PUT ${driver.url}{guresid}, repeated while 202, as Humanitec does`);
    if (options.emulatedCloud) say(`driver inputs: ${JSON.stringify(values)}`);
    const observation = await runLifecycleFlow({
      driverUrl: driver.url,
      values,
      consumer: seams.consumer(appEnv),
      pollIntervalMs: 250,
      timeouts: { createMs: options.timeoutMs ?? 120_000, deleteMs: options.timeoutMs ?? 120_000 },
      signal: flow.signal,
      onStep,
      whileAvailable: async ({ consumer }) => {
        progress.heading(`Up: the sample app's page is ${consumer.url ?? consumer.description}/`);
        const client = consumer.url === undefined ? undefined : await sampleAppClient(consumer.url);
        if (client) say(`the sample app connects with a ${client} client`);
        if (options.once) return;
        say("Ctrl-C deletes the cache and stops everything.");
        await new Promise<void>((resolve) => {
          serving = resolve;
          if (options.interrupt.aborted) resolve();
        });
      },
    });
    const problems = lifecycleProblems(observation);
    for (const problem of problems) options.write(`FAILED: ${problem}`);
    code = problems.length === 0 ? 0 : 1;
  } catch (error) {
    if (flow.signal.aborted) {
      stoppedEarly = true;
      code = options.once ? 130 : 0;
    } else {
      options.write(`FAILED: ${error instanceof Error ? error.message : String(error)}`);
      if (driver) for (const line of driverComplaints(driver.output())) options.write(`  driver: ${line}`);
    }
  } finally {
    options.interrupt.removeEventListener("abort", onInterrupt);
    const leftovers = driver ? await driver.dispose() : [];
    await cloud?.close();
    const stopped = [driver && "the driver", cloud && "the local ElastiCache endpoint"].filter(Boolean);
    if (stopped.length > 0) {
      progress.heading(
        leftovers.length === 0
          ? `Down: stopped ${stopped.join(" and ")}; nothing is left running`
          : `Down: stopped ${stopped.join(" and ")} and what was left running: ${leftovers.join(", ")}`,
      );
    }
    if (leftovers.length > 0 && code === 0) code = 1;
  }
  if (stoppedEarly) {
    progress.heading(
      options.once ? "Interrupted before the check finished" : "Stopped on request before everything was up",
    );
  } else if (code === 0) {
    progress.heading("OK: created, connected, counted, deleted, and the app saw the cache go.");
  }
  return code;
}

const HEADINGS: Partial<Record<LifecycleStep["step"], (url: string) => string>> = {
  consumer: () => "Sample app: started with only the outputs as its environment",
  delete: (url) => `Delete: DELETE ${url}{guresid}, repeated while 202`,
  cleanup: () => "Clean up",
};

/**
 * The kind of Redis client the sample app chose ("cluster" for a Redis Cluster, else "standalone"),
 * from its /api/status; undefined when it does not say.
 */
async function sampleAppClient(url: string): Promise<string | undefined> {
  try {
    const response = await fetch(`${url}/api/status`, { signal: AbortSignal.timeout(5_000) });
    const body = (await response.json()) as { client?: unknown };
    return typeof body.client === "string" ? body.client : undefined;
  } catch {
    return undefined;
  }
}
