#!/usr/bin/env node
// `pnpm mutation`: Stryker's mutation run over the driver's core (scripts/mutation/stryker.config.mjs).
// Stryker needs Node.js 22 or newer; on an older Node this runs it under Node 24 from the npm
// registry (scripts/node-binary.mjs), installed on first use outside the checkout.
// Extra arguments go to `stryker run`, e.g. `pnpm mutation --incremental --mutate driver/src/security/cookie-codec.ts`.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { nodeBinary } from "./node-binary.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const STRYKER_MIN_NODE = 22;
const LTS = 24;
/** A whole run takes about an hour on two busy cores; far longer means something hangs. */
const RUN_TIMEOUT_MS = 3 * 60 * 60_000;

const running = Number(process.versions.node.split(".")[0]);
let node = process.execPath;
if (running < STRYKER_MIN_NODE) {
  try {
    node = nodeBinary(LTS);
  } catch (error) {
    console.error(
      `mutation: Stryker needs Node.js ${STRYKER_MIN_NODE}+ and this is ${process.version}; ${error.message}`,
    );
    process.exit(1);
  }
}

const require = createRequire(join(root, "scripts", "package.json"));
const stryker = join(dirname(require.resolve("@stryker-mutator/core/package.json")), "bin", "stryker.js");
const config = join("scripts", "mutation", "stryker.config.mjs");
const result = spawnSync(node, [stryker, "run", config, ...process.argv.slice(2)], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
  timeout: RUN_TIMEOUT_MS,
  killSignal: "SIGINT",
});
if (result.error) console.error(`mutation: Stryker did not finish: ${result.error.message}`);
process.exit(result.status ?? 1);
