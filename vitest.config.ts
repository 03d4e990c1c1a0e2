import { defineConfig } from "vitest/config";

/** One project per workspace package; `pnpm e2e` runs the e2e project alone. */
export default defineConfig({
  test: {
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
          name: "e2e",
          root: "e2e",
          include: ["src/**/*.test.ts", "test/**/*.test.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
