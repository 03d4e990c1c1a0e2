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
  readonly core: boolean;
  /** How long `blocking-put` holds a create, and the bounds it is measured against. */
  readonly blockMs?: number;
  readonly timeouts?: { readonly requestMs: number; readonly fastMs?: number };
}

/** Each deliberate violation and the check that must report it as a failure. */
const V09_CASES: V09Case[] = [
  { breakage: "created-201", check: "PUT-CREATE-202-OR-200", core: true },
  { breakage: "delete-unknown-404", check: "DEL-204-UNKNOWN", core: true },
  { breakage: "port-string", check: "OUT-PORT-INTEGER", core: true },
  { breakage: "secret-in-values", check: "OUT-NO-SECRET-IN-VALUES", core: true },
  { breakage: "bad-json-500", check: "BODY-400-MALFORMED", core: true },
  { breakage: "blocking-put", check: "RESP-BOUNDED-TIME", core: true, timeouts: { requestMs: 300 } },
  {
    breakage: "blocking-put",
    check: "RESP-FAST",
    core: false,
    blockMs: 400,
    timeouts: { requestMs: 1_000, fastMs: 200 },
  },
  { breakage: "new-resource-per-put", check: "PUT-IDEMPOTENT-OUTPUTS", core: true },
  { breakage: "new-resource-per-put", check: "PUT-CONCURRENT-ONE", core: true },
  { breakage: "cookie-with-secret", check: "COOKIE-NO-SECRET", core: true },
  { breakage: "cookie-account-base64", check: "ACCOUNT-NOT-READABLE", core: true },
  { breakage: "cookie-account-base64", check: "COOKIE-NO-SECRET", core: true },
  { breakage: "cookie-account-hex", check: "ACCOUNT-NOT-READABLE", core: true },
  { breakage: "account-in-header", check: "ACCOUNT-NOT-READABLE", core: true },
  { breakage: "cookie-required", check: "COOKIE-ABSENT-OK", core: true },
  { breakage: "forged-cookie-rejected", check: "COOKIE-FORGED-IGNORED", core: true },
  { breakage: "stack-trace-errors", check: "ERR-BODY-SHAPE", core: true },
  { breakage: "error-echoes-secrets", check: "ERR-NO-SECRET", core: true },
  { breakage: "bad-progress-hint", check: "HINT-SHAPE", core: true },
  { breakage: "conflict-accepted", check: "PUT-409-CONFLICT", core: false },
  { breakage: "update-rejected", check: "UPDATE-READY", core: false },
];

describe("broken v0.9 drivers fail the check for their violation", () => {
  it.each(V09_CASES)("$breakage fails $check", async ({ breakage, check, core, blockMs, timeouts }) => {
    const driver = new ReferenceDriver();
    await using fixture = await startFixtureServer(
      breakDriver(driver, breakage, { blockMs: blockMs ?? 2_000 }),
    );

    const report = await runConformance({
      url: fixture.url,
      inputs: { ...FIXTURE_INPUTS, connectivity: false },
      timeouts: { ...FAST_TIMEOUTS, ...timeouts },
      quiet: true,
    });

    expect(statusOf(report, check)).toBe("fail");
    expect(errors(report)).toEqual([]);
    expect(report.ok).toBe(!core);
    // A create the suite stopped waiting for finishes after its teardown ran.
    const abandoned = breakage === "blocking-put" && (timeouts?.requestMs ?? 0) < (blockMs ?? 2_000);
    if (!abandoned) expect(driver.size).toBe(0);
  });

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
