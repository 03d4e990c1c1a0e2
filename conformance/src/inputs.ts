import { readFile } from "node:fs/promises";
import { z } from "zod";
import { isPlainObject } from "./shapes/json.js";

const JsonObject = z.record(z.string(), z.unknown());

const DriverChangeSchema = z.strictObject({
  values: JsonObject.optional(),
  secrets: JsonObject.optional(),
});

/**
 * What the suite sends for its test resources; a JSON file in this shape makes the suite usable
 * against any driver (see README.md).
 */
export const DriverTestInputsSchema = z.strictObject({
  /** The resource type the driver is registered for, e.g. `redis`. */
  type: z.string().min(1),
  /** InputData `resource` (v0.9) / `resource_params` (2020); `{}` when absent. */
  resource: JsonObject.nullable().optional(),
  /** Driver inputs: `driver.values` / `driver.secrets` (v0.9), `driver_params` / `driver_secrets` (2020). */
  driver: z
    .strictObject({ values: JsonObject.default({}), secrets: JsonObject.default({}) })
    .default({ values: {}, secrets: {} }),
  /** Merged over `driver` for UPDATE-READY: a change the driver can apply in place. Absent: update checks skip. */
  update: DriverChangeSchema.optional(),
  /** Merged over `driver` for PUT-409-CONFLICT: a different configuration sent while a create is in flight. */
  conflict: DriverChangeSchema.optional(),
  /** Whether CONN-SET-GET may connect to the outputs as Redis; default: true when `type` is `redis`. */
  connectivity: z.boolean().optional(),
});

export type DriverTestInputs = z.output<typeof DriverTestInputsSchema>;
export type DriverTestInputsIn = z.input<typeof DriverTestInputsSchema>;

export interface DriverInputs {
  readonly values: Record<string, unknown>;
  readonly secrets: Record<string, unknown>;
}

/** Inputs for this project's redis driver; other drivers need their own file. */
export const DEFAULT_REDIS_INPUTS: DriverTestInputs = Object.freeze({
  type: "redis",
  driver: { values: {}, secrets: {} },
  update: { values: { maxmemory_policy: "allkeys-lru" } },
  conflict: { values: { maxmemory_policy: "noeviction" } },
});

/** Validates inputs, listing every problem at once. */
export function parseInputs(value: unknown, source = "inputs"): DriverTestInputs {
  const parsed = DriverTestInputsSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map(
    (issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`,
  );
  throw new Error(`${source} is not a valid inputs file: ${problems.join("; ")}`);
}

export async function loadInputs(file: string): Promise<DriverTestInputs> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new Error(
      `cannot read inputs file ${file}: ${error instanceof Error ? error.message : String(error)}`,
      {
        cause: error,
      },
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(
      `inputs file ${file} is not JSON: ${error instanceof Error ? error.message : String(error)}`,
      {
        cause: error,
      },
    );
  }
  return parseInputs(json, file);
}

/** The driver inputs with a change merged over them (objects merge key by key; anything else is replaced). */
export function withChange(
  base: DriverInputs,
  change: z.output<typeof DriverChangeSchema> | undefined,
): DriverInputs {
  return {
    values: deepMerge(base.values, change?.values ?? {}),
    secrets: deepMerge(base.secrets, change?.secrets ?? {}),
  };
}

function deepMerge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const current = merged[key];
    merged[key] = isPlainObject(current) && isPlainObject(value) ? deepMerge(current, value) : value;
  }
  return merged;
}

/** Whether CONN-SET-GET applies to this resource type. */
export function connectivityWanted(inputs: DriverTestInputs): boolean {
  return inputs.connectivity ?? inputs.type === "redis";
}
