import { describe, expect, it } from "vitest";
import { formatSoakSummary, runSoak } from "../src/index.js";

/**
 * A short soak in every test run (`npm run soak` runs the long one): two replicas, throttling
 * windows, a SIGKILL of each replica mid-creation, concurrent identical PUTs, rotations under a
 * reconnecting client and deletes during creation, all checked to their end.
 */
describe("the soak, briefly", () => {
  it("ends every life right under throttling and replica kills, and leaves nothing behind", async () => {
    const report = await runSoak({
      seed: 27,
      resources: 7,
      durationMs: 50_000,
      startSpreadMs: 3_500,
      delays: { createMs: 500, modifyMs: 300, deleteMs: 200 },
    });
    const summary = formatSoakSummary(report);
    expect(report.violations, summary).toEqual([]);
    expect(report.passed).toBe(true);
    expect(new Set(report.lives.filter((life) => life.ended).map((life) => life.deployment))).toEqual(
      new Set(["node-based", "serverless", "shared"]),
    );
    expect(report.lives.some((life) => life.steps.some((step) => step.startsWith("rotated")))).toBe(true);
    expect(report.chaos.events.filter((event) => event.includes("SIGKILL"))).toHaveLength(2);
    expect(report.chaos.events.some((event) => event.includes("throttles"))).toBe(true);
    expect(report.leftovers).toEqual([]);
    expect(report.secretsInLogs).toBe(0);
  }, 60_000);
});
