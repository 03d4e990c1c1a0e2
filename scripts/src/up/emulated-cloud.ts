import { UserError } from "../cli/user-error.js";

/** A local ElastiCache endpoint the driver's elasticache provisioner can work against. */
export interface EmulatedCloud extends AsyncDisposable {
  /** For people: "local ElastiCache endpoint at http://127.0.0.1:4575 (engines as processes)". */
  readonly description: string;
  /** What the driver needs beside `DRIVER_PROVISIONER=elasticache`: region, endpoint, dummy credentials. */
  readonly driverEnv: Readonly<Record<string, string>>;
  /** What a workload needs to trust the endpoint's engines, e.g. `NODE_EXTRA_CA_CERTS`. */
  readonly appEnv: Readonly<Record<string, string>>;
  close(): Promise<void>;
}

export type StartEmulatedCloud = () => Promise<EmulatedCloud>;

/** What `up --emulated-cloud` uses of the emulator package's front door. */
interface EmulatorModule {
  startEmulator(options?: { region?: string }): Promise<{
    readonly url: string;
    readonly region: string;
    readonly caPath: string;
    readonly runtime: string;
    readonly env: Readonly<Record<string, string>>;
    close(): Promise<void>;
  }>;
}

const EMULATOR_PACKAGE = "@elasticache-driver-kit/emulator";

/**
 * Starts the kit's local ElastiCache endpoint from the package `specifier` (the `emulator/`
 * package). It is loaded by name on use, so the other modes of `up` never load it.
 */
export const emulatedCloudFrom =
  (specifier: string): StartEmulatedCloud =>
  async () => {
    let module: EmulatorModule;
    try {
      module = (await import(specifier)) as EmulatorModule;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ERR_MODULE_NOT_FOUND") throw error;
      throw new UserError(
        "--emulated-cloud",
        `the local ElastiCache endpoint (${specifier}) is not installed in this checkout`,
        "update the kit to a version with emulator/ and run `pnpm install`, or run `npm run up` without --emulated-cloud",
        { cause: error },
      );
    }
    const emulator = await module.startEmulator();
    const close = () => emulator.close();
    return {
      description: `local ElastiCache endpoint at ${emulator.url} (engines as ${emulator.runtime})`,
      driverEnv: {
        ...emulator.env,
        AWS_REGION: emulator.region,
        AWS_ENDPOINT_URL_ELASTICACHE: emulator.url,
      },
      appEnv: { NODE_EXTRA_CA_CERTS: emulator.caPath },
      close,
      [Symbol.asyncDispose]: close,
    };
  };

export const startEmulatedCloud: StartEmulatedCloud = emulatedCloudFrom(EMULATOR_PACKAGE);
