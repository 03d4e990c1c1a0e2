// Prints the kit's performance figures: create → connect → delete through the driver's HTTP API per
// runtime beside the raw cost of that runtime, and status-poll latency under concurrent callers.
//   npm run bench -- [--runs N] [--poll-seconds S]   (--help for the details)
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { REPO_ROOT, startLocalDriver } from "@elasticache-driver-kit/e2e";
import { getContainerRuntimeClient } from "testcontainers";
import {
  deleteResource,
  driverLifecycle,
  readyPollTarget,
  type LifecycleTimings,
} from "./bench/driver-lifecycle.js";
import { compileDriver } from "./bench/compile-driver.js";
import { startExpressBaseline } from "./bench/express-baseline.js";
import { pollLatency, type PollLatency } from "./bench/poll-latency.js";
import { rawContainerCost, rawProcessCost } from "./bench/raw-runtime-cost.js";
import { median, pairedRatio, summarize, type Summary } from "./bench/stats.js";
import { continueOnNode, IMAGE_NODE_MAJOR } from "./bench/on-node.js";
import { cliArgs, wholeNumber } from "./cli-args.js";

const USAGE = `Usage: npm run bench [-- --runs N --poll-seconds S --rounds N --node N]      (or: pnpm bench ...)

Measures, per runtime (redis-server processes, and containers when an engine answers), create →
connect → delete through the driver's HTTP API beside the raw cost of the runtime, then status-poll
latency of a ready resource under 1, 50 and 200 concurrent callers (PUT and GET), each beside the
same load on a bare Express 5 app answering a same-size body. Writes .reports/bench.json.

Options:
  --runs N            lifecycles measured per runtime (default 30)
  --poll-seconds S    seconds of each polling run (default 2)
  --rounds N          polling runs per server and level, driver and baseline alternating (default 4)
  --node N            run on Node.js N: the driver, the baseline and the load (default 24, the
                      driver image's; brought from the npm registry when this machine lacks it)
  -h, --help          show this help

Environment: LOCAL_REDIS_SERVER (default redis-server), LOCAL_REDIS_IMAGE (default redis:7).`;

const args = cliArgs(USAGE, {
  runs: { type: "string", default: "30" },
  "poll-seconds": { type: "string", default: "2" },
  rounds: { type: "string", default: "4" },
  node: { type: "string", default: String(IMAGE_NODE_MAJOR) },
});
const RUNS = wholeNumber(USAGE, "runs", args.runs, 1);
const POLL_SECONDS = wholeNumber(USAGE, "poll-seconds", args["poll-seconds"], 1);
const ROUNDS = wholeNumber(USAGE, "rounds", args.rounds, 1);
continueOnNode(wholeNumber(USAGE, "node", args.node, 20));
const redisServer = process.env.LOCAL_REDIS_SERVER ?? "redis-server";
const image = process.env.LOCAL_REDIS_IMAGE ?? "redis:7";

async function containerRuntimeAnswers(): Promise<boolean> {
  try {
    await Promise.race([
      getContainerRuntimeClient(),
      new Promise((_, reject) => setTimeout(reject, 5_000).unref()),
    ]);
    return true;
  } catch {
    return false;
  }
}

interface RuntimeFigures {
  runtime: string;
  raw: Summary;
  driver: Record<keyof LifecycleTimings, Summary>;
  ratio: number;
  /** Create → ready plus delete through the driver (p50) ÷ the raw start and stop (p50). */
  createDeleteRatio: number;
}

// The driver runs as the image runs it: compiled by tsc (driver/dist), not through tsx.
compileDriver();

const hundredths = (value: number) => Math.round(value * 100) / 100;

