import { z } from "zod";
import { DriverInputsSchema, DriverSecretsSchema } from "./driver-inputs.js";

export const RESOURCE_TYPE = "redis";

/** GUResID as the contract defines it; the length cap keeps ids within sane URL and name limits. */
export const GURESID_PATTERN = /^[a-z0-9][a-z0-9-]+[a-z0-9]$/;
export const GURESID_MAX_LENGTH = 128;

/** The PUT body (InputData). The id is the path, never the body. */
export const InputDataSchema = z
  .strictObject({
    type: z.string().describe('the resource type; this driver serves "redis"'),
    resource: z
      .record(z.string(), z.unknown())
      .nullable()
      .optional()
      .describe("resource inputs; the redis type has none"),
    driver: z
      .strictObject({
        values: DriverInputsSchema.default(DriverInputsSchema.parse({})),
        secrets: DriverSecretsSchema.default({}),
      })
      .default({ values: DriverInputsSchema.parse({}), secrets: {} }),
  })
  .describe("InputData: what Humanitec sends on PUT");

export type InputData = z.output<typeof InputDataSchema>;

const ResourceOutputsSchema = z.object({
  values: z.object({
    host: z.string(),
    port: z.int(),
    tls: z.boolean(),
    ca_certificate: z.string().optional().describe("PEM of the CA to verify the server certificate"),
  }),
  secrets: z.object({ username: z.string(), password: z.string(), url: z.string() }),
});

export const OutputDataSchema = z
  .object({
    id: z.string(),
    type: z.literal(RESOURCE_TYPE),
    resource: ResourceOutputsSchema,
    manifests: z.array(z.object({ location: z.string(), data: z.record(z.string(), z.unknown()) })),
  })
  .describe("OutputData: the ready resource");

export const ErrorBodySchema = z
  .object({
    error: z.string().regex(/^RES-1[0-9][0-9]$/),
    message: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
  })
  .describe("Error body of every 4xx");

export const ProgressHintSchema = z
  .object({
    status: z.enum(["creating", "updating", "deleting"]).optional(),
    estimated_completion_time: z.iso.datetime().optional(),
    timeout: z.iso.datetime().optional(),
    current_time: z.iso.datetime().optional(),
  })
  .describe("AsyncProgressHint: body of 202 and 409");
