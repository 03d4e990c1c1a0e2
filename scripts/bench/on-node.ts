import { spawnSync } from "node:child_process";
import { nodeBinary } from "../node-binary.mjs";

/**
 * The Node.js major of the driver's image (`ARG NODE_IMAGE` in driver/Dockerfile; a test keeps the
 * two equal). The benchmarks run on it by default: the driver runs as the image runs it.
 */
export const IMAGE_NODE_MAJOR = 24;

/**
 * Makes the rest of this script run on Node.js `major`: returns at once when it already does, else
 * runs the same script with the same arguments on that Node (brought from the npm registry on
 * first use, as KIT_ALSO_NODE does) and exits with its exit code.
 */
export function continueOnNode(major: number): void {
  const current = Number(process.versions.node.split(".")[0]);
  if (current === major) return;
  let binary: string;
  try {
    binary = nodeBinary(major);
  } catch (error) {
    console.error(
      `--node ${major}: ${(error as Error).message}. Fix: pass --node ${current} to use this Node`,
    );
    process.exit(1);
  }
  console.log(`running on Node.js ${major} (${binary})`);
  const run = spawnSync(binary, [...process.execArgv, ...process.argv.slice(1)], { stdio: "inherit" });
  if (run.error) console.error(`--node ${major}: could not run ${binary}: ${run.error.message}`);
  process.exit(run.status ?? 1);
}
