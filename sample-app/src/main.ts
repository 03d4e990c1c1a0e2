import { ConfigError, loadConfig } from "./config/load-config.js";
import type { AppConfig } from "./config/load-config.js";
import { createLogger } from "./logging/create-logger.js";
import { start } from "./start.js";

let config: AppConfig;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(2);
}

const logger = createLogger(config.logLevel);
const app = await start(config, { logger }).catch((error: unknown) => {
  logger.fatal({ err: error }, "could not start");
  process.exit(1);
});

let stopping = false;
function stop(signal: NodeJS.Signals): void {
  if (stopping) {
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
