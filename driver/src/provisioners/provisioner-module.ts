import type { Logger } from "pino";
import type { z } from "zod";
import type { Provisioner } from "./provisioner.js";

/** What a provisioner gets besides its own settings. */
export interface ProvisionerContext {
  logger: Logger;
  /** Resolves relative paths in settings (the driver's working directory). */
  cwd: string;
}

/**
 * How the driver finds one provisioner: its env settings (validated at start-up with the rest of
 * the configuration) and a factory loaded only when this provisioner is the one configured, so a
 * driver running one backend never loads another's dependencies.
 */
export interface ProvisionerModule<Settings extends z.ZodObject = z.ZodObject> {
  /** The environment variables this provisioner reads; descriptions feed the table of docs/configuration.md. */
  readonly settings: Settings;
  /**
   * Where the driver keeps its key when neither DRIVER_SECRET_KEY nor DRIVER_KEY_FILE is set:
   * only provisioners that run on this machine offer one (the driver then runs in local mode).
   */
  defaultKeyFile?(settings: z.output<Settings>, cwd: string): string;
  /** Builds the provisioner; the import behind it happens here, not at start-up. */
  open(settings: z.output<Settings>, context: ProvisionerContext): Promise<Provisioner>;
}

/** The same module with its settings already parsed: what the configuration carries. */
export interface ConfiguredProvisioner {
  readonly name: string;
  readonly module: ProvisionerModule;
  readonly settings: Readonly<Record<string, unknown>>;
  /** Where relative paths in the settings are resolved from. */
  readonly cwd: string;
}
