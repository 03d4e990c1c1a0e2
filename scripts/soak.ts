import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { formatSoakSummary, REPO_ROOT, runSoak } from "@elasticache-driver-kit/e2e";
import { cliArgs, wholeNumber } from "./cli-args.js";

const USAGE = `Usage: npm run soak [-- --seed N --resources N --minutes M --max-requests N --report FILE]      (or: pnpm soak ...)

Two driver replicas with the same key against the local ElastiCache endpoint, on loopback only,
reached round-robin as Humanitec reaches them, while the endpoint throttles in windows and a replica
is killed (SIGKILL) and started again mid-creation: concurrent identical PUTs, password rotations
under a reconnecting client, deletes during creation, across node-based, serverless and shared
resources. Every life must end right (200 with outputs that log in, both replicas agreeing; 204;
never a 5xx but the documented cold fallback; never a 4xx or 409 to a valid identical request), and
afterwards the endpoint must be empty and no log hold a password. Prints a summary, writes a JSON
report, exits 1 when anything broke.

Options:
  --seed N            everything random in the run follows from it (default: the current time)
  --resources N       resources that live and die (default 24)
  --minutes M         bound on the lives, from the first one's start (default 4); starting the
                      endpoint and the replicas, and the checks after, add at most about a minute
  --max-requests N    bound on the driver requests of the run (default 50000)
  --report FILE       the JSON report (default .reports/soak-<seed>.json)
  -h, --help          show this help

Needs redis-server on the PATH (the endpoint runs one per cache).`;

const args = cliArgs(USAGE, {
  seed: { type: "string", default: String(Date.now() % 1_000_000) },
  resources: { type: "string", default: "24" },
  minutes: { type: "string", default: "4" },
  "max-requests": { type: "string", default: "50000" },
  report: { type: "string" },
});
const seed = wholeNumber(USAGE, "seed", args.seed, 0);
// Node 20's end of AWS SDK support is not news here (see the README's machine notes).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
const report = await runSoak({
  seed,
  resources: wholeNumber(USAGE, "resources", args.resources, 1),
  durationMs: wholeNumber(USAGE, "minutes", args.minutes, 1) * 60_000,
  maxRequests: wholeNumber(USAGE, "max-requests", args["max-requests"], 1),
  log: (line) => console.log(line),
});
const file =
  typeof args.report === "string"
    ? path.resolve(args.report)
    : path.join(REPO_ROOT, ".reports", `soak-${seed}.json`);
await mkdir(path.dirname(file), { recursive: true });
await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
console.log(`\n${formatSoakSummary(report)}\n\nreport: ${path.relative(process.cwd(), file)}`);
process.exitCode = report.passed ? 0 : 1;
