import { z } from "zod";
import { parseEngineImages } from "../engine/engine-images.js";
import { FaultSettingsSchema } from "../faults/fault-settings.js";
import type { EmulatorOptions } from "../start-emulator.js";

const int = (min: number, max: number, fallback: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);
const optionalInt = (min: number, max: number) => z.coerce.number().int().min(min).max(max).optional();

/**
 * Environment variables `pnpm emulator` reads. Precedence: command-line flags, then these, then
 * the defaults. Each description is printed by `--help` and in the README.
 */
export const EmulatorEnvSchema = z.object({
  EMULATOR_PORT: int(0, 65_535, 4575).describe("TCP port to listen on (0 picks a free one)"),
  EMULATOR_HOST: z.string().min(1).default("127.0.0.1").describe("interface to listen on"),
  EMULATOR_REGION: z
    .string()
    .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, "must be an AWS region name such as us-east-1")
    .optional()
    .describe("the region served (default: AWS_REGION, else us-east-1)"),
  AWS_REGION: z.string().optional(),
  EMULATOR_ACCOUNT_ID: z
    .string()
    .regex(/^\d{12}$/, "must be 12 digits")
    .default("000000000000")
    .describe("account id in ARNs"),
  EMULATOR_RUNTIME: z
    .enum(["auto", "process", "container"])
    .default("auto")
    .describe("how engines run: redis-server processes, containers, or auto"),
  EMULATOR_REDIS_IMAGE: z.string().min(1).default("redis:7").describe("image of the container runtime"),
  EMULATOR_ENGINE_IMAGES: z
    .string()
    .optional()
    .superRefine((spec, ctx) => {
      try {
        parseEngineImages(spec ?? "");
      } catch (error) {
        ctx.addIssue({ code: "custom", message: error instanceof Error ? error.message : String(error) });
      }
    })
    .describe("container images by engine and major version, e.g. valkey:8=valkey/valkey:8"),
  EMULATOR_REDIS_SERVER: z.string().min(1).default("redis-server").describe("binary of the process runtime"),
  EMULATOR_STATE_ROOT: z
    .string()
    .min(1)
    .optional()
    .describe("parent of each run's state dir (default: <tmp>/elasticache-emulator)"),
  EMULATOR_READY_TIMEOUT_MS: int(100, 600_000, 30_000).describe("how long an engine may take to start"),
  // Long enough that a client started after a create (a second CLI process, a waiter) first sees
  // the transitional status and polls again, as it must on AWS; tests set them shorter.
  EMULATOR_CREATE_DELAY_MS: int(0, 3_600_000, 5_000).describe("how long creating lasts"),
  EMULATOR_MODIFY_DELAY_MS: int(0, 3_600_000, 3_000).describe("how long modifying lasts"),
  EMULATOR_DELETE_DELAY_MS: int(0, 3_600_000, 3_000).describe("how long deleting lasts"),
  EMULATOR_FAIL_CREATE_PATTERN: z
    .string()
    .min(1)
    .optional()
    .describe("caches whose id matches this regex end create-failed"),
  EMULATOR_FAIL_CREATE_MESSAGE: z.string().min(1).optional().describe("the event message of those failures"),
  EMULATOR_THROTTLE_EVERY: optionalInt(0, 1_000_000).describe(
    "answer every Nth call with Throttling (0: never)",
  ),
  EMULATOR_SLOW_CREATE_MS: optionalInt(0, 3_600_000).describe("extra time every create takes"),
  EMULATOR_DENY_ACTIONS: z.string().optional().describe("comma-separated actions answered with AccessDenied"),
  EMULATOR_LOG_LEVEL: z
    .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"])
    .default("info")
    .describe("log level of the JSON log on stderr"),
});

export type EmulatorConfig = Required<
  Pick<
    EmulatorOptions,
    | "port"
    | "host"
    | "region"
    | "account"
    | "runtime"
    | "redisImage"
    | "engineImages"
    | "redisServerPath"
    | "readyTimeoutMs"
    | "delays"
    | "faults"
  >
> &
  Pick<EmulatorOptions, "stateRoot"> & { logLevel: z.output<typeof EmulatorEnvSchema>["EMULATOR_LOG_LEVEL"] };

/** Every problem of the environment at once, one line each: `NAME: problem`. */
export class EmulatorConfigError extends Error {
  override readonly name = "EmulatorConfigError";

  constructor(readonly problems: readonly string[]) {
    super(
      `The emulator's configuration is invalid:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`,
    );
  }
}

export function loadEmulatorConfig(env: NodeJS.ProcessEnv = process.env): EmulatorConfig {
  const parsed = EmulatorEnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new EmulatorConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`),
    );
  }
  const e = parsed.data;
  const faultInput = {
    ...(e.EMULATOR_FAIL_CREATE_PATTERN !== undefined
      ? { createFailedPattern: e.EMULATOR_FAIL_CREATE_PATTERN }
      : {}),
    ...(e.EMULATOR_FAIL_CREATE_MESSAGE !== undefined
      ? { createFailedMessage: e.EMULATOR_FAIL_CREATE_MESSAGE }
      : {}),
    ...(e.EMULATOR_THROTTLE_EVERY !== undefined ? { throttleEvery: e.EMULATOR_THROTTLE_EVERY } : {}),
    ...(e.EMULATOR_SLOW_CREATE_MS !== undefined ? { slowCreateMs: e.EMULATOR_SLOW_CREATE_MS } : {}),
    ...(e.EMULATOR_DENY_ACTIONS !== undefined
      ? {
          denyActions: e.EMULATOR_DENY_ACTIONS.split(",")
            .map((action) => action.trim())
            .filter(Boolean),
        }
      : {}),
  };
  const faults = FaultSettingsSchema.safeParse(faultInput);
  if (!faults.success) {
    const names: Record<string, string> = {
      createFailedPattern: "EMULATOR_FAIL_CREATE_PATTERN",
      createFailedMessage: "EMULATOR_FAIL_CREATE_MESSAGE",
      throttleEvery: "EMULATOR_THROTTLE_EVERY",
      slowCreateMs: "EMULATOR_SLOW_CREATE_MS",
      denyActions: "EMULATOR_DENY_ACTIONS",
    };
    throw new EmulatorConfigError(
      faults.error.issues.map(
        (issue) => `${names[String(issue.path[0])] ?? String(issue.path[0])}: ${issue.message}`,
      ),
    );
  }
  const region = e.EMULATOR_REGION ?? e.AWS_REGION ?? "us-east-1";
  return {
    port: e.EMULATOR_PORT,
    host: e.EMULATOR_HOST,
    region,
    account: e.EMULATOR_ACCOUNT_ID,
    runtime: e.EMULATOR_RUNTIME,
    redisImage: e.EMULATOR_REDIS_IMAGE,
    engineImages: Object.fromEntries(parseEngineImages(e.EMULATOR_ENGINE_IMAGES ?? "")),
    redisServerPath: e.EMULATOR_REDIS_SERVER,
    stateRoot: e.EMULATOR_STATE_ROOT,
    readyTimeoutMs: e.EMULATOR_READY_TIMEOUT_MS,
    delays: {
      createMs: e.EMULATOR_CREATE_DELAY_MS,
      modifyMs: e.EMULATOR_MODIFY_DELAY_MS,
      deleteMs: e.EMULATOR_DELETE_DELAY_MS,
    },
    faults: faults.data,
    logLevel: e.EMULATOR_LOG_LEVEL,
  };
}
