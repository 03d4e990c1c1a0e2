import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { REPO_ROOT } from "@elasticache-driver-kit/e2e";

/** Compiles the driver as its image does (`tsc -b driver`, into driver/dist): the bench runs that. */
export function compileDriver(): void {
  console.log("compiling the driver (tsc -b driver)");
  execFileSync(
    process.execPath,
    [createRequire(import.meta.url).resolve("typescript/bin/tsc"), "-b", "driver"],
    {
      cwd: REPO_ROOT,
      stdio: "inherit",
    },
  );
}
