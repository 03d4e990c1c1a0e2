import { describe, expect, it } from "vitest";
import { breakDriver, type Breakage } from "./fixtures/broken-drivers.js";
import { FAST_TIMEOUTS, FIXTURE_INPUTS } from "./fixtures/fixture-inputs.js";
import { startFixtureServer } from "./fixtures/fixture-server.js";
import { ReferenceDriver } from "./fixtures/reference-driver.js";
import { breakSeedDriver, SeedDriver, type SeedBreakage } from "./fixtures/seed-driver.js";
import { runConformance, type ConformanceReport } from "../src/index.js";

function statusOf(report: ConformanceReport, id: string): string | undefined {
  return report.results.find((result) => result.id === id)?.status;
}

const errors = (report: ConformanceReport) =>
  report.results
    .filter((result) => result.status === "error")
    .map((result) => `${result.id}: ${result.message}`);

interface V09Case {
  readonly breakage: Breakage;
  readonly check: string;
  /** Whether the violation breaks Humanitec's text (else only a recommendation of the kit). */
  readonly contract: boolean;
  /** The verdict without --strict, when other contract checks fail too; default: `!contract`. */
  readonly conforms?: boolean;
  /** How long `blocking-put` holds a create, and the bounds it is measured against. */
  readonly blockMs?: number;
  readonly timeouts?: { readonly requestMs: number; readonly fastMs?: number };
}

/** Each deliberate violation and the check that must report it as a failure. */
const V09_CASES: V09Case[] = [
  { breakage: "created-201", check: "PUT-CREATE-202-OR-200", contract: true },
  { breakage: "delete-unknown-404", check: "DEL-204-UNKNOWN", contract: true },
  { breakage: "port-string", check: "OUT-PORT-INTEGER", contract: false },
  { breakage: "secret-in-values", check: "OUT-TYPE-OUTPUTS", contract: true },
  { breakage: "secret-in-values", check: "OUT-NO-SECRET-IN-VALUES", contract: false, conforms: false },
  { breakage: "bad-json-500", check: "BODY-400-MALFORMED", contract: true },
  // Unanswered PUTs also fail the contract's PUT checks: the driver does not conform either way.
  {
    breakage: "blocking-put",
    check: "RESP-BOUNDED-TIME",
    contract: false,
    conforms: false,
    timeouts: { requestMs: 300 },
  },
  {
    breakage: "blocking-put",
    check: "RESP-FAST",
    contract: false,
    blockMs: 400,
    timeouts: { requestMs: 1_000, fastMs: 200 },
  },
  { breakage: "new-resource-per-put", check: "PUT-IDEMPOTENT-OUTPUTS", contract: true },
  { breakage: "new-resource-per-put", check: "PUT-CONCURRENT-ONE", contract: true },
  { breakage: "cookie-with-secret", check: "COOKIE-NO-SECRET", contract: false },
  { breakage: "cookie-account-base64", check: "ACCOUNT-NOT-READABLE", contract: false },
  { breakage: "cookie-account-base64", check: "COOKIE-NO-SECRET", contract: false },
  { breakage: "cookie-account-hex", check: "ACCOUNT-NOT-READABLE", contract: false },
  { breakage: "account-in-header", check: "ACCOUNT-NOT-READABLE", contract: false },
  // Concurrent first PUTs carry no cookie yet, and this driver refuses the ones that find the resource.
  { breakage: "cookie-required", check: "COOKIE-ABSENT-OK", contract: false, conforms: false },
  { breakage: "cookie-required", check: "PUT-CONCURRENT-ONE", contract: true },
  { breakage: "forged-cookie-rejected", check: "COOKIE-FORGED-IGNORED", contract: false },
  { breakage: "stack-trace-errors", check: "ERR-BODY-ALL", contract: false },
  { breakage: "error-echoes-secrets", check: "ERR-NO-SECRET", contract: false },
  { breakage: "bad-progress-hint", check: "HINT-SHAPE", contract: true },
  { breakage: "conflict-accepted", check: "PUT-409-CONFLICT", contract: false },
  { breakage: "update-rejected", check: "UPDATE-READY", contract: true },
  { breakage: "new-instance-without-cookie", check: "COOKIE-LOSS-ONE-RESOURCE", contract: true },
  { breakage: "new-instance-without-cookie", check: "OUT-ONE-IDENTITY", contract: true },
  // Non-convergence is the driver's failure, not the harness's: FAIL, never ERROR.
  { breakage: "busy-again-without-cookie", check: "COOKIE-LOSS-ONE-RESOURCE", contract: true },
  { breakage: "hint-carries-outputs", check: "HINT-SHAPE", contract: true },
  { breakage: "hint-carries-outputs", check: "ERR-NO-SECRET", contract: false, conforms: false },
  { breakage: "manifests-null", check: "OUT-MANIFESTS-SHAPE", contract: true },
  { breakage: "unsupported-type-accepted", check: "TYPE-400-UNSUPPORTED", contract: true },
  { breakage: "bad-account-500", check: "INPUTS-400-INVALID", contract: true },
  { breakage: "bad-account-dropped", check: "INPUTS-400-INVALID", contract: true },
  { breakage: "recreate-refused", check: "RECREATE-AFTER-DELETE", contract: true },
  { breakage: "instance-per-cookieless-put", check: "PUT-CONCURRENT-ONE", contract: true },
  { breakage: "instance-per-cookieless-put", check: "OUT-ONE-IDENTITY", contract: true },
];

