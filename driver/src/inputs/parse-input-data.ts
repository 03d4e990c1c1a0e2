import { closest, distance } from "fastest-levenshtein";
import { z } from "zod";
import { DriverError, ValidationError } from "../errors.js";
import { InputDataSchema, RESOURCE_TYPE, type InputData } from "./input-data.js";

type Path = readonly PropertyKey[];

const dotted = (path: Path) => path.map(String).join(".");
const isSecretPath = (path: Path) => path[0] === "driver" && path[1] === "secrets";

/** Follows optional/default/nullable wrappers down to the schema that does the work. */
function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (;;) {
    const inner = (current._zod.def as { innerType?: z.ZodType }).innerType;
    if (!inner) return current;
    current = inner;
  }
}

/** The schema describing the value at `path`, if the path exists in InputData. */
function schemaAt(path: Path): z.ZodType | undefined {
  let schema: z.ZodType | undefined = InputDataSchema;
  for (const key of path) {
    const object: z.ZodType | undefined = schema && unwrap(schema);
    if (!(object instanceof z.ZodObject)) return undefined;
    schema = (object.shape as Record<string, z.ZodType>)[String(key)];
  }
  return schema && unwrap(schema);
}

function unknownKeyError(path: Path, key: string): DriverError {
  const parent = schemaAt(path);
  const known = parent instanceof z.ZodObject ? Object.keys(parent.shape) : [];
  const field = dotted([...path, key]);
  if (path.length === 0 && key === "id") {
    return new DriverError("RES-102", "unknown key", {
      field,
      fix: "remove it: the resource id (GUResID) is the last segment of the URL path, not part of the body",
    });
  }
  const guess = known.length > 0 ? closest(key, known) : undefined;
  const near =
    guess !== undefined && distance(key.toLowerCase(), guess) <= Math.max(2, Math.floor(key.length / 3));
  const where = path.length === 0 ? "the body" : dotted(path);
  return new DriverError("RES-102", "unknown key", {
    field,
    fix: near
      ? `did you mean "${guess}"? Keys accepted in ${where}: ${known.join(", ")}`
      : `remove it; keys accepted in ${where}: ${known.join(", ") || "none"}`,
    details: near ? { suggestion: guess } : {},
  });
}

function describeInput(input: unknown): string {
  const text = JSON.stringify(input);
  if (text === undefined) return String(input);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function issueToErrors(issue: z.core.$ZodIssue): DriverError[] {
  if (issue.code === "unrecognized_keys") return issue.keys.map((key) => unknownKeyError(issue.path, key));
  const field = dotted(issue.path) || "body";
  const inValues = issue.path[0] === "driver" && issue.path[1] === "values" && issue.path.length > 2;
  const description = schemaAt(issue.path)?.description;
  const got =
    issue.input === undefined
      ? " (missing)"
      : isSecretPath(issue.path)
        ? ""
        : `, got ${describeInput(issue.input)}`;
  return [
    new DriverError(inValues ? "RES-101" : "RES-107", `${issue.message}${got}`, {
      field,
      fix: description ? `set it to ${description}` : "see the InputData schema at GET /openapi.json",
    }),
  ];
}

/**
 * Validates a PUT body against InputData and the driver inputs, reporting every problem at once.
 * Messages name the field and the fix and never echo a value from driver.secrets.
 */
export function parseInputData(body: unknown): InputData {
  if (body === undefined) {
    throw new DriverError("RES-107", "the request has no body", {
      field: "body",
      fix: `send InputData as JSON, e.g. {"type":"${RESOURCE_TYPE}","driver":{"values":{}}}`,
    });
  }
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    const kind = body === null ? "null" : Array.isArray(body) ? "an array" : typeof body;
    throw new DriverError("RES-107", `expected a JSON object, got ${kind}`, {
      field: "body",
      fix: `send InputData as a JSON object, e.g. {"type":"${RESOURCE_TYPE}","driver":{"values":{}}}`,
    });
  }
  const result = InputDataSchema.safeParse(body, { reportInput: true });
  const errors = result.success ? [] : result.error.issues.flatMap(issueToErrors);
  const type = (body as { type?: unknown }).type;
  if (typeof type === "string" && type !== RESOURCE_TYPE) {
    errors.unshift(
      new DriverError("RES-104", `unsupported resource type ${describeInput(type)}`, {
        field: "type",
        fix: `this driver provisions "${RESOURCE_TYPE}" only; register it for that type`,
      }),
    );
  }
  if (errors.length > 0 || !result.success) throw new ValidationError(errors);
  return result.data;
}
