import { ConfigError, loadConfig } from "./config/load-config.js";
import { startDriver } from "./start-driver.js";

async function main(): Promise<void> {
  const config = loadConfig();
  const driver = await startDriver(config);
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    // Shutdown is bounded: a closed stdout or a stuck connection must not keep the process alive.
    setTimeout(() => process.exit(1), config.shutdownTimeoutMs + 5_000).unref();
    driver.logger.info({ signal }, "shutting down");
    driver.close().then(
      () => process.exit(0),
      (error: unknown) => {
        driver.logger.error({ err: error }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((error: unknown) => {
  console.error(
    error instanceof ConfigError ? error.message : error instanceof Error ? error.message : error,
  );
  process.exit(1);
});
