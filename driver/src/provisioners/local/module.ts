import path from "node:path";
import type { ProvisionerModule } from "../provisioner-module.js";
import { LocalSettingsSchema } from "./local-settings.js";

/** DRIVER_PROVISIONER=local: one real Redis per resource on this machine. */
export const localModule: ProvisionerModule<typeof LocalSettingsSchema> = {
  settings: LocalSettingsSchema,
  defaultKeyFile: (settings, cwd) => path.resolve(cwd, settings.LOCAL_STATE_DIR, "driver-key"),
  async open(settings, { logger, cwd }) {
    const { LocalProvisioner } = await import("./local-provisioner.js");
    return LocalProvisioner.open({
      runtime: settings.LOCAL_RUNTIME,
      image: settings.LOCAL_REDIS_IMAGE,
      redisServerPath: settings.LOCAL_REDIS_SERVER,
      stateDir: path.resolve(cwd, settings.LOCAL_STATE_DIR),
      advertiseHost: settings.LOCAL_ADVERTISE_HOST,
      createDelayMs: settings.LOCAL_CREATE_DELAY_MS,
      deleteDelayMs: settings.LOCAL_DELETE_DELAY_MS,
      readyTimeoutMs: settings.LOCAL_READY_TIMEOUT_MS,
      logger: logger.child({ component: "local" }),
    });
  },
};
