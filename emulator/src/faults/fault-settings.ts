import { z } from "zod";

export const DEFAULT_CREATE_FAILED_MESSAGE =
  "Failed to create the cache: insufficient cache node capacity in the requested Availability Zone.";

const ActionNameSchema = z
  .string()
  .regex(/^[A-Z][A-Za-z]+$/, "must be an ElastiCache action name such as CreateReplicationGroup");

/** Fault settings by action name; a key that is no action name says so. */
const byAction = <T extends z.ZodType>(value: T) =>
  z.record(ActionNameSchema, value, {
    error: (issue) =>
      issue.code === "invalid_key"
        ? "keys must be ElastiCache action names such as CreateReplicationGroup"
        : undefined,
  });

/**
 * Which calls of one action get a fault, counted per action from when the settings were set:
 * call n is chosen when n > after and (n - after) is a multiple of every, until times were chosen.
 */
export const CallSelectionSchema = z
  .object({
    every: z.int().min(1).max(1_000_000).default(1).describe("every Nth call after the skipped ones"),
    after: z.int().min(0).max(1_000_000).default(0).describe("how many first calls pass untouched"),
    times: z.int().min(1).max(1_000_000).optional().describe("at most this many calls (default: no limit)"),
  })
  .strict();

export type CallSelection = z.output<typeof CallSelectionSchema>;

/** Faults to inject, as set by environment at start or by `PUT /_emulator/faults` at run time. */
export const FaultSettingsSchema = z
  .object({
    createFailedPattern: z
      .string()
      .min(1)
      .refine(
        (pattern) => {
          try {
            new RegExp(pattern);
            return true;
          } catch {
            return false;
          }
        },
        { message: "must be a valid regular expression" },
      )
      .optional()
      .describe("caches whose id matches this regular expression end in create-failed"),
    createFailedMessage: z
      .string()
      .min(1)
      .max(1_000)
      .default(DEFAULT_CREATE_FAILED_MESSAGE)
      .describe("the DescribeEvents message of an injected create failure"),
    throttleEvery: z
      .int()
      .min(0)
      .max(1_000_000)
      .default(0)
      .describe("answer every Nth API call with Throttling (0: never)"),
    slowCreateMs: z.int().min(0).max(3_600_000).default(0).describe("extra time every create takes, in ms"),
    denyActions: z
      .array(
        z
          .string()
          .regex(/^[A-Z][A-Za-z]+$/, "must be an ElastiCache action name such as CreateReplicationGroup"),
      )
      .default([])
      .describe("actions answered with AccessDenied"),
    throttleActions: byAction(CallSelectionSchema)
      .default({})
      .describe('calls of named actions answered with Throttling, e.g. {"CreateUser": {"after": 1}}'),
    pauseActions: byAction(CallSelectionSchema)
      .default({})
      .describe("calls of named actions held before they run until released (POST /_emulator/held/release)"),
    pauseTimeoutMs: z
      .int()
      .min(1)
      .max(600_000)
      .default(60_000)
      .describe("a held call runs on its own after this long, in ms"),
  })
  .strict();

export type FaultSettings = z.output<typeof FaultSettingsSchema>;
export type FaultSettingsInput = z.input<typeof FaultSettingsSchema>;

export const NO_FAULTS: FaultSettings = FaultSettingsSchema.parse({});

/** Problems of a settings document, one line per field, or the parsed settings. */
export function parseFaultSettings(input: unknown): { settings: FaultSettings } | { problems: string[] } {
  const result = FaultSettingsSchema.safeParse(input);
  if (result.success) return { settings: result.data };
  return {
    problems: result.error.issues.map((issue) => `${issue.path.join(".") || "(body)"}: ${issue.message}`),
  };
}
