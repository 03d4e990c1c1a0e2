// Shows where a status poll's CPU goes: profiles the compiled driver and the bare Express baseline
// (`node --cpu-prof`) under the same poll load, one after the other, and prints CPU µs per answer
// by category for both, with what the driver adds.
//   npm run bench:profile -- [--method PUT|GET] [--callers N] [--seconds S]   (--help for the details)
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { REPO_ROOT, startLocalDriver } from "@elasticache-driver-kit/e2e";
import { compileDriver } from "./bench/compile-driver.js";
import {
  compareProfiles,
  cpuByCategory,
  type ClockWindow,
  type CpuProfile,
} from "./bench/cpu-profile-summary.js";
import { deleteResource, readyPollTarget, type PollTarget } from "./bench/driver-lifecycle.js";
import { startExpressBaseline } from "./bench/express-baseline.js";
import { pollLatency, type PollLatency } from "./bench/poll-latency.js";
import { continueOnNode, IMAGE_NODE_MAJOR } from "./bench/on-node.js";
import { cliArgs, usageError, wholeNumber } from "./cli-args.js";

const USAGE = `Usage: npm run bench:profile [-- --method PUT|GET --callers N --seconds S --node N]

Profiles the compiled driver and then a bare Express 5 app answering a same-size body, each under
S seconds of status polls of a ready resource from N concurrent callers (after a 2 s warm-up), and
prints the server CPU per answer by category (garbage collection, Node's HTTP layer, each package,
each driver file) for both, largest difference first. Writes .reports/profile/driver.cpuprofile
and baseline.cpuprofile (open them in Chrome DevTools or VS Code) and summary.json.

Options:
  --method M     PUT (default) or GET
  --callers N    concurrent callers (default 50)
  --seconds S    seconds of measured polling per server (default 8)
  --node N       run on Node.js N: both servers and the load (default 24, the driver image's;
                 brought from the npm registry when this machine lacks it)
  -h, --help     show this help`;

const args = cliArgs(USAGE, {
  method: { type: "string", default: "PUT" },
  callers: { type: "string", default: "50" },
  seconds: { type: "string", default: "8" },
  node: { type: "string", default: String(IMAGE_NODE_MAJOR) },
});
const method =
  (["PUT", "GET"] as const).find((name) => name === String(args.method).toUpperCase()) ??
  usageError(USAGE, `--method: expected PUT or GET, got ${JSON.stringify(args.method)}`);
const CALLERS = wholeNumber(USAGE, "callers", args.callers, 1);
const SECONDS = wholeNumber(USAGE, "seconds", args.seconds, 1);
continueOnNode(wholeNumber(USAGE, "node", args.node, 20));
const WARM_UP_SECONDS = 2;
const outDir = path.join(REPO_ROOT, ".reports/profile");

const monotonicMicros = () => Number(process.hrtime.bigint() / 1000n);

/** Polls after a warm-up; the window is the measured polling on the monotonic clock. */
async function measuredPolls(
  url: string,
  pid: number,
  headers: Record<string, string>,
): Promise<{ run: PollLatency; window: ClockWindow }> {
  await pollLatency(url, CALLERS, WARM_UP_SECONDS, method, headers, pid);
  const startMicros = monotonicMicros();
  const run = await pollLatency(url, CALLERS, SECONDS, method, headers, pid);
  return { run, window: { startMicros, endMicros: monotonicMicros() } };
}

/** The one profile a process wrote into `dir` when it exited, moved to `target`. */
async function takeProfile(dir: string, target: string): Promise<CpuProfile> {
  const [file] = (await readdir(dir)).filter((name) => name.endsWith(".cpuprofile"));
  if (file === undefined) throw new Error(`no CPU profile was written into ${dir}`);
  const text = await readFile(path.join(dir, file), "utf8");
  await writeFile(target, text);
  await rm(dir, { recursive: true, force: true });
  return JSON.parse(text) as CpuProfile;
}

const profileArgs = (dir: string) => ["--cpu-prof", `--cpu-prof-dir=${dir}`];

compileDriver();
await rm(outDir, { recursive: true, force: true });
await mkdir(outDir, { recursive: true });
const driverDir = path.join(outDir, "driver.tmp");
const baselineDir = path.join(outDir, "baseline.tmp");

console.log(`profiling the driver: ${method} polls from ${CALLERS} callers for ${SECONDS} s`);
let driverRun: { run: PollLatency; window: ClockWindow };
// Both servers get the driver cookie back on every poll, as Humanitec sends it.
let target: PollTarget;
{
  await using driver = await startLocalDriver(
    { LOCAL_RUNTIME: "process" },
    { compiled: true, nodeArgs: profileArgs(driverDir) },
  );
  target = await readyPollTarget(driver.url);
  driverRun = await measuredPolls(target.url, driver.pid ?? 0, target.headers);
  await deleteResource(target.url);
}
console.log(`profiling the baseline: the same for ${SECONDS} s`);
let baselineRun: { run: PollLatency; window: ClockWindow };
{
  await using baseline = await startExpressBaseline(target.answer, 10_000, profileArgs(baselineDir));
  baselineRun = await measuredPolls(baseline.url, baseline.pid, target.headers);
}

const driverProfile = await takeProfile(driverDir, path.join(outDir, "driver.cpuprofile"));
const baselineProfile = await takeProfile(baselineDir, path.join(outDir, "baseline.cpuprofile"));
const comparison = compareProfiles(
  { cpu: cpuByCategory(driverProfile, driverRun.window), answers: driverRun.run.requests },
  { cpu: cpuByCategory(baselineProfile, baselineRun.window), answers: baselineRun.run.requests },
);

console.log(
  `\nanswers/s under the profiler: driver ${driverRun.run.perSecond}, baseline ${baselineRun.run.perSecond}` +
    ` (non-2xx: ${driverRun.run.non2xx}, ${baselineRun.run.non2xx}); CPU µs per answer from /proc:` +
    ` driver ${driverRun.run.cpuMicrosPerRequest ?? "-"}, baseline ${baselineRun.run.cpuMicrosPerRequest ?? "-"}`,
);
console.log(`\nserver CPU per ${method} answer, µs (sampled; the profiler itself adds some to both)`);
const width = Math.max(...comparison.rows.map((r) => r.category.length), comparison.rest.category.length);
console.log(`${"category".padEnd(width)} | driver | baseline | driver − baseline`);
for (const r of [...comparison.rows, comparison.rest, comparison.total]) {
  console.log(
    `${r.category.padEnd(width)} | ${String(r.driver).padStart(6)} | ${String(r.baseline).padStart(8)} | ${String(r.difference).padStart(6)}`,
  );
}
await writeFile(
  path.join(outDir, "summary.json"),
  JSON.stringify(
    {
      method,
      callers: CALLERS,
      seconds: SECONDS,
      answers: { driver: driverRun.run.requests, baseline: baselineRun.run.requests },
      perSecond: { driver: driverRun.run.perSecond, baseline: baselineRun.run.perSecond },
      microsPerAnswer: comparison,
    },
    null,
    2,
  ),
);
console.log(
  `\nwritten to ${path.relative(process.cwd(), outDir)}/ (summary.json, driver.cpuprofile, baseline.cpuprofile)`,
);
