// @ts-check
import { fileURLToPath } from "node:url";

const local = (path) => fileURLToPath(new URL(path, import.meta.url));

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  // Resolved here: under pnpm, Stryker cannot find its plugins by scanning node_modules.
  plugins: [fileURLToPath(import.meta.resolve("@stryker-mutator/vitest-runner")), local("./ignorers.mjs")],
  testRunner: "vitest",
  vitest: { configFile: "scripts/mutation/vitest.config.ts", related: false },
  mutate: [
    "driver/src/lifecycle/**/*.ts",
    "driver/src/security/**/*.ts",
    "driver/src/inputs/**/*.ts",
    "driver/src/http/error-handler.ts",
    "!**/*.test.ts",
  ],
  ignorers: ["log-arguments", "utf8-default"],
  // Only what the tests read is copied into the sandbox.
  ignorePatterns: ["/docs", "dist", ".driver-state", ".podman", ".reports"],
  coverageAnalysis: "perTest",
  concurrency: 2,
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
