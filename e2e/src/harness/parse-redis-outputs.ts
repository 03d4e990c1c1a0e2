import { z } from "zod";
import type { RedisOutputs } from "./sample-app-process.js";

const OutputDataSchema = z.object({
  id: z.string(),
  type: z.literal("redis"),
  resource: z.object({
    values: z.object({
      host: z.string().min(1),
      port: z.int().min(1).max(65_535),
      tls: z.boolean(),
      ca_certificate: z.string().optional(),
      key_prefix: z.string().optional(),
    }),
    secrets: z.object({ username: z.string(), password: z.string(), url: z.string() }),
  }),
});

/**
 * The redis outputs of a PUT 200 body (OutputData) for `guresid`. Throws with every problem, each
 * named by its path only: the body holds secrets, so no value is ever quoted.
 */
export function parseRedisOutputs(body: unknown, guresid: string): RedisOutputs {
  const parsed = OutputDataSchema.safeParse(body);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".") || "(body)"}: ${issue.code}`);
    throw new Error(`the PUT 200 body is not redis OutputData: ${problems.join("; ")}`);
  }
  if (parsed.data.id !== guresid) {
    throw new Error(`the PUT 200 body names id ${JSON.stringify(parsed.data.id)}, not ${guresid}`);
  }
  const { values, secrets } = parsed.data.resource;
  return {
    values: {
      host: values.host,
      port: values.port,
      tls: values.tls,
      ...(values.ca_certificate ? { ca_certificate: values.ca_certificate } : {}),
      ...(values.key_prefix ? { key_prefix: values.key_prefix } : {}),
    },
    secrets,
  };
}