describe("broken v0.9 drivers fail the check for their violation", () => {
  it.each(V09_CASES)(
    "$breakage fails $check",
    async ({ breakage, check, contract, conforms, blockMs, timeouts }) => {
      const driver = new ReferenceDriver();
      await using fixture = await startFixtureServer(
        breakDriver(driver, breakage, { blockMs: blockMs ?? 2_000 }),
      );
      const run = (strict: boolean) =>
        runConformance({
          url: fixture.url,
          inputs: { ...FIXTURE_INPUTS, connectivity: false },
          timeouts: { ...FAST_TIMEOUTS, ...timeouts },
          quiet: true,
          strict,
        });

      const report = await run(false);
      expect(statusOf(report, check)).toBe("fail");
      expect(report.results.find((result) => result.id === check)?.level).toBe(
        contract ? "contract" : "recommendation",
      );
      expect(errors(report)).toEqual([]);
      // A violation of a recommendation alone: the driver conforms, and fails only a strict run.
      expect(report.ok).toBe(conforms ?? !contract);
      if (report.ok) {
        const strict = await run(true);
        expect(statusOf(strict, check)).toBe("fail");
        expect(strict.ok).toBe(false);
      }
      // A create the suite stopped waiting for finishes after its teardown ran.
      const abandoned = breakage === "blocking-put" && (timeouts?.requestMs ?? 0) < (blockMs ?? 2_000);
      if (!abandoned) expect(driver.size).toBe(0);
    },
  );

  it("fails AUTH-401 when the driver takes requests without credentials", async () => {
    const driver = new ReferenceDriver();
    await using fixture = await startFixtureServer(driver.handle);

    const report = await runConformance({
      url: fixture.url,
      token: "a-token-the-driver-ignores",
      inputs: FIXTURE_INPUTS,
      filter: "AUTH-",
      timeouts: FAST_TIMEOUTS,
      quiet: true,
    });

    expect(statusOf(report, "AUTH-401")).toBe("fail");
    expect(report.ok).toBe(true);
    expect(driver.size).toBe(0);
  });
});

const SEED_CASES: { breakage: SeedBreakage; check: string }[] = [
  { breakage: "new-resource-per-post", check: "SEED-POST-REPEAT-SAME" },
  { breakage: "new-resource-per-post", check: "SEED-POST-CONCURRENT-ONE" },
  { breakage: "delete-unknown-204", check: "SEED-DEL-404-UNKNOWN" },
  { breakage: "malformed-400", check: "SEED-POST-422-MALFORMED" },
];

describe("broken 2020 drivers fail the check for their violation", () => {
  it.each(SEED_CASES)("$breakage fails $check", async ({ breakage, check }) => {
    const driver = new SeedDriver();
    await using fixture = await startFixtureServer(breakSeedDriver(driver, breakage), "/2020");

    const report = await runConformance({
      url: fixture.url,
      profile: "2020",
      inputs: { ...FIXTURE_INPUTS, connectivity: false },
      timeouts: FAST_TIMEOUTS,
      quiet: true,
    });

    expect(statusOf(report, check)).toBe("fail");
    expect(errors(report)).toEqual([]);
    expect(report.ok).toBe(false);
    expect(driver.size).toBe(0);
  });
});
