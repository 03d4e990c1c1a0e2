import { DriverInputsSchema } from "@elasticache-driver-kit/driver";
import { UserError } from "../cli/user-error.js";
import { driverDefinition, driverTarget, type DriverDefinition } from "./driver-definition.js";
import { resourceDefinition, type ResourceDefinition } from "./resource-definition.js";

export interface RegistrationInput {
  readonly org: string;
  readonly driverId: string;
  readonly definitionId: string;
  readonly envType: string;
  readonly driverAccount: string | undefined;
  /** The driver's public URL; the target is this plus the secret path segment. */
  readonly driverUrl: string | undefined;
  /** `DRIVER_AUTH_PATH_SECRET`: the secret segment the driver checks. */
  readonly pathSecret: string | undefined;
  /** The whole target instead (then no secret is added). */
  readonly target: string | undefined;
  /** `driver.values` for the resource definition, as JSON text. */
  readonly valuesJson: string | undefined;
}

export interface Registration {
  readonly driver: DriverDefinition;
  readonly resource: ResourceDefinition;
  /** What to hide when printing. */
  readonly secrets: readonly string[];
}

const PATH_SECRET = /^[A-Za-z0-9_-]{32,256}$/;

/** Humanitec calls drivers over HTTPS; plain HTTP only to this machine (a local try-out). */
function checkUrl(flag: string, text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UserError(
      flag,
      `${JSON.stringify(text)} is not a URL`,
      `e.g. ${flag} https://cache-driver.example.com/`,
    );
  }
  const loopback = ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && loopback)) {
    throw new UserError(
      flag,
      `${url.protocol} is not https:`,
      "Humanitec calls drivers over HTTPS only: give the driver's https:// address",
    );
  }
  if (url.search || url.hash) throw new UserError(flag, "has a query or fragment", "give the base URL only");
  return url.href;
}

function parseValues(json: string | undefined): Record<string, unknown> {
  if (json === undefined) return {};
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    throw new UserError(
      "--values",
      `not JSON (${error instanceof Error ? error.message : String(error)})`,
      `e.g. --values '{"deployment":"serverless"}'`,
    );
  }
  const parsed = DriverInputsSchema.safeParse(value);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join(".") || "(values)"}: ${issue.message}`,
    );
    throw new UserError(
      "--values",
      `not valid driver inputs: ${problems.join("; ")}`,
      "use the keys and values of the driver's input table (docs/driver-reference.md, `npm run -s schema`)",
    );
  }
  return value as Record<string, unknown>;
}

/**
 * The driver definition (its `inputs_schema` generated from the driver's own input schema, its
 * `target` the driver's URL with the secret path segment) and the `redis` resource definition
 * that uses it, checked before anything is sent.
 */
export function buildRegistration(input: RegistrationInput): Registration {
  let target: string;
  const secrets: string[] = [];
  if (input.target !== undefined) {
    if (input.driverUrl !== undefined) {
      throw new UserError(
        "--target",
        "and --driver-url exclude each other",
        "pass the whole target, or the driver URL (the secret segment is then added)",
      );
    }
    target = checkUrl("--target", input.target);
  } else {
    if (input.driverUrl === undefined) {
      throw new UserError(
        "--driver-url",
        "missing",
        "pass the driver's public URL, e.g. --driver-url https://cache-driver.example.com/",
      );
    }
    const base = checkUrl("--driver-url", input.driverUrl);
    if (input.pathSecret === undefined) {
      throw new UserError(
        "DRIVER_AUTH_PATH_SECRET",
        "not set; Humanitec's hosted orchestrator authenticates to a driver only through a secret segment of the target's path",
        "export DRIVER_AUTH_PATH_SECRET with the value the driver runs with (`openssl rand -hex 24` makes one), or pass --target with the whole URL",
      );
    }
    if (!PATH_SECRET.test(input.pathSecret)) {
      throw new UserError(
        "DRIVER_AUTH_PATH_SECRET",
        "must be 32–256 characters of A-Z a-z 0-9 _ -, as the driver requires",
        "make one with `openssl rand -hex 24`",
      );
    }
    secrets.push(input.pathSecret);
    target = driverTarget(base, input.pathSecret);
  }
  return {
    driver: driverDefinition(input.driverId, target.endsWith("/") ? target : `${target}/`),
    resource: resourceDefinition({
      id: input.definitionId,
      org: input.org,
      driverId: input.driverId,
      driverAccount: input.driverAccount,
      values: parseValues(input.valuesJson),
      envType: input.envType,
    }),
    secrets,
  };
}

/** The payloads as JSON, every secret replaced unless `showSecrets`. */
export function formatRegistration(registration: Registration, showSecrets: boolean): string {
  let text = JSON.stringify(
    { driver_definition: registration.driver, resource_definition: registration.resource },
    null,
    2,
  );
  if (!showSecrets)
    for (const secret of registration.secrets) text = text.split(secret).join("<DRIVER_AUTH_PATH_SECRET>");
  return text;
}
