import type { Logger } from "pino";
import type { DriverConfig } from "../config/load-config.js";
import type { Provisioner } from "./provisioner.js";

/** The provisioner the config names, built (and its code loaded) now, logged by name. */
export async function createProvisioner(
  config: Pick<DriverConfig, "provisioner">,
  logger: Logger,
): Promise<Provisioner> {
  const { module, settings, cwd } = config.provisioner;
  const provisioner = await module.open(settings, { logger, cwd });
  logger.info({ provisioner: provisioner.name }, "provisioner ready");
  return provisioner;
}
