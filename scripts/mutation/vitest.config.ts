import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/**
 * The tests a mutation run uses: the driver's unit tests and its HTTP-layer tests on the fake
 * provisioner. None needs Redis, a container engine or a child process, so each mutant costs
 * seconds, not minutes. Tests of the local provisioner's runtimes stay out: they cover other files.
 */
export default defineConfig({
  test: {
    root: fileURLToPath(new URL("../../driver", import.meta.url)),
    include: [
      "src/{config,http,inputs,lifecycle,security}/**/*.test.ts",
      "test/resource-lifecycle*.test.ts",
      "test/fake-contract.test.ts",
      "test/account-through-cookie.test.ts",
      "test/malformed-requests.test.ts",
      "test/provisioner-errors-over-http.test.ts",
      "test/routing.test.ts",
      // Caller authentication through a test driver in this process (operator-jwt.ts, bearer-token.ts).
      "test/auth/*.test.ts",
      // Metrics after a lifecycle on the fake provisioner: what resource-lifecycle.ts reports.
      "test/operations/metrics.test.ts",
    ],
    isolate: false,
    setupFiles: [fileURLToPath(new URL("./fresh-modules.ts", import.meta.url))],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
