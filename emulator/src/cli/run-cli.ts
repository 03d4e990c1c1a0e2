import { EmulatorConfigError, loadEmulatorConfig } from "../config/load-emulator-config.js";
import type { RunningEmulator } from "../start-emulator.js";
import { parseArgs } from "./parse-args.js";
import { usage } from "./usage.js";

function banner(emulator: RunningEmulator): string {
  const exports = Object.entries(emulator.env).map(([name, value]) => `  export ${name}=${value}`);
  return [
    `Local ElastiCache endpoint listening on ${emulator.url} (region ${emulator.region}, engines run as ${emulator.runtime})`,
    "",
    "Point the AWS SDK (and the driver with DRIVER_PROVISIONER=elasticache) at it:",
    ...exports,
    "",
    `Engines with TLS present certificates signed by the CA in ${emulator.caPath}`,
    `(also at ${emulator.url}/_emulator/ca.pem). NODE_EXTRA_CA_CERTS above makes Node trust it;`,
    `other clients: redis-cli --tls --cacert ${emulator.caPath} ...`,
    "",
    "Ctrl-C stops the endpoint and every engine it started.",
    "",
  ].join("\n");
}

/** `pnpm emulator`: starts the endpoint, prints what to export, stops everything on Ctrl-C or SIGTERM. */
export async function runCli(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<void> {
  let args;
  let config;
  try {
    args = parseArgs(argv);
    if (args.help) {
      process.stdout.write(usage());
      return;
    }
    config = loadEmulatorConfig(env);
  } catch (error) {
    console.error(
      error instanceof EmulatorConfigError ? error.message : `emulator: ${(error as Error).message}`,
    );
    process.exitCode = 2;
    return;
  }
  // Loaded only now, so --help and configuration errors answer without loading the runtimes.
  const [{ default: pino }, { startEmulator }] = await Promise.all([
    import("pino"),
    import("../start-emulator.js"),
  ]);
  // Synchronous: a closed stderr fails a write at once instead of a flush retried forever at exit.
  const logger = pino({ level: config.logLevel }, pino.destination({ dest: 2, sync: true }));
  const emulator = await startEmulator({
    ...config,
    ...(args.port !== undefined ? { port: args.port } : {}),
    ...(args.host !== undefined ? { host: args.host } : {}),
    logger,
  });
  process.stdout.write(banner(emulator));
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "stopping");
    // Bounded: a stuck engine must not keep the process alive forever.
    setTimeout(() => process.exit(1), 30_000).unref();
    emulator.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`emulator: stopping failed: ${(error as Error).message}`);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