async function measureRuntime(runtime: "process" | "container"): Promise<RuntimeFigures> {
  const raw: number[] = [];
  const samples: LifecycleTimings[] = [];
  await using driver = await startLocalDriver(
    { LOCAL_RUNTIME: runtime, LOCAL_REDIS_IMAGE: image, DRIVER_LOG_LEVEL: "info" },
    { compiled: true },
  );
  // Warm-up outside the sample: the first container of a process pays for image inspection.
  await driverLifecycle(driver.url);
  await (runtime === "process" ? rawProcessCost(redisServer) : rawContainerCost(image));
  for (let run = 0; run < RUNS; run += 1) {
    raw.push(await (runtime === "process" ? rawProcessCost(redisServer) : rawContainerCost(image)));
    samples.push(await driverLifecycle(driver.url));
    process.stdout.write(".");
  }
  process.stdout.write("\n");
  const pick = (key: keyof LifecycleTimings) => summarize(samples.map((sample) => sample[key]));
  const driverFigures = {
    create: pick("create"),
    connect: pick("connect"),
    delete: pick("delete"),
    total: pick("total"),
  };
  const rawSummary = summarize(raw);
  return {
    runtime,
    raw: rawSummary,
    driver: driverFigures,
    ratio: hundredths(driverFigures.total.p50 / rawSummary.p50),
    createDeleteRatio: hundredths((driverFigures.create.p50 + driverFigures.delete.p50) / rawSummary.p50),
  };
}

/** The driver's poll rate beside the bare Express baseline's, same method and callers. */
interface VersusBaseline {
  method: "PUT" | "GET";
  callers: number;
  driver: { perSecond: number; p99: number; cpuMicrosPerRequest: number | undefined };
  baseline: { perSecond: number; p99: number; cpuMicrosPerRequest: number | undefined };
  /** Driver answers per second ÷ the baseline's: the target is ≥ 0.9. */
  ratio: number;
  /** The baseline's CPU per answer ÷ the driver's: the same comparison, without the load generator's noise. */
  cpuRatio: number | undefined;
  /** Runs per side, alternating. */
  rounds: number;
}

/**
 * Polls of a ready resource under 1, 50 and 200 callers, and the same load on a bare Express app
 * answering a same-size body. Driver and baseline runs alternate, ROUNDS times each, the one going
 * first changing every round, so that whatever else the machine does falls on both. Each side's
 * figures are the median of its rounds; the ratios are the median of the rounds' own ratios.
 */
async function measurePolls(): Promise<{ polls: PollLatency[]; versus: VersusBaseline[] }> {
  await using driver = await startLocalDriver({ LOCAL_RUNTIME: "process" }, { compiled: true });
  // Both servers get the driver cookie back on every poll, as Humanitec sends it.
  const { url, answer, headers } = await readyPollTarget(driver.url);
  await using baseline = await startExpressBaseline(answer);
  const polls: PollLatency[] = [];
  const versus: VersusBaseline[] = [];
  const middle = (runs: PollLatency[], pick: (run: PollLatency) => number) =>
    Math.round(median(runs.map(pick)));
  for (const method of ["PUT", "GET"] as const) {
    for (const callers of [1, 50, 200]) {
      const driverRuns: PollLatency[] = [];
      const baselineRuns: PollLatency[] = [];
      const pollDriver = async () =>
        driverRuns.push(await pollLatency(url, callers, POLL_SECONDS, method, headers, driver.pid));
      const pollBaseline = async () =>
        baselineRuns.push(
          await pollLatency(baseline.url, callers, POLL_SECONDS, method, headers, baseline.pid),
        );
      for (let round = 0; round < ROUNDS; round += 1) {
        for (const poll of round % 2 === 0 ? [pollDriver, pollBaseline] : [pollBaseline, pollDriver])
          await poll();
      }
      if (method === "PUT") polls.push(driverRuns[0] as PollLatency);
      const cpuOf = (runs: PollLatency[]) =>
        runs.every((run) => run.cpuMicrosPerRequest !== undefined && run.cpuMicrosPerRequest > 0)
          ? runs.map((run) => run.cpuMicrosPerRequest ?? 0)
          : undefined;
      const driverCpu = cpuOf(driverRuns);
      const baselineCpu = cpuOf(baselineRuns);
      const rate = (run: PollLatency) => run.perSecond;
      versus.push({
        method,
        callers,
        driver: {
          perSecond: middle(driverRuns, rate),
          p99: middle(driverRuns, (run) => run.client.p99),
          cpuMicrosPerRequest: driverCpu && Math.round(median(driverCpu)),
        },
        baseline: {
          perSecond: middle(baselineRuns, rate),
          p99: middle(baselineRuns, (run) => run.client.p99),
          cpuMicrosPerRequest: baselineCpu && Math.round(median(baselineCpu)),
        },
        ratio: hundredths(pairedRatio(driverRuns.map(rate), baselineRuns.map(rate))),
        cpuRatio:
          driverCpu === undefined || baselineCpu === undefined
            ? undefined
            : hundredths(pairedRatio(baselineCpu, driverCpu)),
        rounds: ROUNDS,
      });
    }
  }
  await deleteResource(url);
  return { polls, versus };
}

