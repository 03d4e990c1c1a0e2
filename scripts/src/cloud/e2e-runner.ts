import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";

/** Runs the e2e suite against a deployment described by `E2E_*` variables; resolves with its exit code. */
export type RunE2e = (env: Readonly<Record<string, string>>, signal?: AbortSignal) => Promise<number>;

/** The deployed-stack suite of the e2e package, with its output shown as it runs. */
export function vitestE2eRunner(repoRoot: string): RunE2e {
  return (env, signal) =>
    new Promise((resolve, reject) => {
      const vitest = path.join(
        path.dirname(createRequire(path.join(repoRoot, "package.json")).resolve("vitest/package.json")),
        "vitest.mjs",
      );
      const child = spawn(
        process.execPath,
        [vitest, "run", "--project", "e2e", "test/deployed-stack.test.ts"],
        {
          cwd: repoRoot,
          env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true", ...env },
          stdio: ["ignore", "inherit", "inherit"],
          ...(signal ? { signal } : {}),
        },
      );
      child.on("error", reject);
      child.on("close", (code) => resolve(code ?? 1));
    });
}
