import { z } from "zod";
import { intFromEnv } from "../../config/env-fields.js";

/** The environment variables of the local provisioner (DRIVER_PROVISIONER=local). */
export const LocalSettingsSchema = z.object({
  LOCAL_RUNTIME: z
    .enum(["auto", "container", "process"])
    .default("auto")
    .describe("auto: a container runtime when one answers, else redis-server processes"),
  LOCAL_REDIS_IMAGE: z.string().min(1).default("redis:7").describe("image for the container runtime"),
  LOCAL_REDIS_SERVER: z.string().min(1).default("redis-server").describe("binary for the process runtime"),
  LOCAL_STATE_DIR: z
    .string()
    .min(1)
    .default(".driver-state")
    .describe("where the local provisioner keeps state"),
  LOCAL_ADVERTISE_HOST: z.string().min(1).default("127.0.0.1").describe("host name put into outputs"),
  LOCAL_CREATE_DELAY_MS: intFromEnv(0, 600_000, 0).describe("artificial delay before a local create starts"),
  LOCAL_DELETE_DELAY_MS: intFromEnv(0, 600_000, 0).describe("artificial delay before a local delete starts"),
  LOCAL_READY_TIMEOUT_MS: intFromEnv(1_000, 600_000, 30_000).describe(
    "how long a local Redis may take to start",
  ),
});

export type LocalSettings = z.output<typeof LocalSettingsSchema>;