const runtimes: ("process" | "container")[] = ["process"];
if (await containerRuntimeAnswers()) runtimes.push("container");
else
  console.log(
    "container runtime: none answers, so it is not measured (start Docker or see scripts/setup-podman.sh)",
  );

const figures: RuntimeFigures[] = [];
for (const runtime of runtimes) {
  console.log(`measuring the ${runtime} runtime (${RUNS} runs)`);
  figures.push(await measureRuntime(runtime));
}
console.log("measuring status polls of a ready resource");
const { polls, versus } = await measurePolls();

console.log("\ncreate → connect → delete through the driver (ms)");
console.log(
  "runtime    | raw p50 | raw p95 | create p50 | connect p50 | delete p50 | total p50 | total p95 | total/raw | (create+delete)/raw",
);
for (const f of figures) {
  console.log(
    [
      f.runtime.padEnd(10),
      f.raw.p50,
      f.raw.p95,
      f.driver.create.p50,
      f.driver.connect.p50,
      f.driver.delete.p50,
      f.driver.total.p50,
      f.driver.total.p95,
      f.ratio,
      f.createDeleteRatio,
    ]
      .map((value) => String(value).padStart(7))
      .join(" | "),
  );
}
/** A titled table, one row per line, columns joined by " | ". */
function printTable(title: string, header: string, rows: readonly (readonly (string | number)[])[]): void {
  console.log(`\n${title}\n${header}`);
  for (const row of rows) console.log(row.map(String).join(" | "));
}

printTable(
  "status polls of a ready resource (ms)",
  "callers | requests | driver p50 | driver p99 | driver max | client p50 | client p99 | non-2xx",
  polls.map((p) => [
    p.callers,
    p.requests,
    p.driver.p50,
    p.driver.p99,
    p.driver.max,
    p.client.p50,
    p.client.p99,
    p.non2xx,
  ]),
);
printTable(
  "polls versus a bare Express 5 app answering a same-size body (answers/s; client p99 ms; server CPU µs per answer)",
  "method | callers | driver/s | baseline/s | ratio | driver p99 | baseline p99 | driver CPU | baseline CPU | CPU ratio",
  versus.map((v) => [
    v.method,
    v.callers,
    v.driver.perSecond,
    v.baseline.perSecond,
    v.ratio,
    v.driver.p99,
    v.baseline.p99,
    v.driver.cpuMicrosPerRequest ?? "-",
    v.baseline.cpuMicrosPerRequest ?? "-",
    v.cpuRatio ?? "-",
  ]),
);

const processFigures = figures.find((f) => f.runtime === "process");
const containerFigures = figures.find((f) => f.runtime === "container");
const poll200 = polls.find((p) => p.callers === 200);
console.log("\ntargets");
console.log(`process runtime p50 ≤ 100 ms: ${processFigures?.driver.total.p50} ms`);
console.log(
  `process runtime create + delete ≤ 1.5 × raw start and stop: ${processFigures?.createDeleteRatio} ×`,
);
if (containerFigures) console.log(`container runtime ≤ 1.2 × raw: ${containerFigures.ratio} ×`);
console.log(
  `poll p99 ≤ 50 ms at 200 callers: driver ${poll200?.driver.p99} ms (client-observed ${poll200?.client.p99} ms)`,
);
const slowest = versus.reduce((worst, v) => (v.ratio < worst.ratio ? v : worst));
console.log(
  `polls ≥ 0.9 × the bare Express rate at 1, 50 and 200 callers: ${slowest.ratio >= 0.9 ? "met" : "not met"} (lowest ${slowest.ratio} ×, ${slowest.method} at ${slowest.callers})`,
);

const reportDir = path.join(REPO_ROOT, ".reports");
await mkdir(reportDir, { recursive: true });
await writeFile(
  path.join(reportDir, "bench.json"),
  JSON.stringify({ runs: RUNS, figures, polls, versusBaseline: versus }, null, 2),
);
console.log(`\nwritten to ${path.relative(process.cwd(), path.join(reportDir, "bench.json"))}`);
