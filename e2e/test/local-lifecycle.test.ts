import { randomBytes } from "node:crypto";
import { listManagedInstances } from "@elasticache-driver-kit/driver/local";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  formatPhaseTable,
  lifecycleProblems,
  runLifecycleFlow,
  sampleAppConsumer,
  startLocalDriver,
  type AvailableContext,
  type LifecycleObservation,
  type LocalDriver,
  type PhaseRow,
} from "../src/index.js";
import { browserRequired, chromiumProblem, launchChromium } from "./support/chromium.js";
import { containerRuntimeProblem } from "./support/container-runtime.js";
import { observeSampleAppPage, type PageObservation } from "./support/sample-app-page.js";

interface Runtime {
  readonly name: "process" | "container";
  readonly env: NodeJS.ProcessEnv;
  readonly tls: boolean;
  /** Why this runtime cannot run here. */
  readonly unavailable?: string | undefined;
}

const RUNTIMES: readonly Runtime[] = [
  { name: "process", env: { LOCAL_RUNTIME: "process" }, tls: true },
  {
    name: "container",
    env: { LOCAL_RUNTIME: "container", LOCAL_REDIS_IMAGE: process.env.LOCAL_REDIS_IMAGE ?? "redis:7" },
    tls: false,
    unavailable: await containerRuntimeProblem(),
  },
];
const containerRequired = process.env.KIT_REQUIRE_CONTAINER_RUNTIME === "1";
const noBrowser = chromiumProblem();

const drivers = new Map<Runtime["name"], LocalDriver>();
beforeAll(async () => {
  // The drivers start side by side: most of a start is loading modules, which takes a core each.
  const started = await Promise.allSettled(
    RUNTIMES.filter((runtime) => runtime.unavailable === undefined).map(async (runtime) => {
      drivers.set(runtime.name, await startLocalDriver(runtime.env));
    }),
  );
  const disposeAll = async () => {
    await Promise.all([...drivers.values()].map((driver) => driver.dispose()));
  };
  const failed = started.find((result) => result.status === "rejected");
  if (failed) {
    await disposeAll();
    throw failed.reason;
  }
  return disposeAll;
});

const rows: PhaseRow[] = [];
afterAll(() => {
  if (rows.length > 0) console.log(formatPhaseTable(rows, "Local lifecycle phase durations"));
});

/** Runs the flow on `driver` and records its phase durations for the table, also when it fails. */
async function recordedFlow(
  label: string,
  driver: LocalDriver,
  runtime: Runtime,
  whileAvailable?: (context: AvailableContext) => Promise<void>,
): Promise<LifecycleObservation> {
  try {
    const observation = await runLifecycleFlow({
      driverUrl: driver.url,
      values: { tls: runtime.tls },
      consumer: sampleAppConsumer(),
      pollIntervalMs: 100,
      timeouts: { createMs: 30_000, deleteMs: 30_000, connectMs: 15_000, unavailableMs: 15_000 },
      ...(whileAvailable ? { whileAvailable } : {}),
    });
    rows.push({ label, timings: observation.timings });
    return observation;
  } catch (error) {
    rows.push({ label, note: "failed" });
    throw error;
  }
}

for (const runtime of RUNTIMES) {
  const tls = runtime.tls ? "TLS" : "no TLS";
  const skip = runtime.unavailable !== undefined && !containerRequired;
  const title = `the ${runtime.name} runtime, ${tls}${skip ? ` (skipped: ${runtime.unavailable})` : ""}`;

  describe.skipIf(skip)(title, () => {
    let driver: LocalDriver;
    beforeAll(() => {
      if (runtime.unavailable !== undefined) {
        throw new Error(`KIT_REQUIRE_CONTAINER_RUNTIME=1, but ${runtime.unavailable}`);
      }
      const started = drivers.get(runtime.name);
      if (started === undefined) throw new Error(`no ${runtime.name} driver was started`);
      driver = started;
    });

    it("creates a cache the sample app counts 1, 2 in and is ready with; after the delete the app says why it is unavailable and nothing runs", async () => {
      const observation = await recordedFlow(`${runtime.name}, ${tls}`, driver, runtime);

      expect(observation.create.statuses.at(-1)).toBe(200);
      expect(observation.outputs.values.tls).toBe(runtime.tls);
      expect(observation.visits).toEqual([1, 2]);
      expect(observation.readyBeforeDelete).toMatchObject({ ready: true, status: 200 });
      expect(observation.delete.statuses.at(-1)).toBe(204);
      expect(observation.readyAfterDelete).toMatchObject({
        ready: false,
        status: 503,
        body: { status: "unavailable", reason: expect.stringMatching(/\S/) as unknown },
      });
      expect(await listManagedInstances(driver.stateDir)).toEqual({ processes: [], containers: [] });
    });

    if (runtime.name === "process") {
      it("deletes the cache and stops the app when a step fails while the cache exists", async () => {
        const guresid = randomBytes(20).toString("hex");
        let appUrl: string | undefined;
        const failing = runLifecycleFlow({
          driverUrl: driver.url,
          guresid,
          values: { tls: runtime.tls },
          consumer: sampleAppConsumer(),
          pollIntervalMs: 100,
          whileAvailable: ({ consumer }) => {
            appUrl = consumer.url;
            return Promise.reject(new Error("a step failed"));
          },
        });

        await expect(failing).rejects.toThrow("a step failed");
        expect(appUrl).toBeDefined();
        await expect(fetch(`${appUrl}/healthz`)).rejects.toThrow();
        expect((await fetch(`${driver.url}${guresid}`)).status).toBe(404);
        expect(await listManagedInstances(driver.stateDir)).toEqual({ processes: [], containers: [] });
      });

      const skipPage = noBrowser !== undefined && !browserRequired();
      const pageTitle = `shows the page in Chromium: connected, and the count rises on a click and on an API visit${skipPage ? ` (skipped: ${noBrowser})` : ""}`;
      it.skipIf(skipPage)(pageTitle, async () => {
        if (noBrowser !== undefined) throw new Error(noBrowser);
        // Chromium starts while the cache is being created; it is closed whatever happens.
        const launching = launchChromium();
        launching.catch(() => {});
        let page: PageObservation | undefined;
        let observation: LifecycleObservation;
        try {
          observation = await recordedFlow(
            `${runtime.name}, ${tls}, page`,
            driver,
            runtime,
            async ({ consumer }) => {
              page = await observeSampleAppPage(await launching, consumer);
            },
          );
        } finally {
          await launching.then((browser) => browser.close()).catch(() => {});
        }

        expect(page).toMatchObject({ status: 200, title: "Cache sample app", connectionState: "connected" });
        const shown = page?.shown;
        expect(shown?.afterClick).toBe((shown?.initial ?? Number.NaN) + 1);
        expect(shown?.afterApi).toBe(page?.apiVisits);
        expect(page?.apiVisits).toBe((shown?.afterClick ?? Number.NaN) + 1);
        // "since 11:30:21 PM" on one line: its "PM" never wraps alone.
        expect(page?.sinceLines).toBe(1);
        expect(lifecycleProblems(observation)).toEqual([]);
        expect(await listManagedInstances(driver.stateDir)).toEqual({ processes: [], containers: [] });
      });
    }
  });
}
