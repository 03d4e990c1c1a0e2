import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO, run } from "./run-kit.js";

const VITEST = path.join(REPO, "node_modules/vitest/vitest.mjs");
const FIXTURE = path.join(import.meta.dirname, "fixtures/skipped/vitest.config.ts");

describe("the skipped-tests reporter", () => {
  it("ends a run with every skipped test, grouped by its reason", async () => {
    const { code, stdout } = await run(process.execPath, [VITEST, "run", "--config", FIXTURE], {
      env: { ...process.env, NO_COLOR: "1", CI: "1" },
    });
    expect(code).toBe(1);
    const summary = stdout.slice(stdout.indexOf("Skipped tests:"));
    expect(summary.split("\n").slice(0, 13)).toEqual([
      "Skipped tests: 7, for 4 reasons",
      "  no container engine answered; start Docker (or podman) (4 tests):",
      "    - skips.fixture.ts > on containers > builds the image",
      "    - skips.fixture.ts > on containers > runs the image",
      "    - skips.fixture.ts > the driver tests > count the same",
      "    - skips.fixture.ts > the containers tests > count the same",
      "  E2E_DRIVER_URL is not set (1 test):",
      "    - skips.fixture.ts > reaches the deployed driver",
      "  no reason given (end the test's or its suite's title with `(skipped: <reason>)`, or call context.skip(reason)) (1 test):",
      "    - skips.fixture.ts > is skipped without a reason",
      "  not run: a hook of its suite or file failed (see the errors above) (1 test):",
      "    - skips.fixture.ts > a suite whose setup fails > is not run",
      "",
    ]);
  });

  it("stays silent when a name filter skipped tests on purpose", async () => {
    const { code, stdout } = await run(
      process.execPath,
      [VITEST, "run", "--config", FIXTURE, "-t", "^runs$"],
      {
        env: { ...process.env, NO_COLOR: "1", CI: "1" },
      },
    );
    expect(code).toBe(0);
    expect(stdout).not.toContain("Skipped tests:");
  });
});
