// @ts-check
// `pnpm mutation` (scripts/mutation.mjs): what Stryker mutates, which tests judge the mutants, and
// where the reports go. The score per file is printed at the end; the HTML report lists survivors.
import { fileURLToPath } from "node:url";

/** @param {string} path relative to this folder */
const local = (path) => fileURLToPath(new URL(path, import.meta.url));

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  // Resolved here: under pnpm, Stryker cannot find its plugins by scanning node_modules.
  plugins: [fileURLToPath(import.meta.resolve("@stryker-mutator/vitest-runner")), local("./ignorers.mjs")],
  testRunner: "vitest",
  // The HTTP-layer tests reach most of the core through a running driver: run every fast test once,
  // then per mutant only the tests that executed its code.
  vitest: { configFile: "scripts/mutation/vitest.config.ts", related: false },
  coverageAnalysis: "perTest",
  mutate: [
    "driver/src/lifecycle/**/*.ts",
    "driver/src/security/**/*.ts",
    "driver/src/inputs/**/*.ts",
    "driver/src/http/error-handler.ts",
    "!**/*.test.ts",
  ],
  ignorers: ["log-calls", "utf8-default"],
  // Not needed by the tests, so not copied into the sandbox.
  ignorePatterns: ["/docs", "dist", ".driver-state", ".podman", ".reports"],
  // Two cores are shared with other work; `--concurrency 1` on a busy machine.
  concurrency: 2,
  // A mutant counts as a timeout only after 10 s more than its tests took: a busy machine is slow.
  timeoutMS: 10_000,
  incrementalFile: ".reports/mutation/incremental.json",
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: ".reports/mutation/index.html" },
  jsonReporter: { fileName: ".reports/mutation/mutation.json" },
  clearTextReporter: { reportTests: false, reportMutants: false },
  thresholds: { high: 90, low: 85, break: 85 },
  tempDirName: ".stryker-tmp",
  cleanTempDir: "always",
};
