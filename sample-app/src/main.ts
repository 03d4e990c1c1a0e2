import { parseArgs } from "node:util";
import { pino } from "pino";
import { ConfigError, loadConfig } from "./config/load-config.js";
import type { AppConfig } from "./config/load-config.js";
import { listenProblem } from "./listen-problem.js";
import { createLogger } from "./logging/create-logger.js";
import { start, type RunningApp } from "./start.js";

const USAGE = `Usage: npm run sample-app      (or: pnpm sample-app, node --import tsx sample-app/src/main.ts)

Serves the sample web app, which uses the Redis cache a resource driver hands out, until Ctrl-C or
SIGTERM. It takes no arguments: the cache comes from environment variables named like the driver's
outputs: REDIS_HOST (required), REDIS_PORT, REDIS_USERNAME, REDIS_PASSWORD, REDIS_TLS,
REDIS_CA_CERTIFICATE, or REDIS_URL; also REDIS_KEY_PREFIX, PORT, HOST, LOG_LEVEL and
SHUTDOWN_TIMEOUT_MS. Details: sample-app/README.md.`;

try {
  if (parseArgs({ options: { help: { type: "boolean", short: "h" } } }).values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
} catch (error) {
  console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
  process.exit(2);
}

let config: AppConfig;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(2);
}

// Synchronous stdout: a write to a closed pipe fails at once, and pino then drops the later lines.
// (An asynchronous one is flushed again at exit, and sonic-boom retries that flush every 100 ms for
// as long as the pipe stays closed: the app would never exit.)
const stdout = pino.destination({ dest: 1, sync: true });
const logger = createLogger(config.logLevel, stdout);
type StopReason = NodeJS.Signals | "stdout closed";

let app: RunningApp | undefined = undefined;
/** A stop asked for while the app starts (it may have logged its address already). */
let requestedEarly: StopReason | undefined;
let stopping = false;
// A requested stop (SIGINT, SIGTERM, or the reader of the logs gone) exits 0 once it is clean.
function stop(signal: StopReason): void {
  if (app === undefined) {
    requestedEarly ??= signal;
    return;
  }
  if (stopping) {
    if (signal === "stdout closed") return;
    logger.warn({ signal }, "second signal; exiting without waiting");
    process.exit(1);
  }
  stopping = true;
  logger.info({ signal }, "signal received");
  // close() bounds each step itself; this guards against a step that never settles.
  const watchdog = setTimeout(() => {
    logger.error("shutdown did not finish in time; exiting");
    process.exit(1);
  }, config.shutdownTimeoutMs + 5_000);
  app.close().then(
    () => {
      clearTimeout(watchdog);
      process.exit(0);
    },
    (error: unknown) => {
      logger.error({ err: error }, "shutdown failed");
      process.exit(1);
    },
  );
}

process.on("SIGTERM", stop);
process.on("SIGINT", stop);
stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code !== "EPIPE") throw error;
  stop("stdout closed");
});

app = await start(config, { logger }).catch((error: unknown) => {
  const problem = listenProblem(error);
  // A person at a terminal reads this line; the log gets the error too.
  if (problem) console.error(problem);
  logger.fatal({ err: error }, problem ?? "could not start");
  process.exit(1);
});
if (requestedEarly !== undefined) stop(requestedEarly);
