import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { parseDuration } from "../src/cli/duration.js";
import { REPO } from "./run-kit.js";

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  "timeout-minutes"?: number;
  with?: Record<string, unknown>;
}
interface Job {
  needs?: string | string[];
  if?: string;
  "timeout-minutes"?: number;
  steps: Step[];
}

const workflow = parse(await readFile(path.join(REPO, ".github/workflows/e2e.yml"), "utf8")) as {
  jobs: Record<string, Job>;
};
const up = workflow.jobs["cloud-up"]!;
const down = workflow.jobs["cloud-down"]!;

/** IAM's default maximum session of a role (IAM user guide, "Modifying a role maximum session duration"). */
const DEFAULT_MAX_SESSION_MINUTES = 60;
/** `up --cloud`'s fixed wait for the driver's pods (up-command.ts readyTimeoutMs). */
const DRIVER_READY_MINUTES = 10;

const minutesOf = (run: string, flag: string) => {
  const value = new RegExp(`${flag} (\\S+)`).exec(run)?.[1];
  if (value === undefined) throw new Error(`${flag} not in: ${run}`);
  return parseDuration(value, flag) / 60_000;
};
const credentialSteps = (job: Job) =>
  job.steps.filter((step) => step.uses?.startsWith("aws-actions/configure-aws-credentials"));
const kitSteps = (job: Job, command: string) =>
  job.steps.filter((step) => step.run?.startsWith(`npm run ${command} --`));

describe("the cloud CI workflow", () => {
  it("runs down as its own job after up, whatever up did, with its own timeout", () => {
    expect([down.needs].flat()).toContain("cloud-up");
    expect(down.if).toMatch(/^always\(\) && /);
    expect(down["timeout-minutes"]).toBeGreaterThan(0);
    expect(kitSteps(down, "down").length).toBeGreaterThan(0);
    expect(kitSteps(up, "down")).toEqual([]);
  });

  it("asks for sessions within IAM's default maximum, fresh ones for down", () => {
    for (const job of [up, down]) {
      expect(credentialSteps(job).length).toBeGreaterThan(0);
      for (const step of credentialSteps(job)) {
        expect(Number(step.with?.["role-duration-seconds"])).toBeLessThanOrEqual(
          DEFAULT_MAX_SESSION_MINUTES * 60,
        );
      }
    }
    // Each pass of down has credentials assumed right before it.
    for (const pass of kitSteps(down, "down")) {
      const before = down.steps.slice(0, down.steps.indexOf(pass));
      expect(before.some((step) => step.uses?.startsWith("aws-actions/configure-aws-credentials"))).toBe(
        true,
      );
    }
  });

  it("bounds every AWS step inside one session and the job's timeout, up's own limits inside its step", () => {
    for (const job of [up, down]) {
      const steps = [...kitSteps(job, "up"), ...kitSteps(job, "down")];
      const total = steps.reduce((sum, step) => sum + (step["timeout-minutes"] ?? Infinity), 0);
      expect(total).toBeLessThan(job["timeout-minutes"] ?? 360);
      for (const step of steps)
        expect(step["timeout-minutes"]).toBeLessThanOrEqual(DEFAULT_MAX_SESSION_MINUTES);
    }
    const [upStep] = kitSteps(up, "up");
    expect(minutesOf(upStep!.run!, "--cache-timeout") + DRIVER_READY_MINUTES).toBeLessThan(
      upStep!["timeout-minutes"]!,
    );
    for (const pass of kitSteps(down, "down")) {
      expect(minutesOf(pass.run!, "--cache-timeout") + minutesOf(pass.run!, "--eni-timeout")).toBeLessThan(
        pass["timeout-minutes"]!,
      );
    }
  });

  it("lists what the janitor would take in the stack's scope only, deleting nothing", () => {
    const [janitor] = kitSteps(down, "janitor");
    expect(janitor?.run).toMatch(/--subnet-group /);
    expect(janitor?.run).not.toMatch(/--yes/);
  });
});
