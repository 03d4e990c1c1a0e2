import { parseArgs } from "node:util";
import { driverUsage } from "./cli/driver-usage.js";
import { listenProblem } from "./cli/listen-problem.js";
import { stdoutLog } from "./cli/stdout-log.js";
import { listeningLine, stoppedLine } from "./cli/terminal-lines.js";
import { ConfigError, loadConfig } from "./config/load-config.js";
import type { ManagedResource, Provisioner } from "./provisioners/provisioner.js";
import { startDriver, type RunningDriver } from "./start-driver.js";

/** Logs are JSON lines; a person at a terminal also gets one plain line at start and at stop. */
const toTerminal = (line: string) => {
  if (process.stdout.isTTY) process.stdout.write(`${line}\n`);
};

/** What still runs on this machine after a stop, when the provisioner can tell; bounded in time. */
async function stillRunning(provisioner: Provisioner): Promise<readonly ManagedResource[] | undefined> {
  if (!provisioner.listManaged) return undefined;
  const timeout = new Promise<never>((_, reject) =>
    setTimeout(() => reject(new Error("no answer within 5 s")), 5_000).unref(),
  );
  return Promise.race([provisioner.listManaged(), timeout]);
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { help: { type: "boolean", short: "h" } } });
  if (values.help) {
    process.stdout.write(`${driverUsage()}\n`);
    return;
  }
  const config = loadConfig();
  const log = stdoutLog();
  const exit = (code: number) => void log.settle(1_000).then(() => process.exit(code));
  type StopReason = NodeJS.Signals | "stdout closed";
  let driver: RunningDriver | undefined = undefined;
  /** A stop asked for while the driver starts (it may have logged where it listens already). */
  let requestedEarly: StopReason | undefined;
  let stopping = false;
  // A requested stop (SIGINT, SIGTERM, or the reader of the logs gone) exits 0 once it is clean.
  const stop = (reason: StopReason) => {
    if (driver === undefined) {
      requestedEarly ??= reason;
      return;
    }
    if (stopping) return;
    stopping = true;
    // Shutdown is bounded: a stuck connection must not keep the process alive.
    setTimeout(() => exit(1), config.shutdownTimeoutMs + 10_000).unref();
    driver.logger.info({ signal: reason }, "shutting down");
    const { provisioner, logger } = driver;
    driver
      .close()
      .then(async () => {
        if (!process.stdout.isTTY) return;
        const line = await stillRunning(provisioner).then(
          stoppedLine,
          (error: unknown) =>
            `Driver stopped; what still runs could not be listed: ${error instanceof Error ? error.message : String(error)}`,
        );
        toTerminal(line);
      })
      .then(
        () => exit(0),
        (error: unknown) => {
          logger.error({ err: error }, "shutdown failed");
          exit(1);
        },
      );
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  log.onClosed(() => stop("stdout closed"));
  driver = await startDriver(config, { logDestination: log.destination });
  toTerminal(listeningLine(driver.url, driver.provisioner.name));
  if (requestedEarly !== undefined) stop(requestedEarly);
}

main().catch((error: unknown) => {
  console.error(
    listenProblem(error) ??
      (error instanceof ConfigError ? error.message : error instanceof Error ? error.message : error),
  );
  if (error instanceof TypeError && "code" in error && error.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
    console.error("Run with --help for the variables the driver reads.");
    process.exit(2);
  }
  process.exit(1);
});
