import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { DEFAULT_REDIS_INPUTS, loadInputs } from "@elasticache-driver-kit/conformance";
import {
  formatPhaseTable,
  pollUntil,
  redisClientConsumer,
  runLifecycleFlow,
  sampleAppClient,
  type LifecycleObservation,
  type PhaseRow,
  type StartConsumer,
} from "../src/index.js";
import { deployedStackFromEnv } from "./support/deployed-stack-env.js";

const { driver, sampleAppUrl } = deployedStackFromEnv();

const rows: PhaseRow[] = [];
afterAll(() => {
  if (rows.length > 0) console.log(formatPhaseTable(rows, "Deployed lifecycle phase durations"));
});

const driverTitle = driver
  ? `the deployed driver at ${driver.url}`
  : "the deployed driver (skipped: set E2E_DRIVER_URL, and E2E_DRIVER_TOKEN when it wants a token)";

describe.skipIf(driver === undefined)(driverTitle, () => {
  it(
    "creates a cache, connects to it with node-redis when this machine can reach it, and deletes it",
    async (context) => {
      if (driver === undefined) return context.skip("E2E_DRIVER_URL is not set");
      const inputs = driver.inputsFile ? await loadInputs(driver.inputsFile) : DEFAULT_REDIS_INPUTS;
      const consumer: StartConsumer =
        inputs.connectivity === false
          ? () => Promise.resolve({ skipped: "the inputs file says connectivity: false" })
          : redisClientConsumer({ reach: driver.requireConnect ? "always" : "auto" });
      let observation: LifecycleObservation;
      try {
        observation = await runLifecycleFlow({
          driverUrl: driver.url,
          token: driver.token,
          values: inputs.driver.values,
          secrets: inputs.driver.secrets,
          consumer,
          pollIntervalMs: driver.pollIntervalMs,
          timeouts: { createMs: driver.timeoutMs, deleteMs: driver.timeoutMs },
        });
      } catch (error) {
        rows.push({ label: "deployed driver", note: "failed" });
        throw error;
      }
      const skipped = typeof observation.consumer === "string" ? undefined : observation.consumer.skipped;
      rows.push({
        label: "deployed driver",
        timings: observation.timings,
        ...(skipped ? { note: `not connected: ${skipped}` } : {}),
      });
      if (skipped) await context.annotate(`not connected: ${skipped}`, "notice");

      expect(observation.create.statuses.at(-1)).toBe(200);
      expect(observation.delete.statuses.at(-1)).toBe(204);
      if (skipped === undefined) {
        expect(observation.visits).toEqual([1, 2]);
        expect(observation.readyBeforeDelete).toMatchObject({ ready: true });
        expect(observation.readyAfterDelete).toMatchObject({
          ready: false,
          reason: expect.any(String) as unknown,
        });
      }
    },
    // Create and delete may each take the whole timeout; connecting and cleaning up need a little more.
    driver ? 2 * driver.timeoutMs + 120_000 : undefined,
  );
});

const appTitle = sampleAppUrl
  ? `the deployed sample app at ${sampleAppUrl}`
  : "the deployed sample app (skipped: set E2E_SAMPLE_APP_URL)";

describe.skipIf(sampleAppUrl === undefined)(appTitle, () => {
  it("is live and ready, serves its page, counts visits and keeps a value in its cache", async (context) => {
    if (sampleAppUrl === undefined) return context.skip("E2E_SAMPLE_APP_URL is not set");
    const app = sampleAppClient(sampleAppUrl);

    expect((await app.request("GET", "/healthz")).status).toBe(200);
    const ready = await pollUntil(
      (signal) => app.readiness(signal),
      (r) => r.ready,
      {
        timeoutMs: 30_000,
        intervalMs: 1_000,
        what: `${sampleAppUrl}/readyz to answer 200`,
        describe: (r) => JSON.stringify(r.body),
      },
    );
    expect(ready.value.status).toBe(200);
    const page = await app.request("GET", "/");
    expect(page.status).toBe(200);
    expect(String(page.body)).toContain('id="connection-state"');

    // Others may use a deployed app at the same time: the count only has to rise.
    const first = await app.visit();
    const second = await app.visit();
    expect(second).toBeGreaterThan(first);

    const key = `e2e-${randomBytes(6).toString("hex")}`;
    const value = randomBytes(12).toString("hex");
    expect((await app.request("PUT", `/api/keys/${key}`, undefined, { value })).status).toBe(200);
    expect(await app.request("GET", `/api/keys/${key}`)).toEqual({ status: 200, body: { key, value } });
  });
});
