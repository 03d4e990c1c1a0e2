import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FAST_TIMEOUTS, FIXTURE_INPUTS } from "./fixtures/fixture-inputs.js";
import { startFixtureServer } from "./fixtures/fixture-server.js";
import { startRedisServer, type StartedRedis } from "./fixtures/redis-server.js";
import { ReferenceDriver } from "./fixtures/reference-driver.js";
import { SeedDriver } from "./fixtures/seed-driver.js";
import { listChecks, runConformance, type ConformanceReport } from "../src/index.js";

function statuses(report: ConformanceReport, level: "contract" | "recommendation"): Record<string, string> {
  return Object.fromEntries(
    report.results.filter((result) => result.level === level).map((result) => [result.id, result.status]),
  );
}

function failures(report: ConformanceReport): string[] {
  return report.results
    .filter((result) => result.status === "fail" || result.status === "error")
    .map((result) => `${result.id}: ${result.message ?? ""}`);
}

describe("the reference fixtures conform", () => {
  let redis: StartedRedis;
  let tlsRedis: StartedRedis;

  beforeAll(async () => {
    [redis, tlsRedis] = await Promise.all([startRedisServer(), startRedisServer({ tls: true })]);
  });

  afterAll(async () => {
    await Promise.all([redis?.close(), tlsRedis?.close()]);
  });

  it("passes every v0.9 check, core and optional, and leaves no resource behind", async () => {
    const driver = new ReferenceDriver({ redis, token: "fixture-token-0123456789" });
    await using fixture = await startFixtureServer(driver.handle);

    const report = await runConformance({
      url: `${fixture.url}/`,
      token: "fixture-token-0123456789",
      inputs: FIXTURE_INPUTS,
      timeouts: FAST_TIMEOUTS,
      quiet: true,
    });

    expect(failures(report)).toEqual([]);
    expect(Object.values(statuses(report, "contract")).every((status) => status === "pass")).toBe(true);
    expect(Object.values(statuses(report, "recommendation")).every((status) => status === "pass")).toBe(true);
    expect(report.results.map((result) => result.id)).toEqual(listChecks("v0.9").map((check) => check.id));
    expect(report.ok).toBe(true);
    expect(driver.size).toBe(0);
    expect(report.teardown.every((item) => item.outcome === "deleted")).toBe(true);
  });

  it("connects over TLS with the CA certificate from the outputs", async () => {
    const driver = new ReferenceDriver({ redis: tlsRedis, pendingPolls: 0 });
    await using fixture = await startFixtureServer(driver.handle, "/drivers/redis");

    const report = await runConformance({
      url: fixture.url,
      inputs: FIXTURE_INPUTS,
      filter: "CONN-",
      timeouts: FAST_TIMEOUTS,
      quiet: true,
    });

    expect(report.results).toHaveLength(1);
    expect(report.results[0]).toMatchObject({ id: "CONN-SET-GET", status: "pass" });
    expect(report.results[0]?.message).toContain("TLS, CA from outputs");
    expect(driver.size).toBe(0);
  });

  it("passes every 2020 check against the seed-era fixture, including a POST that first asks to retry", async () => {
    const driver = new SeedDriver({ redis, retriesBeforeReady: 1, token: "fixture-token-0123456789" });
    await using fixture = await startFixtureServer(driver.handle, "/2020");

    const report = await runConformance({
      url: `${fixture.url}/`,
      profile: "2020",
      token: "fixture-token-0123456789",
      inputs: FIXTURE_INPUTS,
      timeouts: FAST_TIMEOUTS,
      quiet: true,
    });

    expect(failures(report)).toEqual([]);
    expect(Object.values(statuses(report, "contract")).every((status) => status === "pass")).toBe(true);
    expect(Object.values(statuses(report, "recommendation")).every((status) => status === "pass")).toBe(true);
    expect(report.ok).toBe(true);
    expect(driver.size).toBe(0);
  });
});
