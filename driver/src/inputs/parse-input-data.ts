import { closest, distance } from "fastest-levenshtein";
import { z } from "zod";
import { DriverError, ValidationError } from "../errors.js";
import { RESERVED_TAG_KEY_PROBLEM } from "./driver-inputs.js";
import { InputDataSchema, RESOURCE_TYPE, type InputData } from "./input-data.js";
import { quoteValue } from "./quote-value.js";

type Path = readonly PropertyKey[];

/** Longest path segment a message repeats: keys come from the caller and may be kilobytes long. */
const MAX_SEGMENT = 64;

const segment = (key: PropertyKey) => {
  const text = String(key);
  return text.length > MAX_SEGMENT ? `${text.slice(0, MAX_SEGMENT - 3)}...` : text;
};
const dotted = (path: Path) => path.map(segment).join(".");
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
    if (!(object instanceof z.ZodObject) || !Object.hasOwn(object.shape, key)) return undefined;
    schema = (object.shape as Record<string, z.ZodType>)[String(key)];
  }
  return schema && unwrap(schema);
}

/**
 * Unknown keys under driver.secrets are reported without their names: whatever a caller put
 * there may be a secret, its key included. A near-miss still gets the key it resembles.
 */
function unknownSecretKeysError(path: Path, keys: readonly string[]): DriverError {
  const parent = schemaAt(path);
  const known = parent instanceof z.ZodObject ? Object.keys(parent.shape) : [];
  const guesses = new Set(
    keys.flatMap((key) => {
      const guess = known.length > 0 ? closest(key, known) : undefined;
      return guess !== undefined && distance(key.toLowerCase(), guess) <= 2 ? [guess] : [];
    }),
  );
  const where = dotted(path);
  const accepted = `keys accepted in ${where}: ${known.join(", ") || "none"}`;
  return new DriverError(
    "RES-102",
    `${keys.length === 1 ? "an unknown key" : `${keys.length} unknown keys`} (names not shown: ${where} may hold secrets)`,
    {
      field: where,
      fix:
        guesses.size > 0
          ? `did you mean ${[...guesses].map((guess) => `"${guess}"`).join(" or ")}? ${accepted}`
          : `remove ${keys.length === 1 ? "it" : "them"}; ${accepted}`,
    },
  );
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

/** The part of a path under driver.secrets that names schema keys only, never a caller's own key. */
function knownPrefix(path: Path): Path {
  const known: PropertyKey[] = [];
  for (const key of path) {
    if (typeof key !== "string" || schemaAt([...known, key]) === undefined) break;
    known.push(key);
  }
  return known;
}

function issueToErrors(issue: z.core.$ZodIssue): DriverError[] {
  const secret = isSecretPath(issue.path);
  if (issue.code === "unrecognized_keys") {
    return secret
      ? [unknownSecretKeysError(issue.path, issue.keys)]
      : issue.keys.map((key) => unknownKeyError(issue.path, key));
  }
  const path = secret ? knownPrefix(issue.path) : issue.path;
  const field = dotted(path) || "body";
  const inValues = path[0] === "driver" && path[1] === "values" && path.length > 2;
  // A record's key or value has no schema of its own to describe it: the record's description does.
  const description = (schemaAt(path) ?? schemaAt(path.slice(0, -1)))?.description;
  // A record key that fails its own schema: its first problem says why.
  const message =
    issue.code === "invalid_key"
      ? `invalid key: ${issue.issues[0]?.message ?? issue.message}`
      : issue.message;
  const got = issue.input === undefined ? " (missing)" : secret ? "" : `, got ${quoteValue(issue.input)}`;
  return [
    new DriverError(inValues ? "RES-101" : "RES-107", `${message}${got}`, {
      field,
      fix: description ? `set it to ${description}` : "see the InputData schema at GET /openapi.json",
    }),
  ];
}

/** zod passes over an own `__proto__` key of a record without a word; a tag of that name is refused. */
function protoTagError(body: object): DriverError | undefined {
  const driver = (body as { driver?: unknown }).driver;
  const values =
    typeof driver === "object" && driver !== null ? (driver as { values?: unknown }).values : undefined;
  const tags =
    typeof values === "object" && values !== null ? (values as { tags?: unknown }).tags : undefined;
  if (typeof tags !== "object" || tags === null || !Object.hasOwn(tags, "__proto__")) return undefined;
  return new DriverError("RES-101", `invalid key: ${RESERVED_TAG_KEY_PROBLEM}`, {
    field: "driver.values.tags.__proto__",
    fix: "use another tag key",
  });
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
  const proto = protoTagError(body);
  if (proto) errors.push(proto);
  const type = (body as { type?: unknown }).type;
  if (typeof type === "string" && type !== RESOURCE_TYPE) {
    errors.unshift(
      new DriverError("RES-104", `unsupported resource type ${quoteValue(type)}`, {
        field: "type",
        fix: `this driver provisions "${RESOURCE_TYPE}" only; register it for that type`,
      }),
    );
  }
  if (errors.length > 0 || !result.success) throw new ValidationError(errors);
  return result.data;
}
