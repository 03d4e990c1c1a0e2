import type { Logger } from "pino";
import type { DriverConfig } from "../config/load-config.js";
import { LocalProvisioner } from "./local/local-provisioner.js";
import type { Provisioner } from "./provisioner.js";

/** The provisioner the config names, logged by name. */
export async function createProvisioner(config: DriverConfig, logger: Logger): Promise<Provisioner> {
  const provisioner = await LocalProvisioner.open({
    ...config.local,
    logger: logger.child({ component: "local" }),
  });
  logger.info({ provisioner: provisioner.name }, "provisioner ready");
  return provisioner;
}
