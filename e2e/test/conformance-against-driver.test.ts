import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runConformance, type ConformanceReport } from "@elasticache-driver-kit/conformance";
import { listManagedInstances } from "@elasticache-driver-kit/driver/local";
import { REPO_ROOT, startDriverProcess, type DriverProcess } from "../src/harness/driver-process.js";
import { startEmulatedCloud, type EmulatedCloud } from "./support/emulated-cloud.js";

const TOKEN = "conformance-token-0123456789abcdef";

/** Results that are not a pass, as readable lines for the assertion message. */
const notPassed = (report: ConformanceReport) =>
  report.results
    .filter((result) => result.status !== "pass")
    .map((r) => `${r.id}: ${r.status} ${r.message ?? ""}`);

describe("the conformance suite against our driver (local provisioner, process runtime)", () => {
  let driver: DriverProcess;
  let stateDir: string;

  beforeAll(async () => {
    stateDir = await mkdtemp(path.join(tmpdir(), "conformance-driver-"));
    // A create delay keeps resources in progress long enough for the 202 and 409 checks.
    driver = await startDriverProcess({
      LOCAL_RUNTIME: "process",
      LOCAL_STATE_DIR: stateDir,
      LOCAL_CREATE_DELAY_MS: "600",
      DRIVER_AUTH_TOKEN: TOKEN,
    });
  });
  afterAll(async () => {
    await driver?.close();
    expect(await listManagedInstances(stateDir)).toEqual({ processes: [], containers: [] });
    await rm(stateDir, { recursive: true, force: true });
  });

  it.each(["v0.9", "2020"] as const)("passes every check of the %s profile", async (profile) => {
    const report = await runConformance({
      url: profile === "v0.9" ? driver.url : driver.seedUrl,
      token: TOKEN,
      profile,
      // The shipped example: TLS, an update, a conflict, and an account the driver must only seal.
      inputs: path.join(REPO_ROOT, "conformance/examples/local-inputs.json"),
      quiet: true,
      // The kit's own recommendations decide too: its driver must meet them all.
      strict: true,
      // RESP-FAST at 2 s, not 1: the driver shares two cores with the rest of the suite here.
      timeouts: { pollIntervalMs: 100, operationMs: 30_000, fastMs: 2_000 },
    });
    expect(notPassed(report)).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.summary.contract.pass).toBe(report.summary.contract.total);
    expect(report.summary.contract.total).toBeGreaterThan(10);
    expect(report.strict).toBe(true);
    expect(report.teardown.filter((entry) => entry.outcome !== "deleted")).toEqual([]);
  });
});

describe("the conformance suite against our driver (elasticache provisioner, local ElastiCache endpoint)", () => {
  let cloud: EmulatedCloud;
  let inputsDir: string;

  beforeAll(async () => {
    inputsDir = await mkdtemp(path.join(tmpdir(), "conformance-inputs-"));
    // A create takes 600 ms, long enough for the 202 and 409 checks.
    cloud = await startEmulatedCloud(
      { delays: { createMs: 600, modifyMs: 300, deleteMs: 200 } },
      { DRIVER_AUTH_TOKEN: TOKEN },
    );
  });
  afterAll(async () => {
    await cloud?.close();
    await rm(inputsDir, { recursive: true, force: true });
  });

  it.each(["v0.9", "2020"] as const)("passes every check of the %s profile", async (profile) => {
    const inputs = path.join(inputsDir, `${profile}.json`);
    await writeFile(
      inputs,
      JSON.stringify({
        type: "redis",
        driver: { values: { deployment: "node-based" }, secrets: {} },
        update: { values: { node_type: "cache.t4g.small" } },
        conflict: { values: { node_type: "cache.t4g.medium" } },
      }),
    );
    const report = await runConformance({
      url: profile === "v0.9" ? cloud.driver.url : cloud.driver.seedUrl,
      token: TOKEN,
      profile,
      inputs,
      quiet: true,
      strict: true,
      // The endpoint's engines use its own CA, as caches behind a private CA do.
      trustedCa: cloud.emulator.caPem,
      timeouts: { pollIntervalMs: 100, operationMs: 60_000, fastMs: 2_000 },
    });
    // Without an account in the inputs, the account check has nothing to look for.
    const problems = notPassed(report).filter((line) => !line.startsWith("ACCOUNT-NOT-READABLE: skip"));
    expect(problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.teardown.filter((entry) => entry.outcome !== "deleted")).toEqual([]);
  });
});
