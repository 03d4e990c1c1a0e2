import { availableParallelism } from "node:os";
import { configDefaults, defineConfig } from "vitest/config";

/**
 * One project per workspace package ("scripts": the kit's own entry points); `pnpm e2e` runs the e2e project alone. "containers" builds and
 * runs the images apart from it: it needs a container engine and takes about a minute.
 */
export default defineConfig({
  test: {
    // At least two files at a time, also on two cores (where the default is one): most tests wait
    // on processes, sockets and containers rather than the CPU, and the suite takes a third less time.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // After vitest's own summary: every skipped test and why, so a green run says what it left out.
    reporters: ["default", "./scripts/vitest/skipped-tests-reporter.ts"],
    projects: [
      {
        test: {
          name: "driver",
          root: "driver",
          include: ["src/**/*.test.ts", "test/**/*.test.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: "sample-app",
          root: "sample-app",
          include: ["src/**/*.test.ts", "test/**/*.test.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: "infra",
          root: "infra",
          include: ["src/**/*.test.ts", "test/**/*.test.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: "conformance",
          root: "conformance",
          include: ["src/**/*.test.ts", "test/**/*.test.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: "emulator",
          root: "emulator",
          include: ["src/**/*.test.ts", "test/**/*.test.ts"],
          // The files share heavy imports (the AWS SDK, testcontainers) and restore what they change.
          isolate: false,
          env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: "e2e",
          root: "e2e",
          include: ["src/**/*.test.ts", "test/**/*.test.ts"],
          exclude: [...configDefaults.exclude, "test/containers.test.ts"],
          env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: "scripts",
          root: "scripts",
          include: ["src/**/*.test.ts", "test/**/*.test.ts"],
          env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
          testTimeout: 120_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: "containers",
          root: "e2e",
          include: ["test/containers.test.ts"],
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
