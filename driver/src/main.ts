import { ConfigError, loadConfig } from "./config/load-config.js";
import { startDriver } from "./start-driver.js";

async function main(): Promise<void> {
  const driver = await startDriver(loadConfig());
  const stop = (signal: NodeJS.Signals) => {
    driver.logger.info({ signal }, "shutting down");
    driver.close().then(
      () => process.exit(0),
      (error: unknown) => {
        driver.logger.error({ err: error }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

main().catch((error: unknown) => {
  console.error(
    error instanceof ConfigError ? error.message : error instanceof Error ? error.message : error,
  );
  process.exit(1);
});
