// The quick start's main job: one resource's whole life on this machine, as Humanitec and a
// workload see it, printed step by step. Exit code: 0 when it works, 1 when not, 130 when interrupted.
import { randomBytes } from "node:crypto";
import {
  describeLifecycleStep,
  formatPhaseTable,
  lifecycleProblems,
  runLifecycleFlow,
  sampleAppConsumer,
  startLocalDriver,
  type LifecycleStep,
  type LocalDriver,
} from "@elasticache-driver-kit/e2e";
import { cliArgs } from "./cli-args.js";
import { driverComplaints } from "./src/up/driver-complaints.js";

cliArgs(
  `Usage: npm run lifecycle      (or: node --import tsx scripts/local-lifecycle.ts)

One cache's whole life on this machine, as Humanitec and a workload see it: starts the driver with
the local provisioner, repeats PUT while it answers 202, starts the sample app with the outputs as
its environment, counts two visits, deletes the resource and prints how long each phase took.
Exit code: 0 when it all works, 1 when not, 130 when interrupted (Ctrl-C cleans up first).

Environment: LOCAL_RUNTIME (auto, the default: containers when an engine answers, else
redis-server processes; or process, container).`,
  {},
);

const controller = new AbortController();
let stoppingSince: number | undefined;

function interrupt(signal: NodeJS.Signals): void {
  if (stoppingSince === undefined) {
    stoppingSince = Date.now();
    console.log(`\n${signal}: stopping; deleting what was created (Ctrl-C again quits at once)`);
    controller.abort(new Error(`interrupted by ${signal}`));
    return;
  }
  // pnpm and npm pass the terminal's Ctrl-C on as a SIGTERM moments later: the same interruption.
  if (Date.now() - stoppingSince < 1_000) return;
  console.error(`\n${signal} again: quitting without cleaning up`);
  process.exit(130);
}
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, interrupt);

const SECTION: Partial<Record<LifecycleStep["step"], string>> = {
  consumer: "Use",
  "consumer-skipped": "Use",
  delete: "Delete",
  cleanup: "Clean up",
};

async function main(): Promise<number> {
  const runtime = process.env.LOCAL_RUNTIME ?? "auto";
  console.log(`Driver: starting it with the local provisioner (LOCAL_RUNTIME=${runtime})`);
  // Own process groups: a Ctrl-C reaches only this script, so the driver is still there to delete.
  const driver: LocalDriver = await startLocalDriver({ LOCAL_RUNTIME: runtime }, { ownProcessGroup: true });
  let code = 1;
  try {
    console.log(`  listening at ${driver.url}, ${driver.provisioner ?? "local"}`);
    console.log(`  state in ${driver.stateDir}`);
    const guresid = randomBytes(20).toString("hex");
    const values = {};
    console.log(
      `Create: PUT ${driver.url}${guresid} with driver.values ${JSON.stringify(values)}, repeated while 202`,
    );
    let section = "Create";
    let lastLine = "";
    const print = (step: LifecycleStep) => {
      const next = SECTION[step.step];
      if (next !== undefined && next !== section) {
        section = next;
        console.log(
          next === "Delete" ? `Delete: DELETE ${driver.url}${guresid}, repeated while 202` : `${next}:`,
        );
      }
      const line = `  ${describeLifecycleStep(step)}`;
      // A slow create repeats the same 202 many times; one line says it.
      if (line !== lastLine) console.log(line);
      lastLine = line;
    };
    const observation = await runLifecycleFlow({
      driverUrl: driver.url,
      guresid,
      values,
      consumer: sampleAppConsumer({ ownProcessGroup: true }),
      pollIntervalMs: 250,
      signal: controller.signal,
      onStep: print,
    });
    console.log(
      `\n${formatPhaseTable([{ label: driver.provisioner ?? runtime, timings: observation.timings }])}`,
    );
    const problems = lifecycleProblems(observation);
    for (const problem of problems) console.error(`FAILED: ${problem}`);
    code = problems.length === 0 ? 0 : 1;
  } catch (error) {
    if (controller.signal.aborted) {
      code = 130;
    } else {
      console.error(`\nFAILED: ${error instanceof Error ? error.message : String(error)}`);
      const complaints = driverComplaints(driver.output());
      if (complaints.length > 0) console.error(`The driver logged:\n${complaints.join("\n")}`);
    }
  } finally {
    const leftovers = await driver.dispose();
    console.log(
      leftovers.length === 0
        ? "Stopped the driver; nothing is left running and the state dir is removed."
        : `Stopped the driver and what it left running: ${leftovers.join(", ")}; the state dir is removed.`,
    );
    if (leftovers.length > 0 && code === 0) code = 1;
  }
  if (code === 0) {
    console.log("\nOK: create, connect, count, delete and the app's view of the deleted cache all work.");
  }
  return code;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`FAILED: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(controller.signal.aborted ? 130 : 1);
  },
);
