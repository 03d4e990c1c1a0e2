import { z } from "zod";

/** An integer from the environment, within bounds, with a default. */
export const intFromEnv = (min: number, max: number, fallback: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

/** A comma-separated list from the environment, each entry matching `pattern`; empty entries dropped. */
export const listFromEnv = (pattern: RegExp, message: string) =>
  z
    .string()
    .transform((value) =>
      value
        .split(",")
        .map((entry) => entry.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().regex(pattern, message)));
