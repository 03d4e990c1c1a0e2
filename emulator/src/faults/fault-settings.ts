import { z } from "zod";

export const DEFAULT_CREATE_FAILED_MESSAGE =
  "Failed to create the cache: insufficient cache node capacity in the requested Availability Zone.";

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
