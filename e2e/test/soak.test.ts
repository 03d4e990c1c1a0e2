import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatSoakSummary, REPO_ROOT, runSoak } from "../src/index.js";

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
      durationMs: 30_000,
      startSpreadMs: 3_500,
      delays: { createMs: 500, modifyMs: 300, deleteMs: 200 },
    });
    const summary = formatSoakSummary(report);
    // The whole run, for when it fails in CI: every answer's status, each life's steps, the chaos.
    await mkdir(path.join(REPO_ROOT, ".reports"), { recursive: true });
    await writeFile(
      path.join(REPO_ROOT, ".reports", "soak-e2e.json"),
      `${JSON.stringify(report, null, 2)}\n`,
    );
    expect(report.violations, summary).toEqual([]);
    expect(report.passed, summary).toBe(true);
    expect(new Set(report.lives.filter((life) => life.ended).map((life) => life.deployment))).toEqual(
      new Set(["node-based", "serverless", "shared"]),
    );
    const steps = report.lives.flatMap((life) => life.steps);
    expect(steps, summary).toContainEqual(expect.stringMatching(/^rotated/));
    expect(steps, summary).toContain("DELETE during creation");
    expect(
      report.chaos.events.filter((event) => event.includes("SIGKILL")),
      summary,
    ).toHaveLength(2);
    expect(report.chaos.events, summary).toContainEqual(expect.stringContaining("throttles"));
    expect(report.leftovers).toEqual([]);
    expect(report.secretsInLogs).toBe(0);
  }, 90_000);
});
