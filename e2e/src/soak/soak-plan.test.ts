import { describe, expect, it } from "vitest";
import { planSoak } from "./soak-plan.js";

const options = { resources: 24, startSpreadMs: 12_000, sharedCache: "team-cache" };

describe("planSoak", () => {
  it("gives the same plan for the same seed and another for another seed", () => {
    expect(planSoak({ seed: 7, ...options })).toEqual(planSoak({ seed: 7, ...options }));
    expect(planSoak({ seed: 8, ...options }).lives.map((life) => life.guresid)).not.toEqual(
      planSoak({ seed: 7, ...options }).lives.map((life) => life.guresid),
    );
  });

  it("covers every deployment and every kind of chaos, with valid GUResIDs", () => {
    const plan = planSoak({ seed: 3, ...options });
    expect(new Set(plan.lives.map((life) => life.deployment))).toEqual(
      new Set(["node-based", "serverless", "shared"]),
    );
    for (const life of plan.lives) expect(life.guresid).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(plan.lives.some((life) => life.rotate)).toBe(true);
    expect(plan.lives.some((life) => life.deleteDuringCreation)).toBe(true);
    expect(plan.lives.some((life) => life.concurrentFirstPut)).toBe(true);
    expect(plan.lives.filter((life) => life.deployment === "shared")[0]?.values.shared_cache).toBe(
      "team-cache",
    );
    expect(plan.throttleWindows.length).toBeGreaterThan(1);
    expect(plan.kills.map((kill) => kill.replica).sort()).toEqual([0, 1]);
    expect(plan.lives.every((life) => !(life.rotate && life.deleteDuringCreation))).toBe(true);
  });
});
