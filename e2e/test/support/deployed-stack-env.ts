import { z } from "zod";

const seconds = (fallback: number) =>
  z
    .string()
    .regex(/^\d+$/, "a whole number of seconds")
    .transform(Number)
    .refine((value) => value > 0, "more than 0")
    .optional()
    .transform((value) => (value ?? fallback) * 1000);

const EnvSchema = z.object({
  E2E_DRIVER_URL: z.url().optional(),
  E2E_DRIVER_TOKEN: z.string().optional(),
  E2E_DRIVER_INPUTS: z.string().min(1).optional(),
  E2E_TIMEOUT_S: seconds(2400),
  E2E_POLL_INTERVAL_S: seconds(5),
  E2E_REQUIRE_CONNECT: z.enum(["0", "1"]).default("0"),
  E2E_SAMPLE_APP_URL: z.url().optional(),
});

export interface DeployedDriver {
  readonly url: string;
  readonly token: string | undefined;
  /** An inputs file in the conformance suite's format; absent: this project's defaults. */
  readonly inputsFile: string | undefined;
  /** How long a create, and then a delete, may stay in progress. */
  readonly timeoutMs: number;
  readonly pollIntervalMs: number;
  /** Whether a cache this machine cannot reach fails the run rather than being noted. */
  readonly requireConnect: boolean;
}

export interface DeployedStack {
  readonly driver: DeployedDriver | undefined;
  readonly sampleAppUrl: string | undefined;
}

/** The deployed stack the E2E_* variables describe (see e2e/README.md); throws listing every problem. */
export function deployedStackFromEnv(env: NodeJS.ProcessEnv = process.env): DeployedStack {
  const blankAsUnset = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ""));
  const parsed = EnvSchema.safeParse(blankAsUnset);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`invalid deployed-stack settings: ${problems.join("; ")}`);
  }
  const e = parsed.data;
  return {
    driver:
      e.E2E_DRIVER_URL === undefined
        ? undefined
        : {
            url: e.E2E_DRIVER_URL,
            token: e.E2E_DRIVER_TOKEN,
            inputsFile: e.E2E_DRIVER_INPUTS,
            timeoutMs: e.E2E_TIMEOUT_S,
            pollIntervalMs: e.E2E_POLL_INTERVAL_S,
            requireConnect: e.E2E_REQUIRE_CONNECT === "1",
          },
    sampleAppUrl: e.E2E_SAMPLE_APP_URL,
  };
}
